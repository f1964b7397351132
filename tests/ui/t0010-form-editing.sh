# A form's text fields edit like a line editor: the cursor moves with
# Left, Right, Home and End (never into the middle of a character),
# Backspace and Delete delete beside it, Ctrl-U clears, and typing goes in
# at the cursor.  A field refuses typing past what the operation stores,
# and says so on the form.
. "$TESTS/ui/lib.sh"
given fd demo

# The text of the focused form's "Client name" field.
name_field() { screen | grep 'Client name ' | sed 's/.*Client name *//; s/ *│.*//'; }
cursor_x() { tmux -L "$SOCKET" display-message -p -t ui '#{cursor_x}'; }
# The column where the name field's text starts.
field_x() { screen | grep 'Client name ' | python3 -c 'import sys; l = sys.stdin.read(); print(l.index("Client name") + len("Client name") + 2)'; }

scenario "typing, then Home and a prefix: the prefix goes in front"
COLS=80 ROWS=24 start "$FRONTDESK" --db "$DB" --now "'$NOW'"
keys 3
expect_screen "Pending requests"
keys n
expect_screen "New request"
keys "Smith"
expect_output "Smith" name_field
keys Home "Jo "
expect_output "Jo Smith" name_field
sleep 0.2
[ "$(cursor_x)" = "$(( $(field_x) + 3 ))" ] && pass || fail "the cursor is at column $(cursor_x), expected $(( $(field_x) + 3 ))"

scenario "End and Backspace delete the last letter; Left and Delete the one before"
keys End BSpace
expect_output "Jo Smit" name_field
keys Left DC
expect_output "Jo Smi" name_field
keys "th"
expect_output "Jo Smith" name_field

scenario "Ctrl-U clears the field, which then says it is required"
keys C-u
expect_output "" name_field
expect_screen "required"

scenario "accented letters are whole characters to the cursor"
keys "Zoë Ångström"
expect_output "Zoë Ångström" name_field
keys Left Left DC
expect_output "Zoë Ångstrm" name_field
keys Home Right Right BSpace
expect_output "Zë Ångstrm" name_field
keys C-u "Jo Smith"

scenario "the edited name is what is saved"
keys Tab "jo.smith@example.com" Enter
expect_screen "Added the request from Jo Smith"
[ "$(sql "SELECT count(*) FROM request WHERE name = 'Jo Smith'")" = "1" ] && pass || fail "not saved as Jo Smith"

scenario "a choice field still picks with Right and Space, and takes no typing"
keys n
expect_screen "New request"
keys Tab Tab Tab
expect_screen "◀ Sports massage 60 ▶"
keys Right
expect_screen "◀ Sports massage 30 ▶"
keys Space
expect_screen "◀ Deep tissue 90 ▶"
keys "q"
expect_screen "◀ Deep tissue 90 ▶"
expect_screen "New request"
keys Escape
expect_screen "No request added"

scenario "a long name scrolls sideways: its end while typing there, its start after Home"
keys n
expect_screen "New request"
long=$(python3 -c 'print("A" + "b" * 90 + "Z")')
keys "$long"
expect_screen "bbbZ"
expect_not_screen "Abbb"
keys Home
expect_screen "Abbb"
expect_not_screen "bbbZ"

scenario "typing past 127 bytes is refused with a message, and nothing past it is kept"
keys End "$(python3 -c 'print("c" * 40)')"
expect_screen "Client name is full: at most 127 bytes."
keys Tab "long@example.com" Enter
expect_screen "Added the request from"
[ "$(sql "SELECT length(name) FROM request WHERE email = 'long@example.com'")" = "127" ] &&
    pass || fail "the saved name is not 127 bytes long"

scenario "a phone number stops at 63 bytes"
keys n
expect_screen "New request"
keys Tab Tab "$(python3 -c 'print("1" * 70)')"
expect_screen "Phone is full: at most 63 bytes."
keys Escape
keys q
expect_exited
finish
