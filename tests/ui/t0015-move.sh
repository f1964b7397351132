# "Can I move Thursday to Friday?": m on the Day pane moves the appointment
# under the cursor to a free time picked from those offered for its client,
# or to a time typed (with another therapist if need be).  A time that
# cannot be had is refused in one line with the nearest free times to pick
# instead, and the form keeps what was typed.  The form survives a tiny
# terminal and odd keys, and the therapist's own view refuses m.
. "$TESTS/ui/lib.sh"
early() { "$FRONTDESK" --db "$DB" --now "2026-11-16 10:00" "$@"; }
given early init
given fd therapist add prim --name "Primrose Okafor"
given fd therapist add jose --name "José Silva"
given fd therapist add kim --name "Kim Park"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,thu --from 08:30 --to 14:30
given fd rota add jose --clinic "Clinic" --weekly tue,wed,thu,fri --from 09:00 --to 17:00
given fd rota add kim --clinic "Low Cost Clinic" --once 2026-11-26 --from 15:00 --to 17:00
given fd book --name "Cara Diaz" --email cara@example.com --service "Low cost massage 45" \
    --therapist prim --at "2026-11-26 09:00"
given fd waitlist add --name "Wendy Wait" --email wendy@example.com \
    --service "Low cost massage 45" --prefer "thu am"
# The free times offered, as `appointment suggest` ranks them, less the
# appointment's own time: the second is the one picked below.
second=$(fd appointment suggest 1 --limit 7 --json | python3 -c '
import json, sys
slots = [s for s in json.load(sys.stdin) if (s["date"], s["start"]) != ("2026-11-26", "09:00")]
print(slots[1]["date"] + " " + slots[1]["start"])')
start_of() { sql "SELECT datetime(start * 60, 'unixepoch') FROM appointment WHERE id = $1" | cut -c1-16; }
therapist_of() { sql "SELECT t.handle FROM appointment a JOIN therapist t ON t.id = a.therapist_id WHERE a.id = $1"; }

scenario "m on Cara's appointment offers the free times for her, the first filled in"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
keys Right Right
expect_screen "Thursday 2026-11-26"
# Columns by handle: jose, kim, prim; the cursor starts at 08:30.
keys l l Down Down
expect_screen "09:00 Cara Diaz"
keys m
expect_screen "Move #1 Cara Diaz, Low cost massage 45"
expect_screen "Free times        ▸ thu 11-26"
expect_not_screen "thu 11-26 09:00-09:45"

scenario "→ picks the next free time and fills the time; Enter moves it and names who waits"
keys Right
expect_screen "Move to           $second"
keys Enter
expect_screen "Moved #1 Cara Diaz: thu 11-26 09:00 prim → ${second#* } prim."
expect_screen "It suits 1 waiting: Wendy Wait (#1)."
expect_equal "$(start_of 1)" "$second"

scenario "a typed time with another therapist moves it there"
# The cursor followed the appointment to its new time.
keys m
expect_screen "Move #1 Cara Diaz"
keys Tab C-u "2026-11-26 15:00" Tab Left
expect_screen "◀ kim ▶"
keys Enter
expect_screen "→ 15:00 kim."
expect_equal "$(start_of 1) $(therapist_of 1)" "2026-11-26 15:00 kim"

scenario "a time outside the rota is refused with the nearest free times, and what was typed stays"
keys m
expect_screen "Move #1 Cara Diaz"
keys Tab C-u "2026-11-27 10:00" Tab Right
expect_screen "◀ prim ▶"
keys Enter
expect_screen "prim has no shift covering 2026-11-27 10:00"
expect_screen "Nearest free      "
expect_screen "Move to           2026-11-27 10:00"
expect_screen "◀ prim ▶"
expect_equal "$(start_of 1) $(therapist_of 1)" "2026-11-26 15:00 kim"

scenario "a nearest free time picked from the list is taken instead"
nearest=$(fd move 1 --at "2026-11-27 10:00" --therapist prim 2>/dev/null | sed -n 2p |
    awk '{print $2, $3}')
keys BTab BTab Right
expect_screen "Move to           $nearest"
keys Enter
expect_screen "Moved #1 Cara Diaz: thu 11-26 15:00 kim → ${nearest#* } prim."
expect_equal "$(start_of 1) $(therapist_of 1)" "$nearest prim"

scenario "m where there is no appointment says so"
keys Home m
expect_screen "No appointment under the cursor"

scenario "the form survives a tiny terminal, typing blind, and odd keys"
COLS=80 ROWS=24 start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
keys Right Right
expect_screen "Thursday 2026-11-26"
# prim's column; the cursor starts at 08:30, Cara is rows below.
hm=${nearest#* }
rows=$(( (${hm%:*} * 60 + ${hm#*:} - 8 * 60 - 30) / 15 ))
keys l l
for row in $(seq 1 $rows); do keys Down; done
keys m
expect_screen "Move #1 Cara Diaz"
resize 20 5
expect_screen "Terminal too smal"
keys "typed blind" Enter
resize 80 24
expect_screen "Move #1 Cara Diaz"
resize 60 12
keys Down Down Up Tab BTab Left Right Space C-u "x" BSpace Home End NPage PPage F5 "é漢" Up
expect_running
resize 80 24
keys Escape
expect_screen "Not moved: #1 is still at"
expect_equal "$(start_of 1) $(therapist_of 1)" "$nearest prim"
keys q
expect_exited

scenario "the therapist's own view refuses m"
start "$FRONTDESK" --db "$DB" --now "'$NOW'" --therapist kim
expect_screen "read-only: kim"
keys m
expect_screen "Read-only view: nothing can be changed here."
keys q
expect_exited
finish
