/* livewatch.c - inotify on the folders of the playlists and photos being played (see
 * livewatch.h). Only names that matter count: not hidden files, editors' backups (~) and
 * swap files, and never the board's own REPORT.txt or preview sheets. */
#include "board/livewatch.h"
#include "base/util.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#define LIVEWATCH_MAX_DIRS 64

struct livewatch {
    int fd;
    char *dirs[LIVEWATCH_MAX_DIRS];
    int ndirs;
    double changed_at; /* last relevant event; 0 = none pending */
};

static void watch_dir(struct livewatch *w, const char *dir)
{
    for (int i = 0; i < w->ndirs; i++)
        if (strcmp(w->dirs[i], dir) == 0)
            return;
    if (w->ndirs == LIVEWATCH_MAX_DIRS)
        return;
    if (inotify_add_watch(w->fd, dir,
                          IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                              IN_ONLYDIR) < 0)
        return;
    w->dirs[w->ndirs++] = xstrdup(dir);
}

struct livewatch *livewatch_create(const char *path)
{
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct livewatch *w = xcalloc(1, sizeof *w);
    w->fd = fd;
    if (path_is_dir(path)) {
        watch_dir(w, path);
    } else {
        char *d = path_dirname(path);
        watch_dir(w, d);
        free(d);
    }
    return w;
}

void livewatch_destroy(struct livewatch *w)
{
    if (!w)
        return;
    close(w->fd);
    for (int i = 0; i < w->ndirs; i++)
        free(w->dirs[i]);
    free(w);
}

static void follow_media(struct livewatch *w, const struct media_ref *m)
{
    if (!m->resolved)
        return;
    char *d = path_dirname(m->resolved);
    watch_dir(w, d);
    free(d);
}

void livewatch_follow(struct livewatch *w, const struct content *c)
{
    if (!w || !c)
        return;
    for (int i = 0; i < c->nplaylists; i++) {
        const struct playlist *pl = c->playlists[i];
        if (!pl)
            continue;
        follow_media(w, &pl->theme.background_image);
        follow_media(w, &pl->theme.emblem);
        for (size_t s = 0; s < pl->nslides; s++) {
            follow_media(w, &pl->slides[s].photo);
            follow_media(w, &pl->slides[s].image);
            for (size_t p = 0; p < pl->slides[s].npeople; p++)
                follow_media(w, &pl->slides[s].people[p].photo);
        }
    }
}

/* Names an author's save touches, not the noise around it. */
static bool relevant(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || name[0] == '.' || name[n - 1] == '~' || name[0] == '#' || path_is_litter(name))
        return false;
    static const char *const noise[] = {".swp", ".swx", ".tmp", ".part"};
    for (size_t i = 0; i < sizeof noise / sizeof *noise; i++) {
        size_t l = strlen(noise[i]);
        if (n >= l && strcmp(name + n - l, noise[i]) == 0)
            return false;
    }
    return strcmp(name, "REPORT.txt") != 0 && strncmp(name, "预览", strlen("预览")) != 0;
}

bool livewatch_changed(struct livewatch *w, double now)
{
    if (!w)
        return false;
    char buf[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
        __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n <= 0)
            break;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (ev->mask & IN_Q_OVERFLOW || (ev->len && relevant(ev->name)))
                w->changed_at = now;
            p += sizeof *ev + ev->len;
        }
    }
    if (w->changed_at > 0 && now - w->changed_at >= LIVEWATCH_SETTLE_S) {
        w->changed_at = 0;
        return true;
    }
    return false;
}
