/* store_stage.c - one import's steps (store.h; the store's folder through store_keep.h): judge the
 * bundle (the signature first, then each file read once into staging - hashed, photos judged and
 * cut down on the way, bundle_read.h - then every playlist and image as `check` does), compare it
 * with what is on screen, judge the staged copy again (the bytes stored are the bytes judged;
 * MANIFEST's hashes too), finish the files, sync once, and commit: the staging folder renamed
 * into bundles/ and `current` switched with one rename each. */
#include "store/store_stage.h"
#include "store/store_say.h"
#include "store/bundle.h"
#include "store/bundle_read.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "picture/images.h"
#include "store/manifest.h"
#include "picture/photoconv.h"
#include "model/playlist.h"
#include "model/playlist_walk.h"
#include "store/sign.h"
#include "store/stick.h"
#include "store/store_keep.h"
#include "store/store_result.h"
#include "base/util.h"
#include "model/validate.h"
#include "model/videoprobe.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/statvfs.h>
#include <unistd.h>

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

void store_note_pulled(const char *src, bool had_root, struct store_result *res)
{
    if (!had_root || (res->outcome != STORE_REJECTED && res->outcome != STORE_FAILED))
        return;
    char *root = store_bundle_root(src);
    bool gone = !root || !path_is_dir(root);
    free(root);
    if (gone)
        store_set_msg(res, STORE_ABORTED,
                      _("The USB stick was removed while it was being checked; nothing was "
                        "loaded. The board keeps playing its content."));
}

/* One import, step by step: every step fills res and returns 0 to go on, 1 when the import
 * is complete without copying (unchanged, preview only), -1 when it ends here. */
struct import_job {
    const char *dir, *src;
    const struct store_policy *policy;
    store_progress_fn progress;
    void *ctx;
    struct store_result *res;
    bool signed_only;
    char *root, *staging;
    struct bundle_plan plan;
    struct bundle_plan read; /* what was read before judging (bundle_read.h) */
    struct manifest man;
    char hash[65];
    char cur_hash[65]; /* the bundle on screen ("" none), as store_current_info() says */
    uint64_t cur_version;
    int sync_fd; /* staging's file system, watched from before the first write */
};

/* An inbox bundle (a sync engine's folder, nobody standing at the screen) or a stick: the
 * words of a result differ where they name the stick or ask to pull it out. */
static bool from_inbox(const struct import_job *j)
{
    return j->policy && j->policy->need_manifest;
}

static const char *words(const struct import_job *j, enum store_say what)
{
    return store_say(from_inbox(j), what);
}

static struct validate_opts judge_opts(const struct import_job *j)
{
    return (struct validate_opts){.decode_images = true,
                                  .probe_video = videoprobe_slide,
                                  .glyphs = j->policy ? j->policy->glyphs : NULL,
                                  .advise = j->policy ? j->policy->advise : NULL,
                                  .judging = j->policy ? j->policy->judging : NULL,
                                  .judging_ctx = j->policy ? j->policy->judging_ctx : NULL};
}

/* The staging folder's file system has room for `need` bytes more. 0, or -1 with res filled. */
static int room_for(struct import_job *j, uint64_t need)
{
    struct statvfs vfs;
    if (statvfs(j->staging, &vfs) == 0 && /* the store's file system */
        (uint64_t)vfs.f_bavail * vfs.f_frsize < need + (16u << 20)) {
        store_set_msg(j->res, STORE_FAILED,
                      _("Not enough space on this PC (%llu MB needed); nothing was loaded. The "
                        "board keeps playing its content."),
                      (unsigned long long)(need >> 20) + 16);
        return -1;
    }
    return 0;
}

/* Reads the files of `p` not read yet once each into staging (none for a preview only),
 * photos judged on the way (bundle_read.h). 0, or -1 with res filled. */
static int read_files(struct import_job *j, struct bundle_plan *p)
{
    const char *store = j->dir ? j->dir : j->staging;
    bool preview_only = stick_preview_only(j->root);
    struct bundle_reading how = {.staging = preview_only ? NULL : j->staging,
                                 .side = j->policy ? j->policy->prescale : 0,
                                 .progress = j->progress,
                                 .ctx = j->ctx};
    if (bundle_read(j->root, p, &how) == 0)
        return 0;
    if (how.write_errno) /* the PC's disk said no, not the stick */
        store_write_failed(j->res, store, how.write_errno);
    else
        store_set_msg(j->res, STORE_ABORTED, "%s", words(j, SAY_INTERRUPTED));
    return -1;
}

