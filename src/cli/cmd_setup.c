/* `frontdesk init` and `frontdesk demo`: creating a database. */
#include "cli_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int open_created(struct cli_call *call)
{
    struct fd_open_options options = cli_open_options(call->globals);
    options.create = true;
    return ops_open(&call->ctx, &options, &call->err);
}

int cmd_init(struct cli_call *call)
{
    int rc = cli_parse(call, NULL, NULL, 0, 0);
    if (rc < 0)
        return rc;
    /* A starter config where the config would be looked for, if none is. */
    const char *explicit_path =
        call->globals->config ? call->globals->config : getenv("FRONTDESK_CONFIG");
    char *config_path =
        explicit_path && *explicit_path ? strdup(explicit_path) : config_default_path();
    if (!config_path)
        return fd_fail(&call->err, FD_ERR_SOFTWARE, "out of memory");
    bool wrote_config = false;
    if (access(config_path, F_OK) != 0) {
        rc = config_write_starter(config_path, &call->err);
        wrote_config = rc == 0;
    }
    if (rc == 0)
        rc = open_created(call);
    if (rc == 0) {
        if (wrote_config)
            printf("Wrote a starter config to %s\n", config_path);
        printf("Database ready at %s\n", call->ctx.database_label);
        ops_close(&call->ctx);
    }
    free(config_path);
    return rc;
}

static int remove_database(struct cli_call *call, const char *path)
{
    static const char *const SUFFIXES[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < 3; i++) {
        char file[4096];
        snprintf(file, sizeof file, "%s%s", path, SUFFIXES[i]);
        if (unlink(file) < 0 && errno != ENOENT)
            return fd_fail(&call->err, FD_ERR_IO, "%s: cannot remove: %s", file, strerror(errno));
    }
    return 0;
}

int cmd_demo(struct cli_call *call)
{
    const char *appointments = NULL;
    bool force = false;
    const struct cli_option options[] = {
        {"appointments", 0, &appointments, NULL}, {"force", 0, NULL, &force}, {0}};
    int rc = cli_parse(call, options, NULL, 0, 0);
    long synthetic = 0;
    if (rc == 0 && appointments)
        rc = cli_parse_count(call, "--appointments", appointments, 0, 100000000, &synthetic);
    if (rc < 0)
        return rc;
    /* Find the path first, so --force can clear it before opening. */
    struct fd_config config;
    rc = config_load(call->globals->config, &config, &call->err);
    if (rc < 0)
        return rc;
    char *path = ops_database_path(&config, call->globals->database);
    config_free(&config);
    if (!path)
        return fd_fail(&call->err, FD_ERR_SOFTWARE, "out of memory");
    /* A server's database is never dropped from here: the demo goes into
     * an empty one. */
    char label[512];
    ops_database_label(path, label, sizeof label);
    if (!ops_database_is_file(path))
        rc = force ? fd_fail(&call->err, FD_ERR_RULE,
                             "%s: --force replaces only a database file; empty a PostgreSQL "
                             "database with dropdb and createdb",
                             label)
                   : 0;
    else if (access(path, F_OK) == 0 && !force)
        rc = fd_fail(&call->err, FD_ERR_RULE,
                     "%s already exists; use --force to replace it with the demo", label);
    else if (force)
        rc = remove_database(call, path);
    free(path);
    if (rc == 0)
        rc = open_created(call);
    if (rc < 0)
        return rc;
    rc = ops_demo(&call->ctx, synthetic, &call->err);
    if (rc == 0) {
        char now[FD_DATETIME_LEN];
        datetime_format(call->ctx.now, now);
        printf("Demo clinic created at %s (around %s)\n", call->ctx.database_label, now);
    }
    ops_close(&call->ctx);
    return rc;
}

/* A database named for people: a file by its path; a server's address
 * may hold a password, so it is never printed. */
static const char *database_words(const char *target)
{
    return strstr(target, "://") ? "the shared database" : target;
}

/* One line per kind of row with anything new: how many copied, how many
 * were already here (the same therapist, client or imported row). */
