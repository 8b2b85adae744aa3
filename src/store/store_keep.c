/* store_keep.c - the store's own folder kept sound (store.h; what store_stage.c needs of it in
 * store_keep.h): the one writer's lock (STORE/lock, store_begin/store_end), the `current` and
 * `previous` links, recovery of a lost `current` (previous, else the newest complete bundle -
 * never by deleting), pins of the bundle a running player shows, cleanup of what is neither
 * current, previous nor pinned, and rollback. */
#include "base/fileio.h"
#include "base/i18n.h"
#include "store/store_keep.h"
#include "store/store_result.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

int store_rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The bundle folder name a symlink in the store points at ("bundles/<id>"), or NULL. */
char *store_link_target(const char *dir, const char *name)
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
int store_set_link(const char *dir, const char *name, const char *target)
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
int store_lock(const char *dir, double wait_s, char *err, size_t errlen)
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
            snprintf(err, errlen,
                     _("the content store %s is busy: another import or rollback is running "
                       "(process %s); try again when it has finished"),
                     dir, holder[0] ? holder : "?");
            close(fd);
            errno = EBUSY;
            return -1;
        }
        if (!told) { /* a person at a terminal should know why nothing happens */
            fprintf(stderr,
                    "honorboard: the content store %s is busy (process %s); waiting up to %.0f s\n",
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

void store_unlock(int fd)
{
    if (fd >= 0)
        close(fd); /* closing releases the flock */
}

/* ---- what is a complete bundle, and which one to play --------------------------------------- */

/* When a complete bundle was made: its info note's time (written last by the import). */
static struct timespec bundle_time(const char *dir, const char *rel)
{
    char *info = xasprintf("%s/%s/" STORE_INFO_FILE, dir, rel);
    struct stat st;
    struct timespec t = {0};
    if (lstat(info, &st) == 0)
        t = st.st_mtim;
    free(info);
    return t;
}

struct dated {
    char *rel;
    struct timespec t;
};

static int newer_first(const void *a, const void *b)
{
    const struct dated *x = a, *y = b;
    if (x->t.tv_sec != y->t.tv_sec)
        return x->t.tv_sec > y->t.tv_sec ? -1 : 1;
    return x->t.tv_nsec > y->t.tv_nsec ? -1 : x->t.tv_nsec < y->t.tv_nsec ? 1 : 0;
}

/* Every complete bundle ("bundles/<name>") but `except`, newest first. Caller frees each rel
 * and the array (dated_free). */
static size_t complete_bundles(const char *dir, const char *except, struct dated **out)
{
    char *bdir = path_join(dir, "bundles");
    DIR *d = opendir(bdir);
    free(bdir);
    struct dated *v = NULL;
    size_t n = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *rel = xasprintf("bundles/%s", e->d_name);
        if (!store_complete_bundle(dir, rel) || (except && strcmp(rel, except) == 0)) {
            free(rel);
            continue;
        }
        v = xrealloc(v, (n + 1) * sizeof *v);
        v[n++] = (struct dated){rel, bundle_time(dir, rel)};
    }
    if (d)
        closedir(d);
    if (n)
        qsort(v, n, sizeof *v, newer_first);
    *out = v;
    return n;
}

static void dated_free(struct dated *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i].rel);
    free(v);
}

/* The newest complete bundle other than `except`, or NULL. Caller frees. */
static char *newest_bundle(const char *dir, const char *except)
{
    struct dated *v;
    size_t n = complete_bundles(dir, except, &v);
    char *best = n ? xstrdup(v[0].rel) : NULL;
    dated_free(v, n);
    return best;
}

/* The newest whole bundle, or NULL; damaged ones passed over are noted in p (and put aside
 * with `aside`). Caller frees. */
static char *newest_whole(const char *dir, bool aside, struct store_passed *p)
{
    struct dated *v;
    size_t n = complete_bundles(dir, NULL, &v);
    char *best = NULL;
    for (size_t i = 0; i < n && !best; i++)
        if (store_whole_or_note(dir, v[i].rel, aside, p))
            best = xstrdup(v[i].rel);
    dated_free(v, n);
    return best;
}

/* Which bundle to play ("bundles/<name>"), and whether `current` had to be passed over:
 * *how is 0 (current), 1 (previous) or 2 (the newest whole bundle). Every candidate is
 * verified (bundle_whole); damaged ones are noted in *p, and put aside with `aside` (only
 * under the writer lock). NULL when the store holds no whole bundle. */
