/*
 * Running a program that delivers a message: the configured mail program
 * or text-message command, started without a shell, fed the message on
 * its standard input, killed when it outlives its time.  No database
 * access: callers record the outcome in a transaction of their own, so no
 * desk ever waits on the mail system.
 */
#ifndef FRONTDESK_PROGRAM_H
#define FRONTDESK_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>

struct program_call {
    char *const *argv;   /* argv[0] is looked up in PATH; no shell */
    const char *input;   /* written to its standard input */
    int timeout_seconds; /* killed after this long */
    const char *name;    /* what errors call it: "sendmail", "sms_command" */
    /* Called about ten times a second while it runs (may be NULL), so that
     * an interface can redraw and read keys. */
    void (*tick)(void *data);
    void *tick_data;
};

/* true when the program exited with status 0 after taking the whole
 * input; otherwise false with error saying why ("NAME exited with status
 * 75: <the first line it printed>", "NAME: cannot start …", "NAME did not
 * finish within 60 seconds and was stopped"). */
bool program_run(const struct program_call *call, char *error, size_t size);

#endif
