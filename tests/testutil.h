/* Test helpers shared by the cmocka suites: temp files and the ../shared location.
 * Include after <cmocka.h>: require_shared() fails or skips the running test. */
#ifndef ENTENTE_TESTUTIL_H
#define ENTENTE_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes text to a fresh temp file; returns its path (static buffer per call site). */
static inline const char *write_temp(char path[64], const char *text)
{
    strcpy(path, "/tmp/entente-test-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    size_t len = strlen(text);
    if (write(fd, text, len) != (ssize_t)len) {
        close(fd);
        return NULL;
    }
    close(fd);
    return path;
}

/* 1 when the file of ../shared is there. When it is not, the caller skips with a message,
 * or fails under CI=true, where missing reference data is a failure. */
static inline int shared_available(const char *file)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ENT_SHARED_DIR, file);
    return access(path, R_OK) == 0;
}

static inline int running_in_ci(void)
{
    const char *ci = getenv("CI");
    return ci && strcmp(ci, "true") == 0;
}

/* Returns 1 when the file of ../shared is there. Otherwise fails the running test under
 * CI=true, where missing reference data is a failure, or skips it with a visible message. */
static inline int require_shared(const char *file)
{
    if (shared_available(file))
        return 1;
    if (running_in_ci())
        fail_msg("%s/%s is missing and CI=true", ENT_SHARED_DIR, file);
    fprintf(stderr, "SKIP: %s/%s is missing (../shared is not beside the project)\n",
            ENT_SHARED_DIR, file);
    skip();
    return 0;
}

#endif
