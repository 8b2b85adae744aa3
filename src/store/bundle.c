/* bundle.c - a bundle's plan (the files its playlists use), judging, hashing and copying
 * (bundle.h). */
#include "store/bundle.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "model/playlist.h"
#include "model/playlist_walk.h"
#include "model/videoprobe.h"
#include "model/yamldoc.h"
#include "film/videoconfig.h"
#include "picture/photoconv.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void plan_add(struct bundle_plan *p, const char *root, const char *rel)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->files[i].rel, rel) == 0)
            return;
    char *full = path_join(root, rel);
    struct stat st;
    uint64_t size = stat(full, &st) == 0 ? (uint64_t)st.st_size : 0;
    free(full);
    if (p->n == p->cap)
        p->files = xrealloc(p->files, (p->cap = p->cap ? p->cap * 2 : 32) * sizeof *p->files);
    p->files[p->n++] = (struct bundle_file){.rel = xstrdup(rel), .size = size};
    p->total += size;
}

bool bundle_plan_has(const struct bundle_plan *p, const char *rel)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->files[i].rel, rel) == 0)
            return true;
    return false;
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp(((const struct bundle_file *)a)->rel, ((const struct bundle_file *)b)->rel);
}

void bundle_plan_free(struct bundle_plan *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->files[i].rel);
    free(p->files);
}

int bundle_check(const char *root, struct bundle_plan *plan, char hash[65], struct diag *d)
{
    const struct validate_opts o = {.decode_images = true, .probe_video = videoprobe_slide};
    struct bundle_summary sum = {0};
    int errors = bundle_judge(root, &o, plan, &sum, d);
    if (bundle_hash(root, plan, hash) < 0)
        hash[0] = '\0';
    return errors;
}

/* Hash of the bundle: every used file's path, size and content hash. */
int bundle_hash(const char *root, const struct bundle_plan *p, char out[65])
{
    struct hash h;
    hash_init(&h);
    int rc = 0;
    for (size_t i = 0; i < p->n && rc == 0; i++) {
        char meta[64], content[65];
        snprintf(meta, sizeof meta, "%llu", (unsigned long long)p->files[i].size);
        hash_update_str(&h, p->files[i].rel);
        hash_update_str(&h, meta);
        if (p->files[i].hash[0]) { /* read once already (bundle_read.h) */
            hash_update_str(&h, p->files[i].hash);
            continue;
        }
        struct hash fh;
        hash_init(&fh);
        int fd = path_open_beneath(root, p->files[i].rel);
        if (fd < 0 || hash_update_fd(&fh, fd, NULL) < 0)
            rc = -1;
        if (fd >= 0)
            close(fd);
        hash_final_hex(&fh, content);
        hash_update_str(&h, content);
    }
    hash_final_hex(&h, out);
    return rc;
}

struct copy_progress {
    uint64_t *done, total;
    bundle_progress_fn progress;
    void *ctx;
    uint64_t copied; /* by this file so far */
    int delay_ms;    /* test hook: slow copies so tests can pull the stick or kill -9 midway */
};

static bool copy_step(void *arg, uint64_t copied)
{
    struct copy_progress *cp = arg;
    *cp->done += copied - cp->copied;
    cp->copied = copied;
    if (cp->progress && !cp->progress(cp->ctx, *cp->done, cp->total))
        return false;
    if (cp->delay_ms > 0)
        usleep((useconds_t)cp->delay_ms * 1000);
    return true;
}

/* Copies one file with read/write, checking the size it had when it was checked. */
static int copy_file(const char *root, const char *rel, const char *dst, uint64_t want,
                     uint64_t *done, uint64_t total, bundle_progress_fn progress, void *ctx,
                     int *write_errno, char *err, size_t errlen)
{
    char *src = path_join(root, rel); /* for messages; the open itself is confined to root */
    int in = path_open_beneath(root, rel), out = -1, rc = -1;
    *write_errno = 0; /* stays 0 when the stick side failed */
    if (in < 0) {
        snprintf(err, errlen, _("cannot read %s: %s"), src, _(file_error_text(errno)));
        goto done;
    }
    out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        *write_errno = errno;
        snprintf(err, errlen, "cannot write %s: %s", dst, strerror(errno));
        goto done;
    }
    const char *delay = getenv("HONORBOARD_TEST_COPY_DELAY_MS");
    struct copy_progress cp = {done, total, progress, ctx, 0, delay ? atoi(delay) : 0};
    bool read_failed;
    int64_t got = fileio_copy_fd(in, out, copy_step, &cp, &read_failed);
    if (got < 0 && errno == ECANCELED)
        snprintf(err, errlen, "%s", _("import stopped"));
    else if (got < 0) {
        if (!read_failed)
            *write_errno = errno;
        snprintf(err, errlen, "cannot %s %s: %s", read_failed ? "read" : "write",
                 read_failed ? src : dst, strerror(errno));
    } else if ((uint64_t)got != want)
        snprintf(err, errlen, _("%s changed while it was being copied (the stick was pulled?)"),
                 src);
    else
        rc = 0;
