/*
 * Errors: every fallible function returns 0 on success or a negative exit
 * code, and fills a caller-supplied struct fd_error with that code and one
 * line saying what was wrong and where.  Only main and the CLI print it.
 * The codes are the command line's exit codes (SPEC §2), so an error can
 * travel from the store up to main without being translated on the way.
 */
#ifndef FRONTDESK_ERROR_H
#define FRONTDESK_ERROR_H

enum fd_exit {
    FD_OK = 0,
    FD_ERR_RULE = 1,     /* a business rule refused it */
    FD_ERR_USAGE = 64,   /* bad command-line usage */
    FD_ERR_DATA = 65,    /* bad input data */
    FD_ERR_NOINPUT = 66, /* missing input file */
    FD_ERR_SOFTWARE = 70,
    FD_ERR_IO = 74,
    FD_ERR_BUSY = 75,   /* database busy after retries */
    FD_ERR_CONFIG = 78, /* bad config */
};

struct fd_error {
    int code;
    char message[512];
};

/* Sets err (if not NULL) and returns -code, so callers can write
 * `return fd_fail(err, FD_ERR_DATA, "...")`. */
int fd_fail(struct fd_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clears err to "no error". */
void fd_error_clear(struct fd_error *err);

#endif
