/*
 * The PostgreSQL engine (db.h) on libpq: a server holds the clinic, every
 * desk connects to it with a postgresql:// URI.  libpq is loaded when the
 * first such database is opened (pq_api.h), so SQLite desks never pay for
 * it.  Credentials are libpq's business (a password file, a service file,
 * PG* variables); the URI a desk was given is shown in errors without its
 * password (db.c).
 *
 * Statements: the store's SQL numbers its parameters ?1, ?2 …, which
 * become $1, $2 … (outside quoted text).  Each statement is prepared on
 * the server once per connection, under its own name, the first time it
 * runs: a parameter bound as an integer then is declared bigint, any other
 * is left for the server to infer from where it stands (so that a text
 * compared with a citext column compares without case).  A statement's
 * whole result is read at once and stepped through row by row, so that
 * statements may interleave as they do on SQLite.
 *
 * A failed statement: on SQLite it undoes only itself, and the
 * transaction goes on (the demo tries each room in turn against the
 * overlap guard); on PostgreSQL it would spoil the whole transaction.  So
 * inside a write transaction each writing statement runs between
 * SAVEPOINT and RELEASE, all sent at once (libpq's pipeline mode, one
 * round trip, as is a statement's first PREPARE with its first EXECUTE),
 * and a failure rolls back to the savepoint alone.
 *
 * Writers: on SQLite a change begins with BEGIN IMMEDIATE, which takes the
 * one write lock before reading anything, so a check-then-insert never
 * interleaves with another desk's.  Here a write transaction begins by
 * taking one transaction-level advisory lock, the same for every desk, and
 * reads after it at READ COMMITTED, each statement seeing every change
 * committed before the lock was granted.  SERIALIZABLE with retries was
 * the alternative, but a retry would have to replay the operation's own
 * checks, which live above the store; the lock gives the same guarantee
 * as SQLite, waits in line (fairly) rather than failing, and costs one
 * round trip.  The exclusion constraints stay the final word whoever
 * writes.  The wait is watched: the desk is told after WAIT_NOTICE_MS,
 * and after BUSY_TIMEOUT_MS the wait is cancelled and reported busy.
 * Readers take a REPEATABLE READ snapshot and never wait for writers.
 *
 * Other desks' changes: every commit of a write that changed something
 * sends NOTIFY on CHANNEL (inside the transaction, so it is delivered on
 * commit only).  A connection that asks for a change token LISTENs, and
 * the token moves when a notification from another connection arrives;
 * reading them is a look at the socket, never a query.
 *
 * Whose database: frontdesk records the schema version and its mark
 * ("FDSK", as SQLite's application_id) in a one-row table, frontdesk_mark.
 * Before anything is written, the database is checked: marked as ours, or
 * empty (for init) is opened; any other database with tables is refused
 * and left as it was.
 *
 * A lost connection (a restarted server) is opened again on the next use
 * outside a transaction, never inside one; the statements are prepared
 * anew and the change token moves, so that an open screen reloads
 * everything.  A read on its own is asked again; a write is not, since it
 * may have been done before the connection went.
 */
#include "db_engine.h"
#include "schema.h"

#include <frontdesk/text.h>

#include "pq_api.h"

#include <ctype.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUSY_TIMEOUT_MS 5000
#define WAIT_NOTICE_MS  300
/* "FDSK": the mark frontdesk writes in every database it creates, and the
 * key of the write lock. */
#define APPLICATION_ID 1178882891
#define WRITE_LOCK_SQL "SELECT pg_advisory_xact_lock(1178882891)"
#define CHANNEL        "frontdesk_change"
#define MARK_TABLE     "frontdesk_mark"
/* PostgreSQL's type ids (pg_type.h is a server header). */
#define BOOL_TYPE 16
#define INT8_TYPE 20
#define INT2_TYPE 21
#define INT4_TYPE 23

struct pg_statement;

struct pg_db {
    struct db base;
    PGconn *conn;
    unsigned names;                  /* statements named so far: fd1, fd2 … */
    bool in_transaction;             /* open (or was, when the connection went) */
    bool writing;                    /* a write transaction is open */
    bool dirty;                      /* … and it has changed something */
    bool listening;                  /* LISTEN has been sent on this connection */
    bool resetting;                  /* a new connection is being made, without waiting */
    int64_t token;                   /* other connections' commits seen */
    int64_t version;                 /* the schema version as last read or set; -1 unknown */
    struct pg_statement *statements; /* every statement, to prepare again */
    char *stale;                     /* DEALLOCATEs owed to the server, sent with BEGIN */
};

struct pg_parameter {
    enum { PARAMETER_NULL, PARAMETER_INT, PARAMETER_TEXT } kind;
    char digits[24];
    char *text;
};

