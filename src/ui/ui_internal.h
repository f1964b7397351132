/*
 * The interface's shared pieces.
 *
 * Like tig's views, every pane is a `struct pane_ops` of callbacks, and the
 * main loop knows only that struct.  Keys map to named actions (enum
 * action) through one table (keys.c), from which the footer, the help
 * screen and the read-only view's refusals are generated; a pane handles
 * the actions it knows and ignores the rest.  The widgets panes compose
 * are data-driven too: a list (list.c), a line editor (line_edit.c), a
 * form of such lines (form.c) and a modal box (modal.c) that the form, the
 * client finder, the help and every text popup run in.
 * Panes never speak SQL or decide business rules: everything they show or
 * change goes through ops/.
 */
#ifndef FRONTDESK_UI_INTERNAL_H
#define FRONTDESK_UI_INTERNAL_H

#include <frontdesk/ops.h>

#include <curses.h>
#include <time.h>
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
    ACT_PANE_6,
    ACT_PANE_7,
    ACT_PANE_8,
    ACT_UNDO, /* the latest change made at this desk, put back */
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
    ACT_PREV_ITEM, /* the previous / next suggested slot */
    ACT_NEXT_ITEM,
    ACT_BACK, /* Escape: leave a list inside a pane */
    ACT_MOVE,
    ACT_ARRIVED, /* the outcomes of an appointment */
    ACT_COMPLETED,
    ACT_NO_SHOW,
    ACT_FEE,
    ACT_NOTE,
    ACT_RETRY,    /* the Outbox: queue an interrupted message again */
    ACT_VOID,     /* give up on a message */
    ACT_SHOW_ALL, /* every message, or only those still to go */
    ACT_NOTIFY,   /* tell the opening waitlist the clinic is open */
    ACT_OFFERS,   /* the config's offers in full */
    /* The Inbox: a contact message needs nothing more, or is a request. */
    ACT_HANDLED,
    ACT_TO_REQUEST,
    ACT_COUNT
};

enum pane_id {
    PANE_DAY,
    PANE_ROTA,
    PANE_REQUESTS,
    PANE_OUTBOX,
    PANE_WAITLIST,
    PANE_ATTENTION,
    PANE_LISTS,
    PANE_INBOX,
    PANE_COUNT
};

/* Below this the interface says the terminal is too small instead of drawing. */
#define UI_MIN_COLUMNS 60
#define UI_MIN_ROWS    12

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
    COLOR_ARRIVED, /* an appointment's outcome on the Day pane */
    COLOR_COMPLETED,
    COLOR_NO_SHOW, /* and a late cancellation */
};

struct ui;

/* Replaying keys from a file to time the interface (replay.c). */
struct replay {
    bool active;
    FILE *in;
    FILE *out;
    SCREEN *screen;
    double started;     /* when the interface began */
    double first_frame; /* seconds to the end of the first frame */
    double key_started; /* when the key being handled arrived */
    double *times;      /* key-to-redraw times, seconds */
    size_t count;
    size_t capacity;
};
/* entered: when the interface began, so the first frame counts opening. */
int replay_open(struct replay *replay, const char *path, struct timespec entered);
void replay_key_arrived(struct replay *replay);
void replay_frame_done(struct replay *replay);
/* Ends the screen and prints the timings on stderr. */
void replay_close(struct replay *replay);

struct pane_ops {
    const char *title;
    /* Reads what the pane shows (again), e.g. after another desk changed it. */
    void (*load)(struct ui *ui, void *state);
    void (*draw)(struct ui *ui, void *state, WINDOW *win, int height, int width);
    /* Returns true when the pane used the action. */
    bool (*handle)(struct ui *ui, void *state, enum action action);
    void (*free)(void *state);
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
    int64_t therapist_id;  /* that therapist's id, or 0 */
    int64_t data_version;
    bool dirty;           /* this desk changed something: reload every pane */
    bool connection_lost; /* the database server is away: the header says reconnecting… */
    struct fd_counts counts;
    /* Contact messages not yet handled, for the header; -1: no Inbox pane
     * (the therapist's view) or it could not be read. */
    bool has_inbox;                  /* the header counts the Inbox where the desk has one */
    struct fd_therapist *therapists; /* for showing handles; reloaded with the panes */
    size_t therapist_count;
    char status[256]; /* one line of feedback under the pane */
    bool status_is_error;
    fd_day day; /* the day the Day pane shows; shared with Requests */
    /* An appointment the Day pane puts its cursor on when it next loads
     * (one just moved); 0: none. */
    int64_t follow_appointment;
    struct replay replay;
};

