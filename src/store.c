/* store.c - the content store: an import judges a bundle (bundle.c), compares it with what is
 * on screen, stages a copy, fsyncs it, renames it into place and switches `current` with one
 * rename; rollback; REPORT.txt for the stick. */
#include "store.h"
#include "bundle.h"
#include "fileio.h"
#include "i18n.h"
#include "photoconv.h"
#include "stick.h"
#include "images.h"
#include "playlist.h"
#include "manifest.h"
#include "sign.h"
#include "util.h"
#include "validate.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#define INFO_FILE ".honorboard-bundle"

const char *store_outcome_name(enum store_outcome o)
{
    static const char *const names[] = {"ok", "rejected", "unchanged", "aborted", "failed"};
    return o <= STORE_FAILED ? names[o] : "?";
}

char *store_default_dir(void)
{
    if (geteuid() == 0)
        return xstrdup("/var/lib/honorboard");
    const char *x = getenv("XDG_DATA_HOME");
    if (x && *x)
        return path_join(x, "honorboard");
    const char *home = getenv("HOME");
    return xasprintf("%s/.local/share/honorboard", home && *home ? home : ".");
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

static int rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The bundle folder name a symlink in the store points at ("bundles/<id>"), or NULL. */
static char *link_target(const char *dir, const char *name)
{
    char *p = path_join(dir, name);
    char buf[PATH_MAX];
    ssize_t n = readlink(p, buf, sizeof buf - 1);
    free(p);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    return xstrdup(buf);
}

/* Points store/name at target, atomically (a new symlink renamed over the old one). */
static int set_link(const char *dir, const char *name, const char *target)
{
    char *tmp = xasprintf("%s/%s.new", dir, name), *dst = path_join(dir, name);
    unlink(tmp);
    int rc = symlink(target, tmp) == 0 && rename(tmp, dst) == 0 ? 0 : -1;
    if (rc < 0)
        unlink(tmp);
    free(tmp);
    free(dst);
    fileio_fsync_path(dir);
    return rc;
}

/* ---- one writer: STORE/lock ---------------------------------------------------------------- */

/* Takes the store's writer lock, waiting up to wait_s seconds (< 0: not at all) for another
 * writer. Returns the lock's fd (store_unlock() it), or -1 with a sentence in err: busy, or the
 * store cannot be written (errno kept: EROFS, EACCES, ENOSPC...). */
static int store_lock(const char *dir, double wait_s, char *err, size_t errlen)
{
    char *p = path_join(dir, "lock");
    int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) {
        int e = errno;
        snprintf(err, errlen, _("cannot write to the content store %s: %s"), dir, strerror(e));
        free(p);
        errno = e;
        return -1;
    }
    free(p);
    double end = now_seconds() + (wait_s > 0 ? wait_s : 0);
    bool told = false;
    while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int e = errno;
            snprintf(err, errlen, _("cannot lock the content store %s: %s"), dir, strerror(e));
            close(fd);
            errno = e;
            return -1;
        }
        char holder[32] = "";
        ssize_t n = pread(fd, holder, sizeof holder - 1, 0);
        holder[n > 0 ? n : 0] = '\0';
        holder[strcspn(holder, "\n")] = '\0';
        if (wait_s <= 0 || now_seconds() >= end) {
            snprintf(err, errlen, _("the content store %s is busy: another import or rollback is running (process %s); try again when it has finished"),
                     dir, holder[0] ? holder : "?");
            close(fd);
            errno = EBUSY;
            return -1;
        }
        if (!told) { /* a person at a terminal should know why nothing happens */
            fprintf(stderr, "honorboard: the content store %s is busy (process %s); waiting up to %.0f s\n",
                    dir, holder[0] ? holder : "?", wait_s);
            told = true;
        }
        usleep(100000);
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%d\n", (int)getpid());
    if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) < 0) {
        /* the holder's pid is only for messages */
    }
    return fd;
}

static void store_unlock(int fd)
{
    if (fd >= 0)
        close(fd); /* closing releases the flock */
}

/* ---- what is a complete bundle, and which one to play --------------------------------------- */

/* "bundles/<name>" with a plain name (what the store itself writes), holding its INFO_FILE. */
static bool complete_bundle(const char *dir, const char *rel)
{
    if (!rel || strncmp(rel, "bundles/", 8) != 0 || !rel[8] || rel[8] == '.' || strchr(rel + 8, '/'))
        return false;
    char *info = xasprintf("%s/%s/" INFO_FILE, dir, rel);
    struct stat st;
    bool ok = lstat(info, &st) == 0 && S_ISREG(st.st_mode);
    free(info);
    return ok;
}

