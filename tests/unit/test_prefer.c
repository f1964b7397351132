/*
 * Preferred times (SPEC §1 rule 5): what a client types on the booking form
 * or tells the desk on the phone becomes windows the slot finder can rank
 * by.  These tests are the phrases receptionists actually meet, the typos
 * they make (each error must point at the word to fix), and the slots a
 * client would or would not call "my preferred time".  The clinic in these
 * stories opens at 08:30 and closes at 18:00, like the Low Cost Clinic.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/date.h>
#include <frontdesk/error.h>
#include <frontdesk/prefer.h>

#include "helpers.h"

#include <string.h>

#define OPENS  (8 * 60 + 30)
#define CLOSES (18 * 60)

#define MON      (1u << FD_MON)
#define TUE      (1u << FD_TUE)
#define WED      (1u << FD_WED)
#define THU      (1u << FD_THU)
#define FRI      (1u << FD_FRI)
#define SAT      (1u << FD_SAT)
#define SUN      (1u << FD_SUN)
#define WEEKDAYS (MON | TUE | WED | THU | FRI)
#define WEEKEND  (SAT | SUN)
#define EVERY    (WEEKDAYS | WEEKEND)

#define INCLUDE false
#define EXCLUDE true

/* ---- helpers ---------------------------------------------------------- */

static struct prefer parse_at_the_clinic(const char *text)
{
    struct prefer prefer;
    struct fd_error err = {0};
    int rc = prefer_parse(text, OPENS, CLOSES, &prefer, &err);
    if (rc != 0)
        fail_msg("\"%s\" should parse, got %d: %s", text, rc, err.message);
    return prefer;
}

/* Does the client with this preference like a slot on that day? */
static bool likes(const struct prefer *prefer, int weekday, const char *start, const char *end)
{
    return prefer_matches(prefer, weekday, minute_of(start), minute_of(end));
}

/* ---- what people type, and the windows it means ------------------------ */

struct window_expected {
    unsigned weekdays;
    const char *start, *end;
    bool exclude;
};

struct phrase_expected {
    const char *text;
    size_t count;
    struct window_expected windows[6];
};

static const struct phrase_expected PHRASES[] = {
    /* The example from the spec, clause by clause. */
    {"mon am, thu 12:00-14:00, any sat, weekday evenings, not fri",
     5,
     {{MON, "08:30", "12:00", INCLUDE},
      {THU, "12:00", "14:00", INCLUDE},
      {SAT, "00:00", "24:00", INCLUDE},
      {WEEKDAYS, "17:00", "18:00", INCLUDE},
      {FRI, "00:00", "24:00", EXCLUDE}}},
    {"tue-thu pm", 1, {{TUE | WED | THU, "12:00", "17:00", INCLUDE}}},
    {"weekends", 1, {{WEEKEND, "00:00", "24:00", INCLUDE}}},
    {"weekend", 1, {{WEEKEND, "00:00", "24:00", INCLUDE}}},
    {"mornings", 1, {{EVERY, "08:30", "12:00", INCLUDE}}},
    {"afternoon", 1, {{EVERY, "12:00", "17:00", INCLUDE}}},
    {"evenings", 1, {{EVERY, "17:00", "18:00", INCLUDE}}},
    {"any", 1, {{EVERY, "00:00", "24:00", INCLUDE}}},
    {"any time", 1, {{EVERY, "00:00", "24:00", INCLUDE}}},
    {"anytime", 1, {{EVERY, "00:00", "24:00", INCLUDE}}},
    {"after 16:00", 1, {{EVERY, "16:00", "24:00", INCLUDE}}},
    {"before 10:00", 1, {{EVERY, "00:00", "10:00", INCLUDE}}},
    {"mon, wed", 2, {{MON, "00:00", "24:00", INCLUDE}, {WED, "00:00", "24:00", INCLUDE}}},
    {"not mon am", 1, {{MON, "08:30", "12:00", EXCLUDE}}},
    {"Monday afternoons", 1, {{MON, "12:00", "17:00", INCLUDE}}},
    {"MONDAYS", 1, {{MON, "00:00", "24:00", INCLUDE}}},
    {"sat 9:00-12:00", 1, {{SAT, "09:00", "12:00", INCLUDE}}},
    {"sat 09:00 - 12:00", 1, {{SAT, "09:00", "12:00", INCLUDE}}},
    {"  thursdays   morning  ", 1, {{THU, "08:30", "12:00", INCLUDE}}},
    {"tues, thurs, weds",
     3,
     {{TUE, "00:00", "24:00", INCLUDE},
      {THU, "00:00", "24:00", INCLUDE},
      {WED, "00:00", "24:00", INCLUDE}}},
    /* A range of days can run over the weekend. */
    {"fri-mon", 1, {{FRI | SAT | SUN | MON, "00:00", "24:00", INCLUDE}}},
    {"any weekday after 17:30", 1, {{WEEKDAYS, "17:30", "24:00", INCLUDE}}},
    /* Forgiven: several days in one clause, the time of day first, am/pm
     * times and the typographic dash phones put in "12:00–14:00". */
    {"mon wed fri am", 1, {{MON | WED | FRI, "08:30", "12:00", INCLUDE}}},
    {"evenings weekdays", 1, {{WEEKDAYS, "17:00", "18:00", INCLUDE}}},
    {"after 4pm", 1, {{EVERY, "16:00", "24:00", INCLUDE}}},
    {"sun 10am-12:30pm", 1, {{SUN, "10:00", "12:30", INCLUDE}}},
    {"thu 12:00\xE2\x80\x93"
     "14:00",
     1,
     {{THU, "12:00", "14:00", INCLUDE}}},
    {"not weekends, not evenings",
     2,
     {{WEEKEND, "00:00", "24:00", EXCLUDE}, {EVERY, "17:00", "18:00", EXCLUDE}}},
};

