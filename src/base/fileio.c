/* fileio.c - copy, atomic whole-file writes, folder fsync and the BLAKE2b helpers (fileio.h). */
#include "base/fileio.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1 << 20)

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

int64_t fileio_copy_fd(int in, int out, fileio_progress_fn progress, void *ctx, bool *read_failed)
{
    char *buf = xmalloc(CHUNK);
    int64_t total = 0;
    if (read_failed)
        *read_failed = false;
    for (;;) {
        ssize_t n = read(in, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && read_failed)
            *read_failed = true;
        if (n < 0 || (n > 0 && write_all(out, buf, (size_t)n) < 0))
            goto fail;
        if (n == 0)
            break;
        total += n;
        if (progress && !progress(ctx, (uint64_t)total)) {
            errno = ECANCELED;
            goto fail;
        }
    }
    free(buf);
    return total;
fail:
    free(buf);
    return -1;
}

char *fileio_temp_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xasprintf(".%s.tmp", path);
    return xasprintf("%.*s/.%s.tmp", (int)(slash - path), path, slash + 1);
}

int fileio_open_dir(const char *dir)
{
#ifdef _WIN32
    return compat_open_dir(dir);
#else
    return open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#endif
}

int fileio_create_temp_at(int dfd, const char *name, mode_t mode)
{
    const int flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;
    int fd = openat(dfd, name, flags, mode);
    if (fd < 0 && errno == EEXIST) { /* a stale temporary, or a FIFO or link put there */
        if (unlinkat(dfd, name, 0) < 0 && errno != ENOENT)
            return -1;
        fd = openat(dfd, name, flags, mode);
    }
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return -1;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0)
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    return fd;
}

int fileio_write_atomic_at(int dfd, const char *name, const void *data, size_t len, mode_t mode,
                           bool durable)
{
    if (!name[0] || strchr(name, '/')) {
        errno = EINVAL;
        return -1;
    }
    char *tmp = xasprintf(".%s.tmp", name);
    int fd = fileio_create_temp_at(dfd, tmp, mode);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        errno = e;
        return -1;
    }
    int rc = write_all(fd, data, len);
    if (rc == 0 && durable)
        rc = fsync(fd);
    int saved = errno;
    if (close(fd) < 0 && rc == 0)
        rc = -1, saved = errno;
    if (rc == 0 && renameat(dfd, tmp, dfd, name) < 0) /* replaces a link or FIFO, never follows */
        rc = -1, saved = errno;
    if (rc < 0)
        unlinkat(dfd, tmp, 0);
    else if (durable)
        fsync(dfd);
    free(tmp);
    errno = saved;
    return rc;
}

int fileio_write_atomic(const char *path, const void *data, size_t len, mode_t mode, bool durable)
{
    char *dir = path_dirname(path);
    const char *slash = strrchr(path, '/');
    int dfd = fileio_open_dir(dir);
    free(dir);
    if (dfd < 0)
        return -1;
    int rc = fileio_write_atomic_at(dfd, slash ? slash + 1 : path, data, len, mode, durable);
    int e = errno;
    close(dfd);
    errno = e;
    return rc;
}

void fileio_fsync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int fileio_sync_fs_begin(const char *path)
{
    return open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

#ifdef __linux__
/* Every file under the folder dfd fdatasync'ed, every folder under it synced, then dfd itself
 * (TAKES dfd). Links are not followed: staging holds none. The first errno, or 0. */
static int sync_tree_at(int dfd)
{
    int e = 0;
    DIR *d = fdopendir(dfd);
    if (!d) {
        e = errno;
        close(dfd);
        return e;
    }
    struct dirent *ent;
    for (;;) {
        errno = 0;
        if (!(ent = readdir(d))) {
            if (errno && !e) /* a folder that could not be read is not synced */
                e = errno;
            break;
        }
        struct stat st;
        if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
            continue;
        if (fstatat(dirfd(d), ent->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
            if (!e)
                e = errno;
            continue;
        }
        if (!(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)))
            continue;
        int fd = openat(dirfd(d), ent->d_name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
        int fe = fd < 0                ? errno
                 : S_ISDIR(st.st_mode) ? sync_tree_at(fd) /* takes fd */
                 : fdatasync(fd) < 0   ? errno
                                       : 0;
        if (fd >= 0 && !S_ISDIR(st.st_mode))
            close(fd);
        if (fe && !e)
            e = fe;
    }
    if (fsync(dirfd(d)) < 0 && !e)
        e = errno;
    closedir(d);
    return e;
}
#endif

int fileio_sync_fs_end(int fd)
{
    if (fd < 0) {
        errno = EBADF;
        return -1;
    }
#ifdef __linux__
    int e = sync_tree_at(fd); /* takes fd */
#else
    int e = fsync(fd) < 0 ? errno : 0; /* imports (its only user) are Linux-only */
    close(fd);
#endif
    errno = e;
    return e ? -1 : 0;
}

void fileio_start_writeback(int fd)
{
#ifdef __linux__
    sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE); /* a hint: its failure changes nothing */
#else
    (void)fd;
#endif
}

void hash_init(struct hash *h)
{
    crypto_generichash_init(&h->st, NULL, 0, 32);
}

void hash_update(struct hash *h, const void *data, size_t n)
{
    crypto_generichash_update(&h->st, data, n);
}

void hash_update_str(struct hash *h, const char *s)
{
    hash_update(h, s, strlen(s) + 1);
}

int hash_update_fd(struct hash *h, int fd, uint64_t *size)
{
    unsigned char *buf = xmalloc(CHUNK);
    uint64_t total = 0;
    ssize_t n;
    while ((n = read(fd, buf, CHUNK)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        hash_update(h, buf, (size_t)n);
        total += (uint64_t)n;
    }
    free(buf);
    if (size)
        *size = total;
    return n < 0 ? -1 : 0;
}

void hash_final_hex(struct hash *h, char out[65])
{
    unsigned char d[32];
    crypto_generichash_final(&h->st, d, sizeof d);
    sodium_bin2hex(out, 65, d, sizeof d);
}

/* ---- a folder's stamp ------------------------------------------------------------------------ */

static struct hash *stamp_hash; /* nftw has no context pointer; one stamp at a time (below) */
static size_t stamp_root_len;

static int stamp_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)flag, (void)ftw;
    hash_update_str(stamp_hash, path + stamp_root_len);
    int64_t v[4] = {(int64_t)st->st_mode, (int64_t)st->st_size, (int64_t)st->st_mtime,
                    (int64_t)fileio_mtime_nsec(st)};
    hash_update(stamp_hash, v, sizeof v);
    return 0;
}

void fileio_tree_stamp(const char *path, char out[65])
{
    static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    struct hash h;
    hash_init(&h);
    hash_update_str(&h, path);
    pthread_mutex_lock(&mu);
    stamp_hash = &h;
    stamp_root_len = strlen(path);
    nftw(path, stamp_entry, 16, FTW_PHYS);
    stamp_hash = NULL;
    pthread_mutex_unlock(&mu);
    hash_final_hex(&h, out);
}
