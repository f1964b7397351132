# Undo (issue 12): `undo` takes back the latest change made at this desk
# within undo_minutes — a booking, a cancellation, a move, an outcome, a
# rota change, a decline, an import, a series, a note — and leaves every
# record exactly as it was before.  Undo again goes one change further
# back.  It is refused, with the reason and nothing undone, when the
# change is too old, when another desk has changed the record since or
# booked the freed time, or when undo is turned off.  Desks keep their own
# histories: the login name, the config's desk, or FRONTDESK_DESK.  What
# was said to a client stays said: a booking they were told of is
# cancelled, not erased, and they are sent a correction.
. "$TESTS/cli/lib.sh"

fake_program mail record
MAIL="sendmail = \"$WORK/mail -t -i\""
config_with clinic "$MAIL" 'closed = {}' 'no_show_fee = "50%"' 'late_cancel_fee = "20.00"'
config_with front "$MAIL" 'closed = {}' 'desk = "front"'
config_with off "$MAIL" 'closed = {}' 'undo_minutes = 0'
config_with five "$MAIL" 'closed = {}' 'undo_minutes = 5'
export FRONTDESK_CONFIG="$WORK/clinic.conf" FRONTDESK_DESK=desk1
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 18:00

# Every table of records a desk changes; not the audit log nor the undo
# records, which keep the history of the change and of its undoing.
RECORDS="therapist shift_rule time_off client request appointment waitlist message note subscription outbox"
# shellcheck disable=SC2086 # one word per table
keep() { remember_tables "$1" $RECORDS; }
# as DESK CMD…: CMD at another desk.
as() {
    desk=$1
    shift
    FRONTDESK_DESK=$desk "$@"
}
# book NAME AT [OPTIONS…]: a Sports massage 60 with prim; its id in $BOOKED.
book() {
    name=$1 at=$2
    shift 2
    given fd book --name "$name" --email "$(echo "$name" | tr 'A-Z ' 'a-z.')@example.com" \
        --service "Sports massage 60" --therapist prim --at "$at" "$@"
    BOOKED=$(booked_id)
}
# booked_by ID: the desk of the latest audit line about appointment ID.
booked_by() { sql "SELECT who FROM audit WHERE entity = 'appointment' AND entity_id = $1 ORDER BY id DESC LIMIT 1"; }
# Everything an undo that is refused must leave alone, its own records too.
# shellcheck disable=SC2086 # one word per table
keep_all() { remember_tables "$1" $RECORDS audit undo; }

# ---- each kind of change, undone ---------------------------------------------------

scenario "undo of a booking leaves every record as before"
keep before
book "Ann Lee" "2026-11-26 09:00"
ANN=$BOOKED
run fd undo
expect_status 0
expect_out "Undid appointment $ANN: booked Sports massage 60 with prim at Clinic, 2026-11-26 09:00"
expect_tables before
run fd audit --limit 1
expect_out "undid: appointment $ANN: booked Sports massage 60"

scenario "undo of a late cancellation with its fee"
book "Bea Late" "2026-11-25 09:00"
BEA=$BOOKED
keep before
run fd cancel "$BEA" --by client
expect_status 0
expect_equal "$(sql "SELECT status || ' ' || late || ' ' || fee_pence FROM appointment WHERE id = $BEA")" "cancelled 1 2000"
run fd undo
expect_status 0
expect_out "Undid appointment $BEA"
expect_tables before

scenario "undo of a move"
keep before
run fd move "$BEA" --at "2026-11-25 14:00"
expect_status 0
run fd undo
expect_status 0
expect_tables before

scenario "undo of an arrival"
keep before
NOW="2026-11-25 08:55" run fd arrive "$BEA"
expect_status 0
NOW="2026-11-25 09:00" run fd undo
expect_status 0
expect_out "Undid appointment $BEA: the client arrived"
expect_tables before

