#!/usr/bin/env bash
# Run all tests: ./test.sh [extra dotnet test args...]
#
# - installs the Debian packages the tests need (TEST_APT_PACKAGES) if missing,
# - starts a throwaway PostgreSQL cluster on 127.0.0.1 (free port from 55432 up),
# - exports TANPAN_TEST_POSTGRES (an Npgsql connection string to it),
# - runs `dotnet test Tanpan.slnx -c Release "$@"` and exits with its exit code.
# The cluster is stopped and its temp dir removed on exit.
#
# Set TANPAN_TEST_POSTGRES yourself beforehand to use an existing server instead.

# Debian packages the tests need; add more here (e.g. python3-aiosmtpd chromium mosquitto).
TEST_APT_PACKAGES="postgresql chromium fonts-noto-cjk python3-aiosmtpd poppler-utils mosquitto"

set -Eeuo pipefail

log() { echo "[test.sh] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

# ---------------------------------------------------------------- packages
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

missing=()
for pkg in $TEST_APT_PACKAGES; do
    if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
        missing+=("$pkg")
    fi
done
# The web build restores Apache ECharts with npm (src/Tanpan.Web/package-lock.json); any npm will do (Debian's, or
# the one that comes with a Node.js package), so Debian's is installed only when there is none.
if ! command -v npm >/dev/null 2>&1; then
    missing+=("npm")
fi
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >&2
fi

# ---------------------------------------------------------------- postgres
PG_TMP=""
PG_DATA=""
PG_BIN=""
PG_RUN=()   # command prefix to run PostgreSQL tools as the cluster owner

cleanup() {
    local rc=$?
    set +e
    if [ -n "$PG_DATA" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
        log "stopping PostgreSQL"
        (cd "$PG_TMP" && "${PG_RUN[@]}" "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 30 >/dev/null 2>&1)
    fi
    if [ -n "$PG_TMP" ] && [ -d "$PG_TMP" ]; then
        rm -rf "$PG_TMP"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() {
    local port=$1
    if command -v ss >/dev/null 2>&1; then
        ss -Htln "sport = :$port" 2>/dev/null | grep -q .
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
    fi
}

start_postgres() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
        die "PostgreSQL server not found under /usr/lib/postgresql/*/bin (is the 'postgresql' package installed?)"
    fi
    PG_BIN=$dir

    PG_TMP=$(mktemp -d /tmp/tanpan-pg.XXXXXX)
    PG_DATA="$PG_TMP/data"
    mkdir "$PG_TMP/sock"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user"
        chown -R postgres: "$PG_TMP"
        PG_RUN=(runuser -u postgres --)
    else
        PG_RUN=()
    fi

    local t0=$SECONDS
    log "initdb ($PG_BIN) in $PG_TMP"
    if ! (cd "$PG_TMP" && "${PG_RUN[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust \
            -E UTF8 --locale=C --no-sync >"$PG_TMP/initdb.log" 2>&1); then
        cat "$PG_TMP/initdb.log" >&2
        die "initdb failed"
    fi

    local port=55432 tries=0
    while :; do
        while port_in_use "$port"; do port=$((port + 1)); done
        cat >>"$PG_DATA/postgresql.conf" <<EOF

# --- throwaway test cluster (test.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PG_TMP/sock'
max_connections = 200
fsync = off
full_page_writes = off
synchronous_commit = off
EOF
        if (cd "$PG_TMP" && "${PG_RUN[@]}" "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_TMP/postgres.log" \
                -w -t 60 >/dev/null 2>&1); then
            break
        fi
        tries=$((tries + 1))
        if [ "$tries" -ge 5 ] || ! grep -qi 'could not bind\|address already in use' "$PG_TMP/postgres.log" 2>/dev/null; then
            cat "$PG_TMP/postgres.log" >&2 2>/dev/null || true
            die "PostgreSQL failed to start"
        fi
        log "port $port taken, trying the next one"
        port=$((port + 1))
    done

    local i
    for i in $(seq 1 120); do
        if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then
            break
        fi
        [ "$i" -eq 120 ] && { cat "$PG_TMP/postgres.log" >&2; die "PostgreSQL not ready after 60s"; }
        sleep 0.5
    done

    export TANPAN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=unused;Database=postgres"
    log "PostgreSQL ready on 127.0.0.1:$port in $((SECONDS - t0))s"
}

if [ -n "${TANPAN_TEST_POSTGRES:-}" ]; then
    log "using existing TANPAN_TEST_POSTGRES; not starting a cluster"
else
    start_postgres
fi

# ---------------------------------------------------------------- tests
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
log "dotnet test Tanpan.slnx -c Release $*"
rc=0
dotnet test Tanpan.slnx -c Release "$@" </dev/null || rc=$?
log "dotnet test exited with $rc"
exit "$rc"