/* What clients really type on the booking form, story by story. */
static const struct phrase_expected BOOKING_FORM_PHRASES[] = {
    /* Days joined by "or", "and", "&", "/" or "+" share the part of the day
     * that follows them. */
    {"mon or thu morning", 1, {{MON | THU, "08:30", "12:00", INCLUDE}}},
    {"mon and thu mornings", 1, {{MON | THU, "08:30", "12:00", INCLUDE}}},
    {"Mon & Thu mornings", 1, {{MON | THU, "08:30", "12:00", INCLUDE}}},
    {"mon/thu am", 1, {{MON | THU, "08:30", "12:00", INCLUDE}}},
    {"Tue + Thu evenings", 1, {{TUE | THU, "17:00", "18:00", INCLUDE}}},
    {"Mon/Wed/Fri mornings", 1, {{MON | WED | FRI, "08:30", "12:00", INCLUDE}}},
    {"Saturday or Sunday", 1, {{WEEKEND, "00:00", "24:00", INCLUDE}}},
    {"MONDAYS AND FRIDAYS", 1, {{MON | FRI, "00:00", "24:00", INCLUDE}}},
    {"Mon-Wed afternoons", 1, {{MON | TUE | WED, "12:00", "17:00", INCLUDE}}},
    {"mon to wed afternoons", 1, {{MON | TUE | WED, "12:00", "17:00", INCLUDE}}},
    /* A comma still makes two wishes. */
    {"Mon, Wed or Fri",
     2,
     {{MON, "00:00", "24:00", INCLUDE}, {WED | FRI, "00:00", "24:00", INCLUDE}}},
    /* "weekends and weekday evenings" is two wishes: a group of days is not
     * joined to what follows, and neither is a clause that has its time. */
    {"weekends and weekday evenings",
     2,
     {{WEEKEND, "00:00", "24:00", INCLUDE}, {WEEKDAYS, "17:00", "18:00", INCLUDE}}},
    {"weekends or evenings",
     2,
     {{WEEKEND, "00:00", "24:00", INCLUDE}, {EVERY, "17:00", "18:00", INCLUDE}}},
    {"mon am and thu pm", 2, {{MON, "08:30", "12:00", INCLUDE}, {THU, "12:00", "17:00", INCLUDE}}},
    /* After a joiner, a time with no days of its own keeps the days before. */
    {"Saturday mornings and evenings",
     2,
     {{SAT, "08:30", "12:00", INCLUDE}, {SAT, "17:00", "18:00", INCLUDE}}},
    {"weekday mornings or afternoons",
     2,
     {{WEEKDAYS, "08:30", "12:00", INCLUDE}, {WEEKDAYS, "12:00", "17:00", INCLUDE}}},
    {"weekdays before 9 or after 5",
     2,
     {{WEEKDAYS, "00:00", "09:00", INCLUDE}, {WEEKDAYS, "17:00", "24:00", INCLUDE}}},
    /* Lunchtime is 12:00-14:00; noon and midday are times. */
    {"lunchtime", 1, {{EVERY, "12:00", "14:00", INCLUDE}}},
    {"Friday lunchtime", 1, {{FRI, "12:00", "14:00", INCLUDE}}},
    {"lunch time on thursdays", 1, {{THU, "12:00", "14:00", INCLUDE}}},
    {"weekday lunch", 1, {{WEEKDAYS, "12:00", "14:00", INCLUDE}}},
    {"before noon", 1, {{EVERY, "00:00", "12:00", INCLUDE}}},
    {"after midday on saturdays", 1, {{SAT, "12:00", "24:00", INCLUDE}}},
    {"noon-2pm", 1, {{EVERY, "12:00", "14:00", INCLUDE}}},
    {"fri 12-2", 1, {{FRI, "12:00", "14:00", INCLUDE}}},
    /* A "not" in the middle of a clause starts an excluded one, on the
     * same days unless it names its own. */
    {"weekday evenings not friday",
     2,
     {{WEEKDAYS, "17:00", "18:00", INCLUDE}, {FRI, "00:00", "24:00", EXCLUDE}}},
    {"not Mondays", 1, {{MON, "00:00", "24:00", EXCLUDE}}},
    {"mon not am", 2, {{MON, "00:00", "24:00", INCLUDE}, {MON, "08:30", "12:00", EXCLUDE}}},
    {"weekdays but not mornings",
     2,
     {{WEEKDAYS, "00:00", "24:00", INCLUDE}, {WEEKDAYS, "08:30", "12:00", EXCLUDE}}},
    {"any day except wednesday",
     2,
     {{EVERY, "00:00", "24:00", INCLUDE}, {WED, "00:00", "24:00", EXCLUDE}}},
    {"anytime except mon or fri",
     2,
     {{EVERY, "00:00", "24:00", INCLUDE}, {MON | FRI, "00:00", "24:00", EXCLUDE}}},
    {"Weekday evenings (not Fri)",
     2,
     {{WEEKDAYS, "17:00", "18:00", INCLUDE}, {FRI, "00:00", "24:00", EXCLUDE}}},
    {"no weekends", 1, {{WEEKEND, "00:00", "24:00", EXCLUDE}}},
    /* A joiner carries a "not" over. */
    {"not fridays or weekends",
     2,
     {{FRI, "00:00", "24:00", EXCLUDE}, {WEEKEND, "00:00", "24:00", EXCLUDE}}},
    /* Times with am/pm, 24-hour times, and bare hours: 1 to 7 without am/pm
     * are afternoon hours (no clinic opens at 5 in the morning), 8 to 12 are
     * as written, and a leading zero ("07:30") keeps the early hour. */
    {"after 5pm", 1, {{EVERY, "17:00", "24:00", INCLUDE}}},
    {"after 5", 1, {{EVERY, "17:00", "24:00", INCLUDE}}},
    {"after 5 pm", 1, {{EVERY, "17:00", "24:00", INCLUDE}}},
    {"before 10", 1, {{EVERY, "00:00", "10:00", INCLUDE}}},
    {"before 07:30", 1, {{EVERY, "00:00", "07:30", INCLUDE}}},
    {"after 17:30", 1, {{EVERY, "17:30", "24:00", INCLUDE}}},
    {"before 9:30am", 1, {{EVERY, "00:00", "09:30", INCLUDE}}},
    {"after 10.30", 1, {{EVERY, "10:30", "24:00", INCLUDE}}},
    {"Fri after 3.30p.m.", 1, {{FRI, "15:30", "24:00", INCLUDE}}},
    {"from 4pm", 1, {{EVERY, "16:00", "24:00", INCLUDE}}},
    {"wed until 3", 1, {{WED, "00:00", "15:00", INCLUDE}}},
    /* Ranges: a start without am/pm takes the end's when that makes sense. */
    {"between 2 and 4pm", 1, {{EVERY, "14:00", "16:00", INCLUDE}}},
    {"2-4pm", 1, {{EVERY, "14:00", "16:00", INCLUDE}}},
    {"tue 6-8pm", 1, {{TUE, "18:00", "20:00", INCLUDE}}},
    {"10-12pm", 1, {{EVERY, "10:00", "12:00", INCLUDE}}},
    {"mon-fri 9-5", 1, {{WEEKDAYS, "09:00", "17:00", INCLUDE}}},
    {"thursday 10.30-12", 1, {{THU, "10:30", "12:00", INCLUDE}}},
    {"10am to 2pm", 1, {{EVERY, "10:00", "14:00", INCLUDE}}},
    {"from 9 till 11", 1, {{EVERY, "09:00", "11:00", INCLUDE}}},
    {"Sat 9 am - 12", 1, {{SAT, "09:00", "12:00", INCLUDE}}},
    /* Times in one clause narrow each other; "early" and "late" keep the
     * first or last two hours of a part of the day. */
    {"early mornings before 9", 1, {{EVERY, "08:30", "09:00", INCLUDE}}},
    {"late afternoons", 1, {{EVERY, "15:00", "17:00", INCLUDE}}},
    {"mornings after 10", 1, {{EVERY, "10:00", "12:00", INCLUDE}}},
    {"Friday lunchtime 12-1", 1, {{FRI, "12:00", "13:00", INCLUDE}}},
    {"after 10 and before 2", 1, {{EVERY, "10:00", "14:00", INCLUDE}}},
    /* Work hours: after work is from 17:00, before work until 09:00. */
    {"Tuesdays after work", 1, {{TUE, "17:00", "24:00", INCLUDE}}},
    {"before work", 1, {{EVERY, "00:00", "09:00", INCLUDE}}},
    /* Separators: semicolons, line breaks, slashes and "and" between
     * clauses; a trailing one is harmless. */
    {"mon am; thu pm", 2, {{MON, "08:30", "12:00", INCLUDE}, {THU, "12:00", "17:00", INCLUDE}}},
    {"mon am\nthu pm", 2, {{MON, "08:30", "12:00", INCLUDE}, {THU, "12:00", "17:00", INCLUDE}}},
    {"mon am / thu pm", 2, {{MON, "08:30", "12:00", INCLUDE}, {THU, "12:00", "17:00", INCLUDE}}},
    {"mon am,\r\nthu pm\n\n",
     2,
     {{MON, "08:30", "12:00", INCLUDE}, {THU, "12:00", "17:00", INCLUDE}}},
    {"mon am,", 1, {{MON, "08:30", "12:00", INCLUDE}}},
    {"thu;", 1, {{THU, "00:00", "24:00", INCLUDE}}},
    /* Polite words change nothing; "any", "anytime" and "flexible" mean
     * every day, all day, unless a day is named. */
    {"anytime Thursday", 1, {{THU, "00:00", "24:00", INCLUDE}}},
    {"Thursday any time", 1, {{THU, "00:00", "24:00", INCLUDE}}},
    {"flexible", 1, {{EVERY, "00:00", "24:00", INCLUDE}}},
    {"any weekday after 6pm", 1, {{WEEKDAYS, "18:00", "24:00", INCLUDE}}},
    {"every day after 4", 1, {{EVERY, "16:00", "24:00", INCLUDE}}},
    {"Sat am only", 1, {{SAT, "08:30", "12:00", INCLUDE}}},
    {"evenings please", 1, {{EVERY, "17:00", "18:00", INCLUDE}}},
    {"ideally tuesday afternoons", 1, {{TUE, "12:00", "17:00", INCLUDE}}},
    {"preferably in the morning", 1, {{EVERY, "08:30", "12:00", INCLUDE}}},
    {"on Fridays at 10-12", 1, {{FRI, "10:00", "12:00", INCLUDE}}},
    {"mon am, please", 1, {{MON, "08:30", "12:00", INCLUDE}}},
};

