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

/* The text as libconfuse should read it (allocated; NULL when out of
 * memory): comments blanked and ${ escaped inside double quotes, every line
 * keeping its number.  *unclosed tells of a comment or section the file
 * never closes. */
char *config_prepare_text(const char *text, struct unclosed *unclosed);

/* A parser knowing every option of SPEC §4, whose callbacks check each
 * value as libconfuse reads it; NULL when out of memory. */
cfg_t *config_parser_new(void);

/* One parse at a time per thread, between these two calls: its first
 * error ("SOURCE:LINE: option: why"; "" when there was none) and the line
 * each checked value was read on. */
void config_parse_begin(const char *source);
const char *config_parse_error(void);
/* The line on which value `index` of option in section (the cfg_t that
 * libconfuse handed the callbacks) was read; 0 when it is not known, such
 * as for a default. */
int config_line_of(const cfg_t *section, const char *option, unsigned index);
void config_parse_end(void);

/* data/holidays/NAME under config_data_dir() (allocated; NULL when out of
 * memory). */
char *config_holiday_path(const char *name);

/* Renders text with every confirmation placeholder empty: -FD_ERR_CONFIG
 * naming source (and the line in text) for one the confirmation does not
 * know. */
int config_check_placeholders(const char *text, const char *source, struct fd_error *err);

#endif
