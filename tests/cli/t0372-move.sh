# "Can I move Thursday to Friday?" (issue 12): a move changes an
# appointment in one transaction and keeps its id, client, request, notes
# and history.  It passes every check a booking passes (rota, rooms,
# buffers, closures, time off, the past); a refused move changes nothing
# and offers the nearest free times.  The freed slot lists its waitlist
# matches; a client who heard about the old time hears once about the new
# one; the audit log shows old → new.
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add jose --name "José Núñez"
given fd therapist add prim --name "Primrose Okafor"
given fd therapist add sam --name "Sam Taylor"
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 09:00 --to 17:00
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,tue,wed,thu,fri --from 08:30 --to 14:30
given fd rota add sam --clinic "Low Cost Clinic" --weekly mon --from 08:30 --to 14:30
given fd rota off jose --from 2026-12-02 --to 2026-12-02 --reason "Course"
given fd request add --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --received "2026-11-23 09:00"
given fd book --request 1 --therapist jose --at "2026-11-30 10:00"                      # 1
given fd book --name "Bo Ray" --email bo@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-30 12:00"                                            # 2
given fd book --name "Cy Dee" --email cy@example.com --service "Low cost massage 45" \
    --therapist prim --at "2026-11-30 09:00"                                            # 3
given fd book --name "Di Eve" --email di@example.com --service "Low cost massage 45" \
    --therapist sam --at "2026-11-30 10:30"                                             # 4
given fd book --name "Ed Fox" --email ed@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-12-01 10:00"                                            # 5
given fd cancel 5
given fd note add --appointment 1 "left calf tight, check orthotics"
given fd confirm mark-sent 1 --by phone
given fd waitlist add --name "Wendy Wait" --email wendy@example.com \
    --service "Sports massage 60" --prefer "mon am"