scenario "undo of a no-show and its fee"
keep before
NOW="2026-11-25 10:30" run fd no-show "$BEA"
expect_status 0
expect_equal "$(sql "SELECT status || ' ' || fee_pence FROM appointment WHERE id = $BEA")" "no-show 2750"
NOW="2026-11-25 10:31" run fd undo
expect_status 0
expect_tables before

scenario "undo of a fee waived"
NOW="2026-11-25 10:30" given fd no-show "$BEA"
keep before
NOW="2026-11-25 10:32" run fd fee "$BEA" --waive --reason "first time, a flat tyre"
expect_status 0
NOW="2026-11-25 10:33" run fd undo
expect_status 0
expect_tables before
NOW="2026-11-25 10:34" given fd undo # the no-show too

scenario "undo of a rota change, of time off, of a rule added and removed"
keep before
run fd rota edit 1 --from 09:00 --to 17:00 --from-date 2026-12-01
expect_status 0
run fd undo
expect_status 0
expect_out "Undid shift_rule 1: rota rule changed"
expect_tables before
run fd rota off prim --from 2026-12-07 --to 2026-12-08 --reason "course"
expect_status 0
run fd undo
expect_tables before
run fd rota add prim --clinic "Low Cost Clinic" --weekly sat --from 09:00 --to 12:00
expect_status 0
run fd undo
expect_tables before
run fd rota remove 1 --from-date 2027-02-01
expect_status 0
run fd undo
expect_status 0
expect_tables before

scenario "undo of a decline, and of the request"
keep before_request
given fd request add --name "Dee Cline" --email dee@example.com --service "Sports massage 60"
DEE=$(sql "SELECT max(id) FROM request")
keep before
run fd request decline "$DEE" --reason "fully booked that week"
expect_status 0
expect_equal "$(messages request_id "$DEE")" "decline queued"
run fd undo
expect_status 0
expect_out "Undid request $DEE: request declined"
expect_tables before
run fd undo
expect_status 0
expect_tables before_request

scenario "undo of an import of requests"
printf 'name,email,service,prefer\nImp One,imp.one@example.com,Sports massage 60,mon am\nImp Two,imp.two@example.com,Sports massage 30,\n' \
    >"$WORK/requests.csv"
keep before
run fd import requests "$WORK/requests.csv"
expect_status 0
expect_out "Imported 2 requests"
run fd undo
expect_status 0
expect_out "imported 2 requests"
expect_tables before
run fd import requests "$WORK/requests.csv"
expect_out "Imported 2 requests (0 already there)"
given fd undo

scenario "an import too big to keep for undo is refused by undo, which reaches no further back"
given fd note add --client "$(sql "SELECT min(id) FROM client")" "prefers mornings"
awk 'BEGIN { print "name,email,service"
    for (i = 1; i <= 10001; i++) printf "Bulk %d,bulk%d@example.com,Sports massage 60\n", i, i }' \
    >"$WORK/bulk.csv"
run fd import requests "$WORK/bulk.csv"
expect_status 0
expect_out "Imported 10001 requests"
keep before
run fd undo
expect_status 1
expect_one_error_line
expect_err "cannot undo"
expect_err "it changed more than 20000 rows, too many to keep for undo; nothing was undone"
expect_tables before
expect_equal "$(sql "SELECT count(*) FROM note WHERE text = 'prefers mornings'")" "1"

scenario "undo of an import of sign-ups says it undid the import"
keep before
run fd import subscribers "$TESTS/cli/csv/subscribers-good.csv"
expect_status 0
run fd undo
expect_status 0
expect_tables before
expect_out "imported 3 subscribers"

scenario "undo of a series takes back every session"
keep before
run fd book --name "Sid Series" --email sid@example.com --service "Sports massage 30" \
    --therapist prim --at "2026-11-30 11:00" --every 1w --count 4
expect_status 0
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE series_id IS NOT NULL")" "4"
run fd undo
expect_status 0
expect_tables before

