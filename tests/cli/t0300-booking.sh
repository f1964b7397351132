# Bookings fit the rota: inside a shift at a clinic offering the service,
# not on a closure or in time off, with the therapist and a room free.
# Each refusal says which rule and changes nothing.
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd therapist add sam --name "Sam Taylor"
given fd therapist add jose --name "José Núñez"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,thu --from 08:30 --to 14:30
given fd rota add sam --clinic "Low Cost Clinic" --weekly mon --from 08:30 --to 14:30
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed --from 09:00 --to 17:00
book() { fd book --name "${NAME-Ann Lee}" --email "${EMAIL-ann@example.com}" "$@"; }

scenario "a booking inside prim's Monday shift is made, unsent"
run book --service "Low cost massage 45" --therapist prim --at "2026-11-30 09:00"
expect_status 0
expect_out "Booked #1 2026-11-30 09:00-09:45 Low cost massage 45 with prim at Low Cost Clinic"
expect_equal "$(sql "SELECT confirmation, room FROM appointment WHERE id = 1")" "unsent|1"

scenario "an appointment ending exactly at the end of the shift is fine"
run book --service "Low cost massage 45" --therapist prim --at "2026-11-30 13:45"
expect_status 0

before=$(snapshot)
scenario "one a minute later runs past the shift and is refused"
run book --service "Low cost massage 45" --therapist prim --at "2026-11-30 13:46"
expect_status 1
expect_one_error_line
expect_err "prim has no shift"
expect_err "08:30-14:30 at Low Cost Clinic"

scenario "the Low Cost Clinic has one room: sam cannot take it at the same time"
run book --service "Low cost massage 45" --therapist sam --at "2026-11-30 09:15"
expect_status 1
expect_err "no room is free at Low Cost Clinic"

scenario "prim cannot be in two places at once"
NAME="Bo" EMAIL="bo@example.com" run book --service "Low cost massage 45" --therapist prim --at "2026-11-30 09:30"
expect_status 1
expect_err "prim is already booked"

scenario "a service the clinic does not offer is refused"
run book --service "Sports massage 60" --therapist prim --at "2026-12-03 09:00" --clinic "Low Cost Clinic"
expect_status 1
expect_err "Low Cost Clinic does not offer \"Sports massage 60\""

scenario "a closure is refused, even with --force"
run book --service "Sports massage 60" --therapist jose --at "2026-12-28 10:00" --force --clinic Clinic
expect_status 1
expect_err "the clinic is closed on 2026-12-28"

scenario "the past cannot be booked"
run book --service "Sports massage 60" --therapist jose --at "2026-11-23 10:00"
expect_status 1
expect_err "is in the past"

scenario "bad input names the option"
run book --service "Hot stones" --therapist jose --at "2026-12-01 10:00"
expect_status 65
expect_err "--service: no service is named \"Hot stones\""
run book --service "Sports massage 60" --therapist jose --at "tomorrow 10:00"
expect_status 64
expect_err "--at: \"tomorrow 10:00\" is not a date and time"
NAME="" run book --service "Sports massage 60" --therapist jose --at "2026-12-01 10:00"
expect_status 64
EMAIL="ann@" run book --service "Sports massage 60" --therapist jose --at "2026-12-01 10:00"
expect_status 65
expect_err "--email: \"ann@\" is not an email address (has nothing after the @)"
EMAIL="zoë@example.com" run book --service "Sports massage 60" --therapist jose --at "2026-12-01 10:00"
expect_status 65
expect_err "--email: \"zoë@example.com\" has non-ASCII characters; mail to such addresses cannot be delivered from here"
run book --service "Sports massage 60" --therapist nobody --at "2026-12-01 10:00"
expect_status 65
expect_equal "$(snapshot)" "$before"

scenario "time off is refused, even with --force"
given fd rota off jose --from 2026-12-02 --to 2026-12-02 --reason "Course"
run book --service "Sports massage 60" --therapist jose --at "2026-12-02 10:00" --force
expect_status 1
expect_err "jose has time off"
expect_err "Course"

scenario "--force books outside the rota, and the audit log says so"
run book --service "Sports massage 60" --therapist jose --at "2026-12-04 10:00" --force --clinic Clinic
expect_status 0
run fd audit
expect_out "rota check overridden with --force"

scenario "the buffer after a 60-minute massage keeps the next 15 minutes free"
run book --service "Sports massage 60" --therapist jose --at "2026-12-01 10:00"
expect_status 0
NAME="Bo" EMAIL="bo@example.com" run book --service "Sports massage 60" --therapist jose --at "2026-12-01 11:00"
expect_status 1
NAME="Bo" EMAIL="bo@example.com" run book --service "Sports massage 60" --therapist jose --at "2026-12-01 11:15"
expect_status 0

scenario "the same client is found again by email, not duplicated"
expect_equal "$(sql "SELECT count(*) FROM client WHERE email = 'ann@example.com'")" "1"

scenario "the day shows shifts, appointments and free gaps"
run fd day --date 2026-11-30 --json
expect_status 0
expect_out '"therapist": "prim"'
expect_out '"start": "09:45"'
expect_out '"client": "Ann Lee"'
run fd day --date 2026-11-30 --therapist prim
expect_out "09:00-09:45  Ann Lee"
expect_out "09:45-13:45  free"

scenario "cancel frees the slot, and cancelling twice is refused"
run fd cancel 1 --reason "ill"
expect_status 0
expect_out "Cancelled #1"
run fd cancel 1
expect_status 1
expect_err "is cancelled, not booked"
NAME="Bo" EMAIL="bo@example.com" run book --service "Low cost massage 45" --therapist sam --at "2026-11-30 09:00"
expect_status 0

scenario "an unknown appointment is named"
run fd cancel 999
expect_status 65
expect_err "no appointment 999"
run fd cancel abc
expect_status 64

scenario "a booking never moves a therapist to another building by itself"
before=$(snapshot)
run book --service "Sports massage 60" --therapist prim --at "2026-12-03 10:00"
expect_status 1
expect_one_error_line
expect_err "prim works at Low Cost Clinic at 2026-12-03 10:00, which does not offer \"Sports massage 60\""
run book --service "Sports massage 60" --therapist prim --at "2026-12-03 10:00" --force
expect_status 1
expect_err "prim works at Low Cost Clinic"
run book --service "Sports massage 60" --therapist prim --at "2026-12-03 16:00" --force
expect_status 1
expect_err "prim works at Low Cost Clinic on 2026-12-03, which does not offer"
run book --service "Sports massage 60" --therapist prim --at "2026-12-05 10:00" --force
expect_status 64
expect_err "--clinic: name the clinic, since prim has no shift that day"
expect_equal "$(snapshot)" "$before"

scenario "forced outside her hours, she stays in the building she works in that day"
run book --service "Low cost massage 45" --therapist prim --at "2026-12-03 15:00" --force
expect_status 0
expect_out "with prim at Low Cost Clinic"
run book --service "Sports massage 60" --therapist prim --at "2026-12-05 10:00" --force --clinic Clinic
expect_status 0
expect_out "with prim at Clinic"

finish
