# Repeating sessions (issue 12): `book … --every 1w|2w|4w --count N|--until D`
# books a series, each session an appointment of its own at the same local
# time whatever the clocks do.  A series is all or nothing: a session that
# cannot be booked (bank holiday, time off, taken, outside the rota, a
# local time the clocks skip) books nothing, and every clash is listed with
# the nearest free time that day; --skip-clashes books the rest.
# `cancel ID --following` cancels a session and the later ones.
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add jose --name "José Núñez"
# Mondays only until Friday 15 January; Tuesday to Friday for good.
given fd rota add jose --clinic "Clinic" --weekly mon --from 09:00 --to 17:00 --valid-until 2027-01-15
given fd rota add jose --clinic "Clinic" --weekly tue,wed,thu,fri --from 09:00 --to 17:00
given fd rota off jose --from 2027-01-11 --to 2027-01-11 --reason "Course"
given fd book --name "Bo Ray" --email bo@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-12-14 10:00"
series() {
    fd book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
        --therapist jose "$@"
}
times_of() { # SERIES: its sessions' "date start-end status", by start
    sql "SELECT group_concat(d, ', ') FROM (SELECT date(start * 60, 'unixepoch') || ' ' ||
        strftime('%H:%M', start * 60, 'unixepoch') || '-' || strftime('%H:%M', \"end\" * 60, 'unixepoch')
        || ' ' || status AS d FROM appointment WHERE series_id = $1 ORDER BY start) sessions"
}

# ---- all or nothing ----------------------------------------------------------

scenario "a weekly series with four clashes books nothing, and lists each clash"
before=$(snapshot)
run series --at "2026-11-30 10:00" --every 1w --until 2027-01-18
expect_status 1
expect_one_error_line
expect_err "4 of the 8 sessions cannot be booked, so nothing was booked; --skip-clashes books the rest"
expect_out "Sessions that cannot be booked:"
expect_out "mon 2026-12-14 10:00: that slot is taken: jose is already booked then; nearest free: 11:15 with jose"
expect_out "mon 2026-12-28 10:00: the clinic is closed on 2026-12-28; nothing else free that day"
expect_out "mon 2027-01-11 10:00: jose has time off"
expect_out "Course"
expect_out "mon 2027-01-18 10:00: jose has no shift covering 2027-01-18 10:00-11:00"
expect_equal "$(grep -c '^  mon ' "$WORK/out")" "4"
expect_equal "$(snapshot)" "$before"

scenario "--skip-clashes books the rest and lists what it skipped, as JSON with the series id"
run series --at "2026-11-30 10:00" --every 1w --until 2027-01-18 --skip-clashes --json
expect_status 0
expect_equal "$(json_at '$.series_id')" "1"
expect_equal "$(json_rows '$.booked' date series_id)" \
    "2026-11-30 1; 2026-12-07 1; 2026-12-21 1; 2027-01-04 1"
expect_equal "$(json_rows '$.skipped' at)" \
    "2026-12-14 10:00; 2026-12-28 10:00; 2027-01-11 10:00; 2027-01-18 10:00"
expect_equal "$(json_at '$.skipped[0].nearest_free')" \
    '{"at":"2026-12-14 11:15","therapist":"jose"}'
expect_equal "$(times_of 1)" "2026-11-30 10:00-11:00 booked, 2026-12-07 10:00-11:00 booked, 2026-12-21 10:00-11:00 booked, 2027-01-04 10:00-11:00 booked"
run fd audit --limit 1
expect_out "booked a series of 4 sessions every 1 week (series 1), clashes skipped"

scenario "a fortnightly course of three, as text"
run series --at "2026-12-01 14:00" --every 2w --count 3
expect_status 0
expect_out "Booked series 2: 3 sessions"
expect_out "#6 2026-12-01 14:00-15:00"
expect_out "#8 2026-12-29 14:00-15:00"
expect_no_out "Skipped"
expect_equal "$(times_of 2)" "2026-12-01 14:00-15:00 booked, 2026-12-15 14:00-15:00 booked, 2026-12-29 14:00-15:00 booked"

scenario "every four weeks --until a day includes that day"
run series --at "2026-12-02 09:00" --every 4w --until 2027-01-27
expect_status 0
expect_out "Booked series 3: 3 sessions"
expect_equal "$(times_of 3)" "2026-12-02 09:00-10:00 booked, 2026-12-30 09:00-10:00 booked, 2027-01-27 09:00-10:00 booked"

