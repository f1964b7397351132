/*
 * Drawing helpers.  Text is measured in terminal columns (wcwidth), so
 * names with accents and wide characters line up and never spill past the
 * space they are given; invalid bytes show as '?'.
 */
#include "ui_internal.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* Decodes the next character of text; returns its byte length (>= 1). */
static size_t next_char(const char *text, wchar_t *wc, mbstate_t *state)
{
    size_t n = mbrtowc(wc, text, strlen(text), state);
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

int text_columns(const char *text)
{
    mbstate_t state;
    memset(&state, 0, sizeof state);
    int columns = 0;
    while (text && *text) {
        wchar_t wc;
        text += next_char(text, &wc, &state);
        columns += char_width(wc);
    }
    return columns;
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
    wattr_on(win, attr, NULL);
    wmove(win, y, x);
    while (text && *text) {
        wchar_t wc;
        size_t n = next_char(text, &wc, &state);
        int w = char_width(wc);
        if (used + w > width)
            break;
        if (wc < 0x20 || wc == 0x7F)
            wc = L' ';
        wchar_t pair[2] = {wc, L'\0'};
        waddnwstr(win, pair, 1);
        used += w;
        text += n;
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
        return A_DIM;
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

bool ui_confirm(struct ui *ui, const char *question)
{
    int rows = getmaxy(stdscr);
    move(rows - 2, 0);
    clrtoeol();
    draw_text(stdscr, rows - 2, 0, question, getmaxx(stdscr),
              ui_attr(ui, COLOR_DUE_TODAY) | A_BOLD);
    refresh();
    int key;
    do {
        key = ui_getch(ui);
    } while (key == ERR || key == KEY_RESIZE);
    return key == 'y' || key == 'Y';
}

bool ui_prompt(struct ui *ui, const char *label, char *buffer, size_t size)
{
    size_t length = strlen(buffer);
    curs_set(1);
    for (;;) {
        int rows = getmaxy(stdscr), cols = getmaxx(stdscr);
        move(rows - 2, 0);
        clrtoeol();
        int used = draw_text(stdscr, rows - 2, 0, label, cols, A_BOLD);
        draw_text(stdscr, rows - 2, used, buffer, cols - used - 1, A_NORMAL);
        refresh();
        wint_t ch;
        int kind = ui_get_wch(ui, &ch);
        if (kind == ERR)
            continue;
        if (kind == KEY_CODE_YES) {
            if (ch == KEY_BACKSPACE && length > 0) {
                do
                    length--;
                while (length > 0 && ((unsigned char)buffer[length] & 0xC0) == 0x80);
                buffer[length] = '\0';
            } else if (ch == KEY_ENTER) {
                break;
            }
            continue;
        }
        if (ch == 27) {
            curs_set(0);
            return false;
        }
        if (ch == '\n' || ch == '\r')
            break;
        if (ch == 127 || ch == 8) {
            while (length > 0) {
                length--;
                if (((unsigned char)buffer[length] & 0xC0) != 0x80)
                    break;
            }
            buffer[length] = '\0';
            continue;
        }
        if (ch < 0x20)
            continue;
        char encoded[MB_LEN_MAX];
        mbstate_t state;
        memset(&state, 0, sizeof state);
        size_t n = wcrtomb(encoded, (wchar_t)ch, &state);
        if (n == (size_t)-1 || length + n + 1 > size)
            continue;
        memcpy(buffer + length, encoded, n);
        length += n;
        buffer[length] = '\0';
    }
    (void)ui;
    curs_set(0);
    return true;
}
