#!/usr/bin/env bash
# Load test of the calculation API with wrk.
#
# Publishes src/Tanpan.Web in Release, starts it on http://127.0.0.1:5099 against a throw-away SQLite file,
# checks that the 10-line inventory request answers 200 with a total, then measures
#   POST /api/v1/calculations/inventory  (bench/inventory-10-lines.lua, 10 lines)
#   GET  /health                          (an almost empty endpoint: the reference on the same machine)
# Both endpoints get the same treatment: a warm-up with the measured settings (discarded; long enough for the JIT's
# tiering to finish under load, about 10 s here), then ROUNDS rounds, each measuring inventory and then health with
# the same wrk settings. The figure that counts is the ratio inventory req/s : health req/s within a round: both
# share the machine's state at that moment (wrk and the app share the cores, and other work may be running), so
# the ratio is comparable from run to run where the raw req/s are not. Raw wrk output goes to
# bench/results/api-load-<date>.txt (gitignored); a summary with each round's ratio is printed at the end.
#
# Overridable: WRK_THREADS (2), WRK_CONNECTIONS (32), WRK_DURATION (15s), WRK_WARMUP (15s), ROUNDS (3), PORT (5099),
# GOAL_RATIO (0.40), GOAL_P99_MS (10).
# Exit status: 0 whatever the figures (it measures, it does not judge); the summary says whether each round met the goal.
set -euo pipefail

WRK_THREADS="${WRK_THREADS:-2}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
WRK_DURATION="${WRK_DURATION:-15s}"
WRK_WARMUP="${WRK_WARMUP:-15s}"
ROUNDS="${ROUNDS:-3}"
PORT="${PORT:-5099}"
GOAL_RATIO="${GOAL_RATIO:-0.40}"
GOAL_P99_MS="${GOAL_P99_MS:-10}"
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
LOAD_BEFORE="$(uptime | sed 's/.*load average/load average/')"
{
    echo "# api-load $(date -Is)  host=$(hostname)  nproc=$CORES  $LOAD_BEFORE"
    echo "# commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)  $(wrk -v 2>&1 | head -n1)"
    echo "# threads=$WRK_THREADS connections=$WRK_CONNECTIONS duration=$WRK_DURATION warmup=$WRK_WARMUP rounds=$ROUNDS"
    echo "# check: POST inventory -> HTTP 200, totalKgCo2e=$total"
} >"$OUT"

WRK_ARGS=(-t"$WRK_THREADS" -c"$WRK_CONNECTIONS")
INVENTORY_ARGS=(-s "$LUA" "$INVENTORY_URL")
HEALTH_ARGS=("$HEALTH_URL")

# run_wrk NAME DURATION [wrk args...] : one wrk run, its output appended to $OUT and kept as $TMP/NAME.txt
run_wrk() {
    local name="$1" duration="$2"; shift 2
    wrk "${WRK_ARGS[@]}" -d"$duration" --latency "$@" >"$TMP/$name.txt"
    { echo; echo "===== $name: $* ====="; cat "$TMP/$name.txt"; } >>"$OUT"
}

log "warm-up: ${WRK_WARMUP} per endpoint (-t$WRK_THREADS -c$WRK_CONNECTIONS), discarded"
run_wrk warmup-inventory "$WRK_WARMUP" "${INVENTORY_ARGS[@]}"
run_wrk warmup-health "$WRK_WARMUP" "${HEALTH_ARGS[@]}"
for round in $(seq 1 "$ROUNDS"); do
    log "round $round/$ROUNDS: inventory then health, ${WRK_DURATION} each"
    run_wrk "inventory-$round" "$WRK_DURATION" "${INVENTORY_ARGS[@]}"
    run_wrk "health-$round" "$WRK_DURATION" "${HEALTH_ARGS[@]}"
done
LOAD_AFTER="$(uptime | sed 's/.*load average/load average/')"

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
# wrk prints latencies as 812.00us, 1.58ms or 1.02s
ms()   { awk -v v="$1" 'BEGIN{u=v; sub(/[0-9.]+/,"",u); n=v+0; if(u=="us") n/=1000; else if(u=="s") n*=1000; printf "%.2f", n}'; }

summary() {
    echo
    echo "== Tanpan API load test ($(date -Is)) =="
    echo "cores (nproc): $CORES   wrk: -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION per endpoint and round, warm-up $WRK_WARMUP each   (wrk runs on the same machine)"
    echo "before: $LOAD_BEFORE"
    echo "after:  $LOAD_AFTER"
    printf '%-6s %-10s %12s %10s %10s %10s %10s\n' "round" "endpoint" "req/s" "p50" "p99" "requests" "non-2xx"
    local round name se inv health p99 ratio met all_met=1 ratios=""
    for round in $(seq 1 "$ROUNDS"); do
        for name in inventory health; do
            local f="$TMP/$name-$round.txt"
            printf '%-6s %-10s %12s %10s %10s %10s %10s\n' "$round" "$name" "$(rps "$f")" "$(pct "$f" 50)" "$(pct "$f" 99)" "$(reqs "$f")" "$(non2 "$f")"
            se="$(sockerr "$f")"
            if [[ -n "$se" ]]; then echo "  $name: $se"; fi
        done
        inv="$(rps "$TMP/inventory-$round.txt")"
        health="$(rps "$TMP/health-$round.txt")"
        p99="$(ms "$(pct "$TMP/inventory-$round.txt" 99)")"
        ratio="$(awk -v a="$inv" -v b="$health" 'BEGIN{printf "%.3f", a/b}')"
        ratios="$ratios $ratio"
        met="$(awk -v r="$ratio" -v g="$GOAL_RATIO" -v p="$p99" -v q="$GOAL_P99_MS" -v n="$(non2 "$TMP/inventory-$round.txt")" 'BEGIN{print (r>=g && p<=q && n==0) ? "yes" : "NO"}')"
        [[ "$met" == "yes" ]] || all_met=0
        echo "       ratio inventory/health = $ratio   inventory p99 = ${p99} ms   goal (ratio >= $GOAL_RATIO, p99 <= $GOAL_P99_MS ms, no errors) met: $met"
    done
    echo "ratios:$ratios   median: $(echo "$ratios" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')   all rounds met the goal: $([[ $all_met -eq 1 ]] && echo yes || echo NO)"
    echo "inventory = POST /api/v1/calculations/inventory (10 lines); health = GET /health"
    echo "raw wrk output: $OUT"
}
summary | tee -a "$OUT"