/* When a complete bundle was made: its info note's time (written last by the import). */
static struct timespec bundle_time(const char *dir, const char *rel)
{
    char *info = xasprintf("%s/%s/" INFO_FILE, dir, rel);
    struct stat st;
    struct timespec t = {0};
    if (lstat(info, &st) == 0)
        t = st.st_mtim;
    free(info);
    return t;
}

/* The newest complete bundle ("bundles/<name>") other than `except`, or NULL. Caller frees. */
static char *newest_bundle(const char *dir, const char *except)
{
    char *bdir = path_join(dir, "bundles");
    DIR *d = opendir(bdir);
    free(bdir);
    char *best = NULL;
    struct timespec bt = {0};
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *rel = xasprintf("bundles/%s", e->d_name);
        if (!complete_bundle(dir, rel) || (except && strcmp(rel, except) == 0)) {
            free(rel);
            continue;
        }
        struct timespec t = bundle_time(dir, rel);
        if (!best || t.tv_sec > bt.tv_sec || (t.tv_sec == bt.tv_sec && t.tv_nsec > bt.tv_nsec)) {
            free(best);
            best = rel;
            bt = t;
        } else {
            free(rel);
        }
    }
    if (d)
        closedir(d);
    return best;
}

/* Which bundle to play ("bundles/<name>"), and whether `current` had to be passed over:
 * *how is 0 (current), 1 (previous) or 2 (the newest complete bundle). NULL when none. */
static char *resolve(const char *dir, int *how)
{
    char *cur = link_target(dir, "current");
    *how = 0;
    if (complete_bundle(dir, cur))
        return cur;
    free(cur);
    char *prev = link_target(dir, "previous");
    *how = 1;
    if (complete_bundle(dir, prev))
        return prev;
    free(prev);
    *how = 2;
    return newest_bundle(dir, NULL);
}

static void recovery_words(const char *dir, const char *rel, int how, char *warn, size_t n)
{
    if (warn && n)
        snprintf(warn, n, how == 1 ? _("the content store's 'current' link in %s was missing or broken; playing the previous bundle %s")
                                   : _("the content store's 'current' link in %s was missing or broken; playing the newest complete bundle %s"),
                 dir, rel);
}

char *store_current_warn(const char *dir, char *warn, size_t warnlen)
{
    if (warn && warnlen)
        warn[0] = '\0';
    int how;
    char *rel = resolve(dir, &how);
    if (!rel)
        return NULL;
    if (how)
        recovery_words(dir, rel, how, warn, warnlen);
    char *p = path_join(dir, rel);
    char *real = realpath(p, NULL);
    free(p);
    free(rel);
    return real;
}

char *store_current(const char *dir)
{
    return store_current_warn(dir, NULL, 0);
}

/* Under the lock: points a lost `current` at what resolve() found. When that was `previous`,
 * `previous` then names the newest other complete bundle, so nothing stored is left unnamed
 * (and cleanup keeps it; `import --rollback` reaches it). Returns how (0 = nothing to do). */
static int recover(const char *dir, char *warn, size_t warnlen)
{
    int how;
    char *rel = resolve(dir, &how);
    if (!rel || how == 0) {
        free(rel);
        return 0;
    }
    recovery_words(dir, rel, how, warn, warnlen);
    fprintf(stderr, "honorboard: %s\n", warn);
    set_link(dir, "current", rel);
    char *other = newest_bundle(dir, rel);
    if (other)
        set_link(dir, "previous", other);
    free(other);
    free(rel);
    return how;
}

/* ---- pins: a running player's bundle ---------------------------------------------------------- */

