# When sending goes wrong the Outbox never freezes and never sends twice by
# itself: a mail program that hangs shows the run's progress, Esc stops it
# after the message under way (killed after sendmail_timeout, and failed);
# a message a crashed run left sending shows as interrupted, is not sent
# by s, and r queues it again after a question; a therapist's read-only
# view has no Outbox at all.
. "$TESTS/ui/lib.sh"
given fd init
given fd therapist add prim --name "Primrose Okafor"
given fd rota add prim --clinic "Clinic" --weekly mon,tue,wed --from 09:00 --to 17:00
for hour in 09 11 13; do
    given fd book --name "Client $hour" --email "c$hour@example.com" --service "Sports massage 60" \
        --therapist prim --at "2026-11-30 $hour:00"
done
# A sendmail that never finishes, stopped after 2 seconds.
printf '#!/bin/sh\nexec sleep 30\n' >"$WORK/hang-mail"
chmod +x "$WORK/hang-mail"
given env XDG_CONFIG_HOME="$WORK/starter" "$FRONTDESK" --db "$WORK/scratch.db" init
sed '/^sendmail /d; s/^sendmail_timeout .*/sendmail_timeout = 2/' \
    "$WORK/starter/frontdesk/frontdesk.conf" >"$WORK/hang.conf"
printf 'sendmail = "%s/hang-mail -t"\n' "$WORK" >>"$WORK/hang.conf"

state_of() { sql "SELECT state FROM outbox WHERE id = $1"; }

scenario "a hanging mail program: the run shows its progress, and Esc stops it after that message"
start "$FRONTDESK" --config "$WORK/hang.conf" --db "$DB" --now "'$NOW'"
keys 4
expect_screen "Outbox, still to go: 3 messages"
keys S
expect_screen "Send the 3 messages due now? (y/n)"
keys y
expect_screen "Sending 1 of 3… Esc stops after this one."
keys Escape
expect_screen "Stopped: sent 0, 2 still to send." 6
expect_screen "sendmail did not finish within 2 seconds and was stopped"
expect_screen "confirmation  failed       11-24 10:00  Client 09"
expect_equal "$(state_of 1)" "failed"
expect_equal "$(sql "SELECT count(*) FROM outbox WHERE state = 'queued'")" "2"
expect_running

scenario "the screen answers at once after the run: the next key moves the selection"
keys Down
expect_screen "#2 confirmation to Client 11"
keys q
expect_exited

# A run that was killed while sending message 3, an hour ago.
given sql "UPDATE outbox SET state = 'sending', claimed_at = due - 60, attempts = 1,
    channel = 'email', recipient = 'c13@example.com' WHERE id = 3"

scenario "a message a crashed run left sending shows as interrupted; s does not send it"
start "$FRONTDESK" --config "$WORK/hang.conf" --db "$DB" --now "'$NOW'"
keys 4
expect_screen "confirmation  interrupted  11-24 10:00  Client 13"
keys End
expect_screen "interrupted: a run began sending it at 2026-11-24 09:00 and never came back"
keys s
expect_screen "message 3 is interrupted (retry it first)"
expect_equal "$(state_of 3)" "sending"

scenario "r asks, then queues the interrupted message to go again"
keys r
expect_screen "The confirmation to Client 13 may have gone already. Queue it to go again? (y/n)"
keys n
expect_screen "Nothing changed."
expect_equal "$(state_of 3)" "sending"
keys r
expect_screen "(y/n)"
keys y
expect_screen "Message #3 is queued again: s sends it now."
expect_screen "confirmation  queued       11-24 10:00  Client 13"
expect_equal "$(state_of 3)" "queued"

scenario "r on a message that was not interrupted is refused, saying why"
keys r
expect_screen "message 3 is queued, not sending"
expect_equal "$(state_of 3)" "queued"
keys q
expect_exited

scenario "a therapist's read-only view has no Outbox: 4 opens nothing, and nothing is sent"
before=$(sql "SELECT group_concat(state) FROM outbox")
start "$FRONTDESK" --config "$WORK/hang.conf" --db "$DB" --now "'$NOW'" --therapist prim
expect_screen "read-only: prim"
expect_not_screen "4 Outbox"
keys 4
expect_not_screen "Outbox, still to go"
keys S y s v y r y
expect_not_screen "Sending"
expect_equal "$(sql "SELECT group_concat(state) FROM outbox")" "$before"
keys q
expect_exited

finish
