# Eight desks booking the same 200 slots at once (SPEC §5): each desk runs
# the real binary once per slot, every desk in its own order, all eight at
# the same time.  Exactly 200 appointments come out, one per slot; nothing
# overlaps for a therapist or for a room; every loser is told plainly that
# the slot is taken (exit 1), and nobody sees "database is locked".
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd therapist add jose --name "José Núñez"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 20:00
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 20:00

# 200 slots of 45 minutes: prim's 45-minute low-cost massages at the one-room
# Low Cost Clinic, and jose's 30-minute massages plus their 15-minute buffer
# at the Clinic; sixteen a day each, over seven working days, first 100 each.
# A sanitizer build starts each process several times slower, so there the
# same race runs on 48 slots (8 × 48 calls instead of 8 × 200) to keep the
# suite's time reasonable; the full 200 run in the normal build.
SLOTS=200
if ldd "$FRONTDESK" 2>/dev/null | grep -q 'libasan\|libubsan' ||
    nm "$FRONTDESK" 2>/dev/null | grep -q '__asan_init'; then
    SLOTS=48
fi
for who in "prim|Low cost massage 45" "jose|Sports massage 30"; do
    n=0
    for day in 2026-11-30 2026-12-01 2026-12-02 2026-12-03 2026-12-04 2026-12-07 2026-12-08; do
        minute=480
        while [ $minute -le 1155 ] && [ $n -lt $((SLOTS / 2)) ]; do
            printf '%s|%s %02d:%02d\n' "$who" "$day" $((minute / 60)) $((minute % 60))
            minute=$((minute + 45))
            n=$((n + 1))
        done
    done
done >"$WORK/slots"

# Desk d takes the list from its own starting point, odd desks backwards,
# so that the desks collide all along the list instead of in step.
desk() {
    awk -v d="$1" '{ slot[NR - 1] = $0 } END {
        for (i = 0; i < NR; i++) {
            j = (i + d * 25) % NR
            print slot[d % 2 ? NR - 1 - j : j]
        }
    }' "$WORK/slots" >"$WORK/order$1"
    while IFS='|' read -r therapist service at; do
        "$FRONTDESK" --db "$DB" --now "$NOW" book --name "Desk $1" --email "desk$1@example.com" \
            --service "$service" --therapist "$therapist" --at "$at" \
            >>"$WORK/desk$1.out" 2>>"$WORK/desk$1.err"
        echo $? >>"$WORK/desk$1.status"
    done <"$WORK/order$1"
}

scenario "eight desks race for the same $SLOTS slots"
expect_equal "$(wc -l <"$WORK/slots" | tr -d ' ')" "$SLOTS"
for d in 1 2 3 4 5 6 7 8; do desk $d & done
wait

expect_equal "$(sql "SELECT count(*) FROM appointment")" "$SLOTS"
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE status = 'booked'")" "$SLOTS"
# One appointment per slot: every slot of the list is booked once.
expect_equal "$(sql "SELECT count(DISTINCT therapist_id || ' ' || start) FROM appointment")" "$SLOTS"
expect_equal "$(cat "$WORK"/desk*.status | grep -c '^0$')" "$SLOTS"
expect_equal "$(cat "$WORK"/desk*.status | wc -l | tr -d ' ')" "$((8 * SLOTS))"
expect_equal "$(cat "$WORK"/desk*.status | sort -u | tr '\n' ' ')" "0 1 "
# Every booking wrote its audit line, in the same transaction.
expect_equal "$(sql "SELECT count(*) FROM audit WHERE entity = 'appointment'")" "$SLOTS"

scenario "nothing overlaps, for a therapist or for a room"
expect_equal "$(sql "SELECT count(*) FROM appointment a JOIN appointment b
    ON a.id < b.id AND a.therapist_id = b.therapist_id
    AND a.start < b.busy_until AND b.start < a.busy_until
    WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'")" "0"
expect_equal "$(sql "SELECT count(*) FROM appointment a JOIN appointment b
    ON a.id < b.id AND a.clinic_id = b.clinic_id AND a.room = b.room
    AND a.start < b.busy_until AND b.start < a.busy_until
    WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'")" "0"

scenario "losers are told the slot is taken, never that the database is locked"
if grep -qi "locked\|busy (another desk" "$WORK"/desk*.err; then
    fail "someone saw: $(grep -hi 'locked\|busy (another' "$WORK"/desk*.err | head -1)"
else
    pass
fi
others=$(cat "$WORK"/desk*.err | grep -v '^frontdesk: that slot \(is\|was just\) taken' | head -3)
if [ -n "$others" ]; then fail "a loser got another error: $others"; else pass; fi
expect_equal "$(cat "$WORK"/desk*.err | wc -l | tr -d ' ')" "$((7 * SLOTS))"
sqlite_only "PRAGMA integrity_check is SQLite's check of its file" &&
    expect_equal "$(sql 'PRAGMA integrity_check')" "ok"

finish
