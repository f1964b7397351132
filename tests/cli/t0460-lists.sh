# Mailing lists (issue 14): a sign-up records consent — when, where from,
# which list, how often — and a list with a welcome queues it in the
# outbox, rendered with its gift; signing up again changes nothing;
# leaving keeps the record of when, and who left is never exported again.
# The web form's CSV of sign-ups comes in all or nothing, every bad row
# named FILE:LINE: field: problem, and importing it twice adds nothing.
. "$TESTS/cli/lib.sh"
CSV="$TESTS/cli/csv"

fake_program mail record
config_with lists "sendmail = \"$WORK/mail -t -i\"" 'closed = {}'
# The starter's three lists, and one with no welcome.
echo 'list "newsletter" {}' >>"$WORK/lists.conf"
export FRONTDESK_CONFIG="$WORK/lists.conf"
given fd init

# out_line TEXT: the line of stdout holding TEXT (the first).
out_line() { grep -F -- "$1" "$WORK/out" | head -n 1; }
# The welcome messages of the client with this email: "state,state".
welcomes() {
    client=$(sql "SELECT id FROM client WHERE email = '$1' ORDER BY id LIMIT 1")
    messages client_id "${client:-0}" | tr ',' '\n' | sed -n 's/^welcome //p' | paste -sd, -
}
# Where the subscriptions of this email came from, oldest first.
sources() { sql "SELECT group_concat(s.source, ',') FROM subscription s JOIN client c ON c.id = s.client_id WHERE c.email = '$1'"; }

# ---- signing up at the desk ------------------------------------------------

scenario "a sign-up records when, where from, which list and how often"
run fd subscribe --name "Ann Lee" --email ann@example.com --list self-care --frequency monthly \
    --at "2026-11-20 08:15" --source web --json
expect_status 0
expect_equal "$(json_rows '$' name email list frequency source unsubscribed already)" \
    "Ann Lee ann@example.com self-care monthly web null 0"
expect_equal "$(json_at '$.subscribed')" "2026-11-20 08:15"
run fd subscribers --json
expect_equal "$(json_rows '$' name list frequency source)" "Ann Lee self-care monthly web"
run fd audit --limit 1
expect_out "ann@example.com subscribed to self-care, monthly (web)"

scenario "by default a sign-up is now, at the desk, at the list's first frequency"
run fd subscribe --name "Bo Brown" --email bo@example.com --list self-care
expect_status 0
run fd subscribers --json
expect_equal "$(json_rows '$[1]' name subscribed source frequency)" "Bo Brown $NOW desk weekly"

scenario "a list with a welcome queues it in the outbox"
expect_equal "$(welcomes ann@example.com)" "queued"
run fd outbox --kind welcome
expect_out "Ann Lee"

scenario "the welcome is rendered with the list, the client's choice and the gift"
ANN_WELCOME=$(message_id client_id "$(sql "SELECT id FROM client WHERE email = 'ann@example.com'")" welcome)
run fd send "$ANN_WELCOME" --dry-run
expect_status 0
expect_out "Subject: Welcome to self-care from Riverside Sports Massage"
expect_out "Hello Ann,"
expect_out "from us monthly,"
expect_out "  https://example.org/self-care-guide"
expect_equal "$(fake_calls mail)" "0"

scenario "sent, the welcome carries the gift to the client"
run fd send "$ANN_WELCOME"
expect_status 0
expect_equal "$(fake_calls mail "To: Ann Lee <ann@example.com>")" "1"
expect_equal "$(fake_calls mail "https://example.org/self-care-guide")" "1"
expect_equal "$(welcomes ann@example.com)" "sent"

scenario "each list's welcome has its own gift"
run fd subscribe --name "Fern Foam" --email fern@example.com --list foam-rolling-workshop
expect_status 0
run fd send "$(message_id client_id "$(sql "SELECT id FROM client WHERE email = 'fern@example.com'")" welcome)" --dry-run
expect_out "Subject: Our foam-rolling workshop"
expect_out "https://example.org/foam-rolling-video"
expect_no_out "self-care-guide"

scenario "a list with no welcome queues nothing"
run fd subscribe --name "Nan News" --email nan@example.com --list newsletter
expect_status 0
expect_no_out "welcome"
expect_equal "$(welcomes nan@example.com)" ""

scenario "signing up again changes nothing, whatever frequency is asked"
remember_tables before client subscription outbox audit
run fd subscribe --name "Ann Lee" --email ann@example.com --list self-care --frequency weekly --json
expect_status 0
expect_equal "$(json_rows '$' already frequency subscribed welcome_message_id)" \
    "1 monthly 2026-11-20 08:15 null"
