# Nobody is ever marked a no-show by the program: past appointments with no
# outcome wait in the To do pane, where a, c and N record what happened,
# and today's join them once close of business has passed.
. "$TESTS/ui/lib.sh"
early() { "$FRONTDESK" --db "$DB" --now "2026-11-16 10:00" "$@"; }
given early init
given fd therapist add jose --name "José Silva"
given fd rota add jose --clinic "Clinic" --weekly tue,wed,thu,fri --from 09:00 --to 17:00
given early book --name "Gil Past" --email gil@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-19 10:00"
given early book --name "Dan Old" --email dan@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-20 09:00"
given early book --name "Tia Today" --email tia@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-24 09:00"
status_of() { sql "SELECT status FROM appointment WHERE id = $1"; }

scenario "the To do pane lists the past appointments nobody has said the outcome of"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
keys 6
expect_screen "To do: 2 things the desk must act on"
expect_screen "no outcome yet    2026-11-19 10:00 jose  Gil Past  Sports massage 60  #1"
expect_screen "no outcome yet    2026-11-20 09:00 jose  Dan Old"
# Today's is not past close of business yet.
expect_not_screen "Tia Today"

scenario "Enter shows the appointment and the keys that record its outcome"
keys Enter
expect_screen "Appointment #1"
expect_screen "Status:   booked"
expect_screen "#1 has no outcome yet: a arrived, c completed, N no-show"
keys Escape

scenario "a client cannot arrive on another day: the refusal says so"
keys a
expect_screen "a client can only arrive on the day"
expect_equal "$(status_of 1)" "booked"

scenario "c records Gil's session, and the row goes"
keys c
expect_screen "#1 Gil Past (10:00): completed."
expect_screen "To do: 1 thing the desk must act on"
expect_equal "$(status_of 1)" "completed"

scenario "N asks, then records Dan as a no-show"
keys N
expect_screen "Record #2, Dan Old at 09:00, as a no-show?"
keys y
expect_screen "#2 Dan Old (09:00): no-show."
expect_screen "Nothing needs the desk."
expect_equal "$(status_of 2)" "no-show"
keys q
expect_exited

scenario "after close of business today's appointment joins the list"
start "$FRONTDESK" --db "$DB" --now "'2026-11-24 18:30'"
expect_screen "Tuesday 2026-11-24"
keys 6
expect_screen "no outcome yet    2026-11-24 09:00 jose  Tia Today"
keys a
expect_screen "#3 Tia Today (09:00): arrived."
# Arrived is not yet an outcome: the session still has to be completed.
expect_screen "Tia Today  Sports massage 60  #3  (arrived)"
keys c
expect_screen "#3 Tia Today (09:00): completed."
expect_screen "Nothing needs the desk."
keys q
expect_exited
finish
