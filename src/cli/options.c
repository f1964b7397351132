/*
 * Parsing a command's options with getopt_long, and strict parsers for the
 * values (dates, times, ids) that name the offending option in their error.
 */
#include "cli_internal.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OPTIONS 32

/* Opens the database as the command's row says, once. */
static int open_database(struct cli_call *call)
{
    if (call->opened || call->command->database == DB_NONE)
        return 0;
    struct fd_open_options options = cli_open_options(call->globals);
    options.create = call->command->database == DB_CREATE;
    options.only_reads = call->command->database == DB_READ;
    int rc = ops_open(&call->ctx, &options, &call->err);
    call->opened = rc == 0;
    return rc;
}

int cli_parse(struct cli_call *call, const struct cli_option *options, const char **positionals,
              int min, int max)
{
    struct option long_options[MAX_OPTIONS + 2];
    char short_options[2 * MAX_OPTIONS + 3] = ":";
    size_t count = 0, short_length = 1;
    for (; options && options[count].name && count < MAX_OPTIONS; count++) {
        long_options[count] = (struct option){options[count].name,
                                              options[count].text ? required_argument : no_argument,
                                              NULL, (int)(256 + count)};
        if (options[count].short_name) {
            short_options[short_length++] = options[count].short_name;
            if (options[count].text)
                short_options[short_length++] = ':';
        }
    }
    /* Every command takes --help; it is an option like the others, so the
     * value of another option ("--text --help") is never taken for it. */
    size_t help = count;
    long_options[count++] = (struct option){"help", no_argument, NULL, (int)(256 + help)};
    long_options[count] = (struct option){NULL, 0, NULL, 0};
    short_options[short_length++] = 'h';
    short_options[short_length] = '\0';

    /* getopt wants argv[0] to be the program: the command's last word is. */
    int argc = call->argc + 1;
    char **argv = call->argv - 1;
    int found = 0, c;
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, short_options, long_options, NULL)) != -1) {
        if (c == 'h' || c == (int)(256 + help)) {
            cli_print_command_help(call->command);
            return -CLI_HELP_SHOWN;
        }
        int index = -1;
        if (c >= 256 && (size_t)(c - 256) < help)
            index = c - 256;
        for (size_t i = 0; index < 0 && i < help; i++)
            if (options[i].short_name && options[i].short_name == c)
                index = (int)i;
        if (c == ':')
            return fd_fail(&call->err, FD_ERR_USAGE, "%s: %s needs a value", call->command->name,
                           argv[optind - 1]);
        if (index < 0)
            return fd_fail(&call->err, FD_ERR_USAGE,
                           "%s: unknown option %s (see frontdesk %s --help)", call->command->name,
                           argv[optind - 1], call->command->name);
        if (options[index].text)
            *options[index].text = optarg;
        else if (options[index].flag)
            *options[index].flag = true;
    }
    for (int i = optind; i < argc; i++) {
        if (found >= max)
            return fd_fail(&call->err, FD_ERR_USAGE,
                           "%s: unexpected argument \"%s\" (usage: frontdesk %s %s)",
                           call->command->name, argv[i], call->command->name, call->command->usage);
        positionals[found++] = argv[i];
    }
    if (found < min)
        return fd_fail(&call->err, FD_ERR_USAGE, "%s: missing argument (usage: frontdesk %s %s)",
                       call->command->name, call->command->name, call->command->usage);
    for (int i = found; i < max; i++)
        positionals[i] = NULL;
    return open_database(call);
}

int cli_parse_with_id(struct cli_call *call, const struct cli_option *options, const char *what,
                      int64_t *id)
{
    const char *text = ""; /* cli_parse() sets it: one argument is required */
    int rc = cli_parse(call, options, &text, 1, 1);
    return rc < 0 ? rc : cli_parse_id(call, what, text, id);
}

int cli_parse_day(struct cli_call *call, const char *option, const char *text, fd_day *out)
{
    if (date_parse(text, out) < 0)
        return fd_fail(&call->err, FD_ERR_USAGE, "%s: \"%s\" is not a date (YYYY-MM-DD)", option,
                       text);
    return 0;
}

int cli_parse_time(struct cli_call *call, const char *option, const char *text, fd_time *out)
{
    if (datetime_parse(text, out) < 0)
        return fd_fail(&call->err, FD_ERR_USAGE,
                       "%s: \"%s\" is not a date and time (YYYY-MM-DD HH:MM)", option, text);
    return 0;
}

int cli_parse_minute(struct cli_call *call, const char *option, const char *text, int *out)
{
    if (time_parse_hm(text, out) < 0)
        return fd_fail(&call->err, FD_ERR_USAGE, "%s: \"%s\" is not a time (HH:MM)", option, text);
    return 0;
}

int cli_parse_id(struct cli_call *call, const char *what, const char *text, int64_t *out)
{
    char *end;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    if (errno || end == text || *end || value <= 0)
        return fd_fail(&call->err, FD_ERR_USAGE, "%s: \"%s\" is not an id (a positive number)",
                       what, text);
    *out = value;
    return 0;
}

int cli_parse_count(struct cli_call *call, const char *option, const char *text, long low,
                    long high, long *out)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno || end == text || *end || value < low || value > high)
        return fd_fail(&call->err, FD_ERR_USAGE, "%s: \"%s\" is not a number from %ld to %ld",
                       option, text, low, high);
    *out = value;
    return 0;
}

int cli_parse_range(struct cli_call *call, const char *from, const char *to,
                    struct fd_day_range *range)
{
    range->from = range->to = FD_DAY_NONE;
    int rc = 0;
    if (from)
        rc = cli_parse_day(call, "--from", from, &range->from);
    if (rc == 0 && to)
        rc = cli_parse_day(call, "--to", to, &range->to);
    if (rc == 0 && from && to && range->to < range->from)
        rc = fd_fail(&call->err, FD_ERR_USAGE, "--to: must not be before --from");
    return rc;
}

void cli_format_range(const struct fd_day_range *range, char *out, size_t size)
{
    char from[FD_DATE_LEN], to[FD_DATE_LEN];
    date_format(range->from, from);
    date_format(range->to, to);
    snprintf(out, size, "%s to %s", from, to);
}
