/*
 * The config's sections about what the clinic sends: a template for each
 * kind of message, the mailing lists, and the offers.  Like config.c, this
 * copies what libconfuse parsed into struct fd_config and checks what
 * needs more than one value at a time: every template's files and
 * placeholders, names given twice, an offer's discount and dates, lists
 * and services an offer names.
 *
 * Every template is checked whether the file gives it or not, so that a
 * missing or broken default is found when the config loads, not when the
 * first message of its kind is due.  Errors name the line of the value at
 * fault, else the section's title, else the file alone (a default).
 */
#include "config_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <frontdesk/text.h>

#define OUT_OF_MEMORY(err) fd_fail(err, FD_ERR_SOFTWARE, "out of memory")

/* The line of option in section, or of the section's title when the
 * option was not given there; 0 without a section. */
static int line_in(const cfg_t *section, const char *option, unsigned index)
{
    if (!section)
        return 0;
    int line = config_line_of(section, option, index);
    return line ? line : config_section_line(section);
}

/* The longest name of a list or an offer. */
#define NAME_MAX_BYTES 64

/* Every section of this kind (list, offer) has a name the config can be
 * held to: text on one line, not too long, and not the name of an earlier
 * one (ignoring case). */
static int check_names(cfg_t *cfg, const char *what, const struct fd_config *config,
                       struct fd_error *err)
{
    for (unsigned i = 0; i < cfg_size(cfg, what); i++) {
        cfg_t *section = cfg_getnsec(cfg, what, i);
        const char *name = cfg_title(section);
        size_t length = strlen(name);
        int line = config_section_line(section);
        if (length == 0 || length > NAME_MAX_BYTES || !text_is_clean_utf8(name, length, false))
            return config_fail_at(err, FD_ERR_CONFIG, config->source, line,
                                  "%s \"%s\": the name must be one line of 1 to %d bytes", what,
                                  name, NAME_MAX_BYTES);
        for (unsigned j = 0; j < i; j++) {
            const char *earlier = cfg_title(cfg_getnsec(cfg, what, j));
            if (strcasecmp(earlier, name) == 0)
                return config_fail_at(err, FD_ERR_CONFIG, config->source, line,
                                      "%s \"%s\": another %s is named \"%s\"", what, name, what,
                                      earlier);
        }
    }
    return 0;
}

/* ---- templates -------------------------------------------------------- */

/* A field of a template section as given, or NULL. */
static const char *given_text(cfg_t *section, const char *option)
{
    return section ? cfg_getstr(section, option) : NULL;
}

/* Fills in one kind's template, given or default, and checks it. */
static int copy_template(cfg_t *given, enum message_kind kind, struct fd_config *config,
                         struct fd_error *err)
{
    struct fd_template *template = &config->templates[kind];
    const char *name = config_message_kind_name(kind);
    char body[64], sms[64];
    snprintf(body, sizeof body, "%s.txt", name);
    snprintf(sms, sizeof sms, "%s.sms", name);
    const char *subject = given_text(given, "subject");
    template->subject = strdup(subject ? subject : config_default_subject(kind));
    template->body = strdup(given_text(given, "body") ? given_text(given, "body") : body);
    template->sms = strdup(given_text(given, "sms") ? given_text(given, "sms") : sms);
    if (!template->subject || !template->body || !template->sms)
        return OUT_OF_MEMORY(err);

    struct message_field fields[PLACEHOLDER_COUNT];
    config_template_fields(kind, fields);
    struct fd_error why = {0};
    const char *failed = NULL;
    if (config_check_placeholders(fields, template->subject, "subject", &why) < 0)
        failed = "subject";
    else if (!config->lean && config_check_template_file(fields, "body", template->body, &why) < 0)
        failed = "body";
    else if (!config->lean && config_check_template_file(fields, "sms", template->sms, &why) < 0)
        failed = "sms";
    if (!failed)
        return 0;
    return config_fail_at(err, why.code, config->source, line_in(given, failed, 0),
                          "template %s: %s", name, why.message);
}

