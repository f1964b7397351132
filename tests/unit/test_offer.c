/*
 * Which offer a booking gets (offer.h): the clinic's January 10% goes to a
 * subscriber's first session in January, and to no one else; a booking
 * that qualifies for two offers gets the one worth more to the client,
 * never both; and the price never falls below nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <frontdesk/offer.h>

#include "helpers.h"

#include <stdio.h>
#include <string.h>

static char *SELF_CARE[] = {"self-care"};
static char *MASSAGES[] = {"Sports massage 60", "Sports massage 30"};

/* The offers of a clinic, in its config's order. */
static struct fd_offer offers[2];

static int setup_offers(void **state)
{
    (void)state;
    /* offer "january-first-session" { percent = 10 from = "2027-01-01"
     *   to = "2027-01-31" first_session = true subscribers_of = {"self-care"}
     *   services = {"Sports massage 60", "Sports massage 30"} } */
    offers[0] = (struct fd_offer){.name = "january-first-session",
                                  .percent = 10,
                                  .from = day_of("2027-01-01"),
                                  .to = day_of("2027-01-31"),
                                  .first_session = true,
                                  .subscribers_of = SELF_CARE,
                                  .subscribers_of_count = 1,
                                  .services = MASSAGES,
                                  .service_count = 2};
    /* offer "winter-fiver" { amount = "5.00" from = "2027-01-15" to = "2027-02-15" } */
    offers[1] = (struct fd_offer){.name = "winter-fiver",
                                  .pence = 500,
                                  .from = day_of("2027-01-15"),
                                  .to = day_of("2027-02-15")};
    return 0;
}

/* A client who joined the self-care list on 1 December. */
static const struct offer_subscription SUBSCRIBER[] = {{"self-care", 0}};
static const struct offer_subscription SUBSCRIBER_IN_CAPITALS[] = {{"SELF-CARE", 0}};
static const struct offer_subscription OTHER_LIST[] = {{"posture-checklist", 0}};

static const struct {
    const char *story;
    const char *day;     /* the appointment's */
    const char *service; /* its service */
    int price;           /* its list price */
    bool earlier;        /* the client has an earlier session */
    const struct offer_subscription *subscriptions;
    const char *since; /* when they subscribed ("" for 1 December) */
    const char *offer; /* the offer expected, NULL for none */
    int charged;       /* the price expected */
} BOOKINGS[] = {
    {"a subscriber's first session in January", "2027-01-10", "Sports massage 60", 5500, false,
     SUBSCRIBER, "", "january-first-session", 4950},
    {"on the first day of the window", "2027-01-01", "Sports massage 60", 5500, false, SUBSCRIBER,
     "", "january-first-session", 4950},
    {"on the last day of the window", "2027-01-31", "Sports massage 60", 5500, false, SUBSCRIBER,
     "", "january-first-session", 4950},
    {"a subscriber's second session", "2027-01-10", "Sports massage 60", 5500, true, SUBSCRIBER, "",
     NULL, 5500},
    {"the day before the window", "2026-12-31", "Sports massage 60", 5500, false, SUBSCRIBER, "",
     NULL, 5500},
    {"the day after both windows", "2027-02-16", "Sports massage 60", 5500, false, SUBSCRIBER, "",
     NULL, 5500},
    {"someone on no list", "2027-01-10", "Sports massage 60", 5500, false, NULL, "", NULL, 5500},
    {"someone on another list", "2027-01-10", "Sports massage 60", 5500, false, OTHER_LIST, "",
     NULL, 5500},
    {"someone who joined after booking", "2027-01-10", "Sports massage 60", 5500, false, SUBSCRIBER,
     "2026-12-20 10:01", NULL, 5500},
    {"someone who joined as they booked", "2027-01-10", "Sports massage 60", 5500, false,
     SUBSCRIBER, "2026-12-20 10:00", "january-first-session", 4950},
    {"names in other capitals", "2027-01-10", "SPORTS MASSAGE 60", 5500, false,
     SUBSCRIBER_IN_CAPITALS, "", "january-first-session", 4950},
    /* Both apply from 15 January: the larger discount wins. */
    {"10% of 55.00 beats 5.00 off", "2027-01-20", "Sports massage 60", 5500, false, SUBSCRIBER, "",
     "january-first-session", 4950},
    {"5.00 off beats 10% of 35.00", "2027-01-20", "Sports massage 30", 3500, false, SUBSCRIBER, "",
     "winter-fiver", 3000},
    {"a tie goes to the offer first in the config", "2027-01-20", "Sports massage 60", 5000, false,
     SUBSCRIBER, "", "january-first-session", 4500},
    {"a second session gets only the other offer", "2027-01-20", "Sports massage 60", 5500, true,
     SUBSCRIBER, "", "winter-fiver", 5000},
    {"a service the offer does not name", "2027-01-20", "Deep tissue 90", 8000, false, SUBSCRIBER,
     "", "winter-fiver", 7500},
    {"a service the offer does not name, alone", "2027-01-10", "Deep tissue 90", 8000, false,
     SUBSCRIBER, "", NULL, 8000},
    {"more off than the price", "2027-02-01", "Stretching 15", 300, false, NULL, "", "winter-fiver",
     0},
    {"a free session takes nothing off", "2027-02-01", "Open day", 0, false, NULL, "", NULL, 0},
};

