/* judge.c - imports judged by a confined child process (privilege separation, as OpenSSH does
 * it): the parent prepares an empty staging folder and starts `honorboard judge` with exec (a
 * fresh process image: no screen, no store descriptors, no locks held by other threads); the
 * child confines itself (sandbox.c), runs store_stage() on the source and reports back through
 * a pipe in small length-prefixed records, which the parent reads with strict bounds (a child
 * that was taken over by a bad file must not be able to take the parent over too). */
#include "judge.h"
#include "advice.h"
#include "diag.h"
#include "fonts.h"
#include "i18n.h"
#include "sandbox.h"
#include "stickpreview.h"
#include "store.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_RECORD (64 * 1024)         /* one record's payload */
#define MAX_REPORT (8 * 1024 * 1024)   /* everything a child may say */
#define MAX_DIAGS 20000
#define DEFAULT_MEMORY_MB 1024         /* address space, and the parent's RSS ceiling */
#define DEFAULT_CPU_SECONDS 300
#define DEFAULT_IDLE_SECONDS 60        /* longest time without news from the child */
#define MAX_FILE_SIZE (256ull << 20)   /* a file the child writes */

/* Record types, child to parent. Payload layouts are in the functions that write them. */
enum { REC_FILE = 'F', REC_PROGRESS = 'P', REC_DIAG = 'D', REC_RESULT = 'R', REC_CRASH = 'C',
       REC_NOTE = 'N' };

/* Test builds (tests/faults.c) define these; the shipped program has no fault switch at all. */
void judge_fault_at(const char *file) __attribute__((weak));
const char *judge_test_setting(const char *name) __attribute__((weak));

static long setting(const char *name, long dflt)
{
    const char *v = judge_test_setting ? judge_test_setting(name) : NULL;
    return v && atol(v) > 0 ? atol(v) : dflt;
}

/* ---- the child ---------------------------------------------------------------------------- */

static int out_fd = -1;
static char judging_file[4096]; /* what the child is judging now, for a crash report */
static char source_root[4096];  /* the source's real path: a crash names a file under it */
static char source_arg[4096];   /* the same as the parent named it, for the messages */
static char culprit_buf[8192];
static unsigned idle_seconds = DEFAULT_IDLE_SECONDS;

/* One record: type, 32-bit length, then up to three pieces. Async-signal-safe. */
static void rec3(char type, const void *a, size_t alen, const void *b, size_t blen,
                 const void *c, size_t clen)
{
    if (out_fd < 0)
        return;
    uint32_t len = (uint32_t)(alen + blen + clen);
    struct iovec v[4] = {{&type, 1}, {&len, 4}, {(void *)a, alen}, {(void *)b, blen}};
    struct iovec all[5] = {v[0], v[1], v[2], v[3], {(void *)c, clen}};
    size_t total = 5 + alen + blen + clen, done = 0;
    while (done < total) {
        ssize_t w = writev(out_fd, all, 5);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        done += (size_t)w;
        for (int i = 0; i < 5 && w > 0; i++) { /* skip what was written */
            size_t take = (size_t)w < all[i].iov_len ? (size_t)w : all[i].iov_len;
            all[i].iov_base = (char *)all[i].iov_base + take;
            all[i].iov_len -= take;
            w -= (ssize_t)take;
        }
    }
}

static void on_file(void *ctx, const char *file)
{
    (void)ctx;
    snprintf(judging_file, sizeof judging_file, "%s", file);
    rec3(REC_FILE, file, strlen(file), NULL, 0, NULL, 0);
    alarm(idle_seconds);
    if (judge_fault_at)
        judge_fault_at(file);
}

static bool on_progress(void *ctx, uint64_t done, uint64_t total)
{
    (void)ctx;
    uint64_t v[2] = {done, total};
    rec3(REC_PROGRESS, v, sizeof v, NULL, 0, NULL, 0);
    alarm(idle_seconds);
    return true;
}

