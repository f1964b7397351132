/*
 * The new-booking form, opened from the Day pane at the cursor (therapist
 * and time filled in).  Submitting calls ops_book(), the same operation as
 * `frontdesk book`, so every rule and every message is the command line's;
 * with a repeat it calls ops_book_series(), as `book --every`.  A series
 * is all or nothing: when sessions clash, a box lists each with the
 * nearest free time that day, and the desk either books the rest
 * (skip_clashes) or goes back to the form with everything as typed.
 *
 * Under the fields, the price the booking would get (ops_booking_price())
 * follows what is typed: the list price, or the offer the client
 * qualifies for and what it takes off.  The Offer field declines it, or
 * names an offer to apply by hand, as `book --no-offer` and `--offer` do.
 */
#include "ui_internal.h"

#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    F_NAME,
    F_EMAIL,
    F_PHONE,
    F_SERVICE,
    F_THERAPIST,
    F_AT,
    F_REPEAT,
    F_SESSIONS,
    F_OFFER,
    F_FORCE,
    F_COUNT
};

static const char *const YES_NO[] = {"no", "yes"};
/* The repeat choices and what `book --every` calls them. */
static const char *const REPEATS[] = {"none", "every week (1w)", "every 2 weeks (2w)",
                                      "every 4 weeks (4w)"};
static const char *const EVERY[] = {NULL, "1w", "2w", "4w"};
/* The Offer field's first two choices; the config's offers follow, each
 * applied by hand when chosen. */
#define OFFER_BEST    "the best that applies"
#define OFFER_DECLINE "none: declined"
#define OFFER_FIXED   2

/* What the form's callbacks share. */
struct book_form {
    struct ui_choices choices;
    const char **offers; /* OFFER_BEST, OFFER_DECLINE, then the config's names */
    int offer_count;
};

/* "6" sessions in all, or the last day "2027-02-25"; into *repeat. */
static bool parse_sessions(const char *text, struct repeat *repeat)
{
    char *end = NULL;
    long count = strtol(text, &end, 10);
    repeat->count = 0;
    repeat->until = FD_DAY_NONE;
    if (end != text && !*end && count >= 1 && count <= FD_SERIES_MAX) {
        repeat->count = (int)count;
        return true;
    }
    return date_parse(text, &repeat->until) == 0;
}

static bool check_sessions(struct ui *ui, const struct form_field *field, char *message,
                           size_t size)
{
    (void)ui;
    struct repeat repeat;
    if (!field->value[0] || parse_sessions(field->value, &repeat))
        return true;
    snprintf(message, size, "how many in all (1 to %d), or the last day YYYY-MM-DD", FD_SERIES_MAX);
    return false;
}

/* The clashes of a series, each with the nearest free time that day. */
static void describe_clashes(struct ui *ui, const struct series_result *result, struct ui_text *t)
{
    ui_text_append(t, "%zu session%s cannot be booked, so nothing is booked yet:\n\n",
                   result->clash_count, result->clash_count == 1 ? "" : "s");
    for (size_t i = 0; i < result->clash_count; i++) {
        const struct series_clash *clash = &result->clashes[i];
        char when[FD_DATETIME_LEN], instead[FD_HM_LEN];
        datetime_format(clash->start, when);
        ui_text_append(t, "  %s %s  %s\n", date_weekday_name(date_weekday(time_day(clash->start))),
                       when, clash->why);
        if (clash->has_alternative) {
            time_format_hm(time_minute(clash->alternative.start), instead);
            ui_text_append(t, "      nearest free that day: %s with %s\n", instead,
                           ui_therapist_handle(ui, clash->alternative.therapist_id));
        } else {
            ui_text_append(t, "      nothing else free that day\n");
        }
    }
}

static void say_series(struct ui *ui, const struct series_result *result, const char *every)
{
    char when[FD_DATETIME_LEN] = "", skipped[64] = "", price[32];
    if (result->booked_count)
        datetime_format(result->booked[0].start, when);
    if (result->clash_count)
        snprintf(skipped, sizeof skipped, "; skipped %zu", result->clash_count);
    /* Each session has its own price (an offer may be the first's only);
     * the details show each, the status what they come to. */
    int total = 0;
    for (size_t i = 0; i < result->booked_count; i++)
        total += result->booked[i].price_pence;
    config_format_price(total, price, sizeof price);
    ui_set_status(ui, false, "Booked series %lld for %s: %zu session%s, %s from %s%s. £%s in all.",
                  (long long)result->series_id,
                  result->booked_count ? result->booked[0].client : "", result->booked_count,
                  result->booked_count == 1 ? "" : "s", every, when, skipped, price);
}

