# Confirmations (SPEC §1 rule 8): the queue of confirmations still to go
# out, previewing them, sending them through the configured sendmail (a
# script here that records what it was given, one that refuses, and one
# that is not there), failures kept in the queue, and confirmations given
# by phone.
. "$TESTS/cli/lib.sh"

# ---- the clinic, the mail programs and their configs --------------------

given fd demo
# Two bookings of our own, three weeks out, after the demo's fortnight.
given fd book --name "Zoë Ångström" --email zoe.a@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-12-15 14:00"
ZOE=$(sed -n 's/^Booked #\([0-9]*\) .*/\1/p' "$WORK/out")
given fd book --name "Phone Only" --phone "07700 900123" --service "Sports massage 60" \
    --therapist jose --at "2026-12-15 10:00"
PHONE=$(sed -n 's/^Booked #\([0-9]*\) .*/\1/p' "$WORK/out")

# A sendmail that writes each argv word on a line, and appends the message
# to a mailbox.
cat >"$WORK/record-mail" <<EOF
#!/bin/sh
for word in "\$@"; do printf '[%s]\n' "\$word"; done >"$WORK/argv"
cat >>"$WORK/mailbox"
exit 0
EOF
# A sendmail whose queue is full.
cat >"$WORK/refuse-mail" <<'EOF'
#!/bin/sh
cat >/dev/null
echo "queue full: try again later" >&2
echo "second line is not kept" >&2
exit 75
EOF
# A sendmail that refuses only the messages to fail.me@example.com.
cat >"$WORK/picky-mail" <<EOF
#!/bin/sh
message=\$(cat)
case "\$message" in
*"<fail.me@example.com>"*) echo "fail.me@example.com: user unknown" >&2; exit 67 ;;
esac
printf '%s\n' "\$message" >>"$WORK/mailbox"
EOF
# A sendmail that never finishes.
printf '#!/bin/sh\nexec sleep 30\n' >"$WORK/hang-mail"
chmod +x "$WORK/record-mail" "$WORK/refuse-mail" "$WORK/picky-mail" "$WORK/hang-mail"

# Configs: the starter config `init` writes, with another sendmail line.
given env XDG_CONFIG_HOME="$WORK/starter" "$FRONTDESK" --db "$WORK/scratch.db" init
STARTER="$WORK/starter/frontdesk/frontdesk.conf"
# make_config NAME SENDMAIL: the value as it goes between the quotes.
make_config() {
    sed '/^sendmail /d' "$STARTER" >"$WORK/$1.conf"
    printf 'sendmail = "%s"\n' "$2" >>"$WORK/$1.conf"
}
# Shell syntax in the command line must reach the program as plain words.
make_config record "$WORK/record-mail -t -i ; touch $WORK/pwned \$(touch $WORK/pwned2) \\\"two words\\\""
make_config refuse "$WORK/refuse-mail -t"
make_config missing "$WORK/no-such-dir/sendmail -t -i"
make_config picky "$WORK/picky-mail -t"
make_config hang "$WORK/hang-mail -t"
sed 's/^sendmail_timeout .*/sendmail_timeout = 1/' "$WORK/hang.conf" >"$WORK/hang-1s.conf"

# the current queue: "state date start" per appointment, in listed order
queue_order() {
    fd confirmations --json |
        awk -F'"' '/"date":/ { d = $4 } /"start":/ { s = $4 } /"confirmation":/ { print $4, d, s }'
}
state_of() { sql "SELECT confirmation FROM appointment WHERE id = $1"; }

# ---- the queue ----------------------------------------------------------

scenario "the queue lists failed confirmations first, then unsent, each by start"
run fd confirmations
expect_status 0
expect_out "STATE"
expect_out "Zoë Ångström"
expect_out "Phone Only"
expect_no_out " sent"
queue_order >"$WORK/order"
expect_equal "$(cut -d' ' -f1 "$WORK/order" | uniq | tr '\n' ' ')" "failed unsent "
if LC_ALL=C sort -c "$WORK/order" 2>/dev/null; then pass; else fail "queue out of order"; fi
QUEUED=$(sql "SELECT count(*) FROM appointment WHERE status = 'booked' AND confirmation <> 'sent' AND start >= $NOW_MINUTES")
expect_equal "$(wc -l <"$WORK/order")" "$QUEUED"

