/*
 * Pop-ups shared by the panes: a scrollable text box (a message preview,
 * a client's history) and the choice lists that forms offer (services,
 * clinics, therapists), read from the config and the store.
 */
#include "ui_internal.h"

#include <stdlib.h>
#include <string.h>

/* Splits text into lines in place; returns how many, at most max. */
static int split_lines(char *text, char **lines, int max)
{
    int count = 0;
    char *p = text;
    while (p && count < max) {
        lines[count++] = p;
        p = strchr(p, '\n');
        if (p)
            *p++ = '\0';
    }
    return count;
}

void ui_show_text(struct ui *ui, const char *title, const char *text)
{
    char *copy = strdup(text ? text : "");
    if (!copy)
        return;
    enum { MAX_LINES = 2000 };
    char **lines = calloc(MAX_LINES, sizeof *lines);
    if (!lines) {
        free(copy);
        return;
    }
    int count = split_lines(copy, lines, MAX_LINES), top = 0;
    for (;;) {
        int rows, columns;
        getmaxyx(stdscr, rows, columns);
        int height = rows - 4, width = columns - 4;
        if (height < 3 || width < 10) {
            erase();
            draw_text(stdscr, 0, 0, "Terminal too small; press a key.", columns, A_BOLD);
            refresh();
        } else {
            WINDOW *box = newwin(height, width, 2, 2);
            if (!box)
                break;
            werase(box);
            box(box, 0, 0);
            draw_text(box, 0, 2, title, width - 4, A_BOLD);
            if (top > count - (height - 3))
                top = count - (height - 3);
            if (top < 0)
                top = 0;
            for (int r = 0; r < height - 3 && top + r < count; r++)
                draw_text(box, 1 + r, 2, lines[top + r], width - 4, A_NORMAL);
            draw_text(box, height - 2, 2, "↑/↓ scroll, any other key closes", width - 4, A_DIM);
            touchwin(stdscr);
            wnoutrefresh(stdscr);
            wnoutrefresh(box);
            doupdate();
            delwin(box);
        }
        int key = ui_getch(ui);
        if (key == ERR || key == KEY_RESIZE)
            continue;
        if (key == KEY_UP || key == 'k')
            top--;
        else if (key == KEY_DOWN || key == 'j')
            top++;
        else if (key == KEY_PPAGE)
            top -= height > 6 ? height - 4 : 1;
        else if (key == KEY_NPAGE)
            top += height > 6 ? height - 4 : 1;
        else
            break;
    }
    (void)ui;
    free(lines);
    free(copy);
}

void ui_choices_load(struct ui *ui, struct ui_choices *choices, bool with_anyone)
{
    memset(choices, 0, sizeof *choices);
    const struct fd_config *config = &ui->ctx.config;
    choices->services = calloc(config->service_count + 1, sizeof *choices->services);
    choices->clinics = calloc(config->clinic_count + 1, sizeof *choices->clinics);
    for (size_t i = 0; choices->services && i < config->service_count; i++)
        choices->services[choices->service_count++] = config->services[i].name;
    for (size_t i = 0; choices->clinics && i < config->clinic_count; i++)
        choices->clinics[choices->clinic_count++] = config->clinics[i].name;
    size_t count = 0;
    struct fd_error err = {0};
    if (ops_therapist_list(&ui->ctx, &choices->therapist_rows, &count, &err) < 0)
        count = 0;
    choices->therapist_row_count = count;
    choices->therapists = calloc(count + 2, sizeof *choices->therapists);
    if (!choices->therapists)
        return;
    if (with_anyone)
        choices->therapists[choices->therapist_count++] = UI_ANYONE;
    for (size_t i = 0; i < count; i++)
        if (choices->therapist_rows[i].active)
            choices->therapists[choices->therapist_count++] = choices->therapist_rows[i].handle;
}

void ui_choices_free(struct ui_choices *choices)
{
    free(choices->services);
    free(choices->clinics);
    free(choices->therapists);
    free(choices->therapist_rows);
    memset(choices, 0, sizeof *choices);
}
