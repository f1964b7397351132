/*
 * The form widget: a modal box of labelled fields.  Each key press
 * re-checks the field being typed in and shows what is wrong under it, so
 * mistakes are explained before Enter; Enter checks every field, then
 * hands the values to the form's submit callback, which runs the
 * operation and may refuse with a message (the form stays open, nothing
 * changed).  Escape leaves without change.  Field checks here are about
 * shape only (an email, a time); business rules stay in ops/.
 */
#include "ui_internal.h"

#include <frontdesk/prefer.h>
#include <frontdesk/text.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#define MIN_FORM_WIDTH 40

int form_choice_index(const struct form_field *field)
{
    for (int i = 0; i < field->choice_count; i++)
        if (strcmp(field->choices[i], field->value) == 0)
            return i;
    return 0;
}

static void cycle_choice(struct form_field *field, int step)
{
    if (!field->choices || field->choice_count <= 0)
        return; /* a text field: Left and Right do nothing */
    int i = (form_choice_index(field) + step + field->choice_count) % field->choice_count;
    text_copy(field->value, sizeof field->value, field->choices[i]);
}

static bool field_ok(struct ui *ui, const struct form_field *field, char *message, size_t size)
{
    message[0] = '\0';
    return !field->check || field->check(ui, field, message, size);
}

static void draw_form(struct ui *ui, const struct form *form, int focus, const char *problem)
{
    int rows, columns;
    getmaxyx(stdscr, rows, columns);
    int width = columns - 4 < 76 ? columns - 4 : 76;
    int height = form->count * 2 + 5;
    if (height > rows - 2)
        height = rows - 2;
    if (width < MIN_FORM_WIDTH || height < 7) {
        erase();
        draw_text(stdscr, 0, 0, "Terminal too small for this form; enlarge it or press Esc.",
                  columns, A_BOLD);
        refresh();
        return;
    }
    int top = (rows - height) / 2, left = (columns - width) / 2;
    WINDOW *box = newwin(height, width, top, left);
    if (!box)
        return;
    werase(box);
    box(box, 0, 0);
    draw_text(box, 0, 2, form->title, width - 4, A_BOLD);
    int label_width = 0;
    for (int i = 0; i < form->count; i++) {
        int w = text_columns(form->fields[i].label);
        if (w > label_width)
            label_width = w;
    }
    label_width += 2;
    /* Scroll the fields so the focused one is visible. */
    int visible = (height - 5) / 2;
    int first = focus >= visible ? focus - visible + 1 : 0;
    for (int n = 0; n < visible && first + n < form->count; n++) {
        int i = first + n;
        const struct form_field *field = &form->fields[i];
        int y = 1 + n * 2;
        draw_text(box, y, 2, field->label, label_width, i == focus ? A_BOLD : A_NORMAL);
        int value_x = 2 + label_width, value_width = width - value_x - 2;
        char shown[FORM_VALUE_SIZE + 8];
        snprintf(shown, sizeof shown, "%s%s%s", field->choices ? "◀ " : "", field->value,
                 field->choices ? " ▶" : "");
        /* Show the end of a long value, where the typing happens. */
        const char *start = shown;
        while (text_columns(start) > value_width - 1 && *start)
            start++;
        while (((unsigned char)*start & 0xC0) == 0x80)
            start++;
        wattr_on(box, i == focus ? ui_attr(ui, COLOR_SELECTED) : A_UNDERLINE, NULL);
        mvwhline(box, y, value_x, ' ', value_width);
        wattr_off(box, i == focus ? ui_attr(ui, COLOR_SELECTED) : A_UNDERLINE, NULL);
        draw_text(box, y, value_x, start, value_width,
                  i == focus ? ui_attr(ui, COLOR_SELECTED) : A_UNDERLINE);
        char message[256];
        bool ok = field_ok(ui, field, message, sizeof message);
        if (!ok && (i == focus || field->value[0]))
            draw_text(box, y + 1, value_x, message, value_width, ui_attr(ui, COLOR_ERROR));
        else if (i == focus && field->hint)
            draw_text(box, y + 1, value_x, field->hint, value_width, A_DIM);
    }
    if (problem && *problem)
        draw_text(box, height - 3, 2, problem, width - 4, ui_attr(ui, COLOR_ERROR) | A_BOLD);
    draw_text(box, height - 2, 2, "Enter save  Tab/↓ next  ↑ previous  ←/→ choose  Esc cancel",
              width - 4, A_DIM);
    wnoutrefresh(stdscr);
    wnoutrefresh(box);
    doupdate();
    delwin(box);
}

static void delete_last_char(char *value)
{
    size_t length = strlen(value);
    while (length > 0) {
        length--;
        if (((unsigned char)value[length] & 0xC0) != 0x80)
            break;
    }
    value[length] = '\0';
}

static void append_char(char *value, size_t size, wint_t ch)
{
    char encoded[MB_LEN_MAX];
    mbstate_t state;
    memset(&state, 0, sizeof state);
    size_t n = wcrtomb(encoded, (wchar_t)ch, &state);
    size_t length = strlen(value);
    if (n == (size_t)-1 || length + n + 1 > size)
        return;
    memcpy(value + length, encoded, n);
    value[length + n] = '\0';
}

/* Checks every field; returns the first bad one, or -1. */
static int first_bad_field(struct ui *ui, const struct form *form, char *message, size_t size)
{
    for (int i = 0; i < form->count; i++)
        if (!field_ok(ui, &form->fields[i], message, size))
            return i;
    return -1;
}

bool form_run(struct ui *ui, struct form *form)
{
    int focus = 0;
    char problem[1100] = "";
    curs_set(0);
    for (;;) {
        touchwin(stdscr);
        draw_form(ui, form, focus, problem);
        wint_t ch;
        int kind = ui_get_wch(ui, &ch);
        if (kind == ERR)
            continue;
        struct form_field *field = &form->fields[focus];
        if (kind == KEY_CODE_YES) {
            switch (ch) {
            case KEY_RESIZE:
                erase();
                refresh();
                break;
            case KEY_UP:
            case KEY_BTAB:
                focus = (focus + form->count - 1) % form->count;
                break;
            case KEY_DOWN:
                focus = (focus + 1) % form->count;
                break;
            case KEY_LEFT:
                cycle_choice(field, -1);
                break;
            case KEY_RIGHT:
                cycle_choice(field, 1);
                break;
            case KEY_BACKSPACE:
            case KEY_DC:
                if (!field->choices)
                    delete_last_char(field->value);
                break;
            case KEY_ENTER:
                ch = '\r';
                kind = OK;
                break;
            default:
                break;
            }
            if (kind == KEY_CODE_YES)
                continue;
        }
        if (ch == 27)
            return false;
        if (ch == '\t') {
            focus = (focus + 1) % form->count;
        } else if (ch == '\r' || ch == '\n') {
            char message[512];
            int bad = first_bad_field(ui, form, message, sizeof message);
            if (bad >= 0) {
                focus = bad;
                snprintf(problem, sizeof problem, "%s: %s", form->fields[bad].label, message);
            } else if (form->submit(ui, form, form->data, problem, sizeof problem)) {
                return true;
            }
        } else if (ch == 127 || ch == 8) {
            if (!field->choices)
                delete_last_char(field->value);
        } else if (field->choices) {
            if (ch == ' ')
                cycle_choice(field, 1);
        } else if (ch >= 0x20 && ch != 0x7F) {
            append_char(field->value, sizeof field->value, ch);
            problem[0] = '\0';
        }
    }
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
