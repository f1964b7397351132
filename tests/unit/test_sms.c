/*
 * Text messages (sms.h): a phone number typed any of the ways people type
 * one reaches the same E.164 number or is refused with the reason; a text
 * costs the segments a carrier would bill for it; a text too long is cut
 * at a word and still fits; a client's reply is read the way they meant it
 * or left for a person; and reply codes are four digits that do not repeat
 * while the store walks its seeds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/sms.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* `times` copies of piece, end to end, in memory the caller frees. */
static char *repeat(const char *piece, int times)
{
    size_t length = strlen(piece);
    char *text = malloc(length * (size_t)times + 1);
    assert_non_null(text);
    for (int i = 0; i < times; i++)
        memcpy(text + length * (size_t)i, piece, length);
    text[length * (size_t)times] = '\0';
    return text;
}

/* ---- phone numbers ----------------------------------------------------- */

/* A client's mobile, however it was written on the form or said on the
 * phone, is one number; so is a London landline. */
static void test_uk_numbers_typed_every_way_become_one(void **state)
{
    (void)state;
    static const struct {
        const char *typed, *e164;
    } CASES[] = {
        {"07700 900123", "+447700900123"},
        {"07700-900-123", "+447700900123"},
        {"(07700) 900123", "+447700900123"},
        {"07700.900.123", "+447700900123"},
        {"+44 7700 900123", "+447700900123"},
        {"+44 (0)7700 900123", "+447700900123"},
        {"+44 ( 0 ) 7700 900123", "+447700900123"},
        {"+44 07700 900123", "+447700900123"},
        {"0044 7700 900123", "+447700900123"},
        {"447700900123", "+447700900123"},
        {"+447700900123", "+447700900123"},
        {"  07700 900123\n", "+447700900123"},
        {"07700\u00a0900\u00a0123", "+447700900123"}, /* pasted with no-break spaces */
        {"07700\u2013900123", "+447700900123"},       /* an en dash */
        {"020 7946 0000", "+442079460000"},
        {"(020) 7946 0000", "+442079460000"},
        {"+44 (0)20 7946 0000", "+442079460000"},
        {"0131 496 0000", "+441314960000"},
        /* Numbers abroad keep their country code. */
        {"+33 6 12 34 56 78", "+33612345678"},
        {"0033 6 12 34 56 78", "+33612345678"},
        {"+33 (0)6 12 34 56 78", "+33612345678"},
        {"+1 (212) 555-0100", "+12125550100"},
        {"+353 87 123 4567", "+353871234567"},
    };
    for (size_t i = 0; i < COUNT(CASES); i++) {
        char e164[SMS_PHONE_SIZE], again[SMS_PHONE_SIZE];
        struct fd_error err = {0};
        if (sms_phone_normalize(CASES[i].typed, e164, sizeof e164, &err) != 0)
            fail_msg("\"%s\": %s", CASES[i].typed, err.message);
        if (strcmp(e164, CASES[i].e164) != 0)
            fail_msg("\"%s\" became %s, expected %s", CASES[i].typed, e164, CASES[i].e164);
        /* What is stored reads back as itself. */
        assert_int_equal(sms_phone_normalize(e164, again, sizeof again, &err), 0);
        assert_string_equal(again, e164);
    }
}

/* A number that cannot be texted is refused with the reason a
 * receptionist can act on. */
static void test_each_bad_number_says_why(void **state)
{
    (void)state;
    static const struct {
        const char *typed, *reason;
    } CASES[] = {
        {"", "is empty"},
        {"  \t", "is empty"},
        {"07700 9OO123", "has letters"},
        {"call 07700 900123", "has letters"},
        {"07700 900123 ext 2", "has letters"},
        {"07700#900123", "has a character that is not a digit"},
        {"07700 900123*", "has a character that is not a digit"},
        {"０7700 900123", "has a character that is not a digit"}, /* a full-width digit */
        {"44+7700900123", "has a + that is not at the start"},
        {"++447700900123", "has a + that is not at the start"},
        {"( ) -", "has no digits"},
        {"0770 090 012", "has 9 digits after the leading 0; UK numbers have 10"},
        {"077009001234", "has 11 digits after the leading 0; UK numbers have 10"},
        {"020 7946 000", "has 9 digits after the leading 0; UK numbers have 10"},
        {"+44 7700 90012", "has 9 digits after +44; UK numbers have 10"},
        {"0044 7700 9001234", "has 11 digits after +44; UK numbers have 10"},
        {"+44 00 7700 90012", "has one 0 too many after +44"},
        {"+07700 900123", "has no country code after the + or 00"},
        {"+33 6 12", "has too few digits"},
        {"+1234 5678 9012 3456", "has too many digits"},
        {"12345", "has too few digits"},
        {"1234567890123456", "has too many digits"},
        {"7700 900123", "has no country code: start it with +, 00 or 0"},
    };
    for (size_t i = 0; i < COUNT(CASES); i++) {
        char e164[SMS_PHONE_SIZE] = "unchanged";
        struct fd_error err = {0};
        int rc = sms_phone_normalize(CASES[i].typed, e164, sizeof e164, &err);
        char expected[256];
        snprintf(expected, sizeof expected, "\"%s\" is not a phone number (%s)", CASES[i].typed,
                 CASES[i].reason);
        if (rc != -FD_ERR_DATA || strcmp(err.message, expected) != 0)
            fail_msg("\"%s\": %d \"%s\", expected \"%s\"", CASES[i].typed, rc, err.message,
                     expected);
        assert_int_equal(err.code, FD_ERR_DATA);
        assert_string_equal(e164, "");
    }
}

