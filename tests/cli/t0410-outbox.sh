# The outbox (issue 13): every message the clinic owes a client is queued
# as the desk changes things — a booking's confirmation, a move's change,
# the clinic's cancellation, a decline with its reason, the waitlist note,
# one confirmation for a series — and `send` delivers what is due by email
# (a recording sendmail) or by text (a recording sms_command), falls back
# to email when texts are not set up, leaves a client nobody can reach to
# the worklist, and keeps a failed or hung message failed with its error
# for the next run.  Last, the reply promise counts a request answered only
# once its answer was sent, at the time it was sent.
. "$TESTS/cli/lib.sh"

# ---- the clinic, its mail and text programs ------------------------------

fake_program mail record
fake_program sms record
fake_program sms-fail fail
fake_program sms-hang hang
MAIL="sendmail = \"$WORK/mail -t -i\""
config_with clinic "$MAIL" "sms_command = \"$WORK/sms --gateway test\"" 'closed = {}'
config_with nosms "$MAIL" 'closed = {}'
config_with failing "$MAIL" "sms_command = \"$WORK/sms-fail\"" 'closed = {}'
config_with hanging "$MAIL" "sms_command = \"$WORK/sms-hang\"" 'closed = {}' 'sendmail_timeout = 1'
export FRONTDESK_CONFIG="$WORK/clinic.conf"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 18:00

# book NAME AT OPTIONS…: books a Sports massage 60 with prim; its id in $BOOKED.
book() {
    name=$1 at=$2
    shift 2
    given fd book --name "$name" "$@" --service "Sports massage 60" --therapist prim --at "$at"
    BOOKED=$(booked_id)
}

# ---- what is queued ----------------------------------------------------------

scenario "a booking queues a confirmation with a reply code"
book "Ann Lee" "2026-11-26 09:00" --email ann@example.com
ANN=$BOOKED
expect_equal "$(messages appointment_id "$ANN")" "confirmation queued"
ANN_CONFIRMATION=$(message_id appointment_id "$ANN" confirmation)
expect_equal "$(message_field "$ANN_CONFIRMATION" client)" "Ann Lee"
expect_equal "$(message_field "$ANN_CONFIRMATION" due)" "$NOW"
expect_equal "$(message_field "$ANN_CONFIRMATION" channel)|$(message_field "$ANN_CONFIRMATION" attempts)" "|0"
case "$(message_field "$ANN_CONFIRMATION" reply_code)" in
[0-9][0-9][0-9][0-9]) pass ;;
*) fail "the reply code is \"$(message_field "$ANN_CONFIRMATION" reply_code)\", not four digits" ;;
esac
run fd outbox
expect_status 0
expect_out "#$ANN_CONFIRMATION"
expect_out "appointment $ANN"

scenario "a move before the confirmation went voids it and queues one for the new time"
run fd move "$ANN" --at "2026-11-26 14:00"
expect_status 0
expect_equal "$(messages appointment_id "$ANN")" "confirmation void,confirmation queued"
run fd outbox --json
expect_no_out "\"id\": $ANN_CONFIRMATION,"
ANN_CONFIRMATION=$(message_id appointment_id "$ANN" confirmation)
run fd outbox show "$ANN_CONFIRMATION"
expect_status 0
expect_out "Thursday 26 November 2026, 14:00 to 15:00"
run fd audit --limit 5
expect_out "voided: appointment $ANN changed"

scenario "a move after the confirmation went queues a change, from the time the client knew"
run fd send "$ANN_CONFIRMATION"
expect_status 0
run fd move "$ANN" --at "2026-11-26 15:00"
expect_status 0
expect_equal "$(messages appointment_id "$ANN")" "confirmation void,confirmation sent,change queued"
ANN_CHANGE=$(message_id appointment_id "$ANN" change)
run fd outbox show "$ANN_CHANGE"
expect_status 0
expect_out "Thursday 26 November 2026, 15:00 to 16:00"
expect_out "(was:       Thursday 26 November 2026, 14:00)"

