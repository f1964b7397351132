# The story machinery shared by tests/cli/lib.sh and tests/ui/lib.sh, after
# git's t/test-lib.sh: a script is a row of scenarios, each a title followed
# by its steps.  The first step that fails stops its scenario: the failure is
# reported once, the scenario's remaining steps are skipped (they would only
# fail in its wake, or act on a state nobody expected), and the script goes
# on with the next scenario.  Setup goes through `given`, which stops the
# whole script when it fails, since the scenarios after it stand on it.
#
#   given fd init
#   scenario "a booking outside the rota is refused"
#   run fd book ... ; expect_status 1 ; expect_err "no shift"
#   finish
#
# Every helper that acts or checks opens with `step NAME || return 0`,
# which is what skips it once its scenario has failed; a check then calls
# step_ok or step_failed.  The library that sources this file sets
# WORK_PREFIX first, and defines show_context (what a failure report shows
# after its first line: the command's output, or the screen) and, if it has
# something to stop, clean_up (run on exit, before $WORK is removed).
set -u
: "${FRONTDESK:?FRONTDESK must name the frontdesk binary}"
: "${TESTS:?TESTS must name the tests folder}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/${WORK_PREFIX:-frontdesk-test}.XXXXXX")
export HOME="$WORK" XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
export FRONTDESK_DATA_DIR="$TESTS/../data"
unset FRONTDESK_CONFIG NO_COLOR
DB="$WORK/clinic.db"
NOW="2026-11-24 10:00" # a Tuesday

# The engine: SQLite (a file in $WORK), or with FRONTDESK_TEST_ENGINE=pg a
# fresh database of its own on the run's throwaway PostgreSQL server
# (tests/pg-server.sh; FRONTDESK_TEST_PG names the file that says where).
ENGINE=${FRONTDESK_TEST_ENGINE:-sqlite}
databases=0
# new_database: where a further database may be made, in $new_db: a file
# not there yet, or a new empty PostgreSQL database.
new_database() {
    databases=$((databases + 1))
    if [ "$ENGINE" = pg ]; then
        name=$(basename "$0" .sh | tr -c 'a-z0-9\n' _)_$$_$databases
        "$PG_BIN/createdb" -S file_copy -h "$PG_SOCKET" "$name" || exit 1
        new_db="postgresql:///$name?host=$PG_SOCKET"
    else
        new_db="$WORK/clinic$databases.db"
    fi
}
if [ "$ENGINE" = pg ]; then
    : "${FRONTDESK_TEST_PG:?FRONTDESK_TEST_PG must name the test server's state file}"
    # shellcheck disable=SC1090
    . "$FRONTDESK_TEST_PG"
    new_database
    DB=$new_db
fi

current=""           # the scenario's title
in_scenario=0        # 1 once the first `scenario` line is passed
stopped=0            # 1 once a step of the current scenario has failed
step_number=0        # steps begun in the current scenario
scenario_checks=0    # checks passed in the current scenario
step_name=""         # the helper taking it
scenarios_passed=0
scenarios_failed=0
scenarios_empty=0    # ended without a single check: they could not fail
steps_skipped=0
checks_passed=0
finished=0
last_command=""      # the last command run or given, for reports

# The binary on the test database at the test clock.
fd() { "$FRONTDESK" --db "$DB" --now "$NOW" "$@"; }

show_context() { :; }
clean_up() { :; }

# On every way out: whatever the library started is stopped and the work
# folder removed (first, so that a report nobody reads any more cannot stop
# it), and a script that stops before `finish` (a shell error, an unset
# variable, a signal) fails.
on_exit() {
    code=$?
    trap '' HUP INT PIPE TERM
    clean_up
    rm -rf "$WORK"
    if [ "$finished" = 0 ]; then
        printf 'FAIL: the script stopped before finish (exit status %s)\n' "$code"
        [ "$code" -eq 0 ] && code=1
    fi
    exit "$code"
}
trap on_exit EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE
trap 'exit 143' TERM

# scenario TITLE: ends the scenario before (passed unless a step failed) and
# begins the next one.
scenario() {
    end_scenario
    current="$1"
    in_scenario=1
    stopped=0
    step_number=0
    scenario_checks=0
}
end_scenario() {
    [ "$in_scenario" = 1 ] && [ "$stopped" = 0 ] || return 0
    if [ "$scenario_checks" -gt 0 ]; then
        scenarios_passed=$((scenarios_passed + 1))
    else
        scenarios_empty=$((scenarios_empty + 1))
    fi
}

# step NAME: begins a step; false, and the step counted as skipped,
# when the current scenario has already failed.
step() {
    if [ "$stopped" = 1 ]; then
        steps_skipped=$((steps_skipped + 1))
        return 1
    fi
    step_number=$((step_number + 1))
    step_name="$1"
    return 0
}
step_ok() {
    checks_passed=$((checks_passed + 1))
    scenario_checks=$((scenario_checks + 1))
}

