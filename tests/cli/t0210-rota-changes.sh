# Rota changes never strand a booking unseen: time off, a removed rule or an
# edited one that would leave bookings outside the therapist's shifts is
# refused and names them, unless the desk keeps them on purpose, and then
# they are marked on the day and listed by `attention`.  Rules that would
# put someone in two places at once are refused.  Free time is only time a
# booking could really take.
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd therapist add sam --name "Sam Taylor"
given fd therapist add jose --name "José Núñez"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,thu --from 08:30 --to 14:30
given fd rota add sam --clinic "Low Cost Clinic" --weekly mon --from 08:30 --to 14:30
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed --from 09:00 --to 17:00
given fd book --name "Ann Lee" --email ann@example.com --phone "07700 900111" \
    --service "Low cost massage 45" --therapist prim --at "2026-11-30 09:00"
given fd book --name "Bo Ray" --email bo@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-12-02 10:00"

scenario "time off on a day with a booking is refused, naming the booking"
before=$(snapshot)
run fd rota off prim --from 2026-11-30 --reason "Course"
expect_status 1
expect_one_error_line
expect_err "would leave 1 booking outside prim's shifts: #1 2026-11-30 09:00 Ann Lee"
expect_err "--keep-bookings"
expect_equal "$(snapshot)" "$before"

scenario "time off that misses every booking is simply recorded"
run fd rota off prim --from "2026-11-30 12:00" --to "2026-11-30 14:30" --reason "Dentist"
expect_status 0
expect_out "Recorded time off"

scenario "--keep-bookings records it, and the booking is marked, not hidden"
run fd rota off prim --from 2026-11-30 --to 2026-11-30 --reason "Course" --keep-bookings
expect_status 0
expect_out "Kept 1 booking now outside the rota"
expect_out "#1 2026-11-30 09:00 Ann Lee  +447700900111 ann@example.com"
run fd day --date 2026-11-30 --therapist prim
expect_out "off   00:00-24:00  Course"
expect_out "Ann Lee"
expect_out "OUTSIDE THE ROTA"
run fd day --date 2026-11-30 --json
expect_out '"outside_rota": true'
expect_out '"reason": "Course"'
run fd attention
expect_status 0
expect_out "Bookings outside the rota (1)"
expect_out "Ann Lee"
expect_out "+447700900111  ann@example.com"
run fd attention --json
expect_out '"phone": "+447700900111"'

scenario "time off is listed and can be removed, which puts the booking back inside"
run fd rota off list prim
expect_status 0
expect_out "Course"
expect_out "Dentist"
off=$(sql "SELECT id FROM time_off WHERE reason = 'Course'")
run fd rota off remove "$off"
expect_status 0
expect_out "Removed time off $off"
run fd attention
expect_out "Nothing needs the desk."
run fd rota off remove 999
expect_status 65
expect_err "there is no time off 999"
run fd rota off list --json
expect_out '"reason": "Dentist"'

scenario "removing a rule that holds bookings is refused; from a later date it is fine"
before=$(snapshot)
run fd rota remove 3
expect_status 1
expect_err "removing rota rule 3"
expect_err "#2 2026-12-02 10:00 Bo Ray"
expect_equal "$(snapshot)" "$before"
run fd rota remove 3 --from-date 2026-12-03
expect_status 0
expect_out "Removed rota rule 3 from 2026-12-03"
run fd rota show --week 2026-11-30 --therapist jose
expect_out "jose"
run fd rota show --week 2026-12-07 --therapist jose
expect_out "No shifts in that range."

scenario "an edit takes effect from a date; the rule keeps its id; past weeks keep their hours"
run fd rota edit 1 --from 09:00 --to 15:00 --from-date 2026-12-03
expect_status 0
expect_out "Changed rota rule 1: weekly mon,thu 09:00-15:00 at Low Cost Clinic"
run fd rota list prim
expect_out "1   prim"
expect_out "09:00-15:00"
expect_no_out "08:30-14:30"
run fd rota list prim --all
expect_out "08:30-14:30"
expect_out "(old version of rule 1)"
run fd rota show --week 2026-11-30 --therapist prim
expect_out "08:30-12:00"
run fd rota show --week 2026-12-07 --therapist prim
expect_out "09:00-15:00"
run fd audit --limit 1
expect_out "rota rule changed from 2026-12-03: weekly mon,thu 08:30-14:30 → weekly mon,thu 09:00-15:00"

scenario "an edit that would strand a booking is refused, or kept on purpose"
given fd book --name "Di Ek" --email di@example.com --service "Low cost massage 45" \
    --therapist prim --at "2026-12-03 09:00"
before=$(snapshot)
run fd rota edit 1 --from 10:00 --from-date 2026-12-03
expect_status 1
expect_err "Di Ek"
expect_equal "$(snapshot)" "$before"
run fd rota edit 1 --from 10:00 --from-date 2026-12-03 --keep-bookings
expect_status 0
expect_out "Kept 1 booking now outside the rota"

scenario "a rule that puts a therapist in two places at once is refused, at any clinic"
before=$(snapshot)
run fd rota add sam --clinic "Clinic" --weekly mon --from 14:00 --to 18:00
expect_status 1
expect_err "clashes with rota rule 2 (weekly mon 08:30-14:30 at Low Cost Clinic)"
expect_err "mon 2026-11-30"
run fd rota add sam --clinic "Clinic" --monthly "1st mon" --from 09:00 --to 10:00
expect_status 1
expect_err "clashes with rota rule 2"
run fd rota add sam --clinic "Low Cost Clinic" --weekly mon --from 08:30 --to 14:30
expect_status 1
expect_err "that is the same as rota rule 2"
expect_equal "$(snapshot)" "$before"
run fd rota add sam --clinic "Clinic" --weekly mon --from 14:30 --to 18:00
expect_status 0

scenario "free time is only time a booking could take: the one room counts"
given fd book --name "Cy Bo" --email cy@example.com --service "Low cost massage 45" \
    --therapist sam --at "2026-12-07 10:00"
run fd day --date 2026-12-07 --therapist prim
expect_out "shift 10:00-15:00"
expect_out "10:45-15:00  free"
expect_no_out "10:00-15:00  free"
run fd day --date 2026-12-07 --json
expect_status 0
free_prim=$(python3 -c 'import json,sys; d=json.load(sys.stdin)
print(" ".join(f["start"]+"-"+f["end"] for t in d["therapists"] if t["therapist"]=="prim" for f in t["free"]))' <"$WORK/out")
expect_equal "$free_prim" "10:45-15:00"

scenario "help for a group lists its commands, and option values are never --help"
run fd rota --help
expect_status 0
expect_out "frontdesk rota off list"
run fd book --help
expect_status 0
expect_out "--waitlist ID"
run fd message add --name "Pat" --email pat@example.com --text "--help"
expect_status 0
expect_equal "$(sql "SELECT text FROM message WHERE name = 'Pat'")" "--help"

scenario "a handle that is a command word is refused"
run fd therapist add list --name "List Person"
expect_status 64

finish
