/*
 * The config (SPEC §4): with no file at all the clinic runs on built-in
 * defaults equal to the spec's example; the owner's own file is found by
 * --config, then $FRONTDESK_CONFIG, then the XDG path; the confirmation
 * subject keeps its ${date} and ${time} placeholders; and every mistake
 * the owner can make in the file is refused with a message naming the
 * file, the line and the option, never half-loaded.
 *
 * Each test runs in a fresh temporary home (HOME and XDG_CONFIG_HOME point
 * into it, FRONTDESK_CONFIG is unset), removed afterwards.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/config.h>

#include "helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SPEC_SUBJECT "Your appointment on ${date} at ${time}"

/* ---- a temporary home ------------------------------------------------- */

struct home {
    char dir[64];
    char path[512]; /* scratch for the file a test writes */
};

static int setup_home(void **state)
{
    struct home *home = calloc(1, sizeof *home);
    assert_non_null(home);
    snprintf(home->dir, sizeof home->dir, "/tmp/frontdesk-config-XXXXXX");
    assert_non_null(mkdtemp(home->dir));
    setenv("HOME", home->dir, 1);
    setenv("XDG_CONFIG_HOME", home->dir, 1);
    unsetenv("FRONTDESK_CONFIG");
    *state = home;
    return 0;
}

static int teardown_home(void **state)
{
    struct home *home = *state;
    fixture_folder_remove(home->dir);
    unsetenv("FRONTDESK_CONFIG");
    free(home);
    return 0;
}

/* Writes size bytes (so a test can include a NUL) to dir/name, creating
 * the folders on the way; returns the full path (in home->path). */
static const char *write_bytes(struct home *home, const char *name, const char *bytes, size_t size)
{
    snprintf(home->path, sizeof home->path, "%s/%s", home->dir, name);
    for (char *slash = strchr(home->path + strlen(home->dir) + 1, '/'); slash;
         slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(home->path, 0700);
        *slash = '/';
    }
    FILE *file = fopen(home->path, "wb");
    if (!file)
        fail_msg("cannot write %s: %s", home->path, strerror(errno));
    assert_int_equal(fwrite(bytes, 1, size, file), size);
    assert_int_equal(fclose(file), 0);
    return home->path;
}

static const char *write_file(struct home *home, const char *name, const char *text)
{
    return write_bytes(home, name, text, strlen(text));
}

static void load_or_fail(const char *explicit_path, struct fd_config *config)
{
    struct fd_error err = {0};
    if (config_load(explicit_path, config, &err) != 0)
        fail_msg("config_load(%s) failed: %s", explicit_path ? explicit_path : "NULL", err.message);
}

/* A small config the owner might write, which every test may vary. */
#define ONE_CLINIC                                                                                 \
    "clinic \"Clinic\" { rooms = 2 }\n"                                                            \
    "service \"Sports massage 60\" { minutes = 60 price = \"55.00\" clinics = {\"Clinic\"} }\n"

/* ---- the built-in defaults -------------------------------------------- */

