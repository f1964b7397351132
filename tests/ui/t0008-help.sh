# The help (?) is generated from the key table: it fits an 80x24 screen
# (and the 60x12 minimum), scrolls and says so, lists each action once with
# all its keys, grouped by pane, and draws nothing outside its box.
. "$TESTS/ui/lib.sh"
given fd demo

# The lines of the help's box, from its top border to its bottom one.
box() { screen | sed -n '/┌─Keys/,/└/p'; }
# expect_count PATTERN N: N lines of the box match PATTERN.
expect_count() {
    step expect_count || return 0
    got=$(box | grep -c -- "$1")
    if [ "$got" = "$2" ]; then step_ok; else step_failed "\"$1\" on $got lines, expected $2"; fi
}
# The widest line read on stdin, in characters.
widest() { python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in sys.stdin))'; }

scenario "? at 80x24 opens the keys of the pane in view first, and says how to scroll"
COLS=80 ROWS=24 start "$FRONTDESK" --db "$DB" --now "'$NOW'"
expect_screen "Tuesday 2026-11-24"
keys '?'
expect_screen "┌─Keys"
expect_screen "Day pane"
expect_screen "↑/↓ scroll (lines 1-17 of"

scenario "an action shows once, with all its keys"
expect_screen "h/S-Left   previous therapist"
expect_count "Enter" 1
expect_count "previous therapist" 1

scenario "the box fits the screen: header, tabs and footer are still there"
[ "$(screen | sed -n 1p | cut -c2-10)" = "Riverside" ] && pass || fail "the header was drawn over"
[ "$(screen | sed -n 2p | cut -c1-7)" = " 1 Day " ] && pass || fail "the tabs were drawn over"
expect_screen "q quit"
[ "$(box | wc -l)" = "20" ] && pass || fail "the box has $(box | wc -l) lines, expected 20"
[ "$(box | widest)" -le 80 ] && pass || fail "a line is $(box | widest) characters wide"

scenario "Down scrolls a line, PgDn a page, End to the last group"
keys Down
expect_screen "(lines 2-18 of"
keys NPage
expect_screen "(lines 18-34 of"
keys End
expect_screen "Lists pane"
expect_screen "every offer of the config, in full"
expect_screen "Inbox pane"
expect_screen "handled messages too (again: those waiting)"

scenario "the whole help, read page by page, lists no key twice in a group"
# Each page says which lines it shows: put them together, then look.
keys Home
: >"$WORK/help"
for page in 1 2 3 4 5 6; do
    sleep 0.2
    box >>"$WORK/help"
    keys NPage
done
dupes=$(python3 - "$WORK/help" <<'PY'
import re, sys
lines, page = {}, []
for row in open(sys.argv[1], encoding="utf-8"):
    shown = re.search(r"lines (\d+)-(\d+) of", row)
    if shown:
        for offset, text in enumerate(page):
            lines[int(shown.group(1)) + offset] = text
        page = []
    elif row.count("│") == 2:
        page.append(row.split("│")[1])
group, seen = "", set()
for number in sorted(lines):
    text = lines[number]
    if text.startswith(" ") and not text.startswith("   ") and text.strip():
        group = text.strip()
    elif text.strip():
        key = (group, text.split()[0])
        if key in seen:
            print(*key)
        seen.add(key)
print("groups", len({g for g, _ in seen}))
PY
)
[ "$dupes" = "groups 9" ] && pass || fail "expected nine groups and no key twice: $dupes"

scenario "any other key closes it"
keys Escape
expect_screen "Tuesday 2026-11-24"
expect_not_screen "┌─Keys"

scenario "at the 60x12 minimum it still fits and scrolls"
resize 60 12
keys '?'
expect_screen "┌─Keys"
expect_screen "scroll (lines 1-5 of"
[ "$(box | wc -l)" = "8" ] && pass || fail "the box has $(box | wc -l) lines, expected 8"
[ "$(box | widest)" -le 60 ] && pass || fail "a line is $(box | widest) characters wide"
keys End
expect_screen "handled messages too"
keys Escape
keys q
expect_exited
finish
