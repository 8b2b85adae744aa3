/* fileio.h - the file habits every writer shares, written once: copy with plain read/write
 * (never mmap a stick), write a whole file atomically (a hidden temporary file, fsync, rename,
 * fsync of the folder), fsync a folder, and BLAKE2b-256 (libsodium) of bytes and files. */
#ifndef HB_FILEIO_H
#define HB_FILEIO_H

#include <sys/stat.h>
#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Called after every chunk with the bytes this copy has moved so far; false stops the copy. */
typedef bool (*fileio_progress_fn)(void *ctx, uint64_t copied);

/* Copies everything fd `in` reads to fd `out` (neither is closed), retrying EINTR and short
 * writes. progress may be NULL. Returns the bytes copied, or -1 with errno (ECANCELED when
 * progress stopped it; `*read_failed` (may be NULL) tells a read error from a write error). */
int64_t fileio_copy_fd(int in, int out, fileio_progress_fn progress, void *ctx, bool *read_failed);

/* Replaces path with len bytes of data, atomically: written to .NAME.tmp beside it (mode for a
 * new file), fsynced when `durable`, renamed over path; the folder is fsynced when durable.
 * Readers see the old file or the new one, never a part. 0, or -1 with errno (no temporary file
 * is left behind). */
int fileio_write_atomic(const char *path, const void *data, size_t len, mode_t mode, bool durable);
/* The same, relative to the folder dfd (name is one component, no '/'): the temporary is
 * created with O_EXCL | O_NOFOLLOW | O_NONBLOCK (whatever held its name before - a FIFO, a
 * link, a stale file - is removed, never opened) and renamed over name with renameat(), which
 * replaces a link rather than following it. What a stick's folder is written with. */
int fileio_write_atomic_at(int dfd, const char *name, const void *data, size_t len, mode_t mode,
                           bool durable);
/* A folder fd of dir for the *at calls: open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC); on
 * Windows compat_open_dir() (compat_win.h). An fd, or -1 with errno. */
int fileio_open_dir(const char *dir);
/* A new regular file `name` in folder dfd, for writing: made with O_EXCL | O_NOFOLLOW |
 * O_NONBLOCK (a FIFO, link or stale file of that name is unlinked first), checked with fstat,
 * then made blocking. An fd, or -1 with errno. */
int fileio_create_temp_at(int dfd, const char *name, mode_t mode);
/* The temporary name fileio_write_atomic() uses for path. Caller frees. */
char *fileio_temp_name(const char *path);

/* fsync()s a folder (or a file), ignoring errors: best effort after renames. */
void fileio_fsync_path(const char *path);
/* Everything written under the folder path from now on, on the disk at the end: _begin() opens
 * the folder before the first write, _end() after the last flushes every file under it
 * (fdatasync) and every folder, deepest first, and closes the descriptor. Only this tree: a
 * syncfs would also wait for every other program's unwritten data on the same disk (a copy of
 * 330 MB made just before doubled an import's wait). A write-back error on a file is reported
 * when its fdatasync finds it: Linux keeps an error no descriptor has seen on the file's inode
 * for the next fsync, as long as the inode stays in memory - the seconds of an import, unless
 * the PC runs out of memory meanwhile (syncfs also kept it on the file system). A folder or an
 * entry that cannot be read is an error too. -1 with the errno of the first failure. */
int fileio_sync_fs_begin(const char *path);
int fileio_sync_fs_end(int fd);
/* Starts writing fd's data to the disk now, without waiting (Linux; nothing elsewhere): the
 * write-back of a staged file overlaps the work on the next one, and _end() finds it done. */
void fileio_start_writeback(int fd);

/* BLAKE2b-256, the one hash of the project (bundle identity, signatures, inbox fingerprints). */
struct hash {
    crypto_generichash_state st;
};
void hash_init(struct hash *h);
void hash_update(struct hash *h, const void *data, size_t n);
/* A string with its terminating NUL, so "ab"+"c" and "a"+"bc" differ. */
void hash_update_str(struct hash *h, const char *s);
/* Hashes what fd reads until its end (fd is not closed). *size (may be NULL) gets the byte
 * count. 0, or -1 with errno. */
int hash_update_fd(struct hash *h, int fd, uint64_t *size);
/* The digest as 64 hex digits and a NUL. */
void hash_final_hex(struct hash *h, char out[65]);

/* A stamp of the tree at path: every entry's name, type, size and modification time (links not
 * followed), hashed. Equal stamps: nothing in the tree changed (as far as the file system
 * shows). Reads no file's bytes. */
void fileio_tree_stamp(const char *path, char out[65]);

/* The nanoseconds of a file's modification time (0 where the system keeps none: Windows). */
static inline long fileio_mtime_nsec(const struct stat *st)
{
#ifdef _WIN32
    (void)st;
    return 0;
#else
    return st->st_mtim.tv_nsec;
#endif
}

#endif
