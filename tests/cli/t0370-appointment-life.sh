# The appointment's life after it is booked (issue 12): the client arrives,
# the session takes place, the client does not come, or cancels.  One
# table of moves decides which outcome can follow which, and the clock has
# its say too: an arrival only on the day, a completion or a no-show only
# once the session has started.  A client's cancellation less than
# late_cancel_hours (real hours) before the start is late and owes
# late_cancel_fee; a no-show owes no_show_fee; a fee can be waived or
# changed with a reason the audit log keeps.  Notes, the attendance report
# and the desk's worklist of past appointments with no outcome close it.
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add jose --name "José Núñez"
given fd therapist add sam --name "Sam Taylor"
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 09:00 --to 17:00
given fd rota add sam --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 09:00 --to 17:00
STARTER="$WORK/config/frontdesk/frontdesk.conf"

# book WHO "D HH:MM" [SERVICE]: books Ann Lee; $booked is the new id.
# Setup like `given`, so it comes first in the scenario that needs it (in a
# scenario already failed it is skipped, and $booked is empty).
book() {
    booked=""
    given fd book --name "${NAME-Ann Lee}" --email "${EMAIL-ann@example.com}" \
        --service "${3-Sports massage 30}" --therapist "$1" --at "$2"
    [ "$stopped" = 1 ] || booked=$(sed -n 's/^Booked #\([0-9]*\) .*/\1/p' "$WORK/out")
}
# at "D HH:MM" CMD...: the binary at another moment.
at() {
    when=$1
    shift
    "$FRONTDESK" --db "$DB" --now "$when" "$@"
}
status_of() { sql "SELECT status FROM appointment WHERE id = $1"; }

# ---- every move of the state machine, through the commands ---------------

# For each state an appointment can be in, five appointments on a day of
# their own, brought into that state; at 16:00 that day (after every start,
# still the day of each) each of the five is asked for one outcome.  Only
# the moves in the table go through; every other one is refused (exit 1)
# naming the state the appointment is in, and leaves it there.
#   booked → arrived, completed, cancelled, no-show;  arrived → completed
allowed() { # FROM ACTION: 0 when the table allows it
    case "$1:$2" in
    booked:*) return 0 ;;
    arrived:complete) return 0 ;;
    *) return 1 ;;
    esac
}
ACTIONS="arrive complete no-show cancel move"
TIMES="09:00 09:45 10:30 11:15 12:00"
# The day each state is tried on (a move goes to 11:00, 12:00 … on 9 December).
day_of_state() {
    case "$1" in
    booked) echo 2026-11-25 ;;
    arrived) echo 2026-11-26 ;;
    completed) echo 2026-11-27 ;;
    cancelled) echo 2026-11-30 ;;
    no-show) echo 2026-12-01 ;;
    esac
}
moves=0
for state in booked arrived completed cancelled no-show; do
    day=$(day_of_state "$state")
    ids=""
    scenario "five appointments on $day, each brought to $state"
    for time in $TIMES; do
        book jose "$day $time"
        ids="$ids $booked"
        case "$state" in
        arrived) given at "$day 08:30" arrive "$booked" ;;
        completed) given at "$day 16:00" complete "$booked" ;;
        cancelled) given fd cancel "$booked" ;;
        no-show) given at "$day 16:00" no-show "$booked" ;;
        esac
    done
    expect_equal "$(sql "SELECT group_concat(DISTINCT status) FROM appointment
        WHERE date(start * 60, 'unixepoch') = '$day'")" "$state"
    set -- $ids
    for action in $ACTIONS; do
        id=$1
        shift
        if allowed "$state" "$action"; then
            scenario "$action on a $state appointment goes through"
        else
            scenario "$action on a $state appointment is refused, naming its state"
        fi
        allowed "$state" "$action" || before=$(snapshot)
        if [ "$action" = move ]; then
            moves=$((moves + 1))
            run at "$day 16:00" move "$id" --at "2026-12-09 1$moves:00"
        else
            run at "$day 16:00" "$action" "$id"
        fi
        if allowed "$state" "$action"; then
            expect_status 0
            case "$action" in
            arrive) expect_equal "$(status_of "$id")" arrived ;;
            complete) expect_equal "$(status_of "$id")" completed ;;
            no-show) expect_equal "$(status_of "$id")" no-show ;;
            cancel) expect_equal "$(status_of "$id")" cancelled ;;
            move) expect_equal "$(sql "SELECT status, date(start * 60, 'unixepoch') FROM appointment WHERE id = $id")" "booked|2026-12-09" ;;
            esac
        else
            expect_status 1
            expect_one_error_line
            expect_err "appointment $id is $state"
            expect_equal "$(status_of "$id")" "$state"
            expect_equal "$(snapshot)" "$before"
        fi
    done
