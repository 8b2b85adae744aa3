/* util.c - allocation, string buffers, UTF-8 and path helpers used across honorboard. */
#include "base/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <linux/openat2.h>

#ifndef HB_DATADIR
#define HB_DATADIR "/usr/local/share/honorboard"
#endif

static void oom(void)
{
    fputs("honorboard: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom();
    return q;
}

char *xstrdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *d = xmalloc(n);
    memcpy(d, s, n);
    return d;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        oom();
    va_end(ap);
    return s;
}

void sb_add(struct strbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->s = xrealloc(b->s, cap);
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sb_puts(struct strbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

void sb_printf(struct strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        oom();
    sb_add(b, s, (size_t)n);
    free(s);
}

char *json_unescape(const char *s, size_t n)
{
    char *out = xmalloc(n * 3 + 1), *o = out; /* \uXXXX (6 bytes) never grows past 3 */
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\' || i + 1 == n) {
            *o++ = s[i];
            continue;
        }
        char c = s[++i];
        unsigned u = 0;
        if (c == 'u' && i + 4 < n && sscanf(s + i + 1, "%4x", &u) == 1) {
            i += 4;
            if (u < 0x80) {
                *o++ = (char)u;
            } else if (u < 0x800) {
                *o++ = (char)(0xc0 | u >> 6);
                *o++ = (char)(0x80 | (u & 63));
            } else {
                *o++ = (char)(0xe0 | u >> 12);
                *o++ = (char)(0x80 | ((u >> 6) & 63));
                *o++ = (char)(0x80 | (u & 63));
            }
            continue;
        }
        static const char from[] = "nrtbf", to[] = "\n\r\t\b\f";
        const char *k = c ? strchr(from, c) : NULL;
        *o++ = k ? to[k - from] : c;
    }
    *o = '\0';
    return out;
}

void sb_json_str(struct strbuf *b, const char *s)
{
    static const char *const named[0x20] = {['\n'] = "\\n", ['\r'] = "\\r", ['\t'] = "\\t"};
    sb_add(b, "\"", 1);
    const char *p = s ? s : "";
    size_t n = strlen(p), len;
    for (size_t i = 0; i < n; i += len) {
        uint32_t cp = utf8_decode(p + i, n - i, &len);
        if (cp == 0xFFFD && len == 1) /* a byte that is not UTF-8: U+FFFD, valid JSON */
            sb_add(b, "\\ufffd", 6);
        else if (cp == '"' || cp == '\\')
            sb_printf(b, "\\%c", (char)cp);
        else if (cp < 0x20 && named[cp])
            sb_puts(b, named[cp]);
        else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) /* controls, C1 included */
            sb_printf(b, "\\u%04x", (unsigned)cp);
        else
            sb_add(b, p + i, len);
    }
    sb_add(b, "\"", 1);
}

char *str_visible(const char *s)
{
    struct strbuf b = {0};
    size_t n = strlen(s ? s : ""), len;
    for (size_t i = 0; i < n; i += len) {
        uint32_t cp = utf8_decode(s + i, n - i, &len);
        if (cp == 0xFFFD && len == 1)
            sb_printf(&b, "\\x%02x", (unsigned char)s[i]);
        else if ((cp < 0x20 && cp != '\n' && cp != '\t') || (cp >= 0x7F && cp < 0xA0))
            sb_printf(&b, cp == 0x1B ? "\\e" : "\\u%04x", (unsigned)cp);
        else
            sb_add(&b, s + i, len);
    }
    return b.s ? b.s : xstrdup("");
}

void sb_free(struct strbuf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

uint32_t utf8_decode(const char *str, size_t n, size_t *len)
{
    const unsigned char *s = (const unsigned char *)str;
    *len = 1;
    if (n == 0)
        return 0;
    unsigned c = s[0];
    if (c < 0x80)
        return c;
    int need;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) {
        need = 1, cp = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        need = 2, cp = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        need = 3, cp = c & 0x07, min = 0x10000;
    } else {
        return 0xFFFD;
    }
    if ((size_t)need >= n)
        return 0xFFFD;
    for (int i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0xFFFD;
    *len = (size_t)need + 1;
    return cp;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_count(const char *s)
{
    size_t n = 0, total = strlen(s), i = 0, len;
    while (i < total) {
        utf8_decode(s + i, total - i, &len);
        i += len;
        n++;
    }
    return n;
}

char *path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    char *d = xmalloc((size_t)(slash - path) + 1);
    memcpy(d, path, (size_t)(slash - path));
    d[slash - path] = '\0';
    return d;
}

char *path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir || !*dir || strcmp(dir, ".") == 0)
        return xstrdup(rel);
    size_t n = strlen(dir);
    return xasprintf("%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", rel);
}

int path_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int path_mkdirs(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) < 0 && errno != EEXIST) {
            free(p);
            return -1;
        }
        *s = '/';
    }
    int rc = mkdir(p, 0777) < 0 && errno != EEXIST ? -1 : 0;
    free(p);
    return rc;
}

int path_is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool path_is_litter(const char *name)
{
    static const char *const names[] = {"Thumbs.db", "desktop.ini", ".DS_Store", "ehthumbs.db"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(name, names[i]) == 0)
            return true;
    return strncmp(name, "~$", 2) == 0 || strncmp(name, "._", 2) == 0;
}

char *file_read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct strbuf b = {0};
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_add(&b, buf, n);
    int err = ferror(f);
    fclose(f);
    if (err) {
        sb_free(&b);
        errno = EIO;
        return NULL;
    }
    if (!b.s)
        b.s = xstrdup("");
    if (len)
        *len = b.len;
    return b.s;
}

