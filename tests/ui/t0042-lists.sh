# The Lists pane (7): the clinic's mailing lists with their subscribers
# (name, email, how often, since when, from where), one list or all of
# them; n records someone's consent from the desk, r takes the selected
# subscriber off that list after a question (the record of when stays, and
# a shows those who left); the config's offers are listed read-only, and o
# shows each in full.  A therapist's own view has no such pane.
. "$TESTS/ui/lib.sh"
given offers_config
given fdo init
given fdo therapist add jose --name "José Silva"
given fdo subscribe --name "Ann Lee" --email ann@example.com --list self-care --frequency weekly \
    --at "2026-11-20 09:00" --source web
given fdo subscribe --name "Bo Posture" --email bo@example.com --list posture-checklist \
    --at "2026-11-21 12:30"
current() { sql "SELECT count(*) FROM subscription WHERE unsubscribed_at IS NULL AND list = '$1'"; }

scenario "pane 7 lists every list's subscribers: name, email, how often, since, from where"
start "$FRONTDESK" --config "$WORK/offers.conf" --db "$DB" --now "'$NOW'"
expect_screen "7 Lists"
keys 7
expect_screen "Mailing list ◀ every list ▶: 2 subscribers"
expect_screen "LIST"
expect_screen "HOW OFTEN"
expect_screen "Ann Lee"
expect_screen "ann@example.com"
expect_screen "weekly"
expect_screen "2026-11-20 09:00"
expect_screen "web"
expect_screen "Bo Posture"
expect_footer_has "n subscribe"
expect_footer_has "r unsubscribe"

scenario "←/→ show one list at a time, and come round to every list again"
keys Right
expect_screen "Mailing list ◀ self-care ▶ (weekly, monthly): 1 subscriber"
expect_not_screen "Bo Posture"
keys Left Left
expect_screen "Mailing list ◀ posture-checklist ▶: 1 subscriber"
expect_screen "Bo Posture"
expect_not_screen "Ann Lee"
keys Right Right
expect_screen "◀ self-care ▶"

scenario "the How often field offers what the chosen list offers"
keys n
expect_screen "Subscribe: their consent, given at the desk now"
expect_screen "◀ self-care ▶"
expect_screen "◀ weekly ▶"
keys Tab Tab Right
expect_screen "◀ foam-rolling-workshop ▶"
expect_screen "◀ (no choice) ▶"
keys Escape
expect_screen "Nobody subscribed."
expect_equal "$(current foam-rolling-workshop)" "0"

scenario "n records consent from the desk, now, and queues the list's welcome"
keys n
expect_screen "Subscribe: their consent"
keys "Cy New" Tab "cy@example.com" Tab Tab Right
expect_screen "◀ monthly ▶"
keys Enter
expect_screen "Subscribed Cy New to self-care, monthly, from the desk; welcome queued (Outbox 4)."
expect_equal "$(sql "SELECT count(*) FROM outbox WHERE kind = 'welcome'")" "3"
expect_screen "Cy New"
expect_equal "$(fdo subscribers --list self-care | grep -c 'cy@example.com *monthly  2026-11-24 10:00 desk')" "1"

scenario "subscribing someone again changes nothing, and says so"
keys n
keys "Ann Lee" Tab "ann@example.com" Enter
expect_screen "Ann Lee is already on self-care (since 2026-11-20 09:00): nothing changed."
expect_equal "$(current self-care)" "2"

scenario "r asks first; n keeps them"
keys Home
keys r
expect_screen "Take ann@example.com off self-care? The record of their consent is kept. (y/n)"
keys n
expect_screen "Still subscribed."
expect_equal "$(current self-care)" "2"

scenario "y takes them off that list; the record of when is kept"
keys r y
expect_screen "Took ann@example.com off self-care; the record of their consent is kept."
expect_screen "Mailing list ◀ self-care ▶ (weekly, monthly): 1 subscriber"
expect_not_screen "Ann Lee"
expect_equal "$(current self-care)" "1"
expect_equal "$(sql "SELECT count(*) FROM subscription WHERE unsubscribed_at IS NOT NULL")" "1"

scenario "a shows those who left too, with when; r on one of them explains"
keys a
expect_screen "1 subscriber, 1 who left"
expect_screen "LEFT"
expect_screen "ann@example.com"
expect_screen "2026-11-24 10:00"
keys Home r
expect_screen "Ann Lee left self-care on 2026-11-24 10:00: there is nothing to take them off."
keys a
expect_not_screen "ann@example.com"

scenario "the offers are listed read-only, and o shows each in full"
expect_screen "Offers from the config: 1 (o shows them in full)"
expect_screen "january-first-session  10% off  2027-01-01 to 2027-01-31 (to come)  first session, subscribers of"
keys o
expect_screen "january-first-session (to come)"
expect_screen "10% off the price of an appointment from fri 2027-01-01 to sun 2027-01-31"
expect_screen "only a client's first session"
expect_screen "only for those who had joined self-care when they booked"
expect_screen "services: any"
keys Escape
expect_screen "Mailing list ◀ self-care ▶"

scenario "the help lists the pane's keys"
keys '?'
expect_screen "Lists pane"
expect_screen "subscribe someone to a list, with consent"
expect_screen "every offer of the config, in full"
keys Escape

scenario "a tiny terminal says so, and the pane comes back whole"
resize 60 12
expect_running
resize 30 6
expect_screen "Terminal too small"
keys Right Left a
resize 100 30
expect_screen "Mailing list ◀"
expect_running
keys q
expect_exited

scenario "with NO_COLOR the pane still marks what is selected, in attributes only"
start NO_COLOR=1 "$FRONTDESK" --config "$WORK/offers.conf" --db "$DB" --now "'$NOW'"
keys 7
expect_screen "Mailing list ◀ every list ▶: 2 subscribers"
expect_screen "Cy New"
# The selected row is reversed, and nothing on the screen is coloured.
styled() { tmux -L "$SOCKET" capture-pane -e -p -t ui; }
selected_reversed() { styled | grep "Bo Posture" | grep -c '\[0;7m'; }
expect_output 1 selected_reversed
expect_equal "$(styled | grep -c '\[3[0-7]m\|\[4[0-7]m')" "0"
keys Down Up '%' x End Home PPage NPage
expect_running
keys q
expect_exited

scenario "a therapist's own view has no Lists pane: 7 does nothing there"
start "$FRONTDESK" --config "$WORK/offers.conf" --db "$DB" --now "'$NOW'" --therapist jose
expect_screen "read-only: jose"
expect_not_screen "7 Lists"
keys 7
expect_not_screen "Mailing list"
expect_not_screen "ann@example.com"
keys q
expect_exited
finish
