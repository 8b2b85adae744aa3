/* bundle_read.c - each file of a bundle read once (bundle_read.h): read whole (a clip in
 * chunks), hashed, written into staging and, for a JPEG, judged from the same bytes - on a worker
 * per core, the results handed back in the plan's order. Nothing is fsynced here: the import
 * syncs the staging folder once, before it becomes a bundle. */
#include "store/bundle_read.h"
#include "base/fileio.h"
#include "base/renderpool.h"
#include "base/util.h"
#include "picture/images.h"
#include "picture/photomemo.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK (1u << 20)

struct read_job {
    size_t file;    /* index into the plan */
    uint64_t bytes; /* read */
    int werr;       /* errno of a failed write into staging */
};

struct read_run {
    const char *root;
    struct bundle_plan *p;
    struct bundle_reading *how;
    struct read_job *jobs;
    uint64_t done;
    int delay_ms; /* test hook: slow reads so tests can pull the stick or kill -9 midway */
    bool stop;    /* set on the calling thread, read by the workers */
};

#define BUNDLE_READ_WORKERS 3

static int put(int fd, const unsigned char *b, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, b, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            return -1;
        b += w, n -= (size_t)w;
    }
    return 0;
}

/* Writes n bytes as the staged file at path (0, or the errno). */
static int stage_bytes(const char *path, const unsigned char *b, size_t n, struct photomemo_id *id)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644), e = 0;
    if (fd < 0)
        return errno;
    if (put(fd, b, n) < 0 || (id && photomemo_id_of_fd(fd, id) < 0))
        e = errno ? errno : EIO;
    else
        fileio_start_writeback(fd);
    if (close(fd) < 0 && !e)
        e = errno;
    return e;
}

/* Reads n bytes (at most want + 1: a file that grew is seen, never read without end) from fd. */
static unsigned char *read_whole(int fd, uint64_t want, size_t *n)
{
    unsigned char *b = malloc((size_t)want + 1);
    *n = 0;
    while (b && *n < want + 1) {
        ssize_t r = read(fd, b + *n, (size_t)want + 1 - *n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            free(b);
            return NULL;
        }
        if (r == 0)
            break;
        *n += (size_t)r;
    }
    return b;
}

/* A file too big to hold (a clip): hashed and staged chunk by chunk. */
static void read_streaming(struct read_run *r, struct read_job *j, int in, const char *dst)
{
    struct bundle_file *f = &r->p->files[j->file];
    int out = dst ? open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : -1;
    if (dst && out < 0) {
        j->werr = errno;
        return;
    }
    unsigned char *buf = xmalloc(CHUNK);
    struct hash h;
    hash_init(&h);
    bool ok = true;
    for (;;) {
        ssize_t n = read(in, buf, CHUNK);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || __atomic_load_n(&r->stop, __ATOMIC_RELAXED)) {
            ok = n == 0;
            break;
        }
        hash_update(&h, buf, (size_t)n);
        j->bytes += (uint64_t)n;
        if (out >= 0 && put(out, buf, (size_t)n) < 0) {
            j->werr = errno;
            ok = false;
            break;
        }
    }
    free(buf);
    if (out >= 0 && close(out) < 0 && !j->werr)
        j->werr = errno, ok = false;
    if (ok && j->bytes == f->size) { /* else it changed or failed: the judge reads it again */
        hash_final_hex(&h, f->hash);
        f->staged = dst != NULL;
    }
}

/* A file read whole: hashed, staged as it is - or, a big JPEG, decoded at the store's size and
 * staged cut down; every JPEG is judged from these very bytes (the source file stays open
 * meanwhile, so a checker that crashes in it names it). */
static void read_held(struct read_run *r, struct read_job *j, int in, const char *dst)
{
    struct bundle_file *f = &r->p->files[j->file];
    size_t n = 0;
    unsigned char *buf = read_whole(in, f->size, &n);
    if (!buf || n != f->size) { /* it changed since it was planned: the judge reads it again */
        free(buf);
        return;
    }
    j->bytes = n;
    char hex[65];
    photomemo_hash(buf, n, hex);
    bool jpeg = n > 3 && buf[0] == 0xFF && buf[1] == 0xD8 && buf[2] == 0xFF;
    bool cut = jpeg && dst && images_jpeg_cut_down(buf, n, r->how->side); /* nothing stored: 1/8 */
    struct photomemo_id staged_id;
    if (dst && !cut && (j->werr = stage_bytes(dst, buf, n, &staged_id)) != 0) {
        free(buf);
        return;
    }
    int w, h;
    unsigned char *small = NULL;
    size_t slen = 0;
    char *path = path_join(r->root, f->rel), err[512];
    int ok = 0;
    if (jpeg) /* judged from these bytes; buf is taken */
        ok = images_check_bytes(path, buf, n, hex, &f->id, cut ? r->how->side : 0, &small, &slen,
                                &w, &h, err, sizeof err);
    else
        free(buf);
    free(path);
    if (dst && cut && small && (j->werr = stage_bytes(dst, small, slen, &staged_id)) != 0) {
        free(small);
        return;
    }
    free(small);
    memcpy(f->hash, hex, sizeof hex);
    f->cut = cut && small;
    f->staged = dst && (!cut || small); /* a cut that could not be encoded: copied later */
    if (f->staged && jpeg && ok == 0)   /* the staged file's check: these bytes' verdict */
        photomemo_note(&staged_id, hex);
}

