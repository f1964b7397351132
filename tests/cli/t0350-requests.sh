# Requests: the reply promise, preferred times, suggestions, declining,
# and turning a request into a booking.
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd therapist add jose --name "José Núñez"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,thu --from 08:30 --to 14:30
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 09:00 --to 17:00

scenario "a request received on Christmas Eve is due on Wednesday the 30th"
run "$FRONTDESK" --db "$DB" --now "2026-12-24 10:00" request add --name "Eve Noel" \
    --email eve@example.com --service "Sports massage 60" --received "2026-12-24 09:00"
expect_status 0
expect_out "reply due by 2026-12-30 18:00"

scenario "a request received on a Friday evening is due on Tuesday"
run fd request add --name "Fred Day" --email fred@example.com --service "Sports massage 60" \
    --received "2026-11-20 19:30" --source phone --prefer "mon am, thu 12:00-14:00"
expect_status 0
expect_out "reply due by 2026-11-24 18:00"

scenario "one received last week is overdue now"
run fd request add --name "Olga Old" --email olga@example.com --service "Low cost massage 45" \
    --received "2026-11-16 09:00" --prefer "thu"
expect_status 0
run fd request list --json
expect_out '"overdue": true'
run fd request list --overdue
expect_out "Olga Old"
expect_no_out "Fred Day"
run fd request list
expect_out "due today"

scenario "bad requests name the field and change nothing"
before=$(snapshot)
run fd request add --name "Bob" --email "bob@" --service "Sports massage 60"
expect_status 65
expect_one_error_line
expect_err "email: \"bob@\" is not an email address (has nothing after the @)"
run fd request add --name "Zoë" --email "zoë@example.com" --service "Sports massage 60"
expect_status 65
expect_one_error_line
expect_err "email: \"zoë@example.com\" has non-ASCII characters; mail to such addresses cannot be delivered from here"
run fd request add --name "Bob" --email "bob smith@example.com" --service "Sports massage 60"
expect_status 65
expect_err "email: \"bob smith@example.com\" is not an email address (has a space)"
run fd request add --name "Bob" --email bob@example.com --service "Sports massage 60" --source fax
expect_status 65
expect_err "source: \"fax\""
run fd request add --name "Bob" --email bob@example.com --service "Sports massage 60" --received "2027-01-01 10:00"
expect_status 65
expect_err "in the future"
run fd request add --name "Bob" --email bob@example.com
expect_status 64
expect_err "--service is required"
expect_equal "$(snapshot)" "$before"

scenario "suggestions for Fred fit his preferred windows first"
id=$(sql "SELECT id FROM request WHERE name = 'Fred Day'")
run fd request suggest "$id" --limit 3 --json
expect_status 0
first=$(python3 -c 'import json,sys; s=json.load(sys.stdin)[0]; print(s["date"], s["start"], s["therapist"], s["in_preferred"])' <"$WORK/out")
expect_equal "$first" "2026-11-26 12:00 jose True"

scenario "suggestions never offer a slot that is taken"
given fd book --name "Taken" --email taken@example.com --service "Sports massage 60" --therapist jose --at "2026-11-26 12:00"
run fd request suggest "$id" --limit 1 --json
expect_no_out '"start": "12:00"'

scenario "booking a request marks it booked and finds the client"
run fd book --request "$id" --therapist jose --at "2026-11-30 10:00"
expect_status 0
expect_out "for Fred Day"
expect_equal "$(sql "SELECT status, answered IS NOT NULL FROM request WHERE id = $id")" "booked|1"
run fd book --request "$id" --therapist jose --at "2026-12-01 10:00"
expect_status 1
expect_err "already booked"

scenario "declining answers the request"
olga=$(sql "SELECT id FROM request WHERE name = 'Olga Old'")
run fd request decline "$olga" --reason "No Thursday slots"
expect_status 0
expect_equal "$(sql "SELECT status, reason FROM request WHERE id = $olga")" "declined|No Thursday slots"
run fd request list
expect_no_out "Olga Old"

scenario "a request can be moved to the waitlist"
eve=$(sql "SELECT id FROM request WHERE name = 'Eve Noel'")
run fd request waitlist "$eve"
expect_status 0
run fd waitlist list --json
expect_out '"name": "Eve Noel"'

scenario "contact messages are kept until handled"
run fd message add --name "Ola" --email ola@example.com --text "Is there parking?"
expect_status 0
run fd message list
expect_out "Is there parking?"
run fd message handle 1
expect_status 0
run fd message list
expect_out "No messages waiting"

scenario "a message handled already is refused, keeping when it was first handled"
remember_tables before message audit
run fd message handle 1
expect_status 1
expect_one_error_line
expect_err "message 1 was handled already"
expect_tables before

scenario "preferences that cannot be read keep the request, flagged, with its promise"
run fd request add --name "Bob Unread" --email bob@example.com --service "Sports massage 60" \
    --prefer "mon am, tursday" --received "2026-11-24 09:00"
expect_status 0
expect_out "reply due by 2026-11-26 18:00"
expect_out "preferences were not understood (prefer: \"tursday\" at 9"
expect_equal "$(sql "SELECT prefer, prefer_ok FROM request WHERE name = 'Bob Unread'")" "mon am, tursday|0"
run fd request list
expect_out "Bob Unread"
expect_out "(preferences not understood)"
run fd request list --json
expect_out '"prefer_ok": false'
id=$(sql "SELECT id FROM request WHERE name = 'Bob Unread'")
run fd request suggest "$id" --limit 2
expect_status 0
expect_out "Preferences not understood (\"mon am, tursday\"): these slots are at any time."

finish
