# Adding a rota rule in the Rota pane makes the shift appear in the week;
# time off shows as "off".
. "$TESTS/ui/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"

scenario "the week shows no shift for prim yet"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
keys 2
expect_screen "Week of Monday 2026-11-23"
expect_screen "No rules: n adds one."

scenario "n adds a weekly rule; the shifts appear on Monday and Thursday"
keys n
expect_screen "New rota rule"
keys Down Right Down Down "mon,thu" Down "08:30" Down "14:30" Enter
expect_screen "Added rota rule 1 for prim"
expect_screen "08:30-14:30"
[ "$(fd rota show --week 2026-11-23 --json | grep -c '"start": "08:30"')" = "2" ] && pass || fail "expected two shifts"

scenario "a bad day name is explained in the form and nothing is saved"
keys n
keys Down Down Down "mon,funday"
expect_screen "funday"
keys Enter
expect_screen "Days:"
keys Escape
expect_screen "Rota unchanged"
[ "$(sql "SELECT count(*) FROM shift_rule")" = "1" ] && pass || fail "a rule was saved"

scenario "o records a day off, shown as off"
keys o
expect_screen "Time off"
keys Down
keys C-u
for i in 1 2 3 4 5 6 7 8 9 10; do keys BSpace; done
keys "2026-11-26" Down
for i in 1 2 3 4 5 6 7 8 9 10; do keys BSpace; done
keys "2026-11-26" Down "Course" Enter
expect_screen "Recorded time off"
expect_screen "off"
keys q
expect_exited
finish
