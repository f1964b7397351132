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
#include <frontdesk/message.h>
#include <frontdesk/offer.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A clinic, or site: its own rooms and its own closures (days it alone is
 * closed, beside the calendar's closures that close every site). */
struct fd_clinic {
    int64_t id; /* the clinic's row in the store, filled in by store_sync_clinics() */
    char *name;
    int rooms;
    fd_day *closed; /* sorted */
    size_t closed_count;
};

struct fd_service {
    char *name;
    int minutes;
    int price_pence;
    int buffer;
    char **clinics; /* names of the clinics that offer it */
    size_t clinic_count;
};

/* A charge for a missed or late-cancelled appointment: a whole percentage
 * of the price ("50%") or an amount ("20.00"); "0" is no fee at all. */
struct fd_fee {
    enum fd_fee_kind { FEE_NONE, FEE_PERCENT, FEE_AMOUNT } kind;
    int percent; /* FEE_PERCENT: 1 to 100 */
    int pence;   /* FEE_AMOUNT: more than 0 */
};

/* The kinds of message the clinic owes a client, each with a template of
 * its own (`template KIND { ... }`); the names are those of the config. */
enum message_kind {
    MESSAGE_KIND_CONFIRMATION, /* "confirmation": a booking */
    MESSAGE_KIND_CHANGE,       /* "change": an appointment moved */
    MESSAGE_KIND_CANCELLATION, /* "cancellation": the clinic cancelled */
    MESSAGE_KIND_DECLINE,      /* "decline": a booking request declined */
    MESSAGE_KIND_WAITLIST,     /* "waitlist": put on the waitlist */
    MESSAGE_KIND_OFFER,        /* "offer": a freed slot offered, answered with a reply code */
    MESSAGE_KIND_TAKEN,        /* "taken": that offered slot went to someone else */
    MESSAGE_KIND_REMINDER,     /* "reminder": before an appointment */
    MESSAGE_KIND_CORRECTION,   /* "correction": an earlier message's change was undone */
    MESSAGE_KIND_NOTIFY,       /* "notify": open for bookings, to the opening waitlist */
    MESSAGE_KIND_COUNT
};

/* A kind's name ("confirmation"); "" for a value out of range. */
const char *config_message_kind_name(enum message_kind kind);
/* The kind of that name (exact, lower case); -1 when there is none. */
int config_message_kind_parse(const char *name);

/* The template of one kind of message.  Files are names in
 * data/templates/, read when sending; the loader has checked them. */
struct fd_template {
    char *subject; /* the email's subject, with placeholders */
    char *body;    /* the email's body: a file name (default KIND.txt) */
    char *sms;     /* the SMS text: a file name (default KIND.sms) */
};

/* A mailing list clients may join (`list "NAME" { ... }`). */
struct fd_mailing_list {
    char *name;         /* unique in the config (ignoring case) */
    char **frequencies; /* the choices a subscriber makes ("weekly"); none: no choice */
    size_t frequency_count;
    char *welcome; /* the welcome email's body, a file name in data/templates/; NULL: none */
    char *subject; /* the welcome's subject (set when welcome is) */
    char *gift;    /* a link or a file's full path that the welcome offers; NULL: none */
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
    int sendmail_timeout; /* seconds before a sendmail that hangs is killed */
    char *from;
    char *database;                /* NULL: the default location */
    int late_cancel_hours;         /* a cancellation less than this before the start is late */
    struct fd_fee no_show_fee;     /* charged when the client does not come */
    struct fd_fee late_cancel_fee; /* charged for a late cancellation */
    int undo_minutes;              /* how long an action can be undone; 0: never */
    char *desk;                    /* this desk's name, when desks share a login; NULL: none */
    char *site;                    /* the clinic this desk is at (--site); NULL: every site */
    int reminder_working_days;     /* reminders go out this many working days before */
    int reminder_time;             /* minute of day they go out */
    char *sms_command;             /* the SMS program's command line; NULL: no SMS */
    char **sms_argv;               /* sms_command split into words (message_split_command()) */
    struct fd_clinic *clinics;
    size_t clinic_count;
    struct fd_service *services;
    size_t service_count;
    struct fd_template templates[MESSAGE_KIND_COUNT]; /* one per kind, defaults filled in */
    struct fd_mailing_list *lists;
    size_t list_count;
    struct fd_offer *offers; /* in the config's order, which breaks ties (offer.h) */
    size_t offer_count;
    /* Loaded by config_load_lean: the message templates' files were not
     * read at loading (a message rendered from it reads and checks its
     * own when it is). */
    bool lean;
};

/* Finds and loads the config as described above.  Errors name the file,
 * line and option and carry FD_ERR_CONFIG. */
int config_load(const char *explicit_path, struct fd_config *out, struct fd_error *err);
/* The same for a command that only reads: the message templates' files are
 * not read and checked up front (thirty files: a good part of a reader's
 * start); the config's own lines are checked as ever. */
