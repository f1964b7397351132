# A move racing a booking for the same slot (issue 12), from separate
# processes, twenty times: every time exactly one of them wins, the other
# is refused as taken (exit 1) with the nearest free times, and no two
# appointments overlap, for the therapist or for the room.  The loser's
# side is left as it was: a refused move keeps its old time.
#
# Half the rounds start both commands with the write lock held by a third
# process and then free it, so that both have made their checks before
# either can write: the database's own rule decides those.  The others
# simply start both at once.  The round's rivals alternate: the same
# therapist at the same time, the same therapist 15 minutes later, another
# therapist in the clinic's only room.
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd therapist add sam --name "Sam Taylor"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 20:00
given fd rota add sam --clinic "Low Cost Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 20:00

ROUNDS=20
DAYS="2026-11-30 2026-12-01 2026-12-02 2026-12-03 2026-12-04"
# Four rounds a day: the appointment to move starts at FROM, the target
# is TO; no round's times touch another's.
FROMS="08:00 11:00 14:00 17:00"
TOS="09:30 12:30 15:30 18:30"
nth() { # N WORDS...: the Nth word
    n=$1
    shift
    eval "echo \${$n}"
}
# plus15 HH:MM
plus15() {
    echo "$1" | awk -F: '{ m = $1 * 60 + $2 + 15; printf "%02d:%02d\n", m / 60, m % 60 }'
}

scenario "the appointments to move"
round=0
for day in $DAYS; do
    for from in $FROMS; do
        round=$((round + 1))
        given fd book --name "Mover $round" --email "mover$round@example.com" \
            --service "Low cost massage 45" --therapist prim --at "$day $from"
    done
done
expect_equal "$(sql "SELECT count(*) FROM appointment")" "$ROUNDS"

# hold_lock SECONDS: a third process holds the write lock that long (the
# round's `wait` waits for it too); it has taken it when this returns.
hold_lock() {
    hold_write_lock "$1"
    # psql takes longer to connect than sqlite3 to open a file.
    if [ "$ENGINE" = pg ]; then sleep 0.2; else sleep 0.05; fi
}

scenario "twenty rounds of a move against a booking"
round=0
for day in $DAYS; do
    for slot in 1 2 3 4; do
        round=$((round + 1))
        to=$(nth $slot $TOS)
        case $((round % 3)) in
        0) who=prim at="$to" ;;
        1) who=prim at=$(plus15 "$to") ;;
        2) who=sam at="$to" ;;
        esac
        [ $((round % 2)) = 0 ] && hold_lock 0.12
        (
            "$FRONTDESK" --db "$DB" --now "$NOW" move "$round" --at "$day $to" \
                >"$WORK/move$round.out" 2>"$WORK/move$round.err"
            echo $? >"$WORK/move$round.status"
        ) &
        (
            "$FRONTDESK" --db "$DB" --now "$NOW" book --name "Booker $round" \
                --email "booker$round@example.com" --service "Low cost massage 45" \
                --therapist "$who" --at "$day $at" \
                >"$WORK/book$round.out" 2>"$WORK/book$round.err"
            echo $? >"$WORK/book$round.status"
        ) &
        wait
        printf '%s %s %s %s\n' "$round" "$(cat "$WORK/move$round.status")" \
            "$(cat "$WORK/book$round.status")" "$day $to" >>"$WORK/results"
    done
done
expect_equal "$(wc -l <"$WORK/results")" "$ROUNDS"

scenario "every round has exactly one winner, and the loser was told the slot is taken"
while read -r round move book day time; do
    when="$day $time"
    case "$move:$book" in
    0:1) loser=book ;;
    1:0) loser=move ;;
    *)
        fail "round $round: move exited $move, booking exited $book"
        continue
        ;;
    esac
    if grep -q "taken" "$WORK/$loser$round.err"; then
        pass
    else
        fail "round $round: the $loser lost with: $(cat "$WORK/$loser$round.err")"
    fi
    grep -q "Nearest free times:" "$WORK/$loser$round.out" && pass ||
        fail "round $round: the $loser was offered no other times"
    # The mover's appointment is where the winner left it.
    expected=$when
    [ "$loser" = move ] && expected="${when% *} $(nth $(((round - 1) % 4 + 1)) $FROMS)"
    expect_equal "$(sql "SELECT strftime('%Y-%m-%d %H:%M', start * 60, 'unixepoch') FROM appointment WHERE id = $round")" "$expected"
done <"$WORK/results"

scenario "the winners are all there, and nothing overlaps"
moves_won=$(awk '$2 == 0' "$WORK/results" | wc -l)
books_won=$(awk '$3 == 0' "$WORK/results" | wc -l)
printf 'moves won %d rounds, bookings %d\n' "$moves_won" "$books_won"
expect_equal "$((moves_won + books_won))" "$ROUNDS"
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE status = 'booked'")" "$((ROUNDS + books_won))"
expect_equal "$(sql "SELECT count(*) FROM audit WHERE what LIKE 'moved from %'")" "$moves_won"
expect_equal "$(overlaps)" "0"
if grep -qi "locked\|busy" "$WORK"/move*.err "$WORK"/book*.err; then
    fail "someone saw the database locked or busy"
else
    pass
fi
sqlite_only "PRAGMA integrity_check is SQLite's check of its file" &&
    expect_equal "$(sql 'PRAGMA integrity_check')" "ok"

finish