scenario "a change after two moves tells the time the client last heard of"
book "Two Moves" "2026-11-26 10:00" --email two.moves@example.com
TWO_MOVES=$BOOKED
run fd send "$(message_id appointment_id "$TWO_MOVES" confirmation)" # told: 10:00
expect_status 0
run fd move "$TWO_MOVES" --at "2026-11-26 11:00"
expect_status 0
run fd move "$TWO_MOVES" --at "2026-11-26 16:30"
expect_status 0
expect_equal "$(messages appointment_id "$TWO_MOVES")" "confirmation sent,change void,change queued"
run fd outbox show "$(message_id appointment_id "$TWO_MOVES" change)"
expect_out "Thursday 26 November 2026, 16:30 to 17:30"
expect_out "(was:       Thursday 26 November 2026, 10:00)"

scenario "the clinic's cancellation queues a cancellation with its reason"
book "Cy Clinic" "2026-11-27 09:00" --email cy@example.com
CY=$BOOKED
run fd cancel "$CY" --by clinic --reason "therapist ill"
expect_status 0
expect_equal "$(messages appointment_id "$CY")" "confirmation void,cancellation queued"
CY_CANCELLATION=$(message_id appointment_id "$CY" cancellation)
expect_equal "$(message_field "$CY_CANCELLATION" details)" "therapist ill"
run fd outbox show "$CY_CANCELLATION"
expect_out "Reason:     therapist ill"

scenario "the client's own cancellation queues nothing and voids what was to go"
book "Cl Client" "2026-11-27 11:00" --email cl@example.com
CL=$BOOKED
run fd cancel "$CL"
expect_status 0
expect_equal "$(messages appointment_id "$CL")" "confirmation void"
run fd outbox --json
expect_no_out "\"appointment_id\": $CL,"

scenario "a decline queues a decline with the reason"
given fd request add --name "Dee Cline" --email dee@example.com --service "Sports massage 60"
DEE=$(sql "SELECT max(id) FROM request")
run fd request decline "$DEE" --reason "fully booked that week"
expect_status 0
expect_equal "$(messages request_id "$DEE")" "decline queued"
DEE_DECLINE=$(message_id request_id "$DEE" decline)
expect_equal "$(message_field "$DEE_DECLINE" details)" "fully booked that week"
expect_equal "$(message_field "$DEE_DECLINE" appointment_id)" ""
run fd outbox show "$DEE_DECLINE"
expect_out "Reason:     fully booked that week"

scenario "putting a request on the waitlist queues the note that they are on it"
given fd request add --name "Wai Ting" --email wai@example.com --phone "07700 900222" \
    --contact sms --service "Sports massage 60"
WAI=$(sql "SELECT max(id) FROM request")
run fd request waitlist "$WAI"
expect_status 0
WAI_ENTRY=$(sql "SELECT id FROM waitlist WHERE request_id = $WAI")
expect_equal "$(messages request_id "$WAI")" "waitlist queued"
WAI_NOTE=$(message_id request_id "$WAI" waitlist)
expect_equal "$(message_field "$WAI_NOTE" waitlist_id)" "$WAI_ENTRY"

scenario "a series queues one confirmation, which lists the other sessions"
given fd book --name "Ser Ies" --email ser@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-12-02 09:00" --every 1w --count 3
SERIES=$(sql "SELECT max(series_id) FROM appointment")
FIRST=$(sql "SELECT min(id) FROM appointment WHERE series_id = $SERIES")
expect_equal "$(sql "SELECT count(*) FROM outbox o JOIN appointment a ON a.id = o.appointment_id
    WHERE a.series_id = $SERIES")" "1"
