/* What the store's files share: the connection, the statement cache and
 * small helpers for binding and reading text.  Not part of the public API. */
#ifndef FRONTDESK_STORE_INTERNAL_H
#define FRONTDESK_STORE_INTERNAL_H

#include <frontdesk/store.h>

#include <sqlite3.h>

/* Every statement the store runs has a slot here, so that it is prepared
 * once per connection and reused. */
enum store_statement {
    STMT_AUDIT_INSERT,
    STMT_AUDIT_LIST,
    STMT_THERAPIST_INSERT,
    STMT_THERAPIST_FIND,
    STMT_THERAPIST_LIST,
    STMT_RULE_INSERT,
    STMT_RULE_DELETE,
    STMT_RULE_GET,
    STMT_RULE_LIST,
    STMT_TIME_OFF_INSERT,
    STMT_TIME_OFF_LIST,
    STMT_TIME_OFF_DELETE,
    STMT_CLIENT_BY_EMAIL,
    STMT_CLIENT_BY_PHONE,
    STMT_CLIENT_INSERT,
    STMT_CLIENT_SET_PHONE,
    STMT_CLIENT_GET,
    STMT_CLIENT_SEARCH,
    STMT_CLIENT_LAST_THERAPIST,
    STMT_APPOINTMENT_INSERT,
    STMT_APPOINTMENT_GET,
    STMT_APPOINTMENT_LIST,
    STMT_APPOINTMENT_SET_STATUS,
    STMT_APPOINTMENT_SET_CONFIRMATION,
    STMT_BUSY_LIST,
    STMT_COUNT_PENDING,
    STMT_COUNT_UNSENT,
    STMT_CLINIC_UPSERT,
    STMT_CLINIC_ID,
    STMT_REQUEST_INSERT,
    STMT_REQUEST_GET,
    STMT_REQUEST_LIST,
    STMT_REQUEST_SET_STATUS,
    STMT_WAITLIST_INSERT,
    STMT_WAITLIST_GET,
    STMT_WAITLIST_LIST,
    STMT_WAITLIST_SET_STATUS,
    STMT_MESSAGE_INSERT,
    STMT_MESSAGE_LIST,
    STMT_MESSAGE_SET_HANDLED,
    STMT_EXTRA_FIRST, /* later modules add theirs after this */
    STMT_COUNT = STMT_EXTRA_FIRST + 64
};

struct fd_store {
    sqlite3 *db;
    bool read_only;
    sqlite3_stmt *statements[STMT_COUNT];
};

/* The cached statement for id, prepared from sql on first use and reset
 * with its bindings cleared; NULL (and err filled) on failure. */
sqlite3_stmt *store_statement(struct fd_store *store, int id, const char *sql,
                              struct fd_error *err);
/* Fills err from the connection's last error; returns the negative code. */
int store_fail(struct fd_store *store, struct fd_error *err, const char *doing);
/* Copies column text into a fixed buffer, truncating safely. */
void store_column_text(sqlite3_stmt *statement, int column, char *out, size_t size);
/* Binds text, or NULL for an empty string when empty_is_null. */
int store_bind_text(sqlite3_stmt *statement, int index, const char *text, bool empty_is_null);
/* Steps a statement expected to finish without rows. */
int store_step_done(struct fd_store *store, sqlite3_stmt *statement, struct fd_error *err,
                    const char *doing);
/* Reads the current row into *row (zeroed beforehand). */
typedef void (*store_row_reader)(sqlite3_stmt *statement, void *row);
/* Steps statement to the end, appending each row to *out (element bytes
 * each) through read_row; allocates *out.  doing names the work for an
 * error message. */
int store_collect(struct fd_store *store, sqlite3_stmt *statement, void **out, size_t *count,
                  size_t element, store_row_reader read_row, struct fd_error *err,
                  const char *doing);
/* Reads the one row statement returns; -FD_ERR_DATA "there is no WHAT ID"
 * when there is none. */
int store_fetch_one(struct fd_store *store, sqlite3_stmt *statement, void *out, size_t element,
                    store_row_reader read_row, struct fd_error *err, const char *what, int64_t id);
/* Grows *array (of size element bytes) to hold at least count + 1 items. */
int store_grow(void **array, size_t *capacity, size_t count, size_t element);

#endif
