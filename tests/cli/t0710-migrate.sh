# Moving a site in: `migrate FILE.db --to DATABASE --site NAME` copies one
# site's own database into the shared one, as that site, all or nothing.
# The same therapist (by handle) and client (same email and name) are
# found, not copied twice; ids are new and every link follows them; a
# second run adds only what is new; a clash with the shared database is
# refused before anything is written, listing every clash.
. "$TESTS/cli/lib.sh"
SITE="$WORK/site.db"
site() { "$FRONTDESK" --db "$SITE" --now "$NOW" "$@"; }
site_sql() { sqlite3 -batch -noheader "$SITE" "$1"; }
migrate() { fd migrate "$SITE" --to "$DB" --site "Low Cost Clinic" "$@"; }

given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 09:00 --to 13:00
given fd book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-11-30 10:00" --clinic "Clinic"

# The site's own database, made before it joined: the same Prim, a
# therapist of its own, Ann Lee again and clients of its own.
given site init
given site therapist add PRIM --name "Primrose Okafor"
given site therapist add jose --name "José Núñez"
given site rota add prim --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 14:00 --to 18:00
given site rota add jose --clinic "Clinic" --weekly mon,tue,wed,thu,fri --from 09:00 --to 17:00
# An edited rule keeps its id; its old version is a row of its own that
# points at it.
given site rota edit 2 --from-date 2026-12-07 --to 16:00
given site book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-11-30 14:00" --clinic "Clinic"
given site book --name "Bo Bell" --email bo@example.com --phone "07700 900123" \
    --service "Sports massage 60" --therapist jose --at "2026-11-30 10:00" --clinic "Clinic"
given site book --name "Cy Cole" --email cy@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-12-01 10:00" --clinic "Clinic" --every 1w --count 3
given site note add --appointment 2 "left calf tight"
given site request add --name "Di Dee" --email di@example.com --service "Sports massage 60" \
    --received "2026-11-23 09:00"
SITE_SUM=$(cksum <"$SITE")

scenario "a trial run counts what would be copied and writes nothing"
remember_tables before appointment client therapist shift_rule audit
run migrate --dry-run
expect_status 0
expect_out "Would move Low Cost Clinic in from $SITE"
expect_out "Nothing was written (--dry-run)."
expect_tables before

scenario "the site is copied in: its appointments are the site's, Prim and Ann found, not copied twice"
run migrate
expect_status 0
expect_out "Moved Low Cost Clinic in from $SITE"
expect_out "appointments               5"
expect_out "therapists                 1  (and 1 already here)"
expect_out "clients                    3  (and 1 already here)"
expect_equal "$(sql "SELECT count(*) FROM therapist")" "2"
expect_equal "$(sql "SELECT count(*) FROM client WHERE email = 'ann@example.com'")" "1"
expect_equal "$(sql "SELECT count(*) FROM appointment a JOIN clinic c ON c.id = a.clinic_id
    WHERE c.name = 'Low Cost Clinic'")" "5"

scenario "every link follows the new ids"
# Prim's afternoon at the site is the shared Prim's, with the shared Ann.
expect_equal "$(sql "SELECT t.handle || ' ' || c.name FROM appointment a
    JOIN therapist t ON t.id = a.therapist_id JOIN client c ON c.id = a.client_id
    JOIN clinic k ON k.id = a.clinic_id WHERE k.name = 'Low Cost Clinic'
    AND a.start = (SELECT start FROM appointment WHERE id = 1) + 240")" "prim Ann Lee"
expect_equal "$(sql "SELECT c.name FROM note n JOIN appointment a ON a.id = n.appointment_id
    JOIN client c ON c.id = a.client_id WHERE n.text = 'left calf tight'")" "Bo Bell"
# The series is one series, not the shared database's series 1 (none
# there) mixed with others.
expect_equal "$(sql "SELECT count(DISTINCT series_id) || ' ' || count(*) FROM appointment
    WHERE series_id IS NOT NULL")" "1 3"
expect_equal "$(sql "SELECT count(*) FROM shift_rule r JOIN shift_rule s ON s.id = r.superseded_by
    WHERE r.therapist_id = s.therapist_id")" "1"
expect_equal "$(sql "SELECT count(*) FROM request WHERE name = 'Di Dee' AND status = 'pending'")" "1"
expect_equal "$(site_sql "SELECT count(*) FROM appointment")" "5"

scenario "the site's own file is left as it was"
expect_equal "$(cksum <"$SITE")" "$SITE_SUM"

scenario "the desk at the site sees its day: José and Prim's afternoon"
run fd --site "Low Cost Clinic" day --date 2026-11-30
expect_out "Bo Bell"
expect_out "14:00-15:00  Ann Lee"
expect_no_out "10:00-11:00  Ann Lee"

scenario "a second run copies nothing twice"
remember_tables again appointment client therapist shift_rule note request outbox
run migrate
expect_status 0
expect_out "Nothing new to move in from $SITE."
expect_out "Copied by an earlier run and left as they are:"
expect_tables again

