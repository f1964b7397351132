# Pulling the plug on undo (issue 12), after t0379-life-crash.sh: `kill -9`
# at random moments of an undo.  After every kill the database passes
# PRAGMA integrity_check and holds all of the undo or none of it: an import
# of many requests is there whole or gone whole, with the undo recorded and
# audited only when it is gone; a booking the client was told of is booked
# with no correction, or cancelled with exactly one.  No undo is left
# half-applying (while one applies, the state rules stand aside), and an
# undo the kill stopped is done whole when run again.
#
# Each trial starts from the same copy of the database; each kill lands
# after a random delay drawn over the undo's measured run time.  CRASH_SEED
# replays a run's delays; the seed is printed on failure.
. "$TESTS/cli/lib.sh"

SEED=${CRASH_SEED:-$(date +%s)}
IMPORT_TRIALS=12 TOLD_TRIALS=8 ROWS=1500
random_fractions "$SEED"

fake_program mail record
config_with clinic "sendmail = \"$WORK/mail -t -i\"" 'closed = {}'
export FRONTDESK_CONFIG="$WORK/clinic.conf" FRONTDESK_DESK=desk1
RECORDS="therapist shift_rule time_off client request appointment waitlist message note subscription outbox"

# use FILE: the commands and checks that follow work on FILE.
# copy FROM TO: a database copied whole, whatever a killed run left by TO.
# On PostgreSQL each FILE names a database of the test server instead
# (made empty on first use), copied with createdb's template.
if [ "$ENGINE" = pg ]; then
    pg_name() { echo "t0395_$$_$(basename "$1" .db)"; }
    use() {
        "$PG_BIN/createdb" -S file_copy -h "$PG_SOCKET" "$(pg_name "$1")" 2>/dev/null
        DB="postgresql:///$(pg_name "$1")?host=$PG_SOCKET"
    }
    copy() {
        "$PG_BIN/dropdb" -h "$PG_SOCKET" --if-exists --force "$(pg_name "$2")"
        "$PG_BIN/createdb" -S file_copy -h "$PG_SOCKET" -T "$(pg_name "$1")" "$(pg_name "$2")"
    }
else
    use() { DB=$1; }
    copy() {
        rm -f "$2" "$2-wal" "$2-shm" "$2-journal"
        sqlite3 -batch "$1" ".backup '$2'"
    }
fi
intact() { # WHAT: the database is sound, reopens, and no undo is left applying
    expect_equal "$(database_intact)" "ok"
    expect_equal "$(sql "SELECT count(*) FROM undo WHERE applying <> 0")" "0"
    if "$FRONTDESK" --db "$DB" --now "$NOW" therapist list >/dev/null 2>&1; then
        pass
    else
        fail "$1 (seed $SEED): the database does not reopen"
    fi
}

# time_undo BASE STATE DONE: three undos of copies of BASE run to their
# end, each leaving STATE (a function printing the state) at DONE; the
# quickest one's time in $took.
time_undo() {
    took=100000
    for i in 1 2 3; do
        copy "$1" "$WORK/timed.db"
        use "$WORK/timed.db"
        timed "$FRONTDESK" --db "$DB" --now "$NOW" undo
        expect_equal "$($2)" "$3"
    done
}
# crash_trials N BASE MS FIRST STATE BEFORE DONE [TABLES]: N undos of
# copies of BASE, each killed after a random part of MS ms (the FIRST-th
# random fraction on); each leaves STATE at BEFORE or DONE and the
# database intact, and one stopped before its end is done whole when run
# again, leaving the tables remembered as TABLES.  The binary itself is
# killed: a shell function run in the background would be a subshell,
# and the kill would miss the binary.
crash_trials() {
    n=$1 base=$2 ms=$3 first=$4 state_of=$5 before=$6 done=$7 kept=${8:-}
    i=0
    while [ $i -lt "$n" ]; do
        i=$((i + 1))
        copy "$base" "$WORK/trial.db"
        use "$WORK/trial.db"
        kill_after "$(random_at $((first + i)))" "$(kill_span "$ms")" \
            "$FRONTDESK" --db "$DB" --now "$NOW" undo
        state=$($state_of)
        case "$state" in
        "$before" | "$done") pass ;;
        *) fail "trial $i of $base (seed $SEED): $state, neither $before nor $done" ;;
        esac
        intact "trial $i of $base"
        if [ "$state" = "$before" ]; then
            run fd undo
            expect_status 0
            expect_equal "$($state_of)" "$done"
        fi
        [ -z "$kept" ] || expect_tables "$kept"
    done
}

# ---- an import of many requests --------------------------------------------------

scenario "an import of many requests"
awk -v n="$ROWS" 'BEGIN { print "name,email,service,prefer"
    for (i = 1; i <= n; i++) printf "Client %d,client%d@example.com,Sports massage 60,mon am\n", i, i }' \
    >"$WORK/requests.csv"
use "$WORK/imported.db"
given fd init
given fd therapist add prim --name "Primrose Okafor"
# shellcheck disable=SC2086 # one word per table
remember_tables before_import $RECORDS
given fd import requests "$WORK/requests.csv"
expect_equal "$(sql "SELECT count(*) FROM request")" "$ROWS"

# requests|clients|undone|audited: what the import added, and whether the
# undo is recorded as done and in the audit log.
import_state() {
    sql "SELECT (SELECT count(*) FROM request) || '|' || (SELECT count(*) FROM client) || '|' ||
        (SELECT count(*) FROM undo WHERE undone_at IS NOT NULL) || '|' ||
        (SELECT count(*) FROM audit WHERE what LIKE 'undid: %')"
}

scenario "an undo of the import, run to its end, takes it all back"
time_undo "$WORK/imported.db" import_state "0|0|1|1"
expect_tables before_import
IMPORT_MS=$took

scenario "undos of the import killed at random moments: all or nothing"
crash_trials "$IMPORT_TRIALS" "$WORK/imported.db" "$IMPORT_MS" 0 import_state \
    "$ROWS|$ROWS|0|0" "0|0|1|1" before_import

# ---- a booking the client was told of ----------------------------------------------

scenario "a booking the client was told of"
use "$WORK/told.db"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 18:00
given fd book --name "Dan Told" --email dan@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-11-30 09:00"
given fd send
expect_equal "$(fake_calls mail "To: Dan Told")" "1"
# status|corrections|undone
told_state() {
    sql "SELECT (SELECT status FROM appointment WHERE id = 1) || '|' ||
        (SELECT count(*) FROM outbox WHERE kind = 'correction') || '|' ||
        (SELECT count(*) FROM undo WHERE undone_at IS NOT NULL)"
}

scenario "undos of a booking the client was told of, killed at random moments: all or nothing"
time_undo "$WORK/told.db" told_state "cancelled|1|1"
TOLD_MS=$took
crash_trials "$TOLD_TRIALS" "$WORK/told.db" "$TOLD_MS" 50 told_state \
    "booked|0|0" "cancelled|1|1"

# The kills must have hit something, or the test proved nothing.
scenario "most undos were killed mid-way"
total=$((IMPORT_TRIALS + TOLD_TRIALS))
printf '%d of %d undos killed mid-way (CRASH_SEED=%s; an undo of the import took %d ms, of a booking %d ms)\n' \
    "$killed" "$total" "$SEED" "$IMPORT_MS" "$TOLD_MS"
if [ "$killed" -ge $((total / 4)) ]; then pass; else fail "only $killed of $total undos were killed"; fi

finish
