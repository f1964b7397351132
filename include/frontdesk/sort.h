/*
 * Sorting arrays that may be empty.  C does not allow qsort() a NULL array
 * even with no elements (UBSan stops the program), and an empty list here
 * is usually NULL, so every sort goes through fd_sort().
 */
#ifndef FRONTDESK_SORT_H
#define FRONTDESK_SORT_H

#include <stddef.h>
#include <stdlib.h>

static inline void fd_sort(void *base, size_t count, size_t size,
                           int (*compare)(const void *, const void *))
{
    if (count > 1)
        qsort(base, count, size, compare);
}

#endif
