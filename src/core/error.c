/* Filling struct fd_error: the single place error text is formatted. */
#include <frontdesk/error.h>

#include <stdarg.h>
#include <stdio.h>

int fd_fail(struct fd_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return -code;
}

void fd_error_clear(struct fd_error *err)
{
    if (err) {
        err->code = 0;
        err->message[0] = '\0';
    }
}