struct pg_statement {
    struct db_statement base;
    struct pg_statement *next;
    char name[16];
    char *sql; /* with $N parameters */
    int count; /* parameters */
    bool prepared;
    bool writes; /* not a SELECT: runs under a savepoint in a transaction */
    struct pg_parameter *parameters;
    Oid *types; /* count of each, for libpq */
    const char **values;
    PGresult *result; /* NULL until run since the last reset */
    int row;          /* the current row, -1 before the first */
    int rows;
    int64_t changes;
};

static struct pg_db *pg_db(struct db *db)
{
    return (struct pg_db *)db;
}

static struct pg_statement *pg_statement(struct db_statement *statement)
{
    return (struct pg_statement *)statement;
}

/* libpq prints the server's notices ("already exists, skipping") on
 * stderr by default; only the command line prints. */
static void ignore_notice(void *data, const char *message)
{
    (void)data;
    (void)message;
}

/* ---- errors --------------------------------------------------------------- */

/* The first line of a libpq message, without "connection to server …
 * failed: " and the severity, into out. */
static void first_line(const char *message, char *out, size_t size)
{
    const char *start = message ? message : "";
    const char *failed = strstr(start, " failed: ");
    if (failed && failed - start < 200)
        start = failed + 9;
    if (strncmp(start, "FATAL:  ", 8) == 0 || strncmp(start, "ERROR:  ", 8) == 0)
        start += 8;
    size_t length = strcspn(start, "\n");
    text_copy(out, size < length + 1 ? size : length + 1, start);
}

static bool is_state(const char *state, const char *code)
{
    return state && strcmp(state, code) == 0;
}

/* Fills err from a failed result (or the connection, when result is
 * NULL); returns the negative code. */
static int fail(struct pg_db *db, const PGresult *result, struct fd_error *err, const char *doing)
{
    db->base.failure = DB_FAILURE_OTHER;
    if (PQstatus(db->conn) != CONNECTION_OK)
        return fd_fail(err, FD_ERR_IO, "%s: lost the connection to the database server while %s",
                       db->base.label, doing);
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : NULL;
    const char *primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    char message[400];
    first_line(primary ? primary : PQerrorMessage(db->conn), message, sizeof message);
    if (strncmp(message, "frontdesk: ", 11) == 0)
        return db_fail_refusal(&db->base, err, message + 11);
    if (is_state(state, "23P01")) {
        /* An exclusion constraint: appointment_therapist_busy or
         * appointment_room_busy. */
        const char *constraint = PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME);
        return db_fail_refusal(&db->base, err,
                               constraint && strstr(constraint, "room") ? "room busy"
                                                                        : "therapist busy");
    }
    if (is_state(state, "23505"))
        db->base.failure = DB_FAILURE_UNIQUE;
    if (is_state(state, "23503"))
        db->base.failure = DB_FAILURE_REFERENCED;
    if (is_state(state, "25006"))
        return fd_fail(err, FD_ERR_RULE, "the database is open read-only; nothing was changed");
    if (is_state(state, "40001") || is_state(state, "40P01") || is_state(state, "55P03") ||
        is_state(state, "57014"))
        return fd_fail(err, FD_ERR_BUSY,
                       "the database is busy (another desk is writing); try again");
    if (is_state(state, "42501"))
        return fd_fail(err, FD_ERR_IO, "%s: no permission while %s: %s", db->base.label, doing,
                       message);
    if (state && (strncmp(state, "53", 2) == 0 || strncmp(state, "58", 2) == 0))
        return fd_fail(err, FD_ERR_IO, "%s: cannot write the database while %s: %s", db->base.label,
                       doing, message);
    return fd_fail(err, FD_ERR_SOFTWARE, "database error while %s: %s", doing, message);
}

/* Runs sql (no parameters); 0, or the failure in err. */
static int run(struct pg_db *db, const char *sql, struct fd_error *err, const char *doing)
{
    PGresult *result = PQexec(db->conn, sql);
    ExecStatusType status = PQresultStatus(result);
    int rc = 0;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
        rc = fail(db, result, err, doing);
    PQclear(result);
    return rc;
}

/* The integers in the first row of a query without parameters: count
 * of them into values. */
static int query_ints(struct pg_db *db, const char *sql, int64_t *values, int count,
                      struct fd_error *err, const char *doing)
{
    PGresult *result = PQexec(db->conn, sql);
    int rc = 0;
    if (PQresultStatus(result) != PGRES_TUPLES_OK)
        rc = fail(db, result, err, doing);
    else if (PQntuples(result) < 1 || PQnfields(result) < count)
        rc = fd_fail(err, FD_ERR_SOFTWARE, "database error while %s: no answer", doing);
    for (int i = 0; rc == 0 && i < count; i++)
        values[i] = strtoll(PQgetvalue(result, 0, i), NULL, 10);
    PQclear(result);
    return rc;
}

/* ---- opening ------------------------------------------------------------- */

