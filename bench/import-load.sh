#!/usr/bin/env bash
# Activity-data import benchmark: publishes src/Tanpan.Web in Release, starts it on http://127.0.0.1:5097 against a
# throw-away SQLite file with the demo company, and runs bench/import_load.py, which signs in, sets up a register
# and imports ROWS (50,000) activity rows through the inventory page's import form, once as .csv and once as .xlsx,
# timing each upload until the answer and the inventory page after it. Goal: < 10 s per 50,000-row import.
# Before the timed imports, WARMUP rows (10,000) are imported once per format, so that the figures are those of a
# server that has run before; the first import after start is slower by its JIT compilation (about 1 s here).
# Overridable: ROWS (50000), FORMATS (csv,xlsx), WARMUP (10000; 0 = none), PORT (5097).
set -euo pipefail
ROWS="${ROWS:-50000}"
FORMATS="${FORMATS:-csv,xlsx}"
WARMUP="${WARMUP:-10000}"
PORT="${PORT:-5097}"
BASE="http://127.0.0.1:${PORT}"
PASSWORD="Bench-$(date +%s)-pass"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
log() { printf '[import-load] %s\n' "$*" >&2; }
command -v python3 >/dev/null || { log "python3 is needed"; exit 1; }
TMP="$(mktemp -d "${TMPDIR:-/tmp}/tanpan-import-load.XXXXXX")"
APP_PID=""
cleanup() { [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

log "publishing src/Tanpan.Web (Release)"
dotnet publish src/Tanpan.Web -c Release -o "$TMP/app" --nologo -v quiet >"$TMP/publish.log" 2>&1 || { cat "$TMP/publish.log"; exit 1; }
cd "$TMP/app"
env ConnectionStrings__Sqlite="Data Source=$TMP/bench.db" Demo__Seed=true Demo__Password="$PASSWORD" \
    Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
    dotnet "$TMP/app/Tanpan.Web.dll" --urls "$BASE" >"$TMP/app.log" 2>&1 &
APP_PID=$!
cd "$ROOT"
for _ in $(seq 1 120); do curl -sf -o /dev/null "$BASE/health" && break; sleep 0.5; done
curl -sf -o /dev/null "$BASE/health" || { cat "$TMP/app.log"; exit 1; }

log "importing $ROWS rows ($FORMATS)"
echo "== Tanpan import benchmark ($(date -Is), nproc=$(nproc), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)) =="
python3 bench/import_load.py "$BASE" demo@tanpan.local "$PASSWORD" "$ROWS" "$FORMATS" "$WARMUP"
