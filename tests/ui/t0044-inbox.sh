# The Inbox pane (8): contact messages and the texts the program could not
# read, oldest first, each with who sent it (the email, or a text's
# number), when, and its first line; Enter reads one whole, h marks it
# handled after a question, r makes it a booking request that then waits
# on the Requests pane with the text kept, and a shows the handled ones
# too.  The header counts the messages waiting.  A therapist's view has
# no Inbox: the messages hold clients' addresses and numbers.
. "$TESTS/ui/lib.sh"
given fd init
at() { when=$1; shift; "$FRONTDESK" --db "$DB" --now "$when" "$@"; }
given at "2026-11-22 08:00" message add --name "Bo Bounce" --email bo@example.com \
    --text "Is there parking at the clinic?"
given at "2026-11-23 09:30" message add --name "Ann Lee" --email ann@example.com --text "Hello,
I would like a sports massage, Monday mornings suit me best.
See you, Ann"
# A text from a number no client has: it lands in the inbox.
given at "2026-11-24 09:45" reply --from "07700 900555" --text "Can I book for next week? Sam"
handled() { sql "SELECT handled IS NOT NULL FROM message WHERE id = $1"; }
# The screen line a text is first found on.
line_of() { screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1; }

scenario "pane 8 lists the messages waiting, oldest first: when, who, how to reach them, first line"
COLS=80 ROWS=24 start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "8 Inbox"
expect_screen "unsent 0  inbox 3"
keys 8
expect_screen "Inbox, waiting, oldest first: 3 messages (a: handled too)"
expect_screen "RECEIVED     FROM                EMAIL / NUMBER          MESSAGE"
expect_screen "11-22 08:00  Bo Bounce           bo@example.com          Is there parking at"
expect_screen "11-23 09:30  Ann Lee             ann@example.com         Hello,"
expect_not_screen "Monday mornings"
[ "$(line_of "Bo Bounce")" -lt "$(line_of "Ann Lee")" ] &&
    [ "$(line_of "Ann Lee")" -lt "$(line_of "+447700900555")" ] &&
    pass || fail "not oldest first"
expect_footer_has "h handled"
expect_footer_has "r request"

scenario "a text from an unknown number shows the number it came from"
expect_screen "11-24 09:45  Text from +447700…  +447700900555           Can I book for next …"
keys End
expect_screen "#3 Text from +447700900555"
expect_screen "received 2026-11-24 09:45, not handled yet"
keys Enter
expect_screen "Number:   +447700900555 (a text)"
expect_screen "Can I book for next week? Sam"
keys Escape

scenario "Enter shows the whole message, every line of it"
keys Up
expect_screen "#2 Ann Lee <ann@example.com>"
keys Enter
expect_screen "┌─Message #2"
expect_screen "Email:    ann@example.com"
expect_screen "When:     received 2026-11-23 09:30, not handled yet"
expect_screen "I would like a sports massage, Monday mornings suit me best."
expect_screen "See you, Ann"
expect_screen "h handled, r make a request, Esc back to the inbox"
keys Escape
expect_not_screen "┌─Message #2"
expect_screen "Inbox, waiting, oldest first: 3 messages"

scenario "h asks first: n keeps the message, y marks it handled and it leaves the list"
keys Home h
expect_screen "Mark the message from Bo Bounce handled? It leaves the inbox. (y/n)"
keys n
expect_screen "The message stays in the inbox."
expect_equal "$(handled 1)" "0"
keys h
expect_screen "(y/n)"
keys y
expect_screen "Message #1 from Bo Bounce marked handled."
expect_screen "Inbox, waiting, oldest first: 2 messages"
expect_screen "inbox 2"
expect_not_screen "bo@example.com"
expect_equal "$(handled 1)" "1"

scenario "a shows the handled messages too, marked ✔; a again only those waiting"
keys a
expect_screen "Inbox, every message: 3 (a: only those waiting)"
expect_screen "bo@example.com          ✔ Is there parking"
keys Home Enter
expect_screen "When:     received 2026-11-22 08:00, handled 2026-11-24 10:00"
keys Escape
keys h
expect_screen "Message #1 was handled already, at 2026-11-24 10:00."
keys a
expect_screen "Inbox, waiting, oldest first: 2 messages"
expect_not_screen "bo@example.com"

scenario "r makes the message a request: the service chosen, the times typed"
keys Home r
expect_screen "┌─Request from Ann Lee"
expect_screen "◀ Sports massage 60 ▶"
expect_screen "“Hello,”"
keys Right
expect_screen "◀ Sports massage 30 ▶"
keys Tab "mon am" Enter
expect_screen "Made request #1 from Ann Lee's message: reply by 2026-11-25 18:00."
expect_screen "Inbox, waiting, oldest first: 1 message"
expect_screen "inbox 1"
expect_not_screen "ann@example.com"
expect_equal "$(handled 2)" "1"
expect_equal "$(sql "SELECT name, email, service, prefer FROM request")" \
    "Ann Lee|ann@example.com|Sports massage 30|mon am"

scenario "the request waits on the Requests pane with the message's text"
keys 3
expect_screen "Pending requests by reply-by time: 1"
expect_screen "Ann Lee"
expect_screen "Message  Hello,"
keys Enter
expect_screen "┌─Request"
expect_screen "Received:  2026-11-23 09:30"
expect_screen "See you, Ann"
keys Escape

scenario "a text without an email cannot be a request: the form says why, nothing changes"
keys 8 r
expect_screen "┌─Request from Text from +447700900555"
keys Enter
expect_screen "with no email address"
keys Escape
expect_screen "No request made; the message stays in the inbox."
expect_equal "$(handled 3)" "0"
expect_equal "$(sql "SELECT count(*) FROM request")" "1"

scenario "a text that comes in while the desk is open appears within a second"
given fd reply --from "07700 900777" --text "Running late, sorry"
expect_screen "+447700900777" 3
expect_screen "inbox 2"

scenario "Escape in the form and odd keys leave the list as it was"
keys r Escape
expect_screen "No request made"
keys z Z 0 9 x Left Right BSpace PPage NPage
expect_running
expect_screen "Inbox, waiting, oldest first: 2 messages"

scenario "resized down to too small and back, it draws again; narrow, the text takes the room"
resize 20 5
expect_screen "Terminal too"
resize 60 14
expect_screen "RECEIVED     FROM                MESSAGE"
expect_screen "Text from +447700…  Can I book for next week…"
resize 80 24
expect_screen "EMAIL / NUMBER"
expect_running
keys q
expect_exited

scenario "NO_COLOR: the inbox still shows, in attributes only"
start env NO_COLOR=1 "$FRONTDESK" --db "$DB" --now "'$NOW'"
keys 8
expect_screen "Inbox, waiting, oldest first: 2 messages"
keys a
expect_screen "✔ Hello,"
keys q
expect_exited

scenario "a therapist's view has no Inbox: no tab, no count, no key"
given fd therapist add prim --name "Primrose Okafor"
start "$FRONTDESK" --db "$DB" --now "'$NOW'" --therapist prim
expect_screen "read-only: prim"
expect_not_screen "8 Inbox"
expect_not_screen "inbox 2"
keys 8
expect_not_screen "Inbox, waiting"
expect_not_screen "+447700900555"
keys '?'
expect_screen "Keys (read-only view)"
keys End
expect_not_screen "Inbox pane"
expect_not_screen "mark the message handled"
keys Escape q
expect_exited
finish
