/*
 * The templates of the messages (SPEC §4, `template KIND { ... }`, and a
 * mailing list's welcome): the kinds of message, the placeholders each
 * kind knows, and reading a template's file from data/templates/.
 *
 * The placeholders live in one table, by kind, read by the loader, which
 * refuses a template naming one its kind does not know, and by the
 * renderers, which fill a value for each; a new placeholder is one line in
 * the enum, its name here, and a value where it is rendered.
 */
#include "config_internal.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <frontdesk/text.h>

static const char *const PLACEHOLDER_NAMES[PLACEHOLDER_COUNT] = {
    [PLACEHOLDER_CLIENT] = "client",
    [PLACEHOLDER_FIRST_NAME] = "first_name",
    [PLACEHOLDER_CLINIC_NAME] = "clinic_name",
    [PLACEHOLDER_DATE] = "date",
    [PLACEHOLDER_TIME] = "time",
    [PLACEHOLDER_END] = "end",
    [PLACEHOLDER_THERAPIST] = "therapist",
    [PLACEHOLDER_CLINIC] = "clinic",
    [PLACEHOLDER_SERVICE] = "service",
    [PLACEHOLDER_MINUTES] = "minutes",
    [PLACEHOLDER_PRICE] = "price",
    [PLACEHOLDER_LIST_PRICE] = "list_price",
    [PLACEHOLDER_OFFER] = "offer",
    [PLACEHOLDER_ID] = "id",
    [PLACEHOLDER_REPLY_CODE] = "reply_code",
    [PLACEHOLDER_OLD_DATE] = "old_date",
    [PLACEHOLDER_OLD_TIME] = "old_time",
    [PLACEHOLDER_REASON] = "reason",
    [PLACEHOLDER_CORRECTION] = "correction",
    [PLACEHOLDER_SESSIONS] = "sessions",
    [PLACEHOLDER_LIST] = "list",
    [PLACEHOLDER_FREQUENCY] = "frequency",
    [PLACEHOLDER_GIFT] = "gift",
};

/* Sets of placeholders, one bit each. */
_Static_assert(PLACEHOLDER_COUNT <= 32, "a set of placeholders is 32 bits");
#define ONE(placeholder) (1u << (placeholder))
#define EVERY_KIND                                                                                 \
    (ONE(PLACEHOLDER_CLIENT) | ONE(PLACEHOLDER_FIRST_NAME) | ONE(PLACEHOLDER_CLINIC_NAME))
/* PLACEHOLDER_DATE to PLACEHOLDER_REPLY_CODE. */
#define APPOINTMENT (EVERY_KIND | (ONE(PLACEHOLDER_REPLY_CODE + 1) - ONE(PLACEHOLDER_DATE)))

/* Each kind: its name in the config, its default subject, and the
 * placeholders its subject, body and SMS may use. */
static const struct {
    const char *name;
    const char *subject;
    unsigned placeholders;
} KINDS[MESSAGE_KIND_COUNT] = {
    [MESSAGE_KIND_CONFIRMATION] = {"confirmation", "Your appointment on ${date} at ${time}",
                                   APPOINTMENT | ONE(PLACEHOLDER_SESSIONS)},
    [MESSAGE_KIND_CHANGE] = {"change", "Your appointment has moved to ${date} at ${time}",
                             APPOINTMENT | ONE(PLACEHOLDER_OLD_DATE) | ONE(PLACEHOLDER_OLD_TIME)},
    [MESSAGE_KIND_CANCELLATION] = {"cancellation",
                                   "Your appointment on ${date} at ${time} is cancelled",
                                   APPOINTMENT | ONE(PLACEHOLDER_REASON)},
    [MESSAGE_KIND_DECLINE] = {"decline", "Your booking request for ${service}",
                              EVERY_KIND | ONE(PLACEHOLDER_SERVICE) | ONE(PLACEHOLDER_REASON)},
    [MESSAGE_KIND_WAITLIST] = {"waitlist", "You're on our waiting list for ${service}",
                               EVERY_KIND | ONE(PLACEHOLDER_SERVICE)},
    [MESSAGE_KIND_OFFER] = {"offer", "A space has come up on ${date} at ${time}", APPOINTMENT},
    [MESSAGE_KIND_TAKEN] = {"taken", "The space on ${date} at ${time} has been taken", APPOINTMENT},
    [MESSAGE_KIND_REMINDER] = {"reminder", "Reminder: your appointment on ${date} at ${time}",
                               APPOINTMENT},
    [MESSAGE_KIND_CORRECTION] = {"correction", "A correction to our last message",
                                 APPOINTMENT | ONE(PLACEHOLDER_CORRECTION)},
    [MESSAGE_KIND_NOTIFY] = {"notify", "${clinic_name} is open for bookings",
                             EVERY_KIND | ONE(PLACEHOLDER_SERVICE)},
};

