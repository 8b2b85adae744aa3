/* store_say.h - what an import says of its outcome, in the words of where it came from: a
 * stick (someone stands at the screen: "you can remove the stick") or the inbox (a sync engine's
 * folder: nobody to pull anything out). */
#ifndef HB_STORE_SAY_H
#define HB_STORE_SAY_H

#include <stdbool.h>

enum store_say {
    SAY_CHANGED,
    SAY_INTERRUPTED,
    SAY_UNREADABLE,
    SAY_UNCHANGED,
    SAY_LOADED,
    SAY_LOADED_FEWER,
    SAY_PREVIEW /* only a preview asked for (只预览.txt): nothing loaded, on purpose */
};

/* The sentence (translated) for what happened; SAY_LOADED takes %s (title) and %d (slides),
 * SAY_LOADED_FEWER also the slides playing until now. */
const char *store_say(bool inbox, enum store_say what);

#endif
