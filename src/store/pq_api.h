/*
 * libpq, loaded when a PostgreSQL database is first opened rather than when
 * the program starts.  libpq brings twenty-odd libraries with it (TLS,
 * Kerberos, LDAP), which would add milliseconds to every command on an
 * SQLite file — `day --json` included — for an engine that desk may never
 * use.  So the program is not linked against it: pq_api_load() opens it
 * with dlopen() and fills a table of the functions db_pg.c calls, and this
 * header then maps each libpq name onto that table, so db_pg.c reads like
 * ordinary libpq code (as src/ops/ical_api.h does for libical).
 *
 * Include this header after <libpq-fe.h> and only in files that call
 * pq_api_load() before any libpq function.  Not part of the public API.
 */
#ifndef FRONTDESK_PQ_API_H
#define FRONTDESK_PQ_API_H

#include <frontdesk/error.h>

#include <libpq-fe.h>

#define PQ_API_FUNCTIONS(X)                                                                        \
    X(PQbackendPID)                                                                                \
    X(PQcancel)                                                                                    \
    X(PQclear)                                                                                     \
    X(PQcmdStatus)                                                                                 \
    X(PQcmdTuples)                                                                                 \
    X(PQconnectdbParams)                                                                           \
    X(PQconsumeInput)                                                                              \
    X(PQenterPipelineMode)                                                                         \
    X(PQerrorMessage)                                                                              \
    X(PQexec)                                                                                      \
    X(PQexecPrepared)                                                                              \
    X(PQexitPipelineMode)                                                                          \
    X(PQfinish)                                                                                    \
    X(PQfname)                                                                                     \
    X(PQftype)                                                                                     \
    X(PQfreeCancel)                                                                                \
    X(PQfreemem)                                                                                   \
    X(PQgetCancel)                                                                                 \
    X(PQgetResult)                                                                                 \
    X(PQgetisnull)                                                                                 \
    X(PQgetvalue)                                                                                  \
    X(PQisBusy)                                                                                    \
    X(PQnfields)                                                                                   \
    X(PQnotifies)                                                                                  \
    X(PQntuples)                                                                                   \
    X(PQpipelineSync)                                                                              \
    X(PQprepare)                                                                                   \
    X(PQreset)                                                                                     \
    X(PQresetPoll)                                                                                 \
    X(PQresetStart)                                                                                \
    X(PQresultErrorField)                                                                          \
    X(PQresultStatus)                                                                              \
    X(PQsendPrepare)                                                                               \
    X(PQsendQuery)                                                                                 \
    X(PQsendQueryParams)                                                                           \
    X(PQsendQueryPrepared)                                                                         \
    X(PQsetNoticeProcessor)                                                                        \
    X(PQsocket)                                                                                    \
    X(PQstatus)                                                                                    \
    X(PQtransactionStatus)

struct pq_api {
// NOLINTNEXTLINE(bugprone-macro-parentheses): name is the member being declared, not a value
#define PQ_API_MEMBER(name) __typeof__(&name) name;
    PQ_API_FUNCTIONS(PQ_API_MEMBER)
#undef PQ_API_MEMBER
};

/* Opens libpq the first time (later calls are free); -FD_ERR_SOFTWARE
 * naming what is missing when it cannot be loaded. */
int pq_api_load(struct fd_error *err);
/* The loaded table; only valid after pq_api_load() succeeded. */
const struct pq_api *pq_api(void);

#ifndef PQ_API_NO_MACROS
#define PQbackendPID         (pq_api()->PQbackendPID)
#define PQcancel             (pq_api()->PQcancel)
#define PQclear              (pq_api()->PQclear)
#define PQcmdStatus          (pq_api()->PQcmdStatus)
#define PQcmdTuples          (pq_api()->PQcmdTuples)
#define PQconnectdbParams    (pq_api()->PQconnectdbParams)
#define PQconsumeInput       (pq_api()->PQconsumeInput)
#define PQenterPipelineMode  (pq_api()->PQenterPipelineMode)
#define PQerrorMessage       (pq_api()->PQerrorMessage)
#define PQexec               (pq_api()->PQexec)
#define PQexecPrepared       (pq_api()->PQexecPrepared)
#define PQexitPipelineMode   (pq_api()->PQexitPipelineMode)
#define PQfinish             (pq_api()->PQfinish)
#define PQfname              (pq_api()->PQfname)
#define PQftype              (pq_api()->PQftype)
#define PQfreeCancel         (pq_api()->PQfreeCancel)
#define PQfreemem            (pq_api()->PQfreemem)
#define PQgetCancel          (pq_api()->PQgetCancel)
#define PQgetResult          (pq_api()->PQgetResult)
#define PQgetisnull          (pq_api()->PQgetisnull)
#define PQgetvalue           (pq_api()->PQgetvalue)
#define PQisBusy             (pq_api()->PQisBusy)
#define PQnfields            (pq_api()->PQnfields)
#define PQnotifies           (pq_api()->PQnotifies)
#define PQntuples            (pq_api()->PQntuples)
#define PQpipelineSync       (pq_api()->PQpipelineSync)
#define PQprepare            (pq_api()->PQprepare)
#define PQreset              (pq_api()->PQreset)
#define PQresetPoll          (pq_api()->PQresetPoll)
#define PQresetStart         (pq_api()->PQresetStart)
#define PQresultErrorField   (pq_api()->PQresultErrorField)
#define PQresultStatus       (pq_api()->PQresultStatus)
#define PQsendPrepare        (pq_api()->PQsendPrepare)
#define PQsendQuery          (pq_api()->PQsendQuery)
#define PQsendQueryParams    (pq_api()->PQsendQueryParams)
#define PQsendQueryPrepared  (pq_api()->PQsendQueryPrepared)
#define PQsetNoticeProcessor (pq_api()->PQsetNoticeProcessor)
#define PQsocket             (pq_api()->PQsocket)
#define PQstatus             (pq_api()->PQstatus)
#define PQtransactionStatus  (pq_api()->PQtransactionStatus)
#endif

#endif