static void expect_windows(const struct phrase_expected *expected)
{
    struct prefer prefer = parse_at_the_clinic(expected->text);
    if (prefer.count != expected->count)
        fail_msg("\"%s\": %zu windows, expected %zu", expected->text, prefer.count,
                 expected->count);
    for (size_t i = 0; i < expected->count; i++) {
        const struct prefer_window *got = &prefer.windows[i];
        const struct window_expected *want = &expected->windows[i];
        if (got->weekdays != want->weekdays || got->start != minute_of(want->start) ||
            got->end != minute_of(want->end) || got->exclude != want->exclude)
            fail_msg("\"%s\" window %zu: days 0x%x %d-%d%s, expected 0x%x %s-%s%s", expected->text,
                     i, got->weekdays, got->start, got->end, got->exclude ? " excluded" : "",
                     want->weekdays, want->start, want->end, want->exclude ? " excluded" : "");
    }
    assert_false(prefer_is_empty(&prefer));
}

static void test_typed_phrases_become_the_windows_the_client_meant(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof PHRASES / sizeof PHRASES[0]; i++)
        expect_windows(&PHRASES[i]);
}

static void test_what_clients_type_on_booking_forms_is_understood(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof BOOKING_FORM_PHRASES / sizeof BOOKING_FORM_PHRASES[0]; i++)
        expect_windows(&BOOKING_FORM_PHRASES[i]);
}

