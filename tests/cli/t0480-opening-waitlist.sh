# The opening waitlist and messages that are really requests (issue 14).
# Someone who only wants to hear "we're open for bookings" leaves a name
# and an email; `waitlist notify` queues one notice to each, once however
# often it runs, and such an entry is never offered a freed slot.  A
# contact message that asks for a booking becomes a request that keeps its
# text, owes its reply from when the client wrote, and leaves the message
# handled.
. "$TESTS/cli/lib.sh"

fake_program mail record
config_with clinic "sendmail = \"$WORK/mail -t -i\"" 'closed = {}'
export FRONTDESK_CONFIG="$WORK/clinic.conf"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 18:00

# waitlist_field ID FIELD: one field of an entry in `waitlist list --json`.
waitlist_field() {
    fd waitlist list --json >"$WORK/json"
    JSON_FILE="$WORK/json" json_rows '$' id "$2" | sed 's/; /\n/g' | sed -n "s/^$1 //p"
}
notices() { sql "SELECT count(*) FROM outbox WHERE kind = 'notify' AND state <> 'void'"; }

# ---- the opening waitlist --------------------------------------------------------

scenario "a name and an email are enough to wait for the opening"
run fd waitlist add --name "Olive Open" --email olive@example.com
expect_status 0
expect_out "opening waitlist"
OLIVE=$(sql "SELECT max(id) FROM waitlist")
expect_equal "$(waitlist_field "$OLIVE" opening)" "1"
expect_equal "$(waitlist_field "$OLIVE" service)" ""
run fd waitlist list
expect_out "(the opening)"

scenario "an opening entry needs an email, and takes no preferences"
run fd waitlist add --name "Pat Prefer" --email pat@example.com --prefer "mon am"
expect_status 64
expect_err "need a service"
run fd waitlist add --name "Ted Therapist" --email ted@example.com --therapist prim
expect_status 64
run fd waitlist add --name "Nell Nomail" --phone "07700 900123" --email ""
expect_status 64

scenario "more wait: one for the opening, one for a service"
NOW="2026-11-24 10:05" run fd waitlist add --name "Oscar Open" --email oscar@example.com
expect_status 0
OSCAR=$(sql "SELECT max(id) FROM waitlist")
run fd waitlist add --name "Sam Service" --email sam@example.com --service "Sports massage 60"
expect_status 0
SAM=$(sql "SELECT max(id) FROM waitlist")

scenario "waitlist notify queues one notice to each opening entry and marks it"
run fd waitlist notify --service "Sports massage 60"
expect_status 0
expect_out "Queued 2 notices"
expect_equal "$(messages waitlist_id "$OLIVE")" "notify queued"
expect_equal "$(messages waitlist_id "$OSCAR")" "notify queued"
expect_equal "$(messages waitlist_id "$SAM")" ""
expect_equal "$(waitlist_field "$OLIVE" notified)" "$NOW"

scenario "run again, it queues nothing more"
remember_tables before waitlist outbox
NOW="2026-11-24 10:30" run fd waitlist notify
expect_status 0
expect_out "Nobody on the opening waitlist is still to be told"
expect_equal "$(notices)" "2"
expect_tables before

scenario "an entry added since is told on the next run, and only it"
given fd waitlist add --name "Una Later" --email una@example.com
UNA=$(sql "SELECT max(id) FROM waitlist")
run fd waitlist notify --service "Sports massage 60"
expect_status 0
expect_out "Queued 1 notice"
expect_equal "$(messages waitlist_id "$UNA")" "notify queued"
expect_equal "$(notices)" "3"

scenario "sent, a notice is not sent again by another run of notify"
run fd send --kind notify
expect_status 0
expect_equal "$(fake_calls mail)" "3"
run fd waitlist notify
expect_status 0
run fd send --kind notify
expect_equal "$(fake_calls mail)" "3"

scenario "the notice names the service it was sent about"
expect_equal "$(fake_calls mail "To: Olive Open <olive@example.com>")" "1"
expect_equal "$(fake_calls mail "we are now open for Sports massage 60")" "3"

scenario "a removed entry is not told"
given fd waitlist add --name "Rex Removed" --email rex@example.com
REX=$(sql "SELECT max(id) FROM waitlist")
given fd waitlist remove "$REX"
run fd waitlist notify
expect_status 0
expect_equal "$(messages waitlist_id "$REX")" ""

scenario "a notice with no service named reads as a sentence"
given fd waitlist add --name "Vi Vague" --email vi@example.com
run fd waitlist notify
expect_status 0
VI=$(sql "SELECT max(id) FROM waitlist")
run fd send "$(message_id waitlist_id "$VI" notify)" --dry-run
expect_status 0
expect_out "Hello Vi,"
expect_no_out "To book , or"

scenario "an unknown service is refused and notifies nobody"
given fd waitlist add --name "Wes Waiting" --email wes@example.com
remember_tables before waitlist outbox
run fd waitlist notify --service "Hot stones"
expect_status 64
expect_tables before
given fd waitlist remove "$(sql "SELECT max(id) FROM waitlist")"