scenario "confirmations --all shows every upcoming booked appointment with its state"
run fd confirmations --all --json
expect_status 0
expect_out '"confirmation": "sent"'
expect_out '"sent_at": null'
expect_out '"via": null'
expect_out '"error": null'
expect_equal "$(grep -c '"id":' "$WORK/out")" \
    "$(sql "SELECT count(*) FROM appointment WHERE status = 'booked' AND start >= $NOW_MINUTES")"

# ---- previewing ---------------------------------------------------------

scenario "a dry run prints the message with its headers and changes nothing"
before=$(snapshot)
run fd --config "$WORK/record.conf" confirm send "$ZOE" --dry-run
expect_status 0
expect_out "From: Front desk <desk@example.org>"
expect_out "To: =?UTF-8?B?$(printf '%s' 'Zoë Ångström' | base64)?= <zoe.a@example.com>"
expect_out "Subject: Your appointment on Tuesday 15 December 2026 at 14:00"
expect_out "Date: Tue, 24 Nov 2026 10:00:00 +0000"
expect_out "Message-ID: <confirmation-"
expect_out "Content-Type: text/plain; charset=UTF-8"
expect_out "Hello Zoë,"
expect_out "nothing was sent or changed"
expect_equal "$(snapshot)" "$before"
expect_equal "$([ -e "$WORK/mailbox" ] && echo sent || echo none)" "none"

scenario "a dry run of the whole queue shows each message and sends none"
run fd --config "$WORK/record.conf" confirm send --all --dry-run
expect_status 1 # the client with only a phone cannot be emailed
expect_equal "$(grep -c '^Subject: Your appointment on .* 2026 at [0-2][0-9]:[0-5][0-9]$' "$WORK/out")" "$((QUEUED - 1))"
expect_out "cannot send #$PHONE: Phone Only has no email address"
expect_equal "$(snapshot)" "$before"
expect_equal "$([ -e "$WORK/mailbox" ] && echo sent || echo none)" "none"

# ---- sending ------------------------------------------------------------

scenario "sending one confirmation pipes the message to sendmail and records it sent"
run fd --config "$WORK/record.conf" confirm send "$ZOE"
expect_status 0
expect_out "sent #$ZOE to zoe.a@example.com"
expect_equal "$(grep -c '^To: ' "$WORK/mailbox")" "1"
expect_equal "$(grep '^To: ' "$WORK/mailbox")" \
    "To: =?UTF-8?B?$(printf '%s' 'Zoë Ångström' | base64)?= <zoe.a@example.com>"
expect_equal "$(grep -c 'Therapist: *José Núñez' "$WORK/mailbox")" "1"
expect_equal "$(grep -c 'Tuesday 15 December 2026, 14:00 to 15:00' "$WORK/mailbox")" "1"
expect_equal "$(sql "SELECT confirmation, confirmation_via, confirmation_at = $NOW_MINUTES FROM appointment WHERE id = $ZOE")" "sent|email|1"
run fd confirmations
expect_no_out "Zoë"
run fd audit --limit 1
expect_out "confirmation emailed to zoe.a@example.com"

scenario "sendmail gets its arguments as separate words, and no shell runs them"
expect_equal "$(tr '\n' ' ' <"$WORK/argv")" \
    "[-t] [-i] [;] [touch] [$WORK/pwned] [\$(touch] [$WORK/pwned2)] [two words] "
expect_equal "$(ls "$WORK" | grep -c pwned)" "0"

UNSENT=$(sql "SELECT id FROM appointment WHERE status = 'booked' AND confirmation = 'unsent' AND start >= $NOW_MINUTES AND id NOT IN ($PHONE) ORDER BY start LIMIT 1")
ANOTHER=$(sql "SELECT id FROM appointment WHERE status = 'booked' AND confirmation = 'unsent' AND start >= $NOW_MINUTES AND id NOT IN ($PHONE, $UNSENT) ORDER BY start LIMIT 1")

