# A request follows the appointment booked from it: withdrawn when the
# client cancels, open again (owed a new slot, due anew) when the clinic
# does.  And a promise of 0 working days is never due before the request
# arrived.
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add jose --name "José Núñez"
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed --from 09:00 --to 17:00
given fd request add --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --received "2026-11-23 09:00"
given fd request add --name "Bo Ray" --email bo@example.com --service "Sports massage 60" \
    --received "2026-11-23 10:00"
given fd book --request 1 --therapist jose --at "2026-11-30 10:00"
given fd book --request 2 --therapist jose --at "2026-11-30 12:00"

scenario "the client cancels: the request is withdrawn, not left 'booked'"
run fd cancel 1 --reason "moved away"
expect_status 0
expect_equal "$(sql "SELECT status FROM request WHERE id = 1")" "withdrawn"
run fd audit --limit 1
expect_out "cancelled by the client: moved away"

scenario "the clinic cancels: the request is open again, owed a new slot"
run fd cancel 2 --by clinic --reason "therapist ill"
expect_status 0
expect_equal "$(sql "SELECT status, answered IS NULL FROM request WHERE id = 2")" "pending|1"
run fd request list --json
expect_out '"name": "Bo Ray"'
expect_out '"due": "2026-11-26 18:00"'
run fd audit --limit 2
expect_out "request open again: the clinic cancelled appointment 2"

scenario "a bad --by is a usage error that changes nothing"
before=$(snapshot)
run fd cancel 2 --by nobody
expect_status 64
expect_err "--by: \"nobody\" is not client or clinic"
expect_equal "$(snapshot)" "$before"

scenario "with a promise of 0 working days, a request after close of business is due the next day"
given env XDG_CONFIG_HOME="$WORK/starter" "$FRONTDESK" --db "$WORK/scratch.db" init
sed 's/^request_reply_days .*/request_reply_days = 0/' "$WORK/starter/frontdesk/frontdesk.conf" \
    >"$WORK/zero.conf"
run "$FRONTDESK" --config "$WORK/zero.conf" --db "$DB" --now "$NOW" request add --name "Late Lou" \
    --email lou@example.com --service "Sports massage 60" --received "2026-11-23 19:30"
expect_status 0
expect_out "reply due by 2026-11-24 18:00"

finish
