/* judge.c - imports judged by a confined child process (privilege separation, as OpenSSH does
 * it): the parent prepares an empty staging folder and starts `honorboard judge` (judge_child.c)
 * with exec (a fresh process image: no screen, no store descriptors, no locks held by other
 * threads); it reads the child's report - small length-prefixed records (judge_wire.h) - with
 * strict bounds (a child that was taken over by a bad file must not be able to take the parent
 * over too), watches its memory and silence, and commits or discards the staging folder. */
#include "store/judge.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/sandbox.h"
#include "store/judge_wire.h"
#include "store/stick.h"
#include "store/store.h"
#include "store/store_keep.h"
#include "store/store_stage.h"
#include "base/util.h"
#include "film/videoconfig.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

long judge_setting(const char *name, long dflt)
{
    const char *v = judge_test_setting ? judge_test_setting(name) : NULL;
    return v && atol(v) > 0 ? atol(v) : dflt;
}

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
    bool sheets_asked, sheets_done; /* --sheets: drawn after the result (JUDGE_REC_SHEETS) */
    bool malformed;                 /* killed for its report: never a clean end */
    int sheets_outcome;
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
    /* after the verdict only the sheets' record, a note or a crash: a verdict amended later
     * (an error after "loaded") is a checker gone wrong */
    if (r->have_result && type != JUDGE_REC_SHEETS && type != JUDGE_REC_NOTE &&
        type != JUDGE_REC_CRASH)
        return -1;
    switch (type) {
    case JUDGE_REC_FILE:
        take_text(r->judging, sizeof r->judging, p, n);
        return 0;
    case JUDGE_REC_PROGRESS: {
        if (n != 16)
            return -1;
        uint64_t v[2];
        memcpy(v, p, 16);
        r->done = v[0], r->total = v[1];
        if (r->progress && !r->progress(r->ctx, v[0], v[1]))
            r->cancelled = true;
        return 0;
    }
    case JUDGE_REC_NOTE: {
        char t[512];
        take_text(t, sizeof t, p, n);
        fprintf(stderr, "honorboard: checker: %s\n", t);
        return 0;
    }
    case JUDGE_REC_DIAG: {
        if (n < 16 || ++r->ndiag > JUDGE_MAX_DIAGS)
            return -1;
        int32_t level = get32(p), line = get32(p + 4), col = get32(p + 8), fl = get32(p + 12);
        if (fl < 0 || (size_t)fl > n - 16 || (level != DIAG_ERROR && level != DIAG_WARNING))
            return -1;
        char file[4096], text[JUDGE_MAX_RECORD];
        take_text(file, sizeof file, p + 16, (size_t)fl);
        take_text(text, sizeof text, p + 16 + fl, n - 16 - (size_t)fl);
        diag_add(&r->res->diag, (enum diag_level)level, fl ? file : NULL, line < 0 ? 0 : line,
                 col < 0 ? 0 : col, "%s", text);
        return 0;
    }
    case JUDGE_REC_RESULT: {
        if (n < 117 || r->have_result)
            return -1;
        int32_t o = get32(p), slides = get32(p + 4);
        uint32_t ml;
        memcpy(&ml, p + 113, 4);
        if (o < STORE_OK || o > STORE_PREVIEW || ml > n - 117)
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
    case JUDGE_REC_SHEETS: {
        if (n != 8 || !r->have_result || !r->sheets_asked || r->sheets_done)
            return -1;
        r->sheets_outcome = get32(p);
        r->sheets_done = true;
        return 0;
    }
    case JUDGE_REC_CRASH:
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
        snprintf(out, n, _("a forbidden system call, %s"), name ? name : "?");
        free(name);
    } else if (sig == SIGALRM) {
        snprintf(out, n, _("no progress for %ld s"),
                 judge_setting("JUDGE_IDLE_SECONDS", JUDGE_DEFAULT_IDLE_SECONDS));
    } else if (sig == SIGXCPU || (sig == SIGKILL && r->crash_sig == SIGXCPU)) {
        snprintf(out, n, _("more than %ld s of processor time"),
                 judge_setting("JUDGE_CPU_SECONDS", JUDGE_DEFAULT_CPU_SECONDS));
    } else if (sig == SIGABRT && r->crash_errno == ENOMEM) {
        snprintf(out, n, _("more than %ld MB of memory"),
                 judge_setting("JUDGE_MEMORY_MB", JUDGE_DEFAULT_MEMORY_MB));
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

pid_t judge_spawn(const char *const *args, int *rfd)
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

/* Starts the child on the empty staging folder: everything it needs is prepared before fork
 * (after it, only exec). The pid, or -1; *rfd the read end of its report. */
static pid_t start_judging(const char *src, const struct store_policy *policy, const char *staging,
                           const struct store_staged *st, int *rfd)
{
    char ver[32], pre[32], scr[32];
    snprintf(ver, sizeof ver, "%llu", (unsigned long long)st->cur_version);
    snprintf(pre, sizeof pre, "%d", policy ? policy->prescale : 0);
    const char *args[64] = {
        "honorboard",    "judge", "--out",      "3",          "--staging",
        staging,         "--src", src,          "--cur-hash", st->cur_hash[0] ? st->cur_hash : "-",
        "--cur-version", ver,     "--prescale", pre};
    int na = 14;
    args[na++] = "--lang";
    args[na++] = i18n_chinese() ? "zh" : "en";
    if (policy && policy->glyphs) /* in-process objects: the child uses its own, the same ones */
        args[na++] = "--glyphs";
    if (policy && policy->advise)
        args[na++] = "--advise";
    if (policy && policy->advise && policy->advise_w > 0 && policy->advise_h > 0) {
        snprintf(scr, sizeof scr, "%dx%d", policy->advise_w, policy->advise_h);
        args[na++] = "--screen"; /* the warnings of this board's screen, as its preview */
        args[na++] = scr;
    }
    if (policy && policy->need_manifest)
        args[na++] = "--need-manifest";
    char sheets[32];
    if (policy && policy->sheets_w > 0 && policy->sheets_h > 0) {
        snprintf(sheets, sizeof sheets, "%dx%d", policy->sheets_w, policy->sheets_h);
        args[na++] = "--sheets"; /* drawn after the verdict, from the photos just decoded */
        args[na++] = sheets;
    }
    struct video_settings vs;
    char vmax[32];
    video_settings_get(&vs);
    if (vs.max_w < VIDEO_MAX_SIDE || vs.max_h < VIDEO_MAX_SIDE) { /* the board's video_max_size */
        snprintf(vmax, sizeof vmax, "%dx%d", vs.max_w, vs.max_h);
        args[na++] = "--video-max";
        args[na++] = vmax;
    }
    for (int i = 0; policy && i < policy->ntrusted && na < 60; i++) {
        args[na++] = "--key";
        args[na++] = policy->trusted_keys[i];
    }
    args[na] = NULL;
    return judge_spawn(args, rfd);
}

/* Reads the child's records from rfd until it is gone, killing it when its report is
 * malformed or too long, when it uses too much memory, goes quiet too long, or when
 * r->progress asks to stop. Returns why it was killed ("cancelled", or words in
 * killed_words), NULL when it was not. Closes rfd. */
static const char *read_report(struct report *r, pid_t pid, int rfd, char *killed_words,
                               size_t kwlen)
{
    long idle = judge_setting("JUDGE_IDLE_SECONDS", JUDGE_DEFAULT_IDLE_SECONDS) +
                5; /* the child's alarm first */
    long mem = judge_setting("JUDGE_MEMORY_MB", JUDGE_DEFAULT_MEMORY_MB);
    const char *killed_for = NULL;
    unsigned char *buf = xmalloc(JUDGE_MAX_RECORD + 5);
    size_t have = 0;
    double last = now_seconds();
    for (;;) {
        struct pollfd pfd = {rfd, POLLIN, 0};
        int pr = poll(&pfd, 1, 200);
        if (pr < 0 && errno != EINTR)
            break;
        if (pr > 0) {
            ssize_t got = read(rfd, buf + have, JUDGE_MAX_RECORD + 5 - have);
            if (got < 0 && errno == EINTR)
                continue;
            if (got <= 0)
                break; /* the child is gone */
            have += (size_t)got;
            r->bytes += (size_t)got;
            last = now_seconds();
            bool bad = r->bytes > JUDGE_MAX_REPORT;
            while (!bad && have >= 5) {
                uint32_t len;
                memcpy(&len, buf + 1, 4);
                if (len > JUDGE_MAX_RECORD) {
                    bad = true;
                    break;
                }
                if (have < 5 + len)
                    break;
                if (take_record(r, (char)buf[0], buf + 5, len) < 0)
                    bad = true;
                memmove(buf, buf + 5 + len, have - 5 - len);
                have -= 5 + len;
            }
            if (bad && !killed_for) {
                killed_for = _("the checker's report was malformed");
                r->malformed = true;
                kill(pid, SIGKILL);
            }
        }
        /* asked to stop (the player is quitting, the stick was pulled): also while the child
         * is still judging and sends no progress */
        if (!r->cancelled && r->progress && !r->progress(r->ctx, r->done, r->total))
            r->cancelled = true;
        if (r->cancelled && !killed_for) {
            killed_for = "cancelled";
            kill(pid, SIGKILL);
        }
        long m = rss_mb(pid);
        if (!killed_for && m > mem) {
            snprintf(killed_words, kwlen, _("more than %ld MB of memory"), mem);
            killed_for = killed_words;
            kill(pid, SIGKILL);
        }
        if (!killed_for && now_seconds() - last > (double)idle) {
            snprintf(killed_words, kwlen, _("no progress for %ld s"), idle - 5);
            killed_for = killed_words;
            kill(pid, SIGKILL);
        }
    }
    free(buf);
    close(rfd);
    return killed_for;
}

/* The sheets the checker drew in staging: moved beside it (STAGING.sheets, which the store's
 * cleanup leaves while this process runs and removes after) and named in res when the checker
 * said they are complete; removed otherwise. Staging never keeps them: -1 (errno) when they
 * could be neither moved nor removed, and then nothing may be committed. */
static int take_sheets(const char *staging, const struct report *r, struct store_result *res)
{
    res->sheets[0] = '\0';
    if (!r->sheets_asked)
        return 0;
    char *in = path_join(staging, JUDGE_SHEETS_DIR), *out = xasprintf("%s%s", staging, ".sheets");
    struct stat st;
    store_rm_rf(out);
    if (r->sheets_done && lstat(in, &st) == 0 && S_ISDIR(st.st_mode) &&
        strlen(out) < sizeof res->sheets && rename(in, out) == 0) {
        snprintf(res->sheets, sizeof res->sheets, "%s", out);
        res->sheets_outcome = r->sheets_outcome;
    }
    store_rm_rf(in);
    int rc = lstat(in, &st) == 0 ? -1 : 0, e = errno;
    free(in);
    free(out);
    errno = rc ? (e ? e : EEXIST) : 0;
    return rc;
}

/* What the child's end means for the import: interrupted, rejected (it failed: the file it was
 * on is named), committed (staging renamed in), unchanged, or a preview only. The rc of
 * judge_import(). */
static int conclude(const char *dir, const char *src, const char *staging, int status,
                    const char *killed_for, const struct report *r, struct store_staged *st,
                    struct store_result *res)
{
    bool exited = WIFEXITED(status) && WEXITSTATUS(status) == 0 && !killed_for;
    /* a checker that drew sheets after its result had judged everything: what ended it then
     * (a crash in a page, a kill, the stick pulled) costs the preview, never the import */
    bool clean = r->have_result && !r->malformed && (exited || r->sheets_asked);
    if (r->have_result && r->sheets_asked && !r->sheets_done && !exited) {
        char why[512];
        failure_words(status, killed_for, r, why, sizeof why);
        fprintf(stderr,
                "honorboard: the checker's preview of %s failed (%s); the import is not "
                "affected\n",
                src, why);
    }
    if (!clean && killed_for && strcmp(killed_for, "cancelled") == 0) {
        res->outcome = STORE_ABORTED;
        snprintf(res->message, sizeof res->message, "%s",
                 _("The import was interrupted (stick pulled out?); nothing was loaded. The board "
                   "keeps playing its content."));
        return -1;
    }
    if (!clean) {
        char why[512];
        failure_words(status, killed_for, r, why, sizeof why);
        const char *file = r->culprit[0] ? r->culprit : r->judging[0] ? r->judging : src;
        res->outcome = STORE_REJECTED;
        snprintf(res->message, sizeof res->message,
                 _("The file %s made the checker fail (%s); nothing was loaded. The board keeps "
                   "playing its content."),
                 shown_name(file, src), why);
        diag_add(&res->diag, DIAG_ERROR, file, 0, 0, _("the checker failed on this file: %s"), why);
        fprintf(stderr, "honorboard: checker failed on %s: %s\n", file, why);
        return -1;
    }
    if (res->outcome == STORE_OK)
        return store_commit(dir, staging, st, res);
    if (res->outcome == STORE_UNCHANGED) {
        if (st->cur_hash[0] && strcmp(st->hash, st->cur_hash) == 0) { /* what is on screen */
            char *cur = store_current(dir);
            snprintf(res->bundle, sizeof res->bundle, "%s", cur ? cur : "");
            free(cur);
        }
        return 0;
    }
    return res->outcome == STORE_PREVIEW ? 0 : -1; /* a preview only: nothing to store */
}

int judge_import(const char *dir, const char *src, const struct store_policy *policy,
                 store_progress_fn progress, void *ctx, struct store_result *res)
{
    *res = (struct store_result){0};
    struct store_staged st = {0};
    char *staging;
    int lock =
        store_import_begin(dir, policy, res, &st, &staging); /* one writer, staging to commit */
    if (lock < 0)
        return -1;
    int rc = -1, rfd = -1;
    pid_t pid = -1;
    char *root = store_bundle_root(src); /* there at the start: gone at the end means pulled */
    bool had_root = root != NULL;
    free(root);
    if (path_mkdirs(staging) < 0) {
        res->outcome = STORE_FAILED;
        snprintf(res->message, sizeof res->message, "cannot create %s: %s", staging,
                 strerror(errno));
        goto done;
    }
    uid_t uid;
    gid_t gid; /* a checker started by root runs as the board's user: its folder is its own */
    if (geteuid() == 0 && sandbox_drop_ids(&uid, &gid) == 0 && chown(staging, uid, gid) < 0) {
        res->outcome = STORE_FAILED;
        snprintf(res->message, sizeof res->message, "cannot hand %s to the checker: %s", staging,
                 strerror(errno));
        goto done;
    }
    pid = start_judging(src, policy, staging, &st, &rfd);
    if (pid < 0) {
        res->outcome = STORE_FAILED;
        snprintf(res->message, sizeof res->message, "cannot start the checker: %s",
                 strerror(errno));
        goto done;
    }
    struct report r = {.res = res,
                       .st = &st,
                       .progress = progress,
                       .ctx = ctx,
                       .crash_syscall = -1,
                       .sheets_asked = policy && policy->sheets_w > 0 && policy->sheets_h > 0};
    char killed_words[256];
    const char *killed_for = read_report(&r, pid, rfd, killed_words, sizeof killed_words);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (take_sheets(staging, &r, res) < 0) /* before staging can become a bundle */
        store_write_failed(res, dir, errno);
    else
        rc = conclude(dir, src, staging, status, killed_for, &r, &st, res);
    store_note_pulled(src, had_root, res);
done:
    if (res->outcome != STORE_OK || rc < 0)
        store_discard(staging);
    free(staging);
    store_end(lock);
    return rc;
}
