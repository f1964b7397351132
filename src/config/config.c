/*
 * Loading the config with libconfuse.
 *
 * libconfuse checks the syntax and the option names; the validation
 * callbacks below check each value as it is read, so that a bad value is
 * reported with the file and line it stands on ("FILE:LINE: option: why").
 * Checks that need the whole file (a service naming an unknown clinic) run
 * after parsing and name the section instead of a line.
 *
 * libconfuse's error callback takes no user pointer, so the message being
 * built is kept in one thread-local buffer: the only state of this kind in
 * the program, and it never outlives a call to config_load_text().
 */
#include <frontdesk/config.h>

#include <confuse.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_default.h"

static _Thread_local char parse_error[512];
static _Thread_local const char *parse_source;

static void on_confuse_error(cfg_t *cfg, const char *fmt, va_list ap)
{
    if (parse_error[0])
        return; /* keep the first error: later ones are usually its echo */
    /* cfg_parse_buf() names every buffer "[buf]": the source we were given
     * is the name the owner knows. */
    const char *source = parse_source           ? parse_source
                         : cfg && cfg->filename ? cfg->filename
                                                : "config";
    int n = snprintf(parse_error, sizeof parse_error, "%s:%d: ", source, cfg ? cfg->line : 0);
    if (n > 0 && (size_t)n < sizeof parse_error)
        vsnprintf(parse_error + n, sizeof parse_error - (size_t)n, fmt, ap);
}

static int validate_hm(cfg_t *cfg, cfg_opt_t *opt)
{
    int minute;
    const char *value = cfg_opt_getnstr(opt, cfg_opt_size(opt) - 1);
    if (time_parse_hm(value, &minute) < 0) {
        cfg_error(cfg, "%s: \"%s\" is not a time (HH:MM)", cfg_opt_name(opt), value);
        return -1;
    }
    return 0;
}

static int validate_weekdays(cfg_t *cfg, cfg_opt_t *opt)
{
    for (unsigned i = 0; i < cfg_opt_size(opt); i++) {
        const char *value = cfg_opt_getnstr(opt, i);
        if (date_weekday_parse(value, (int)strlen(value)) < 0) {
            cfg_error(cfg, "%s: \"%s\" is not a day of the week", cfg_opt_name(opt), value);
            return -1;
        }
    }
    return 0;
}

static int validate_dates(cfg_t *cfg, cfg_opt_t *opt)
{
    for (unsigned i = 0; i < cfg_opt_size(opt); i++) {
        fd_day day;
        const char *value = cfg_opt_getnstr(opt, i);
        if (date_parse(value, &day) < 0) {
            cfg_error(cfg, "%s: \"%s\" is not a date (YYYY-MM-DD)", cfg_opt_name(opt), value);
            return -1;
        }
    }
    return 0;
}

/* Integer options and their allowed ranges, checked in one callback. */
static const struct {
    const char *name;
    long low, high;
} INT_RANGES[] = {
    {"request_reply_days", 0, 60},
    {"slot_step", 5, 240},
    {"suggest_horizon_days", 1, 366},
    {"rooms", 1, 99},
    {"minutes", 5, 720},
    {"buffer", 0, 240},
};

static int validate_range(cfg_t *cfg, cfg_opt_t *opt)
{
    long value = cfg_opt_getnint(opt, cfg_opt_size(opt) - 1);
    for (size_t i = 0; i < sizeof INT_RANGES / sizeof INT_RANGES[0]; i++) {
        if (strcmp(INT_RANGES[i].name, cfg_opt_name(opt)) != 0)
            continue;
        if (value < INT_RANGES[i].low || value > INT_RANGES[i].high) {
            cfg_error(cfg, "%s: %ld is out of range (%ld to %ld)", cfg_opt_name(opt), value,
                      INT_RANGES[i].low, INT_RANGES[i].high);
            return -1;
        }
    }
    return 0;
}