/* A fatal signal: name the file being judged - an image open right now beats the playlist
 * that named it - then die of the same signal, so the parent sees how it ended. */
static void on_fatal(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    int err = errno; /* ENOMEM when an allocation failed just before abort() */
    char path[4096];
    const char *culprit = judging_file;
    size_t rl = strlen(source_root);
    for (int fd = 0; fd < 256 && rl; fd++) {
        char link[32] = "/proc/self/fd/";
        int n = fd, k = 14;
        char digits[8];
        int nd = 0;
        do
            digits[nd++] = (char)('0' + n % 10);
        while ((n /= 10) && nd < 7);
        while (nd)
            link[k++] = digits[--nd];
        link[k] = '\0';
        ssize_t got = readlink(link, path, sizeof path - 1);
        if (got > (ssize_t)rl && strncmp(path, source_root, rl) == 0 && path[rl] == '/') {
            path[got] = '\0'; /* shown under the source's name as the parent gave it */
            size_t al = strlen(source_arg), sl = (size_t)got - rl;
            if (al + sl < sizeof culprit_buf) {
                memcpy(culprit_buf, source_arg, al);
                memcpy(culprit_buf + al, path + rl, sl + 1);
                culprit = culprit_buf;
            }
        }
    }
    int32_t hdr[3] = {sig, sig == SIGSYS && si ? si->si_syscall : -1, err};
    rec3(REC_CRASH, hdr, sizeof hdr, culprit, strlen(culprit), NULL, 0);
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL); /* blocked while its handler runs */
    raise(sig);
    _exit(128 + sig);
}

static void catch_fatal_signals(void)
{
    static char altstack[64 * 1024]; /* a stack overflow still gets reported */
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGSYS, SIGXCPU, SIGALRM};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction sa = {.sa_sigaction = on_fatal, .sa_flags = SA_SIGINFO | SA_ONSTACK};
        sigaction(sigs[i], &sa, NULL);
    }
    signal(SIGXFSZ, SIG_IGN); /* a file too big fails its write instead */
    signal(SIGPIPE, SIG_DFL);
}

static void send_diag(const struct diag_msg *m)
{
    int32_t h[4] = {(int32_t)m->level, m->line, m->col, m->file ? (int32_t)strlen(m->file) : 0};
    size_t tl = strlen(m->text);
    if (tl > MAX_RECORD / 2)
        tl = MAX_RECORD / 2;
    if (h[3] > MAX_RECORD / 4)
        h[3] = MAX_RECORD / 4;
    rec3(REC_DIAG, h, sizeof h, m->file ? m->file : "", (size_t)h[3], m->text, tl);
}

/* Result payload: int32 outcome, int32 slides, uint64 version, char hash[65], char stamp[32],
 * uint32 message length, message, title. */
static void send_result(const struct store_result *res, const struct store_staged *st)
{
    char head[4 + 4 + 8 + 65 + 32 + 4];
    int32_t o = (int32_t)res->outcome, s = res->slides;
    uint32_t ml = (uint32_t)strnlen(res->message, sizeof res->message);
    memcpy(head, &o, 4);
    memcpy(head + 4, &s, 4);
    memcpy(head + 8, &st->version, 8);
    memcpy(head + 16, st->hash, 65);
    memcpy(head + 81, st->stamp, 32);
    memcpy(head + 113, &ml, 4);
    rec3(REC_RESULT, head, sizeof head, res->message, ml, res->title,
         strnlen(res->title, sizeof res->title));
}

static void note(const char *text)
{
    rec3(REC_NOTE, text, strlen(text), NULL, 0, NULL, 0);
}

