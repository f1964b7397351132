/*
 * The one key table.  Each row binds an action on some panes to its keys,
 * with a word or two for the footer, a line for the help screen, and
 * whether the action changes data.  The footer of every pane, the help
 * (?) and the read-only view's refusals are all read from this table, so
 * what the screen says and what the keys do cannot drift apart.
 *
 * Rows are grouped as the help shows them: everywhere, then pane by pane.
 * An action that means something different on another pane (n, Enter,
 * ←/→) has a row per pane, so each pane's help says what it does there.
 * Two actions of a pane with the same footer word share one footer entry:
 * ← and → are "←/→ day".  No key may be bound twice on one pane.
 */
#include "ui_internal.h"

#include <stdio.h>
#include <string.h>

#define EVERYWHERE        0u
#define ON(p)             (1u << (p))
#define DAY               ON(PANE_DAY)
#define ROTA              ON(PANE_ROTA)
#define REQUESTS          ON(PANE_REQUESTS)
#define OUTBOX            ON(PANE_OUTBOX)
#define WAITLIST          ON(PANE_WAITLIST)
#define ATTENTION         ON(PANE_ATTENTION)
#define LISTS             ON(PANE_LISTS)
#define INBOX             ON(PANE_INBOX)
#define DAY_AND_ATTENTION (DAY | ATTENTION)
#define CHANGES           true
#define READS             false
#define ENTER_KEYS        '\r', '\n', KEY_ENTER
#define KEYS_MAX          4

struct binding {
    enum action action;
    unsigned panes;     /* EVERYWHERE or a mask of ON(pane) */
    int keys[KEYS_MAX]; /* the first is the one the footer shows; 0 ends early */
    const char *label;  /* the footer's word(s); NULL: in the help only */
    bool changes;       /* changes data: not offered in the read-only view */
    const char *description;
};

