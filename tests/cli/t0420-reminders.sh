# Reminders (issue 13): one message before each appointment, due at
# reminder_time on the working day reminder_working_days working days
# before it — working days as the reply promise counts them, so across
# Christmas 2026 (25 and 28 December are bank holidays) and Easter 2027,
# and across the clock change of 28 March 2027.  None when that moment had
# passed at booking, none to a client who texted STOP; a cancellation voids
# one still to go and a move plans one for the new start; two `remind` runs
# at once send each reminder exactly once, and a second run sends nothing.
. "$TESTS/cli/lib.sh"

fake_program mail record
fake_program sms record
fake_program mail-fail fail
fake_program sms-fail fail
MAIL="sendmail = \"$WORK/mail -t -i\""
SMS="sms_command = \"$WORK/sms\""
config_with clinic "$MAIL" "$SMS" 'closed = {}' 'reminder_working_days = 1' 'reminder_time = "10:00"'
config_with closed-24 "$MAIL" "$SMS" 'closed = {"2026-12-24"}'
config_with two-days "$MAIL" "$SMS" 'closed = {}' 'reminder_working_days = 2'
config_with failing "sendmail = \"$WORK/mail-fail\"" "sms_command = \"$WORK/sms-fail\"" 'closed = {}'
# A clinic open every day of the week, with no bank holidays.
config_with every-day "$MAIL" "$SMS" 'closed = {}' 'holidays = ""' \
    'working_days = {mon, tue, wed, thu, fri, sat, sun}'
export FRONTDESK_CONFIG="$WORK/clinic.conf"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Clinic" --weekly mon,tue,wed,thu,fri,sat,sun --from 08:00 --to 18:00

# book NAME AT OPTIONS…: books a Sports massage 30 with prim now; its id in $BOOKED.
book() {
    name=$1 at=$2
    shift 2
    given fd book --name "$name" "$@" --service "Sports massage 30" --therapist prim --at "$at"
    BOOKED=$(booked_id)
}
# would_remind AT APPOINTMENT [CONFIG]: yes when `remind --dry-run` at AT
# would remind the appointment, else no.
would_remind() {
    fd_at "$1" ${3:+--config "$WORK/$3.conf"} remind --dry-run --json >"$WORK/json" 2>/dev/null
    if grep -qF "\"appointment_id\": $2," "$WORK/json"; then echo yes; else echo no; fi
}
# reminders APPOINTMENT: the states of its reminders, oldest first.
reminders() { messages appointment_id "$1" | tr ',' '\n' | sed -n 's/^reminder //p' | paste -sd, -; }

# ---- when a reminder is due ------------------------------------------------

book "Ann Lee" "2026-11-26 09:00" --email ann@example.com # a Thursday
ANN=$BOOKED

scenario "a reminder is due at reminder_time on the working day before"
expect_equal "$(would_remind "2026-11-24 10:00" "$ANN")" "no"
expect_equal "$(would_remind "2026-11-25 09:59" "$ANN")" "no"
expect_equal "$(would_remind "2026-11-25 10:00" "$ANN")" "yes"
expect_equal "$(would_remind "2026-11-25 10:00" "$ANN" two-days)" "no"
expect_equal "$(would_remind "2026-11-24 10:00" "$ANN" two-days)" "no" # booked then: its moment passed

scenario "a dry run of remind plans, sends and changes nothing"
before=$(outbox_snapshot)
run fd_at "2026-11-25 10:00" remind --dry-run
expect_status 0
expect_out "======== reminder for appointment $ANN by email to ann@example.com ========"
expect_out "Subject: Reminder: your appointment on Thursday 26 November 2026 at 09:00"
expect_out "Dry run: 1 message would be sent; nothing was sent or changed."
expect_equal "$(outbox_snapshot)" "$before"
expect_equal "$(fake_calls mail)" "0"

scenario "remind sends the reminder due, once, and audits it"
run fd_at "2026-11-25 10:00" remind
expect_status 0
expect_out "sent reminder #"
expect_out " to ann@example.com"
expect_equal "$(reminders "$ANN")" "sent"
expect_equal "$(fake_calls mail "Subject: Reminder: your appointment on Thursday 26 November 2026 at 09:00")" "1"
run fd_at "2026-11-25 10:00" audit --limit 3
expect_out "reminder planned for appointment $ANN"
expect_out "reminder emailed to ann@example.com (Ann Lee)"

scenario "a second remind sends nothing, nor does send"
run fd_at "2026-11-25 10:05" remind
expect_status 0
expect_out "No reminder is due."
run fd_at "2026-11-25 10:05" send --kind reminder
expect_status 0
expect_out "Nothing to send."
expect_equal "$(fake_calls mail "Subject: Reminder:")" "1"
expect_equal "$(reminders "$ANN")" "sent"

# ---- across Christmas 2026 ----------------------------------------------------