int judge_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'},        {"staging", required_argument, 0, 's'},
        {"src", required_argument, 0, 'r'},        {"cur-hash", required_argument, 0, 'h'},
        {"cur-version", required_argument, 0, 'v'}, {"prescale", required_argument, 0, 'p'},
        {"key", required_argument, 0, 'k'},        {"lang", required_argument, 0, 'l'},
        {"glyphs", no_argument, 0, 'g'},           {"advise", no_argument, 0, 'a'},
        {"preview", required_argument, 0, 'P'},    {"outcome", required_argument, 0, 'O'},
        {"bundle", required_argument, 0, 'B'},
        {"need-manifest", no_argument, 0, 'M'},
        {0, 0, 0, 0}};
    const char *staging = NULL, *src = NULL, *bundle = NULL;
    int preview_w = 0, preview_h = 0, outcome = STORE_REJECTED;
    const char *keys[16];
    int nkeys = 0;
    struct store_staged st = {0};
    struct store_policy pol = {0};
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'o': out_fd = atoi(optarg); break;
        case 's': staging = optarg; break;
        case 'r': src = optarg; break;
        case 'h': snprintf(st.cur_hash, sizeof st.cur_hash, "%s", strcmp(optarg, "-") ? optarg : ""); break;
        case 'v': st.cur_version = strtoull(optarg, NULL, 10); break;
        case 'p': pol.prescale = atoi(optarg); break;
        case 'k':
            if (nkeys < 16)
                keys[nkeys++] = optarg;
            break;
        case 'l': i18n_set_language(optarg); break;
        case 'g': pol.glyphs = &fonts_glyph_checker; break; /* the same checks as the parent's */
        case 'a': pol.advise = advice_check; break;
        case 'P':
            if (sscanf(optarg, "%dx%d", &preview_w, &preview_h) != 2)
                return 2;
            break;
        case 'O': outcome = atoi(optarg); break;
        case 'B': bundle = optarg; break;
        case 'M': pol.need_manifest = true; break;
        default: return 2;
        }
    }
    char *stick_dir = NULL; /* preview mode: where REPORT.txt is, the sheets go */
    if (preview_w > 0 && src) {
        stick_dir = store_bundle_root(src);
        staging = stick_dir ? stick_dir : src; /* a near miss: sheets at the stick's root */
    }
    if (out_fd < 3 || !staging || !src) {
        fputs("honorboard judge: internal command, started by play and import\n", stderr);
        return 2;
    }
    idle_seconds = (unsigned)setting("JUDGE_IDLE_SECONDS", DEFAULT_IDLE_SECONDS);
    catch_fatal_signals();
    char *real = realpath(src, NULL);
    snprintf(source_root, sizeof source_root, "%s", real ? real : src);
    snprintf(source_arg, sizeof source_arg, "%s", src);
    free(real);

    /* What it may read: the source, the system's libraries, fonts and their caches, the
     * board's own assets and trusted keys. What it may write: the staging folder. */
    char *assets = hb_assets_dir();
    const char *home = getenv("HOME"), *xdg = getenv("XDG_CACHE_HOME");
    char *fc_user = xdg && *xdg ? path_join(xdg, "fontconfig")
                                : xasprintf("%s/.cache/fontconfig", home && *home ? home : "/");
    const char *read[24] = {src, "/usr", "/etc", "/var/cache/fontconfig", fc_user, assets};
    int nread = 6;
    if (bundle && *bundle) /* preview of what was just stored: that bundle, nothing else */
        read[nread++] = bundle;
    for (int i = 0; i < nkeys && nread < 23; i++)
        read[nread++] = keys[i];
    read[nread] = NULL;
#if defined(__SANITIZE_ADDRESS__)
    uint64_t as = 0; /* AddressSanitizer reserves terabytes of shadow: the parent's RSS watch */
#else
    uint64_t as = (uint64_t)setting("JUDGE_MEMORY_MB", DEFAULT_MEMORY_MB) << 20;
