-- SQLite's functions that the scenario tests' own queries use (the `sql`
-- helper of tests/test-lib.sh), given to the test server's databases so
-- that one query reads the same on both engines.  Test-only: installed
-- in template1 by tests/pg-server.sh, never by frontdesk.  Times are
-- frontdesk's minutes * 60, as the tests write them, read as UTC.

-- date(SECONDS, 'unixepoch'), datetime(…), strftime(FORMAT, SECONDS, 'unixepoch')
CREATE FUNCTION date(seconds bigint, modifier text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT to_char(to_timestamp(seconds) AT TIME ZONE 'UTC', 'YYYY-MM-DD') $$;
CREATE FUNCTION datetime(seconds bigint, modifier text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT to_char(to_timestamp(seconds) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') $$;
CREATE FUNCTION strftime(format text, seconds bigint, modifier text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT to_char(to_timestamp(seconds) AT TIME ZONE 'UTC',
        replace(replace(replace(replace(replace(replace(format,
            '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD'), '%H', 'HH24'), '%M', 'MI'), '%S', 'SS')) $$;

-- group_concat(X) and group_concat(X, SEPARATOR), of any type, NULLs left out
CREATE FUNCTION sqlite_concat_step(joined text, value anyelement, separator text) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN value IS NULL THEN joined
        WHEN joined IS NULL THEN value::text ELSE joined || separator || value::text END $$;
CREATE FUNCTION sqlite_concat_step(joined text, value anyelement) RETURNS text
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT sqlite_concat_step(joined, value, ',') $$;
CREATE AGGREGATE group_concat(anyelement) (SFUNC = sqlite_concat_step, STYPE = text);
CREATE AGGREGATE group_concat(anyelement, text) (SFUNC = sqlite_concat_step, STYPE = text);
