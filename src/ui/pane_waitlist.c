/*
 * The Waitlist pane: waiting clients, oldest first, with the free slots
 * that fit each one beside them.  ←/→ choose a slot and b books it; r
 * takes the client off the list; n adds someone.
 *
 * Some entries wait for no slot: "tell me when you open for bookings"
 * (the opening waitlist, an entry with no service).  They show as "(the
 * opening)" with when they were told; o tells every one not yet told
 * (ops_waitlist_notify(), as `waitlist notify`), once each however often
 * it is pressed.
 */
#include "ui_internal.h"

#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct waitlist_state {
    struct fd_waitlist_entry *entries;
    size_t count;
    struct list_view list;
    struct slot_picker picker;
    char error[sizeof(struct fd_error){0}.message];
};

static const struct fd_waitlist_entry *selected(const struct waitlist_state *s)
{
    return s->count ? &s->entries[s->list.selected] : NULL;
}

/* How an entry for the opening reads in place of a service. */
#define THE_OPENING "(the opening)"

static bool for_the_opening(const struct fd_waitlist_entry *e)
{
    return !e->service[0];
}

/* "told 11-24 10:00", "not told yet". */
static void describe_told(const struct fd_waitlist_entry *e, char *out, size_t size)
{
    char when[FD_DATETIME_LEN];
    if (!e->notified_at) {
        snprintf(out, size, "not told yet");
        return;
    }
    datetime_format(e->notified_at, when);
    snprintf(out, size, "told %s", when + 5);
}

static void load_slots(struct ui *ui, struct waitlist_state *s)
{
    const struct fd_waitlist_entry *e = selected(s);
    /* An entry for the opening waits for no slot. */
    slot_picker_load(ui, &s->picker, e && !for_the_opening(e) ? e->id : 0, ops_waitlist_suggest);
}

static void waitlist_load(struct ui *ui, void *state)
{
    struct waitlist_state *s = state;
    int64_t keep = selected(s) ? selected(s)->id : 0;
    free(s->entries);
    s->entries = NULL;
    s->count = 0;
    struct fd_error err = {0};
    if (ops_waitlist(&ui->ctx, false, &s->entries, &s->count, &err) < 0)
        snprintf(s->error, sizeof s->error, "%s", err.message);
    for (size_t i = 0; i < s->count; i++)
        if (s->entries[i].id == keep)
            s->list.selected = (int)i;
    list_clamp(&s->list, (int)s->count);
    slot_picker_invalidate(&s->picker);
    load_slots(ui, s);
}

static void entry_row(struct ui *ui, void *data, int index, WINDOW *win, int y, int width,
                      bool is_selected)
{
    struct waitlist_state *s = data;
    const struct fd_waitlist_entry *e = &s->entries[index];
    char added[FD_DATETIME_LEN];
    datetime_format(e->added, added);
    attr_t attr = is_selected ? ui_attr(ui, COLOR_SELECTED) : A_NORMAL;
    wattr_on(win, attr, NULL);
    mvwhline(win, y, 0, ' ', width);
    wattr_off(win, attr, NULL);
    draw_text(win, y, 1, added + 5, 11, attr);
    int x = 13 + draw_text(win, y, 13, e->name, width / 2 - 8, attr) + 1;
    if (x < width / 2 + 6)
        x = width / 2 + 6;
    char what[FD_SERVICE_SIZE + 32];
    if (for_the_opening(e)) {
        char told[32];
        describe_told(e, told, sizeof told);
        snprintf(what, sizeof what, "%s %s", THE_OPENING, told);
        /* A narrow list keeps the mark; the details say when. */
        if (text_columns(what) > width - x - 1)
            snprintf(what, sizeof what, "%s%s", THE_OPENING, e->notified_at ? " ✓" : "");
    } else {
        snprintf(what, sizeof what, "%s", e->service);
    }
    draw_text(win, y, x, what, width - x - 1, attr);
}

