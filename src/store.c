/* store.c - the content store: check a bundle, copy what it uses with plain read/write (never
 * mmap a stick), fsync, rename into place, switch `current` with one rename. */
#include "store.h"
#include "fileio.h"
#include "i18n.h"
#include "photoconv.h"
#include "stick.h"
#include "images.h"
#include "playlist.h"
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

/* Removes staging folders, half-made links and bundles neither current nor previous. */
static void cleanup(const char *dir)
{
    char *cur = link_target(dir, "current"), *prev = link_target(dir, "previous");
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
            rm_rf(p);
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

int store_open(const char *dir, char *err, size_t errlen)
{
    char *b = path_join(dir, "bundles");
    int rc = path_mkdirs(b);
    free(b);
    if (rc < 0) {
        snprintf(err, errlen, "cannot create the content store %s: %s", dir, strerror(errno));
        return -1;
    }
    cleanup(dir);
    return 0;
}

char *store_current(const char *dir)
{
    char *p = path_join(dir, "current");
    char *real = realpath(p, NULL);
    free(p);
    if (real && !path_is_dir(real)) {
        free(real);
        return NULL;
    }
    return real;
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

/* One file the bundle uses: its path inside the bundle and its size when checked. */
struct bfile {
    char *rel;
    uint64_t size;
};

struct plan {
    struct bfile *files;
    size_t n, cap;
    uint64_t total;
};

static void plan_add(struct plan *p, const char *root, const char *rel)
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
    p->files[p->n++] = (struct bfile){xstrdup(rel), size};
    p->total += size;
}

static bool plan_has(const struct plan *p, const char *rel)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->files[i].rel, rel) == 0)
            return true;
    return false;
}

static int cmp_bfile(const void *a, const void *b)
{
    return strcmp(((const struct bfile *)a)->rel, ((const struct bfile *)b)->rel);
}

static void plan_free(struct plan *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->files[i].rel);
    free(p->files);
}

