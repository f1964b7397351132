/*
 * The Inbox pane: contact messages the desk has still to deal with,
 * oldest first: those from the website's contact form (`import
 * messages`, `message add`) and the texts clients sent that the program
 * could not read or that came from a number it does not know (`reply`).
 * Each row says when it came, who sent it (a name, and the email address
 * or, for a text, the number) and the first line of what they wrote;
 * below the list, the selected message's sender and the start of its
 * text.  Enter reads it whole, h marks it handled after a question, and
 * r makes it a booking request with a small form (the service and the
 * preferred times), which then waits on the Requests pane with the text
 * kept.  a shows the handled messages too.
 *
 * The pane is the desk's only: a therapist's view has no Inbox, since
 * the messages hold clients' addresses and numbers (as the Outbox does).
 * Its load also counts the messages waiting, for the header.
 */
#include "ui_internal.h"

#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct inbox_pane {
    struct fd_message *messages;
    size_t count;
    bool all; /* the handled messages too */
    struct list_view list;
    char error[sizeof(struct fd_error){0}.message];
};

/* Rows the pane keeps above the list: its title and the column names. */
#define LIST_TOP 2
/* Below the list: a gap, the sender, when, and the first lines of the
 * text; fewer text lines on a short terminal, none on the shortest. */
#define DETAIL_HEIGHT 6
#define LIST_MIN      3
/* The popup's lines fit the box an 80-column terminal has room for. */
#define READ_COLUMNS 72

static const struct fd_message *selected(const struct inbox_pane *s)
{
    return s->count ? &s->messages[s->list.selected] : NULL;
}

static void inbox_load(struct ui *ui, void *state)
{
    struct inbox_pane *s = state;
    int64_t keep = selected(s) ? selected(s)->id : 0;
    free(s->messages);
    s->messages = NULL;
    s->count = 0;
    s->error[0] = '\0';
    struct fd_error err = {0};
    if (ops_messages(&ui->ctx, s->all, &s->messages, &s->count, &err) < 0)
        snprintf(s->error, sizeof s->error, "%s", err.message);
    /* The selection stays on its message when the list around it changes. */
    for (size_t i = 0; i < s->count; i++)
        if (s->messages[i].id == keep)
            s->list.selected = (int)i;
    list_clamp(&s->list, (int)s->count);
}

/* ---- the words for one message ---- */

/* How the sender is reached: the email address, or a text's number. */
static const char *contact_of(const struct fd_message *m)
{
    return m->email[0] ? m->email : m->phone;
}

/* The first line of the text, cut to fit out. */
static void first_line(const struct fd_message *m, char *out, size_t size)
{
    text_copy(out, size, m->text);
    char *newline = strchr(out, '\n');
    if (newline)
        *newline = '\0';
}

/* "11-24 10:00" this year, "2025-11-24" for an older one. */
static void short_when(const struct ui *ui, fd_time t, char *out, size_t size)
{
    char when[FD_DATETIME_LEN];
    datetime_format(t, when);
    char this_year[FD_DATETIME_LEN];
    datetime_format(ui->ctx.now, this_year);
    if (strncmp(when, this_year, 4) == 0)
        snprintf(out, size, "%s", when + 5);
    else
        snprintf(out, size, "%.10s", when);
}

/* "Ann Lee <ann@example.com>", "Bo Known, a text from +447700900111";
 * a text from a number nobody has is named by the number already. */
static void describe_sender(const struct fd_message *m, char *out, size_t size)
{
    if (m->email[0])
        snprintf(out, size, "%s <%s>", m->name, m->email);
    else if (m->phone[0] && !strstr(m->name, m->phone))
        snprintf(out, size, "%s, a text from %s", m->name, m->phone);
    else
        snprintf(out, size, "%s", m->name);
}

