# What the benchmark scripts (run.sh, run-pg.sh) share; sourced, with
# $RUNS, $WORK and $HAVE_HYPERFINE set by the script.

# median_ms CMD...: the median wall time of $RUNS runs, in milliseconds.
median_ms() {
    if [ "$HAVE_HYPERFINE" = 1 ]; then
        # -N: no intermediate shell, so nothing but the command is timed.
        # hyperfine splits the command line itself: quote with "…".
        hyperfine -N --style none --warmup 10 --runs "$RUNS" \
            --export-json "$WORK/hyperfine.json" "$*" >/dev/null 2>&1 ||
            { echo "failed"; return; }
        sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$WORK/hyperfine.json" | head -n 1 |
            awk '{ printf "%.2f", $1 * 1000 }'
    else
        i=0
        : >"$WORK/times"
        while [ $i -lt $((RUNS + 5)) ]; do
            start=$(date +%s%N)
            sh -c "$*" >/dev/null 2>&1
            end=$(date +%s%N)
            [ $i -ge 5 ] && echo $((end - start)) >>"$WORK/times"
            i=$((i + 1))
        done
        sort -n "$WORK/times" | awk '{ t[NR] = $1 } END {
            m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
            printf "%.2f", m / 1e6 }'
    fi
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }
verdict() { # OK-CONDITION-AS-AWK-EXPRESSION
    awk "BEGIN { exit !($1) }" && echo "yes" || echo "**no**"
}

# day_query DAY: the query the store runs for a day's appointments
# (src/store/appointment.c, SELECT_SQL with store_appointment_list's
# filter), with the day's bounds, in SQL both sqlite3 and psql read.
day_query() {
    day_start=$(($(date -u -d "$1" +%s) / 86400 * 1440))
    printf '%s' "SELECT a.id, a.therapist_id, a.clinic_id, a.room, a.client_id, a.request_id,\
 a.service, a.minutes, a.price_pence, a.buffer, a.start, a.\"end\", a.status, a.confirmation,\
 a.confirmation_at, a.confirmation_via, a.confirmation_error, a.forced, a.created,\
 t.handle, t.name, c.name, cl.name, cl.email, cl.phone\
 FROM appointment a JOIN therapist t ON t.id = a.therapist_id\
 JOIN clinic c ON c.id = a.clinic_id JOIN client cl ON cl.id = a.client_id\
 WHERE a.start >= $day_start AND a.start < $((day_start + 1440)) AND a.status <> 'cancelled'\
 ORDER BY a.start, t.handle"
}
