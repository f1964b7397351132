/*
 * Money in the config: prices ("55.00", pounds and pence) and the fees for
 * a missed or late-cancelled appointment, which are either such an amount
 * or a whole percentage of the price ("50%").  Amounts are kept in pence,
 * as ints, so no sum is ever a rounded float.
 */
#include <frontdesk/config.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int config_parse_price(const char *text)
{
    if (!text || !isdigit((unsigned char)text[0]))
        return -1;
    long pounds = 0;
    const char *p = text;
    while (isdigit((unsigned char)*p) && pounds < 100000)
        pounds = pounds * 10 + (*p++ - '0');
    int pence = 0;
    if (*p == '.') {
        if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]) || p[3])
            return -1;
        pence = (p[1] - '0') * 10 + (p[2] - '0');
    } else if (*p) {
        return -1;
    }
    if (pounds >= 100000)
        return -1;
    return (int)(pounds * 100 + pence);
}

void config_format_price(int pence, char *out, size_t size)
{
    snprintf(out, size, "%d.%02d", pence / 100, pence % 100);
}

/* "0%" to "100%": the percentage, or -1. */
static int parse_percent(const char *text, size_t length)
{
    if (length < 2 || length > 4 || text[length - 1] != '%')
        return -1;
    int percent = 0;
    for (size_t i = 0; i + 1 < length; i++) {
        if (!isdigit((unsigned char)text[i]))
            return -1;
        percent = percent * 10 + (text[i] - '0');
    }
    return percent <= 100 ? percent : -1;
}

int config_parse_fee(const char *text, struct fd_fee *out)
{
    *out = (struct fd_fee){FEE_NONE, 0, 0};
    if (!text)
        return -1;
    size_t length = strlen(text);
    if (length > 0 && text[length - 1] == '%') {
        int percent = parse_percent(text, length);
        if (percent < 0)
            return -1;
        if (percent > 0)
            *out = (struct fd_fee){FEE_PERCENT, percent, 0};
        return 0;
    }
    int pence = config_parse_price(text);
    if (pence < 0)
        return -1;
    if (pence > 0)
        *out = (struct fd_fee){FEE_AMOUNT, 0, pence};
    return 0;
}

int config_fee_pence(const struct fd_fee *fee, int price_pence)
{
    switch (fee->kind) {
    case FEE_PERCENT:
        return (int)(((long long)price_pence * fee->percent + 50) / 100);
    case FEE_AMOUNT:
        return fee->pence;
    case FEE_NONE:
        break;
    }
    return 0;
}

void config_format_fee(const struct fd_fee *fee, char *out, size_t size)
{
    switch (fee->kind) {
    case FEE_PERCENT:
        snprintf(out, size, "%d%%", fee->percent);
        return;
    case FEE_AMOUNT:
        config_format_price(fee->pence, out, size);
        return;
    case FEE_NONE:
        break;
    }
    snprintf(out, size, "0");
}
