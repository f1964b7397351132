/*
 * libFuzzer target for the config loader (SPEC §5: no crash on any input).
 * Each input is loaded as the text of a config file.  It must either load
 * into a config that keeps the promises the rest of the program relies on
 * (at least one clinic, every service offered at a clinic that exists,
 * values within their ranges, the clinic opening before it closes, a
 * template for every kind of message that renders, lists and offers whose
 * names are unique and whose references resolve, an offer's one discount
 * and its days in order), or be
 * refused with FD_ERR_CONFIG and a message naming the source, leaving
 * nothing allocated behind.  A broken promise traps, so the fuzzer reports
 * it like a crash.
 *
 * Holiday files and templates are read from $FRONTDESK_DATA_DIR (or the
 * source tree's data/), so run it with FRONTDESK_DATA_DIR pointing at data/.
 */
#include <frontdesk/config.h>
#include <frontdesk/error.h>
#include <frontdesk/message.h>
#include <frontdesk/text.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SOURCE "fuzz.conf"

static void check(bool promise)
{
    if (!promise)
        __builtin_trap();
}

/* A fee reads back as itself, and is none, a percentage or an amount. */
static void check_fee(const struct fd_fee *fee)
{
    check((fee->kind == FEE_NONE && fee->percent == 0 && fee->pence == 0) ||
          (fee->kind == FEE_PERCENT && fee->percent >= 1 && fee->percent <= 100) ||
          (fee->kind == FEE_AMOUNT && fee->pence > 0));
    char shown[32];
    struct fd_fee again;
    config_format_fee(fee, shown, sizeof shown);
    check(config_parse_fee(shown, &again) == 0 && memcmp(&again, fee, sizeof again) == 0);
}

/* A subject renders with the placeholders its template knows. */
static void check_subject(const char *subject, const struct message_field *fields)
{
    char *rendered = NULL;
    struct fd_error err = {0};
    check(subject && *subject);
    check(message_render(subject, "subject", fields, PLACEHOLDER_COUNT, &rendered, &err) == 0);
    free(rendered);
}

static void check_templates(const struct fd_config *config)
{
    for (int kind = 0; kind < MESSAGE_KIND_COUNT; kind++) {
        const struct fd_template *template = &config->templates[kind];
        check(template->body && *template->body && template->sms && *template->sms);
        struct message_field fields[PLACEHOLDER_COUNT];
        config_template_fields((enum message_kind)kind, fields);
        check_subject(template->subject, fields);
    }
}

static void check_lists(const struct fd_config *config)
{
    struct message_field fields[PLACEHOLDER_COUNT];
    config_welcome_fields(fields);
    for (size_t i = 0; i < config->list_count; i++) {
        const struct fd_mailing_list *list = &config->lists[i];
        check(list->name && *list->name && config_find_list(config, list->name) == list);
        for (size_t f = 0; f < list->frequency_count; f++)
            check(list->frequencies[f] && *list->frequencies[f]);
        if (list->welcome)
            check_subject(list->subject, fields);
        else
            check(!list->subject && !list->gift);
    }
}

static void check_offers(const struct fd_config *config)
{
    for (size_t i = 0; i < config->offer_count; i++) {
        const struct fd_offer *offer = &config->offers[i];
        check(offer->name && *offer->name && config_find_offer(config, offer->name) == offer);
        check((offer->percent >= 1 && offer->percent <= 100 && offer->pence == 0) ||
              (offer->percent == 0 && offer->pence > 0));
        check(offer->from <= offer->to);
        for (size_t l = 0; l < offer->subscribers_of_count; l++)
            check(config_find_list(config, offer->subscribers_of[l]) != NULL);
        for (size_t s = 0; s < offer->service_count; s++)
            check(config_find_service(config, offer->services[s]) != NULL);
        /* The rule never charges less than nothing nor more than the price. */
        struct offer_booking booking = {.day = offer->from, .price_pence = 5500};
        int price = -1;
        offer_choose(config->offers, config->offer_count, &booking, &price);
        check(price >= 0 && price <= 5500);
    }
}

static void check_loaded(const struct fd_config *config)
{
    check(strcmp(config->source, SOURCE) == 0);
    check(config->clinic_name && *config->clinic_name);
    check(config->timezone && config->sendmail && config->from && config->holidays);
    check(config->opens >= 0 && config->opens < config->closes && config->closes <= 1440);
    check(config->calendar.close_of_business >= 0 && config->calendar.close_of_business <= 1440);
    check(config->calendar.working_days <= 0x7F);
    check(config->slot_step >= 5 && config->slot_step <= 240);
    check(config->request_reply_days >= 0 && config->request_reply_days <= 60);
    check(config->suggest_horizon_days >= 1 && config->suggest_horizon_days <= 366);
    for (size_t i = 1; i < config->calendar.closure_count; i++)
        check(config->calendar.closures[i - 1] < config->calendar.closures[i]);

    check(config->sendmail_timeout >= 1 && config->sendmail_timeout <= 3600);
    check(config->late_cancel_hours >= 0 && config->late_cancel_hours <= 720);
    check(config->undo_minutes >= 0 && config->undo_minutes <= 1440);
    check(config->reminder_working_days >= 0 && config->reminder_working_days <= 10);
    check(config->reminder_time >= 0 && config->reminder_time < 1440);
    check_fee(&config->no_show_fee);
    check_fee(&config->late_cancel_fee);
    check(!config->desk || (*config->desk && strlen(config->desk) <= 32));
    check((config->sms_command == NULL) == (config->sms_argv == NULL));
    check(!config->sms_argv || config->sms_argv[0] != NULL);

    /* Mail can be sent from the sender, and the template renders. */
    char name[512], address[512];
    check(message_parse_address(config->from, name, sizeof name, address, sizeof address) == 0);
    check(text_is_email(address));
    check_templates(config);
    check_lists(config);
    check_offers(config);

    check(config->clinic_count >= 1);
    for (size_t i = 0; i < config->clinic_count; i++) {
        const struct fd_clinic *clinic = &config->clinics[i];
        check(clinic->name && *clinic->name);
        check(clinic->rooms >= 1 && clinic->rooms <= 99);
        check(config_find_clinic(config, clinic->name) != NULL);
    }
    for (size_t i = 0; i < config->service_count; i++) {
        const struct fd_service *service = &config->services[i];
        check(service->name != NULL);
        check(service->minutes >= 5 && service->minutes <= 720);
        check(service->buffer >= 0 && service->buffer <= 240);
        check(service->price_pence >= 0);
        check(service->clinic_count >= 1);
        for (size_t c = 0; c < service->clinic_count; c++) {
            check(config_find_clinic(config, service->clinics[c]) != NULL);
            check(config_service_offered_at(service, service->clinics[c]));
        }
        check(config_find_service(config, service->name) != NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    struct fd_config config;
    struct fd_error err = {0};
    int rc = config_load_text(text, SOURCE, &config, &err);
    if (rc == 0) {
        check(err.code == 0);
        check_loaded(&config);
        config_free(&config);
    } else {
        /* Refused: a config error naming the file, and nothing kept. */
        check(rc == -FD_ERR_CONFIG && err.code == FD_ERR_CONFIG);
        check(strncmp(err.message, SOURCE ":", strlen(SOURCE ":")) == 0);
        check(strlen(err.message) < sizeof err.message);
        check(config.source == NULL && config.clinics == NULL && config.services == NULL);
        check(config.lists == NULL && config.offers == NULL);
        check(config.templates[0].subject == NULL);
        check(config.calendar.closures == NULL);
    }
    free(text);
    return 0;
}