static void test_no_config_file_means_the_spec_example(void **state)
{
    (void)state;
    struct fd_config config;
    load_or_fail(NULL, &config);

    assert_string_equal(config.source, "built-in defaults");
    assert_string_equal(config.clinic_name, "Riverside Sports Massage");
    assert_string_equal(config.timezone, "Europe/London");
    assert_int_equal(config.calendar.working_days, FD_WEEKDAYS_MON_FRI);
    assert_int_equal(config.calendar.close_of_business, minute_of("18:00"));
    assert_int_equal(config.request_reply_days, 2);
    assert_int_equal(config.slot_step, 15);
    assert_int_equal(config.suggest_horizon_days, 21);
    assert_string_equal(config.holidays, "england-and-wales");
    assert_string_equal(config.sendmail, "/usr/sbin/sendmail -t -i");
    assert_string_equal(config.from, "Front desk <desk@example.org>");
    assert_null(config.database);
    assert_true(config.opens < config.closes);
    assert_string_equal(config.confirmation_subject, SPEC_SUBJECT);
    assert_string_equal(config.confirmation_body, "confirmation.txt");

    /* clinic "Clinic" { rooms = 3 }  clinic "Low Cost Clinic" { rooms = 1 } */
    assert_int_equal(config.clinic_count, 2);
    assert_string_equal(config.clinics[0].name, "Clinic");
    assert_int_equal(config.clinics[0].rooms, 3);
    assert_string_equal(config.clinics[1].name, "Low Cost Clinic");
    assert_int_equal(config.clinics[1].rooms, 1);

    /* The two services of the example, prices in pence. */
    const struct fd_service *sports = config_find_service(&config, "Sports massage 60");
    assert_non_null(sports);
    assert_int_equal(sports->minutes, 60);
    assert_int_equal(sports->price_pence, 5500);
    assert_int_equal(sports->buffer, 15);
    assert_int_equal(sports->clinic_count, 1);
    assert_string_equal(sports->clinics[0], "Clinic");
    const struct fd_service *low_cost = config_find_service(&config, "Low cost massage 45");
    assert_non_null(low_cost);
    assert_int_equal(low_cost->minutes, 45);
    assert_int_equal(low_cost->price_pence, 3000);
    assert_int_equal(low_cost->buffer, 0);
    assert_int_equal(low_cost->clinic_count, 1);
    assert_string_equal(low_cost->clinics[0], "Low Cost Clinic");
    assert_true(config_service_offered_at(low_cost, "Low Cost Clinic"));
    assert_false(config_service_offered_at(low_cost, "Clinic"));

    /* closed = {"2026-12-24"}, and the England and Wales bank holidays. */
    assert_true(calendar_is_closure(&config.calendar, day_of("2026-12-24")));
    assert_true(calendar_is_closure(&config.calendar, day_of("2026-12-25")));
    assert_true(calendar_is_closure(&config.calendar, day_of("2026-12-28")));
    assert_false(calendar_is_closure(&config.calendar, day_of("2026-12-23")));
    assert_false(calendar_is_working_day(&config.calendar, day_of("2026-12-26")));
    assert_true(calendar_is_working_day(&config.calendar, day_of("2026-12-29")));

    /* So the spec's reply-promise example holds on the defaults alone. */
    assert_int_equal(
        calendar_due(&config.calendar, moment("2026-12-24 10:00"), config.request_reply_days),
        moment("2026-12-30 18:00"));
    config_free(&config);
}

/* ---- the owner's own file --------------------------------------------- */

static void test_the_owners_file_is_read(void **state)
{
    struct home *home = *state;
    const char *path = write_file(home, "clinic.conf",
                                  "# Our clinic\n"
                                  "clinic_name        = \"Café Physio\"\n"
                                  "timezone           = \"Europe/Dublin\"\n"
                                  "working_days       = {mon, wednesday, Sat}\n"
                                  "close_of_business  = \"17:30\"\n"
                                  "opens              = \"07:30\"\n"
                                  "closes             = \"21:00\"\n"
                                  "request_reply_days = 3\n"
                                  "slot_step          = 10\n"
                                  "suggest_horizon_days = 14\n"
                                  "holidays           = \"\"   # no bank holidays here\n"
                                  "closed             = {\"2026-08-03\", \"2026-08-04\"}\n"
                                  "sendmail           = \"/usr/local/bin/msmtp -t\"\n"
                                  "from               = \"Desk <desk@cafe.example>\"\n"
                                  "database           = \"/srv/frontdesk/cafe.db\"\n"
                                  "clinic \"Main\"  { rooms = 4 }\n"
                                  "clinic \"Annex\" { rooms = 1 }\n"
                                  "service \"Physio 40\" {\n"
                                  "  minutes = 40\n"
                                  "  price   = \"42.50\"\n"
                                  "  buffer  = 5\n"
                                  "  clinics = {\"Main\", \"Annex\"}\n"
                                  "}\n"
                                  "template confirmation {\n"
                                  "  subject = \"See you on ${date}\"\n"
                                  "  body    = \"cafe.txt\"\n"
                                  "}\n");
    struct fd_config config;
    load_or_fail(path, &config);

    assert_string_equal(config.source, path);
    assert_string_equal(config.clinic_name, "Café Physio");
    assert_string_equal(config.timezone, "Europe/Dublin");
    assert_int_equal(config.calendar.working_days,
                     (1u << FD_MON) | (1u << FD_WED) | (1u << FD_SAT));
    assert_int_equal(config.calendar.close_of_business, minute_of("17:30"));
    assert_int_equal(config.opens, minute_of("07:30"));
    assert_int_equal(config.closes, minute_of("21:00"));
    assert_int_equal(config.request_reply_days, 3);
    assert_int_equal(config.slot_step, 10);
    assert_int_equal(config.suggest_horizon_days, 14);
    assert_string_equal(config.sendmail, "/usr/local/bin/msmtp -t");
    assert_string_equal(config.from, "Desk <desk@cafe.example>");
    assert_string_equal(config.database, "/srv/frontdesk/cafe.db");

    /* Only its own closures: no holiday file, so Christmas is not one. */
    assert_int_equal(config.calendar.closure_count, 2);
    assert_true(calendar_is_closure(&config.calendar, day_of("2026-08-03")));
    assert_true(calendar_is_closure(&config.calendar, day_of("2026-08-04")));
    assert_false(calendar_is_closure(&config.calendar, day_of("2026-12-25")));

    assert_int_equal(config.clinic_count, 2);
    assert_string_equal(config.clinics[0].name, "Main");
    assert_int_equal(config.clinics[0].rooms, 4);
    assert_string_equal(config.clinics[1].name, "Annex");
    assert_int_equal(config.clinics[1].rooms, 1);
    assert_int_equal(config.service_count, 1);
    const struct fd_service *physio = &config.services[0];
    assert_string_equal(physio->name, "Physio 40");
    assert_int_equal(physio->minutes, 40);
    assert_int_equal(physio->price_pence, 4250);
    assert_int_equal(physio->buffer, 5);
    assert_int_equal(physio->clinic_count, 2);
    assert_true(config_service_offered_at(physio, "annex"));

    assert_string_equal(config.confirmation_subject, "See you on ${date}");
    assert_string_equal(config.confirmation_body, "cafe.txt");
    config_free(&config);
}

