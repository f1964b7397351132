/*
 * libical, loaded when a calendar is first exported rather than when the
 * program starts.  libical brings ICU and the C++ runtime with it, which
 * would add milliseconds to every command — `day --json` included — for a
 * feature only `export ics` uses.  So the program is not linked against it:
 * ical_api_load() opens it with dlopen() and fills a table of the
 * functions export.c calls, and this header then maps each libical name
 * onto that table, so export.c reads like ordinary libical code.
 *
 * Include this header after <libical/ical.h> and only in files that call
 * ical_api_load() before any libical function.
 */
#ifndef FRONTDESK_ICAL_API_H
#define FRONTDESK_ICAL_API_H

#include <frontdesk/error.h>

#include <libical/ical.h>

#define ICAL_API_FUNCTIONS(X)                                                                      \
    X(icalcomponent_add_component)                                                                 \
    X(icalcomponent_add_property)                                                                  \
    X(icalcomponent_as_ical_string_r)                                                              \
    X(icalcomponent_free)                                                                          \
    X(icalcomponent_get_first_property)                                                            \
    X(icalcomponent_new_clone)                                                                     \
    X(icalcomponent_new_vcalendar)                                                                 \
    X(icalcomponent_new_vevent)                                                                    \
    X(icalparameter_new_tzid)                                                                      \
    X(icalproperty_add_parameter)                                                                  \
    X(icalproperty_new_calscale)                                                                   \
    X(icalproperty_new_created)                                                                    \
    X(icalproperty_new_dtend)                                                                      \
    X(icalproperty_new_dtstamp)                                                                    \
    X(icalproperty_new_dtstart)                                                                    \
    X(icalproperty_new_location)                                                                   \
    X(icalproperty_new_method)                                                                     \
    X(icalproperty_new_prodid)                                                                     \
    X(icalproperty_new_sequence)                                                                   \
    X(icalproperty_new_status)                                                                     \
    X(icalproperty_new_summary)                                                                    \
    X(icalproperty_new_transp)                                                                     \
    X(icalproperty_new_uid)                                                                        \
    X(icalproperty_new_version)                                                                    \
    X(icalproperty_new_x)                                                                          \
    X(icalproperty_set_tzid)                                                                       \
    X(icalproperty_set_x_name)                                                                     \
    X(icaltime_convert_to_zone)                                                                    \
    X(icaltime_null_time)                                                                          \
    X(icaltimezone_get_builtin_timezone)                                                           \
    X(icaltimezone_get_component)                                                                  \
    X(icaltimezone_get_utc_timezone)                                                               \
    X(icaltimezone_truncate_vtimezone)

struct ical_api {
// NOLINTNEXTLINE(bugprone-macro-parentheses): name is the member being declared, not a value
#define ICAL_API_MEMBER(name) __typeof__(&name) name;
    ICAL_API_FUNCTIONS(ICAL_API_MEMBER)
#undef ICAL_API_MEMBER
};

/* Opens libical the first time (later calls are free); -FD_ERR_SOFTWARE
 * naming what is missing when it cannot be loaded. */
int ical_api_load(struct fd_error *err);
/* The loaded table; only valid after ical_api_load() succeeded. */
const struct ical_api *ical_api(void);

#ifndef ICAL_API_NO_MACROS
#define icalcomponent_add_component       (ical_api()->icalcomponent_add_component)
#define icalcomponent_add_property        (ical_api()->icalcomponent_add_property)
#define icalcomponent_as_ical_string_r    (ical_api()->icalcomponent_as_ical_string_r)
#define icalcomponent_free                (ical_api()->icalcomponent_free)
#define icalcomponent_get_first_property  (ical_api()->icalcomponent_get_first_property)
#define icalcomponent_new_clone           (ical_api()->icalcomponent_new_clone)
#define icalcomponent_new_vcalendar       (ical_api()->icalcomponent_new_vcalendar)
#define icalcomponent_new_vevent          (ical_api()->icalcomponent_new_vevent)
#define icalparameter_new_tzid            (ical_api()->icalparameter_new_tzid)
#define icalproperty_add_parameter        (ical_api()->icalproperty_add_parameter)
#define icalproperty_new_calscale         (ical_api()->icalproperty_new_calscale)
#define icalproperty_new_created          (ical_api()->icalproperty_new_created)
#define icalproperty_new_dtend            (ical_api()->icalproperty_new_dtend)
#define icalproperty_new_dtstamp          (ical_api()->icalproperty_new_dtstamp)
#define icalproperty_new_dtstart          (ical_api()->icalproperty_new_dtstart)
#define icalproperty_new_location         (ical_api()->icalproperty_new_location)
#define icalproperty_new_method           (ical_api()->icalproperty_new_method)
#define icalproperty_new_prodid           (ical_api()->icalproperty_new_prodid)
#define icalproperty_new_sequence         (ical_api()->icalproperty_new_sequence)
#define icalproperty_new_status           (ical_api()->icalproperty_new_status)
#define icalproperty_new_summary          (ical_api()->icalproperty_new_summary)
#define icalproperty_new_transp           (ical_api()->icalproperty_new_transp)
#define icalproperty_new_uid              (ical_api()->icalproperty_new_uid)
#define icalproperty_new_version          (ical_api()->icalproperty_new_version)
#define icalproperty_new_x                (ical_api()->icalproperty_new_x)
#define icalproperty_set_tzid             (ical_api()->icalproperty_set_tzid)
#define icalproperty_set_x_name           (ical_api()->icalproperty_set_x_name)
#define icaltime_convert_to_zone          (ical_api()->icaltime_convert_to_zone)
#define icaltime_null_time                (ical_api()->icaltime_null_time)
#define icaltimezone_get_builtin_timezone (ical_api()->icaltimezone_get_builtin_timezone)
#define icaltimezone_get_component        (ical_api()->icaltimezone_get_component)
#define icaltimezone_get_utc_timezone     (ical_api()->icaltimezone_get_utc_timezone)
#define icaltimezone_truncate_vtimezone   (ical_api()->icaltimezone_truncate_vtimezone)
#endif

#endif
