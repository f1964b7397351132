# A desk at one site: the header names the site, the Day pane shows that
# site's shifts and bookings alone, and a booking made there is at that
# site without being asked.
. "$TESTS/ui/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd therapist add jose --name "José Núñez"
given fd rota add prim --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 09:00 --to 13:00
given fd rota add jose --clinic "Low Cost Clinic" --weekly mon,tue,wed,thu,fri --from 09:00 --to 17:00
given fd book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-11-30 10:00" --clinic "Clinic"
given fd book --name "Bo Bell" --email bo@example.com --service "Low cost massage 45" \
    --therapist jose --at "2026-11-30 11:00" --clinic "Low Cost Clinic"

scenario "the header names the desk's site"
start "$FRONTDESK" --db "$DB" --now "'2026-11-30 08:30'" --site "'Low Cost Clinic'"
expect_screen " Low Cost Clinic · Riverside"

scenario "the Day pane shows the site's own day"
expect_screen "Bo Bell"
expect_not_screen "Ann Lee"
expect_not_screen "prim"

scenario "another desk at the Clinic sees the Clinic's day"
start "$FRONTDESK" --db "$DB" --now "'2026-11-30 08:30'" --site Clinic
expect_screen " Clinic · Riverside"
expect_screen "Ann Lee"
expect_not_screen "Bo Bell"

scenario "a desk with no site sees every site, and the header names none"
start "$FRONTDESK" --db "$DB" --now "'2026-11-30 08:30'"
expect_screen "Ann Lee"
expect_screen "Bo Bell"
expect_not_screen "Clinic · Riverside"

finish