int config_copy_templates(cfg_t *cfg, struct fd_config *config, struct fd_error *err)
{
    cfg_t *given[MESSAGE_KIND_COUNT] = {0};
    for (unsigned i = 0; i < cfg_size(cfg, "template"); i++) {
        cfg_t *section = cfg_getnsec(cfg, "template", i);
        int kind = config_message_kind_parse(cfg_title(section));
        if (kind < 0) {
            char known[256] = "";
            for (int k = 0; k < MESSAGE_KIND_COUNT; k++)
                snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", k ? ", " : "",
                         config_message_kind_name((enum message_kind)k));
            return config_fail_at(err, FD_ERR_CONFIG, config->source, config_section_line(section),
                                  "template \"%s\": no message is of that kind (known: %s)",
                                  cfg_title(section), known);
        }
        given[kind] = section;
    }
    for (int kind = 0; kind < MESSAGE_KIND_COUNT; kind++) {
        int rc = copy_template(given[kind], (enum message_kind)kind, config, err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* ---- mailing lists ---------------------------------------------------- */

static int copy_frequencies(cfg_t *section, struct fd_mailing_list *list,
                            const struct fd_config *config, struct fd_error *err)
{
    list->frequency_count = cfg_size(section, "frequencies");
    list->frequencies = calloc(list->frequency_count + 1, sizeof *list->frequencies);
    if (!list->frequencies)
        return OUT_OF_MEMORY(err);
    for (unsigned i = 0; i < list->frequency_count; i++) {
        const char *frequency = cfg_getnstr(section, "frequencies", i);
        for (unsigned j = 0; j < i; j++)
            if (strcmp(list->frequencies[j], frequency) == 0)
                return config_fail_at(
                    err, FD_ERR_CONFIG, config->source, line_in(section, "frequencies", i),
                    "list \"%s\": frequencies: \"%s\" is given twice", list->name, frequency);
        list->frequencies[i] = strdup(frequency);
        if (!list->frequencies[i])
            return OUT_OF_MEMORY(err);
    }
    return 0;
}

/* The welcome email: its subject and body, checked like a template.  A
 * subject or a gift with no welcome to carry it would be lost: refused. */
static int copy_welcome(cfg_t *section, struct fd_mailing_list *list,
                        const struct fd_config *config, struct fd_error *err)
{
    const char *welcome = cfg_getstr(section, "welcome");
    const char *subject = cfg_getstr(section, "subject");
    const char *gift = cfg_getstr(section, "gift");
    if (!welcome || !*welcome) {
        const char *stray = subject ? "subject" : gift ? "gift" : NULL;
        if (!stray)
            return 0;
        return config_fail_at(err, FD_ERR_CONFIG, config->source, line_in(section, stray, 0),
                              "list \"%s\": %s: only a welcome email uses it; name one with "
                              "welcome = \"FILE\"",
                              list->name, stray);
    }
    list->welcome = strdup(welcome);
    list->subject = strdup(subject ? subject : "Welcome to ${list} from ${clinic_name}");
    list->gift = gift && *gift ? strdup(gift) : NULL;
    if (!list->welcome || !list->subject || (gift && *gift && !list->gift))
        return OUT_OF_MEMORY(err);

    struct message_field fields[PLACEHOLDER_COUNT];
    config_welcome_fields(fields);
    struct fd_error why = {0};
    const char *failed = NULL;
    if (config_check_placeholders(fields, list->subject, "subject", &why) < 0)
        failed = "subject";
    else if (!config->lean &&
             config_check_template_file(fields, "welcome", list->welcome, &why) < 0)
        failed = "welcome";
    if (!failed)
        return 0;
    return config_fail_at(err, why.code, config->source, line_in(section, failed, 0),
                          "list \"%s\": %s", list->name, why.message);
}

int config_copy_lists(cfg_t *cfg, struct fd_config *config, struct fd_error *err)
{
    size_t count = cfg_size(cfg, "list");
    config->lists = calloc(count + 1, sizeof *config->lists);
    if (!config->lists)
        return OUT_OF_MEMORY(err);
    int rc = check_names(cfg, "list", config, err);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        cfg_t *section = cfg_getnsec(cfg, "list", (unsigned)i);
        struct fd_mailing_list *list = &config->lists[i];
        config->list_count = i + 1;
        list->name = strdup(cfg_title(section));
        rc = list->name ? copy_frequencies(section, list, config, err) : OUT_OF_MEMORY(err);
        if (rc == 0)
            rc = copy_welcome(section, list, config, err);
    }
    return rc;
}

/* ---- offers ----------------------------------------------------------- */

/* The discount: a percent or an amount, exactly one of them. */
static int copy_discount(cfg_t *section, struct fd_offer *offer, const struct fd_config *config,
                         struct fd_error *err)
{
    bool percent = cfg_size(section, "percent") > 0, amount = cfg_size(section, "amount") > 0;
    if (percent && amount) {
        int percent_line = line_in(section, "percent", 0),
            amount_line = line_in(section, "amount", 0);
        return config_fail_at(err, FD_ERR_CONFIG, config->source,
                              percent_line > amount_line ? percent_line : amount_line,
                              "offer \"%s\": percent and amount: give one of them, not both",
                              offer->name);
    }
    if (!percent && !amount)
        return config_fail_at(err, FD_ERR_CONFIG, config->source, config_section_line(section),
                              "offer \"%s\": give its discount, a percent (percent = 10) or an "
                              "amount (amount = \"5.00\")",
                              offer->name);
    if (percent)
        offer->percent = (int)cfg_getint(section, "percent");
    else
        offer->pence = config_parse_price(cfg_getstr(section, "amount"));
    return 0;
}

/* The days it runs: both given, from no later than to. */
static int copy_dates(cfg_t *section, struct fd_offer *offer, const struct fd_config *config,
                      struct fd_error *err)
{
    static const char *const OPTIONS[] = {"from", "to"};
    fd_day *days[] = {&offer->from, &offer->to};
    for (size_t i = 0; i < 2; i++) {
        if (cfg_size(section, OPTIONS[i]) == 0)
            return config_fail_at(err, FD_ERR_CONFIG, config->source, config_section_line(section),
                                  "offer \"%s\": %s: give the %s day it runs (%s = \"YYYY-MM-DD\")",
                                  offer->name, OPTIONS[i], i ? "last" : "first", OPTIONS[i]);
        date_parse(cfg_getstr(section, OPTIONS[i]), days[i]);
    }
    if (offer->from <= offer->to)
        return 0;
    int from_line = line_in(section, "from", 0), to_line = line_in(section, "to", 0);
    return config_fail_at(err, FD_ERR_CONFIG, config->source,
                          from_line > to_line ? from_line : to_line,
                          "offer \"%s\": it must run from (%s) no later than to (%s)", offer->name,
                          cfg_getstr(section, "from"), cfg_getstr(section, "to"));
}

/* A list of names (option) each naming a list or a service of the config,
 * copied as the config spells them. */
static int copy_names(cfg_t *section, const char *option, struct fd_offer *offer,
                      const struct fd_config *config, char ***out, size_t *count,
                      struct fd_error *err)
{
    bool lists = strcmp(option, "subscribers_of") == 0;
    *count = cfg_size(section, option);
    *out = calloc(*count + 1, sizeof **out);
    if (!*out)
        return OUT_OF_MEMORY(err);
    for (unsigned i = 0; i < *count; i++) {
        const char *name = cfg_getnstr(section, option, i);
        const struct fd_mailing_list *list = lists ? config_find_list(config, name) : NULL;
        const struct fd_service *service = lists ? NULL : config_find_service(config, name);
        if (!list && !service)
            return config_fail_at(err, FD_ERR_CONFIG, config->source, line_in(section, option, i),
                                  "offer \"%s\": %s: no %s is named \"%s\"", offer->name, option,
                                  lists ? "list" : "service", name);
        (*out)[i] = strdup(list ? list->name : service->name);
        if (!(*out)[i])
            return OUT_OF_MEMORY(err);
    }
    return 0;
}

/* After the lists and services, which offers name. */
int config_copy_offers(cfg_t *cfg, struct fd_config *config, struct fd_error *err)
{
    size_t count = cfg_size(cfg, "offer");
    config->offers = calloc(count + 1, sizeof *config->offers);
    if (!config->offers)
        return OUT_OF_MEMORY(err);
    int rc = check_names(cfg, "offer", config, err);
    for (size_t i = 0; rc == 0 && i < count; i++) {
        cfg_t *section = cfg_getnsec(cfg, "offer", (unsigned)i);
        struct fd_offer *offer = &config->offers[i];
        config->offer_count = i + 1;
        offer->name = strdup(cfg_title(section));
        offer->first_session = cfg_getbool(section, "first_session");
        rc = offer->name ? copy_discount(section, offer, config, err) : OUT_OF_MEMORY(err);
        if (rc == 0)
            rc = copy_dates(section, offer, config, err);
        if (rc == 0)
            rc = copy_names(section, "subscribers_of", offer, config, &offer->subscribers_of,
                            &offer->subscribers_of_count, err);
        if (rc == 0)
            rc = copy_names(section, "services", offer, config, &offer->services,
                            &offer->service_count, err);
    }
    return rc;
}

/* ---- freeing ---------------------------------------------------------- */

static void free_names(char **names, size_t count)
{
    for (size_t i = 0; names && i < count; i++)
        free(names[i]);
    free(names);
}

void config_messages_free(struct fd_config *config)
{
    for (size_t kind = 0; kind < MESSAGE_KIND_COUNT; kind++) {
        free(config->templates[kind].subject);
        free(config->templates[kind].body);
        free(config->templates[kind].sms);
    }
    for (size_t i = 0; config->lists && i < config->list_count; i++) {
        struct fd_mailing_list *list = &config->lists[i];
        free(list->name);
        free_names(list->frequencies, list->frequency_count);
        free(list->welcome);
        free(list->subject);
        free(list->gift);
    }
    free(config->lists);
    for (size_t i = 0; config->offers && i < config->offer_count; i++) {
        struct fd_offer *offer = &config->offers[i];
        free(offer->name);
        free_names(offer->subscribers_of, offer->subscribers_of_count);
        free_names(offer->services, offer->service_count);
    }
    free(config->offers);
}