/* Hash of the bundle: every used file's path, size and content. */
static int bundle_hash(const char *root, const struct plan *p, char out[65])
{
    struct hash h;
    hash_init(&h);
    int rc = 0;
    for (size_t i = 0; i < p->n && rc == 0; i++) {
        char meta[64];
        snprintf(meta, sizeof meta, "%llu", (unsigned long long)p->files[i].size);
        hash_update_str(&h, p->files[i].rel);
        hash_update_str(&h, meta);
        int fd = path_open_beneath(root, p->files[i].rel);
        if (fd < 0 || hash_update_fd(&h, fd, NULL) < 0)
            rc = -1;
        if (fd >= 0)
            close(fd);
    }
    hash_final_hex(&h, out);
    return rc;
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

struct copy_progress {
    uint64_t *done, total;
    store_progress_fn progress;
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
                     uint64_t *done, uint64_t total, store_progress_fn progress, void *ctx,
                     char *err, size_t errlen)
{
    char *src = path_join(root, rel); /* for messages; the open itself is confined to root */
    int in = path_open_beneath(root, rel), out = -1, rc = -1;
    if (in < 0) {
        snprintf(err, errlen, "cannot read %s: %s", src, strerror(errno));
        goto done;
    }
    out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        snprintf(err, errlen, "cannot write %s: %s", dst, strerror(errno));
        goto done;
    }
    const char *delay = getenv("HONORBOARD_TEST_COPY_DELAY_MS");
    struct copy_progress cp = {done, total, progress, ctx, 0, delay ? atoi(delay) : 0};
    bool read_failed;
    int64_t got = fileio_copy_fd(in, out, copy_step, &cp, &read_failed);
    if (got < 0 && errno == ECANCELED)
        snprintf(err, errlen, "import stopped");
    else if (got < 0)
        snprintf(err, errlen, "cannot %s %s: %s", read_failed ? "read" : "write",
                 read_failed ? src : dst, strerror(errno));
    else if ((uint64_t)got != want)
        snprintf(err, errlen, "%s changed while it was being copied (the stick was pulled?)", src);
    else if (fsync(out) < 0)
        snprintf(err, errlen, "cannot write %s: %s", dst, strerror(errno));
    else
        rc = 0;
done:
    if (in >= 0)
        close(in);
    if (out >= 0 && close(out) < 0 && rc == 0) {
        snprintf(err, errlen, "cannot write %s: %s", dst, strerror(errno));
        rc = -1;
    }
    free(src);
    return rc;
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

struct plan_walk {
    struct plan *plan;
    const char *root;
};

static void plan_media(void *ctx, const struct media_ref *m, const char *what)
{
    (void)what;
    struct plan_walk *w = ctx;
    plan_add(w->plan, w->root, m->path);
}

/* Checks every playlist of the bundle and lists the files they use. Returns the error count. */
static int check_bundle(const char *root, const struct store_policy *policy, struct plan *plan,
                        struct store_result *res)
{
    const struct validate_opts opts = {.decode_images = true,
                                       .glyphs = policy ? policy->glyphs : NULL,
                                       .advise = policy ? policy->advise : NULL};
    char **files = NULL;
    int n = playlist_expand_path(root, &files);
    for (int i = 0; i < n; i++) {
        struct playlist *pl = validate_playlist_file(files[i], &opts, &res->diag); /* as `check` */
        if (pl) {
            if (!res->title[0] && pl->title)
                snprintf(res->title, sizeof res->title, "%s", pl->title);
            res->slides += (int)pl->nslides;
            const char *base = strrchr(files[i], '/');
            plan_add(plan, root, base ? base + 1 : files[i]);
            playlist_foreach_media(pl, plan_media, &(struct plan_walk){plan, root});
        }
        playlist_free(pl);
        free(files[i]);
    }
    free(files);
    if (n <= 0)
        diag_add(&res->diag, DIAG_ERROR, root, 0, 0, _("no playlists (*.yaml) in this folder"));
    if (plan->n)
        qsort(plan->files, plan->n, sizeof *plan->files, cmp_bfile);
    return res->diag.errors;
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

int store_import(const char *dir, const char *src, store_progress_fn progress, void *ctx,
                 struct store_result *res)
{
    return store_import_with(dir, src, NULL, progress, ctx, res);
}

int store_import_with(const char *dir, const char *src, const struct store_policy *policy,
                      store_progress_fn progress, void *ctx, struct store_result *res)
{
    *res = (struct store_result){0};
    struct manifest man = {0};
    bool signed_only = policy && policy->ntrusted > 0;
    char err[1024];
    if (sodium_init() < 0) {
        set_msg(res, STORE_FAILED, _("libsodium cannot start"));
        return -1;
    }
    if (store_open(dir, err, sizeof err) < 0) {
        set_msg(res, STORE_FAILED, "%s", err);
        return -1;
    }
    char *root = store_bundle_root(src);
    if (!root) {
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
        return -1;
    }
    struct plan plan = {0};
    char *staging = NULL, *cur = NULL;
    int rc = -1;
    if (signed_only) { /* before any YAML is parsed */
        if (sign_verify(root, policy->trusted_keys, policy->ntrusted, &man, err, sizeof err) < 0) {
            diag_add(&res->diag, DIAG_ERROR, root, 0, 0, "%s", err);
            set_msg(res, STORE_REJECTED, _("The content failed the signature check (%s); nothing was loaded. The board keeps playing its content."),
                    err);
            goto out;
        }
    }
    if (check_bundle(root, policy, &plan, res) > 0) {
        char words[768];
        first_error_words(&res->diag, words, sizeof words);
        set_msg(res, STORE_REJECTED, _("The content has errors and was not loaded: %s. The board keeps playing its content."), words);
        goto out;
    }
    if (stick_preview_only(root)) { /* the author asked for report and preview only */
        set_msg(res, STORE_UNCHANGED, _("Preview only (the stick asks for it): the report and the preview are on the stick, nothing was loaded. You can remove the stick."));
        rc = 0;
        goto out;
    }
    for (size_t i = 0; signed_only && i < plan.n; i++) {
        if (!manifest_has(&man, plan.files[i].rel)) {
            diag_add(&res->diag, DIAG_ERROR, root, 0, 0, _("%s is not covered by the signature"),
                     plan.files[i].rel);
            set_msg(res, STORE_REJECTED, _("%s is not covered by the signature; nothing was loaded. The board keeps playing its content."),
                    plan.files[i].rel);
            goto out;
        }
    }
    char hash[65];
    if (bundle_hash(root, &plan, hash) < 0) {
        set_msg(res, STORE_ABORTED, _("The stick could not be read (pulled out?); nothing was loaded. The board keeps playing its content."));
        goto out;
    }
    cur = store_current(dir);
    struct bundle_info on_screen = {0};
    if (cur)
        read_info(cur, &on_screen);
    if (on_screen.hash[0] && strcmp(on_screen.hash, hash) == 0) {
        snprintf(res->bundle, sizeof res->bundle, "%s", cur);
        set_msg(res, STORE_UNCHANGED, _("The stick holds the content already on screen; nothing to load. You can remove the stick."));
        rc = 0;
        goto out;
    }
    if (signed_only && cur && man.version <= on_screen.version) {
        diag_add(&res->diag, DIAG_ERROR, root, 0, 0,
                 _("version %llu is not newer than the content on screen (version %llu)"),
                 (unsigned long long)man.version, (unsigned long long)on_screen.version);
        set_msg(res, STORE_REJECTED, _("The stick's content is older than what is on screen; nothing was loaded. The board keeps playing its content."));
        goto out;
    }
    struct statvfs vfs;
    if (statvfs(dir, &vfs) == 0 &&
        (uint64_t)vfs.f_bavail * vfs.f_frsize < plan.total + (16u << 20)) {
        set_msg(res, STORE_FAILED, _("Not enough space on this PC (%llu MB needed); nothing was loaded. The board keeps playing its content."),
                (unsigned long long)(plan.total >> 20) + 16);
        goto out;
    }
    staging = xasprintf("%s/staging-%d", dir, (int)getpid());
    rm_rf(staging);
    if (path_mkdirs(staging) < 0) {
        set_msg(res, STORE_FAILED, _("cannot create %s: %s"), staging, strerror(errno));
        goto out;
    }
    uint64_t done = 0;
    for (size_t i = 0; i < plan.n; i++) {
        char *to = path_join(staging, plan.files[i].rel);
        char *parent = path_dirname(to);
        path_mkdirs(parent);
        int c = copy_file(root, plan.files[i].rel, to, plan.files[i].size, &done, plan.total,
                          progress, ctx, err, sizeof err);
        free(to), free(parent);
        if (c < 0) {
            diag_add(&res->diag, DIAG_ERROR, src, 0, 0, "%s", err);
            set_msg(res, STORE_ABORTED, _("The import was interrupted (stick pulled out?); nothing was loaded. The board keeps playing its content."));
            goto out;
        }
    }
    for (size_t i = 0; signed_only && i < man.n; i++) { /* what was copied is what was signed */
        if (!plan_has(&plan, man.files[i].path))
            continue; /* extra files on the stick are not copied */
        char *to = path_join(staging, man.files[i].path), h2[65];
        int hr = sign_hash_file(to, h2, NULL);
        free(to);
        if (hr < 0 || strcmp(h2, man.files[i].hash) != 0) {
            set_msg(res, STORE_ABORTED, _("The import was interrupted (stick pulled out?); nothing was loaded. The board keeps playing its content."));
            goto out;
        }
    }
    for (size_t i = 0; i < plan.n; i++) { /* HEIC and WebP become JPEG, under the same name */
        char *to = path_join(staging, plan.files[i].rel), perr[512];
        int cv = photoconv_to_jpeg(to, perr, sizeof perr);
        free(to);
        if (cv < 0) { /* checked before copying, so this is a disk problem */
            diag_add(&res->diag, DIAG_ERROR, plan.files[i].rel, 0, 0, "%s", perr);
            set_msg(res, STORE_FAILED, _("A photo could not be converted to JPEG (%s); nothing was loaded. The board keeps playing its content."), plan.files[i].rel);
            goto out;
        }
    }
    if (policy && policy->prescale > 0) { /* screen-sized photos: playback decodes less */
        for (size_t i = 0; i < plan.n; i++) {
            char *to = path_join(staging, plan.files[i].rel), perr[512];
            if (images_prescale_jpeg(to, policy->prescale, perr, sizeof perr) < 0)
                diag_add(&res->diag, DIAG_WARNING, src, 0, 0, _("%s (kept at full size)"), perr);
            free(to);
        }
    }
    /* fsync every folder we made, then describe the bundle */
    for (size_t i = 0; i < plan.n; i++) {
        char *to = path_join(staging, plan.files[i].rel), *parent = path_dirname(to);
        fileio_fsync_path(parent);
        free(to), free(parent);
    }
    char stamp[32];
    hb_local_time(stamp, sizeof stamp, "%Y%m%dT%H%M%S");
    struct strbuf info = {0};
    sb_printf(&info, "{\"hash\":\"%s\",\"version\":%llu,\"slides\":%d,\"files\":%zu,\"bytes\":%llu,\"imported\":\"%s\",\"title\":",
              hash, (unsigned long long)man.version, res->slides, plan.n,
              (unsigned long long)plan.total, stamp);
    sb_json_str(&info, res->title);
    sb_puts(&info, ",\"source\":");
    sb_json_str(&info, src);
    sb_puts(&info, "}\n");
    char *info_path = path_join(staging, INFO_FILE);
    bool wrote = fileio_write_atomic(info_path, info.s, info.len, 0644, true) == 0;
    free(info_path);
    sb_free(&info);
    fileio_fsync_path(staging);
    char *id = xasprintf("bundles/%s-%.12s", stamp, hash);
    char *final = path_join(dir, id);
    rm_rf(final); /* the same content imported again within the same second */
    if (!wrote || rename(staging, final) < 0) {
        set_msg(res, STORE_FAILED, _("cannot store the bundle: %s"), strerror(errno));
        free(id), free(final);
        goto out;
    }
    char *bdir = path_join(dir, "bundles");
    fileio_fsync_path(bdir);
    free(bdir);
    char *old = link_target(dir, "current");
    if (old)
        set_link(dir, "previous", old);
    free(old);
    if (set_link(dir, "current", id) < 0) {
        set_msg(res, STORE_FAILED, _("cannot switch to the new bundle: %s"), strerror(errno));
        free(id), free(final);
        goto out;
    }
    snprintf(res->bundle, sizeof res->bundle, "%s", final);
    free(id), free(final);
    cleanup(dir);
    set_msg(res, STORE_OK, _("New content loaded: %s, %d slides. You can remove the stick."),
            res->title[0] ? res->title : "（无标题）", res->slides);
    rc = 0;
out:
    if (staging && res->outcome != STORE_OK)
        rm_rf(staging);
    free(staging);
    free(cur);
    free(root);
    plan_free(&plan);
    manifest_free(&man);
    return rc;
}

int store_rollback(const char *dir, char *err, size_t errlen)
{
    char *cur = link_target(dir, "current"), *prev = link_target(dir, "previous");
    int rc = -1;
    if (!prev) {
        snprintf(err, errlen, "there is no previous bundle in %s to go back to", dir);
    } else if (set_link(dir, "current", prev) < 0) {
        snprintf(err, errlen, "cannot switch %s/current: %s", dir, strerror(errno));
    } else {
        if (cur)
            set_link(dir, "previous", cur);
        rc = 0;
    }
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
