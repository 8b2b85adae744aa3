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

/* "bundles/<name>" with a plain name (what the store itself writes), holding its STORE_INFO_FILE.
 */
bool store_complete_bundle(const char *dir, const char *rel)
{
    if (!rel || strncmp(rel, "bundles/", 8) != 0 || !rel[8] || rel[8] == '.' ||
        strchr(rel + 8, '/'))
        return false;
    char *info = xasprintf("%s/%s/" STORE_INFO_FILE, dir, rel);
    struct stat st;
    bool ok = lstat(info, &st) == 0 && S_ISREG(st.st_mode);
    free(info);
    return ok;
}

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
        if (!store_complete_bundle(dir, rel) || (except && strcmp(rel, except) == 0)) {
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
    char *cur = store_link_target(dir, "current");
    *how = 0;
    if (store_complete_bundle(dir, cur))
        return cur;
    free(cur);
    char *prev = store_link_target(dir, "previous");
    *how = 1;
    if (store_complete_bundle(dir, prev))
        return prev;
    free(prev);
    *how = 2;
    return newest_bundle(dir, NULL);
}

static void recovery_words(const char *dir, const char *rel, int how, char *warn, size_t n)
{
    if (warn && n)
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
    store_set_link(dir, "current", rel);
    char *other = newest_bundle(dir, rel);
    if (other)
        store_set_link(dir, "previous", other);
    free(other);
    free(rel);
    return how;
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
    char *cur = store_current(dir);
    struct bundle_info bi = {0};
    int rc = cur ? read_info(cur, &bi) : -1;
    free(cur);
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
