/*
 * The Outbox pane: every message the clinic owes a client (outbox.h) that
 * is still to go, by due time: queued, failed with the error that stopped
 * it, and interrupted (a run that was sending it never came back, so it
 * may have gone).  a shows every message instead, sent and void too.
 * p (or Enter) shows the selected message as it would go now: channel,
 * recipient and the whole text.  s sends it, S sends every one that is
 * due, v gives up on it, r queues an interrupted one again, m records a
 * confirmation given by phone.  Sending goes through ops_send(), as
 * `frontdesk send` does, with the progress on the status line and Esc
 * stopping the run after the message under way, so the screen never
 * freezes while a slow mail program works.
 *
 * The words for one message (what it is about, the popup with its text)
 * are shared with the To do pane, which lists the messages to clients
 * nobody can reach.
 */
#include "ui_internal.h"

#include <frontdesk/confirm.h>
#include <frontdesk/outbox.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct outbox_pane {
    struct fd_outbox_message *messages;
    size_t count;
    bool all; /* every message, not only those still to go */
    struct list_view list;
    char error[sizeof(struct fd_error){0}.message];
};

/* Rows the pane keeps for itself: the title and the column names above
 * the list, a gap and two lines about the selected message below it. */
#define LIST_TOP      2
#define DETAIL_HEIGHT 3
/* The preview's lines fit the box an 80-column terminal has room for. */
#define PREVIEW_COLUMNS 72

/* ---- the words for one message ---- */

/* A sending that never came back is "interrupted". */
static const char *shown_state(const struct ui *ui, const struct fd_outbox_message *m)
{
    return ops_outbox_interrupted(&ui->ctx, m) ? "interrupted"
                                               : state_name(MACHINE_OUTBOX, (int)m->state);
}

static bool needs_the_desk(const struct ui *ui, const struct fd_outbox_message *m)
{
    return m->state == OUTBOX_FAILED || ops_outbox_interrupted(&ui->ctx, m);
}

void ui_message_about(const struct fd_outbox_message *m, char *out, size_t size)
{
    char when[FD_DATETIME_LEN];
    if (m->appointment_id) {
        datetime_format(m->appointment_start ? m->appointment_start : m->for_start, when);
        snprintf(out, size, "appt #%lld %s", (long long)m->appointment_id, when + 5);
    } else if (m->for_start) {
        datetime_format(m->for_start, when);
        snprintf(out, size, "slot %s", when + 5);
    } else if (m->request_id) {
        snprintf(out, size, "request #%lld", (long long)m->request_id);
    } else if (m->waitlist_id) {
        snprintf(out, size, "waitlist #%lld", (long long)m->waitlist_id);
    } else {
        snprintf(out, size, "%s", m->service);
    }
}

static const char *channel_word(enum contact_channel channel)
{
    return channel == CONTACT_SMS ? "text" : "email";
}

/* "failed after 2 attempts", "sent 2026-11-24 09:05 by email to ann@…". */
static void describe_state(const struct ui *ui, const struct fd_outbox_message *m, char *out,
                           size_t size)
{
    char when[FD_DATETIME_LEN];
    if (ops_outbox_interrupted(&ui->ctx, m)) {
        datetime_format(m->claimed_at, when);
        snprintf(out, size,
                 "interrupted: a run began sending it at %s and never came back, so it may "
                 "have gone; on the Outbox, r queues it again and v voids it",
                 when);
    } else if (m->state == OUTBOX_SENDING) {
        snprintf(out, size, "being sent right now by another run");
    } else if (m->state == OUTBOX_FAILED) {
        snprintf(out, size, "failed after %d attempt%s: %s; the next send tries it again",
                 m->attempts, m->attempts == 1 ? "" : "s", m->error);
    } else if (m->state == OUTBOX_SENT) {
        datetime_format(m->sent_at, when);
        snprintf(out, size, "sent %s by %s to %s", when, channel_word(m->channel), m->recipient);
    } else if (m->state == OUTBOX_VOID) {
        snprintf(out, size, "void: it will not be sent");
    } else if (!ops_reachable(&ui->ctx, m->client_email, m->client_phone)) {
        snprintf(out, size, "queued: it waits until the client can be reached");
    } else if (m->due > ui->ctx.now) {
        datetime_format(m->due, when);
        snprintf(out, size, "queued: due %s", when);
    } else {
        snprintf(out, size, "queued: it goes with the next send");
    }
}

