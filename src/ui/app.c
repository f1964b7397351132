/*
 * The interface's main loop: screen set-up, header, tabs, status line,
 * footer, and dispatch of actions to the current pane.
 *
 * The loop wakes at least four times a second without a key press, to
 * notice changes another desk made (SQLite's data_version moves when
 * another connection commits) and to move the clock; panes reload only
 * when the data changed, so an idle desk costs almost nothing.
 */
#include "ui.h"
#include "ui_internal.h"

#include <frontdesk/outbox.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TICK_MS 250

static void setup_colors(struct ui *ui)
{
    const char *no_color = getenv("NO_COLOR");
    ui->color = has_colors() && !(no_color && *no_color);
    if (!ui->color)
        return;
    start_color();
    use_default_colors();
    init_pair(COLOR_HEADER, COLOR_WHITE, COLOR_BLUE);
    init_pair(COLOR_SELECTED, COLOR_BLACK, COLOR_CYAN);
    init_pair(COLOR_APPOINTMENT, COLOR_BLACK, COLOR_GREEN);
    init_pair(COLOR_FREE, COLOR_GREEN, -1);
    init_pair(COLOR_OVERDUE, COLOR_RED, -1);
    init_pair(COLOR_DUE_TODAY, COLOR_YELLOW, -1);
    init_pair(COLOR_CLINIC_A, COLOR_BLACK, COLOR_CYAN);
    init_pair(COLOR_CLINIC_B, COLOR_BLACK, COLOR_MAGENTA);
    init_pair(COLOR_OFF, COLOR_WHITE, COLOR_RED);
    init_pair(COLOR_ERROR, COLOR_RED, -1);
    init_pair(COLOR_OK, COLOR_GREEN, -1);
    init_pair(COLOR_ARRIVED, COLOR_BLACK, COLOR_YELLOW);
    init_pair(COLOR_COMPLETED, COLOR_BLACK, COLOR_WHITE);
    init_pair(COLOR_NO_SHOW, COLOR_RED, -1);
}

bool ui_send_progress(void *data, size_t done, size_t total)
{
    struct ui *ui = data;
    ui_set_status(ui, false, "Sending %zu of %zu… Esc stops after this one.",
                  done + 1 <= total ? done + 1 : total, total);
    ui_draw_screen(ui);
    doupdate();
    if (ui->replay.active)
        return true;
    /* Keys are read while the messages go: Esc stops the run, anything
     * else waits until it is over. */
    timeout(0);
    int key = getch();
    timeout(TICK_MS);
    return key != 27;
}

/* Another desk holds the lock: say so at once, not after a silent wait. */
static void ui_waiting(void *data)
{
    struct ui *ui = data;
    ui_set_status(ui, false, "Waiting for another desk…");
    ui_draw_screen(ui);
    doupdate();
}

void ui_tick_now(struct ui *ui)
{
    ops_tick(&ui->ctx);
}

/* Whether the connection was lost or came back since the last look. */
static bool connection_changed(struct ui *ui)
{
    bool lost = !ops_connected(&ui->ctx);
    if (lost == ui->connection_lost)
        return false;
    ui->connection_lost = lost;
    return true;
}

bool ui_watch_connection(struct ui *ui)
{
    (void)ops_change_token(&ui->ctx);
    return connection_changed(ui);
}

static void load_counts(struct ui *ui)
{
    struct fd_error err = {0};
    ops_counts(&ui->ctx, &ui->counts, &err);
}

const char *ui_therapist_handle(struct ui *ui, int64_t id)
{
    return ops_therapist_handle(ui->therapists, ui->therapist_count, id);
}

static void reload(struct ui *ui)
{
    load_counts(ui);
    struct fd_error err = {0};
    free(ui->therapists);
    ui->therapists = NULL;
    ui->therapist_count = 0;
    ops_therapist_list(&ui->ctx, &ui->therapists, &ui->therapist_count, &err);
    for (int p = 0; p < PANE_COUNT; p++)
        if (ui->panes[p].ops && ui->panes[p].ops->load)
            ui->panes[p].ops->load(ui, ui->panes[p].state);
}

/* The header: the counts are what a receptionist glances at, so they get
 * their room first, then the date and time, and the clinic name whatever
 * is left. */
