# The client finder and the text popups are the same modal box: each
# opens over the pane, is drawn again at the new size when the terminal
# is resized (or says it is too small), and closes with Escape.
. "$TESTS/ui/lib.sh"
given fd demo
client=$(sql "SELECT name FROM client WHERE name LIKE '%Evans%' ORDER BY name LIMIT 1")

# bottom_border_width: the characters of the box's bottom border line.
bottom_border_width() { screen | grep '└' | tail -n 1 | sed 's/^[^└]*//; s/ *$//' |
    python3 -c 'import sys; print(len(sys.stdin.read().strip()))'; }

scenario "/ finds clients and lists them in a box"
COLS=80 ROWS=24 start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
keys /
expect_screen "Find a client"
keys "Evans" Enter
expect_screen "Clients matching \"Evans\""
expect_screen "$client"
[ "$(bottom_border_width)" = "76" ] && pass || fail "the box is $(bottom_border_width) wide at 80 columns"

scenario "the finder survives a resize, drawn again at the new size"
resize 100 30
expect_screen "Clients matching \"Evans\""
sleep 0.3
[ "$(bottom_border_width)" = "96" ] && pass || fail "the box is $(bottom_border_width) wide at 100 columns"
resize 30 8
expect_screen "Terminal too small"
expect_running
resize 80 24
expect_screen "Clients matching \"Evans\""
expect_screen "$client"

scenario "Enter opens the client's history over the finder; Escape closes only it"
keys Enter
expect_screen "┌─Client"
expect_screen "email  client"
expect_screen "Any key closes"
keys Escape
expect_screen "Clients matching \"Evans\""

scenario "Escape closes the finder"
keys Escape
expect_screen "Tuesday 2026-11-24"
expect_not_screen "Clients matching"

scenario "q closes it too"
keys / "Evans" Enter
expect_screen "Clients matching \"Evans\""
keys q
expect_screen "Tuesday 2026-11-24"
expect_not_screen "Clients matching"
expect_running

scenario "a message's preview opens in the same box and scrolls"
keys 4 p
expect_screen "Message #1 as it would go now"
expect_screen "↑/↓ scroll (lines 1-17 of"
keys Down
expect_screen "↑/↓ scroll (lines 2-18 of"

scenario "the preview survives a resize, showing more lines when there is room"
resize 100 30
expect_screen "↑/↓ scroll (lines 2-24 of"
resize 20 5
expect_screen "Terminal too smal"
keys p
expect_running
resize 80 24
expect_screen "Message #1 as it would go now"

scenario "Escape closes the preview"
keys Escape
expect_screen "Outbox, still to go"
expect_not_screen "Message #1 as it would go now"
keys q
expect_exited
finish