static int validate_price(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = cfg_opt_getnstr(opt, cfg_opt_size(opt) - 1);
    if (config_parse_price(value) < 0) {
        cfg_error(cfg, "price: \"%s\" is not an amount such as \"55.00\"", value);
        return -1;
    }
    return 0;
}

static int validate_nonempty(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = cfg_opt_getnstr(opt, cfg_opt_size(opt) - 1);
    if (!value || !*value) {
        cfg_error(cfg, "%s: must not be empty", cfg_opt_name(opt));
        return -1;
    }
    return 0;
}

static int validate_timezone(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = cfg_opt_getnstr(opt, cfg_opt_size(opt) - 1);
    char path[512];
    struct stat st;
    bool shaped = value && *value && value[0] != '/' && !strstr(value, "..");
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", shaped ? value : "");
    /* Without a zoneinfo folder (a minimal container) any sane name is taken. */
    if (!shaped ||
        (stat("/usr/share/zoneinfo", &st) == 0 && (stat(path, &st) != 0 || !S_ISREG(st.st_mode)))) {
        cfg_error(cfg, "timezone: \"%s\" is not a known time zone (such as Europe/London)",
                  value ? value : "");
        return -1;
    }
    return 0;
}

static char *holiday_path(const char *name)
{
    size_t size = strlen(config_data_dir()) + strlen(name) + 16;
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%s/holidays/%s", config_data_dir(), name);
    return path;
}

static int validate_holidays(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = cfg_opt_getnstr(opt, cfg_opt_size(opt) - 1);
    if (!value || !*value)
        return 0; /* no holiday file: only `closed` dates are closures */
    if (strchr(value, '/')) {
        cfg_error(cfg, "holidays: \"%s\" must be a file name in %s/holidays", value,
                  config_data_dir());
        return -1;
    }
    char *path = holiday_path(value);
    int ok = path && access(path, R_OK) == 0;
    free(path);
    if (!ok) {
        cfg_error(cfg, "holidays: no holiday file \"%s\" in %s/holidays", value, config_data_dir());
        return -1;
    }
    return 0;
}

