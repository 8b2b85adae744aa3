/* playlist_values.h - the playlist format's words and value syntax, apart from YAML and from
 * the model: slide types, transitions, fit modes and colours, and the parsers of durations,
 * colours and transition names. playlist.h builds the model on these. */
#ifndef HB_PLAYLIST_VALUES_H
#define HB_PLAYLIST_VALUES_H

#include <stdint.h>

/* Every slide kind, once: X(ID, name) gives enum slide_type's SLIDE_ID and the name an author
 * writes after `type:`. Every table of kinds is generated from this list (the names here, the
 * descriptors in slidekinds.c, the layouts in layout.c), so a kind missing from any of them does
 * not compile. */
#define SLIDE_KINDS(X)                                                                             \
    X(STORY, story)                                                                                \
    X(PHOTO, photo)                                                                                \
    X(TEXT, text)                                                                                  \
    X(ROLL, roll)                                                                                  \
    X(VIDEO, video)                                                                                \
    X(BANNER, banner)                                                                              \
    X(WALL, wall)                                                                                  \
    X(NOTICE, notice)                                                                              \
    X(COUPLET, couplet)                                                                            \
    X(GALLERY, gallery)                                                                            \
    X(COUNTDOWN, countdown)                                                                        \
    X(CALENDAR, calendar)

#define SLIDE_KIND_ENUM(ID, name) SLIDE_##ID,
enum slide_type { SLIDE_KINDS(SLIDE_KIND_ENUM) SLIDE_TYPE_COUNT };
#undef SLIDE_KIND_ENUM
extern const char *const slide_type_names[SLIDE_TYPE_COUNT];

/* Every transition, once: X(ID, name, fn) gives TRANS_ID, the name an author writes and the
 * suffix of its drawing functions (transition.c's table is generated from this list). */
#define TRANSITIONS(X)                                                                             \
    X(CUT, "cut", cut)                                                                             \
    X(FADE, "fade", fade)                                                                          \
    X(SLIDE_LEFT, "slide-left", left)                                                              \
    X(SLIDE_RIGHT, "slide-right", right)                                                           \
    X(SLIDE_UP, "slide-up", up)                                                                    \
    X(SLIDE_DOWN, "slide-down", down)                                                              \
    X(WIPE, "wipe", wipe)                                                                          \
    X(ZOOM, "zoom", zoom)

#define TRANSITION_ENUM(ID, name, fn) TRANS_##ID,
enum transition_kind { TRANSITIONS(TRANSITION_ENUM) TRANS_COUNT };
#undef TRANSITION_ENUM
extern const char *const transition_names[TRANS_COUNT];

enum fit_mode { FIT_COVER, FIT_CONTAIN };

struct color {
    uint8_t r, g, b, a;
};

/* Value parsers, exposed for tests. Return 0 on success, -1 on a bad value. */
int playlist_parse_duration(const char *s, double *seconds);
int playlist_parse_color(const char *s, struct color *c);
int playlist_transition_by_name(const char *s); /* -1 when unknown */

#endif