static const struct binding BINDINGS[] = {
    {ACT_UNDO, EVERYWHERE, {'u'}, "undo", CHANGES, "undo this desk's latest change (asks first)"},
    {ACT_FIND, EVERYWHERE, {'/'}, "find", READS, "find a client and see their appointments"},
    {ACT_HELP, EVERYWHERE, {'?'}, "help", READS, "help: every key"},
    {ACT_QUIT, EVERYWHERE, {'q'}, "quit", READS, "quit"},
    {ACT_NEXT_PANE, EVERYWHERE, {'\t'}, NULL, READS, "next pane"},
    {ACT_PREV_PANE, EVERYWHERE, {KEY_BTAB}, NULL, READS, "previous pane"},
    {ACT_PANE_1, EVERYWHERE, {'1'}, NULL, READS, "the Day pane"},
    {ACT_PANE_2, EVERYWHERE, {'2'}, NULL, READS, "the Rota pane"},
    {ACT_PANE_3, EVERYWHERE, {'3'}, NULL, READS, "the Requests pane"},
    {ACT_PANE_4, EVERYWHERE, {'4'}, NULL, READS, "the Outbox pane: messages to clients"},
    {ACT_PANE_5, EVERYWHERE, {'5'}, NULL, READS, "the Waitlist pane"},
    {ACT_PANE_6, EVERYWHERE, {'6'}, NULL, READS, "the To do pane: what the desk must act on"},
    {ACT_PANE_7, EVERYWHERE, {'7'}, NULL, READS, "the Lists pane: mailing lists and offers"},
    {ACT_PANE_8, EVERYWHERE, {'8'}, NULL, READS, "the Inbox pane: contact messages and texts"},
    {ACT_UP, EVERYWHERE, {KEY_UP, 'k'}, NULL, READS, "move up"},
    {ACT_DOWN, EVERYWHERE, {KEY_DOWN, 'j'}, NULL, READS, "move down"},
    {ACT_PAGE_UP, EVERYWHERE, {KEY_PPAGE}, NULL, READS, "page up"},
    {ACT_PAGE_DOWN, EVERYWHERE, {KEY_NPAGE}, NULL, READS, "page down"},
    {ACT_HOME, EVERYWHERE, {KEY_HOME}, NULL, READS, "first"},
    {ACT_END, EVERYWHERE, {KEY_END}, NULL, READS, "last"},

    {ACT_PREV_DAY, DAY, {KEY_LEFT}, "day", READS, "previous day"},
    {ACT_NEXT_DAY, DAY, {KEY_RIGHT}, "day", READS, "next day"},
    {ACT_PREV_COLUMN, DAY, {'h', KEY_SLEFT}, "therapist", READS, "previous therapist"},
    {ACT_NEXT_COLUMN, DAY, {'l', KEY_SRIGHT}, "therapist", READS, "next therapist"},
    {ACT_TODAY, DAY, {'t'}, "today", READS, "back to today"},
    {ACT_CANCEL_ITEM, DAY, {'x'}, "cancel", CHANGES, "cancel the appointment under the cursor"},
    {ACT_SELECT, DAY, {ENTER_KEYS}, "details", READS, "the appointment under the cursor"},
    {ACT_NEW, DAY, {'n'}, NULL, CHANGES, "book at the cursor"},
    {ACT_MOVE, DAY, {'m'}, "move", CHANGES, "move the appointment: a free time, or one typed"},
    /* The three outcomes share a footer entry: "a/c/N outcome". */
    {ACT_ARRIVED,
     DAY_AND_ATTENTION,
     {'a'},
     "outcome",
     CHANGES,
     "the client has arrived (on the day)"},
    {ACT_COMPLETED,
     DAY_AND_ATTENTION,
     {'c'},
     "outcome",
     CHANGES,
     "the session took place: completed"},
    {ACT_NO_SHOW,
     DAY_AND_ATTENTION,
     {'N'},
     "outcome",
     CHANGES,
     "did not come: a no-show (asks first)"},
    {ACT_FEE, DAY, {'f'}, "fee", CHANGES, "waive or change the fee of a no-show or late cancel"},
    {ACT_NOTE, DAY, {'w'}, "note", CHANGES, "write a note on the appointment or its client"},

    {ACT_PREV_DAY, ROTA, {KEY_LEFT}, "week", READS, "previous week"},
    {ACT_NEXT_DAY, ROTA, {KEY_RIGHT}, "week", READS, "next week"},
    {ACT_TODAY, ROTA, {'t'}, "today", READS, "back to this week"},
    {ACT_SELECT, ROTA, {ENTER_KEYS}, "rules", READS, "the therapist's rules and time off"},
    {ACT_NEW, ROTA, {'n'}, "new", CHANGES, "new rota rule"},
    {ACT_TIME_OFF, ROTA, {'o'}, "time off", CHANGES, "add time off"},
    {ACT_EDIT, ROTA, {'e'}, "edit", CHANGES, "edit the chosen rule"},
    {ACT_REMOVE, ROTA, {'r'}, "remove", CHANGES, "remove the chosen rule or time off"},
    {ACT_BACK, ROTA, {27}, "back", READS, "back to the week"},

    {ACT_PREV_ITEM, REQUESTS | WAITLIST, {KEY_LEFT}, "slot", READS, "previous suggested slot"},
    {ACT_NEXT_ITEM, REQUESTS | WAITLIST, {KEY_RIGHT}, "slot", READS, "next suggested slot"},
    {ACT_BOOK, REQUESTS | WAITLIST, {'b'}, "book", CHANGES, "book the chosen slot"},
    {ACT_DECLINE, REQUESTS, {'d'}, "decline", CHANGES, "decline the request, with a reason"},
    {ACT_TO_WAITLIST, REQUESTS, {'w'}, "waitlist", CHANGES, "move the client to the waitlist"},
    {ACT_NEW, REQUESTS, {'n'}, "new", CHANGES, "take a new request"},
    {ACT_SELECT, REQUESTS, {ENTER_KEYS}, "details", READS, "the whole request"},

    {ACT_PREVIEW, OUTBOX, {'p', ENTER_KEYS}, "preview", READS, "the message as it would go now"},
    {ACT_SEND, OUTBOX, {'s'}, "send", CHANGES, "send this message now"},
    {ACT_SEND_ALL, OUTBOX, {'S'}, "send all", CHANGES, "send every message that is due"},
    {ACT_VOID, OUTBOX, {'v'}, "void", CHANGES, "give up on this message: it is never sent"},
    {ACT_RETRY, OUTBOX, {'r'}, "retry", CHANGES, "queue an interrupted message to go again"},
    {ACT_SHOW_ALL, OUTBOX, {'a'}, "all", READS, "every message, sent and void too (again: to go)"},
    {ACT_MARK_SENT, OUTBOX, {'m'}, "by phone", CHANGES, "told by phone: confirmation given"},

    {ACT_REMOVE, WAITLIST, {'r'}, "remove", CHANGES, "take the client off the waitlist"},
    {ACT_NEW, WAITLIST, {'n'}, "new", CHANGES, "add a client to the waitlist"},
    {ACT_NOTIFY, WAITLIST, {'o'}, "notify", CHANGES, "tell the opening waitlist we are open"},

    {ACT_SELECT, ATTENTION, {ENTER_KEYS}, "details", READS, "what it is and what to do about it"},

    {ACT_PREV_ITEM, LISTS, {KEY_LEFT}, "list", READS, "the previous mailing list (or all of them)"},
    {ACT_NEXT_ITEM, LISTS, {KEY_RIGHT}, "list", READS, "the next mailing list (or all of them)"},
    {ACT_NEW, LISTS, {'n'}, "subscribe", CHANGES, "subscribe someone to a list, with consent"},
    {ACT_REMOVE, LISTS, {'r'}, "unsubscribe", CHANGES, "take them off that list (record kept)"},
    {ACT_SHOW_ALL, LISTS, {'a'}, "all", READS, "those who left too (again: current only)"},
    {ACT_OFFERS, LISTS, {'o'}, "offers", READS, "every offer of the config, in full"},

    {ACT_SELECT, INBOX, {ENTER_KEYS}, "read", READS, "the whole message, and who sent it"},
    {ACT_HANDLED, INBOX, {'h'}, "handled", CHANGES, "mark the message handled (asks first)"},
    {ACT_TO_REQUEST, INBOX, {'r'}, "request", CHANGES, "make it a booking request: service, times"},
    {ACT_SHOW_ALL, INBOX, {'a'}, "all", READS, "handled messages too (again: those waiting)"},
};

