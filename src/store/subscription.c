/*
 * Consent to mailing lists in the store: who joined which list, when,
 * where from, and when they left.  A record is never deleted: leaving a
 * list stamps it, so the clinic can always show when consent was given
 * and withdrawn.
 */
#include "store_internal.h"

#define SUBSCRIPTION_SELECT                                                                        \
    "SELECT s.id, s.client_id, s.list, coalesce(s.frequency, ''), s.source, s.subscribed_at,"      \
    " coalesce(s.unsubscribed_at, 0), c.name, coalesce(c.email, '')"                               \
    " FROM subscription s JOIN client c ON c.id = s.client_id"

static void read_subscription(struct db_statement *statement, void *row)
{
    struct fd_subscription *s = row;
    s->id = db_column_int64(statement, 0);
    s->client_id = db_column_int64(statement, 1);
    store_column_text(statement, 2, s->list, sizeof s->list);
    store_column_text(statement, 3, s->frequency, sizeof s->frequency);
    store_column_text(statement, 4, s->source, sizeof s->source);
    s->subscribed_at = db_column_int64(statement, 5);
    s->unsubscribed_at = db_column_int64(statement, 6);
    store_column_text(statement, 7, s->name, sizeof s->name);
    store_column_text(statement, 8, s->email, sizeof s->email);
}

int store_subscription_insert(struct fd_store *store, struct fd_subscription *s, bool *inserted,
                              struct fd_error *err)
{
    struct db_statement *statement = store_statement(
        store, STMT_SUBSCRIPTION_INSERT,
        "INSERT INTO subscription(client_id, list, frequency, source, subscribed_at, import_key)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING RETURNING id",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, s->client_id);
    db_bind_text(statement, 2, s->list, false);
    db_bind_text(statement, 3, s->frequency, true);
    db_bind_text(statement, 4, s->source, false);
    db_bind_int64(statement, 5, s->subscribed_at);
    db_bind_text(statement, 6, s->import_key, true);
    int64_t id = 0;
    int rc = store_step_insert(statement, &id, err, "recording the subscription");
    if (rc == 0 && id)
        rc = store_journal_added(store, JOURNAL_SUBSCRIPTION, id, err);
    if (rc == 0 && id)
        s->id = id;
    *inserted = rc == 0 && id != 0;
    return rc;
}

int store_subscriptions(struct fd_store *store, const struct subscription_filter *filter,
                        struct fd_subscription **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    struct db_statement *statement =
        store_statement(store, STMT_SUBSCRIPTION_LIST,
                        SUBSCRIPTION_SELECT " WHERE (?1 = '' OR lower(s.list) = lower(?1))"
                                            " AND (?2 = 0 OR s.client_id = ?2)"
                                            " AND (?3 = 1 OR s.unsubscribed_at IS NULL)"
                                            " ORDER BY s.list, c.name, s.id",
                        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_text(statement, 1, filter->list ? filter->list : "", false);
    db_bind_int64(statement, 2, filter->client_id);
    db_bind_int64(statement, 3, filter->with_former);
    return store_collect(statement, (void **)out, count, sizeof **out, read_subscription, err,
                         "listing subscribers");
}

int store_subscription_get(struct fd_store *store, int64_t id, struct fd_subscription *out,
                           struct fd_error *err)
{
    struct db_statement *statement =
        store_statement(store, STMT_SUBSCRIPTION_GET, SUBSCRIPTION_SELECT " WHERE s.id = ?1", err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    return store_fetch_one(statement, out, sizeof *out, read_subscription, err, "subscription", id);
}

int store_subscription_end(struct fd_store *store, int64_t id, fd_time at, struct fd_error *err)
{
    int touched = store_journal_touch(store, JOURNAL_SUBSCRIPTION, id, err);
    if (touched < 0)
        return touched;
    struct db_statement *statement = store_statement(
        store, STMT_SUBSCRIPTION_END,
        "UPDATE subscription SET unsubscribed_at = ?2 WHERE id = ?1 AND unsubscribed_at IS NULL",
        err);
    if (!statement)
        return -FD_ERR_SOFTWARE;
    db_bind_int64(statement, 1, id);
    db_bind_int64(statement, 2, at);
    int rc = store_step_done(statement, err, "recording the unsubscription");
    return rc < 0 ? rc : store_expect_change(statement, "subscription", id, err);
}
