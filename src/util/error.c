/* util — the static status-code table behind ent_strerror(). */
#include "entente/common.h"

static const char *const error_names[] = {
    [0] = "ok",
    [1] = "out of memory",
    [2] = "invalid argument",
    [3] = "malformed input",
    [4] = "input/output error",
    [5] = "database error",
    [6] = "not found",
    [7] = "internal error",
};

const char *ent_strerror(int code)
{
    if (code > 0 || -code >= (int)(sizeof error_names / sizeof error_names[0]))
        return "unknown error";
    return error_names[-code];
}