static const unsigned WELCOME =
    EVERY_KIND | ONE(PLACEHOLDER_LIST) | ONE(PLACEHOLDER_FREQUENCY) | ONE(PLACEHOLDER_GIFT);

const char *config_message_kind_name(enum message_kind kind)
{
    return (unsigned)kind < MESSAGE_KIND_COUNT ? KINDS[kind].name : "";
}

int config_message_kind_parse(const char *name)
{
    for (int kind = 0; name && kind < MESSAGE_KIND_COUNT; kind++)
        if (strcmp(KINDS[kind].name, name) == 0)
            return kind;
    return -1;
}

const char *config_default_subject(enum message_kind kind)
{
    return KINDS[kind].subject;
}

static void fields_of(unsigned placeholders, struct message_field fields[PLACEHOLDER_COUNT])
{
    for (size_t i = 0; i < PLACEHOLDER_COUNT; i++)
        fields[i] =
            (struct message_field){placeholders & ONE(i) ? PLACEHOLDER_NAMES[i] : NULL, NULL};
}

void config_template_fields(enum message_kind kind, struct message_field fields[PLACEHOLDER_COUNT])
{
    fields_of((unsigned)kind < MESSAGE_KIND_COUNT ? KINDS[kind].placeholders : 0, fields);
}

void config_welcome_fields(struct message_field fields[PLACEHOLDER_COUNT])
{
    fields_of(WELCOME, fields);
}

int config_check_placeholders(const struct message_field fields[PLACEHOLDER_COUNT],
                              const char *text, const char *source, struct fd_error *err)
{
    char *rendered = NULL;
    int rc = message_render(text ? text : "", source, fields, PLACEHOLDER_COUNT, &rendered, err);
    free(rendered);
    return rc;
}

int config_check_template_file(const struct message_field fields[PLACEHOLDER_COUNT],
                               const char *field, const char *name, struct fd_error *err)
{
    char *text = NULL, path[1024], source[1200];
    int rc = config_read_template(field, name, &text, path, sizeof path, err);
    if (rc == 0) {
        snprintf(source, sizeof source, "%s \"%s\": %s", field, name, path);
        rc = config_check_placeholders(fields, text, source, err);
    }
    free(text);
    return rc;
}

int config_read_template(const char *field, const char *name, char **text, char *path,
                         size_t path_size, struct fd_error *err)
{
    *text = NULL;
    name = name ? name : "";
    snprintf(path, path_size, "%s/templates/%s", config_data_dir(), name);
    if (!*name || strchr(name, '/') || name[0] == '.')
        return fd_fail(err, FD_ERR_CONFIG, "%s \"%s\" must be the name of a file in %s/templates",
                       field, name, config_data_dir());
    FILE *file = fopen(path, "rb");
    struct stat info;
    /* Decided by the calls, not by errno, so info is read only once filled. */
    bool opened = file && fstat(fileno(file), &info) == 0;
    int error = !opened ? errno : !S_ISREG(info.st_mode) ? EISDIR : 0;
    if (!opened || error) {
        if (file)
            fclose(file);
        return fd_fail(err, FD_ERR_CONFIG, "%s \"%s\": %s: %s", field, name, path,
                       error == ENOENT ? "no such file" : strerror(error));
    }
    if (info.st_size > (off_t)CONFIG_TEMPLATE_MAX_BYTES) {
        fclose(file);
        return fd_fail(err, FD_ERR_CONFIG, "%s \"%s\": %s: larger than %d bytes", field, name, path,
                       CONFIG_TEMPLATE_MAX_BYTES);
    }
    *text = malloc((size_t)info.st_size + 1);
    size_t length = *text ? fread(*text, 1, (size_t)info.st_size, file) : 0;
    int failed = ferror(file);
    fclose(file);
    if (!*text)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    (*text)[length] = '\0';
    if (failed || !text_is_clean_utf8(*text, length, true)) {
        free(*text);
        *text = NULL;
        return fd_fail(err, FD_ERR_CONFIG, "%s \"%s\": %s: %s", field, name, path,
                       failed ? "cannot be read" : "is not UTF-8 text");
    }
    return 0;
}
