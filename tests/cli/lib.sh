# Helpers for command-line scenarios: each test script runs the real binary
# on a temporary database with a fixed clock, and reads like a story:
#
#   given fd init
#   scenario "a booking outside the rota is refused"
#   run fd book ... ; expect_status 1 ; expect_err "no shift"
#
# The first failing step stops its scenario and the script goes on with the
# next one; a failing `given` stops the script (see tests/test-lib.sh).
# Sourced by tests/cli/t*.sh; ctest sets FRONTDESK (the binary) and TESTS.
WORK_PREFIX=frontdesk-test
. "$TESTS/test-lib.sh"
NOW_MINUTES=29925240 # NOW as stored: minutes since 1970-01-01

# run CMD...: stdout in $WORK/out, stderr in $WORK/err, exit status in $status.
run() {
    step run || return 0
    run_command "$@"
}

# A failure report shows what the last command run (or given) said.
show_context() {
    [ -n "$last_command" ] || return 0
    printf '  after: %s (exit status %s)\n' "$last_command" "$status"
    show_file stdout "$WORK/out"
    show_file stderr "$WORK/err"
}

expect_status() {
    step expect_status || return 0
    if [ "$status" -eq "$1" ]; then step_ok; else step_failed "exit status $status, expected $1"; fi
}
expect_out() {
    step expect_out || return 0
    if grep -qF -- "$1" "$WORK/out"; then step_ok; else step_failed "stdout lacks \"$1\""; fi
}
expect_no_out() {
    step expect_no_out || return 0
    if grep -qF -- "$1" "$WORK/out"; then step_failed "stdout has \"$1\""; else step_ok; fi
}
expect_err() {
    step expect_err || return 0
    if grep -qF -- "$1" "$WORK/err"; then step_ok; else step_failed "stderr lacks \"$1\""; fi
}
# An error is one line starting with "frontdesk: ".
expect_one_error_line() {
    step expect_one_error_line || return 0
    if [ "$(wc -l <"$WORK/err")" -eq 1 ] && grep -q '^frontdesk: ' "$WORK/err"; then
        step_ok
    else
        step_failed "stderr is not one 'frontdesk: ' line"
    fi
}

# A snapshot of every table, to prove a refused command changed nothing.
snapshot() {
    for table in therapist shift_rule time_off client request appointment waitlist message audit; do
        sql "SELECT * FROM $table ORDER BY 1" 2>/dev/null
    done | md5sum
}

# overlaps: how many pairs of appointments that hold their time (all but
# the cancelled) overlap, buffers included, for one therapist or in one
# room.  The database promises 0, whatever races or crashes came before.
overlaps() {
    sql "SELECT count(*) FROM appointment a JOIN appointment b ON a.id < b.id
        AND a.status <> 'cancelled' AND b.status <> 'cancelled'
        AND (a.therapist_id = b.therapist_id OR (a.clinic_id = b.clinic_id AND a.room = b.room))
        AND a.start < b.busy_until AND b.start < a.busy_until"
}

# ---- pulling the plug: kill -9 at random moments --------------------------

# random_fractions SEED: 100 fractions in [0, 1) drawn from SEED, for
# random_at N (the Nth), so that a failing run can be replayed.
random_fractions() {
    awk -v seed="$1" 'BEGIN { srand(seed); for (i = 0; i < 100; i++) printf "%.4f\n", rand() }' \
        >"$WORK/random"
}
random_at() { sed -n "$1p" "$WORK/random"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# kill_after FRACTION LIMIT_MS CMD...: runs CMD in the background, kills it
# with SIGKILL after FRACTION × LIMIT_MS, and counts in $killed the kills
# that hit it before it finished.
killed=0
kill_after() {
    fraction=$1 limit=$2
    shift 2
    delay=$(awk -v f="$fraction" -v l="$limit" 'BEGIN { printf "%.4f", f * l / 1000 }')
    "$@" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [ $? -eq 137 ] && killed=$((killed + 1))
    return 0
}

# ---- reading JSON output (with sqlite3, which the tests need anyway) ------

# json_at PATH: the value at PATH ('$.series_id', '$.booked[0].id') in the
# JSON the last command printed; an object or array as compact JSON.
json_at() {
    sqlite3 -batch -noheader :memory: "SELECT json_extract(readfile('$WORK/out'), '$1')"
}
# json_rows PATH FIELD...: each element of the array at PATH (or the one
# object there) as its FIELDs joined by spaces ("null" for a missing one),
# the elements joined by "; ", in order.
json_rows() {
    path=$1
    shift
    columns=""
    for field in "$@"; do
        columns="$columns${columns:+ || ' ' || }coalesce(json_extract(value, '\$.$field'), 'null')"
    done
    sqlite3 -batch -noheader :memory: "WITH doc(d) AS (SELECT readfile('$WORK/out')),
        list(l) AS (SELECT CASE json_type(d, '$path') WHEN 'array' THEN json_extract(d, '$path')
            ELSE json_array(json(json_extract(d, '$path'))) END FROM doc)
        SELECT group_concat(r, '; ') FROM
            (SELECT $columns AS r FROM list, json_each(list.l) ORDER BY key)"
}
