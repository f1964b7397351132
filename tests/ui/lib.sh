# Helpers for interface scenarios: the real program runs in a private tmux
# server; tests type with send-keys and read the screen with capture-pane,
# as a person would.  The first failing step stops its scenario, so its
# remaining keys are never typed into a screen nobody expected; a failing
# `given` stops the script (see tests/test-lib.sh).  The tmux server goes
# with the script, however it ends.  Sourced by tests/ui/t*.sh.
WORK_PREFIX=frontdesk-ui
. "$TESTS/test-lib.sh"
SOCKET="frontdesk-test-$$"

# kill-server leaves the socket file behind; it goes too.
clean_up() {
    tmux -L "$SOCKET" kill-server 2>/dev/null
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCKET"
}

# A failure report shows the screen as it was.
show_context() { printf -- '--- screen ---\n%s\n--------------\n' "$(screen)"; }

# start [ENV=VALUE ...] -- ARGS: opens the program at 100x30 (or $COLS x $ROWS).
start() {
    step start || return 0
    # The server of a program started before goes, socket and all: a new
    # session must not reach a server still shutting down ("server exited
    # unexpectedly").
    clean_up
    # remain-on-exit keeps a crashed program's last screen for the report.
    printf 'set -g remain-on-exit on\nset -g status off\n' >"$WORK/tmux.conf"
    tmux -L "$SOCKET" -f "$WORK/tmux.conf" new-session -d -s ui -x "${COLS:-100}" \
        -y "${ROWS:-30}" "exec env TERM=screen-256color $*"
}
# The desk the steps act on: ui, the one start opened, or other (see on_other).
DESK=ui
keys() {
    step keys || return 0
    tmux -L "$SOCKET" send-keys -t "$DESK" "$@"
}
screen() { tmux -L "$SOCKET" capture-pane -p -t "$DESK" 2>/dev/null; }

# A second desk beside the first, for changes that reach one from the
# other: start_other ARGS opens it (after start, at the same size), and
# on_other STEP ARGS runs one step there, as in on_other keys q.
start_other() {
    step start_other || return 0
    tmux -L "$SOCKET" new-session -d -s other -x "${COLS:-100}" -y "${ROWS:-30}" \
        "exec env TERM=screen-256color $*"
}
on_other() {
    DESK=other
    "$@"
    DESK=ui
}
resize() {
    step resize || return 0
    tmux -L "$SOCKET" resize-window -t ui -x "$1" -y "$2" 2>/dev/null
}

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
    step expect_screen || return 0
    if wait_for "$1" "${2:-5}"; then step_ok; else step_failed "screen lacks \"$1\""; fi
}
expect_not_screen() {
    step expect_not_screen || return 0
    sleep 0.3
    if screen | grep -qF -- "$1"; then step_failed "screen has \"$1\""; else step_ok; fi
}
# offers_config: writes $WORK/offers.conf, the starter config with one
# offer, "january-first-session": 10% off the first session of a client
# who had joined the list self-care, for appointments in January 2027.
# fdo runs the binary with it on the test database at the test clock.
offers_config() {
    XDG_CONFIG_HOME="$WORK/starter" "$FRONTDESK" --db "$WORK/scratch.db" init >/dev/null || return 1
    cp "$WORK/starter/frontdesk/frontdesk.conf" "$WORK/offers.conf"
    cat >>"$WORK/offers.conf" <<'EOF'
offer "january-first-session" {
  percent        = 10
  from           = "2027-01-01"
  to             = "2027-01-31"
  first_session  = true
  subscribers_of = {"self-care"}
}
EOF
}
fdo() { "$FRONTDESK" --config "$WORK/offers.conf" --db "$DB" --now "$NOW" "$@"; }

# The footer (the screen's last line) offers a key, or does not.
footer() { screen | tail -n 1; }
expect_footer_has() {
    step expect_footer_has || return 0
    if footer | grep -qF -- "$1"; then step_ok; else step_failed "the footer lacks \"$1\""; fi
}
expect_footer_lacks() {
    step expect_footer_lacks || return 0
    if footer | grep -qF -- "$1"; then step_failed "the footer offers \"$1\""; else step_ok; fi
}
# The program is still running (not crashed, not exited).
pane_dead() { tmux -L "$SOCKET" display-message -p -t "$DESK" '#{pane_dead}' 2>/dev/null; }
exit_status() { tmux -L "$SOCKET" display-message -p -t "$DESK" '#{pane_dead_status}' 2>/dev/null; }
expect_running() {
    step expect_running || return 0
    if [ "$(pane_dead)" = "0" ]; then
        step_ok
    else
        step_failed "frontdesk is not running (exit $(exit_status))"
    fi
}
# expect_exited [STATUS]: the program ended, with STATUS (default 0).
expect_exited() {
    step expect_exited || return 0
    i=0
    while [ $i -lt 100 ]; do
        if [ "$(pane_dead)" = "1" ]; then
            sleep 0.1
            # tmux leaves the status empty for some clean exits.
            got=$(exit_status)
            if [ "${got:-0}" = "${1:-0}" ]; then step_ok; else step_failed "exit status $got"; fi
            return 0
        fi
        sleep 0.05
        i=$((i + 1))
    done
    step_failed "frontdesk did not exit"
}
# expect_output TEXT CMD...: CMD (a helper reading part of the screen)
# prints exactly TEXT, within two seconds.
expect_output() {
    step expect_output || return 0
    want=$1
    shift
    i=0
    while [ $i -lt 40 ]; do
        [ "$("$@")" = "$want" ] && { step_ok; return 0; }
        sleep 0.05
        i=$((i + 1))
    done
    step_failed "$* shows \"$("$@")\", expected \"$want\""
}