expect_equal "$(messages appointment_id "$FIRST")" "confirmation queued"
SERIES_CONFIRMATION=$(message_id appointment_id "$FIRST" confirmation)
run fd outbox show "$SERIES_CONFIRMATION"
expect_out "Wednesday 2 December 2026, 09:00 to 10:00"
expect_out "Your other sessions of this series:"
expect_out "Wednesday 9 December 2026 at 09:00"
expect_out "Wednesday 16 December 2026 at 09:00"

# ---- sending -----------------------------------------------------------------

scenario "a dry run shows every message due and sends or changes nothing"
book "Sam Sms" "2026-11-27 14:00" --email sam@example.com --phone "07700 900123" --contact sms
SAM=$BOOKED
SAM_CONFIRMATION=$(message_id appointment_id "$SAM" confirmation)
book "Zoë Ångström-Löwenhjelm" "2026-11-30 14:00" --phone "+44 (0)7700 900456" --contact sms
ZOE=$BOOKED
ZOE_CONFIRMATION=$(message_id appointment_id "$ZOE" confirmation)
book "Land Line" "2026-11-30 09:00" --phone "020 7946 0000"
LAND=$BOOKED
LAND_CONFIRMATION=$(message_id appointment_id "$LAND" confirmation)
book "Fay Back" "2026-11-30 11:00" --email fay@example.com --phone "07700 900789" --contact sms
FAY=$BOOKED
FAY_CONFIRMATION=$(message_id appointment_id "$FAY" confirmation)
before=$(outbox_snapshot)
calls="$(fake_calls mail)|$(fake_calls sms)"
run fd send --dry-run
expect_status 1 # Land Line cannot be reached
expect_out "======== confirmation #$SAM_CONFIRMATION by text to +447700900123 ========"
expect_out "======== change #$ANN_CHANGE by email to ann@example.com ========"
expect_out "======== decline #$DEE_DECLINE by email to dee@example.com ========"
expect_out "cannot send confirmation #$LAND_CONFIRMATION: Land Line has no email address"
expect_out "nothing was sent or changed"
expect_equal "$(outbox_snapshot)" "$before"
expect_equal "$(fake_calls mail)|$(fake_calls sms)" "$calls"
run fd remind --dry-run
expect_equal "$(outbox_snapshot)" "$before"

scenario "with texts not set up, a client who prefers them is emailed"
run fd --config "$WORK/nosms.conf" send "$FAY_CONFIRMATION"
expect_status 0
expect_out "sent confirmation #$FAY_CONFIRMATION to fay@example.com"
expect_equal "$(fake_calls mail "To: Fay Back <fay@example.com>")|$(fake_calls sms)" "1|0"
expect_equal "$(message_field "$FAY_CONFIRMATION" channel)|$(message_field "$FAY_CONFIRMATION" recipient)" \
    "email|fay@example.com"

scenario "send emails through sendmail and texts through sms_command, number last, as +44"
run fd send --json
expect_status 1 # Land Line still cannot be reached
expect_equal "$(fake_calls sms "CALL [--gateway] [test] [+447700900123]")" "1"
expect_equal "$(fake_calls sms "CALL [--gateway] [test] [+447700900456]")" "1"
expect_equal "$(message_field "$ZOE_CONFIRMATION" recipient)" "+447700900456"
expect_equal "$(fake_calls mail "Message-ID: <change-$ANN_CHANGE@example.org>")" "1"
expect_equal "$(fake_calls mail "Message-ID: <decline-$DEE_DECLINE@example.org>")" "1"
expect_equal "$(fake_calls mail "Message-ID: <cancellation-$CY_CANCELLATION@example.org>")" "1"
expect_equal "$(fake_calls mail "Message-ID: <confirmation-$SERIES_CONFIRMATION@example.org>")" "1"
expect_equal "$(fake_calls mail "To: Fay Back")" "1" # sent before, not again
expect_equal "$(fake_calls mail "CALL [-t] [-i]")" "$(grep -c '^CALL' "$WORK/mail.log")"
expect_equal "$(messages appointment_id "$SAM")" "confirmation sent"
expect_equal "$(message_field "$SAM_CONFIRMATION" channel)|$(message_field "$SAM_CONFIRMATION" recipient)" \
    "sms|+447700900123"