/* fd opened O_NONBLOCK: keep it only if it is a regular file, and make it blocking again. */
static int keep_regular(int fd)
{
    struct stat st;
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        errno = ENODEV;
        return -1;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return fd;
}

int file_open_regular(const char *path)
{
    return keep_regular(open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY));
}

char *file_read_limited(const char *path, size_t max, size_t *len)
{
    int fd = file_open_regular(path);
    if (fd < 0)
        return NULL;
    struct strbuf b = {0};
    char buf[65536];
    int err = 0;
    for (;;) {
        size_t want = max - b.len + 1 < sizeof buf ? max - b.len + 1 : sizeof buf;
        ssize_t n = read(fd, buf, want);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            err = errno;
            break;
        }
        if (n == 0)
            break;
        if (b.len + (size_t)n > max) { /* one byte past the limit is enough to know */
            err = EFBIG;
            break;
        }
        sb_add(&b, buf, (size_t)n);
    }
    close(fd);
    if (err) {
        sb_free(&b);
        errno = err;
        return NULL;
    }
    if (!b.s)
        b.s = xstrdup("");
    if (len)
        *len = b.len;
    return b.s;
}

const char *file_error_text(int err)
{
    switch (err) {
    case ELOOP:
        return "it is a symbolic link (only plain files are read)";
    case ENODEV:
        return "it is not a plain file (a folder, a pipe or a device)";
    case EFBIG:
        return "it is too large";
    default:
        return strerror(err);
    }
}

int str_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    int d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void sleep_until_seconds(double t)
{
    if (!(t > 0))
        return;
    struct timespec ts = {.tv_sec = (time_t)t};
    ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
    if (ts.tv_nsec >= 1000000000L)
        ts.tv_sec++, ts.tv_nsec -= 1000000000L;
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

char *hb_assets_dir(void)
{
    const char *env = getenv("HONORBOARD_ASSETS");
    if (env && *env)
        return xstrdup(env);
#ifdef _WIN32
    char *exe = compat_exe_path(); /* the assets travel beside honorboard.exe */
    if (exe) {
        char *dir = path_dirname(exe);
        free(exe);
#else
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *dir = path_dirname(exe);
#endif
        char *a = path_join(dir, "assets");
        char *up = path_join(dir, "../assets"); /* build-san/honorboard, the sanitized copy */
        free(dir);
        if (path_is_dir(a)) {
            free(up);
            return a;
        }
        free(a);
        if (path_is_dir(up))
            return up;
        free(up);
    }
    if (path_is_dir(HB_DATADIR "/assets"))
        return xstrdup(HB_DATADIR "/assets");
    return xstrdup("assets");
}

#ifdef _WIN32
/* Windows: no openat(); the same refusals (no "..", no absolute or drive path), then a plain
 * open of root/rel (links are not followed by the C runtime's open on FAT and NTFS files). */
int path_open_beneath(const char *root, const char *rel)
{
    if (rel[0] == '/' || rel[0] == '\\' || strchr(rel, ':')) {
        errno = EXDEV;
        return -1;
    }
    char *copy = xstrdup(rel), *save = NULL;
    for (char *part = strtok_r(copy, "/\\", &save); part; part = strtok_r(NULL, "/\\", &save))
        if (strcmp(part, "..") == 0 || strcmp(part, ".") == 0) {
            free(copy);
            errno = EXDEV;
            return -1;
        }
    free(copy);
    char *p = path_join(root, rel);
    int fd = keep_regular(open(p, O_RDONLY | O_BINARY));
    free(p);
    return fd;
}
#else
int path_open_beneath(const char *root, const char *rel)
{
    int dfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0)
        return -1;
#ifdef SYS_openat2
    struct open_how how = {.flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY,
                           .resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS};
    int fd2 = (int)syscall(SYS_openat2, dfd, rel, &how, sizeof how);
    if (fd2 >= 0 || errno != ENOSYS) {
        int e = errno;
        close(dfd);
        errno = e;
        return keep_regular(fd2);
    }
#endif
    /* older kernels: one component at a time, never following a link, never going up */
    char *copy = xstrdup(rel), *save = NULL;
    int cur = dfd, fd = -1;
    char *part = strtok_r(copy, "/", &save);
    while (part) {
        char *next = strtok_r(NULL, "/", &save);
        if (strcmp(part, "..") == 0 || strcmp(part, ".") == 0) {
            errno = EXDEV;
            break;
        }
        int nfd = openat(cur, part,
                         (next ? O_DIRECTORY : O_NONBLOCK | O_NOCTTY) | O_RDONLY | O_NOFOLLOW |
                             O_CLOEXEC);
        if (cur != dfd)
            close(cur);
        cur = dfd;
        if (nfd < 0)
            break;
        if (!next) {
            fd = nfd;
            break;
        }
        cur = nfd;
        part = next;
    }
    int e = errno;
    if (cur != dfd)
        close(cur);
    close(dfd);
    free(copy);
    errno = e;
    return keep_regular(fd);
}
#endif

char *hb_local_time(char *buf, size_t n, const char *fmt)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, n, fmt, &tm);
    return buf;
}

long hb_rss_kb(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, rss = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
            rss = 0;
        fclose(f);
    }
#ifdef _WIN32
    return rss; /* no /proc on Windows: 0 */
#else
    return rss * (sysconf(_SC_PAGESIZE) / 1024);
#endif
}

struct timespec hb_deadline(double secs)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    long long ns = ts.tv_nsec + (long long)(secs * 1e9);
    ts.tv_sec += (time_t)(ns / 1000000000LL);
    ts.tv_nsec = (long)(ns % 1000000000LL);
    return ts;
}
