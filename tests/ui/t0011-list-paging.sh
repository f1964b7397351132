# PgDn and PgUp turn a list by the height it is drawn with: six requests
# at 80x24 (the list shares the pane with the details), twenty-five at
# 100x30 (the list has the pane's height beside them); the Day pane turns
# by the rows of time it shows.
. "$TESTS/ui/lib.sh"
given fd demo
for n in $(seq 10 39); do
    given fd request add --name "Page Person $n" --email "page$n@example.com" \
        --service "Sports massage 30"
done
# The pending requests in the pane's order, one "name|email" a line.
fd request list --json | python3 -c '
import json, sys
for r in json.load(sys.stdin): print(r["name"] + "|" + r["email"])' >"$WORK/requests"
count=$(wc -l <"$WORK/requests")
name() { sed -n "$(($1 + 1))p" "$WORK/requests" | cut -d'|' -f1; }
email() { sed -n "$(($1 + 1))p" "$WORK/requests" | cut -d'|' -f2; }
# The first row of the list (the line under the pane's title).
first_row() { screen | sed -n 4p; }
expect_first_row() {
    step expect_first_row || return 0
    i=0
    while [ $i -lt 40 ] && ! first_row | grep -qF -- "$1"; do sleep 0.05; i=$((i + 1)); done
    if first_row | grep -qF -- "$1"; then
        step_ok
    else
        step_failed "the list starts \"$(first_row)\", expected \"$1\""
    fi
}

scenario "there are more requests than any screen shows"
[ "$count" = "41" ] && pass || fail "$count pending requests"

scenario "at 80x24 the list shows six requests, and PgDn turns six"
COLS=80 ROWS=24 start "$FRONTDESK" --db "$DB" --now "'$NOW'"
keys 3
expect_screen "Pending requests by reply-by time: 41"
expect_first_row "$(name 0)"
keys NPage
expect_first_row "$(name 6)"
expect_screen "<$(email 6)>"
keys NPage
expect_first_row "$(name 12)"
expect_screen "<$(email 12)>"

scenario "PgUp turns back by the same six"
keys PPage
expect_first_row "$(name 6)"
expect_screen "<$(email 6)>"

scenario "at 100x30 the list is taller, and PgDn turns by that height"
resize 100 30
keys Home
expect_first_row "$(name 0)"
expect_screen "<$(email 0)>"
keys NPage
# Twenty-five down: the selection is the 26th request; the view stops
# where the last request is on its bottom row.
expect_screen "<$(email 25)>"
expect_first_row "$(name $((count - 25)))"
keys NPage
expect_screen "<$(email $((count - 1)))>"
keys PPage
expect_screen "<$(email $((count - 1 - 25)))>"

scenario "the Day pane turns by the rows of time it shows (18 at 80x24)"
resize 80 24
keys 1
# A frame drawn before the program hears of the resize may show for a
# moment: wait for the day's title on its own row of the 80x24 layout.
title_row() { screen | sed -n 3p | sed 's/ *$//'; }
expect_output " Tuesday 2026-11-24  (today)" title_row
time_row() { screen | sed -n 5p | cut -c1-5; }
before=$(time_row)
keys NPage
sleep 0.3
after=$(time_row)
minutes() { echo $(( $(echo "$1" | cut -c1-2 | sed 's/^0//') * 60 + $(echo "$1" | cut -c4-5 | sed 's/^0//') )); }
[ "$(( $(minutes "$after") - $(minutes "$before") ))" = "$(( 18 * 15 ))" ] && pass ||
    fail "the first row went from $before to $after, not 18 rows of 15 minutes"
keys q
expect_exited
finish
