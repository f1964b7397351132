/*
 * Loading the config: finding the file, reading it, and turning what
 * libconfuse parsed into struct fd_config.
 *
 * libconfuse checks the syntax and the option names, and the callbacks of
 * options.c check each value as it is read.  What needs the whole file is
 * checked here, after parsing: a service naming a clinic defined nowhere,
 * a clinic that opens after it closes; and in messages.c, the templates,
 * mailing lists and offers.  These name the line the value was read on
 * when libconfuse told the callbacks, and the file alone when the value is
 * a default.
 */
#include "config_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_default.h"

static char *dup_or_null(const char *text)
{
    return text ? strdup(text) : NULL;
}

/* An optional text: NULL when it is not given or empty. */
static char *dup_unless_empty(const char *text)
{
    return text && *text ? strdup(text) : NULL;
}

int config_fail_at(struct fd_error *err, int code, const char *source, int line, const char *fmt,
                   ...)
{
    char what[sizeof err->message];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (line > 0)
        return fd_fail(err, code, "%s:%d: %s", source, line, what);
    return fd_fail(err, code, "%s: %s", source, what);
}

static int compare_days(const void *a, const void *b)
{
    fd_day x = *(const fd_day *)a, y = *(const fd_day *)b;
    return (x > y) - (x < y);
}

/* A site's own closures, and its time zone: frontdesk keeps local times,
 * so the sites of one database share the clinic's zone; a site naming
 * another is refused, saying so, rather than booked an hour out. */
static int copy_site(cfg_t *sec, struct fd_config *config, struct fd_clinic *clinic,
                     struct fd_error *err)
{
    const char *zone = cfg_getstr(sec, "timezone");
    if (zone && strcmp(zone, config->timezone) != 0)
        return config_fail_at(err, FD_ERR_CONFIG, config->source,
                              config_line_of(sec, "timezone", 0),
                              "clinic \"%s\": timezone: \"%s\" is not the clinic's \"%s\"; "
                              "the sites of one database keep one local time (give each zone "
                              "its own database)",
                              clinic->name, zone, config->timezone);
    clinic->closed_count = cfg_size(sec, "closed");
    clinic->closed = calloc(clinic->closed_count + 1, sizeof *clinic->closed);
    if (!clinic->closed)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    for (size_t d = 0; d < clinic->closed_count; d++)
        date_parse(cfg_getnstr(sec, "closed", (unsigned)d), &clinic->closed[d]);
    qsort(clinic->closed, clinic->closed_count, sizeof *clinic->closed, compare_days);
    return 0;
}

/* Reads a whole file into *text (allocated, NUL-terminated; *size bytes
 * before the NUL).  Returns 0, or the errno of the failure; a folder opens
 * but does not read (EISDIR), which this reports instead of empty text. */
static int read_whole_file(const char *path, char **text, size_t *size)
{
    *text = NULL;
    *size = 0;
    FILE *file = fopen(path, "r");
    if (!file)
        return errno;
    FILE *buffer = open_memstream(text, size);
    char chunk[4096];
    size_t n;
    while (buffer && (n = fread(chunk, 1, sizeof chunk, file)) > 0)
        fwrite(chunk, 1, n, buffer);
    int read_errno = ferror(file) ? errno : 0;
    fclose(file);
    if (buffer)
        fclose(buffer);
    if (!read_errno && !*text)
        read_errno = ENOMEM;
    if (read_errno) {
        free(*text);
        *text = NULL;
    }
    return read_errno;
}

static int load_holidays(struct fd_config *config, struct fd_error *err)
{
    if (!config->holidays || !*config->holidays)
        return 0;
    char *path = config_holiday_path(config->holidays);
    if (!path)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    char *text;
    size_t size;
    int failure = read_whole_file(path, &text, &size);
    int rc = failure ? fd_fail(err, FD_ERR_CONFIG, "%s: holidays: cannot read %s: %s",
                               config->source, path, strerror(failure))
                     : calendar_parse_holidays(&config->calendar, text, path, err);
    free(text);
    free(path);
    return rc;
}

