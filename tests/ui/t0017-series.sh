# A runner's course of weekly sessions booked from the Day pane: the
# booking form's repeat field books a series, all or nothing.  A session
# that clashes is listed with the nearest free time that day; Esc goes back
# to the form with everything as typed, b books the rest.  Cancelling a
# session of a series asks whether the later ones go too.
. "$TESTS/ui/lib.sh"
early() { "$FRONTDESK" --db "$DB" --now "2026-11-16 10:00" "$@"; }
given early init
given fd therapist add jose --name "José Silva"
given fd rota add jose --clinic "Clinic" --weekly tue,wed,thu,fri --from 09:00 --to 17:00
given fd book --name "Eve Taken" --email eve@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-12-01 13:00"
series_count() { sql "SELECT count(*) FROM appointment WHERE series_id IS NOT NULL AND status = 'booked'"; }

scenario "n at 13:00 with a weekly repeat of six finds next Tuesday taken"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
# The cursor starts at now, 10:00: twelve rows down is 13:00.
for row in $(seq 1 12); do keys Down; done
keys n
expect_screen "New booking"
keys "Fay Runner" Tab "fay@example.com" Tab Tab Tab Tab Tab Right Tab 6
expect_screen "◀ every week (1w) ▶"
keys Enter
expect_screen "The series clashes"
expect_screen "1 session cannot be booked, so nothing is booked yet:"
expect_screen "tue 2026-12-01 13:00  that slot is taken"
expect_screen "nearest free that day:"
expect_screen "b books the other sessions and skips these · Esc goes back to the form"
expect_equal "$(series_count)" "0"

scenario "Esc goes back to the form with nothing lost"
keys Escape
expect_screen "Nothing booked: 1 session clashes."
expect_screen "Fay Runner"
expect_screen "fay@example.com"
expect_screen "◀ every week (1w) ▶"
expect_screen "Sessions          6"
expect_equal "$(series_count)" "0"

scenario "a sessions field that is neither a count nor a day is explained"
keys C-u "lots"
expect_screen "how many in all (1 to 52), or the last day YYYY-MM-DD"
keys C-u 6

scenario "Enter and b book the other five and skip the clash"
keys Enter
expect_screen "The series clashes"
keys b
expect_screen "Booked series 1 for Fay Runner: 5 sessions, every week (1w) from 2026-11-24 13:00; skipped 1."
expect_equal "$(series_count)" "5"
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE start = (SELECT start FROM appointment WHERE id = 1) AND status = 'booked'")" "1"

scenario "the details show the series"
keys Enter
expect_screen "Series:   1"
keys Escape

scenario "x on a session asks which go; t cancels this one only"
keys x
expect_screen "Cancel #2, Fay Runner at 13:00"
keys k
expect_screen "#2 is one of series 1: t this session only, f this and the following sessions"
keys t
expect_screen "Cancelled #2."
expect_equal "$(series_count)" "4"

scenario "on a later session, f cancels it and the following ones"
# Two weeks on: the cursor starts at the shift (09:00); 13:00 is 16 rows down.
for day in $(seq 1 14); do keys Right; done
expect_screen "Tuesday 2026-12-08"
for row in $(seq 1 16); do keys Down; done
expect_screen "13:00 Fay Runner"
keys x
expect_screen "Cancel #"
keys k
expect_screen "is one of series 1"
keys f
expect_screen "Cancelled 4 sessions of series 1 from #"
expect_equal "$(series_count)" "0"
keys q
expect_exited
finish