scenario "Tuesday 29 December is reminded on Thursday 24 December at 10:00, over the bank holidays"
book "Chris Mas" "2026-12-29 10:00" --email chris@example.com # Tuesday after the bank holidays
XMAS=$BOOKED
expect_equal "$(would_remind "2026-12-23 10:00" "$XMAS")" "no"
expect_equal "$(would_remind "2026-12-24 09:59" "$XMAS")" "no"
expect_equal "$(would_remind "2026-12-24 10:00" "$XMAS")" "yes"
expect_equal "$(would_remind "2026-12-28 10:00" "$XMAS")" "yes" # not sent yet: still due

scenario "a closure and more working days move the moment back to Wednesday 23 December"
expect_equal "$(would_remind "2026-12-23 09:59" "$XMAS" closed-24)" "no"
expect_equal "$(would_remind "2026-12-23 10:00" "$XMAS" closed-24)" "yes"
expect_equal "$(would_remind "2026-12-22 10:00" "$XMAS" two-days)" "no"
expect_equal "$(would_remind "2026-12-23 10:00" "$XMAS" two-days)" "yes"

scenario "remind on Christmas Eve at 10:00 sends it"
run fd_at "2026-12-24 10:00" remind
expect_status 0
expect_out " to chris@example.com"
expect_equal "$(fake_calls mail "Subject: Reminder: your appointment on Tuesday 29 December 2026 at 10:00")" "1"
expect_equal "$(fake_calls mail "Date: Thu, 24 Dec 2026 10:00:00 +0000")" "1"
expect_equal "$(reminders "$XMAS")" "sent"

scenario "no reminder when its moment had passed at booking"
given fd_at "2026-12-24 11:00" book --name "Late Booker" --email late@example.com \
    --service "Sports massage 30" --therapist prim --at "2026-12-29 14:00"
LATE=$(booked_id)
expect_equal "$(would_remind "2026-12-24 11:00" "$LATE")" "no"
run fd_at "2026-12-28 10:00" remind
expect_status 0
run fd_at "2026-12-29 08:00" remind
expect_status 0
expect_equal "$(reminders "$LATE")" ""
expect_equal "$(fake_calls mail "To: Late Booker")" "0"

# ---- across the clock change of Sunday 28 March 2027 ---------------------------

scenario "over Easter and the clock change: Tuesday 30 March is reminded on Thursday 25 (GMT)"
book "Easter Tue" "2027-03-30 09:00" --email easter.tue@example.com
EASTER_TUE=$BOOKED
book "Easter Wed" "2027-03-31 09:00" --email easter.wed@example.com
EASTER_WED=$BOOKED
expect_equal "$(would_remind "2027-03-25 09:59" "$EASTER_TUE")" "no"
expect_equal "$(would_remind "2027-03-25 10:00" "$EASTER_TUE")" "yes"
run fd_at "2027-03-25 10:00" remind
expect_status 0
expect_out " to easter.tue@example.com"
expect_no_out "easter.wed"
expect_equal "$(fake_calls mail "Date: Thu, 25 Mar 2027 10:00:00 +0000")" "1"

scenario "after the clock change: Wednesday 31 March is reminded on Tuesday 30 at 10:00 BST"
expect_equal "$(would_remind "2027-03-30 09:59" "$EASTER_WED")" "no"
expect_equal "$(would_remind "2027-03-30 10:00" "$EASTER_WED")" "yes"
run fd_at "2027-03-30 10:00" remind
expect_status 0
expect_out " to easter.wed@example.com"
expect_equal "$(fake_calls mail "Date: Tue, 30 Mar 2027 10:00:00 +0100")" "1"
expect_equal "$(reminders "$EASTER_TUE")|$(reminders "$EASTER_WED")" "sent|sent"

scenario "a clinic open on Sundays reminds on the day the clocks go forward, at 10:00 local time"
given fd --config "$WORK/every-day.conf" book --name "Spring Forward" --email spring@example.com \
    --service "Sports massage 30" --therapist prim --at "2027-03-29 09:00"
SPRING=$(booked_id)
expect_equal "$(would_remind "2027-03-28 09:59" "$SPRING" every-day)" "no"
expect_equal "$(would_remind "2027-03-28 10:00" "$SPRING" every-day)" "yes"
run fd_at "2027-03-28 10:00" --config "$WORK/every-day.conf" remind
expect_status 0
expect_out " to spring@example.com"
expect_equal "$(fake_calls mail "Date: Sun, 28 Mar 2027 10:00:00 +0100")" "1"

# ---- who is not reminded -------------------------------------------------------

scenario "no reminder to a client who texted STOP"
book "Stop Pie" "2026-12-04 10:00" --phone "07700 900501" --contact sms # a Friday
STOPPY=$BOOKED
run fd_at "2026-12-01 12:00" reply --from "07700 900501" --text "STOP"
expect_status 0
expect_out "opted out of reminders"
expect_equal "$(would_remind "2026-12-03 10:00" "$STOPPY")" "no"
run fd_at "2026-12-03 10:00" remind
expect_status 0
expect_equal "$(reminders "$STOPPY")" ""
expect_equal "$(fake_calls sms "[+447700900501]")" "0"