static void print_migrate_counts(const struct ops_migrate_report *report)
{
    for (size_t t = 0; t < report->table_count; t++) {
        size_t copied = report->tables[t].copied, found = report->tables[t].found;
        if (!copied && !found)
            continue;
        printf("  %-20s %7zu", report->tables[t].name, copied);
        if (found)
            printf("  (and %zu already here)", found);
        printf("\n");
    }
}

static size_t report_added(const struct ops_migrate_report *report)
{
    size_t added = 0;
    for (size_t t = 0; t < report->table_count; t++)
        added += report->tables[t].copied + report->tables[t].found;
    return added;
}

static size_t copied_before(const struct ops_migrate_report *report)
{
    size_t before = 0;
    for (size_t t = 0; t < report->table_count; t++)
        before += report->tables[t].before;
    return before;
}

int cmd_migrate(struct cli_call *call)
{
    const char *to = NULL, *source = NULL;
    /* --site is the global option: the copied rows are the site's. */
    const char *site = call->globals->site;
    bool dry_run = false;
    const struct cli_option options[] = {{"to", 0, &to, NULL}, {"dry-run", 0, NULL, &dry_run}, {0}};
    int rc = cli_parse(call, options, &source, 1, 1);
    if (rc == 0 && (!to || !*to))
        rc = fd_fail(&call->err, FD_ERR_USAGE,
                     "migrate needs --to, the database to copy the site into");
    if (rc == 0 && (!site || !*site))
        rc = fd_fail(&call->err, FD_ERR_USAGE,
                     "migrate needs --site, the clinic the copied database becomes");
    if (rc < 0)
        return rc;
    struct fd_open_options open = cli_open_options(call->globals);
    open.database = to;
    open.create = true;
    rc = ops_open(&call->ctx, &open, &call->err);
    if (rc < 0)
        return rc;
    struct ops_migrate_report report;
    rc = ops_migrate_site(&call->ctx, source, site, dry_run, &report, &call->err);
    const char *into = database_words(call->ctx.database_path);
    if (rc == 0) {
        if (report_added(&report)) {
            printf("%s %s in from %s into %s:\n", dry_run ? "Would move" : "Moved", site, source,
                   into);
            print_migrate_counts(&report);
        } else {
            printf("Nothing new to move in from %s.\n", source);
        }
        if (copied_before(&report))
            printf("Copied by an earlier run and left as they are: %zu rows.\n",
                   copied_before(&report));
        if (dry_run)
            printf("Nothing was written (--dry-run).\n");
    } else if (report.clash_count) {
        for (size_t i = 0; i < report.clash_count; i++)
            fprintf(stderr, "frontdesk: %s: %s\n", source, report.clashes[i]);
        rc = fd_fail(&call->err, FD_ERR_RULE,
                     "%zu clash%s between %s and %s, as listed; nothing was copied",
                     report.clash_count, report.clash_count == 1 ? "" : "es", source, into);
    }
    ops_migrate_report_free(&report);
    ops_close(&call->ctx);
    return rc;
}

const struct cli_command CLI_SETUP_COMMANDS[] = {
    {"init", cmd_init, DB_NONE, "[--db FILE|URI]",
     "create an empty database (and a starter config if there is none)", ""},
    {"demo", cmd_demo, DB_NONE, "[--db FILE|URI] [--appointments N] [--force]",
     "create a ready demo clinic around --now",
     "  --appointments N   add a deterministic history of N appointments (benchmarks)\n"
     "  --force            replace an existing database\n"},
    {"migrate", cmd_migrate, DB_NONE, "FILE.db --to DATABASE --site NAME [--dry-run]",
     "copy one site's own database into a shared one, as that site (all or nothing)",
     "  --to DATABASE   the shared database: a file, or postgresql://… (made if missing)\n"
     "  --site NAME     the clinic of the config the copied rows belong to\n"
     "  --dry-run       check for clashes and count what would be copied; write nothing\n"
     "A second run copies only what is new.  If an appointment or a rota rule\n"
     "clashes with the shared database (the therapist booked or rostered then at\n"
     "another site, the room taken), every clash is listed and nothing is copied.\n"},
    {NULL, NULL, DB_NONE, NULL, NULL, NULL},
};
