# Helpers for command-line scenarios: each test script runs the real binary
# on a temporary database with a fixed clock, and reads like a story:
#
#   given fd init
#   scenario "a booking outside the rota is refused"
#   run fd book ... ; expect_status 1 ; expect_err "no shift"
#
# The first failing step stops its scenario and the script goes on with the
# next one; a failing `given` stops the script (see tests/test-lib.sh).
# Sourced by tests/cli/t*.sh; ctest sets FRONTDESK (the binary) and TESTS.
WORK_PREFIX=frontdesk-test
. "$TESTS/test-lib.sh"
NOW_MINUTES=29925240 # NOW as stored: minutes since 1970-01-01

# run CMD...: stdout in $WORK/out, stderr in $WORK/err, exit status in $status.
run() {
    step run || return 0
    run_command "$@"
}

# A failure report shows what the last command run (or given) said.
show_context() {
    [ -n "$last_command" ] || return 0
    printf '  after: %s (exit status %s)\n' "$last_command" "$status"
    show_file stdout "$WORK/out"
    show_file stderr "$WORK/err"
}

expect_status() {
    step expect_status || return 0
    if [ "$status" -eq "$1" ]; then step_ok; else step_failed "exit status $status, expected $1"; fi
}
expect_out() {
    step expect_out || return 0
    if grep -qF -- "$1" "$WORK/out"; then step_ok; else step_failed "stdout lacks \"$1\""; fi
}
expect_no_out() {
    step expect_no_out || return 0
    if grep -qF -- "$1" "$WORK/out"; then step_failed "stdout has \"$1\""; else step_ok; fi
}
expect_err() {
    step expect_err || return 0
    if grep -qF -- "$1" "$WORK/err"; then step_ok; else step_failed "stderr lacks \"$1\""; fi
}
# An error is one line starting with "frontdesk: ".
expect_one_error_line() {
    step expect_one_error_line || return 0
    if [ "$(wc -l <"$WORK/err")" -eq 1 ] && grep -q '^frontdesk: ' "$WORK/err"; then
        step_ok
    else
        step_failed "stderr is not one 'frontdesk: ' line"
    fi
}

# A snapshot of every table, to prove a refused command changed nothing.
snapshot() {
    for table in therapist shift_rule time_off client request appointment waitlist message audit; do
        sql "SELECT * FROM $table ORDER BY 1" 2>/dev/null
    done | md5sum
}

# overlaps: how many pairs of appointments that hold their time (all but
# the cancelled) overlap, buffers included, for one therapist or in one
# room.  The database promises 0, whatever races or crashes came before.
overlaps() {
    sql "SELECT count(*) FROM appointment a JOIN appointment b ON a.id < b.id
        AND a.status <> 'cancelled' AND b.status <> 'cancelled'
        AND (a.therapist_id = b.therapist_id OR (a.clinic_id = b.clinic_id AND a.room = b.room))
        AND a.start < b.busy_until AND b.start < a.busy_until"
}

# ---- pulling the plug: kill -9 at random moments --------------------------

