/* layout_qr.h - room for a slide's QR code (`qr:`) and the code itself (layout_qr.c): the slide's
 * own design is laid out in what is left, so the code never covers its text or photos. Internal
 * to the layout: layout.c calls these around the kind's design. */
#ifndef HB_LAYOUT_QR_H
#define HB_LAYOUT_QR_H

#include "page/layout_place.h"

struct qr_room {
    int w, h;                 /* the whole screen */
    int content_w, content_h; /* what the slide's design gets */
    bool band;                /* a band at the bottom (portrait), else a column at the right */
    double q, label_px; /* the code's side (quiet zone included), its label's size (0: none) */
    double m;           /* the screen's margin */
    bool left_out;      /* s has a code, but a strip this low cannot show it scannable */
};

/* Room for s's QR code on a w x h screen; false when s has none, or when a strip is too low for
 * 2 px a module (then left_out is set: the pages say so). */
bool layout_qr_room(const struct slide *s, int w, int h, const struct layout_env *env,
                    struct qr_room *r);
/* After the design is laid out in the room's content size: the screen's full size again, the
 * background and frame over it, and the code and its label on every page. */
void layout_qr_finish(struct place_ctx *c, const struct slide *s, const struct qr_room *r);

#endif