done

scenario "completing a cancelled appointment names both states"
id=$(sql "SELECT min(id) FROM appointment WHERE status = 'cancelled'")
run at "2026-11-30 16:00" complete "$id"
expect_status 1
expect_err "appointment $id is cancelled, not booked or arrived"

scenario "recording the same outcome twice says it was already recorded"
id=$(sql "SELECT min(id) FROM appointment WHERE status = 'arrived'")
run at "2026-11-26 16:00" arrive "$id"
expect_status 1
expect_err "appointment $id is arrived"
expect_err "already arrived"

scenario "an unknown appointment is named, a bad id is a usage error"
for action in arrive complete no-show; do
    run fd "$action" 999
    expect_status 65
    expect_err "no appointment 999"
    run fd "$action" abc
    expect_status 64
    expect_one_error_line
done

# ---- the clock's say ------------------------------------------------------

scenario "a no-show cannot be recorded before the start, even a minute before"
book jose "2026-12-02 10:00"
CLOCK=$booked
before=$(snapshot)
run at "2026-12-02 09:59" no-show "$CLOCK"
expect_status 1
expect_one_error_line
expect_err "a no-show can only be recorded after the start"
expect_equal "$(snapshot)" "$before"

scenario "completing before the start is refused"
run at "2026-12-02 09:59" complete "$CLOCK"
expect_status 1
expect_err "cannot be completed before it starts"
expect_equal "$(snapshot)" "$before"

scenario "a client arrives only on the day: not the day before, not the day after"
run at "2026-12-01 23:59" arrive "$CLOCK"
expect_status 1
expect_err "a client can only arrive on the day"
run at "2026-12-03 00:00" arrive "$CLOCK"
expect_status 1
expect_err "a client can only arrive on the day"
expect_equal "$(snapshot)" "$before"

scenario "arriving early on the day is fine, and completing from the start on"
run at "2026-12-02 08:00" arrive "$CLOCK"
expect_status 0
expect_out "Arrived: #$CLOCK"
run at "2026-12-02 10:00" complete "$CLOCK"
expect_status 0
expect_out "Completed: #$CLOCK"
expect_equal "$(status_of "$CLOCK")" completed

scenario "a no-show from the start minute on, and the history says when"
book jose "2026-12-02 11:00"
run at "2026-12-02 11:00" no-show "$booked"
expect_status 0
expect_equal "$(status_of "$booked")" no-show
run fd appointment show "$booked"
expect_out "Status:  no-show at 2026-12-02 11:00"
expect_out "no-show: the client did not come"

# ---- the schema's own copy of the table -----------------------------------

scenario "the database refuses a forbidden move made behind the program's back"
before=$(snapshot)
if sql "UPDATE appointment SET status = 'booked' WHERE id = $booked" 2>"$WORK/sqlerr"; then
    fail "the database let a no-show become booked again"
else
    pass
fi
expect_equal "$(grep -c 'frontdesk: transition appointment' "$WORK/sqlerr")" "1"
if sql "UPDATE appointment SET status = 'completed' WHERE status = 'cancelled'" 2>/dev/null; then
    fail "the database let a cancelled appointment be completed"
else
    pass
fi
expect_equal "$(snapshot)" "$before"

# ---- late cancellations and fees ------------------------------------------

# Configs: the starter config with fees as amounts, and as percentages.
sed -e 's/^late_cancel_fee .*/late_cancel_fee = "12.50"/' \
    -e 's/^no_show_fee .*/no_show_fee = "20.00"/' "$STARTER" >"$WORK/amount.conf"
sed -e 's/^late_cancel_fee .*/late_cancel_fee = "50%"/' \
    -e 's/^no_show_fee .*/no_show_fee = "100%"/' "$STARTER" >"$WORK/percent.conf"
amount() {
    when=$1
    shift
    at "$when" --config "$WORK/amount.conf" "$@"
}
percent() {
    when=$1
    shift
    at "$when" --config "$WORK/percent.conf" "$@"
}
fee_of() { sql "SELECT late || '|' || fee_pence FROM appointment WHERE id = $1"; }