/* A key as the modal widgets read it (get_wch): a function key (KEY_UP,
 * KEY_RESIZE...) or a character, which may be any Unicode character. */
struct ui_key {
    bool is_function;
    wint_t code;
};
/* The key as keys_action() takes it: function keys and ASCII, else -1. */
int ui_key_int(struct ui_key key);

/* The key table (keys.c). */
enum action keys_action(int key, enum pane_id pane);
/* True when the action changes data on that pane (refused in read-only). */
bool keys_changes_data(enum action action, enum pane_id pane);
/* The footer line of the current pane: "←/→ day  t today ... q quit". */
void keys_draw_footer(struct ui *ui, WINDOW *win, int y, int width);
/* The help (?): every key of the panes there are, grouped by pane. */
void keys_show_help(struct ui *ui);

/* Draws the main screen (header, tabs, pane, status, footer) into stdscr
 * for the next doupdate(); false when the terminal is too small, which
 * the screen then says instead.  Modal boxes draw over it. */
bool ui_draw_screen(struct ui *ui);

/* Drawing helpers: text measured in terminal columns, never past width. */
int draw_text(WINDOW *win, int y, int x, const char *text, int width, attr_t attr);
int text_columns(const char *text);
/* The columns of the first bytes of text (stopping at its end). */
int text_columns_n(const char *text, size_t bytes);
attr_t ui_attr(const struct ui *ui, enum ui_color color);
void ui_set_status(struct ui *ui, bool is_error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Asks a yes/no question on the status line; true for y. */
bool ui_confirm(struct ui *ui, const char *question);
/* Asks a question answered by one key: the index of the key pressed in
 * answers, or -1 for any other (Escape). */
int ui_choose(struct ui *ui, const char *question, const char *answers);
/* Reads a line of text on the status line, edited like a form field;
 * false when Escape was pressed. */
bool ui_prompt(struct ui *ui, const char *label, char *buffer, size_t size);

/* The modal box (modal.c): a bordered window over the main screen that
 * runs until it is closed.  Every frame redraws the screen under it, so a
 * resize redraws both; a terminal too small says so instead (and then
 * only Escape works).  A key the callback leaves unused closes the box if
 * it is Escape or q. */
enum modal_reply { MODAL_UNUSED, MODAL_USED, MODAL_CLOSE };
struct modal {
    const char *title; /* on the top border */
    int height, width; /* the box wanted, border included; 0: the screen less a margin */
    /* Draws inside the border (win is height x width); returns true to show
     * the terminal's cursor where it left win's cursor. */
    bool (*draw)(struct ui *ui, void *data, WINDOW *win, int height, int width);
    enum modal_reply (*key)(struct ui *ui, void *data, struct ui_key key);
    void *data;
};
void ui_modal_run(struct ui *ui, const struct modal *modal);

/* The line editor (line_edit.c) of form fields and prompts: a cursor that
 * moves by whole UTF-8 characters, and a view that scrolls sideways to
 * keep it in sight.  Offsets are bytes, always on a character boundary. */
struct line_edit {
    char *text;    /* NUL-terminated; the buffer holds max + 1 bytes */
    size_t max;    /* the longest text accepted, in bytes */
    size_t cursor; /* where typing inserts */
    size_t first;  /* the first byte shown */
};
enum line_edit_reply {
    LINE_EDIT_UNUSED,  /* not an editing key: the caller's to handle */
    LINE_EDIT_MOVED,   /* the cursor moved */
    LINE_EDIT_CHANGED, /* the text changed */
    LINE_EDIT_FULL     /* a character was refused: the text is max bytes */
};
/* Starts editing text (the cursor at its end). */
void line_edit_start(struct line_edit *edit, char *text, size_t max);
/* Left, Right, Home (^A), End (^E), Backspace, Delete, ^U (clear), typing. */
enum line_edit_reply line_edit_key(struct line_edit *edit, struct ui_key key);
/* Draws the text in width columns at (y, x), scrolled to show the cursor,
 * which is drawn reversed and where win's cursor is left. */
void line_edit_draw(struct line_edit *edit, WINDOW *win, int y, int x, int width, attr_t attr);

/* The list widget (after htop's Panel): a selection and a scroll offset;
 * the pane draws each visible row through a callback.  The list keeps the
 * height it was last drawn with, which is what a page is. */
struct list_view {
    int selected;
    int top;
    int height; /* rows shown by the last list_draw(); 0 before */
};
typedef void (*list_row_fn)(struct ui *ui, void *data, int index, WINDOW *win, int y, int width,
                            bool selected);
void list_draw(struct ui *ui, struct list_view *list, int count, WINDOW *win, int y, int x,
               int height, int width, list_row_fn row, void *data);
/* Moves the selection for Up/Down/PgUp/PgDn/Home/End (a page is the drawn
 * height); false for other actions. */
bool list_handle(struct list_view *list, int count, enum action action);
void list_clamp(struct list_view *list, int count);

/* The form widget: labelled fields checked as they are typed; Enter
 * submits through the form's submit callback, which runs the operation
 * and may refuse with a message that keeps the form open; Escape leaves
 * without change.  Text fields are line editors that refuse typing past
 * their maximum length, saying so on the form. */
#define FORM_VALUE_SIZE FD_TEXT_SIZE
/* Maximum lengths matching what the operations accept, in bytes. */
#define FORM_MAX_NAME  (FD_NAME_SIZE - 1)
#define FORM_MAX_EMAIL (FD_EMAIL_SIZE - 1)
#define FORM_MAX_PHONE (FD_PHONE_SIZE - 1)
#define FORM_MAX_TEXT  (FD_TEXT_SIZE - 1)
struct form_field {
    const char *label;
    char value[FORM_VALUE_SIZE];
    size_t max;                 /* the longest value in bytes; 0: FORM_MAX_TEXT */
    const char *const *choices; /* non-NULL: Left/Right/Space pick one; no typing */
    int choice_count;
    /* A choice shown as a list of this many rows with the chosen one
     * marked, rather than "◀ value ▶" (still chosen with ←/→); a value
     * that is none of the choices marks none.  0 or 1: one row. */
    int rows;
    /* Fills message and returns false when the value is not acceptable. */
    bool (*check)(struct ui *ui, const struct form_field *field, char *message, size_t size);
    const char *hint; /* shown when the field has focus and is valid */
    /* Something the desk should know about a valid value (who else uses
     * this email address); shown under it whether or not it has focus.
     * fields is the whole form, so a note may read the other fields. */
    void (*note)(struct ui *ui, const struct form_field *fields, const struct form_field *field,
                 char *out, size_t size);
};
struct form {
    const char *title;
    struct form_field *fields;
    int count;
    /* Runs the operation; false keeps the form open with message shown. */
    bool (*submit)(struct ui *ui, struct form *form, void *data, char *message, size_t size);
    void *data;
    /* May be NULL: called when the choice of field index changed, so that
     * it can fill other fields (a free time picked fills the time typed). */
    void (*changed)(struct ui *ui, struct form *form, int index);
    /* May be NULL: a line under the fields that follows what is typed
     * (the price a booking would get), worked out again at every key;
     * false draws it as a problem. */
    bool (*summary)(struct ui *ui, const struct form *form, char *out, size_t size);
};
/* Runs the form until it is submitted (true) or left with Escape (false). */
bool form_run(struct ui *ui, struct form *form);
/* Field checks shared by several forms (format only: rules live in ops). */
bool form_check_required(struct ui *ui, const struct form_field *field, char *message, size_t size);
bool form_check_email(struct ui *ui, const struct form_field *field, char *message, size_t size);
bool form_check_phone(struct ui *ui, const struct form_field *field, char *message, size_t size);
bool form_check_datetime(struct ui *ui, const struct form_field *field, char *message, size_t size);
bool form_check_date(struct ui *ui, const struct form_field *field, char *message, size_t size);
bool form_check_optional_date(struct ui *ui, const struct form_field *field, char *message,
                              size_t size);
bool form_check_time(struct ui *ui, const struct form_field *field, char *message, size_t size);
bool form_check_prefer(struct ui *ui, const struct form_field *field, char *message, size_t size);
/* The note of an email field: the clients already at that address, the
 * one with the name in the form's first field said to be the same person,
 * the others a family. */
void form_note_shared_address(struct ui *ui, const struct form_field *fields,
                              const struct form_field *field, char *out, size_t size);
int form_choice_index(const struct form_field *field);
/* The client's contact fields, as every form that takes a client has them:
 * [F_NAME] = {FORM_CLIENT_NAME}. */
#define FORM_CLIENT_NAME .label = "Client name", .max = FORM_MAX_NAME, .check = form_check_required
#define FORM_EMAIL                                                                                 \
    .label = "Email", .max = FORM_MAX_EMAIL, .check = form_check_email,                            \
    .note = form_note_shared_address
#define FORM_PHONE                                                                                 \
    .label = "Phone", .max = FORM_MAX_PHONE, .check = form_check_phone, .hint = "optional"

/* A scrollable text popup (message previews, details, the help) in a
 * modal box; any key but Up/Down/PgUp/PgDn/Home/End closes it. */
void ui_show_text(struct ui *ui, const char *title, const char *text);
/* The same box asking a question: the last row is hint ("b books the
 * rest, Esc goes back"); returns the index in answers of the key pressed,
 * or -1 for Escape or q (other keys do nothing). */
int ui_ask_text(struct ui *ui, const char *title, const char *text, const char *hint,
                const char *answers);
/* Text grown by printf-style appends for a popup; out of memory cuts it
 * (failed) rather than losing what is there.  Free with ui_text_free(). */
struct ui_text {
    char *text; /* NULL until the first append */
    size_t used, size;
    bool failed;
};
void ui_text_append(struct ui_text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_text_free(struct ui_text *t);
/* Breaks the lines of text longer than width characters at their last
 * space that fits, so that a text message or a long refusal is read whole
 * in a box on an 80-column terminal.  In place: a space becomes a newline. */
void ui_text_wrap(char *text, int width);
/* Choice lists built from the config and the store, for form fields.
 * Owned by the ui; valid until ui_choices_free(). */
struct ui_choices {
    const char **services;
    int service_count;
    const char **clinics;
    int clinic_count;
    const char **therapists; /* handles; the first is UI_ANYONE when with_anyone */
    int therapist_count;
    struct fd_therapist *therapist_rows;
    size_t therapist_row_count;
};
#define UI_ANYONE "anyone"
void ui_choices_load(struct ui *ui, struct ui_choices *choices, bool with_anyone);
void ui_choices_free(struct ui_choices *choices);

/* getch()/get_wch() for modal loops: the end of a replay reads as Escape. */
int ui_getch(struct ui *ui);
int ui_get_wch(struct ui *ui, wint_t *ch);
/* The handle of a therapist id ("?" when unknown). */
const char *ui_therapist_handle(struct ui *ui, int64_t id);
/* The progress of a run of sends (send_options.progress): a line on the
 * status bar, the screen redrawn, Esc stops after the message under way. */
bool ui_send_progress(void *data, size_t done, size_t total);
/* Re-reads the clock (unless --now fixed it) before an operation. */
void ui_tick_now(struct ui *ui);
/* Looks at the database connection between keys (a lost one is made
 * again then): true when it was lost or came back since the last look,
 * so that the screen is drawn again.  Other desks' changes seen here are
 * loaded when the main screen next ticks. */
bool ui_watch_connection(struct ui *ui);

/* The slot picker of the Requests and Waitlist panes (slot_picker.c). */
struct slot_picker {
    int64_t owner; /* the request or entry the slots are for; -1: to read again */
    struct slot *slots;
    size_t count;
    int selected;
    char error[sizeof(struct fd_error){0}.message];
    /* The price the chosen slot would be booked at, worked out once per
     * slot chosen: the slot it is for (-1: none yet), and in words. */
    int priced;
    char price[sizeof(struct fd_error){0}.message + 16];
};
typedef int (*slot_picker_source)(struct fd_context *ctx, int64_t id, size_t limit,
                                  struct slot **out, size_t *count, struct fd_error *err);
/* One slot as the pickers list it: "Thu 11-26 09:45-10:45  prim  Clinic". */
void slot_picker_describe(struct ui *ui, const struct slot *slot, char *out, size_t size);
/* Reads the slots for owner (0: none), unless they are already there. */
void slot_picker_load(struct ui *ui, struct slot_picker *picker, int64_t owner,
                      slot_picker_source source);
void slot_picker_invalidate(struct slot_picker *picker);
/* Draws heading and the slots from row y down to bottom, then the price
 * of the chosen one booked as booking (the request or waitlist entry);
 * returns the next row. */
int slot_picker_draw(struct ui *ui, struct slot_picker *picker, struct booking booking, WINDOW *win,
                     int y, int left, int bottom, int width, const char *heading,
                     const char *empty);
/* ←/→ move the choice; true when the action was one of them. */
bool slot_picker_handle(struct slot_picker *picker, enum action action);
/* Books the chosen slot; booking names the request or waitlist entry.
 * When an offer would apply it asks first: with it, without it, or not
 * at all. */
void slot_picker_book(struct ui *ui, const struct slot_picker *picker, struct booking booking);
void slot_picker_free(struct slot_picker *picker);

/* The client finder (/): search, pick a client, see their appointments. */
void ui_find_client(struct ui *ui);

/* Forms that several panes open. */
void ui_book_form(struct ui *ui, const char *therapist, const char *clinic, fd_time start);

/* What the desk does to one booked appointment (appointment.c, and
 * move_form.c for moving it), from the Day and To do panes.  Each takes
 * the appointment as shown and works on a copy: an outcome (a no-show is
 * asked first), a cancellation (who cancels; for a series, whether the
 * later sessions go too), a fee, a note, a move.  ui_appointment_act()
 * does what a key's action does to it (Enter, x, m, a, c, N, f, w), and
 * is false for any other action. */
bool ui_appointment_act(struct ui *ui, const struct fd_appointment *a, enum action action);
void ui_appointment_show(struct ui *ui, const struct fd_appointment *a);
void ui_appointment_move(struct ui *ui, const struct fd_appointment *a);
/* A price as the desk reads it: "49.50 (offer january-first-session;
 * list 55.00)", or "55.00" when no offer took anything off. */
void ui_price_describe(int price_pence, int list_price_pence, const char *offer, char *out,
                       size_t size);
/* The same for a status line, where room is short: "£49.50 with an
 * offer", "£55.00". */
void ui_price_brief(int price_pence, const char *offer, char *out, size_t size);
/* The outcome's mark: "◆" (words: "◆ arrived"), "✔", "✗" (a no-show or
 * a late cancellation); "" while booked.  Its colour. */
const char *ui_outcome_mark(const struct fd_appointment *a, bool words);
enum ui_color ui_outcome_color(const struct fd_appointment *a);
/* The notes of a client or of an appointment and its client (ops_notes)
 * appended under a "Notes:" heading. */
void ui_append_notes(struct ui *ui, struct ui_text *t, int64_t client_id, int64_t appointment_id);
/* The waiting clients that freed slots suit, named in out ("Wendy Wait
 * (#3), …"); returns how many. */
size_t ui_waitlist_names(struct ui *ui, const struct fd_appointment *freed, size_t freed_count,
                         char *out, size_t size);

/* A message owed to a client in the Outbox pane's words (pane_outbox.c),
 * for any pane that lists one: what it is about ("appt #227 11-24 09:15",
 * "request #12"), and a popup with its details and its text as it would
 * go now, or why it cannot go. */
void ui_message_about(const struct fd_outbox_message *m, char *out, size_t size);
void ui_message_show(struct ui *ui, const struct fd_outbox_message *m);

/* Panes. */
extern const struct pane_ops PANE_DAY_OPS;
extern const struct pane_ops PANE_ROTA_OPS;
extern const struct pane_ops PANE_REQUESTS_OPS;
extern const struct pane_ops PANE_OUTBOX_OPS;
extern const struct pane_ops PANE_WAITLIST_OPS;
extern const struct pane_ops PANE_ATTENTION_OPS;
extern const struct pane_ops PANE_LISTS_OPS;
extern const struct pane_ops PANE_INBOX_OPS;
void *pane_day_new(struct ui *ui);
void *pane_rota_new(struct ui *ui);
void *pane_requests_new(struct ui *ui);
void *pane_outbox_new(struct ui *ui);
void *pane_waitlist_new(struct ui *ui);
void *pane_attention_new(struct ui *ui);
void *pane_lists_new(struct ui *ui);
void *pane_inbox_new(struct ui *ui);

#endif
