/*
 * The form widget: a modal box of labelled fields, each a choice (←/→)
 * or a line editor (line_edit.c) with a maximum length.  Each key press
 * re-checks the field being typed in and shows what is wrong under it, so
 * mistakes are explained before Enter; Enter checks every field, then
 * hands the values to the form's submit callback, which runs the
 * operation and may refuse with a message (the form stays open, nothing
 * changed).  Escape leaves without change.  A form may keep a summary
 * line under its fields up to date as it is typed in (the booking form's
 * price).  Field checks here are about shape only (an email, a time);
 * business rules stay in ops/.
 */
#include "ui_internal.h"

#include <frontdesk/clients.h>
#include <frontdesk/identity.h>

#include <frontdesk/prefer.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORM_WIDTH 76

/* A form being run: the field in focus, its line editor, and the problem
 * shown above the keys (a refused save, a field that is full). */
struct form_run {
    struct form *form;
    int focus;
    struct line_edit edit;
    char problem[1100];
    bool submitted;
};

/* The index of the field's value among its choices, or -1. */
static int choice_match(const struct form_field *field)
{
    for (int i = 0; i < field->choice_count; i++)
        if (strcmp(field->choices[i], field->value) == 0)
            return i;
    return -1;
}

int form_choice_index(const struct form_field *field)
{
    int i = choice_match(field);
    return i < 0 ? 0 : i;
}

/* A value that is none of the choices steps to the first (or the last). */
static void cycle_choice(struct form_field *field, int step)
{
    if (!field->choices || field->choice_count <= 0)
        return;
    int i = choice_match(field);
    if (i < 0)
        i = step > 0 ? 0 : field->choice_count - 1;
    else
        i = (i + step + field->choice_count) % field->choice_count;
    text_copy(field->value, sizeof field->value, field->choices[i]);
}

/* Rows a field's value takes, and with the line under it. */
static int value_rows(const struct form_field *field)
{
    return field->choices && field->rows > 1 ? field->rows : 1;
}

static int field_height(const struct form_field *field)
{
    return value_rows(field) + 1;
}

static size_t field_max(const struct form_field *field)
{
    return field->max > 0 && field->max < FORM_VALUE_SIZE ? field->max : FORM_MAX_TEXT;
}

static bool field_ok(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    message[0] = '\0';
    return !field->check || field->check(ui, field, message, size);
}

/* Moves the focus by step fields (wrapping); the cursor goes to the end
 * of the field's text, where typing most often continues. */
static void move_focus(struct form_run *run, int step)
{
    int count = run->form->count;
    run->focus = (run->focus + step + count) % count;
    struct form_field *field = &run->form->fields[run->focus];
    line_edit_start(&run->edit, field->value, field_max(field));
}

/* A choice shown as a list: the rows around the chosen one. */
static void draw_list(struct ui *ui, const struct form_field *field, bool focused, WINDOW *win,
                      int y, int x, int width, int bottom)
{
    int chosen = choice_match(field), rows = value_rows(field);
    if (field->choice_count == 0) {
        draw_text(win, y, x, field->hint ? field->hint : "(none)", width, A_DIM);
        return;
    }
    int top = chosen >= rows ? chosen - rows + 1 : 0;
    for (int r = 0; r < rows && top + r < field->choice_count && y + r < bottom; r++) {
        int i = top + r;
        char line[FORM_VALUE_SIZE + 8];
        snprintf(line, sizeof line, "%s %s", i == chosen ? "▸" : " ", field->choices[i]);
        attr_t attr = i != chosen ? A_NORMAL : focused ? ui_attr(ui, COLOR_SELECTED) : A_BOLD;
        draw_text(win, y + r, x, line, width, attr);
    }
}

/* Draws one field's value in the box from column x, width columns wide
 * (rows above bottom only). */
static void draw_value(struct ui *ui, struct form_run *run, int i, WINDOW *win, int y, int x,
                       int width, int bottom)
{
    const struct form_field *field = &run->form->fields[i];
    bool focused = i == run->focus;
    if (value_rows(field) > 1) {
        draw_list(ui, field, focused, win, y, x, width, bottom);
        return;
    }
    attr_t attr = focused ? ui_attr(ui, COLOR_SELECTED) : A_UNDERLINE;
    wattr_on(win, attr, NULL);
    mvwhline(win, y, x, ' ', width);
    wattr_off(win, attr, NULL);
    if (field->choices) {
        char shown[FORM_VALUE_SIZE + 16];
        snprintf(shown, sizeof shown, "◀ %s ▶", field->value);
        draw_text(win, y, x, shown, width, attr);
    } else if (focused) {
        line_edit_draw(&run->edit, win, y, x, width, attr);
    } else {
        draw_text(win, y, x, field->value, width, attr);
    }
}