static void draw_header(struct ui *ui, int width)
{
    char now[FD_DATETIME_LEN], when[96], counts[96];
    datetime_format(ui->ctx.now, now);
    attr_t header = ui_attr(ui, COLOR_HEADER);
    move(0, 0);
    attron(header);
    for (int x = 0; x < width; x++)
        addch(' ');
    attroff(header);
    /* A server that is away is said first: the counts are as last read. */
    int used = snprintf(counts, sizeof counts, "%spending %d  overdue %d  unsent %d ",
                        ui->connection_lost ? "reconnecting…  " : "", ui->counts.pending,
                        ui->counts.overdue, ui->counts.unsent);
    /* The contact messages waiting, where the desk has an Inbox. */
    if (ui->has_inbox && used > 0 && (size_t)used < sizeof counts)
        snprintf(counts + used, sizeof counts - (size_t)used, " inbox %d ", ui->counts.messages);
    snprintf(when, sizeof when, "%s %s%s%s", date_weekday_name(date_weekday(time_day(ui->ctx.now))),
             now, ui->read_only ? "  read-only: " : "", ui->read_only ? ui->therapist : "");
    int counts_width = text_columns(counts), when_width = text_columns(when);
    int counts_x = width - counts_width;
    if (counts_x < 1)
        counts_x = 1;
    draw_text(stdscr, 0, counts_x, counts, width - counts_x, header | A_BOLD);
    int when_x = counts_x - when_width - 2;
    if (when_x < 1)
        return;
    draw_text(stdscr, 0, when_x, when, when_width, header);
    /* A desk at one site says which first, so two desks side by side are
     * told apart however narrow the terminal. */
    char name[160];
    if (ui->ctx.config.site)
        snprintf(name, sizeof name, "%s · %s", ui->ctx.config.site, ui->ctx.config.clinic_name);
    else
        snprintf(name, sizeof name, "%s", ui->ctx.config.clinic_name);
    draw_text(stdscr, 0, 1, name, when_x - 3, header | A_BOLD);
}

static void draw_tabs(struct ui *ui, int width)
{
    move(1, 0);
    clrtoeol();
    int x = 0;
    for (int p = 0; p < PANE_COUNT && x < width; p++) {
        if (!ui->panes[p].ops)
            continue;
        char tab[48];
        snprintf(tab, sizeof tab, " %d %s ", p + 1, ui->panes[p].ops->title);
        x += draw_text(stdscr, 1, x, tab, width - x,
                       p == (int)ui->current ? ui_attr(ui, COLOR_SELECTED) | A_BOLD : A_NORMAL);
    }
}

static void draw_footer(struct ui *ui, int rows, int width)
{
    move(rows - 2, 0);
    clrtoeol();
    if (ui->status[0])
        draw_text(stdscr, rows - 2, 0, ui->status, width,
                  ui->status_is_error ? ui_attr(ui, COLOR_ERROR) | A_BOLD : ui_attr(ui, COLOR_OK));
    move(rows - 1, 0);
    clrtoeol();
    keys_draw_footer(ui, stdscr, rows - 1, width);
}

static void draw_too_small(int rows, int columns)
{
    erase();
    char message[96];
    snprintf(message, sizeof message, "Terminal too small: %dx%d, need %dx%d", columns, rows,
             UI_MIN_COLUMNS, UI_MIN_ROWS);
    int y = rows / 2, width = text_columns(message);
    int x = width < columns ? (columns - width) / 2 : 0;
    draw_text(stdscr, y < rows ? y : 0, x, message, columns - x, A_BOLD);
    wnoutrefresh(stdscr);
}

bool ui_draw_screen(struct ui *ui)
{
    int rows, columns;
    getmaxyx(stdscr, rows, columns);
    if (rows < UI_MIN_ROWS || columns < UI_MIN_COLUMNS) {
        draw_too_small(rows, columns);
        return false;
    }
    erase();
    draw_header(ui, columns);
    draw_tabs(ui, columns);
    WINDOW *pane = derwin(stdscr, rows - 4, columns, 2, 0);
    if (pane) {
        ui->panes[ui->current].ops->draw(ui, ui->panes[ui->current].state, pane, rows - 4, columns);
        delwin(pane);
    }
    draw_footer(ui, rows, columns);
    wnoutrefresh(stdscr);
    return true;
}