expect_equal "$(message_field "$SAM_CONFIRMATION" sent_at)|$(message_field "$SAM_CONFIRMATION" attempts)" "$NOW|1"
expect_equal "$(sql "SELECT confirmation, confirmation_via FROM appointment WHERE id = $SAM")" "sent|sms"
expect_equal "$(messages request_id "$WAI")" "waitlist sent"
expect_equal "$(message_field "$WAI_NOTE" channel)" "sms"
run fd audit --limit 30
expect_out "confirmation texted to +447700900123 (Sam Sms)"
expect_out "decline emailed to dee@example.com (Dee Cline)"

scenario "a text stays within two segments"
awk -v n=+447700900456 '/^CALL/ { keep = index($0, n) > 0; next } /^END$/ { keep = 0 } keep' \
    "$WORK/sms.log" >"$WORK/zoe.txt"
expect_equal "$(grep -c 'Zo' "$WORK/zoe.txt")" "1"
if [ "$(sms_segments <"$WORK/zoe.txt")" -le 2 ]; then pass; else fail "$(sms_segments <"$WORK/zoe.txt") segments"; fi
fake_last_message sms >"$WORK/last.txt"
if [ "$(sms_segments <"$WORK/last.txt")" -le 2 ]; then pass; else fail "$(sms_segments <"$WORK/last.txt") segments"; fi

scenario "a series' first session's text tells of the other sessions"
given fd book --name "Sms Series" --phone "07700 900333" --contact sms --service "Sports massage 60" \
    --therapist prim --at "2026-12-03 09:00" --every 1w --count 2
SMS_SERIES=$(sql "SELECT max(series_id) FROM appointment")
SMS_FIRST=$(sql "SELECT min(id) FROM appointment WHERE series_id = $SMS_SERIES")
run fd send "$(message_id appointment_id "$SMS_FIRST" confirmation)"
expect_status 0
fake_last_message sms >"$WORK/series.txt"
if grep -q "10 Dec" "$WORK/series.txt"; then pass; else fail "the text does not mention the session of 10 December: $(cat "$WORK/series.txt")"; fi

scenario "the later sessions of a series confirmed by text are recorded as confirmed by text"
expect_equal "$(sql "SELECT group_concat(confirmation || '/' || confirmation_via) FROM
    (SELECT * FROM appointment WHERE series_id = $SMS_SERIES ORDER BY start) sessions")" \
    "sent/sms,sent/sms"

scenario "a client with no way to be reached is on the worklist, and nothing is recorded for them"
expect_equal "$(messages appointment_id "$LAND")" "confirmation queued"
expect_equal "$(message_field "$LAND_CONFIRMATION" attempts)|$(message_field "$LAND_CONFIRMATION" error)" "0|"
expect_equal "$(sql "SELECT count(*) FROM audit WHERE entity = 'message' AND entity_id = $LAND_CONFIRMATION")" "0"
run fd send "$LAND_CONFIRMATION"
expect_status 1
expect_out "failed confirmation #$LAND_CONFIRMATION: Land Line has no email address or mobile number"
expect_one_error_line
expect_equal "$(message_field "$LAND_CONFIRMATION" state)|$(message_field "$LAND_CONFIRMATION" attempts)" "queued|0"
run fd attention
expect_status 0
expect_out "message #$LAND_CONFIRMATION"
expect_out "Land Line"
run fd outbox show "$LAND_CONFIRMATION"
expect_out "It cannot go now: Land Line has no email address"

scenario "once they can be reached, the next send sends it"
run fd client edit "$(sql "SELECT client_id FROM appointment WHERE id = $LAND")" --email land@example.com
expect_status 0
run fd send
expect_status 0
expect_out "sent confirmation #$LAND_CONFIRMATION to land@example.com"
run fd attention
expect_no_out "message #$LAND_CONFIRMATION"