#define BINDING_COUNT (sizeof BINDINGS / sizeof BINDINGS[0])

static bool bound_on(const struct binding *b, enum pane_id pane)
{
    return b->panes == EVERYWHERE || (b->panes & ON(pane));
}

/* The row binding action on pane, or NULL. */
static const struct binding *binding_of(enum action action, enum pane_id pane)
{
    for (size_t i = 0; i < BINDING_COUNT; i++)
        if (BINDINGS[i].action == action && bound_on(&BINDINGS[i], pane))
            return &BINDINGS[i];
    return NULL;
}

enum action keys_action(int key, enum pane_id pane)
{
    for (size_t i = 0; i < BINDING_COUNT; i++)
        for (int k = 0; k < KEYS_MAX && BINDINGS[i].keys[k]; k++)
            if (BINDINGS[i].keys[k] == key && bound_on(&BINDINGS[i], pane))
                return BINDINGS[i].action;
    return ACT_NONE;
}

bool keys_changes_data(enum action action, enum pane_id pane)
{
    const struct binding *b = binding_of(action, pane);
    return b && b->changes;
}

/* A key's name as the help spells it; arrows as arrows in the footer. */
static const char *key_spelling(int key, bool footer, char buffer[2])
{
    switch (key) {
    case KEY_UP:
        return footer ? "↑" : "Up";
    case KEY_DOWN:
        return footer ? "↓" : "Down";
    case KEY_LEFT:
        return footer ? "←" : "Left";
    case KEY_RIGHT:
        return footer ? "→" : "Right";
    case KEY_SLEFT:
        return "S-Left";
    case KEY_SRIGHT:
        return "S-Right";
    case KEY_PPAGE:
        return "PgUp";
    case KEY_NPAGE:
        return "PgDn";
    case KEY_HOME:
        return "Home";
    case KEY_END:
        return "End";
    case KEY_BTAB:
        return "S-Tab";
    case '\t':
        return "Tab";
    case '\r':
    case '\n':
    case KEY_ENTER:
        return "Enter";
    case 27:
        return "Esc";
    case ' ':
        return "Space";
    default:
        buffer[0] = (char)key;
        buffer[1] = '\0';
        return buffer;
    }
}

/* "h/S-Left": every key of a row, a name said once ("Enter"). */
static void key_names(const struct binding *b, char *out, size_t size)
{
    out[0] = '\0';
    char previous[16] = "";
    for (int k = 0; k < KEYS_MAX && b->keys[k]; k++) {
        char buffer[2];
        const char *name = key_spelling(b->keys[k], false, buffer);
        if (strcmp(name, previous) == 0)
            continue;
        snprintf(out + strlen(out), size - strlen(out), "%s%s", out[0] ? "/" : "", name);
        snprintf(previous, sizeof previous, "%s", name);
    }
}

/* Whether the current view offers the row: the read-only view offers no
 * change, and no key for a pane it does not have. */
static bool offered(const struct ui *ui, const struct binding *b)
{
    if (ui->read_only && b->changes)
        return false;
    if (b->action >= ACT_PANE_1 && b->action <= ACT_PANE_8)
        return ui->panes[b->action - ACT_PANE_1].ops != NULL;
    return true;
}

/* ---- the footer ---- */

struct footer_item {
    char keys[32]; /* "←/→" */
    const char *label;
};

