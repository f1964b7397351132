# The opening waitlist on the Waitlist pane: people who only want to hear
# "we are open for bookings" show as "(the opening)" with when they were
# told; o tells every one not yet told, after a question, once each
# however often it is pressed; n can add someone to it.
. "$TESTS/ui/lib.sh"
given fd init
given fd therapist add jose --name "José Silva"
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 09:00 --to 17:00
given fd waitlist add --name "Olive Open" --email olive@example.com
given fd waitlist add --name "Pat Open" --email pat@example.com
given fd waitlist add --name "Wendy Wait" --email wendy@example.com --service "Sports massage 60" \
    --prefer "any"
notices() { sql "SELECT count(*) FROM outbox WHERE kind = 'notify'"; }

scenario "entries for the opening show as such, not yet told"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
keys 5
expect_screen "Waiting, oldest first: 3"
expect_screen "Olive Open"
expect_screen "(the opening)"
expect_screen "(the opening): waits to hear when the clinic opens"
expect_screen "Not told yet"
expect_not_screen "Free slots that fit"
expect_footer_has "o notify"

scenario "b on an entry for the opening explains there is nothing to book"
keys b
expect_screen "Olive Open waits for the opening, for no service"
expect_equal "$(sql "SELECT count(*) FROM appointment")" "0"

scenario "o asks first; n tells nobody"
keys o
expect_screen "Tell the 2 on the opening waitlist not yet told that the clinic is open for bookings? (y/n)"
keys n
expect_screen "Nobody told."
expect_equal "$(notices)" "0"

scenario "y queues one notice each and marks them told"
keys o y
expect_screen "Queued 2 notices that the clinic is open for bookings; see the Outbox (4)."
expect_equal "$(notices)" "2"
expect_screen "Told 2026-11-24 10:00 that the clinic is open"
expect_screen "(the opening) ✓"

scenario "o again tells nobody twice"
keys o
expect_screen "Nobody on the opening waitlist is still to be told."
expect_equal "$(notices)" "2"

scenario "an entry that waits for a service still offers its slots"
keys End
expect_screen "Wendy Wait <wendy@example.com>"
expect_screen "Free slots that fit"

scenario "a narrower screen has room to say when each was told"
resize 80 30
expect_screen "(the opening) told 11-24 10:00"
resize 100 30

scenario "n adds someone to the opening waitlist: a service of none"
keys n
expect_screen "Add to the waitlist"
keys "Quinn Open" Tab "quinn@example.com" Tab Tab Left
expect_screen "◀ (the opening) ▶"
keys Enter
expect_screen "Quinn Open is on the opening waitlist (entry 4): o tells them when the clinic is open."
expect_equal "$(sql "SELECT service FROM waitlist WHERE id = 4")" ""
keys o
expect_screen "Tell the 1 on the opening waitlist not yet told"
keys y
expect_screen "Queued 1 notice that the clinic is open for bookings"
expect_equal "$(notices)" "3"

scenario "the notices wait in the Outbox"
keys 4
expect_screen "notify"
expect_screen "Quinn Open"
keys q
expect_exited
finish
