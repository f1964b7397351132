/*
 * The one key table.  Every binding names an action; the footer of each
 * pane and the help screen (?) are generated from this table, so what the
 * screen says and what the keys do cannot drift apart.
 */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

#define ALL_PANES 0u
#define ON(p)     (1u << (p))

struct binding {
    int key;
    enum action action;
    unsigned panes; /* ALL_PANES or a mask of ON(pane) */
    const char *key_name;
    const char *description;
};

static const struct binding BINDINGS[] = {
    {'q', ACT_QUIT, ALL_PANES, "q", "quit"},
    {'?', ACT_HELP, ALL_PANES, "?", "help: every key"},
    {'\t', ACT_NEXT_PANE, ALL_PANES, "Tab", "next pane"},
    {KEY_BTAB, ACT_PREV_PANE, ALL_PANES, "S-Tab", "previous pane"},
    {'1', ACT_PANE_1, ALL_PANES, "1", "Day pane"},
    {'2', ACT_PANE_2, ALL_PANES, "2", "Rota pane"},
    {'3', ACT_PANE_3, ALL_PANES, "3", "Requests pane"},
    {'4', ACT_PANE_4, ALL_PANES, "4", "Confirmations pane"},
    {'5', ACT_PANE_5, ALL_PANES, "5", "Waitlist pane"},
    {'/', ACT_FIND, ALL_PANES, "/", "find a client"},
    {KEY_UP, ACT_UP, ALL_PANES, "Up", "move up"},
    {'k', ACT_UP, ALL_PANES, "k", "move up"},
    {KEY_DOWN, ACT_DOWN, ALL_PANES, "Down", "move down"},
    {'j', ACT_DOWN, ALL_PANES, "j", "move down"},
    {KEY_PPAGE, ACT_PAGE_UP, ALL_PANES, "PgUp", "page up"},
    {KEY_NPAGE, ACT_PAGE_DOWN, ALL_PANES, "PgDn", "page down"},
    {KEY_HOME, ACT_HOME, ALL_PANES, "Home", "first"},
    {KEY_END, ACT_END, ALL_PANES, "End", "last"},
    {KEY_LEFT, ACT_PREV_DAY, ON(PANE_DAY) | ON(PANE_ROTA), "Left", "previous day (week on Rota)"},
    {KEY_RIGHT, ACT_NEXT_DAY, ON(PANE_DAY) | ON(PANE_ROTA), "Right", "next day (week on Rota)"},
    {KEY_LEFT, ACT_PREV_ITEM, ON(PANE_REQUESTS) | ON(PANE_WAITLIST), "Left",
     "previous suggested slot"},
    {KEY_RIGHT, ACT_NEXT_ITEM, ON(PANE_REQUESTS) | ON(PANE_WAITLIST), "Right",
     "next suggested slot"},
    {27, ACT_BACK, ON(PANE_ROTA), "Esc", "back to the week"},
    {'h', ACT_PREV_COLUMN, ON(PANE_DAY), "h", "previous therapist"},
    {'l', ACT_NEXT_COLUMN, ON(PANE_DAY), "l", "next therapist"},
    {KEY_SLEFT, ACT_PREV_COLUMN, ON(PANE_DAY), "S-Left", "previous therapist"},
    {KEY_SRIGHT, ACT_NEXT_COLUMN, ON(PANE_DAY), "S-Right", "next therapist"},
    {'t', ACT_TODAY, ON(PANE_DAY) | ON(PANE_ROTA), "t", "today"},
    {'n', ACT_NEW, ALL_PANES, "n", "new (booking, rule, request, entry)"},
    {'x', ACT_CANCEL_ITEM, ON(PANE_DAY), "x", "cancel the appointment"},
    {'\n', ACT_SELECT, ALL_PANES, "Enter", "details (Rota: the therapist's rules)"},
    {KEY_ENTER, ACT_SELECT, ALL_PANES, "Enter", "details"},
    {'b', ACT_BOOK, ON(PANE_REQUESTS) | ON(PANE_WAITLIST), "b", "book the chosen slot"},
    {'d', ACT_DECLINE, ON(PANE_REQUESTS), "d", "decline the request"},
    {'w', ACT_TO_WAITLIST, ON(PANE_REQUESTS), "w", "move the request to the waitlist"},
    {'s', ACT_SEND, ON(PANE_CONFIRMATIONS), "s", "send this confirmation"},
    {'S', ACT_SEND_ALL, ON(PANE_CONFIRMATIONS), "S", "send all"},
    {'m', ACT_MARK_SENT, ON(PANE_CONFIRMATIONS), "m", "mark confirmed by phone"},
    {'p', ACT_PREVIEW, ON(PANE_CONFIRMATIONS), "p", "preview the message"},
    {'o', ACT_TIME_OFF, ON(PANE_ROTA), "o", "add time off"},
    {'r', ACT_REMOVE, ON(PANE_ROTA) | ON(PANE_WAITLIST), "r", "remove"},
    {'e', ACT_EDIT, ON(PANE_ROTA), "e", "edit the rule"},
};

