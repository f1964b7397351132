# Clock changes in Europe/London: a booking or time off at a local time
# that never happens (the clocks go forward) or happens twice (they go
# back) is refused with the reason; lengths are real minutes; a calendar
# feed never has an event end before it starts.
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add jose --name "José Núñez"
book() {
    fd book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
        --therapist jose --clinic Clinic --force "$@"
}

scenario "a start the clocks jump over is refused (exit 65)"
before=$(snapshot)
run book --at "2027-03-28 01:30"
expect_status 65
expect_one_error_line
expect_err "--at: 2027-03-28 01:30 does not exist in Europe/London: the clocks go forward over it"

scenario "a start that happens twice is refused"
run book --at "2027-10-31 01:15"
expect_status 65
expect_err "--at: 2027-10-31 01:15 happens twice in Europe/London: the clocks go back over it"

scenario "an end that happens twice is refused too"
run book --at "2027-10-31 00:30"
expect_status 65
expect_err "the appointment's end: 2027-10-31 01:30 happens twice"
expect_equal "$(snapshot)" "$before"

scenario "time off at such a moment is refused"
run fd rota off jose --from "2027-10-31 01:30" --to "2027-10-31 03:00"
expect_status 65
expect_err "--from: 2027-10-31 01:30 happens twice"
run fd rota off jose --from "2027-03-28 00:00" --to "2027-03-28 01:45"
expect_status 65
expect_err "--to: 2027-03-28 01:45 does not exist"
expect_equal "$(snapshot)" "$before"

scenario "an hour across the spring change ends an hour later in real time"
run book --at "2027-03-28 00:30"
expect_status 0
expect_out "2027-03-28 00:30-02:30"
run fd day --date 2027-03-28 --json
expect_out '"end": "02:30"'

scenario "the calendar feed gives its wall-clock times, which a phone reads as an hour"
run fd export ics --therapist jose --from 2027-03-27 --to 2027-03-29
expect_status 0
expect_out "DTSTART;TZID=Europe/London:20270328T003000"
expect_out "DTEND;TZID=Europe/London:20270328T023000"

scenario "an appointment written before these checks still ends after it starts in the feed"
# An old row whose wall-clock end (01:30) falls in the skipped hour.
given sql "UPDATE appointment SET \"end\" = start + 60, busy_until = start + 75"
run fd export ics --therapist jose --from 2027-03-27 --to 2027-03-29
expect_status 0
dtend=$(tr -d '\r' <"$WORK/out" | sed -n 's/^DTEND:\([0-9T]*Z\)$/\1/p')
dtstart=$(tr -d '\r' <"$WORK/out" | sed -n 's/^DTSTART:\([0-9T]*Z\)$/\1/p')
expect_equal "$dtstart" "20270328T003000Z"
expect_equal "$dtend" "20270328T013000Z"

scenario "an ordinary day keeps local times with the zone"
run book --at "2027-03-30 10:00"
expect_status 0
run fd export ics --therapist jose --from 2027-03-30 --to 2027-03-30
expect_out "DTSTART;TZID=Europe/London:20270330T100000"
expect_out "DTEND;TZID=Europe/London:20270330T110000"

finish
