/*
 * Notes on a client or an appointment: the treatment plan, what the
 * therapist found.  Adding one is a change like any other (one
 * transaction, an audit line); who wrote it and when are kept with it.
 */
#include "ops_internal.h"

#include <frontdesk/text.h>

#include <string.h>

struct note_plan {
    struct fd_note *note;
};

static int note_step(struct fd_context *ctx, void *arg, struct fd_error *err)
{
    struct fd_note *note = ((struct note_plan *)arg)->note;
    /* The client or appointment must exist (the store's error names it). */
    int rc = 0;
    if (note->client_id) {
        struct fd_client client;
        rc = store_client_get(ops_store(ctx), note->client_id, &client, err);
    } else {
        struct fd_appointment appointment;
        rc = store_appointment_get(ops_store(ctx), note->appointment_id, &appointment, err);
    }
    if (rc == 0)
        rc = store_note_insert(ops_store(ctx), note, err);
    if (rc == 0)
        rc = ops_audit(ctx, note->client_id ? "client" : "appointment",
                       note->client_id ? note->client_id : note->appointment_id, err,
                       "note added: %.200s", note->text);
    return rc;
}

int ops_note_add(struct fd_context *ctx, int64_t client_id, int64_t appointment_id,
                 const char *text, struct fd_note *out, struct fd_error *err)
{
    struct fd_note scratch = {0};
    struct fd_note *note = out ? out : &scratch;
    memset(note, 0, sizeof *note);
    if ((client_id != 0) == (appointment_id != 0))
        return fd_fail(err, FD_ERR_USAGE,
                       "note: give --client ID or --appointment ID (one of them)");
    if (!text || strlen(text) >= sizeof note->text)
        return fd_fail(err, FD_ERR_DATA, "note: %s", text ? "longer than 511 bytes" : "no text");
    text_copy_trimmed(note->text, sizeof note->text, text);
    if (!note->text[0])
        return fd_fail(err, FD_ERR_USAGE, "note: the note has no text");
    if (!text_is_clean_utf8(note->text, strlen(note->text), true))
        return fd_fail(err, FD_ERR_DATA, "note: not valid UTF-8 text (or has control characters)");
    note->client_id = client_id;
    note->appointment_id = appointment_id;
    note->at = ctx->now;
    text_copy(note->who, sizeof note->who, ctx->who);
    struct note_plan plan = {note};
    return ops_run(ctx, note_step, &plan, err);
}

int ops_notes(struct fd_context *ctx, int64_t client_id, int64_t appointment_id,
              struct fd_note **out, size_t *count, struct fd_error *err)
{
    *out = NULL;
    *count = 0;
    /* Notes of a record that does not exist are an error, not "none". */
    int rc = 0;
    if (client_id) {
        struct fd_client client;
        rc = store_client_get(ops_store(ctx), client_id, &client, err);
    } else if (appointment_id) {
        struct fd_appointment appointment;
        rc = store_appointment_get(ops_store(ctx), appointment_id, &appointment, err);
    }
    return rc < 0 ? rc
                  : store_note_list(ops_store(ctx), client_id, appointment_id, out, count, err);
}