int config_load_lean(const char *explicit_path, struct fd_config *out, struct fd_error *err);
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
const struct fd_mailing_list *config_find_list(const struct fd_config *config, const char *name);
const struct fd_offer *config_find_offer(const struct fd_config *config, const char *name);
bool config_service_offered_at(const struct fd_service *service, const char *clinic_name);
/* Whether the clinic is closed that day: a closure of every site, or one
 * of its own. */
bool config_clinic_closed(const struct fd_config *config, const struct fd_clinic *clinic,
                          fd_day day);
/* The clinic this desk is at (config `site`, or --site), or NULL. */
const struct fd_clinic *config_site(const struct fd_config *config);

/* "55.00" → 5500; -1 when it is not an amount of money. */
int config_parse_price(const char *text);
void config_format_price(int pence, char *out, size_t size);

/* "50%" (a whole percentage, 0 to 100) or "20.00" (as a price) into *out;
 * a zero of either kind is FEE_NONE.  -1 when it is neither. */
int config_parse_fee(const char *text, struct fd_fee *out);
/* What the fee comes to on a price (price_pence >= 0): a percentage
 * rounded half up to whole pence; an amount as it is, even past the price
 * (it is what the clinic asks). */
int config_fee_pence(const struct fd_fee *fee, int price_pence);
/* "50%", "20.00", or "0" for no fee: text that config_parse_fee() reads
 * back as the same fee. */
void config_format_fee(const struct fd_fee *fee, char *out, size_t size);

/* Every placeholder of every template, in the one table that the loader
 * checks a template against and the renderers fill.  Each kind knows some
 * of them (config_template_fields()): every kind ${client}, ${first_name}
 * and ${clinic_name}; the kinds about an appointment (confirmation,
 * change, cancellation, offer, taken, reminder, correction) also the
 * appointment's; and some kinds a few of their own.  A list's welcome
 * knows its own (config_welcome_fields()). */
enum template_placeholder {
    PLACEHOLDER_CLIENT,      /* the client's full name */
    PLACEHOLDER_FIRST_NAME,  /* its first word */
    PLACEHOLDER_CLINIC_NAME, /* the config's clinic_name */
    /* The appointment's. */
    PLACEHOLDER_DATE,       /* "Monday 30 November 2026" */
    PLACEHOLDER_TIME,       /* the start, HH:MM */
    PLACEHOLDER_END,        /* the end, HH:MM */
    PLACEHOLDER_THERAPIST,  /* the therapist's full name */
    PLACEHOLDER_CLINIC,     /* where */
    PLACEHOLDER_SERVICE,    /* what (decline and waitlist know it too; for notify " for S" or "") */
    PLACEHOLDER_MINUTES,    /* how long */
    PLACEHOLDER_PRICE,      /* what the client pays, "49.50" */
    PLACEHOLDER_LIST_PRICE, /* the service's price before any offer, "55.00" */
    PLACEHOLDER_OFFER,      /* the offer applied: " (offer NAME; list price £55.00)", or "" */
    PLACEHOLDER_ID,         /* the appointment's number */
    PLACEHOLDER_REPLY_CODE, /* the code a client's SMS answer quotes */
    /* A kind's own. */
    PLACEHOLDER_OLD_DATE,   /* change: the date it was moved from */
    PLACEHOLDER_OLD_TIME,   /* change: the time it was moved from */
    PLACEHOLDER_REASON,     /* cancellation, decline: why */
    PLACEHOLDER_CORRECTION, /* correction: a sentence saying what stands now */
    PLACEHOLDER_SESSIONS,   /* confirmation: the other sessions of a series, one a line ("") */
    /* A list's welcome. */
    PLACEHOLDER_LIST,      /* the list's name */
    PLACEHOLDER_FREQUENCY, /* the frequency the subscriber chose ("" when none) */
    PLACEHOLDER_GIFT,      /* the list's gift: a link or a file's path */
    PLACEHOLDER_COUNT
};
/* Fills fields[i] for placeholder i, each with a NULL value (rendered as
 * ""): named when the kind knows it, with a NULL name (which
 * message_render() passes over) when it does not.  So a renderer sets the
 * values it has by placeholder and renders with all PLACEHOLDER_COUNT. */
void config_template_fields(enum message_kind kind, struct message_field fields[PLACEHOLDER_COUNT]);
/* The same for a mailing list's welcome email. */
void config_welcome_fields(struct message_field fields[PLACEHOLDER_COUNT]);

/* The largest template body read. */
#define CONFIG_TEMPLATE_MAX_BYTES (64 * 1024)
/* Reads data/templates/NAME: a plain file name, naming a regular file of at
 * most CONFIG_TEMPLATE_MAX_BYTES of UTF-8 text.  Allocates *text (free
 * with free()); path receives the file's full path.  -FD_ERR_CONFIG with
 * a message starting `FIELD "NAME"` (field: "body", "sms", "welcome", the
 * option that named the file) that says what is wrong. */
int config_read_template(const char *field, const char *name, char **text, char *path,
                         size_t path_size, struct fd_error *err);

#endif
