/*
 * Email addresses as people type them (text.h): a good one passes, and a
 * bad one is refused with the reason a receptionist can act on, "has no
 * @", "has a space", or, for an address that is well formed but not
 * ASCII, that no mail sent from here can reach it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/text.h>

#include <string.h>

static void test_good_addresses_have_no_problem(void **state)
{
    (void)state;
    static const char *const GOOD[] = {
        "ann@example.com", "zoe.a@example.com", "o'brien@example.ie", "first+tag@mail.co.uk",
        "x@y.io",          "UPPER@EXAMPLE.ORG",
    };
    for (size_t i = 0; i < sizeof GOOD / sizeof GOOD[0]; i++) {
        const char *problem = text_email_problem(GOOD[i]);
        if (problem)
            fail_msg("\"%s\" %s", GOOD[i], problem);
        assert_true(text_is_email(GOOD[i]));
    }
}

static void test_each_bad_address_says_why(void **state)
{
    (void)state;
    char long_local[300];
    memset(long_local, 'a', 250);
    strcpy(long_local + 250, "@example.com");
    static const struct {
        const char *text;
        const char *reason;
    } BAD[] = {
        {"", "is empty"},
        {"ann", "has no @"},
        {"ann.example.com", "has no @"},
        {"@example.com", "has nothing before the @"},
        {"ann@", "has nothing after the @"},
        {"ann@bob@example.com", "has more than one @"},
        {"ann@localhost", "has no dot after the @"},
        {"ann@.com", "has a dot in the wrong place"},
        {"ann@example.", "has a dot in the wrong place"},
        {"ann@example..com", "has two dots in a row"},
        {"ann lee@example.com", "has a space"},
        {"ann@example.com ", "has a space"},
        {"ann\t@example.com", "has a space"},
        {"ann\n@example.com", "has a control character"},
        {"<ann@example.com>", "has a character no address has"},
        {"ann@example.com, bob@example.com", "has a character no address has"},
        {"ann,bob@example.com", "has a character no address has"},
        {"\"ann\"@example.com", "has a character no address has"},
        /* The shape comes first: a name typed in the email field. */
        {"Zoë", "has no @"},
        {"zoë@example", "has no dot after the @"},
    };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        const char *problem = text_email_problem(BAD[i].text);
        if (!problem || !strstr(problem, BAD[i].reason))
            fail_msg("\"%s\": \"%s\", expected \"%s\"", BAD[i].text, problem ? problem : "(none)",
                     BAD[i].reason);
        assert_ptr_not_equal(problem, TEXT_EMAIL_NOT_ASCII);
        assert_false(text_is_email(BAD[i].text));
    }
    assert_non_null(strstr(text_email_problem(long_local), "too long"));
    assert_string_equal(text_email_problem(NULL), "is empty");
    assert_false(text_is_email(NULL));
}

static void test_a_well_formed_address_beyond_ascii_cannot_be_mailed(void **state)
{
    (void)state;
    static const char *const ACCENTED[] = {"zoë@example.com", "ann@exämple.org", "林@example.cn",
                                           "josé.núñez@example.es"};
    for (size_t i = 0; i < sizeof ACCENTED / sizeof ACCENTED[0]; i++) {
        assert_ptr_equal(text_email_problem(ACCENTED[i]), TEXT_EMAIL_NOT_ASCII);
        assert_false(text_is_email(ACCENTED[i]));
    }
    assert_non_null(strstr(TEXT_EMAIL_NOT_ASCII, "non-ASCII"));
}

static void test_the_message_names_the_field_and_the_reason(void **state)
{
    (void)state;
    struct fd_error err = {0};
    assert_int_equal(text_check_email("email", "ann@example.com", FD_ERR_DATA, &err), 0);

    assert_int_equal(text_check_email("email", "bob@", FD_ERR_DATA, &err), -FD_ERR_DATA);
    assert_int_equal(err.code, FD_ERR_DATA);
    assert_string_equal(err.message,
                        "email: \"bob@\" is not an email address (has nothing after the @)");

    assert_int_equal(text_check_email("--email", "zoë@example.com", FD_ERR_DATA, &err),
                     -FD_ERR_DATA);
    assert_string_equal(err.message, "--email: \"zoë@example.com\" has non-ASCII characters; mail "
                                     "to such addresses cannot be delivered from here");

    assert_int_equal(text_check_email("from", "", FD_ERR_CONFIG, &err), -FD_ERR_CONFIG);
    assert_int_equal(err.code, FD_ERR_CONFIG);
    assert_string_equal(err.message, "from: \"\" is not an email address (is empty)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_addresses_have_no_problem),
        cmocka_unit_test(test_each_bad_address_says_why),
        cmocka_unit_test(test_a_well_formed_address_beyond_ascii_cannot_be_mailed),
        cmocka_unit_test(test_the_message_names_the_field_and_the_reason),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
