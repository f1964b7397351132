# A therapist's read-only view: their own day and week, and every change
# refused without touching the database.
. "$TESTS/ui/lib.sh"
given fd demo
before=$(sql "SELECT count(*), sum(id) FROM appointment; SELECT count(*) FROM shift_rule; SELECT count(*) FROM request WHERE status='pending'")

scenario "prim's view shows only prim"
start "$FRONTDESK" --db "$DB" --now "'$NOW'" --therapist prim
expect_screen "read-only: prim"
keys Right Right Right Right Right Right
expect_screen "Monday 2026-11-30"
expect_screen "prim Primrose Okafor"
expect_not_screen "jose José"

scenario "every change is refused"
keys n
expect_screen "Read-only view"
keys x
expect_screen "Read-only view"
keys 2
expect_screen "Week of Monday"
keys n
expect_screen "Read-only view"
keys o
expect_screen "Read-only view"

scenario "the desk's queues are not there"
keys 3
expect_not_screen "Pending requests"
keys 5
expect_not_screen "Waiting, oldest first"

scenario "nothing in the database changed"
after=$(sql "SELECT count(*), sum(id) FROM appointment; SELECT count(*) FROM shift_rule; SELECT count(*) FROM request WHERE status='pending'")
[ "$before" = "$after" ] && pass || fail "database changed"
keys q
expect_exited
finish
