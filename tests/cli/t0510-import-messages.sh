# Contact-form messages arrive from the website as a CSV export: they are
# imported all or none, each bad row named with its line, and a second
# import of the same file adds nothing.
. "$TESTS/cli/lib.sh"
given fd init
files="$TESTS/cli/messages"

scenario "a good file is imported, quotes, commas and line breaks intact"
run fd import messages "$files/good.csv"
expect_status 0
expect_out "Imported 3 messages (0 already there)"
expect_equal "$(sql "SELECT name FROM message WHERE email = 'zoe@example.com'")" "Zoë, from the gym"
expect_equal "$(sql "SELECT text FROM message WHERE email = 'zoe@example.com'")" 'Two lines:
first, "quoted", and
second.'
expect_equal "$(sql "SELECT received FROM message WHERE email = 'ola@example.com'")" "29923755"
# An empty "received" means now.
expect_equal "$(sql "SELECT received FROM message WHERE email = 'walk@example.com'")" "$NOW_MINUTES"
run fd message list
expect_out "Is there parking"

scenario "the same file again adds nothing"
run fd import messages "$files/good.csv"
expect_status 0
expect_out "Imported 0 messages (3 already there)"
expect_equal "$(sql "SELECT count(*) FROM message")" "3"

scenario "a bad row is named with its line, and nothing is imported"
before=$(snapshot)
run fd import messages "$files/bad-email.csv"
expect_status 65
expect_one_error_line
expect_err "bad-email.csv:3: email: \"bob@\" is not an email address"
expect_equal "$(snapshot)" "$before"

scenario "--skip-invalid takes the good rows"
run fd import messages "$files/bad-email.csv" --skip-invalid
expect_status 0
expect_out "Imported 1 message"
expect_out "Skipped 1 bad row"

scenario "a requests file is not a messages file"
run fd import messages "$files/request-columns.csv"
expect_status 65
expect_err "request-columns.csv:1: unknown column \"service\" (the columns are received, name, email, text)"

scenario "a missing file is named"
run fd import messages "$WORK/nowhere.csv"
expect_status 66

scenario "a database made before messages could be imported is upgraded on opening"
given sqlite3 "$DB" "DROP INDEX message_import_key; ALTER TABLE message DROP COLUMN import_key;
    PRAGMA user_version = 1"
run fd message list
expect_status 0
expect_equal "$(sql 'PRAGMA user_version')" "2"
run fd import messages "$files/good.csv"
expect_status 0
expect_out "Imported 3 messages (0 already there)"
run fd import messages "$files/good.csv"
expect_out "Imported 0 messages (3 already there)"

finish