# step_failed WHY: reports the step and stops the scenario.  A failure
# before the first scenario counts as one failed scenario of its own.
step_failed() {
    if [ "$in_scenario" = 1 ]; then
        printf 'FAIL: scenario "%s", step %d (%s): %s\n' "$current" "$step_number" "$step_name" "$1"
    else
        printf 'FAIL: before the first scenario (%s): %s\n' "$step_name" "$1"
    fi
    show_context
    stopped=1
    scenarios_failed=$((scenarios_failed + 1))
}

# pass / fail WHY: a script's own check, as in
#   [ "$a" = "$b" ] && pass || fail "a is $a"
# Both return 0 so that this idiom never runs the two.
expect_equal() {
    step expect_equal || return 0
    if [ "$1" = "$2" ]; then step_ok; else step_failed "got \"$1\", expected \"$2\""; fi
}

# sql QUERY: runs QUERY on the test database (several, separated by ;),
# printing each row's columns separated by |.  On PostgreSQL psql runs it,
# a boolean column reads 1 or 0, as SQLite prints one, and SQLite's date,
# datetime, strftime and group_concat are there too
# (tests/pg-sqlite-functions.sql); a subquery in FROM needs a name.
sql() {
    if [ "$ENGINE" = pg ]; then
        printf '%s;\n' "$1" | "$PG_BIN/psql" -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -d "$DB" -f - \
            >"$WORK/sql.out"
        sql_status=$?
        awk -F '|' -v OFS='|' '{ for (i = 1; i <= NF; i++) { if ($i == "t") $i = 1;
            else if ($i == "f") $i = 0 }; print }' "$WORK/sql.out"
        return $sql_status
    else
        sqlite3 -batch -noheader "$DB" "$1"
    fi
}

# hold_write_lock SECONDS: another desk takes the write lock (SQLite's
# BEGIN IMMEDIATE, or on PostgreSQL frontdesk's advisory lock) and holds it
# for SECONDS, in the background; its process id is in $locker.
hold_write_lock() {
    if [ "$ENGINE" = pg ]; then
        printf 'BEGIN;\nSELECT pg_advisory_xact_lock(1178882891);\nSELECT pg_sleep(%s);\nCOMMIT;\n' "$1" |
            "$PG_BIN/psql" -X -q -d "$DB" >/dev/null 2>&1 &
    else
        printf 'BEGIN IMMEDIATE;\n.shell sleep %s\nCOMMIT;\n' "$1" | sqlite3 "$DB" >/dev/null 2>&1 &
    fi
    locker=$!
}

# sqlite_only WHY: true on SQLite; on PostgreSQL false, saying the
# scenarios it guards are skipped and why.
#   if sqlite_only "the file's own mark"; then scenario ...; fi
sqlite_only() {
    [ "$ENGINE" = pg ] || return 0
    printf 'skipped on PostgreSQL: %s\n' "$1"
    return 1
}

pass() { step check || return 0; step_ok; }
fail() { step check || return 0; step_failed "$1"; return 0; }

# show_file LABEL FILE: up to 600 bytes of FILE, indented, for a report.
show_file() {
    if [ -s "$2" ]; then
        printf '  %s:\n' "$1"
        head -c 600 "$2" | awk '{ print "    " $0 }'
    else
        printf '  %s: (empty)\n' "$1"
    fi
}

# quote ARGS...: sets $quoted to the arguments as a reader would type them,
# for reports: "Ann Lee" in quotes, not two words.
quote() {
    quoted=""
    for word in "$@"; do
        case "$word" in
        "" | *" "* | *"	"* | *"
"*) word="\"$word\"" ;;
        esac
        quoted="$quoted${quoted:+ }$word"
    done
}

# run_command CMD...: runs CMD with its stdout in $WORK/out, its stderr in
# $WORK/err and its exit status in $status, and remembers it for reports.
run_command() {
    quote "$@"
    last_command="$quoted"
    "$@" >"$WORK/out" 2>"$WORK/err"
    status=$?
}

# given CMD...: a setup command, run as `run` runs one (a script may read
# what it printed); if it fails the script stops here, since the scenarios
# after it depend on it.
given() {
    step given || return 0
    run_command "$@"
    [ "$status" -eq 0 ] && return 0
    printf 'FAIL: setup failed: %s\n' "$last_command"
    printf '  exit status %d\n' "$status"
    show_file stderr "$WORK/err"
    [ "$stopped" = 0 ] && scenarios_failed=$((scenarios_failed + 1))
    stopped=1
    finish
}

# finish: the last line of every script; the summary, and the exit status.
finish() {
    end_scenario
    finished=1
    printf 'scenarios: %d passed, %d failed; %d steps skipped (%d checks passed)' \
        "$scenarios_passed" "$scenarios_failed" "$steps_skipped" "$checks_passed"
    [ "$scenarios_empty" -eq 0 ] || printf '; %d scenarios checked nothing' "$scenarios_empty"
    printf '\n'
    [ "$scenarios_failed" -eq 0 ] && exit 0
    exit 1
}
