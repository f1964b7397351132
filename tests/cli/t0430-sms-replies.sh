# Clients' text replies (issue 13): `reply --from NUMBER --text TEXT` is what
# an SMS gateway calls.  "C code" confirms, "X code" cancels under the
# late-cancellation rule, "Y code" takes an offered waitlist slot if it is
# still free (a later "Y" is told it was taken and waits on), "STOP" ends
# reminders, and anything else — a wrong code, an unknown number, a
# sentence — goes to the inbox for a person.  Numbers match however they
# are typed.  The texts that ask for a reply keep their code, within two
# segments.
. "$TESTS/cli/lib.sh"

fake_program mail record
fake_program sms record
config_with clinic "sendmail = \"$WORK/mail -t -i\"" "sms_command = \"$WORK/sms\"" 'closed = {}' \
    'late_cancel_hours = 24' 'late_cancel_fee = "20.00"'
export FRONTDESK_CONFIG="$WORK/clinic.conf"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 18:00
given fd therapist add jose --name "José Núñez"
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 18:00

# book NAME PHONE AT [THERAPIST]: a client who wants texts, booked now for
# a Sports massage 60; the appointment's id in $BOOKED.
book() {
    given fd book --name "$1" --phone "$2" --contact sms --service "Sports massage 60" \
        --therapist "${4:-prim}" --at "$3"
    BOOKED=$(booked_id)
}
# wait_list NAME EMAIL PHONE: a client who wants texts joins the waitlist
# for a Sports massage 60; the entry's id in $ENTRY.
wait_list() {
    given fd waitlist add --name "$1" --email "$2" --phone "$3" --contact sms --service "Sports massage 60"
    ENTRY=$(sql "SELECT max(id) FROM waitlist")
}
# text_to NUMBER: the last text the fake sms_command sent to NUMBER (E.164).
text_to() {
    awk -v n="[$1]" '/^CALL/ { keep = index($0, n) > 0; text = ""; next }
        /^END$/ { if (keep) last = text; keep = 0; next } keep { text = text $0 }
        END { print last }' "$WORK/sms.log"
}
# code_in LETTER TEXT: the code the text asks to reply with after LETTER
# ("Reply C 4821 to confirm or X 4821 to cancel").
code_in() { printf ' %s\n' "$2" | sed -n "s/.*[^A-Za-z]$1 \([0-9][0-9][0-9][0-9]\).*/\1/p"; }
# reply AT NUMBER TEXT: the gateway passes on a text; the answer as JSON.
reply() { run fd_at "$1" reply --from "$2" --text "$3" --json; }

book "Sam Sms" "07700 900123" "2026-11-26 11:00" # a Thursday
SAM=$BOOKED
book "Tim Ahead" "07700 900124" "2026-11-27 14:00"
TIM=$BOOKED
book "Ula Past" "07700 900125" "2026-11-30 09:00"
ULA=$BOOKED

# ---- the codes the texts carry -----------------------------------------------

scenario "a dry run of remind shows the text with its reply code, as it will go"
run fd_at "2026-11-25 10:00" remind --dry-run
expect_status 0
expect_out "reminder for appointment $SAM by text to +447700900123"
if grep -q 'Reply C [0-9][0-9][0-9][0-9] to confirm' "$WORK/out"; then pass; else fail "the text shown has no reply code"; fi

scenario "a reminder by text carries the reply code, within two segments"
run fd_at "2026-11-25 10:00" remind
expect_status 0
expect_out "sent reminder #"
SAM_TEXT=$(text_to +447700900123)
SAM_CODE=$(code_in C "$SAM_TEXT")
expect_equal "$(code_in X "$SAM_TEXT")" "$SAM_CODE"
expect_equal "$SAM_CODE" "$(message_field "$(message_id appointment_id "$SAM" reminder)" reply_code)"
if [ "$(printf '%s' "$SAM_TEXT" | sms_segments)" -le 2 ]; then pass; else fail "more than two segments"; fi

# ---- C: confirming -----------------------------------------------------------

