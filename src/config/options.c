/*
 * The options of the config (SPEC §4) as libconfuse knows them, and the
 * callbacks that check each value as it is read, so that a bad value is
 * reported with the file and line it stands on ("FILE:LINE: option: why").
 *
 * libconfuse's callbacks take no user pointer, so what one parse learns
 * lives in one thread-local struct between config_parse_begin() and
 * config_parse_end(): the first error, and the line each checked value
 * was read on, which lets the checks that need the whole file (a service
 * naming a clinic defined further down) name a line too.  It is the only
 * state of this kind in the program and never outlives a load.
 *
 * A section's own line is noted as the section closes, when libconfuse
 * calls its callback: sections close in the order they open, so the nth
 * to close stands on the nth line the text's preparation found
 * (prepare.c).
 */
#include "config_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <frontdesk/text.h>

/* ---- what one parse learns -------------------------------------------- */

/* Value `index` of option in section was read on line. */
struct line_note {
    const cfg_t *section;
    const char *option;
    unsigned index;
    int line;
};

/* The option a section's own line is noted under. */
#define SECTION_TITLE "{"

static _Thread_local struct {
    const char *source;
    char error[512];
    struct line_note *notes;
    size_t note_count, note_capacity;
    const struct section_lines *sections;
    size_t sections_closed;
} parse;

void config_parse_begin(const char *source, const struct section_lines *sections)
{
    config_parse_end();
    parse.source = source;
    parse.sections = sections;
}

const char *config_parse_error(void)
{
    return parse.error;
}

void config_parse_end(void)
{
    free(parse.notes);
    memset(&parse, 0, sizeof parse);
}

static void on_confuse_error(cfg_t *cfg, const char *fmt, va_list ap)
{
    if (parse.error[0])
        return; /* keep the first error: later ones are usually its echo */
    /* cfg_parse_buf() names every buffer "[buf]": the source we were given
     * is the name the owner knows. */
    const char *source = parse.source           ? parse.source
                         : cfg && cfg->filename ? cfg->filename
                                                : "config";
    int n = snprintf(parse.error, sizeof parse.error, "%s:%d: ", source, cfg ? cfg->line : 0);
    if (n > 0 && (size_t)n < sizeof parse.error)
        vsnprintf(parse.error + n, sizeof parse.error - (size_t)n, fmt, ap);
}

/* Keeps a note, unless it repeats the last one: libconfuse calls back once
 * per value of a list and once more at its end, on the line of the "}",
 * and that second call for the same value keeps the first line.  Out of
 * memory, a line is simply not known. */
static void add_note(struct line_note note)
{
    if (parse.notes && parse.note_count > 0) {
        const struct line_note *last = &parse.notes[parse.note_count - 1];
        if (last->section == note.section && last->index == note.index &&
            strcmp(last->option, note.option) == 0)
            return;
    }
    if (!parse.notes || parse.note_count == parse.note_capacity) {
        size_t capacity = parse.note_capacity ? parse.note_capacity * 2 : 32;
        struct line_note *grown = realloc(parse.notes, capacity * sizeof *grown);
        if (!grown)
            return;
        parse.notes = grown;
        parse.note_capacity = capacity;
    }
    parse.notes[parse.note_count++] = note;
}

/* Notes the line of the value just read. */
static void note_line(cfg_t *cfg, cfg_opt_t *opt)
{
    unsigned size = cfg_opt_size(opt);
    if (size > 0)
        add_note((struct line_note){cfg, cfg_opt_name(opt), size - 1, cfg->line});
}

int config_line_of(const cfg_t *section, const char *option, unsigned index)
{
    /* The latest note wins: an option given twice has its second value. */
    for (size_t i = parse.note_count; i-- > 0;) {
        const struct line_note *note = &parse.notes[i];
        if (note->section == section && note->index == index && strcmp(note->option, option) == 0)
            return note->line;
    }
    return 0;
}

int config_section_line(const cfg_t *section)
{
    return config_line_of(section, SECTION_TITLE, 0);
}

/* ---- checking each value as it is read -------------------------------- */

/* A section has just closed: it stands on the next line noted by the
 * text's preparation. */
static int validate_section(cfg_t *cfg, cfg_opt_t *opt)
{
    (void)cfg;
    unsigned size = cfg_opt_size(opt);
    size_t nth = parse.sections_closed++;
    if (size > 0 && parse.sections && nth < parse.sections->count)
        add_note((struct line_note){cfg_opt_getnsec(opt, size - 1), SECTION_TITLE, 0,
                                    parse.sections->lines[nth]});
    return 0;
}

/* The value just read: the last of a list, the only one otherwise; NULL
 * for an empty list. */