static void test_blank_text_means_no_preference(void **state)
{
    (void)state;
    /* Polite words alone, and "no preference", say nothing either. */
    const char *blanks[] = {"", "   ", "\t\n", "please", "No preference"};
    for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
        struct prefer prefer = parse_at_the_clinic(blanks[i]);
        assert_true(prefer_is_empty(&prefer));
        assert_true(prefer_matches(&prefer, FD_SUN, 0, 1440));
    }
    struct prefer prefer;
    assert_int_equal(prefer_parse(NULL, OPENS, CLOSES, &prefer, NULL), 0);
    assert_true(prefer_is_empty(&prefer));
}

/* ---- typos: each error names the word and where it is ------------------ */
/* The desk shows these after the field name: `prefer: "tursday" at 5 ...`. */

struct mistake {
    const char *text;
    const char *message;
};

/* "fri 12-2", "mon not am", "mon am," and "before noon" used to be refused
 * here; clients type them, so they are now understood (see above). */
static const struct mistake MISTAKES[] = {
    {"mon tursday", "\"tursday\" at 5 is not a day or a time of day"},
    {"mon am, thu 12:00-14:00, any sat, weeknd evenings",
     "\"weeknd\" at 35 is not a day or a time of day"},
    {"lündi am", "\"lündi\" at 1 is not a day or a time of day"},
    /* Positions count characters, not bytes: the dash is three bytes. */
    {"thu 12:00\xE2\x80\x93"
     "14:00, fryday",
     "\"fryday\" at 18 is not a day or a time of day"},
    {"mon.", "\"mon.\" at 1 is not a day or a time of day"},
    {"time", "\"time\" at 1 is not a day or a time of day"},
    {"thu 14:00-12:00", "\"14:00-12:00\" at 5 is an empty or reversed range"},
    {"thu 12:00-12:00", "\"12:00-12:00\" at 5 is an empty or reversed range"},
    {"sat 25:00-26:00", "\"25:00\" at 5 is not a valid time (HH:MM)"},
    {"after 12:60", "\"12:60\" at 7 is not a valid time (HH:MM)"},
    {"not", "\"not\" at 1 needs a day or a time of day after it (as in \"not fri\")"},
    {"mon, not", "\"not\" at 6 needs a day or a time of day after it (as in \"not fri\")"},
    {"mon,,tue", "nothing before the comma at 5"},
    {", mon", "nothing before the comma at 1"},
    {"mon am pm", "\"pm\" at 8 is a second time of day in one clause (separate them with a comma)"},
    {"thu 12:00", "\"12:00\" at 5 needs an end time (as in \"12:00-14:00\")"},
    {"thu 12:00-", "\"-\" at 10 needs a time after it (as in \"12:00-14:00\")"},
    {"thu 12:00-fri", "\"fri\" at 11 is not a time (as in \"12:00-14:00\")"},
    {"after", "\"after\" at 1 needs a time after it (as in \"after 16:00\")"},
    {"after 24:00", "\"after 24:00\" at 1 leaves no time in the day"},
    {"mon-", "\"-\" at 4 needs a day after it (as in \"mon-fri\")"},
    {"mon-weekend", "\"weekend\" at 5 is not a day (as in \"mon-fri\")"},
    {"- mon", "\"-\" at 1 is not between two days or two times"},
    /* Control bytes and broken UTF-8 are shown as '?', never echoed raw. */
    {"mon\x01\xff", "\"mon??\" at 1 is not a day or a time of day"},
    {"supercalifragilisticexpialidocious-and-then-some",
     "\"supercalifragilisticexpialidocious\" at 1 is not a day or a time of day"},
    /* Long words are cut to 40 characters in the message. */
    {"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
     "\"abcdefghijklmnopqrstuvwxyzabcdefghijklmn...\" at 1 is not a day or a time of day"},
    /* What the booking form taught us is still refused, and why. */
    {"sat 10am", "\"10am\" at 5 needs an end time (as in \"12:00-14:00\")"},
    {"friday at 5 pm", "\"5 pm\" at 11 needs an end time (as in \"12:00-14:00\")"},
    {"between 2", "\"2\" at 9 needs an end time (as in \"12:00-14:00\")"},
    {"between", "\"between\" at 1 needs a time after it (as in \"between 12:00 and 14:00\")"},
    {"weekdays 9 to", "\"to\" at 12 needs a time after it (as in \"12:00-14:00\")"},
    {"after school", "\"school\" at 7 is not a time (as in \"after 16:00\")"},
    {"after 13pm", "\"13pm\" at 7 is not a valid time (HH:MM)"},
    {"after 10.3", "\"10.3\" at 7 is not a valid time (HH:MM)"},
    {"7-9", "\"7-9\" at 1 is an empty or reversed range"},
    {"between 4 and 2pm", "\"between 4 and 2pm\" at 1 is an empty or reversed range"},
    {"mornings after 5pm", "\"mornings after 5pm\" at 1 leaves no time in the day"},
    {"after 5 after 6",
     "\"after\" at 9 is a second time of day in one clause (separate them with a comma)"},
    {"early", "\"early\" at 1 needs a part of the day after it (as in \"early mornings\")"},
    {"late on fridays",
     "\"late\" at 1 needs a part of the day after it (as in \"early mornings\")"},
    {"mon, not please", "\"not\" at 6 needs a day or a time of day after it (as in \"not fri\")"},
    {"weekday evenings not",
     "\"not\" at 18 needs a day or a time of day after it (as in \"not fri\")"},
    {"mon;;tue", "nothing before the semicolon at 5"},
    {"mon am,, thu", "nothing before the comma at 8"},
    {"whenever", "\"whenever\" at 1 is not a day or a time of day"},
    {"Mondays.", "\"Mondays.\" at 1 is not a day or a time of day"},
    {"no preference.", "\"preference.\" at 4 is not a day or a time of day"},
};