scenario "a sendmail that fails leaves the confirmation failed, with its error, in the queue"
run fd --config "$WORK/refuse.conf" confirm send "$UNSENT"
expect_status 1
expect_out "failed #$UNSENT: sendmail exited with status 75: queue full: try again later"
expect_no_out "second line is not kept"
expect_one_error_line
expect_err "confirmation of appointment $UNSENT failed: sendmail exited with status 75"
expect_equal "$(state_of "$UNSENT")" "failed"
expect_equal "$(sql "SELECT confirmation_error FROM appointment WHERE id = $UNSENT")" \
    "sendmail exited with status 75: queue full: try again later"
run fd confirmations
expect_out "queue full: try again later"
run fd confirmations --json
expect_out '"error": "sendmail exited with status 75: queue full: try again later"'
queue_order >"$WORK/order"
expect_equal "$(head -n 1 "$WORK/order" | cut -d' ' -f1)" "failed"

scenario "a sendmail that is not there fails with a clear error"
run fd --config "$WORK/missing.conf" confirm send "$ANOTHER"
expect_status 1
expect_out "failed #$ANOTHER: sendmail: cannot start \"$WORK/no-such-dir/sendmail\": No such file or directory"
expect_equal "$(state_of "$ANOTHER")" "failed"

scenario "a sendmail that hangs is stopped after sendmail_timeout seconds"
run fd book --name "Hung Up" --email hung.up@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-12-16 16:00"
HUNG=$(sed -n 's/^Booked #\([0-9]*\) .*/\1/p' "$WORK/out")
started=$(date +%s)
run fd --config "$WORK/hang-1s.conf" confirm send "$HUNG"
took=$(($(date +%s) - started))
expect_status 1
expect_out "failed #$HUNG: sendmail did not finish within 1 second and was stopped"
expect_equal "$(state_of "$HUNG")" "failed"
if [ "$took" -lt 10 ]; then pass; else fail "took $took seconds, not about 1"; fi

scenario "a sendmail line with a quote never closed is refused when the config loads"
make_config unclosed "$WORK/record-mail -t \\\"no end"
run fd --config "$WORK/unclosed.conf" confirmations
expect_status 78
expect_one_error_line
expect_err "unclosed.conf:$(grep -c '' "$WORK/unclosed.conf"): sendmail: "
expect_err "has a quote that is never closed"

scenario "a client without an email address cannot be emailed, and nothing changes"
before=$(snapshot)
run fd --config "$WORK/record.conf" confirm send "$PHONE"
expect_status 1
expect_err "appointment $PHONE: Phone Only has no email address"
expect_equal "$(snapshot)" "$before"

# ---- by hand -------------------------------------------------------------

scenario "a confirmation given by phone is marked sent by hand"
run fd confirm mark-sent "$PHONE" --by phone
expect_status 0
expect_out "Marked #$PHONE as confirmed by phone"
expect_equal "$(sql "SELECT confirmation, confirmation_via FROM appointment WHERE id = $PHONE")" "sent|phone"
run fd confirmations
expect_no_out "Phone Only"
run fd audit --limit 1
expect_out "confirmation given by phone"

scenario "only phone or in-person count as by hand"
before=$(snapshot)
run fd confirm mark-sent "$UNSENT" --by fax
expect_status 64
expect_one_error_line
expect_err "--by: \"fax\" is not phone or in-person"
expect_equal "$(snapshot)" "$before"

scenario "an unknown appointment is bad input"
run fd confirm mark-sent 999999
expect_status 65
expect_err "no appointment 999999"
run fd --config "$WORK/record.conf" confirm send 999999
expect_status 65
expect_err "no appointment 999999"

scenario "a cancelled appointment is neither confirmed by hand nor sent"
given fd cancel "$ANOTHER"
before=$(snapshot)
run fd confirm mark-sent "$ANOTHER"
expect_status 1
expect_err "is cancelled"
run fd --config "$WORK/record.conf" confirm send "$ANOTHER"
expect_status 1
expect_err "is cancelled"
expect_equal "$(snapshot)" "$before"

scenario "send needs an appointment or --all, not both"
run fd confirm send
expect_status 64
run fd confirm send 12 --all
expect_status 64

# ---- the whole queue -----------------------------------------------------

