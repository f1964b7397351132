/*
 * The Confirmations pane: upcoming appointments whose confirmation has
 * not gone out, failed ones first with their error.  p (or Enter) shows
 * the message as it would be sent, s sends it, S sends them all, m marks
 * one as confirmed by phone.  Sending goes through ops_confirm_send(),
 * like `frontdesk confirm send`.
 */
#include "ui_internal.h"

#include <frontdesk/confirm.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct confirmations_state {
    struct fd_appointment *queue;
    size_t count;
    struct list_view list;
    char error[sizeof(struct fd_error){0}.message];
};

static void confirmations_load(struct ui *ui, void *state)
{
    struct confirmations_state *s = state;
    free(s->queue);
    s->queue = NULL;
    s->count = 0;
    s->error[0] = '\0';
    struct fd_error err = {0};
    if (ops_confirmations(&ui->ctx, false, &s->queue, &s->count, &err) < 0)
        snprintf(s->error, sizeof s->error, "%s", err.message);
    list_clamp(&s->list, (int)s->count);
}

static void queue_row(struct ui *ui, void *data, int index, WINDOW *win, int y, int width,
                      bool selected)
{
    struct confirmations_state *s = data;
    const struct fd_appointment *a = &s->queue[index];
    bool failed = a->confirmation == CONFIRMATION_FAILED;
    char when[FD_DATETIME_LEN], line[FD_TEXT_SIZE + 256];
    datetime_format(a->start, when);
    snprintf(line, sizeof line, "%-7s %s  %-8s %s — %s", failed ? "FAILED" : "unsent", when,
             a->therapist, a->client, a->service);
    if (failed && a->confirmation_error[0])
        snprintf(line + strlen(line), sizeof line - strlen(line), "  (%s)", a->confirmation_error);
    attr_t attr =
        selected ? ui_attr(ui, COLOR_SELECTED) : (failed ? ui_attr(ui, COLOR_OVERDUE) : A_NORMAL);
    wattr_on(win, attr, NULL);
    mvwhline(win, y, 0, ' ', width);
    wattr_off(win, attr, NULL);
    draw_text(win, y, 1, line, width - 2, attr);
}

static void confirmations_draw(struct ui *ui, void *state, WINDOW *win, int height, int width)
{
    struct confirmations_state *s = state;
    char title[96];
    snprintf(title, sizeof title, "Confirmations not yet sent: %zu", s->count);
    draw_text(win, 0, 1, title, width - 2, A_BOLD);
    if (s->error[0]) {
        draw_text(win, 2, 1, s->error, width - 2, ui_attr(ui, COLOR_ERROR));
        return;
    }
    if (s->count == 0) {
        draw_text(win, 2, 1, "Every upcoming appointment has been confirmed.", width - 2, A_NORMAL);
        return;
    }
    list_draw(ui, &s->list, (int)s->count, win, 1, 0, height - 1, width, queue_row, s);
}

static const struct fd_appointment *selected(const struct confirmations_state *s)
{
    return s->count ? &s->queue[s->list.selected] : NULL;
}

static void preview(struct ui *ui, const struct confirmations_state *s)
{
    const struct fd_appointment *a = selected(s);
    if (!a)
        return;
    char *message = NULL;
    struct fd_error err = {0};
    if (ops_confirmation_render(&ui->ctx, a, &message, &err) < 0) {
        ui_set_status(ui, true, "%s", err.message);
        return;
    }
    ui_show_text(ui, "The confirmation as it will be sent", message);
    free(message);
}

static void report_outcome(struct ui *ui, const struct send_report *report, int rc,
                           const struct fd_error *err)
{
    if (report->count == 1 && report->items[0].outcome != SEND_SENT)
        ui_set_status(ui, true, "Not sent: %s",
                      report->items[0].error[0] ? report->items[0].error : err->message);
    else if (rc < 0)
        ui_set_status(ui, true, "Sent %zu, %zu failed (they stay in the queue): %s", report->sent,
                      report->failed, err->message);
    else
        ui_set_status(ui, false, "Sent %zu confirmation%s.", report->sent,
                      report->sent == 1 ? "" : "s");
}

static void send_confirmations(struct ui *ui, const struct confirmations_state *s, bool all)
{
    const struct fd_appointment *a = selected(s);
    if (!a)
        return;
    if (all) {
        char question[96];
        snprintf(question, sizeof question, "Send all %zu confirmations now? (y/n)", s->count);
        if (!ui_confirm(ui, question)) {
            ui_set_status(ui, false, "Nothing sent.");
            return;
        }
    }
    struct send_report report = {0};
    struct fd_error err = {0};
    ui_tick_now(ui);
    struct send_options options = {.progress = ui_send_progress, .progress_data = ui};
    int rc = ops_confirm_send(&ui->ctx, all ? 0 : a->id, &options, &report, &err);
    report_outcome(ui, &report, rc, &err);
    if (report.stopped)
        ui_set_status(ui, false, "Stopped: sent %zu, %zu still to send.", report.sent,
                      report.count - report.sent - report.failed - report.skipped);
    send_report_free(&report);
    ui->dirty = true;
}

static void mark_sent(struct ui *ui, const struct confirmations_state *s)
{
    const struct fd_appointment *a = selected(s);
    if (!a)
        return;
    char question[FD_NAME_SIZE + 64];
    snprintf(question, sizeof question, "Did you confirm with %s by phone? (y/n)", a->client);
    if (!ui_confirm(ui, question)) {
        ui_set_status(ui, false, "Nothing changed.");
        return;
    }
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_confirm_mark_sent(&ui->ctx, a->id, "phone", NULL, &err) < 0)
        ui_set_status(ui, true, "%s", err.message);
    else
        ui_set_status(ui, false, "Marked #%lld confirmed by phone.", (long long)a->id);
    ui->dirty = true;
}

static bool confirmations_handle(struct ui *ui, void *state, enum action action)
{
    struct confirmations_state *s = state;
    switch (action) {
    case ACT_PREVIEW: /* p and Enter */
        preview(ui, s);
        return true;
    case ACT_SEND:
    case ACT_SEND_ALL:
        send_confirmations(ui, s, action == ACT_SEND_ALL);
        return true;
    case ACT_MARK_SENT:
        mark_sent(ui, s);
        return true;
    default:
        return list_handle(&s->list, (int)s->count, action);
    }
}

static void confirmations_free(void *state)
{
    struct confirmations_state *s = state;
    free(s->queue);
    free(s);
}

void *pane_confirmations_new(struct ui *ui)
{
    (void)ui;
    return calloc(1, sizeof(struct confirmations_state));
}

const struct pane_ops PANE_CONFIRMATIONS_OPS = {
    .title = "Confirmations",
    .load = confirmations_load,
    .draw = confirmations_draw,
    .handle = confirmations_handle,
    .free = confirmations_free,
};
