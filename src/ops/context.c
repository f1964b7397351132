/*
 * Opening a session: config, database and clock.  Both faces of the
 * program (command line and interface) start here.
 */
#include "ops_internal.h"

#include <frontdesk/text.h>

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

char *ops_database_path(const struct fd_config *config, const char *explicit_path)
{
    if (explicit_path)
        return strdup(explicit_path);
    if (config->database && *config->database)
        return strdup(config->database);
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    char *path = malloc(4096);
    if (!path)
        return NULL;
    if (xdg && *xdg)
        snprintf(path, 4096, "%s/frontdesk/frontdesk.db", xdg);
    else
        snprintf(path, 4096, "%s/.local/share/frontdesk/frontdesk.db", home ? home : ".");
    return path;
}

bool ops_database_is_file(const char *path)
{
    return !store_target_is_server(path);
}

void ops_database_label(const char *path, char *out, size_t size)
{
    store_target_label(path, out, size);
}

void ops_tick(struct fd_context *ctx)
{
    if (ctx->now_fixed)
        return;
    time_t now = time(NULL);
    struct tm local;
    localtime_r(&now, &local);
    ctx->now = time_make(date_from_civil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday),
                         local.tm_hour * 60 + local.tm_min);
}

/* The desk the audit log names: FRONTDESK_DESK when desks share a login,
 * else the config's desk (set after the config is read), else the login. */
static void find_login_name(char *out, size_t size)
{
    const char *desk = getenv("FRONTDESK_DESK");
    if (desk && *desk && strlen(desk) < size && text_is_clean_utf8(desk, strlen(desk), false)) {
        text_copy(out, size, desk);
        return;
    }
    const char *name = getenv("USER");
    if (!name || !*name) {
        struct passwd *pw = getpwuid(getuid());
        name = pw ? pw->pw_name : "unknown";
    }
    text_copy(out, size, name);
}

int ops_open(struct fd_context *ctx, const struct fd_open_options *options, struct fd_error *err)
{
    memset(ctx, 0, sizeof *ctx);
    find_login_name(ctx->who, sizeof ctx->who);
    ctx->read_only = options->read_only;
    if (options->now) {
        if (datetime_parse(options->now, &ctx->now) < 0)
            return fd_fail(err, FD_ERR_USAGE,
                           "--now: \"%s\" is not a date and time (YYYY-MM-DD HH:MM)", options->now);
        ctx->now_fixed = true;
    }
    /* A command that only reads sends nothing: its templates are not read. */
    int rc = options->only_reads ? config_load_lean(options->config_path, &ctx->config, err)
                                 : config_load(options->config_path, &ctx->config, err);
    /* --site names the desk's site over the config's. */
    if (rc == 0 && options->site) {
        const struct fd_clinic *site = config_find_clinic(&ctx->config, options->site);
        if (!site)
            rc = fd_fail(err, FD_ERR_USAGE, "--site: no clinic is named \"%s\" in the config",
                         options->site);
        char *name = site ? strdup(site->name) : NULL;
        if (site && !name)
            rc = fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
        if (name) {
            free(ctx->config.site);
            ctx->config.site = name;
        }
    }
    const char *desk = getenv("FRONTDESK_DESK");
    if (rc == 0 && ctx->config.desk && *ctx->config.desk && !(desk && *desk))
        text_copy(ctx->who, sizeof ctx->who, ctx->config.desk);
    if (rc == 0 && options->prepare_process)
        rc = options->prepare_process(&ctx->config, err);
    if (rc < 0) {
        ops_close(ctx);
        return rc;
    }
    ops_tick(ctx);
    ctx->database_path = ops_database_path(&ctx->config, options->database);
    ctx->session = calloc(1, sizeof *ctx->session);
    if (!ctx->database_path || !ctx->session) {
        ops_close(ctx);
        return fd_fail(err, FD_ERR_SOFTWARE, "out of memory");
    }
    ops_database_label(ctx->database_path, ctx->database_label, sizeof ctx->database_label);
    /* A file's permissions say at once what a desk may do with it; a
     * server answers for itself when the store connects. */
    bool file = ops_database_is_file(ctx->database_path);
    if (file && !options->create && access(ctx->database_path, F_OK) != 0) {
        rc = fd_fail(err, FD_ERR_NOINPUT,
                     "%s: no database here; create one with 'frontdesk init' or 'frontdesk demo'",
                     ctx->database_path);
        ops_close(ctx);
        return rc;
    }
    bool writable = !file || access(ctx->database_path, W_OK) == 0;
    if (options->only_reads && !writable)
        ctx->read_only = true;
    if (file && !ctx->read_only && !writable && access(ctx->database_path, F_OK) == 0) {
        rc = fd_fail(err, FD_ERR_IO,
                     "%s: you may read this database but not change it (no permission to write "
                     "it); nothing was changed",
                     ctx->database_path);
        ops_close(ctx);
        return rc;
    }
    struct store_open_options store_options = {
        .read_only = ctx->read_only, .create = options->create, .now = ctx->now};
    rc = store_open(ctx->database_path, &store_options, &ctx->session->store, err);
    if (rc == 0)
        rc = store_sync_clinics(ops_store(ctx), &ctx->config, err);
    if (rc < 0)
        ops_close(ctx);
    return rc;
}

void ops_close(struct fd_context *ctx)
{
    if (ctx->session)
        store_close(ctx->session->store);
    free(ctx->session);
    config_free(&ctx->config);
    free(ctx->database_path);
    memset(ctx, 0, sizeof *ctx);
}

int64_t ops_change_token(struct fd_context *ctx)
{
    return store_change_token(ops_store(ctx));
}

bool ops_connected(struct fd_context *ctx)
{
    return store_connected(ops_store(ctx));
}
