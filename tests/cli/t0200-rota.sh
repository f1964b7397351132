# Therapists and rotas: the Low Cost Clinic therapist of the spec, Mondays
# and Thursdays 08:30-14:30 and the first Sunday of each month, comes out
# right over a month with Christmas in it.
. "$TESTS/cli/lib.sh"
given fd init

scenario "a therapist is added with a handle"
run fd therapist add prim --name "Primrose Okafor" --email prim@example.org
expect_status 0
expect_out "Added therapist prim"

scenario "the same handle twice is refused"
run fd therapist add prim --name "Someone Else"
expect_status 1
expect_one_error_line
expect_err "already exists"

scenario "a handle must be a short word"
run fd therapist add "two words" --name "X"
expect_status 64
expect_err "handle"

scenario "a therapist's email must be an address"
run fd therapist add ana --name "Ana" --email "ana@"
expect_status 65
expect_err "not an email address"
run fd therapist add ana --name "Ana" --email "ana.núñez@example.com"
expect_status 65
expect_err "--email: \"ana.núñez@example.com\" has non-ASCII characters"

scenario "the weekly rule is stored"
run fd rota add prim --clinic "Low Cost Clinic" --weekly mon,thu --from 08:30 --to 14:30
expect_status 0
expect_out "weekly mon,thu"

scenario "the monthly rule is stored"
run fd rota add prim --clinic "Low Cost Clinic" --monthly "1st sun" --from 10:00 --to 16:00
expect_status 0
expect_out "monthly 1st sun"

scenario "December 2026: bank holidays and the config's 24th remove shifts"
run fd rota show --from 2026-12-01 --to 2026-12-31 --therapist prim --json
expect_status 0
dates=$(python3 -c 'import json,sys; print(" ".join(s["date"]+"/"+s["start"] for s in json.load(sys.stdin)))' <"$WORK/out")
expect_equal "$dates" "2026-12-03/08:30 2026-12-06/10:00 2026-12-07/08:30 2026-12-10/08:30 2026-12-14/08:30 2026-12-17/08:30 2026-12-21/08:30 2026-12-31/08:30"

scenario "the first Sunday of January 2027 is the 3rd"
run fd rota show --from 2027-01-01 --to 2027-01-07 --therapist prim --json
expect_out '"date": "2027-01-03"'
expect_out '"clinic": "Low Cost Clinic"'

scenario "time off by hours shortens the shift"
run fd rota off prim --from "2026-12-03 12:00" --to "2026-12-03 14:30" --reason "Dentist"
expect_status 0
run fd rota show --from 2026-12-03 --to 2026-12-03 --json
expect_out '"end": "12:00"'

scenario "a whole day off removes the shift"
run fd rota off prim --from 2026-12-07 --to 2026-12-07
expect_status 0
run fd rota show --from 2026-12-07 --to 2026-12-07
expect_out "No shifts"

scenario "rules are listed with ids and can be removed"
run fd rota list --json
expect_out '"pattern": "weekly mon,thu"'
run fd rota remove 2
expect_status 0
run fd rota list
expect_no_out "monthly"

scenario "removing a rule that does not exist says so"
run fd rota remove 99
expect_status 65
expect_err "no rota rule 99"

scenario "bad rota input is refused, naming the option, and changes nothing"
before=$(snapshot)
run fd rota add prim --clinic "Low Cost Clinic" --monthly "5th sun" --from 10:00 --to 16:00
expect_status 64
expect_err "--monthly"
run fd rota add prim --clinic "Low Cost Clinic" --weekly mon,funday --from 10:00 --to 16:00
expect_status 64
expect_err "funday"
run fd rota add prim --clinic "Nowhere" --weekly mon --from 10:00 --to 16:00
expect_status 65
expect_err "no clinic is named \"Nowhere\""
run fd rota add prim --clinic "Clinic" --weekly mon --from 16:00 --to 10:00
expect_status 64
expect_err "must end after it starts"
run fd rota add prim --clinic "Clinic" --weekly mon --from 25:00 --to 26:00
expect_status 64
expect_err "--from: \"25:00\" is not a time"
run fd rota add prim --clinic "Clinic" --weekly mon --once 2026-12-05 --from 09:00 --to 10:00
expect_status 64
expect_err "exactly one of"
run fd rota add nobody --clinic "Clinic" --weekly mon --from 09:00 --to 10:00
expect_status 65
expect_err "no therapist has the handle \"nobody\""
run fd rota off prim --from 2026-12-10 --to 2026-12-09
expect_status 64
expect_equal "$(snapshot)" "$before"

scenario "every change is in the audit log with who made it"
run fd audit --json
expect_out '"what": "rota rule removed from 2026-11-24: monthly 1st sun 10:00-16:00"'
expect_out "\"who\": \"${USER:-$(id -un)}\""

finish
