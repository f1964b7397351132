# Pulling the plug on a move and on a series (issue 12), after
# t0330-crash.sh: `kill -9` at random moments of each.  After every kill
# the database passes PRAGMA integrity_check, opens again, and holds all
# of the command's effect or none of it: a move is at its old time with its
# old confirmation and history, or at its new time with the confirmation
# back to unsent and one audit line more; a series has every session or
# none, its client and its audit lines with them.
#
# Each kill lands after a random delay drawn over the command's measured
# run time (a little past it, so that some runs finish).  CRASH_SEED
# replays a run's delays; the seed is printed on failure.
. "$TESTS/cli/lib.sh"

SEED=${CRASH_SEED:-$(date +%s)}
MOVES=16 SERIES=16 SESSIONS=26

random_fractions "$SEED"

# timed CMD...: runs CMD (to its end, in the background as kill_after does)
# and lowers $took to its run time in ms if it was quicker: the least of a
# few runs is the command's own time, without the machine's other load.
took=100000
timed() {
    start=$(now_ms)
    "$@" >/dev/null 2>&1 &
    wait $!
    start=$(($(now_ms) - start))
    [ "$start" -lt "$took" ] && took=$start
    return 0
}
span() { awk -v t="$1" 'BEGIN { s = t * 1.15; printf "%d", (s < 5 ? 5 : s) }'; }
intact() { # WHAT: the database is sound and opens
    expect_equal "$(database_intact)" "ok"
    "$FRONTDESK" --db "$DB" --now "$NOW" therapist list >/dev/null 2>&1 && pass ||
        fail "$1 (seed $SEED): the database does not reopen"
}

given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,tue,wed,thu,fri --from 07:00 --to 20:00

# ---- moves ------------------------------------------------------------------

# Appointment N (1 … MOVES + 1) on Monday 2026-11-30 (07:00, 07:45 …),
# confirmed by phone; each is moved to the same time on Thursday 3 December.
slot() { # N → HH:MM, the Nth 45-minute slot from 07:00
    awk -v n="$1" 'BEGIN { m = 420 + (n - 1) * 45; printf "%02d:%02d\n", m / 60, m % 60 }'
}
scenario "the appointments to move, each confirmed"
i=0
while [ $i -le "$MOVES" ]; do
    i=$((i + 1))
    given fd book --name "Client $i" --email "client$i@example.com" \
        --service "Low cost massage 45" --therapist prim --at "2026-11-30 $(slot $i)"
    given fd confirm mark-sent $i --by phone
done
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE confirmation = 'sent'")" "$((MOVES + 1))"

# An appointment's state: day, time, confirmation, its audit lines.
move_state() {
    sql "SELECT date(start * 60, 'unixepoch') || ' ' || strftime('%H:%M', start * 60, 'unixepoch')
        || '|' || confirmation || '|' || (SELECT count(*) FROM audit WHERE entity = 'appointment'
        AND entity_id = $1) FROM appointment WHERE id = $1"
}
scenario "moves killed at random moments: all or nothing"
# The last one moved three times (there, back and there again), to time it.
n=$((MOVES + 1))
audit_before=$(sql "SELECT count(*) FROM audit WHERE entity_id = $n AND entity = 'appointment'")
for day in 2026-12-03 2026-11-30 2026-12-03; do
    timed "$FRONTDESK" --db "$DB" --now "$NOW" move $n --at "$day $(slot $n)"
done
MOVE_MS=$took
expect_equal "$(move_state $n)" "2026-12-03 $(slot $n)|unsent|$((audit_before + 3))"
i=0
while [ $i -lt "$MOVES" ]; do
    i=$((i + 1))
    old="2026-11-30 $(slot $i)|sent|$(sql "SELECT count(*) FROM audit WHERE entity = 'appointment' AND entity_id = $i")"
    new="2026-12-03 $(slot $i)|unsent|$((${old##*|} + 1))"
    kill_after "$(random_at $i)" "$(span "$MOVE_MS")" \
        "$FRONTDESK" --db "$DB" --now "$NOW" move $i --at "2026-12-03 $(slot $i)"
    state=$(move_state $i)
    case "$state" in
    "$old" | "$new") pass ;;
    *) fail "move $i (seed $SEED): $state; before: $old; moved: $new" ;;
    esac
    intact "move $i"
done

# ---- series -----------------------------------------------------------------

# Series N: SESSIONS weeks of a new client at the Nth slot of Tuesdays
# from 1 December (N ≥ 1), or the -Nth slot of Wednesdays (N ≤ -1): no
# holiday falls on them.
series_at() { # N → "D HH:MM"
    if [ "$1" -gt 0 ]; then
        echo "2026-12-01 $(slot "$1")"
    else
        echo "2026-12-02 $(slot $((-$1)))"
    fi
}
# What a series adds: sessions, clients, audit lines about appointments.
series_state() {
    sql "SELECT (SELECT count(*) FROM appointment WHERE series_id IS NOT NULL) || '|' ||
        (SELECT count(DISTINCT series_id) FROM appointment) || '|' ||
        (SELECT count(*) FROM client) || '|' ||
        (SELECT count(*) FROM audit WHERE entity = 'appointment')"
}
# added BEFORE SESSIONS: the state after one more whole series.
added() {
    echo "$1" | awk -F'|' -v n="$2" '{ printf "%d|%d|%d|%d\n", $1 + n, $2 + 1, $3 + 1, $4 + n + 1 }'
}
scenario "series killed at random moments: all or nothing"
# Three series on Wednesdays first, to time one.
took=100000
for i in -1 -2 -3; do
    before=$(series_state)
    timed "$FRONTDESK" --db "$DB" --now "$NOW" book --name "Series $i" \
        --email "series$i@example.com" --service "Low cost massage 45" --therapist prim \
        --at "$(series_at $i)" --every 1w --count "$SESSIONS"
    expect_equal "$(series_state)" "$(added "$before" "$SESSIONS")"
done
SERIES_MS=$took
i=0
while [ $i -lt "$SERIES" ]; do
    i=$((i + 1))
    before=$(series_state)
    kill_after "$(random_at $((30 + i)))" "$(span "$SERIES_MS")" \
        "$FRONTDESK" --db "$DB" --now "$NOW" book --name "Series $i" \
        --email "series$i@example.com" --service "Low cost massage 45" --therapist prim \
        --at "$(series_at $i)" --every 1w --count "$SESSIONS"
    state=$(series_state)
    case "$state" in
    "$before" | "$(added "$before" "$SESSIONS")") pass ;;
    *) fail "series $i (seed $SEED): sessions|series|clients|audit = $state, before $before" ;;
    esac
    intact "series $i"
done
scenario "every series holds all its sessions"
expect_equal "$(sql "SELECT count(*) FROM (SELECT series_id FROM appointment WHERE series_id IS NOT NULL
    GROUP BY series_id HAVING count(*) <> $SESSIONS) short")" "0"

# The kills must have hit something, or the test proved nothing.
scenario "most commands were killed mid-way"
total=$((MOVES + SERIES))
printf '%d of %d runs killed mid-way (CRASH_SEED=%s; a move took %d ms, a series %d ms)\n' \
    "$killed" "$total" "$SEED" "$MOVE_MS" "$SERIES_MS"
if [ $killed -ge $((total / 4)) ]; then pass; else fail "only $killed of $total runs were killed"; fi

finish
