/*
 * Confirmation emails as text (message.h): the template a clinic owner
 * writes (and the mistakes they make in it), names with accents in email
 * headers, the date line, the assembled message, and the sendmail command
 * line split into argv words with no shell in sight.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/date.h>
#include <frontdesk/error.h>
#include <frontdesk/message.h>
#include <frontdesk/text.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---------------------------------------------------------- */

static const struct message_field FIELDS[] = {
    {"client", "Chloé Smith"}, {"first_name", "Chloé"},     {"date", "Monday 30 November 2026"},
    {"time", "14:00"},         {"therapist", "José Núñez"}, {"price", "55.00"},
    {"trap", "${date}"}, /* a value is never expanded again */
};
#define FIELD_COUNT (sizeof FIELDS / sizeof FIELDS[0])

static int base64_value(char c)
{
    const char *digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *at = strchr(digits, c);
    return c && at ? (int)(at - digits) : -1;
}

/* Decodes a header of encoded words (as message_encode_header writes them)
 * back to its text, checking each word's shape on the way. */
static void decode_words(const char *header, char *out, size_t size)
{
    size_t used = 0;
    const char *p = header;
    while (*p) {
        if (*p == ' ' || *p == '\n') { /* between words, or a fold */
            p++;
            continue;
        }
        const char *end = strstr(p, "?=");
        if (strncmp(p, "=?UTF-8?B?", 10) != 0 || !end)
            fail_msg("\"%s\" is not a run of encoded words", header);
        if (end + 2 - p > 75)
            fail_msg("an encoded word of %d characters in \"%s\"", (int)(end + 2 - p), header);
        unsigned bits = 0, count = 0;
        for (const char *c = p + 10; c < end && *c != '='; c++) {
            int v = base64_value(*c);
            assert_true(v >= 0);
            bits = (bits << 6) | (unsigned)v;
            count += 6;
            if (count >= 8) {
                count -= 8;
                assert_true(used + 1 < size);
                out[used++] = (char)((bits >> count) & 0xFF);
            }
        }
        p = end + 2;
    }
    out[used] = '\0';
}

/* ---- templates -------------------------------------------------------- */

struct render_case {
    const char *template_text;
    const char *expected; /* NULL: refused */
    const char *error;    /* a part of the error message */
};

static void test_templates_fill_their_placeholders(void **state)
{
    (void)state;
    static const struct render_case CASES[] = {
        {"Your appointment on ${date} at ${time}",
         "Your appointment on Monday 30 November 2026 at 14:00", NULL},
        {"Hello ${first_name},\nsee you at ${time}.\n", "Hello Chloé,\nsee you at 14:00.\n", NULL},
        {"${client}${client}", "Chloé SmithChloé Smith", NULL},
        {"No placeholders at all", "No placeholders at all", NULL},
        {"", "", NULL},
        {"Price: $${price} or $5 off, $ alone, ${price}$",
         "Price: $55.00 or $5 off, $ alone, 55.00$", NULL},
        {"{date} and $date stay as they are", "{date} and $date stay as they are", NULL},
        {"${trap}", "${date}", NULL},
        {"Therapist: ${therapist}", "Therapist: José Núñez", NULL},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char *out = NULL;
        struct fd_error err = {0};
        int rc = message_render(CASES[i].template_text, "t.txt", FIELDS, FIELD_COUNT, &out, &err);
        if (rc != 0)
            fail_msg("\"%s\" should render, got %d: %s", CASES[i].template_text, rc, err.message);
        assert_string_equal(out, CASES[i].expected);
        free(out);
    }
}