scenario "undo of a note"
keep before
run fd note add --appointment "$BEA" "left calf tight, check orthotics"
expect_status 0
run fd note add --client "$(sql "SELECT client_id FROM appointment WHERE id = $BEA")" "prefers mornings"
expect_status 0
run fd undo
expect_out "note added: prefers mornings"
run fd undo
expect_status 0
expect_tables before

scenario "undo of a sign-up and its welcome still to go, and of leaving a list"
keep before
run fd subscribe --name "Sue Scribe" --email sue@example.com --list self-care
expect_status 0
run fd undo
expect_status 0
expect_tables before
given fd subscribe --name "Sue Scribe" --email sue@example.com --list posture-checklist
keep before
run fd unsubscribe --email sue@example.com
expect_status 0
run fd undo
expect_status 0
expect_tables before

scenario "undo of a message made into a request"
given fd message add --name "Meg Message" --email meg@example.com --text "Can I book a massage?"
keep before
run fd message to-request "$(sql "SELECT max(id) FROM message")" --service "Sports massage 60"
expect_status 0
run fd undo
expect_status 0
expect_tables before

scenario "undo of booking a request or a waitlist entry leaves it waiting again"
given fd request add --name "Rae Request" --email rae@example.com --service "Sports massage 60"
given fd waitlist add --name "Wil Waiting" --email wil@example.com --service "Sports massage 60"
keep before
run fd book --request "$(sql "SELECT max(id) FROM request")" --therapist prim --at "2026-11-26 13:00"
expect_status 0
run fd undo
expect_status 0
expect_tables before
run fd book --waitlist "$(sql "SELECT max(id) FROM waitlist")" --therapist prim --at "2026-11-26 13:00"
expect_status 0
run fd undo
expect_status 0
expect_tables before

scenario "a client another desk has booked since stays when the first booking is undone"
book "Zoe Shared" "2026-11-26 15:00"
ZOE=$BOOKED
run as desk2 fd book --name "Zoe Shared" --email zoe.shared@example.com \
    --service "Sports massage 60" --therapist prim --at "2026-11-27 15:00"
expect_status 0
run fd undo
expect_status 0
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE id = $ZOE")" "0"
expect_equal "$(sql "SELECT count(*) FROM client WHERE email = 'zoe.shared@example.com'")" "1"
run as desk2 fd undo
expect_status 0
expect_equal "$(sql "SELECT count(*) FROM client WHERE email = 'zoe.shared@example.com'")" "1"

scenario "undo again goes one change further back"
keep zero
book "One First" "2026-11-27 09:00"
keep one
book "Two Second" "2026-11-27 11:00"
run fd undo
expect_out "2026-11-27 11:00"
expect_tables one
run fd undo
expect_out "2026-11-27 09:00"
expect_tables zero

scenario "with nothing left at this desk, undo says so"
run as desk9 fd undo
expect_status 1
expect_err 'nothing to undo: no change made at this desk ("desk9")'

# ---- refused ---------------------------------------------------------------------------

scenario "a change older than undo_minutes is not undone"
book "Old Change" "2026-11-27 14:00"
OLD=$BOOKED
keep_all before
NOW="2026-11-24 10:11" run fd undo
expect_status 1
expect_err "more than 10 minutes old (undo_minutes)"
expect_tables before
NOW="2026-11-24 10:10" run fd undo
expect_status 0
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE id = $OLD")" "0"

scenario "undo_minutes is the config's"
book "Five Minutes" "2026-11-27 14:00"
FRONTDESK_CONFIG="$WORK/five.conf" NOW="2026-11-24 10:06" run fd undo
expect_status 1
expect_err "more than 5 minutes old"
FRONTDESK_CONFIG="$WORK/five.conf" NOW="2026-11-24 10:05" run fd undo
expect_status 0