/* "Tom Patel <tom@example.com> +447700900111, prefers email", and said
 * so when nothing can reach them (the preview says why). */
static void describe_client(const struct ui *ui, const struct fd_outbox_message *m, char *out,
                            size_t size)
{
    snprintf(out, size, "%s <%s>%s%s, prefers %s%s", m->client,
             m->client_email[0] ? m->client_email : "no email", m->client_phone[0] ? " " : "",
             m->client_phone, channel_word(m->client_contact),
             ops_reachable(&ui->ctx, m->client_email, m->client_phone) ? ""
                                                                       : ": CANNOT BE REACHED");
}

/* The popup's text: the message's details, then the text as it would go
 * now, or why it cannot go. */
static void message_text(struct ui *ui, const struct fd_outbox_message *m, struct ui_text *t)
{
    char about[FD_TEXT_SIZE], state[2 * FD_TEXT_SIZE], client[2 * FD_TEXT_SIZE];
    char due[FD_DATETIME_LEN];
    ui_message_about(m, about, sizeof about);
    describe_state(ui, m, state, sizeof state);
    describe_client(ui, m, client, sizeof client);
    datetime_format(m->due, due);
    ui_text_append(t, "Kind:    %s\nClient:  %s\nAbout:   %s\nDue:     %s\nState:   %s\n",
                   ops_message_kind_name(m->kind), client, about, due, state);
    if (m->details[0])
        ui_text_append(t, "Details: %s\n", m->details);
    if (m->reply_code[0])
        ui_text_append(t, "Reply code: %s\n", m->reply_code);
    struct rendered_message rendered;
    struct fd_error why = {0};
    if (ops_message_render(&ui->ctx, m, &rendered, &why) == 0) {
        ui_text_append(t, "\nAs it would go now, by %s to %s:\n\n%s",
                       channel_word(rendered.channel), rendered.recipient, rendered.text);
        rendered_message_free(&rendered);
    } else {
        ui_text_append(t, "\nIt cannot go now: %s\n", why.message);
    }
}

void ui_message_show(struct ui *ui, const struct fd_outbox_message *m)
{
    struct ui_text t = {0};
    message_text(ui, m, &t);
    if (!t.text) {
        ui_set_status(ui, true, "Out of memory: the message cannot be shown.");
        return;
    }
    ui_text_wrap(t.text, PREVIEW_COLUMNS);
    char title[64];
    snprintf(title, sizeof title, "Message #%lld as it would go now", (long long)m->id);
    ui_show_text(ui, title, t.text);
    ui_text_free(&t);
}

/* ---- the list ---- */

static const struct fd_outbox_message *selected(const struct outbox_pane *s)
{
    return s->count ? &s->messages[s->list.selected] : NULL;
}

static void outbox_load(struct ui *ui, void *state)
{
    struct outbox_pane *s = state;
    int64_t keep = selected(s) ? selected(s)->id : 0;
    free(s->messages);
    s->messages = NULL;
    s->count = 0;
    s->error[0] = '\0';
    struct fd_error err = {0};
    if (ops_outbox(&ui->ctx, s->all, -1, &s->messages, &s->count, &err) < 0)
        snprintf(s->error, sizeof s->error, "%s", err.message);
    /* The selection stays on its message when the list around it changes. */
    for (size_t i = 0; i < s->count; i++)
        if (s->messages[i].id == keep)
            s->list.selected = (int)i;
    list_clamp(&s->list, (int)s->count);
}