/* The refusal repeats a long entry only in part, and a buffer too small
 * for any number is the caller's bug. */
static void test_a_refusal_stays_short_and_a_small_buffer_is_a_bug(void **state)
{
    (void)state;
    struct fd_error err = {0};
    char e164[SMS_PHONE_SIZE];
    assert_int_equal(sms_phone_normalize("mobile: 07700 900123 but only after six in the evening",
                                         e164, sizeof e164, &err),
                     -FD_ERR_DATA);
    assert_string_equal(err.message, "\"mobile: 07700 900123 but only after six…\" is not a "
                                     "phone number (has letters)");
    assert_int_equal(sms_phone_normalize(NULL, e164, sizeof e164, &err), -FD_ERR_DATA);
    assert_string_equal(err.message, "\"\" is not a phone number (is empty)");
    assert_int_equal(sms_phone_normalize("07700 900123", e164, SMS_PHONE_SIZE - 1, &err),
                     -FD_ERR_SOFTWARE);
    assert_int_equal(sms_phone_normalize("07700 900123", NULL, 0, NULL), -FD_ERR_SOFTWARE);
}

/* Texts go to mobiles: UK landlines, personal numbers and pagers cannot
 * take them; abroad we cannot tell, so we try. */
static void test_only_numbers_that_take_texts_are_mobiles(void **state)
{
    (void)state;
    static const struct {
        const char *e164;
        bool mobile;
    } CASES[] = {
        {"+447700900123", true},
        {"+447400123456", true},
        {"+447123456789", true},
        {"+447912345678", true},
        {"+447624123456", true},
        {"+442079460000", false},
        {"+441314960000", false},
        {"+448001234567", false},
        {"+447012345678", false},
        {"+447612345678", false},
        {"+44770090012", false},
        {"+33612345678", true},
        {"+12125550100", true},
        {"07700900123", false},
        {"+44 7700 900123", false},
        {"+", false},
        {"", false},
        {"+1234567", false},
    };
    for (size_t i = 0; i < COUNT(CASES); i++)
        if (sms_phone_is_mobile(CASES[i].e164) != CASES[i].mobile)
            fail_msg("%s should %sbe a mobile", CASES[i].e164, CASES[i].mobile ? "" : "not ");
    assert_false(sms_phone_is_mobile(NULL));
}

/* ---- length ------------------------------------------------------------ */

struct length_case {
    const char *story;
    const char *piece; /* the text: `times` copies of piece, middle, `again` copies */
    int times;
    const char *middle;
    int again;
    int segments, units;
    bool gsm7;
};

static void check_lengths(const struct length_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        char *before = repeat(cases[i].piece, cases[i].times);
        char *after = repeat(cases[i].piece, cases[i].again);
        char *text = malloc(strlen(before) + strlen(cases[i].middle) + strlen(after) + 1);
        assert_non_null(text);
        strcpy(text, before);
        strcat(text, cases[i].middle);
        strcat(text, after);
        struct sms_measure m;
        sms_measure(text, &m);
        if (m.segments != cases[i].segments || m.units != cases[i].units || m.gsm7 != cases[i].gsm7)
            fail_msg("%s: %d segments, %d units, %s; expected %d, %d, %s", cases[i].story,
                     m.segments, m.units, m.gsm7 ? "GSM" : "UCS-2", cases[i].segments,
                     cases[i].units, cases[i].gsm7 ? "GSM" : "UCS-2");
        free(before);
        free(after);
        free(text);
    }
}

/* Plain English, £ and accented Western letters travel as GSM: 160 to a
 * text, then 153 a segment; the extension characters take two. */