int store_pin(const char *bundle)
{
    int fd = open(bundle, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    for (int i = 0; i < 50; i++) { /* a cleanup holding it exclusively is deleting it */
        if (flock(fd, LOCK_SH | LOCK_NB) == 0)
            return fd;
        usleep(20000);
    }
    close(fd);
    return -1;
}

void store_unpin(int fd)
{
    if (fd >= 0)
        close(fd);
}

/* Removes staging folders, half-made links and bundles neither current nor previous nor pinned
 * by a running player. Only under the writer lock, and only once `current` is sound. */
static void cleanup(const char *dir)
{
    char *cur = link_target(dir, "current"), *prev = link_target(dir, "previous");
    if (!complete_bundle(dir, cur)) { /* never guess what is on screen: delete nothing */
        free(cur);
        free(prev);
        return;
    }
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (strncmp(e->d_name, "staging-", 8) == 0 || (n > 4 && strcmp(e->d_name + n - 4, ".new") == 0)) {
            char *p = path_join(dir, e->d_name);
            rm_rf(p);
            free(p);
        }
    }
    if (d)
        closedir(d);
    char *bdir = path_join(dir, "bundles");
    d = opendir(bdir);
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *rel = xasprintf("bundles/%s", e->d_name);
        bool keep = (cur && strcmp(cur, rel) == 0) || (prev && strcmp(prev, rel) == 0);
        if (!keep) {
            char *p = path_join(bdir, e->d_name);
            int fd = open(p, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
            if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) < 0) {
                fprintf(stderr, "honorboard: keeping %s: a running player shows it\n", p);
            } else {
                rm_rf(p);
            }
            if (fd >= 0)
                close(fd);
            free(p);
        }
        free(rel);
    }
    if (d)
        closedir(d);
    free(bdir);
    free(cur);
    free(prev);
}

/* With the writer lock held: recovery of a lost `current`, then cleanup. */
static void open_locked(const char *dir, char *warn, size_t warnlen)
{
    recover(dir, warn, warnlen);
    cleanup(dir);
}

int store_open(const char *dir, char *err, size_t errlen)
{
    err[0] = '\0';
    char *b = path_join(dir, "bundles");
    int rc = path_mkdirs(b);
    int e = errno;
    bool readable = path_is_dir(b);
    free(b);
    if (rc < 0 && !readable) {
        snprintf(err, errlen, _("cannot create the content store %s: %s"), dir, strerror(e));
        return -1;
    }
    char lerr[512];
    int lock = store_lock(dir, 10, lerr, sizeof lerr);
    if (lock < 0) { /* read-only or busy: play what is there, change nothing */
        snprintf(err, errlen, "%s", lerr);
        return 0;
    }
    open_locked(dir, err, errlen);
    store_unlock(lock);
    return 0;
}

static bool has_playlists(const char *dir)
{
    char **files = NULL;
    int n = playlist_expand_path(dir, &files);
    for (int i = 0; i < n; i++)
        free(files[i]);
    free(files);
    return n > 0;
}

char *store_bundle_root(const char *src)
{
    char *sub = stick_folder(src); /* any letter case: FAT tools upper-case names */
    if (sub)
        return sub;
    if (path_is_dir(src) && has_playlists(src))
        return xstrdup(src);
    return NULL;
}

/* What the store noted about a bundle (its INFO_FILE): the content hash and the signed version.
 * Returns 0, or -1 when the bundle has no readable note. */
struct bundle_info {
    char hash[65];
    uint64_t version;
};

static int read_info(const char *bundle, struct bundle_info *bi)
{
    *bi = (struct bundle_info){0};
    char *p = path_join(bundle, INFO_FILE);
    char *s = file_read_all(p, NULL);
    free(p);
    if (!s)
        return -1;
    const char *h = strstr(s, "\"hash\":\""), *v = strstr(s, "\"version\":");
    if (h && strlen(h + 8) >= 64)
        memcpy(bi->hash, h + 8, 64);
    if (v)
        bi->version = strtoull(v + 10, NULL, 10);
    free(s);
    return 0;
}

