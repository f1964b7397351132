# Two desks open on one database: what one adds reaches the other's
# screen within a second, no key pressed.  On PostgreSQL a desk whose
# connection is lost says "reconnecting…" in its header, keeps what is
# being typed, and once the server takes it back shows everything afresh,
# other desks' changes made meanwhile included.
. "$TESTS/ui/lib.sh"
given fd init

# add_request NAME EMAIL: fills the new-request form of the Requests pane.
add_request() {
    keys n
    expect_screen "New request"
    keys "$1" Tab "$2" Tab Tab Tab "thu pm" Enter
    expect_screen "Added the request from $1"
}

scenario "a request added at one desk appears at the other within a second"
start "$FRONTDESK" --db "'$DB'" --now "'$NOW'"
keys 3
expect_screen "Pending requests by reply-by time"
start_other "$FRONTDESK" --db "'$DB'" --now "'$NOW'"
on_other keys 3
on_other expect_screen "Pending requests by reply-by time"
add_request "Nora New" nora@example.com
on_other expect_screen "Nora New" 1

scenario "and the other way round"
on_other add_request "Omar Other" omar@example.com
expect_screen "Omar Other" 1
keys q
expect_exited
on_other keys q
on_other expect_exited

[ "$ENGINE" = pg ] || {
    echo "skipped on SQLite: a lost connection to a database server"
    finish
}

# The desk logs in as a role of its own, so that the server can refuse it
# alone while the other desks (the command line here) carry on.
role="frontdesk_desk_$$"
admin() {
    "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$PG_SOCKET" -d postgres -c "$1" >/dev/null
}
cut_off() { admin "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '$role'"; }
given admin "CREATE ROLE $role LOGIN SUPERUSER"
# wait_gone TEXT: the screen loses TEXT within two seconds.
wait_gone() {
    step wait_gone || return 0
    i=0
    while [ $i -lt 40 ]; do
        screen | grep -qF -- "$1" || { step_ok; return 0; }
        sleep 0.05
        i=$((i + 1))
    done
    step_failed "the screen still has \"$1\""
}

scenario "a password in the desk's address is not in its command line, which ps shows"
start "$FRONTDESK" --db "'postgresql://$role:s3cret@/${DB#postgresql:///}'" --now "'$NOW'"
keys 3
expect_screen "Nora New"
desk_pid=$(tmux -L "$SOCKET" display-message -p -t ui '#{pane_pid}')
expect_equal "$(tr '\0' ' ' <"/proc/$desk_pid/cmdline" | grep -c "$role@/")" "1"
expect_equal "$(grep -c s3cret "/proc/$desk_pid/cmdline")" "0"

scenario "a desk whose connection is cut says it is reconnecting, and what is typed stays"
expect_screen "Nora New"
expect_not_screen "reconnecting…"
keys n
expect_screen "New request"
keys "Pat Patient" Tab "pat@"
given admin "ALTER ROLE $role NOLOGIN"
given cut_off
expect_screen "reconnecting…" 2
keys "example.com"
expect_screen "pat@example.com"
expect_screen "Pat Patient"
expect_running

scenario "saving while the server is away is refused with the reason; the form stays as typed"
keys Tab Tab Tab "thu pm" Enter
expect_screen "lost the connection to the database server; try again once it is back"
expect_screen "pat@example.com"
expect_screen "thu pm"
expect_not_screen "Added the request"

scenario "back again: the header says so no more, and the form saves what was typed"
given fd request add --name "Away Annie" --email annie@example.com --service "Sports massage 30"
given admin "ALTER ROLE $role LOGIN"
wait_gone "reconnecting…"
keys Enter
expect_screen "Added the request from Pat Patient"
expect_equal "$(sql "SELECT email FROM request WHERE name = 'Pat Patient'")" "pat@example.com"

scenario "everything is read afresh: a change made while the desk was away is shown"
expect_screen "Away Annie" 2

scenario "a connection cut while the server still takes it is made again at once"
given cut_off
given fd request add --name "Back Bob" --email bob@example.com --service "Sports massage 30"
expect_screen "Back Bob" 2
expect_not_screen "reconnecting…"
keys q
expect_exited
given admin "DROP ROLE $role"

finish