static void job(void *ctx, void *worker, size_t i)
{
    (void)worker;
    struct read_run *r = ctx;
    struct read_job *j = &r->jobs[i];
    struct bundle_file *f = &r->p->files[j->file];
    if (__atomic_load_n(&r->stop, __ATOMIC_RELAXED))
        return;
    if (r->delay_ms > 0)
        usleep((useconds_t)r->delay_ms * 1000);
    int in = path_open_beneath(r->root, f->rel);
    if (in < 0 || photomemo_id_of_fd(in, &f->id) < 0 || f->id.size != f->size) {
        if (in >= 0) /* changed since it was planned: the judge says what it is now */
            close(in);
        return;
    }
    char *dst = r->how->staging ? path_join(r->how->staging, f->rel) : NULL;
    if (f->size <= (uint64_t)PHOTO_MAX_FILE_BYTES)
        read_held(r, j, in, dst);
    else
        read_streaming(r, j, in, dst);
    close(in);
    free(dst);
}

static void job_done(void *ctx, size_t i)
{
    struct read_run *r = ctx;
    struct read_job *j = &r->jobs[i];
    if (j->werr && !r->how->write_errno)
        r->how->write_errno = j->werr;
    r->done += r->p->files[j->file].size;
    if (r->how->write_errno ||
        (r->how->progress && !r->how->progress(r->how->ctx, r->done, r->p->total))) {
        r->how->stopped = !r->how->write_errno;
        __atomic_store_n(&r->stop, true, __ATOMIC_RELAXED);
    }
}

int bundle_read(const char *root, struct bundle_plan *p, struct bundle_reading *how)
{
    const char *delay = getenv("HONORBOARD_TEST_COPY_DELAY_MS");
    struct read_run r = {.root = root,
                         .p = p,
                         .how = how,
                         .jobs = xcalloc(p->n ? p->n : 1, sizeof *r.jobs),
                         .delay_ms = delay ? atoi(delay) : 0};
    size_t n = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (p->files[i].hash[0]) {
            r.done += p->files[i].size;
            continue;
        }
        if (how->staging) { /* the folders first, on this thread */
            char *to = path_join(how->staging, p->files[i].rel), *parent = path_dirname(to);
            path_mkdirs(parent);
            free(to), free(parent);
        }
        r.jobs[n++].file = i;
    }
    static const struct renderpool_ops ops = {.job = job, .done = job_done};
    /* a worker per core, at most BUNDLE_READ_WORKERS: each holds a photo file (up to 64 MB) and
     * its decode, and the checker's memory is capped (1 GiB) whatever the PC's core count */
    int workers = renderpool_default_workers();
    workers = workers < 1 ? 1 : workers > BUNDLE_READ_WORKERS ? BUNDLE_READ_WORKERS : workers;
    if (renderpool_run(n, workers, &ops, &r) < 0)
        renderpool_run(n, 1, &ops, &r); /* no thread: all here */
    free(r.jobs);
    return how->write_errno || how->stopped ? -1 : 0;
}

static const struct bundle_file *find(const struct bundle_plan *p, const char *rel)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->files[i].rel, rel) == 0)
            return &p->files[i];
    return NULL;
}

void bundle_plan_take(struct bundle_plan *to, const struct bundle_plan *from, const char *staging)
{
    for (size_t i = 0; i < to->n; i++) {
        const struct bundle_file *g = find(from, to->files[i].rel);
        if (g && g->hash[0]) { /* a size changed since: bundle_changed() says so */
            char *rel = to->files[i].rel;
            uint64_t size = to->files[i].size; /* as judged */
            to->files[i] = *g;
            to->files[i].rel = rel, to->files[i].size = size;
        }
    }
    for (size_t i = 0; staging && i < from->n; i++) {
        const struct bundle_file *g = &from->files[i];
        if (g->staged && !find(to, g->rel)) { /* read for a file the judge did not plan */
            char *path = path_join(staging, g->rel);
            unlink(path);
            free(path);
        }
    }
}

const char *bundle_changed(const char *root, const struct bundle_plan *p, bool *gone)
{
    *gone = false;
    for (size_t i = 0; i < p->n; i++) {
        const struct bundle_file *f = &p->files[i];
        if (!f->hash[0])
            continue;
        struct photomemo_id now = {0};
        int fd = path_open_beneath(root, f->rel);
        bool same =
            fd >= 0 && photomemo_id_of_fd(fd, &now) == 0 && memcmp(&now, &f->id, sizeof now) == 0;
        if (fd >= 0)
            close(fd);
        *gone = fd < 0 || now.size < f->id.size; /* cut short: what a pulled stick reads as */
        if (!same)
            return f->rel;
    }
    return NULL;
}
