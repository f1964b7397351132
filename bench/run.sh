#!/bin/sh
# The benchmarks of SPEC §5, printed as Markdown tables (and kept in
# $BENCH_WORK/results.md).  Run through the build: `make bench` or
# `cmake --build BUILD --target bench`; or by hand:
#
#   sh bench/run.sh BUILD/frontdesk [BUILD/bench_suggest]
#
# For each N in $BENCH_SIZES it builds a database with
# `frontdesk demo --appointments N` (timed), then measures
#   * `frontdesk day --json` beside the sqlite3 command-line tool answering
#     the same indexed query (the store's day SELECT with its joins, as
#     JSON): medians of $BENCH_RUNS runs, and their ratio;
#   * peak memory (maximum resident set) of `day --json`;
# and once, on the largest database:
#   * suggestions for a request with 20 therapists over 21 days
#     (bench_suggest, which adds 13 therapists to a copy of the demo);
#   * `import requests` of a generated 100,000-row CSV, if this build has
#     the importer.
# Timings use hyperfine when it is installed (installed with apt-get when
# missing and we are root), else a loop of `date +%s%N`.
#
# Environment: BENCH_SIZES ("10000 100000 1000000"), BENCH_RUNS (100),
# BENCH_WORK (a temporary folder; needs ~400 MB at a million),
# BENCH_REUSE=1 keeps databases already built in BENCH_WORK.
set -eu