#endif
    struct sandbox_spec spec = {.read = read, .write = staging, .max_address_space = as,
                                .max_cpu_seconds = (unsigned)setting("JUDGE_CPU_SECONDS", DEFAULT_CPU_SECONDS),
                                .max_file_size = MAX_FILE_SIZE};
    char why[512];
    int sb = sandbox_enter(&spec, why, sizeof why);
    free(fc_user);
    free(assets);
    if (sb < 0) {
        note(why);
        return 3; /* never judge unconfined */
    }
    if (sb > 0)
        note(why);
    alarm(idle_seconds);
    if (preview_w > 0) { /* the preview sheets of a stick, drawn here and not in the player */
        struct store_result pres = {.outcome = (enum store_outcome)outcome};
        snprintf(pres.bundle, sizeof pres.bundle, "%s", bundle ? bundle : "");
        snprintf(judging_file, sizeof judging_file, "%s", src);
        stickpreview_write(src, &pres, preview_w, preview_h);
        free(stick_dir);
        _exit(0);
    }

    pol.trusted_keys = keys;
    pol.ntrusted = nkeys;
    pol.judging = on_file;
    struct store_result res = {0};
    store_stage(staging, src, &pol, on_progress, NULL, &res, &st);
    for (size_t i = 0; i < res.diag.n; i++)
        send_diag(&res.diag.msgs[i]);
    send_result(&res, &st);
    alarm(0);
    _exit(0); /* no exit handlers: nothing else to do, and leak checkers need /proc */
}

/* ---- the parent --------------------------------------------------------------------------- */

struct report {
    struct store_result *res;
    struct store_staged *st;
    bool have_result;
    bool crashed;
    int crash_sig, crash_syscall, crash_errno;
    char culprit[4096];
    char judging[4096];
    size_t bytes, ndiag;
    store_progress_fn progress;
    void *ctx;
    uint64_t done, total; /* the last progress reported */
    bool cancelled;
};

static int32_t get32(const unsigned char *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Copies at most n bytes of untrusted text into out (always NUL-terminated), stopping at a NUL. */
static void take_text(char *out, size_t outlen, const unsigned char *p, size_t n)
{
    size_t k = n < outlen - 1 ? n : outlen - 1;
    memcpy(out, p, k);
    out[k] = '\0';
}

/* One record from the child. Returns -1 when it is malformed (the child is then stopped). */
static int take_record(struct report *r, char type, const unsigned char *p, size_t n)
{
    switch (type) {
    case REC_FILE:
        take_text(r->judging, sizeof r->judging, p, n);
        return 0;
    case REC_PROGRESS: {
        if (n != 16)
            return -1;
        uint64_t v[2];
        memcpy(v, p, 16);
        r->done = v[0], r->total = v[1];
        if (r->progress && !r->progress(r->ctx, v[0], v[1]))
            r->cancelled = true;
        return 0;
    }
    case REC_NOTE: {
        char t[512];
        take_text(t, sizeof t, p, n);
        fprintf(stderr, "honorboard: checker: %s\n", t);
        return 0;
    }
    case REC_DIAG: {
        if (n < 16 || ++r->ndiag > MAX_DIAGS)
            return -1;
        int32_t level = get32(p), line = get32(p + 4), col = get32(p + 8), fl = get32(p + 12);
        if (fl < 0 || (size_t)fl > n - 16 || (level != DIAG_ERROR && level != DIAG_WARNING))
            return -1;
        char file[4096], text[MAX_RECORD];
        take_text(file, sizeof file, p + 16, (size_t)fl);
        take_text(text, sizeof text, p + 16 + fl, n - 16 - (size_t)fl);
        diag_add(&r->res->diag, (enum diag_level)level, fl ? file : NULL, line < 0 ? 0 : line,
                 col < 0 ? 0 : col, "%s", text);
        return 0;
    }
    case REC_RESULT: {
        if (n < 117 || r->have_result)
            return -1;
        int32_t o = get32(p), slides = get32(p + 4);
        uint32_t ml;
        memcpy(&ml, p + 113, 4);
        if (o < STORE_OK || o > STORE_FAILED || ml > n - 117)
            return -1;
        r->res->outcome = (enum store_outcome)o;
        r->res->slides = slides < 0 ? 0 : slides;
        memcpy(&r->st->version, p + 8, 8);
        take_text(r->st->hash, sizeof r->st->hash, p + 16, 64);
        take_text(r->st->stamp, sizeof r->st->stamp, p + 81, 31);
        take_text(r->res->message, sizeof r->res->message, p + 117, ml);
        take_text(r->res->title, sizeof r->res->title, p + 117 + ml, n - 117 - ml);
        r->have_result = true;
        return 0;
    }
    case REC_CRASH:
        if (n < 12)
            return -1;
        r->crashed = true;
        r->crash_sig = get32(p);
        r->crash_syscall = get32(p + 4);
        r->crash_errno = get32(p + 8);
        take_text(r->culprit, sizeof r->culprit, p + 12, n - 12);
        return 0;
    default:
        return -1;
    }
}

/* Resident memory of a process in MB, from /proc/PID/statm; -1 when unknown. */
static long rss_mb(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
    FILE *f = fopen(path, "r");
    long pages = -1, rss = -1;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
            rss = -1;
        fclose(f);
    }
    return rss < 0 ? -1 : rss * (sysconf(_SC_PAGESIZE) / 1024) / 1024;
}