scenario "a failing sms_command leaves the message failed with its error"
book "Han Dle" "2026-12-01 14:00" --phone "07700 900801" --contact sms
HAN=$BOOKED
HAN_CONFIRMATION=$(message_id appointment_id "$HAN" confirmation)
calls=$(fake_calls sms)
run fd --config "$WORK/failing.conf" send
expect_status 1
expect_out "failed confirmation #$HAN_CONFIRMATION: sms_command exited with status 75: gateway refused: try again later"
expect_one_error_line
expect_equal "$(message_field "$HAN_CONFIRMATION" state)|$(message_field "$HAN_CONFIRMATION" attempts)" "failed|1"
expect_equal "$(message_field "$HAN_CONFIRMATION" error)" \
    "sms_command exited with status 75: gateway refused: try again later"
expect_equal "$(sql "SELECT confirmation FROM appointment WHERE id = $HAN")" "failed"
run fd outbox
expect_out "failed"
expect_out "gateway refused: try again later"
run fd audit --limit 1
expect_out "confirmation to Han Dle failed: sms_command exited with status 75"
expect_equal "$(fake_calls sms)" "$calls"

scenario "the next send tries a failed message again, and sends it once"
run fd send
expect_status 0
expect_out "sent confirmation #$HAN_CONFIRMATION to +447700900801"
expect_equal "$(message_field "$HAN_CONFIRMATION" state)|$(message_field "$HAN_CONFIRMATION" attempts)" "sent|2"
expect_equal "$(message_field "$HAN_CONFIRMATION" error)" ""
expect_equal "$(fake_calls sms "[+447700900801]")" "1"
run fd send
expect_status 0
expect_out "Nothing to send."
expect_equal "$(fake_calls sms "[+447700900801]")" "1"

scenario "a message already sent is not sent again by name"
run fd send "$HAN_CONFIRMATION"
expect_status 1
expect_err "is sent; only queued or failed ones are sent"
expect_equal "$(fake_calls sms "[+447700900801]")" "1"

scenario "a hanging sms_command is stopped after sendmail_timeout; the message is failed"
book "Hung Up" "2026-12-01 16:00" --phone "07700 900802" --contact sms
HUNG=$BOOKED
HUNG_CONFIRMATION=$(message_id appointment_id "$HUNG" confirmation)
started=$(date +%s)
run fd --config "$WORK/hanging.conf" send "$HUNG_CONFIRMATION"
took=$(($(date +%s) - started))
expect_status 1
expect_out "failed confirmation #$HUNG_CONFIRMATION: sms_command did not finish within 1 second and was stopped"
if [ "$took" -lt 10 ]; then pass; else fail "send took $took seconds with a 1-second timeout"; fi
expect_equal "$(message_field "$HUNG_CONFIRMATION" state)" "failed"
expect_equal "$(message_field "$HUNG_CONFIRMATION" error)" "sms_command did not finish within 1 second and was stopped"

scenario "what a hanging sms_command started is stopped with it, so it cannot deliver later"
# The fake waits on a child of its own, as a script waits on the curl it
# ran; if that child lives on it may still deliver the text, and the next
# send (the message is failed) would deliver it a second time.
# A killed child nobody reaps stays a zombie (state Z) where init does not
# reap orphans (a container): dead all the same.
child_alive() {
    state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
    case "$state" in Z*) return 1 ;; *) return 0 ;; esac
}
if [ -f "$WORK/sms-hang.pid" ] && child_alive "$(cat "$WORK/sms-hang.pid")"; then
    fail "the hanging sms_command's child (pid $(cat "$WORK/sms-hang.pid")) is still running"
else
    pass
fi