# random_fractions SEED: 100 fractions in [0, 1) drawn from SEED, for
# random_at N (the Nth), so that a failing run can be replayed.
random_fractions() {
    awk -v seed="$1" 'BEGIN { srand(seed); for (i = 0; i < 100; i++) printf "%.4f\n", rand() }' \
        >"$WORK/random"
}
random_at() { sed -n "$1p" "$WORK/random"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# kill_after FRACTION LIMIT_MS CMD...: runs CMD in the background, kills it
# with SIGKILL after FRACTION × LIMIT_MS, and counts in $killed the kills
# that hit it before it finished.
killed=0
kill_after() {
    fraction=$1 limit=$2
    shift 2
    delay=$(awk -v f="$fraction" -v l="$limit" 'BEGIN { printf "%.4f", f * l / 1000 }')
    "$@" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [ $? -eq 137 ] && killed=$((killed + 1))
    return 0
}

# database_intact [DB]: "ok" when the database (default $DB) is whole after
# a client was killed: on SQLite, PRAGMA integrity_check of its file; on
# PostgreSQL, whose server is never killed, that the killed desk's write
# lock is gone (its server process ends once it finds its client gone:
# waited for, up to three seconds).
database_intact() {
    if [ "$ENGINE" != pg ]; then
        sqlite3 -batch "${1:-$DB}" "PRAGMA integrity_check" 2>&1
        return
    fi
    tries=0
    while [ $tries -lt 60 ]; do
        held=$(DB=${1:-$DB} && sql "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'
            AND objid = 1178882891 AND granted AND database = (SELECT oid FROM pg_database
            WHERE datname = current_database())")
        [ "$held" = 0 ] && { echo ok; return; }
        sleep 0.05
        tries=$((tries + 1))
    done
    echo "the write lock is still held: $(DB=${1:-$DB} && sql "SELECT a.pid, a.state,
        a.wait_event, left(a.query, 60) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.objid = 1178882891 AND l.granted
        AND a.datname = current_database()")"
}

# timed CMD…: runs CMD to its end (in the background, as kill_after runs
# it) and lowers $took to its run time in ms if it was quicker: the least
# of a few runs is the command's own time, without the machine's other
# load.  kill_span MS: the range to draw kill delays over, a little past
# MS so that some runs finish.
took=100000
timed() {
    start=$(now_ms)
    "$@" >/dev/null 2>&1 &
    wait $!
    start=$(($(now_ms) - start))
    [ "$start" -lt "$took" ] && took=$start
    return 0
}
kill_span() { awk -v t="$1" 'BEGIN { s = t * 1.15; printf "%d", (s < 5 ? 5 : s) }'; }

# ---- reading JSON output (with sqlite3, which the tests need anyway) ------

# json_at PATH: the value at PATH ('$.series_id', '$.booked[0].id') in the
# JSON the last command printed (or in $JSON_FILE, when set); an object or
# array as compact JSON, null as nothing.
json_at() {
    sqlite3 -batch -noheader :memory: "SELECT json_extract(readfile('${JSON_FILE:-$WORK/out}'), '$1')"
}
# json_rows PATH FIELD...: each element of the array at PATH (or the one
# object there) as its FIELDs joined by spaces ("null" for a missing one),
# the elements joined by "; ", in order; from $JSON_FILE too, when set.
json_rows() {
    path=$1
    shift
    columns=""
    for field in "$@"; do
        columns="$columns${columns:+ || ' ' || }coalesce(json_extract(value, '\$.$field'), 'null')"
    done
    sqlite3 -batch -noheader :memory: "WITH doc(d) AS (SELECT readfile('${JSON_FILE:-$WORK/out}')),
        list(l) AS (SELECT CASE json_type(d, '$path') WHEN 'array' THEN json_extract(d, '$path')
            ELSE json_array(json(json_extract(d, '$path'))) END FROM doc)
        SELECT group_concat(r, '; ') FROM
            (SELECT $columns AS r FROM list, json_each(list.l) ORDER BY key)"
}

# ---- stand-ins for the mail program and the text-message command ---------
#
# fake_program NAME BEHAVIOUR writes $WORK/NAME, an executable to name as
# sendmail or sms_command in a config:
#
#   record  appends the call to $WORK/NAME.log and succeeds
#   fail    reads the message, says "gateway refused: try again later" on
#           stderr and exits 75; records nothing
#   hang    reads the message and never finishes: it waits on a child (a
#           long sleep whose pid is in $WORK/NAME.pid), as a script waits
#           on the curl it started; clean_up stops that child if it is left
#
# A recorded call is one block, written at once so that programs running
# side by side never mix their blocks:
#
#   CALL [word] [word] …    each argument, in brackets
#   …the message read on standard input…
#   END
#
# With FAKE_DELAY=SECONDS in its environment a recording fake takes that
# long to finish after recording, so that a kill can land while it runs.
# fake_calls NAME [TEXT] counts the calls recorded (holding TEXT, if given,
# on a line of the call).
fake_program() {
    case "$2" in
    record)
        cat >"$WORK/$1" <<EOF_FAKE
#!/bin/sh
message=\$(cat)
call="CALL"
for word in "\$@"; do call="\$call [\$word]"; done
printf '%s\n%s\nEND\n' "\$call" "\$message" >>"$WORK/$1.log"
[ -z "\${FAKE_DELAY:-}" ] || sleep "\$FAKE_DELAY"
exit 0
EOF_FAKE
        ;;
    fail)
        cat >"$WORK/$1" <<'EOF_FAKE'
#!/bin/sh
cat >/dev/null
echo "gateway refused: try again later" >&2
exit 75
EOF_FAKE
        ;;
    hang)
        cat >"$WORK/$1" <<EOF_FAKE