static void test_the_config_is_looked_up_in_order(void **state)
{
    struct home *home = *state;
    char explicit_path[512], env_path[512], xdg_path[512], home_path[512];
    snprintf(explicit_path, sizeof explicit_path, "%s",
             write_file(home, "given.conf", "clinic_name = \"From --config\"\n" ONE_CLINIC));
    snprintf(env_path, sizeof env_path, "%s",
             write_file(home, "env.conf", "clinic_name = \"From the environment\"\n" ONE_CLINIC));
    snprintf(xdg_path, sizeof xdg_path, "%s",
             write_file(home, "xdg/frontdesk/frontdesk.conf",
                        "clinic_name = \"From XDG_CONFIG_HOME\"\n" ONE_CLINIC));
    snprintf(home_path, sizeof home_path, "%s",
             write_file(home, ".config/frontdesk/frontdesk.conf",
                        "clinic_name = \"From ~/.config\"\n" ONE_CLINIC));
    char xdg_home[512];
    snprintf(xdg_home, sizeof xdg_home, "%s/xdg", home->dir);
    setenv("XDG_CONFIG_HOME", xdg_home, 1);
    setenv("FRONTDESK_CONFIG", env_path, 1);

    struct fd_config config;
    /* --config beats everything. */
    load_or_fail(explicit_path, &config);
    assert_string_equal(config.clinic_name, "From --config");
    assert_string_equal(config.source, explicit_path);
    config_free(&config);

    /* Then $FRONTDESK_CONFIG. */
    load_or_fail(NULL, &config);
    assert_string_equal(config.clinic_name, "From the environment");
    assert_string_equal(config.source, env_path);
    config_free(&config);

    /* Then $XDG_CONFIG_HOME/frontdesk/frontdesk.conf. */
    unsetenv("FRONTDESK_CONFIG");
    char *default_path = config_default_path();
    assert_string_equal(default_path, xdg_path);
    free(default_path);
    load_or_fail(NULL, &config);
    assert_string_equal(config.clinic_name, "From XDG_CONFIG_HOME");
    config_free(&config);

    /* Without XDG_CONFIG_HOME, its usual place under the home folder. */
    unsetenv("XDG_CONFIG_HOME");
    default_path = config_default_path();
    assert_string_equal(default_path, home_path);
    free(default_path);
    load_or_fail(NULL, &config);
    assert_string_equal(config.clinic_name, "From ~/.config");
    config_free(&config);

    /* A $FRONTDESK_CONFIG that names no file is an error, not the defaults. */
    char missing[600];
    snprintf(missing, sizeof missing, "%s/nowhere.conf", home->dir);
    setenv("FRONTDESK_CONFIG", missing, 1);
    struct fd_error err = {0};
    assert_int_equal(config_load(NULL, &config, &err), -FD_ERR_CONFIG);
    assert_int_equal(err.code, FD_ERR_CONFIG);
    assert_non_null(strstr(err.message, missing));
}

