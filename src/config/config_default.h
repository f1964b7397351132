/* The built-in config: what applies with no config file, and what
 * `frontdesk init` writes as a starter.  It is the example of SPEC §4 with
 * the options added since; the optional ones are there as comments.  The
 * message sections show the kinds of message (one template given, one as a
 * comment), the three example mailing lists with their shipped welcomes,
 * and the January offer as a comment: an offer runs only when the owner
 * asks for it, so no clinic discounts a booking it did not mean to. */
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
    "# database         = \"postgresql:///clinic\"  # optional: a shared PostgreSQL database\n"    \
    "# site             = \"Clinic\"    # optional: the clinic this desk is at\n"                  \
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
    "  sms     = \"confirmation.sms\"                  # the text message, a file there too\n"     \
    "}\n"                                                                                          \
    "# Each kind of message has a template: confirmation, change, cancellation,\n"                 \
    "# decline, waitlist, offer, taken, reminder, correction and notify.  A kind\n"                \
    "# left out here uses KIND.txt and KIND.sms in data/templates/, and a subject\n"               \
    "# of its own, such as:\n"                                                                     \
    "# template reminder {\n"                                                                      \
    "#   subject = \"Reminder: your appointment on ${date} at ${time}\"\n"                         \
    "#   body    = \"reminder.txt\"\n"                                                             \
    "#   sms     = \"reminder.sms\"\n"                                                             \
    "# }\n"                                                                                        \
    "\n"                                                                                           \
    "# Mailing lists clients may join.  The welcome email (a file in\n"                            \
    "# data/templates/) goes out when they do, and offers them the gift.\n"                        \
    "list \"self-care\" {\n"                                                                       \
    "  frequencies = {weekly, monthly}          # optional: how often, their choice\n"             \
    "  welcome     = \"welcome-self-care.txt\"\n"                                                  \
    "  subject     = \"Welcome to ${list} from ${clinic_name}\"\n"                                 \
    "  gift        = \"https://example.org/self-care-guide\"\n"                                    \
    "}\n"                                                                                          \
    "list \"foam-rolling-workshop\" {\n"                                                           \
    "  welcome = \"welcome-foam-rolling-workshop.txt\"\n"                                          \
    "  subject = \"Our foam-rolling workshop\"\n"                                                  \
    "  gift    = \"https://example.org/foam-rolling-video\"\n"                                     \
    "}\n"                                                                                          \
    "list \"posture-checklist\" {\n"                                                               \
    "  welcome = \"welcome-posture-checklist.txt\"\n"                                              \
    "  subject = \"Your posture checklist\"\n"                                                     \
    "  gift    = \"https://example.org/posture-checklist.pdf\"\n"                                  \
    "}\n"                                                                                          \
    "\n"                                                                                           \
    "# Offers: a discount at booking for whoever meets every condition.  A\n"                      \
    "# booking gets the best one, never two.  Remove the \"# \" to run this one.\n"                \
    "# offer \"january-first-session\" {\n"                                                        \
    "#   percent        = 10                # or an amount off: amount = \"5.00\"\n"               \
    "#   from           = \"2027-01-01\"      # the appointment's day, from and to\n"              \
    "#   to             = \"2027-01-31\"      # both included\n"                                   \
    "#   first_session  = true              # a client's first appointment only\n"                 \
    "#   subscribers_of = {\"self-care\"}     # who had joined one of these lists\n"               \
    "#   services       = {\"Sports massage 60\", \"Sports massage 30\", \"Deep tissue 90\"}\n"    \
    "# }\n"

#endif
