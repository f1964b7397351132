# The footer is read from the key table: each pane shows its own keys,
# two keys of one kind share an entry (←/→ day), and undo, find, help and
# quit keep their place even when the terminal is too narrow for the rest.
. "$TESTS/ui/lib.sh"
given fd demo

# The footer: the screen's last line.
footer() { screen | tail -n 1 | sed 's/ *$//'; }

scenario "at 80x24 every pane's footer shows that pane's keys, then undo, find, help and quit"
COLS=80 ROWS=24 start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
expect_output "←/→ day h/l therapist t today x cancel Enter details u undo / find ? help q quit" footer
keys 3
expect_output "←/→ slot b book d decline w waitlist n new u undo / find ? help q quit" footer
keys 4
expect_output "p preview s send S send all v void r retry a all u undo / find ? help q quit" footer
keys 5
expect_output "←/→ slot b book r remove n new o notify u undo / find ? help q quit" footer
keys 6
expect_output "a/c/N outcome Enter details u undo / find ? help q quit" footer
keys 7
expect_output "←/→ list n subscribe r unsubscribe a all o offers u undo / find ? help q quit" footer
keys 8
expect_output "Enter read h handled r request a all u undo / find ? help q quit" footer

scenario "the Rota's keys do not all fit in 80 columns: quit still does"
keys 2
expect_output "←/→ week t today Enter rules n new o time off e edit u undo / find ? help q quit" footer

scenario "with room, the Rota's footer has every one of its keys"
resize 120 30
expect_output "←/→ week t today Enter rules n new o time off e edit r remove Esc back u undo / find ? help q quit" footer

scenario "with room, the Day's footer has the outcomes, the fee and notes too"
keys 1
expect_output "←/→ day h/l therapist t today x cancel Enter details m move a/c/N outcome f fee w note u undo / find ? help q quit" footer
keys 2

scenario "a key shown in the footer does what it says"
keys Right
expect_screen "Week of Monday 2026-11-30"
keys t
expect_screen "Week of Monday 2026-11-23"
keys 1 x
expect_screen "(y/n)"
keys n
expect_screen "Not cancelled."
keys q
expect_exited
finish