static const char *newest_string(cfg_opt_t *opt)
{
    unsigned size = cfg_opt_size(opt);
    return size ? cfg_opt_getnstr(opt, size - 1) : NULL;
}

/* Lines are noted for options checked after parsing, and nothing else. */
static int validate_later(cfg_t *cfg, cfg_opt_t *opt)
{
    note_line(cfg, opt);
    return 0;
}

static int validate_hm(cfg_t *cfg, cfg_opt_t *opt)
{
    int minute;
    const char *value = newest_string(opt);
    note_line(cfg, opt);
    if (value && time_parse_hm(value, &minute) < 0) {
        cfg_error(cfg, "%s: \"%s\" is not a time (HH:MM)", cfg_opt_name(opt), value);
        return -1;
    }
    return 0;
}

/* A time something happens at: 24:00, the end of a day, is not one. */
static int validate_time_of_day(cfg_t *cfg, cfg_opt_t *opt)
{
    if (validate_hm(cfg, opt) < 0)
        return -1;
    const char *value = newest_string(opt);
    int minute;
    if (value && time_parse_hm(value, &minute) == 0 && minute >= 24 * 60) {
        cfg_error(cfg, "%s: \"%s\" is not a time of day (00:00 to 23:59)", cfg_opt_name(opt),
                  value);
        return -1;
    }
    return 0;
}

static int validate_weekday(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = newest_string(opt);
    if (value && date_weekday_parse(value, (int)strlen(value)) < 0) {
        cfg_error(cfg, "%s: \"%s\" is not a day of the week", cfg_opt_name(opt), value);
        return -1;
    }
    return 0;
}

