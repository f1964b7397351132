/*
 * Drawing helpers.  Text is measured in terminal columns (wcwidth), so
 * names with accents and wide characters line up and never spill past the
 * space they are given; invalid bytes show as '?'.
 */
#include "ui_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* Decodes the next character of text, reading at most limit bytes;
 * returns its byte length (>= 1). */
static size_t next_char(const char *text, size_t limit, wchar_t *wc, mbstate_t *state)
{
    size_t n = mbrtowc(wc, text, limit, state);
    if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
        memset(state, 0, sizeof *state);
        *wc = L'?';
        return 1;
    }
    return n;
}

static int char_width(wchar_t wc)
{
    int w = wcwidth(wc);
    return w < 0 ? 1 : w;
}

int text_columns_n(const char *text, size_t bytes)
{
    mbstate_t state;
    memset(&state, 0, sizeof state);
    int columns = 0;
    size_t used = 0;
    while (text && text[used] && used < bytes) {
        wchar_t wc;
        used += next_char(text + used, bytes - used, &wc, &state);
        columns += char_width(wc);
    }
    return columns;
}

int text_columns(const char *text)
{
    return text ? text_columns_n(text, strlen(text)) : 0;
}

int draw_text(WINDOW *win, int y, int x, const char *text, int width, attr_t attr)
{
    int max_y, max_x;
    getmaxyx(win, max_y, max_x);
    if (y < 0 || y >= max_y || x < 0 || x >= max_x || width <= 0)
        return 0;
    if (x + width > max_x)
        width = max_x - x;
    mbstate_t state;
    memset(&state, 0, sizeof state);
    int used = 0;
    /* Text cut short ends in "…", so that "Low cost massage 45" never
     * reads as "Low cost massage 4". */
    bool cut = width > 1 && text_columns(text) > width;
    int room = cut ? width - 1 : width;
    wattr_on(win, attr, NULL);
    wmove(win, y, x);
    while (text && *text) {
        wchar_t wc;
        size_t n = next_char(text, strlen(text), &wc, &state);
        int w = char_width(wc);
        if (used + w > room)
            break;
        if (wc < 0x20 || wc == 0x7F)
            wc = L' ';
        wchar_t pair[2] = {wc, L'\0'};
        waddnwstr(win, pair, 1);
        used += w;
        text += n;
    }
    if (cut) {
        waddnwstr(win, L"\u2026", 1);
        used++;
    }
    wattr_off(win, attr, NULL);
    return used;
}

attr_t ui_attr(const struct ui *ui, enum ui_color color)
{
    if (ui->color)
        return COLOR_PAIR(color);
    /* Monochrome: meaning carried by attributes alone. */
    switch (color) {
    case COLOR_HEADER:
    case COLOR_SELECTED:
        return A_REVERSE;
    case COLOR_APPOINTMENT:
        return A_BOLD;
    case COLOR_OVERDUE:
    case COLOR_ERROR:
        return A_BOLD | A_UNDERLINE;
    case COLOR_DUE_TODAY:
        return A_BOLD;
    case COLOR_OFF:
    case COLOR_COMPLETED:
        return A_DIM;
    case COLOR_ARRIVED:
        return A_BOLD | A_UNDERLINE;
    case COLOR_NO_SHOW:
        return A_UNDERLINE;
    default:
        return A_NORMAL;
    }
}

void ui_set_status(struct ui *ui, bool is_error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ui->status, sizeof ui->status, fmt, ap);
    va_end(ap);
    ui->status_is_error = is_error;
}

/* Draws the screen with text on its status line, in attr, for a question
 * or a prompt (even on a terminal too small for the rest: it is waiting
 * for an answer); returns the columns used. */
static int draw_status_question(struct ui *ui, const char *text, attr_t attr)
{
    ui_draw_screen(ui);
    int rows = getmaxy(stdscr);
    move(rows - 2, 0);
    clrtoeol();
    return draw_text(stdscr, rows - 2, 0, text, getmaxx(stdscr), attr);
}

int ui_choose(struct ui *ui, const char *question, const char *answers)
{
    int key;
    do {
        /* Drawn again after a resize, like everything else. */
        draw_status_question(ui, question, ui_attr(ui, COLOR_DUE_TODAY) | A_BOLD);
        wnoutrefresh(stdscr);
        doupdate();
        key = ui_getch(ui);
    } while (key == ERR || key == KEY_RESIZE);
    const char *found = key > 0 && key < 128 ? strchr(answers, key) : NULL;
    return found ? (int)(found - answers) : -1;
}

bool ui_confirm(struct ui *ui, const char *question)
{
    return ui_choose(ui, question, "yY") >= 0;
}

bool ui_prompt(struct ui *ui, const char *label, char *buffer, size_t size)
{
    struct line_edit edit;
    line_edit_start(&edit, buffer, size - 1);
    for (;;) {
        int used = draw_status_question(ui, label, A_BOLD);
        line_edit_draw(&edit, stdscr, getmaxy(stdscr) - 2, used, getmaxx(stdscr) - used, A_NORMAL);
        curs_set(1);
        wnoutrefresh(stdscr);
        doupdate();
        struct ui_key key;
        int kind = ui_get_wch(ui, &key.code);
        if (kind == ERR)
            continue;
        key.is_function = kind == KEY_CODE_YES;
        int code = ui_key_int(key);
        if (code == 27 || code == '\n' || code == '\r' || code == KEY_ENTER) {
            curs_set(0);
            return code != 27;
        }
        line_edit_key(&edit, key);
    }
}
