/*
 * The confirmation's template (SPEC §4, `template confirmation`): the
 * placeholders it may use, and its body, a file of data/templates/.
 *
 * The placeholders live in one table, read by the loader, which refuses a
 * template naming one the confirmation does not know, and by the renderer
 * (ops/confirm.c), which fills a value for each; a new placeholder is one
 * line here and one value there.
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
    [PLACEHOLDER_DATE] = "date",
    [PLACEHOLDER_TIME] = "time",
    [PLACEHOLDER_END] = "end",
    [PLACEHOLDER_THERAPIST] = "therapist",
    [PLACEHOLDER_CLINIC] = "clinic",
    [PLACEHOLDER_SERVICE] = "service",
    [PLACEHOLDER_MINUTES] = "minutes",
    [PLACEHOLDER_PRICE] = "price",
    [PLACEHOLDER_CLINIC_NAME] = "clinic_name",
    [PLACEHOLDER_ID] = "id",
};

void config_confirmation_fields(struct message_field fields[PLACEHOLDER_COUNT])
{
    for (size_t i = 0; i < PLACEHOLDER_COUNT; i++)
        fields[i] = (struct message_field){PLACEHOLDER_NAMES[i], NULL};
}

int config_check_placeholders(const char *text, const char *source, struct fd_error *err)
{
    struct message_field fields[PLACEHOLDER_COUNT];
    config_confirmation_fields(fields);
    char *rendered = NULL;
    int rc = message_render(text ? text : "", source, fields, PLACEHOLDER_COUNT, &rendered, err);
    free(rendered);
    return rc;
}

int config_read_template(const char *name, char **text, char *path, size_t path_size,
                         struct fd_error *err)
{
    *text = NULL;
    name = name ? name : "";
    snprintf(path, path_size, "%s/templates/%s", config_data_dir(), name);
    if (!*name || strchr(name, '/') || name[0] == '.')
        return fd_fail(err, FD_ERR_CONFIG, "body \"%s\" must be the name of a file in %s/templates",
                       name, config_data_dir());
    FILE *file = fopen(path, "rb");
    struct stat info;
    /* Decided by the calls, not by errno, so info is read only once filled. */
    bool opened = file && fstat(fileno(file), &info) == 0;
    int error = !opened ? errno : !S_ISREG(info.st_mode) ? EISDIR : 0;
    if (!opened || error) {
        if (file)
            fclose(file);
        return fd_fail(err, FD_ERR_CONFIG, "body \"%s\": %s: %s", name, path,
                       error == ENOENT ? "no such file" : strerror(error));
    }
    if (info.st_size > (off_t)CONFIG_TEMPLATE_MAX_BYTES) {
        fclose(file);
        return fd_fail(err, FD_ERR_CONFIG, "body \"%s\": %s: larger than %d bytes", name, path,
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
        return fd_fail(err, FD_ERR_CONFIG, "body \"%s\": %s: %s", name, path,
                       failed ? "cannot be read" : "is not UTF-8 text");
    }
    return 0;
}
