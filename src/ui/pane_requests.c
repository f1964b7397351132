/*
 * The Requests pane: pending requests by due time (overdue in red, due
 * today in yellow), the selected request's details and preferences, and
 * the suggested slots beside it.  ←/→ choose a slot and b books it; d
 * declines, w moves the client to the waitlist, n takes a new request.
 */
#include "ui_internal.h"

#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct requests_state {
    struct fd_request *requests;
    size_t count;
    struct list_view list;
    struct slot_picker picker;
    char error[sizeof(struct fd_error){0}.message];
};

static const struct fd_request *selected(const struct requests_state *s)
{
    return s->count ? &s->requests[s->list.selected] : NULL;
}

static void load_slots(struct ui *ui, struct requests_state *s)
{
    const struct fd_request *r = selected(s);
    slot_picker_load(ui, &s->picker, r ? r->id : 0, ops_request_suggest);
}

static void requests_load(struct ui *ui, void *state)
{
    struct requests_state *s = state;
    int64_t keep = selected(s) ? selected(s)->id : 0;
    free(s->requests);
    s->requests = NULL;
    s->count = 0;
    s->error[0] = '\0';
    struct fd_error err = {0};
    if (ops_request_list(&ui->ctx, REQUESTS_PENDING, &s->requests, &s->count, &err) < 0)
        snprintf(s->error, sizeof s->error, "%s", err.message);
    for (size_t i = 0; i < s->count; i++)
        if (s->requests[i].id == keep)
            s->list.selected = (int)i;
    list_clamp(&s->list, (int)s->count);
    slot_picker_invalidate(&s->picker); /* the data changed: suggest again */
    load_slots(ui, s);
}

static attr_t due_attr(struct ui *ui, const struct fd_request *r)
{
    switch (ops_request_urgency(&ui->ctx, r)) {
    case REQUEST_OVERDUE:
        return ui_attr(ui, COLOR_OVERDUE) | A_BOLD;
    case REQUEST_DUE_TODAY:
        return ui_attr(ui, COLOR_DUE_TODAY);
    default:
        return A_NORMAL;
    }
}

static void request_row(struct ui *ui, void *data, int index, WINDOW *win, int y, int width,
                        bool is_selected)
{
    struct requests_state *s = data;
    const struct fd_request *r = &s->requests[index];
    char due[FD_DATETIME_LEN], head[24];
    datetime_format(r->due, due);
    enum request_urgency urgency = ops_request_urgency(&ui->ctx, r);
    if (urgency == REQUEST_OVERDUE)
        snprintf(head, sizeof head, "OVERDUE    ");
    else if (urgency == REQUEST_DUE_TODAY)
        snprintf(head, sizeof head, "today %s", due + 11);
    else
        snprintf(head, sizeof head, "%s", due + 5);
    attr_t attr = is_selected ? ui_attr(ui, COLOR_SELECTED) : A_NORMAL;
    wattr_on(win, attr, NULL);
    mvwhline(win, y, 0, ' ', width);
    wattr_off(win, attr, NULL);
    /* The due column is 12 cells wide whatever it holds. */
    draw_text(win, y, 1, head, 12, is_selected ? attr : due_attr(ui, r));
    int x = 13;
    x += draw_text(win, y, x, r->name, width / 2 - 8, attr) + 1;
    if (x < width / 2 + 6)
        x = width / 2 + 6;
    draw_text(win, y, x, r->service, width - x - 1, attr);
}

static int draw_line(WINDOW *win, int y, int x, int width, const char *label, const char *value,
                     attr_t attr)
{
    int used = draw_text(win, y, x, label, width, A_BOLD);
    draw_text(win, y, x + used, value, width - used, attr);
    return y + 1;
}

