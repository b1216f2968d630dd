#!/usr/bin/env bash
# Load test of the calculation API with wrk.
#
# Publishes src/Tanpan.Web in Release, starts it on http://127.0.0.1:5099 against a throw-away SQLite file,
# checks that the 10-line inventory request answers 200 with a total, then measures
#   POST /api/v1/calculations/inventory  (bench/inventory-10-lines.lua, 10 lines)
#   GET  /health                          (an almost empty endpoint, for reference on the same machine)
# Each target gets a 5 s warm-up (discarded) and a measured run. Raw wrk output goes to
# bench/results/api-load-<date>.txt (gitignored); a summary is printed at the end.
#
# Overridable: WRK_THREADS (2), WRK_CONNECTIONS (32), WRK_DURATION (20s), PORT (5099).
# Note: wrk and the server share the machine, so on a small box the numbers are a lower bound for the server.
set -euo pipefail

WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
WRK_DURATION="${WRK_DURATION:-20s}"
PORT="${PORT:-5099}"
BASE="http://127.0.0.1:${PORT}"
INVENTORY_URL="${BASE}/api/v1/calculations/inventory"
HEALTH_URL="${BASE}/health"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
LUA="bench/inventory-10-lines.lua"

log() { printf '[api-load] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- tools -----------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
    log "wrk not found, installing it with apt-get"
    if ! apt-get install -y wrk >/dev/null 2>&1; then
        apt-get update >/dev/null
        apt-get install -y wrk >/dev/null
    fi
fi
command -v wrk >/dev/null 2>&1 || die "wrk is not available"
command -v curl >/dev/null 2>&1 || die "curl is not available"
command -v dotnet >/dev/null 2>&1 || die "dotnet is not available"

# --- temp dir, cleanup -----------------------------------------------------------------------------------------
TMP="$(mktemp -d "${TMPDIR:-/tmp}/tanpan-api-load.XXXXXX")"
APP_PID=""
cleanup() {
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. publish ------------------------------------------------------------------------------------------------
log "publishing src/Tanpan.Web (Release) to $TMP/app"
if ! dotnet publish src/Tanpan.Web -c Release -o "$TMP/app" --nologo -v quiet >"$TMP/publish.log" 2>&1; then
    cat "$TMP/publish.log" >&2
    die "dotnet publish failed"
fi

# --- 2. start the app ------------------------------------------------------------------------------------------
if curl -s -o /dev/null --max-time 2 "$BASE/"; then
    die "something already answers on $BASE; stop it or set PORT"
fi
log "starting the app on $BASE"
# `env` because a name with a dot (Microsoft.AspNetCore) is not a valid shell assignment; env execs dotnet,
# so $! is the app's own pid. The app runs from its publish folder so that its content root (wwwroot) is found,
# as in a real deployment.
cd "$TMP/app"
env ConnectionStrings__Sqlite="Data Source=$TMP/bench.db" \
    RateLimiting__CalculationsPerMinute=100000000 \
    Logging__LogLevel__Default=Warning \
    Logging__LogLevel__Microsoft.AspNetCore=Warning \
    DOTNET_gcServer=1 \
    ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$TMP/app/Tanpan.Web.dll" --urls "$BASE" >"$TMP/app.log" 2>&1 &
APP_PID=$!
cd "$ROOT"

ready=0
for _ in $(seq 1 120); do   # 120 x 0.5 s = 60 s
    if curl -sf -o /dev/null "$HEALTH_URL"; then ready=1; break; fi
    kill -0 "$APP_PID" 2>/dev/null || { cat "$TMP/app.log" >&2; die "the app exited during start-up"; }
    sleep 0.5
done
[[ $ready -eq 1 ]] || { cat "$TMP/app.log" >&2; die "the app did not answer $HEALTH_URL within 60 s"; }

# --- 3. the wrk script and a correctness check ------------------------------------------------------------------
[[ -f "$LUA" ]] || die "missing $LUA"

# The exact bytes wrk sends (Lua drops the newline right after `[[`).
awk '/^wrk\.body = \[\[/{f=1;next} /^\]\]/{f=0} f' "$LUA" >"$TMP/body.json"
status="$(curl -s -o "$TMP/check.json" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    --data-binary @"$TMP/body.json" "$INVENTORY_URL" || true)"
if [[ "$status" != "200" ]] || ! grep -q '"totalKgCo2e"' "$TMP/check.json"; then
    log "check request answered HTTP $status:"
    head -c 4000 "$TMP/check.json" >&2 || true
    echo >&2
    die "the 10-line inventory request does not succeed; not measuring"
fi
total="$(grep -o '"totalKgCo2e":[^,}]*' "$TMP/check.json" | head -n1 | cut -d: -f2)"
log "check request OK (HTTP 200, totalKgCo2e=$total, response $(wc -c <"$TMP/check.json") bytes)"

# --- 4. load ---------------------------------------------------------------------------------------------------
mkdir -p bench/results
STAMP="$(date +%Y%m%d-%H%M%S)"
OUT="bench/results/api-load-${STAMP}.txt"
CORES="$(nproc)"
{
    echo "# api-load $(date -Is)  host=$(hostname)  nproc=$CORES"
    echo "# commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)  $(wrk -v 2>&1 | head -n1)"
    echo "# threads=$WRK_THREADS connections=$WRK_CONNECTIONS duration=$WRK_DURATION"
    echo "# check: POST inventory -> HTTP 200, totalKgCo2e=$total"
} >"$OUT"

# run_wrk NAME URL [wrk args...] : warm-up (discarded), then the measured run appended to $OUT and $TMP/NAME.txt
run_wrk() {
    local name="$1" url="$2"; shift 2
    log "$name: warm-up 5 s"
    wrk -t2 -c16 -d5s "$@" "$url" >/dev/null
    log "$name: measuring ${WRK_DURATION} (-t$WRK_THREADS -c$WRK_CONNECTIONS)"
    wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency "$@" "$url" >"$TMP/$name.txt"
    { echo; echo "===== $name: $url ====="; cat "$TMP/$name.txt"; } >>"$OUT"
}

run_wrk inventory "$INVENTORY_URL" -s "$LUA"
run_wrk health "$HEALTH_URL"

if ! kill -0 "$APP_PID" 2>/dev/null; then
    die "the app died during the load test (see $OUT)"
fi
if [[ -s "$TMP/app.log" ]]; then
    { echo; echo "===== app log (warnings and errors) ====="; tail -n 200 "$TMP/app.log"; } >>"$OUT"
fi

# --- 5. summary ------------------------------------------------------------------------------------------------
rps()  { awk '/^Requests\/sec:/{print $2}' "$1"; }
pct()  { awk -v p="$2%" '$1==p{print $2; exit}' "$1"; }
non2() { awk -F: '/Non-2xx or 3xx responses/{gsub(/ /,"",$2); print $2; f=1} END{if(!f) print 0}' "$1"; }
reqs() { awk '/requests in/{print $1; exit}' "$1"; }
sockerr() { grep -m1 'Socket errors' "$1" | sed 's/^ *//' || true; }

summary() {
    echo
    echo "== Tanpan API load test ($(date -Is)) =="
    echo "cores (nproc): $CORES   wrk: -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION   (wrk runs on the same machine)"
    printf '%-10s %12s %10s %10s %10s %10s\n' "endpoint" "req/s" "p50" "p99" "requests" "non-2xx"
    local name se
    for name in inventory health; do
        printf '%-10s %12s %10s %10s %10s %10s\n' "$name" "$(rps "$TMP/$name.txt")" "$(pct "$TMP/$name.txt" 50)" \
            "$(pct "$TMP/$name.txt" 99)" "$(reqs "$TMP/$name.txt")" "$(non2 "$TMP/$name.txt")"
        se="$(sockerr "$TMP/$name.txt")"
        if [[ -n "$se" ]]; then echo "  $name: $se"; fi
    done
    echo "inventory = POST /api/v1/calculations/inventory (10 lines); health = GET /health"
    echo "raw wrk output: $OUT"
}
summary | tee -a "$OUT"