scenario "a freed slot is not offered to the opening waitlist"
given fd book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-11-30 09:00"
run fd cancel "$(booked_id)"
expect_status 0
expect_out "Sam Service"
expect_no_out "Olive Open"
expect_no_out "Oscar Open"

scenario "an opening entry cannot be offered a slot by hand"
remember_tables before waitlist outbox
run fd waitlist offer "$OLIVE" --therapist prim --at "2026-11-30 09:00"
expect_status 1
expect_err "no service"
expect_tables before

scenario "an opening entry has no slots to suggest: refused as a rule, not a broken config"
run fd waitlist suggest "$OLIVE"
expect_status 1
expect_one_error_line
expect_err "opening"

scenario "an opening entry cannot be booked straight into a slot: refused as a rule"
remember_tables before waitlist appointment outbox
run fd book --waitlist "$OLIVE" --therapist prim --at "2026-11-30 09:00"
expect_status 1
expect_err "opening"
expect_tables before

# ---- a message that is really a request -------------------------------------------

# A Friday morning message, turned into a request the next Tuesday.
WROTE="2026-11-20 09:00"
SAM_TEXT="Could I book a sports massage next week? Mornings suit me best, not Wednesdays."

scenario "a contact message becomes a request that keeps its text"
NOW="$WROTE" given fd message add --name "Sam Short" --email sam.short@example.com --text "$SAM_TEXT"
MESSAGE=$(sql "SELECT max(id) FROM message")
run fd message to-request "$MESSAGE" --service "Sports massage 60" --prefer "mornings, not wed"
expect_status 0
expect_out "Made request"
REQUEST=$(sql "SELECT max(id) FROM request")
expect_equal "$(sql "SELECT message FROM request WHERE id = $REQUEST")" "$SAM_TEXT"
expect_equal "$(sql "SELECT name || ' ' || email || ' ' || service || ' ' || prefer FROM request WHERE id = $REQUEST")" \
    "Sam Short sam.short@example.com Sports massage 60 mornings, not wed"

scenario "the reply promise counts from when the client wrote"
expect_equal "$(sql "SELECT received FROM request WHERE id = $REQUEST")" \
    "$(sql "SELECT received FROM message WHERE id = $MESSAGE")"
# The same as a request the client had made themselves when they wrote.
given fd request add --name "Ref Same" --email ref@example.com --service "Sports massage 60" \
    --received "$WROTE"
expect_equal "$(sql "SELECT due FROM request WHERE id = $REQUEST")" \
    "$(sql "SELECT due FROM request WHERE email = 'ref@example.com'")"

scenario "the message is marked handled, and leaves the list"
expect_equal "$(sql "SELECT handled FROM message WHERE id = $MESSAGE")" "$NOW_MINUTES"
run fd message list
expect_no_out "Sam Short"

scenario "a handled message is refused, and nothing changes"
remember_tables before request message client
run fd message to-request "$MESSAGE" --service "Sports massage 60"
expect_status 1
expect_err "handled already"
expect_tables before

scenario "an unknown message or service is refused"
given fd message add --name "Una Known" --email una.known@example.com --text "Do you do hot stones?"
UNA_MESSAGE=$(sql "SELECT max(id) FROM message")
remember_tables before request message client
run fd message to-request 999 --service "Sports massage 60"
expect_status 65
run fd message to-request "$UNA_MESSAGE" --service "Hot stones"
expect_status 65
run fd message to-request "$UNA_MESSAGE"
expect_status 64
expect_tables before

scenario "a text from a known client becomes a request answered at the client's email"
given fd book --name "Tia Text" --email tia@example.com --phone "07700 900123" \
    --service "Sports massage 60" --therapist prim --at "2026-12-04 16:00"
given fd reply --from "+447700900123" --text "Any chance of a massage Friday?"
TEXT_MESSAGE=$(sql "SELECT max(id) FROM message")
run fd message to-request "$TEXT_MESSAGE" --service "Sports massage 60"
expect_status 0
expect_equal "$(sql "SELECT name || ' ' || email || ' ' || phone || ' ' || source FROM request WHERE email = 'tia@example.com'")" \
    "Tia Text tia@example.com +447700900123 phone"

scenario "a text from an unknown number cannot be a request: the error says what to do"
given fd reply --from "+447700900999" --text "Do you have parking?"
UNKNOWN=$(sql "SELECT max(id) FROM message")
remember_tables before request message client
run fd message to-request "$UNKNOWN" --service "Sports massage 60"
expect_status 1
expect_one_error_line
expect_err "came by text from +447700900999 with no email address, and a request needs one"
expect_tables before

scenario "a long message keeps its whole text as a request"
LONG=$(awk 'BEGIN { for (i = 1; i <= 14; i++) printf "%sMy left calf has been tight since the marathon (%d).", (i > 1 ? " " : ""), i }')
given fd message add --name "Lou Long" --email lou@example.com --text "$LONG"
LONG_MESSAGE=$(sql "SELECT max(id) FROM message")
run fd message to-request "$LONG_MESSAGE" --service "Sports massage 60"
expect_status 0
expect_equal "$(sql "SELECT message FROM request WHERE email = 'lou@example.com'")" "$LONG"

finish
