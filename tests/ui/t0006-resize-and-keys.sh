# The interface survives resizing down to 20x5 and back, NO_COLOR, and
# thousands of random key presses (CI runs this under ASan and UBSan too).
. "$TESTS/ui/lib.sh"
given fd demo

scenario "resizing down to 20x5 says the terminal is too small, and back redraws"
start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
for size in "80 24" "60 12" "40 10" "20 5" "80 24" "100 30" "20 5" "120 40"; do
    resize $size
    sleep 0.1
done
expect_screen "Tuesday 2026-11-24"
resize 20 5
expect_screen "Terminal too smal"
expect_running
resize 80 24
expect_screen "Tuesday 2026-11-24"
for pane in 2 3 4 5 1; do
    keys $pane
    resize 20 5
    sleep 0.05
    resize 80 24
done
expect_running

scenario "random keys, thousands of them, crash nothing"
seed=7
set -- Up Down Left Right Enter Escape Tab BTab Home End PPage NPage BSpace \
    1 2 3 4 5 8 n x b d w s S m p o r e t h l j k y Y / ? a z 0 9 Space "-" ":" C-u
count=$#
batch=""
i=0
while [ $i -lt 3000 ]; do
    seed=$(( (seed * 1103515245 + 12345) % 2147483648 ))
    index=$(( seed % count + 1 ))
    eval "key=\${$index}"
    batch="$batch $key"
    i=$((i + 1))
    # Forty keys a time: fast, and still many separate reads for the program.
    if [ $((i % 40)) -eq 0 ]; then
        # shellcheck disable=SC2086
        keys $batch
        batch=""
        sleep 0.02
        [ "$(pane_dead)" = "1" ] && break
    fi
done
sleep 0.5
expect_running
keys Escape Escape Escape
sleep 0.3
keys Escape
sleep 0.3
keys q
sleep 0.5
# q may have answered a question or closed a popup: press it until it quits.
for attempt in 1 2 3 4 5; do
    [ "$(pane_dead)" = "1" ] && break
    keys Escape
    sleep 0.2
    keys q
    sleep 0.3
done
expect_exited
sqlite_only "PRAGMA integrity_check is SQLite's check of its file" &&
    { [ "$(sql 'PRAGMA integrity_check')" = "ok" ] && pass || fail "integrity"; }

scenario "NO_COLOR still shows everything, in attributes only"
start env NO_COLOR=1 "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
keys 3
expect_screen "Pending requests"
keys q
expect_exited
finish