static char *resolve(const char *dir, int *how, bool aside, struct store_passed *p)
{
    *p = (struct store_passed){0};
    static const char *const links[] = {"current", "previous"};
    for (int i = 0; i < 2; i++) {
        *how = i;
        char *rel = store_link_target(dir, links[i]);
        if (rel && store_whole_or_note(dir, rel, aside, p))
            return rel;
        free(rel);
    }
    *how = 2;
    return newest_whole(dir, aside, p);
}

/* The sentence for the status and the log when `current` was passed over. */
static void recovery_words(const char *dir, const char *rel, int how, const struct store_passed *p,
                           char *warn, size_t n)
{
    if (!warn || !n)
        return;
    if (p->rel[0])
        snprintf(warn, n,
                 p->aside ? _("the content store's bundle %s was damaged (%s); it was put aside in "
                              "%s/damaged and %s plays instead")
                          : _("the content store's bundle %s is damaged (%s); in %s, %s plays "
                              "instead"),
                 p->rel, p->why, dir, rel);
    else
        snprintf(warn, n,
                 how == 1 ? _("the content store's 'current' link in %s was missing or broken; "
                              "playing the previous bundle %s")
                          : _("the content store's 'current' link in %s was missing or broken; "
                              "playing the newest complete bundle %s"),
                 dir, rel);
}

char *store_current_warn(const char *dir, char *warn, size_t warnlen)
{
    if (warn && warnlen)
        warn[0] = '\0';
    int how;
    struct store_passed p;
    char *rel = resolve(dir, &how, false, &p);
    if (!rel)
        return NULL;
    if (how || p.rel[0])
        recovery_words(dir, rel, how, &p, warn, warnlen);
    char *path = path_join(dir, rel);
    char *real = realpath(path, NULL);
    free(path);
    free(rel);
    return real;
}

char *store_current(const char *dir)
{
    return store_current_warn(dir, NULL, 0);
}

/* Under the lock: a `current` that is not a link (a folder made by hand) is put aside, then
 * a lost or damaged `current` is pointed at what resolve() found (damaged bundles put aside).
 * When that was `previous`, `previous` then names the newest other complete bundle, so
 * nothing stored is left unnamed (and cleanup keeps it; `import --rollback` reaches it).
 * Returns how (0 = nothing to do). */
static int recover(const char *dir, char *warn, size_t warnlen)
{
    char *curp = path_join(dir, "current");
    struct stat st;
    bool wrong = lstat(curp, &st) == 0 && !S_ISLNK(st.st_mode);
    free(curp);
    if (wrong)
        store_put_aside(dir, "current");
    int how;
    struct store_passed p;
    char *rel = resolve(dir, &how, true, &p);
    if (!rel && p.rel[0]) { /* nothing whole is left: say what was put aside */
        snprintf(warn, warnlen,
                 _("the content store's bundle %s was damaged (%s); it was put aside in "
                   "%s/damaged, and no whole bundle is left to play"),
                 p.rel, p.why, dir);
        fprintf(stderr, "honorboard: %s\n", warn);
        return 2;
    }
    if (!rel || (how == 0 && !p.rel[0] && !wrong)) {
        free(rel);
        return 0;
    }
    recovery_words(dir, rel, how, &p, warn, warnlen);
    if (wrong && !p.rel[0])
        snprintf(warn, warnlen,
                 _("the content store's 'current' link in %s was missing or broken (a file or "
                   "folder, not a link); it was put aside in %s/damaged and %s plays"),
                 dir, dir, rel);
    fprintf(stderr, "honorboard: %s\n", warn);
    store_set_link(dir, "current", rel);
    char *other = newest_bundle(dir, rel);
    if (other)
        store_set_link(dir, "previous", other);
    char *prev = other ? NULL : store_link_target(dir, "previous");
    if (prev && !store_complete_bundle(dir, prev)) { /* it was put aside: name nothing */
        char *pp = path_join(dir, "previous");
        unlink(pp);
        free(pp);
    }
    free(prev);
    free(other);
    free(rel);
    return how ? how : 1;
}

/* ---- pins: a running player's bundle ----------------------------------------------------------
 */

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

/* Whether name is the preview sheets (STAGING.sheets) of an import whose process still runs:
 * its checker drew them, and judge_preview() copies them onto the stick after the store's lock
 * is let go - another writer's cleanup meanwhile (this one's own commit, `honorboard import`
 * beside the player) must leave them. Those of a process that died are removed. */
