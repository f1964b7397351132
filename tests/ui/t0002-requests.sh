# A receptionist books a pending request from its first suggestion and
# sees it on the Day pane; a second desk's new request appears by itself.
. "$TESTS/ui/lib.sh"
given fd demo
first=$(fd request list --json | python3 -c 'import json,sys; r=json.load(sys.stdin)[0]; print(r["id"], r["name"])')
id=${first%% *}
name=${first#* }
slot=$(fd request suggest "$id" --limit 1 --json | python3 -c 'import json,sys; s=json.load(sys.stdin)[0]; print(s["date"], s["start"], s["therapist"])')

scenario "the Requests pane lists pending requests, overdue first, with suggestions"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
keys 3
expect_screen "Pending requests by reply-by time"
expect_screen "OVERDUE"
expect_screen "$name"
expect_screen "Suggested slots"

scenario "b books the first suggestion"
keys b
expect_screen "Booked #"
expect_equal_db() { [ "$(sql "$1")" = "$2" ] && pass || fail "db: $1 gave $(sql "$1"), expected $2"; }
expect_equal_db "SELECT status FROM request WHERE id = $id" "booked"

scenario "the booking is on the Day pane of that day"
keys 1
expect_screen "${slot%% *}"
expect_screen "${name%% *}"

scenario "another desk adds a request; it appears within a second, no key pressed"
keys 3
given fd request add --name "Live Larry" --email larry@example.com --service "Sports massage 30"
expect_screen "Live Larry" 1

scenario "d declines a request after asking for a reason"
keys End
expect_screen "Live Larry"
keys d
expect_screen "Decline: reason"
keys "No slots" Enter
expect_screen "Declined the request from"
expect_equal_db "SELECT status FROM request WHERE name = 'Live Larry'" "declined"

scenario "n opens the new-request form, which explains a bad email as it is typed"
keys n
expect_screen "New request"
keys "Nora New" Tab "nora@"
expect_screen "not an email address yet"
keys "example.com" Tab Tab Tab "tursday"
expect_screen "\"tursday\" at 1"
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace "thu pm" Enter
expect_screen "Added the request from Nora New"
expect_equal_db "SELECT prefer FROM request WHERE name = 'Nora New'" "thu pm"

scenario "Escape leaves a form without change"
keys n
expect_screen "New request"
keys "Ghost" Escape
expect_screen "No request added"
expect_equal_db "SELECT count(*) FROM request WHERE name = 'Ghost'" "0"
keys q
expect_exited
finish
