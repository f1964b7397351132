# Exports and reports on the demo clinic: a therapist takes their
# appointments to their phone as a calendar feed, the owner takes every
# appointment to a spreadsheet, and looks at how well the desk keeps the
# reply promise and how full the rota is.
. "$TESTS/cli/lib.sh"

TODAY=$((NOW_MINUTES / 1440))
# The default export range: 30 days back to 90 days ahead, whole days.
FROM_MINUTES=$(((TODAY - 30) * 1440))
TO_MINUTES=$(((TODAY + 91) * 1440))
PRIM_IN_RANGE="SELECT count(*) FROM appointment a JOIN therapist t ON t.id = a.therapist_id
  WHERE t.handle = 'prim' AND a.start >= $FROM_MINUTES AND a.start < $TO_MINUTES"

# Content lines of a feed with CRLF removed and folded lines joined.
unfold() {
    tr -d '\r' <"$1" | awk '/^ / { sub(/^ /, ""); printf "%s", $0; next }
        NR > 1 { print "" } { printf "%s", $0 } END { print "" }'
}

# The STATUS of the event whose UID starts with $2, in feed $1.
event_status() {
    unfold "$1" | awk -v uid="UID:$2@" 'index($0, uid) == 1 { found = 1 }
        found && /^STATUS:/ { sub(/^STATUS:/, ""); print; exit }'
}

json_check() { python3 -c "import json, sys; d = json.load(sys.stdin); $1" <"$WORK/out"; }

# The unfolded feed $1 has a line holding $2.
expect_feed_has() {
    if unfold "$1" | grep -qF -- "$2"; then pass; else fail "$1 lacks \"$2\""; fi
}

scenario "the demo clinic"
run fd demo
expect_status 0

scenario "a therapist's calendar feed is written to a file only they can read"
mkdir "$WORK/exports"
run fd export ics --therapist prim -o "$WORK/exports/prim.ics"
expect_status 0
expect_out "Wrote $(sql "$PRIM_IN_RANGE") appointments of prim"
expect_out "to $WORK/exports/prim.ics"
expect_equal "$(stat -c %a "$WORK/exports/prim.ics")" "600"
expect_equal "$(ls -A "$WORK/exports")" "prim.ics" # no temporary file left behind
expect_equal "$(head -n 1 "$WORK/exports/prim.ics" | tr -d '\r')" "BEGIN:VCALENDAR"
expect_equal "$(grep -c '^BEGIN:VTIMEZONE' "$WORK/exports/prim.ics")" "1"
expect_equal "$(unfold "$WORK/exports/prim.ics" | grep -c '^TZID:Europe/London$')" "1"
expect_equal "$(unfold "$WORK/exports/prim.ics" | grep -c '^DTSTART;TZID=Europe/London:')" \
    "$(sql "$PRIM_IN_RANGE")"
expect_equal "$(grep -c '^UID:' "$WORK/exports/prim.ics")" "$(sql "$PRIM_IN_RANGE")"
expect_equal "$(tail -c 15 "$WORK/exports/prim.ics" | tr -d '\r\n')" "END:VCALENDAR"

