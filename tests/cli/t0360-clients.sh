# Who is who: a booking, request or waitlist entry is an existing client's
# only when the email and the name both match.  A shared phone number never
# merges two people, a shared address (a family) is two people, and the
# desk can look anyone up, correct them, and merge two records by hand.
. "$TESTS/cli/lib.sh"
given fd init
given fd therapist add jose --name "José Núñez"
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed --from 09:00 --to 17:00
book() { fd book --service "Sports massage 60" --therapist jose "$@"; }

scenario "Bob and Alice share a phone, and each booking is their own"
run book --name "Bob Smith" --email bob@example.com --phone "07700 900123" --at "2026-11-30 10:00"
expect_status 0
expect_out "for Bob Smith"
run book --name "Alice Smith" --email alice@example.com --phone "07700 900123" --at "2026-11-30 12:00"
expect_status 0
expect_out "for Alice Smith"
expect_equal "$(sql "SELECT count(*) FROM client")" "2"

scenario "Alice's confirmation goes to the address she gave, addressed to her"
run fd confirm send 2 --dry-run
expect_status 0
expect_out "To: Alice Smith <alice@example.com>"
expect_no_out "bob@example.com"

scenario "the same person again is found, however the name and email are typed"
run book --name "  alice   SMITH " --email ALICE@Example.com --at "2026-12-01 10:00"
expect_status 0
expect_equal "$(sql "SELECT count(*) FROM client")" "2"
expect_equal "$(sql "SELECT count(DISTINCT client_id) FROM appointment WHERE client_id = 2")" "1"

scenario "a family shares an address and stays two people"
run fd request add --name "Carol Jones" --email family@example.com --service "Sports massage 60"
expect_status 0
run fd waitlist add --name "Dan Jones" --email FAMILY@example.com --service "Sports massage 60"
expect_status 0
expect_equal "$(sql "SELECT count(*) FROM client WHERE email = 'family@example.com'")" "2"
run fd client show 3
expect_status 0
expect_out "Client 3: Carol Jones"
expect_out "also at this address: Dan Jones (#4)"
expect_out "Requests (1)"

scenario "client list finds anyone with a booking, request or waitlist entry"
run fd client list
expect_status 0
expect_out "Alice Smith"
expect_out "Carol Jones"
expect_out "Dan Jones"
run fd client list --find "jones"
expect_out "Carol Jones"
expect_no_out "Alice"
run fd client list --find 07700900123
expect_out "Bob Smith"
expect_out "Alice Smith"
run fd client list --find "nobody-like-this" --json
expect_status 0
expect_equal "$(cat "$WORK/out")" "[]"

scenario "client show --json gives the history"
run fd client show 2 --json
expect_status 0
expect_out '"name": "Alice Smith"'
expect_out '"appointments": ['
expect_out '"date": "2026-12-01"'

scenario "correcting a client's details is audited"
run fd client edit 1 --phone "07700 900999"
expect_status 0
expect_out "Changed client 1: Bob Smith <bob@example.com> +447700900999"
run fd audit --limit 1
expect_out "client changed: phone \"+447700900123\" → \"+447700900999\""

scenario "an edit that would make two records one person is refused, with the way out"
before=$(snapshot)
run fd client edit 4 --name "carol jones"
expect_status 1
expect_one_error_line
expect_err "those are the details of client 3 (Carol Jones <family@example.com>)"
expect_err "frontdesk client merge 3 4"
expect_equal "$(snapshot)" "$before"

scenario "bad edits name what is wrong and change nothing"
run fd client edit 1 --email "bob@"
expect_status 65
expect_err "--email: \"bob@\" is not an email address"
run fd client edit 1
expect_status 64
run fd client edit 99 --name "Nobody"
expect_status 65
expect_err "there is no client 99"
run fd client merge 3 3
expect_status 64
expect_equal "$(snapshot)" "$before"

scenario "merging two records moves everything to the one kept, audited on both"
run fd client merge 3 4
expect_status 0
expect_out "Merged client 4 into 3 (Carol Jones): moved 0 appointments, 0 requests, 1 waitlist entry"
expect_equal "$(sql "SELECT count(*) FROM client WHERE id = 4")" "0"
expect_equal "$(sql "SELECT client_id FROM waitlist")" "3"
run fd audit --limit 2
expect_out "client 4 (Dan Jones <FAMILY@example.com>) merged into this one"
expect_out "client merged into client 3 (Carol Jones <family@example.com>)"
run fd client merge 3 4
expect_status 65
expect_err "there is no client 4"

finish
