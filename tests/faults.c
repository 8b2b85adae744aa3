/* faults.c - the checker child's fault switch, linked only into build/honorboard-faults, the
 * test build of the program (the shipped ./honorboard has no such code: judge.c's hooks are
 * weak symbols left undefined there). HONORBOARD_TEST_FAULT=KIND:FILE[,KIND:FILE...] makes the
 * child, when it comes to FILE (a playlist it starts judging, or any file it opens; also the
 * video probe's child, videotrial.c, about to open a clip), do KIND:
 *   crash    write through a null pointer (SIGSEGV)
 *   abort    abort() as a library's failed assertion does (SIGABRT)
 *   loop     spin for ever (the CPU limit ends it)
 *   hang     sleep for ever (the deadline ends it)
 *   alloc    allocate and touch memory without bound (the memory limits end it)
 *   syscall  open a network socket (the seccomp filter ends it)
 *   peek     try to read HONORBOARD_TEST_PEEK_READ and create HONORBOARD_TEST_PEEK_WRITE,
 *            print PEEK-READ-OK/DENIED and PEEK-WRITE-OK/DENIED on stderr, and go on
 * HONORBOARD_TEST_<SETTING> overrides a limit (JUDGE_IDLE_SECONDS, JUDGE_MEMORY_MB,
 * JUDGE_CPU_SECONDS) so the tests end in seconds. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

const char *judge_test_setting(const char *name);
void judge_fault_at(const char *file);
int open(const char *path, int flags, ...);

static bool armed; /* set once the child has judged its first file: the parent never is */

const char *judge_test_setting(const char *name)
{
    char env[96];
    snprintf(env, sizeof env, "HONORBOARD_TEST_%s", name);
    return getenv(env);
}

static bool matches(const char *file, const char *target)
{
    size_t n = strlen(file), t = strlen(target);
    return n >= t && strcmp(file + n - t, target) == 0 && (n == t || file[n - t - 1] == '/');
}

static void peek(void)
{
    const char *r = getenv("HONORBOARD_TEST_PEEK_READ"), *w = getenv("HONORBOARD_TEST_PEEK_WRITE");
    if (r) {
        int fd = (int)syscall(SYS_openat, AT_FDCWD, r, O_RDONLY | O_CLOEXEC, 0);
        fprintf(stderr, fd >= 0 ? "PEEK-READ-OK %s\n" : "PEEK-READ-DENIED %s: %s\n", r,
                strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    if (w) {
        int fd = (int)syscall(SYS_openat, AT_FDCWD, w, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        fprintf(stderr, fd >= 0 ? "PEEK-WRITE-OK %s\n" : "PEEK-WRITE-DENIED %s: %s\n", w,
                strerror(errno));
        if (fd >= 0)
            close(fd);
    }
}

static void fault_one(const char *kind, size_t k)
{
    if (k == 5 && strncmp(kind, "crash", k) == 0) {
        *(volatile int *)(uintptr_t)0 = 1;
    } else if (k == 5 && strncmp(kind, "abort", k) == 0) {
        abort();
    } else if (k == 4 && strncmp(kind, "loop", k) == 0) {
        for (volatile unsigned long i = 0;; i++)
            ;
    } else if (k == 4 && strncmp(kind, "hang", k) == 0) {
        for (;;)
            sleep(1000);
    } else if (k == 5 && strncmp(kind, "alloc", k) == 0) {
        for (;;) {
            char *p = malloc(1 << 20);
            if (!p)
                abort();
            memset(p, 1, 1 << 20);
        }
    } else if (k == 7 && strncmp(kind, "syscall", k) == 0) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        fprintf(stderr, "socket() returned %d\n", s);
    } else if (k == 4 && strncmp(kind, "peek", k) == 0) {
        peek();
    }
}

static void fault(const char *file)
{
    const char *spec = getenv("HONORBOARD_TEST_FAULT");
    while (spec && *spec) {
        const char *end = strchr(spec, ','), *colon = strchr(spec, ':');
        size_t len = end ? (size_t)(end - spec) : strlen(spec);
        if (colon && colon < spec + len) {
            char target[512];
            snprintf(target, sizeof target, "%.*s", (int)(spec + len - colon - 1), colon + 1);
            if (matches(file, target))
                fault_one(spec, (size_t)(colon - spec));
        }
        spec = end ? end + 1 : NULL;
    }
}

/* The video probe's child (videotrial.c), about to open a clip. */
void videotrial_fault_at(const char *file);
void videotrial_fault_at(const char *file)
{
    fault(file);
}

void judge_fault_at(const char *file)
{
    armed = true;
    fault(file);
}

/* Every open() of the program (images.c reads images this way) passes by here. */
int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = (mode_t)va_arg(ap, int);
        va_end(ap);
    }
    int fd = (int)syscall(SYS_openat, AT_FDCWD, path, flags, mode);
    if (armed && fd >= 0)
        fault(path); /* with the file open, as when a decoder fails inside it */
    return fd;
}