done:
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) < 0 && rc == 0) {
        *write_errno = errno;
        snprintf(err, errlen, "cannot write %s: %s", dst, strerror(errno));
        rc = -1;
    }
    free(src);
    return rc;
}

/* The BLAKE2b of the file at path. 0, or -1. */
static int file_hash(const char *path, char out[65])
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    struct hash h;
    hash_init(&h);
    int rc = fd >= 0 ? hash_update_fd(&h, fd, NULL) : -1;
    if (fd >= 0)
        close(fd);
    hash_final_hex(&h, out);
    return rc;
}

int bundle_copy(const char *root, const struct bundle_plan *p, const char *dst,
                bundle_progress_fn progress, void *ctx, int *write_errno, char *err, size_t errlen)
{
    uint64_t done = 0;
    *write_errno = 0;
    for (size_t i = 0; i < p->n; i++) {
        const struct bundle_file *f = &p->files[i];
        if (f->staged) {
            done += f->size;
            continue;
        }
        char *to = path_join(dst, f->rel), *parent = path_dirname(to), h[65];
        path_mkdirs(parent);
        int c = copy_file(root, f->rel, to, f->size, &done, p->total, progress, ctx, write_errno,
                          err, errlen);
        if (c == 0 && f->hash[0] && (file_hash(to, h) < 0 || strcmp(h, f->hash))) {
            snprintf(err, errlen, _("%s changed while it was being copied (the stick was pulled?)"),
                     f->rel); /* not the bytes read and judged */
            c = -1;
        }
        free(to), free(parent);
        if (c < 0)
            return -1;
    }
    return 0;
}

struct plan_walk {
    struct bundle_plan *plan;
    const char *root;
};

static void plan_media(void *ctx, const struct media_ref *m, const char *what)
{
    (void)what;
    struct plan_walk *w = ctx;
    plan_add(w->plan, w->root, m->path);
}

/* rel into the plan unless it is larger than any file of its kind may be (the judge refuses
 * it; reading it first would only copy what is refused). */
static void list_add(struct bundle_plan *p, const char *root, const char *rel, uint64_t max)
{
    char *full = path_join(root, rel);
    struct stat st;
    bool fits = stat(full, &st) == 0 && (uint64_t)st.st_size <= max;
    free(full);
    if (fits)
        plan_add(p, root, rel);
}

static void list_media(void *ctx, const struct media_ref *m, const char *what)
{
    (void)what;
    struct plan_walk *w = ctx;
    list_add(w->plan, w->root, m->path,
             m->is_video ? VIDEO_MAX_FILE_BYTES : (uint64_t)PHOTO_MAX_FILE_BYTES);
}

void bundle_list(const char *root, struct bundle_plan *plan)
{
    char **files = NULL;
    int n = playlist_expand_path(root, &files);
    for (int i = 0; i < n; i++) {
        struct diag d = {0};
        struct playlist *pl = playlist_load(files[i], &d);
        const char *base = strrchr(files[i], '/');
        list_add(plan, root, base ? base + 1 : files[i], YDOC_MAX_BYTES);
        if (pl)
            playlist_foreach_media(pl, list_media, &(struct plan_walk){plan, root});
        playlist_free(pl);
        diag_free(&d);
        free(files[i]);
    }
    free(files);
    if (plan->n > 1)
        qsort(plan->files, plan->n, sizeof *plan->files, cmp_file);
}

/* Checks every playlist of the bundle and lists the files they use. Returns the error count. */
int bundle_judge(const char *root, const struct validate_opts *o, struct bundle_plan *plan,
                 struct bundle_summary *sum, struct diag *d)
{
    char **files = NULL;
    int n = playlist_expand_path(root, &files);
    for (int i = 0; i < n; i++) {
        struct playlist *pl = validate_playlist_file(files[i], o, d); /* as `check` judges */
        if (pl) {
            if (!sum->title[0] && pl->title)
                snprintf(sum->title, sizeof sum->title, "%s", pl->title);
            sum->slides += (int)pl->nslides;
            const char *base = strrchr(files[i], '/');
            plan_add(plan, root, base ? base + 1 : files[i]);
            playlist_foreach_media(pl, plan_media, &(struct plan_walk){plan, root});
        }
        playlist_free(pl);
        free(files[i]);
    }
    free(files);
    if (playlist_folder_slips(root, d) == 0 && n <= 0)
        diag_add(d, DIAG_ERROR, root, 0, 0, _("no playlists (*.yaml) in this folder"));
    if (plan->n > 1)
        qsort(plan->files, plan->n, sizeof *plan->files, cmp_file);
    return d->errors;
}
