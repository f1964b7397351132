# Several sites on one database: a site is a clinic with its own rooms and
# closures; a desk says which site it is at (--site or the config's site),
# sees that site's day and books there; a therapist rostered at two sites
# is never booked at both at once, and the refusal names the other site.
. "$TESTS/cli/lib.sh"
given fd init
config_with sites 'closed = {}' 'site = "Clinic"'
cat >>"$WORK/sites.conf" <<'EOF_CONF'
clinic "Clinic" { rooms = 3 closed = {"2026-12-02"} }
EOF_CONF
# The starter's Clinic section would clash with ours: drop its line.
grep -v '^clinic "Clinic" *{ *rooms = 3 *}' "$WORK/sites.conf" >"$WORK/sites.new"
mv "$WORK/sites.new" "$WORK/sites.conf"
export FRONTDESK_CONFIG="$WORK/sites.conf"
given fd therapist add prim --name "Primrose Okafor"
given fd therapist add jose --name "José Núñez"
given fd rota add prim --clinic "Clinic" --weekly mon,wed --from 09:00 --to 13:00
given fd rota add prim --clinic "Low Cost Clinic" --weekly mon,wed --from 14:00 --to 18:00
given fd rota add jose --clinic "Low Cost Clinic" --weekly mon,wed --from 09:00 --to 17:00

scenario "a desk at the Clinic sees the Clinic's day: prim's morning there, not jose"
run fd day --date 2026-11-30 --json
expect_status 0
expect_out '"therapist": "prim"'
expect_no_out '"therapist": "jose"'
expect_out '"start": "09:00"'
expect_no_out '"start": "14:00"'

scenario "--site picks another site: the Low Cost Clinic's day"
run fd --site "Low Cost Clinic" day --date 2026-11-30 --json
expect_status 0
expect_out '"therapist": "jose"'
expect_out '"start": "14:00"'
expect_out '"site": "Low Cost Clinic"'
# prim's 09:00-13:00 morning is at the Clinic, so it is not shown here.
expect_no_out '"end": "13:00"'

scenario "the day sheet names the site"
run fd --site "Low Cost Clinic" day --date 2026-11-30
expect_out "Monday 2026-11-30  Riverside Sports Massage, Low Cost Clinic"

scenario "a booking at the desk's site needs no --clinic"
run fd book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-11-30 10:00"
expect_status 0
expect_out "at Clinic"

scenario "prim cannot be booked at the other site at the same time, and the refusal names it"
run fd --site "Low Cost Clinic" book --name "Bo" --email bo@example.com \
    --service "Low cost massage 45" --therapist prim --at "2026-11-30 10:15" --force
expect_status 1
expect_one_error_line
expect_err "prim is already booked then at Clinic"

if [ "$ENGINE" = pg ]; then
    scenario "a booking slipped past the checks is refused by the database: just taken, with other times"
    # Another program books prim at the Low Cost Clinic at 15:00 without
    # frontdesk's lock, and holds its transaction open: the desk's own
    # checks cannot see it, so the database's exclusion constraint has the
    # last word once it commits (SQLSTATE 23P01).  Ids are given out under
    # that lock too, so this program picks one far from frontdesk's.
    printf '%s\n' "BEGIN;
        INSERT INTO appointment (id, therapist_id, clinic_id, room, client_id, service, minutes,
            price_pence, buffer, start, \"end\", busy_until, created)
        SELECT 1000, therapist_id, (SELECT id FROM clinic WHERE name = 'Low Cost Clinic'), 1, client_id,
            service, minutes, price_pence, buffer, start + 300, \"end\" + 300, busy_until + 300,
            created FROM appointment WHERE id = 1;
        SELECT pg_sleep(2);
        COMMIT;" | "$PG_BIN/psql" -X -q -d "$DB" >/dev/null 2>&1 &
    slipped=$!
    sleep 0.7
    run fd --site "Low Cost Clinic" book --name "Dee" --email dee@example.com \
        --service "Low cost massage 45" --therapist prim --at "2026-11-30 15:00"
    wait "$slipped"
    expect_status 1
    expect_one_error_line
    expect_err "that slot was just taken (the therapist is booked); choose another"
    expect_out "Nearest free times:"
    expect_out "2026-11-30 16:15  prim at Low Cost Clinic"
    expect_equal "$(sql "SELECT count(*) FROM appointment a JOIN client c ON c.id = a.client_id
        WHERE c.name = 'Dee'")" "0"
fi

scenario "a site's own closure closes it alone"
run fd book --name "Cy" --email cy@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-12-02 10:00"
expect_status 1
expect_err "Clinic is closed on 2026-12-02"
run fd --site "Low Cost Clinic" book --name "Cy" --email cy@example.com \
    --service "Low cost massage 45" --therapist jose --at "2026-12-02 10:00"
expect_status 0

scenario "the closed site's shifts are gone that day; the other's stay"
run fd --site Clinic day --date 2026-12-02 --json
expect_out '"closed": true'
run fd --site "Low Cost Clinic" day --date 2026-12-02 --json
expect_out '"closed": false'
expect_out '"therapist": "jose"'

scenario "two desks at a site of one room: the second booking of its room at that hour is refused"
run fd --site "Low Cost Clinic" book --name "Eve" --email eve@example.com \
    --service "Low cost massage 45" --therapist jose --at "2026-12-07 14:00"
expect_status 0
run fd --site "Low Cost Clinic" book --name "Fay" --email fay@example.com \
    --service "Low cost massage 45" --therapist prim --at "2026-12-07 14:00"
expect_status 1
expect_one_error_line
expect_err "no room is free at Low Cost Clinic then"
expect_equal "$(sql "SELECT count(*) FROM appointment a JOIN client c ON c.id = a.client_id
    WHERE c.name = 'Fay'")" "0"

scenario "an unknown site is refused, naming the option"
run fd --site Nowhere day
expect_status 64
expect_one_error_line
expect_err '--site: no clinic is named "Nowhere"'

scenario "a config whose site is no clinic is refused, naming the line"
config_with badsite 'site = "Nowhere"'
run fd --config "$WORK/badsite.conf" day
expect_status 78
expect_err 'site: no clinic is named "Nowhere"'

scenario "a site in another time zone is refused: one database keeps one local time"
config_with zones 'timezone = "Europe/London"'
grep -v '^clinic "Low Cost Clinic"' "$WORK/zones.conf" >"$WORK/zones.new"
printf '%s\n' 'clinic "Low Cost Clinic" { rooms = 1 timezone = "Europe/Dublin" }' >>"$WORK/zones.new"
mv "$WORK/zones.new" "$WORK/zones.conf"
run fd --config "$WORK/zones.conf" day
expect_status 78
expect_one_error_line
# Where: the file and the line of the site's zone.
expect_err "zones.conf:$(grep -c '' "$WORK/zones.conf"): clinic \"Low Cost Clinic\": timezone"
expect_err "keep one local time"

finish
