/*
 * The To do pane: everything the desk must act on (attention.h), one row
 * each: bookings no shift holds any more, with the client's phone to ring,
 * past appointments nobody has said the outcome of, messages owed to
 * clients nobody can reach (ring them, or add an address), and requests
 * whose preferred times could not be read.  Enter shows the whole of a
 * row.  An outcome is recorded right here (a, c, N, as on the Day pane);
 * the rest of the work is done where it belongs (the Day pane moves or
 * cancels, the Requests pane books).
 */
#include "ui_internal.h"

#include <frontdesk/attention.h>
#include <frontdesk/outbox.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct attention_state {
    struct attention list;
    struct list_view view;
    char error[sizeof(struct fd_error){0}.message];
};

static void attention_load(struct ui *ui, void *state)
{
    struct attention_state *s = state;
    attention_free(&s->list);
    struct fd_error err = {0};
    s->error[0] = '\0';
    if (ops_attention(&ui->ctx, &s->list, &err) < 0)
        snprintf(s->error, sizeof s->error, "%s", err.message);
    list_clamp(&s->view, (int)attention_count(&s->list));
}

/* Row i: the stranded bookings first, then the appointments with no
 * outcome, the messages nobody can deliver, then the unread requests. */
static const struct fd_appointment *booking_at(const struct attention_state *s, int i)
{
    return (size_t)i < s->list.outside_rota_count ? &s->list.outside_rota[i] : NULL;
}

static const struct fd_appointment *no_outcome_at(const struct attention_state *s, int i)
{
    size_t r = (size_t)i - s->list.outside_rota_count;
    return !booking_at(s, i) && r < s->list.no_outcome_count ? &s->list.no_outcome[r] : NULL;
}

static const struct fd_outbox_message *unreachable_at(const struct attention_state *s, int i)
{
    size_t r = (size_t)i - s->list.outside_rota_count - s->list.no_outcome_count;
    return !booking_at(s, i) && !no_outcome_at(s, i) && r < s->list.unreachable_count
               ? &s->list.unreachable[r]
               : NULL;
}

static const struct fd_request *request_at(const struct attention_state *s, int i)
{
    size_t r = (size_t)i - s->list.outside_rota_count - s->list.no_outcome_count -
               s->list.unreachable_count;
    return !booking_at(s, i) && !no_outcome_at(s, i) && !unreachable_at(s, i) &&
                   r < s->list.prefer_not_understood_count
               ? &s->list.prefer_not_understood[r]
               : NULL;
}

static void attention_row(struct ui *ui, void *data, int index, WINDOW *win, int y, int width,
                          bool selected)
{
    struct attention_state *s = data;
    char line[FD_TEXT_SIZE * 2 + 256];
    const struct fd_appointment *a = booking_at(s, index);
    const struct fd_appointment *past = no_outcome_at(s, index);
    const struct fd_outbox_message *m = unreachable_at(s, index);
    const struct fd_request *r = request_at(s, index);
    if (a) {
        char when[FD_DATETIME_LEN];
        datetime_format(a->start, when);
        snprintf(line, sizeof line, "outside the rota  %s %s  %s  %s  %s", when, a->therapist,
                 a->client, a->client_phone[0] ? a->client_phone : "-", a->client_email);
    } else if (past) {
        char when[FD_DATETIME_LEN];
        datetime_format(past->start, when);
        snprintf(line, sizeof line, "no outcome yet    %s %s  %s  %s  #%lld%s", when,
                 past->therapist, past->client, past->service, (long long)past->id,
                 past->status == APPOINTMENT_ARRIVED ? "  (arrived)" : "");
    } else if (m) {
        char about[FD_TEXT_SIZE];
        ui_message_about(m, about, sizeof about);
        snprintf(line, sizeof line, "unreachable       %s %s  %s  %s  %s",
                 ops_message_kind_name(m->kind), about, m->client,
                 m->client_phone[0] ? m->client_phone : "-",
                 m->client_email[0] ? m->client_email : "no email");
    } else if (r) {
        snprintf(line, sizeof line, "unread times      request #%lld  %s  \"%s\"", (long long)r->id,
                 r->name, r->prefer);
    } else {
        return;
    }
    attr_t attr = selected ? ui_attr(ui, COLOR_SELECTED) : A_NORMAL;
    wattr_on(win, attr, NULL);
    mvwhline(win, y, 0, ' ', width);
    wattr_off(win, attr, NULL);
    draw_text(win, y, 1, line, width - 2, attr);
}

