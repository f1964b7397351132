#!/bin/sh
# The PostgreSQL engine's benchmarks, printed as Markdown tables (and kept in
# $BENCH_WORK/results-pg.md).  Run through the build: `cmake --build BUILD
# --target bench-pg`; or by hand:
#
#   sh bench/run-pg.sh BUILD/frontdesk BUILD/bench_ops
#
# It starts a server of its own (tests/pg-server.sh, with PostgreSQL's
# durable settings: every commit synced), builds a database with
# `frontdesk demo --appointments N` (timed), then measures
#   * `frontdesk day --json` beside psql answering the same indexed query
#     (the store's day SELECT with its joins): medians of $BENCH_RUNS runs,
#     and their ratio (target: within 2x);
#   * a booking, in the process, each its own transaction (bench_ops on a
#     copy of the database): median, p95 and max (target: under 15 ms).
# Timings use hyperfine when it is installed, else a loop of `date +%s%N`.
#
# Environment: BENCH_PG_SIZE (1000000), BENCH_RUNS (100), BENCH_WORK (a
# temporary folder; needs ~1 GB at a million).
set -eu

FD=${1:?usage: run-pg.sh FRONTDESK BENCH_OPS}
OPS=${2:?usage: run-pg.sh FRONTDESK BENCH_OPS}
HERE=$(cd "$(dirname "$0")" && pwd)
SIZE=${BENCH_PG_SIZE:-1000000}
RUNS=${BENCH_RUNS:-100}
WORK=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/frontdesk-bench.XXXXXX")}
NOW="2026-11-24 10:00" # the demo is built around this moment (a Tuesday)
DAY=2026-11-24

mkdir -p "$WORK"
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" HOME="$WORK"
unset FRONTDESK_CONFIG NO_COLOR
RESULTS="$WORK/results-pg.md"
: >"$RESULTS"
say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
note() { printf '%s\n' "$*" >&2; }

STATE="$WORK/pg-server"
PG_SERVER_DURABLE=1 sh "$HERE/../tests/pg-server.sh" start "$STATE" >&2
trap 'sh "$HERE/../tests/pg-server.sh" stop "$STATE"' EXIT
# shellcheck disable=SC1090
. "$STATE"
psql_on() { # DB ARGS...
    db=$1
    shift
    "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$db" "$@"
}

HAVE_HYPERFINE=0
command -v hyperfine >/dev/null 2>&1 && HAVE_HYPERFINE=1
# shellcheck source=bench/lib.sh
. "$HERE/lib.sh"

DAY_SQL=$(day_query "$DAY")
printf '%s;\n' "$DAY_SQL" >"$WORK/day.sql"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
say "## frontdesk on PostgreSQL, $(date -u '+%Y-%m-%d %H:%M UTC')"
say ""
say "Machine: ${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') cores;" \
    "$("$PG_BIN/postgres" --version), a server of its own on a unix socket, commits synced;" \
    "load average at start $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)."
say ""

# ---- the database -----------------------------------------------------------
"$PG_BIN/createdb" -h "$PG_SOCKET" demo
DB="postgresql:///demo?host=$PG_SOCKET"
start=$(date +%s%N)
"$FD" --db "$DB" --now "$NOW" demo --appointments "$SIZE" >/dev/null
built=$(awk -v t=$(($(date +%s%N) - start)) 'BEGIN { printf "%.1f", t / 1e9 }')
psql_on "$DB" -c "VACUUM ANALYZE" >/dev/null
stored=$(psql_on "$DB" -c "SELECT count(*) FROM appointment")
size=$(psql_on "$DB" -c "SELECT pg_database_size('demo') / 1048576")
say "\`demo --appointments $SIZE\`: $stored appointments stored in $built s; database $size MB."
say ""

# ---- day --json beside psql -------------------------------------------------
say "### \`day --json --date $DAY\` beside \`psql\` on the same indexed query"
say ""
say "| appointments | that day | frontdesk ms | psql ms | ratio | within 2x |"
say "|---:|---:|---:|---:|---:|:---:|"
fd_cmd="$FD --db $DB --now \"$NOW\" day --json --date $DAY"
sql_cmd="$PG_BIN/psql -X -A -t -d $DB -f $WORK/day.sql"
shown=$(sh -c "$fd_cmd" | grep -c '"confirmation"' || true)
rows=$(psql_on "$DB" -c "SELECT count(*) FROM ($DAY_SQL) day")
[ "$shown" = "$rows" ] || note "bench: day --json shows $shown appointments, psql $rows"
fd_ms=$(median_ms "$fd_cmd")
sql_ms=$(median_ms "$sql_cmd")
r=$(ratio "$fd_ms" "$sql_ms")
say "| $stored | $rows | $fd_ms | $sql_ms | $r | $(verdict "$r <= 2") |"
say ""

# ---- a booking -------------------------------------------------------------
say "### A booking on the $stored-appointment database (in-process, each its own transaction, synced)"
say ""
say "| operation | runs | median ms | p95 ms | max ms |"
say "|---|---:|---:|---:|---:|"
"$PG_BIN/createdb" -h "$PG_SOCKET" -T demo ops
"$OPS" "postgresql:///ops?host=$PG_SOCKET" "$NOW" book 200 | tee -a "$RESULTS"
say ""
say "Target: a booking under 15 ms median."
note "bench: results in $RESULTS"