static void draw_details(struct ui *ui, struct requests_state *s, WINDOW *win, int top, int left,
                         int height, int width)
{
    const struct fd_request *r = selected(s);
    if (!r || height < 3)
        return;
    char line[FD_TEXT_SIZE + 64], received[FD_DATETIME_LEN], due[FD_DATETIME_LEN];
    datetime_format(r->received, received);
    datetime_format(r->due, due);
    int y = top;
    snprintf(line, sizeof line, "%s <%s> %s", r->name, r->email, r->phone);
    y = draw_line(win, y, left, width, "", line, A_BOLD);
    y = draw_line(win, y, left, width, "Service  ", r->service, A_NORMAL);
    y = draw_line(win, y, left, width, "Prefers  ", r->prefer[0] ? r->prefer : "no preference",
                  A_NORMAL);
    char why[FD_TEXT_SIZE];
    if (r->prefer_not_understood && ops_prefer_problem(&ui->ctx, r->prefer, why, sizeof why))
        y = draw_line(win, y, left, width, "         ", "not understood: read it yourself",
                      ui_attr(ui, COLOR_ERROR) | A_BOLD);
    y = draw_line(win, y, left, width, "With     ", r->therapist[0] ? r->therapist : "anyone",
                  A_NORMAL);
    snprintf(line, sizeof line, "%s (%s)", received, r->source);
    y = draw_line(win, y, left, width, "Received ", line, A_NORMAL);
    snprintf(line, sizeof line, "%s%s", due, ops_request_overdue(&ui->ctx, r) ? "  OVERDUE" : "");
    y = draw_line(win, y, left, width, "Reply by ", line, due_attr(ui, r));
    if (r->message[0]) {
        char first[FD_TEXT_SIZE];
        text_copy(first, sizeof first, r->message);
        char *newline = strchr(first, '\n');
        if (newline)
            *newline = '\0';
        y = draw_line(win, y, left, width, "Message  ", first, A_NORMAL);
    }
    y++;
    if (y >= top + height)
        return;
    slot_picker_draw(ui, &s->picker, (struct booking){.request_id = r->id}, win, y, left,
                     top + height, width,
                     r->prefer_not_understood ? "Suggested slots, at any time (←/→ choose, b book):"
                                              : "Suggested slots (←/→ choose, b book):",
                     "No free slot fits within the horizon.");
}

static void requests_draw(struct ui *ui, void *state, WINDOW *win, int height, int width)
{
    struct requests_state *s = state;
    char title[96];
    snprintf(title, sizeof title, "Pending requests by reply-by time: %zu", s->count);
    draw_text(win, 0, 1, title, width - 2, A_BOLD);
    if (s->count == 0) {
        draw_text(win, 2, 1, s->error[0] ? s->error : "No pending requests. n takes a new one.",
                  width - 2, s->error[0] ? ui_attr(ui, COLOR_ERROR) : A_NORMAL);
        return;
    }
    if (width >= 100) {
        int list_width = width * 45 / 100;
        list_draw(ui, &s->list, (int)s->count, win, 1, 0, height - 1, list_width, request_row, s);
        draw_details(ui, s, win, 1, list_width + 2, height - 1, width - list_width - 3);
    } else {
        int list_height = (height - 1) / 3 > 3 ? (height - 1) / 3 : 3;
        list_draw(ui, &s->list, (int)s->count, win, 1, 0, list_height, width, request_row, s);
        draw_details(ui, s, win, 2 + list_height, 1, height - 2 - list_height, width - 2);
    }
}

static void book_slot(struct ui *ui, struct requests_state *s)
{
    const struct fd_request *r = selected(s);
    if (r)
        slot_picker_book(ui, &s->picker, (struct booking){.request_id = r->id});
}

static void decline(struct ui *ui, struct requests_state *s)
{
    const struct fd_request *r = selected(s);
    if (!r)
        return;
    char reason[FD_TEXT_SIZE] = "";
    if (!ui_prompt(ui, "Decline: reason (Enter for none, Esc to keep it): ", reason,
                   sizeof reason)) {
        ui_set_status(ui, false, "Request kept.");
        return;
    }
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_request_decline(&ui->ctx, r->id, reason, &err) < 0)
        ui_set_status(ui, true, "%s", err.message);
    else
        ui_set_status(ui, false, "Declined the request from %s.", r->name);
    ui->dirty = true;
}

static void to_waitlist(struct ui *ui, struct requests_state *s)
{
    const struct fd_request *r = selected(s);
    if (!r)
        return;
    char question[FD_NAME_SIZE + 64];
    snprintf(question, sizeof question, "Put %s on the waitlist and answer the request? (y/n)",
             r->name);
    if (!ui_confirm(ui, question)) {
        ui_set_status(ui, false, "Request kept.");
        return;
    }
    struct fd_waitlist_entry entry;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_request_to_waitlist(&ui->ctx, r->id, &entry, &err) < 0)
        ui_set_status(ui, true, "%s", err.message);
    else
        ui_set_status(ui, false, "%s is on the waitlist (entry %lld).", entry.name,
                      (long long)entry.id);
    ui->dirty = true;
}

static void show_request(struct ui *ui, const struct fd_request *r)
{
    char text[FD_TEXT_SIZE * 6 + FD_EMAIL_SIZE + FD_NAME_SIZE + 1024], received[FD_DATETIME_LEN],
        due[FD_DATETIME_LEN];
    datetime_format(r->received, received);
    datetime_format(r->due, due);
    snprintf(text, sizeof text,
             "Request %lld\n\nName:      %s\nEmail:     %s\nPhone:     %s\nService:   %s\n"
             "Prefers:   %s\nTherapist: %s\nSource:    %s\nReceived:  %s\nReply by:  %s\n\n%s",
             (long long)r->id, r->name, r->email, r->phone, r->service, r->prefer,
             r->therapist[0] ? r->therapist : "anyone", r->source, received, due, r->message);
    ui_show_text(ui, "Request", text);
}

