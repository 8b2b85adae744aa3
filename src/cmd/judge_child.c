/* judge_child.c - `honorboard judge`, the confined checker: started by judge.c with exec, it
 * confines itself (sandbox.c: rlimits, Landlock, seccomp), runs store_stage() on the source (or
 * draws the stick's preview sheets) and reports back on fd 3 in small length-prefixed records
 * (judge_wire.h). A fatal signal is reported with the file being judged, then the child dies of
 * it, so the parent can name the file that broke it. */
#include "cmd/judge_child.h"
#include "page/advice.h"
#include "base/diag.h"
#include "page/fonts.h"
#include "base/i18n.h"
#include "film/videoconfig.h"
#include "store/judge_wire.h"
#include "film/mpvlib.h"
#include "picture/photomemo.h"
#include "base/sandbox.h"
#include "cmd/stickpreview.h"
#include "store/stick.h"
#include "store/store.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <malloc.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

static int out_fd = -1;
static char judging_file[4096]; /* what the child is judging now, for a crash report */
static char source_root[4096];  /* the source's real path: a crash names a file under it */
static char source_arg[4096];   /* the same as the parent named it, for the messages */
static char culprit_buf[8192];
static unsigned idle_seconds = JUDGE_DEFAULT_IDLE_SECONDS;

/* One record: type, 32-bit length, then up to three pieces. Async-signal-safe. */
static void rec3(char type, const void *a, size_t alen, const void *b, size_t blen, const void *c,
                 size_t clen)
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
    rec3(JUDGE_REC_FILE, file, strlen(file), NULL, 0, NULL, 0);
    alarm(idle_seconds);
    if (judge_fault_at)
        judge_fault_at(file);
}

static bool on_progress(void *ctx, uint64_t done, uint64_t total)
{
    (void)ctx;
    uint64_t v[2] = {done, total};
    rec3(JUDGE_REC_PROGRESS, v, sizeof v, NULL, 0, NULL, 0);
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
    rec3(JUDGE_REC_CRASH, hdr, sizeof hdr, culprit, strlen(culprit), NULL, 0);
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
    if (tl > JUDGE_MAX_RECORD / 2)
        tl = JUDGE_MAX_RECORD / 2;
    if (h[3] > JUDGE_MAX_RECORD / 4)
        h[3] = JUDGE_MAX_RECORD / 4;
    rec3(JUDGE_REC_DIAG, h, sizeof h, m->file ? m->file : "", (size_t)h[3], m->text, tl);
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
    rec3(JUDGE_REC_RESULT, head, sizeof head, res->message, ml, res->title,
         strnlen(res->title, sizeof res->title));
}

static void note(const char *text)
{
    rec3(JUDGE_REC_NOTE, text, strlen(text), NULL, 0, NULL, 0);
}

/* The stick's preview sheets for outcome res into outdir, for a w x h screen; the number of
 * sheets. Both ways of drawing them (--preview, --sheets) come here. */
static int draw_preview(const char *src, const struct store_result *res, int w, int h,
                        const char *outdir)
{
    advice_set_screen(w, h); /* the approval cover's warnings: this screen */
    snprintf(judging_file, sizeof judging_file, "%s", src);
    if (judge_fault_at) /* the tests' fault switch (tests/faults.c): "crash:预览.png" */
        judge_fault_at(STICK_PREVIEW_STEM ".png");
    return stickpreview_write(src, res, w, h, outdir);
}

/* The stick's preview sheets, drawn once the verdict is sent (--sheets): from what is about to
 * be stored (staging) when it goes in, else from the stick, with the photos this process has
 * just decoded (their thumbnails, photomemo.h) - no second checker, no second decode. Into
 * staging's JUDGE_SHEETS_DIR; the parent moves them out. Nothing for "unchanged": the bundle on
 * screen is not this checker's to read (judge_preview() draws those). A crash here, or a kill,
 * costs the preview, never the import: the parent has the result already. Payload of the
 * record: int32 outcome drawn for, int32 sheets. */
static void draw_sheets(const char *src, const char *staging, struct store_result *res, int w,
                        int h)
{
    if (res->outcome != STORE_OK && res->outcome != STORE_REJECTED && res->outcome != STORE_PREVIEW)
        return;
    char *out = path_join(staging, JUDGE_SHEETS_DIR);
    if (mkdir(out, 0700) == 0) {
        alarm(idle_seconds);
        if (res->outcome == STORE_OK) /* staging is the bundle to be */
            snprintf(res->bundle, sizeof res->bundle, "%s", staging);
        int32_t v[2] = {(int32_t)res->outcome, (int32_t)draw_preview(src, res, w, h, out)};
        rec3(JUDGE_REC_SHEETS, v, sizeof v, NULL, 0, NULL, 0);
    }
    free(out);
}

/* What the parent said on the command line. */
struct judge_args {
    const char *staging, *src, *bundle;
    int preview_w, preview_h, outcome;
    int sheets_w, sheets_h;
    const char *keys[16];
    int nkeys;
    struct store_staged st;
    struct store_policy pol;
};