scenario "sending the whole queue goes on past failures and reports each one"
given fd book --name "Fail Me" --email fail.me@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-12-16 10:00"
FAILING=$(sed -n 's/^Booked #\([0-9]*\) .*/\1/p' "$WORK/out")
given fd book --name "Phone Two" --phone "07700 900456" --service "Sports massage 60" \
    --therapist jose --at "2026-12-16 14:00"
PHONE2=$(sed -n 's/^Booked #\([0-9]*\) .*/\1/p' "$WORK/out")
QUEUED=$(sql "SELECT count(*) FROM appointment WHERE status = 'booked' AND confirmation <> 'sent' AND start >= $NOW_MINUTES")
rm -f "$WORK/mailbox"
run fd --config "$WORK/picky.conf" confirm send --all
expect_status 1
expect_out "failed #$FAILING: sendmail exited with status 67: fail.me@example.com: user unknown"
expect_out "failed #$PHONE2: Phone Two has no email address"
expect_out "sent #$UNSENT to "
expect_equal "$(grep -c '^sent #' "$WORK/out")" "$((QUEUED - 2))"
expect_equal "$(grep -c '^Message-ID: ' "$WORK/mailbox")" "$((QUEUED - 2))"
expect_one_error_line
expect_err "2 of $QUEUED confirmations were not sent; they stay in the queue"
expect_equal "$(state_of "$FAILING")|$(state_of "$PHONE2")|$(state_of "$UNSENT")" "failed|unsent|sent"
queue_order >"$WORK/order"
expect_equal "$(wc -l <"$WORK/order")" "2"
expect_equal "$(head -n 1 "$WORK/order" | cut -d' ' -f1)" "failed"

scenario "when everyone is confirmed there is nothing to send"
run fd confirm mark-sent "$FAILING" --by in-person
expect_out "Marked #$FAILING as confirmed in-person"
run fd confirm mark-sent "$PHONE2"
expect_equal "$(sql "SELECT confirmation_via FROM appointment WHERE id = $PHONE2")" "phone"
run fd --config "$WORK/picky.conf" confirm send --all
expect_status 0
expect_out "Nothing to send"
run fd confirmations
expect_out "Nothing to send"

# ---- the template ---------------------------------------------------------

scenario "a template with an unknown placeholder is a config error naming it"
mkdir -p "$WORK/datadir/templates"
cp -r "$TESTS/../data/holidays" "$WORK/datadir/"
printf 'Hello ${first_name},\n\nsee you at ${tme}.\n' >"$WORK/datadir/templates/typo.txt"
sed 's|^  body .*|  body = "typo.txt"|' "$WORK/record.conf" >"$WORK/typo.conf"
given fd --config "$WORK/record.conf" book --name "Late Client" --email late@example.com \
    --service "Sports massage 60" --therapist jose --at "2026-12-16 11:30"
LATE=$(sed -n 's/^Booked #\([0-9]*\) .*/\1/p' "$WORK/out")
before=$(snapshot)
run env FRONTDESK_DATA_DIR="$WORK/datadir" "$FRONTDESK" --db "$DB" --now "$NOW" \
    --config "$WORK/typo.conf" confirm send "$LATE"
expect_status 78
expect_one_error_line
expect_err "typo.txt:3: unknown placeholder \${tme}"
expect_equal "$(snapshot)" "$before"

scenario "a template body must be a file in data/templates"
sed 's|^  body .*|  body = "../../etc/passwd"|' "$WORK/record.conf" >"$WORK/escape.conf"
run fd --config "$WORK/escape.conf" confirm send "$LATE" --dry-run
expect_status 78
expect_err "must be the name of a file in"
sed 's|^  body .*|  body = "nowhere.txt"|' "$WORK/record.conf" >"$WORK/nowhere.conf"
run fd --config "$WORK/nowhere.conf" confirm send "$LATE" --dry-run
expect_status 78
expect_err "nowhere.txt"
expect_equal "$(snapshot)" "$before"


scenario "a broken template stops what may send a message, not a look at the day"
run fd --config "$WORK/nowhere.conf" day --date 2026-12-16
expect_status 0
expect_out "Late Client"
run fd --config "$WORK/nowhere.conf" book --name "Next Client" --email next@example.com \
    --service "Sports massage 60" --therapist jose --at "2026-12-16 14:00"
expect_status 78
expect_err "nowhere.txt"
expect_equal "$(snapshot)" "$before"
finish
