/* The schema's migrations, one SQL script per PRAGMA user_version step. */
#ifndef FRONTDESK_SCHEMA_H
#define FRONTDESK_SCHEMA_H

extern const char *const *const SCHEMA_MIGRATIONS[];
extern const int SCHEMA_VERSION;

#endif