/* The columns: where each begins and how wide it is; the last one, what
 * the message is about and its last error, takes the rest of the line. */
enum { COL_KIND, COL_STATE, COL_DUE, COL_CLIENT, COL_ABOUT, COL_COUNT };
static const int COLUMN_X[COL_COUNT] = {1, 15, 28, 41, 61};
static const char *const COLUMN_NAMES[COL_COUNT] = {"KIND", "STATE", "DUE", "CLIENT",
                                                    "ABOUT / LAST ERROR"};

static int column_width(int column, int width)
{
    int end = column + 1 < COL_COUNT ? COLUMN_X[column + 1] - 2 : width - 1;
    return end - COLUMN_X[column];
}

static void message_row(struct ui *ui, void *data, int index, WINDOW *win, int y, int width,
                        bool is_selected)
{
    struct outbox_pane *s = data;
    const struct fd_outbox_message *m = &s->messages[index];
    char due[FD_DATETIME_LEN], about[2 * FD_TEXT_SIZE];
    datetime_format(m->due, due);
    ui_message_about(m, about, sizeof about);
    if (m->error[0] && m->state != OUTBOX_SENT)
        snprintf(about + strlen(about), sizeof about - strlen(about), ": %s", m->error);
    attr_t attr = A_NORMAL;
    if (is_selected)
        attr = ui_attr(ui, COLOR_SELECTED);
    else if (needs_the_desk(ui, m))
        attr = ui_attr(ui, COLOR_OVERDUE);
    else if (m->state == OUTBOX_SENT || m->state == OUTBOX_VOID)
        attr = A_DIM;
    wattr_on(win, attr, NULL);
    mvwhline(win, y, 0, ' ', width);
    wattr_off(win, attr, NULL);
    const char *cells[COL_COUNT] = {ops_message_kind_name(m->kind), shown_state(ui, m), due + 5,
                                    m->client, about};
    for (int c = 0; c < COL_COUNT && COLUMN_X[c] < width - 1; c++)
        draw_text(win, y, COLUMN_X[c], cells[c], column_width(c, width), attr);
}

/* Below the list: who the selected message goes to, and its state in
 * words (the whole of a failure's error). */
static void draw_detail(struct ui *ui, const struct outbox_pane *s, WINDOW *win, int y, int width)
{
    const struct fd_outbox_message *m = selected(s);
    if (!m)
        return;
    char line[3 * FD_TEXT_SIZE], client[2 * FD_TEXT_SIZE], state[2 * FD_TEXT_SIZE];
    describe_client(ui, m, client, sizeof client);
    describe_state(ui, m, state, sizeof state);
    snprintf(line, sizeof line, "#%lld %s to %s", (long long)m->id, ops_message_kind_name(m->kind),
             client);
    draw_text(win, y, 1, line, width - 2, A_BOLD);
    draw_text(win, y + 1, 1, state, width - 2,
              needs_the_desk(ui, m) ? ui_attr(ui, COLOR_ERROR) : A_NORMAL);
}

static void outbox_draw(struct ui *ui, void *state, WINDOW *win, int height, int width)
{
    struct outbox_pane *s = state;
    char title[128];
    if (s->all)
        snprintf(title, sizeof title, "Outbox, every message: %zu (a: only those to go)", s->count);
    else
        snprintf(title, sizeof title, "Outbox, still to go: %zu message%s (a: every one)", s->count,
                 s->count == 1 ? "" : "s");
    draw_text(win, 0, 1, title, width - 2, A_BOLD);
    if (s->error[0]) {
        draw_text(win, 2, 1, s->error, width - 2, ui_attr(ui, COLOR_ERROR));
        return;
    }
    if (s->count == 0) {
        draw_text(win, 2, 1,
                  s->all ? "No message has been queued yet."
                         : "Nothing to send: every message owed to a client has gone.",
                  width - 2, A_NORMAL);
        return;
    }
    for (int c = 0; c < COL_COUNT && COLUMN_X[c] < width - 1; c++)
        draw_text(win, 1, COLUMN_X[c], COLUMN_NAMES[c], column_width(c, width), A_DIM);
    int list_height = height - LIST_TOP - DETAIL_HEIGHT;
    list_draw(ui, &s->list, (int)s->count, win, LIST_TOP, 0, list_height, width, message_row, s);
    draw_detail(ui, s, win, height - DETAIL_HEIGHT + 1, width);
}

