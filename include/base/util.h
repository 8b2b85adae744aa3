/* util.h - small helpers shared by every module: allocation, strings, UTF-8, paths. */
#ifndef HB_UTIL_H
#define HB_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Allocation that aborts on out-of-memory (there is nothing sensible to do then). Caller frees
 * with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s); /* NULL in, NULL out. Caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* Caller frees. */

/* A growable byte buffer, NUL-terminated once anything is added (s is NULL before). s is owned
 * by the buffer (sb_free()); a caller that keeps the text takes s instead of calling sb_free(). */
struct strbuf {
    char *s;
    size_t len, cap;
};
void sb_add(struct strbuf *b, const char *s, size_t n);
void sb_puts(struct strbuf *b, const char *s);
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends "s" with JSON escaping: controls (C1 too) as \\uXXXX, bytes that are not UTF-8 as
 * U+FFFD, so the result is valid JSON whatever bytes s holds. */
void sb_json_str(struct strbuf *b, const char *s);
/* s as it may be shown on a terminal or written to REPORT.txt: control characters (but newline
 * and tab) as visible escapes (\\e, \\u009b), bytes that are not UTF-8 as \\xNN. Caller frees. */
char *str_visible(const char *s);
/* The n bytes of a JSON string's inside (no quotes), escapes undone (\\uXXXX of the BMP as
 * UTF-8). Caller frees. */
char *json_unescape(const char *s, size_t n);
void sb_free(struct strbuf *b);

/* Decodes one UTF-8 code point at s (at most n bytes); stores its length in *len.
 * Invalid bytes decode as U+FFFD with length 1, so a loop always advances. */
uint32_t utf8_decode(const char *s, size_t n, size_t *len);
size_t utf8_encode(uint32_t cp, char out[4]);
size_t utf8_count(const char *s); /* code points in a NUL-terminated string */

/* Paths */
char *path_dirname(const char *path);              /* Caller frees. */
char *path_join(const char *dir, const char *rel); /* Caller frees. */
int path_is_dir(const char *path);
/* mkdir -p: creates path and its missing parents. 0 or -1 with errno. */
int path_mkdirs(const char *path);
int path_is_file(const char *path);
/* Files Windows, WPS/Office and macOS leave beside the author's own (Thumbs.db, desktop.ini,
 * ~$ lock files, ._ AppleDouble files, .DS_Store): never content, never a change worth a reload.
 * name is a file name without folders. */
bool path_is_litter(const char *name);
char *file_read_all(const char *path, size_t *len); /* Caller frees; NULL + errno on failure. */
/* For files that come from a stick or an inbox: opens path for reading only if it is a regular
 * file, never following a final symbolic link and never blocking on a FIFO or a device
 * (O_NOFOLLOW|O_NONBLOCK, then fstat; the fd is made blocking again). Returns an fd, or -1 with
 * errno: ELOOP for a link, ENODEV for anything that is not a regular file. */
int file_open_regular(const char *path);
/* Reads a regular file (opened as file_open_regular does) with the limit applied while reading:
 * never more than max bytes are read or held. NULL + errno (EFBIG when it is larger). Caller
 * frees; *len gets the length (the text is NUL-terminated too). */
char *file_read_limited(const char *path, size_t max, size_t *len);
/* A person's words for the errno of file_open_regular()/file_read_limited(): static. */
const char *file_error_text(int err);
/* Opens root/rel for reading only if it resolves inside root without following any symbolic
 * link: openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS) where the kernel has it, else a walk
 * with O_NOFOLLOW; and only if it is a regular file (opened O_NONBLOCK, checked with fstat, so
 * a FIFO never blocks). Returns a blocking fd, or -1 with errno (ELOOP/EXDEV for an escape,
 * ENODEV for a FIFO, device or folder). */
int path_open_beneath(const char *root, const char *rel);

/* Folder of honorboard's own assets: $HONORBOARD_ASSETS, else assets/ beside the executable,
 * else the installed data folder. Caller frees. */
char *hb_assets_dir(void);

/* Edit distance, for "did you mean" suggestions. */
int str_distance(const char *a, const char *b);

/* The local time now, formatted with strftime(fmt) into the caller's buf. Returns buf. */
char *hb_local_time(char *buf, size_t n, const char *fmt);

/* Resident memory of this process in KiB (from /proc/self/statm). */
long hb_rss_kb(void);

/* The CLOCK_REALTIME instant secs from now, for pthread_cond_timedwait(). */
struct timespec hb_deadline(double secs);

/* Monotonic seconds. */
double now_seconds(void);
/* Sleeps until now_seconds() reaches t (CLOCK_MONOTONIC, absolute: no drift, no rounding to
 * milliseconds); returns at once when t has passed. */
void sleep_until_seconds(double t);

#endif
