/*
 * The clinic's settings (SPEC §4), loaded with libconfuse into a plain
 * struct that the rest of the program reads and never changes.
 *
 * Lookup: an explicit path (--config), then $FRONTDESK_CONFIG, then
 * $XDG_CONFIG_HOME/frontdesk/frontdesk.conf; with none of them present the
 * built-in defaults apply, which are the example config of the spec.  The
 * holiday file the config names is read here too, so that the calendar
 * (working days, close of business, closures) arrives ready to use.
 */
#ifndef FRONTDESK_CONFIG_H
#define FRONTDESK_CONFIG_H

#include <frontdesk/calendar.h>
#include <frontdesk/error.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct fd_clinic {
    int64_t id; /* the clinic's row in the store, filled in by store_sync_clinics() */
    char *name;
    int rooms;
};

struct fd_service {
    char *name;
    int minutes;
    int price_pence;
    int buffer;
    char **clinics; /* names of the clinics that offer it */
    size_t clinic_count;
};

struct fd_config {
    char *source; /* the file it came from, or "built-in defaults" */
    char *clinic_name;
    char *timezone;
    struct fd_calendar calendar;
    int request_reply_days;
    int slot_step;
    int suggest_horizon_days;
    int opens;  /* minute of day the clinic opens ("am" starts here) */
    int closes; /* minute of day it closes ("evening" ends here) */
    char *holidays;
    char *sendmail;
    char *from;
    char *database; /* NULL: the default location */
    char *confirmation_subject;
    char *confirmation_body; /* file name, relative to data/templates/ */
    struct fd_clinic *clinics;
    size_t clinic_count;
    struct fd_service *services;
    size_t service_count;
};

/* Finds and loads the config as described above.  Errors name the file,
 * line and option and carry FD_ERR_CONFIG. */
int config_load(const char *explicit_path, struct fd_config *out, struct fd_error *err);
/* Loads from a file or from text (tests, fuzzing); source names it. */
int config_load_file(const char *path, struct fd_config *out, struct fd_error *err);
int config_load_text(const char *text, const char *source, struct fd_config *out,
                     struct fd_error *err);
void config_free(struct fd_config *config);

/* The path config_load() would read when no --config is given (allocated,
 * free with free()), whether or not the file exists. */
char *config_default_path(void);
/* Writes the example config to path (mode 0600, folders 0700), refusing to
 * overwrite an existing file. */
int config_write_starter(const char *path, struct fd_error *err);
/* The folder holding holidays/ and templates/: $FRONTDESK_DATA_DIR, else
 * the source tree's data/ when it exists, else the installed share folder
 * (PREFIX/share/frontdesk). */
const char *config_data_dir(void);

/* Case-insensitive look-ups by name; NULL when there is none. */
const struct fd_service *config_find_service(const struct fd_config *config, const char *name);
const struct fd_clinic *config_find_clinic(const struct fd_config *config, const char *name);
const struct fd_clinic *config_clinic_by_id(const struct fd_config *config, int64_t id);
bool config_service_offered_at(const struct fd_service *service, const char *clinic_name);

/* "55.00" → 5500; -1 when it is not an amount of money. */
int config_parse_price(const char *text);
void config_format_price(int pence, char *out, size_t size);

#endif
