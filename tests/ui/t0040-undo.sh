# A slip of the key can be taken back: u undoes the latest change made at
# this desk, from any pane, after a y/n question that names nothing (the
# operation finds the change and says what it undid).  A change another
# desk has built on since is refused with the reason, and nothing moves;
# a therapist's read-only view offers no undo at all.
. "$TESTS/ui/lib.sh"
# The desk is named, as when people share a login; setting up is someone
# else's work.
desk() {
    name=$1
    shift
    env FRONTDESK_DESK="$name" "$FRONTDESK" --db "$DB" --now "$NOW" "$@"
}
given fd init
given fd therapist add jose --name "José Silva"
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 09:00 --to 17:00
given desk front book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-24 13:00"
booked() { sql "SELECT count(*) FROM appointment WHERE status = 'booked'"; }

scenario "u is offered everywhere the desk can change things, and asks before it undoes"
start FRONTDESK_DESK=front "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
expect_footer_has "u undo"
keys 3
expect_screen "Pending requests"
keys u
expect_screen "Undo the latest change made at this desk? (y/n)"
keys n
expect_screen "Nothing undone."
expect_equal "$(booked)" "1"

scenario "y undoes the desk's booking and says what it was"
keys 1
expect_screen "13:00 Ann Lee"
keys u
expect_screen "Undo the latest change made at this desk? (y/n)"
keys y
expect_screen "Undid appointment 1: booked Sports massage 60 with jose at Clinic, 2026-11-24 13:00"
expect_equal "$(booked)" "0"
expect_not_screen "13:00 Ann Lee"

scenario "a booking made in the interface is undone the same way"
# The cursor starts at now, 10:00: eight rows down is 12:00.
for row in $(seq 1 8); do keys Down; done
keys n
expect_screen "New booking"
keys "Bo Bounce" Tab "bo@example.com" Enter
expect_screen "Bo Bounce at 12:00 with jose"
expect_screen "12:00 Bo Bounce"
keys u y
expect_screen "booked Sports massage 60 with jose at Clinic, 2026-11-24 12:00"
expect_screen "Undid appointment "
expect_not_screen "12:00 Bo Bounce"
expect_equal "$(booked)" "0"

scenario "after another desk changed it, undo is refused with the reason and nothing moves"
given desk front book --name "Cy Later" --email cy@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-24 15:00"
later=$(sed -n 's/^Booked #\([0-9]*\) .*/\1/p' "$WORK/out")
given desk other cancel "$later"
keys u y
expect_screen "Nothing undone"
expect_screen "has changed since (other"
expect_screen "nothing was undone"
keys Escape
expect_screen "cannot undo"
expect_equal "$(sql "SELECT status FROM appointment WHERE id = $later")" "cancelled"
expect_running
keys q
expect_exited

scenario "a therapist's read-only view offers no undo, and refuses u"
start "$FRONTDESK" --db "$DB" --now "'$NOW'" --therapist jose
expect_screen "read-only: jose"
expect_footer_lacks "u undo"
keys u
expect_screen "Read-only view: nothing can be changed here."
expect_not_screen "Undo the latest change"
expect_equal "$(sql "SELECT status FROM appointment WHERE id = $later")" "cancelled"
keys q
expect_exited
finish