/* ---- the new-request form ---- */

enum { Q_NAME, Q_EMAIL, Q_PHONE, Q_SERVICE, Q_PREFER, Q_THERAPIST, Q_SOURCE, Q_MESSAGE, Q_COUNT };

static bool submit_request(struct ui *ui, struct form *form, void *data, char *message, size_t size)
{
    (void)data;
    const struct form_field *f = form->fields;
    struct request_input in = {
        .name = f[Q_NAME].value,
        .email = f[Q_EMAIL].value,
        .phone = f[Q_PHONE].value,
        .service = f[Q_SERVICE].value,
        .prefer = f[Q_PREFER].value,
        .therapist = strcmp(f[Q_THERAPIST].value, UI_ANYONE) == 0 ? NULL : f[Q_THERAPIST].value,
        .source = f[Q_SOURCE].value,
        .message = f[Q_MESSAGE].value,
    };
    struct fd_request request;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_request_add(&ui->ctx, &in, &request, &err) < 0) {
        snprintf(message, size, "%s", err.message);
        return false;
    }
    char due[FD_DATETIME_LEN];
    datetime_format(request.due, due);
    ui_set_status(ui, false, "Added the request from %s; reply by %s.", request.name, due);
    ui->dirty = true;
    return true;
}

static void request_form(struct ui *ui)
{
    struct ui_choices choices;
    ui_choices_load(ui, &choices, true);
    struct form_field fields[Q_COUNT] = {
        [Q_NAME] = {FORM_CLIENT_NAME},
        [Q_EMAIL] = {FORM_EMAIL},
        [Q_PHONE] = {FORM_PHONE},
        [Q_SERVICE] = {.label = "Service",
                       .choices = choices.services,
                       .choice_count = choices.service_count},
        [Q_PREFER] = {.label = "Prefers",
                      .check = form_check_prefer,
                      .hint = "e.g. mon am, thu 12:00-14:00, any sat, not fri"},
        [Q_THERAPIST] = {.label = "Therapist",
                         .choices = choices.therapists,
                         .choice_count = choices.therapist_count},
        [Q_SOURCE] = {.label = "Came by",
                      .choices = REQUEST_SOURCES,
                      .choice_count = REQUEST_SOURCE_COUNT},
        [Q_MESSAGE] = {.label = "Message", .hint = "optional"},
    };
    text_copy(fields[Q_SERVICE].value, FORM_VALUE_SIZE,
              choices.service_count ? choices.services[0] : "");
    text_copy(fields[Q_THERAPIST].value, FORM_VALUE_SIZE, UI_ANYONE);
    /* A request typed at the desk most often came by phone. */
    text_copy(fields[Q_SOURCE].value, FORM_VALUE_SIZE, "phone");
    struct form form = {
        .title = "New request", .fields = fields, .count = Q_COUNT, .submit = submit_request};
    if (!form_run(ui, &form))
        ui_set_status(ui, false, "No request added.");
    ui_choices_free(&choices);
}

static bool requests_handle(struct ui *ui, void *state, enum action action)
{
    struct requests_state *s = state;
    switch (action) {
    case ACT_PREV_ITEM:
    case ACT_NEXT_ITEM:
        return slot_picker_handle(&s->picker, action);
    case ACT_BOOK:
        book_slot(ui, s);
        return true;
    case ACT_DECLINE:
        decline(ui, s);
        return true;
    case ACT_TO_WAITLIST:
        to_waitlist(ui, s);
        return true;
    case ACT_NEW:
        request_form(ui);
        return true;
    case ACT_SELECT:
        if (selected(s))
            show_request(ui, selected(s));
        return true;
    default:
        break;
    }
    bool used = list_handle(&s->list, (int)s->count, action);
    if (used)
        load_slots(ui, s);
    return used;
}

static void requests_free(void *state)
{
    struct requests_state *s = state;
    free(s->requests);
    slot_picker_free(&s->picker);
    free(s);
}

void *pane_requests_new(struct ui *ui)
{
    (void)ui;
    return calloc(1, sizeof(struct requests_state));
}

const struct pane_ops PANE_REQUESTS_OPS = {
    .title = "Requests",
    .load = requests_load,
    .draw = requests_draw,
    .handle = requests_handle,
    .free = requests_free,
};
