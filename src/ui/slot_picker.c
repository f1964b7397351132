/*
 * The slot picker shared by the Requests and Waitlist panes: the ranked
 * free slots for the selected request or waitlist entry, a cursor moved
 * with ←/→, and booking the chosen one through ops_book().  Under the
 * slots, the price the chosen one would be booked at, with any offer the
 * client qualifies for (ops_booking_price()); when there is one, booking
 * asks whether the client takes it.  The move form lists its free times
 * in the same words (slot_picker_describe()).
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
    picker->priced = -1;
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

/* booking at the chosen slot: its therapist, clinic and time. */
static void at_chosen(struct ui *ui, const struct slot_picker *picker, struct booking *booking)
{
    const struct slot *slot = &picker->slots[picker->selected];
    booking->therapist_id = slot->therapist_id;
    booking->clinic = config_clinic_by_id(&ui->ctx.config, slot->clinic_id);
    booking->start = slot->start;
}

/* The chosen slot's price, worked out when the choice has changed. */
static const char *chosen_price(struct ui *ui, struct slot_picker *picker, struct booking booking)
{
    if (picker->count == 0)
        return "";
    if (picker->priced == picker->selected)
        return picker->price;
    at_chosen(ui, picker, &booking);
    struct price_quote quote;
    struct fd_error err = {0};
    char price[FD_NAME_SIZE + 64];
    if (ops_booking_price(&ui->ctx, &booking, &quote, &err) < 0) {
        snprintf(picker->price, sizeof picker->price, "Price: %s", err.message);
    } else {
        ui_price_describe(quote.price_pence, quote.list_price_pence, quote.offer, price,
                          sizeof price);
        snprintf(picker->price, sizeof picker->price, "Price %s", price);
    }
    picker->priced = picker->selected;
    return picker->price;
}

int slot_picker_draw(struct ui *ui, struct slot_picker *picker, struct booking booking, WINDOW *win,
                     int y, int left, int bottom, int width, const char *heading, const char *empty)
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
    if (!picker->count)
        return y;
    /* A long offer's name breaks the line rather than being cut. */
    char price[sizeof picker->price];
    snprintf(price, sizeof price, "%s", chosen_price(ui, picker, booking));
    ui_text_wrap(price, width > 8 ? width : 8);
    for (char *line = price; line && y < bottom;) {
        char *next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        draw_text(win, y++, left, line, width, A_BOLD);
        line = next;
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
    at_chosen(ui, picker, &booking);
    struct fd_error err = {0};
    struct price_quote quote;
    ui_tick_now(ui);
    if (ops_booking_price(&ui->ctx, &booking, &quote, &err) == 0 && quote.offer[0]) {
        char price[FD_NAME_SIZE + 64], question[FD_NAME_SIZE + 160];
        ui_price_describe(quote.price_pence, quote.list_price_pence, quote.offer, price,
                          sizeof price);
        snprintf(question, sizeof question,
                 "Book at %s? y: with the offer, n: at the list price, Esc: not booked", price);
        int answer = ui_choose(ui, question, "yYnN");
        if (answer < 0) {
            ui_set_status(ui, false, "Nothing booked.");
            return;
        }
        booking.no_offer = answer >= 2;
    }
    struct fd_appointment appointment;
    ui_tick_now(ui);
    /* Either way the data changed or the slot was taken: suggest again. */
    ui->dirty = true;
    if (ops_book(&ui->ctx, &booking, &appointment, NULL, &err) < 0) {
        ui_set_status(ui, true, "%s", err.message);
        return;
    }
    char when[FD_DATETIME_LEN], price[48];
    datetime_format(appointment.start, when);
    ui_price_brief(appointment.price_pence, appointment.offer, price, sizeof price);
    ui_set_status(ui, false, "Booked #%lld: %s, %s with %s at %s, %s. Confirmation is unsent.",
                  (long long)appointment.id, appointment.client, when, appointment.therapist,
                  appointment.clinic, price);
    ui->day = time_day(appointment.start);
}

void slot_picker_free(struct slot_picker *picker)
{
    free(picker->slots);
    memset(picker, 0, sizeof *picker);
}