static void test_a_gsm_text_costs_septets(void **state)
{
    (void)state;
    static const struct length_case CASES[] = {
        {"nothing to send", "", 0, "", 0, 0, 0, true},
        {"a greeting", "Hello Ann, see you at 10:00!", 1, "", 0, 1, 28, true},
        {"exactly 160 fill one", "a", 160, "", 0, 1, 160, true},
        {"161 need two", "a", 161, "", 0, 2, 161, true},
        {"306 fill two", "a", 306, "", 0, 2, 306, true},
        {"307 need three", "a", 307, "", 0, 3, 307, true},
        {"the GSM letters beyond ASCII", "£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà@$", 1, "", 0, 1,
         42, true},
        {"new lines count one", "line\r\n", 2, "", 0, 1, 12, true},
        {"the extension table takes two", "^{}\\[]~|€", 1, "\f", 0, 1, 20, true},
        {"80 euros fill one", "€", 80, "", 0, 1, 160, true},
        {"81 euros need two", "€", 81, "", 0, 2, 162, true},
        /* 306 septets, but a € never straddles two segments: it starts the second. */
        {"152, a euro and 152", "a", 152, "€", 152, 3, 306, true},
    };
    check_lengths(CASES, COUNT(CASES));
    struct sms_measure m;
    sms_measure(NULL, &m);
    assert_int_equal(m.segments, 0);
}

/* One character outside the alphabet sends the whole text as UCS-2: 70 to
 * a text, then 67; an emoji is two UTF-16 units; bytes that are not UTF-8
 * count one unit each. */
static void test_one_foreign_character_makes_the_text_ucs2(void **state)
{
    (void)state;
    static const struct length_case CASES[] = {
        {"70 Polish letters fill one", "ł", 70, "", 0, 1, 70, false},
        {"71 need two", "ł", 71, "", 0, 2, 71, false},
        {"134 fill two", "ł", 134, "", 0, 2, 134, false},
        {"135 need three", "ł", 135, "", 0, 3, 135, false},
        {"a curly apostrophe from a phone", "See you", 1, " at 10 – it’s booked", 0, 1, 27, false},
        {"a backquote", "a", 100, "`", 0, 2, 101, false},
        {"a tab", "a", 10, "\t", 0, 1, 11, false},
        {"an emoji counts two", "a", 66, "👍", 0, 1, 68, false},
        {"69 and an emoji need two", "a", 69, "👍", 0, 2, 71, false},
        /* 134 units, but an emoji never straddles two segments. */
        {"66, an emoji and 66", "ł", 66, "👍", 66, 3, 134, false},
        {"a stray byte", "caf", 1, "\xC3", 0, 1, 4, false},
        {"an overlong slash", "\xC0\xAF", 1, "", 0, 1, 2, false},
        {"a surrogate written in UTF-8", "\xED\xA0\x80", 1, "", 0, 1, 3, false},
    };
    check_lengths(CASES, COUNT(CASES));
}

/* ---- cutting to fit ---------------------------------------------------- */

/* A text that fits is copied as it is; one that does not is cut after a
 * whole word with an ellipsis, and the result fits. */
static void test_a_long_text_is_cut_at_a_word(void **state)
{
    (void)state;
    char out[1024];
    const char *reminder = "Hi Ann, your massage with Sam is on Tue 24 Nov at 10:00. "
                           "Reply C 4821 to confirm, X 4821 to cancel.";
    assert_int_equal(sms_fit(reminder, 1, out, sizeof out), 0);
    assert_string_equal(out, reminder);

    char *exact = repeat("a", 160);
    assert_int_equal(sms_fit(exact, 1, out, sizeof out), 0);
    assert_string_equal(out, exact);
    free(exact);

    /* 150 letters, a space and 20 more: the second word goes. */
    char *first = repeat("a", 150), *second = repeat("b", 20), text[400], expected[400];
    snprintf(text, sizeof text, "%s %s", first, second);
    snprintf(expected, sizeof expected, "%s...", first);
    assert_int_equal(sms_fit(text, 1, out, sizeof out), 1);
    assert_string_equal(out, expected);
    /* Two segments hold it all. */
    assert_int_equal(sms_fit(text, 2, out, sizeof out), 0);
    assert_string_equal(out, text);
    free(first);
    free(second);

    /* 100 words in two segments: 60 words, 299 septets, and "...". */
    char *words = repeat("word ", 100), *kept = repeat("word ", 60);
    kept[strlen(kept) - 1] = '\0';
    snprintf(expected, sizeof expected, "%s...", kept);
    assert_int_equal(sms_fit(words, 2, out, sizeof out), 1);
    assert_string_equal(out, expected);
    struct sms_measure m;
    sms_measure(out, &m);
    assert_int_equal(m.segments, 2);
    free(words);
    free(kept);
}

