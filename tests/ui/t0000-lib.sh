# The interface test library itself (tests/ui/lib.sh): once a step of a
# scenario fails, the scenario's remaining keys are not typed, so they
# cannot land on a screen nobody expected; the report shows the screen; and
# when the script ends, its tmux server, socket and work folder are gone.
# The story is a small interface script written to $WORK and run on its
# own, typing into `cat`; this script checks what it printed and left, with
# the command-line helpers.
. "$TESTS/cli/lib.sh"

cat >"$WORK/typing.sh" <<EOF
. "\$TESTS/ui/lib.sh"
printf '%s\n' "\$SOCKET" "\$WORK" >"$WORK/left-behind"
scenario "the check after the first keys fails"
start cat
keys "typed before" Enter
expect_screen "typed before"
expect_screen "never on the screen" 1
keys "typed after" Enter

scenario "the next scenario sees only the keys before the failure"
expect_screen "typed before"
expect_not_screen "typed after"
finish
EOF

scenario "a failed step in an interface scenario types none of its remaining keys"
run sh "$WORK/typing.sh"
expect_status 1
expect_equal "$(grep -c '^FAIL' "$WORK/out")" "1"
expect_out 'FAIL: scenario "the check after the first keys fails", step 4 (expect_screen): screen lacks "never on the screen"'
expect_out "--- screen ---"
expect_out "typed before"
expect_no_out "typed after"
expect_out "scenarios: 1 passed, 1 failed; 1 steps skipped"

scenario "the script's tmux server, its socket and its work folder are gone when it ends"
socket=$(sed -n 1p "$WORK/left-behind")
folder=$(sed -n 2p "$WORK/left-behind")
expect_equal "${socket%-*} ${folder%.*}" "frontdesk-test ${TMPDIR:-/tmp}/frontdesk-ui"
expect_equal "$(tmux -L "$socket" has-session 2>/dev/null && echo running || echo gone)" "gone"
expect_equal "$(ls "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)" | grep -cx "$socket")" "0"
expect_equal "$([ -e "$folder" ] && echo left || echo removed)" "removed"

finish