scenario "C and the code confirms the appointment"
reply "2026-11-25 10:30" "07700 900123" "C $SAM_CODE"
expect_status 0
expect_equal "$(json_at '$.action')|$(json_at '$.appointment_id')" "confirmed|$SAM"
expect_equal "$(sql "SELECT status, client_confirmed_at IS NOT NULL FROM appointment WHERE id = $SAM")" "booked|1"
run fd_at "2026-11-25 10:30" audit --limit 1
expect_out "the client confirmed by text from +447700900123"

scenario "the number matches however it is typed"
for from in "+44 7700 900123" "0044 7700 900123" "447700900123" "+44 (0)7700 900-123" "07700900123"; do
    reply "2026-11-25 10:40" "$from" "c$SAM_CODE."
    expect_equal "$from: $(json_at '$.action')" "$from: confirmed"
done

# ---- X: cancelling -------------------------------------------------------------

scenario "X and the code cancels; less than late_cancel_hours ahead it is late, with the fee"
reply "2026-11-26 09:00" "+447700900123" "x $SAM_CODE"
expect_status 0
expect_equal "$(json_at '$.action')|$(json_at '$.appointment_id')" "cancelled|$SAM"
expect_equal "$(sql "SELECT status, cancelled_by, late, fee_pence FROM appointment WHERE id = $SAM")" \
    "cancelled|client|1|2000"
run fd_at "2026-11-26 09:00" audit --limit 1
expect_out "cancelled by the client, late (fee 20.00)"
expect_equal "$(messages appointment_id "$SAM" | grep -c cancellation)" "0"

scenario "X a day ahead is not late and owes nothing"
run fd_at "2026-11-26 10:00" remind
TIM_CODE=$(code_in X "$(text_to +447700900124)")
reply "2026-11-26 10:30" "07700 900124" "X $TIM_CODE"
expect_equal "$(json_at '$.action')" "cancelled"
expect_equal "$(sql "SELECT status, late, fee_pence FROM appointment WHERE id = $TIM")" "cancelled|0|0"

scenario "X after the appointment has started cancels nothing: it goes to the inbox"
run fd_at "2026-11-27 10:00" remind
ULA_CODE=$(code_in X "$(text_to +447700900125)")
reply "2026-11-30 12:00" "07700 900125" "X $ULA_CODE"
expect_status 0
expect_equal "$(json_at '$.action')" "to_inbox"
expect_equal "$(sql "SELECT status, fee_pence FROM appointment WHERE id = $ULA")" "booked|0"

scenario "a reminder with names outside the GSM alphabet still carries its reply code"
book "Zoë Ångström" "07700 900666" "2026-12-01 14:00" jose # UCS-2: 134 characters in two segments
run fd_at "2026-11-30 10:00" remind
expect_status 0
ZOE_TEXT=$(text_to +447700900666)
expect_equal "$(printf '%s' "$ZOE_TEXT" | grep -c 'Zoë')" "1"
if [ "$(printf '%s' "$ZOE_TEXT" | sms_segments)" -le 2 ]; then pass; else fail "more than two segments"; fi
if [ -n "$(code_in C "$ZOE_TEXT")" ]; then pass; else fail "no reply code in \"$ZOE_TEXT\""; fi

# ---- the inbox -----------------------------------------------------------------

scenario "a wrong code goes to the inbox and changes nothing"
WRONG=0000
[ "$WRONG" != "$SAM_CODE" ] || WRONG=0001
book "Val Id" "07700 900126" "2026-12-02 11:00"
VAL=$BOOKED
run fd_at "2026-12-01 10:00" remind
reply "2026-12-01 10:30" "07700 900126" "C $WRONG"
expect_status 0
expect_equal "$(json_at '$.action')" "to_inbox"
INBOX=$(json_at '$.message_id')
run fd_at "2026-12-01 10:30" message list --json
expect_out "\"text\": \"C $WRONG\""
expect_out "\"name\": \"Val Id\""
expect_equal "$(sql "SELECT client_confirmed_at IS NULL FROM appointment WHERE id = $VAL")" "1"
expect_equal "$(sql "SELECT count(*) FROM message WHERE id = $INBOX")" "1"

