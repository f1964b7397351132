/* What the store's files share: the connection, the statement cache and
 * the helpers that step a statement and read its rows.  Not part of the
 * public API. */
#ifndef FRONTDESK_STORE_INTERNAL_H
#define FRONTDESK_STORE_INTERNAL_H

#include <frontdesk/store.h>

#include "db.h"

/* Every statement the store runs has a slot here, so that it is prepared
 * once per connection and reused. */
enum store_statement {
    STMT_AUDIT_INSERT,
    STMT_AUDIT_LIST,
    STMT_AUDIT_OF,
    STMT_AUDIT_GET,
    STMT_AUDIT_NAMING,
    STMT_THERAPIST_INSERT,
    STMT_THERAPIST_FIND,
    STMT_THERAPIST_GET,
    STMT_THERAPIST_LIST,
    STMT_RULE_INSERT,
    STMT_RULE_DELETE,
    STMT_RULE_GET,
    STMT_RULE_LIST,
    STMT_RULE_UPDATE,
    STMT_TIME_OFF_INSERT,
    STMT_TIME_OFF_LIST,
    STMT_TIME_OFF_DELETE,
    STMT_TIME_OFF_GET,
    STMT_CLIENT_BY_EMAIL,
    STMT_CLIENT_BY_PHONE,
    STMT_CLIENT_INSERT,
    STMT_CLIENT_SET_PHONE,
    STMT_CLIENT_GET,
    STMT_CLIENT_SEARCH,
    STMT_CLIENT_LAST_THERAPIST,
    STMT_CLIENT_UPDATE,
    STMT_CLIENT_AT_EMAIL,
    STMT_CLIENT_ALL,
    STMT_CLIENT_SET_CONTACT,
    STMT_CLIENT_SET_NO_REMINDERS,
    STMT_CLIENT_AT_PHONE,
    STMT_CLIENT_MERGE_FIRST,
    STMT_CLIENT_MERGE_LAST = STMT_CLIENT_MERGE_FIRST + 6,
    STMT_APPOINTMENT_INSERT,
    STMT_APPOINTMENT_GET,
    STMT_APPOINTMENT_LIST,
    STMT_APPOINTMENT_SET_OUTCOME,
    STMT_APPOINTMENT_SET_FEE,
    STMT_APPOINTMENT_MOVE,
    STMT_APPOINTMENT_NEXT_SERIES,
    STMT_APPOINTMENT_CLIENT_CONFIRMED,
    STMT_APPOINTMENT_EARLIER,
    STMT_APPOINTMENT_SET_PRICE,
    STMT_NOTE_INSERT,
    STMT_NOTE_LIST,
    STMT_OUTBOX_INSERT,
    STMT_OUTBOX_GET,
    STMT_OUTBOX_LIST_FIRST,
    STMT_OUTBOX_LIST_LAST = STMT_OUTBOX_LIST_FIRST + 127, /* one per set of filters */
    STMT_OUTBOX_CLAIM,
    STMT_OUTBOX_FINISH,
    STMT_OUTBOX_SET_STATE,
    STMT_OUTBOX_BY_CODE,
    STMT_OUTBOX_CODE_IN_USE,
    STMT_OUTBOX_INSERT_REMINDER,
    STMT_REQUEST_ANSWER_SENT,
    STMT_REMINDER_CANDIDATES,
    STMT_UNDO_INSERT,
    STMT_UNDO_LATEST,
    STMT_UNDO_APPLYING,
    STMT_UNDO_PRUNE,
    STMT_AUDIT_SINCE,
    STMT_SUBSCRIPTION_INSERT,
    STMT_SUBSCRIPTION_LIST,
    STMT_SUBSCRIPTION_GET,
    STMT_SUBSCRIPTION_END,
    STMT_JOURNAL_ROW_FIRST,
    STMT_JOURNAL_ROW_LAST = STMT_JOURNAL_ROW_FIRST + JOURNAL_TABLE_COUNT - 1,
    STMT_APPOINTMENT_NO_OUTCOME,
    STMT_APPOINTMENT_SET_CONFIRMATION,
    STMT_BUSY_LIST,
    STMT_COUNT_PENDING,
    STMT_COUNT_UNSENT,
    STMT_COUNT_MESSAGES,
    STMT_CLINIC_UPSERT,
    STMT_CLINIC_ID,
    STMT_REQUEST_INSERT,
    STMT_REQUEST_GET,
    STMT_REQUEST_LIST,
    STMT_REQUEST_SET_STATUS,
    STMT_REQUEST_SET_CLIENT,
    STMT_REQUEST_REOPEN,
    STMT_REQUEST_OF_CLIENT,
    STMT_WAITLIST_OF_CLIENT,
    STMT_WAITLIST_INSERT,
    STMT_WAITLIST_GET,
    STMT_WAITLIST_LIST,
    STMT_WAITLIST_SET_STATUS,
    STMT_MESSAGE_INSERT,
    STMT_MESSAGE_LIST,
    STMT_MESSAGE_SET_HANDLED,
    STMT_REPORT_REQUEST_TIMES,
    STMT_REPORT_BOOKED,
    STMT_REPORT_ATTENDANCE,
    STMT_REPORT_OFFERS,
    STMT_WAITLIST_NOTIFIED,
    STMT_MESSAGE_GET,
    STMT_COUNT
};

