#!/bin/sh
# A throwaway PostgreSQL server for one test run, from Debian's postgresql
# package: initdb and pg_ctl into a fresh folder under /tmp, listening on a
# unix socket in that folder only (no TCP port, no system service), trusted
# for the user running the tests, who is its superuser.  Built for speed,
# not safety: fsync is off, since the folder goes when the run ends
# (PG_SERVER_DURABLE=1 keeps PostgreSQL's own settings, for benchmarks;
# PG_SERVER_OPTIONS adds -c settings of the caller's).
#
#   sh tests/pg-server.sh start STATE [SQL]   starts one, and writes STATE
#   sh tests/pg-server.sh stop STATE          stops it and removes its folder
#
# SQL, when given, is run in template1 once the server is up, so that every
# database made on it has what it adds (the tests' SQLite functions,
# tests/pg-sqlite-functions.sql).
#
# STATE is a file of shell assignments that tests/test-lib.sh reads:
# PG_BIN (the server's programs) and PG_SOCKET (the socket's folder).
# As root, the server runs as nobody (PostgreSQL refuses to run as root);
# the folder is in /tmp because root's own folders may be closed to it.
set -eu
action=${1:?usage: pg-server.sh start|stop STATE}
state=${2:?usage: pg-server.sh start|stop STATE}
case "$state" in /*) ;; *) state="$(pwd)/$state" ;; esac
template_sql=${3:-}
case "$template_sql" in /* | "") ;; *) template_sql="$(pwd)/$template_sql" ;; esac
# The server's owner may not enter the caller's folder (root's, in CI).
cd /

# The newest installed server's programs.
find_bin() {
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    echo "pg-server: no PostgreSQL server found (install the postgresql package:" \
        "sh scripts/install-deps)" >&2
    return 1
}

# as_server CMD...: runs CMD as the server's owner.
as_server() {
    if [ "$(id -u)" = 0 ]; then
        setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/tmp "$@"
    else
        "$@"
    fi
}

stop() {
    [ -f "$state" ] || return 0
    # shellcheck disable=SC1090
    . "$state"
    if [ -n "${PG_SOCKET:-}" ] && [ -d "$PG_SOCKET/data" ]; then
        as_server "$PG_BIN/pg_ctl" -D "$PG_SOCKET/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    case "${PG_SOCKET:-}" in /tmp/frontdesk-pg.*) rm -rf "$PG_SOCKET" ;; esac
    rm -f "$state"
}

start() {
    stop # a server left by an interrupted run
    bin=$(find_bin)
    dir=$(mktemp -d /tmp/frontdesk-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown nobody:nogroup "$dir"
    if ! as_server "$bin/initdb" -D "$dir/data" -U "$(id -un)" --auth=trust -E UTF8 \
        --locale=C --no-sync >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        rm -rf "$dir"
        return 1
    fi
    # pg_ctl hands -o to a shell: one line.
    options="-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=60"
    if [ "${PG_SERVER_DURABLE:-0}" = 1 ]; then
        options="$options -c shared_buffers=256MB"
    else
        options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        options="$options -c shared_buffers=64MB"
    fi
    options="$options ${PG_SERVER_OPTIONS:-}"
    if ! as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "$options" start >/dev/null; then
        cat "$dir/server.log" >&2
        rm -rf "$dir"
        return 1
    fi
    if [ -n "$template_sql" ] && ! "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -d template1 \
        -f "$template_sql" >/dev/null; then
        as_server "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
        rm -rf "$dir"
        return 1
    fi
    printf 'PG_BIN=%s\nPG_SOCKET=%s\n' "$bin" "$dir" >"$state"
    echo "pg-server: $("$bin/postgres" --version) on $dir"
}

case "$action" in
start) start ;;
stop) stop ;;
*) echo "usage: pg-server.sh start|stop STATE" >&2; exit 64 ;;
esac
