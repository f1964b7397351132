# Pulling the plug (SPEC §1 rule 9, §5): `kill -9` at random moments of a
# long demo build (one transaction of 20,000 appointments), of bookings and
# of imports.  After every kill the database passes PRAGMA integrity_check,
# opens again, and holds either all of the interrupted command's effect or
# none of it.
#
# Each kill lands after a random delay drawn over the command's measured
# run time (a little past it, so that some runs finish), so kills fall in
# start-up, in the middle of the work and in the commit.  CRASH_SEED
# replays a run's delays; the seed is printed on failure.
#
# On PostgreSQL the client is killed, never the server: all or nothing and
# reopening are checked alike, and in place of SQLite's integrity_check,
# that the killed desk's write lock went with it (database_intact).
. "$TESTS/cli/lib.sh"

SEED=${CRASH_SEED:-$(date +%s)}
HAVE_IMPORT=0
"$FRONTDESK" import requests --help >/dev/null 2>&1 && HAVE_IMPORT=1
if [ "$HAVE_IMPORT" = 1 ]; then
    DEMOS=14 BOOKINGS=14 IMPORTS=12
else
    DEMOS=20 BOOKINGS=20 IMPORTS=0
fi
killed=0
# The delays' fractions, from the seed (random_at, kill_after: lib.sh).
random_fractions "$SEED"

# The span to draw delays over: a little past a full run, capped so that
# slow (sanitizer) builds still finish in reasonable time.
span() { awk -v t="$1" -v cap="$2" 'BEGIN { s = t * 1.15; printf "%d", (s > cap ? cap : s) }'; }

integrity() { database_intact "$1"; }
reopens() { "$FRONTDESK" --db "$1" --now "$NOW" therapist list >/dev/null 2>&1; }

# ---- demo: one long transaction ------------------------------------------
demo_state() { # DB: "none" (no schema yet) or therapists|rules|appointments|requests|audit
    DB=$1
    if [ "$ENGINE" = pg ]; then
        tables=$(sql "SELECT count(*) FROM pg_tables WHERE tablename = 'therapist'")
    elif [ -s "$1" ]; then
        tables=$(sql "SELECT count(*) FROM sqlite_master WHERE name = 'therapist'")
    else
        tables=0
    fi
    if [ "$tables" = 0 ]; then
        echo none
        return
    fi
    sql "SELECT (SELECT count(*) FROM therapist) || '|' ||
        (SELECT count(*) FROM shift_rule) || '|' || (SELECT count(*) FROM appointment) || '|' ||
        (SELECT count(*) FROM request) || '|' || (SELECT count(*) FROM audit)"
}

scenario "demo --appointments 20000 killed at random moments: all or nothing"
clinic=$DB
new_database
start=$(now_ms)
"$FRONTDESK" --db "$new_db" --now "$NOW" demo --appointments 20000 >/dev/null
DEMO_MS=$(($(now_ms) - start))
FULL=$(demo_state "$new_db")
case "$FULL" in 7\|*) pass ;; *) fail "the demo did not build: $FULL" ;; esac
i=0
while [ $i -lt "$DEMOS" ]; do
    i=$((i + 1))
    new_database
    db=$new_db
    kill_after "$(random_at $i)" "$(span "$DEMO_MS" 1500)" \
        "$FRONTDESK" --db "$db" --now "$NOW" demo --appointments 20000
    state=$(demo_state "$db")
    case "$state" in
    none | "0|0|0|0|0" | "$FULL") pass ;;
    *) fail "demo $i (seed $SEED) left a partial clinic: $state (full: $FULL)" ;;
    esac
    # A database killed before its schema was made holds nothing to check.
    if [ "$state" != none ] && { [ "$ENGINE" = pg ] || [ -s "$db" ]; }; then
        result=$(integrity "$db")
        [ "$result" = ok ] && pass || fail "demo $i (seed $SEED): $result"
        # Killed before its schema, the file holds no clinic: like any empty
        # file it becomes a database through init (t0230), and then opens.
        if [ "$state" = none ]; then
            "$FRONTDESK" --db "$db" --now "$NOW" init >/dev/null 2>&1
        fi
        reopens "$db" && pass || fail "demo $i (seed $SEED): the database does not reopen"
    fi
    [ "$ENGINE" = pg ] || rm -f "$db" "$db-wal" "$db-shm"