static void draw_slots(struct ui *ui, struct waitlist_state *s, WINDOW *win, int top, int left,
                       int height, int width)
{
    const struct fd_waitlist_entry *e = selected(s);
    if (!e || height < 3)
        return;
    char line[FD_TEXT_SIZE + 64];
    int y = top;
    snprintf(line, sizeof line, "%s <%s>", e->name, e->email);
    draw_text(win, y++, left, line, width, A_BOLD);
    if (for_the_opening(e)) {
        draw_text(win, y++, left, THE_OPENING ": waits to hear when the clinic opens", width,
                  A_NORMAL);
        char when[FD_DATETIME_LEN];
        if (e->notified_at) {
            datetime_format(e->notified_at, when);
            snprintf(line, sizeof line, "Told %s that the clinic is open", when);
        } else {
            snprintf(line, sizeof line, "Not told yet");
        }
        draw_text(win, y++, left, line, width, A_NORMAL);
        if (!e->notified_at && y + 1 < top + height)
            draw_text(win, y + 1, left, "o tells all those not yet told.", width, A_DIM);
        return;
    }
    snprintf(line, sizeof line, "%s%s%s", e->service, e->therapist[0] ? " with " : "",
             e->therapist);
    draw_text(win, y++, left, line, width, A_NORMAL);
    snprintf(line, sizeof line, "Prefers %s", e->prefer[0] ? e->prefer : "any time");
    draw_text(win, y++, left, line, width, A_NORMAL);
    y++;
    slot_picker_draw(ui, &s->picker, (struct booking){.waitlist_id = e->id}, win, y, left,
                     top + height, width,
                     "Free slots that fit (←/→ choose, b book):", "Nothing free fits yet.");
}

static void waitlist_draw(struct ui *ui, void *state, WINDOW *win, int height, int width)
{
    struct waitlist_state *s = state;
    char title[64];
    snprintf(title, sizeof title, "Waiting, oldest first: %zu", s->count);
    draw_text(win, 0, 1, title, width - 2, A_BOLD);
    if (s->count == 0) {
        draw_text(win, 2, 1, "Nobody is waiting. n adds a client.", width - 2, A_NORMAL);
        return;
    }
    if (width >= 100) {
        int list_width = width * 45 / 100;
        list_draw(ui, &s->list, (int)s->count, win, 1, 0, height - 1, list_width, entry_row, s);
        draw_slots(ui, s, win, 1, list_width + 2, height - 1, width - list_width - 3);
    } else {
        int list_height = (height - 1) / 3 > 3 ? (height - 1) / 3 : 3;
        list_draw(ui, &s->list, (int)s->count, win, 1, 0, list_height, width, entry_row, s);
        draw_slots(ui, s, win, 2 + list_height, 1, height - 2 - list_height, width - 2);
    }
}

static void book_slot(struct ui *ui, struct waitlist_state *s)
{
    const struct fd_waitlist_entry *e = selected(s);
    if (e && for_the_opening(e))
        ui_set_status(ui, true,
                      "%s waits for the opening, for no service: book them with n on the Day pane.",
                      e->name);
    else if (e)
        slot_picker_book(ui, &s->picker, (struct booking){.waitlist_id = e->id});
}

/* o: "we are open for bookings" to each entry for the opening not yet
 * told; the operation tells each at most once. */
static void notify_opening(struct ui *ui, struct waitlist_state *s)
{
    size_t untold = 0;
    for (size_t i = 0; i < s->count; i++)
        untold += for_the_opening(&s->entries[i]) && !s->entries[i].notified_at;
    if (!untold) {
        ui_set_status(ui, false, "Nobody on the opening waitlist is still to be told.");
        return;
    }
    char question[160];
    snprintf(question, sizeof question,
             "Tell the %zu on the opening waitlist not yet told that the clinic is open for "
             "bookings? (y/n)",
             untold);
    if (!ui_confirm(ui, question)) {
        ui_set_status(ui, false, "Nobody told.");
        return;
    }
    size_t count = 0;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_waitlist_notify(&ui->ctx, NULL, &count, &err) < 0)
        ui_set_status(ui, true, "%s", err.message);
    else if (count)
        ui_set_status(ui, false,
                      "Queued %zu notice%s that the clinic is open for bookings; see the Outbox "
                      "(4).",
                      count, count == 1 ? "" : "s");
    else
        ui_set_status(ui, false, "Nobody on the opening waitlist is still to be told.");
    ui->dirty = true;
}

static void remove_entry(struct ui *ui, struct waitlist_state *s)
{
    const struct fd_waitlist_entry *e = selected(s);
    if (!e)
        return;
    char question[FD_NAME_SIZE + 48];
    snprintf(question, sizeof question, "Take %s off the waitlist? (y/n)", e->name);
    if (!ui_confirm(ui, question)) {
        ui_set_status(ui, false, "Waitlist unchanged.");
        return;
    }
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_waitlist_remove(&ui->ctx, e->id, &err) < 0)
        ui_set_status(ui, true, "%s", err.message);
    else
        ui_set_status(ui, false, "Removed %s from the waitlist.", e->name);
    ui->dirty = true;
}

