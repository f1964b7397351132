/*
 * What the files of the config loader share; nothing outside src/config
 * includes this.  Loading runs in three steps, one file each: the text is
 * prepared for libconfuse (prepare.c), libconfuse parses it with a
 * callback checking each value as it is read (options.c), and the values
 * are copied into struct fd_config and checked as a whole (config.c).
 */
#ifndef FRONTDESK_CONFIG_INTERNAL_H
#define FRONTDESK_CONFIG_INTERNAL_H

#include <frontdesk/config.h>

#include <confuse.h>

/* What libconfuse 3.3 would quietly accept when the file ends too soon. */
struct unclosed {
    int line; /* 0: everything was closed */
    const char *what;
};

/* The lines a section's title stands on, one for each section of the file
 * in order (clinic, service, template, list and offer alike), which
 * libconfuse does not keep: it knows only the line of the closing "}". */
struct section_lines {
    int *lines; /* allocated; free with free() */
    size_t count;
};

/* The text as libconfuse should read it (allocated; NULL when out of
 * memory): comments blanked and ${ escaped inside double quotes, every line
 * keeping its number.  *unclosed tells of a comment or section the file
 * never closes; *sections receives the line of each section's title. */
char *config_prepare_text(const char *text, struct unclosed *unclosed,
                          struct section_lines *sections);

/* A parser knowing every option of SPEC §4, whose callbacks check each
 * value as libconfuse reads it; NULL when out of memory. */
cfg_t *config_parser_new(void);

/* One parse at a time per thread, between these two calls: its first
 * error ("SOURCE:LINE: option: why"; "" when there was none) and the line
 * each checked value was read on.  sections (which must outlive the parse)
 * tells where each section's title stands. */
void config_parse_begin(const char *source, const struct section_lines *sections);
const char *config_parse_error(void);
/* The line on which value `index` of option in section (the cfg_t that
 * libconfuse handed the callbacks) was read; 0 when it is not known, such
 * as for a default. */
int config_line_of(const cfg_t *section, const char *option, unsigned index);
/* The line a section's title was read on; 0 when it is not known. */
int config_section_line(const cfg_t *section);
void config_parse_end(void);

/* Fails with code and "SOURCE:LINE: what", or "SOURCE: what" when the line
 * is not known (0). */
__attribute__((format(printf, 5, 6))) int
config_fail_at(struct fd_error *err, int code, const char *source, int line, const char *fmt, ...);

/* The sections of messages.c, copied into config and checked: templates
 * (all kinds, defaults filled in), lists, then offers (which name lists
 * and services, copied before them).  config_messages_free() frees what
 * they copied. */
int config_copy_templates(cfg_t *cfg, struct fd_config *config, struct fd_error *err);
int config_copy_lists(cfg_t *cfg, struct fd_config *config, struct fd_error *err);
int config_copy_offers(cfg_t *cfg, struct fd_config *config, struct fd_error *err);
void config_messages_free(struct fd_config *config);

/* data/holidays/NAME under config_data_dir() (allocated; NULL when out of
 * memory). */
char *config_holiday_path(const char *name);

/* A kind's subject when the config gives none. */
const char *config_default_subject(enum message_kind kind);

/* Renders text with every placeholder of fields (config_template_fields())
 * empty: -FD_ERR_CONFIG naming source (and the line in text) for one that
 * fields do not name. */
int config_check_placeholders(const struct message_field fields[PLACEHOLDER_COUNT],
                              const char *text, const char *source, struct fd_error *err);
/* Reads data/templates/NAME (config_read_template()) and checks it so:
 * -FD_ERR_CONFIG with a message starting `FIELD "NAME"`. */
int config_check_template_file(const struct message_field fields[PLACEHOLDER_COUNT],
                               const char *field, const char *name, struct fd_error *err);

#endif
