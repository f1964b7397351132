/*
 * Pop-ups shared by the panes: a scrollable text box (a message preview,
 * a client's history, an appointment's details), the same box asking for
 * one key (a series that clashes: book the rest, or go back), the growing
 * text they show, and the choice lists that forms offer (services,
 * clinics, therapists), read from the config and the store.
 */
#include "ui_internal.h"

#include <stdarg.h>
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

void ui_text_append(struct ui_text *t, const char *fmt, ...)
{
    while (!t->failed) {
        va_list ap;
        va_start(ap, fmt);
        int n = t->text ? vsnprintf(t->text + t->used, t->size - t->used, fmt, ap) : 0;
        va_end(ap);
        if (n < 0) {
            t->failed = true;
            return;
        }
        if (t->text && (size_t)n < t->size - t->used) {
            t->used += (size_t)n;
            return;
        }
        size_t wanted = t->size * 2 + (size_t)n + 256;
        char *grown = realloc(t->text, wanted);
        if (!grown) {
            t->failed = true; /* what was appended so far is still shown */
            return;
        }
        if (!t->text)
            grown[0] = '\0';
        t->text = grown;
        t->size = wanted;
    }
}

void ui_text_free(struct ui_text *t)
{
    free(t->text);
    memset(t, 0, sizeof *t);
}

static bool starts_character(char c)
{
    return ((unsigned char)c & 0xC0) != 0x80; /* not a UTF-8 continuation byte */
}

void ui_text_wrap(char *text, int width)
{
    char *space = NULL; /* the last space of the line so far */
    int columns = 0;
    for (char *p = text; *p; p++) {
        if (*p == '\n') {
            space = NULL;
            columns = 0;
            continue;
        }
        if (*p == ' ')
            space = p;
        if (!starts_character(*p) || ++columns <= width || !space)
            continue;
        *space = '\n';
        columns = 0;
        for (const char *q = space + 1; q <= p; q++)
            columns += starts_character(*q);
        space = NULL;
    }
}

struct text_view {
    char **lines;
    int count;
    int top;             /* the first line shown */
    int height;          /* lines shown by the last draw: a page */
    const char *hint;    /* the last row, instead of "Any key closes" */
    const char *answers; /* keys that answer; NULL: any key closes */
    int answer;          /* the index of the key that answered, or -1 */
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
    char hint[256];
    const char *closes = view->hint ? view->hint : "any other key closes";
    if (view->count > view->height)
        snprintf(hint, sizeof hint, "↑/↓ scroll (lines %d-%d of %d), %s", view->top + 1,
                 view->top + view->height < view->count ? view->top + view->height : view->count,
                 view->count, closes);
    else
        snprintf(hint, sizeof hint, "%s", view->hint ? view->hint : "Any key closes");
    draw_text(win, height - 1, 1, hint, width - 2, view->answers ? A_BOLD : A_DIM);
    return false;
}

static enum modal_reply text_key(struct ui *ui, void *data, struct ui_key key)
{
    (void)ui;
    struct text_view *view = data;
    int page = view->height > 1 ? view->height - 1 : 1;
    int code = ui_key_int(key);
    switch (code) {
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
        break;
    }
    if (!view->answers)
        return MODAL_CLOSE;
    const char *found = code > 0 && code < 128 ? strchr(view->answers, code) : NULL;
    if (found) {
        view->answer = (int)(found - view->answers);
        return MODAL_CLOSE;
    }
    return MODAL_UNUSED; /* Escape (or q) closes with no answer */
}

/* Runs the text box; the index of the answering key, or -1. */
static int run_text(struct ui *ui, const char *title, const char *text, const char *hint,
                    const char *answers)
{
    char *copy = strdup(text ? text : "");
    if (!copy)
        return -1;
    enum { MAX_LINES = 2000 };
    struct text_view view = {
        .lines = calloc(MAX_LINES, sizeof(char *)), .hint = hint, .answers = answers, .answer = -1};
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
    return view.answer;
}

void ui_show_text(struct ui *ui, const char *title, const char *text)
{
    run_text(ui, title, text, NULL, NULL);
}

int ui_ask_text(struct ui *ui, const char *title, const char *text, const char *hint,
                const char *answers)
{
    return run_text(ui, title, text, hint, answers);
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