scenario "a series whose every session clashes books nothing, even with --skip-clashes"
before=$(snapshot)
run series --at "2026-12-01 14:00" --every 2w --count 3 --skip-clashes
expect_status 1
expect_err "none of the 3 sessions can be booked; nothing was booked"
expect_equal "$(snapshot)" "$before"

scenario "bad repeats are usage errors that change nothing"
before=$(snapshot)
run series --at "2027-02-02 10:00" --every 3w --count 2
expect_status 64
expect_one_error_line
expect_err "--every"
run series --at "2027-02-02 10:00" --every 1w
expect_status 64
run series --at "2027-02-02 10:00" --every 1w --count 2 --until 2027-03-01
expect_status 64
run series --at "2027-02-02 10:00" --every 1w --count 0
expect_status 64
run series --at "2027-02-02 10:00" --every 1w --count 53
expect_status 64
run series --at "2027-02-02 10:00" --every 1w --until 2027-02-01
expect_status 64
expect_err "--until"
run series --at "2027-02-02 10:00" --every 1w --until 2028-12-31
expect_status 64
expect_err "at most 52 sessions"
run series --at "2027-02-02 10:00" --count 2
expect_status 64
expect_err "--every"
run series --at "2027-02-02 10:00" --skip-clashes
expect_status 64
expect_equal "$(snapshot)" "$before"

# ---- each session on its own ---------------------------------------------------

scenario "one session of a series moves alone and stays in its series"
run fd move 7 --at "2026-12-16 14:00"
expect_status 0
expect_equal "$(times_of 2)" "2026-12-01 14:00-15:00 booked, 2026-12-16 14:00-15:00 booked, 2026-12-29 14:00-15:00 booked"
run fd appointment show 7
expect_out "Series:  2"

scenario "one session is cancelled alone"
run fd cancel 8 --reason "away"
expect_status 0
expect_equal "$(times_of 2)" "2026-12-01 14:00-15:00 booked, 2026-12-16 14:00-15:00 booked, 2026-12-29 14:00-15:00 cancelled"

scenario "one session is marked alone"
run "$FRONTDESK" --db "$DB" --now "2026-12-01 15:00" complete 6
expect_status 0
expect_equal "$(times_of 2)" "2026-12-01 14:00-15:00 completed, 2026-12-16 14:00-15:00 booked, 2026-12-29 14:00-15:00 cancelled"

# ---- cancel --following ----------------------------------------------------------

scenario "a five-week series on Thursdays"
run series --at "2027-02-04 11:00" --every 1w --count 5 --json
expect_status 0
FIRST=$(json_at '$.booked[0].id')
SERIES=$(json_at '$.series_id')
expect_equal "$SERIES" "4"
THIRD=$((FIRST + 2))
SECOND=$((FIRST + 1))
given fd cancel "$THIRD" --reason "holiday"

scenario "cancel --following: this session and the later ones still booked"
run fd cancel "$SECOND" --following --by clinic --reason "jose leaving" --json
expect_status 0
expect_equal "$(json_rows '$' id)" "$SECOND; $((FIRST + 3)); $((FIRST + 4))"
expect_equal "$(times_of "$SERIES")" "2027-02-04 11:00-12:00 booked, 2027-02-11 11:00-12:00 cancelled, 2027-02-18 11:00-12:00 cancelled, 2027-02-25 11:00-12:00 cancelled, 2027-03-04 11:00-12:00 cancelled"
expect_equal "$(sql "SELECT group_concat(cancelled_by || ':' || coalesce(cancel_reason, ''), ', ') FROM
    (SELECT * FROM appointment WHERE series_id = $SERIES AND status = 'cancelled' ORDER BY start)
    cancelled")" \
    "clinic:jose leaving, client:holiday, clinic:jose leaving, clinic:jose leaving"

scenario "cancel --following of a session already cancelled is refused, and cancels nothing later"
run series --at "2027-02-05 11:00" --every 1w --count 3 --json
expect_status 0
FRIDAYS=$(json_at '$.series_id')
given fd cancel "$(json_at '$.booked[0].id')" --reason "ill"
CANCELLED=$(sql "SELECT min(id) FROM appointment WHERE series_id = $FRIDAYS")
before=$(snapshot)
run fd cancel "$CANCELLED" --following
expect_status 1
expect_one_error_line
expect_err "appointment $CANCELLED is cancelled"
expect_equal "$(times_of "$FRIDAYS")" "2027-02-05 11:00-12:00 cancelled, 2027-02-12 11:00-12:00 booked, 2027-02-19 11:00-12:00 booked"
expect_equal "$(snapshot)" "$before"