static void attention_draw(struct ui *ui, void *state, WINDOW *win, int height, int width)
{
    struct attention_state *s = state;
    size_t count = attention_count(&s->list);
    char title[96];
    snprintf(title, sizeof title, "To do: %zu thing%s the desk must act on", count,
             count == 1 ? "" : "s");
    draw_text(win, 0, 1, title, width - 2, A_BOLD);
    if (s->error[0]) {
        draw_text(win, 2, 1, s->error, width - 2, ui_attr(ui, COLOR_ERROR));
        return;
    }
    if (count == 0) {
        draw_text(win, 2, 1, "Nothing needs the desk.", width - 2, A_NORMAL);
        return;
    }
    list_draw(ui, &s->view, (int)count, win, 1, 0, height - 1, width, attention_row, s);
}

static void show_row(struct ui *ui, const struct attention_state *s)
{
    char text[4 * FD_TEXT_SIZE + 1024];
    const struct fd_appointment *a = booking_at(s, s->view.selected);
    const struct fd_appointment *past = no_outcome_at(s, s->view.selected);
    const struct fd_outbox_message *m = unreachable_at(s, s->view.selected);
    const struct fd_request *r = request_at(s, s->view.selected);
    if (m) {
        ui_set_status(ui, false,
                      "Nobody can reach %s: ring them, or add an address; the message waits "
                      "in the Outbox (4).",
                      m->client);
        ui_message_show(ui, m);
    } else if (past) {
        ui_set_status(ui, false,
                      "#%lld has no outcome yet: a arrived, c completed, N no-show (or x on the "
                      "Day pane if it was cancelled).",
                      (long long)past->id);
        ui_appointment_show(ui, past);
    } else if (a) {
        char when[FD_DATETIME_LEN], hm[FD_HM_LEN];
        datetime_format(a->start, when);
        time_format_hm(time_minute(a->end), hm);
        snprintf(text, sizeof text,
                 "Appointment #%lld, %s-%s\n%s with %s at %s\n\nClient: %s\nPhone:  %s\n"
                 "Email:  %s\n\nNo shift of %s holds it any more (time off or a rota change "
                 "kept it).\nRing or write to the client, then move or cancel it on the Day "
                 "pane.",
                 (long long)a->id, when, hm, a->service, a->therapist, a->clinic, a->client,
                 a->client_phone[0] ? a->client_phone : "-", a->client_email, a->therapist);
        ui_show_text(ui, "Outside the rota", text);
    } else if (r) {
        char why[FD_TEXT_SIZE] = "";
        ops_prefer_problem(&ui->ctx, r->prefer, why, sizeof why);
        snprintf(text, sizeof text,
                 "Request #%lld from %s <%s> %s\nService: %s\n\nPreferred times, as written:\n"
                 "  %s\n\nNot understood: %s\n\nIts suggestions are at any time: read the "
                 "text, then book it on the Requests pane.",
                 (long long)r->id, r->name, r->email, r->phone, r->service, r->prefer, why);
        ui_show_text(ui, "Preferred times not understood", text);
    }
}

/* a, c, N on a row that is an appointment. */
static void record_outcome(struct ui *ui, const struct attention_state *s, enum action action)
{
    const struct fd_appointment *a = booking_at(s, s->view.selected);
    if (!a)
        a = no_outcome_at(s, s->view.selected);
    if (!a) {
        ui_set_status(ui, true, "That row is not an appointment: there is no outcome to record.");
        return;
    }
    ui_appointment_act(ui, a, action);
}

static bool attention_handle(struct ui *ui, void *state, enum action action)
{
    struct attention_state *s = state;
    switch (action) {
    case ACT_SELECT:
        show_row(ui, s);
        return true;
    case ACT_ARRIVED:
    case ACT_COMPLETED:
    case ACT_NO_SHOW:
        record_outcome(ui, s, action);
        return true;
    default:
        return list_handle(&s->view, (int)attention_count(&s->list), action);
    }
}

static void attention_free_state(void *state)
{
    struct attention_state *s = state;
    attention_free(&s->list);
    free(s);
}

void *pane_attention_new(struct ui *ui)
{
    (void)ui;
    return calloc(1, sizeof(struct attention_state));
}

const struct pane_ops PANE_ATTENTION_OPS = {
    .title = "To do",
    .load = attention_load,
    .draw = attention_draw,
    .handle = attention_handle,
    .free = attention_free_state,
};