static void test_every_mistake_points_at_the_word_to_fix(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof MISTAKES / sizeof MISTAKES[0]; i++) {
        struct prefer prefer;
        struct fd_error err = {0};
        int rc = prefer_parse(MISTAKES[i].text, OPENS, CLOSES, &prefer, &err);
        if (rc != -FD_ERR_DATA || err.code != FD_ERR_DATA)
            fail_msg("\"%s\" should be refused as bad data, got %d", MISTAKES[i].text, rc);
        if (strcmp(err.message, MISTAKES[i].message) != 0)
            fail_msg("\"%s\":\n  got      %s\n  expected %s", MISTAKES[i].text, err.message,
                     MISTAKES[i].message);
        /* A refused phrase leaves nothing half-parsed behind. */
        assert_int_equal(prefer.count, 0);
    }
}

static void test_a_clinic_opening_after_noon_has_no_mornings(void **state)
{
    (void)state;
    struct prefer prefer;
    struct fd_error err = {0};
    assert_int_equal(prefer_parse("sat am", 12 * 60 + 30, CLOSES, &prefer, &err), -FD_ERR_DATA);
    assert_string_equal(err.message, "\"am\" at 5 is outside opening hours (12:30-18:00)");
    assert_int_equal(prefer_parse("evenings", OPENS, 16 * 60, &prefer, &err), -FD_ERR_DATA);
    assert_string_equal(err.message, "\"evenings\" at 1 is outside opening hours (08:30-16:00)");
    /* Nonsense opening hours are the config's fault, not the client's. */
    assert_int_equal(prefer_parse("mon", CLOSES, OPENS, &prefer, &err), -FD_ERR_CONFIG);
}

