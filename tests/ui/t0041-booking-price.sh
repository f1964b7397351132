# Booking shows the price before it is confirmed: the booking form works
# out the price as the client, service and time are typed, with the offer
# the client qualifies for and the list price it came off; the Offer field
# declines it.  A series shows its first session's price, and says what
# the sessions came to once booked.  The Requests and Waitlist panes show
# the chosen slot's price, and ask before booking one with an offer.  The
# price and its offer stay on the appointment: the Day pane and the
# details show them.
. "$TESTS/ui/lib.sh"
NOW="2027-01-04 10:00" # a Monday inside the offer's window
given offers_config
given fdo init
given fdo therapist add jose --name "José Silva"
given fdo rota add jose --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 09:00 --to 17:00
for who in "Ann Lee:ann" "Cy Runner:cy" "Dee Request:dee" "Eve Wait:eve"; do
    given fdo subscribe --name "${who%%:*}" --email "${who#*:}@example.com" --list self-care \
        --at "2026-12-01 09:00"
done
given fdo request add --name "Dee Request" --email dee@example.com --service "Sports massage 60" \
    --prefer "any"
given fdo waitlist add --name "Eve Wait" --email eve@example.com --service "Sports massage 60" \
    --prefer "any"
price_of() { sql "SELECT price_pence || ' ' || coalesce(list_price_pence, 0) || ' ' || coalesce(offer, '') FROM appointment a JOIN client c ON c.id = a.client_id WHERE c.name = '$1' ORDER BY a.start LIMIT 1"; }

scenario "the form shows the list price until the client is one the offer is for"
start "$FRONTDESK" --config "$WORK/offers.conf" --db "$DB" --now "'$NOW'"
expect_screen "Monday 2027-01-04"
# The cursor starts at now, 10:00: four rows down is 11:00.
keys Down Down Down Down n
expect_screen "New booking"
expect_screen "Price 55.00"
keys "Ann Lee" Tab "ann@example.com"
expect_screen "Price 49.50 (offer january-first-session; list 55.00)"

scenario "someone who never subscribed gets the list price"
keys Up C-u "Bo Nobody"
expect_screen "Price 55.00"
expect_not_screen "offer january-first-session"
keys C-u "Ann Lee"
expect_screen "Price 49.50 (offer january-first-session; list 55.00)"

scenario "the Offer field declines it, and the price says so at once"
for tab in $(seq 1 8); do keys Tab; done
expect_screen "◀ the best that applies ▶"
keys Right
expect_screen "◀ none: declined ▶"
expect_screen "Price 55.00"
keys Left
expect_screen "Price 49.50 (offer january-first-session; list 55.00)"

scenario "a time outside the window shows the list price before any offer"
keys Up Up Up C-u "2027-02-01 11:"
expect_screen "Price 55.00 before any offer: the time decides which apply"
keys C-u "2027-01-04 11:00"
expect_screen "Price 49.50 (offer january-first-session; list 55.00)"

scenario "Enter books at the price shown, and the appointment keeps it"
keys Enter
expect_screen "Ann Lee at 11:00 with jose, Clinic (room 1), £49.50 with an offer."
expect_equal "$(price_of "Ann Lee")" "4950 5500 january-first-session"

scenario "the Day pane marks the offer, and the details show price, offer and list price"
expect_screen "offer january-first-session"
keys Enter
expect_screen "Price:    £49.50 (offer january-first-session; list 55.00)"
keys Escape
expect_screen "Clinic room 1 · £49.50 with an offer"

scenario "her second session is not a first session: the list price"
keys Right
expect_screen "Tuesday 2027-01-05"
keys n
expect_screen "New booking"
keys "Ann Lee" Tab "ann@example.com"
expect_screen "Price 55.00"
expect_not_screen "offer january-first-session"
keys Escape
expect_screen "Nothing booked."

scenario "a series shows its first session's price, and what they came to once booked"
keys n
expect_screen "New booking"
keys "Cy Runner" Tab "cy@example.com" Tab Tab Tab Tab Tab Right Tab 3
expect_screen "◀ every week (1w) ▶"
expect_screen "Price 49.50 (offer january-first-session; list 55.00), first session"
keys Enter
expect_screen "Booked series 1 for Cy Runner: 3 sessions"
expect_screen "£159.50 in all."
expect_equal "$(sql "SELECT group_concat(price_pence || ':' || coalesce(offer, ''), ' ') FROM (SELECT price_pence, offer FROM appointment WHERE series_id = 1 ORDER BY start) sessions")" \
    "4950:january-first-session 5500: 5500:"

scenario "the Requests pane shows the chosen slot's price with the offer"
keys 3
expect_screen "Dee Request"
expect_screen "Price 49.50 (offer january-first-session; list"

scenario "b asks whether the client takes the offer; Esc books nothing"
keys b
expect_screen "Book at 49.50 (offer january-first-session; list 55.00)? y: with the offer, n: at the list price"
keys Escape
expect_screen "Nothing booked."
expect_equal "$(sql "SELECT status FROM request WHERE name = 'Dee Request'")" "pending"

scenario "n books at the list price: the offer is declined"
keys b
expect_screen "y: with the offer, n: at the list price"
keys n
expect_screen "Booked #"
expect_screen "Dee Request"
expect_equal "$(price_of "Dee Request")" "5500 0 "

scenario "the Waitlist pane too: y books with the offer"
keys 5
expect_screen "Eve Wait"
expect_screen "Price 49.50 (offer january-first-session; list"
keys b
expect_screen "y: with the offer, n: at the list price"
keys y
expect_screen "Eve Wait, 2027-01-04 13:30 with jose at Clinic, £49.50 with an offer."
expect_equal "$(price_of "Eve Wait")" "4950 5500 january-first-session"

scenario "the form survives a terminal too small for it, price line and all"
keys 1 n
expect_screen "New booking"
resize 60 12
expect_running
resize 40 8
expect_screen "Terminal too small"
resize 100 30
expect_screen "Price 55.00"
keys Escape
expect_screen "Nothing booked."
keys q
expect_exited
finish