/* The ellipsis is "…" only when the text is UCS-2 anyway: a GSM text keeps
 * its 160 septets, even when what was cut off held an emoji. */
static void test_the_ellipsis_keeps_the_text_in_its_alphabet(void **state)
{
    (void)state;
    char out[1024], text[600], expected[600];
    char *polish = repeat("ł", 60), *more = repeat("ł", 20);
    snprintf(text, sizeof text, "%s %s", polish, more);
    snprintf(expected, sizeof expected, "%s…", polish);
    assert_int_equal(sms_fit(text, 1, out, sizeof out), 1);
    assert_string_equal(out, expected);
    free(polish);
    free(more);

    char *plain = repeat("a", 150);
    snprintf(text, sizeof text, "%s 👍", plain);
    snprintf(expected, sizeof expected, "%s...", plain);
    assert_int_equal(sms_fit(text, 1, out, sizeof out), 1);
    assert_string_equal(out, expected);
    struct sms_measure m;
    sms_measure(out, &m);
    assert_true(m.gsm7);
    assert_int_equal(m.segments, 1);
    free(plain);
}

/* A word longer than the room is cut between characters, never inside
 * one; a small buffer cuts too; bad arguments are refused. */
static void test_a_cut_never_splits_a_character(void **state)
{
    (void)state;
    char out[1024];
    char *polish = repeat("ł", 100), *kept = repeat("ł", 69);
    char expected[256];
    snprintf(expected, sizeof expected, "%s…", kept);
    assert_int_equal(sms_fit(polish, 1, out, sizeof out), 1);
    assert_string_equal(out, expected);
    free(polish);
    free(kept);

    char small[10];
    assert_int_equal(sms_fit("Hello world", 1, small, sizeof small), 1);
    assert_string_equal(small, "Hello...");
    assert_int_equal(sms_fit("Hello", 1, small, sizeof small), 0);
    assert_string_equal(small, "Hello");
    assert_int_equal(sms_fit("łłłłł", 1, small, 8), 1); /* two ł and "…" make 7 bytes */
    assert_string_equal(small, "łł…");
    assert_int_equal(sms_fit("Hello", 1, small, 3), 1);
    assert_string_equal(small, "");

    /* Bytes that are not UTF-8 are kept as they came. */
    assert_int_equal(sms_fit("abc \xFF", 1, out, sizeof out), 0);
    assert_string_equal(out, "abc \xFF");
    assert_int_equal(sms_fit(NULL, 1, out, sizeof out), 0);
    assert_string_equal(out, "");

    assert_true(sms_fit("Hello", 0, out, sizeof out) < 0);
    assert_true(sms_fit("Hello", 1, NULL, 10) < 0);
    assert_true(sms_fit("Hello", 1, out, 0) < 0);
}

/* ---- replies ----------------------------------------------------------- */

/* What clients text back, as they type it on a phone: the letter and the
 * code from the message, give or take spaces, case and a full stop; a
 * clear STOP; and everything else is for a person to read. */