/* "SIGSEGV": the same in every language (strsignal() follows the locale). */
static const char *sig_name(int sig)
{
    static char buf[32];
    const char *abbrev = sigabbrev_np(sig);
    snprintf(buf, sizeof buf, "SIG%s", abbrev ? abbrev : "?");
    return buf;
}

/* Why the child failed, in words for the message. */
static void failure_words(int status, const char *killed_for, const struct report *r, char *out,
                          size_t n)
{
    int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    if (killed_for) {
        snprintf(out, n, "%s", killed_for);
    } else if (sig == SIGSYS) {
        char *name = r->crash_syscall >= 0
                         ? seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, r->crash_syscall)
                         : NULL;
        snprintf(out, n, _("a forbidden system call, %s"),
                 name ? name : "?");
        free(name);
    } else if (sig == SIGALRM) {
        snprintf(out, n, _("no progress for %ld s"),
                 setting("JUDGE_IDLE_SECONDS", DEFAULT_IDLE_SECONDS));
    } else if (sig == SIGXCPU || (sig == SIGKILL && r->crash_sig == SIGXCPU)) {
        snprintf(out, n, _("more than %ld s of processor time"),
                 setting("JUDGE_CPU_SECONDS", DEFAULT_CPU_SECONDS));
    } else if (sig == SIGABRT && r->crash_errno == ENOMEM) {
        snprintf(out, n, _("more than %ld MB of memory"),
                 setting("JUDGE_MEMORY_MB", DEFAULT_MEMORY_MB));
    } else if (sig) {
        snprintf(out, n, _("the checker crashed: %s"), sig_name(sig));
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
        snprintf(out, n, _("the checker could not be confined"));
    } else {
        snprintf(out, n, _("the checker ended unexpectedly (exit %d)"),
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    }
}

/* The file a failure is blamed on, as the author knows it (relative to the bundle folder). */
static const char *shown_name(const char *file, const char *src)
{
    const char *p = strstr(file, "/honorboard/");
    if (p)
        return p + strlen("/honorboard/");
    size_t n = strlen(src);
    if (strncmp(file, src, n) == 0 && file[n] == '/')
        return file + n + 1;
    return file;
}

/* Starts `honorboard judge ARGS` (args[0] is the program's name) with fd 3 the write end of a
 * pipe whose read end goes to *rfd, stdin /dev/null and no other descriptor. The pid, or -1. */
static pid_t spawn(const char *const *args, int *rfd)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) { /* child: only async-signal-safe calls until exec */
        int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (null >= 0)
            dup2(null, 0); /* never the console the player may hold */
        dup2(fds[1], 3);
        syscall(SYS_close_range, 4, ~0U, 0);
        execv("/proc/self/exe", (char *const *)args);
        _exit(127);
    }
    close(fds[1]);
    if (pid < 0)
        close(fds[0]);
    else
        *rfd = fds[0];
    return pid;
}

