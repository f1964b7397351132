/*
 * Offers (the config's `offer "NAME" { ... }` sections): a discount on a
 * booking that meets its conditions, and the rule that picks the offer a
 * booking gets.
 *
 * The idea to hold first: a booking gets at most one offer, never a stack
 * of them.  Of the offers it qualifies for, it gets the one worth most to
 * the client in pence on this booking's price; on a tie, the one the config
 * names first, so the choice never depends on anything but the file.  What
 * the rule needs to know about the client (an earlier session, the lists
 * they had joined when they booked) the caller looks up and passes in: the
 * rule itself is pure.
 */
#ifndef FRONTDESK_OFFER_H
#define FRONTDESK_OFFER_H

#include <frontdesk/date.h>

#include <stdbool.h>
#include <stddef.h>

struct fd_offer {
    char *name;            /* unique in the config; what reports and ${offer} name it by */
    int percent;           /* a percentage off the price, 1 to 100; 0 when pence is set */
    int pence;             /* an amount off, more than 0; 0 when percent is set */
    fd_day from;           /* the first day an appointment may fall on to get it */
    fd_day to;             /* the last such day (from <= to) */
    bool first_session;    /* only for a client with no earlier non-cancelled appointment */
    char **subscribers_of; /* only for subscribers of one of these lists; none: anyone */
    size_t subscribers_of_count;
    char **services; /* only for these services (names as in the config); none: all */
    size_t service_count;
};

/* A client's place on a mailing list. */
struct offer_subscription {
    const char *list; /* the list's name (compared ignoring case) */
    fd_time since;    /* when the client subscribed */
};

/* What the rule needs to know of a booking. */
struct offer_booking {
    fd_day day;               /* the appointment's day */
    const char *service;      /* its service's name (compared ignoring case) */
    int price_pence;          /* its list price, before any offer */
    bool has_earlier_session; /* the client has an earlier appointment not cancelled */
    fd_time made_at;          /* when the booking is made */
    /* The client's subscriptions (a list they had left by made_at is not
     * one).  Only those since made_at or earlier count: joining a list
     * after booking does not reach back to the booking. */
    const struct offer_subscription *subscriptions;
    size_t subscription_count;
};

/* Whether the booking meets every condition of the offer. */
bool offer_applies(const struct fd_offer *offer, const struct offer_booking *booking);

/* What the offer takes off price_pence (>= 0): a percentage rounded half
 * up to whole pence, an amount as it is; never more than the price. */
int offer_discount_pence(const struct fd_offer *offer, int price_pence);

/* The offer the booking gets: of those that apply, the largest discount,
 * the first in the array on a tie; NULL when none applies or none takes
 * anything off (a free service).  *price_pence (may be NULL) receives the
 * price to charge: the list price less the discount, never below 0. */
const struct fd_offer *offer_choose(const struct fd_offer *offers, size_t count,
                                    const struct offer_booking *booking, int *price_pence);

#endif