static void test_sixty_four_windows_fit_and_the_next_one_is_refused(void **state)
{
    (void)state;
    char text[PREFER_MAX_WINDOWS * 6 + 16] = "";
    for (int i = 0; i < PREFER_MAX_WINDOWS; i++)
        strcat(text, i ? ", mon" : "mon");
    struct prefer prefer = parse_at_the_clinic(text);
    assert_int_equal(prefer.count, PREFER_MAX_WINDOWS);

    strcat(text, ", tue");
    struct fd_error err = {0};
    assert_int_equal(prefer_parse(text, OPENS, CLOSES, &prefer, &err), -FD_ERR_DATA);
    assert_string_equal(err.message, "\"tue\" at 321 is one window too many (at most 64)");
}

/* ---- which slots the client would call "my preferred time" ------------- */

static void test_monday_mornings_run_from_opening_to_noon(void **state)
{
    (void)state;
    struct prefer prefer = parse_at_the_clinic("mon am");
    assert_true(likes(&prefer, FD_MON, "08:30", "09:30"));
    assert_true(likes(&prefer, FD_MON, "11:00", "12:00"));
    assert_false(likes(&prefer, FD_MON, "08:00", "09:00")); /* before opening */
    assert_false(likes(&prefer, FD_MON, "11:30", "12:30")); /* runs past noon */
    assert_false(likes(&prefer, FD_TUE, "09:00", "10:00"));
}

static void test_weekday_evenings_end_at_closing(void **state)
{
    (void)state;
    struct prefer prefer = parse_at_the_clinic("weekday evenings");
    assert_true(likes(&prefer, FD_WED, "17:00", "18:00"));
    assert_false(likes(&prefer, FD_WED, "17:30", "18:30"));
    assert_false(likes(&prefer, FD_WED, "16:30", "17:30"));
    assert_false(likes(&prefer, FD_SAT, "17:00", "18:00"));

    /* A clinic that closes later has longer evenings. */
    struct fd_error err = {0};
    assert_int_equal(prefer_parse("weekday evenings", OPENS, 20 * 60, &prefer, &err), 0);
    assert_true(likes(&prefer, FD_WED, "18:30", "19:30"));
}

