/*
 * Loading libpq on demand (see pq_api.h for why).  The table is filled
 * once per process and never changes afterwards; the library stays loaded
 * until the process ends, as a linked library would.
 */
#define PQ_API_NO_MACROS
#include "pq_api.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <string.h>

static struct pq_api table;
static bool loaded;

int pq_api_load(struct fd_error *err)
{
    if (loaded)
        return 0;
    /* The run-time name first: the unversioned one exists only with the
     * -dev package. */
    void *library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!library)
        library = dlopen("libpq.so", RTLD_NOW | RTLD_LOCAL);
    if (!library)
        return fd_fail(err, FD_ERR_SOFTWARE,
                       "a PostgreSQL database needs libpq (Debian package libpq5): %s", dlerror());
        /* dlsym() returns an object pointer; copying its bytes into the
         * function pointer is the conversion POSIX guarantees. */
#define PQ_API_RESOLVE(name)                                                                       \
    {                                                                                              \
        void *symbol = dlsym(library, #name);                                                      \
        if (!symbol)                                                                               \
            return fd_fail(err, FD_ERR_SOFTWARE, "libpq lacks %s (version 14 or later needed)",    \
                           #name);                                                                 \
        memcpy(&table.name, &symbol, sizeof symbol);                                               \
    }
    PQ_API_FUNCTIONS(PQ_API_RESOLVE)
#undef PQ_API_RESOLVE
    loaded = true;
    return 0;
}

const struct pq_api *pq_api(void)
{
    return &table;
}
