/* livewatch.h - live preview while editing: notices when a playlist or a photo that the
 * played content uses is saved (inotify on their folders), so `play FILE --window` reloads
 * without a key press. Editors save in many ways (write in place, write a copy and rename,
 * delete and create); a change counts once the folder has been quiet for a moment. */
#ifndef HB_LIVEWATCH_H
#define HB_LIVEWATCH_H

#include <stdbool.h>

#include "model/content.h"

/* Quiet time after the last change before it counts (an editor's save is several events). */
#define LIVEWATCH_SETTLE_S 0.3

struct livewatch;

/* Watches PATH (a playlist file or a folder of them; read during the call only). NULL when
 * inotify is not available.
 * Free with livewatch_destroy(). */
struct livewatch *livewatch_create(const char *path);
void livewatch_destroy(struct livewatch *w);
/* Also watches the folders of every file c uses (photos, backgrounds, emblems). Call after
 * each load: new folders are added, the old ones stay (harmless). */
void livewatch_follow(struct livewatch *w, const struct content *c);
/* Reads what happened (never blocks). True once, when a relevant file changed and things have
 * been quiet for LIVEWATCH_SETTLE_S since. */
bool livewatch_changed(struct livewatch *w, double now);

#endif