static void test_template_mistakes_are_named_with_their_line(void **state)
{
    (void)state;
    static const struct render_case CASES[] = {
        {"Hello ${fist_name}", NULL, "t.txt: unknown placeholder ${fist_name} (known: client,"},
        {"Hello\n\nat ${Time}\n", NULL, "t.txt:3: unknown placeholder ${Time}"},
        {"Hello ${ date }", NULL, "unknown placeholder ${ date }"},
        {"Hello ${}", NULL, "t.txt: empty placeholder ${}"},
        {"On ${date at ${time}", NULL, "unknown placeholder ${date at ${time}"},
        {"Hello ${first_name", NULL, "t.txt: placeholder \"${first_name\" has no closing \"}\""},
        {"line one\nHello ${date\n}", NULL, "t.txt:2: placeholder \"${date\" has no closing"},
        {"ends with ${", NULL, "placeholder \"${\" has no closing"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char *out = (char *)"untouched";
        struct fd_error err = {0};
        int rc = message_render(CASES[i].template_text, "t.txt", FIELDS, FIELD_COUNT, &out, &err);
        if (rc != -FD_ERR_CONFIG)
            fail_msg("\"%s\" should be refused, got %d", CASES[i].template_text, rc);
        assert_int_equal(err.code, FD_ERR_CONFIG);
        assert_null(out);
        if (!strstr(err.message, CASES[i].error))
            fail_msg("\"%s\": error \"%s\" lacks \"%s\"", CASES[i].template_text, err.message,
                     CASES[i].error);
    }
}

/* ---- header encoding -------------------------------------------------- */

static void test_ascii_headers_stay_readable(void **state)
{
    (void)state;
    char *out = message_encode_header("Your appointment on Monday 30 November 2026 at 14:00");
    assert_string_equal(out, "Your appointment on Monday 30 November 2026 at 14:00");
    free(out);
}

static void test_accented_names_are_encoded_words(void **state)
{
    (void)state;
    static const char *const TEXTS[] = {
        "Chloé",
        "Siobhán O'Brien",
        "Mei Lin 林美",
        "Ünïcödé everywhere: Zoë, José Núñez, Søren Müller, Anaïs Dubois, Björn 林美 and more",
        "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂",
    };
    char *out = message_encode_header("Chloé");
    assert_string_equal(out, "=?UTF-8?B?Q2hsb8Op?=");
    free(out);
    for (size_t i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++) {
        out = message_encode_header(TEXTS[i]);
        char decoded[512];
        decode_words(out, decoded, sizeof decoded);
        assert_string_equal(decoded, TEXTS[i]);
        /* Every word decodes on its own to whole characters: no word
         * starts with a continuation byte. */
        for (const char *w = strstr(out, "=?UTF-8?B?"); w; w = strstr(w + 1, "=?UTF-8?B?")) {
            char one[128];
            const char *end = strstr(w, "?=");
            char word[128];
            memcpy(word, w, (size_t)(end + 2 - w));
            word[end + 2 - w] = '\0';
            decode_words(word, one, sizeof one);
            assert_true(((unsigned char)one[0] & 0xC0) != 0x80);
        }
        free(out);
    }
}

static void test_a_newline_in_a_header_cannot_forge_another(void **state)
{
    (void)state;
    char *out = message_encode_header("Hello\r\nBcc: everyone@example.org");
    assert_null(strchr(out, '\n'));
    assert_null(strchr(out, '\r'));
    free(out);
    out = message_format_address("Eve\nBcc: x@example.org", "eve@example.org");
    assert_null(strchr(out, '\n'));
    free(out);
}

/* ---- addresses -------------------------------------------------------- */

static void test_addresses_for_headers(void **state)
{
    (void)state;
    static const struct {
        const char *name, *address, *expected;
    } CASES[] = {
        {"Tom Smith", "tom@example.org", "Tom Smith <tom@example.org>"},
        {"", "tom@example.org", "tom@example.org"},
        {"   ", "tom@example.org", "tom@example.org"},
        {"Chloé Smith", "c@example.org", "=?UTF-8?B?Q2hsb8OpIFNtaXRo?= <c@example.org>"},
        {"Smith, Tom", "tom@example.org", "\"Smith, Tom\" <tom@example.org>"},
        {"Dr. Jones", "j@example.org", "\"Dr. Jones\" <j@example.org>"},
        {"Say \"hi\"", "h@example.org", "\"Say \\\"hi\\\"\" <h@example.org>"},
        {"Pat O'Brien", "p@example.org", "Pat O'Brien <p@example.org>"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char *out = message_format_address(CASES[i].name, CASES[i].address);
        assert_string_equal(out, CASES[i].expected);
        free(out);
    }
}

static void test_the_configured_sender_is_parsed(void **state)
{
    (void)state;
    static const struct {
        const char *text, *name, *address; /* address NULL: refused */
    } CASES[] = {
        {"Front desk <desk@example.org>", "Front desk", "desk@example.org"},
        {"desk@example.org", "", "desk@example.org"},
        {"  desk@example.org  ", "", "desk@example.org"},
        {"\"Riverside, front desk\" <desk@example.org>", "Riverside, front desk",
         "desk@example.org"},
        {"Réception <accueil@example.fr>", "Réception", "accueil@example.fr"},
        {"Front desk", NULL, NULL},
        {"Front desk <desk@example.org", NULL, NULL},
        {"Front desk <>", NULL, NULL},
        {"<@example.org>", NULL, NULL},
        {"desk@", NULL, NULL},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char name[128], address[128];
        int rc = message_parse_address(CASES[i].text, name, sizeof name, address, sizeof address);
        if (!CASES[i].address) {
            if (rc != -1)
                fail_msg("\"%s\" should be refused", CASES[i].text);
            continue;
        }
        if (rc != 0)
            fail_msg("\"%s\" should parse", CASES[i].text);
        assert_string_equal(name, CASES[i].name);
        assert_string_equal(address, CASES[i].address);
    }
}

/* ---- dates ------------------------------------------------------------ */

static void test_dates_in_headers_and_in_the_letter(void **state)
{
    (void)state;
    fd_time tuesday_ten = time_make(date_from_civil(2026, 11, 24), 10 * 60);
    fd_time june_evening = time_make(date_from_civil(2026, 6, 5), 18 * 60 + 7);
    static const struct {
        int offset;
        const char *expected;
    } WINTER[] = {
        {0, "Tue, 24 Nov 2026 10:00:00 +0000"},
        {60, "Tue, 24 Nov 2026 10:00:00 +0100"},
        {-300, "Tue, 24 Nov 2026 10:00:00 -0500"},
        {330, "Tue, 24 Nov 2026 10:00:00 +0530"},
    };
    char out[MESSAGE_DATE_SIZE];
    for (size_t i = 0; i < sizeof WINTER / sizeof WINTER[0]; i++) {
        message_format_date(tuesday_ten, WINTER[i].offset, out);
        assert_string_equal(out, WINTER[i].expected);
    }
    message_format_date(june_evening, 60, out);
    assert_string_equal(out, "Fri, 5 Jun 2026 18:07:00 +0100");

    char long_date[MESSAGE_LONG_DATE_SIZE];
    message_long_date(date_from_civil(2026, 11, 30), long_date);
    assert_string_equal(long_date, "Monday 30 November 2026");
    message_long_date(date_from_civil(2027, 1, 3), long_date);
    assert_string_equal(long_date, "Sunday 3 January 2027");
    message_long_date(date_from_civil(2026, 9, 30), long_date);
    assert_string_equal(long_date, "Wednesday 30 September 2026");
}

/* ---- the message ------------------------------------------------------ */

/* GCC 12 at -O3 believes the pointers into compose()'s result dangle,
 * mistaking the heap string for the local that held its address. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#endif

static char *compose(const char *subject, const char *body)
{
    struct message_envelope envelope = {
        .from = "Front desk <desk@example.org>",
        .to = "=?UTF-8?B?Q2hsb8OpIFNtaXRo?= <c@example.org>",
        .subject = subject,
        .date = "Tue, 24 Nov 2026 10:00:00 +0000",
        .message_id = "<appointment-12.202611241000@example.org>",
    };
    char *out = NULL;
    struct fd_error err = {0};
    assert_int_equal(message_compose(&envelope, body, &out, &err), 0);
    return out;
}

static void test_a_message_has_its_headers_then_the_body(void **state)
{
    (void)state;
    char *out = compose("Your appointment on Monday 30 November 2026 at 14:00",
                        "Hello Chloé,\r\nsee you soon.");
    assert_string_equal(out, "From: Front desk <desk@example.org>\n"
                             "To: =?UTF-8?B?Q2hsb8OpIFNtaXRo?= <c@example.org>\n"
                             "Subject: Your appointment on Monday 30 November 2026 at 14:00\n"
                             "Date: Tue, 24 Nov 2026 10:00:00 +0000\n"
                             "Message-ID: <appointment-12.202611241000@example.org>\n"
                             "MIME-Version: 1.0\n"
                             "Content-Type: text/plain; charset=UTF-8\n"
                             "Content-Transfer-Encoding: 8bit\n"
                             "\n"
                             "Hello Chloé,\n"
                             "see you soon.\n");
    free(out);
}

static void test_long_headers_are_folded_and_unfold_to_the_same(void **state)
{
    (void)state;
    const char *subject = "Your sports massage appointment at Riverside Sports Massage, "
                          "Low Cost Clinic, on Wednesday 30 September 2026 at 14:00 with "
                          "Primrose Okafor";
    char *out = compose(subject, "");
    char *start = strstr(out, "Subject: ");
    char *end = strstr(start, "\nDate: ");
    assert_non_null(end);
    /* Every line short enough, and unfolding (dropping the newlines in
     * front of the spaces) gives back the subject. */
    char unfolded[512];
    size_t used = 0;
    size_t line = 0;
    for (char *p = start + strlen("Subject: "); p < end; p++) {
        if (*p == '\n') {
            assert_true(p[1] == ' ');
            line = 0;
            continue;
        }
        assert_true(++line <= 78);
        unfolded[used++] = *p;
    }
    unfolded[used] = '\0';
    assert_string_equal(unfolded, subject);
    free(out);
}

static void test_an_accented_subject_is_encoded(void **state)
{
    (void)state;
    char *out = compose("Votre rendez-vous avec José", "x");
    assert_non_null(strstr(out, "Subject: =?UTF-8?B?"));
    assert_null(strstr(out, "José\nDate"));
    free(out);
}

/* RFC 2047: an encoded word is at most 75 characters, and a header line
 * holding one at most 76.  The header `name` of message: every line of it
 * is checked, every word must decode to whole UTF-8 characters, and the
 * value comes back unfolded in out. */
static void check_header(const char *message, const char *name, char *out, size_t size)
{
    char start[64];
    snprintf(start, sizeof start, "\n%s: ", name);
    size_t skip = strlen(start);
    const char *p = strstr(message, start);
    if (strncmp(message, start + 1, skip - 1) == 0) { /* the first has no newline before it */
        p = message;
        skip--;
    }
    if (!p)
        fail_msg("no %s header in:\n%s", name, message);
    p += skip;
    out[0] = '\0';
    for (bool first = true; first || *p == ' '; first = false) {
        char line[512];
        size_t length = strcspn(p, "\n");
        assert_true(length < sizeof line);
        memcpy(line, p, length);
        line[length] = '\0';
        size_t columns = length + (first ? strlen(start) - 1 : 0);
        if (strstr(line, "=?") && columns > 76)
            fail_msg("a %s line of %zu columns: %s", name, columns, line);
        for (const char *w = strstr(line, "=?"); w; w = strstr(w, "=?")) {
            const char *end = strstr(w + 2, "?=");
            assert_non_null(end);
            char word[128], bytes[128];
            size_t word_length = (size_t)(end + 2 - w);
            if (word_length > 75)
                fail_msg("an encoded word of %zu characters: %s", word_length, line);
            memcpy(word, w, word_length);
            word[word_length] = '\0';
            decode_words(word, bytes, sizeof bytes);
            if (!text_is_clean_utf8(bytes, strlen(bytes), false))
                fail_msg("%s splits a character", word);
            w = end + 2;
        }
        assert_true(strlen(out) + length < size);
        strcat(out, line);
        p += length + (p[length] == '\n');
    }
}

static void test_long_accented_headers_keep_to_rfc_2047(void **state)
{
    (void)state;
    static const struct {
        const char *name, *subject;
    } CASES[] = {
        {"María José Núñez de la Fuente y Ångström-Østergård Ærøskøbing Björnsdóttir",
         "Votre rendez-vous de massage sportif à la clinique Riverside, côté rivière, le "
         "mercredi 30 septembre 2026 à 14:00 avec José Núñez, thérapeute diplômé"},
        {"Zoë", "Ünïcödé everywhere: Zoë, José Núñez, Søren Müller, Anaïs Dubois, Björn 林美 "
                "and more, Zoë, José Núñez, Søren Müller, Anaïs Dubois, Björn 林美 and more"},
        {"林美 林美 林美 林美 林美 林美 林美 林美 林美 林美 林美 林美 林美 林美 林美 林美 林美",
         "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂"
         "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂"},
        /* One byte past a word's worth of text, then a character across it. */
        {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaé", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa🙂"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char *from = message_format_address(CASES[i].name, "desk@example.org");
        char *to = message_format_address(CASES[i].name, "client@example.com");
        struct message_envelope envelope = {
            .from = from,
            .to = to,
            .subject = CASES[i].subject,
            .date = "Tue, 24 Nov 2026 10:00:00 +0000",
            .message_id = "<appointment-12.202611241000@example.org>",
        };
        char *message = NULL;
        struct fd_error err = {0};
        assert_int_equal(message_compose(&envelope, "Hello", &message, &err), 0);

        char value[2048], decoded[1024];
        check_header(message, "Subject", value, sizeof value);
        decode_words(value, decoded, sizeof decoded);
        assert_string_equal(decoded, CASES[i].subject);
        check_header(message, "From", value, sizeof value);
        char *address = strstr(value, " <desk@example.org>");
        assert_non_null(address);
        *address = '\0';
        decode_words(value, decoded, sizeof decoded);
        assert_string_equal(decoded, CASES[i].name);
        check_header(message, "To", value, sizeof value);
        assert_non_null(strstr(value, " <client@example.com>"));
        free(from);
        free(to);
        free(message);
    }
}

/* ---- the sendmail command line ---------------------------------------- */

struct split_case {
    const char *command;
    const char *words[8]; /* NULL-terminated; words[0] NULL: refused */
};

static void test_the_sendmail_line_becomes_argv_words(void **state)
{
    (void)state;
    static const struct split_case CASES[] = {
        {"/usr/sbin/sendmail -t -i", {"/usr/sbin/sendmail", "-t", "-i", NULL}},
        {"  sendmail\t-t   -i  ", {"sendmail", "-t", "-i", NULL}},
        {"msmtp -a \"clinic account\" -t", {"msmtp", "-a", "clinic account", "-t", NULL}},
        {"\"/opt/mail tools/send\" -t", {"/opt/mail tools/send", "-t", NULL}},
        {"send -F \"\" -t", {"send", "-F", "", "-t", NULL}},
        {"send a\"b c\"d", {"send", "ab cd", NULL}},
        {"send \"say \\\"hi\\\" \\\\ there\"", {"send", "say \"hi\" \\ there", NULL}},
        {"send back\\slash", {"send", "back\\slash", NULL}},
        /* Nothing a shell would act on means anything here. */
        {"sendmail -t; rm -rf /", {"sendmail", "-t;", "rm", "-rf", "/", NULL}},
        {"sendmail $(touch x) `id` | cat > y && z",
         {"sendmail", "$(touch", "x)", "`id`", "|", "cat", ">", "y"}},
        {"sendmail 'single quotes' stay", {"sendmail", "'single", "quotes'", "stay", NULL}},
        {"send \"unclosed", {NULL}},
        {"", {NULL}},
        {"   \t ", {NULL}},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char **argv = NULL;
        struct fd_error err = {0};
        int rc = message_split_command(CASES[i].command, "sendmail", &argv, &err);
        if (!CASES[i].words[0]) {
            if (rc != -FD_ERR_CONFIG)
                fail_msg("\"%s\" should be refused, got %d", CASES[i].command, rc);
            assert_null(argv);
            assert_non_null(strstr(err.message, "sendmail: "));
            continue;
        }
        if (rc != 0)
            fail_msg("\"%s\" should split, got %d: %s", CASES[i].command, rc, err.message);
        size_t n = 0;
        for (; n < 8 && CASES[i].words[n]; n++) {
            if (!argv[n] || strcmp(argv[n], CASES[i].words[n]) != 0)
                fail_msg("\"%s\": word %zu is \"%s\", expected \"%s\"", CASES[i].command, n,
                         argv[n] ? argv[n] : "(none)", CASES[i].words[n]);
        }
        if (n < 8)
            assert_null(argv[n]);
        message_argv_free(argv);
    }
}

static void test_split_errors_name_the_option(void **state)
{
    (void)state;
    char **argv = NULL;
    struct fd_error err = {0};
    assert_int_equal(message_split_command("send \"x", "sendmail", &argv, &err), -FD_ERR_CONFIG);
    assert_non_null(strstr(err.message, "quote that is never closed"));
    assert_int_equal(message_split_command("", "sendmail", &argv, &err), -FD_ERR_CONFIG);
    assert_string_equal(err.message, "sendmail: the command is empty");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_templates_fill_their_placeholders),
        cmocka_unit_test(test_template_mistakes_are_named_with_their_line),
        cmocka_unit_test(test_ascii_headers_stay_readable),
        cmocka_unit_test(test_accented_names_are_encoded_words),
        cmocka_unit_test(test_a_newline_in_a_header_cannot_forge_another),
        cmocka_unit_test(test_addresses_for_headers),
        cmocka_unit_test(test_the_configured_sender_is_parsed),
        cmocka_unit_test(test_dates_in_headers_and_in_the_letter),
        cmocka_unit_test(test_a_message_has_its_headers_then_the_body),
        cmocka_unit_test(test_long_headers_are_folded_and_unfold_to_the_same),
        cmocka_unit_test(test_an_accented_subject_is_encoded),
        cmocka_unit_test(test_long_accented_headers_keep_to_rfc_2047),
        cmocka_unit_test(test_the_sendmail_line_becomes_argv_words),
        cmocka_unit_test(test_split_errors_name_the_option),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