/* ---- what the keys do ---- */

static void preview(struct ui *ui, const struct outbox_pane *s)
{
    const struct fd_outbox_message *m = selected(s);
    if (m)
        ui_message_show(ui, m);
}

static void report_outcome(struct ui *ui, const struct send_report *report, int rc,
                           const struct fd_error *err)
{
    if (report->stopped)
        ui_set_status(ui, false, "Stopped: sent %zu, %zu still to send.", report->sent,
                      report->count - report->sent - report->failed - report->skipped);
    else if (report->count == 0 && rc < 0)
        ui_set_status(ui, true, "%s", err->message);
    else if (report->count == 0)
        ui_set_status(ui, false, "Nothing was due to send.");
    else if (report->count == 1 && report->items[0].outcome == SEND_SENT)
        ui_set_status(ui, false, "Sent the %s to %s by %s (%s).",
                      ops_message_kind_name(report->items[0].message.kind),
                      report->items[0].message.client, channel_word(report->items[0].channel),
                      report->items[0].recipient);
    else if (report->count == 1)
        ui_set_status(ui, true, "Not sent: %s",
                      report->items[0].error[0] ? report->items[0].error : err->message);
    else if (rc < 0)
        ui_set_status(ui, true, "Sent %zu, %zu failed (they stay in the outbox): %s", report->sent,
                      report->failed, err->message);
    else
        ui_set_status(ui, false, "Sent %zu message%s.", report->sent, report->sent == 1 ? "" : "s");
}

/* The messages a send of everything due would take: queued or failed,
 * due by now.  Only for the question; ops_send() decides. */
static size_t due_count(const struct ui *ui, const struct outbox_pane *s)
{
    size_t due = 0;
    for (size_t i = 0; i < s->count; i++) {
        const struct fd_outbox_message *m = &s->messages[i];
        if ((m->state == OUTBOX_QUEUED || m->state == OUTBOX_FAILED) && m->due <= ui->ctx.now)
            due++;
    }
    return due;
}

static void send_messages(struct ui *ui, const struct outbox_pane *s, bool all)
{
    const struct fd_outbox_message *m = selected(s);
    struct send_selection selection = {.message_id = 0};
    if (all) {
        size_t due = due_count(ui, s);
        char question[96];
        snprintf(question, sizeof question, "Send the %zu message%s due now? (y/n)", due,
                 due == 1 ? "" : "s");
        if (due == 0 || !ui_confirm(ui, question)) {
            ui_set_status(ui, false, due ? "Nothing sent." : "Nothing is due to send now.");
            return;
        }
    } else if (m) {
        selection.message_id = m->id;
    } else {
        return;
    }
    struct send_report report = {0};
    struct fd_error err = {0};
    ui_tick_now(ui);
    struct send_options options = {.progress = ui_send_progress, .progress_data = ui};
    int rc = ops_send(&ui->ctx, &selection, &options, &report, &err);
    report_outcome(ui, &report, rc, &err);
    send_report_free(&report);
    ui->dirty = true;
}

/* void and retry: one message by hand, after a question. */
static void by_hand(struct ui *ui, const struct fd_outbox_message *m, const char *question,
                    int (*op)(struct fd_context *, int64_t, struct fd_error *), const char *done)
{
    if (question && !ui_confirm(ui, question)) {
        ui_set_status(ui, false, "Nothing changed.");
        return;
    }
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (op(&ui->ctx, m->id, &err) < 0)
        ui_set_status(ui, true, "%s", err.message);
    else
        ui_set_status(ui, false, "Message #%lld %s", (long long)m->id, done);
    ui->dirty = true;
}

