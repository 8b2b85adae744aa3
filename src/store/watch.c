/* watch.c - drive detection for the player, without hardware-specific code: whatever mounts
 * the stick (udisks2, a udev rule, an admin), a folder with honorboard/ appears under a root. */
#include "store/watch.h"
#include "store/stick.h"
#include "base/util.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <unistd.h>

#define MAX_KNOWN 64

struct watch {
    char **roots;
    int nroots;
    int ino;                /* inotify fd, -1 if unavailable */
    int mountfd;            /* /proc/self/mountinfo, -1 if unavailable */
    char *known[MAX_KNOWN]; /* drives already reported and still present */
    int nknown;
    char **pending; /* new drives not yet handed out */
    int npending;
    double last_scan;
    bool dirty;
};

static void add_watches(struct watch *w, const char *dir, int depth)
{
    if (w->ino >= 0)
        inotify_add_watch(w->ino, dir,
                          IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE_SELF |
                              IN_ONLYDIR);
    if (depth == 0)
        return;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.' || strcasecmp(e->d_name, STICK_FOLDER) == 0)
            continue;
        char *p = path_join(dir, e->d_name);
        if (path_is_dir(p))
            add_watches(w, p, depth - 1);
        free(p);
    }
    if (d)
        closedir(d);
}

/* Folders (root, root/x, root/x/y) holding honorboard/. */
static void find_drives(const char *dir, int depth, char ***out, int *n)
{
    if (stick_is_for_us(dir)) { /* any letter case; a near miss gets a REPORT.txt explaining */
        *out = xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
        (*out)[(*n)++] = xstrdup(dir);
        return;
    }
    if (depth == 0)
        return;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = path_join(dir, e->d_name);
        if (path_is_dir(p))
            find_drives(p, depth - 1, out, n);
        free(p);
    }
    if (d)
        closedir(d);
}

static void scan(struct watch *w)
{
    char **found = NULL;
    int nfound = 0;
    for (int r = 0; r < w->nroots; r++) {
        find_drives(w->roots[r], 2, &found, &nfound);
        add_watches(w, w->roots[r], 2); /* new folders get watched too (duplicates are free) */
    }
    /* forget drives that went away */
    for (int k = 0; k < w->nknown;) {
        bool still = false;
        for (int i = 0; i < nfound; i++)
            still |= strcmp(found[i], w->known[k]) == 0;
        if (still) {
            k++;
            continue;
        }
        free(w->known[k]);
        w->known[k] = w->known[--w->nknown];
    }
    for (int i = 0; i < nfound; i++) {
        bool seen = false;
        for (int k = 0; k < w->nknown; k++)
            seen |= strcmp(found[i], w->known[k]) == 0;
        if (seen || w->nknown == MAX_KNOWN) {
            free(found[i]);
            continue;
        }
        w->known[w->nknown++] = xstrdup(found[i]);
        w->pending = xrealloc(w->pending, (size_t)(w->npending + 1) * sizeof *w->pending);
        w->pending[w->npending++] = found[i];
    }
    free(found);
}

struct watch *watch_create(const char *const *roots, int nroots)
{
    struct watch *w = xcalloc(1, sizeof *w);
    w->roots = xcalloc((size_t)(nroots ? nroots : 1), sizeof *w->roots);
    for (int i = 0; i < nroots; i++)
        w->roots[w->nroots++] = xstrdup(roots[i]);
    w->ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    w->mountfd = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
    w->dirty = true; /* drives already present at start are reported too */
    return w;
}

void watch_destroy(struct watch *w)
{
    if (!w)
        return;
    if (w->ino >= 0)
        close(w->ino);
    if (w->mountfd >= 0)
        close(w->mountfd);
    for (int i = 0; i < w->nroots; i++)
        free(w->roots[i]);
    for (int i = 0; i < w->nknown; i++)
        free(w->known[i]);
    for (int i = 0; i < w->npending; i++)
        free(w->pending[i]);
    free(w->pending);
    free(w->roots);
    free(w);
}

char *watch_poll(struct watch *w)
{
    struct pollfd pf[2] = {{.fd = w->ino, .events = POLLIN}, {.fd = w->mountfd, .events = POLLPRI}};
    if (poll(pf, 2, 0) > 0) {
        if (pf[0].revents & POLLIN) {
            char buf[4096];
            while (read(w->ino, buf, sizeof buf) > 0)
                ;
            w->dirty = true;
        }
        if (pf[1].revents & (POLLPRI | POLLERR)) {
            lseek(w->mountfd, 0, SEEK_SET); /* re-arm: read it through */
            char buf[4096];
            while (read(w->mountfd, buf, sizeof buf) > 0)
                ;
            w->dirty = true;
        }
    }
    double now = now_seconds();
    if (w->dirty || now - w->last_scan > 3) { /* a slow rescan as a safety net */
        w->dirty = false;
        w->last_scan = now;
        scan(w);
    }
    if (w->npending == 0)
        return NULL;
    char *d = w->pending[0];
    memmove(w->pending, w->pending + 1, (size_t)(--w->npending) * sizeof *w->pending);
    return d;
}
