/*
 * Importing booking requests from a CSV file (SPEC §2 "CSV import"): UTF-8,
 * RFC 4180 quoting, a header row naming the columns in any order.  Every
 * row passes the same checks as `request add` (ops_request_check), and the
 * whole file is one transaction: all rows or none, unless skip_invalid,
 * which keeps the good rows and reports the bad ones.
 *
 * The file is read as a stream in fixed chunks and each row is checked and
 * stored as it is read, so memory stays flat whatever the file's size.
 * Errors name the file and the physical line where the row starts
 * ("requests.csv:14: email: \"bob@\" is not an email address"), counting
 * line breaks inside quoted fields.
 *
 * Importing the same file again adds nothing twice: each row carries an
 * import key, a hash of its field values as written in the file (trimmed,
 * in a fixed column order), and a row whose key is already stored counts
 * as "already there".  A row without `received` gets the clock's time, but
 * the key hashes the empty field, so a second import still recognises it.
 */
#ifndef FRONTDESK_IMPORT_H
#define FRONTDESK_IMPORT_H

#include <frontdesk/ops.h>

#include <stdbool.h>
#include <stdio.h>

/* The columns a header may name; only name, email and service are
 * required.  Any other column is refused, so that a typo ("e-mail") is not
 * silently ignored. */
#define IMPORT_COLUMNS            "received, name, email, phone, service, prefer, therapist, message"
#define IMPORT_MESSAGE_COLUMNS    "received, name, email, text"
#define IMPORT_SUBSCRIBER_COLUMNS "name, email, list, frequency, subscribed, source"

/* What a file holds (see import.c): booking requests, or contact-form
 * messages with the columns received, name, email, text (name, email and
 * text required; text may span lines). */
struct import_kind;
extern const struct import_kind IMPORT_REQUESTS;
extern const struct import_kind IMPORT_MESSAGES;
/* Mailing-list sign-ups (the web form's export): name, email and list
 * required; frequency, subscribed ("YYYY-MM-DD HH:MM") and source (web,
 * the default, or desk) optional.  One already current counts as already
 * there. */
extern const struct import_kind IMPORT_SUBSCRIBERS;

/* Bad rows whose message is kept; further ones are only counted. */
#define IMPORT_MAX_PROBLEMS 50
/* Room for "FILE:LINE: " and a field's message. */
#define IMPORT_PROBLEM_SIZE 768

/* Called while the file is read, at most once per 64 KiB chunk, and once at
 * the end.  bytes_total is -1 when the size is unknown (a pipe). */
typedef void (*import_progress)(void *data, long bytes_done, long bytes_total);

struct import_options {
    bool skip_invalid; /* store the good rows, report the bad ones */
    bool dry_run;      /* check and count everything, then roll back */
    import_progress progress;
    void *progress_data;
};

struct import_result {
    long rows;     /* data rows read (blank lines are not rows) */
    long imported; /* rows stored as new requests (would be, in a dry run) */
    long already;  /* rows whose import key was there already */
    long bad_rows; /* rows refused */
    /* Requests imported whose preferred times could not be read: kept as
     * written and flagged for the desk, not refused. */
    long prefer_not_understood;
    /* The first IMPORT_MAX_PROBLEMS bad rows, each "FILE:LINE: problem";
     * bad_rows - problem_count more were counted but not kept. */
    size_t problem_count;
    char problems[IMPORT_MAX_PROBLEMS][IMPORT_PROBLEM_SIZE];
    /* The file itself was refused (not CSV, bad header, unreadable…) rather
     * than some of its rows: err says why and where. */
    bool file_error;
};

/* Imports the requests or messages (kind) in `in` (read to its end, not closed); `name` is
 * what error messages call the file.  Returns 0 when the import went
 * through, or:
 *   -FD_ERR_DATA  the file is not CSV, its header is wrong, or rows are bad
 *                 (without skip_invalid: any bad row; with it: every row);
 *                 nothing is stored and *result lists the bad rows;
 *   -FD_ERR_IO    reading failed;
 *   anything the store returns (busy, …).
 * *result is filled in every case.  Writes one audit line per import. */
int ops_import(struct fd_context *ctx, const struct import_kind *kind, FILE *in, const char *name,
               const struct import_options *options, struct import_result *result,
               struct fd_error *err);

/* Opens path ("-": standard input) and imports it; -FD_ERR_NOINPUT naming
 * the file when it is missing, unreadable or a folder. */
int ops_import_file(struct fd_context *ctx, const struct import_kind *kind, const char *path,
                    const struct import_options *options, struct import_result *result,
                    struct fd_error *err);

#endif
