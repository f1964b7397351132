# One schema, two engines: `frontdesk init` on an SQLite file and on a
# PostgreSQL database builds the same tables with the same columns, each of
# the same kind (a whole number or text) and the same NOT NULL, so that a
# migration added to one engine only (src/store/schema.c, schema_pg.c) is
# caught here.  Needs the PostgreSQL server: it runs as pg/cli/t0010-schemas.
. "$TESTS/cli/lib.sh"

if [ "$ENGINE" != pg ]; then
    printf 'skipped on SQLite: the comparison runs once, as pg/cli/t0010-schemas\n'
    finish
fi

# table|column|integer or text|notnull or null, one line each, sorted; the
# engines' own bookkeeping tables (sqlite_*, frontdesk_*) left out.
sqlite_columns() {
    sqlite3 -batch "$1" "SELECT m.name, p.name,
        CASE WHEN upper(p.type) LIKE '%INT%' THEN 'integer' ELSE 'text' END,
        CASE WHEN p.\"notnull\" OR p.pk THEN 'notnull' ELSE 'null' END
        FROM sqlite_master m, pragma_table_info(m.name) p
        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'" | LC_ALL=C sort
}
pg_columns() {
    (DB=$1 && sql "SELECT table_name, column_name,
        CASE WHEN data_type IN ('bigint', 'integer', 'smallint') THEN 'integer' ELSE 'text' END,
        CASE WHEN is_nullable = 'NO' THEN 'notnull' ELSE 'null' END
        FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name NOT LIKE 'frontdesk\_%'") |
        LC_ALL=C sort
}

sqlite_db="$WORK/schema.db"
given "$FRONTDESK" --db "$sqlite_db" --now "$NOW" init
given fd init

scenario "both engines are at the same schema version"
expect_equal "$(sql 'SELECT schema_version FROM frontdesk_mark')" \
    "$(sqlite3 -batch "$sqlite_db" 'PRAGMA user_version')"

scenario "both engines have the same tables, columns, kinds and NOT NULLs"
sqlite_columns "$sqlite_db" >"$WORK/sqlite.columns"
pg_columns "$DB" >"$WORK/pg.columns"
[ "$(wc -l <"$WORK/sqlite.columns")" -gt 50 ] && pass || fail "SQLite's schema was not read"
if diff "$WORK/sqlite.columns" "$WORK/pg.columns" >"$WORK/schema.diff"; then
    pass
else
    fail "the schemas differ (< SQLite, > PostgreSQL): $(tr '\n' ' ' <"$WORK/schema.diff")"
fi

scenario "the comparison itself sees a column one engine lacks"
sed '1d' "$WORK/pg.columns" >"$WORK/pg-less.columns"
if diff -q "$WORK/sqlite.columns" "$WORK/pg-less.columns" >/dev/null; then
    fail "a missing column went unnoticed"
else
    pass
fi

finish
