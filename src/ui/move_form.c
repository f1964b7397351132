/*
 * Moving an appointment ("can I move Thursday to Friday?"), opened with m
 * on the Day pane.  A form whose first field lists the free times ranked
 * for the appointment's client and service (ops_appointment_suggest(), as
 * `frontdesk appointment suggest`): picking one with ←/→ fills the time
 * and therapist below, which may also be typed.  Enter calls ops_move(),
 * the same operation as `frontdesk move`, so every check and message is
 * the command line's.  A refusal keeps the form open with everything
 * typed, says why in one line, and puts the nearest free times into the
 * list, to pick one instead.
 */
#include "ui_internal.h"

#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MOVE_SUGGESTIONS 6

enum { F_SLOT, F_AT, F_THERAPIST, F_FORCE, F_COUNT };

static const char *const YES_NO[] = {"no", "yes"};

struct move_data {
    struct fd_appointment appointment;
    struct ui_choices choices;
    struct slot slots[MOVE_SUGGESTIONS]; /* what the list offers */
    size_t count;
    char labels[MOVE_SUGGESTIONS][240];
    const char *list[MOVE_SUGGESTIONS];
};

static void offer_slots(struct ui *ui, struct move_data *data, const struct slot *slots,
                        size_t count)
{
    data->count = count < MOVE_SUGGESTIONS ? count : MOVE_SUGGESTIONS;
    for (size_t i = 0; i < data->count; i++) {
        data->slots[i] = slots[i];
        slot_picker_describe(ui, &slots[i], data->labels[i], sizeof data->labels[i]);
        data->list[i] = data->labels[i];
    }
}

/* The slot the list has chosen, or NULL when it marks none. */
static const struct slot *chosen_slot(const struct move_data *data, const struct form_field *list)
{
    int i = form_choice_index(list);
    if (data->count == 0 || strcmp(list->value, data->list[i]) != 0)
        return NULL;
    return &data->slots[i];
}

/* A free time picked fills the time and the therapist to move to. */
static void slot_changed(struct ui *ui, struct form *form, int index)
{
    struct move_data *data = form->data;
    const struct slot *slot = chosen_slot(data, &form->fields[F_SLOT]);
    if (index != F_SLOT || !slot)
        return;
    datetime_format(slot->start, form->fields[F_AT].value);
    text_copy(form->fields[F_THERAPIST].value, FORM_VALUE_SIZE,
              ui_therapist_handle(ui, slot->therapist_id));
}

/* "thu 11-26 09:00 prim → 11:00 prim": the day again only if it changed. */
static void say_moved(struct ui *ui, const struct fd_appointment *before,
                      const struct fd_appointment *after)
{
    char from[FD_DATETIME_LEN], to[FD_DATETIME_LEN], names[160], waiting[224] = "";
    datetime_format(before->start, from);
    datetime_format(after->start, to);
    bool same_day = time_day(before->start) == time_day(after->start);
    /* SPEC §1 rule 7: the time it left may suit someone waiting. */
    size_t count = ui_waitlist_names(ui, before, 1, names, sizeof names);
    if (count)
        snprintf(waiting, sizeof waiting, " It suits %zu waiting: %s.", count, names);
    ui_set_status(
        ui, false, "Moved #%lld %s: %s %s %s → %s%s%s %s.%s%s", (long long)after->id, after->client,
        date_weekday_name(date_weekday(time_day(before->start))), from + 5, before->therapist,
        same_day ? "" : date_weekday_name(date_weekday(time_day(after->start))),
        same_day ? "" : " ", same_day ? to + 11 : to + 5, after->therapist,
        before->confirmation != CONFIRMATION_UNSENT ? " A change message is due." : "", waiting);
}