scenario "with undo_minutes = 0 undo is refused"
book "Never Undone" "2026-11-27 14:00"
keep_all before
FRONTDESK_CONFIG="$WORK/off.conf" run fd undo
expect_status 1
expect_err "undo is turned off (undo_minutes is 0 in the config)"
expect_tables before
given fd cancel "$BOOKED"

scenario "undo after another desk changed the record is refused, naming that change"
book "Mia Moved" "2026-11-30 09:00"
MIA=$BOOKED
run as desk2 fd move "$MIA" --at "2026-11-30 13:00"
expect_status 0
keep_all before
run fd undo
expect_status 1
expect_err "appointment $MIA has changed since (desk2, 2026-11-24 10:00: moved from 2026-11-30 09:00"
expect_err "nothing was undone"
expect_tables before
expect_equal "$(sql "SELECT strftime('%H:%M', start * 60, 'unixepoch') FROM appointment WHERE id = $MIA")" "13:00"

scenario "undo of a cancellation after another desk booked the freed time is refused"
book "Carl Cancel" "2026-11-30 15:00"
CARL=$BOOKED
given fd cancel "$CARL"
run as desk2 fd book --name "Tess Taker" --email tess@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-11-30 15:00"
expect_status 0
keep_all before
run fd undo
expect_status 1
expect_err "that time has been booked since; nothing was undone"
expect_tables before
expect_equal "$(overlaps)" "0"

scenario "undo of a booking another desk has written a note on is refused, saying why"
book "Nora Noted" "2026-12-01 09:00"
run as desk2 fd note add --appointment "$BOOKED" "bring the referral letter"
expect_status 0
keep_all before
run fd undo
expect_status 1
expect_err "nothing was undone"
expect_tables before
run as desk2 fd undo
expect_status 0
run fd undo
expect_status 0

# ---- desks -------------------------------------------------------------------------------

scenario "each desk undoes its own changes: FRONTDESK_DESK, the config's desk, the login"
FRONTDESK_CONFIG="$WORK/front.conf" FRONTDESK_DESK="" run fd book --name "Fay Front" \
    --email fay@example.com --service "Sports massage 60" --therapist prim --at "2026-12-02 09:00"
expect_status 0
FAY=$(booked_id)
FRONTDESK_DESK="" USER=alice run fd book --name "Al Login" --email al@example.com \
    --service "Sports massage 60" --therapist prim --at "2026-12-02 11:00"
expect_status 0
AL=$(booked_id)
book "Ed Envdesk" "2026-12-02 13:00"
ED=$BOOKED
expect_equal "$(booked_by "$FAY") $(booked_by "$AL") $(booked_by "$ED")" "front alice desk1"
# The front desk's latest is Fay's booking, though two came after it.
FRONTDESK_CONFIG="$WORK/front.conf" FRONTDESK_DESK="" run fd undo
expect_status 0
expect_out "2026-12-02 09:00"
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE id IN ($AL, $ED)")" "2"
FRONTDESK_DESK="" USER=alice run fd undo
expect_out "2026-12-02 11:00"
run fd undo
expect_out "2026-12-02 13:00"

scenario "FRONTDESK_DESK wins over the config's desk"
FRONTDESK_CONFIG="$WORK/front.conf" run fd book --name "Gil Env" --email gil@example.com \
    --service "Sports massage 60" --therapist prim --at "2026-12-03 09:00"
expect_equal "$(booked_by "$(booked_id)")" "desk1"
FRONTDESK_CONFIG="$WORK/front.conf" FRONTDESK_DESK="" run fd undo
expect_status 1
run fd undo
expect_status 0

# ---- what was said stays said ---------------------------------------------------------

scenario "a booking the client was told of is cancelled, not erased, and corrected"
book "Dan Told" "2026-12-03 11:00"
DAN=$BOOKED
run fd send
expect_status 0
expect_equal "$(fake_calls mail "To: Dan Told")" "1"
run fd undo
expect_status 0
expect_out "1 correction queued"
expect_equal "$(sql "SELECT status || ' ' || cancelled_by FROM appointment WHERE id = $DAN")" "cancelled clinic"
expect_equal "$(messages appointment_id "$DAN")" "confirmation sent,correction queued"
expect_equal "$(sql "SELECT count(*) FROM appointment a JOIN appointment b ON a.id < b.id AND a.client_id = b.client_id WHERE a.id = $DAN")" "0"

