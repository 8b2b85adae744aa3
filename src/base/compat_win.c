/* compat_win.c - POSIX calls for the Windows build, over the C runtime and Win32 (see
 * compat_win.h). Nothing here is compiled on Linux. */
#include "base/compat_win.h"

#ifdef _WIN32
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libintl.h>
#include <sys/mman.h>
#define WIN32_LEAN_AND_MEAN /* no winsock.h: its gethostname is compat_gethostname here */
#include <windows.h>

int fcntl(int fd, int cmd, ...)
{
    (void)fd;
    (void)cmd;
    return 0; /* F_GETFL/F_SETFL of O_NONBLOCK: files never block-or-not on Windows */
}

struct tm *localtime_r(const time_t *t, struct tm *out)
{
    return localtime_s(out, t) == 0 ? out : NULL;
}

struct tm *gmtime_r(const time_t *t, struct tm *out)
{
    return gmtime_s(out, t) == 0 ? out : NULL;
}

int setenv(const char *name, const char *value, int overwrite)
{
    if (!overwrite && getenv(name))
        return 0;
    return _putenv_s(name, value) == 0 ? 0 : -1;
}

int unsetenv(const char *name)
{
    return _putenv_s(name, "") == 0 ? 0 : -1;
}

char *realpath(const char *path, char *resolved)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return NULL;
    char *r = _fullpath(resolved, path, resolved ? 4096 : 0);
    for (char *p = r; p && *p; p++) /* one separator, as the rest of the program writes them */
        if (*p == '\\')
            *p = '/';
    return r;
}

char *strndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *r = malloc(len + 1);
    if (r) {
        memcpy(r, s, len);
        r[len] = '\0';
    }
    return r;
}

int fsync(int fd)
{
    return _commit(fd);
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    long long here = _lseeki64(fd, 0, SEEK_CUR);
    if (here < 0 || _lseeki64(fd, off, SEEK_SET) < 0)
        return -1;
    int got = _read(fd, buf, (unsigned)n);
    _lseeki64(fd, here, SEEK_SET);
    return got;
}

void *memmem(const void *hay, size_t hn, const void *needle, size_t nn)
{
    const char *h = hay;
    if (nn == 0)
        return (void *)h;
    for (size_t i = 0; nn <= hn && i <= hn - nn; i++)
        if (h[i] == *(const char *)needle && memcmp(h + i, needle, nn) == 0)
            return (void *)(h + i);
    return NULL;
}

/* fd -> folder path of the fds compat_open_dir() handed out. An entry stays after close() until
 * its fd number is handed out again for another folder: only folder fds are looked up. */
#define DIRFDS 64
static char *dirfd_path[DIRFDS];
static SRWLOCK dirfd_lock = SRWLOCK_INIT;

int compat_open_dir(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    char *copy = strdup(path);
    int fd = copy ? _open("NUL", _O_RDONLY | _O_NOINHERIT | _O_BINARY) : -1;
    if (fd < 0 || fd >= DIRFDS) {
        if (fd >= 0)
            _close(fd);
        free(copy);
        errno = EMFILE;
        return -1;
    }
    AcquireSRWLockExclusive(&dirfd_lock);
    free(dirfd_path[fd]);
    dirfd_path[fd] = copy;
    ReleaseSRWLockExclusive(&dirfd_lock);
    return fd;
}

/* dir/name for an *at call (malloc'd), or NULL with errno. */
static char *at_path(int dfd, const char *name)
{
    if (dfd == AT_FDCWD || name[0] == '/' || name[0] == '\\' || (name[0] && name[1] == ':'))
        return strdup(name);
    char *r = NULL;
    AcquireSRWLockShared(&dirfd_lock);
    const char *dir = dfd >= 0 && dfd < DIRFDS ? dirfd_path[dfd] : NULL;
    if (dir && (r = malloc(strlen(dir) + strlen(name) + 2)) != NULL)
        sprintf(r, "%s/%s", dir, name);
    ReleaseSRWLockShared(&dirfd_lock);
    if (!dir)
        errno = EBADF;
    return r;
}

