# Whose database: frontdesk marks its databases and touches no one else's.
# Another program's SQLite file, a file that is not SQLite and an empty file
# are refused and left exactly as they were; a database the user may read
# but not write can still be read; another program's lock is "busy".  On
# PostgreSQL the same promises are kept for a server's databases: another
# program's tables or mark are refused untouched, an empty database becomes
# a clinic only through init, and a desk waiting too long for another's
# write lock is told "busy" while readers never wait.
. "$TESTS/cli/lib.sh"

# expect_refused_as_foreign DB: reading, writing and init all refuse DB as
# another program's, in one line.
expect_refused_as_foreign() {
    for command in day "request list" init; do
        # shellcheck disable=SC2086
        run "$FRONTDESK" --db "$1" --now "$NOW" $command
        expect_status 65
        expect_one_error_line
        expect_err "another program's database (it holds other tables); nothing was changed"
    done
}

if [ "$ENGINE" = pg ]; then
    # psql_on DB SQL: runs SQL on another database of the server.
    psql_on() { "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "$1" -c "$2" >/dev/null; }
    tables_of() { (DB=$1 && sql "SELECT string_agg(tablename, ' ' ORDER BY tablename)
        FROM pg_tables WHERE schemaname = current_schema()"); }

    scenario "another program's database is refused, and not a table of it changes"
    new_database
    other=$new_db
    given psql_on "$other" "CREATE TABLE invoice(id bigint PRIMARY KEY, total bigint);
        INSERT INTO invoice(id, total) VALUES (1, 4200)"
    expect_refused_as_foreign "$other"
    expect_equal "$(tables_of "$other")" "invoice"

    scenario "a database marked by another program is refused"
    new_database
    given psql_on "$new_db" "CREATE TABLE frontdesk_mark(application_id bigint,
        schema_version bigint); INSERT INTO frontdesk_mark VALUES (1234, 1)"
    run "$FRONTDESK" --db "$new_db" --now "$NOW" day
    expect_status 65
    expect_err "another program's database (application id 1234)"

    scenario "an empty database becomes a clinic only through init"
    run fd day
    expect_status 66
    expect_one_error_line
    expect_err "no database here; create one with 'frontdesk init'"
    expect_equal "$(tables_of "$DB")" ""
    run fd init
    expect_status 0
    run fd day
    expect_status 0

    scenario "frontdesk's own databases carry its mark"
    expect_equal "$(sql 'SELECT application_id FROM frontdesk_mark')" "1178882891"

    scenario "a database that is not there is named, with what makes one"
    run "$FRONTDESK" --db "postgresql:///no_such_clinic?host=$PG_SOCKET" --now "$NOW" day
    expect_status 66
    expect_one_error_line
    expect_err "no such database"
    expect_err "createdb"

    scenario "a password in the database's address is never shown"
    run "$FRONTDESK" --db "postgresql://$(id -un):s3cret@/no_such_clinic?host=$PG_SOCKET" \
        --now "$NOW" day
    expect_status 66
    expect_one_error_line
    expect_err "postgresql://$(id -un)@/no_such_clinic"
    grep -q s3cret "$WORK/err" && fail "the password is in: $(cat "$WORK/err")" || pass
    run "$FRONTDESK" --db "postgresql:///$(basename "${DB%%\?*}")?host=$PG_SOCKET&password=s3cret" \
        --now "$NOW" init
    expect_status 0
    grep -q s3cret "$WORK/out" && fail "the password is in: $(cat "$WORK/out")" || pass

    scenario "a desk waiting too long for another's write lock is 'busy' (75); readers never wait"
    given fd demo
    hold_write_lock 8
    sleep 1
    run fd day
    expect_status 0
    run fd therapist add lee --name "Lee Park"
    expect_status 75
    expect_one_error_line
    expect_err "the database stayed busy (another desk is writing); try again"
    wait "$locker"
    run fd therapist add lee --name "Lee Park"
    expect_status 0
    sqlite_only "files that are not SQLite, a file the user may only read, SQLite's own locks" ||
        finish
fi

given fd demo
other="$WORK/accounts.db"
notes="$WORK/notes.txt"
empty="$WORK/empty.db"
given sqlite3 "$other" "CREATE TABLE invoice(id INTEGER PRIMARY KEY, total INTEGER);
    INSERT INTO invoice(total) VALUES (4200)"
printf 'ring Mrs Jones back about Thursday\n' >"$notes"
: >"$empty"
sum() { md5sum <"$1"; }

scenario "another program's SQLite file is refused, and not a byte of it changes"
before=$(sum "$other")
expect_refused_as_foreign "$other"
expect_equal "$(sum "$other")" "$before"
expect_equal "$(ls "$WORK" | grep -c 'accounts.db-')" "0"

scenario "a file that is not a database at all is refused, untouched"
before=$(sum "$notes")
run "$FRONTDESK" --db "$notes" --now "$NOW" day
expect_status 65
expect_err "not a frontdesk database"
run "$FRONTDESK" --db "$notes" --now "$NOW" book --name A --email a@example.com \
    --service "Sports massage 60" --therapist ahmed --at "2026-11-30 10:00"
expect_status 65
expect_equal "$(sum "$notes")" "$before"

scenario "a database marked by another program is refused"
given sqlite3 "$WORK/marked.db" "PRAGMA application_id = 1234; CREATE TABLE therapist(id)"
run "$FRONTDESK" --db "$WORK/marked.db" --now "$NOW" day
expect_status 65
expect_err "another program's database (application id 1234)"

scenario "an empty file becomes a database only through init"
run "$FRONTDESK" --db "$empty" --now "$NOW" day
expect_status 65
expect_err "an empty file, not a frontdesk database; make one with 'frontdesk init'"
expect_equal "$(wc -c <"$empty")" "0"
run "$FRONTDESK" --db "$empty" --now "$NOW" init
expect_status 0
run "$FRONTDESK" --db "$empty" --now "$NOW" day
expect_status 0

scenario "frontdesk's own databases carry its mark"
expect_equal "$(sql 'PRAGMA application_id')" "1178882891"

scenario "a database the user may read but not write can still be read"
# As root, read as an unprivileged user; as anyone else, take away the
# permission to write.
readonly_db="$WORK/readonly/clinic.db"
mkdir -p "$WORK/readonly"
cp "$DB" "$readonly_db"
rm -f "$DB-wal" "$DB-shm"
chmod 755 "$WORK" "$WORK/readonly"
chmod 644 "$readonly_db"
data="$WORK/readonly/data"
cp -r "$TESTS/../data" "$data"
chmod -R a+rX "$data"
if [ "$(id -u)" = 0 ]; then
    # The build may lie where nobody cannot go (a clone in /root): a copy of
    # the program can be reached.
    mkdir -p "$WORK/bin"
    cp "$FRONTDESK" "$WORK/bin/frontdesk"
    reader() { setpriv --reuid=nobody --regid=nogroup --clear-groups \
        env HOME=/tmp FRONTDESK_DATA_DIR="$data" "$WORK/bin/frontdesk" --db "$readonly_db" \
        --now "$NOW" "$@"; }
    chmod 755 "$WORK/readonly"
else
    reader() { FRONTDESK_DATA_DIR="$data" "$FRONTDESK" --db "$readonly_db" --now "$NOW" "$@"; }
    chmod 444 "$readonly_db"
    chmod 555 "$WORK/readonly"
fi
before=$(sum "$readonly_db")
for command in day "request list" "therapist list" "rota list" attention "client list" \
    "export csv appointments" "report sla" "confirmations" "waitlist list"; do
    # shellcheck disable=SC2086
    run reader $command
    expect_status 0
done
run reader day --json
expect_out '"therapists"'
run reader book --name A --email a@example.com --service "Sports massage 60" --therapist ahmed \
    --at "2026-11-30 10:00"
expect_status 74
expect_one_error_line
expect_err "you may read this database but not change it"
expect_equal "$(sum "$readonly_db")" "$before"
chmod 755 "$WORK/readonly"

scenario "another program's exclusive lock is 'busy' (exit 75), not a broken file"
{
    printf 'PRAGMA locking_mode = EXCLUSIVE;\nBEGIN EXCLUSIVE;\n'
    printf "INSERT INTO audit(at, who, what, entity) VALUES (0, 'x', 'x', 'x');\n"
    printf '.shell sleep 9\nROLLBACK;\n'
} | sqlite3 "$DB" >/dev/null 2>&1 &
locker=$!
sleep 1
run fd day
expect_status 75
expect_one_error_line
expect_err "another program holds the database locked; try again"
wait "$locker"
run fd day
expect_status 0

finish
