# Helpers for command-line scenarios: each test script runs the real binary
# on a temporary database with a fixed clock, and reads like a story:
#
#   scenario "a booking outside the rota is refused"
#   run fd book ... ; expect_status 1 ; expect_err "no shift"
#
# Sourced by tests/cli/t*.sh; ctest sets FRONTDESK (the binary) and TESTS.
set -u
: "${FRONTDESK:?FRONTDESK must name the frontdesk binary}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/frontdesk-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK" XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
export FRONTDESK_DATA_DIR="$TESTS/../data"
unset FRONTDESK_CONFIG NO_COLOR
DB="$WORK/clinic.db"
NOW="2026-11-24 10:00" # a Tuesday
NOW_MINUTES=29925240 # NOW as stored: minutes since 1970-01-01
passed=0
failed=0
current=""

# The binary on the test database at the test clock.
fd() { "$FRONTDESK" --db "$DB" --now "$NOW" "$@"; }

scenario() { current="$1"; }

# run CMD...: stdout in $WORK/out, stderr in $WORK/err, exit status in $status.
run() {
    "$@" >"$WORK/out" 2>"$WORK/err"
    status=$?
}

pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    printf 'FAIL: %s: %s\n' "$current" "$1"
    printf '  stdout: %s\n' "$(head -c 600 "$WORK/out" 2>/dev/null)"
    printf '  stderr: %s\n' "$(head -c 600 "$WORK/err" 2>/dev/null)"
}

expect_status() {
    if [ "$status" -eq "$1" ]; then pass; else fail "exit status $status, expected $1"; fi
}
expect_out() {
    if grep -qF -- "$1" "$WORK/out"; then pass; else fail "stdout lacks \"$1\""; fi
}
expect_no_out() {
    if grep -qF -- "$1" "$WORK/out"; then fail "stdout has \"$1\""; else pass; fi
}
expect_err() {
    if grep -qF -- "$1" "$WORK/err"; then pass; else fail "stderr lacks \"$1\""; fi
}
# An error is one line starting with "frontdesk: ".
expect_one_error_line() {
    if [ "$(wc -l <"$WORK/err")" -eq 1 ] && grep -q '^frontdesk: ' "$WORK/err"; then
        pass
    else
        fail "stderr is not one 'frontdesk: ' line"
    fi
}
expect_equal() {
    if [ "$1" = "$2" ]; then pass; else fail "got \"$1\", expected \"$2\""; fi
}

# sql QUERY: runs a read-only query on the test database.
sql() { sqlite3 -batch -noheader "$DB" "$1"; }

# A snapshot of every table, to prove a refused command changed nothing.
snapshot() {
    for table in therapist shift_rule time_off client request appointment waitlist message audit; do
        sqlite3 -batch "$DB" "SELECT * FROM $table ORDER BY 1" 2>/dev/null
    done | md5sum
}

finish() {
    printf '%d passed, %d failed\n' "$passed" "$failed"
    [ "$failed" -eq 0 ]
}
