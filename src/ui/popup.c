/*
 * Pop-ups shared by the panes: a scrollable text box (a message preview,
 * a client's history) and the choice lists that forms offer (services,
 * clinics, therapists), read from the config and the store.
 */
#include "ui_internal.h"

#include <stdio.h>
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

struct text_view {
    char **lines;
    int count;
    int top;    /* the first line shown */
    int height; /* lines shown by the last draw: a page */
};

static bool text_draw(struct ui *ui, void *data, WINDOW *win, int height, int width)
{
    (void)ui;
    struct text_view *view = data;
    view->height = height > 1 ? height - 1 : 1; /* the last row says how to scroll */
    if (view->top > view->count - view->height)
        view->top = view->count - view->height;
    if (view->top < 0)
        view->top = 0;
    for (int r = 0; r < view->height && view->top + r < view->count; r++)
        draw_text(win, r, 1, view->lines[view->top + r], width - 2, A_NORMAL);
    char hint[96];
    if (view->count > view->height)
        snprintf(hint, sizeof hint, "↑/↓ scroll (lines %d-%d of %d), any other key closes",
                 view->top + 1,
                 view->top + view->height < view->count ? view->top + view->height : view->count,
                 view->count);
    else
        snprintf(hint, sizeof hint, "Any key closes");
    draw_text(win, height - 1, 1, hint, width - 2, A_DIM);
    return false;
}

static enum modal_reply text_key(struct ui *ui, void *data, struct ui_key key)
{
    (void)ui;
    struct text_view *view = data;
    int page = view->height > 1 ? view->height - 1 : 1;
    switch (ui_key_int(key)) {
    case KEY_UP:
    case 'k':
        view->top--;
        return MODAL_USED;
    case KEY_DOWN:
    case 'j':
        view->top++;
        return MODAL_USED;
    case KEY_PPAGE:
        view->top -= page;
        return MODAL_USED;
    case KEY_NPAGE:
        view->top += page;
        return MODAL_USED;
    case KEY_HOME:
        view->top = 0;
        return MODAL_USED;
    case KEY_END:
        view->top = view->count; /* the draw brings the last page into view */
        return MODAL_USED;
    default:
        return MODAL_CLOSE;
    }
}

void ui_show_text(struct ui *ui, const char *title, const char *text)
{
    char *copy = strdup(text ? text : "");
    if (!copy)
        return;
    enum { MAX_LINES = 2000 };
    struct text_view view = {.lines = calloc(MAX_LINES, sizeof(char *))};
    if (view.lines) {
        view.count = split_lines(copy, view.lines, MAX_LINES);
        /* A trailing newline ends the last line; it does not start one. */
        if (view.count > 1 && !view.lines[view.count - 1][0])
            view.count--;
        ui_modal_run(
            ui, &(struct modal){.title = title, .draw = text_draw, .key = text_key, .data = &view});
    }
    free(view.lines);
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