int compat_openat(int dfd, const char *name, int flags, ...)
{
    char *p = at_path(dfd, name); /* the mode: no modes on Windows, a new file is writable */
    if (!p)
        return -1;
    int fd = _open(p, flags | _O_BINARY, _S_IREAD | _S_IWRITE);
    int e = errno;
    free(p);
    errno = e;
    return fd;
}

int compat_unlinkat(int dfd, const char *name, int flags)
{
    char *p = at_path(dfd, name);
    if (!p)
        return -1;
    int rc = flags ? _rmdir(p) : _unlink(p);
    int e = errno;
    free(p);
    errno = e;
    return rc;
}

int compat_renameat(int olddfd, const char *oldname, int newdfd, const char *newname)
{
    char *from = at_path(olddfd, oldname), *to = from ? at_path(newdfd, newname) : NULL;
    int rc = -1;
    /* replaces newname, as rename(2) does (the C runtime's rename() refuses an existing one) */
    if (to && !MoveFileExA(from, to, MOVEFILE_REPLACE_EXISTING | MOVEFILE_COPY_ALLOWED))
        errno = GetLastError() == ERROR_FILE_NOT_FOUND ? ENOENT : EACCES;
    else if (to)
        rc = 0;
    int e = errno;
    free(from), free(to);
    errno = e;
    return rc;
}

int compat_kill(int pid, int sig)
{
    (void)sig; /* only 0: does it exist */
    HANDLE h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, (DWORD)pid);
    if (h) {
        CloseHandle(h);
        return 0;
    }
    errno = GetLastError() == ERROR_ACCESS_DENIED ? EPERM : ESRCH;
    return -1;
}