static cfg_t *config_parser_new(void)
{
    static cfg_opt_t clinic_opts[] = {CFG_INT("rooms", 1, CFGF_NONE), CFG_END()};
    static cfg_opt_t service_opts[] = {
        CFG_INT("minutes", 60, CFGF_NONE), CFG_STR("price", "0.00", CFGF_NONE),
        CFG_INT("buffer", 0, CFGF_NONE), CFG_STR_LIST("clinics", NULL, CFGF_NONE), CFG_END()};
    static cfg_opt_t template_opts[] = {
        CFG_STR("subject", "Your appointment on ${date} at ${time}", CFGF_NONE),
        CFG_STR("body", "confirmation.txt", CFGF_NONE), CFG_END()};
    static cfg_opt_t opts[] = {
        CFG_STR("clinic_name", "Riverside Sports Massage", CFGF_NONE),
        CFG_STR("timezone", "Europe/London", CFGF_NONE),
        CFG_STR_LIST("working_days", "{mon,tue,wed,thu,fri}", CFGF_NONE),
        CFG_STR("close_of_business", "18:00", CFGF_NONE),
        CFG_STR("opens", "08:00", CFGF_NONE),
        CFG_STR("closes", "20:00", CFGF_NONE),
        CFG_INT("request_reply_days", 2, CFGF_NONE),
        CFG_INT("slot_step", 15, CFGF_NONE),
        CFG_INT("suggest_horizon_days", 21, CFGF_NONE),
        CFG_STR("holidays", "england-and-wales", CFGF_NONE),
        CFG_STR_LIST("closed", "{}", CFGF_NONE),
        CFG_STR("sendmail", "/usr/sbin/sendmail -t -i", CFGF_NONE),
        CFG_STR("from", "Front desk <desk@example.org>", CFGF_NONE),
        CFG_STR("database", NULL, CFGF_NONE),
        CFG_SEC("clinic", clinic_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
        CFG_SEC("service", service_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
        CFG_SEC("template", template_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
        CFG_END()};

    cfg_t *cfg = cfg_init(opts, CFGF_NONE);
    if (!cfg)
        return NULL;
    cfg_set_error_function(cfg, on_confuse_error);
    static const char *const hm_options[] = {"close_of_business", "opens", "closes"};
    for (size_t i = 0; i < 3; i++)
        cfg_set_validate_func(cfg, hm_options[i], validate_hm);
    static const char *const int_options[] = {"request_reply_days",   "slot_step",
                                              "suggest_horizon_days", "clinic|rooms",
                                              "service|minutes",      "service|buffer"};
    for (size_t i = 0; i < 6; i++)
        cfg_set_validate_func(cfg, int_options[i], validate_range);
    cfg_set_validate_func(cfg, "working_days", validate_weekdays);
    cfg_set_validate_func(cfg, "closed", validate_dates);
    cfg_set_validate_func(cfg, "timezone", validate_timezone);
    cfg_set_validate_func(cfg, "holidays", validate_holidays);
    cfg_set_validate_func(cfg, "service|price", validate_price);
    cfg_set_validate_func(cfg, "clinic_name", validate_nonempty);
    cfg_set_validate_func(cfg, "sendmail", validate_nonempty);
    cfg_set_validate_func(cfg, "from", validate_nonempty);
    return cfg;
}

static char *dup_or_null(const char *text)
{
    return text ? strdup(text) : NULL;
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
    char *path = holiday_path(config->holidays);
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

static int copy_sections(cfg_t *cfg, struct fd_config *config, struct fd_error *err)
{
    config->clinic_count = cfg_size(cfg, "clinic");
    config->clinics = calloc(config->clinic_count + 1, sizeof *config->clinics);
    config->service_count = cfg_size(cfg, "service");
    config->services = calloc(config->service_count + 1, sizeof *config->services);
    if (!config->clinics || !config->services)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    if (config->clinic_count == 0)
        return fd_fail(err, FD_ERR_CONFIG,
                       "%s: no clinic is defined (clinic \"Name\" { rooms = N })", config->source);
    for (size_t i = 0; i < config->clinic_count; i++) {
        cfg_t *sec = cfg_getnsec(cfg, "clinic", (unsigned)i);
        config->clinics[i].name = strdup(cfg_title(sec));
        config->clinics[i].rooms = (int)cfg_getint(sec, "rooms");
        if (!*config->clinics[i].name)
            return fd_fail(err, FD_ERR_CONFIG, "%s: clinic: the name must not be empty",
                           config->source);
    }
    for (size_t i = 0; i < config->service_count; i++) {
        cfg_t *sec = cfg_getnsec(cfg, "service", (unsigned)i);
        struct fd_service *service = &config->services[i];
        service->name = strdup(cfg_title(sec));
        service->minutes = (int)cfg_getint(sec, "minutes");
        service->price_pence = config_parse_price(cfg_getstr(sec, "price"));
        service->buffer = (int)cfg_getint(sec, "buffer");
        service->clinic_count = cfg_size(sec, "clinics");
        service->clinics = calloc(service->clinic_count + 1, sizeof *service->clinics);
        if (!service->clinics)
            return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        if (service->clinic_count == 0)
            return fd_fail(err, FD_ERR_CONFIG,
                           "%s: service \"%s\": clinics: name at least one clinic", config->source,
                           service->name);
        for (size_t c = 0; c < service->clinic_count; c++) {
            const char *name = cfg_getnstr(sec, "clinics", (unsigned)c);
            service->clinics[c] = strdup(name);
            if (!config_find_clinic(config, name))
                return fd_fail(err, FD_ERR_CONFIG,
                               "%s: service \"%s\": clinics: no clinic is named \"%s\"",
                               config->source, service->name, name);
        }
    }
    for (unsigned i = 0; i < cfg_size(cfg, "template"); i++) {
        cfg_t *sec = cfg_getnsec(cfg, "template", i);
        if (strcmp(cfg_title(sec), "confirmation") != 0)
            return fd_fail(err, FD_ERR_CONFIG,
                           "%s: template \"%s\": the only template is \"confirmation\"",
                           config->source, cfg_title(sec));
        free(config->confirmation_subject);
        free(config->confirmation_body);
        config->confirmation_subject = strdup(cfg_getstr(sec, "subject"));
        config->confirmation_body = strdup(cfg_getstr(sec, "body"));
    }
    return 0;
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
    config->from = strdup(cfg_getstr(cfg, "from"));
    config->database = dup_or_null(cfg_getstr(cfg, "database"));
    config->confirmation_subject = strdup("Your appointment on ${date} at ${time}");
    config->confirmation_body = strdup("confirmation.txt");
    time_parse_hm(cfg_getstr(cfg, "close_of_business"), &config->calendar.close_of_business);
    time_parse_hm(cfg_getstr(cfg, "opens"), &config->opens);
    time_parse_hm(cfg_getstr(cfg, "closes"), &config->closes);
    if (config->opens >= config->closes)
        return fd_fail(err, FD_ERR_CONFIG, "%s: opens: the clinic must open before it closes",
                       config->source);
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
    return copy_sections(cfg, config, err);
}

/*
 * libconfuse replaces ${NAME} inside double-quoted strings with the
 * environment variable NAME, which would silently empty the template
 * placeholders (${date}, ${time}) of the spec's own example.  The config
 * has no use for environment variables, so every ${ inside a double-quoted
 * string is escaped as \${ before parsing; comments and single-quoted
 * strings are left alone.  Lines keep their numbers.  Allocates.
 *
 * The same pass finds what libconfuse 3.3 quietly accepts when the file
 * ends too soon: a section never closed (a lost last "}") or a comment
 * never closed, which swallows the rest of the file.  *unclosed is then
 * the outermost '{' or the comment's opening, with its line.  To agree with
 * libconfuse's lexer, "//" and "/" "*" open comments only where a token
 * starts, and an unquoted ${NAME} is one token up to the next '}'.
 */
static bool is_word_char(char c)
{
    return c && !strchr(" #\"'\t\n\r={}()+,*", c);
}

struct unclosed {
    int line; /* 0: everything was closed */
    const char *what;
};

static char *escape_placeholders(const char *text, struct unclosed *unclosed)
{
    size_t length = strlen(text), dollars = 0;
    for (size_t i = 0; i + 1 < length; i++)
        dollars += text[i] == '$' && text[i + 1] == '{';
    char *out = malloc(length + dollars + 1), *o = out;
    if (!out)
        return NULL;
    enum { CODE, DOUBLE, SINGLE, LINE_COMMENT, BLOCK_COMMENT } state = CODE;
    int line = 1, depth = 0, brace_line = 0, comment_line = 0;
    bool in_word = false;
    for (const char *p = text; *p; p++) {
        char c = *p;
        const char *end;
        switch (state) {
        case CODE:
            if (c == '"') {
                state = DOUBLE;
            } else if (c == '\'') {
                state = SINGLE;
            } else if (c == '#' || (!in_word && c == '/' && p[1] == '/')) {
                state = LINE_COMMENT;
            } else if (!in_word && c == '/' && p[1] == '*') {
                *o++ = *p++; /* the '*' must not also close the comment */
                c = *p;
                state = BLOCK_COMMENT;
                comment_line = line;
            } else if (!in_word && c == '$' && p[1] == '{' && (end = strchr(p + 2, '}'))) {
                for (; p < end; p++) {
                    line += *p == '\n';
                    *o++ = *p;
                }
                c = *p;
            } else if (c == '{') {
                if (depth++ == 0)
                    brace_line = line;
            } else if (c == '}' && depth > 0) {
                depth--;
            }
            in_word = state == CODE && is_word_char(c);
            break;
        case DOUBLE:
        case SINGLE:
            if (c == '\\' && p[1]) {
                *o++ = *p++;
                c = *p;
            } else if ((state == DOUBLE && c == '"') || (state == SINGLE && c == '\'')) {
                state = CODE;
            } else if (state == DOUBLE && c == '$' && p[1] == '{') {
                *o++ = '\\';
            }
            break;
        case LINE_COMMENT:
            if (c == '\n')
                state = CODE;
            break;
        case BLOCK_COMMENT:
            if (c == '*' && p[1] == '/') {
                *o++ = *p++;
                c = *p;
                state = CODE;
            }
            break;
        }
        line += c == '\n';
        *o++ = c;
    }
    *o = '\0';
    *unclosed = (struct unclosed){0, NULL};
    if (state == BLOCK_COMMENT)
        *unclosed = (struct unclosed){comment_line, "comment is never closed (a '*/' is missing)"};
    else if (depth > 0)
        *unclosed = (struct unclosed){brace_line, "'{' is never closed (a '}' is missing)"};
    return out;
}

int config_load_text(const char *text, const char *source, struct fd_config *out,
                     struct fd_error *err)
{
    memset(out, 0, sizeof *out);
    out->source = strdup(source);
    cfg_t *cfg = config_parser_new();
    if (!cfg || !out->source) {
        if (cfg)
            cfg_free(cfg);
        config_free(out);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    parse_error[0] = '\0';
    parse_source = source;
    struct unclosed unclosed = {0, NULL};
    char *escaped = escape_placeholders(text, &unclosed);
    bool out_of_memory = !escaped;
    int rc = escaped ? cfg_parse_buf(cfg, escaped) : CFG_PARSE_ERROR;
    free(escaped);
    if (out_of_memory) {
        rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    } else if (rc != CFG_SUCCESS) {
        /* libconfuse fails without a word on an empty option name (""). */
        if (parse_error[0])
            rc = fd_fail(err, FD_ERR_CONFIG, "%s", parse_error);
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
    parse_source = NULL;
    if (rc < 0)
        config_free(out);
    return rc;
}

int config_load_file(const char *path, struct fd_config *out, struct fd_error *err)
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
    int rc = config_load_text(text, path, out, err);
    free(text);
    return rc;
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

int config_load(const char *explicit_path, struct fd_config *out, struct fd_error *err)
{
    if (explicit_path)
        return config_load_file(explicit_path, out, err);
    const char *env = getenv("FRONTDESK_CONFIG");
    if (env && *env)
        return config_load_file(env, out, err);
    char *path = config_default_path();
    if (!path)
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    int rc = access(path, F_OK) == 0
                 ? config_load_file(path, out, err)
                 : config_load_text(CONFIG_DEFAULT_TEXT, "built-in defaults", out, err);
    free(path);
    return rc;
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

bool config_service_offered_at(const struct fd_service *service, const char *clinic_name)
{
    for (size_t i = 0; i < service->clinic_count; i++)
        if (same_name(service->clinics[i], clinic_name))
            return true;
    return false;
}

int config_parse_price(const char *text)
{
    if (!text || !isdigit((unsigned char)text[0]))
        return -1;
    long pounds = 0;
    const char *p = text;
    while (isdigit((unsigned char)*p) && pounds < 100000)
        pounds = pounds * 10 + (*p++ - '0');
    int pence = 0;
    if (*p == '.') {
        if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) || p[3])
            return -1;
        pence = (p[1] - '0') * 10 + (p[2] - '0');
    } else if (*p) {
        return -1;
    }
    if (pounds >= 100000)
        return -1;
    return (int)(pounds * 100 + pence);
}

void config_format_price(int pence, char *out, size_t size)
{
    snprintf(out, size, "%d.%02d", pence / 100, pence % 100);
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
    free(config->confirmation_subject);
    free(config->confirmation_body);
    for (size_t i = 0; config->clinics && i < config->clinic_count; i++)
        free(config->clinics[i].name);
    free(config->clinics);
    for (size_t i = 0; config->services && i < config->service_count; i++) {
        free(config->services[i].name);
        for (size_t c = 0; config->services[i].clinics && c < config->services[i].clinic_count; c++)
            free(config->services[i].clinics[c]);
        free(config->services[i].clinics);
    }
    free(config->services);
    memset(config, 0, sizeof *config);
}
