# The command line's contract: help, version, global options, exit codes,
# init and demo.
. "$TESTS/cli/lib.sh"

scenario "--help lists the commands and the exit codes"
run "$FRONTDESK" --help
expect_status 0
expect_out "rota add"
expect_out "75 database busy"

scenario "--version names the program"
run "$FRONTDESK" --version
expect_status 0
expect_out "frontdesk "

scenario "each command has its own --help"
run "$FRONTDESK" book --help
expect_status 0
expect_out "usage: frontdesk book"

scenario "an unknown command is a usage error"
run "$FRONTDESK" frobnicate
expect_status 64
expect_one_error_line
expect_err "unknown command \"frobnicate\""

scenario "a group without its verb lists the verbs"
run "$FRONTDESK" rota
expect_status 64
expect_err "add edit off off list off remove list remove show"

scenario "a missing database is named, with what to do"
run fd day
expect_status 66
expect_one_error_line
expect_err "frontdesk init"

scenario "init creates the database and a starter config, private to the user"
run fd init
expect_status 0
expect_out "Database ready at $DB"
expect_out "Wrote a starter config"
expect_equal "$(stat -c %a "$XDG_CONFIG_HOME/frontdesk/frontdesk.conf")" "600"
if [ "$ENGINE" = pg ]; then
    expect_equal "$(sql 'SELECT schema_version, application_id FROM frontdesk_mark')" "8|1178882891"
else
    expect_equal "$(stat -c %a "$DB")" "600"
    expect_equal "$(sql 'PRAGMA user_version')" "8"
    expect_equal "$(sql 'PRAGMA journal_mode')" "wal"
fi

scenario "init on an existing database keeps it"
run fd init
expect_status 0

scenario "--now must be a date and time"
run "$FRONTDESK" --db "$DB" --now "tomorrow" day
expect_status 64
expect_err "--now: \"tomorrow\" is not a date and time"

scenario "an unknown option is a usage error naming it"
run fd day --colour
expect_status 64
expect_one_error_line
expect_err "unknown option --colour"

if [ "$ENGINE" = pg ]; then
    scenario "demo fills an empty database, and never drops one"
    run fd demo
    expect_status 0
    run fd demo
    expect_status 1
    expect_err "already holds a clinic"
    run fd demo --force
    expect_status 1
    expect_one_error_line
    expect_err "dropdb"
else
    scenario "demo refuses to overwrite a database"
    run fd demo
    expect_status 1
    expect_err "--force"

    scenario "demo --force builds the demo clinic"
    run fd demo --force
    expect_status 0
fi
scenario "the demo clinic has therapists, requests, bookings, a waitlist and messages"
expect_equal "$(sql "SELECT count(*) >= 6 FROM therapist")" "1"
expect_equal "$(sql "SELECT count(*) >= 8 FROM request WHERE status = 'pending'")" "1"
expect_equal "$(sql "SELECT count(*) > 0 FROM request WHERE status = 'pending' AND due < $NOW_MINUTES")" "1"
expect_equal "$(sql "SELECT count(*) > 0 FROM appointment WHERE confirmation = 'unsent' AND status = 'booked'")" "1"
expect_equal "$(sql "SELECT count(*) > 0 FROM waitlist")" "1"
expect_equal "$(sql "SELECT count(*) > 0 FROM message")" "1"
# Appointments run from two weeks back to two weeks ahead of --now.
expect_equal "$(sql "SELECT min(start) < $NOW_MINUTES - 13*1440 AND max(start) > $NOW_MINUTES + 13*1440 FROM appointment")" "1"

scenario "prim works the Low Cost Clinic on Mondays and Thursdays and the first Sunday"
run fd rota list prim
expect_out "weekly mon,thu"
expect_out "monthly 1st sun"
expect_out "Low Cost Clinic"

scenario "the therapist view names an unknown therapist"
run fd --therapist nobody
expect_status 65
expect_err "no therapist has the handle \"nobody\""

scenario "the interface needs a terminal, and says so"
run fd </dev/null
expect_status 64
expect_err "needs a terminal"

scenario "demo is deterministic for the same --now"
first=$(sql "SELECT id, start, therapist_id, client_id FROM appointment ORDER BY id")
new_database
run "$FRONTDESK" --db "$new_db" --now "$NOW" demo
expect_status 0
expect_equal "$(DB=$new_db && sql "SELECT id, start, therapist_id, client_id FROM appointment ORDER BY id")" "$first"

scenario "demo --appointments adds a synthetic history"
new_database
run "$FRONTDESK" --db "$new_db" --now "$NOW" demo --appointments 5000
expect_status 0
expect_equal "$(DB=$new_db && sql "SELECT count(*) >= 5000 FROM appointment")" "1"

scenario "--appointments must be a number"
new_database
run "$FRONTDESK" --db "$new_db" demo --appointments lots
expect_status 64
expect_err "--appointments: \"lots\" is not a number"

finish
