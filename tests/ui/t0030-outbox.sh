# The Outbox pane: every message the clinic owes a client that is still to
# go, with the error of one that failed; a preview of the message as it
# would go now; sending one or every one due through the mail program (a
# script here that records what it is given and refuses one address);
# voiding after a question; and every message, sent and void too, on a.
. "$TESTS/ui/lib.sh"
given fd init
given fd therapist add jose --name "José Núñez"
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed --from 09:00 --to 17:00
given fd book --name "Ann Lee" --email ann@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-30 09:00"
given fd book --name "Bo Bounce" --email fail.me@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-11-30 11:00"
given fd book --name "Di Nomail" --phone "07700 900123" --service "Sports massage 60" \
    --therapist jose --at "2026-11-30 13:00"
given fd request add --name "Cy Declined" --email cy@example.com --service "Sports massage 60" \
    --prefer "mon am"
given fd request decline 1 --reason "We are fully booked before Christmas"
given fd book --name "Ed Late" --email ed@example.com --service "Sports massage 60" \
    --therapist jose --at "2026-12-01 09:00"
# Messages: 1 Ann, 2 Bo, 3 Di (no way to reach her: no email, no texts set
# up), 4 the decline to Cy, 5 Ed; all due now.

# A sendmail that appends each message to a mailbox, and refuses the
# address fail.me@example.com.
cat >"$WORK/picky-mail" <<EOF
#!/bin/sh
message=\$(cat)
case "\$message" in
*"<fail.me@example.com>"*) echo "fail.me@example.com: user unknown" >&2; exit 67 ;;
esac
printf '%s\n' "\$message" >>"$WORK/mailbox"
EOF
chmod +x "$WORK/picky-mail"
given env XDG_CONFIG_HOME="$WORK/starter" "$FRONTDESK" --db "$WORK/scratch.db" init
sed '/^sendmail /d' "$WORK/starter/frontdesk/frontdesk.conf" >"$WORK/picky.conf"
printf 'sendmail = "%s/picky-mail -t"\n' "$WORK" >>"$WORK/picky.conf"

# The same with texts set up: a program that records the number it is
# given and the text on its standard input.
cat >"$WORK/record-sms" <<EOF
#!/bin/sh
printf '%s\n' "\$1" >>"$WORK/texts"
cat >>"$WORK/texts"
EOF
chmod +x "$WORK/record-sms"
cp "$WORK/picky.conf" "$WORK/sms.conf"
printf 'sms_command = "%s/record-sms"\n' "$WORK" >>"$WORK/sms.conf"

state_of() { sql "SELECT state FROM outbox WHERE id = $1"; }

scenario "pane 4 is the Outbox: what is still to go, counted in the header too"
start "$FRONTDESK" --config "$WORK/picky.conf" --db "$DB" --now "'$NOW'"
expect_screen "4 Outbox"
expect_screen "unsent 5"
keys 4
expect_screen "Outbox, still to go: 5 messages"
expect_screen "KIND          STATE        DUE          CLIENT"
expect_screen "confirmation  queued       11-24 10:00  Ann Lee             appt #1 11-30 09:00"
expect_screen "decline       queued       11-24 10:00  Cy Declined         request #1"

scenario "Enter previews the email as it would go now, whole and scrollable"
keys Enter
expect_screen "Message #1 as it would go now"
expect_screen "As it would go now, by email to ann@example.com:"
expect_screen "To: Ann Lee <ann@example.com>"
expect_screen "Subject: Your appointment on Monday 30 November 2026 at 09:00"
expect_screen "↑/↓ scroll (lines 1-"
keys End
expect_screen "(Booking reference: 1)"
keys Escape
expect_screen "Outbox, still to go: 5 messages"
expect_not_screen "Message #1 as it would go now"

scenario "a client nobody can reach is said so, and the preview says why it cannot go"
keys Down Down
expect_screen "#3 confirmation to Di Nomail <no email> +447700900123, prefers email: CANNOT BE REACHED"
keys p
expect_screen "It cannot go now:"
expect_not_screen "As it would go now"
keys Escape

scenario "s sends the selected message through the mail program and marks it sent"
keys Home s
expect_screen "Sent the confirmation to Ann Lee by email (ann@example.com)."
expect_screen "Outbox, still to go: 4 messages"
expect_screen "unsent 4"
expect_not_screen "queued       11-24 10:00  Ann Lee"
expect_equal "$(state_of 1)" "sent"
grep -q "^To: Ann Lee <ann@example.com>" "$WORK/mailbox" && pass || fail "the mailbox lacks Ann's message"

scenario "a message the mail program refuses stays, failed, with its error"
keys s
expect_screen "Not sent: sendmail exited with status 67: fail.me@example.com: user unknown"
expect_screen "confirmation  failed       11-24 10:00  Bo Bounce"
expect_screen "failed after 1 attempt: sendmail exited with status 67: fail.me@example.com: user unknown"
expect_equal "$(state_of 2)" "failed"
expect_running

scenario "v asks first: n leaves the message, y voids it"
keys Down Down
expect_screen "#4 decline to Cy Declined"
keys v
expect_screen "Void the decline to Cy Declined? It will never be sent. (y/n)"
keys n
expect_screen "Nothing changed."
expect_equal "$(state_of 4)" "queued"
keys v
expect_screen "(y/n)"
keys y
expect_screen "Message #4 voided: it will not be sent."
expect_screen "Outbox, still to go: 3 messages"
expect_not_screen "Cy Declined"
expect_equal "$(state_of 4)" "void"

scenario "a shows every message, sent and void too, and a again only those to go"
keys a
expect_screen "Outbox, every message: 5"
expect_screen "confirmation  sent         11-24 10:00  Ann Lee"
expect_screen "decline       void         11-24 10:00  Cy Declined"
keys a
expect_screen "Outbox, still to go: 3 messages"
expect_not_screen "Cy Declined"

scenario "S asks, then sends every message due; those not sent stay in the outbox"
keys S
expect_screen "Send the 3 messages due now? (y/n)"
keys y
expect_screen "Sent 1, 2 failed (they stay in the outbox)"
expect_screen "Outbox, still to go: 2 messages"
expect_equal "$(state_of 5)" "sent"
expect_equal "$(state_of 2)" "failed"
# Nobody can reach Di: nothing was tried, and her message waits.
expect_equal "$(state_of 3)" "queued"
grep -q "^To: Ed Late <ed@example.com>" "$WORK/mailbox" && pass || fail "the mailbox lacks Ed's message"
keys q
expect_exited

scenario "with texts set up, a client with only a mobile is previewed and sent a text"
start "$FRONTDESK" --config "$WORK/sms.conf" --db "$DB" --now "'$NOW'"
keys 4
expect_screen "Outbox, still to go: 2 messages"
keys End
expect_screen "#3 confirmation to Di Nomail <no email> +447700900123, prefers email"
expect_not_screen "CANNOT BE REACHED"
keys p
expect_screen "As it would go now, by text to +447700900123:"
keys Escape s
expect_screen "Sent the confirmation to Di Nomail by text (+447700900123)."
expect_equal "$(state_of 3)" "sent"
expect_equal "$(head -n 1 "$WORK/texts")" "+447700900123"
keys q
expect_exited

finish