static void test_template_placeholders_are_kept_literally(void **state)
{
    struct home *home = *state;
    /* libconfuse would put these environment variables in their place. */
    setenv("date", "EXPANDED-DATE", 1);
    setenv("time", "EXPANDED-TIME", 1);

    struct fd_config config;
    load_or_fail(NULL, &config);
    assert_string_equal(config.confirmation_subject, SPEC_SUBJECT);
    config_free(&config);

    /* The starter file a new clinic gets says the same. */
    char starter[512];
    snprintf(starter, sizeof starter, "%s/starter.conf", home->dir);
    struct fd_error err = {0};
    assert_int_equal(config_write_starter(starter, &err), 0);
    load_or_fail(starter, &config);
    assert_string_equal(config.confirmation_subject, SPEC_SUBJECT);
    config_free(&config);

    /* The owner's own wording, with an escaped quote and comments that
     * mention the placeholders too. */
    const char *path = write_file(home, "own.conf",
                                  ONE_CLINIC "# the subject may use ${date} and ${time}\n"
                                             "template confirmation {\n"
                                             "  /* ${time} is HH:MM */\n"
                                             "  subject = \"\\\"Booked\\\": ${time}, ${date}\"\n"
                                             "  body = 'confirmation.txt'\n"
                                             "}\n");
    load_or_fail(path, &config);
    assert_string_equal(config.confirmation_subject, "\"Booked\": ${time}, ${date}");
    config_free(&config);

    unsetenv("date");
    unsetenv("time");
}

/* ---- mistakes in the file --------------------------------------------- */

struct bad_config {
    const char *mistake;
    const char *text;
    int line;            /* the line the message names; 0: the file only */
    const char *names;   /* what the message must mention (the option) */
    const char *names_2; /* and, if not NULL, this too (the bad value) */
    bool needs_zoneinfo; /* without /usr/share/zoneinfo any sane zone name is taken */
};

