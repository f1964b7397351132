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
