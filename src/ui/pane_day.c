/*
 * The Day pane: the day at a glance.  One column per therapist on shift
 * (or with appointments), one row per slot_step minutes; appointments are
 * blocks showing client, service, and confirmation or outcome (◆ arrived,
 * ✔ completed, ✗ no-show), and the offer one was booked with; free time inside a shift is marked,
 * and so is the start of a late cancellation (its fee may still need the desk); the cursor is a
 * (therapist, time) cell.  What the keys do to the appointment under the cursor is appointment.c's
 * and move_form.c's.
 */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TIME_GUTTER      6
#define MIN_COLUMN_WIDTH 16

struct day_state {
    struct day_view view;
    /* The day's late cancellations: the slot is free, the fee is owed. */
    struct fd_appointment *late;
    size_t late_count;
    bool loaded;
    char error[sizeof(struct fd_error){0}.message];
    fd_day shown; /* the day loaded, to place the cursor when it changes */
    int column, first_column;
    int row, first_row;
    int grid_start, grid_end, step; /* minutes */
    int page;                       /* rows of time last drawn: what PgUp/PgDn move */
};

static void set_grid(struct ui *ui, struct day_state *s)
{
    int start = ui->ctx.config.opens, end = ui->ctx.config.closes;
    for (size_t i = 0; i < s->view.shifts.count; i++) {
        if (s->view.shifts.items[i].start < start)
            start = s->view.shifts.items[i].start;
        if (s->view.shifts.items[i].end > end)
            end = s->view.shifts.items[i].end;
    }
    for (size_t i = 0; i < s->view.appointment_count; i++) {
        int a = time_minute(s->view.appointments[i].start);
        int b = a + (int)(s->view.appointments[i].end - s->view.appointments[i].start);
        if (a < start)
            start = a;
        if (b > end)
            end = b > FD_MINUTES_PER_DAY ? FD_MINUTES_PER_DAY : b;
    }
    s->step = ui->ctx.config.slot_step;
    s->grid_start = start / 60 * 60;
    s->grid_end = end;
}

static int row_count(const struct day_state *s)
{
    return (s->grid_end - s->grid_start + s->step - 1) / s->step;
}

static void place_cursor(struct ui *ui, struct day_state *s)
{
    int minute = -1;
    if (s->view.day == time_day(ui->ctx.now))
        minute = time_minute(ui->ctx.now);
    else if (s->view.shifts.count)
        minute = s->view.shifts.items[0].start;
    s->row = minute > s->grid_start ? (minute - s->grid_start) / s->step : 0;
    s->first_row = s->row > 2 ? s->row - 2 : 0;
}

/* The day's cancellations that were late, of one therapist or all. */
static void load_late(struct ui *ui, struct day_state *s)
{
    free(s->late);
    s->late = NULL;
    s->late_count = 0;
    struct fd_appointment_filter filter = {.from = time_make(ui->day, 0),
                                           .to = time_make(ui->day + 1, 0),
                                           .therapist_id = ui->therapist_id,
                                           .include_cancelled = true};
    struct fd_error err = {0};
    if (ops_appointments(&ui->ctx, &filter, &s->late, &s->late_count, &err) < 0)
        s->late_count = 0;
    size_t kept = 0;
    for (size_t i = 0; i < s->late_count; i++)
        if (s->late[i].status == APPOINTMENT_CANCELLED && s->late[i].late)
            s->late[kept++] = s->late[i];
    s->late_count = kept;
}

/* Puts the cursor on the appointment the desk just moved, if shown. */
static void follow(struct ui *ui, struct day_state *s)
{
    for (size_t c = 0; ui->follow_appointment && c < s->view.count; c++)
        for (size_t i = 0; i < s->view.columns[c].appointment_count; i++) {
            const struct fd_appointment *a = &s->view.columns[c].appointments[i];
            if (a->id != ui->follow_appointment)
                continue;
            s->column = (int)c;
            s->row = (time_minute(a->start) - s->grid_start) / s->step;
            ui->follow_appointment = 0;
            return;
        }
    ui->follow_appointment = 0;
}

