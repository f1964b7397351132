# An old clinic database opens, upgrades itself once, and keeps everything:
# a file made by frontdesk 0.1.0 (schema 2, before clients were told apart
# by email and name) is loaded from tests/cli/fixtures/clinic-v2.sql.
. "$TESTS/cli/lib.sh"

if [ "$ENGINE" = pg ]; then
    scenario "a database from a newer frontdesk is refused, untouched"
    given fd demo
    given sql "UPDATE frontdesk_mark SET schema_version = 99"
    run fd day
    expect_status 65
    expect_one_error_line
    expect_err "made by a newer frontdesk (schema 99"
    expect_equal "$(sql 'SELECT schema_version FROM frontdesk_mark')" "99"

    scenario "a database of schema 6 (before sites moved in) upgrades itself once, keeping its data"
    given sql "UPDATE frontdesk_mark SET schema_version = 6"
    given sql "DROP TABLE migrated"
    given sql "CREATE INDEX client_email ON client(email)"
    before=$(sql "SELECT count(*) FROM appointment")
    run fd day
    expect_status 0
    expect_equal "$(sql 'SELECT schema_version FROM frontdesk_mark')" "8"
    expect_equal "$(sql "SELECT count(*) FROM migrated")" "0"
    expect_equal "$(sql "SELECT count(*) FROM appointment")" "$before"
    run fd day
    expect_status 0
    sqlite_only "the upgrade of old SQLite files (frontdesk made no PostgreSQL databases before schema 4)" ||
        finish
fi

given sqlite3 "$DB" <"$TESTS/cli/fixtures/clinic-v2.sql"
fresh="$WORK/fresh.db"
given "$FRONTDESK" --db "$fresh" --now "$NOW" init

scenario "opening it upgrades it to the current schema, and marks it as ours"
run fd day --date 2026-11-30
expect_status 0
expect_out "Bob Smith"
expect_equal "$(sql 'PRAGMA user_version')" "$(sqlite3 "$fresh" 'PRAGMA user_version')"
expect_equal "$(sql 'PRAGMA application_id')" "$(sqlite3 "$fresh" 'PRAGMA application_id')"

scenario "nothing was lost on the way"
expect_equal "$(sql 'SELECT count(*) FROM appointment')" "2"
expect_equal "$(sql 'SELECT count(*) FROM request')" "2"
expect_equal "$(sql 'SELECT count(*) FROM waitlist')" "1"
expect_equal "$(sql 'SELECT count(*) FROM message')" "1"
expect_equal "$(sql 'SELECT count(*) FROM audit')" "10"

scenario "every request now belongs to a client, and a shared address is two people"
expect_equal "$(sql "SELECT count(*) FROM request WHERE client_id IS NULL")" "0"
expect_equal "$(sql "SELECT c.name FROM request r JOIN client c ON c.id = r.client_id ORDER BY r.id")" \
    "Carol Jones
Dan Jones"

scenario "a new booking for someone sharing Bob's phone is not Bob"
run fd book --name "Alice Smith" --email alice@example.com --phone "07700 900123" \
    --service "Sports massage 60" --therapist jose --at "2026-12-01 10:00"
expect_status 0
expect_out "for Alice Smith"

scenario "contact messages can be imported after the upgrade"
run fd import messages "$TESTS/cli/messages/good.csv"
expect_status 0
expect_out "Imported 3 messages (0 already there)"

scenario "a database from before messages could be imported (schema 1) upgrades too"
rm -f "$DB" "$DB-wal" "$DB-shm"
given sqlite3 "$DB" <"$TESTS/cli/fixtures/clinic-v2.sql"
given sqlite3 "$DB" "DROP INDEX message_import_key; ALTER TABLE message DROP COLUMN import_key;
    PRAGMA user_version = 1"
run fd message list
expect_status 0
expect_equal "$(sql 'PRAGMA user_version')" "$(sqlite3 "$fresh" 'PRAGMA user_version')"
run fd import messages "$TESTS/cli/messages/good.csv"
expect_status 0
expect_out "Imported 3 messages (0 already there)"
run fd import messages "$TESTS/cli/messages/good.csv"
expect_out "Imported 0 messages (3 already there)"

finish
