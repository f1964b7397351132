/*
 * The list widget every pane uses for its rows: a selection kept visible
 * by scrolling, and the keys that move it.  Rows are drawn by the pane.
 * A page is the height the list was last drawn with, so PgDn moves by
 * exactly what the screen showed, whatever its size.
 */
#include "ui_internal.h"

void list_clamp(struct list_view *list, int count)
{
    if (list->selected >= count)
        list->selected = count - 1;
    if (list->selected < 0)
        list->selected = 0;
    if (list->height > 0) {
        /* The selection stays on screen, and no rows stay empty below the
         * last while earlier ones are scrolled away. */
        if (list->top < list->selected - list->height + 1)
            list->top = list->selected - list->height + 1;
        if (list->top > count - list->height)
            list->top = count - list->height;
    }
    if (list->top > list->selected)
        list->top = list->selected;
    if (list->top < 0)
        list->top = 0;
}

void list_draw(struct ui *ui, struct list_view *list, int count, WINDOW *win, int y, int x,
               int height, int width, list_row_fn row, void *data)
{
    list->height = height > 0 ? height : 0;
    if (height <= 0 || width <= 0)
        return;
    list_clamp(list, count);
    for (int r = 0; r < height && list->top + r < count; r++) {
        int index = list->top + r;
        WINDOW *line = derwin(win, 1, width, y + r, x);
        if (!line)
            continue;
        row(ui, data, index, line, 0, width, index == list->selected);
        delwin(line);
    }
    if (list->top > 0)
        draw_text(win, y, x + width - 1, "↑", 1, A_BOLD);
    if (list->top + height < count)
        draw_text(win, y + height - 1, x + width - 1, "↓", 1, A_BOLD);
}

bool list_handle(struct list_view *list, int count, enum action action)
{
    int page = list->height > 1 ? list->height : 1;
    switch (action) {
    case ACT_UP:
        list->selected--;
        break;
    case ACT_DOWN:
        list->selected++;
        break;
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN:
        /* The view turns a page and the selection keeps its place in it. */
        page = action == ACT_PAGE_UP ? -page : page;
        list->selected += page;
        list->top += page;
        break;
    case ACT_HOME:
        list->selected = 0;
        break;
    case ACT_END:
        list->selected = count - 1;
        break;
    default:
        return false;
    }
    list_clamp(list, count);
    return true;
}