static void day_load(struct ui *ui, void *state)
{
    struct day_state *s = state;
    int keep_column = s->column;
    day_view_free(&s->view);
    load_late(ui, s);
    struct fd_error err = {0};
    s->loaded = ops_day(&ui->ctx, ui->day, ui->therapist_id, &s->view, &err) == 0;
    snprintf(s->error, sizeof s->error, "%s", s->loaded ? "" : err.message);
    set_grid(ui, s);
    if (s->shown != ui->day) {
        s->shown = ui->day;
        s->column = 0;
        s->first_column = 0;
        place_cursor(ui, s);
    } else {
        s->column = keep_column;
    }
    follow(ui, s);
    if (s->column >= (int)s->view.count)
        s->column = s->view.count ? (int)s->view.count - 1 : 0;
    if (s->row >= row_count(s))
        s->row = row_count(s) - 1;
}

/* The appointment of column c overlapping [from, to), or NULL. */
static const struct fd_appointment *appointment_at(const struct day_column *column, fd_time from,
                                                   fd_time to)
{
    for (size_t i = 0; i < column->appointment_count; i++) {
        const struct fd_appointment *a = &column->appointments[i];
        if (a->start < to && a->end > from)
            return a;
    }
    return NULL;
}

/* Whether `from` falls in the rest after one of the column's appointments. */
static bool in_buffer(const struct day_column *column, fd_time from)
{
    for (size_t i = 0; i < column->appointment_count; i++) {
        const struct fd_appointment *a = &column->appointments[i];
        if (a->end <= from && from < a->end + a->buffer)
            return true;
    }
    return false;
}

/* The late cancellation of column's therapist starting in [from, to). */
static const struct fd_appointment *
late_at(const struct day_state *s, const struct day_column *column, fd_time from, fd_time to)
{
    for (size_t i = 0; i < s->late_count; i++)
        if (s->late[i].therapist_id == column->therapist.id && s->late[i].start >= from &&
            s->late[i].start < to)
            return &s->late[i];
    return NULL;
}

static bool in_shift(const struct day_column *column, int from, int to)
{
    for (size_t i = 0; i < column->shift_count; i++)
        if (column->shifts[i].start < to && column->shifts[i].end > from)
            return true;
    return false;
}

static const struct interval *free_at(const struct day_column *column, fd_time from)
{
    for (size_t i = 0; i < column->free_count; i++)
        if (column->free[i].start <= from && column->free[i].end > from)
            return &column->free[i];
    return NULL;
}

/* The time off of column c over [from, to), or NULL. */
static const struct fd_time_off_record *time_off_at(const struct day_column *column, fd_time from,
                                                    fd_time to)
{
    for (size_t i = 0; i < column->time_off_count; i++)
        if (column->time_off[i].off.from < to && column->time_off[i].off.to > from)
            return &column->time_off[i];
    return NULL;
}

static const char *confirmation_mark(enum confirmation_state state)
{
    if (state == CONFIRMATION_SENT)
        return "✓ confirmed";
    if (state == CONFIRMATION_FAILED)
        return "! sending failed";
    return "○ not confirmed";
}

/* Line `line` of an appointment's block: its time and client (after the
 * outcome's mark), its service, then its outcome or confirmation. */
static void block_line(const struct fd_appointment *a, long line, char *text, size_t size)
{
    char hm[FD_HM_LEN];
    time_format_hm(time_minute(a->start), hm);
    const char *mark = ui_outcome_mark(a, false);
    if (line == 0)
        snprintf(text, size, "%s%s%s%s %s", a->outside_rota ? "! " : "", mark, mark[0] ? " " : "",
                 hm, a->client);
    else if (line == 1)
        snprintf(text, size, "%s", a->service);
    else if (line == 2 && a->status != APPOINTMENT_BOOKED)
        snprintf(text, size, "%s", ui_outcome_mark(a, true));
    else if (line == 2)
        snprintf(text, size, "%s", confirmation_mark(a->confirmation));
    else if (line == 3 && a->outside_rota)
        snprintf(text, size, "outside the rota");
    else if (line == 3 && a->offer[0])
        snprintf(text, size, "offer %s", a->offer);
}