run fd subscribe --name "Ann Lee" --email ann@example.com --list self-care
expect_status 0
expect_out "already subscribed to self-care (since 2026-11-20 08:15); nothing changed"
expect_tables before

scenario "a bad sign-up is refused, naming the field, and changes nothing"
remember_tables before client subscription outbox audit
run fd subscribe --name "X" --email x@example.com --list yoga-news
expect_status 65
expect_err 'list: no list is named "yoga-news" in the config'
run fd subscribe --name "X" --email x@example.com --list self-care --frequency daily
expect_status 65
expect_err 'frequency: "daily" is not one of weekly, monthly'
run fd subscribe --name "X" --email x@example.com --list newsletter --frequency weekly
expect_status 65
expect_err "frequency:"
run fd subscribe --name "X" --email not-an-address --list self-care
expect_status 65
expect_err "email:"
run fd subscribe --name "X" --email x@example.com --list self-care --at "2026-12-01 09:00"
expect_status 65
expect_err "is in the future"
run fd subscribe --name "X" --email x@example.com --list self-care --source phone
expect_status 65
expect_err 'source: "phone" is not web or desk'
expect_tables before

# ---- leaving -----------------------------------------------------------------

scenario "leaving a list keeps the record of when"
NOW="2026-11-25 09:00" run fd unsubscribe --email ann@example.com
expect_status 0
run fd subscribers
expect_no_out "ann@example.com"
run fd subscribers --all
expect_status 0
case "$(out_line ann@example.com)" in
*"2026-11-20 08:15"*"left 2026-11-25 09:00"*) pass ;;
*) fail "Ann's line does not show when she joined and when she left" ;;
esac
run fd subscribers --all --json
expect_equal "$(json_rows '$' email subscribed unsubscribed | sed 's/; /\n/g' | grep '^ann@')" \
    "ann@example.com 2026-11-20 08:15 2026-11-25 09:00"
expect_equal "$(sql "SELECT count(*) FROM subscription s JOIN client c ON c.id = s.client_id WHERE c.email = 'ann@example.com'")" "1"

scenario "leaving twice is refused"
run fd unsubscribe --email ann@example.com
expect_status 1
expect_err "ann@example.com is not subscribed to any list"

scenario "leaving one list leaves the others"
given fd subscribe --name "Bo Brown" --email bo@example.com --list posture-checklist
run fd unsubscribe --email BO@example.com --list Self-Care
expect_status 0
run fd subscribers --list posture-checklist
expect_out "bo@example.com"
run fd subscribers --list self-care
expect_no_out "bo@example.com"

scenario "leaving before the welcome went voids it: no email to someone who withdrew"
given fd subscribe --name "Quin Quit" --email quin@example.com --list self-care
expect_equal "$(welcomes quin@example.com)" "queued"
run fd unsubscribe --email quin@example.com
expect_status 0
expect_equal "$(welcomes quin@example.com)" "void"
run fd send --dry-run
expect_no_out "quin@example.com"

scenario "who has left is never exported"
run fd export csv subscribers
expect_status 0
expect_equal "$(head -n 1 "$WORK/out" | tr -d '\r')" "name,email,list,frequency,subscribed,source"
expect_out "Bo Brown,bo@example.com,posture-checklist,,"
expect_out "Fern Foam,fern@example.com,foam-rolling-workshop,"
expect_no_out "ann@example.com"
expect_no_out "quin@example.com"
expect_no_out "bo@example.com,self-care"
run fd export csv subscribers --list self-care -o "$WORK/self-care.csv"
expect_status 0
expect_equal "$(wc -l <"$WORK/self-care.csv")" "1"
if grep -q "ann@example.com" "$WORK/self-care.csv"; then fail "Ann, who left, is exported"; else pass; fi

# ---- the web form's file -------------------------------------------------------

scenario "a file with malformed rows is refused whole, each row named FILE:LINE: field: problem"
remember_tables before client subscription outbox audit
run sh -c 'cd "$1" && shift && "$@"' sh "$CSV" "$FRONTDESK" --db "$DB" --now "$NOW" \
    import subscribers subscribers-malformed.csv
