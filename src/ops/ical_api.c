/*
 * Loading libical on demand (see ical_api.h for why).  The table is filled
 * once per process and never changes afterwards; the library stays loaded
 * until the process ends, as a linked library would.
 */
#define ICAL_API_NO_MACROS
#include "ical_api.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <string.h>

static struct ical_api table;
static bool loaded;

int ical_api_load(struct fd_error *err)
{
    if (loaded)
        return 0;
    /* The run-time name first: the unversioned one exists only with the
     * -dev package. */
    void *library = dlopen("libical.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!library)
        library = dlopen("libical.so", RTLD_NOW | RTLD_LOCAL);
    if (!library)
        return fd_fail(err, FD_ERR_SOFTWARE,
                       "calendar export needs libical (Debian package libical3): %s", dlerror());
        /* dlsym() returns an object pointer; copying its bytes into the
         * function pointer is the conversion POSIX guarantees. */
#define ICAL_API_RESOLVE(name)                                                                     \
    {                                                                                              \
        void *symbol = dlsym(library, #name);                                                      \
        if (!symbol)                                                                               \
            return fd_fail(err, FD_ERR_SOFTWARE, "libical lacks %s", #name);                       \
        memcpy(&table.name, &symbol, sizeof symbol);                                               \
    }
    ICAL_API_FUNCTIONS(ICAL_API_RESOLVE)
#undef ICAL_API_RESOLVE
    loaded = true;
    return 0;
}

const struct ical_api *ical_api(void)
{
    return &table;
}
