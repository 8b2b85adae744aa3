/* testutil.h - helpers the test programs share: the binary under test, shell steps, reading
 * files, waiting for a log line, and the visible characters of a text. Header-only (static
 * inline) so each test stays one file. Include after <cmocka.h>. */
#ifndef HB_TESTUTIL_H
#define HB_TESTUTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "text/textlayout.h"
#include "base/util.h"

/* ./honorboard, or the sanitized build make passes in HONORBOARD_BIN. */
/* An EXIF APP1 segment (34 bytes) holding only an orientation (1..8), for test JPEGs that a
 * phone or camera would have written turned: goes right after the SOI marker. */
#define EXIF_APP1_LEN 36
static inline void exif_app1(unsigned char out[EXIF_APP1_LEN], int orientation)
{
    static const unsigned char app1[EXIF_APP1_LEN] = {
        0xFF, 0xE1, 0x00, 0x22, 'E',  'x',  'i',  'f',  0, 0,       /* APP1, 34 bytes */
        'I',  'I',  0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,             /* TIFF, IFD0 at 8 */
        0x01, 0x00,                                                 /* one entry */
        0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0, 0, 0, 0, /* Orientation SHORT */
        0x00, 0x00, 0x00, 0x00};                                    /* no next IFD */
    memcpy(out, app1, EXIF_APP1_LEN);
    out[28] = (unsigned char)orientation;
}

static inline const char *bin(void)
{
    const char *b = getenv("HONORBOARD_BIN");
    return b ? b : "./honorboard";
}

/* Runs a printf-formatted shell command; returns its exit status (-1 if it did not exit). */
static inline int vrun(const char *fmt, va_list ap, char *cmd, size_t n)
{
    vsnprintf(cmd, n, fmt, ap);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static inline int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline int run(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    int rc = vrun(fmt, ap, cmd, sizeof cmd);
    va_end(ap);
    return rc;
}

/* Runs a shell command; the test fails if it does. */
static inline void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void sh(const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    int rc = vrun(fmt, ap, cmd, sizeof cmd);
    va_end(ap);
    if (rc != 0)
        fail_msg("command failed (%d): %s", rc, cmd);
}

/* The whole file, or "" when it cannot be read. Caller frees. */
static inline char *slurp(const char *path)
{
    char *s = file_read_all(path, NULL);
    return s ? s : xstrdup("");
}

static inline int count_str(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* Waits until `needle` appears `times` times in the file, or fails after secs. */
static inline void wait_for_n(const char *path, const char *needle, int times, double secs)
{
    double end = now_seconds() + secs;
    while (now_seconds() < end) {
        char *s = slurp(path);
        int n = count_str(s, needle);
        free(s);
        if (n >= times)
            return;
        usleep(100000);
    }
    char *s = slurp(path);
    fail_msg("'%s' x%d did not appear in %s within %.0f s:\n%s", needle, times, path, secs, s);
}

static inline void wait_for(const char *path, const char *needle, double secs)
{
    wait_for_n(path, needle, 1, secs);
}

/* The characters of s without spaces and newlines, in order. Caller frees. */
static inline char *visible(const char *s)
{
    struct strbuf b = {0};
    size_t n = strlen(s), len;
    for (size_t i = 0; i < n; i += len) {
        uint32_t cp = utf8_decode(s + i, n - i, &len);
        if (!tl_is_space(cp) && cp != '\n')
            sb_add(&b, s + i, len);
    }
    if (!b.s)
        b.s = xstrdup("");
    return b.s;
}

#endif