static bool sheets_in_use(const char *name)
{
    int pid = 0, end = 0;
    if (sscanf(name, "staging-%d.sheets%n", &pid, &end) != 1 || name[end] != '\0' || pid <= 0)
        return false;
    return kill((pid_t)pid, 0) == 0 || errno == EPERM; /* this process's own too */
}

/* Removes staging folders, half-made links and bundles neither current nor previous nor pinned
 * by a running player. Only under the writer lock, and only once `current` is sound. */
void store_cleanup(const char *dir)
{
    char *cur = store_link_target(dir, "current"), *prev = store_link_target(dir, "previous");
    if (!store_complete_bundle(dir, cur)) { /* never guess what is on screen: delete nothing */
        free(cur);
        free(prev);
        return;
    }
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (sheets_in_use(e->d_name))
            continue;
        if (strncmp(e->d_name, "staging-", 8) == 0 ||
            (n > 4 && strcmp(e->d_name + n - 4, ".new") == 0)) {
            char *p = path_join(dir, e->d_name);
            store_rm_rf(p);
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
                store_rm_rf(p);
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
void store_open_locked(const char *dir, char *warn, size_t warnlen)
{
    recover(dir, warn, warnlen);
    store_cleanup(dir);
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
    store_open_locked(dir, err, errlen);
    store_unlock(lock);
    return 0;
}

/* What the store noted about a bundle (its STORE_INFO_FILE): the content hash and the signed
 * version. Returns 0, or -1 when the bundle has no readable note. */
struct bundle_info {
    char hash[65];
    uint64_t version;
    int slides;
};

static int read_info(const char *bundle, struct bundle_info *bi)
{
    *bi = (struct bundle_info){0};
    char *p = path_join(bundle, STORE_INFO_FILE);
    char *s = file_read_all(p, NULL);
    free(p);
    if (!s)
        return -1;
    const char *h = strstr(s, "\"hash\":\""), *v = strstr(s, "\"version\":");
    if (h && strlen(h + 8) >= 64)
        memcpy(bi->hash, h + 8, 64);
    if (v)
        bi->version = strtoull(v + 10, NULL, 10);
    const char *n = strstr(s, "\"slides\":");
    if (n)
        bi->slides = atoi(n + 9);
    free(s);
    return 0;
}

void store_discard(const char *staging)
{
    store_rm_rf(staging);
}

int store_bundle_info(const char *bundle, char hash[65], uint64_t *version)
{
    struct bundle_info bi = {0};
    int rc = read_info(bundle, &bi);
    memcpy(hash, bi.hash, 65);
    *version = bi.version;
    return rc;
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

int store_current_slides(const char *dir)
{
    /* the `current` link's bundle as it is: a count for a message is no reason to hash it
     * whole as store_current() does */
    char *rel = store_link_target(dir, "current"), *cur = rel ? path_join(dir, rel) : NULL;
    struct bundle_info bi = {0};
    int rc = cur ? read_info(cur, &bi) : -1;
    free(cur), free(rel);
    return rc < 0 ? 0 : bi.slides;
}

/* ---- one writer from start to end, and rollback ------------------------------------------- */

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
            store_set_msg(res, STORE_FAILED, "%s", err);
        else
            store_write_failed(res, dir, errno);
        diag_add(&res->diag, DIAG_ERROR, dir, 0, 0, "%s", err);
        return -1;
    }
    store_open_locked(dir, err, sizeof err); /* a lost `current` recovered, leftovers removed */
    return lock;
}

void store_end(int lock)
{
    store_unlock(lock);
}

int store_rollback(const char *dir, char *err, size_t errlen)
{
    int lock = store_lock(dir, STORE_LOCK_WAIT, err, errlen);
    if (lock < 0)
        return -1;
    char *cur = store_link_target(dir, "current"), *prev = store_link_target(dir, "previous");
    int rc = -1;
    if (!store_complete_bundle(dir, prev)) {
        snprintf(err, errlen, "there is no previous bundle in %s to go back to", dir);
    } else if (store_set_link(dir, "current", prev) < 0) {
        snprintf(err, errlen, "cannot switch %s/current: %s", dir, strerror(errno));
    } else {
        if (cur)
            store_set_link(dir, "previous", cur);
        rc = 0;
    }
    store_unlock(lock);
    free(cur);
    free(prev);
    return rc;
}
