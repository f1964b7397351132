/*
 * The modal box: a bordered window over the main screen, with a title on
 * its top border, that runs its own key loop until it is closed.  The
 * form, the client finder, the help and every text popup are modal boxes;
 * they say what goes inside (a draw callback) and what the keys do (a key
 * callback), and this file does what they would otherwise each repeat:
 * sizing and centring the box, redrawing the screen under it so that a
 * resize leaves nothing stale, saying the terminal is too small instead of
 * drawing into it, and closing on Escape or q when the box has no other
 * use for them.
 */
#include "ui_internal.h"

int ui_key_int(struct ui_key key)
{
    return key.is_function || key.code < 0x80 ? (int)key.code : -1;
}

/* The box's size for a screen of rows x columns: what the modal asks for,
 * within the screen, or the screen less a margin. */
static void box_size(const struct modal *modal, int rows, int columns, int *height, int *width)
{
    *height = modal->height <= 0 ? rows - 4 : modal->height < rows - 2 ? modal->height : rows - 2;
    *width = modal->width <= 0 || modal->width > columns - 4 ? columns - 4 : modal->width;
}

/* Returns false when the terminal is too small to show the box. */
static bool draw_modal(struct ui *ui, const struct modal *modal)
{
    /* The screen under the box is drawn again each frame: after a resize
     * it is laid out anew, and the box over it. */
    if (!ui_draw_screen(ui)) {
        curs_set(0);
        doupdate(); /* it says the terminal is too small */
        return false;
    }
    int rows, columns, height, width;
    getmaxyx(stdscr, rows, columns);
    box_size(modal, rows, columns, &height, &width);
    WINDOW *box = newwin(height, width, (rows - height) / 2, (columns - width) / 2);
    WINDOW *inside = box ? derwin(box, height - 2, width - 2, 1, 1) : NULL;
    if (!inside) {
        if (box)
            delwin(box);
        curs_set(0);
        doupdate();
        return false;
    }
    werase(box);
    box(box, 0, 0);
    draw_text(box, 0, 2, modal->title, width - 4, A_BOLD);
    bool cursor = modal->draw(ui, modal->data, inside, height - 2, width - 2);
    int y, x;
    getyx(inside, y, x);
    /* inside shares the box's cells: refreshing the box shows both, and
     * leaves the terminal's cursor where the callback left inside's. */
    touchwin(box);
    wmove(box, y + 1, x + 1);
    wnoutrefresh(box);
    curs_set(cursor ? 1 : 0);
    doupdate();
    delwin(inside);
    delwin(box);
    return true;
}

void ui_modal_run(struct ui *ui, const struct modal *modal)
{
    for (;;) {
        bool shown = draw_modal(ui, modal);
        struct ui_key key;
        int kind;
        /* ERR: the tick passed with no key.  What is typed stays in the
         * box while the database server is away; the header says so. */
        do
            kind = ui_get_wch(ui, &key.code);
        while (kind == ERR && !ui_watch_connection(ui));
        if (kind == ERR)
            continue;
        key.is_function = kind == KEY_CODE_YES;
        if (key.is_function && key.code == KEY_RESIZE)
            continue;
        int code = ui_key_int(key);
        /* Keys typed blind could save a form nobody can see: until the
         * terminal is large enough again, only Escape does anything. */
        enum modal_reply reply = shown ? modal->key(ui, modal->data, key) : MODAL_USED;
        if (!shown && code == 27)
            break;
        if (reply == MODAL_CLOSE || (reply == MODAL_UNUSED && (code == 27 || code == 'q')))
            break;
    }
    curs_set(0);
}