/* The tables in the connection's schema, and how many are our mark. */
#define COUNT_TABLES_SQL                                                                           \
    "SELECT count(*), count(*) FILTER (WHERE c.relname = '" MARK_TABLE "')"                        \
    " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"         \
    " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"

/* Whether the connection's schema holds our mark; tables counts them all. */
static int find_mark(struct pg_db *db, int64_t *tables, bool *marked, struct fd_error *err)
{
    int64_t found[2];
    int rc = query_ints(db, COUNT_TABLES_SQL, found, 2, err, "opening the database");
    *tables = rc == 0 ? found[0] : 0;
    *marked = rc == 0 && found[1] > 0;
    return rc;
}

/* The schema version in the mark (0 when there is none), into
 * db->version; the mark's application id into *mark (0 for none). */
static int read_mark(struct pg_db *db, int64_t *tables, int64_t *mark, struct fd_error *err)
{
    bool marked;
    int rc = find_mark(db, tables, &marked, err);
    int64_t values[2] = {0, 0};
    if (rc == 0 && marked)
        rc = query_ints(db, "SELECT application_id, schema_version FROM " MARK_TABLE, values, 2,
                        err, "reading the schema version");
    *mark = values[0];
    db->version = rc == 0 ? values[1] : -1;
    return rc;
}

/* Is this database ours, or one we may make ours?  Reads only. */
static int check_owner(struct pg_db *db, const struct db_open_options *options,
                       struct fd_error *err)
{
    int64_t tables, mark;
    int rc = read_mark(db, &tables, &mark, err);
    if (rc < 0 || mark == APPLICATION_ID)
        return rc;
    if (mark != 0 || db->version != 0)
        return db_fail_foreign(&db->base, err, mark ? mark : -1);
    /* An empty database is what a missing file is on SQLite: there is
     * no clinic here yet. */
    if (tables == 0) {
        if (options->create)
            return 0;
        return fd_fail(err, FD_ERR_NOINPUT,
                       "%s: no database here; create one with 'frontdesk init' or "
                       "'frontdesk demo'",
                       db->base.label);
    }
    return db_fail_foreign(&db->base, err, 0);
}

/* The settings every connection has, after (re)connecting. */
static int set_up_connection(struct pg_db *db, struct fd_error *err)
{
    PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
    if (db->base.read_only)
        return run(db, "SET default_transaction_read_only = on", err, "opening the database");
    return 0;
}

static int connect_failure(struct pg_db *db, struct fd_error *err)
{
    char message[400];
    first_line(PQerrorMessage(db->conn), message, sizeof message);
    if (strstr(message, "database \"") && strstr(message, "does not exist"))
        return fd_fail(err, FD_ERR_NOINPUT,
                       "%s: no such database (%s); the database itself is made with createdb",
                       db->base.label, message);
    return fd_fail(err, FD_ERR_IO, "%s: cannot connect to the database server: %s", db->base.label,
                   message);
}

static void pg_close(struct db *db);

static int pg_open(const char *target, const char *label, const struct db_open_options *options,
                   struct db **out, struct fd_error *err)
{
    *out = NULL;
    int rc = pq_api_load(err);
    if (rc < 0)
        return rc;
    struct pg_db *db = calloc(1, sizeof *db);
    if (!db)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    db->base.engine = &DB_ENGINE_POSTGRESQL;
    db->base.read_only = options->read_only;
    text_copy(db->base.label, sizeof db->base.label, label);
    /* What the URI says wins, but for the encoding: frontdesk's text is
     * UTF-8. */
    const char *const keys[] = {"connect_timeout", "fallback_application_name", "dbname",
                                "client_encoding", NULL};
    const char *const values[] = {"10", "frontdesk", target, "UTF8", NULL};
    db->conn = PQconnectdbParams(keys, values, 1);
    if (!db->conn)
        rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    else if (PQstatus(db->conn) != CONNECTION_OK)
        rc = connect_failure(db, err);
    if (rc == 0)
        rc = set_up_connection(db, err);
    if (rc == 0)
        rc = check_owner(db, options, err);
    if (rc < 0) {
        pg_close(&db->base);
        return rc;
    }
    *out = &db->base;
    return 0;
}

static void pg_close(struct db *base)
{
    struct pg_db *db = pg_db(base);
    PQfinish(db->conn);
    free(db->stale);
    free(db);
}

/* A connection made again: its statements will be prepared anew and the
 * change token moves, so that an open screen reloads everything. */
static int connection_renewed(struct pg_db *db, struct fd_error *err)
{
    db->resetting = false;
    for (struct pg_statement *s = db->statements; s; s = s->next)
        s->prepared = false;
    free(db->stale); /* the new connection has none of them */
    db->stale = NULL;
    db->listening = false;
    db->token++;
    return set_up_connection(db, err);
}