int judge_import(const char *dir, const char *src, const struct store_policy *policy,
                 store_progress_fn progress, void *ctx, struct store_result *res)
{
    *res = (struct store_result){0};
    int lock = store_begin(dir, policy, res); /* one writer, from staging to commit */
    if (lock < 0)
        return -1;
    struct store_staged st = {0};
    store_current_info(dir, st.cur_hash, &st.cur_version);
    char *staging = xasprintf("%s/staging-%d", dir, (int)getpid());
    store_discard(staging);
    if (path_mkdirs(staging) < 0) {
        res->outcome = STORE_FAILED;
        snprintf(res->message, sizeof res->message, "cannot create %s: %s", staging, strerror(errno));
        free(staging);
        store_end(lock);
        return -1;
    }
    /* everything the child needs is prepared before fork: after it, only exec */
    char ver[32], pre[32];
    snprintf(ver, sizeof ver, "%llu", (unsigned long long)st.cur_version);
    snprintf(pre, sizeof pre, "%d", policy ? policy->prescale : 0);
    const char *args[64] = {"honorboard", "judge", "--out", "3", "--staging", staging,
                            "--src", src, "--cur-hash", st.cur_hash[0] ? st.cur_hash : "-",
                            "--cur-version", ver, "--prescale", pre};
    int na = 14;
    args[na++] = "--lang";
    args[na++] = i18n_chinese() ? "zh" : "en";
    if (policy && policy->glyphs) /* in-process objects: the child uses its own, the same ones */
        args[na++] = "--glyphs";
    if (policy && policy->advise)
        args[na++] = "--advise";
    if (policy && policy->need_manifest)
        args[na++] = "--need-manifest";
    for (int i = 0; policy && i < policy->ntrusted && na < 60; i++) {
        args[na++] = "--key";
        args[na++] = policy->trusted_keys[i];
    }
    args[na] = NULL;
    int rfd = -1;
    pid_t pid = spawn(args, &rfd);
    if (pid < 0) {
        res->outcome = STORE_FAILED;
        snprintf(res->message, sizeof res->message, "cannot start the checker: %s", strerror(errno));
        store_discard(staging);
        free(staging);
        store_end(lock);
        return -1;
    }

    struct report r = {.res = res, .st = &st, .progress = progress, .ctx = ctx,
                       .crash_syscall = -1};
    long idle = setting("JUDGE_IDLE_SECONDS", DEFAULT_IDLE_SECONDS) + 5; /* the child's alarm first */
    long mem = setting("JUDGE_MEMORY_MB", DEFAULT_MEMORY_MB);
    const char *killed_for = NULL;
    char killed_words[256];
    unsigned char *buf = xmalloc(MAX_RECORD + 5);
    size_t have = 0;
    double last = now_seconds();
    for (;;) {
        struct pollfd pfd = {rfd, POLLIN, 0};
        int pr = poll(&pfd, 1, 200);
        if (pr < 0 && errno != EINTR)
            break;
        if (pr > 0) {
            ssize_t got = read(rfd, buf + have, MAX_RECORD + 5 - have);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                break; /* the child is gone */
            have += (size_t)got;
            r.bytes += (size_t)got;
            last = now_seconds();
            bool bad = r.bytes > MAX_REPORT;
            while (!bad && have >= 5) {
                uint32_t len;
                memcpy(&len, buf + 1, 4);
                if (len > MAX_RECORD) {
                    bad = true;
                    break;
                }
                if (have < 5 + len)
                    break;
                if (take_record(&r, (char)buf[0], buf + 5, len) < 0)
                    bad = true;
                memmove(buf, buf + 5 + len, have - 5 - len);
                have -= 5 + len;
            }
            if (bad && !killed_for) {
                killed_for = _("the checker's report was malformed");
                kill(pid, SIGKILL);
            }
        }
        /* asked to stop (the player is quitting, the stick was pulled): also while the child
         * is still judging and sends no progress */
        if (!r.cancelled && r.progress && !r.progress(r.ctx, r.done, r.total))
            r.cancelled = true;
        if (r.cancelled && !killed_for) {
            killed_for = "cancelled";
            kill(pid, SIGKILL);
        }
        long m = rss_mb(pid);
        if (!killed_for && m > mem) {
            snprintf(killed_words, sizeof killed_words,
                     _("more than %ld MB of memory"), mem);
            killed_for = killed_words;
            kill(pid, SIGKILL);
        }
        if (!killed_for && now_seconds() - last > (double)idle) {
            snprintf(killed_words, sizeof killed_words,
                     _("no progress for %ld s"), idle - 5);
            killed_for = killed_words;
            kill(pid, SIGKILL);
        }
    }
    free(buf);
    close(rfd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;

    int rc = -1;
    bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0 && r.have_result && !killed_for;
    if (killed_for && strcmp(killed_for, "cancelled") == 0) {
        res->outcome = STORE_ABORTED;
        snprintf(res->message, sizeof res->message, "%s",
                 _("The import was interrupted (stick pulled out?); nothing was loaded. The board keeps playing its content."));
    } else if (!clean) {
        char why[512];
        failure_words(status, killed_for, &r, why, sizeof why);
        const char *file = r.culprit[0] ? r.culprit : r.judging[0] ? r.judging : src;
        res->outcome = STORE_REJECTED;
        snprintf(res->message, sizeof res->message,
                 _("The file %s made the checker fail (%s); nothing was loaded. The board keeps playing its content."),
                 shown_name(file, src), why);
        diag_add(&res->diag, DIAG_ERROR, file, 0, 0, _("the checker failed on this file: %s"), why);
        fprintf(stderr, "honorboard: checker failed on %s: %s\n", file, why);
    } else if (res->outcome == STORE_OK) {
        rc = store_commit(dir, staging, &st, res);
    } else if (res->outcome == STORE_UNCHANGED) {
        if (st.cur_hash[0] && strcmp(st.hash, st.cur_hash) == 0) { /* not preview-only */
            char *cur = store_current(dir);
            snprintf(res->bundle, sizeof res->bundle, "%s", cur ? cur : "");
            free(cur);
        }
        rc = 0;
    }
    if (res->outcome != STORE_OK || rc < 0)
        store_discard(staging);
    free(staging);
    store_end(lock);
    return rc;
}

int judge_preview(const char *src, const struct store_result *res, int w, int h)
{
    char size[64], outcome[16];
    snprintf(size, sizeof size, "%dx%d", w, h);
    snprintf(outcome, sizeof outcome, "%d", (int)res->outcome);
    const char *args[] = {"honorboard", "judge", "--out", "3", "--src", src, "--preview", size,
                          "--outcome", outcome, "--bundle", res->bundle,
                          "--lang", i18n_chinese() ? "zh" : "en", NULL};
    int rfd = -1;
    pid_t pid = spawn(args, &rfd);
    if (pid < 0)
        return -1;
    /* it reports nothing but notes; a crash or a hang only costs the preview */
    long deadline = setting("JUDGE_IDLE_SECONDS", DEFAULT_IDLE_SECONDS) + 5;
    double start = now_seconds();
    char buf[4096];
    bool killed = false;
    for (;;) {
        struct pollfd pfd = {rfd, POLLIN, 0};
        int pr = poll(&pfd, 1, 200);
        if (pr > 0 && read(rfd, buf, sizeof buf) <= 0)
            break;
        if (pr < 0 && errno != EINTR)
            break;
        if (!killed && now_seconds() - start > (double)deadline) {
            kill(pid, SIGKILL);
            killed = true;
        }
    }
    close(rfd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    fprintf(stderr, "honorboard: the preview of %s failed (%s %d); the import is not affected\n",
            src, WIFSIGNALED(status) ? "signal" : "exit",
            WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    return -1;
}
