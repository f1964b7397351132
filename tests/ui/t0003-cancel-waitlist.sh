# Cancelling an appointment on the Day pane names the waiting clients the
# freed slot suits; one of them is then booked from the Waitlist pane.
. "$TESTS/ui/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,thu --from 08:30 --to 14:30
given fd book --name "Ann Lee" --email ann@example.com --service "Low cost massage 45" --therapist prim --at "2026-11-30 09:00"
given fd waitlist add --name "Wendy Wait" --email wendy@example.com --service "Low cost massage 45" --prefer "mon am"

scenario "the appointment is on Monday's Day pane"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
keys Right Right Right Right Right Right
expect_screen "Monday 2026-11-30"
expect_screen "09:00 Ann Lee"

scenario "x on it asks, then cancels and names Wendy"
# The cursor starts at the first shift (08:30); Ann is two rows down.
keys Down Down x
expect_screen "Cancel #1, Ann Lee"
keys y
expect_screen "The slot suits 1 waiting: Wendy Wait"
[ "$(sql "SELECT status FROM appointment WHERE id = 1")" = "cancelled" ] && pass || fail "not cancelled"

scenario "the Waitlist pane books Wendy into a free slot"
keys 5
expect_screen "Wendy Wait"
expect_screen "Free slots that fit"
keys b
expect_screen "Booked #2: Wendy Wait"
[ "$(sql "SELECT status FROM waitlist WHERE id = 1")" = "booked" ] && pass || fail "waitlist entry not booked"
keys q
expect_exited
finish