static void test_replies_mean_what_the_client_meant(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        enum sms_reply_kind kind;
        const char *code;
    } CASES[] = {
        /* Confirming, however it is typed. */
        {"C 4821", SMS_REPLY_CONFIRM, "4821"},
        {"c 4821", SMS_REPLY_CONFIRM, "4821"},
        {"C4821", SMS_REPLY_CONFIRM, "4821"},
        {" c  4821 ", SMS_REPLY_CONFIRM, "4821"},
        {"C 4821.", SMS_REPLY_CONFIRM, "4821"},
        {"C 4821!!", SMS_REPLY_CONFIRM, "4821"},
        {"C-4821", SMS_REPLY_CONFIRM, "4821"},
        {"C: 4821", SMS_REPLY_CONFIRM, "4821"},
        {"\nC 4821\n", SMS_REPLY_CONFIRM, "4821"},
        {"\"C 4821\"", SMS_REPLY_CONFIRM, "4821"},
        {"C 0007", SMS_REPLY_CONFIRM, "0007"},
        /* Cancelling and taking an offered slot. */
        {"X 4821", SMS_REPLY_CANCEL, "4821"},
        {"x4821", SMS_REPLY_CANCEL, "4821"},
        {"X - 4821 .", SMS_REPLY_CANCEL, "4821"},
        {"Y 4821", SMS_REPLY_TAKE, "4821"},
        {"y4821", SMS_REPLY_TAKE, "4821"},
        {"Y-4821", SMS_REPLY_TAKE, "4821"},
        {"Y 4821\r\n", SMS_REPLY_TAKE, "4821"},
        /* Opting out. */
        {"STOP", SMS_REPLY_STOP, ""},
        {"stop", SMS_REPLY_STOP, ""},
        {"Stop.", SMS_REPLY_STOP, ""},
        {" STOP\n", SMS_REPLY_STOP, ""},
        {"STOP ALL", SMS_REPLY_STOP, ""},
        {"stop  all", SMS_REPLY_STOP, ""},
        {"STOPALL", SMS_REPLY_STOP, ""},
        {"UNSUBSCRIBE", SMS_REPLY_STOP, ""},
        {"Unsubscribe!", SMS_REPLY_STOP, ""},
        /* Not quite a code: a person reads it. */
        {"C 48", SMS_REPLY_OTHER, ""},
        {"C 48211", SMS_REPLY_OTHER, ""},
        {"C 48 21", SMS_REPLY_OTHER, ""},
        {"C 482a", SMS_REPLY_OTHER, ""},
        {"C", SMS_REPLY_OTHER, ""},
        {"4821", SMS_REPLY_OTHER, ""},
        {"Z 4821", SMS_REPLY_OTHER, ""},
        {"C 4821 thanks", SMS_REPLY_OTHER, ""},
        {"C 4821 👍", SMS_REPLY_OTHER, ""},
        {"C 4821 X 4821", SMS_REPLY_OTHER, ""},
        /* Words are not guessed at. */
        {"yes", SMS_REPLY_OTHER, ""},
        {"Yes please", SMS_REPLY_OTHER, ""},
        {"Cancel please", SMS_REPLY_OTHER, ""},
        {"cancel", SMS_REPLY_OTHER, ""},
        {"Stop texting me", SMS_REPLY_OTHER, ""},
        {"stopp", SMS_REPLY_OTHER, ""},
        {"STOP 4821", SMS_REPLY_OTHER, ""},
        {"", SMS_REPLY_OTHER, ""},
        {" \n ", SMS_REPLY_OTHER, ""},
        {"...", SMS_REPLY_OTHER, ""},
    };
    for (size_t i = 0; i < COUNT(CASES); i++) {
        struct sms_reply reply = {.kind = SMS_REPLY_CONFIRM, .code = "9999"};
        sms_parse_reply(CASES[i].text, &reply);
        if (reply.kind != CASES[i].kind || strcmp(reply.code, CASES[i].code) != 0)
            fail_msg("\"%s\": kind %d code \"%s\", expected %d \"%s\"", CASES[i].text, reply.kind,
                     reply.code, CASES[i].kind, CASES[i].code);
    }
    struct sms_reply reply;
    sms_parse_reply(NULL, &reply);
    assert_int_equal(reply.kind, SMS_REPLY_OTHER);
}

/* ---- reply codes ------------------------------------------------------- */

/* Codes are four digits, leading zeros kept, and while the store tries
 * seed after seed none comes back before all 10000 have. */
static void test_reply_codes_are_four_digits_that_do_not_repeat(void **state)
{
    (void)state;
    char code[5];
    sms_reply_code(0, code);
    assert_string_equal(code, "4813");
    sms_reply_code(1, code);
    assert_string_equal(code, "2732");
    sms_reply_code(3491, code);
    assert_string_equal(code, "0042");

    static bool seen[10000];
    const uint32_t start = 4000000000u;
    for (uint32_t seed = start; seed < start + 10000; seed++) {
        sms_reply_code(seed, code);
        assert_int_equal(strlen(code), 4);
        assert_int_equal(strspn(code, "0123456789"), 4);
        int value = atoi(code);
        if (seen[value])
            fail_msg("seed %u repeats code %s", seed, code);
        seen[value] = true;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_uk_numbers_typed_every_way_become_one),
        cmocka_unit_test(test_each_bad_number_says_why),
        cmocka_unit_test(test_a_refusal_stays_short_and_a_small_buffer_is_a_bug),
        cmocka_unit_test(test_only_numbers_that_take_texts_are_mobiles),
        cmocka_unit_test(test_a_gsm_text_costs_septets),
        cmocka_unit_test(test_one_foreign_character_makes_the_text_ucs2),
        cmocka_unit_test(test_a_long_text_is_cut_at_a_word),
        cmocka_unit_test(test_the_ellipsis_keeps_the_text_in_its_alphabet),
        cmocka_unit_test(test_a_cut_never_splits_a_character),
        cmocka_unit_test(test_replies_mean_what_the_client_meant),
        cmocka_unit_test(test_reply_codes_are_four_digits_that_do_not_repeat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