static const struct bad_config BAD_CONFIGS[] = {
    {"a syntax error", ONE_CLINIC "clinic \"Annex\" { rooms = = 2 }\n", 3, "unexpected token", "=",
     false},
    {"a section never closed", ONE_CLINIC "\nclinic \"Annex\" {\n  rooms = 2\n", 4, "never closed",
     NULL, false},
    {"a comment never closed", ONE_CLINIC "/* the old prices\nslot_step = 0\n", 3,
     "comment is never closed", NULL, false},
    {"an empty option name", ONE_CLINIC "\"\" = \"x\"\n", 3, "option name", NULL, false},
    {"an unknown option", ONE_CLINIC "colour = \"teal\"\n", 3, "colour", NULL, false},
    {"an unknown option in a section", "clinic \"Clinic\" {\n  rooms = 2\n  beds = 2\n}\n", 3,
     "beds", NULL, false},
    {"a time that is not HH:MM", "close_of_business = \"6pm\"\n" ONE_CLINIC, 1, "close_of_business",
     "6pm", false},
    {"an hour past midnight", ONE_CLINIC "opens = \"25:00\"\n", 3, "opens", "25:00", false},
    {"an integer out of range", "\nslot_step = 0\n" ONE_CLINIC, 2, "slot_step", "out of range",
     false},
    {"a section integer out of range", "clinic \"Clinic\" {\n  rooms = 0\n}\n", 2, "rooms",
     "out of range", false},
    {"a number that is not a number", ONE_CLINIC "request_reply_days = two\n", 3,
     "request_reply_days", NULL, false},
    {"a day that is not a weekday", "working_days = {mon, tue, funday}\n" ONE_CLINIC, 1,
     "working_days", "funday", false},
    {"a closed date that is no date", ONE_CLINIC "closed = {\"2026-12-24\", \"2026-02-30\"}\n", 3,
     "closed", "2026-02-30", false},
    {"a price that is not money",
     "clinic \"Clinic\" { rooms = 2 }\n"
     "service \"Sports massage 60\" {\n"
     "  minutes = 60\n"
     "  price = \"55.5\"\n"
     "  clinics = {\"Clinic\"}\n"
     "}\n",
     4, "price", "55.5", false},
    {"a price in another currency",
     "clinic \"Clinic\" { rooms = 2 }\nservice \"S\" { price = \"£55.00\" clinics = {\"Clinic\"} "
     "}\n",
     2, "price", NULL, false},
    {"an unknown time zone", ONE_CLINIC "timezone = \"Mars/Olympus_Mons\"\n", 3, "timezone",
     "Mars/Olympus_Mons", true},
    {"a time zone that is only a region", ONE_CLINIC "timezone = \"Europe\"\n", 3, "timezone", NULL,
     true},
    {"a missing holiday file", "holidays = \"atlantis\"\n" ONE_CLINIC, 1, "holidays", "atlantis",
     false},
    {"a holiday path instead of a name",
     "holidays = \"../holidays/england-and-wales\"\n" ONE_CLINIC, 1, "holidays", NULL, false},
    {"a service at an unknown clinic",
     "clinic \"Clinic\" { rooms = 2 }\n"
     "service \"Low cost massage 45\" { minutes = 45 price = \"30.00\" clinics = {\"Low Cost "
     "Clinic\"} }\n",
     0, "clinics", "Low Cost Clinic", false},
    {"a service at no clinic", "clinic \"Clinic\" { rooms = 2 }\nservice \"S\" { minutes = 30 }\n",
     0, "clinics", NULL, false},
    {"no clinic at all", "clinic_name = \"Nowhere\"\n", 0, "no clinic", NULL, false},
    {"a clinic named twice", "clinic \"Clinic\" { rooms = 2 }\nclinic \"Clinic\" { rooms = 3 }\n",
     2, "Clinic", "duplicate", false},
    {"a clinic that opens after it closes", "opens = \"19:00\"\ncloses = \"09:00\"\n" ONE_CLINIC, 0,
     "opens", NULL, false},
    {"an unknown template", ONE_CLINIC "template reminder { subject = \"x\" }\n", 0, "reminder",
     NULL, false},
    {"an empty clinic name", ONE_CLINIC "clinic_name = \"\"\n", 3, "clinic_name", "empty", false},
};

static void expect_message(const char *mistake, const struct fd_error *err, const char *path,
                           int line, const char *names, const char *names_2)
{
    char prefix[600];
    if (line > 0)
        snprintf(prefix, sizeof prefix, "%s:%d: ", path, line);
    else
        snprintf(prefix, sizeof prefix, "%s: ", path);
    if (err->code != FD_ERR_CONFIG)
        fail_msg("%s: code %d, not FD_ERR_CONFIG (%s)", mistake, err->code, err->message);
    if (strncmp(err->message, prefix, strlen(prefix)) != 0)
        fail_msg("%s: the message does not start with \"%s\": %s", mistake, prefix, err->message);
    if (names && !strstr(err->message, names))
        fail_msg("%s: the message does not mention \"%s\": %s", mistake, names, err->message);
    if (names_2 && !strstr(err->message, names_2))
        fail_msg("%s: the message does not mention \"%s\": %s", mistake, names_2, err->message);
}

static void test_each_kind_of_mistake_is_refused(void **state)
{
    struct home *home = *state;
    for (size_t i = 0; i < sizeof BAD_CONFIGS / sizeof BAD_CONFIGS[0]; i++) {
        const struct bad_config *bad = &BAD_CONFIGS[i];
        if (bad->needs_zoneinfo && access("/usr/share/zoneinfo", F_OK) != 0)
            continue;
        const char *path = write_file(home, "frontdesk.conf", bad->text);
        struct fd_config config;
        struct fd_error err = {0};
        int rc = config_load(path, &config, &err);
        if (rc != -FD_ERR_CONFIG) {
            if (rc == 0)
                config_free(&config);
            fail_msg("%s: config_load returned %d, not -FD_ERR_CONFIG (%s)", bad->mistake, rc,
                     err.message);
        }
        expect_message(bad->mistake, &err, path, bad->line, bad->names, bad->names_2);
        /* Refused means nothing half-loaded is left behind. */
        assert_null(config.clinics);
        assert_null(config.source);
    }
}