scenario "cancel --following of an appointment in no series is refused"
before=$(snapshot)
run fd cancel 1 --following
expect_status 1
expect_err "appointment 1 is not one of a series"
expect_equal "$(snapshot)" "$before"

# ---- a series from a request ------------------------------------------------------

scenario "a series booked from a request answers it once"
given fd request add --name "Rae Quinn" --email rae@example.com --service "Sports massage 60" \
    --received "2026-11-23 09:00"
run fd book --request 1 --therapist jose --at "2027-02-03 15:00" --every 2w --count 2 --json
expect_status 0
expect_equal "$(sql "SELECT status FROM request WHERE id = 1")" "booked"
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE request_id = 1")" "1"
expect_equal "$(json_rows '$.booked' client)" "Rae Quinn; Rae Quinn"

# ---- across the clock changes ---------------------------------------------------------

scenario "weekly at 10:00 across the March clock change: 10:00 local every time"
run series --at "2027-03-16 10:00" --every 1w --count 4 --json
expect_status 0
SPRING=$(json_at '$.series_id')
expect_equal "$(times_of "$SPRING")" "2027-03-16 10:00-11:00 booked, 2027-03-23 10:00-11:00 booked, 2027-03-30 10:00-11:00 booked, 2027-04-06 10:00-11:00 booked"

scenario "weekly at 10:00 across the October clock change: 10:00 local every time"
run series --at "2027-10-19 10:00" --every 1w --count 4 --json
expect_status 0
AUTUMN=$(json_at '$.series_id')
expect_equal "$(times_of "$AUTUMN")" "2027-10-19 10:00-11:00 booked, 2027-10-26 10:00-11:00 booked, 2027-11-02 10:00-11:00 booked, 2027-11-09 10:00-11:00 booked"

scenario "the day sheets show 10:00 on both sides of each change"
for day in 2027-03-23 2027-03-30 2027-10-26 2027-11-02; do
    run fd day --date "$day" --therapist jose
    expect_out "10:00-11:00  Ann Lee"
done

scenario "a session at a local time the clocks skip is a clash"
before=$(snapshot)
run series --at "2027-03-21 01:30" --every 1w --count 3 --force --clinic Clinic
expect_status 1
expect_err "1 of the 3 sessions cannot be booked"
expect_out "sun 2027-03-28 01:30"
expect_out "does not exist in Europe/London"
expect_equal "$(snapshot)" "$before"

scenario "so is one at a local time that happens twice"
run series --at "2027-10-24 01:30" --every 1w --count 2 --force --clinic Clinic
expect_status 1
expect_out "sun 2027-10-31 01:30"
expect_out "happens twice in Europe/London"
expect_equal "$(snapshot)" "$before"

scenario "--skip-clashes books around the skipped hour"
run series --at "2027-03-21 01:30" --every 1w --count 3 --force --clinic Clinic --skip-clashes --json
expect_status 0
NIGHT=$(json_at '$.series_id')
expect_equal "$(times_of "$NIGHT")" "2027-03-21 01:30-02:30 booked, 2027-04-04 01:30-02:30 booked"

# ---- a day at a clinic without the service ------------------------------------------

scenario "a session on a day the therapist works where the service is not offered is a clash"
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Clinic" --weekly mon --from 09:00 --to 17:00 --valid-until 2026-12-13
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon --from 09:00 --to 17:00 \
    --valid-from 2026-12-14
before=$(snapshot)
run fd book --name "Di Eve" --email di@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-11-30 10:00" --every 1w --count 4
expect_status 1
expect_err "2 of the 4 sessions cannot be booked"
expect_out "mon 2026-12-14 10:00: prim works at Low Cost Clinic"
expect_out "mon 2026-12-21 10:00: prim works at Low Cost Clinic"
expect_equal "$(snapshot)" "$before"

scenario "--skip-clashes books the sessions where the service is offered"
run fd book --name "Di Eve" --email di@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-11-30 10:00" --every 1w --count 4 --skip-clashes
expect_status 0
expect_out "Skipped 2 sessions:"
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE therapist_id =
    (SELECT id FROM therapist WHERE handle = 'prim')")" "2"

scenario "no two appointments overlap"
expect_equal "$(overlaps)" "0"

finish