static void draw_cell(struct ui *ui, const struct day_state *s, WINDOW *win, int y, int x,
                      int width, const struct day_column *column, int minute, bool selected)
{
    fd_time from = time_make(s->view.day, minute), to = from + s->step;
    const struct fd_appointment *a = appointment_at(column, from, to);
    char text[256] = "";
    attr_t attr = A_NORMAL;
    if (a) {
        long line = (long)((from - a->start) / s->step);
        block_line(a, a->start >= from ? 0 : line, text, sizeof text);
        /* A booking no shift holds any more stands out: someone must ring
         * the client. */
        attr = ui_attr(ui, ui_outcome_color(a));
    } else if (time_off_at(column, from, to)) {
        const struct fd_time_off_record *off = time_off_at(column, from, to);
        if (off->off.from >= from || minute == s->grid_start + s->first_row * s->step)
            snprintf(text, sizeof text, "off: %.200s", off->reason[0] ? off->reason : "time off");
        attr = ui_attr(ui, COLOR_OFF);
    } else if (in_shift(column, minute, minute + s->step)) {
        const struct interval *gap = free_at(column, from);
        if (gap && (gap->start == from || minute == s->grid_start + s->first_row * s->step)) {
            char a_text[FD_HM_LEN], b_text[FD_HM_LEN];
            time_format_hm(time_minute(gap->start), a_text);
            time_format_hm(time_minute(gap->end), b_text);
            snprintf(text, sizeof text, "free %s-%s", a_text, b_text);
        } else if (gap) {
            snprintf(text, sizeof text, "·");
        } else if (in_buffer(column, from)) {
            snprintf(text, sizeof text, "  (buffer)");
        } else {
            /* In the shift but nothing fits: every room taken, or too
             * short a gap for the shortest service. */
            snprintf(text, sizeof text, "  (not bookable)");
        }
        attr = ui_attr(ui, COLOR_FREE);
    }
    const struct fd_appointment *late = a ? NULL : late_at(s, column, from, to);
    if (late) {
        char hm[FD_HM_LEN];
        time_format_hm(time_minute(late->start), hm);
        snprintf(text, sizeof text, "✗ %s %s: late cancel", hm, late->client);
        attr = ui_attr(ui, COLOR_NO_SHOW);
    }
    if (selected)
        attr = ui_attr(ui, COLOR_SELECTED) | A_BOLD;
    wattr_on(win, attr, NULL);
    mvwhline(win, y, x, ' ', width - 1);
    wattr_off(win, attr, NULL);
    draw_text(win, y, x + 1, text, width - 2, attr);
}