scenario "a client's cancellation exactly 24 hours before is in time: no fee"
book sam "2026-12-03 10:00" "Sports massage 60"
IN_TIME=$booked
book sam "2026-12-03 11:15" "Sports massage 60"
LATE=$booked
book sam "2026-12-03 12:30" "Sports massage 60"
CLINIC=$booked
book sam "2026-12-03 13:45" "Sports massage 60"
LATE_PERCENT=$booked

run amount "2026-12-02 10:00" cancel "$IN_TIME"
expect_status 0
expect_no_out "late"
expect_equal "$(fee_of "$IN_TIME")" "0|0"
run fd audit --limit 1
expect_out "cancelled by the client appointment #$IN_TIME"

scenario "23 hours 59 minutes before is late: the amount fee is due"
run amount "2026-12-02 11:16" cancel "$LATE" --reason "work"
expect_status 0
expect_out "A late cancellation: a fee of 12.50 is due"
expect_equal "$(fee_of "$LATE")" "1|1250"
expect_equal "$(sql "SELECT cancelled_by FROM appointment WHERE id = $LATE")" "client"
run fd audit --limit 1
expect_out "cancelled by the client, late (fee 12.50): work"

scenario "the clinic's cancellation is never late, even an hour before"
run amount "2026-12-03 11:30" cancel "$CLINIC" --by clinic --reason "sam ill"
expect_status 0
expect_no_out "late"
expect_equal "$(fee_of "$CLINIC")" "0|0"
expect_equal "$(sql "SELECT cancelled_by FROM appointment WHERE id = $CLINIC")" "clinic"

scenario "a percentage fee is that share of the price (50% of 55.00)"
run percent "2026-12-03 08:00" cancel "$LATE_PERCENT"
expect_status 0
expect_out "a fee of 27.50 is due"
expect_equal "$(fee_of "$LATE_PERCENT")" "1|2750"
run fd appointment show "$LATE_PERCENT"
expect_out "by the client, late"
expect_out "Fee:     27.50"

scenario "with no late_cancel_fee set, a late cancellation is still marked late, with no fee"
book sam "2026-12-04 10:00"
run at "2026-12-04 09:00" cancel "$booked"
expect_status 0
expect_out "A late cancellation (the config sets no fee for one: late_cancel_fee)"
expect_equal "$(fee_of "$booked")" "1|0"

scenario "late_cancel_hours sets the window: 48 hours before is in time, 47:59 is late"
sed 's/^late_cancel_hours .*/late_cancel_hours = 48/' "$WORK/amount.conf" >"$WORK/48h.conf"
book sam "2026-12-07 11:00"
LONG_IN_TIME=$booked
book sam "2026-12-07 12:00"
LONG_LATE=$booked
run at "2026-12-05 11:00" --config "$WORK/48h.conf" cancel "$LONG_IN_TIME"
expect_status 0
expect_equal "$(fee_of "$LONG_IN_TIME")" "0|0"
run at "2026-12-05 12:01" --config "$WORK/48h.conf" cancel "$LONG_LATE"
expect_status 0
expect_equal "$(fee_of "$LONG_LATE")" "1|1250"

scenario "a no-show owes no_show_fee: an amount, or a share of the price"
book sam "2026-12-04 11:00"
NO_SHOW=$booked
run amount "2026-12-04 11:30" no-show "$NO_SHOW"
expect_status 0
expect_out "A fee of 20.00 is due"
expect_equal "$(sql "SELECT fee_pence FROM appointment WHERE id = $NO_SHOW")" "2000"
book sam "2026-12-04 12:00"
run percent "2026-12-04 12:30" no-show "$booked"
expect_status 0
expect_out "A fee of 35.00 is due"
expect_equal "$(sql "SELECT fee_pence FROM appointment WHERE id = $booked")" "3500"

scenario "a fee is changed with a reason, and the audit log keeps old, new and why"
run fd fee "$NO_SHOW" --set 5.00 --reason "first time, regular client"
expect_status 0
expect_out "Appointment $NO_SHOW: fee 5.00"
expect_equal "$(sql "SELECT fee_pence FROM appointment WHERE id = $NO_SHOW")" "500"
run fd audit --limit 1
expect_out "fee changed from 20.00 to 5.00: first time, regular client appointment #$NO_SHOW"
run fd appointment show "$NO_SHOW"
expect_out "Fee:     5.00 (changed from 20.00 to 5.00: first time, regular client)"

