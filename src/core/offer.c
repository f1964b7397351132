/*
 * Choosing a booking's offer (offer.h): each condition of an offer is one
 * test here, and the choice is the largest discount with the config's order
 * breaking ties.  Pure: the caller supplies what it knows of the client.
 */
#include <frontdesk/offer.h>

#include <strings.h>

static bool name_among(const char *name, char *const *names, size_t count)
{
    for (size_t i = 0; name && i < count; i++)
        if (names[i] && strcasecmp(names[i], name) == 0)
            return true;
    return false;
}

/* Whether the client had joined one of the offer's lists when booking. */
static bool subscribed_in_time(const struct fd_offer *offer, const struct offer_booking *booking)
{
    if (offer->subscribers_of_count == 0)
        return true;
    for (size_t i = 0; i < booking->subscription_count; i++) {
        const struct offer_subscription *subscription = &booking->subscriptions[i];
        if (subscription->since <= booking->made_at &&
            name_among(subscription->list, offer->subscribers_of, offer->subscribers_of_count))
            return true;
    }
    return false;
}

bool offer_applies(const struct fd_offer *offer, const struct offer_booking *booking)
{
    if (booking->day < offer->from || booking->day > offer->to)
        return false;
    if (offer->first_session && booking->has_earlier_session)
        return false;
    if (offer->service_count > 0 &&
        !name_among(booking->service, offer->services, offer->service_count))
        return false;
    return subscribed_in_time(offer, booking);
}

int offer_discount_pence(const struct fd_offer *offer, int price_pence)
{
    if (price_pence <= 0)
        return 0;
    long long discount =
        offer->percent > 0 ? ((long long)price_pence * offer->percent + 50) / 100 : offer->pence;
    if (discount < 0)
        return 0;
    return discount > price_pence ? price_pence : (int)discount;
}

const struct fd_offer *offer_choose(const struct fd_offer *offers, size_t count,
                                    const struct offer_booking *booking, int *price_pence)
{
    const struct fd_offer *best = NULL;
    int best_discount = 0;
    for (size_t i = 0; i < count; i++) {
        if (!offer_applies(&offers[i], booking))
            continue;
        int discount = offer_discount_pence(&offers[i], booking->price_pence);
        /* Strictly more: on a tie the earlier offer stays. */
        if (discount > best_discount) {
            best = &offers[i];
            best_discount = discount;
        }
    }
    if (price_pence) {
        int price = booking->price_pence - best_discount;
        *price_pence = price > 0 ? price : 0;
    }
    return best;
}