static void set_msg(struct store_result *res, enum store_outcome o, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void set_msg(struct store_result *res, enum store_outcome o, const char *fmt, ...)
{
    res->outcome = o;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(res->message, sizeof res->message, fmt, ap);
    va_end(ap);
}

/* "a.yaml 第14行：..." - the first error in words a person at the screen can act on. */
static void first_error_words(const struct diag *d, char *out, size_t n)
{
    const struct diag_msg *m = diag_first_error(d);
    if (!m) {
        snprintf(out, n, "未知错误");
        return;
    }
    const char *base = m->file ? strrchr(m->file, '/') : NULL;
    base = base ? base + 1 : (m->file ? m->file : "");
    if (m->line > 0)
        snprintf(out, n, _("%s line %d: %s"), base, m->line, m->text);
    else
        snprintf(out, n, "%s：%s", base, m->text);
}

/* The store's disk said no (errno e): full, read-only, or another error - never "the stick
 * was pulled". */
static void store_write_failed(struct store_result *res, const char *dir, int e)
{
    if (e == ENOSPC || e == EDQUOT)
        set_msg(res, STORE_FAILED, _("This PC's storage is full (%s: %s); nothing was loaded. The board keeps playing its content."),
                dir, strerror(e));
    else if (e == EROFS)
        set_msg(res, STORE_FAILED, _("The content store %s is read-only (%s); nothing was loaded. The board keeps playing its content."),
                dir, strerror(e));
    else
        set_msg(res, STORE_FAILED, _("Cannot write to the content store %s (%s); nothing was loaded. The board keeps playing its content."),
                dir, strerror(e));
}

int store_import(const char *dir, const char *src, store_progress_fn progress, void *ctx,
                 struct store_result *res)
{
    return store_import_with(dir, src, NULL, progress, ctx, res);
}

/* One import, step by step: every step fills res and returns 0 to go on, 1 when the import
 * is complete without copying (unchanged), -1 when it ends here. */
struct import_job {
    const char *dir, *src;
    const struct store_policy *policy;
    store_progress_fn progress;
    void *ctx;
    struct store_result *res;
    bool signed_only;
    char *root, *staging;
    struct bundle_plan plan;
    struct manifest man;
    char hash[65];
    char cur_hash[65];    /* the bundle on screen ("" none), as store_current_info() says */
    uint64_t cur_version;
};

static struct validate_opts judge_opts(const struct import_job *j)
{
    return (struct validate_opts){.decode_images = true,
                                  .glyphs = j->policy ? j->policy->glyphs : NULL,
                                  .advise = j->policy ? j->policy->advise : NULL,
                                  .judging = j->policy ? j->policy->judging : NULL,
                                  .judging_ctx = j->policy ? j->policy->judging_ctx : NULL};
}

/* The signature before any YAML is parsed, then every playlist as `check` judges it, then
 * every used file covered by the signature. */
static int judge(struct import_job *j)
{
    struct store_result *res = j->res;
    char err[1024];
    if (j->signed_only && j->policy->judging)
        j->policy->judging(j->policy->judging_ctx, "SIGNATURE");
    if (j->signed_only && sign_verify(j->root, j->policy->trusted_keys, j->policy->ntrusted,
                                      &j->man, err, sizeof err) < 0) {
        diag_add(&res->diag, DIAG_ERROR, j->root, 0, 0, "%s", err);
        set_msg(res, STORE_REJECTED, _("The content failed the signature check (%s); nothing was loaded. The board keeps playing its content."),
                err);
        return -1;
    }
    const struct validate_opts opts = judge_opts(j);
    struct bundle_summary sum = {0};
    int errors = bundle_judge(j->root, &opts, &j->plan, &sum, &res->diag);
    snprintf(res->title, sizeof res->title, "%s", sum.title);
    res->slides = sum.slides;
    if (errors > 0) {
        char words[768];
        first_error_words(&res->diag, words, sizeof words);
        set_msg(res, STORE_REJECTED, _("The content has errors and was not loaded: %s. The board keeps playing its content."), words);
        return -1;
    }
    if (stick_preview_only(j->root)) { /* the author asked for report and preview only */
        set_msg(res, STORE_UNCHANGED, _("Preview only (the stick asks for it): the report and the preview are on the stick, nothing was loaded. You can remove the stick."));
        return 1;
    }
    for (size_t i = 0; j->signed_only && i < j->plan.n; i++) {
        const char *rel = j->plan.files[i].rel;
        if (!manifest_has(&j->man, rel)) {
            diag_add(&res->diag, DIAG_ERROR, j->root, 0, 0, _("%s is not covered by the signature"), rel);
            set_msg(res, STORE_REJECTED, _("%s is not covered by the signature; nothing was loaded. The board keeps playing its content."),
                    rel);
            return -1;
        }
    }
    return 0;
}

/* The bundle against what is on screen (the same content? an older version?) and the room
 * left on this PC. */
static int compare(struct import_job *j)
{
    struct store_result *res = j->res;
    if (bundle_hash(j->root, &j->plan, j->hash) < 0) {
        set_msg(res, STORE_ABORTED, _("The stick could not be read (pulled out?); nothing was loaded. The board keeps playing its content."));
        return -1;
    }
    if (j->cur_hash[0] && strcmp(j->cur_hash, j->hash) == 0) { /* res->bundle: the caller's */
        set_msg(res, STORE_UNCHANGED, _("The stick holds the content already on screen; nothing to load. You can remove the stick."));
        return 1;
    }
    if (j->signed_only && j->cur_hash[0] && j->man.version <= j->cur_version) {
        diag_add(&res->diag, DIAG_ERROR, j->root, 0, 0,
                 _("version %llu is not newer than the content on screen (version %llu)"),
                 (unsigned long long)j->man.version, (unsigned long long)j->cur_version);
        set_msg(res, STORE_REJECTED, _("The stick's content is older than what is on screen; nothing was loaded. The board keeps playing its content."));
        return -1;
    }
    struct statvfs vfs;
    if (statvfs(j->staging, &vfs) == 0 && /* the store's file system */
        (uint64_t)vfs.f_bavail * vfs.f_frsize < j->plan.total + (16u << 20)) {
        set_msg(res, STORE_FAILED, _("Not enough space on this PC (%llu MB needed); nothing was loaded. The board keeps playing its content."),
                (unsigned long long)(j->plan.total >> 20) + 16);
        return -1;
    }
    return 0;
}

/* A bundle that carries a MANIFEST (publish's) is stored only when every file copied is listed
 * there with the same hash, so a sync that began after the inbox found the bundle complete
 * cannot slip a newer file in. An inbox bundle must carry one (or a signature). */
static int match_manifest(struct import_job *j)
{
    struct manifest m;
    char err[512] = "";
    bool need = j->policy && j->policy->need_manifest && !j->signed_only;
    int rc = 0;
    if (manifest_load(j->root, MANIFEST_NAME, &m, err, sizeof err) < 0) {
        if (errno == ENOENT && !need)
            return 0;
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < j->plan.n; i++) {
        const struct manifest_file *f = NULL;
        for (size_t k = 0; k < m.n && !f; k++)
            if (strcmp(m.files[k].path, j->plan.files[i].rel) == 0)
                f = &m.files[k];
        char *to = path_join(j->staging, j->plan.files[i].rel), h2[65];
        if (!f || sign_hash_file(to, h2, NULL) < 0 || strcmp(h2, f->hash) != 0) {
            snprintf(err, sizeof err, _("%s does not match MANIFEST"), j->plan.files[i].rel);
            rc = -1;
        }
        free(to);
    }
    manifest_free(&m);
    if (rc < 0) {
        diag_add(&j->res->diag, DIAG_ERROR, j->src, 0, 0, "%s", err);
        set_msg(j->res, STORE_ABORTED, _("The content on the stick changed while it was being loaded (is something writing to it?); nothing was loaded. The board keeps playing its content."));
    }
    return rc;
}

/* After the copy: what was copied is what was signed; HEIC and WebP become JPEG; big JPEGs
 * are cut down for this screen. */
static int finish_files(struct import_job *j)
{
    struct store_result *res = j->res;
    for (size_t i = 0; j->signed_only && i < j->man.n; i++) {
        if (!bundle_plan_has(&j->plan, j->man.files[i].path))
            continue; /* extra files on the stick are not copied */
        char *to = path_join(j->staging, j->man.files[i].path), h2[65];
        int hr = sign_hash_file(to, h2, NULL);
        free(to);
        if (hr < 0 || strcmp(h2, j->man.files[i].hash) != 0) {
            set_msg(res, STORE_ABORTED, _("The import was interrupted (stick pulled out?); nothing was loaded. The board keeps playing its content."));
            return -1;
        }
    }
    for (size_t i = 0; i < j->plan.n; i++) { /* HEIC and WebP become JPEG, under the same name */
        char *to = path_join(j->staging, j->plan.files[i].rel), perr[512];
        int cv = photoconv_to_jpeg(to, perr, sizeof perr);
        free(to);
        if (cv < 0) { /* checked before copying, so this is a disk problem */
            diag_add(&res->diag, DIAG_ERROR, j->plan.files[i].rel, 0, 0, "%s", perr);
            set_msg(res, STORE_FAILED, _("A photo could not be converted to JPEG (%s); nothing was loaded. The board keeps playing its content."), j->plan.files[i].rel);
            return -1;
        }
    }
    for (size_t i = 0; j->policy && j->policy->prescale > 0 && i < j->plan.n; i++) {
        char *to = path_join(j->staging, j->plan.files[i].rel), perr[512];
        if (images_prescale_jpeg(to, j->policy->prescale, perr, sizeof perr) < 0)
            diag_add(&res->diag, DIAG_WARNING, j->src, 0, 0, _("%s (kept at full size)"), perr);
        free(to);
    }
    return 0;
}

/* The judge again, on the staging copy: the bytes stored are the bytes judged. The same
 * files at the same sizes, the same hash as on the stick, and no error - else something wrote
 * to the stick (or a hostile device answered differently) between judging and copying. */
static int rejudge(struct import_job *j)
{
    const struct validate_opts opts = judge_opts(j);
    struct bundle_plan again = {0};
    struct bundle_summary sum = {0};
    struct diag d = {0};
    int errors = bundle_judge(j->staging, &opts, &again, &sum, &d);
    bool same = errors == 0 && again.n == j->plan.n;
    for (size_t i = 0; same && i < j->plan.n; i++)
        same = strcmp(again.files[i].rel, j->plan.files[i].rel) == 0 &&
               again.files[i].size == j->plan.files[i].size;
    char h2[65];
    same = same && bundle_hash(j->staging, &j->plan, h2) == 0 && strcmp(h2, j->hash) == 0;
    if (!same) {
        const struct diag_msg *m = diag_first_error(&d);
        diag_add(&j->res->diag, DIAG_ERROR, j->src, 0, 0, "%s",
                 m ? m->text : _("the files changed while they were being copied"));
        set_msg(j->res, STORE_ABORTED, _("The content on the stick changed while it was being loaded (is something writing to it?); nothing was loaded. The board keeps playing its content."));
    }
    bundle_plan_free(&again);
    diag_free(&d);
    return same ? 0 : -1;
}

/* Copies the files into the (empty) staging folder, finishes them, fsyncs every folder made
 * and describes the bundle in its note. */
static int stage(struct import_job *j, char stamp[32])
{
    struct store_result *res = j->res;
    char err[1024];
    const char *store = j->dir ? j->dir : j->staging; /* a confined judge knows only staging */
    int werr = 0;
    if (bundle_copy(j->root, &j->plan, j->staging, j->progress, j->ctx, &werr, err, sizeof err) < 0) {
        diag_add(&res->diag, DIAG_ERROR, j->src, 0, 0, "%s", err);
        if (werr) /* the PC's disk said no, not the stick */
            store_write_failed(res, store, werr);
        else
            set_msg(res, STORE_ABORTED, _("The import was interrupted (stick pulled out?); nothing was loaded. The board keeps playing its content."));
        return -1;
    }
    if (rejudge(j) < 0 || match_manifest(j) < 0)
        return -1;
    if (finish_files(j) < 0)
        return -1;
    for (size_t i = 0; i < j->plan.n; i++) {
        char *to = path_join(j->staging, j->plan.files[i].rel), *parent = path_dirname(to);
        fileio_fsync_path(parent);
        free(to), free(parent);
    }
    hb_local_time(stamp, 32, "%Y%m%dT%H%M%S");
    struct strbuf info = {0};
    sb_printf(&info, "{\"hash\":\"%s\",\"version\":%llu,\"slides\":%d,\"files\":%zu,\"bytes\":%llu,\"imported\":\"%s\",\"title\":",
              j->hash, (unsigned long long)j->man.version, res->slides, j->plan.n,
              (unsigned long long)j->plan.total, stamp);
    sb_json_str(&info, res->title);
    sb_puts(&info, ",\"source\":");
    sb_json_str(&info, j->src);
    sb_puts(&info, "}\n");
    char *info_path = path_join(j->staging, INFO_FILE);
    int rc = fileio_write_atomic(info_path, info.s, info.len, 0644, true), e = errno;
    free(info_path);
    sb_free(&info);
    fileio_fsync_path(j->staging);
    if (rc < 0)
        store_write_failed(res, store, e);
    return rc;
}

/* The staged bundle becomes bundles/<stamp>-<hash> and `current`, with one rename each. */
static int commit(struct import_job *j, const char *stamp)
{
    struct store_result *res = j->res;
    char *id = xasprintf("bundles/%s-%.12s", stamp, j->hash);
    char *final = path_join(j->dir, id);
    int rc = -1;
    rm_rf(final); /* the same content imported again within the same second */
    if (rename(j->staging, final) < 0) {
        store_write_failed(res, j->dir, errno);
        goto out;
    }
    char *bdir = path_join(j->dir, "bundles");
    fileio_fsync_path(bdir);
    free(bdir);
    char *old = link_target(j->dir, "current");
    if (old)
        set_link(j->dir, "previous", old);
    free(old);
    if (set_link(j->dir, "current", id) < 0) {
        store_write_failed(res, j->dir, errno);
        goto out;
    }
    snprintf(res->bundle, sizeof res->bundle, "%s", final);
    cleanup(j->dir);
    set_msg(res, STORE_OK, _("New content loaded: %s, %d slides. You can remove the stick."),
            res->title[0] ? res->title : "（无标题）", res->slides);
    rc = 0;
out:
    free(id), free(final);
    return rc;
}

/* No bundle folder at src: say what is there instead. */
static void no_bundle(const char *src, struct store_result *res)
{
    char *near = stick_near_miss(src);
    if (near) {
        set_msg(res, STORE_REJECTED, _("The folder on the stick is named '%s'; it must be named honorboard. Nothing was loaded. The board keeps playing its content."), near);
        diag_add(&res->diag, DIAG_ERROR, near, 0, 0,
                 _("this folder must be named honorboard (rename it, then plug the stick in again)"));
    } else {
        set_msg(res, STORE_REJECTED, _("%s holds no honorboard folder or playlists. The board keeps playing its content."), src);
        diag_add(&res->diag, DIAG_ERROR, src, 0, 0, _("no honorboard/ folder with playlists here"));
    }
    free(near);
}

void store_discard(const char *staging)
{
    rm_rf(staging);
}

int store_current_info(const char *dir, char hash[65], uint64_t *version)
{
    char *cur = store_current(dir);
    struct bundle_info bi = {0};
    int rc = cur ? read_info(cur, &bi) : -1;
    free(cur);
    memcpy(hash, bi.hash, 65);
    *version = bi.version;
    return rc;
}

int store_stage(const char *staging, const char *src, const struct store_policy *policy,
                store_progress_fn progress, void *ctx, struct store_result *res,
                struct store_staged *st)
{
    if (sodium_init() < 0) {
        set_msg(res, STORE_FAILED, _("libsodium cannot start"));
        return -1;
    }
    struct import_job j = {.src = src, .policy = policy, .progress = progress, .ctx = ctx,
                           .res = res, .signed_only = policy && policy->ntrusted > 0,
                           .root = store_bundle_root(src), .staging = (char *)staging,
                           .cur_version = st->cur_version};
    memcpy(j.cur_hash, st->cur_hash, sizeof j.cur_hash);
    if (!j.root) {
        no_bundle(src, res);
        return -1;
    }
    int step = judge(&j);
    if (step == 0)
        step = compare(&j);
    if (step == 0)
        step = stage(&j, st->stamp);
    if (step == 0)
        res->outcome = STORE_OK; /* staged; store_commit() says so to the screen */
    memcpy(st->hash, j.hash, sizeof st->hash);
    st->version = j.man.version;
    free(j.root);
    bundle_plan_free(&j.plan);
    manifest_free(&j.man);
    return step < 0 ? -1 : 0;
}

int store_commit(const char *dir, const char *staging, const struct store_staged *st,
                 struct store_result *res)
{
    size_t sl = strlen(st->stamp);
    if (strlen(st->hash) != 64 || strspn(st->hash, "0123456789abcdef") != 64 || sl == 0 ||
        strspn(st->stamp, "0123456789T") != sl) { /* it came from the checker process */
        set_msg(res, STORE_FAILED, _("cannot store the bundle: %s"), "no content hash");
        return -1;
    }
    struct import_job j = {.dir = dir, .res = res, .staging = (char *)staging};
    memcpy(j.hash, st->hash, sizeof j.hash);
    return commit(&j, st->stamp);
}

int store_begin(const char *dir, const struct store_policy *policy, struct store_result *res)
{
    char err[1024];
    char *bdir = path_join(dir, "bundles");
    int mk = path_mkdirs(bdir), mk_errno = errno;
    free(bdir);
    if (mk < 0) {
        store_write_failed(res, dir, mk_errno);
        return -1;
    }
    /* one writer: a second import (the player's and one by hand) waits here, or says busy */
    double wait = policy && policy->lock_wait != 0 ? policy->lock_wait : STORE_LOCK_WAIT;
    int lock = store_lock(dir, wait, err, sizeof err);
    if (lock < 0) {
        if (errno == EBUSY)
            set_msg(res, STORE_FAILED, "%s", err);
        else
            store_write_failed(res, dir, errno);
        diag_add(&res->diag, DIAG_ERROR, dir, 0, 0, "%s", err);
        return -1;
    }
    open_locked(dir, err, sizeof err); /* a lost `current` recovered, leftovers removed */
    return lock;
}

void store_end(int lock)
{
    store_unlock(lock);
}

int store_import_with(const char *dir, const char *src, const struct store_policy *policy,
                      store_progress_fn progress, void *ctx, struct store_result *res)
{
    *res = (struct store_result){0};
    int lock = store_begin(dir, policy, res);
    if (lock < 0)
        return -1;
    struct store_staged st = {0};
    store_current_info(dir, st.cur_hash, &st.cur_version);
    char *staging = xasprintf("%s/staging-%d", dir, (int)getpid());
    rm_rf(staging);
    int rc = -1;
    if (path_mkdirs(staging) < 0) {
        store_write_failed(res, dir, errno);
    } else {
        rc = store_stage(staging, src, policy, progress, ctx, res, &st);
        if (rc == 0 && res->outcome == STORE_OK)
            rc = store_commit(dir, staging, &st, res);
        else if (rc == 0 && res->outcome == STORE_UNCHANGED && st.cur_hash[0] &&
                 strcmp(st.hash, st.cur_hash) == 0) { /* the same content, not preview-only */
            char *cur = store_current(dir);
            snprintf(res->bundle, sizeof res->bundle, "%s", cur ? cur : "");
            free(cur);
        }
    }
    if (res->outcome != STORE_OK || rc < 0)
        rm_rf(staging);
    store_end(lock);
    free(staging);
    return rc;
}

int store_rollback(const char *dir, char *err, size_t errlen)
{
    int lock = store_lock(dir, STORE_LOCK_WAIT, err, errlen);
    if (lock < 0)
        return -1;
    char *cur = link_target(dir, "current"), *prev = link_target(dir, "previous");
    int rc = -1;
    if (!complete_bundle(dir, prev)) {
        snprintf(err, errlen, "there is no previous bundle in %s to go back to", dir);
    } else if (set_link(dir, "current", prev) < 0) {
        snprintf(err, errlen, "cannot switch %s/current: %s", dir, strerror(errno));
    } else {
        if (cur)
            set_link(dir, "previous", cur);
        rc = 0;
    }
    store_unlock(lock);
    free(cur);
    free(prev);
    return rc;
}

/* line with every "root/" taken out: paths as the author sees them in the honorboard folder */
static char *relative_paths(const char *line, const char *root)
{
    struct strbuf b = {0};
    char *pre = xasprintf("%s/", root);
    size_t pl = strlen(pre);
    for (const char *s = line; *s;) {
        const char *hit = strstr(s, pre);
        if (!hit) {
            sb_puts(&b, s);
            break;
        }
        sb_add(&b, s, (size_t)(hit - s));
        s = hit + pl;
    }
    free(pre);
    return b.s ? b.s : xstrdup("");
}

/* One REPORT.txt line, CRLF so Notepad shows the lines. */
static void report_line(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report_line(struct strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *line = NULL;
    if (vasprintf(&line, fmt, ap) < 0)
        line = NULL;
    va_end(ap);
    sb_puts(b, line ? line : "");
    sb_puts(b, "\r\n");
    free(line);
}

void store_write_report(const char *src, const struct store_result *res)
{
    char *root = store_bundle_root(src);
    if (!root) { /* a near miss (Honorbaord/): the report goes to the stick's root */
        char *near = stick_near_miss(src);
        if (!near)
            return;
        free(near);
        root = xstrdup(src);
    }
    char when[64];
    hb_local_time(when, sizeof when, "%Y-%m-%d %H:%M:%S");
    /* In the board's language (i18n.h), every path relative to the honorboard folder. */
    static const char *const outcome[] = {N_("ok"), N_("rejected"), N_("unchanged"),
                                          N_("aborted"), N_("failed")};
    struct strbuf b = {0};
    report_line(&b, "%s", _("honorboard import report"));
    report_line(&b, _("time: %s"), when);
    report_line(&b, _("result: %s"), res->outcome <= STORE_FAILED ? _(outcome[res->outcome]) : "?");
    char *msg = relative_paths(res->message, root);
    report_line(&b, "%s", msg);
    free(msg);
    if (res->slides)
        report_line(&b, _("slides: %d"), res->slides);
    report_line(&b, "%s", "");
    report_line(&b, _("errors: %d, warnings: %d"), res->diag.errors, res->diag.warnings);
    for (size_t i = 0; i < res->diag.n; i++) {
        char *line = diag_format(&res->diag.msgs[i]);
        char *shown = relative_paths(line, root); /* as the author sees them on the stick */
        report_line(&b, "%s", shown);
        free(shown);
        free(line);
    }
    char *p = path_join(root, "REPORT.txt");
    fileio_write_atomic(p, b.s, b.len, 0644, true); /* best effort: the stick may be read-only */
    free(p);
    sb_free(&b);
    free(root);
}

void store_result_free(struct store_result *res)
{
    diag_free(&res->diag);
}