static bool submit_move(struct ui *ui, struct form *form, void *opaque, char *message, size_t size)
{
    struct move_data *data = opaque;
    struct form_field *f = form->fields;
    struct move move = {.appointment_id = data->appointment.id,
                        .therapist_id = ops_therapist_id(data->choices.therapist_rows,
                                                         data->choices.therapist_row_count,
                                                         f[F_THERAPIST].value),
                        .force = form_choice_index(&f[F_FORCE]) == 1};
    datetime_parse(f[F_AT].value, &move.start);
    /* The free time picked, unchanged, says its clinic too; a time typed
     * goes where the therapist's shift is. */
    const struct slot *slot = chosen_slot(data, &f[F_SLOT]);
    if (slot && slot->start == move.start && slot->therapist_id == move.therapist_id)
        move.clinic = config_clinic_by_id(&ui->ctx.config, slot->clinic_id);
    struct fd_appointment before, after;
    struct booking_refusal refusal;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_move(&ui->ctx, &move, &before, &after, &refusal, &err) < 0) {
        snprintf(message, size, "%s", err.message);
        if (refusal.about_time && refusal.alternative_count) {
            offer_slots(ui, data, refusal.alternatives, refusal.alternative_count);
            f[F_SLOT].label = "Nearest free";
            f[F_SLOT].choice_count = (int)data->count;
            f[F_SLOT].value[0] = '\0'; /* none picked: the time typed stays */
        }
        return false;
    }
    ui->dirty = true;
    ui->day = time_day(after.start);
    ui->follow_appointment = after.id;
    say_moved(ui, &before, &after);
    return true;
}

void ui_appointment_move(struct ui *ui, const struct fd_appointment *shown)
{
    struct move_data *data = calloc(1, sizeof *data);
    if (!data) {
        ui_set_status(ui, true, "out of memory");
        return;
    }
    data->appointment = *shown;
    const struct fd_appointment *a = &data->appointment;
    if (!appointment_is_open(a->status)) {
        ui_set_status(ui, true, "#%lld is %s: only a booked appointment can move.",
                      (long long)a->id, state_name(MACHINE_APPOINTMENT, (int)a->status));
        free(data);
        return;
    }
    struct slot *slots = NULL;
    size_t count = 0;
    struct fd_error err = {0};
    if (ops_appointment_suggest(&ui->ctx, a->id, MOVE_SUGGESTIONS + 1, &slots, &count, &err) < 0)
        count = 0;
    /* Its own time is free as far as the suggestions know: not a move. */
    size_t kept = 0;
    for (size_t i = 0; i < count; i++)
        if (slots[i].start != a->start || slots[i].therapist_id != a->therapist_id)
            slots[kept++] = slots[i];
    offer_slots(ui, data, slots, kept);
    free(slots);
    ui_choices_load(ui, &data->choices, false);
    struct form_field fields[F_COUNT] = {
        [F_SLOT] = {.label = "Free times",
                    .choices = data->list,
                    .choice_count = (int)data->count,
                    .rows = MOVE_SUGGESTIONS,
                    .hint = "no free time found for this client: type one below"},
        [F_AT] = {.label = "Move to",
                  .check = form_check_datetime,
                  .hint = "YYYY-MM-DD HH:MM, or pick a free time above with ←/→"},
        [F_THERAPIST] = {.label = "Therapist",
                         .choices = data->choices.therapists,
                         .choice_count = data->choices.therapist_count},
        [F_FORCE] = {.label = "Outside the rota",
                     .choices = YES_NO,
                     .choice_count = 2,
                     .hint = "yes overrides the rota check (audited)"},
    };
    datetime_format(a->start, fields[F_AT].value);
    text_copy(fields[F_THERAPIST].value, FORM_VALUE_SIZE, a->therapist);
    text_copy(fields[F_FORCE].value, FORM_VALUE_SIZE, "no");
    if (data->count)
        text_copy(fields[F_SLOT].value, FORM_VALUE_SIZE, data->list[0]);
    char title[FD_NAME_SIZE + FD_SERVICE_SIZE + FD_HANDLE_SIZE + 64], from[FD_DATETIME_LEN];
    datetime_format(a->start, from);
    snprintf(title, sizeof title, "Move #%lld %s, %s (%s with %s)", (long long)a->id, a->client,
             a->service, from, a->therapist);
    struct form form = {.title = title,
                        .fields = fields,
                        .count = F_COUNT,
                        .submit = submit_move,
                        .data = data,
                        .changed = slot_changed};
    slot_changed(ui, &form, F_SLOT);
    if (!form_run(ui, &form))
        ui_set_status(ui, false, "Not moved: #%lld is still at %s.", (long long)a->id, from);
    ui_choices_free(&data->choices);
    free(data);
}
