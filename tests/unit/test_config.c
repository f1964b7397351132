/*
 * The config (SPEC §4): with no file at all the clinic runs on built-in
 * defaults equal to the spec's example; the owner's own file is found by
 * --config, then $FRONTDESK_CONFIG, then the XDG path; the confirmation
 * subject keeps its ${date} and ${time} placeholders; every kind of
 * message has its shipped templates, each knowing its own placeholders,
 * and its SMS fits in two texts; mailing lists and offers read as written;
 * and every mistake the owner can make in the file is refused with a
 * message naming the file, the line and the option, never half-loaded.
 *
 * Each test runs in a fresh temporary home (HOME and XDG_CONFIG_HOME point
 * into it, FRONTDESK_CONFIG is unset), removed afterwards.  A test that
 * needs templates of its own makes a data folder there (use_own_data_dir).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/config.h>
#include <frontdesk/sms.h>

#include "helpers.h"

#include <dirent.h>
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
    char path[512];     /* scratch for the file a test writes */
    char data_dir[512]; /* $FRONTDESK_DATA_DIR as the test found it */
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
    snprintf(home->data_dir, sizeof home->data_dir, "%s", config_data_dir());
    *state = home;
    return 0;
}

static int teardown_home(void **state)
{
    struct home *home = *state;
    fixture_folder_remove(home->dir);
    unsetenv("FRONTDESK_CONFIG");
    setenv("FRONTDESK_DATA_DIR", home->data_dir, 1);
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

/* A data folder of the test's own, HOME/data, with the real holidays and a
 * templates/ folder holding a copy of the shipped templates, the
 * confirmation.txt replaced by one of its own; returns the templates/ path
 * (in home->path) for the test to add its own. */
static const char *use_own_data_dir(struct home *home)
{
    char data[128], link_to[600];
    snprintf(data, sizeof data, "%s/data", home->dir);
    snprintf(link_to, sizeof link_to, "%s/templates", home->data_dir);
    DIR *shipped = opendir(link_to);
    assert_non_null(shipped);
    for (struct dirent *entry; (entry = readdir(shipped));) {
        if (entry->d_name[0] == '.')
            continue;
        char from[1200], to[600];
        snprintf(from, sizeof from, "%s/%s", link_to, entry->d_name);
        snprintf(to, sizeof to, "data/templates/%s", entry->d_name);
        char *text = read_whole_file(from);
        write_file(home, to, text);
        free(text);
    }
    closedir(shipped);
    snprintf(link_to, sizeof link_to, "%s/holidays", home->data_dir);
    write_file(home, "data/templates/confirmation.txt", "Hello ${first_name}, see you ${date}.\n");
    snprintf(home->path, sizeof home->path, "%s/holidays", data);
    assert_int_equal(symlink(link_to, home->path), 0);
    setenv("FRONTDESK_DATA_DIR", data, 1);
    snprintf(home->path, sizeof home->path, "%s/templates", data);
    return home->path;
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
    assert_string_equal(config.templates[MESSAGE_KIND_CONFIRMATION].subject, SPEC_SUBJECT);
    assert_string_equal(config.templates[MESSAGE_KIND_CONFIRMATION].body, "confirmation.txt");
    assert_string_equal(config.templates[MESSAGE_KIND_CONFIRMATION].sms, "confirmation.sms");

    /* The three example lists, each with its welcome; no offer runs. */
    assert_int_equal(config.list_count, 3);
    assert_string_equal(config.lists[0].name, "self-care");
    assert_int_equal(config.lists[0].frequency_count, 2);
    assert_string_equal(config.lists[0].frequencies[0], "weekly");
    assert_string_equal(config.lists[0].frequencies[1], "monthly");
    assert_string_equal(config.lists[0].welcome, "welcome-self-care.txt");
    assert_non_null(config.lists[0].gift);
    assert_string_equal(config.lists[1].name, "foam-rolling-workshop");
    assert_int_equal(config.lists[1].frequency_count, 0);
    assert_string_equal(config.lists[2].name, "posture-checklist");
    for (size_t i = 0; i < config.list_count; i++) {
        assert_non_null(config.lists[i].welcome);
        assert_non_null(config.lists[i].subject);
    }
    assert_int_equal(config.offer_count, 0);

    /* The options added since the spec's example, at their defaults. */
    assert_int_equal(config.sendmail_timeout, 60);
    assert_int_equal(config.late_cancel_hours, 24);
    assert_int_equal(config.no_show_fee.kind, FEE_NONE);
    assert_int_equal(config.late_cancel_fee.kind, FEE_NONE);
    assert_int_equal(config.undo_minutes, 10);
    assert_null(config.desk);
    assert_int_equal(config.reminder_working_days, 1);
    assert_int_equal(config.reminder_time, minute_of("10:00"));
    assert_null(config.sms_command);
    assert_null(config.sms_argv);

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
    use_own_data_dir(home);
    write_file(home, "data/templates/cafe.txt", "Dear ${client}, until ${date} at ${time}.\n");
    const char *path =
        write_file(home, "clinic.conf",
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
                   "sendmail_timeout   = 120\n"
                   "late_cancel_hours  = 48\n"
                   "no_show_fee        = \"100%\"\n"
                   "late_cancel_fee    = \"12.50\"\n"
                   "undo_minutes       = 0     // no undo here\n"
                   "desk               = \"front-1.b_2\"\n"
                   "reminder_working_days = 2\n"
                   "reminder_time      = \"16:45\"\n"
                   "sms_command        = \"/opt/sms/send --from \\\"Café Physio\\\"\"\n"
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
    assert_int_equal(config.sendmail_timeout, 120);
    assert_int_equal(config.late_cancel_hours, 48);
    assert_int_equal(config.no_show_fee.kind, FEE_PERCENT);
    assert_int_equal(config.no_show_fee.percent, 100);
    assert_int_equal(config.late_cancel_fee.kind, FEE_AMOUNT);
    assert_int_equal(config.late_cancel_fee.pence, 1250);
    assert_int_equal(config.undo_minutes, 0);
    assert_string_equal(config.desk, "front-1.b_2");
    assert_int_equal(config.reminder_working_days, 2);
    assert_int_equal(config.reminder_time, minute_of("16:45"));
    assert_string_equal(config.sms_command, "/opt/sms/send --from \"Café Physio\"");
    /* Split into words at load, as the sendmail line is. */
    assert_non_null(config.sms_argv);
    assert_string_equal(config.sms_argv[0], "/opt/sms/send");
    assert_string_equal(config.sms_argv[1], "--from");
    assert_string_equal(config.sms_argv[2], "Café Physio");
    assert_null(config.sms_argv[3]);

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

    assert_string_equal(config.templates[MESSAGE_KIND_CONFIRMATION].subject, "See you on ${date}");
    assert_string_equal(config.templates[MESSAGE_KIND_CONFIRMATION].body, "cafe.txt");
    /* What the file leaves out is the default. */
    assert_string_equal(config.templates[MESSAGE_KIND_CONFIRMATION].sms, "confirmation.sms");
    assert_string_equal(config.templates[MESSAGE_KIND_REMINDER].body, "reminder.txt");
    assert_int_equal(config.list_count, 0);
    assert_int_equal(config.offer_count, 0);
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
    assert_string_equal(config.templates[MESSAGE_KIND_CONFIRMATION].subject, SPEC_SUBJECT);
    assert_string_equal(config.lists[0].subject, "Welcome to ${list} from ${clinic_name}");
    config_free(&config);

    /* The starter file a new clinic gets says the same. */
    char starter[512];
    snprintf(starter, sizeof starter, "%s/starter.conf", home->dir);
    struct fd_error err = {0};
    assert_int_equal(config_write_starter(starter, &err), 0);
    load_or_fail(starter, &config);
    assert_string_equal(config.templates[MESSAGE_KIND_CONFIRMATION].subject, SPEC_SUBJECT);
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
    assert_string_equal(config.templates[MESSAGE_KIND_CONFIRMATION].subject,
                        "\"Booked\": ${time}, ${date}");
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
     2, "clinics", "Low Cost Clinic", false},
    {"an unknown clinic further down a list",
     "clinic \"Clinic\" { rooms = 2 }\n"
     "service \"S\" {\n"
     "  clinics = {\"Clinic\",\n"
     "             \"Annexe\"\n"
     "  }\n"
     "}\n"
     "clinic \"Annex\" { rooms = 1 }\n",
     4, "clinics", "Annexe", false},
    {"a service at no clinic", "clinic \"Clinic\" { rooms = 2 }\nservice \"S\" { minutes = 30 }\n",
     0, "clinics", NULL, false},
    {"no clinic at all", "clinic_name = \"Nowhere\"\n", 0, "no clinic", NULL, false},
    {"a clinic named twice", "clinic \"Clinic\" { rooms = 2 }\nclinic \"Clinic\" { rooms = 3 }\n",
     2, "Clinic", "duplicate", false},
    {"a clinic that opens after it closes", "opens = \"19:00\"\ncloses = \"09:00\"\n" ONE_CLINIC, 2,
     "closes", "19:00", false},
    {"a clinic that closes before it opens", "closes = \"07:00\"\n" ONE_CLINIC, 1, "closes",
     "08:00", false},
    {"an unknown template", ONE_CLINIC "\ntemplate birthday {\n  subject = \"x\"\n}\n", 4,
     "template \"birthday\"", "known: confirmation, change, cancellation", false},
    {"a template's kind in capitals", ONE_CLINIC "template Reminder { subject = \"x\" }\n", 3,
     "Reminder", NULL, false},
    {"a template named twice",
     ONE_CLINIC "template reminder { subject = \"x\" }\ntemplate reminder { subject = \"y\" }\n", 4,
     "reminder", "duplicate", false},
    {"an empty subject", ONE_CLINIC "template taken {\n  subject = \"\"\n}\n", 4, "subject",
     "empty", false},
    {"an empty clinic name", ONE_CLINIC "clinic_name = \"\"\n", 3, "clinic_name", "empty", false},

    /* The options added since the spec's example. */
    {"no time at all for sendmail", ONE_CLINIC "sendmail_timeout = 0\n", 3, "sendmail_timeout",
     "out of range", false},
    {"over an hour for sendmail", ONE_CLINIC "sendmail_timeout = 3601\n", 3, "sendmail_timeout",
     "1 to 3600", false},
    {"a month to cancel", ONE_CLINIC "late_cancel_hours = 721\n", 3, "late_cancel_hours",
     "0 to 720", false},
    {"more than the whole price", ONE_CLINIC "no_show_fee = \"150%\"\n", 3, "no_show_fee", "150%",
     false},
    {"a fraction of a percent", ONE_CLINIC "no_show_fee = \"12.5%\"\n", 3, "no_show_fee", "12.5%",
     false},
    {"a fee in another currency", ONE_CLINIC "late_cancel_fee = \"£20\"\n", 3, "late_cancel_fee",
     "is not a fee", false},
    {"a fee that is a word", ONE_CLINIC "late_cancel_fee = \"half\"\n", 3, "late_cancel_fee",
     "half", false},
    {"an undo of a day and more", ONE_CLINIC "undo_minutes = 1441\n", 3, "undo_minutes",
     "0 to 1440", false},
    {"a negative undo", ONE_CLINIC "undo_minutes = -1\n", 3, "undo_minutes", "out of range", false},
    {"a desk name with a space", ONE_CLINIC "desk = \"front desk\"\n", 3, "desk", "front desk",
     false},
    {"a desk name with an accent", ONE_CLINIC "desk = \"réception\"\n", 3, "desk", NULL, false},
    {"a desk name too long", ONE_CLINIC "desk = \"abcdefghijklmnopqrstuvwxyz0123456\"\n", 3, "desk",
     "at most 32", false},
    {"reminders a fortnight ahead", ONE_CLINIC "reminder_working_days = 11\n", 3,
     "reminder_working_days", "0 to 10", false},
    {"a reminder at no time", ONE_CLINIC "reminder_time = \"10\"\n", 3, "reminder_time", "HH:MM",
     false},
    {"a reminder at the end of the day", ONE_CLINIC "reminder_time = \"24:00\"\n", 3,
     "reminder_time", "23:59", false},
    {"an SMS command with a quote never closed",
     ONE_CLINIC "sms_command = \"/opt/sms/send --from \\\"Front desk\"\n", 3, "sms_command",
     "never closed", false},
    {"a sendmail with a quote never closed", ONE_CLINIC "sendmail = \"msmtp -a \\\"clinic\"\n", 3,
     "sendmail", "never closed", false},
    {"an empty sendmail", ONE_CLINIC "sendmail = \"  \"\n", 3, "sendmail", "empty", false},

    /* Addresses mail is sent from. */
    {"a sender with no address", ONE_CLINIC "from = \"Front desk\"\n", 3, "from", "Front desk",
     false},
    {"a sender address with no dot", ONE_CLINIC "from = \"Desk <desk@localhost>\"\n", 3, "from",
     "is not an email address (has no dot", false},
    {"a sender address with an accent", ONE_CLINIC "from = \"Zoë <zoë@example.com>\"\n", 3,
     "from: \"zoë@example.com\" has non-ASCII characters", "cannot be delivered", false},
    {"a sender domain with an accent", ONE_CLINIC "from = \"desk@exämple.org\"\n", 3, "from",
     "non-ASCII", false},

    /* Mailing lists. */
    {"a list named twice", ONE_CLINIC "list \"self-care\" {}\nlist \"self-care\" {}\n", 4,
     "self-care", "duplicate", false},
    {"a list named twice in other capitals",
     ONE_CLINIC "list \"self-care\" {}\n\nlist \"Self-Care\"\n{\n}\n", 5,
     "list \"Self-Care\": another list is named \"self-care\"", NULL, false},
    {"a list with no name", ONE_CLINIC "list \"\" {}\n", 3, "list \"\"", "1 to 64 bytes", false},
    {"a frequency in capitals",
     ONE_CLINIC "list \"tips\" {\n  frequencies = {weekly,\n    Monthly}\n}\n", 5, "frequencies",
     "Monthly", false},
    {"a frequency of two words", ONE_CLINIC "list \"tips\" { frequencies = {\"twice a week\"} }\n",
     3, "frequencies", "twice a week", false},
    {"a frequency given twice",
     ONE_CLINIC "list \"tips\" {\n  frequencies = {weekly, monthly,\n  weekly}\n}\n", 5,
     "list \"tips\": frequencies: \"weekly\" is given twice", NULL, false},
    {"a welcome that is not there", ONE_CLINIC "list \"tips\" {\n  welcome = \"hello.txt\"\n}\n", 4,
     "list \"tips\": welcome \"hello.txt\"", "no such file", false},
    {"a welcome outside the templates folder",
     ONE_CLINIC "list \"tips\" { welcome = \"../holidays/england-and-wales\" }\n", 3, "welcome",
     "must be the name of a file", false},
    {"a welcome subject with an appointment's placeholder",
     ONE_CLINIC "list \"tips\" {\n  welcome = \"welcome-self-care.txt\"\n  subject = \"See you "
                "${date}\"\n}\n",
     5, "list \"tips\": subject: unknown placeholder ${date}", "known: client, first_name", false},
    {"a subject with no welcome", ONE_CLINIC "list \"tips\" {\n  subject = \"Hello\"\n}\n", 4,
     "list \"tips\": subject", "only a welcome", false},
    {"a gift with no welcome",
     ONE_CLINIC "list \"tips\" {\n  gift = \"https://example.org/g\"\n}\n", 4,
     "list \"tips\": gift", "only a welcome", false},
    {"a gift that is not a link",
     ONE_CLINIC "list \"tips\" {\n  welcome = \"welcome-self-care.txt\"\n  gift = "
                "\"www.example.org/guide\"\n}\n",
     5, "gift", "www.example.org/guide", false},
    {"a link with nothing after it", ONE_CLINIC "list \"tips\" { gift = \"https://\" }\n", 3,
     "gift", "neither a link", false},
    {"a link with a space",
     ONE_CLINIC "list \"tips\" { gift = \"https://example.org/my guide\" }\n", 3, "gift",
     "neither a link", false},
    {"a gift file that is not there",
     ONE_CLINIC "list \"tips\" { gift = \"/nowhere/guide.pdf\" }\n", 3, "gift",
     "/nowhere/guide.pdf", false},
    {"a gift that is a folder", ONE_CLINIC "list \"tips\" { gift = \"/tmp\" }\n", 3, "gift",
     "full path of a file", false},
    {"an unknown option in a list", ONE_CLINIC "list \"tips\" {\n  colour = \"teal\"\n}\n", 4,
     "colour", NULL, false},

    /* Offers. */
    {"an offer with a percent and an amount",
     ONE_CLINIC "offer \"jan\" {\n  amount = \"5.00\"\n  from = \"2027-01-01\"\n  to = "
                "\"2027-01-31\"\n  percent = 10\n}\n",
     7, "offer \"jan\": percent and amount", "not both", false},
    {"an offer with no discount",
     ONE_CLINIC "\noffer \"jan\" {\n  from = \"2027-01-01\"\n  to = \"2027-01-31\"\n}\n", 4,
     "offer \"jan\"", "percent", false},
    {"no percent at all", ONE_CLINIC "offer \"jan\" {\n  percent = 0\n}\n", 4, "percent",
     "1 to 100", false},
    {"more than the whole price off", ONE_CLINIC "offer \"jan\" {\n  percent = 101\n}\n", 4,
     "percent", "out of range", false},
    {"a percent that is not a number", ONE_CLINIC "offer \"jan\" { percent = \"10%\" }\n", 3,
     "percent", NULL, false},
    {"nothing off", ONE_CLINIC "offer \"jan\" {\n  amount = \"0.00\"\n}\n", 4, "amount", "0.00",
     false},
    {"an amount that is not money", ONE_CLINIC "offer \"jan\" {\n  amount = \"£5\"\n}\n", 4,
     "amount", "such as \"5.00\"", false},
    {"an offer with no first day",
     ONE_CLINIC "offer \"jan\" {\n  percent = 10\n  to = \"2027-01-31\"\n}\n", 3,
     "offer \"jan\": from", NULL, false},
    {"an offer with no last day",
     ONE_CLINIC "offer \"jan\" {\n  percent = 10\n  from = \"2027-01-01\"\n}\n", 3,
     "offer \"jan\": to", NULL, false},
    {"an offer that ends before it starts",
     ONE_CLINIC "offer \"jan\" {\n  percent = 10\n  to = \"2027-01-01\"\n  from = "
                "\"2027-01-31\"\n}\n",
     6, "offer \"jan\"", "from (2027-01-31) no later than to (2027-01-01)", false},
    {"an offer from a day that is no day",
     ONE_CLINIC "offer \"jan\" {\n  percent = 10\n  from = \"2027-02-30\"\n}\n", 5, "from",
     "2027-02-30", false},
    {"an offer to subscribers of a list there is not",
     ONE_CLINIC
     "list \"self-care\" {}\noffer \"jan\" {\n  percent = 10\n  from = \"2027-01-01\"\n  "
     "to = \"2027-01-31\"\n  subscribers_of = {\"Self-Care\",\n    \"selfcare\"}\n}\n",
     9, "offer \"jan\": subscribers_of: no list is named \"selfcare\"", NULL, false},
    {"an offer on a service there is not",
     ONE_CLINIC
     "offer \"jan\" {\n  percent = 10\n  from = \"2027-01-01\"\n  to = \"2027-01-31\"\n  "
     "services = {\"Sports massage 90\"}\n}\n",
     7, "offer \"jan\": services: no service is named \"Sports massage 90\"", NULL, false},
    {"a first session that is neither true nor false",
     ONE_CLINIC "offer \"jan\" {\n  first_session = maybe\n}\n", 4, "first_session", NULL, false},
    {"an offer named twice in other capitals",
     ONE_CLINIC "offer \"jan\" { percent = 10 from = \"2027-01-01\" to = \"2027-01-31\" }\n"
                "offer \"JAN\" { percent = 5 from = \"2027-01-01\" to = \"2027-01-31\" }\n",
     4, "offer \"JAN\": another offer is named \"jan\"", NULL, false},
    {"an unknown option in an offer", ONE_CLINIC "offer \"jan\" {\n  discount = 10\n}\n", 4,
     "discount", NULL, false},

    /* The confirmation template, checked now rather than at the first send. */
    {"a subject with an unknown placeholder",
     ONE_CLINIC "template confirmation {\n"
                "  subject = \"On ${dat} at ${time}\"\n"
                "}\n",
     4, "template confirmation: subject: unknown placeholder ${dat}", "known: client", false},
    {"a subject placeholder never closed",
     ONE_CLINIC "template confirmation { subject = \"On ${date\" }\n", 3, "subject", "no closing",
     false},
    {"a body that is not there",
     ONE_CLINIC "template confirmation {\n"
                "  subject = \"Booked\"\n"
                "  body = \"nowhere.txt\"\n"
                "}\n",
     5, "template confirmation: body \"nowhere.txt\"", "no such file", false},
    {"a body outside the templates folder",
     ONE_CLINIC "template confirmation {\n  body = \"../holidays/england-and-wales\"\n}\n", 4,
     "body", "must be the name of a file", false},
    {"a body that is the folder above", ONE_CLINIC "template confirmation { body = \"..\" }\n", 3,
     "body", "must be the name of a file", false},
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

/* libconfuse 3.3 counts each "#" or "//" comment as three lines and each
 * block comment as two: every kind of comment, in every place, stands
 * before a mistake here, whose line the message must still name. */
struct placed_mistake {
    const char *text;
    int line;
    const char *names;
};

static const struct placed_mistake AFTER_COMMENTS[] = {
    {"# the clinic\n# by the river\n" ONE_CLINIC "colour = \"teal\"\n", 5, "colour"},
    {"// the clinic\n// by the river\n" ONE_CLINIC "slot_step = 0\n", 5, "slot_step"},
    {"/* the clinic */\n" ONE_CLINIC "slot_step = 0\n", 4, "slot_step"},
    {"/* the clinic\n   by the river\n   since 1999 */\n" ONE_CLINIC "slot_step = 0\n", 6,
     "slot_step"},
    {"slot_step = 15 # every quarter\nrequest_reply_days = 2 // days\nopens = \"08:00\" /* am */\n"
     "closes = \"8pm\"\n" ONE_CLINIC,
     4, "closes"},
    {"/* one */ /* two */ # three\n// four\n#\n//\n/**/\nslot_step = 1\n" ONE_CLINIC, 6,
     "slot_step"},
    {"clinic \"Clinic\" {\n"
     "  # two rooms upstairs\n"
     "  /* and one\n"
     "     downstairs */\n"
     "  rooms = 3 // all told\n"
     "  beds = 3\n"
     "}\n",
     6, "beds"},
    {"# services\n"
     "clinic \"Clinic\" { rooms = 2 } # the only one\n"
     "service \"S\" {\n"
     "  // where it is offered\n"
     "  clinics = {\"Clinic\", /* and */\n"
     "             \"Annex\"}  # not built yet\n"
     "}\n",
     6, "Annex"},
    {"# prices\n"
     "clinic \"Clinic\" { rooms = 2 }\n"
     "service \"S\" {\n"
     "  /* per hour */ price = \"55.5\"\n"
     "  clinics = {\"Clinic\"}\n"
     "}\n",
     4, "price"},
    {"# a syntax error\n/* below */\n" ONE_CLINIC "clinic \"Annex\" { rooms = = 2 }\n", 5,
     "unexpected"},
    {"# mail\n// from\n/* the */\n" ONE_CLINIC "from = \"desk@exämple.org\"\n", 6, "non-ASCII"},
    {"# template\n" ONE_CLINIC
     "template confirmation {\n  # the subject\n  subject = \"${when}\"\n}\n",
     6, "${when}"},
    {"clinic_name = \"Riverside\" \r\n# windows\r\n" ONE_CLINIC "slot_step = 0\r\n", 5,
     "slot_step"},
    /* A mistake in a section as a whole names its title, however far the
     * "{" or the "}" stand from it. */
    {"# offers\n" ONE_CLINIC "/* none yet\n   */ offer \"jan\"  # the new year\n"
     "// its body\n{\n  from = \"2027-01-01\" # a Friday\n  to = \"2027-01-31\"\n\n}\n",
     5, "offer \"jan\": give its discount"},
    {"clinic \"Clinic\" { rooms = 2 } template birthday {} # two on a line\n", 1,
     "template \"birthday\""},
    {"working_days = {\n  mon }\nclinic \"Clinic\" {\n  rooms = 2\n}\n"
     "template\n  birthday\n{ subject = \"{\" }\n",
     7, "template \"birthday\""},
};

static void test_errors_name_the_right_line_after_comments(void **state)
{
    struct home *home = *state;
    for (size_t i = 0; i < sizeof AFTER_COMMENTS / sizeof AFTER_COMMENTS[0]; i++) {
        const struct placed_mistake *bad = &AFTER_COMMENTS[i];
        const char *path = write_file(home, "commented.conf", bad->text);
        struct fd_config config;
        struct fd_error err = {0};
        char mistake[64];
        snprintf(mistake, sizeof mistake, "mistake %zu after comments", i + 1);
        if (config_load(path, &config, &err) != -FD_ERR_CONFIG)
            fail_msg("%s: not refused (%s)", mistake, err.message);
        expect_message(mistake, &err, path, bad->line, bad->names, NULL);
    }
}

static void test_comments_leave_the_values_alone(void **state)
{
    struct home *home = *state;
    const char *path = write_file(home, "commented.conf",
                                  "# the clinic\n"
                                  "clinic_name = \"Riverside # Physio // 2 /* x */\" # name\n"
                                  "slot_step = 10 // minutes\n"
                                  "request_reply_days = /* days */ 3\n"
                                  "database = /srv/frontdesk//riverside.db\n"
                                  "closed = {\"2026-12-24\", /* eve */ \"2026-12-31\" # eve too\n"
                                  "}\n"
                                  "sendmail = 'msmtp -t' /* ' */\n"
                                  "clinic \"Clinic\" {\n"
                                  "  rooms = 2 /* upstairs\n"
                                  "  rooms = 9 */\n"
                                  "}\n"
                                  "service \"S\" { clinics = {\"Clinic\"} } // one\n");
    struct fd_config config;
    load_or_fail(path, &config);
    assert_string_equal(config.clinic_name, "Riverside # Physio // 2 /* x */");
    assert_int_equal(config.slot_step, 10);
    assert_int_equal(config.request_reply_days, 3);
    /* "//" inside a word is part of it, for libconfuse as for us. */
    assert_string_equal(config.database, "/srv/frontdesk//riverside.db");
    assert_true(calendar_is_closure(&config.calendar, day_of("2026-12-31")));
    assert_string_equal(config.sendmail, "msmtp -t");
    assert_int_equal(config.clinics[0].rooms, 2);
    config_free(&config);

    /* A file written with CRLF line ends reads the same. */
    path = write_file(home, "crlf.conf",
                      "slot_step = 10\r\nrequest_reply_days = 3 # days\r\n"
                      "clinic \"Clinic\" {\r\n  rooms = 2\r\n}\r\n"
                      "service \"S\" { minutes = 30\r\n clinics = {\"Clinic\"} }\r\n");
    load_or_fail(path, &config);
    assert_int_equal(config.slot_step, 10);
    assert_int_equal(config.request_reply_days, 3);
    assert_int_equal(config.services[0].minutes, 30);
    config_free(&config);
}

/* ---- the confirmation template ----------------------------------------- */

static void expect_refused(const char *mistake, const char *path, int line, const char *names,
                           const char *names_2)
{
    struct fd_config config;
    struct fd_error err = {0};
    int rc = config_load(path, &config, &err);
    if (rc != -FD_ERR_CONFIG) {
        if (rc == 0)
            config_free(&config);
        fail_msg("%s: config_load returned %d, not -FD_ERR_CONFIG (%s)", mistake, rc, err.message);
    }
    expect_message(mistake, &err, path, line, names, names_2);
}

static void test_the_template_body_is_checked_at_load(void **state)
{
    struct home *home = *state;
    char templates[512];
    snprintf(templates, sizeof templates, "%s", use_own_data_dir(home));
    char config_text[512];
    const char *path;
#define WITH_BODY(name)                                                                            \
    (snprintf(config_text, sizeof config_text,                                                     \
              ONE_CLINIC "# the letter\ntemplate confirmation {\n  body = \"%s\"\n}\n", name),     \
     write_file(home, "frontdesk.conf", config_text))

    /* An unknown placeholder names both files and both lines. */
    write_file(home, "data/templates/typo.txt", "Hello ${first_name},\n\nsee you at ${tme}.\n");
    path = WITH_BODY("typo.txt");
    expect_refused("a body with an unknown placeholder", path, 5,
                   "template confirmation: body \"typo.txt\"",
                   "typo.txt:3: unknown placeholder ${tme}");

    /* Not UTF-8 (Latin-1 "café"). */
    write_bytes(home, "data/templates/latin1.txt", "caf\xe9 ${date}\n", 11);
    path = WITH_BODY("latin1.txt");
    expect_refused("a Latin-1 body", path, 5, "latin1.txt", "is not UTF-8 text");

    /* More than 64 KiB. */
    static char big[64 * 1024 + 2];
    memset(big, 'x', sizeof big - 1);
    write_bytes(home, "data/templates/big.txt", big, sizeof big - 1);
    path = WITH_BODY("big.txt");
    expect_refused("a body too large", path, 5, "big.txt", "larger than 65536 bytes");

    /* Exactly 64 KiB is still a letter. */
    write_bytes(home, "data/templates/just.txt", big, 64 * 1024);
    path = WITH_BODY("just.txt");
    struct fd_config config;
    load_or_fail(path, &config);
    config_free(&config);

    /* A folder, and a file no one may read. */
    char folder[600];
    snprintf(folder, sizeof folder, "%s/letters", templates);
    assert_int_equal(mkdir(folder, 0700), 0);
    path = WITH_BODY("letters");
    expect_refused("a folder for a body", path, 5, "letters", NULL);
    const char *secret = write_file(home, "data/templates/secret.txt", "Hello\n");
    assert_int_equal(chmod(secret, 0), 0);
    if (geteuid() != 0) {
        path = WITH_BODY("secret.txt");
        expect_refused("an unreadable body", path, 5, "secret.txt", "Permission denied");
    }
#undef WITH_BODY

    /* With no template section the default body is checked just the same,
     * and the message names the file alone: there is no line to name. */
    char default_body[600];
    snprintf(default_body, sizeof default_body, "%s/confirmation.txt", templates);
    assert_int_equal(unlink(default_body), 0);
    path = write_file(home, "frontdesk.conf", ONE_CLINIC);
    expect_refused("a default body that is missing", path, 0,
                   "template confirmation: body \"confirmation.txt\"", "no such file");
}

/* ---- a template per kind of message ----------------------------------- */

/* What every kind knows, and what the kinds about an appointment add. */
#define EVERY_KIND "client first_name clinic_name"
#define APPOINTMENT                                                                                \
    EVERY_KIND                                                                                     \
    " date time end therapist clinic service minutes price list_price offer id reply_code"

/* The placeholders each kind knows, in the table's order, as the brief of
 * each kind has them; and one a template of that kind may not use. */
static const struct {
    enum message_kind kind;
    const char *name;
    const char *placeholders;
    const char *alien; /* known to another kind, not to this one */
} KINDS[] = {
    {MESSAGE_KIND_CONFIRMATION, "confirmation", APPOINTMENT " sessions", "old_date"},
    {MESSAGE_KIND_CHANGE, "change", APPOINTMENT " old_date old_time", "reason"},
    {MESSAGE_KIND_CANCELLATION, "cancellation", APPOINTMENT " reason", "correction"},
    {MESSAGE_KIND_DECLINE, "decline", EVERY_KIND " service reason", "date"},
    {MESSAGE_KIND_WAITLIST, "waitlist", EVERY_KIND " service", "reason"},
    {MESSAGE_KIND_OFFER, "offer", APPOINTMENT, "old_time"},
    {MESSAGE_KIND_TAKEN, "taken", APPOINTMENT, "reason"},
    {MESSAGE_KIND_REMINDER, "reminder", APPOINTMENT, "gift"},
    {MESSAGE_KIND_CORRECTION, "correction", APPOINTMENT " correction", "old_date"},
    {MESSAGE_KIND_NOTIFY, "notify", EVERY_KIND " service", "time"},
};
#define KIND_COUNT (sizeof KINDS / sizeof KINDS[0])

/* The names of fields that are named, space-separated, into out. */
static void named_fields(const struct message_field fields[PLACEHOLDER_COUNT], char *out,
                         size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < PLACEHOLDER_COUNT; i++) {
        assert_null(fields[i].value);
        if (fields[i].name)
            snprintf(out + strlen(out), size - strlen(out), "%s%s", out[0] ? " " : "",
                     fields[i].name);
    }
}

static void test_each_kind_knows_its_placeholders(void **state)
{
    struct home *home = *state;
    assert_int_equal(KIND_COUNT, MESSAGE_KIND_COUNT);
    for (size_t k = 0; k < KIND_COUNT; k++) {
        /* The name in the config, both ways. */
        assert_string_equal(config_message_kind_name(KINDS[k].kind), KINDS[k].name);
        assert_int_equal(config_message_kind_parse(KINDS[k].name), KINDS[k].kind);

        struct message_field fields[PLACEHOLDER_COUNT];
        config_template_fields(KINDS[k].kind, fields);
        char names[512];
        named_fields(fields, names, sizeof names);
        if (strcmp(names, KINDS[k].placeholders) != 0)
            fail_msg("template %s knows \"%s\", expected \"%s\"", KINDS[k].name, names,
                     KINDS[k].placeholders);

        /* A subject may use every one of them... */
        char subject[600] = "", text[1024];
        for (size_t i = 0; i < PLACEHOLDER_COUNT; i++)
            if (fields[i].name)
                snprintf(subject + strlen(subject), sizeof subject - strlen(subject), "${%s} ",
                         fields[i].name);
        snprintf(text, sizeof text, ONE_CLINIC "template %s {\n  subject = \"%s\"\n}\n",
                 KINDS[k].name, subject);
        const char *path = write_file(home, "frontdesk.conf", text);
        struct fd_config config;
        load_or_fail(path, &config);
        assert_string_equal(config.templates[KINDS[k].kind].subject, subject);
        config_free(&config);

        /* ...and none of another kind's, whose message lists its own. */
        char mistake[64], unknown[64], where[64];
        snprintf(mistake, sizeof mistake, "${%s} in a %s subject", KINDS[k].alien, KINDS[k].name);
        snprintf(text, sizeof text, ONE_CLINIC "template %s {\n  subject = \"Hi ${%s}\"\n}\n",
                 KINDS[k].name, KINDS[k].alien);
        snprintf(unknown, sizeof unknown, "unknown placeholder ${%s} (known: client",
                 KINDS[k].alien);
        snprintf(where, sizeof where, "template %s: subject", KINDS[k].name);
        path = write_file(home, "frontdesk.conf", text);
        expect_refused(mistake, path, 4, where, unknown);
    }
    assert_string_equal(config_message_kind_name(MESSAGE_KIND_COUNT), "");
    assert_int_equal(config_message_kind_parse("birthday"), -1);
    assert_int_equal(config_message_kind_parse("Reminder"), -1);
    assert_int_equal(config_message_kind_parse(NULL), -1);

    /* A list's welcome knows its own few. */
    struct message_field fields[PLACEHOLDER_COUNT];
    config_welcome_fields(fields);
    char names[512];
    named_fields(fields, names, sizeof names);
    assert_string_equal(names, EVERY_KIND " list frequency gift");

    /* Every placeholder has a name of its own, known to some template. */
    const char *every[PLACEHOLDER_COUNT] = {0};
    for (int kind = 0; kind <= MESSAGE_KIND_COUNT; kind++) {
        if (kind < MESSAGE_KIND_COUNT)
            config_template_fields((enum message_kind)kind, fields);
        else
            config_welcome_fields(fields);
        for (size_t i = 0; i < PLACEHOLDER_COUNT; i++)
            if (fields[i].name)
                every[i] = fields[i].name;
    }
    for (size_t i = 0; i < PLACEHOLDER_COUNT; i++) {
        assert_non_null(every[i]);
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(every[i], every[j]);
    }
}

static void test_every_kind_has_its_shipped_templates(void **state)
{
    (void)state;
    struct fd_config config;
    load_or_fail(NULL, &config);
    for (size_t k = 0; k < KIND_COUNT; k++) {
        const struct fd_template *template = &config.templates[KINDS[k].kind];
        char body[64], sms[64];
        snprintf(body, sizeof body, "%s.txt", KINDS[k].name);
        snprintf(sms, sizeof sms, "%s.sms", KINDS[k].name);
        assert_string_equal(template->body, body);
        assert_string_equal(template->sms, sms);
        assert_true(strlen(template->subject) > 10);

        /* Each file reads and renders with the kind's placeholders. */
        struct message_field fields[PLACEHOLDER_COUNT];
        config_template_fields(KINDS[k].kind, fields);
        const char *files[] = {template->body, template->sms};
        for (size_t f = 0; f < 2; f++) {
            char *text = NULL, path[1024], *rendered = NULL;
            struct fd_error err = {0};
            if (config_read_template(f ? "sms" : "body", files[f], &text, path, sizeof path, &err) <
                0)
                fail_msg("%s: %s", files[f], err.message);
            if (message_render(text, path, fields, PLACEHOLDER_COUNT, &rendered, &err) < 0)
                fail_msg("%s: %s", files[f], err.message);
            /* A greeting by first name, and the clinic's name. */
            assert_non_null(strstr(text, "${first_name}"));
            assert_non_null(strstr(text, "${clinic_name}"));
            free(text);
            free(rendered);
        }
    }
    /* Each list's welcome too. */
    struct message_field fields[PLACEHOLDER_COUNT];
    config_welcome_fields(fields);
    for (size_t i = 0; i < config.list_count; i++) {
        char *text = NULL, path[1024];
        struct fd_error err = {0};
        if (config_read_template("welcome", config.lists[i].welcome, &text, path, sizeof path,
                                 &err) < 0)
            fail_msg("%s: %s", config.lists[i].name, err.message);
        assert_non_null(strstr(text, "${gift}"));
        free(text);
    }
    config_free(&config);
}

/* Typical values of every placeholder, on the long side. */
static const char *const TYPICAL[PLACEHOLDER_COUNT] = {
    [PLACEHOLDER_CLIENT] = "Alexandra Fairweather-Smith",
    [PLACEHOLDER_FIRST_NAME] = "Alexandra",
    [PLACEHOLDER_CLINIC_NAME] = "Riverside Sports Massage",
    [PLACEHOLDER_DATE] = "Wednesday 30 September 2026",
    [PLACEHOLDER_TIME] = "10:15",
    [PLACEHOLDER_END] = "11:15",
    [PLACEHOLDER_THERAPIST] = "Priya Ramaswamy",
    [PLACEHOLDER_CLINIC] = "Low Cost Clinic",
    [PLACEHOLDER_SERVICE] = "Low cost massage 45",
    [PLACEHOLDER_MINUTES] = "45",
    [PLACEHOLDER_PRICE] = "27.00",
    [PLACEHOLDER_LIST_PRICE] = "30.00",
    [PLACEHOLDER_OFFER] = "january-first-session",
    [PLACEHOLDER_ID] = "104729",
    [PLACEHOLDER_REPLY_CODE] = "4821",
    [PLACEHOLDER_OLD_DATE] = "Thursday 24 September 2026",
    [PLACEHOLDER_OLD_TIME] = "14:30",
    [PLACEHOLDER_REASON] = "your therapist is unwell",
    [PLACEHOLDER_CORRECTION] = "Your appointment was not moved after all.",
    [PLACEHOLDER_LIST] = "self-care",
    [PLACEHOLDER_FREQUENCY] = "monthly",
    [PLACEHOLDER_GIFT] = "https://example.org/self-care-guide",
};

/* The texts that expect an answer, and the answers they ask for, each as
 * the replies' parser (sms.h) will read it. */
static const struct {
    enum message_kind kind;
    const char *reply;
    enum sms_reply_kind means;
} ANSWERS[] = {
    {MESSAGE_KIND_OFFER, "Y 4821", SMS_REPLY_TAKE},
    {MESSAGE_KIND_REMINDER, "C 4821", SMS_REPLY_CONFIRM},
    {MESSAGE_KIND_REMINDER, "X 4821", SMS_REPLY_CANCEL},
    {MESSAGE_KIND_CONFIRMATION, "C 4821", SMS_REPLY_CONFIRM},
    {MESSAGE_KIND_CONFIRMATION, "X 4821", SMS_REPLY_CANCEL},
    {MESSAGE_KIND_CHANGE, "C 4821", SMS_REPLY_CONFIRM},
    {MESSAGE_KIND_CHANGE, "X 4821", SMS_REPLY_CANCEL},
};

static void test_the_shipped_texts_fit_in_two_sms(void **state)
{
    (void)state;
    for (size_t k = 0; k < KIND_COUNT; k++) {
        char name[64], *text = NULL, path[1024], *rendered = NULL;
        snprintf(name, sizeof name, "%s.sms", KINDS[k].name);
        struct fd_error err = {0};
        assert_int_equal(config_read_template("sms", name, &text, path, sizeof path, &err), 0);
        struct message_field fields[PLACEHOLDER_COUNT];
        config_template_fields(KINDS[k].kind, fields);
        for (size_t i = 0; i < PLACEHOLDER_COUNT; i++)
            fields[i].value = TYPICAL[i];
        assert_int_equal(message_render(text, path, fields, PLACEHOLDER_COUNT, &rendered, &err), 0);
        /* One line: the final newline of the file is not part of the text. */
        size_t length = strlen(rendered);
        if (length && rendered[length - 1] == '\n')
            rendered[--length] = '\0';
        assert_null(strchr(rendered, '\n'));
        /* All GSM (one curly quote would make it UCS-2, 70 a segment). */
        struct sms_measure measure;
        sms_measure(rendered, &measure);
        if (!measure.gsm7 || measure.units > 300 || measure.segments > 2)
            fail_msg("%s fills to %d %s in %d segments (at most 300 GSM characters): %s", name,
                     measure.units, measure.gsm7 ? "GSM characters" : "UCS-2 units",
                     measure.segments, rendered);

        /* A text that expects an answer ends with how to give it, in the
         * words the replies' parser reads; no other asks for one. */
        const char *how = strstr(rendered, "Reply ");
        size_t asked = 0;
        for (size_t a = 0; a < sizeof ANSWERS / sizeof ANSWERS[0]; a++) {
            if (ANSWERS[a].kind != KINDS[k].kind)
                continue;
            asked++;
            if (!how || !strstr(how, ANSWERS[a].reply) || strstr(how, ". ") ||
                rendered[length - 1] != '.')
                fail_msg("%s does not end by asking for \"%s\": %s", name, ANSWERS[a].reply,
                         rendered);
            struct sms_reply reply;
            sms_parse_reply(ANSWERS[a].reply, &reply);
            assert_int_equal(reply.kind, ANSWERS[a].means);
            assert_string_equal(reply.code, TYPICAL[PLACEHOLDER_REPLY_CODE]);
        }
        if (!asked && (how || strstr(text, "${reply_code}")))
            fail_msg("%s asks for an answer no one reads: %s", name, rendered);
        free(text);
        free(rendered);
    }
}

static void test_a_bad_placeholder_is_refused_in_every_kind(void **state)
{
    struct home *home = *state;
    use_own_data_dir(home);
    for (size_t k = 0; k < KIND_COUNT; k++) {
        for (int sms = 0; sms < 2; sms++) {
            const char *field = sms ? "sms" : "body";
            char file[64], text[512], names[128], names_2[128], mistake[128];
            snprintf(file, sizeof file, "bad-%s.%s", KINDS[k].name, sms ? "sms" : "txt");
            snprintf(text, sizeof text, "data/templates/%s", file);
            char letter[128];
            snprintf(letter, sizeof letter, "Hello ${first_name},\nsee you ${%s}.\n",
                     KINDS[k].alien);
            write_file(home, text, letter);
            snprintf(text, sizeof text,
                     ONE_CLINIC
                     "# the %s\ntemplate %s {\n  subject = \"Hello\"\n  %s = \"%s\"\n}\n",
                     KINDS[k].name, KINDS[k].name, field, file);
            const char *path = write_file(home, "frontdesk.conf", text);
            snprintf(mistake, sizeof mistake, "${%s} in the %s of %s", KINDS[k].alien, field,
                     KINDS[k].name);
            snprintf(names, sizeof names, "template %s: %s \"%s\"", KINDS[k].name, field, file);
            snprintf(names_2, sizeof names_2, "%s:2: unknown placeholder ${%s}", file,
                     KINDS[k].alien);
            expect_refused(mistake, path, 6, names, names_2);
        }
    }
}

static void test_a_missing_template_file_is_refused(void **state)
{
    struct home *home = *state;
    char templates[512];
    snprintf(templates, sizeof templates, "%s", use_own_data_dir(home));

    /* Named in the file: its line. */
    const char *path = write_file(home, "frontdesk.conf",
                                  ONE_CLINIC "template offer {\n  sms = \"space.sms\"\n}\n");
    expect_refused("an SMS that is not there", path, 4, "template offer: sms \"space.sms\"",
                   "no such file");

    /* A default that is missing: the section's title when there is one... */
    char shipped[600];
    snprintf(shipped, sizeof shipped, "%s/taken.sms", templates);
    assert_int_equal(unlink(shipped), 0);
    path = write_file(home, "frontdesk.conf",
                      ONE_CLINIC "\ntemplate taken\n{\n  subject = \"Gone\"\n}\n");
    expect_refused("a default SMS that is missing", path, 4, "template taken: sms \"taken.sms\"",
                   "no such file");
    /* ...and the file alone when the file says nothing of the kind. */
    path = write_file(home, "frontdesk.conf", ONE_CLINIC);
    expect_refused("a default SMS that is missing", path, 0, "template taken: sms \"taken.sms\"",
                   "no such file");
}

/* ---- mailing lists and offers ----------------------------------------- */

static void test_mailing_lists_are_read(void **state)
{
    struct home *home = *state;
    use_own_data_dir(home);
    write_file(home, "data/templates/hello.txt",
               "Hello ${first_name}, welcome to ${list} (${frequency}): ${gift}\n");
    char gift[600];
    snprintf(gift, sizeof gift, "%s", write_file(home, "gifts/checklist.pdf", "%PDF-1.4\n"));
    char text[2048];
    snprintf(text, sizeof text,
             ONE_CLINIC "list \"self-care\" {\n"
                        "  frequencies = {weekly, monthly, every-2-weeks}\n"
                        "  welcome     = \"hello.txt\"\n"
                        "  subject     = \"Welcome to ${list}, ${first_name}\"\n"
                        "  gift        = \"https://example.org/self-care?from=desk\"\n"
                        "}\n"
                        "list \"foam-rolling-workshop\" { welcome = \"hello.txt\" }\n"
                        "list \"posture-checklist\" { welcome = \"hello.txt\" gift = \"%s\" }\n"
                        "list \"Café news\" {}\n",
             gift);
    const char *path = write_file(home, "frontdesk.conf", text);
    struct fd_config config;
    load_or_fail(path, &config);
    assert_int_equal(config.list_count, 4);

    const struct fd_mailing_list *self_care = &config.lists[0];
    assert_string_equal(self_care->name, "self-care");
    assert_int_equal(self_care->frequency_count, 3);
    assert_string_equal(self_care->frequencies[2], "every-2-weeks");
    assert_string_equal(self_care->welcome, "hello.txt");
    assert_string_equal(self_care->subject, "Welcome to ${list}, ${first_name}");
    assert_string_equal(self_care->gift, "https://example.org/self-care?from=desk");

    /* A welcome with no subject gets the default one; no gift is none. */
    const struct fd_mailing_list *workshop = config_find_list(&config, "FOAM-rolling-workshop");
    assert_ptr_equal(workshop, &config.lists[1]);
    assert_int_equal(workshop->frequency_count, 0);
    assert_string_equal(workshop->subject, "Welcome to ${list} from ${clinic_name}");
    assert_null(workshop->gift);

    /* A gift may be a file to hand over. */
    assert_string_equal(config.lists[2].gift, gift);

    /* A list may be nothing but a name: no choice, no welcome. */
    const struct fd_mailing_list *news = config_find_list(&config, "café news");
    assert_non_null(news);
    assert_int_equal(news->frequency_count, 0);
    assert_null(news->welcome);
    assert_null(news->subject);
    assert_null(news->gift);
    assert_null(config_find_list(&config, "self care"));
    assert_null(config_find_list(&config, NULL));
    config_free(&config);

    /* The welcome's body is checked as a template is. */
    write_file(home, "data/templates/hello.txt", "Hello ${first_name},\nsee you on ${date}\n");
    path = write_file(home, "frontdesk.conf",
                      ONE_CLINIC "list \"tips\" {\n  welcome = \"hello.txt\"\n}\n");
    expect_refused("a welcome with an appointment's placeholder", path, 4,
                   "list \"tips\": welcome \"hello.txt\"",
                   "hello.txt:2: unknown placeholder ${date}");
}

/* Two services and a list, for offers to name. */
#define FOR_OFFERS                                                                                 \
    "clinic \"Clinic\" { rooms = 2 }\n"                                                            \
    "service \"Sports massage 60\" { minutes = 60 price = \"55.00\" clinics = {\"Clinic\"} }\n"    \
    "service \"Sports massage 30\" { minutes = 30 price = \"35.00\" clinics = {\"Clinic\"} }\n"    \
    "list \"self-care\" {}\n"

/* The offer's discount, days and sessions are these. */
static void expect_offer(const struct fd_offer *offer, const char *name, int percent, int pence,
                         const char *from, const char *to, bool first_session)
{
    assert_non_null(offer);
    assert_string_equal(offer->name, name);
    assert_int_equal(offer->percent, percent);
    assert_int_equal(offer->pence, pence);
    assert_int_equal(offer->from, day_of(from));
    assert_int_equal(offer->to, day_of(to));
    assert_int_equal(offer->first_session, first_session);
}

static void test_offers_are_read(void **state)
{
    struct home *home = *state;
    const char *path = write_file(home, "frontdesk.conf",
                                  FOR_OFFERS "offer \"january-first-session\" {\n"
                                             "  percent        = 10\n"
                                             "  from           = \"2027-01-01\"\n"
                                             "  to             = \"2027-01-31\"\n"
                                             "  first_session  = true\n"
                                             "  subscribers_of = {\"Self-Care\", \"later\"}\n"
                                             "  services       = {\"sports massage 60\"}\n"
                                             "}\n"
                                             "offer \"a fiver off\" {\n"
                                             "  amount = \"5.00\"\n"
                                             "  from   = \"2027-03-01\"\n"
                                             "  to     = \"2027-03-01\"\n"
                                             "}\n"
                                             "list \"later\" {}\n");
    struct fd_config config;
    load_or_fail(path, &config);
    assert_int_equal(config.offer_count, 2);

    const struct fd_offer *january = &config.offers[0];
    expect_offer(january, "january-first-session", 10, 0, "2027-01-01", "2027-01-31", true);
    /* Names as the config spells them, whatever the offer typed; a list
     * further down the file is one all the same. */
    assert_int_equal(january->subscribers_of_count, 2);
    assert_string_equal(january->subscribers_of[0], "self-care");
    assert_string_equal(january->subscribers_of[1], "later");
    assert_int_equal(january->service_count, 1);
    assert_string_equal(january->services[0], "Sports massage 60");

    /* An amount; one day; anyone, any service, any session. */
    const struct fd_offer *fiver = config_find_offer(&config, "A FIVER OFF");
    assert_ptr_equal(fiver, &config.offers[1]);
    expect_offer(fiver, "a fiver off", 0, 500, "2027-03-01", "2027-03-01", false);
    assert_int_equal(fiver->subscribers_of_count, 0);
    assert_int_equal(fiver->service_count, 0);
    assert_null(config_find_offer(&config, "january"));
    config_free(&config);
}

/* The starter's offer, with its "# " taken away, is a working offer. */
static void test_the_starters_offer_runs_once_uncommented(void **state)
{
    struct home *home = *state;
    char starter[512];
    snprintf(starter, sizeof starter, "%s/starter.conf", home->dir);
    struct fd_error err = {0};
    assert_int_equal(config_write_starter(starter, &err), 0);
    char *text = read_whole_file(starter);
    char *offer = strstr(text, "\n# offer \"january-first-session\" {\n");
    assert_non_null(offer);
    /* Up to the "# }" that closes it. */
    char *end = strstr(offer, "\n# }\n");
    assert_non_null(end);
    end += 4;
    for (char *p = offer; p < end; p++)
        if (p[0] == '\n' && p[1] == '#' && p[2] == ' ')
            p[1] = p[2] = ' ';
    const char *path = write_file(home, "uncommented.conf", text);
    free(text);

    struct fd_config config;
    load_or_fail(path, &config);
    assert_int_equal(config.offer_count, 1);
    const struct fd_offer *january = &config.offers[0];
    expect_offer(january, "january-first-session", 10, 0, "2027-01-01", "2027-01-31", true);
    assert_int_equal(january->subscribers_of_count, 1);
    assert_string_equal(january->subscribers_of[0], "self-care");
    /* The main clinic's services, not the low-cost one. */
    assert_int_equal(january->service_count, 3);
    for (size_t i = 0; i < january->service_count; i++)
        assert_null(strstr(january->services[i], "Low cost"));
    config_free(&config);
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

static void test_fees_are_a_percentage_or_an_amount(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int ok;
        enum fd_fee_kind kind;
        int percent, pence;
        const char *shown; /* what the formatter writes back */
    } FEES[] = {
        {"0", 1, FEE_NONE, 0, 0, "0"},
        {"0.00", 1, FEE_NONE, 0, 0, "0"},
        {"0%", 1, FEE_NONE, 0, 0, "0"},
        {"50%", 1, FEE_PERCENT, 50, 0, "50%"},
        {"100%", 1, FEE_PERCENT, 100, 0, "100%"},
        {"007%", 1, FEE_PERCENT, 7, 0, "7%"},
        {"20.00", 1, FEE_AMOUNT, 0, 2000, "20.00"},
        {"20", 1, FEE_AMOUNT, 0, 2000, "20.00"},
        {"0.05", 1, FEE_AMOUNT, 0, 5, "0.05"},
        {"101%", 0, FEE_NONE, 0, 0, NULL},
        {"1000%", 0, FEE_NONE, 0, 0, NULL},
        {"12.5%", 0, FEE_NONE, 0, 0, NULL},
        {"-5%", 0, FEE_NONE, 0, 0, NULL},
        {"%", 0, FEE_NONE, 0, 0, NULL},
        {"50 %", 0, FEE_NONE, 0, 0, NULL},
        {"50%%", 0, FEE_NONE, 0, 0, NULL},
        {"%50", 0, FEE_NONE, 0, 0, NULL},
        {"20.0", 0, FEE_NONE, 0, 0, NULL},
        {"£20.00", 0, FEE_NONE, 0, 0, NULL},
        {"", 0, FEE_NONE, 0, 0, NULL},
        {"none", 0, FEE_NONE, 0, 0, NULL},
    };
    for (size_t i = 0; i < sizeof FEES / sizeof FEES[0]; i++) {
        struct fd_fee fee = {FEE_AMOUNT, 99, 99};
        int rc = config_parse_fee(FEES[i].text, &fee);
        if (rc != (FEES[i].ok ? 0 : -1))
            fail_msg("config_parse_fee(\"%s\") = %d", FEES[i].text, rc);
        if (!FEES[i].ok)
            continue;
        if (fee.kind != FEES[i].kind || fee.percent != FEES[i].percent ||
            fee.pence != FEES[i].pence)
            fail_msg("\"%s\": kind %d, %d%%, %d pence", FEES[i].text, fee.kind, fee.percent,
                     fee.pence);
        char shown[16];
        config_format_fee(&fee, shown, sizeof shown);
        assert_string_equal(shown, FEES[i].shown);
        /* What is shown reads back as the same fee. */
        struct fd_fee again;
        assert_int_equal(config_parse_fee(shown, &again), 0);
        assert_memory_equal(&again, &fee, sizeof fee);
    }
    struct fd_fee fee;
    assert_int_equal(config_parse_fee(NULL, &fee), -1);

    /* What a fee comes to on a price, in pence. */
    static const struct {
        const char *fee;
        int price, expected;
    } CHARGES[] = {
        {"0", 5500, 0},        {"50%", 5500, 2750},
        {"100%", 5500, 5500},  {"50%", 5501, 2751}, /* 2750.5 rounds half up */
        {"33%", 1000, 330},    {"33%", 1050, 347},  /* 346.5 rounds up */
        {"1%", 49, 0},         {"1%", 50, 1},
        {"50%", 0, 0},         {"100%", 9999999, 9999999},
        {"20.00", 5500, 2000}, {"20.00", 1500, 2000}, /* an amount is not capped at the price */
        {"20.00", 0, 2000},
    };
    for (size_t i = 0; i < sizeof CHARGES / sizeof CHARGES[0]; i++) {
        assert_int_equal(config_parse_fee(CHARGES[i].fee, &fee), 0);
        int pence = config_fee_pence(&fee, CHARGES[i].price);
        if (pence != CHARGES[i].expected)
            fail_msg("%s of %d = %d pence, expected %d", CHARGES[i].fee, CHARGES[i].price, pence,
                     CHARGES[i].expected);
    }
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
    for (size_t kind = 0; kind < MESSAGE_KIND_COUNT; kind++)
        assert_string_equal(written.templates[kind].subject, defaults.templates[kind].subject);
    assert_int_equal(written.list_count, defaults.list_count);
    assert_int_equal(written.offer_count, 0);
    assert_int_equal(written.sendmail_timeout, defaults.sendmail_timeout);
    assert_int_equal(written.late_cancel_hours, defaults.late_cancel_hours);
    assert_memory_equal(&written.no_show_fee, &defaults.no_show_fee, sizeof defaults.no_show_fee);
    assert_memory_equal(&written.late_cancel_fee, &defaults.late_cancel_fee,
                        sizeof defaults.late_cancel_fee);
    assert_int_equal(written.undo_minutes, defaults.undo_minutes);
    assert_int_equal(written.reminder_working_days, defaults.reminder_working_days);
    assert_int_equal(written.reminder_time, defaults.reminder_time);
    assert_null(written.desk);
    assert_null(written.sms_command);
    config_free(&written);
    config_free(&defaults);

    /* It shows the owner every option, the optional ones as comments. */
    char *starter = read_whole_file(path);
    static const char *const OPTIONS[] = {
        "\nsendmail_timeout ", "\nlate_cancel_hours ",     "\nno_show_fee ",   "\nlate_cancel_fee ",
        "\nundo_minutes ",     "\nreminder_working_days ", "\nreminder_time ", "\n# desk ",
        "\n# sms_command ",
    };
    for (size_t i = 0; i < sizeof OPTIONS / sizeof OPTIONS[0]; i++)
        if (!strstr(starter, OPTIONS[i]))
            fail_msg("the starter config lacks \"%s\"", OPTIONS[i] + 1);
    free(starter);

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
        cmocka_unit_test_setup_teardown(test_errors_name_the_right_line_after_comments, setup_home,
                                        teardown_home),
        cmocka_unit_test_setup_teardown(test_comments_leave_the_values_alone, setup_home,
                                        teardown_home),
        cmocka_unit_test_setup_teardown(test_the_template_body_is_checked_at_load, setup_home,
                                        teardown_home),
        cmocka_unit_test_setup_teardown(test_each_kind_knows_its_placeholders, setup_home,
                                        teardown_home),
        cmocka_unit_test_setup_teardown(test_every_kind_has_its_shipped_templates, setup_home,
                                        teardown_home),
        cmocka_unit_test(test_the_shipped_texts_fit_in_two_sms),
        cmocka_unit_test_setup_teardown(test_a_bad_placeholder_is_refused_in_every_kind, setup_home,
                                        teardown_home),
        cmocka_unit_test_setup_teardown(test_a_missing_template_file_is_refused, setup_home,
                                        teardown_home),
        cmocka_unit_test_setup_teardown(test_mailing_lists_are_read, setup_home, teardown_home),
        cmocka_unit_test_setup_teardown(test_offers_are_read, setup_home, teardown_home),
        cmocka_unit_test_setup_teardown(test_the_starters_offer_runs_once_uncommented, setup_home,
                                        teardown_home),
        cmocka_unit_test_setup_teardown(test_a_nul_byte_is_refused, setup_home, teardown_home),
        cmocka_unit_test_setup_teardown(test_a_config_that_cannot_be_read_is_refused, setup_home,
                                        teardown_home),
        cmocka_unit_test(test_prices_are_pounds_and_pence),
        cmocka_unit_test(test_fees_are_a_percentage_or_an_amount),
        cmocka_unit_test_setup_teardown(test_services_and_clinics_are_found_by_name_in_any_case,
                                        setup_home, teardown_home),
        cmocka_unit_test_setup_teardown(test_the_starter_config_is_private_and_never_overwritten,
                                        setup_home, teardown_home),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