enum { W_NAME, W_EMAIL, W_PHONE, W_SERVICE, W_PREFER, W_THERAPIST, W_COUNT };

static bool submit_entry(struct ui *ui, struct form *form, void *data, char *message, size_t size)
{
    (void)data;
    const struct form_field *f = form->fields;
    bool opening = strcmp(f[W_SERVICE].value, THE_OPENING) == 0;
    struct waitlist_input in = {
        .name = f[W_NAME].value,
        .email = f[W_EMAIL].value,
        .phone = f[W_PHONE].value,
        .service = opening ? NULL : f[W_SERVICE].value,
        .prefer = f[W_PREFER].value,
        .therapist = strcmp(f[W_THERAPIST].value, UI_ANYONE) == 0 ? NULL : f[W_THERAPIST].value,
    };
    struct fd_waitlist_entry entry;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_waitlist_add(&ui->ctx, &in, &entry, &err) < 0) {
        snprintf(message, size, "%s", err.message);
        return false;
    }
    if (opening)
        ui_set_status(ui, false,
                      "%s is on the opening waitlist (entry %lld): o tells them when the clinic "
                      "is open.",
                      entry.name, (long long)entry.id);
    else
        ui_set_status(ui, false, "%s is on the waitlist (entry %lld).", entry.name,
                      (long long)entry.id);
    ui->dirty = true;
    return true;
}

static void entry_form(struct ui *ui)
{
    struct ui_choices choices;
    ui_choices_load(ui, &choices, true);
    /* The services, then the opening: no service, nothing but to be told. */
    const char **services = calloc((size_t)choices.service_count + 1, sizeof *services);
    if (!services) {
        ui_choices_free(&choices);
        ui_set_status(ui, true, "out of memory");
        return;
    }
    int service_count = 0;
    for (int i = 0; i < choices.service_count; i++)
        services[service_count++] = choices.services[i];
    services[service_count++] = THE_OPENING;
    struct form_field fields[W_COUNT] = {
        [W_NAME] = {FORM_CLIENT_NAME},
        [W_EMAIL] = {FORM_EMAIL},
        [W_PHONE] = {FORM_PHONE},
        [W_SERVICE] = {.label = "Service",
                       .choices = services,
                       .choice_count = service_count,
                       .hint = THE_OPENING ": to hear when the clinic opens for bookings"},
        [W_PREFER] = {.label = "Prefers",
                      .check = form_check_prefer,
                      .hint = "e.g. weekday evenings, not fri"},
        [W_THERAPIST] = {.label = "Therapist",
                         .choices = choices.therapists,
                         .choice_count = choices.therapist_count},
    };
    text_copy(fields[W_SERVICE].value, FORM_VALUE_SIZE, services[0]);
    text_copy(fields[W_THERAPIST].value, FORM_VALUE_SIZE, UI_ANYONE);
    struct form form = {
        .title = "Add to the waitlist", .fields = fields, .count = W_COUNT, .submit = submit_entry};
    if (!form_run(ui, &form))
        ui_set_status(ui, false, "Waitlist unchanged.");
    free(services);
    ui_choices_free(&choices);
}

static bool waitlist_handle(struct ui *ui, void *state, enum action action)
{
    struct waitlist_state *s = state;
    switch (action) {
    case ACT_PREV_ITEM:
    case ACT_NEXT_ITEM:
        return slot_picker_handle(&s->picker, action);
    case ACT_BOOK:
        book_slot(ui, s);
        return true;
    case ACT_REMOVE:
        remove_entry(ui, s);
        return true;
    case ACT_NEW:
        entry_form(ui);
        return true;
    case ACT_NOTIFY:
        notify_opening(ui, s);
        return true;
    default:
        break;
    }
    bool used = list_handle(&s->list, (int)s->count, action);
    if (used)
        load_slots(ui, s);
    return used;
}

static void waitlist_free(void *state)
{
    struct waitlist_state *s = state;
    free(s->entries);
    slot_picker_free(&s->picker);
    free(s);
}

void *pane_waitlist_new(struct ui *ui)
{
    (void)ui;
    return calloc(1, sizeof(struct waitlist_state));
}

const struct pane_ops PANE_WAITLIST_OPS = {
    .title = "Waitlist",
    .load = waitlist_load,
    .draw = waitlist_draw,
    .handle = waitlist_handle,
    .free = waitlist_free,
};