static void test_the_spec_example_week(void **state)
{
    (void)state;
    struct prefer prefer =
        parse_at_the_clinic("mon am, thu 12:00-14:00, any sat, weekday evenings, not fri");
    assert_true(likes(&prefer, FD_MON, "09:00", "10:00"));
    assert_true(likes(&prefer, FD_THU, "12:00", "13:00"));
    assert_false(likes(&prefer, FD_THU, "13:30", "14:30"));
    assert_true(likes(&prefer, FD_SAT, "15:00", "16:00"));
    assert_true(likes(&prefer, FD_TUE, "17:00", "18:00"));
    /* "not fri" wins over "weekday evenings". */
    assert_false(likes(&prefer, FD_FRI, "17:00", "18:00"));
    assert_false(likes(&prefer, FD_SUN, "10:00", "11:00"));
    assert_false(likes(&prefer, FD_TUE, "10:00", "11:00"));
}

static void test_only_not_clauses_prefer_everything_else(void **state)
{
    (void)state;
    struct prefer prefer = parse_at_the_clinic("not fri, not mon am");
    assert_true(likes(&prefer, FD_TUE, "09:00", "10:00"));
    assert_true(likes(&prefer, FD_MON, "12:00", "13:00"));
    assert_false(likes(&prefer, FD_MON, "11:30", "12:30")); /* touches the morning */
    assert_false(likes(&prefer, FD_FRI, "14:00", "15:00"));
}

static void test_an_excluded_lunch_hour_is_end_exclusive(void **state)
{
    (void)state;
    struct prefer prefer = parse_at_the_clinic("any sat, not sat 12:00-14:00");
    assert_true(likes(&prefer, FD_SAT, "11:00", "12:00"));
    assert_true(likes(&prefer, FD_SAT, "14:00", "15:00"));
    assert_false(likes(&prefer, FD_SAT, "11:30", "12:30"));
    assert_false(likes(&prefer, FD_SAT, "13:59", "14:30"));
    assert_false(likes(&prefer, FD_SAT, "10:00", "16:00")); /* spans the whole hour */
}

static void test_a_not_inside_a_clause_keeps_to_its_days(void **state)
{
    (void)state;
    /* "Monday, but not the morning": Monday afternoon suits, Tuesday does not. */
    struct prefer prefer = parse_at_the_clinic("mon not am");
    assert_true(likes(&prefer, FD_MON, "13:00", "14:00"));
    assert_false(likes(&prefer, FD_MON, "09:00", "10:00"));
    assert_false(likes(&prefer, FD_TUE, "13:00", "14:00"));
    /* Joined days share the morning; the days between them do not. */
    prefer = parse_at_the_clinic("Mon & Thu mornings, not thu");
    assert_true(likes(&prefer, FD_MON, "09:00", "10:00"));
    assert_false(likes(&prefer, FD_THU, "09:00", "10:00"));
    assert_false(likes(&prefer, FD_WED, "09:00", "10:00"));
}

static void test_back_to_back_windows_join_up(void **state)
{
    (void)state;
    /* Mornings and afternoons both suit, so a slot across noon suits too. */
    struct prefer prefer = parse_at_the_clinic("mon am, mon pm");
    assert_true(likes(&prefer, FD_MON, "11:30", "12:30"));
    assert_false(likes(&prefer, FD_MON, "16:30", "17:30"));
    /* A gap between windows does not. */
    prefer = parse_at_the_clinic("tue 09:00-10:00, tue 10:15-11:00");
    assert_false(likes(&prefer, FD_TUE, "09:30", "10:30"));
}

static void test_no_preference_suits_any_slot_but_nonsense_slots_suit_no_one(void **state)
{
    (void)state;
    struct prefer none = parse_at_the_clinic("");
    assert_true(likes(&none, FD_SUN, "07:00", "08:00"));
    assert_true(prefer_matches(NULL, FD_MON, 600, 660));

    struct prefer any = parse_at_the_clinic("any");
    assert_true(prefer_matches(&any, FD_SUN, 0, 1440));
    assert_false(prefer_matches(&any, 7, 600, 660));
    assert_false(prefer_matches(&any, -1, 600, 660));
    assert_false(prefer_matches(&any, FD_MON, 660, 600));
    assert_false(prefer_matches(&any, FD_MON, -10, 600));
    assert_false(prefer_matches(&any, FD_MON, 600, 1441));
}

/* ---- storage ------------------------------------------------------------ */