/* "received 2026-11-24 10:00, handled 2026-11-24 10:20". */
static void describe_times(const struct fd_message *m, char *out, size_t size)
{
    char received[FD_DATETIME_LEN], handled[FD_DATETIME_LEN];
    datetime_format(m->received, received);
    if (m->handled) {
        datetime_format(m->handled, handled);
        snprintf(out, size, "received %s, handled %s", received, handled);
    } else {
        snprintf(out, size, "received %s, not handled yet", received);
    }
}

/* ---- the list ---- */

enum { COL_RECEIVED, COL_FROM, COL_CONTACT, COL_TEXT, COL_COUNT };
static const int COLUMN_X[COL_COUNT] = {1, 14, 34, 58};
static const char *const COLUMN_NAMES[COL_COUNT] = {"RECEIVED", "FROM", "EMAIL / NUMBER",
                                                    "MESSAGE"};
/* Narrower than this, the email or number gives its room to the text
 * (the lines under the list still say it). */
#define CONTACT_MIN_WIDTH 80

/* Where each column begins on a pane width wide, -1 for one not shown. */
static void column_layout(int width, int x[COL_COUNT])
{
    for (int c = 0; c < COL_COUNT; c++)
        x[c] = COLUMN_X[c];
    if (width < CONTACT_MIN_WIDTH) {
        x[COL_TEXT] = COLUMN_X[COL_CONTACT];
        x[COL_CONTACT] = -1;
    }
}

/* Draws cells[c] in each column shown, each up to the next one. */
static void draw_columns(WINDOW *win, int y, int width, const char *const cells[COL_COUNT],
                         attr_t attr)
{
    int x[COL_COUNT];
    column_layout(width, x);
    for (int c = 0; c < COL_COUNT; c++) {
        if (x[c] < 0 || x[c] >= width - 1)
            continue;
        int end = width - 1;
        for (int next = c + 1; next < COL_COUNT; next++)
            if (x[next] >= 0) {
                end = x[next] - 2;
                break;
            }
        draw_text(win, y, x[c], cells[c], end - x[c], attr);
    }
}

static void message_row(struct ui *ui, void *data, int index, WINDOW *win, int y, int width,
                        bool is_selected)
{
    struct inbox_pane *s = data;
    const struct fd_message *m = &s->messages[index];
    char when[FD_DATETIME_LEN], text[FD_TEXT_SIZE + 8];
    short_when(ui, m->received, when, sizeof when);
    /* A handled message (shown with a) is marked in words, not only dimmed,
     * so that it reads the same without colour. */
    int used = snprintf(text, sizeof text, "%s", m->handled ? "✔ " : "");
    first_line(m, text + used, sizeof text - (size_t)used);
    attr_t attr = is_selected ? ui_attr(ui, COLOR_SELECTED) : m->handled ? A_DIM : A_NORMAL;
    wattr_on(win, attr, NULL);
    mvwhline(win, y, 0, ' ', width);
    wattr_off(win, attr, NULL);
    const char *cells[COL_COUNT] = {when, m->name, contact_of(m), text};
    draw_columns(win, y, width, cells, attr);
}

/* Below the list: who sent the selected message, when, and as many of
 * its first lines as there is room for (the rest: Enter). */
static void draw_detail(const struct inbox_pane *s, WINDOW *win, int y, int rows, int width)
{
    const struct fd_message *m = selected(s);
    if (!m || rows < 2 || width < 4)
        return;
    char line[2 * FD_TEXT_SIZE], times[2 * FD_DATETIME_LEN + 32];
    describe_sender(m, line, sizeof line);
    char head[sizeof line + 24];
    snprintf(head, sizeof head, "#%lld %s", (long long)m->id, line);
    draw_text(win, y, 1, head, width - 2, A_BOLD);
    describe_times(m, times, sizeof times);
    draw_text(win, y + 1, 1, times, width - 2, A_NORMAL);
    char *text = strdup(m->text);
    if (!text)
        return;
    ui_text_wrap(text, width - 2);
    char *p = text;
    int r = 2;
    for (; r < rows && p && *p; r++) {
        char *end = strchr(p, '\n');
        if (end)
            *end = '\0';
        bool more = end && r + 1 == rows;
        char shown[2 * FD_TEXT_SIZE];
        snprintf(shown, sizeof shown, "%s%s", p, more ? " …" : "");
        draw_text(win, y + r, 1, shown, width - 2, A_NORMAL);
        p = end ? end + 1 : NULL;
    }
    free(text);
}