static bool book_series(struct ui *ui, const struct booking *booking, struct repeat *repeat,
                        const char *every, char *message, size_t size)
{
    struct series_result result;
    struct fd_error err = {0};
    ui_tick_now(ui);
    int rc = ops_book_series(&ui->ctx, booking, repeat, &result, &err);
    if (rc < 0 && result.clash_count) {
        struct ui_text t = {0};
        describe_clashes(ui, &result, &t);
        size_t clashes = result.clash_count;
        series_result_free(&result);
        int answer = ui_ask_text(ui, "The series clashes", t.text ? t.text : "",
                                 "b books the other sessions and skips these · Esc goes back "
                                 "to the form",
                                 "bB");
        ui_text_free(&t);
        if (answer < 0) {
            snprintf(message, size,
                     "Nothing booked: %zu session%s clash%s. Change the time or the repeat, or "
                     "Enter and b to skip %s.",
                     clashes, clashes == 1 ? "" : "s", clashes == 1 ? "es" : "",
                     clashes == 1 ? "it" : "them");
            return false;
        }
        repeat->skip_clashes = true;
        ui_tick_now(ui);
        rc = ops_book_series(&ui->ctx, booking, repeat, &result, &err);
    }
    if (rc < 0) {
        snprintf(message, size, "%s", err.message);
        series_result_free(&result);
        return false;
    }
    ui->dirty = true;
    say_series(ui, &result, every);
    series_result_free(&result);
    return true;
}

/* The booking the form's fields describe; false when the time is not
 * one yet (booking->start is then 0). */
static bool form_booking(struct ui *ui, const struct form *form, struct booking *booking)
{
    const struct book_form *data = form->data;
    const struct form_field *f = form->fields;
    int offer = form_choice_index(&f[F_OFFER]);
    *booking = (struct booking){.name = f[F_NAME].value,
                                .email = f[F_EMAIL].value,
                                .phone = f[F_PHONE].value,
                                .service = config_find_service(&ui->ctx.config, f[F_SERVICE].value),
                                .therapist_id = ops_therapist_id(data->choices.therapist_rows,
                                                                 data->choices.therapist_row_count,
                                                                 f[F_THERAPIST].value),
                                .force = strcmp(f[F_FORCE].value, "yes") == 0,
                                .no_offer = offer == 1,
                                .offer = offer >= OFFER_FIXED ? data->offers[offer] : NULL};
    return datetime_parse(f[F_AT].value, &booking->start) == 0;
}

/* "Price 49.50 (offer january-first-session; list 55.00)", as typed. */
static bool price_summary(struct ui *ui, const struct form *form, char *out, size_t size)
{
    struct booking booking;
    bool timed = form_booking(ui, form, &booking);
    if (!booking.service) {
        snprintf(out, size, "Price: choose a service");
        return true;
    }
    char price[FD_NAME_SIZE + 64];
    if (!timed) {
        ui_price_describe(booking.service->price_pence, 0, NULL, price, sizeof price);
        snprintf(out, size, "Price %s before any offer: the time decides which apply", price);
        return true;
    }
    struct price_quote quote;
    struct fd_error err = {0};
    if (ops_booking_price(&ui->ctx, &booking, &quote, &err) < 0) {
        snprintf(out, size, "Price: %s", err.message);
        return false;
    }
    ui_price_describe(quote.price_pence, quote.list_price_pence, quote.offer, price, sizeof price);
    /* Each session of a series gets the offers it qualifies for on its own
     * (a first-session offer only the first), once the earlier ones are
     * booked: only the first session's price is known before. */
    bool series = EVERY[form_choice_index(&form->fields[F_REPEAT])] != NULL;
    snprintf(out, size, "Price %s%s", price, series ? ", first session" : "");
    return true;
}