static void expect_round_trip(const char *text)
{
    struct prefer prefer = parse_at_the_clinic(text), back;
    char stored[2048], again[2048];
    prefer_encode(&prefer, stored, sizeof stored);
    if (prefer_decode(stored, &back) != 0)
        fail_msg("\"%s\" encoded as \"%s\" does not decode", text, stored);
    assert_int_equal(back.count, prefer.count);
    for (size_t w = 0; w < prefer.count; w++) {
        assert_int_equal(back.windows[w].weekdays, prefer.windows[w].weekdays);
        assert_int_equal(back.windows[w].start, prefer.windows[w].start);
        assert_int_equal(back.windows[w].end, prefer.windows[w].end);
        assert_int_equal(back.windows[w].exclude, prefer.windows[w].exclude);
    }
    prefer_encode(&back, again, sizeof again);
    assert_string_equal(again, stored);
}

static void test_windows_survive_a_trip_through_the_database(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof PHRASES / sizeof PHRASES[0]; i++)
        expect_round_trip(PHRASES[i].text);
    for (size_t i = 0; i < sizeof BOOKING_FORM_PHRASES / sizeof BOOKING_FORM_PHRASES[0]; i++)
        expect_round_trip(BOOKING_FORM_PHRASES[i].text);
}

static void test_the_stored_form_is_the_documented_one(void **state)
{
    (void)state;
    struct prefer prefer = parse_at_the_clinic("weekdays 9:00-12:00, not fri");
    char stored[128];
    prefer_encode(&prefer, stored, sizeof stored);
    assert_string_equal(stored, "w=31,540,720,0;w=16,0,1440,1");

    /* No preference is stored as nothing at all. */
    struct prefer none = parse_at_the_clinic("");
    prefer_encode(&none, stored, sizeof stored);
    assert_string_equal(stored, "");
    assert_int_equal(prefer_decode("", &prefer), 0);
    assert_true(prefer_is_empty(&prefer));

    /* A buffer too small gets nothing rather than a cut-off list. */
    char small[12];
    prefer = parse_at_the_clinic("weekdays 9:00-12:00, not fri");
    prefer_encode(&prefer, small, sizeof small);
    assert_string_equal(small, "");
}

static void test_a_damaged_stored_value_is_refused(void **state)
{
    (void)state;
    const char *garbage[] = {
        "w=",
        "w=31",
        "w=31,540,720",
        "w=31,540,720,0;",
        ";w=31,540,720,0",
        "x=31,1,2,0",
        "w=0,540,720,0",
        "w=128,540,720,0",
        "w=31,720,540,0",
        "w=31,540,540,0",
        "w=31,0,1441,0",
        "w=31,0,60,2",
        "w=-1,0,60,0",
        "w=031,0,60,0",
        "w=31,0,60,0 ",
        "w=31, 0,60,0",
        "w=31,0,60,0;;w=1,0,60,0",
        "w=99999999999999999999,0,60,0",
        "mon am",
    };
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++) {
        struct prefer prefer;
        if (prefer_decode(garbage[i], &prefer) != -1)
            fail_msg("\"%s\" should not decode", garbage[i]);
        assert_int_equal(prefer.count, 0);
    }
    struct prefer prefer;
    assert_int_equal(prefer_decode(NULL, &prefer), -1);

    /* Sixty-five stored windows cannot have come from the parser. */
    char many[PREFER_MAX_WINDOWS * 16 + 32] = "w=1,0,60,0";
    for (int i = 0; i < PREFER_MAX_WINDOWS; i++)
        strcat(many, ";w=1,0,60,0");
    assert_int_equal(prefer_decode(many, &prefer), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_typed_phrases_become_the_windows_the_client_meant),
        cmocka_unit_test(test_what_clients_type_on_booking_forms_is_understood),
        cmocka_unit_test(test_blank_text_means_no_preference),
        cmocka_unit_test(test_every_mistake_points_at_the_word_to_fix),
        cmocka_unit_test(test_a_clinic_opening_after_noon_has_no_mornings),
        cmocka_unit_test(test_sixty_four_windows_fit_and_the_next_one_is_refused),
        cmocka_unit_test(test_monday_mornings_run_from_opening_to_noon),
        cmocka_unit_test(test_weekday_evenings_end_at_closing),
        cmocka_unit_test(test_the_spec_example_week),
        cmocka_unit_test(test_only_not_clauses_prefer_everything_else),
        cmocka_unit_test(test_an_excluded_lunch_hour_is_end_exclusive),
        cmocka_unit_test(test_a_not_inside_a_clause_keeps_to_its_days),
        cmocka_unit_test(test_back_to_back_windows_join_up),
        cmocka_unit_test(test_no_preference_suits_any_slot_but_nonsense_slots_suit_no_one),
        cmocka_unit_test(test_windows_survive_a_trip_through_the_database),
        cmocka_unit_test(test_the_stored_form_is_the_documented_one),
        cmocka_unit_test(test_a_damaged_stored_value_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
