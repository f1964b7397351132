# A therapist's read-only view offers no key that changes data: not in
# the footer, not in the help.  Pressing one anyway still says why
# nothing happens, and the database stays as it was.
. "$TESTS/ui/lib.sh"
given fd demo
before=$(sql "SELECT count(*), sum(id) FROM appointment WHERE status <> 'cancelled'")

scenario "the Day pane's footer moves and shows, and offers no cancelling"
COLS=80 ROWS=24 start "$FRONTDESK" --db "$DB" --now "'$NOW'" --therapist prim
expect_screen "read-only: prim"
expect_footer_has "←/→ day"
expect_footer_has "Enter details"
expect_footer_has "q quit"
expect_footer_lacks "x cancel"

scenario "x still says the view is read-only"
keys Right Right Right Right Right Right
expect_screen "Monday 2026-11-30"
keys x
expect_screen "Read-only view: nothing can be changed here."

scenario "the Rota pane's footer offers no new rule, time off, edit or remove"
keys 2
expect_screen "Week of Monday"
expect_footer_has "←/→ week"
expect_footer_has "Esc back"
for change in "n new" "o time off" "e edit" "r remove"; do expect_footer_lacks "$change"; done
keys o
expect_screen "Read-only view: nothing can be changed here."

scenario "the help lists no change, and no pane this view does not have"
keys '?'
expect_screen "Keys (read-only view)"
keys NPage
expect_screen "Day pane"
for change in "new rota rule" "add time off" "cancel the appointment" "book at the cursor" \
    "Requests pane" "Waitlist pane" "Outbox" "Inbox pane"; do
    expect_not_screen "$change"
done
keys PPage
expect_not_screen "new rota rule"
keys Escape

scenario "nothing in the database changed"
[ "$(sql "SELECT count(*), sum(id) FROM appointment WHERE status <> 'cancelled'")" = "$before" ] &&
    pass || fail "appointments changed"
keys q
expect_exited
finish