static void test_a_nul_byte_is_refused(void **state)
{
    struct home *home = *state;
    static const char text[] = "clinic_name = \"Riverside\"\n"
                               "clinic \"Clinic\" { rooms = 2 }\n"
                               "from = \"desk\0@example.org\"\n";
    const char *path = write_bytes(home, "nul.conf", text, sizeof text - 1);
    struct fd_config config;
    struct fd_error err = {0};
    assert_int_equal(config_load(path, &config, &err), -FD_ERR_CONFIG);
    expect_message("a NUL byte", &err, path, 3, "NUL", NULL);
}

static void test_a_config_that_cannot_be_read_is_refused(void **state)
{
    struct home *home = *state;
    struct fd_config config;
    struct fd_error err = {0};

    /* --config names a file that is not there: no quiet fallback. */
    char missing[600];
    snprintf(missing, sizeof missing, "%s/typo.conf", home->dir);
    assert_int_equal(config_load(missing, &config, &err), -FD_ERR_CONFIG);
    expect_message("a missing file", &err, missing, 0, "cannot read", NULL);

    /* A folder where the file should be. */
    assert_int_equal(config_load(home->dir, &config, &err), -FD_ERR_CONFIG);
    expect_message("a folder", &err, home->dir, 0, "cannot read", NULL);

    /* A file without read permission (root reads it anyway, so only then). */
    const char *path = write_file(home, "secret.conf", ONE_CLINIC);
    assert_int_equal(chmod(path, 0), 0);
    if (geteuid() != 0) {
        assert_int_equal(config_load(path, &config, &err), -FD_ERR_CONFIG);
        expect_message("an unreadable file", &err, path, 0, "cannot read", NULL);
    }
}

/* ---- money and names -------------------------------------------------- */

static void test_prices_are_pounds_and_pence(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int pence;
    } PRICES[] = {
        {"55.00", 5500},
        {"30.00", 3000},
        {"0.00", 0},
        {"0.05", 5},
        {"7", 700},
        {"120", 12000},
        {"99999.99", 9999999},
        {"007.50", 750},
        {"55.5", -1},
        {"55.505", -1},
        {"55.", -1},
        {".50", -1},
        {"-5.00", -1},
        {"+5.00", -1},
        {"£55.00", -1},
        {"55,00", -1},
        {" 55.00", -1},
        {"55.00 ", -1},
        {"", -1},
        {"abc", -1},
        {"1e3", -1},
        {"100000.00", -1},
        {"123456789012345678901234567890", -1},
    };
    for (size_t i = 0; i < sizeof PRICES / sizeof PRICES[0]; i++) {
        int pence = config_parse_price(PRICES[i].text);
        if (pence != PRICES[i].pence)
            fail_msg("config_parse_price(\"%s\") = %d, expected %d", PRICES[i].text, pence,
                     PRICES[i].pence);
    }
    assert_int_equal(config_parse_price(NULL), -1);

    static const struct {
        int pence;
        const char *text;
    } FORMATS[] = {{5500, "55.00"}, {3000, "30.00"}, {0, "0.00"},
                   {5, "0.05"},     {4250, "42.50"}, {9999999, "99999.99"}};
    for (size_t i = 0; i < sizeof FORMATS / sizeof FORMATS[0]; i++) {
        char text[32];
        config_format_price(FORMATS[i].pence, text, sizeof text);
        assert_string_equal(text, FORMATS[i].text);
        /* What is shown reads back as the same amount. */
        assert_int_equal(config_parse_price(text), FORMATS[i].pence);
    }
    /* A short buffer is cut, never overrun. */
    char tiny[4] = "xxx";
    config_format_price(5500, tiny, sizeof tiny);
    assert_string_equal(tiny, "55.");
}

