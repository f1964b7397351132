# What the desk must act on is on screen: the To do pane lists a booking a
# rota change left outside the shifts (with the client's phone) and a
# request whose preferred times could not be read; the Day pane shows time
# off and marks the stranded booking; a therapist's own view shows names,
# never contact details.
. "$TESTS/ui/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,thu --from 08:30 --to 14:30
given fd book --name "Ann Lee" --email ann@example.com --phone "07700 900111" \
    --service "Low cost massage 45" --therapist prim --at "2026-11-26 09:00"
given fd rota off prim --from 2026-11-26 --reason "Course" --keep-bookings
given fd request add --name "Bo Unread" --email bo@example.com --service "Sports massage 60" \
    --prefer "tursday pm"

scenario "the To do pane lists both, and Enter says what to do"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "6 To do"
keys 6
expect_screen "To do: 2 things the desk must act on"
expect_screen "outside the rota"
expect_screen "+447700900111"
expect_screen "unread times"
keys Enter
expect_screen "Ring or write to the client"
keys Escape
keys Down Enter
expect_screen "Not understood:"
expect_screen "tursday"
keys Escape

scenario "the Requests pane flags the unread preferences and suggests at any time"
keys 3
expect_screen "Bo Unread"
expect_screen "not understood: read it yourself"
expect_screen "Suggested slots, at any time"

scenario "a form says who else uses an address, and when it is the same person"
keys n
expect_screen "New request"
keys "Cara Lee" Tab "ann@example.com" Tab
expect_screen "also at this address: Ann Lee"
keys Escape
keys n
expect_screen "New request"
keys "ann lee" Tab "ANN@example.com" Tab
expect_screen "a client already: Ann Lee (#1)"
keys Escape

scenario "the Day pane shows the time off and marks the booking left outside"
keys 1 Right Right
expect_screen "Thursday 2026-11-26"
expect_screen "! 09:00 Ann Lee"
expect_screen "off: Course"
keys Down Down Down Down Enter
expect_screen "OUTSIDE THE ROTA, move or cancel it: #1 09:00-09:45 Ann Lee"
expect_screen "(ann@example.com, +447700900111)"
expect_screen "OUTSIDE THE ROTA: no shift of prim holds it"
keys Escape q
expect_exited

scenario "a therapist's own view shows the client's name, not their contact details"
start "$FRONTDESK" --db "$DB" --now "'$NOW'" --therapist prim
expect_screen "read-only"
keys Right Right
expect_screen "Thursday 2026-11-26"
keys Down Down Down Down Enter
expect_screen "#1 09:00-09:45 Ann Lee · Low cost massage 45"
expect_screen "Client:   Ann Lee"
expect_not_screen "ann@example.com"
keys Escape
keys / "ann@example" Enter
expect_screen "No client matches"
keys / "Ann" Enter
expect_screen "Ann Lee"
keys Enter
expect_screen "Appointments with prim"
expect_not_screen "+447700900111"
expect_not_screen "ann@example.com"
keys Escape Escape q
expect_exited


scenario "time no room is free for is not offered as free: it says so"
given fd therapist add jose --name "José Núñez"
given fd rota add jose --clinic "Low Cost Clinic" --weekly mon --from 09:00 --to 12:00
given fd book --name "Cy Cole" --email cy@example.com --service "Low cost massage 45" \
    --therapist prim --at "2026-11-30 10:00"
start "$FRONTDESK" --db "$DB" --now "'2026-11-30 08:00'"
expect_screen "Monday 2026-11-30"
expect_screen "10:00 Cy Cole"
# The Low Cost Clinic has one room: while Cy holds it, José is not free.
expect_screen "free 09:00-10:00"
expect_screen "(not bookable)"
expect_not_screen "free 09:00-12:00"
keys q
expect_exited
finish