/* Before judging: the files the playlists name, read once (bundle_read.h). */
static int read_first(struct import_job *j)
{
    bundle_list(j->root, &j->read);
    if (!stick_preview_only(j->root) && room_for(j, j->read.total) < 0)
        return -1;
    return read_files(j, &j->read);
}

/* The signature before any YAML is parsed, then each file read once (photos judged), then every
 * playlist as `check` judges it, then every used file covered by the signature. */
static int judge(struct import_job *j)
{
    struct store_result *res = j->res;
    char err[1024];
    if (j->signed_only && j->policy->judging)
        j->policy->judging(j->policy->judging_ctx, "SIGNATURE");
    if (j->signed_only && sign_verify(j->root, j->policy->trusted_keys, j->policy->ntrusted,
                                      &j->man, err, sizeof err) < 0) {
        diag_add(&res->diag, DIAG_ERROR, j->root, 0, 0, "%s", err);
        store_set_msg(res, STORE_REJECTED,
                      _("The content failed the signature check (%s); nothing was loaded. The "
                        "board keeps playing its content."),
                      err);
        return -1;
    }
    if (read_first(j) < 0)
        return -1;
    const struct validate_opts opts = judge_opts(j);
    struct bundle_summary sum = {0};
    int errors = bundle_judge(j->root, &opts, &j->plan, &sum, &res->diag);
    bundle_plan_take(&j->plan, &j->read, j->staging); /* what was read, for what is planned */
    snprintf(res->title, sizeof res->title, "%s", sum.title);
    res->slides = sum.slides;
    bool gone = false;
    const char *changed = errors > 0 ? bundle_changed(j->root, &j->plan, &gone) : NULL;
    if (changed) { /* judged worse than it was read: the stick went or was written to */
        diag_add(&res->diag, DIAG_ERROR, j->root, 0, 0,
                 _("%s changed while it was being copied (the stick was pulled?)"), changed);
        store_set_msg(res, STORE_ABORTED, "%s", words(j, gone ? SAY_INTERRUPTED : SAY_CHANGED));
        return -1;
    }
    if (errors > 0) {
        char words[768];
        store_first_error(&res->diag, words, sizeof words);
        store_set_msg(res, STORE_REJECTED,
                      _("The content has errors and was not loaded: %s. The board keeps playing "
                        "its content."),
                      words);
        return -1;
    }
    if (stick_preview_only(j->root)) { /* the author asked for report and preview only */
        store_set_msg(res, STORE_PREVIEW, "%s", words(j, SAY_PREVIEW));
        return 1;
    }
    for (size_t i = 0; j->signed_only && i < j->plan.n; i++) {
        const char *rel = j->plan.files[i].rel;
        if (!manifest_has(&j->man, rel)) {
            diag_add(&res->diag, DIAG_ERROR, j->root, 0, 0, _("%s is not covered by the signature"),
                     rel);
            store_set_msg(res, STORE_REJECTED,
                          _("%s is not covered by the signature; nothing was loaded. The board "
                            "keeps playing its content."),
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
    uint64_t left = 0; /* what the quick walk missed, read now */
    for (size_t i = 0; i < j->plan.n; i++)
        left += j->plan.files[i].hash[0] ? 0 : j->plan.files[i].size;
    if (left > 0 && (room_for(j, left) < 0 || read_files(j, &j->plan) < 0))
        return -1;
    if (bundle_hash(j->root, &j->plan, j->hash) < 0) {
        store_set_msg(res, STORE_ABORTED, "%s", words(j, SAY_UNREADABLE));
        return -1;
    }
    if (j->cur_hash[0] && strcmp(j->cur_hash, j->hash) == 0) { /* res->bundle: the caller's */
        store_set_msg(res, STORE_UNCHANGED, "%s", words(j, SAY_UNCHANGED));
        return 1;
    }
    /* a signed reset replaces only a version dated ahead of this board's own clock, and is not
     * itself (sign.h): an old reset replayed on a board playing a correctly dated version is
     * older, and refused. A clock clearly unset (before 2024) takes no reset. */
    long long now = (long long)time(NULL);
    bool reset = j->man.reset && now >= SIGN_CLOCK_SET &&
                 (long long)j->cur_version > now + SIGN_RESET_MARGIN &&
                 (long long)j->man.version <= now + SIGN_RESET_MARGIN;
    if (j->signed_only && j->cur_hash[0] && reset)
        diag_add(&res->diag, DIAG_WARNING, j->root, 0, 0,
                 _("a signed reset: version %llu replaces version %llu, which was dated ahead"),
                 (unsigned long long)j->man.version, (unsigned long long)j->cur_version);
    if (j->signed_only && j->cur_hash[0] && j->man.version <= j->cur_version && !reset) {
        diag_add(&res->diag, DIAG_ERROR, j->root, 0, 0,
                 _("version %llu is not newer than the content on screen (version %llu)"),
                 (unsigned long long)j->man.version, (unsigned long long)j->cur_version);
        store_set_msg(res, STORE_REJECTED,
                      _("The stick's content is older than what is on screen; nothing was loaded. "
                        "The board keeps playing its content."));
        return -1;
    }
    return 0;
}

/* The hash of the bytes read for the planned file rel ("" when none). */
static const char *read_hash(const struct import_job *j, const char *rel)
{
    for (size_t i = 0; i < j->plan.n; i++)
        if (strcmp(j->plan.files[i].rel, rel) == 0)
            return j->plan.files[i].hash;
    return "";
}

/* An inbox bundle is stored only when every file copied is listed in its MANIFEST with the same
 * hash, so a sync that began after the inbox found the bundle complete cannot slip a newer file
 * in (a signed one without MANIFEST: the signature's hashes are checked in finish_files). A
 * stick's MANIFEST, if any, is not enforced: the author may have edited the stick since. */
static int match_manifest(struct import_job *j)
{
    if (!j->policy || !j->policy->need_manifest)
        return 0;
    struct manifest m;
    char err[512] = "";
    int rc = 0;
    if (manifest_load(j->root, MANIFEST_NAME, &m, err, sizeof err) < 0) {
        if (errno == ENOENT && j->signed_only)
            return 0;
        rc = -1;
    }
    for (size_t i = 0; rc == 0 && i < j->plan.n; i++) {
        const struct manifest_file *f = NULL;
        for (size_t k = 0; k < m.n && !f; k++)
            if (strcmp(m.files[k].path, j->plan.files[i].rel) == 0)
                f = &m.files[k];
        const char *h2 = j->plan.files[i].hash; /* the bytes read, from which the copy came */
        if (!f || !h2[0] || strcmp(h2, f->hash) != 0) {
            snprintf(err, sizeof err, _("%s does not match MANIFEST"), j->plan.files[i].rel);
            rc = -1;
        }
    }
    manifest_free(&m);
    if (rc < 0) {
        diag_add(&j->res->diag, DIAG_ERROR, j->src, 0, 0, "%s", err);
        store_set_msg(j->res, STORE_ABORTED, "%s", words(j, SAY_CHANGED));
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
        const char *h2 = read_hash(j, j->man.files[i].path); /* the bytes read and judged */
        if (!h2[0] || strcmp(h2, j->man.files[i].hash) != 0) {
            store_set_msg(res, STORE_ABORTED, "%s", words(j, SAY_INTERRUPTED));
            return -1;
        }
    }
    for (size_t i = 0; i < j->plan.n; i++) { /* HEIC and WebP become JPEG, under the same name */
        char *to = path_join(j->staging, j->plan.files[i].rel), perr[512];
        int cv = photoconv_to_jpeg(to, perr, sizeof perr);
        free(to);
        if (cv < 0) { /* checked before copying, so this is a disk problem */
            diag_add(&res->diag, DIAG_ERROR, j->plan.files[i].rel, 0, 0, "%s", perr);
            store_set_msg(res, STORE_FAILED,
                          _("A photo could not be converted to JPEG (%s); nothing was loaded. The "
                            "board keeps playing its content."),
                          j->plan.files[i].rel);
            return -1;
        }
    }
    for (size_t i = 0; j->policy && j->policy->prescale > 0 && i < j->plan.n; i++) {
        if (j->plan.files[i].cut)
            continue; /* staged cut down already */
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
    bool same = again.n == j->plan.n;
    for (size_t i = 0; same && i < j->plan.n; i++)
        same = strcmp(again.files[i].rel, j->plan.files[i].rel) == 0 &&
               (j->plan.files[i].cut || again.files[i].size == j->plan.files[i].size);
    /* the bytes judged first, byte for byte: every file was read once and staged from what was
     * read (or copied and found to hash the same), and none changed on the stick since */
    bool gone = false, bytes_same = bundle_changed(j->root, &j->plan, &gone) == NULL;
    for (size_t i = 0; bytes_same && i < j->plan.n; i++)
        bytes_same = j->plan.files[i].hash[0] != '\0';
    same = same && bytes_same && errors == 0;
    if (!same && bytes_same && errors > 0) { /* the same bytes, judged worse the second time */
        char words[768];
        store_first_error(&d, words, sizeof words);
        diag_add(&j->res->diag, DIAG_ERROR, j->src, 0, 0, "%s", words);
        store_set_msg(j->res, STORE_REJECTED,
                      _("The content has errors and was not loaded: %s. The board keeps playing "
                        "its content."),
                      words);
    } else if (!same) {
        const struct diag_msg *m = diag_first_error(&d);
        diag_add(&j->res->diag, DIAG_ERROR, j->src, 0, 0, "%s",
                 m ? m->text : _("the files changed while they were being copied"));
        store_set_msg(j->res, STORE_ABORTED, "%s", words(j, SAY_CHANGED));
    }
    bundle_plan_free(&again);
    diag_free(&d);
    return same ? 0 : -1;
}

/* Copies what reading did not stage yet, judges the staged copy again, finishes the files,
 * syncs the staging folder's file system once and describes the bundle in its note. */
static int stage(struct import_job *j, char stamp[32])
{
    struct store_result *res = j->res;
    char err[1024];
    const char *store = j->dir ? j->dir : j->staging; /* a confined judge knows only staging */
    int werr = 0;
    if (bundle_copy(j->root, &j->plan, j->staging, j->progress, j->ctx, &werr, err, sizeof err) <
        0) {
        diag_add(&res->diag, DIAG_ERROR, j->src, 0, 0, "%s", err);
        if (werr) /* the PC's disk said no, not the stick */
            store_write_failed(res, store, werr);
        else
            store_set_msg(res, STORE_ABORTED, "%s", words(j, SAY_INTERRUPTED));
        return -1;
    }
    if (rejudge(j) < 0 || match_manifest(j) < 0)
        return -1;
    if (finish_files(j) < 0)
        return -1;
    /* everything staged reaches the disk at once, before it can become a bundle: a crash until
     * then leaves a staging folder, removed at the next start */
    int synced = fileio_sync_fs_end(j->sync_fd);
    j->sync_fd = -1;
    if (synced < 0) {
        store_write_failed(res, store, errno);
        return -1;
    }
    /* the store's own list of what it holds: a bundle damaged later is known at start */
    if (manifest_write(j->staging) < 0) {
        store_write_failed(res, store, errno);
        return -1;
    }
    hb_local_time(stamp, 32, "%Y%m%dT%H%M%S");
    struct strbuf info = {0};
    sb_printf(&info,
              "{\"hash\":\"%s\",\"version\":%llu,\"slides\":%d,\"files\":%zu,\"bytes\":%llu,"
              "\"imported\":\"%s\",\"title\":",
              j->hash, (unsigned long long)j->man.version, res->slides, j->plan.n,
              (unsigned long long)j->plan.total, stamp);
    sb_json_str(&info, res->title);
    sb_puts(&info, ",\"source\":");
    sb_json_str(&info, j->src);
    sb_puts(&info, "}\n");
    char *info_path = path_join(j->staging, STORE_INFO_FILE);
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
    store_rm_rf(final); /* the same content imported again within the same second */
    if (rename(j->staging, final) < 0) {
        store_write_failed(res, j->dir, errno);
        goto out;
    }
    char *bdir = path_join(j->dir, "bundles");
    fileio_fsync_path(bdir);
    free(bdir);
    int before = store_current_slides(j->dir); /* what the board plays until this commit */
    char *old = store_link_target(j->dir, "current");
    if (old)
        store_set_link(j->dir, "previous", old);
    free(old);
    if (store_set_link(j->dir, "current", id) < 0) {
        store_write_failed(res, j->dir, errno);
        goto out;
    }
    snprintf(res->bundle, sizeof res->bundle, "%s", final);
    store_cleanup(j->dir);
    if (res->slides * 2 < before) /* most of the board gone: say so, it may be a slip */
        store_set_msg(res, STORE_OK, words(j, SAY_LOADED_FEWER),
                      res->title[0] ? res->title : "（无标题）", res->slides, before);
    else
        store_set_msg(res, STORE_OK, words(j, SAY_LOADED),
                      res->title[0] ? res->title : "（无标题）", res->slides);
    if (res->diag.warnings > 0) { /* the same list as REPORT.txt: say it has something */
        size_t at = strlen(res->message);
        snprintf(res->message + at, sizeof res->message - at,
                 from_inbox(j) ? i18n_ngettext(" (%d warning: see the board's log)",
                                               " (%d warnings: see the board's log)",
                                               (unsigned long)res->diag.warnings)
                               : i18n_ngettext(" (%d warning: see REPORT.txt on the stick)",
                                               " (%d warnings: see REPORT.txt on the stick)",
                                               (unsigned long)res->diag.warnings),
                 res->diag.warnings);
    }
    rc = 0;
out:
    free(id), free(final);
    return rc;
}

/* No bundle folder at src: say what is there instead. */
static void no_bundle(const char *src, struct store_result *res)
{
    char *near = stick_near_miss(src), *link = near ? NULL : stick_folder_link(src);
    if (access(src, R_OK | X_OK) < 0 && errno == EACCES) { /* the checker is never root */
        store_set_msg(res, STORE_REJECTED,
                      _("%s cannot be read by the checker, which runs as the board's user (never "
                        "as root). Make the folder readable for it (chmod o+rx) or import as the "
                        "board's user. Nothing was loaded."),
                      src);
        diag_add(&res->diag, DIAG_ERROR, src, 0, 0, "%s", strerror(EACCES));
    } else if (link) {
        store_set_msg(res, STORE_REJECTED,
                      _("'%s' on the stick is a link (a shortcut), not a real folder: the board "
                        "neither reads nor writes where it leads. Nothing was loaded. The board "
                        "keeps playing its content."),
                      link);
        diag_add(&res->diag, DIAG_ERROR, link, 0, 0,
                 _("this is a link to another folder; copy the content into a real folder "
                   "named honorboard"));
    } else if (near) {
        store_set_msg(res, STORE_REJECTED,
                      _("The folder on the stick is named '%s'; it must be named honorboard. "
                        "Nothing was loaded. The board keeps playing its content."),
                      near);
        diag_add(
            &res->diag, DIAG_ERROR, near, 0, 0,
            _("this folder must be named honorboard (rename it, then plug the stick in again)"));
    } else {
        store_set_msg(
            res, STORE_REJECTED,
            _("%s holds no honorboard folder or playlists. The board keeps playing its content."),
            src);
        diag_add(&res->diag, DIAG_ERROR, src, 0, 0, _("no honorboard/ folder with playlists here"));
    }
    free(near);
    free(link);
}

int store_stage(const char *staging, const char *src, const struct store_policy *policy,
                store_progress_fn progress, void *ctx, struct store_result *res,
                struct store_staged *st)
{
    if (sodium_init() < 0) {
        store_set_msg(res, STORE_FAILED, _("libsodium cannot start"));
        return -1;
    }
    struct import_job j = {.src = src,
                           .policy = policy,
                           .progress = progress,
                           .ctx = ctx,
                           .res = res,
                           .signed_only = policy && policy->ntrusted > 0,
                           .root = store_bundle_root(src),
                           .staging = (char *)staging,
                           .cur_version = st->cur_version,
                           .sync_fd = fileio_sync_fs_begin(staging)};
    memcpy(j.cur_hash, st->cur_hash, sizeof j.cur_hash);
    if (!j.root) {
        no_bundle(src, res);
        if (j.sync_fd >= 0)
            close(j.sync_fd);
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
    if (j.sync_fd >= 0)
        close(j.sync_fd);
    free(j.root);
    bundle_plan_free(&j.plan);
    bundle_plan_free(&j.read);
    manifest_free(&j.man);
    return step < 0 ? -1 : 0;
}

int store_commit(const char *dir, const char *staging, const struct store_staged *st,
                 struct store_result *res)
{
    size_t sl = strlen(st->stamp);
    if (strlen(st->hash) != 64 || strspn(st->hash, "0123456789abcdef") != 64 || sl == 0 ||
        strspn(st->stamp, "0123456789T") != sl) { /* it came from the checker process */
        store_set_msg(res, STORE_FAILED, _("cannot store the bundle: %s"), "no content hash");
        return -1;
    }
    struct store_policy words_of = {.need_manifest = st->inbox}; /* for words() alone */
    struct import_job j = {.dir = dir, .res = res, .staging = (char *)staging, .policy = &words_of};
    memcpy(j.hash, st->hash, sizeof j.hash);
    return commit(&j, st->stamp);
}
