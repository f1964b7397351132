# Pulling the plug on `send` and `remind` (issue 13): `kill -9` lands while
# a slow sendmail is delivering.  Afterwards every message was delivered
# once (the recording sendmail's log says so) and is recorded sent, or is
# still queued or failed and was not delivered, or was left sending — it
# may have gone — and is shown as interrupted and never sent again by
# itself.  The next run sends the rest, never one twice, and the database
# passes PRAGMA integrity_check.
#
# Each kill lands after a random delay over the run's expected length;
# CRASH_SEED replays a run's delays (the seed is printed on failure).
. "$TESTS/cli/lib.sh"

SEED=${CRASH_SEED:-$(date +%s)}
RUNS=5      # kills of each command
DELAY=0.2   # seconds the sendmail takes for each message
PER_RUN=5   # messages each killed run has to send

fake_program mail record
config_with clinic "sendmail = \"$WORK/mail -t -i\"" 'closed = {}'
export FRONTDESK_CONFIG="$WORK/clinic.conf"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 18:00

random_fractions "$SEED"
# kill_during AT FRACTION CMD…: runs the binary at AT with CMD and a slow
# sendmail, and kills it after FRACTION of the time the run would take (a
# little past it, so that some runs finish); then lets a sendmail whose
# caller was killed finish on its own.
kill_during() {
    at=$1 fraction=$2
    shift 2
    kill_after "$fraction" "$(awk -v n="$PER_RUN" -v d="$DELAY" 'BEGIN { printf "%d", n * d * 1150 }')" \
        env FAKE_DELAY="$DELAY" "$FRONTDESK" --db "$DB" --now "$at" "$@"
    sleep "$DELAY"
    sleep 0.1
}

# book_day DAY: five clients booked on DAY (their appointment ids in $DAY_IDS).
book_day() {
    DAY_IDS=""
    for hm in 09:00 10:30 12:00 13:30 15:00; do
        tag="$1-$(echo "$hm" | tr -d :)"
        given fd book --name "Client $tag" --email "c$tag@example.com" --service "Sports massage 60" \
            --therapist prim --at "$1 $hm"
        DAY_IDS="$DAY_IDS $(booked_id)"
    done
}
# delivered ID KIND: how many times the sendmail got message ID.
delivered() { fake_calls mail "Message-ID: <$2-$1@example.org>"; }
# check_message ID KIND WHEN: the message is sent and was delivered once,
# or is queued or failed and was not delivered, or (only while the run
# that claimed it is gone) is sending and was delivered at most once.
check_message() {
    state=$(sql "SELECT state FROM outbox WHERE id = $1")
    count=$(delivered "$1" "$2")
    case "$state|$count" in
    sent\|1 | queued\|0 | failed\|0 | sending\|0 | sending\|1) pass ;;
    *) fail "$3 (seed $SEED): $2 message $1 is $state and was delivered $count times" ;;
    esac
}
# check_rerun ID KIND WHEN: after the next run the message is sent and was
# delivered once, or is still sending (interrupted) and was delivered at
# most once.
check_rerun() {
    state=$(sql "SELECT state FROM outbox WHERE id = '$1'")
    count=$(delivered "$1" "$2")
    case "$state|$count" in
    sent\|1 | sending\|0 | sending\|1) pass ;;
    *) fail "after $3 (seed $SEED): $2 message $1 is $state and was delivered $count times" ;;
    esac
}
integrity() { database_intact; }

# ---- send -----------------------------------------------------------------------

scenario "send killed mid-run: each confirmation delivered once or still to go, never lost"
SENT_IDS=""
i=0
while [ $i -lt "$RUNS" ]; do
    i=$((i + 1))
    day=$(date -d "2027-01-04 + $((7 * i)) days" +%F) # Mondays
    book_day "$day"
    ids=""
    for appointment in $DAY_IDS; do
        ids="$ids $(sql "SELECT id FROM outbox WHERE appointment_id = $appointment AND kind = 'confirmation'")"
    done
    SENT_IDS="$SENT_IDS$ids"
    kill_during "$NOW" "$(random_at "$i")" send
    for id in $ids; do check_message "$id" confirmation "send $i"; done
    expect_equal "$(integrity)" "ok"
    # The next run sends what is still to go, and nothing twice.
    run fd send
    for id in $ids; do check_rerun "$id" confirmation "send $i"; done
done

scenario "a message left sending shows as interrupted, and goes again only when the desk says so"
LEFT=$(sql "SELECT group_concat(id, ' ') FROM outbox WHERE state = 'sending'")
printf "%s message(s) left sending\n" "$(echo "$LEFT" | wc -w)"
LATER="2026-11-24 10:10"
for id in $LEFT; do
    run fd_at "$LATER" outbox show "$id" --json
    expect_equal "$(json_at '$.state')" "interrupted"
    before=$(delivered "$id" confirmation)
    run fd_at "$LATER" send
    expect_equal "$(delivered "$id" confirmation)" "$before"
    run fd_at "$LATER" outbox retry "$id"
    expect_status 0
    run fd_at "$LATER" send
    expect_status 0
    expect_equal "$(sql "SELECT state FROM outbox WHERE id = $id")" "sent"
done
[ -n "$LEFT" ] || pass # no kill left one sending this time

# ---- remind ---------------------------------------------------------------------

scenario "remind killed mid-run: each reminder planned once, delivered once or still to go"
i=0
while [ $i -lt "$RUNS" ]; do
    i=$((i + 1))
    day=$(date -d "2027-03-03 + $((7 * i)) days" +%F) # Wednesdays
    at="$(date -d "$day - 1 day" +%F) 10:00"         # the Tuesday before
    book_day "$day"
    kill_during "$at" "$(random_at $((20 + i)))" remind
    for appointment in $DAY_IDS; do
        planned=$(sql "SELECT count(*) FROM outbox WHERE appointment_id = $appointment
            AND kind = 'reminder' AND state <> 'void'")
        id=$(sql "SELECT id FROM outbox WHERE appointment_id = $appointment AND kind = 'reminder'")
        case "$planned" in
        0) # not planned: nothing went to them
            email=$(sql "SELECT c.email FROM appointment a JOIN client c ON c.id = a.client_id
                WHERE a.id = $appointment")
            expect_equal "$(fake_calls mail "<$email>")" "0" ;;
        1) check_message "$id" reminder "remind $i" ;;
        *) fail "remind $i (seed $SEED): $planned reminders for appointment $appointment" ;;
        esac
    done
    expect_equal "$(integrity)" "ok"
    run fd_at "$(date -d "$day - 1 day" +%F) 10:01" remind
    for appointment in $DAY_IDS; do
        check_rerun "$(sql "SELECT group_concat(id) FROM outbox WHERE appointment_id = $appointment
            AND kind = 'reminder'")" reminder "remind $i"
    done
done

# The kills must have hit something, or the test proved nothing.
scenario "most commands were killed mid-way"
printf '%d of %d runs killed mid-way (CRASH_SEED=%s)\n' "$killed" "$((2 * RUNS))" "$SEED"
if [ "$killed" -ge "$RUNS" ]; then pass; else fail "only $killed of $((2 * RUNS)) runs were killed"; fi

finish