scenario "a fee is waived with a reason"
run fd fee "$LATE" --waive --reason "family emergency"
expect_status 0
expect_equal "$(fee_of "$LATE")" "1|0"
run fd audit --limit 1
expect_out "fee waived (was 12.50): family emergency appointment #$LATE"
run fd appointment show "$LATE" --json
expect_out '"fee": "0.00"'

scenario "without a reason, a fee is neither waived nor changed"
before=$(snapshot)
run fd fee "$NO_SHOW" --waive
expect_status 64
expect_one_error_line
expect_err "--reason"
run fd fee "$NO_SHOW" --set 1.00
expect_status 64
expect_one_error_line
expect_equal "$(snapshot)" "$before"

scenario "a reason of blanks is no reason"
before=$(snapshot)
run fd fee "$NO_SHOW" --waive --reason "   "
expect_status 64
expect_one_error_line
expect_err "--reason"
expect_equal "$(snapshot)" "$before"

scenario "fee takes --waive or --set, and a real amount"
before=$(snapshot)
run fd fee "$NO_SHOW" --reason "x"
expect_status 64
run fd fee "$NO_SHOW" --waive --set 1.00 --reason "x"
expect_status 64
run fd fee "$NO_SHOW" --set abc --reason "x"
expect_status 64
expect_err "--set: \"abc\" is not an amount"
run fd fee "$NO_SHOW" --set -1.00 --reason "x"
expect_status 64
run fd fee 999 --waive --reason "x"
expect_status 65
expect_err "no appointment 999"
expect_equal "$(snapshot)" "$before"

scenario "an appointment that owes nothing has no fee to change"
before=$(snapshot)
run fd fee "$IN_TIME" --waive --reason "x"
expect_status 1
expect_one_error_line
expect_err "appointment $IN_TIME owes no fee: it is cancelled in time"
run fd fee "$CLINIC" --set 3.00 --reason "x"
expect_status 1
expect_err "owes no fee"
run fd fee "$CLOCK" --waive --reason "x"
expect_status 1
expect_err "appointment $CLOCK owes no fee: it is completed"
expect_equal "$(snapshot)" "$before"
book sam "2026-12-07 10:00"
before=$(snapshot)
run fd fee "$booked" --set 3.00 --reason "x"
expect_status 1
expect_err "owes no fee: it is booked"
expect_equal "$(snapshot)" "$before"

scenario "a waived fee reads 'waived' once"
run fd fee "$NO_SHOW" --waive --reason "goodwill"
expect_status 0
expect_no_out "waived (waived"

# ---- late-cancel windows across the clock changes: real hours ------------

# Sunday 2027-03-28: the clocks go forward at 01:00.  Sunday 2027-10-31:
# they go back at 02:00.  The window counts hours that really pass.
scenario "spring: 24 hours 30 minutes by the wall clock is only 23 hours 30 real: late"
given fd rota add jose --clinic "Clinic" --weekly sun --from 09:00 --to 17:00
book jose "2027-03-28 10:00" "Sports massage 60"
SPRING_LATE=$booked
book jose "2027-03-28 12:00" "Sports massage 60"
SPRING_IN_TIME=$booked
book jose "2027-10-31 10:00" "Sports massage 60"
AUTUMN_IN_TIME=$booked
book jose "2027-10-31 12:00" "Sports massage 60"
AUTUMN_LATE=$booked

run amount "2027-03-27 09:30" cancel "$SPRING_LATE"
expect_status 0
expect_equal "$(fee_of "$SPRING_LATE")" "1|1250"

scenario "spring: 25 hours by the wall clock is exactly 24 real: in time"
run amount "2027-03-27 11:00" cancel "$SPRING_IN_TIME"
expect_status 0
expect_equal "$(fee_of "$SPRING_IN_TIME")" "0|0"

scenario "autumn: 23 hours 30 minutes by the wall clock is 24 hours 30 real: in time"
run amount "2027-10-30 10:30" cancel "$AUTUMN_IN_TIME"
expect_status 0
expect_equal "$(fee_of "$AUTUMN_IN_TIME")" "0|0"

scenario "autumn: 22 hours 59 minutes by the wall clock is 23 hours 59 real: late"
run amount "2027-10-30 13:01" cancel "$AUTUMN_LATE"
expect_status 0
expect_equal "$(fee_of "$AUTUMN_LATE")" "1|1250"