static void test_each_booking_gets_the_offer_it_should(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof BOOKINGS / sizeof BOOKINGS[0]; i++) {
        struct offer_subscription subscription = {"", 0};
        if (BOOKINGS[i].subscriptions) {
            subscription = BOOKINGS[i].subscriptions[0];
            subscription.since =
                *BOOKINGS[i].since ? moment(BOOKINGS[i].since) : moment("2026-12-01 09:00");
        }
        struct offer_booking booking = {
            .day = day_of(BOOKINGS[i].day),
            .service = BOOKINGS[i].service,
            .price_pence = BOOKINGS[i].price,
            .has_earlier_session = BOOKINGS[i].earlier,
            .made_at = moment("2026-12-20 10:00"),
            .subscriptions = BOOKINGS[i].subscriptions ? &subscription : NULL,
            .subscription_count = BOOKINGS[i].subscriptions ? 1 : 0,
        };
        int charged = -1;
        const struct fd_offer *offer = offer_choose(offers, 2, &booking, &charged);
        const char *got = offer ? offer->name : "no offer";
        const char *expected = BOOKINGS[i].offer ? BOOKINGS[i].offer : "no offer";
        if (strcmp(got, expected) != 0 || charged != BOOKINGS[i].charged)
            fail_msg("%s: %s at %d pence, expected %s at %d", BOOKINGS[i].story, got, charged,
                     expected, BOOKINGS[i].charged);
        /* The rule for each offer agrees with the choice. */
        if (offer)
            assert_true(offer_applies(offer, &booking));
    }
}

static void test_no_offers_means_the_list_price(void **state)
{
    (void)state;
    struct offer_booking booking = {
        .day = day_of("2027-01-10"), .service = "Sports massage 60", .price_pence = 5500};
    int charged = -1;
    assert_null(offer_choose(NULL, 0, &booking, &charged));
    assert_int_equal(charged, 5500);
    /* The price is optional to ask for. */
    assert_ptr_equal(offer_choose(offers, 2, &booking, NULL), NULL);
}

static void test_a_discount_is_whole_pence_and_never_more_than_the_price(void **state)
{
    (void)state;
    static const struct {
        int percent, pence, price, discount;
    } DISCOUNTS[] = {
        {10, 0, 5500, 550},   {10, 0, 3505, 351}, /* 350.5 rounds up, to the client */
        {10, 0, 3504, 350},   {1, 0, 49, 0},      {1, 0, 50, 1},
        {100, 0, 5500, 5500}, {50, 0, 0, 0},      {0, 500, 5500, 500},
        {0, 500, 300, 300},   {0, 500, 0, 0},     {100, 0, 9999999, 9999999},
    };
    for (size_t i = 0; i < sizeof DISCOUNTS / sizeof DISCOUNTS[0]; i++) {
        struct fd_offer offer = {.percent = DISCOUNTS[i].percent, .pence = DISCOUNTS[i].pence};
        int discount = offer_discount_pence(&offer, DISCOUNTS[i].price);
        if (discount != DISCOUNTS[i].discount)
            fail_msg("%d%% / %d pence off %d = %d, expected %d", DISCOUNTS[i].percent,
                     DISCOUNTS[i].pence, DISCOUNTS[i].price, discount, DISCOUNTS[i].discount);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_each_booking_gets_the_offer_it_should, setup_offers),
        cmocka_unit_test_setup(test_no_offers_means_the_list_price, setup_offers),
        cmocka_unit_test(test_a_discount_is_whole_pence_and_never_more_than_the_price),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
