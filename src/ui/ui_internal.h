/*
 * The interface's shared pieces.
 *
 * Like tig's views, every pane is a `struct pane_ops` of callbacks, and the
 * main loop knows only that struct.  Keys map to named actions (enum
 * action) through one table, from which the footer and the help screen
 * are generated; a pane handles the actions it knows and ignores the rest.
 * Panes never speak SQL or decide business rules: they call ops/ and the
 * store's read functions.
 */
#ifndef FRONTDESK_UI_INTERNAL_H
#define FRONTDESK_UI_INTERNAL_H

#include <frontdesk/ops.h>

#include <curses.h>
#include <stdbool.h>

enum action {
    ACT_NONE,
    ACT_QUIT,
    ACT_HELP,
    ACT_NEXT_PANE,
    ACT_PREV_PANE,
    ACT_PANE_1,
    ACT_PANE_2,
    ACT_PANE_3,
    ACT_PANE_4,
    ACT_PANE_5,
    ACT_FIND,
    ACT_UP,
    ACT_DOWN,
    ACT_PAGE_UP,
    ACT_PAGE_DOWN,
    ACT_HOME,
    ACT_END,
    ACT_PREV_DAY,
    ACT_NEXT_DAY,
    ACT_PREV_COLUMN,
    ACT_NEXT_COLUMN,
    ACT_TODAY,
    ACT_NEW,
    ACT_CANCEL_ITEM,
    ACT_SELECT,
    ACT_BOOK,
    ACT_DECLINE,
    ACT_TO_WAITLIST,
    ACT_SEND,
    ACT_SEND_ALL,
    ACT_MARK_SENT,
    ACT_PREVIEW,
    ACT_TIME_OFF,
    ACT_REMOVE,
    ACT_EDIT,
    ACT_COUNT
};

enum pane_id { PANE_DAY, PANE_ROTA, PANE_REQUESTS, PANE_CONFIRMATIONS, PANE_WAITLIST, PANE_COUNT };

/* Colour pairs; with NO_COLOR or a monochrome terminal, attributes only. */
enum ui_color {
    COLOR_HEADER = 1,
    COLOR_SELECTED,
    COLOR_APPOINTMENT,
    COLOR_FREE,
    COLOR_OVERDUE,
    COLOR_DUE_TODAY,
    COLOR_CLINIC_A,
    COLOR_CLINIC_B,
    COLOR_OFF,
    COLOR_ERROR,
    COLOR_OK,
};

struct ui;

struct pane_ops {
    const char *title;
    /* Reads what the pane shows (again), e.g. after another desk changed it. */
    void (*load)(struct ui *ui, void *state);
    void (*draw)(struct ui *ui, void *state, WINDOW *win, int height, int width);
    /* Returns true when the pane used the action. */
    bool (*handle)(struct ui *ui, void *state, enum action action);
    void (*free)(void *state);
    /* The actions shown in this pane's footer, ending with ACT_NONE. */
    const enum action *footer;
};

struct pane {
    const struct pane_ops *ops;
    void *state;
};

struct ui {
    struct fd_context ctx;
    struct pane panes[PANE_COUNT];
    enum pane_id current;
    bool running;
    bool color;
    bool read_only;
    const char *therapist; /* read-only view of one therapist, or NULL */
    int64_t data_version;
    bool dirty; /* this desk changed something: reload every pane */
    struct fd_counts counts;
    char status[256]; /* one line of feedback under the pane */
    bool status_is_error;
    fd_day day; /* the day the Day pane shows; shared with Requests */
};

/* Key table. */
enum action keys_action(int key, enum pane_id pane);
const char *keys_label(enum action action); /* "n book", for the footer */
void keys_draw_help(struct ui *ui, WINDOW *win, int height, int width, int *scroll);

/* Drawing helpers: text measured in terminal columns, never past width. */
int draw_text(WINDOW *win, int y, int x, const char *text, int width, attr_t attr);
int text_columns(const char *text);
attr_t ui_attr(const struct ui *ui, enum ui_color color);
void ui_set_status(struct ui *ui, bool is_error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Asks a yes/no question on the status line; true for y. */
bool ui_confirm(struct ui *ui, const char *question);
/* Reads a line of text on the status line; false when Escape was pressed. */
bool ui_prompt(struct ui *ui, const char *label, char *buffer, size_t size);

/* Panes. */
extern const struct pane_ops PANE_DAY_OPS;
void *pane_day_new(struct ui *ui);

#endif