static void switch_pane(struct ui *ui, int step, int target)
{
    if (target >= 0) {
        if (target < PANE_COUNT && ui->panes[target].ops)
            ui->current = (enum pane_id)target;
        return;
    }
    int p = (int)ui->current;
    do
        p = (p + step + PANE_COUNT) % PANE_COUNT;
    while (!ui->panes[p].ops);
    ui->current = (enum pane_id)p;
}

/* u: the latest change made at this desk, put back.  The question names
 * nothing: which change is latest is the operation's to find, and it
 * says what it undid, or why it will not. */
static void undo_latest(struct ui *ui)
{
    if (!ui_confirm(ui, "Undo the latest change made at this desk? (y/n)")) {
        ui_set_status(ui, false, "Nothing undone.");
        return;
    }
    struct undo_result result;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_undo(&ui->ctx, &result, &err) < 0) {
        ui_set_status(ui, true, "%s", err.message);
        /* A refusal names the change and what changed since: when the
         * status line cannot hold it, a box shows it whole. */
        if (text_columns(err.message) > getmaxx(stdscr)) {
            ui_text_wrap(err.message, 72);
            ui_show_text(ui, "Nothing undone", err.message);
        }
        return;
    }
    ui->dirty = true;
    char when[FD_DATETIME_LEN], corrections[128] = "";
    datetime_format(result.undone.at, when);
    if (result.corrections)
        snprintf(corrections, sizeof corrections,
                 " A message about it had gone out: %zu correction%s queued (Outbox 4).",
                 result.corrections, result.corrections == 1 ? "" : "s");
    ui_set_status(ui, false, "Undid %s (%s, %s).%s", result.undone.summary, result.undone.who, when,
                  corrections);
}

static void handle_action(struct ui *ui, enum action action)
{
    /* The one place the read-only view refuses a change: the key table
     * says which actions change data. */
    if (ui->read_only && keys_changes_data(action, ui->current)) {
        ui_set_status(ui, true, "Read-only view: nothing can be changed here.");
        return;
    }
    switch (action) {
    case ACT_QUIT:
        ui->running = false;
        return;
    case ACT_NEXT_PANE:
        switch_pane(ui, 1, -1);
        return;
    case ACT_PREV_PANE:
        switch_pane(ui, -1, -1);
        return;
    case ACT_PANE_1:
    case ACT_PANE_2:
    case ACT_PANE_3:
    case ACT_PANE_4:
    case ACT_PANE_5:
    case ACT_PANE_6:
    case ACT_PANE_7:
    case ACT_PANE_8:
        switch_pane(ui, 0, action - ACT_PANE_1);
        return;
    case ACT_UNDO:
        undo_latest(ui);
        return;
    case ACT_FIND:
        ui_find_client(ui);
        return;
    case ACT_HELP:
        keys_show_help(ui);
        return;
    default:
        break;
    }
    struct pane *pane = &ui->panes[ui->current];
    if (action != ACT_NONE && !pane->ops->handle(ui, pane->state, action))
        ui_set_status(ui, false, "That key does nothing here; ? lists the keys.");
}

static int open_context(struct ui *ui, const struct fd_open_options *options, const char *therapist,
                        struct fd_error *err)
{
    int rc = ops_open(&ui->ctx, options, err);
    if (rc < 0)
        return rc;
    if (therapist) {
        struct fd_therapist found;
        rc = ops_therapist_find(&ui->ctx, therapist, &found, err);
        if (rc < 0)
            ops_close(&ui->ctx);
        ui->therapist_id = found.id;
    }
    return rc;
}

