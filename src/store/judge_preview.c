/* judge_preview.c - the stick's preview sheets onto the stick after an import (judge.h): those
 * the import's checker drew after its verdict when they fit what became of the import, else
 * drawn by a confined checker of their own (`honorboard judge --preview`). Split from judge.c,
 * which starts and reads the import's checker. */
#include "store/judge_preview.h"
#include "base/fileio.h"
#include "base/i18n.h"
#include "base/sandbox.h"
#include "store/judge_wire.h"
#include "store/stick.h"
#include "store/store.h"
#include "store/store_keep.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int preview_child(const char *src, const struct store_result *res, int w, int h,
                         const char *outdir);

/* The files of from whose names start with prefix, into the folder dfd with O_EXCL temporaries. */
static void copy_files(const char *from_dir, int dfd, const char *prefix)
{
    DIR *d = opendir(from_dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.' || strncmp(e->d_name, prefix, strlen(prefix)) != 0)
            continue;
        char *from = path_join(from_dir, e->d_name);
        size_t len = 0;
        char *data = path_is_file(from) ? file_read_limited(from, 64u << 20, &len) : NULL;
        if (data && fileio_write_atomic_at(dfd, e->d_name, data, len, 0644, true) < 0)
            fprintf(stderr, "honorboard: cannot write %s on the stick: %s\n", e->d_name,
                    strerror(errno));
        free(data);
        free(from);
    }
    if (d)
        closedir(d);
}

/* The sheets the preview child drew in outdir, onto the stick: written through a folder fd of
 * the stick's honorboard/ (never a link) with O_EXCL temporaries; sheets of an earlier import
 * that this one did not draw are removed. */
static void copy_sheets(const char *outdir, const char *src)
{
    char *dest = stick_report_dir(src);
    if (!dest)
        dest = store_bundle_root(src);
    int dfd = dest ? stick_open_folder(dest) : -1;
    free(dest);
    if (dfd < 0)
        return;
    size_t stem = strlen(STICK_PREVIEW_STEM);
    DIR *d = fdopendir(dup(dfd));
    struct dirent *e;
    while (d && (e = readdir(d))) { /* outdated sheets first */
        size_t n = strlen(e->d_name);
        if (strncmp(e->d_name, STICK_PREVIEW_STEM, stem) == 0 && n > 4 &&
            strcmp(e->d_name + n - 4, ".png") == 0)
            unlinkat(dfd, e->d_name, 0);
    }
    if (d)
        closedir(d);
    copy_files(outdir, dfd, STICK_PREVIEW_STEM);
    /* the preview for approval, when the child drew one: into the stick's 送审/ the same way */
    char *approval = path_join(outdir, STICK_APPROVAL_DIR);
    if (path_is_dir(approval)) {
        if (mkdirat(dfd, STICK_APPROVAL_DIR, 0755) < 0 && errno != EEXIST)
            fprintf(stderr, "honorboard: cannot make %s on the stick: %s\n", STICK_APPROVAL_DIR,
                    strerror(errno));
        int afd = openat(dfd, STICK_APPROVAL_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (afd >= 0) {
            copy_files(approval, afd, "");
            close(afd);
        }
    }
    free(approval);
    close(dfd);
}

int judge_preview(const char *src, const struct store_result *res, int w, int h)
{
    if (res->sheets[0]) { /* drawn by the checker: taken when they are for what became of it */
        bool same = res->sheets_outcome == (int)res->outcome && path_is_dir(res->sheets);
        if (same)
            copy_sheets(res->sheets, src);
        store_rm_rf(res->sheets);
        if (same)
            return 0;
    }
    char outdir[] = "/tmp/honorboard-preview-XXXXXX";
    if (!mkdtemp(outdir))
        return -1;
    uid_t uid;
    gid_t gid;
    if (geteuid() == 0 && sandbox_drop_ids(&uid, &gid) == 0 && chown(outdir, uid, gid) < 0) {
        store_rm_rf(outdir);
        return -1;
    }
    int rc = preview_child(src, res, w, h, outdir);
    if (rc == 0)
        copy_sheets(outdir, src);
    store_rm_rf(outdir);
    return rc;
}

static int preview_child(const char *src, const struct store_result *res, int w, int h,
                         const char *outdir)
{
    char size[64], outcome[16];
    snprintf(size, sizeof size, "%dx%d", w, h);
    snprintf(outcome, sizeof outcome, "%d", (int)res->outcome);
    const char *args[] = {"honorboard", "judge",
                          "--out",      "3",
                          "--src",      src,
                          "--preview",  size,
                          "--outcome",  outcome,
                          "--bundle",   res->bundle,
                          "--lang",     i18n_chinese() ? "zh" : "en",
                          "--staging",  outdir,
                          NULL};
    int rfd = -1;
    pid_t pid = judge_spawn(args, &rfd);
    if (pid < 0)
        return -1;
    /* it reports nothing but notes; a crash or a hang only costs the preview */
    long deadline = judge_setting("JUDGE_IDLE_SECONDS", JUDGE_DEFAULT_IDLE_SECONDS) + 5;
    double start = now_seconds();
    char buf[4096];
    bool killed = false;
    for (;;) {
        struct pollfd pfd = {rfd, POLLIN, 0};
        int pr = poll(&pfd, 1, 200);
        if (pr > 0 && read(rfd, buf, sizeof buf) <= 0)
            break;
        if (pr < 0 && errno != EINTR)
            break;
        if (!killed && now_seconds() - start > (double)deadline) {
            kill(pid, SIGKILL);
            killed = true;
        }
    }
    close(rfd);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    fprintf(stderr, "honorboard: the preview of %s failed (%s %d); the import is not affected\n",
            src, WIFSIGNALED(status) ? "signal" : "exit",
            WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    return -1;
}