FD=${1:?usage: run.sh FRONTDESK [BENCH_SUGGEST [BENCH_OPS]]}
SUGGEST=${2:-}
OPS=${3:-}
SIZES=${BENCH_SIZES:-"10000 100000 1000000"}
RUNS=${BENCH_RUNS:-100}
WORK=${BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/frontdesk-bench.XXXXXX")}
REUSE=${BENCH_REUSE:-0}
NOW="2026-11-24 10:00" # the demo is built around this moment (a Tuesday)
DAY=2026-11-24         # the day asked for: the desk's "today"
IMPORT_ROWS=100000

mkdir -p "$WORK"
# The built-in config, whatever the user running the bench has set up.
export XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" HOME="$WORK"
unset FRONTDESK_CONFIG NO_COLOR
RESULTS="$WORK/results.md"
: >"$RESULTS"

say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
note() { printf '%s\n' "$*" >&2; }

# ---- tools ----------------------------------------------------------------
install_if_missing() { # COMMAND PACKAGE
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        note "bench: installing $2"
        apt-get install -y -qq "$2" >/dev/null 2>&1 ||
            { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$2" >/dev/null 2>&1; } ||
            true
    fi
    command -v "$1" >/dev/null 2>&1
}
install_if_missing sqlite3 sqlite3 || { note "bench: sqlite3 is needed"; exit 1; }
HAVE_HYPERFINE=0
install_if_missing hyperfine hyperfine && HAVE_HYPERFINE=1
GNU_TIME=/usr/bin/time
if [ ! -x "$GNU_TIME" ]; then
    install_if_missing /usr/bin/time time || true
fi
[ -x "$GNU_TIME" ] || GNU_TIME=""

# ---- helpers --------------------------------------------------------------
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
# peak_kb CMD...: maximum resident set size in KB (largest of 3 runs).
peak_kb() {
    [ -n "$GNU_TIME" ] || { echo "?"; return; }
    best=0
    for _ in 1 2 3; do
        kb=$("$GNU_TIME" -f '%M' sh -c "exec $* >/dev/null 2>/dev/null" 2>&1 | tail -n 1)
        [ "$kb" -gt "$best" ] && best=$kb
    done
    echo "$best"
}

mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

DAY_SQL=$(day_query "$DAY")
printf '%s;\n' "$DAY_SQL" >"$WORK/day.sql"

# ---- the machine ----------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
say "## frontdesk benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')"
say ""
say "Machine: ${cpu:-unknown CPU}, $(nproc 2>/dev/null || echo '?') cores, ${mem:-? GB} RAM;" \
    "$(uname -sr); SQLite $(sqlite3 --version | cut -d' ' -f1);" \
    "load average at start $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)."
say "Timer: $([ "$HAVE_HYPERFINE" = 1 ] && hyperfine --version || echo 'shell loop (date +%s%N)'), $RUNS runs after a warm-up; medians."
say ""

# ---- demo databases -------------------------------------------------------
say "### Building the databases: \`frontdesk demo --appointments N\`"
say ""
say "| N | appointments stored | wall s | CPU s (user+sys) | peak RSS MB | file MB | under 60 s |"
say "|---:|---:|---:|---:|---:|---:|:---:|"
LARGEST=""
for n in $SIZES; do
    db="$WORK/demo-$n.db"
    if [ "$REUSE" = 1 ] && [ -s "$db" ]; then
        line="reused"
    else
        rm -f "$db" "$db-wal" "$db-shm"
        if [ -n "$GNU_TIME" ]; then
            line=$("$GNU_TIME" -f '%e %U %S %M' "$FD" --db "$db" --now "$NOW" demo \
                --appointments "$n" 2>&1 >/dev/null | tail -n 1)
        else
            start=$(date +%s%N)
            "$FD" --db "$db" --now "$NOW" demo --appointments "$n" >/dev/null
            line="$(awk -v t=$(($(date +%s%N) - start)) 'BEGIN { printf "%.2f", t / 1e9 }') ? ? 0"
        fi
    fi
    stored=$(sqlite3 "$db" "SELECT count(*) FROM appointment")
    size=$(($(wc -c <"$db") / 1024))
    if [ "$line" = reused ]; then
        say "| $n | $stored | (reused) | | | $(mb $size) | |"
    else
        set -- $line
        say "| $n | $stored | $1 | $(awk -v u="$2" -v s="$3" 'BEGIN { printf "%.2f", u + s }') |" \
            "$(mb "$4") | $(mb $size) | $(verdict "$1 < 60") |"
    fi
    LARGEST=$n
done
say ""

# ---- day --json beside sqlite3 --------------------------------------------
say "### \`day --json --date $DAY\` beside \`sqlite3 -json\` on the same indexed query (read from a file)"
say ""
say "| N | appointments that day | frontdesk ms | sqlite3 ms | ratio | within 1.5x | frontdesk peak MB | sqlite3 peak MB | under 16 MB |"
say "|---:|---:|---:|---:|---:|:---:|---:|---:|:---:|"
for n in $SIZES; do
    db="$WORK/demo-$n.db"
    fd_cmd="$FD --db $db --now \"$NOW\" day --json --date $DAY"
    sql_cmd="sqlite3 -json $db \".read $WORK/day.sql\""
    # Both answer the same: as many appointments in the JSON as rows.
    shown=$(sh -c "$fd_cmd" | grep -c '"confirmation"' || true)
    rows=$(sqlite3 "$db" "SELECT count(*) FROM ($DAY_SQL)")
    [ "$shown" = "$rows" ] || note "bench: day --json shows $shown appointments, sqlite3 $rows"
    fd_ms=$(median_ms "$fd_cmd")
    sql_ms=$(median_ms "$sql_cmd")
    r=$(ratio "$fd_ms" "$sql_ms")
    fd_kb=$(peak_kb "$fd_cmd")
    sql_kb=$(peak_kb "$sql_cmd")
    say "| $n | $rows | $fd_ms | $sql_ms | $r | $(verdict "$r <= 1.5") | $(mb "$fd_kb") |" \
        "$(mb "$sql_kb") | $(verdict "$fd_kb < 16384") |"
done
say ""
# At these sizes both answer in well under a millisecond of query time, so
# the ratio is mostly the cost of starting each program: shown apart here.
fd_start=$(median_ms "$FD --version")
sql_start=$(median_ms "sqlite3 --version")
say "Process start alone (\`--version\`): frontdesk $fd_start ms, sqlite3 $sql_start ms" \
    "(ratio $(ratio "$fd_start" "$sql_start")); frontdesk loads $(ldd "$FD" 2>/dev/null | grep -c '=>')" \
    "shared libraries, sqlite3 $(ldd "$(command -v sqlite3)" 2>/dev/null | grep -c '=>')."
say ""

# ---- suggestions ----------------------------------------------------------
if [ -n "$SUGGEST" ] && [ -x "$SUGGEST" ] && [ -n "$LARGEST" ]; then
    say "### Suggestions for a request: 20 therapists, 21 days (on the $LARGEST-appointment demo)"
    say ""
    # 20 therapists need more than the demo's four rooms: the starter
    # config with 10 rooms at the Clinic and 3 at the Low Cost Clinic.
    conf="$WORK/suggest.conf"
    rm -f "$conf"
    "$FD" --config "$conf" --db "$WORK/starter.db" init >/dev/null
    sed -e 's/^clinic "Clinic"          { rooms = 3 }/clinic "Clinic"          { rooms = 10 }/' \
        -e 's/^clinic "Low Cost Clinic" { rooms = 1 }/clinic "Low Cost Clinic" { rooms = 3 }/' \
        "$conf" >"$conf.new" && mv "$conf.new" "$conf"
    grep -q 'rooms = 10' "$conf" || note "bench: could not raise the rooms in $conf"
    cp "$WORK/demo-$LARGEST.db" "$WORK/suggest.db"
    rm -f "$WORK/suggest.db-wal" "$WORK/suggest.db-shm"
    say "In-process (bench_suggest: ops_request_suggest, 1000 calls after 20 warm-up):"
    say ""
    say "| request | therapists | shifts in horizon | slots returned | median ms | p95 ms | max ms | under 5 ms |"
    say "|---|---:|---:|---:|---:|---:|---:|:---:|"
    "$SUGGEST" "$WORK/suggest.db" "$conf" "$NOW" 1000 | tee -a "$RESULTS"
    request=$(sqlite3 "$WORK/suggest.db" "SELECT min(id) FROM request WHERE name = 'Bench Request'")
    cli_ms=$(median_ms "$FD --config $conf --db $WORK/suggest.db --now \"$NOW\" request suggest $request --json")
    say ""
    say "Whole command, process start to exit: \`frontdesk request suggest $request --json\`: $cli_ms ms (median)."
    say ""
fi

# ---- everyday changes -------------------------------------------------------
if [ -n "$OPS" ] && [ -x "$OPS" ] && [ -n "$LARGEST" ]; then
    say "### Everyday changes on the $LARGEST-appointment demo (in-process, each its own transaction synced to disk)"
    say ""
    say "| operation | runs | median ms | p95 ms | max ms |"
    say "|---|---:|---:|---:|---:|"
    # Each operation on a fresh copy: the bookings of one would otherwise
    # fill the free time the next one needs.
    fresh_ops_db() {
        cp "$WORK/demo-$LARGEST.db" "$WORK/ops.db"
        rm -f "$WORK/ops.db-wal" "$WORK/ops.db-shm"
    }
    fresh_ops_db
    "$OPS" "$WORK/ops.db" "$NOW" book 200 | tee -a "$RESULTS"
    fresh_ops_db
    "$OPS" "$WORK/ops.db" "$NOW" move 200 | tee -a "$RESULTS"
    fresh_ops_db
    "$OPS" "$WORK/ops.db" "$NOW" series 30 | tee -a "$RESULTS"
    # Reminders are found the evening before: at 18:00, tomorrow's are due.
    fresh_ops_db
    "$OPS" "$WORK/ops.db" "${NOW%% *} 18:00" remind 50 | tee -a "$RESULTS"
    say ""
    say "Targets: a booking under 10 ms median, a move under 10 ms, a series of 12 under"
    say "50 ms, finding the reminders due under 20 ms."
    say ""
fi

# ---- import ---------------------------------------------------------------
if "$FD" import requests --help >/dev/null 2>&1; then
    say "### \`import requests\` of $IMPORT_ROWS rows"
    say ""
    csv="$WORK/requests-$IMPORT_ROWS.csv"
    make_csv() { # ROWS FILE
        awk -v rows="$1" 'BEGIN {
            print "received,name,email,phone,service,prefer,therapist,message"
            split("Sports massage 60|Sports massage 30|Deep tissue 90|Low cost massage 45", sv, "|")
            split("mon am, thu 12:00-14:00|weekday evenings|any sat|tue-thu pm|not fri||mornings", pf, "|")
            for (i = 1; i <= rows; i++) {
                printf "2026-11-%02d %02d:%02d,Client %d,client%d@bench.example,07700 %06d,%s,\"%s\",%s,\"Sore, \"\"tight\"\" calves\"\n",
                    10 + i % 14, 8 + i % 10, (i * 7) % 60, i, i, i % 1000000, sv[1 + i % 4],
                    pf[1 + i % 7], i % 9 == 0 ? "prim" : ""
            }
        }' >"$2"
    }
    make_csv "$IMPORT_ROWS" "$csv"
    make_csv 10000 "$WORK/requests-10000.csv"
    say "| rows | wall s (median of 3) | peak RSS MB | requests added | under 2 s |"
    say "|---:|---:|---:|---:|:---:|"
    for rows in 10000 "$IMPORT_ROWS"; do
        walls=""
        peak=0
        added=0
        for _ in 1 2 3; do
            db="$WORK/import.db"
            rm -f "$db" "$db-wal" "$db-shm"
            "$FD" --db "$db" --now "$NOW" demo >/dev/null
            before=$(sqlite3 "$db" "SELECT count(*) FROM request")
            if [ -n "$GNU_TIME" ]; then
                line=$("$GNU_TIME" -f '%e %M' "$FD" --db "$db" --now "$NOW" import requests \
                    "$WORK/requests-$rows.csv" 2>&1 >/dev/null | tail -n 1)
            else
                start=$(date +%s%N)
                "$FD" --db "$db" --now "$NOW" import requests "$WORK/requests-$rows.csv" >/dev/null
                line="$(awk -v t=$(($(date +%s%N) - start)) 'BEGIN { printf "%.2f", t / 1e9 }') 0"
            fi
            set -- $line
            walls="$walls $1"
            [ "$2" -gt "$peak" ] && peak=$2
            added=$(($(sqlite3 "$db" "SELECT count(*) FROM request") - before))
        done
        wall=$(echo $walls | tr ' ' '\n' | sort -n | sed -n 2p)
        say "| $rows | $wall | $(mb $peak) | $added | $(verdict "$wall < 2") |"
    done
    say ""
else
    say "(\`import requests\` is not in this build: skipped.)"
    say ""
fi

# ---- the interface ------------------------------------------------------
# FRONTDESK_REPLAY drives the real interface from a file of keys into a
# virtual 80x24 screen and reports the first frame and each key's time to
# the end of its redraw (src/ui/replay.c).
if [ -n "$LARGEST" ]; then
    say "### The interface on the $LARGEST-appointment demo (80x24, keys replayed)"
    say ""
    keys="$WORK/keys"
    {
        i=0
        while [ $i -lt 20 ]; do printf 'jjjjkk\033OC\033OC\033OD\033ODllhh'; i=$((i + 1)); done
        printf '2\033OC\033OCjjj3jjjk\033OC\033OC4jjj5jj\033OC1'
        i=0
        while [ $i -lt 20 ]; do printf 'jjjkkk\033OC\033OD'; i=$((i + 1)); done
    } >"$keys"
    TERM=xterm-256color COLUMNS=80 LINES=24 FRONTDESK_REPLAY="$keys" \
        "$FD" --db "$WORK/demo-$LARGEST.db" --now "$NOW" 2>"$WORK/replay.md" >/dev/null
    tee -a "$RESULTS" <"$WORK/replay.md"
    : >"$WORK/no-keys"
    first_ms=$(median_ms "env TERM=xterm-256color FRONTDESK_REPLAY=$WORK/no-keys $FD --db $WORK/demo-$LARGEST.db --now \"$NOW\"")
    say ""
    say "Whole process, start to first frame to exit (no keys): $first_ms ms (median); under 30 ms: $(verdict "$first_ms < 30")."
    say ""
fi

note "bench: results in $RESULTS"