row() { sql "SELECT id, client_id, request_id, therapist_id, clinic_id, date(start * 60, 'unixepoch'),
    time(start * 60, 'unixepoch'), time(\"end\" * 60, 'unixepoch'), status FROM appointment WHERE id = $1"; }
history_of() { sql "SELECT count(*) FROM audit WHERE entity = 'appointment' AND entity_id = $1"; }

# ---- refusals: each changes nothing ----------------------------------------

# refused CODE TEXT: the last command was refused with exit CODE, one
# error line holding TEXT, and left the database as it was.
refused() {
    expect_status "$1"
    expect_one_error_line
    expect_err "$2"
    expect_equal "$(snapshot)" "$before"
}

before=$(snapshot)
scenario "onto another client's time: refused with the nearest free times"
run fd move 1 --at "2026-11-30 12:00"
refused 1 "that slot is taken: jose is already booked then"
expect_out "Nearest free times:"
expect_out "mon 2026-11-30 10:45  jose at Clinic"
expect_out "mon 2026-11-30 13:15  jose at Clinic"

scenario "the buffers count: its own buffer may not run into the next, nor start in the last's"
run fd move 1 --at "2026-11-30 11:00"
refused 1 "that slot is taken"
run fd move 1 --at "2026-11-30 13:00"
refused 1 "that slot is taken"

scenario "outside the therapist's shift"
run fd move 1 --at "2026-11-30 16:30"
refused 1 "jose has no shift covering 2026-11-30 16:30-17:30"
expect_out "Nearest free times:"

scenario "on a bank holiday, even with --force"
run fd move 1 --at "2026-12-28 10:00"
refused 1 "the clinic is closed on 2026-12-28"
run fd move 1 --at "2026-12-28 10:00" --force
refused 1 "the clinic is closed on 2026-12-28"

scenario "in the therapist's time off"
run fd move 1 --at "2026-12-02 10:00"
refused 1 "jose has time off"

scenario "into the past"
run fd move 1 --at "2026-11-23 10:00"
refused 1 "2026-11-23 10:00 is in the past"

scenario "at a clinic that does not offer the service"
run fd move 1 --at "2026-11-30 10:00" --clinic "Low Cost Clinic"
refused 1 "Low Cost Clinic does not offer \"Sports massage 60\""

scenario "when the only room is in use"
run fd move 4 --at "2026-11-30 09:15"
refused 1 "no room is free at Low Cost Clinic"

scenario "at a local time the clocks skip"
run fd move 1 --at "2027-03-28 01:30" --force --clinic Clinic
refused 65 "2027-03-28 01:30 does not exist in Europe/London"

scenario "a cancelled appointment cannot move"
run fd move 5 --at "2026-12-01 10:00"
refused 1 "appointment 5 is cancelled"

scenario "moving onto its own time is refused"
run fd move 1 --at "2026-11-30 10:00"
refused 64 "appointment 1 is already then with jose"
run fd move 1 --at "2026-11-30 10:00" --therapist jose --clinic Clinic
refused 64 "already then"

scenario "bad input names the option"
run fd move 999 --at "2026-12-01 10:00"
refused 65 "no appointment 999"
run fd move 1
refused 64 "--at is required"
run fd move 1 --at "friday 10:00"
refused 64 "--at: \"friday 10:00\" is not a date and time"
run fd move 1 --at "2026-12-01 10:00" --therapist nobody
refused 65 "nobody"
run fd move abc --at "2026-12-01 10:00"
refused 64 "abc"

# ---- moves that go through -------------------------------------------------

scenario "a move keeps its id, client, request, notes and history"
before_row=$(row 1)
history=$(history_of 1)
run fd move 1 --at "2026-11-30 14:00"
expect_status 0
expect_out "Moved #1 2026-11-30 14:00-15:00 Sports massage 60 with jose at Clinic (room 1) for Ann Lee"
expect_out "(was 2026-11-30 10:00 with jose at Clinic)"
expect_equal "$(row 1)" "$(echo "$before_row" | sed 's/10:00:00|11:00:00/14:00:00|15:00:00/')"
expect_equal "$(sql "SELECT request_id, (SELECT status FROM request WHERE id = 1) FROM appointment WHERE id = 1")" "1|booked"
expect_equal "$(sql "SELECT count(*) FROM note WHERE appointment_id = 1")" "1"
expect_equal "$(history_of 1)" "$((history + 1))"
expect_equal "$(sql "SELECT count(*) FROM appointment")" "5"

scenario "the freed Monday-morning slot lists its waitlist matches"
expect_out "The freed slot suits 1 waiting client"
expect_out "Wendy Wait"

scenario "its details show its notes and whole history"
run fd appointment show 1
expect_out "left calf tight, check orthotics"
expect_out "booked Sports massage 60 with jose at Clinic, 2026-11-30 10:00"
expect_out "confirmation given by phone"

scenario "the audit log shows old → new"
run fd audit --limit 1
expect_out "moved from 2026-11-30 10:00 with jose at Clinic to 2026-11-30 14:00 with jose at Clinic appointment #1"

scenario "a freed afternoon slot does not suit a client waiting for a morning"
run fd move 1 --at "2026-11-30 15:15"
expect_status 0
expect_no_out "Wendy Wait"

scenario "a client who had heard about the old time is owed one change message"
expect_equal "$(sql "SELECT confirmation FROM appointment WHERE id = 1")" "unsent"
run fd confirmations
expect_out "#1 "
given fd confirm mark-sent 1 --by phone
run fd move 1 --at "2026-11-30 14:00"
expect_status 0
expect_out "The client heard about the old time: a change message is due."
expect_equal "$(sql "SELECT confirmation FROM appointment WHERE id = 1")" "unsent"

scenario "that message tells of the move, not of a new booking"
run fd confirm send 1 --dry-run
expect_status 0
expect_out "Subject: Your appointment has moved to Monday 30 November 2026 at 14:00"
expect_out "(was:       Monday 30 November 2026, 15:15)"
expect_no_out "Thank you for booking"

scenario "moved again before it went out: still one message, from the time the client knew"
run fd move 1 --at "2026-11-30 14:15"
expect_status 0
run fd confirm send 1 --dry-run
expect_status 0
expect_out "Dry run: 1 message would be sent"
expect_out "Subject: Your appointment has moved to Monday 30 November 2026 at 14:15"
expect_out "(was:       Monday 30 November 2026, 15:15)"

scenario "a client never told of the old time is owed a confirmation of the new one, not a change"
run fd move 2 --at "2026-11-30 11:45"
expect_status 0
expect_no_out "change message"
expect_equal "$(sql "SELECT confirmation FROM appointment WHERE id = 2")" "unsent"
run fd confirm send 2 --dry-run
expect_status 0
expect_out "Subject: Your appointment on Monday 30 November 2026 at 11:45"
expect_no_out "moved"
expect_no_out "was:"

scenario "a move may overlap the appointment's own old time"
run fd move 2 --at "2026-11-30 12:00"
expect_status 0
expect_equal "$(sql "SELECT strftime('%H:%M:%S', start * 60, 'unixepoch') FROM appointment WHERE id = 2")" "12:00:00"

scenario "to another therapist, in the only room, once it is free"
run fd move 3 --at "2026-11-30 11:30" --therapist sam
expect_status 0
expect_out "with sam at Low Cost Clinic"
run fd audit --limit 1
expect_out "moved from 2026-11-30 09:00 with prim at Low Cost Clinic to 2026-11-30 11:30 with sam at Low Cost Clinic"
run fd move 4 --at "2026-11-30 09:15"
expect_status 0

scenario "--force moves outside the rota, and the audit log says so"
run fd move 2 --at "2026-11-30 17:30" --force
expect_status 0
expect_equal "$(sql "SELECT forced FROM appointment WHERE id = 2")" "1"
run fd audit --limit 1
expect_out "(rota check overridden with --force)"

scenario "a moved appointment still has its life: cancelled at its new time"
run "$FRONTDESK" --db "$DB" --now "2026-11-30 14:30" no-show 1
expect_status 0
run "$FRONTDESK" --db "$DB" --now "2026-11-30 14:30" move 1 --at "2026-12-01 14:00"
expect_status 1
expect_err "appointment 1 is no-show"

scenario "after all this, no two appointments overlap"
expect_equal "$(overlaps)" "0"

finish