# ---- notes ------------------------------------------------------------------

scenario "a note on an appointment and one on the client"
book jose "2026-12-08 10:00"
NOTED=$booked
book jose "2026-12-08 11:00"
OTHER=$booked
ANN=$(sql "SELECT client_id FROM appointment WHERE id = $NOTED")
NAME="Bo Ray" EMAIL="bo@example.com" book sam "2026-12-08 10:00"
BO_APPOINTMENT=$booked
BO=$(sql "SELECT client_id FROM appointment WHERE id = $BO_APPOINTMENT")

run fd note add --appointment "$NOTED" "left calf tight, check orthotics"
expect_status 0
expect_out "added to appointment $NOTED"
run fd note add --client "$ANN" "treatment plan: fortnightly until race day"
expect_status 0
expect_out "added to client $ANN"
run fd note add --appointment "$OTHER" "bring running shoes"
expect_status 0
expect_equal "$(sql "SELECT count(*) FROM note")" "3"
run fd audit --limit 1
expect_out "note added: bring running shoes appointment #$OTHER"

scenario "the client's notes list both, with who wrote them and when"
run fd note list --client "$ANN"
expect_status 0
expect_out "left calf tight, check orthotics"
expect_out "treatment plan: fortnightly until race day"
expect_out "on appointment $NOTED"
run fd note list --client "$BO"
expect_no_out "calf"

scenario "an appointment's notes: its own and its client's, not another appointment's"
run fd note list --appointment "$NOTED" --json
expect_status 0
expect_out '"text": "left calf tight, check orthotics"'
expect_out '"text": "treatment plan: fortnightly until race day"'
expect_no_out "running shoes"
run fd appointment show "$NOTED"
expect_out "Notes:"
expect_out "left calf tight, check orthotics"
expect_no_out "running shoes"
run fd appointment show "$BO_APPOINTMENT"
expect_no_out "Notes:"
expect_no_out "calf"

scenario "all notes"
run fd note list
expect_status 0
expect_out "Ann Lee (client $ANN)"
expect_out "bring running shoes"

scenario "a note needs text, one subject, and a subject that exists"
before=$(snapshot)
notes_before=$(sql "SELECT count(*) FROM note")
run fd note add --client "$ANN"
expect_status 64
expect_one_error_line
run fd note add --client "$ANN" "   "
expect_status 64
expect_one_error_line
expect_err "the note has no text"
run fd note add --client "$ANN" --appointment "$NOTED" "both"
expect_status 64
expect_one_error_line
expect_err "not both"
run fd note add "about nobody"
expect_status 64
expect_one_error_line
run fd note add --client 999 "ghost"
expect_status 65
expect_one_error_line
expect_err "no client 999"
run fd note add --appointment 999 "ghost"
expect_status 65
expect_one_error_line
expect_err "no appointment 999"
run fd note add --client abc "x"
expect_status 64
expect_one_error_line
expect_equal "$(sql "SELECT count(*) FROM note")" "$notes_before"
expect_equal "$(snapshot)" "$before"

scenario "listing the notes of a client or appointment that does not exist is an error"
run fd note list --client 999
expect_status 65
expect_one_error_line
run fd note list --appointment 999
expect_status 65
expect_one_error_line

# ---- attendance ---------------------------------------------------------------

# A week of its own (2027-01-11 to 2027-01-15):
#   jose: Ann completed, Ann no-show (20.00), Cy no outcome, Cy cancelled in
#         time by the clinic an hour before (not counted)
#   sam:  Bo arrived, Bo late cancellation (12.50), Bo cancelled in time (not counted)

