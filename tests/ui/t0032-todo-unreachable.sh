# A message owed to a client nobody can reach (no email address, no texts
# set up for their mobile) is on the To do pane: the row names the client
# and their phone to ring, and Enter shows the message and why it cannot go.
. "$TESTS/ui/lib.sh"
given fd init
given fd therapist add jose --name "José Núñez"
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed --from 09:00 --to 17:00
given fd book --name "Di Nomail" --phone "07700 900123" --service "Sports massage 60" \
    --therapist jose --at "2026-11-30 13:00"
given fd book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-30 09:00"

scenario "the To do pane lists the client nobody can reach, with their phone"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
keys 6
expect_screen "To do: 1 thing the desk must act on"
expect_screen "unreachable       confirmation appt #1 11-30 13:00  Di Nomail  +447700900123  no email"
expect_not_screen "Ann Lee"

scenario "Enter shows the message and why it cannot go"
keys Enter
expect_screen "Message #1 as it would go now"
expect_screen "It cannot go now: Di Nomail has no email address"
expect_screen "Nobody can reach Di Nomail: ring them, or add an address"
keys Escape
keys q
expect_exited
finish
