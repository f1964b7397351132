/* The fixed vocabularies of records.h that are not states. */
#include <frontdesk/records.h>

const char *const REQUEST_SOURCES[REQUEST_SOURCE_COUNT] = {"web", "phone", "email", "walk-in"};