scenario "the feed names clients by first name only"
first=$(sql "SELECT a.service || ' – ' || substr(c.name, 1, instr(c.name, ' ') - 1) || '|' || c.name
  FROM appointment a JOIN therapist t ON t.id = a.therapist_id JOIN client c ON c.id = a.client_id
  WHERE t.handle = 'prim' AND a.start >= $FROM_MINUTES ORDER BY a.start LIMIT 1")
expect_feed_has "$WORK/exports/prim.ics" "SUMMARY:${first%%|*}"
expect_equal "$(grep -cF "${first#*|}" "$WORK/exports/prim.ics")" "0"
expect_equal "$(grep -c 'example.com' "$WORK/exports/prim.ics")" "0"

scenario "exporting again keeps every event's UID, so a phone updates instead of duplicating"
run fd export ics --therapist prim -o "$WORK/exports/prim.ics"
run "$FRONTDESK" --db "$DB" --now "2026-11-25 16:30" export ics --therapist prim \
    --from 2026-10-25 --to 2027-02-22 -o "$WORK/exports/later.ics"
expect_status 0
expect_equal "$(grep '^UID:' "$WORK/exports/later.ics" | sort)" \
    "$(grep '^UID:' "$WORK/exports/prim.ics" | sort)"
run fd export ics --therapist prim
expect_status 0
if cmp -s "$WORK/out" "$WORK/exports/prim.ics"; then pass; else fail "stdout and -o differ"; fi

scenario "a cancelled appointment stays in the feed, marked cancelled"
id=$(sql "SELECT a.id FROM appointment a JOIN therapist t ON t.id = a.therapist_id
  WHERE t.handle = 'prim' AND a.status = 'booked' AND a.start > $NOW_MINUTES ORDER BY a.start LIMIT 1")
expect_equal "$(event_status "$WORK/exports/prim.ics" "appointment-$id")" "CONFIRMED"
run fd cancel "$id"
expect_status 0
run fd export ics --therapist prim -o "$WORK/exports/prim.ics"
expect_status 0
expect_equal "$(event_status "$WORK/exports/prim.ics" "appointment-$id")" "CANCELLED"
expect_equal "$(grep -c '^UID:' "$WORK/exports/prim.ics")" "$(sql "$PRIM_IN_RANGE")"

scenario "export ics without --therapist gives the whole clinic's calendar"
run fd export ics
expect_status 0
expect_out "X-WR-CALNAME:Riverside Sports Massage – all therapists"
expect_equal "$(tr -d '\r' <"$WORK/out" | grep -c '^UID:')" \
    "$(sql "SELECT count(*) FROM appointment WHERE start >= $FROM_MINUTES AND start < $TO_MINUTES")"
expect_out "(prim)"

scenario "export ics needs a known therapist and a sensible range"
run fd export ics --therapist nobody -o "$WORK/exports/nobody.ics"
expect_status 65
expect_one_error_line
expect_err "nobody"
expect_equal "$(ls -A "$WORK/exports")" "later.ics
prim.ics"
run fd export ics --therapist prim --from 2026-12-01 --to 2026-11-01
expect_status 64
expect_err "--to: must not be before --from"
run fd export ics --therapist prim --from 1st-december
expect_status 64
expect_err "--from: \"1st-december\" is not a date"

scenario "-o into a folder that does not exist says so"
run fd export ics --therapist prim -o "$WORK/missing/prim.ics"
expect_status 74
expect_one_error_line
expect_err "the folder $WORK/missing does not exist"

scenario "a client with a comma and quotes in the name"
run fd therapist add tess --name "Tess Tester"
expect_status 0
run fd rota add tess --clinic "Clinic" --once 2026-11-28 --from 09:00 --to 13:00
expect_status 0
run fd book --name "O'Brien, \"Jo\"" --email jo@example.com --service "Sports massage 60" \
    --therapist tess --at "2026-11-28 09:00"
expect_status 0

scenario "the CSV export has a header and one record per appointment, cancelled ones too"
run fd export csv appointments --from 2026-11-01 --to 2026-11-30
expect_status 0
expect_equal "$(head -n 1 "$WORK/out")" "$(printf 'id,date,start,end,therapist,clinic,room,service,minutes,price,client,email,status,confirmation,list_price,offer\r')"
expect_equal "$(python3 -c 'import csv, sys; print(len(list(csv.reader(open(sys.argv[1], newline="")))) - 1)' "$WORK/out")" \
    "$(sql "SELECT count(*) FROM appointment WHERE start >= $(((TODAY - 23) * 1440)) AND start < $(((TODAY + 7) * 1440))")"
expect_equal "$(python3 -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print([r["client"] for r in rows if r["email"] == "jo@example.com"][0])' "$WORK/out")" "O'Brien, \"Jo\""
expect_equal "$(python3 -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print(sum(r["status"] == "cancelled" for r in rows) > 0)' "$WORK/out")" "True"

scenario "the CSV export writes a file too"
run fd export csv appointments -o "$WORK/exports/all.csv"
expect_status 0
expect_out "appointments (2026-10-25 to 2027-02-22) to $WORK/exports/all.csv"
expect_equal "$(stat -c %a "$WORK/exports/all.csv")" "600"

scenario "only appointments and subscribers can be exported as CSV"
run fd export csv clients
expect_status 64
expect_one_error_line
expect_err "appointments or subscribers can"
run fd export csv
expect_status 64
expect_err "missing argument"

scenario "the reply promise report counts requests answered in time, by week"
run fd report sla
expect_status 0
expect_out "Reply promise: requests received 2026-10-05 to 2026-11-24"
expect_out "Missed:"
expect_out "2026-W48  2026-11-23"
run fd report sla --json
expect_status 0
expect_equal "$(json_check 'print(len(d["weeks"]))')" "8"
expect_equal "$(json_check 'print(d["missed"])')" \
    "$(sql "SELECT count(*) FROM request WHERE status = 'pending' AND due < $NOW_MINUTES
      AND received >= $(((TODAY - 50) * 1440))")"
expect_equal "$(json_check 'print(d["requests"] == d["in_time"] + d["late"] + d["missed"])')" "True"

scenario "a declined request counts as answered once its answer is sent"
pending=$(sql "SELECT id FROM request WHERE status = 'pending' AND due > $NOW_MINUTES ORDER BY id LIMIT 1")
run fd request decline "$pending" --reason "fully booked"
expect_status 0
run fd report sla --json
expect_equal "$(json_check 'print(d["in_time"])')" "0"
printf '#!/bin/sh\ncat >/dev/null\n' >"$WORK/mail-ok"
chmod +x "$WORK/mail-ok"
given fd init --config "$WORK/mail.conf"
printf 'sendmail = "%s"\n' "$WORK/mail-ok" >>"$WORK/mail.conf"
run fd --config "$WORK/mail.conf" send --kind decline
expect_status 0
expect_out "sent decline"
run fd report sla --json
expect_equal "$(json_check 'print(d["in_time"])')" "1"
expect_equal "$(json_check 'print(d["median_reply_minutes"] is not None)')" "True"

scenario "the utilisation report draws a bar per therapist, clinic and week"
run env LC_ALL=C.UTF-8 "$FRONTDESK" --db "$DB" --now "$NOW" report utilisation
expect_status 0
expect_out "Utilisation: booked against rostered hours, 2026-11-02 to 2026-11-29"
expect_out "prim    Low Cost Clinic  w/c 2026-11-23"
expect_out "█"
expect_out "of 12.0h)"
run env LC_ALL=C "$FRONTDESK" --db "$DB" --now "$NOW" report utilisation
expect_status 0
expect_no_out "█"
expect_out "#"

scenario "utilisation in JSON: prim's rostered and booked minutes at the Low Cost Clinic"
run fd report utilisation --json
expect_status 0
row='[r for r in d["therapists"] if r["therapist"] == "prim" and r["week_start"] == "2026-11-23"][0]'
# Mon 23 and Thu 26, 08:30-14:30: 12 hours.
expect_equal "$(json_check "print($row['rostered_minutes'])")" "720"
expect_equal "$(json_check "print($row['booked_minutes'])")" \
    "$(sql "SELECT sum(a.minutes) FROM appointment a JOIN therapist t ON t.id = a.therapist_id
      WHERE t.handle = 'prim' AND a.status <> 'cancelled'
      AND a.start >= $(((TODAY - 1) * 1440)) AND a.start < $(((TODAY + 6) * 1440))")"
expect_equal "$(json_check "print($row['clinic'], $row['week'])")" "Low Cost Clinic 2026-W48"
expect_equal "$(json_check 'print(len(d["clinics"]) == 8)')" "True"

scenario "reports refuse bad ranges and unknown options"
run fd report sla --from 2026-12-01 --to 2026-11-01
expect_status 64
expect_one_error_line
run fd report utilisation --from tomorrow
expect_status 64
expect_err "--from: \"tomorrow\" is not a date"
run fd report utilisation --weekly
expect_status 64
expect_err "unknown option --weekly"
run fd report
expect_status 64
expect_err "sla utilisation"

finish