expect_status 65
expect_err 'subscribers-malformed.csv:3: email: "not-an-address" is not an email address'
expect_err 'subscribers-malformed.csv:4: list: no list is named "yoga-news" in the config'
expect_err 'subscribers-malformed.csv:5: frequency: "daily" is not one of weekly, monthly'
expect_err 'subscribers-malformed.csv:6: subscribed: "yesterday" is not a date and time'
expect_err 'subscribers-malformed.csv:7: subscribed: "2026-12-01 10:00" is in the future'
expect_err 'subscribers-malformed.csv:8: source: "phone" is not web or desk'
expect_err 'subscribers-malformed.csv:9: name: is empty'
expect_err 'subscribers-malformed.csv:10: the row has 2 fields but the header names 6'
expect_err "subscribers-malformed.csv: 8 bad rows; nothing imported (--skip-invalid imports the 2 good ones)"
expect_equal "$(grep -vc '^frontdesk: ' "$WORK/err")" "0"
expect_no_out "Imported"
expect_tables before

scenario "a dry run checks the file and changes nothing"
run fd import subscribers "$CSV/subscribers-good.csv" --dry-run
expect_status 0
expect_out "Would import 2 subscribers (1 already there)"
expect_tables before

scenario "--skip-invalid imports the good rows and reports each bad one"
run fd import subscribers "$CSV/subscribers-malformed.csv" --skip-invalid
expect_status 0
expect_out "Imported 2 subscribers (0 already there)"
expect_out "Skipped 8 bad rows"
expect_err "subscribers-malformed.csv:3: email:"
expect_equal "$(sql "SELECT group_concat(r, '; ') FROM (SELECT c.name || ' ' || s.list || ' ' || s.source
    || ' ' || strftime('%Y-%m-%d %H:%M', s.subscribed_at * 60, 'unixepoch') AS r FROM subscription s
    JOIN client c ON c.id = s.client_id WHERE c.email IN ('gail@example.com', 'pat@example.com')
    ORDER BY s.id) rows")" \
    "Gail Good self-care web 2026-11-01 09:30; Pat Posture posture-checklist web 2026-11-06 10:00"

scenario "imported sign-ups get no welcome (the web form sent its own)"
expect_equal "$(welcomes gail@example.com)" ""
expect_equal "$(welcomes pat@example.com)" ""

scenario "a sign-up already current is not added again by an import"
remember_tables before client subscription outbox
run fd import subscribers "$CSV/subscribers-good.csv"
expect_status 0
# Fern joined at the desk, Gail and Pat came in the last file (Pat's
# sign-up there of another day): nothing is new.
expect_out "Imported 0 subscribers (3 already there)"
expect_tables before

scenario "importing the same file twice adds nothing; quoted names kept whole"
run fd import subscribers "$CSV/subscribers-no-source.csv"
expect_status 0
expect_out "Imported 2 subscribers (0 already there)"
expect_equal "$(sql "SELECT name FROM client WHERE email = 'ola@example.com'")" 'Ola "Ollie" Oduya'
remember_tables before client subscription outbox
run fd import subscribers "$CSV/subscribers-no-source.csv"
expect_status 0
expect_out "Imported 0 subscribers (2 already there)"
expect_tables before

scenario "a file without a source column records web sign-ups; a blank time is now"
expect_equal "$(sources wen@example.com)" "web"
expect_equal "$(sql "SELECT subscribed_at FROM subscription s JOIN client c ON c.id = s.client_id WHERE c.email = 'ola@example.com'")" "$NOW_MINUTES"

scenario "an empty source in the web form's file is web, as the column's default"
run fd import subscribers "$CSV/subscribers-empty-source.csv"
expect_status 0
expect_equal "$(sources eve@example.com)" "web"

scenario "importing the file again does not sign up again someone who left"
NOW="2026-11-24 11:00" run fd unsubscribe --email gail@example.com
expect_status 0
run fd import subscribers "$CSV/subscribers-good.csv"
expect_status 0
expect_out "Imported 0 subscribers"
run fd subscribers
expect_no_out "gail@example.com"

scenario "nor someone who first signed up at the desk and left"
given fd subscribe --name "Hal Hedge" --email hal@example.com --list posture-checklist \
    --source web --at "2026-11-20 08:00"
printf 'name,email,list,subscribed\nHal Hedge,hal@example.com,posture-checklist,2026-11-20 08:00\n' \
    >"$WORK/hal.csv"
run fd import subscribers "$WORK/hal.csv"
expect_out "Imported 0 subscribers (1 already there)"
NOW="2026-11-24 11:00" run fd unsubscribe --email hal@example.com
expect_status 0
run fd import subscribers "$WORK/hal.csv"
expect_status 0
expect_out "Imported 0 subscribers"
run fd subscribers
expect_no_out "hal@example.com"

finish
