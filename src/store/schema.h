/* The schema's migrations, one list of SQL scripts per schema version
 * step, for each engine: SQLite's (schema.c, the step recorded in PRAGMA
 * user_version) and PostgreSQL's (schema_pg.c).  Both engines have the
 * same steps, with the same tables and columns after each; a migration
 * added to one only fails to compile here, and tests/cli/t0010-schemas.sh
 * compares the tables and columns the two build. */
#ifndef FRONTDESK_SCHEMA_H
#define FRONTDESK_SCHEMA_H

/* The number of migrations, which is the current schema version. */
#define SCHEMA_LATEST 8

extern const char *const *const SCHEMA_MIGRATIONS[];
extern const char *const *const SCHEMA_PG_MIGRATIONS[];
extern const int SCHEMA_VERSION;

#endif
