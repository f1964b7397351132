/*
 * The new-booking form, opened from the Day pane at the cursor (therapist
 * and time filled in).  Submitting calls ops_book(), the same operation as
 * `frontdesk book`, so every rule and every message is the command line's.
 */
#include "ui_internal.h"

#include <frontdesk/text.h>

#include <stdio.h>
#include <string.h>

enum { F_NAME, F_EMAIL, F_PHONE, F_SERVICE, F_THERAPIST, F_AT, F_FORCE, F_COUNT };

static const char *const YES_NO[] = {"no", "yes"};

static bool submit_booking(struct ui *ui, struct form *form, void *data, char *message, size_t size)
{
    const struct ui_choices *choices = data;
    struct form_field *f = form->fields;
    struct booking booking = {.name = f[F_NAME].value,
                              .email = f[F_EMAIL].value,
                              .phone = f[F_PHONE].value,
                              .service = config_find_service(&ui->ctx.config, f[F_SERVICE].value),
                              .therapist_id = ops_therapist_id(choices->therapist_rows,
                                                               choices->therapist_row_count,
                                                               f[F_THERAPIST].value),
                              .force = strcmp(f[F_FORCE].value, "yes") == 0};
    datetime_parse(f[F_AT].value, &booking.start);
    struct fd_appointment appointment;
    struct fd_error err = {0};
    ui_tick_now(ui);
    if (ops_book(&ui->ctx, &booking, &appointment, NULL, &err) < 0) {
        snprintf(message, size, "%s", err.message);
        return false;
    }
    char hm[FD_HM_LEN];
    time_format_hm(time_minute(appointment.start), hm);
    ui_set_status(ui, false, "Booked #%lld: %s at %s with %s, %s (room %d).",
                  (long long)appointment.id, appointment.client, hm, appointment.therapist,
                  appointment.clinic, appointment.room);
    ui->dirty = true;
    return true;
}

void ui_book_form(struct ui *ui, const char *therapist, const char *clinic, fd_time start)
{
    struct ui_choices choices;
    ui_choices_load(ui, &choices, false);
    /* Offer the services of the clinic at the cursor first. */
    const char *offered[64];
    int offered_count = 0;
    for (size_t i = 0; i < ui->ctx.config.service_count && offered_count < 64; i++)
        if (!clinic || config_service_offered_at(&ui->ctx.config.services[i], clinic))
            offered[offered_count++] = ui->ctx.config.services[i].name;
    if (offered_count == 0)
        for (int i = 0; i < choices.service_count && i < 64; i++)
            offered[offered_count++] = choices.services[i];
    struct form_field fields[F_COUNT] = {
        [F_NAME] = {FORM_CLIENT_NAME},
        [F_EMAIL] = {FORM_EMAIL},
        [F_PHONE] = {FORM_PHONE},
        [F_SERVICE] = {.label = "Service", .choices = offered, .choice_count = offered_count},
        [F_THERAPIST] = {.label = "Therapist",
                         .choices = choices.therapists,
                         .choice_count = choices.therapist_count},
        [F_AT] = {.label = "At", .check = form_check_datetime, .hint = "YYYY-MM-DD HH:MM"},
        [F_FORCE] = {.label = "Outside the rota",
                     .choices = YES_NO,
                     .choice_count = 2,
                     .hint = "yes overrides the rota check (audited)"},
    };
    text_copy(fields[F_SERVICE].value, FORM_VALUE_SIZE, offered_count ? offered[0] : "");
    text_copy(fields[F_THERAPIST].value, FORM_VALUE_SIZE,
              therapist ? therapist : (choices.therapist_count ? choices.therapists[0] : ""));
    datetime_format(start, fields[F_AT].value);
    text_copy(fields[F_FORCE].value, FORM_VALUE_SIZE, "no");
    struct form form = {.title = "New booking",
                        .fields = fields,
                        .count = F_COUNT,
                        .submit = submit_booking,
                        .data = &choices};
    if (!form_run(ui, &form))
        ui_set_status(ui, false, "Nothing booked.");
    ui_choices_free(&choices);
}
