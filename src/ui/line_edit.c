/*
 * The line editor behind every text field and prompt: Left, Right, Home
 * and End move the cursor, Backspace and Delete delete beside it, Ctrl-U
 * clears the line, and typed characters go in at the cursor.
 *
 * The text is UTF-8 and the cursor a byte offset that only ever rests on
 * the first byte of a character, so no edit can split one.  A length limit
 * in bytes (what the operation behind the field will store) is checked as
 * each character is typed: a character that would not fit is refused and
 * the caller told, rather than accepted now and rejected on save.  The
 * view scrolls sideways so that the cursor is always in sight.
 */
#include "ui_internal.h"

#include <limits.h>
#include <string.h>
#include <wchar.h>

#define CTRL(c) ((c)&0x1f)

static bool is_continuation(char byte)
{
    return ((unsigned char)byte & 0xC0) == 0x80;
}

/* The start of the character before offset (0 stays 0). */
static size_t previous_char(const char *text, size_t offset)
{
    while (offset > 0 && is_continuation(text[--offset]))
        ;
    return offset;
}

/* The start of the character after offset (the end stays the end). */
static size_t next_char(const char *text, size_t offset)
{
    if (!text[offset])
        return offset;
    offset++;
    while (text[offset] && is_continuation(text[offset]))
        offset++;
    return offset;
}

void line_edit_start(struct line_edit *edit, char *text, size_t max)
{
    edit->text = text;
    edit->max = max;
    edit->cursor = strlen(text);
    edit->first = 0;
}

/* Removes the bytes [from, to) of the text. */
static void cut(struct line_edit *edit, size_t from, size_t to)
{
    memmove(edit->text + from, edit->text + to, strlen(edit->text + to) + 1);
    edit->cursor = from;
}

static enum line_edit_reply insert(struct line_edit *edit, wint_t ch)
{
    char encoded[MB_LEN_MAX];
    mbstate_t state;
    memset(&state, 0, sizeof state);
    size_t n = wcrtomb(encoded, (wchar_t)ch, &state);
    if (n == (size_t)-1)
        return LINE_EDIT_UNUSED;
    size_t length = strlen(edit->text);
    if (length + n > edit->max)
        return LINE_EDIT_FULL;
    char *at = edit->text + edit->cursor;
    memmove(at + n, at, length - edit->cursor + 1);
    memcpy(at, encoded, n);
    edit->cursor += n;
    return LINE_EDIT_CHANGED;
}

static enum line_edit_reply move_to(struct line_edit *edit, size_t offset)
{
    edit->cursor = offset;
    return LINE_EDIT_MOVED;
}

static enum line_edit_reply delete_before(struct line_edit *edit)
{
    if (edit->cursor == 0)
        return LINE_EDIT_MOVED; /* nothing before it */
    cut(edit, previous_char(edit->text, edit->cursor), edit->cursor);
    return LINE_EDIT_CHANGED;
}

enum line_edit_reply line_edit_key(struct line_edit *edit, struct ui_key key)
{
    char *text = edit->text;
    if (key.is_function) {
        switch (key.code) {
        case KEY_LEFT:
            return move_to(edit, previous_char(text, edit->cursor));
        case KEY_RIGHT:
            return move_to(edit, next_char(text, edit->cursor));
        case KEY_HOME:
            return move_to(edit, 0);
        case KEY_END:
            return move_to(edit, strlen(text));
        case KEY_BACKSPACE:
            return delete_before(edit);
        case KEY_DC:
            if (!text[edit->cursor])
                return LINE_EDIT_MOVED;
            cut(edit, edit->cursor, next_char(text, edit->cursor));
            return LINE_EDIT_CHANGED;
        default:
            return LINE_EDIT_UNUSED;
        }
    }
    switch (key.code) {
    case CTRL('A'):
        return move_to(edit, 0);
    case CTRL('E'):
        return move_to(edit, strlen(text));
    case CTRL('U'):
        text[0] = '\0';
        edit->cursor = edit->first = 0;
        return LINE_EDIT_CHANGED;
    case 127:
    case CTRL('H'):
        return delete_before(edit);
    default:
        break;
    }
    /* Control characters (C0, DEL, C1) are keys, never text. */
    if (key.code < 0x20 || (key.code >= 0x7F && key.code < 0xA0))
        return LINE_EDIT_UNUSED;
    return insert(edit, key.code);
}

void line_edit_draw(struct line_edit *edit, WINDOW *win, int y, int x, int width, attr_t attr)
{
    if (width < 1)
        return;
    const char *text = edit->text;
    /* Scroll so the cursor's cell is in view, and show as much of the
     * text as fits (no blank space left while the start is hidden). */
    if (edit->first > edit->cursor)
        edit->first = edit->cursor;
    while (edit->first < edit->cursor &&
           text_columns_n(text + edit->first, edit->cursor - edit->first) + 1 > width)
        edit->first = next_char(text, edit->first);
    while (edit->first > 0 && text_columns(text + previous_char(text, edit->first)) + 1 <= width)
        edit->first = previous_char(text, edit->first);

    draw_text(win, y, x, text + edit->first, width, attr);
    int column = text_columns_n(text + edit->first, edit->cursor - edit->first);
    char under[MB_LEN_MAX + 1] = " ";
    size_t end = next_char(text, edit->cursor);
    if (end > edit->cursor && end - edit->cursor < sizeof under) {
        memcpy(under, text + edit->cursor, end - edit->cursor);
        under[end - edit->cursor] = '\0';
    }
    draw_text(win, y, x + column, under, width - column, attr ^ A_REVERSE);
    wmove(win, y, x + column);
}