/* Outside a transaction, a connection found lost is made again.  0, or
 * why not. */
static int reconnect_if_lost(struct pg_db *db, struct fd_error *err)
{
    if (PQstatus(db->conn) == CONNECTION_OK && !db->resetting)
        return 0;
    if (db->in_transaction)
        return fd_fail(err, FD_ERR_IO, "%s: lost the connection to the database server",
                       db->base.label);
    db->resetting = false;
    PQreset(db->conn);
    /* The reason first: a form has room for a line, and the address is
     * long. */
    if (PQstatus(db->conn) != CONNECTION_OK)
        return fd_fail(err, FD_ERR_IO,
                       "lost the connection to the database server; try again once it is back"
                       " (%s)",
                       db->base.label);
    return connection_renewed(db, err);
}

/* The same for a screen that looks every quarter second: the new
 * connection is begun without waiting (PQresetStart) and moved on at each
 * look after (PQresetPoll), so that a server that is away, or slow to
 * answer, never stops the screen.  A failed attempt is begun again at the
 * next look. */
static void reconnect_without_waiting(struct pg_db *db)
{
    if (db->in_transaction || (PQstatus(db->conn) == CONNECTION_OK && !db->resetting))
        return;
    if (!db->resetting) {
        if (!PQresetStart(db->conn))
            return;
        db->resetting = true;
    }
    PostgresPollingStatusType state = PQresetPoll(db->conn);
    if (state == PGRES_POLLING_FAILED)
        db->resetting = false;
    if (state != PGRES_POLLING_OK)
        return;
    struct fd_error ignored;
    connection_renewed(db, &ignored);
}

/* ---- changes and notifications ----------------------------------------- */

/* Something was written: a transaction's commit will say so; a write on
 * its own (autocommit) says so now. */
static void note_write(struct pg_db *db)
{
    if (db->writing)
        db->dirty = true;
    else if (PQtransactionStatus(db->conn) == PQTRANS_IDLE)
        PQclear(PQexec(db->conn, "NOTIFY " CHANNEL));
}

static bool is_write(const PGresult *result)
{
    const char *command = PQcmdStatus((PGresult *)result);
    return strncmp(command, "INSERT", 6) == 0 || strncmp(command, "UPDATE", 6) == 0 ||
           strncmp(command, "DELETE", 6) == 0 || strncmp(command, "MERGE", 5) == 0;
}

static int pg_exec(struct db *base, const char *sql, struct fd_error *err, const char *doing)
{
    struct pg_db *db = pg_db(base);
    int rc = run(db, sql, err, doing);
    if (rc == 0)
        note_write(db);
    return rc;
}

static int64_t pg_change_token(struct db *base)
{
    struct pg_db *db = pg_db(base);
    struct fd_error ignored;
    reconnect_without_waiting(db);
    if (PQstatus(db->conn) != CONNECTION_OK || db->resetting)
        return db->token;
    if (!db->listening) {
        db->listening = run(db, "LISTEN " CHANNEL, &ignored, "listening") == 0;
        return db->token;
    }
    PQconsumeInput(db->conn);
    PGnotify *notification;
    int self = PQbackendPID(db->conn);
    while ((notification = PQnotifies(db->conn))) {
        if (notification->be_pid != self)
            db->token++;
        PQfreemem(notification);
    }
    return db->token;
}

static bool pg_connected(struct db *base)
{
    struct pg_db *db = pg_db(base);
    return PQstatus(db->conn) == CONNECTION_OK && !db->resetting;
}

/* ---- statements ----------------------------------------------------------- */

/* The SQL with ?N made $N outside quoted text and comments; the highest N
 * in *count.  Allocated (same length as sql); NULL when out of memory. */
static char *translate(const char *sql, int *count)
{
    size_t length = strlen(sql);
    char *out = malloc(length + 1);
    if (!out)
        return NULL;
    *count = 0;
    char quote = 0;
    bool comment = false;
    for (size_t i = 0; i <= length; i++) {
        char c = sql[i];
        out[i] = c;
        if (comment) {
            comment = c != '\n';
        } else if (quote) {
            if (c == quote)
                quote = 0; /* a doubled quote closes and opens again */
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '-' && sql[i + 1] == '-') {
            comment = true;
        } else if (c == '?' && isdigit((unsigned char)sql[i + 1])) {
            out[i] = '$';
            long n = strtol(sql + i + 1, NULL, 10);
            if (n > *count && n < 1000)
                *count = (int)n;
        }
    }
    return out;
}