static void test_services_and_clinics_are_found_by_name_in_any_case(void **state)
{
    (void)state;
    struct fd_config config;
    load_or_fail(NULL, &config);

    const struct fd_service *service = config_find_service(&config, "sports MASSAGE 60");
    assert_non_null(service);
    assert_string_equal(service->name, "Sports massage 60");
    assert_ptr_equal(config_find_service(&config, "LOW COST MASSAGE 45"),
                     config_find_service(&config, "Low cost massage 45"));
    assert_null(config_find_service(&config, "Sports massage"));
    assert_null(config_find_service(&config, "Sports massage 60 "));
    assert_null(config_find_service(&config, ""));
    assert_null(config_find_service(&config, NULL));

    const struct fd_clinic *clinic = config_find_clinic(&config, "low cost clinic");
    assert_non_null(clinic);
    assert_string_equal(clinic->name, "Low Cost Clinic");
    assert_ptr_equal(config_find_clinic(&config, "CLINIC"), &config.clinics[0]);
    assert_null(config_find_clinic(&config, "Low Cost"));
    assert_null(config_find_clinic(&config, NULL));
    assert_true(config_service_offered_at(service, "clinic"));
    assert_false(config_service_offered_at(service, "low cost clinic"));

    /* Ids come from the store; once filled, they find their clinic. */
    config.clinics[0].id = 7;
    config.clinics[1].id = 9;
    assert_ptr_equal(config_clinic_by_id(&config, 9), &config.clinics[1]);
    assert_null(config_clinic_by_id(&config, 8));
    config_free(&config);
}

/* ---- the starter file ------------------------------------------------- */

static void test_the_starter_config_is_private_and_never_overwritten(void **state)
{
    struct home *home = *state;
    char folder[512], path[600];
    snprintf(folder, sizeof folder, "%s/new/frontdesk", home->dir);
    snprintf(path, sizeof path, "%s/frontdesk.conf", folder);

    struct fd_error err = {0};
    assert_int_equal(config_write_starter(path, &err), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(stat(folder, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);

    /* It is the example config: it loads and equals the defaults. */
    struct fd_config written, defaults;
    load_or_fail(path, &written);
    load_or_fail(NULL, &defaults);
    assert_string_equal(written.clinic_name, defaults.clinic_name);
    assert_int_equal(written.clinic_count, defaults.clinic_count);
    assert_int_equal(written.service_count, defaults.service_count);
    assert_int_equal(written.calendar.closure_count, defaults.calendar.closure_count);
    assert_string_equal(written.confirmation_subject, defaults.confirmation_subject);
    config_free(&written);
    config_free(&defaults);

    /* The owner edits it; a second `frontdesk init` must not undo that. */
    write_file(home, "new/frontdesk/frontdesk.conf", "clinic_name = \"Edited\"\n" ONE_CLINIC);
    assert_int_equal(config_write_starter(path, &err), -FD_ERR_RULE);
    assert_int_equal(err.code, FD_ERR_RULE);
    assert_non_null(strstr(err.message, path));
    assert_non_null(strstr(err.message, "already"));
    char *text = read_whole_file(path);
    assert_string_equal(text, "clinic_name = \"Edited\"\n" ONE_CLINIC);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_no_config_file_means_the_spec_example, setup_home,
                                        teardown_home),
        cmocka_unit_test_setup_teardown(test_the_owners_file_is_read, setup_home, teardown_home),
        cmocka_unit_test_setup_teardown(test_the_config_is_looked_up_in_order, setup_home,
                                        teardown_home),
        cmocka_unit_test_setup_teardown(test_template_placeholders_are_kept_literally, setup_home,
                                        teardown_home),
        cmocka_unit_test_setup_teardown(test_each_kind_of_mistake_is_refused, setup_home,
                                        teardown_home),
        cmocka_unit_test_setup_teardown(test_a_nul_byte_is_refused, setup_home, teardown_home),
        cmocka_unit_test_setup_teardown(test_a_config_that_cannot_be_read_is_refused, setup_home,
                                        teardown_home),
        cmocka_unit_test(test_prices_are_pounds_and_pence),
        cmocka_unit_test_setup_teardown(test_services_and_clinics_are_found_by_name_in_any_case,
                                        setup_home, teardown_home),
        cmocka_unit_test_setup_teardown(test_the_starter_config_is_private_and_never_overwritten,
                                        setup_home, teardown_home),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