scenario "the desk voids a message; send leaves it alone and retry cannot revive it"
book "Vo Id" "2026-12-01 10:00" --email void@example.com
VOID=$BOOKED
VOID_CONFIRMATION=$(message_id appointment_id "$VOID" confirmation)
run fd outbox void "$VOID_CONFIRMATION"
expect_status 0
expect_out "Message $VOID_CONFIRMATION voided"
expect_equal "$(message_field "$VOID_CONFIRMATION" state)" "void"
run fd send "$VOID_CONFIRMATION"
expect_status 1
run fd send --kind confirmation
expect_no_out "#$VOID_CONFIRMATION"
expect_equal "$(fake_calls mail "To: Vo Id")" "0"
run fd outbox retry "$VOID_CONFIRMATION"
expect_status 1
run fd outbox void 999999
expect_status 65
run fd outbox --kind nonsense
expect_status 64
expect_err "--kind: \"nonsense\" is not a kind of message"

scenario "confirm send goes through the outbox"
book "Con Firm" "2026-12-01 12:00" --email confirm@example.com
CONF=$BOOKED
run fd confirm send "$CONF"
expect_status 0
expect_equal "$(messages appointment_id "$CONF")" "confirmation sent"
expect_equal "$(fake_calls mail "To: Con Firm <confirm@example.com>")" "1"
expect_equal "$(sql "SELECT confirmation, confirmation_via FROM appointment WHERE id = $CONF")" "sent|email"

scenario "how a client wants to hear is kept from a request, and changed with client edit"
given fd request add --name "Req Texter" --email req.texter@example.com --phone "07700 900901" \
    --contact sms --service "Sports massage 60"
given fd book --request "$(sql "SELECT max(id) FROM request")" --therapist prim --at "2026-12-02 14:00"
TEXTER=$(booked_id)
TEXTER_CONFIRMATION=$(message_id appointment_id "$TEXTER" confirmation)
run fd outbox show "$TEXTER_CONFIRMATION"
expect_out "by text to +447700900901"
TEXTER_CLIENT=$(sql "SELECT client_id FROM appointment WHERE id = $TEXTER")
run fd client edit "$TEXTER_CLIENT" --contact email --json
expect_status 0
expect_out '"contact": "email"'
run fd outbox show "$TEXTER_CONFIRMATION"
expect_out "by email to req.texter@example.com"
run fd client edit "$TEXTER_CLIENT" --contact pigeon
expect_status 64
expect_err "--contact: \"pigeon\" is not email or sms"
run fd client edit "$TEXTER_CLIENT" --phone "07700 9001"
expect_status 65
expect_err "UK numbers have 10"

scenario "a confirmation still queued when the appointment starts is voided, not sent"
book "Too Late" "2026-11-24 14:00" --email too.late@example.com
TOO_LATE_CONFIRMATION=$(message_id appointment_id "$BOOKED" confirmation)
run fd_at "2026-11-24 15:00" send "$TOO_LATE_CONFIRMATION"
expect_equal "$(message_field "$TOO_LATE_CONFIRMATION" state)" "void"
expect_equal "$(fake_calls mail "To: Too Late")" "0"

scenario "two send runs at once deliver each message once"
RACE=""
for racer in A B C D; do
    case $racer in A) hm=09:00 ;; B) hm=10:30 ;; C) hm=12:00 ;; D) hm=13:30 ;; esac
    book "Racer $racer" "2026-12-04 $hm" --email "racer.$racer@example.com"
    RACE="$RACE $BOOKED"
done
# Each call of the sendmail takes a while, so that the two runs overlap.
FAKE_DELAY=0.3 fd send >"$WORK/first.out" 2>&1 &
first=$!
FAKE_DELAY=0.3 fd send >"$WORK/second.out" 2>&1 &
second=$!
wait "$first"
wait "$second"
for racer in A B C D; do
    expect_equal "$(fake_calls mail "To: Racer $racer <racer.$racer@example.com>")" "1"
done
for appointment in $RACE; do
    expect_equal "$(messages appointment_id "$appointment")" "confirmation sent"
done

