/*
 * Key replay, for measuring the interface (SPEC §5: a key press redraws in
 * under 5 ms, the first frame in under 30 ms).  With FRONTDESK_REPLAY=FILE
 * the interface reads its keys from FILE (raw bytes, as a terminal would
 * send them for $TERM) and draws into /dev/null at $COLUMNS x $LINES
 * (default 80x24); it stops at the end of the file and prints the first
 * frame's time and each key's time from its arrival to the end of the
 * redraw it caused, as a small table on stderr.
 *
 * Every modal loop reads keys through ui_getch()/ui_get_wch(), which turn
 * the end of the replay into Escape so no form or prompt waits forever.
 */
#include "ui_internal.h"
#include <frontdesk/sort.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int replay_open(struct replay *replay, const char *path, struct timespec entered)
{
    memset(replay, 0, sizeof *replay);
    replay->started = (double)entered.tv_sec + (double)entered.tv_nsec / 1e9;
    replay->in = fopen(path, "r");
    replay->out = fopen("/dev/null", "w");
    const char *term = getenv("TERM");
    if (!replay->in || !replay->out)
        return -1;
    replay->screen = newterm(term && *term ? term : "xterm-256color", replay->out, replay->in);
    if (!replay->screen)
        return -1;
    set_term(replay->screen);
    replay->active = true;
    return 0;
}

void replay_key_arrived(struct replay *replay)
{
    replay->key_started = seconds_now();
}

void replay_frame_done(struct replay *replay)
{
    double now = seconds_now();
    if (!replay->first_frame) {
        replay->first_frame = now - replay->started;
        return;
    }
    if (!replay->key_started)
        return;
    if (replay->count == replay->capacity) {
        size_t wanted = replay->capacity ? replay->capacity * 2 : 256;
        double *grown = realloc(replay->times, wanted * sizeof *grown);
        if (!grown)
            return;
        replay->times = grown;
        replay->capacity = wanted;
    }
    replay->times[replay->count++] = now - replay->key_started;
    replay->key_started = 0;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void replay_close(struct replay *replay)
{
    if (!replay->active)
        return;
    endwin();
    delscreen(replay->screen);
    fclose(replay->in);
    fclose(replay->out);
    fd_sort(replay->times, replay->count, sizeof *replay->times, compare_doubles);
    fprintf(stderr, "| measure | ms |\n|---|---|\n| first frame | %.2f |\n",
            replay->first_frame * 1e3);
    if (replay->count) {
        double total = 0;
        for (size_t i = 0; i < replay->count; i++)
            total += replay->times[i];
        fprintf(stderr,
                "| keys replayed | %zu |\n| key to redraw, median | %.3f |\n"
                "| key to redraw, mean | %.3f |\n| key to redraw, 95th percentile | %.3f |\n"
                "| key to redraw, worst | %.3f |\n",
                replay->count, replay->times[replay->count / 2] * 1e3,
                total / (double)replay->count * 1e3, replay->times[replay->count * 95 / 100] * 1e3,
                replay->times[replay->count - 1] * 1e3);
    }
    free(replay->times);
    memset(replay, 0, sizeof *replay);
}

int ui_getch(struct ui *ui)
{
    int key = getch();
    if (key == ERR && ui->replay.active)
        return 27;
    return key;
}

int ui_get_wch(struct ui *ui, wint_t *ch)
{
    int kind = get_wch(ch);
    if (kind == ERR && ui->replay.active) {
        *ch = 27;
        return OK;
    }
    return kind;
}