static void day_draw(struct ui *ui, void *state, WINDOW *win, int height, int width)
{
    struct day_state *s = state;
    static const char *const LONG_NAMES[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                             "Friday", "Saturday", "Sunday"};
    char title[128], date[FD_DATE_LEN];
    date_format(s->view.day, date);
    snprintf(title, sizeof title, "%s %s%s%s", LONG_NAMES[date_weekday(ui->day)], date,
             s->view.day == time_day(ui->ctx.now) ? "  (today)" : "",
             s->view.closure ? "  — the clinic is closed" : "");
    draw_text(win, 0, 1, title, width - 2, A_BOLD);
    if (!s->loaded) {
        draw_text(win, 2, 1, s->error, width - 2, ui_attr(ui, COLOR_ERROR));
        return;
    }
    if (s->view.count == 0) {
        draw_text(win, 2, 1, "Nobody is on shift and nothing is booked this day.", width - 2,
                  A_NORMAL);
        draw_text(win, 3, 1, "←/→ moves to another day.", width - 2, A_DIM);
        return;
    }
    int available = width - TIME_GUTTER;
    int visible = available / MIN_COLUMN_WIDTH;
    if (visible < 1)
        visible = 1;
    if (visible > (int)s->view.count)
        visible = (int)s->view.count;
    int column_width = available / visible;
    if (s->column < s->first_column)
        s->first_column = s->column;
    if (s->column >= s->first_column + visible)
        s->first_column = s->column - visible + 1;
    int rows = height - 2;
    s->page = rows > 1 ? rows : 1;
    if (s->row < s->first_row)
        s->first_row = s->row;
    if (s->row >= s->first_row + rows)
        s->first_row = s->row - rows + 1;
    /* Never scroll past the end of the day: the last rows fill the pane. */
    if (s->first_row > row_count(s) - rows)
        s->first_row = row_count(s) - rows > 0 ? row_count(s) - rows : 0;

    for (int c = 0; c < visible; c++) {
        const struct day_column *column = &s->view.columns[s->first_column + c];
        char head[FD_NAME_SIZE + FD_HANDLE_SIZE + 4];
        snprintf(head, sizeof head, "%s %s", column->therapist.handle, column->therapist.name);
        draw_text(win, 1, TIME_GUTTER + c * column_width + 1, head, column_width - 2,
                  A_BOLD | A_UNDERLINE);
    }
    if (s->first_column > 0)
        draw_text(win, 1, TIME_GUTTER - 2, "◀", 1, A_BOLD);
    if (s->first_column + visible < (int)s->view.count)
        draw_text(win, 1, width - 1, "▶", 1, A_BOLD);
    for (int r = 0; r < rows; r++) {
        int index = s->first_row + r;
        int minute = s->grid_start + index * s->step;
        if (minute >= s->grid_end)
            break;
        char hm[FD_HM_LEN];
        time_format_hm(minute, hm);
        draw_text(win, 2 + r, 0, hm, TIME_GUTTER - 1, minute % 60 == 0 ? A_BOLD : A_DIM);
        for (int c = 0; c < visible; c++) {
            int column_index = s->first_column + c;
            draw_cell(ui, s, win, 2 + r, TIME_GUTTER + c * column_width, column_width,
                      &s->view.columns[column_index], minute,
                      column_index == s->column && index == s->row);
        }
    }
}

/* The appointment under the cursor, or the late cancellation starting
 * there when the slot is free again. */
static const struct fd_appointment *selected_appointment(const struct day_state *s)
{
    if (!s->loaded || s->view.count == 0)
        return NULL;
    fd_time from = time_make(s->view.day, s->grid_start + s->row * s->step);
    const struct day_column *column = &s->view.columns[s->column];
    const struct fd_appointment *a = appointment_at(column, from, from + s->step);
    return a ? a : late_at(s, column, from, from + s->step);
}

/* The one line summary on the status line, and every detail in a box. */
static void show_details(struct ui *ui, const struct day_state *s)
{
    const struct fd_appointment *a = selected_appointment(s);
    if (!a) {
        int minute = s->grid_start + s->row * s->step;
        char hm[FD_HM_LEN];
        time_format_hm(minute, hm);
        if (s->view.count)
            ui_set_status(ui, false, "%s at %s: no appointment here.",
                          s->view.columns[s->column].therapist.handle, hm);
        return;
    }
    char from[FD_HM_LEN], to[FD_HM_LEN], price[48];
    time_format_hm(time_minute(a->start), from);
    time_format_hm(time_minute(a->end), to);
    ui_price_brief(a->price_pence, a->offer, price, sizeof price);
    /* A therapist's own view shows the client's name, never their contact
     * details. */
    char contact[FD_EMAIL_SIZE + FD_PHONE_SIZE + 8] = "";
    if (!ui->read_only)
        snprintf(contact, sizeof contact, " (%s%s%s)", a->client_email,
                 a->client_phone[0] ? ", " : "", a->client_phone);
    ui_set_status(ui, a->outside_rota, "%s#%lld %s-%s %s%s · %s · %s room %d · %s · %s · %s",
                  a->outside_rota ? "OUTSIDE THE ROTA, move or cancel it: " : "", (long long)a->id,
                  from, to, a->client, contact, a->service, a->clinic, a->room, price,
                  state_name(MACHINE_APPOINTMENT, (int)a->status),
                  confirmation_mark(a->confirmation));
    ui_appointment_show(ui, a);
}

