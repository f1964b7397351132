/*
 * The Day pane: the day at a glance.  One column per therapist on shift
 * (or with appointments), one row per slot_step minutes; appointments are
 * blocks showing client, service and confirmation; free time inside a
 * shift is marked; the cursor is a (therapist, time) cell.
 */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TIME_GUTTER      6
#define MIN_COLUMN_WIDTH 16

struct day_state {
    struct day_view view;
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

static void day_load(struct ui *ui, void *state)
{
    struct day_state *s = state;
    int keep_column = s->column;
    day_view_free(&s->view);
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

static void draw_cell(struct ui *ui, const struct day_state *s, WINDOW *win, int y, int x,
                      int width, const struct day_column *column, int minute, bool selected)
{
    fd_time from = time_make(s->view.day, minute), to = from + s->step;
    const struct fd_appointment *a = appointment_at(column, from, to);
    char text[256] = "";
    attr_t attr = A_NORMAL;
    if (a) {
        long line = (long)((from - a->start) / s->step);
        char hm[FD_HM_LEN];
        time_format_hm(time_minute(a->start), hm);
        if (a->start >= from)
            line = 0;
        if (line == 0)
            snprintf(text, sizeof text, "%s%s %s", a->outside_rota ? "! " : "", hm, a->client);
        else if (line == 1)
            snprintf(text, sizeof text, "%s", a->service);
        else if (line == 2)
            snprintf(text, sizeof text, "%s", confirmation_mark(a->confirmation));
        else if (line == 3 && a->outside_rota)
            snprintf(text, sizeof text, "outside the rota");
        /* A booking no shift holds any more stands out: someone must ring
         * the client. */
        attr = ui_attr(ui, a->outside_rota ? COLOR_OFF : COLOR_APPOINTMENT);
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
        } else {
            snprintf(text, sizeof text, "  (buffer)");
        }
        attr = ui_attr(ui, COLOR_FREE);
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

static const struct fd_appointment *selected_appointment(const struct day_state *s)
{
    if (!s->loaded || s->view.count == 0)
        return NULL;
    fd_time from = time_make(s->view.day, s->grid_start + s->row * s->step);
    return appointment_at(&s->view.columns[s->column], from, from + s->step);
}

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
    char from[FD_HM_LEN], to[FD_HM_LEN], price[16];
    time_format_hm(time_minute(a->start), from);
    time_format_hm(time_minute(a->end), to);
    config_format_price(a->price_pence, price, sizeof price);
    /* A therapist's own view shows the client's name, never their contact
     * details. */
    char contact[FD_EMAIL_SIZE + FD_PHONE_SIZE + 8] = "";
    if (!ui->read_only)
        snprintf(contact, sizeof contact, " (%s%s%s)", a->client_email,
                 a->client_phone[0] ? ", " : "", a->client_phone);
    ui_set_status(ui, a->outside_rota, "%s#%lld %s-%s %s%s · %s · %s room %d · £%s · %s · %s",
                  a->outside_rota ? "OUTSIDE THE ROTA, move or cancel it: " : "", (long long)a->id,
                  from, to, a->client, contact, a->service, a->clinic, a->room, price,
                  state_name(MACHINE_APPOINTMENT, (int)a->status),
                  confirmation_mark(a->confirmation));
}

static void cancel_selected(struct ui *ui, struct day_state *s)
{
    const struct fd_appointment *a = selected_appointment(s);
    if (!a) {
        ui_set_status(ui, true, "No appointment under the cursor to cancel.");
        return;
    }
    char question[256], hm[FD_HM_LEN];
    time_format_hm(time_minute(a->start), hm);
    snprintf(question, sizeof question,
             "Cancel #%lld, %s at %s with %s? (y/n) y: the client cancelled, k: the clinic "
             "cancels",
             (long long)a->id, a->client, hm, a->therapist);
    int answer = ui_choose(ui, question, "yYkK");
    if (answer < 0) {
        ui_set_status(ui, false, "Not cancelled.");
        return;
    }
    struct cancellation cancellation = {answer >= 2 ? CANCELLED_BY_CLINIC : CANCELLED_BY_CLIENT,
                                        NULL};
    struct fd_error err = {0};
    int64_t id = a->id;
    struct fd_appointment cancelled;
    ui_tick_now(ui);
    if (ops_cancel(&ui->ctx, id, &cancellation, &cancelled, &err) < 0) {
        ui_set_status(ui, true, "%s", err.message);
        return;
    }
    ui->dirty = true;
    /* SPEC §1 rule 7: name who is waiting for a slot like this one. */
    struct fd_waitlist_entry *matches = NULL;
    size_t count = 0;
    if (ops_waitlist_matches(&ui->ctx, &cancelled, &matches, &count, &err) < 0 || count == 0) {
        ui_set_status(ui, false, "Cancelled #%lld.", (long long)id);
        free(matches);
        return;
    }
    char names[192] = "";
    for (size_t i = 0; i < count && strlen(names) + 40 < sizeof names; i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s (#%lld)", i ? ", " : "",
                 matches[i].name, (long long)matches[i].id);
    ui_set_status(ui, false,
                  "Cancelled #%lld. The slot suits %zu waiting: %s. See the Waitlist (5).",
                  (long long)id, count, names);
    free(matches);
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
        cancel_selected(ui, s);
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
