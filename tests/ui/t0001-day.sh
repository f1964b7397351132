# A receptionist opens the demo clinic: the Day pane shows today's real
# appointments, days move with the arrows, the screen survives resizing,
# and q quits.
. "$TESTS/ui/lib.sh"

given fd demo
client=$(sql "SELECT c.name FROM appointment a JOIN client c ON c.id = a.client_id
    JOIN therapist t ON t.id = a.therapist_id WHERE t.handle = 'ahmed'
    AND a.start >= 29925240 - 600 AND a.start < 29925240 + 840 AND a.status <> 'cancelled'
    ORDER BY a.start LIMIT 1")
first_name=${client%% *}

scenario "the header shows the clinic, the time and the counts"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Riverside Sports Massage"
expect_screen "2026-11-24 10:00"
expect_screen "pending 11"

scenario "the Day pane shows a demo therapist and their appointment today"
expect_screen "Tuesday 2026-11-24"
expect_screen "ahmed Ahmed Khan"
keys Home
expect_screen "$first_name"

scenario "the footer shows the pane's keys"
expect_screen "←/→ day"
expect_screen "q quit"

scenario "Right moves to the next day"
keys Right
expect_screen "Wednesday 2026-11-25"
keys t
expect_screen "Tuesday 2026-11-24"

scenario "a terminal too small says so instead of drawing"
resize 30 8
expect_screen "Terminal too small"
expect_running

scenario "growing it again redraws the pane"
resize 100 30
expect_screen "Tuesday 2026-11-24"

scenario "? shows the keys, any key closes it"
keys '?'
expect_screen "help: every key"
keys Escape
expect_screen "Tuesday 2026-11-24"

scenario "q quits"
keys q
expect_exited

finish
