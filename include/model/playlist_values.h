/* playlist_values.h - the playlist format's words and value syntax, apart from YAML and from
 * the model: slide types, transitions, fit modes and colours, and the parsers of durations,
 * colours and transition names. playlist.h builds the model on these. */
#ifndef HB_PLAYLIST_VALUES_H
#define HB_PLAYLIST_VALUES_H

#include <stdint.h>

enum slide_type { SLIDE_STORY, SLIDE_PHOTO, SLIDE_TEXT, SLIDE_ROLL, SLIDE_VIDEO, SLIDE_TYPE_COUNT };
extern const char *const slide_type_names[SLIDE_TYPE_COUNT];

enum transition_kind {
    TRANS_CUT,
    TRANS_FADE,
    TRANS_SLIDE_LEFT,
    TRANS_SLIDE_RIGHT,
    TRANS_SLIDE_UP,
    TRANS_SLIDE_DOWN,
    TRANS_WIPE,
    TRANS_ZOOM,
    TRANS_COUNT
};
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