/* Runs what the action does to the appointment under the cursor. */
static void act_on_selected(struct ui *ui, const struct day_state *s, enum action action)
{
    const struct fd_appointment *a = selected_appointment(s);
    if (!a) {
        ui_set_status(ui, true, "No appointment under the cursor: move onto one first.");
        return;
    }
    ui_appointment_act(ui, a, action);
}

/* Opens the booking form at the cursor: its therapist, its time, and the
 * clinic of the shift there (if any). */
static void book_at_cursor(struct ui *ui, const struct day_state *s)
{
    int minute = s->grid_start + s->row * s->step;
    const char *therapist = NULL, *clinic = NULL;
    if (s->view.count) {
        const struct day_column *column = &s->view.columns[s->column];
        therapist = column->therapist.handle;
        for (size_t i = 0; i < column->shift_count; i++)
            if (column->shifts[i].start <= minute && column->shifts[i].end > minute) {
                const struct fd_clinic *c =
                    config_clinic_by_id(&ui->ctx.config, column->shifts[i].clinic_id);
                clinic = c ? c->name : NULL;
            }
    }
    ui_book_form(ui, therapist, clinic, time_make(s->view.day, minute));
}

static bool day_handle(struct ui *ui, void *state, enum action action)
{
    struct day_state *s = state;
    int rows = row_count(s);
    switch (action) {
    case ACT_UP:
        s->row = s->row > 0 ? s->row - 1 : 0;
        return true;
    case ACT_DOWN:
        s->row = s->row + 1 < rows ? s->row + 1 : rows - 1;
        return true;
    case ACT_PAGE_UP:
    case ACT_PAGE_DOWN: {
        /* A page is what was drawn: the view turns it, the cursor keeps its
         * place in it (the draw keeps both inside the day). */
        int page = s->page > 0 ? s->page : 1;
        if (action == ACT_PAGE_UP)
            page = -page;
        s->row += page;
        s->first_row += page;
        if (s->row < 0)
            s->row = 0;
        if (s->row >= rows)
            s->row = rows - 1;
        if (s->first_row < 0)
            s->first_row = 0;
        return true;
    }
    case ACT_HOME:
        s->row = 0;
        return true;
    case ACT_END:
        s->row = rows - 1;
        return true;
    case ACT_PREV_COLUMN:
        s->column = s->column > 0 ? s->column - 1 : 0;
        return true;
    case ACT_NEXT_COLUMN:
        if (s->column + 1 < (int)s->view.count)
            s->column++;
        return true;
    case ACT_PREV_DAY:
    case ACT_NEXT_DAY:
    case ACT_TODAY:
        ui->day = action == ACT_TODAY ? time_day(ui->ctx.now)
                                      : ui->day + (action == ACT_NEXT_DAY ? 1 : -1);
        day_load(ui, s);
        return true;
    case ACT_SELECT:
        show_details(ui, s);
        return true;
    case ACT_CANCEL_ITEM:
    case ACT_MOVE:
    case ACT_ARRIVED:
    case ACT_COMPLETED:
    case ACT_NO_SHOW:
    case ACT_FEE:
    case ACT_NOTE:
        act_on_selected(ui, s, action);
        return true;
    case ACT_NEW:
        book_at_cursor(ui, s);
        return true;
    default:
        return false;
    }
}

static void day_free(void *state)
{
    struct day_state *s = state;
    day_view_free(&s->view);
    free(s->late);
    free(s);
}

void *pane_day_new(struct ui *ui)
{
    struct day_state *s = calloc(1, sizeof *s);
    if (s)
        s->shown = FD_DAY_NONE;
    (void)ui;
    return s;
}

const struct pane_ops PANE_DAY_OPS = {
    .title = "Day",
    .load = day_load,
    .draw = day_draw,
    .handle = day_handle,
    .free = day_free,
};