#define BINDING_COUNT (sizeof BINDINGS / sizeof BINDINGS[0])

enum action keys_action(int key, enum pane_id pane)
{
    for (size_t i = 0; i < BINDING_COUNT; i++)
        if (BINDINGS[i].key == key &&
            (BINDINGS[i].panes == ALL_PANES || (BINDINGS[i].panes & ON(pane))))
            return BINDINGS[i].action;
    if (key == '\r')
        return ACT_SELECT;
    return ACT_NONE;
}

const char *keys_label(enum action action)
{
    /* Short footer labels: the first key bound and a word or two. */
    static const struct {
        enum action action;
        const char *label;
    } SHORT[] = {
        {ACT_PREV_DAY, "←/→ day"},
        {ACT_NEXT_DAY, "←/→ week"},
        {ACT_NEXT_ITEM, "←/→ slot"},
        {ACT_BACK, "Esc back"},
        {ACT_NEXT_COLUMN, "h/l therapist"},
        {ACT_TODAY, "t today"},
        {ACT_NEW, "n new"},
        {ACT_CANCEL_ITEM, "x cancel"},
        {ACT_SELECT, "Enter details"},
        {ACT_BOOK, "b book"},
        {ACT_DECLINE, "d decline"},
        {ACT_TO_WAITLIST, "w waitlist"},
        {ACT_SEND, "s send"},
        {ACT_SEND_ALL, "S send all"},
        {ACT_MARK_SENT, "m by phone"},
        {ACT_PREVIEW, "p preview"},
        {ACT_TIME_OFF, "o time off"},
        {ACT_REMOVE, "r remove"},
        {ACT_EDIT, "e edit"},
        {ACT_FIND, "/ find"},
        {ACT_HELP, "? help"},
        {ACT_QUIT, "q quit"},
    };
    for (size_t i = 0; i < sizeof SHORT / sizeof SHORT[0]; i++)
        if (SHORT[i].action == action)
            return SHORT[i].label;
    return "";
}

static const char *pane_scope(unsigned panes)
{
    if (panes == ALL_PANES)
        return "everywhere";
    static const char *const NAMES[PANE_COUNT] = {"Day", "Rota", "Requests", "Confirmations",
                                                  "Waitlist"};
    static char scope[96];
    scope[0] = '\0';
    for (int p = 0; p < PANE_COUNT; p++)
        if (panes & ON(p)) {
            if (scope[0])
                strncat(scope, ", ", sizeof scope - strlen(scope) - 1);
            strncat(scope, NAMES[p], sizeof scope - strlen(scope) - 1);
        }
    return scope;
}

void keys_draw_help(struct ui *ui, WINDOW *win, int height, int width, int *scroll)
{
    int lines = (int)BINDING_COUNT + 2;
    if (*scroll > lines - height)
        *scroll = lines - height > 0 ? lines - height : 0;
    if (*scroll < 0)
        *scroll = 0;
    werase(win);
    draw_text(win, 0, 1, "Keys (Up/Down to scroll, any other key to close)", width - 2,
              ui_attr(ui, COLOR_HEADER) | A_BOLD);
    for (int row = 1; row < height; row++) {
        int index = row - 1 + *scroll;
        if (index >= (int)BINDING_COUNT)
            break;
        const struct binding *b = &BINDINGS[index];
        char line[256];
        snprintf(line, sizeof line, "%-8s %-34s %s", b->key_name, b->description,
                 pane_scope(b->panes));
        draw_text(win, row, 2, line, width - 3, A_NORMAL);
    }
}