/* The first field to draw so that the focused one is in room rows. */
static int first_shown(const struct form_run *run, int room)
{
    int first = 0;
    for (;;) {
        int used = 0;
        for (int i = first; i <= run->focus; i++)
            used += field_height(&run->form->fields[i]);
        if (used <= room || first == run->focus)
            return first;
        first++;
    }
}

/* The problem on the row above the keys; one too long for it starts on
 * the gap above, broken at a space, so a refusal is read whole. */
static void draw_problem(struct ui *ui, const char *problem, WINDOW *win, int height, int width)
{
    attr_t attr = ui_attr(ui, COLOR_ERROR) | A_BOLD;
    size_t length = strlen(problem), cut = length;
    if (text_columns(problem) > width - 2 && height > 3) {
        for (size_t i = 0; i < length; i++)
            if (problem[i] == ' ' && text_columns_n(problem, i) <= width - 2)
                cut = i;
        char first[sizeof(struct form_run){0}.problem];
        snprintf(first, sizeof first, "%.*s", (int)cut, problem);
        draw_text(win, height - 3, 1, first, width - 2, attr);
        problem += cut < length ? cut + 1 : cut;
    }
    draw_text(win, height - 2, 1, problem, width - 2, attr);
}

static bool form_draw(struct ui *ui, void *data, WINDOW *win, int height, int width)
{
    struct form_run *run = data;
    const struct form *form = run->form;
    int label_width = 0;
    for (int i = 0; i < form->count; i++)
        if (text_columns(form->fields[i].label) > label_width)
            label_width = text_columns(form->fields[i].label);
    label_width += 2;
    int value_x = 1 + label_width, value_width = width - value_x - 1;
    /* Each field takes its value's rows and one more (what is wrong with
     * it, or a hint); the last three rows: a gap, the problem, the keys,
     * and above them the summary when the form has one.  The fields
     * scroll so the focused one is visible. */
    int reserved = form->summary ? 4 : 3;
    int room = height - reserved > 2 ? height - reserved : 2;
    int cursor_y = -1, cursor_x = 0;
    for (int i = first_shown(run, room), y = 0; i < form->count && y < room; i++) {
        const struct form_field *field = &form->fields[i];
        int below = y + value_rows(field);
        draw_text(win, y, 1, field->label, label_width, i == run->focus ? A_BOLD : A_NORMAL);
        draw_value(ui, run, i, win, y, value_x, value_width, room);
        if (i == run->focus && !field->choices)
            getyx(win, cursor_y, cursor_x);
        char message[256];
        bool ok = field_ok(ui, field, message, sizeof message);
        char note[256] = "";
        if (ok && field->note && field->value[0])
            field->note(ui, form->fields, field, note, sizeof note);
        if (below >= room)
            break;
        if (!ok && (i == run->focus || field->value[0]))
            draw_text(win, below, value_x, message, value_width, ui_attr(ui, COLOR_ERROR));
        else if (note[0])
            draw_text(win, below, value_x, note, value_width,
                      ui_attr(ui, COLOR_DUE_TODAY) | A_BOLD);
        else if (i == run->focus && field->hint && value_rows(field) == 1)
            draw_text(win, below, value_x, field->hint, value_width, A_DIM);
        y = below + 1;
    }
    if (form->summary && height - 4 >= room) {
        char summary[512];
        bool fine = form->summary(ui, form, summary, sizeof summary);
        draw_text(win, height - 4, 1, summary, width - 2,
                  fine ? A_BOLD : ui_attr(ui, COLOR_ERROR) | A_BOLD);
    }
    if (run->problem[0])
        draw_problem(ui, run->problem, win, height, width);
    const char *keys = form->fields[run->focus].choices
                           ? "Enter save  Tab/↓ next  ↑ previous  ←/→ choose  Esc cancel"
                           : "Enter save  Tab/↓ next  ↑ previous  ^U clear  Esc cancel";
    draw_text(win, height - 1, 1, keys, width - 2, A_DIM);
    if (cursor_y < 0)
        return false;
    wmove(win, cursor_y, cursor_x);
    return true;
}

/* Checks every field; returns the first bad one, or -1. */
static int first_bad_field(struct ui *ui, const struct form *form, char *message, size_t size)
{
    for (int i = 0; i < form->count; i++)
        if (!field_ok(ui, &form->fields[i], message, size))
            return i;
    return -1;
}

static void submit(struct ui *ui, struct form_run *run)
{
    struct form *form = run->form;
    char message[512];
    int bad = first_bad_field(ui, form, message, sizeof message);
    if (bad >= 0) {
        move_focus(run, bad - run->focus);
        snprintf(run->problem, sizeof run->problem, "%s: %s", form->fields[bad].label, message);
    } else if (form->submit(ui, form, form->data, run->problem, sizeof run->problem)) {
        run->submitted = true;
    }
}