static bool submit_booking(struct ui *ui, struct form *form, void *data, char *message, size_t size)
{
    (void)data;
    struct form_field *f = form->fields;
    struct booking booking;
    form_booking(ui, form, &booking);
    int repeat_index = form_choice_index(&f[F_REPEAT]);
    if (EVERY[repeat_index]) {
        struct repeat repeat = {.every_weeks = ops_parse_every(EVERY[repeat_index])};
        if (!f[F_SESSIONS].value[0] || !parse_sessions(f[F_SESSIONS].value, &repeat)) {
            snprintf(message, size, "Sessions: how many in all, or the last day (YYYY-MM-DD)");
            return false;
        }
        return book_series(ui, &booking, &repeat, REPEATS[repeat_index], message, size);
    }
    struct fd_appointment appointment;
    struct fd_error err = {0};
    ui_tick_now(ui);
    struct booking_refusal refusal;
    if (ops_book(&ui->ctx, &booking, &appointment, &refusal, &err) < 0) {
        snprintf(message, size, "%s", err.message);
        for (size_t i = 0; refusal.about_time && i < refusal.alternative_count; i++) {
            char when[FD_DATETIME_LEN];
            datetime_format(refusal.alternatives[i].start, when);
            size_t used = strlen(message);
            snprintf(message + used, size - used, "%s%s %s",
                     i ? ", " : ". Nearest free: ", when + 5,
                     ui_therapist_handle(ui, refusal.alternatives[i].therapist_id));
        }
        return false;
    }
    char hm[FD_HM_LEN], price[48];
    time_format_hm(time_minute(appointment.start), hm);
    ui_price_brief(appointment.price_pence, appointment.offer, price, sizeof price);
    ui_set_status(ui, false, "Booked #%lld: %s at %s with %s, %s (room %d), %s.",
                  (long long)appointment.id, appointment.client, hm, appointment.therapist,
                  appointment.clinic, appointment.room, price);
    ui->dirty = true;
    return true;
}

void ui_book_form(struct ui *ui, const char *therapist, const char *clinic, fd_time start)
{
    const struct fd_config *config = &ui->ctx.config;
    struct book_form data = {.offer_count = OFFER_FIXED};
    data.offers = calloc(config->offer_count + OFFER_FIXED, sizeof *data.offers);
    if (!data.offers) {
        ui_set_status(ui, true, "out of memory");
        return;
    }
    data.offers[0] = OFFER_BEST;
    data.offers[1] = OFFER_DECLINE;
    for (size_t i = 0; i < config->offer_count; i++)
        data.offers[data.offer_count++] = config->offers[i].name;
    struct ui_choices *choices = &data.choices;
    ui_choices_load(ui, choices, false);
    /* Offer the services of the clinic at the cursor first. */
    const char *offered[64];
    int offered_count = 0;
    for (size_t i = 0; i < config->service_count && offered_count < 64; i++)
        if (!clinic || config_service_offered_at(&config->services[i], clinic))
            offered[offered_count++] = config->services[i].name;
    if (offered_count == 0)
        for (int i = 0; i < choices->service_count && i < 64; i++)
            offered[offered_count++] = choices->services[i];
    struct form_field fields[F_COUNT] = {
        [F_NAME] = {FORM_CLIENT_NAME},
        [F_EMAIL] = {FORM_EMAIL},
        [F_PHONE] = {FORM_PHONE},
        [F_SERVICE] = {.label = "Service", .choices = offered, .choice_count = offered_count},
        [F_THERAPIST] = {.label = "Therapist",
                         .choices = choices->therapists,
                         .choice_count = choices->therapist_count},
        [F_AT] = {.label = "At", .check = form_check_datetime, .hint = "YYYY-MM-DD HH:MM"},
        [F_REPEAT] = {.label = "Repeat",
                      .choices = REPEATS,
                      .choice_count = 4,
                      .hint = "the same time every 1, 2 or 4 weeks: a series, each session "
                              "priced on its own"},
        [F_SESSIONS] = {.label = "Sessions",
                        .max = FD_DATE_LEN - 1,
                        .check = check_sessions,
                        .hint = "with a repeat: how many in all (like 6), or the last day"},
        [F_OFFER] = {.label = "Offer",
                     .choices = data.offers,
                     .choice_count = data.offer_count,
                     .hint = "decline it, or name one to apply by hand (audited)"},
        [F_FORCE] = {.label = "Outside the rota",
                     .choices = YES_NO,
                     .choice_count = 2,
                     .hint = "yes overrides the rota check (audited)"},
    };
    text_copy(fields[F_SERVICE].value, FORM_VALUE_SIZE, offered_count ? offered[0] : "");
    text_copy(fields[F_THERAPIST].value, FORM_VALUE_SIZE,
              therapist ? therapist : (choices->therapist_count ? choices->therapists[0] : ""));
    datetime_format(start, fields[F_AT].value);
    text_copy(fields[F_REPEAT].value, FORM_VALUE_SIZE, REPEATS[0]);
    text_copy(fields[F_OFFER].value, FORM_VALUE_SIZE, OFFER_BEST);
    text_copy(fields[F_FORCE].value, FORM_VALUE_SIZE, "no");
    struct form form = {.title = "New booking",
                        .fields = fields,
                        .count = F_COUNT,
                        .submit = submit_booking,
                        .data = &data,
                        .summary = price_summary};
    if (!form_run(ui, &form))
        ui_set_status(ui, false, "Nothing booked.");
    ui_choices_free(choices);
    free(data.offers);
}