struct fd_store {
    struct db *db;
    struct db_statement *statements[STMT_COUNT];
    fd_time opened_at;             /* the clock when opened, for migrations that record it */
    struct store_journal *journal; /* recording the rows a change touches, or NULL */
};

/* The cached statement for id, prepared from sql on first use and reset
 * with its bindings cleared; NULL (and err filled) on failure. */
struct db_statement *store_statement(struct fd_store *store, int id, const char *sql,
                                     struct fd_error *err);
/* Steps a statement expected to finish without rows (or with one row that
 * is not wanted), then resets it. */
int store_step_done(struct db_statement *statement, struct fd_error *err, const char *doing);
/* Steps an INSERT … RETURNING id and reads the new id into *id. */
int store_step_insert(struct db_statement *statement, int64_t *id, struct fd_error *err,
                      const char *doing);
/* A column name read from a row: only letters, digits and _, since it
 * goes into SQL (quoted) where no parameter can stand. */
bool store_plain_name(const char *name);
/* Copies column text into a fixed buffer, never splitting a UTF-8
 * character. */
void store_column_text(struct db_statement *statement, int column, char *out, size_t size);
/* A stored day, or FD_DAY_NONE for NULL. */
fd_day store_column_day(struct db_statement *statement, int column);
void store_bind_day(struct db_statement *statement, int index, fd_day day);
/* Who cancelled, from a cancelled_by column (the client when NULL). */
enum cancelled_by store_column_cancelled_by(struct db_statement *statement, int column);
/* A state name read back into its constant (0 when unknown). */
int store_column_state(struct db_statement *statement, int column, enum state_machine machine);
/* Part of migration 3: identity keys for every client, a client for
 * every request (client.c). */
int store_client_backfill_identity(struct fd_store *store, struct fd_error *err);
/* Reads the current row into *row (zeroed beforehand). */
typedef void (*store_row_reader)(struct db_statement *statement, void *row);
/* Steps statement to the end, appending each row to *out (element bytes
 * each) through read_row; allocates *out.  doing names the work for an
 * error message. */
int store_collect(struct db_statement *statement, void **out, size_t *count, size_t element,
                  store_row_reader read_row, struct fd_error *err, const char *doing);
/* Prepares (once) a query whose ?1 and ?2 are the ends of a time range,
 * binds [from, to) and collects its rows as store_collect() does. */
int store_collect_range(struct fd_store *store, int id, const char *sql, fd_time from, fd_time to,
                        void **out, size_t *count, size_t element, store_row_reader read_row,
                        struct fd_error *err, const char *doing);
/* Reads the one row statement returns; -FD_ERR_DATA "there is no WHAT ID"
 * when there is none. */
int store_fetch_one(struct db_statement *statement, void *out, size_t element,
                    store_row_reader read_row, struct fd_error *err, const char *what, int64_t id);
/* One integer from a statement's first row (0 when it returns none). */
int store_fetch_int(struct db_statement *statement, int64_t *out, struct fd_error *err,
                    const char *doing);
/* "there is no WHAT ID" unless the last statement changed a row. */
int store_expect_change(struct db_statement *statement, const char *what, int64_t id,
                        struct fd_error *err);

#endif