static int pg_prepare(struct db *base, const char *sql, struct db_statement **out,
                      struct fd_error *err)
{
    struct pg_db *db = pg_db(base);
    *out = NULL;
    struct pg_statement *statement = calloc(1, sizeof *statement);
    if (statement)
        statement->sql = translate(sql, &statement->count);
    size_t slots = statement && statement->count > 0 ? (size_t)statement->count : 1;
    if (statement) {
        statement->parameters = calloc(slots, sizeof *statement->parameters);
        statement->types = calloc(slots, sizeof *statement->types);
        statement->values = calloc(slots, sizeof *statement->values);
    }
    if (!statement || !statement->sql || !statement->parameters || !statement->types ||
        !statement->values) {
        if (statement) {
            free(statement->sql);
            free(statement->parameters);
            free(statement->types);
            free(statement->values);
        }
        free(statement);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    statement->base.db = base;
    statement->writes = strncmp(sql + strspn(sql, " \n"), "SELECT", 6) != 0;
    snprintf(statement->name, sizeof statement->name, "fd%u", ++db->names);
    statement->row = -1;
    statement->next = db->statements;
    db->statements = statement;
    *out = &statement->base;
    return 0;
}

static void clear_parameter(struct pg_parameter *parameter)
{
    free(parameter->text);
    parameter->text = NULL;
    parameter->kind = PARAMETER_NULL;
}

static void pg_reset(struct db_statement *base)
{
    struct pg_statement *statement = pg_statement(base);
    PQclear(statement->result);
    statement->result = NULL;
    statement->row = -1;
    statement->rows = 0;
    for (int i = 0; i < statement->count; i++)
        clear_parameter(&statement->parameters[i]);
}

/* A finalized statement the server has prepared is deallocated with the
 * next BEGIN, in the same round trip (a statement made for one undo and
 * gone after it would otherwise stay on the server until the desk
 * closes); at closing the server forgets them all by itself. */
static void forget_on_server(struct pg_db *db, const struct pg_statement *statement)
{
    char line[48];
    int length = snprintf(line, sizeof line, "DEALLOCATE %s; ", statement->name);
    size_t used = db->stale ? strlen(db->stale) : 0;
    char *grown = realloc(db->stale, used + (size_t)length + 1);
    if (!grown)
        return; /* it stays prepared: no harm but a little memory */
    memcpy(grown + used, line, (size_t)length + 1);
    db->stale = grown;
}

static void pg_finalize(struct db_statement *base)
{
    struct pg_statement *statement = pg_statement(base);
    struct pg_db *db = pg_db(base->db);
    pg_reset(base);
    if (statement->prepared)
        forget_on_server(db, statement);
    for (struct pg_statement **link = &db->statements; *link; link = &(*link)->next)
        if (*link == statement) {
            *link = statement->next;
            break;
        }
    free(statement->parameters);
    free(statement->types);
    free(statement->values);
    free(statement->sql);
    free(statement);
}

static struct pg_parameter *parameter(struct db_statement *base, int index)
{
    struct pg_statement *statement = pg_statement(base);
    if (index < 1 || index > statement->count)
        return NULL;
    clear_parameter(&statement->parameters[index - 1]);
    return &statement->parameters[index - 1];
}

static void pg_bind_int64(struct db_statement *statement, int index, int64_t value)
{
    struct pg_parameter *p = parameter(statement, index);
    if (!p)
        return;
    p->kind = PARAMETER_INT;
    snprintf(p->digits, sizeof p->digits, "%lld", (long long)value);
}

/* Out of memory binds NULL, which the schema's NOT NULL refuses. */
static void pg_bind_text(struct db_statement *statement, int index, const char *text)
{
    struct pg_parameter *p = parameter(statement, index);
    if (!p)
        return;
    p->text = strdup(text);
    p->kind = p->text ? PARAMETER_TEXT : PARAMETER_NULL;
}

static void pg_bind_null(struct db_statement *statement, int index)
{
    parameter(statement, index);
}

static bool succeeded(const PGresult *result)
{
    ExecStatusType status = PQresultStatus(result);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

/* Runs the statement in one round trip, in libpq's pipeline mode: its
 * PREPARE first if the server does not have it yet, and around it, when
 * under_savepoint, SAVEPOINT and RELEASE.  The EXECUTE's result, or the
 * first failure; after a failure under a savepoint the transaction is
 * rolled back to it, as if the statement had never run. */
static PGresult *run_pipelined(struct pg_db *db, struct pg_statement *statement,
                               bool under_savepoint)
{
    PGconn *conn = db->conn;
    if (!PQenterPipelineMode(conn))
        return NULL;
    bool preparing = !statement->prepared;
    bool sent = true;
    int queries = 0, prepare_at = -1, execute_at = -1;
    if (under_savepoint) {
        sent = PQsendQueryParams(conn, "SAVEPOINT fd_statement", 0, NULL, NULL, NULL, NULL, 0);
        queries++;
    }
    if (sent && preparing) {
        sent = PQsendPrepare(conn, statement->name, statement->sql, statement->count,
                             statement->types);
        prepare_at = queries++;
    }
    if (sent) {
        sent = PQsendQueryPrepared(conn, statement->name, statement->count, statement->values, NULL,
                                   NULL, 0);
        execute_at = queries++;
    }
    if (sent && under_savepoint) {
        sent =
            PQsendQueryParams(conn, "RELEASE SAVEPOINT fd_statement", 0, NULL, NULL, NULL, NULL, 0);
        queries++;
    }
    sent = sent && PQpipelineSync(conn);
    PGresult *answer = NULL; /* the EXECUTE's, or the first failure */
    for (int i = 0; sent && i < queries; i++) {
        PGresult *result = PQgetResult(conn);
        bool ok = succeeded(result);
        if (i == prepare_at)
            statement->prepared = ok;
        if ((!answer || succeeded(answer)) && (!ok || i == execute_at)) {
            PQclear(answer);
            answer = result;
        } else {
            PQclear(result);
        }
        while ((result = PQgetResult(conn))) /* the NULL that ends each query's results */
            PQclear(result);
    }
    PGresult *result;
    while ((result = PQgetResult(conn)) && PQresultStatus(result) != PGRES_PIPELINE_SYNC)
        PQclear(result);
    PQclear(result);
    PQexitPipelineMode(conn);
    if (under_savepoint && PQtransactionStatus(conn) == PQTRANS_INERROR)
        PQclear(PQexec(conn, "ROLLBACK TO SAVEPOINT fd_statement;"
                             " RELEASE SAVEPOINT fd_statement"));
    return answer;
}

/* Runs the statement, prepared on the server first if it is not yet (its
 * integer parameters declared bigint): the result, or the failure.  A
 * statement prepared already and needing no savepoint is one plain
 * round trip. */
static PGresult *run_statement(struct pg_db *db, struct pg_statement *statement)
{
    bool under_savepoint = db->writing && statement->writes;
    if (under_savepoint || !statement->prepared)
        return run_pipelined(db, statement, under_savepoint);
    return PQexecPrepared(db->conn, statement->name, statement->count, statement->values, NULL,
                          NULL, 0);
}

/* Runs the statement with its parameters and keeps the whole result. */
static int execute(struct pg_db *db, struct pg_statement *statement, struct fd_error *err,
                   const char *doing)
{
    /* A connection lost inside a transaction is not made again until the
     * transaction is rolled back: the rest of it must not go on without
     * what came before. */
    bool alone = !db->in_transaction;
    int rc = alone ? reconnect_if_lost(db, err) : 0;
    if (rc < 0)
        return rc;
    for (int i = 0; i < statement->count; i++) {
        const struct pg_parameter *p = &statement->parameters[i];
        statement->values[i] = p->kind == PARAMETER_INT ? p->digits : p->text;
        statement->types[i] = p->kind == PARAMETER_INT ? INT8_TYPE : 0;
    }
    PGresult *result = run_statement(db, statement);
    /* A read on its own that found the connection lost (the server was
     * restarted) is asked again on a new one; a write is not, since it
     * may have been done before the connection went. */
    if (!succeeded(result) && alone && !statement->writes && PQstatus(db->conn) != CONNECTION_OK &&
        reconnect_if_lost(db, err) == 0) {
        PQclear(result);
        result = run_statement(db, statement);
    }
    if (!succeeded(result)) {
        rc = fail(db, result, err, doing);
        PQclear(result);
        return rc;
    }
    statement->result = result;
    statement->rows = PQntuples(result);
    statement->row = -1;
    statement->changes = strtoll(PQcmdTuples(result), NULL, 10);
    if (statement->changes > 0 && is_write(result))
        note_write(db);
    return 0;
}

static int pg_step(struct db_statement *base, struct fd_error *err, const char *doing)
{
    struct pg_statement *statement = pg_statement(base);
    if (!statement->result) {
        int rc = execute(pg_db(base->db), statement, err, doing);
        if (rc < 0)
            return rc;
    }
    if (statement->row < statement->rows)
        statement->row++;
    return statement->row < statement->rows ? DB_ROW : DB_DONE;
}

static int64_t pg_changes(struct db_statement *statement)
{
    return pg_statement(statement)->changes;
}

/* The current row's value in column, or NULL (for NULL, or no row). */
static const char *value_at(struct db_statement *base, int column)
{
    struct pg_statement *statement = pg_statement(base);
    if (!statement->result || statement->row < 0 || statement->row >= statement->rows ||
        column < 0 || column >= PQnfields(statement->result) ||
        PQgetisnull(statement->result, statement->row, column))
        return NULL;
    return PQgetvalue(statement->result, statement->row, column);
}

/* As SQLite reads them: a boolean is 1 or 0, a fraction is cut to its
 * whole part. */
static int64_t pg_column_int64(struct db_statement *statement, int column)
{
    const char *text = value_at(statement, column);
    if (!text)
        return 0;
    if (strcmp(text, "t") == 0)
        return 1;
    if (strcmp(text, "f") == 0)
        return 0;
    return strtoll(text, NULL, 10);
}

static const char *pg_column_text(struct db_statement *statement, int column)
{
    return value_at(statement, column);
}

static bool pg_column_is_null(struct db_statement *statement, int column)
{
    return value_at(statement, column) == NULL;
}

static int pg_column_count(struct db_statement *base)
{
    struct pg_statement *statement = pg_statement(base);
    return statement->result ? PQnfields(statement->result) : 0;
}

static const char *pg_column_name(struct db_statement *base, int column)
{
    struct pg_statement *statement = pg_statement(base);
    return statement->result ? PQfname(statement->result, column) : NULL;
}

/* As SQLite would type the value: the schema's integers (and booleans)
 * are integers, everything else text. */
static enum db_value pg_column_kind(struct db_statement *base, int column)
{
    struct pg_statement *statement = pg_statement(base);
    if (!value_at(base, column))
        return DB_VALUE_NULL;
    switch (PQftype(statement->result, column)) {
    case INT8_TYPE:
    case INT4_TYPE:
    case INT2_TYPE:
    case BOOL_TYPE:
        return DB_VALUE_INTEGER;
    default:
        return DB_VALUE_TEXT;
    }
}

/* ---- transactions ----------------------------------------------------------- */

static void pg_rollback(struct db *base);

/* Waits for the query sent (the write lock), telling the desk once the
 * wait is long enough to notice; after BUSY_TIMEOUT_MS the query is
 * cancelled.  True when it was answered in time. */
static bool wait_for_answer(struct pg_db *db, db_wait_notice notice, void *data)
{
    struct timespec started;
    clock_gettime(CLOCK_MONOTONIC, &started);
    bool told = false;
    while (PQconsumeInput(db->conn) && PQisBusy(db->conn)) {
        long waited = db_elapsed_ms(&started);
        if (waited >= BUSY_TIMEOUT_MS) {
            PGcancel *cancel = PQgetCancel(db->conn);
            char why[256];
            if (cancel)
                PQcancel(cancel, why, sizeof why);
            PQfreeCancel(cancel);
            return false;
        }
        if (!told && waited >= WAIT_NOTICE_MS && notice) {
            told = true;
            notice(data);
        }
        long until = told || !notice ? BUSY_TIMEOUT_MS : WAIT_NOTICE_MS;
        struct pollfd socket = {.fd = PQsocket(db->conn), .events = POLLIN};
        poll(&socket, 1, (int)(until - waited));
    }
    return true;
}

/* Opens a transaction; a connection found lost on the way is made again
 * and the transaction opened on the new one, since nothing was done yet. */
/* Runs sql after the DEALLOCATEs owed (forget_on_server), in one round
 * trip; should that fail, sql alone. */
static int run_after_stale(struct pg_db *db, const char *sql, struct fd_error *err,
                           const char *doing)
{
    size_t length = db->stale ? strlen(db->stale) : 0;
    char *both = length ? realloc(db->stale, length + strlen(sql) + 1) : NULL;
    if (!both)
        return run(db, sql, err, doing);
    strcpy(both + length, sql);
    db->stale = NULL;
    int rc = run(db, both, err, doing);
    free(both);
    if (rc < 0 && PQstatus(db->conn) == CONNECTION_OK) {
        pg_rollback(&db->base);
        rc = run(db, sql, err, doing);
    }
    return rc;
}

static int begin(struct pg_db *db, const char *sql, struct fd_error *err, const char *doing)
{
    int rc = reconnect_if_lost(db, err);
    if (rc == 0)
        rc = run_after_stale(db, sql, err, doing);
    if (rc < 0 && PQstatus(db->conn) != CONNECTION_OK && reconnect_if_lost(db, err) == 0)
        rc = run(db, sql, err, doing);
    db->in_transaction = rc == 0;
    return rc;
}

static int pg_begin_write(struct db *base, db_wait_notice notice, void *data, struct fd_error *err)
{
    struct pg_db *db = pg_db(base);
    int rc = begin(db, "BEGIN", err, "starting a change");
    if (rc < 0)
        return rc;
    db->writing = true;
    db->dirty = false;
    if (!PQsendQuery(db->conn, WRITE_LOCK_SQL)) {
        rc = fail(db, NULL, err, "starting a change");
        pg_rollback(base);
        return rc;
    }
    bool in_time = wait_for_answer(db, notice, data);
    PGresult *result;
    while ((result = PQgetResult(db->conn))) {
        if (rc == 0 && PQresultStatus(result) != PGRES_TUPLES_OK)
            rc = in_time ? fail(db, result, err, "starting a change") : -FD_ERR_BUSY;
        PQclear(result);
    }
    if (rc == 0)
        return 0;
    pg_rollback(base);
    if (rc == -FD_ERR_BUSY)
        return fd_fail(err, FD_ERR_BUSY,
                       "the database stayed busy (another desk is writing); try again");
    return rc;
}

static int pg_begin_read(struct db *base, struct fd_error *err)
{
    return begin(pg_db(base), "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", err,
                 "starting to read");
}

static int pg_commit(struct db *base, struct fd_error *err)
{
    struct pg_db *db = pg_db(base);
    PGresult *result = PQexec(db->conn, db->dirty ? "NOTIFY " CHANNEL "; COMMIT" : "COMMIT");
    int rc = 0;
    if (PQresultStatus(result) != PGRES_COMMAND_OK)
        rc = fail(db, result, err, "saving the change");
    else if (strcmp(PQcmdStatus(result), "COMMIT") != 0)
        /* A statement failed and the transaction went on regardless:
         * PostgreSQL answers COMMIT with ROLLBACK. */
        rc = fd_fail(err, FD_ERR_SOFTWARE,
                     "database error while saving the change: an earlier step failed; "
                     "nothing was changed");
    PQclear(result);
    if (rc < 0) {
        pg_rollback(base);
        return rc;
    }
    db->writing = db->dirty = db->in_transaction = false;
    return 0;
}

static void pg_rollback(struct db *base)
{
    struct pg_db *db = pg_db(base);
    if (db->in_transaction)
        db->version = -1; /* a migration rolled back leaves it as it was */
    db->writing = db->dirty = db->in_transaction = false;
    PGTransactionStatusType status = PQtransactionStatus(db->conn);
    if (status == PQTRANS_INTRANS || status == PQTRANS_INERROR)
        PQclear(PQexec(db->conn, "ROLLBACK"));
}

/* ---- the schema's version and mark ------------------------------------------- */

/* The version read when the database was opened, or last set, saves a
 * round trip; inside a transaction (a migration holding the write lock,
 * which must see another desk's) it is read afresh. */
static int pg_schema_version(struct db *base, struct fd_error *err)
{
    struct pg_db *db = pg_db(base);
    if (db->version >= 0 && !db->in_transaction)
        return (int)db->version;
    int64_t tables, mark;
    int rc = read_mark(db, &tables, &mark, err);
    return rc < 0 ? rc : (int)db->version;
}

static int pg_set_schema_version(struct db *base, int version, struct fd_error *err)
{
    char sql[256];
    snprintf(sql, sizeof sql,
             "CREATE TABLE IF NOT EXISTS " MARK_TABLE
             " (application_id bigint NOT NULL, schema_version bigint NOT NULL);"
             " DELETE FROM " MARK_TABLE ";"
             " INSERT INTO " MARK_TABLE " VALUES (%d, %d)",
             APPLICATION_ID, version);
    int rc = pg_exec(base, sql, err, "recording the schema version");
    pg_db(base)->version = rc == 0 ? version : -1;
    return rc;
}

/* SQLite's bulk settings (a larger page cache, statement journals in
 * memory) have no counterpart a client should change: the server's own
 * buffers hold the pages, and a bulk load is one transaction, so its WAL
 * is flushed once, at commit. */
static int pg_bulk_load(struct db *db, int cache_mib, struct fd_error *err)
{
    (void)db;
    (void)cache_mib;
    (void)err;
    return 0;
}

/* Schema changes here never rebuild a table, so the references are
 * checked as always, statement by statement, and can never be found
 * broken. */
static int pg_foreign_keys(struct db *db, bool on, struct fd_error *err)
{
    (void)db;
    (void)on;
    (void)err;
    return 0;
}

static int pg_check_references(struct db *db, struct fd_error *err)
{
    (void)db;
    (void)err;
    return 0;
}

/* Every table's ids are kept by migration 6's script (schema_pg.c). */
static int pg_keep_ids(struct db *db, const char *table, struct fd_error *err)
{
    (void)db;
    (void)table;
    (void)err;
    return 0;
}

const struct db_engine DB_ENGINE_POSTGRESQL = {
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .reset = pg_reset,
    .bind_int64 = pg_bind_int64,
    .bind_text = pg_bind_text,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .changes = pg_changes,
    .column_int64 = pg_column_int64,
    .column_text = pg_column_text,
    .column_is_null = pg_column_is_null,
    .column_count = pg_column_count,
    .column_name = pg_column_name,
    .column_kind = pg_column_kind,
    .begin_write = pg_begin_write,
    .begin_read = pg_begin_read,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .change_token = pg_change_token,
    .connected = pg_connected,
    .schema_version = pg_schema_version,
    .set_schema_version = pg_set_schema_version,
    .bulk_load = pg_bulk_load,
    .foreign_keys = pg_foreign_keys,
    .check_references = pg_check_references,
    .keep_ids = pg_keep_ids,
    .migrations = SCHEMA_PG_MIGRATIONS,
};