scenario "the inbox shows the number a text came from, so the desk can answer it"
run fd_at "2026-12-01 10:30" message list
expect_out "C $WRONG"
expect_out "+447700900126"

scenario "a text from a number nobody has goes to the inbox"
reply "2026-12-01 10:40" "07999 999999" "Y 1234"
expect_status 0
expect_equal "$(json_at '$.action')|$(json_at '$.client_id')" "to_inbox|"
run fd_at "2026-12-01 10:40" message list
expect_out "+447999999999"
expect_out "Y 1234"

scenario "a sentence from a client goes to the inbox"
reply "2026-12-01 10:50" "07700 900126" "Can I bring my dog? C $WRONG"
expect_equal "$(json_at '$.action')" "to_inbox"
run fd_at "2026-12-01 10:50" message list
expect_out "Can I bring my dog?"

scenario "a reply needs the number it came from"
run fd reply --text "C 1234"
expect_status 64
expect_one_error_line
run fd reply --from "07700 900126"
expect_status 64

# ---- STOP ------------------------------------------------------------------------

scenario "STOP opts the number out of reminders"
reply "2026-12-01 11:00" "+44 7700 900126" "Stop"
expect_status 0
expect_equal "$(json_at '$.action')" "opted_out"
expect_equal "$(sql "SELECT no_reminders_at IS NOT NULL FROM client WHERE phone = '+447700900126'")" "1"
run fd_at "2026-12-01 11:00" audit --limit 1
expect_out "opted out of reminders by text from +447700900126"

# ---- Y: offers of a freed slot -------------------------------------------------

scenario "a slot offered by text, with a reply code; the slot is not held"
wait_list "Wen Dy" wen@example.com "07700 900555"
WEN=$ENTRY
wait_list "Wai Ting" wai@example.com "07700 900556"
WAI=$ENTRY
run fd waitlist offer "$WEN" --at "2026-12-07 10:00" --therapist prim
expect_status 0
expect_out "Offered 2026-12-07 10:00 to Wen Dy: message "
expect_out "the slot is not held"
run fd waitlist offer "$WAI" --at "2026-12-07 10:00" --therapist prim --json
expect_status 0
expect_equal "$(json_at '$.kind')|$(json_at '$.state')|$(json_at '$.slot')" "offer|queued|2026-12-07 10:00"
expect_equal "$(messages waitlist_id "$WEN")|$(messages waitlist_id "$WAI")" "offer queued|offer queued"
run fd send --kind offer
expect_status 0
WEN_CODE=$(code_in Y "$(text_to +447700900555)")
WAI_CODE=$(code_in Y "$(text_to +447700900556)")
if [ -n "$WEN_CODE" ] && [ -n "$WAI_CODE" ]; then pass; else fail "an offer without its code"; fi
if [ "$(text_to +447700900555 | sms_segments)" -le 2 ]; then pass; else fail "more than two segments"; fi

scenario "a client offered a slot is still on the waitlist until they take one"
run fd waitlist list
expect_out "Wen Dy"
expect_out "Wai Ting"

scenario "Y and the code takes the slot: booked, the entry closed, a confirmation queued"
reply "2026-11-24 11:00" "07700 900555" "Y $WEN_CODE"
expect_status 0
expect_equal "$(json_at '$.action')" "took_slot"
TAKEN=$(json_at '$.appointment_id')
expect_equal "$(sql "SELECT a.start = $(((NOW_MINUTES / 1440 + 13) * 1440 + 600)), t.handle, c.name, a.status
    FROM appointment a JOIN therapist t ON t.id = a.therapist_id JOIN client c ON c.id = a.client_id
    WHERE a.id = $TAKEN")" "1|prim|Wen Dy|booked"