# rows total|therapists|clients: that part of the report printed last
# (--json), each row as "[name] booked attended no-shows late no-outcome fees".
rows() {
    case "$1" in
    total) set -- '$.total' ;;
    therapists) set -- '$.therapists' therapist ;;
    clients) set -- '$.clients' client ;;
    esac
    json_rows "$@" booked attended no_shows late_cancellations no_outcome_yet fees_due
}
scenario "attendance: booked, attended, no-shows, late cancellations, fees, per therapist and client"
book jose "2027-01-11 10:00"
ATTENDED=$booked
book jose "2027-01-11 11:00"
MISSED=$booked
NAME="Bo Ray" EMAIL="bo@example.com" book sam "2027-01-11 10:00"
BO_ARRIVED=$booked
NAME="Bo Ray" EMAIL="bo@example.com" book sam "2027-01-11 11:00"
BO_LATE=$booked
NAME="Bo Ray" EMAIL="bo@example.com" book sam "2027-01-11 12:00"
BO_IN_TIME=$booked
NAME="Cy Dee" EMAIL="cy@example.com" book jose "2027-01-11 12:00"
NAME="Cy Dee" EMAIL="cy@example.com" book jose "2027-01-11 14:00"
CY_CLINIC=$booked
given amount "2027-01-10 09:00" cancel "$BO_IN_TIME"
given amount "2027-01-11 09:00" cancel "$BO_LATE"
given amount "2027-01-11 13:00" cancel "$CY_CLINIC" --by clinic
given amount "2027-01-11 09:55" arrive "$BO_ARRIVED"
given amount "2027-01-11 10:30" complete "$ATTENDED"
given amount "2027-01-11 11:30" no-show "$MISSED"
run at "2027-01-18 09:00" report attendance --from 2027-01-11 --to 2027-01-15 --json
expect_status 0
expect_equal "$(rows total)" "5 2 1 1 1 32.50"
expect_equal "$(rows therapists)" "jose 3 1 1 0 1 20.00; sam 2 1 0 1 0 12.50"
expect_equal "$(rows clients)" "Ann Lee 2 1 1 0 0 20.00; Bo Ray 2 1 0 1 0 12.50; Cy Dee 1 0 0 0 1 0.00"
expect_equal "$(json_at '$.from') $(json_at '$.to')" "2027-01-11 2027-01-15"

scenario "attendance as text"
run at "2027-01-18 09:00" report attendance --from 2027-01-11 --to 2027-01-15
expect_status 0
expect_out "Attendance: appointments on 2027-01-11 to 2027-01-15"
if grep -Eq '^  All +5 +2 +1 +1 +1 +32\.50$' "$WORK/out"; then pass; else fail "no clinic total line"; fi
if grep -Eq '^  jose +3 +1 +1 +0 +1 +20\.00$' "$WORK/out"; then pass; else fail "no line for jose"; fi
if grep -Eq '^  Bo Ray +2 +1 +0 +1 +0 +12\.50$' "$WORK/out"; then pass; else fail "no line for Bo Ray"; fi

scenario "a week with nothing booked says so"
run at "2027-01-18 09:00" report attendance --from 2027-02-01 --to 2027-02-05
expect_status 0
expect_out "Nothing was booked on these days."

scenario "utilisation counts the no-show as booked time, and says how much"
run at "2027-01-18 09:00" report utilisation --from 2027-01-11 --to 2027-01-11 --json
expect_status 0
expect_equal "$(json_rows '$.therapists' therapist booked_minutes no_show_minutes)" "jose 90 30; sam 30 0"

# ---- the worklist: past appointments with no outcome -------------------------

# listed ID: 1 when the worklist printed last (--json) has ID with no outcome.
listed() {
    case "; $(json_rows '$.no_outcome' id); " in
    *"; $1; "*) echo 1 ;;
    *) echo 0 ;;
    esac
}
scenario "an appointment with no outcome is not on the worklist before close of business"
book jose "2027-01-13 15:00"
PENDING=$booked
run at "2027-01-13 17:59" attention --json
expect_status 0
expect_equal "$(listed "$PENDING")" "0"

scenario "from close of business (18:00) on its day it is, and the next morning still"
run at "2027-01-13 18:00" attention --json
expect_status 0
expect_equal "$(listed "$PENDING")" "1"
run at "2027-01-14 08:00" attention
expect_status 0
expect_out "Past appointments with no outcome"
expect_out "#$PENDING"

scenario "an arrival that was never completed is on it too; an outcome takes it off"
run at "2027-01-14 08:00" attention --json
expect_equal "$(listed "$BO_ARRIVED")" "1"
expect_equal "$(listed "$ATTENDED") $(listed "$MISSED") $(listed "$BO_LATE")" "0 0 0"

scenario "the worklist never marks anything by itself"
before=$(snapshot)
run at "2027-02-20 19:00" attention
expect_status 0
expect_equal "$(status_of "$PENDING")" booked
expect_equal "$(snapshot)" "$before"
run at "2027-01-14 09:00" no-show "$PENDING"
expect_status 0
run at "2027-01-14 09:00" attention --json
expect_equal "$(listed "$PENDING")" "0"

finish
