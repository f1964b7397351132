# The waitlist: when an appointment is cancelled, the waiting clients the
# freed slot fits are listed, oldest first; one can be booked into it.
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,thu --from 08:30 --to 14:30
given fd book --name "Ann Lee" --email ann@example.com --service "Low cost massage 45" --therapist prim --at "2026-11-30 09:00"

scenario "clients join the waitlist"
run fd waitlist add --name "Wendy Wait" --email wendy@example.com --service "Low cost massage 45" --prefer "mon am"
expect_status 0
NOW="2026-11-24 11:00" run fd waitlist add --name "Walt Later" --email walt@example.com --service "Low cost massage 45"
expect_status 0
NOW="2026-11-24 12:00" run fd waitlist add --name "Paula Pm" --email paula@example.com --service "Low cost massage 45" --prefer "pm"
expect_status 0
NOW="2026-11-24 13:00" run fd waitlist add --name "Dee Deep" --email dee@example.com --service "Deep tissue 90"
expect_status 0

scenario "a bad entry is refused"
run fd waitlist add --name "X" --email x@example.com --service "Low cost massage 45" --clinic "Clinic"
expect_status 65
expect_err "Clinic does not offer"

scenario "cancelling lists who the freed Monday-morning slot fits, oldest first"
run fd cancel 1
expect_status 0
expect_out "suits 2 waiting clients"
wendy_line=$(grep -n "Wendy Wait" "$WORK/out" | cut -d: -f1)
walt_line=$(grep -n "Walt Later" "$WORK/out" | cut -d: -f1)
if [ -n "$wendy_line" ] && [ -n "$walt_line" ] && [ "$wendy_line" -lt "$walt_line" ]; then pass; else fail "Wendy (older) should come before Walt"; fi
expect_no_out "Paula Pm"
expect_no_out "Dee Deep"

scenario "the first of them is booked into the slot"
run fd book --waitlist 1 --therapist prim --at "2026-11-30 09:00"
expect_status 0
expect_out "for Wendy Wait"
expect_equal "$(sql "SELECT status FROM waitlist WHERE id = 1")" "booked"
run fd waitlist list
expect_no_out "Wendy Wait"

scenario "suggestions for a waitlist entry"
run fd waitlist suggest 2 --limit 2 --json
expect_status 0
expect_out '"therapist": "prim"'

scenario "an entry can be removed, once"
run fd waitlist remove 2
expect_status 0
run fd waitlist remove 2
expect_status 1
run fd waitlist remove 42
expect_status 65

finish