static void inbox_draw(struct ui *ui, void *state, WINDOW *win, int height, int width)
{
    struct inbox_pane *s = state;
    char title[128];
    if (s->all)
        snprintf(title, sizeof title, "Inbox, every message: %zu (a: only those waiting)",
                 s->count);
    else
        snprintf(title, sizeof title,
                 "Inbox, waiting, oldest first: %zu message%s (a: handled too)", s->count,
                 s->count == 1 ? "" : "s");
    draw_text(win, 0, 1, title, width - 2, A_BOLD);
    if (s->error[0]) {
        draw_text(win, 2, 1, s->error, width - 2, ui_attr(ui, COLOR_ERROR));
        return;
    }
    if (s->count == 0) {
        draw_text(win, 2, 1,
                  s->all ? "No contact message has come in yet."
                         : "Nothing waiting: every contact message has been dealt with.",
                  width - 2, A_NORMAL);
        return;
    }
    draw_columns(win, 1, width, COLUMN_NAMES, A_DIM);
    int detail = height - LIST_TOP - LIST_MIN;
    if (detail > DETAIL_HEIGHT)
        detail = DETAIL_HEIGHT;
    if (detail < 3) /* a gap, the sender and when at least, or nothing */
        detail = 0;
    list_draw(ui, &s->list, (int)s->count, win, LIST_TOP, 0, height - LIST_TOP - detail, width,
              message_row, s);
    if (detail)
        draw_detail(s, win, height - detail + 1, detail - 1, width);
}

/* ---- what the keys do ---- */

static void mark_handled(struct ui *ui, const struct fd_message *m)
{
    if (m->handled) {
        char handled[FD_DATETIME_LEN];
        datetime_format(m->handled, handled);
        ui_set_status(ui, false, "Message #%lld was handled already, at %s.", (long long)m->id,
                      handled);
        return;
    }
    char question[FD_NAME_SIZE + 96];
    snprintf(question, sizeof question,
             "Mark the message from %s handled? It leaves the inbox. (y/n)", m->name);
    if (!ui_confirm(ui, question)) {
        ui_set_status(ui, false, "The message stays in the inbox.");
        return;
    }
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_message_handle(&ui->ctx, m->id, &err) < 0)
        ui_set_status(ui, true, "%s", err.message);
    else
        ui_set_status(ui, false, "Message #%lld from %s marked handled.", (long long)m->id,
                      m->name);
    ui->dirty = true;
}

/* ---- the request form ---- */

enum { R_SERVICE, R_PREFER, R_COUNT };

/* Under the fields: whose message it is and how it begins. */
static bool request_summary(struct ui *ui, const struct form *form, char *out, size_t size)
{
    (void)ui;
    const struct fd_message *m = form->data;
    char line[FD_TEXT_SIZE];
    first_line(m, line, sizeof line);
    snprintf(out, size, "“%s”", line);
    return true;
}

static bool submit_request(struct ui *ui, struct form *form, void *data, char *message, size_t size)
{
    const struct fd_message *m = data;
    const struct form_field *f = form->fields;
    struct fd_request request;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_message_to_request(&ui->ctx, m->id, f[R_SERVICE].value, f[R_PREFER].value, &request,
                               &err) < 0) {
        snprintf(message, size, "%s", err.message);
        ui->dirty = true; /* another desk may have handled it meanwhile */
        return false;
    }
    char due[FD_DATETIME_LEN];
    datetime_format(request.due, due);
    ui_set_status(ui, false, "Made request #%lld from %s's message: reply by %s.",
                  (long long)request.id, request.name, due);
    ui->dirty = true;
    return true;
}