static void void_message(struct ui *ui, const struct outbox_pane *s)
{
    const struct fd_outbox_message *m = selected(s);
    if (!m)
        return;
    char question[FD_NAME_SIZE + 96];
    snprintf(question, sizeof question, "Void the %s to %s? It will never be sent. (y/n)",
             ops_message_kind_name(m->kind), m->client);
    /* What has gone or was given up already is refused without asking. */
    bool ask = m->state != OUTBOX_SENT && m->state != OUTBOX_VOID;
    by_hand(ui, m, ask ? question : NULL, ops_outbox_void, "voided: it will not be sent.");
}

static void retry_message(struct ui *ui, const struct outbox_pane *s)
{
    const struct fd_outbox_message *m = selected(s);
    if (!m)
        return;
    char question[FD_NAME_SIZE + 96];
    snprintf(question, sizeof question,
             "The %s to %s may have gone already. Queue it to go again? (y/n)",
             ops_message_kind_name(m->kind), m->client);
    /* Only an interrupted one is retried; the others are refused by the
     * operation, saying why, without a question first. */
    by_hand(ui, m, ops_outbox_interrupted(&ui->ctx, m) ? question : NULL, ops_outbox_retry,
            "is queued again: s sends it now.");
}

static void mark_by_phone(struct ui *ui, const struct outbox_pane *s)
{
    const struct fd_outbox_message *m = selected(s);
    if (!m)
        return;
    if (!m->appointment_id ||
        (m->kind != MESSAGE_KIND_CONFIRMATION && m->kind != MESSAGE_KIND_CHANGE)) {
        ui_set_status(ui, true,
                      "Only an appointment's confirmation or change is given by phone; v voids "
                      "this one.");
        return;
    }
    char question[FD_NAME_SIZE + 64];
    snprintf(question, sizeof question, "Did you confirm with %s by phone? (y/n)", m->client);
    if (!ui_confirm(ui, question)) {
        ui_set_status(ui, false, "Nothing changed.");
        return;
    }
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_confirm_mark_sent(&ui->ctx, m->appointment_id, "phone", NULL, &err) < 0)
        ui_set_status(ui, true, "%s", err.message);
    else
        ui_set_status(ui, false, "Marked #%lld confirmed by phone.", (long long)m->appointment_id);
    ui->dirty = true;
}

static void show_all(struct ui *ui, struct outbox_pane *s)
{
    s->all = !s->all;
    outbox_load(ui, s);
    ui_set_status(ui, false,
                  s->all ? "Every message, sent and void too; a again shows only those to go."
                         : "Only the messages still to go.");
}

static bool outbox_handle(struct ui *ui, void *state, enum action action)
{
    struct outbox_pane *s = state;
    switch (action) {
    case ACT_PREVIEW: /* p and Enter */
        preview(ui, s);
        return true;
    case ACT_SEND:
    case ACT_SEND_ALL:
        send_messages(ui, s, action == ACT_SEND_ALL);
        return true;
    case ACT_VOID:
        void_message(ui, s);
        return true;
    case ACT_RETRY:
        retry_message(ui, s);
        return true;
    case ACT_MARK_SENT:
        mark_by_phone(ui, s);
        return true;
    case ACT_SHOW_ALL:
        show_all(ui, s);
        return true;
    default:
        return list_handle(&s->list, (int)s->count, action);
    }
}

static void outbox_free(void *state)
{
    struct outbox_pane *s = state;
    free(s->messages);
    free(s);
}

void *pane_outbox_new(struct ui *ui)
{
    (void)ui;
    return calloc(1, sizeof(struct outbox_pane));
}

const struct pane_ops PANE_OUTBOX_OPS = {
    .title = "Outbox",
    .load = outbox_load,
    .draw = outbox_draw,
    .handle = outbox_handle,
    .free = outbox_free,
};
