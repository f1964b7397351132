# The house keeps its one-way layers: the faces (command line and
# interface) reach data only through the operations, the interface does not
# lean on the command line, and only the store speaks SQL.  Each check is a
# grep a reviewer would run by hand; this script makes CI run them.
. "$TESTS/cli/lib.sh"
SRC="$TESTS/../src"

# found PATTERN DIR...: the lines that match, as "file:line: text".
found() {
    pattern=$1
    shift
    grep -rnE -- "$pattern" "$@" 2>/dev/null | sed "s|^$SRC/||"
}

scenario "the command line and the interface call no store function"
expect_equal "$(found 'store_[a-z_]*\(' "$SRC/ui" "$SRC/cli")" ""

scenario "they include no store header"
expect_equal "$(found '#include.*[/"<](store[a-z_]*|db)\.h' "$SRC/ui" "$SRC/cli")" ""

scenario "the interface does not depend on the command line"
expect_equal "$(found '#include.*[/"<]cli(_[a-z]+)?\.h|(^|[^a-z_])cli_[a-z_]*\(' "$SRC/ui")" ""

scenario "only the store speaks SQL"
expect_equal "$(found '#include <sqlite3.h>|sqlite3_' "$SRC/core" "$SRC/ops" "$SRC/config" "$SRC/cli" "$SRC/ui" "$SRC/main.c")" ""

scenario "the core does no I/O through the upper layers"
expect_equal "$(found '#include.*(ops|store|cli|ui|curses|config)[a-z_/]*\.h' "$SRC/core")" ""

scenario "states are constants, not words compared in many places"
expect_equal "$(found 'strcmp\([^)]*"(booked|cancelled|pending|waiting|unsent|sent|failed|declined|withdrawn|offered|removed|completed|no-show|arrived)"' "$SRC")" ""

finish