static void request_form(struct ui *ui, const struct fd_message *m)
{
    if (m->handled) {
        ui_set_status(ui, true, "Message #%lld was handled already: it cannot become a request.",
                      (long long)m->id);
        return;
    }
    /* The list is read again only once the form has closed, so the form
     * can keep m for its summary and its submit. */
    struct ui_choices choices;
    ui_choices_load(ui, &choices, false);
    struct form_field fields[R_COUNT] = {
        [R_SERVICE] = {.label = "Service",
                       .choices = choices.services,
                       .choice_count = choices.service_count},
        [R_PREFER] = {.label = "Prefers",
                      .check = form_check_prefer,
                      .hint = "e.g. mon am, thu 12:00-14:00, any sat, not fri; empty: any time"},
    };
    text_copy(fields[R_SERVICE].value, FORM_VALUE_SIZE,
              choices.service_count ? choices.services[0] : "");
    char title[FD_NAME_SIZE + 32];
    snprintf(title, sizeof title, "Request from %s", m->name);
    struct form form = {.title = title,
                        .fields = fields,
                        .count = R_COUNT,
                        .submit = submit_request,
                        .data = (void *)m,
                        .summary = request_summary};
    if (!form_run(ui, &form))
        ui_set_status(ui, false, "No request made; the message stays in the inbox.");
    ui_choices_free(&choices);
}

/* Enter: the whole message in a box; one still waiting can be dealt with
 * from there. */
static void read_message(struct ui *ui, const struct fd_message *m)
{
    struct ui_text t = {0};
    char times[2 * FD_DATETIME_LEN + 32];
    describe_times(m, times, sizeof times);
    ui_text_append(&t, "From:     %s\n", m->name);
    if (m->email[0])
        ui_text_append(&t, "Email:    %s\n", m->email);
    if (m->phone[0])
        ui_text_append(&t, "Number:   %s (a text)\n", m->phone);
    ui_text_append(&t, "When:     %s\n\n%s\n", times, m->text);
    if (!t.text) {
        ui_set_status(ui, true, "Out of memory: the message cannot be shown.");
        return;
    }
    ui_text_wrap(t.text, READ_COLUMNS);
    char title[64];
    snprintf(title, sizeof title, "Message #%lld", (long long)m->id);
    if (m->handled) {
        ui_show_text(ui, title, t.text);
        ui_text_free(&t);
        return;
    }
    int answer =
        ui_ask_text(ui, title, t.text, "h handled, r make a request, Esc back to the inbox", "hr");
    ui_text_free(&t);
    if (answer == 0)
        mark_handled(ui, m);
    else if (answer == 1)
        request_form(ui, m);
}

static void show_all(struct ui *ui, struct inbox_pane *s)
{
    s->all = !s->all;
    inbox_load(ui, s);
    ui_set_status(ui, false,
                  s->all ? "Every message, handled ones too (✔); a again shows those waiting."
                         : "Only the messages still waiting.");
}

static bool inbox_handle(struct ui *ui, void *state, enum action action)
{
    struct inbox_pane *s = state;
    const struct fd_message *m = selected(s);
    switch (action) {
    case ACT_SELECT:
        if (m)
            read_message(ui, m);
        return true;
    case ACT_HANDLED:
        if (m)
            mark_handled(ui, m);
        return true;
    case ACT_TO_REQUEST:
        if (m)
            request_form(ui, m);
        return true;
    case ACT_SHOW_ALL:
        show_all(ui, s);
        return true;
    default:
        return list_handle(&s->list, (int)s->count, action);
    }
}

static void inbox_free(void *state)
{
    struct inbox_pane *s = state;
    free(s->messages);
    free(s);
}

void *pane_inbox_new(struct ui *ui)
{
    (void)ui;
    return calloc(1, sizeof(struct inbox_pane));
}

const struct pane_ops PANE_INBOX_OPS = {
    .title = "Inbox",
    .load = inbox_load,
    .draw = inbox_draw,
    .handle = inbox_handle,
    .free = inbox_free,
};
