/* watch.h - noticing USB drives: inotify on the mount roots (and one or two levels below, as
 * udisks mounts at /media/USER/LABEL) plus POLLPRI on /proc/self/mountinfo, because a real
 * mount does not show up in inotify. Reports drives that carry a honorboard/ folder. */
#ifndef HB_WATCH_H
#define HB_WATCH_H

struct watch;

/* Watches roots (copied). NULL only when nothing can be watched at all. watch_destroy() frees. */
struct watch *watch_create(const char *const *roots, int nroots);
void watch_destroy(struct watch *w);
/* Non-blocking: the next drive that appeared since the last call (its folder, the one holding
 * honorboard/), or NULL. A drive that disappears is forgotten, so inserting it again reports it
 * again. Caller frees. */
char *watch_poll(struct watch *w);

#endif