#!/bin/sh
cat >/dev/null
sleep 120 &
echo \$! >"$WORK/$1.pid"
wait
EOF_FAKE
        ;;
    *)
        echo "fake_program: unknown behaviour \"$2\"" >&2
        return 1
        ;;
    esac
    chmod +x "$WORK/$1"
}
fake_calls() {
    [ -f "$WORK/$1.log" ] || { echo 0; return 0; }
    awk -v text="${2:-}" '
        /^CALL/ { call = 1; seen = (text == "") }
        call && text != "" && index($0, text) { seen = 1 }
        /^END$/ && call { if (seen) n++; call = 0 }
        END { print n + 0 }' "$WORK/$1.log"
}
# The children of hanging fakes that nobody stopped.
clean_up() {
    for pidfile in "$WORK"/*.pid; do
        [ -f "$pidfile" ] || continue
        kill "$(cat "$pidfile")" 2>/dev/null
    done
    return 0
}

# config_with NAME LINE…: writes $WORK/NAME.conf, the starter config that
# `init` writes with each LINE ("key = value") instead of the line that set
# its key (LINE goes at the end, where a top-level setting may stand too).
config_with() {
    if [ ! -f "$WORK/starter.conf" ]; then
        "$FRONTDESK" --db "$WORK/starter.db" init --config "$WORK/starter.conf" >/dev/null ||
            return 1
    fi
    conf="$WORK/$1.conf"
    shift
    cp "$WORK/starter.conf" "$conf"
    for line in "$@"; do
        key=${line%%[ =]*}
        grep -v "^${key}[ =]" "$conf" >"$conf.new"
        printf '%s\n' "$line" >>"$conf.new"
        mv "$conf.new" "$conf"
    done
}

# ---- the outbox, as a script reads it ----------------------------------------

# fd_at "D HH:MM" CMD…: the binary on the test database at another moment.
fd_at() {
    when=$1
    shift
    "$FRONTDESK" --db "$DB" --now "$when" "$@"
}
# The appointment `book` just printed ("Booked #12 …").
booked_id() { sed -n 's/^Booked #\([0-9]*\) .*/\1/p' "$WORK/out" | head -n 1; }

# message_field ID KEY: one value of `outbox show ID --json` (null: nothing).
message_field() {
    fd outbox show "$1" --json >"$WORK/json"
    JSON_FILE="$WORK/json" json_at "\$.$2"
}
# The outbox as `outbox --all --json` shows it, one line per message:
# "id kind state appointment_id request_id waitlist_id client_id".
outbox_lines() {
    fd outbox --all --json >"$WORK/json"
    JSON_FILE="$WORK/json" json_rows '$' id kind state appointment_id request_id waitlist_id \
        client_id | sed 's/; /\n/g' | sort -n
}
outbox_column() {
    case "$1" in
    appointment_id) echo 4 ;;
    request_id) echo 5 ;;
    waitlist_id) echo 6 ;;
    client_id) echo 7 ;;
    *) echo "outbox_column: no column $1" >&2 && echo 0 ;;
    esac
}
# messages FIELD VALUE: "kind state" of each message with FIELD
# (appointment_id, request_id, waitlist_id or client_id) at VALUE, oldest
# first, joined by commas: "confirmation void,change queued".
messages() {
    outbox_lines | awk -v c="$(outbox_column "$1")" -v v="$2" \
        '$c == v { printf "%s%s %s", n++ ? "," : "", $2, $3 } END { print "" }'
}
# message_id FIELD VALUE KIND: the id of the newest such message ("none").
message_id() {
    outbox_lines | awk -v c="$(outbox_column "$1")" -v v="$2" -v k="$3" \
        '$c == v && $2 == k { id = $1 } END { print id ? id : "none" }'
}
# A fingerprint of every table sending may touch, to prove a dry run
# changed nothing.
outbox_snapshot() {
    for table in outbox appointment request waitlist client audit message; do
        sql "SELECT * FROM $table ORDER BY 1"
    done | md5sum
}

# fake_last_message NAME: the message of the last call fake NAME recorded.
fake_last_message() {
    awk '/^CALL/ { text = ""; next } /^END$/ { last = text; next } { text = text $0 "\n" }
         END { printf "%s", last }' "$WORK/$1.log"
}
# sms_segments: how many SMS segments standard input takes, by GSM 03.38
# (160 septets alone, 153 each when joined; the extension table's
# characters take two) or, when any character is outside it, UCS-2 (70 and
# 67 UTF-16 units).
sms_segments() {
    python3 -c '
import math, sys
gsm = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'"'"'()*+,-./0123456789:;<=>?¡"
       "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
extension = "^{}\\[~]|€\f"
text = sys.stdin.read()
if text.endswith("\n"):
    text = text[:-1]  # the end of the log line, not part of the text
if all(c in gsm or c in extension for c in text):
    units, one, many = sum(2 if c in extension else 1 for c in text), 160, 153
else:
    units, one, many = len(text.encode("utf-16-le")) // 2, 70, 67
print(1 if units <= one else math.ceil(units / many))'
}

# ---- tables kept, to prove a change left them exactly as they were ---------

# tables TABLE…: every row of each TABLE in id order, under a line naming it.
tables() {
    for table in "$@"; do
        printf '== %s\n' "$table"
        sql "SELECT * FROM $table ORDER BY 1"
    done
}
# remember_tables NAME TABLE…: keeps the rows of the TABLEs now, as NAME.
remember_tables() {
    remembered=$1
    shift
    printf '%s\n' "$*" >"$WORK/$remembered.which"
    tables "$@" >"$WORK/$remembered.tables"
}
# expect_tables NAME: the tables remembered as NAME hold the same rows
# again; a failure shows the rows that differ (< then, > now).
expect_tables() {
    step expect_tables || return 0
    # shellcheck disable=SC2046 # the table names, one word each
    tables $(cat "$WORK/$1.which") >"$WORK/$1.now"
    if cmp -s "$WORK/$1.tables" "$WORK/$1.now"; then
        step_ok
    else
        step_failed "the tables differ from \"$1\" (< then, > now):
$(diff "$WORK/$1.tables" "$WORK/$1.now" | grep '^[<>]' | head -n 12)"
    fi
}
