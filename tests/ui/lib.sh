# Helpers for interface scenarios: the real program runs in a private tmux
# server; tests type with send-keys and read the screen with capture-pane,
# as a person would.  Sourced by tests/ui/t*.sh.
set -u
: "${FRONTDESK:?FRONTDESK must name the frontdesk binary}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/frontdesk-ui.XXXXXX")
SOCKET="frontdesk-test-$$"
trap 'tmux -L "$SOCKET" kill-server 2>/dev/null; rm -rf "$WORK"' EXIT
export HOME="$WORK" XDG_DATA_HOME="$WORK/data" XDG_CONFIG_HOME="$WORK/config"
export FRONTDESK_DATA_DIR="$TESTS/../data"
unset FRONTDESK_CONFIG NO_COLOR
DB="$WORK/clinic.db"
NOW="2026-11-24 10:00"
passed=0
failed=0
current=""

fd() { "$FRONTDESK" --db "$DB" --now "$NOW" "$@"; }
scenario() { current="$1"; }
pass() { passed=$((passed + 1)); }
fail() {
    failed=$((failed + 1))
    printf 'FAIL: %s: %s\n--- screen ---\n%s\n--------------\n' "$current" "$1" "$(screen)"
}

# start [ENV=VALUE ...] -- ARGS: opens the program at 100x30 (or $COLS x $ROWS).
start() {
    tmux -L "$SOCKET" kill-server 2>/dev/null
    # remain-on-exit keeps a crashed program's last screen for the report.
    printf 'set -g remain-on-exit on\nset -g status off\n' >"$WORK/tmux.conf"
    tmux -L "$SOCKET" -f "$WORK/tmux.conf" new-session -d -s ui -x "${COLS:-100}" \
        -y "${ROWS:-30}" "exec env TERM=screen-256color $*"
}
keys() { tmux -L "$SOCKET" send-keys -t ui "$@"; }
screen() { tmux -L "$SOCKET" capture-pane -p -t ui 2>/dev/null; }
resize() { tmux -L "$SOCKET" resize-window -t ui -x "$1" -y "$2" 2>/dev/null; }

# wait_for TEXT [SECONDS]: true once TEXT is on screen.
wait_for() {
    limit=$(( ${2:-5} * 20 ))
    i=0
    while [ $i -lt $limit ]; do
        screen | grep -qF -- "$1" && return 0
        sleep 0.05
        i=$((i + 1))
    done
    return 1
}
expect_screen() {
    if wait_for "$1" "${2:-5}"; then pass; else fail "screen lacks \"$1\""; fi
}
expect_not_screen() {
    sleep 0.3
    if screen | grep -qF -- "$1"; then fail "screen has \"$1\""; else pass; fi
}
# The program is still running (not crashed, not exited).
pane_dead() { tmux -L "$SOCKET" display-message -p -t ui '#{pane_dead}' 2>/dev/null; }
exit_status() { tmux -L "$SOCKET" display-message -p -t ui '#{pane_dead_status}' 2>/dev/null; }
expect_running() {
    if [ "$(pane_dead)" = "0" ]; then pass; else fail "frontdesk is not running (exit $(exit_status))"; fi
}
# expect_exited [STATUS]: the program ended, with STATUS (default 0).
expect_exited() {
    i=0
    while [ $i -lt 100 ]; do
        if [ "$(pane_dead)" = "1" ]; then
            sleep 0.1
            # tmux leaves the status empty for some clean exits.
            got=$(exit_status)
            if [ "${got:-0}" = "${1:-0}" ]; then pass; else fail "exit status $got"; fi
            return
        fi
        sleep 0.05
        i=$((i + 1))
    done
    fail "frontdesk did not exit"
}
finish() {
    printf '%d passed, %d failed\n' "$passed" "$failed"
    [ "$failed" -eq 0 ]
}