/* 0, or 2 on an option the parent never gives. */
static int judge_args(int argc, char **argv, struct judge_args *a)
{
    static const struct option opts[] = {{"out", required_argument, 0, 'o'},
                                         {"staging", required_argument, 0, 's'},
                                         {"src", required_argument, 0, 'r'},
                                         {"cur-hash", required_argument, 0, 'h'},
                                         {"cur-version", required_argument, 0, 'v'},
                                         {"prescale", required_argument, 0, 'p'},
                                         {"key", required_argument, 0, 'k'},
                                         {"lang", required_argument, 0, 'l'},
                                         {"glyphs", no_argument, 0, 'g'},
                                         {"advise", no_argument, 0, 'a'},
                                         {"screen", required_argument, 0, 'S'},
                                         {"preview", required_argument, 0, 'P'},
                                         {"outcome", required_argument, 0, 'O'},
                                         {"bundle", required_argument, 0, 'B'},
                                         {"need-manifest", no_argument, 0, 'M'},
                                         {"video-max", required_argument, 0, 'V'},
                                         {"sheets", required_argument, 0, 'W'},
                                         {0, 0, 0, 0}};
    a->outcome = STORE_REJECTED;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            out_fd = atoi(optarg);
            break;
        case 's':
            a->staging = optarg;
            break;
        case 'r':
            a->src = optarg;
            break;
        case 'h':
            snprintf(a->st.cur_hash, sizeof a->st.cur_hash, "%s",
                     strcmp(optarg, "-") ? optarg : "");
            break;
        case 'v':
            a->st.cur_version = strtoull(optarg, NULL, 10);
            break;
        case 'p':
            a->pol.prescale = atoi(optarg);
            break;
        case 'k':
            if (a->nkeys < 16)
                a->keys[a->nkeys++] = optarg;
            break;
        case 'l':
            i18n_set_language(optarg);
            break;
        case 'g':
            a->pol.glyphs = &fonts_glyph_checker;
            break; /* the same checks as the parent's */
        case 'a':
            a->pol.advise = advice_check;
            break;
        case 'S': {
            int w = 0, h = 0;
            if (sscanf(optarg, "%dx%d", &w, &h) != 2)
                return 2;
            advice_set_screen(w, h);
            break;
        }
        case 'P':
            if (sscanf(optarg, "%dx%d", &a->preview_w, &a->preview_h) != 2)
                return 2;
            break;
        case 'W':
            if (sscanf(optarg, "%dx%d", &a->sheets_w, &a->sheets_h) != 2)
                return 2;
            break;
        case 'O':
            a->outcome = atoi(optarg);
            break;
        case 'B':
            a->bundle = optarg;
            break;
        case 'M':
            a->pol.need_manifest = true;
            break;
        case 'V': { /* the board's video_max_size: films larger are refused as play skips them */
            int w = 0, h = 0;
            if (sscanf(optarg, "%dx%d", &w, &h) != 2)
                return 2;
            video_configure(&(struct video_settings){.max_w = w, .max_h = h});
            break;
        }
        default:
            return 2;
        }
    }
    return 0;
}

int judge_main(int argc, char **argv)
{
    struct judge_args a = {0};
    if (judge_args(argc, argv, &a) != 0)
        return 2;
    const char *staging = a.staging, *src = a.src, *bundle = a.bundle;
    int preview_w = a.preview_w, preview_h = a.preview_h, outcome = a.outcome;
    const char **keys = a.keys;
    int nkeys = a.nkeys;
    struct store_staged st = a.st;
    struct store_policy pol = a.pol;
    /* preview mode: the sheets go to the private folder the parent made (--staging); it copies
     * them onto the stick */
    if (out_fd < 3 || !staging || !src) {
        fputs("honorboard judge: internal command, started by play and import\n", stderr);
        return 2;
    }
#ifdef M_MMAP_THRESHOLD
    /* photos decoded one after another reuse the memory freed by the one before, instead of
     * each allocation being a fresh mapping the kernel faults in and zeroes page by page (half
     * a million faults for 40 photos); the child is short-lived, the parent watches its size */
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
    char dropped[256];
    if (sandbox_drop_root(dropped, sizeof dropped) < 0) { /* before a byte of the stick */
        note(dropped);
        return 3; /* never judge as root */
    }
    idle_seconds = (unsigned)judge_setting("JUDGE_IDLE_SECONDS", JUDGE_DEFAULT_IDLE_SECONDS);
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
    uint64_t as = (uint64_t)judge_setting("JUDGE_MEMORY_MB", JUDGE_DEFAULT_MEMORY_MB) << 20;
#endif
    struct sandbox_spec spec = {
        .read = read,
        .write = staging,
        .max_address_space = as,
        .max_cpu_seconds = (unsigned)judge_setting("JUDGE_CPU_SECONDS", JUDGE_DEFAULT_CPU_SECONDS),
        .max_file_size = JUDGE_MAX_FILE_SIZE};
    char why[512];
    /* each photo decoded once: the copy's check finds its bytes judged, and a big JPEG's check
     * is the decode the store keeps (photomemo.h) */
    photomemo_start(pol.prescale);
    mpvlib_load_for_confinement(); /* video checks open clips; no code is mapped once confined */
    /* first in line for the OOM killer: should memory run out, the player plays on */
    int oom = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
    if (oom >= 0) {
        if (write(oom, "1000", 4) != 4)
            note("cannot raise oom_score_adj");
        close(oom);
    }
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
        draw_preview(src, &pres, preview_w, preview_h, staging);
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
    if (a.sheets_w > 0 && a.sheets_h > 0)
        draw_sheets(src, staging, &res, a.sheets_w, a.sheets_h);
    _exit(0); /* no exit handlers: nothing else to do, and leak checkers need /proc */
}