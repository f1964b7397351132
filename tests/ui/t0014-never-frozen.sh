# The screen never freezes: sending a run of messages from the Outbox shows
# how far it has got and stops after the message under way when Esc is
# pressed; a change that has to wait for another desk's lock says so at
# once, then goes through.
. "$TESTS/ui/lib.sh"
given fd init
given fd therapist add jose --name "José Núñez"
given fd rota add jose --clinic "Clinic" --weekly mon,tue,wed --from 09:00 --to 17:00
for hour in 09 11 13 15; do
    given fd book --name "Client $hour" --email "c$hour@example.com" --service "Sports massage 60" \
        --therapist jose --at "2026-11-30 $hour:00"
done
# A sendmail that takes two seconds a message.
printf '#!/bin/sh\ncat >>"%s/mailbox"\nsleep 2\n' "$WORK" >"$WORK/slow-mail"
chmod +x "$WORK/slow-mail"
given env XDG_CONFIG_HOME="$WORK/starter" "$FRONTDESK" --db "$WORK/scratch.db" init
sed '/^sendmail /d' "$WORK/starter/frontdesk/frontdesk.conf" >"$WORK/slow.conf"
printf 'sendmail = "%s/slow-mail"\n' "$WORK" >>"$WORK/slow.conf"

scenario "sending all shows its progress, and Esc stops after the message under way"
start "$FRONTDESK" --config "$WORK/slow.conf" --db "$DB" --now "'$NOW'"
keys 4
expect_screen "Client 09"
keys S
expect_screen "Send the 4 messages due now? (y/n)"
keys y
expect_screen "Sending 1 of 4… Esc stops after this one."
keys Escape
expect_screen "Stopped: sent 1, 3 still to send." 6
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE confirmation = 'sent'")" "1"
expect_running

scenario "a change that waits for another desk says so, then goes through"
hold_write_lock 3
sleep 0.5
keys m
expect_screen "by phone? (y/n)"
keys y
expect_screen "Waiting for another desk…" 3
wait "$locker"
expect_screen "confirmed by phone" 8
expect_equal "$(sql "SELECT count(*) FROM appointment WHERE confirmation = 'sent'")" "2"
keys q
expect_exited

finish
