# Two (here: six) desks booking the same slots at the same instant: the
# database lets exactly one booking per slot through; every loser gets
# "that slot was just taken" (exit 1), nobody sees "database is locked".
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 20:00

slots="09:00 10:00 11:00 12:00 13:00 14:00 15:00 16:00"
desk() {
    for at in $slots; do
        "$FRONTDESK" --db "$DB" --now "$NOW" book --name "Desk $1" --email "desk$1@example.com" \
            --service "Low cost massage 45" --therapist prim --at "2026-11-30 $at" \
            >>"$WORK/desk$1.out" 2>>"$WORK/desk$1.err"
        echo $? >>"$WORK/desk$1.status"
    done
}
scenario "six desks race for eight slots"
for d in 1 2 3 4 5 6; do desk $d & done
wait
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE status = 'booked'")" "8"
expect_equal "$(sql "SELECT count(*) FROM appointment a JOIN appointment b ON a.id < b.id
    AND a.start < b.\"end\" + b.buffer AND b.start < a.\"end\" + a.buffer")" "0"
expect_equal "$(cat "$WORK"/desk*.status | sort -u | tr '\n' ' ')" "0 1 "
expect_equal "$(cat "$WORK"/desk*.status | grep -c '^0$')" "8"
if grep -qi "locked" "$WORK"/desk*.err; then fail "someone saw 'database is locked'"; else pass; fi
if grep -v "slot is taken\|just taken\|already booked" "$WORK"/desk*.err | grep -q .; then
    fail "a loser got another error: $(grep -v 'taken\|already' "$WORK"/desk*.err | head -3)"
else
    pass
fi
sqlite_only "PRAGMA integrity_check is SQLite's check of its file" &&
    expect_equal "$(sql 'PRAGMA integrity_check')" "ok"

finish