static int copy_clinics(cfg_t *cfg, struct fd_config *config, struct fd_error *err)
{
    config->clinic_count = cfg_size(cfg, "clinic");
    config->clinics = calloc(config->clinic_count + 1, sizeof *config->clinics);
    if (!config->clinics)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    if (config->clinic_count == 0)
        return fd_fail(err, FD_ERR_CONFIG,
                       "%s: no clinic is defined (clinic \"Name\" { rooms = N })", config->source);
    for (size_t i = 0; i < config->clinic_count; i++) {
        cfg_t *sec = cfg_getnsec(cfg, "clinic", (unsigned)i);
        config->clinics[i].name = strdup(cfg_title(sec));
        config->clinics[i].rooms = (int)cfg_getint(sec, "rooms");
        if (!config->clinics[i].name)
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        if (!*config->clinics[i].name)
            return fd_fail(err, FD_ERR_CONFIG, "%s: clinic: the name must not be empty",
                           config->source);
        int rc = copy_site(sec, config, &config->clinics[i], err);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/* The desk's site must be a clinic of the config. */
static int copy_desk_site(cfg_t *cfg, struct fd_config *config, struct fd_error *err)
{
    const char *site = cfg_getstr(cfg, "site");
    if (!site || !*site)
        return 0;
    const struct fd_clinic *clinic = config_find_clinic(config, site);
    if (!clinic)
        return config_fail_at(err, FD_ERR_CONFIG, config->source, config_line_of(cfg, "site", 0),
                              "site: no clinic is named \"%s\"", site);
    config->site = strdup(clinic->name);
    return config->site ? 0 : fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
}

/* After the clinics: each service must name clinics that exist. */
static int copy_services(cfg_t *cfg, struct fd_config *config, struct fd_error *err)
{
    config->service_count = cfg_size(cfg, "service");
    config->services = calloc(config->service_count + 1, sizeof *config->services);
    if (!config->services)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    for (size_t i = 0; i < config->service_count; i++) {
        cfg_t *sec = cfg_getnsec(cfg, "service", (unsigned)i);
        struct fd_service *service = &config->services[i];
        service->name = strdup(cfg_title(sec));
        service->minutes = (int)cfg_getint(sec, "minutes");
        service->price_pence = config_parse_price(cfg_getstr(sec, "price"));
        service->buffer = (int)cfg_getint(sec, "buffer");
        service->clinic_count = cfg_size(sec, "clinics");
        service->clinics = calloc(service->clinic_count + 1, sizeof *service->clinics);
        if (!service->clinics || !service->name)
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        if (service->clinic_count == 0)
            return fd_fail(err, FD_ERR_CONFIG,
                           "%s: service \"%s\": clinics: name at least one clinic", config->source,
                           service->name);
        for (unsigned c = 0; c < service->clinic_count; c++) {
            const char *name = cfg_getnstr(sec, "clinics", c);
            service->clinics[c] = strdup(name);
            if (!service->clinics[c])
                return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
            if (!config_find_clinic(config, name))
                return config_fail_at(
                    err, FD_ERR_CONFIG, config->source, config_line_of(sec, "clinics", c),
                    "service \"%s\": clinics: no clinic is named \"%s\"", service->name, name);
        }
    }
    return 0;
}

/* The clinic opens before it closes; the message names whichever of the
 * two the file sets last. */
static int check_opening_hours(cfg_t *cfg, const struct fd_config *config, struct fd_error *err)
{
    if (config->opens < config->closes)
        return 0;
    int opens_line = config_line_of(cfg, "opens", 0),
        closes_line = config_line_of(cfg, "closes", 0);
    bool closes_last = closes_line > opens_line;
    return config_fail_at(
        err, FD_ERR_CONFIG, config->source, closes_last ? closes_line : opens_line,
        "%s: the clinic must open (%s) before it closes (%s)", closes_last ? "closes" : "opens",
        cfg_getstr(cfg, "opens"), cfg_getstr(cfg, "closes"));
}

static int copy_options(cfg_t *cfg, struct fd_config *config, struct fd_error *err)
{
    config->clinic_name = strdup(cfg_getstr(cfg, "clinic_name"));
    config->timezone = strdup(cfg_getstr(cfg, "timezone"));
    config->request_reply_days = (int)cfg_getint(cfg, "request_reply_days");
    config->slot_step = (int)cfg_getint(cfg, "slot_step");
    config->suggest_horizon_days = (int)cfg_getint(cfg, "suggest_horizon_days");
    config->holidays = strdup(cfg_getstr(cfg, "holidays"));
    config->sendmail = strdup(cfg_getstr(cfg, "sendmail"));
    config->sendmail_timeout = (int)cfg_getint(cfg, "sendmail_timeout");
    config->from = strdup(cfg_getstr(cfg, "from"));
    config->database = dup_or_null(cfg_getstr(cfg, "database"));
    config->late_cancel_hours = (int)cfg_getint(cfg, "late_cancel_hours");
    config_parse_fee(cfg_getstr(cfg, "no_show_fee"), &config->no_show_fee);
    config_parse_fee(cfg_getstr(cfg, "late_cancel_fee"), &config->late_cancel_fee);
    config->undo_minutes = (int)cfg_getint(cfg, "undo_minutes");
    config->desk = dup_unless_empty(cfg_getstr(cfg, "desk"));
    config->reminder_working_days = (int)cfg_getint(cfg, "reminder_working_days");
    time_parse_hm(cfg_getstr(cfg, "reminder_time"), &config->reminder_time);
    config->sms_command = dup_unless_empty(cfg_getstr(cfg, "sms_command"));
    if (!config->clinic_name || !config->timezone || !config->holidays || !config->sendmail ||
        !config->from)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    if (config->sms_command) {
        int rc = message_split_command(config->sms_command, "sms_command", &config->sms_argv, err);
        if (rc < 0)
            return rc;
    }
    time_parse_hm(cfg_getstr(cfg, "close_of_business"), &config->calendar.close_of_business);
    time_parse_hm(cfg_getstr(cfg, "opens"), &config->opens);
    time_parse_hm(cfg_getstr(cfg, "closes"), &config->closes);
    int rc = check_opening_hours(cfg, config, err);
    if (rc < 0)
        return rc;
    config->calendar.working_days = 0;
    for (unsigned i = 0; i < cfg_size(cfg, "working_days"); i++) {
        const char *day = cfg_getnstr(cfg, "working_days", i);
        config->calendar.working_days |= 1u << date_weekday_parse(day, (int)strlen(day));
    }
    for (unsigned i = 0; i < cfg_size(cfg, "closed"); i++) {
        fd_day day;
        date_parse(cfg_getnstr(cfg, "closed", i), &day);
        if (calendar_add_closure(&config->calendar, day) < 0)
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    rc = copy_clinics(cfg, config, err);
    if (rc == 0)
        rc = copy_desk_site(cfg, config, err);
    if (rc == 0)
        rc = copy_services(cfg, config, err);
    if (rc == 0)
        rc = config_copy_templates(cfg, config, err);
    if (rc == 0)
        rc = config_copy_lists(cfg, config, err);
    if (rc == 0)
        rc = config_copy_offers(cfg, config, err);
    return rc;
}

static int load_text(const char *text, const char *source, bool lean, struct fd_config *out,
                     struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    out->lean = lean;
    out->source = strdup(source);
    cfg_t *cfg = config_parser_new();
    if (!cfg || !out->source) {
        if (cfg)
            cfg_free(cfg);
        config_free(out);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    struct unclosed unclosed = {0, NULL};
    struct section_lines sections = {NULL, 0};
    char *prepared = config_prepare_text(text, &unclosed, &sections);
    config_parse_begin(source, &sections);
    int rc = prepared ? cfg_parse_buf(cfg, prepared) : CFG_PARSE_ERROR;
    free(prepared);
    if (!prepared) {
        rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    } else if (rc != CFG_SUCCESS) {
        /* libconfuse fails without a word on an empty option name (""). */
        if (*config_parse_error())
            rc = fd_fail(err, FD_ERR_CONFIG, "%s", config_parse_error());
        else
            rc = fd_fail(err, FD_ERR_CONFIG, "%s:%d: syntax error: an option name is expected",
                         source, cfg->line);
    } else if (unclosed.line) {
        rc = fd_fail(err, FD_ERR_CONFIG, "%s:%d: this %s", source, unclosed.line, unclosed.what);
    } else {
        rc = copy_options(cfg, out, err);
        if (rc == 0)
            rc = load_holidays(out, err);
    }
    cfg_free(cfg);
    config_parse_end();
    free(sections.lines);
    if (rc < 0)
        config_free(out);
    return rc;
}

int config_load_text(const char *text, const char *source, struct fd_config *out,
                     struct fd_error *err)
{
    return load_text(text, source, false, out, err);
}

static int load_file(const char *path, bool lean, struct fd_config *out, struct fd_error *err)
{
    char *text;
    size_t size;
    int failure = read_whole_file(path, &text, &size);
    if (failure && failure != ENOMEM)
        return fd_fail(err, FD_ERR_CONFIG, "%s: cannot read the config: %s", path,
                       strerror(failure));
    if (!text)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    if (strlen(text) != size) {
        int line = 1;
        for (const char *p = text; *p; p++)
            line += *p == '\n';
        free(text);
        return fd_fail(err, FD_ERR_CONFIG, "%s:%d: the config contains a NUL byte", path, line);
    }
    int rc = load_text(text, path, lean, out, err);
    free(text);
    return rc;
}

int config_load_file(const char *path, struct fd_config *out, struct fd_error *err)
{
    return load_file(path, false, out, err);
}

char *config_default_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    char *path = malloc(4096);
    if (!path)
        return NULL;
    if (xdg && *xdg)
        snprintf(path, 4096, "%s/frontdesk/frontdesk.conf", xdg);
    else
        snprintf(path, 4096, "%s/.config/frontdesk/frontdesk.conf", home ? home : ".");
    return path;
}

static int load(const char *explicit_path, bool lean, struct fd_config *out, struct fd_error *err)
{
    if (explicit_path)
        return load_file(explicit_path, lean, out, err);
    const char *env = getenv("FRONTDESK_CONFIG");
    if (env && *env)
        return load_file(env, lean, out, err);
    char *path = config_default_path();
    if (!path)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    int rc = access(path, F_OK) == 0
                 ? load_file(path, lean, out, err)
                 : load_text(CONFIG_DEFAULT_TEXT, "built-in defaults", lean, out, err);
    free(path);
    return rc;
}

int config_load(const char *explicit_path, struct fd_config *out, struct fd_error *err)
{
    return load(explicit_path, false, out, err);
}

int config_load_lean(const char *explicit_path, struct fd_config *out, struct fd_error *err)
{
    return load(explicit_path, true, out, err);
}

/* Creates every missing folder of path's parent with mode 0700. */
static int make_parent_folders(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0700) < 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

int config_write_starter(const char *path, struct fd_error *err)
{
    if (make_parent_folders(path) < 0)
        return fd_fail(err, FD_ERR_IO, "%s: cannot create its folder: %s", path, strerror(errno));
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        return fd_fail(err, errno == EEXIST ? FD_ERR_RULE : FD_ERR_IO, "%s: %s", path,
                       errno == EEXIST ? "a config is already there" : strerror(errno));
    size_t length = strlen(CONFIG_DEFAULT_TEXT);
    ssize_t written = write(fd, CONFIG_DEFAULT_TEXT, length);
    int closed = close(fd);
    if (written != (ssize_t)length || closed < 0)
        return fd_fail(err, FD_ERR_IO, "%s: cannot write the config", path);
    return 0;
}

char *config_holiday_path(const char *name)
{
    size_t size = strlen(config_data_dir()) + strlen(name) + 16;
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%s/holidays/%s", config_data_dir(), name);
    return path;
}

const char *config_data_dir(void)
{
    const char *env = getenv("FRONTDESK_DATA_DIR");
    if (env && *env)
        return env;
    if (access(FD_DATA_DIR "/holidays", R_OK) == 0)
        return FD_DATA_DIR;
    return FD_INSTALL_DATA_DIR;
}

static bool same_name(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

const struct fd_service *config_find_service(const struct fd_config *config, const char *name)
{
    for (size_t i = 0; i < config->service_count; i++)
        if (same_name(config->services[i].name, name))
            return &config->services[i];
    return NULL;
}

const struct fd_clinic *config_find_clinic(const struct fd_config *config, const char *name)
{
    for (size_t i = 0; i < config->clinic_count; i++)
        if (same_name(config->clinics[i].name, name))
            return &config->clinics[i];
    return NULL;
}

const struct fd_clinic *config_clinic_by_id(const struct fd_config *config, int64_t id)
{
    for (size_t i = 0; i < config->clinic_count; i++)
        if (config->clinics[i].id == id)
            return &config->clinics[i];
    return NULL;
}

const struct fd_mailing_list *config_find_list(const struct fd_config *config, const char *name)
{
    for (size_t i = 0; i < config->list_count; i++)
        if (same_name(config->lists[i].name, name))
            return &config->lists[i];
    return NULL;
}

const struct fd_offer *config_find_offer(const struct fd_config *config, const char *name)
{
    for (size_t i = 0; i < config->offer_count; i++)
        if (same_name(config->offers[i].name, name))
            return &config->offers[i];
    return NULL;
}

bool config_clinic_closed(const struct fd_config *config, const struct fd_clinic *clinic,
                          fd_day day)
{
    if (calendar_is_closure(&config->calendar, day))
        return true;
    return clinic && clinic->closed_count &&
           bsearch(&day, clinic->closed, clinic->closed_count, sizeof day, compare_days) != NULL;
}

const struct fd_clinic *config_site(const struct fd_config *config)
{
    return config->site ? config_find_clinic(config, config->site) : NULL;
}

bool config_service_offered_at(const struct fd_service *service, const char *clinic_name)
{
    for (size_t i = 0; i < service->clinic_count; i++)
        if (same_name(service->clinics[i], clinic_name))
            return true;
    return false;
}

void config_free(struct fd_config *config)
{
    if (!config)
        return;
    free(config->source);
    free(config->clinic_name);
    free(config->timezone);
    calendar_free(&config->calendar);
    free(config->holidays);
    free(config->sendmail);
    free(config->from);
    free(config->database);
    free(config->desk);
    free(config->sms_command);
    message_argv_free(config->sms_argv);
    for (size_t i = 0; config->clinics && i < config->clinic_count; i++) {
        free(config->clinics[i].name);
        free(config->clinics[i].closed);
    }
    free(config->clinics);
    free(config->site);
    for (size_t i = 0; config->services && i < config->service_count; i++) {
        free(config->services[i].name);
        for (size_t c = 0; config->services[i].clinics && c < config->services[i].clinic_count; c++)
            free(config->services[i].clinics[c]);
        free(config->services[i].clinics);
    }
    free(config->services);
    config_messages_free(config);
    memset(config, 0, sizeof *config);
}