scenario "the correction says the appointment is cancelled, and gives no time as standing"
run fd send "$(message_id appointment_id "$DAN" correction)" --dry-run
expect_status 0
expect_out "cancelled"
expect_no_out "stands as follows"

scenario "the correction goes out once"
run fd send
expect_status 0
expect_equal "$(fake_calls mail "To: Dan Told")" "2"
run fd send
expect_equal "$(fake_calls mail "To: Dan Told")" "2"

scenario "a move the client was told of is put back, and the client told it stands"
book "Eli Moved" "2026-12-04 09:00"
ELI=$BOOKED
given fd send
given fd move "$ELI" --at "2026-12-04 14:00"
given fd send
expect_equal "$(messages appointment_id "$ELI")" "confirmation sent,change sent"
run fd undo
expect_status 0
expect_equal "$(sql "SELECT status || ' ' || strftime('%H:%M', start * 60, 'unixepoch') FROM appointment WHERE id = $ELI")" "booked 09:00"
expect_equal "$(messages appointment_id "$ELI")" "confirmation sent,change sent,correction queued"
run fd send "$(message_id appointment_id "$ELI" correction)" --dry-run
expect_out "on Friday 4 December 2026 at 09:00"

scenario "a sign-up whose welcome went out is undone, and the client corrected"
given fd subscribe --name "Wes Welcome" --email wes@example.com --list posture-checklist
given fd send
run fd undo
expect_status 0
run fd subscribers
expect_no_out "wes@example.com"
expect_equal "$(sql "SELECT count(*) FROM outbox o JOIN client c ON c.id = o.client_id WHERE c.email = 'wes@example.com' AND o.kind = 'correction'")" "1"

scenario "a decline that went out is undone, and the correction tells of no appointment"
given fd request add --name "Dot Declined" --email dot@example.com --service "Sports massage 60"
DOT=$(sql "SELECT max(id) FROM request")
given fd request decline "$DOT" --reason "fully booked that week"
given fd send
run fd undo
expect_status 0
expect_equal "$(sql "SELECT status FROM request WHERE id = $DOT")" "pending"
expect_equal "$(messages request_id "$DOT")" "decline sent,correction queued"
run fd send "$(message_id request_id "$DOT" correction)" --dry-run
expect_status 0
expect_out "still finding a time for you"
expect_no_out "(Booking reference: )"
expect_no_out "When:       ,  to"
expect_no_out "Price:      £,"

scenario "an opening notice that went out is undone, and the correction tells of no appointment"
given fd waitlist add --name "Olive Open" --email olive@example.com
OLIVE=$(sql "SELECT max(id) FROM waitlist")
given fd waitlist notify
given fd send
run fd undo
expect_status 0
expect_equal "$(messages waitlist_id "$OLIVE")" "notify sent,correction queued"
run fd send "$(message_id waitlist_id "$OLIVE" correction)" --dry-run
expect_status 0
expect_no_out "your appointment on"
expect_no_out "(Booking reference: )"
expect_no_out "Price:      £,"

# ---- after an undo ----------------------------------------------------------------------

scenario "the next booking's history is its own, not the undone one's"
book "Una Undone" "2026-12-07 09:00"
UNDONE=$BOOKED
given fd undo
book "Nat Next" "2026-12-07 11:00"
run fd appointment show "$BOOKED" --json
expect_equal "$(json_rows '$.history' what)" \
    "booked Sports massage 60 with prim at Clinic, 2026-12-07 11:00"
if [ "$BOOKED" != "$UNDONE" ]; then pass; else fail "the undone booking's id $UNDONE was given to the next one"; fi

finish