/* The footer items of the current pane (everywhere: the global ones). */
static size_t footer_items(const struct ui *ui, bool everywhere, struct footer_item *items,
                           size_t max)
{
    size_t count = 0;
    for (size_t i = 0; i < BINDING_COUNT; i++) {
        const struct binding *b = &BINDINGS[i];
        bool here = everywhere ? b->panes == EVERYWHERE : (b->panes & ON(ui->current)) != 0;
        if (!here || !b->label || !offered(ui, b))
            continue;
        char buffer[2];
        const char *key = key_spelling(b->keys[0], true, buffer);
        struct footer_item *last = count ? &items[count - 1] : NULL;
        if (last && strcmp(last->label, b->label) == 0) {
            snprintf(last->keys + strlen(last->keys), sizeof last->keys - strlen(last->keys), "/%s",
                     key);
        } else if (count < max) {
            snprintf(items[count].keys, sizeof items[count].keys, "%s", key);
            items[count++].label = b->label;
        }
    }
    return count;
}

static int footer_item_columns(const struct footer_item *item)
{
    return text_columns(item->keys) + 1 + text_columns(item->label);
}

static int draw_footer_item(WINDOW *win, int y, int x, const struct footer_item *item)
{
    int used = draw_text(win, y, x, item->keys, footer_item_columns(item), A_REVERSE);
    used += draw_text(win, y, x + used, " ", 1, A_REVERSE);
    return used +
           draw_text(win, y, x + used, item->label, footer_item_columns(item) - used, A_REVERSE);
}

void keys_draw_footer(struct ui *ui, WINDOW *win, int y, int width)
{
    struct footer_item pane[24], global[8];
    size_t pane_count = footer_items(ui, false, pane, 24);
    size_t global_count = footer_items(ui, true, global, 8);
    /* The global keys (find, help, quit) keep their room: the pane's own
     * give way first when the terminal is narrow. */
    int reserved = 0;
    for (size_t i = 0; i < global_count; i++)
        reserved += footer_item_columns(&global[i]) + 1;
    int x = 0;
    for (size_t i = 0; i < pane_count; i++) {
        int w = footer_item_columns(&pane[i]);
        if (x + w + reserved > width)
            break;
        x += draw_footer_item(win, y, x, &pane[i]) + 1;
    }
    for (size_t i = 0; i < global_count; i++) {
        if (x + footer_item_columns(&global[i]) > width)
            break;
        x += draw_footer_item(win, y, x, &global[i]) + 1;
    }
}

/* ---- the help ---- */

struct help_text {
    char text[8192];
    size_t used;
    int key_width;
};

static void help_append(struct help_text *help, const char *keys, const char *description)
{
    if (help->used >= sizeof help->text)
        return;
    int n;
    if (keys) {
        int pad = help->key_width - text_columns(keys);
        n = snprintf(help->text + help->used, sizeof help->text - help->used, "  %s%*s  %s\n", keys,
                     pad > 0 ? pad : 0, "", description);
    } else {
        n = snprintf(help->text + help->used, sizeof help->text - help->used, "%s\n", description);
    }
    if (n > 0)
        help->used += (size_t)n;
}

/* One group: the rows bound on pane (pane < 0: everywhere), each once. */
static void help_group(struct help_text *help, const struct ui *ui, int pane)
{
    char heading[64];
    snprintf(heading, sizeof heading, "%s%s%s", help->used ? "\n" : "",
             pane < 0 ? "Everywhere" : ui->panes[pane].ops->title, pane < 0 ? "" : " pane");
    help_append(help, NULL, heading);
    for (size_t i = 0; i < BINDING_COUNT; i++) {
        const struct binding *b = &BINDINGS[i];
        bool here = pane < 0 ? b->panes == EVERYWHERE : (b->panes & ON(pane)) != 0;
        if (!here || !offered(ui, b))
            continue;
        char keys[48];
        key_names(b, keys, sizeof keys);
        help_append(help, keys, b->description);
    }
}

void keys_show_help(struct ui *ui)
{
    struct help_text help = {.used = 0};
    for (size_t i = 0; i < BINDING_COUNT; i++) {
        char keys[48];
        key_names(&BINDINGS[i], keys, sizeof keys);
        if (text_columns(keys) > help.key_width)
            help.key_width = text_columns(keys);
    }
    /* The pane in view first, then what works everywhere, then the rest. */
    help_group(&help, ui, (int)ui->current);
    help_group(&help, ui, -1);
    for (int p = 0; p < PANE_COUNT; p++)
        if (p != (int)ui->current && ui->panes[p].ops)
            help_group(&help, ui, p);
    ui_show_text(ui, ui->read_only ? "Keys (read-only view)" : "Keys", help.text);
}