scenario "a reminder that failed before the client texted STOP is not sent after it"
book "Fail Then Stop" "2026-12-07 11:00" --phone "07700 900502" --contact sms # a Monday
FAILY=$BOOKED
run fd_at "2026-12-04 10:00" --config "$WORK/failing.conf" remind
expect_status 1
expect_equal "$(reminders "$FAILY")" "failed"
run fd_at "2026-12-04 10:30" reply --from "+447700900502" --text "stop"
expect_status 0
run fd_at "2026-12-04 11:00" remind
expect_equal "$(fake_calls sms "[+447700900502]")" "0"
run fd_at "2026-12-04 11:00" send --kind reminder
expect_equal "$(fake_calls sms "[+447700900502]")" "0"

# ---- cancelled and moved -------------------------------------------------------

scenario "a cancellation voids a reminder still to go"
book "Can Celled" "2026-12-08 11:00" --email cancelled@example.com # a Tuesday
CANCELLED=$BOOKED
run fd_at "2026-12-07 10:00" --config "$WORK/failing.conf" remind
expect_status 1
expect_equal "$(reminders "$CANCELLED")" "failed"
run fd_at "2026-12-07 10:30" cancel "$CANCELLED"
expect_status 0
expect_equal "$(reminders "$CANCELLED")" "void"
run fd_at "2026-12-07 11:00" remind
run fd_at "2026-12-07 11:00" send
expect_equal "$(fake_calls mail "To: Can Celled")" "0"

scenario "a move voids the reminder still to go and plans one for the new start"
book "Mo Ved" "2026-12-09 11:00" --email moved@example.com # a Wednesday
MOVED=$BOOKED
run fd_at "2026-12-08 10:00" --config "$WORK/failing.conf" remind
expect_equal "$(reminders "$MOVED")" "failed"
run fd_at "2026-12-08 10:30" move "$MOVED" --at "2026-12-11 11:00"
expect_status 0
expect_equal "$(reminders "$MOVED")" "void"
run fd_at "2026-12-08 11:00" remind
expect_equal "$(fake_calls mail "To: Mo Ved")" "0"
expect_equal "$(would_remind "2026-12-10 09:59" "$MOVED")" "no"
run fd_at "2026-12-10 10:00" remind
expect_status 0
expect_out " to moved@example.com"
expect_equal "$(reminders "$MOVED")" "void,sent"
expect_equal "$(fake_calls mail "Subject: Reminder: your appointment on Friday 11 December 2026 at 11:00")" "1"
expect_equal "$(fake_calls mail "To: Mo Ved")" "1"

scenario "a move after the reminder went plans another for the new start, but not a passed one"
book "Twice Moved" "2026-12-14 11:00" --email twice@example.com # a Monday
TWICE=$BOOKED
run fd_at "2026-12-11 10:00" remind
expect_equal "$(reminders "$TWICE")" "sent"
run fd_at "2026-12-11 12:00" move "$TWICE" --at "2026-12-14 15:00" # its moment has passed
expect_equal "$(would_remind "2026-12-11 12:00" "$TWICE")" "no"
run fd_at "2026-12-11 12:30" move "$TWICE" --at "2026-12-16 11:00"
expect_status 0
expect_equal "$(would_remind "2026-12-15 10:00" "$TWICE")" "yes"
run fd_at "2026-12-15 10:00" remind
expect_equal "$(reminders "$TWICE")" "sent,sent"
expect_equal "$(fake_calls mail "Subject: Reminder: your appointment on Wednesday 16 December 2026 at 11:00")" "1"

# ---- never twice ---------------------------------------------------------------

scenario "two remind runs started at once send each reminder exactly once"
BOTH=""
for hour in 09 11 13 15; do
    book "Both $hour" "2026-12-18 $hour:00" --email "both$hour@example.com" # a Friday
    BOTH="$BOTH $BOOKED"
done
# Each call of the sendmail takes a while, so that the two runs overlap.
FAKE_DELAY=0.3 fd_at "2026-12-17 10:00" remind >"$WORK/first.out" 2>&1 &
first=$!
FAKE_DELAY=0.3 fd_at "2026-12-17 10:00" remind >"$WORK/second.out" 2>&1 &
second=$!
wait "$first"
first_status=$?
wait "$second"
second_status=$?
expect_equal "$first_status|$second_status" "0|0"
for hour in 09 11 13 15; do
    expect_equal "$(fake_calls mail "To: Both $hour <both$hour@example.com>")" "1"
done
expect_equal "$(cat "$WORK/first.out" "$WORK/second.out" | grep -c '^sent reminder')" "4"
for appointment in $BOTH; do
    expect_equal "$(reminders "$appointment")" "sent"
done
run fd_at "2026-12-17 10:01" remind
expect_out "No reminder is due."

finish
