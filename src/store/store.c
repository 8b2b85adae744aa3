/* store.c - the content store (store.h): an import from start to end in one process
 * (store_begin and store_end in store_keep.c, store_stage + store_commit in store_stage.c), and
 * REPORT.txt for the stick. The words of a result are store_result.c. The store's folder itself -
 * lock, links, recovery, pins, cleanup, rollback - is store_keep.c. */
#include "store/store.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "store/stick.h"
#include "base/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

int store_import(const char *dir, const char *src, store_progress_fn progress, void *ctx,
                 struct store_result *res)
{
    return store_import_with(dir, src, NULL, progress, ctx, res);
}

int store_import_begin(const char *dir, const struct store_policy *policy, struct store_result *res,
                       struct store_staged *st, char **staging)
{
    *staging = NULL;
    int lock = store_begin(dir, policy, res);
    if (lock < 0)
        return -1;
    store_current_info(dir, st->cur_hash, &st->cur_version);
    st->inbox = policy && policy->need_manifest;
    *staging = xasprintf("%s/staging-%d", dir, (int)getpid());
    store_discard(*staging);
    return lock;
}

int store_import_with(const char *dir, const char *src, const struct store_policy *policy,
                      store_progress_fn progress, void *ctx, struct store_result *res)
{
    *res = (struct store_result){0};
    struct store_staged st = {0};
    char *staging;
    int lock = store_import_begin(dir, policy, res, &st, &staging);
    if (lock < 0)
        return -1;
    int rc = -1;
    char *root = store_bundle_root(src);
    bool had_root = root != NULL;
    free(root);
    if (path_mkdirs(staging) < 0) {
        store_write_failed(res, dir, errno);
    } else {
        rc = store_stage(staging, src, policy, progress, ctx, res, &st);
        store_note_pulled(src, had_root, res);
        if (rc == 0 && res->outcome == STORE_OK)
            rc = store_commit(dir, staging, &st, res);
        else if (rc == 0 && res->outcome == STORE_UNCHANGED && st.cur_hash[0] &&
                 strcmp(st.hash, st.cur_hash) == 0) { /* the same content as on screen */
            char *cur = store_current(dir);
            snprintf(res->bundle, sizeof res->bundle, "%s", cur ? cur : "");
            free(cur);
        }
    }
    if (res->outcome != STORE_OK || rc < 0)
        store_discard(staging);
    store_end(lock);
    free(staging);
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
static void report_line(struct strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void report_line(struct strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *line = NULL;
    if (vasprintf(&line, fmt, ap) < 0)
        line = NULL;
    va_end(ap);
    char *shown = str_visible(line ? line : ""); /* no raw escape reaches the author's screen */
    sb_puts(b, shown);
    free(shown);
    sb_puts(b, "\r\n");
    free(line);
}

static int write_report(const char *src, const struct store_result *res, const char *note);

int store_write_report(const char *src, const struct store_result *res)
{
    return write_report(src, res, NULL);
}

int store_write_report_no_preview(const char *src, const struct store_result *res)
{
    return write_report(src, res,
                        _("The preview (预览.png) could not be made this time (a 预览.png on the "
                          "stick is an older one); the import itself is not affected. Run "
                          "'honorboard check' on a PC, or try the stick again."));
}

/* REPORT.txt, with a last line note (NULL: none). */
static int write_report(const char *src, const struct store_result *res, const char *note)
{
    char *root = stick_report_dir(src); /* honorboard/, or the root for a near miss or link */
    if (!root)
        root = store_bundle_root(src); /* SRC is the bundle itself */
    if (!root)
        return 0;
    char when[64];
    hb_local_time(when, sizeof when, "%Y-%m-%d %H:%M:%S");
    /* In the board's language (i18n.h), every path relative to the honorboard folder. */
    static const char *const outcome[] = {N_("ok"),      N_("rejected"), N_("unchanged"),
                                          N_("aborted"), N_("failed"),   N_("preview only")};
    struct strbuf b = {0};
    report_line(&b, "%s", _("honorboard import report"));
    report_line(&b, _("time: %s"), when);
    report_line(&b, _("result: %s"),
                res->outcome <= STORE_PREVIEW ? _(outcome[res->outcome]) : "?");
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
    if (note) {
        report_line(&b, "%s", "");
        report_line(&b, "%s", note);
    }
    int rc = -1, e = 0;
    int dfd = stick_open_folder(root); /* never through a link swapped in since */
    if (dfd >= 0) {
        rc = fileio_write_atomic_at(dfd, "REPORT.txt", b.s, b.len, 0644, true);
        e = errno;
        close(dfd);
    } else {
        e = errno; /* the caller says when it fails: a read-only stick, another user's */
    }
    sb_free(&b);
    free(root);
    errno = e;
    return rc < 0 ? -1 : 0;
}
