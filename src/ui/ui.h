/* The interface's entry point, called by main() when no subcommand is given. */
#ifndef FRONTDESK_UI_H
#define FRONTDESK_UI_H

#include <frontdesk/error.h>
#include <frontdesk/ops.h>

/* Opens the database with options (read-only for a therapist's view, when
 * therapist names one) and runs the interface until the user quits.
 * Returns 0, or a negative code with err filled for main to report. */
int ui_main(const struct fd_open_options *options, const char *therapist, struct fd_error *err);

#endif