if [ "$ENGINE" = pg ]; then
    scenario "a password in the shared database's address is never shown"
    run fd migrate "$SITE" --to "postgresql://$(id -un):s3cret@/${DB#postgresql:///}" \
        --site "Low Cost Clinic"
    expect_status 0
    expect_out "Nothing new to move in from $SITE."
    grep -q s3cret "$WORK/out" "$WORK/err" && fail "the password is shown" || pass
fi

scenario "what the site booked since is copied on the next run, and only that"
given site book --name "Eve Ekwe" --email eve@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-12-03 15:00" --clinic "Clinic"
run migrate
expect_status 0
expect_out "appointments               1"
expect_equal "$(sql "SELECT count(*) FROM appointment")" "7"

scenario "Prim cannot now be booked at the Clinic while busy at the site, and the refusal names it"
# The shared database gives out ids past every copied one.
next_id=$(($(sql "SELECT max(id) FROM appointment") + 1))
run fd book --name "Fay" --email fay@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-11-30 14:30" --clinic "Clinic" --force
expect_status 1
expect_err "prim is already booked then at Low Cost Clinic"
run fd book --name "Fay" --email fay@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-12-01 11:00" --clinic "Clinic"
expect_status 0
expect_out "#$next_id"

scenario "clashes are refused before anything is written, listing every one"
given fd book --name "Gus Grey" --email gus@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-12-02 10:00" --clinic "Clinic"
given fd book --name "Hal Hunt" --email hal@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-12-03 10:00" --clinic "Clinic"
given site book --name "Ida" --email ida@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-12-02 10:30" --clinic "Clinic" --force
given site book --name "Joe" --email joe@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-12-03 09:30" --clinic "Clinic" --force
remember_tables before appointment client therapist note outbox audit migrated
run migrate
expect_status 1
# The site spelled her handle PRIM: she is the same therapist.
expect_err "PRIM with Ida for 2026-12-02 10:30-11:45: PRIM is already booked then at Clinic"
expect_err "PRIM with Joe for 2026-12-03 09:30-10:45: PRIM is already booked then at Clinic"
expect_err "2 clashes between $SITE and"
expect_err "nothing was copied"
expect_tables before
if [ "$ENGINE" = pg ]; then
    run fd migrate "$SITE" --to "postgresql://$(id -un):s3cret@/${DB#postgresql:///}" \
        --site "Low Cost Clinic"
    expect_status 1
    expect_err "nothing was copied"
    grep -q s3cret "$WORK/out" "$WORK/err" && fail "the password is shown" || pass
fi

scenario "a room the site does not have is a clash too"
given site cancel "$(site_sql "SELECT id FROM appointment WHERE client_id = (SELECT id FROM client WHERE name = 'Ida')")"
given site cancel "$(site_sql "SELECT id FROM appointment WHERE client_id = (SELECT id FROM client WHERE name = 'Joe')")"
given site book --name "Kim" --email kim@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-12-04 10:00" --clinic "Clinic"
given site book --name "Lou" --email lou@example.com --service "Sports massage 60" \
    --therapist prim --at "2026-12-04 10:00" --clinic "Clinic" --force
run migrate
expect_status 1
expect_err "Low Cost Clinic has no room 2"
expect_tables before

scenario "a rota rule that would put a therapist in two places is a clash too, listed with the rest"
given fd rota add prim --clinic "Clinic" --weekly sat --from 10:00 --to 12:00
given site rota add prim --clinic "Clinic" --weekly sat --from 11:00 --to 15:00
remember_tables before appointment client therapist shift_rule note outbox audit migrated
run migrate --dry-run
expect_status 1
expect_err "PRIM weekly sat 11:00-15:00: prim is rostered then at Clinic"
expect_err "both would put them in two places on sat 2026-11-28"
expect_err "Low Cost Clinic has no room 2"
expect_err "2 clashes between $SITE and"
expect_tables before

scenario "bad arguments are refused, naming what is wrong"
run fd migrate "$SITE" --site "Low Cost Clinic"
expect_status 64
expect_one_error_line
expect_err "migrate needs --to"
run fd migrate "$SITE" --to "$DB"
expect_status 64
expect_err "migrate needs --site"
run fd migrate "$SITE" --to "$DB" --site "Nowhere"
expect_status 64
expect_err 'no clinic is named "Nowhere"'
run fd migrate "$WORK/none.db" --to "$DB" --site "Low Cost Clinic"
expect_status 66
expect_err "$WORK/none.db"
printf 'not a database\n' >"$WORK/text.db"
run fd migrate "$WORK/text.db" --to "$DB" --site "Low Cost Clinic"
expect_err "$WORK/text.db"
run "$FRONTDESK" --db "$SITE" migrate "$SITE" --to "$SITE" --site "Low Cost Clinic"
expect_status 64
expect_err "is the database it would be copied into"
expect_tables before

finish
