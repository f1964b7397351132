/* The built-in config: what applies with no config file, and what
 * `frontdesk init` writes as a starter.  It is the example of SPEC §4 with
 * the options added since; the optional ones are there as comments. */
#ifndef FRONTDESK_CONFIG_DEFAULT_H
#define FRONTDESK_CONFIG_DEFAULT_H

#define CONFIG_DEFAULT_TEXT                                                                        \
    "# frontdesk configuration (see frontdesk(1)).\n"                                              \
    "clinic_name        = \"Riverside Sports Massage\"\n"                                          \
    "timezone           = \"Europe/London\"\n"                                                     \
    "working_days       = {mon, tue, wed, thu, fri}\n"                                             \
    "close_of_business  = \"18:00\"\n"                                                             \
    "opens              = \"08:00\"   # \"am\" starts here\n"                                      \
    "closes             = \"20:00\"   # \"evening\" ends here\n"                                   \
    "request_reply_days = 2\n"                                                                     \
    "slot_step          = 15\n"                                                                    \
    "suggest_horizon_days = 21\n"                                                                  \
    "holidays           = \"england-and-wales\"     # a file in data/holidays/\n"                  \
    "closed             = {\"2026-12-24\"}\n"                                                      \
    "sendmail           = \"/usr/sbin/sendmail -t -i\"\n"                                          \
    "sendmail_timeout   = 60        # seconds before a sendmail that hangs is stopped\n"           \
    "from               = \"Front desk <desk@example.org>\"\n"                                     \
    "late_cancel_hours  = 24        # cancelling later than this before the start is late\n"       \
    "no_show_fee        = \"0\"       # a percentage of the price (\"50%\") or an amount "         \
    "(\"20.00\")\n"                                                                                \
    "late_cancel_fee    = \"0\"\n"                                                                 \
    "undo_minutes       = 10        # how long an action can be undone; 0: never\n"                \
    "reminder_working_days = 1      # reminders go out this many working days before\n"            \
    "reminder_time      = \"10:00\"\n"                                                             \
    "# desk             = \"front\"   # optional: this desk's name, when desks share a login\n"    \
    "# sms_command      = \"/usr/local/bin/send-sms\"  # optional: the program that sends SMS\n"   \
    "\n"                                                                                           \
    "clinic \"Clinic\"          { rooms = 3 }\n"                                                   \
    "clinic \"Low Cost Clinic\" { rooms = 1 }\n"                                                   \
    "\n"                                                                                           \
    "service \"Sports massage 60\"   { minutes = 60 price = \"55.00\" buffer = 15 clinics = "      \
    "{\"Clinic\"} }\n"                                                                             \
    "service \"Sports massage 30\"   { minutes = 30 price = \"35.00\" buffer = 15 clinics = "      \
    "{\"Clinic\"} }\n"                                                                             \
    "service \"Deep tissue 90\"      { minutes = 90 price = \"80.00\" buffer = 15 clinics = "      \
    "{\"Clinic\"} }\n"                                                                             \
    "service \"Low cost massage 45\" { minutes = 45 price = \"30.00\" clinics = {\"Low Cost "      \
    "Clinic\"} }\n"                                                                                \
    "\n"                                                                                           \
    "template confirmation {\n"                                                                    \
    "  subject = \"Your appointment on ${date} at ${time}\"\n"                                     \
    "  body    = \"confirmation.txt\"                  # a file in data/templates/\n"              \
    "}\n"

#endif