# ---- the reply promise -------------------------------------------------------

# Requests received on Monday 16 November 2026 (due by Wednesday 18, 18:00).
sla() { # FROM TO AT KEY: a number of `report sla --json` at AT
    fd_at "$3" report sla --from "$1" --to "$2" --json >"$WORK/json"
    JSON_FILE="$WORK/json" json_at "\$.$4"
}
scenario "an answer given but not sent does not count as answered"
given fd_at "2026-11-16 09:00" request add --name "Sla Decline" --email sd@example.com \
    --service "Sports massage 60" --received "2026-11-16 09:00"
R1=$(sql "SELECT max(id) FROM request")
given fd_at "2026-11-16 10:00" request add --name "Sla Waitlist" --email sw@example.com \
    --service "Sports massage 60" --received "2026-11-16 10:00"
R2=$(sql "SELECT max(id) FROM request")
given fd_at "2026-11-16 11:00" request add --name "Sla Booked" --email sb@example.com \
    --service "Sports massage 60" --received "2026-11-16 11:00"
R3=$(sql "SELECT max(id) FROM request")
run fd_at "2026-11-16 12:00" request decline "$R1" --reason "no evenings free"
expect_status 0
run fd_at "2026-11-16 12:00" request waitlist "$R2"
expect_status 0
run fd_at "2026-11-16 12:00" book --request "$R3" --therapist prim --at "2026-11-20 09:00"
expect_status 0
expect_equal "$(sla 2026-11-16 2026-11-16 "2026-11-16 13:00" in_time)" "0"
expect_equal "$(sla 2026-11-16 2026-11-16 "2026-11-16 13:00" not_yet_due)" "3"

scenario "a decline sent counts, in time, at the time it was sent"
run fd_at "2026-11-17 09:00" send "$(message_id request_id "$R1" decline)"
expect_status 0
expect_equal "$(sla 2026-11-16 2026-11-16 "2026-11-17 10:00" in_time)" "1"
# received Monday 09:00, sent Tuesday 09:00: ten working hours (08:00-18:00)
expect_equal "$(sla 2026-11-16 2026-11-16 "2026-11-17 10:00" worst_reply_minutes)" "600"

scenario "a waitlist note sent after the promise counts as late"
run fd_at "2026-11-19 09:00" send "$(message_id request_id "$R2" waitlist)"
expect_status 0
expect_equal "$(sla 2026-11-16 2026-11-16 "2026-11-19 10:00" late)" "1"
# received Monday 10:00, sent Thursday 09:00, in working minutes
expect_equal "$(sla 2026-11-16 2026-11-16 "2026-11-19 10:00" worst_reply_minutes)" "1740"

scenario "a booking whose confirmation never went is missed"
expect_equal "$(sla 2026-11-16 2026-11-16 "2026-11-19 10:00" missed)" "1"
expect_equal "$(sla 2026-11-16 2026-11-16 "2026-11-19 10:00" requests)" "3"

scenario "a booked request moved before its confirmation went is answered when the new one is sent"
given fd_at "2026-11-17 09:00" request add --name "Sla Mover" --email sm@example.com \
    --service "Sports massage 60" --received "2026-11-17 09:00"
R4=$(sql "SELECT max(id) FROM request")
given fd_at "2026-11-17 10:00" book --request "$R4" --therapist prim --at "2026-11-23 09:00"
R4_APPOINTMENT=$(booked_id)
given fd_at "2026-11-17 10:30" move "$R4_APPOINTMENT" --at "2026-11-23 11:00"
run fd_at "2026-11-17 11:00" send "$(message_id appointment_id "$R4_APPOINTMENT" confirmation)"
expect_status 0
expect_equal "$(sla 2026-11-17 2026-11-17 "2026-11-17 12:00" in_time)" "1"
expect_equal "$(sla 2026-11-17 2026-11-17 "2026-11-17 12:00" worst_reply_minutes)" "120"

finish