expect_equal "$(sql "SELECT status FROM waitlist WHERE id = $WEN")" "booked"
expect_equal "$(messages appointment_id "$TAKEN")" "confirmation queued"
run fd_at "2026-11-24 11:00" audit --limit 3
expect_out "booked by text from +447700900555"

scenario "a second Y for the same slot is told it was taken, and waits on"
reply "2026-11-24 11:05" "07700 900556" "Y $WAI_CODE"
expect_status 0
expect_equal "$(json_at '$.action')|$(json_at '$.appointment_id')" "slot_gone|"
expect_equal "$(messages waitlist_id "$WAI")" "offer sent,taken queued"
expect_equal "$(sql "SELECT status FROM waitlist WHERE id = $WAI")" "waiting"
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE client_id =
    (SELECT client_id FROM waitlist WHERE id = $WAI)")" "0"
run fd_at "2026-11-24 11:10" send --kind taken
expect_status 0
expect_equal "$(text_to +447700900556 | grep -c 'has now gone to someone else')" "1"
run fd waitlist list
expect_out "Wai Ting"

scenario "Y for a slot the desk booked by hand meanwhile is told it was taken"
run fd_at "2026-11-24 12:00" waitlist offer "$WAI" --at "2026-12-07 14:00" --therapist prim
expect_status 0
run fd_at "2026-11-24 12:00" send --kind offer
WAI_CODE=$(code_in Y "$(text_to +447700900556)")
given fd_at "2026-11-24 12:30" book --name "Walk In" --email walkin@example.com \
    --service "Sports massage 60" --therapist prim --at "2026-12-07 14:00"
reply "2026-11-24 13:00" "07700 900556" "Y $WAI_CODE"
expect_equal "$(json_at '$.action')" "slot_gone"
expect_equal "$(messages waitlist_id "$WAI" | tr ',' '\n' | grep -c 'taken')" "2"
expect_equal "$(sql "SELECT status FROM waitlist WHERE id = $WAI")" "waiting"

scenario "an offer still to go is voided when the desk books the entry by hand"
wait_list "By Hand" by.hand@example.com "07700 900557"
BY_HAND=$ENTRY
run fd waitlist offer "$BY_HAND" --at "2026-12-09 10:00" --therapist prim
expect_status 0
run fd book --waitlist "$BY_HAND" --therapist prim --at "2026-12-09 12:00"
expect_status 0
expect_equal "$(messages waitlist_id "$BY_HAND")" "offer void"
run fd send --kind offer
expect_equal "$(fake_calls sms "[+447700900557]")" "0"

scenario "an offer still to go is voided when the entry is removed"
wait_list "Gone Away" gone@example.com "07700 900558"
GONE=$ENTRY
run fd waitlist offer "$GONE" --at "2026-12-09 15:00" --therapist prim
expect_status 0
run fd waitlist remove "$GONE"
expect_status 0
expect_equal "$(messages waitlist_id "$GONE")" "offer void"
run fd send --kind offer
expect_equal "$(fake_calls sms "[+447700900558]")" "0"

scenario "an offer whose slot has passed before it went is not sent"
wait_list "Slow Post" slow.post@example.com "07700 900559"
SLOW=$ENTRY
run fd waitlist offer "$SLOW" --at "2026-11-24 15:00" --therapist prim
expect_status 0
run fd_at "2026-11-24 16:00" send --kind offer
expect_equal "$(fake_calls sms "[+447700900559]")" "0"

scenario "an offer with names outside the GSM alphabet still carries its reply code"
wait_list "Zoë Ångström" zoe@example.com "07700 900666"
run fd waitlist offer "$ENTRY" --at "2026-12-08 10:00" --therapist jose
expect_status 0
run fd send --kind offer
ZOE_OFFER=$(text_to +447700900666)
if [ "$(printf '%s' "$ZOE_OFFER" | sms_segments)" -le 2 ]; then pass; else fail "more than two segments"; fi
if [ -n "$(code_in Y "$ZOE_OFFER")" ]; then pass; else fail "no reply code in \"$ZOE_OFFER\""; fi

finish