int ui_main(const struct fd_open_options *open_options, const char *therapist, struct fd_error *err)
{
    struct timespec entered; /* the first frame is timed from here */
    clock_gettime(CLOCK_MONOTONIC, &entered);
    struct ui ui = {
        .running = true,
        .therapist = therapist,
        .read_only = therapist != NULL,
    };
    /* Config, database and --therapist are checked first, so that their
     * errors read the same with or without a terminal. */
    struct fd_open_options options = *open_options;
    options.read_only = options.read_only || therapist != NULL;
    int rc = open_context(&ui, &options, therapist, err);
    if (rc < 0)
        return rc;
    const char *replay = getenv("FRONTDESK_REPLAY");
    if (replay && *replay) {
        if (replay_open(&ui.replay, replay, entered) < 0) {
            ops_close(&ui.ctx);
            return fd_fail(err, FD_ERR_NOINPUT, "FRONTDESK_REPLAY: cannot replay %s", replay);
        }
    } else if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        ops_close(&ui.ctx);
        return fd_fail(err, FD_ERR_USAGE,
                       "the interface needs a terminal; for scripts use a "
                       "command (see frontdesk --help)");
    }
    ui.day = time_day(ui.ctx.now);
    ui.data_version = ops_change_token(&ui.ctx);
    ui.ctx.waiting = ui_waiting;
    ui.ctx.waiting_data = &ui;

    if (!ui.replay.active)
        initscr();
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    timeout(ui.replay.active ? 0 : TICK_MS);
    setup_colors(&ui);

    ui.panes[PANE_DAY] = (struct pane){&PANE_DAY_OPS, pane_day_new(&ui)};
    ui.panes[PANE_ROTA] = (struct pane){&PANE_ROTA_OPS, pane_rota_new(&ui)};
    if (!ui.read_only) {
        /* A therapist's own view is their day and week; the desk's queues
         * are not theirs to work. */
        ui.panes[PANE_REQUESTS] = (struct pane){&PANE_REQUESTS_OPS, pane_requests_new(&ui)};
        ui.panes[PANE_OUTBOX] = (struct pane){&PANE_OUTBOX_OPS, pane_outbox_new(&ui)};
        ui.panes[PANE_WAITLIST] = (struct pane){&PANE_WAITLIST_OPS, pane_waitlist_new(&ui)};
        ui.panes[PANE_ATTENTION] = (struct pane){&PANE_ATTENTION_OPS, pane_attention_new(&ui)};
        /* Subscribers are clients' addresses: the desk's, not a therapist's. */
        ui.panes[PANE_LISTS] = (struct pane){&PANE_LISTS_OPS, pane_lists_new(&ui)};
        /* Contact messages hold clients' addresses and numbers too. */
        ui.panes[PANE_INBOX] = (struct pane){&PANE_INBOX_OPS, pane_inbox_new(&ui)};
        ui.has_inbox = true;
    }
    for (int p = 0; p < PANE_COUNT; p++)
        if (ui.panes[p].ops && !ui.panes[p].state) {
            endwin();
            ops_close(&ui.ctx);
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        }
    reload(&ui);
    if (ui.read_only)
        ui_set_status(&ui, false, "Read-only view of %s's day: nothing here can be changed.",
                      ui.therapist);

    while (ui.running) {
        ui_draw_screen(&ui);
        doupdate();
        if (ui.replay.active)
            replay_frame_done(&ui.replay);
        int key = getch();
        if (key == ERR && ui.replay.active)
            break; /* the replay is over */
        if (ui.replay.active)
            replay_key_arrived(&ui.replay);
        if (key == ERR) {
            fd_time before = ui.ctx.now;
            ops_tick(&ui.ctx);
            int64_t version = ops_change_token(&ui.ctx);
            connection_changed(&ui);
            if (version != ui.data_version || time_day(before) != time_day(ui.ctx.now)) {
                ui.data_version = version;
                reload(&ui);
            } else if (before != ui.ctx.now) {
                load_counts(&ui);
            }
            continue;
        }
        if (key == KEY_RESIZE)
            continue;
        ui.status[0] = '\0';
        handle_action(&ui, keys_action(key, ui.current));
        /* data_version moves only for other connections' commits: a pane
         * that changed something itself says so with `dirty`. */
        if (ui.dirty) {
            ui.dirty = false;
            reload(&ui);
        }
    }
    if (ui.replay.active)
        replay_close(&ui.replay);
    else
        endwin();
    for (int p = 0; p < PANE_COUNT; p++)
        if (ui.panes[p].ops && ui.panes[p].ops->free)
            ui.panes[p].ops->free(ui.panes[p].state);
    free(ui.therapists);
    ops_close(&ui.ctx);
    return 0;
}
