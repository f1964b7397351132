/*
 * libFuzzer target for the date and time arguments every command takes
 * (--now, --at, --date, --from/--to, rota patterns): no input may crash a
 * parser, and whatever one accepts must format back to a value it accepts
 * again, unchanged.
 */
#include <frontdesk/date.h>
#include <frontdesk/rota.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';

    fd_day day;
    if (date_parse(text, &day) == 0) {
        char again[FD_DATE_LEN];
        fd_day back;
        date_format(day, again);
        if (date_parse(again, &back) != 0 || back != day)
            abort();
    }
    int minute;
    if (time_parse_hm(text, &minute) == 0 && (minute < 0 || minute > FD_MINUTES_PER_DAY))
        abort();
    fd_time moment;
    if (datetime_parse(text, &moment) == 0) {
        char again[FD_DATETIME_LEN];
        fd_time back;
        datetime_format(moment, again);
        if (datetime_parse(again, &back) != 0 || back != moment)
            abort();
    }
    bool has_time;
    (void)date_or_datetime_parse(text, &moment, &has_time);
    (void)date_weekday_parse(text, (int)strlen(text));

    struct fd_error err;
    int nth, weekday;
    if (rota_parse_monthly(text, &nth, &weekday, &err) == 0 &&
        (weekday < 0 || weekday > 6 || !((nth >= 1 && nth <= 4) || nth == -1)))
        abort();
    unsigned mask;
    if (rota_parse_weekdays(text, &mask, &err) == 0 && (mask & ~0x7Fu))
        abort();
    free(text);
    return 0;
}