done
DB=$clinic

# ---- bookings -------------------------------------------------------------
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,tue,wed,thu,fri --from 08:00 --to 20:00

# A booking of a new client: the client, the appointment and its audit line
# are written together or not at all.
booking_state() {
    sql "SELECT (SELECT count(*) FROM appointment) || '|' ||
        (SELECT count(*) FROM audit WHERE entity = 'appointment') || '|' ||
        (SELECT count(*) FROM client)"
}
scenario "bookings killed at random moments: all or nothing"
slot() { # N → "YYYY-MM-DD HH:MM": the Nth slot of 45 minutes from Tuesday 2026-12-01 08:00
    day=$((1 + $1 / 16))
    minute=$((480 + ($1 % 16) * 45))
    printf '2026-12-%02d %02d:%02d' $day $((minute / 60)) $((minute % 60))
}
start=$(now_ms)
fd book --name "Client 0" --email client0@example.com --service "Low cost massage 45" \
    --therapist prim --at "$(slot 0)" >/dev/null
BOOK_MS=$(($(now_ms) - start))
expect_equal "$(booking_state)" "1|1|1"
i=0
while [ $i -lt "$BOOKINGS" ]; do
    i=$((i + 1))
    before=$(sql "SELECT count(*) FROM appointment")
    kill_after "$(random_at $((20 + i)))" "$(span "$BOOK_MS" 1000)" \
        "$FRONTDESK" --db "$DB" --now "$NOW" book --name "Client $i" \
        --email "client$i@example.com" --service "Low cost massage 45" --therapist prim \
        --at "$(slot $i)"
    state=$(booking_state)
    case "$state" in
    "$before|$before|$before" | "$((before + 1))|$((before + 1))|$((before + 1))") pass ;;
    *) fail "booking $i (seed $SEED): appointments|audit|clients = $state, before $before" ;;
    esac
    expect_equal "$(integrity "$DB")" "ok"
    reopens "$DB" && pass || fail "booking $i (seed $SEED): the database does not reopen"
done

# ---- imports (once the importer is in the build) --------------------------
if [ "$HAVE_IMPORT" = 1 ]; then
    csv() { # N: 20,000 rows no earlier import holds
        awk -v it="$1" 'BEGIN {
            print "received,name,email,phone,service,prefer,therapist,message"
            for (i = 1; i <= 20000; i++)
                printf "2026-11-2%d 09:%02d,Crash %d-%d,crash%d-%d@example.com,,Low cost massage 45,\"mon am, thu\",,\"a, \"\"quoted\"\" note\"\n",
                    i % 4, i % 60, it, i, it, i
        }' >"$WORK/import.csv"
    }
    scenario "imports of 20,000 rows killed at random moments: all or nothing"
    csv 0
    before=$(sql "SELECT count(*) FROM request")
    start=$(now_ms)
    fd import requests "$WORK/import.csv" >/dev/null
    IMPORT_MS=$(($(now_ms) - start))
    expect_equal "$(sql "SELECT count(*) FROM request")" "$((before + 20000))"
    i=0
    while [ $i -lt "$IMPORTS" ]; do
        i=$((i + 1))
        csv $i
        before=$(sql "SELECT count(*) FROM request")
        kill_after "$(random_at $((40 + i)))" "$(span "$IMPORT_MS" 1500)" \
            "$FRONTDESK" --db "$DB" --now "$NOW" import requests "$WORK/import.csv"
        after=$(sql "SELECT count(*) FROM request")
        if [ "$after" = "$before" ] || [ "$after" = "$((before + 20000))" ]; then
            pass
        else
            fail "import $i (seed $SEED): $before requests before, $after after"
        fi
        expect_equal "$(integrity "$DB")" "ok"
        reopens "$DB" && pass || fail "import $i (seed $SEED): the database does not reopen"
    done
fi

# The kills must have hit something, or the test proved nothing.
scenario "most commands were killed mid-way"
total=$((DEMOS + BOOKINGS + IMPORTS))
printf '%d of %d runs killed mid-way (CRASH_SEED=%s)\n' "$killed" "$total" "$SEED"
if [ $killed -ge $((total / 3)) ]; then pass; else fail "only $killed of $total runs were killed"; fi

finish