static int validate_date(cfg_t *cfg, cfg_opt_t *opt)
{
    fd_day day;
    const char *value = newest_string(opt);
    note_line(cfg, opt);
    if (value && date_parse(value, &day) < 0) {
        cfg_error(cfg, "%s: \"%s\" is not a date (YYYY-MM-DD)", cfg_opt_name(opt), value);
        return -1;
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
    {"sendmail_timeout", 1, 3600},
    {"late_cancel_hours", 0, 720},
    {"undo_minutes", 0, 1440},
    {"reminder_working_days", 0, 10},
    {"rooms", 1, 99},
    {"minutes", 5, 720},
    {"buffer", 0, 240},
    {"percent", 1, 100},
};

static int validate_range(cfg_t *cfg, cfg_opt_t *opt)
{
    long value = cfg_opt_getnint(opt, cfg_opt_size(opt) - 1);
    note_line(cfg, opt);
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
    const char *value = newest_string(opt);
    if (config_parse_price(value) < 0) {
        cfg_error(cfg, "price: \"%s\" is not an amount such as \"55.00\"", value ? value : "");
        return -1;
    }
    return 0;
}

/* An offer's amount off: like a price, and more than nothing. */
static int validate_amount(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = newest_string(opt);
    note_line(cfg, opt);
    if (config_parse_price(value) <= 0) {
        cfg_error(cfg, "amount: \"%s\" is not an amount more than 0 such as \"5.00\"",
                  value ? value : "");
        return -1;
    }
    return 0;
}

static int validate_fee(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = newest_string(opt);
    struct fd_fee fee;
    if (config_parse_fee(value, &fee) < 0) {
        cfg_error(cfg,
                  "%s: \"%s\" is not a fee: a whole percentage of the price from \"0%%\" to "
                  "\"100%%\", or an amount such as \"20.00\"",
                  cfg_opt_name(opt), value ? value : "");
        return -1;
    }
    return 0;
}

static int validate_nonempty(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = newest_string(opt);
    if (!value || !*value) {
        cfg_error(cfg, "%s: must not be empty", cfg_opt_name(opt));
        return -1;
    }
    return 0;
}

/* Text checked later (a subject's placeholders), which may not be empty. */
static int validate_text(cfg_t *cfg, cfg_opt_t *opt)
{
    note_line(cfg, opt);
    return validate_nonempty(cfg, opt);
}

/* A mailing list's frequency: a short word such as "weekly". */
#define FREQUENCY_MAX 32

static int validate_frequency(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = newest_string(opt);
    note_line(cfg, opt);
    size_t length = value ? strlen(value) : 0;
    bool plain = length > 0 && length <= FREQUENCY_MAX;
    for (size_t i = 0; plain && i < length; i++)
        plain =
            islower((unsigned char)value[i]) || isdigit((unsigned char)value[i]) || value[i] == '-';
    if (!plain) {
        cfg_error(cfg,
                  "frequencies: \"%s\" must be a word of at most %d lower-case letters, digits "
                  "or -, such as weekly",
                  value ? value : "", FREQUENCY_MAX);
        return -1;
    }
    return 0;
}

/* A welcome's gift: a web link, or the full path of a file one can read. */
static int validate_gift(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = newest_string(opt);
    note_line(cfg, opt);
    if (!value)
        return 0;
    size_t length = strlen(value);
    const char *rest = strncmp(value, "https://", 8) == 0  ? value + 8
                       : strncmp(value, "http://", 7) == 0 ? value + 7
                                                           : NULL;
    bool link = rest && *rest && !strpbrk(value, " \t") && text_is_clean_utf8(value, length, false);
    struct stat info;
    bool file = value[0] == '/' && stat(value, &info) == 0 && S_ISREG(info.st_mode) &&
                access(value, R_OK) == 0;
    if (!link && !file) {
        cfg_error(cfg,
                  "gift: \"%s\" is neither a link (https://...) nor the full path of a file "
                  "that can be read",
                  value);
        return -1;
    }
    return 0;
}

/* A command line (sendmail, sms_command) splits into words now, not at
 * the first message; an empty sms_command means no SMS. */
static int validate_command(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = newest_string(opt);
    if (strcmp(cfg_opt_name(opt), "sendmail") != 0 && (!value || !*value))
        return 0;
    char **argv = NULL;
    struct fd_error why = {0};
    int rc = message_split_command(value, cfg_opt_name(opt), &argv, &why);
    message_argv_free(argv);
    if (rc < 0)
        cfg_error(cfg, "%s", why.message);
    return rc < 0 ? -1 : 0;
}

/* "Name <address>" or a bare address, which must be one mail can be sent
 * from: well formed and ASCII. */
static int validate_address(cfg_t *cfg, cfg_opt_t *opt)
{
    if (validate_nonempty(cfg, opt) < 0)
        return -1;
    const char *value = newest_string(opt);
    char name[512], address[512];
    if (message_parse_address(value, name, sizeof name, address, sizeof address) < 0) {
        cfg_error(cfg, "%s: \"%s\" is not an address such as \"Front desk <desk@example.org>\"",
                  cfg_opt_name(opt), value);
        return -1;
    }
    struct fd_error why = {0};
    if (text_check_email(cfg_opt_name(opt), address, FD_ERR_CONFIG, &why) < 0) {
        cfg_error(cfg, "%s", why.message);
        return -1;
    }
    return 0;
}

/* A short name for the desk: letters, digits, '-', '_' and '.'. */
#define DESK_MAX 32

static int validate_desk(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = newest_string(opt);
    size_t length = value ? strlen(value) : 0;
    bool plain = true;
    for (size_t i = 0; i < length; i++)
        plain = plain && (isalnum((unsigned char)value[i]) || strchr("-_.", value[i]));
    if (length > DESK_MAX || !plain) {
        cfg_error(cfg, "desk: \"%s\" must be a name of at most %d letters, digits, -, _ or .",
                  value, DESK_MAX);
        return -1;
    }
    return 0;
}

static int validate_timezone(cfg_t *cfg, cfg_opt_t *opt)
{
    note_line(cfg, opt); /* a site's zone is compared with the clinic's later */
    const char *value = newest_string(opt);
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

static int validate_holidays(cfg_t *cfg, cfg_opt_t *opt)
{
    const char *value = newest_string(opt);
    if (!value || !*value)
        return 0; /* no holiday file: only `closed` dates are closures */
    if (strchr(value, '/')) {
        cfg_error(cfg, "holidays: \"%s\" must be a file name in %s/holidays", value,
                  config_data_dir());
        return -1;
    }
    char *path = config_holiday_path(value);
    int ok = path && access(path, R_OK) == 0;
    free(path);
    if (!ok) {
        cfg_error(cfg, "holidays: no holiday file \"%s\" in %s/holidays", value, config_data_dir());
        return -1;
    }
    return 0;
}

/* ---- the options ------------------------------------------------------ */

/* Which callback checks which option ("section|option" inside a section). */
static const struct {
    const char *option;
    cfg_validate_callback_t check;
} CHECKS[] = {
    {"clinic_name", validate_nonempty},
    {"timezone", validate_timezone},
    {"working_days", validate_weekday},
    {"close_of_business", validate_hm},
    {"opens", validate_hm},
    {"closes", validate_hm},
    {"request_reply_days", validate_range},
    {"slot_step", validate_range},
    {"suggest_horizon_days", validate_range},
    {"holidays", validate_holidays},
    {"closed", validate_date},
    {"sendmail", validate_command},
    {"sendmail_timeout", validate_range},
    {"from", validate_address},
    {"late_cancel_hours", validate_range},
    {"no_show_fee", validate_fee},
    {"late_cancel_fee", validate_fee},
    {"undo_minutes", validate_range},
    {"desk", validate_desk},
    {"reminder_working_days", validate_range},
    {"reminder_time", validate_time_of_day},
    {"sms_command", validate_command},
    {"clinic|rooms", validate_range},
    {"clinic|closed", validate_date},
    {"clinic|timezone", validate_timezone},
    {"site", validate_later},
    {"service|minutes", validate_range},
    {"service|price", validate_price},
    {"service|buffer", validate_range},
    {"service|clinics", validate_later},
    {"template|subject", validate_text},
    {"template|body", validate_later},
    {"template|sms", validate_later},
    {"list|frequencies", validate_frequency},
    {"list|welcome", validate_later},
    {"list|subject", validate_text},
    {"list|gift", validate_gift},
    {"offer|percent", validate_range},
    {"offer|amount", validate_amount},
    {"offer|from", validate_date},
    {"offer|to", validate_date},
    {"offer|subscribers_of", validate_later},
    {"offer|services", validate_later},
    /* Sections, each noting its title's line as it closes. */
    {"clinic", validate_section},
    {"service", validate_section},
    {"template", validate_section},
    {"list", validate_section},
    {"offer", validate_section},
};

cfg_t *config_parser_new(void)
{
    static cfg_opt_t clinic_opts[] = {CFG_INT("rooms", 1, CFGF_NONE),
                                      CFG_STR_LIST("closed", "{}", CFGF_NONE),
                                      CFG_STR("timezone", NULL, CFGF_NONE), CFG_END()};
    static cfg_opt_t service_opts[] = {
        CFG_INT("minutes", 60, CFGF_NONE), CFG_STR("price", "0.00", CFGF_NONE),
        CFG_INT("buffer", 0, CFGF_NONE), CFG_STR_LIST("clinics", NULL, CFGF_NONE), CFG_END()};
    /* A template's defaults depend on its kind: config.c fills them in. */
    static cfg_opt_t template_opts[] = {CFG_STR("subject", NULL, CFGF_NONE),
                                        CFG_STR("body", NULL, CFGF_NONE),
                                        CFG_STR("sms", NULL, CFGF_NONE), CFG_END()};
    static cfg_opt_t list_opts[] = {
        CFG_STR_LIST("frequencies", "{}", CFGF_NONE), CFG_STR("welcome", NULL, CFGF_NONE),
        CFG_STR("subject", NULL, CFGF_NONE), CFG_STR("gift", NULL, CFGF_NONE), CFG_END()};
    /* No defaults where config.c must tell "not given" (cfg_size() 0). */
    static cfg_opt_t offer_opts[] = {CFG_INT("percent", 0, CFGF_NODEFAULT),
                                     CFG_STR("amount", NULL, CFGF_NODEFAULT),
                                     CFG_STR("from", NULL, CFGF_NODEFAULT),
                                     CFG_STR("to", NULL, CFGF_NODEFAULT),
                                     CFG_BOOL("first_session", cfg_false, CFGF_NONE),
                                     CFG_STR_LIST("subscribers_of", "{}", CFGF_NONE),
                                     CFG_STR_LIST("services", "{}", CFGF_NONE),
                                     CFG_END()};
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
        CFG_STR("site", NULL, CFGF_NONE),
        CFG_STR("sendmail", "/usr/sbin/sendmail -t -i", CFGF_NONE),
        CFG_INT("sendmail_timeout", 60, CFGF_NONE),
        CFG_STR("from", "Front desk <desk@example.org>", CFGF_NONE),
        CFG_STR("database", NULL, CFGF_NONE),
        CFG_INT("late_cancel_hours", 24, CFGF_NONE),
        CFG_STR("no_show_fee", "0", CFGF_NONE),
        CFG_STR("late_cancel_fee", "0", CFGF_NONE),
        CFG_INT("undo_minutes", 10, CFGF_NONE),
        CFG_STR("desk", "", CFGF_NONE),
        CFG_INT("reminder_working_days", 1, CFGF_NONE),
        CFG_STR("reminder_time", "10:00", CFGF_NONE),
        CFG_STR("sms_command", "", CFGF_NONE),
        CFG_SEC("clinic", clinic_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
        CFG_SEC("service", service_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
        CFG_SEC("template", template_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
        CFG_SEC("list", list_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
        CFG_SEC("offer", offer_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
        CFG_END()};

    cfg_t *cfg = cfg_init(opts, CFGF_NONE);
    if (!cfg)
        return NULL;
    cfg_set_error_function(cfg, on_confuse_error);
    for (size_t i = 0; i < sizeof CHECKS / sizeof CHECKS[0]; i++)
        cfg_set_validate_func(cfg, CHECKS[i].option, CHECKS[i].check);
    return cfg;
}