static enum modal_reply form_key(struct ui *ui, void *data, struct ui_key key)
{
    struct form_run *run = data;
    struct form_field *field = &run->form->fields[run->focus];
    switch (ui_key_int(key)) {
    case 27:
        return MODAL_UNUSED; /* Escape leaves without change */
    case KEY_UP:
    case KEY_BTAB:
        move_focus(run, -1);
        return MODAL_USED;
    case KEY_DOWN:
    case '\t':
        move_focus(run, 1);
        return MODAL_USED;
    case '\r':
    case '\n':
    case KEY_ENTER:
        submit(ui, run);
        return run->submitted ? MODAL_CLOSE : MODAL_USED;
    default:
        break;
    }
    if (field->choices) {
        int code = ui_key_int(key);
        int step = code == KEY_LEFT ? -1 : code == KEY_RIGHT || code == ' ' ? 1 : 0;
        if (step) {
            cycle_choice(field, step);
            if (run->form->changed)
                run->form->changed(ui, run->form, run->focus);
        }
        return MODAL_USED; /* a choice takes no typing */
    }
    switch (line_edit_key(&run->edit, key)) {
    case LINE_EDIT_FULL:
        snprintf(run->problem, sizeof run->problem, "%s is full: at most %zu bytes.", field->label,
                 run->edit.max);
        break;
    case LINE_EDIT_CHANGED:
        run->problem[0] = '\0';
        break;
    default:
        break;
    }
    return MODAL_USED; /* q is a letter here, not a way out */
}

bool form_run(struct ui *ui, struct form *form)
{
    struct form_run run = {.form = form};
    move_focus(&run, 0);
    int height = form->summary ? 6 : 5; /* the border, the gap, the problem and the keys */
    for (int i = 0; i < form->count; i++)
        height += field_height(&form->fields[i]);
    ui_modal_run(ui, &(struct modal){.title = form->title,
                                     .height = height,
                                     .width = FORM_WIDTH,
                                     .draw = form_draw,
                                     .key = form_key,
                                     .data = &run});
    return run.submitted;
}

bool form_check_required(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    (void)ui;
    char trimmed[FORM_VALUE_SIZE];
    text_copy_trimmed(trimmed, sizeof trimmed, field->value);
    if (trimmed[0])
        return true;
    snprintf(message, size, "required");
    return false;
}

bool form_check_email(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    if (!form_check_required(ui, field, message, size))
        return false;
    if (text_is_email(field->value))
        return true;
    snprintf(message, size, "not an email address yet (name@example.com)");
    return false;
}

void form_note_shared_address(struct ui *ui, const struct form_field *fields,
                              const struct form_field *field, char *out, size_t size)
{
    struct fd_client *clients = NULL;
    size_t count = 0, used = 0;
    struct fd_error err = {0};
    out[0] = '\0';
    if (ops_clients_at_address(&ui->ctx, field->value, 0, &clients, &count, &err) < 0 || !count) {
        free(clients);
        return;
    }
    /* The form's first field is the client's name. */
    const char *name = fields[0].value;
    for (size_t i = 0; i < count; i++) {
        if (identity_same_person(clients[i].name, clients[i].email, name, field->value)) {
            snprintf(out, size, "a client already: %s (#%lld)", clients[i].name,
                     (long long)clients[i].id);
            free(clients);
            return;
        }
    }
    for (size_t i = 0; i < count && used + 1 < size; i++) {
        int n = snprintf(out + used, size - used, "%s%s",
                         i ? ", " : "also at this address: ", clients[i].name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    free(clients);
}

bool form_check_phone(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    (void)ui;
    if (!field->value[0] || text_is_phone(field->value))
        return true;
    snprintf(message, size, "digits, spaces and + ( ) - only, 6 to 20 digits");
    return false;
}

bool form_check_datetime(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    (void)ui;
    fd_time t;
    if (datetime_parse(field->value, &t) == 0)
        return true;
    snprintf(message, size, "a date and time: YYYY-MM-DD HH:MM");
    return false;
}

bool form_check_date(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    (void)ui;
    fd_day day;
    if (date_parse(field->value, &day) == 0)
        return true;
    snprintf(message, size, "a date: YYYY-MM-DD");
    return false;
}

bool form_check_optional_date(struct ui *ui, const struct form_field *field, char *message,
                              size_t size)
{
    return !field->value[0] || form_check_date(ui, field, message, size);
}

bool form_check_time(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    (void)ui;
    int minute;
    if (time_parse_hm(field->value, &minute) == 0)
        return true;
    snprintf(message, size, "a time: HH:MM");
    return false;
}

bool form_check_prefer(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    struct prefer prefer;
    struct fd_error err = {0};
    if (prefer_parse(field->value, ui->ctx.config.opens, ui->ctx.config.closes, &prefer, &err) == 0)
        return true;
    snprintf(message, size, "%s", err.message);
    return false;
}