int compat_gethostname(char *name, int len)
{
    DWORD n = (DWORD)len;
    if (len <= 0 || !GetComputerNameA(name, &n)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

long compat_cpu_count(void)
{
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    return (long)si.dwNumberOfProcessors;
}

unsigned long gettid(void)
{
    return GetCurrentThreadId();
}

char *compat_exe_path(void)
{
    wchar_t w[32768];
    DWORD n = GetModuleFileNameW(NULL, w, sizeof w / sizeof *w);
    if (n == 0 || n >= sizeof w / sizeof *w)
        return NULL;
    int len = WideCharToMultiByte(CP_UTF8, 0, w, (int)n, NULL, 0, NULL, NULL);
    char *s = malloc((size_t)len + 1);
    if (!s)
        return NULL;
    WideCharToMultiByte(CP_UTF8, 0, w, (int)n, s, len, NULL, NULL);
    s[len] = '\0';
    for (char *p = s; *p; p++)
        if (*p == '\\')
            *p = '/';
    return s;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    (void)addr, (void)prot, (void)flags;
    char *m = malloc(len ? len : 1);
    if (!m)
        return MAP_FAILED;
    if (pread(fd, m, len, off) != (ssize_t)len) {
        free(m);
        return MAP_FAILED;
    }
    return m;
}

int munmap(void *addr, size_t len)
{
    (void)len;
    free(addr);
    return 0;
}

/* The message catalogue: a GNU .mo file (magic, count, two tables of (length, offset), the
 * originals sorted), read whole once, looked up by binary search. Chinese has one plural form
 * (Plural-Forms: nplurals=1), so dngettext takes the first translation. */
static char *mo_data;
static size_t mo_len;
static char *mo_dir;

char *bindtextdomain(const char *domain, const char *dir)
{
    (void)domain;
    free(mo_dir);
    mo_dir = strdup(dir);
    return mo_dir;
}

char *bind_textdomain_codeset(const char *domain, const char *codeset)
{
    (void)domain;
    return (char *)codeset; /* the catalogue is UTF-8 and stays so */
}

static uint32_t mo_u32(size_t off)
{
    uint32_t v = 0;
    if (off + 4 <= mo_len)
        memcpy(&v, mo_data + off, 4);
    return v;
}

static void mo_load(const char *domain)
{
    if (mo_data || !mo_dir)
        return;
    char path[4096];
    snprintf(path, sizeof path, "%s/zh_CN/LC_MESSAGES/%s.mo", mo_dir, domain);
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *d = n > 28 ? malloc((size_t)n) : NULL;
    if (d && fread(d, 1, (size_t)n, f) == (size_t)n) {
        uint32_t magic;
        memcpy(&magic, d, 4);
        if (magic == 0x950412deu)
            mo_data = d, mo_len = (size_t)n, d = NULL;
    }
    free(d);
    fclose(f);
}

/* The translation of msgid, or NULL. */
static char *mo_find(const char *domain, const char *msgid)
{
    mo_load(domain);
    if (!mo_data)
        return NULL;
    uint32_t n = mo_u32(8), orig = mo_u32(12), trans = mo_u32(16);
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint32_t len = mo_u32(orig + mid * 8), off = mo_u32(orig + mid * 8 + 4);
        if ((size_t)off + len >= mo_len)
            return NULL;
        int c = strcmp(msgid, mo_data + off);
        if (c == 0) {
            uint32_t tlen = mo_u32(trans + mid * 8), toff = mo_u32(trans + mid * 8 + 4);
            return (size_t)toff + tlen < mo_len && tlen ? mo_data + toff : NULL;
        }
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

char *dgettext(const char *domain, const char *msgid)
{
    char *t = mo_find(domain, msgid);
    return t ? t : (char *)msgid;
}

char *dngettext(const char *domain, const char *one, const char *many, unsigned long n)
{
    char *t = mo_find(domain, one);
    return t ? t : (char *)(n == 1 ? one : many);
}

const char *compat_ui_language(void)
{
    return PRIMARYLANGID(GetUserDefaultUILanguage()) == LANG_CHINESE ? "zh_CN" : "en";
}

/* Positional arguments ("%2$s"), which translations use to reorder a sentence: mingw's printf
 * prints them as they are. The conversions are read once for their types, the arguments taken
 * in order of their numbers, then each conversion printed on its own. Formats without them go
 * straight to the C library. */
#undef vsnprintf
#undef vasprintf
#undef snprintf
#undef fprintf
#undef vfprintf
#undef printf

enum arg_kind { ARG_INT, ARG_LONG, ARG_LLONG, ARG_SIZE, ARG_DOUBLE, ARG_PTR };
union arg {
    int i;
    long l;
    long long ll;
    size_t z;
    double d;
    void *p;
};
struct conv {
    const char *start, *end; /* "%N$...x" */
    const char *spec;        /* after "N$" */
    int index;
    enum arg_kind kind;
};
#define CONV_MAX 24

static bool has_positional(const char *fmt)
{
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p + 1, '%')) {
        const char *q = p + 1;
        while (*q >= '0' && *q <= '9')
            q++;
        if (q > p + 1 && *q == '$')
            return true;
        if (*q == '%')
            p = q;
    }
    return false;
}

static enum arg_kind conv_kind(const char *len, char c)
{
    if (strchr("eEfFgGaA", c))
        return ARG_DOUBLE;
    if (c == 's' || c == 'p')
        return ARG_PTR;
    if (len[0] == 'z' || len[0] == 't' || len[0] == 'j')
        return ARG_SIZE;
    if (len[0] == 'l' && len[1] == 'l')
        return ARG_LLONG;
    if (len[0] == 'l')
        return ARG_LONG;
    return ARG_INT;
}

/* Splits fmt into conversions; -1 when it holds one this cannot reorder ("*" widths). */
static int parse_convs(const char *fmt, struct conv *cv)
{
    int n = 0;
    for (const char *p = fmt; (p = strchr(p, '%'));) {
        if (p[1] == '%') {
            p += 2;
            continue;
        }
        const char *q = p + 1;
        int idx = 0;
        while (*q >= '0' && *q <= '9')
            idx = idx * 10 + (*q++ - '0');
        if (*q != '$' || idx < 1 || idx > CONV_MAX || n == CONV_MAX)
            return -1;
        const char *spec = ++q;
        q += strspn(q, "-+ #0123456789.");
        if (*q == '*')
            return -1;
        const char *len = q;
        q += strspn(q, "hlLzjt");
        if (!*q)
            return -1;
        cv[n++] = (struct conv){p, q + 1, spec, idx, conv_kind(len, *q)};
        p = q + 1;
    }
    return n;
}

int compat_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct conv cv[CONV_MAX];
    int n = has_positional(fmt) ? parse_convs(fmt, cv) : -1;
    if (n < 0)
        return __mingw_vsnprintf(buf, size, fmt, ap);
    enum arg_kind kind[CONV_MAX + 1];
    int max = 0;
    for (int i = 0; i < n; i++) {
        kind[cv[i].index] = cv[i].kind;
        if (cv[i].index > max)
            max = cv[i].index;
    }
    union arg a[CONV_MAX + 1];
    for (int i = 1; i <= max; i++) {
        switch (kind[i]) {
        case ARG_INT:
            a[i].i = va_arg(ap, int);
            break;
        case ARG_LONG:
            a[i].l = va_arg(ap, long);
            break;
        case ARG_LLONG:
            a[i].ll = va_arg(ap, long long);
            break;
        case ARG_SIZE:
            a[i].z = va_arg(ap, size_t);
            break;
        case ARG_DOUBLE:
            a[i].d = va_arg(ap, double);
            break;
        case ARG_PTR:
            a[i].p = va_arg(ap, void *);
            break;
        }
    }
    size_t out = 0;
    const char *lit = fmt;
    for (int i = 0; i <= n; i++) {
        const char *stop = i < n ? cv[i].start : fmt + strlen(fmt);
        for (const char *c = lit; c < stop; c++) { /* the text between, "%%" halved */
            if (*c == '%' && c[1] == '%')
                c++;
            if (out + 1 < size)
                buf[out] = *c;
            out++;
        }
        if (i == n)
            break;
        char one[32] = "%";
        size_t len = (size_t)(cv[i].end - cv[i].spec);
        if (len + 2 > sizeof one)
            return -1;
        memcpy(one + 1, cv[i].spec, len);
        one[len + 1] = '\0';
        char *dst = out < size ? buf + out : NULL;
        size_t room = out < size ? size - out : 0;
        const union arg *v = &a[cv[i].index];
        int w;
        switch (cv[i].kind) {
        case ARG_INT:
            w = __mingw_snprintf(dst, room, one, v->i);
            break;
        case ARG_LONG:
            w = __mingw_snprintf(dst, room, one, v->l);
            break;
        case ARG_LLONG:
            w = __mingw_snprintf(dst, room, one, v->ll);
            break;
        case ARG_SIZE:
            w = __mingw_snprintf(dst, room, one, v->z);
            break;
        case ARG_DOUBLE:
            w = __mingw_snprintf(dst, room, one, v->d);
            break;
        default:
            w = __mingw_snprintf(dst, room, one, v->p);
            break;
        }
        if (w < 0)
            return -1;
        out += (size_t)w;
        lit = cv[i].end;
    }
    if (size)
        buf[out < size ? out : size - 1] = '\0';
    return (int)out;
}

int compat_vasprintf(char **out, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = compat_vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    *out = n < 0 ? NULL : malloc((size_t)n + 1);
    if (!*out)
        return -1;
    return compat_vsnprintf(*out, (size_t)n + 1, fmt, ap);
}

int compat_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = compat_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int compat_vfprintf(FILE *f, const char *fmt, va_list ap)
{
    if (!has_positional(fmt))
        return __mingw_vfprintf(f, fmt, ap);
    va_list ap2;
    va_copy(ap2, ap);
    int n = compat_vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return n;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return -1;
    compat_vsnprintf(s, (size_t)n + 1, fmt, ap);
    int w = fputs(s, f) < 0 ? -1 : n;
    free(s);
    return w;
}

int compat_fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = compat_vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int compat_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = compat_vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

void compat_init_console(void)
{
    _fmode = _O_BINARY; /* files as bytes: no CRLF translation, no end at a 0x1A byte */
    SetConsoleOutputCP(CP_UTF8);
    SetConsoleCP(CP_UTF8);
}
#endif
