/* store_say.c - what an import says of its outcome, for a stick or the inbox (store_say.h). */
#include "store/store_say.h"
#include "base/i18n.h"

const char *store_say(bool inbox, enum store_say what)
{
    static const char *const stick[] = {
        [SAY_CHANGED] = N_("The content on the stick changed while it was being loaded (is "
                           "something writing to it?); nothing was loaded. The board keeps "
                           "playing its content."),
        [SAY_INTERRUPTED] = N_("The import was interrupted (stick pulled out?); nothing was "
                               "loaded. The board keeps playing its content."),
        [SAY_UNREADABLE] = N_("The stick could not be read (pulled out?); nothing was loaded. The "
                              "board keeps playing its content."),
        [SAY_UNCHANGED] = N_("The stick holds the content already on screen; nothing to load. You "
                             "can remove the stick."),
        [SAY_LOADED] = N_("New content loaded: %s, %d slides. You can remove the stick."),
        [SAY_LOADED_FEWER] = N_("New content loaded: %s, %d slides (%d playing until now). You "
                                "can remove the stick."),
        [SAY_PREVIEW] = N_("Preview only (the stick asks for it): the report and the preview are "
                           "on the stick; nothing was loaded, the board keeps playing its content. "
                           "You can remove the stick."),
    };
    static const char *const inbox_words[] = {
        [SAY_CHANGED] = N_("The inbox's content changed while it was being loaded (is the sync "
                           "still writing?); nothing was loaded, it is tried again when it is "
                           "complete. The board keeps playing its content."),
        [SAY_INTERRUPTED] = N_("The import from the inbox was interrupted; nothing was loaded. The "
                               "board keeps playing its content."),
        [SAY_UNREADABLE] = N_("The inbox could not be read; nothing was loaded. The board keeps "
                              "playing its content."),
        [SAY_UNCHANGED] = N_("The inbox holds the content already on screen; nothing to load."),
        [SAY_LOADED] = N_("New content loaded from the inbox: %s, %d slides."),
        [SAY_LOADED_FEWER] = N_("New content loaded from the inbox: %s, %d slides (%d playing "
                                "until now)."),
        [SAY_PREVIEW] = N_("Preview only (the inbox's bundle asks for it): nothing was loaded, "
                           "the board keeps playing its content."),
    };
    return _((inbox ? inbox_words : stick)[what]);
}
