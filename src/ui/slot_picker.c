/*
 * The slot picker shared by the Requests and Waitlist panes: the ranked
 * free slots for the selected request or waitlist entry, a cursor moved
 * with ←/→, and booking the chosen one through ops_book().  The move form
 * lists its free times in the same words (slot_picker_describe()).
 */
#include "ui_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUGGESTIONS 8

void slot_picker_load(struct ui *ui, struct slot_picker *picker, int64_t owner,
                      slot_picker_source source)
{
    if (owner && owner == picker->owner)
        return;
    free(picker->slots);
    picker->slots = NULL;
    picker->count = 0;
    picker->selected = 0;
    picker->error[0] = '\0';
    picker->owner = owner;
    struct fd_error err = {0};
    if (owner && source(&ui->ctx, owner, SUGGESTIONS, &picker->slots, &picker->count, &err) < 0)
        snprintf(picker->error, sizeof picker->error, "%s", err.message);
}

void slot_picker_invalidate(struct slot_picker *picker)
{
    picker->owner = -1;
}

void slot_picker_describe(struct ui *ui, const struct slot *slot, char *out, size_t size)
{
    char date[FD_DATE_LEN], a[FD_HM_LEN], b[FD_HM_LEN];
    date_format(time_day(slot->start), date);
    time_format_hm(time_minute(slot->start), a);
    time_format_hm(time_minute(slot->end), b);
    const struct fd_clinic *clinic = config_clinic_by_id(&ui->ctx.config, slot->clinic_id);
    snprintf(out, size, "%s %s %s-%s  %-8s %s%s",
             date_weekday_name(date_weekday(time_day(slot->start))), date + 5, a, b,
             ui_therapist_handle(ui, slot->therapist_id), clinic ? clinic->name : "?",
             slot->in_preferred ? "  ★ preferred" : "");
}

int slot_picker_draw(struct ui *ui, const struct slot_picker *picker, WINDOW *win, int y, int left,
                     int bottom, int width, const char *heading, const char *empty)
{
    draw_text(win, y++, left, heading, width, A_BOLD);
    if (picker->error[0])
        draw_text(win, y++, left, picker->error, width, ui_attr(ui, COLOR_ERROR));
    else if (picker->count == 0)
        draw_text(win, y++, left, empty, width, A_DIM);
    for (size_t i = 0; i < picker->count && y < bottom; i++) {
        bool chosen = (int)i == picker->selected;
        char line[256], slot[240];
        slot_picker_describe(ui, &picker->slots[i], slot, sizeof slot);
        snprintf(line, sizeof line, "%s %s", chosen ? "▸" : " ", slot);
        draw_text(win, y++, left, line, width,
                  chosen ? ui_attr(ui, COLOR_SELECTED) | A_BOLD : A_NORMAL);
    }
    return y;
}

bool slot_picker_handle(struct slot_picker *picker, enum action action)
{
    if (action == ACT_PREV_ITEM && picker->selected > 0)
        picker->selected--;
    else if (action == ACT_NEXT_ITEM && picker->selected + 1 < (int)picker->count)
        picker->selected++;
    return action == ACT_PREV_ITEM || action == ACT_NEXT_ITEM;
}

void slot_picker_book(struct ui *ui, const struct slot_picker *picker, struct booking booking)
{
    if (picker->count == 0) {
        ui_set_status(ui, true, "No free slot to book.");
        return;
    }
    const struct slot *slot = &picker->slots[picker->selected];
    booking.therapist_id = slot->therapist_id;
    booking.clinic = config_clinic_by_id(&ui->ctx.config, slot->clinic_id);
    booking.start = slot->start;
    struct fd_appointment appointment;
    struct fd_error err = {0};
    ui_tick_now(ui);
    /* Either way the data changed or the slot was taken: suggest again. */
    ui->dirty = true;
    if (ops_book(&ui->ctx, &booking, &appointment, NULL, &err) < 0) {
        ui_set_status(ui, true, "%s", err.message);
        return;
    }
    char when[FD_DATETIME_LEN];
    datetime_format(appointment.start, when);
    ui_set_status(ui, false, "Booked #%lld: %s, %s with %s at %s. Confirmation is unsent.",
                  (long long)appointment.id, appointment.client, when, appointment.therapist,
                  appointment.clinic);
    ui->day = time_day(appointment.start);
}

void slot_picker_free(struct slot_picker *picker)
{
    free(picker->slots);
    memset(picker, 0, sizeof *picker);
}
