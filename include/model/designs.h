/* designs.h - the finished designs a playlist picks with `design:` (designs.c): each is a row of
 * data, not code - its Latin and Chinese names, colours, the face its text is set in, its
 * ornaments, and its metrics: where each element of each kind goes and how large it is. The
 * playlist's `theme:` keys override the colours and the face.
 *
 * No pixels here: every length is in design units (u), 1/1080 of a landscape screen's height
 * (or of a portrait screen's width), and page/ turns them into pixels for the screen laid out
 * (layout_place.c). Fractions are of what their comment says (the screen, the photo). A pair
 * [2] is {landscape, portrait}. */
#ifndef HB_DESIGNS_H
#define HB_DESIGNS_H

#include <stdbool.h>

#include "model/playlist_types.h"

/* The ink a text is set in: one of the theme's colours (so `theme:` keys still recolour it),
 * or white (over a photo's dark caption band). */
enum design_ink { DESIGN_TEXT, DESIGN_ACCENT, DESIGN_WHITE };

/* One text element: its size range and box height, weight and ink. */
struct design_text {
    double min, max; /* font size range, u */
    double box;      /* the height of its box, u (0: the layout sizes it) */
    bool bold;
    enum design_ink ink;
    double soften; /* how much of the background is mixed into the ink: 0 none, 0.2 a fifth */
};

/* The header, frame, rules and page number every designed page shares, and the message cards
 * (a content error, standby). */
struct design_chrome {
    double margin[2];                                        /* the safe margin, u */
    double header_h[2];                                      /* the header band */
    struct design_text header[2], header_titled, header_sub; /* title alone; over a subtitle */
    double titled_share;         /* of the header band: the title's box over a subtitle */
    double emblem_gap, mark_gap; /* after an emblem image; after the mark (no emblem) */
    double mark_min, mark_max;   /* the mark's size range: of the header band */
    double rule_gap, rule_w, rule2_at, rule2_w, rule_after; /* the double rule under it */
    double rule2_alpha;                                     /* 0..255 */
    double frame_w, frame_inset, frame_alpha; /* frame_inset: of the margin; alpha 0..255 */
    double page_no_h, page_no_w, content_gap; /* content ends content_gap above the page no. */
    struct design_text page_no;
    struct design_text card; /* the card's message */
    double card_top, card_pad, card_max_w, card_bottom;
    /* the board's date and clock (config `clock:`) in the header's right end: its text size,
     * its box's width in ems of that size (the widest it writes), the gap the title keeps */
    double clock_px, clock_em, clock_gap;
};

/* A story: photo, name, unit and honour in a column beside the heading and body (landscape),
 * or above them (portrait). */
struct design_story {
    double top;
    double photo_share, photo_max_w, photo_aspect; /* of the content height; of W; w / h */
    double col_min, col_over_photo, col_x;         /* the column: at least col_min, photo x this */
    double name_gap, unit_gap, badge_gap, text_gap, text_right;
    double head_gap[2];
    double divider_at, divider_w;
    double rule_x, rule_w, rule_len, rule_h, rule_gap;         /* beside / under the heading */
    double portrait_photo_w, portrait_top, body_pad, body_gap; /* portrait_photo_w: of W */
    double badge_px[2];
    struct design_text name[2], unit, heading[2], body[2];
};

/* A photo (and a video): the caption band under or over it. */
struct design_photo {
    double band_h[2], band_title;       /* the band; more when both title and caption are given */
    double rule_w, pad, title_gap, dim; /* dim: black mixed into the background behind it */
    struct color band_over, band_below; /* over a covering photo; under a contained one */
    struct design_text title, caption;
};

/* A text slide; a notice (公文) shares its measure. */
struct design_text_slide {
    double top, pad[2], max_w;
    double title_gap, sub_gap, rule_at, rule_after, rule_len, rule_h;
    struct design_text title[2], subtitle, body;
};

struct design_roll {
    double top, title_gap, sub_gap, grid_gap, pad, gap;
    double name_box, honor_box, unit_box, name_pad, text_pad;
    double photo_aspect, photo_share, photo_max[2], card_over_photo;
    int per_page[2], per_page_wide, per_page_small[2]; /* wide: over 1.9:1; small: under 600 px */
    struct design_text title, subtitle, name, honor, unit;
};

/* The photo wall: the text under a photo is sized from the photo (fractions of its height). */
struct design_wall {
    double top, title_gap, sub_gap, grid_gap, bottom_gap, pad, gap;
    double photo_aspect, name_share, name_max, honor_share, unit_share, caption_gap;
    int per_page, per_page_small; /* small: under 1000 px wide or 600 px high */
    struct design_text title, subtitle;
    struct design_text name, honor, unit; /* their weight and ink; sizes from the photo */
};

struct design_notice {
    double top, pad[2], max_w, number_gap, rule_gap, rule_after, rule_h;
    struct design_text title, number, body;
};

struct design_signs { /* banner and couplet */
    double banner_pad, banner_rule_h, banner_rule_share;
    double couplet_top, couplet_radius, couplet_edge, couplet_edge_w, couplet_pad;
    double couplet_band_min_w, couplet_band_h, couplet_band_gap, couplet_band_pad;
    double couplet_band_w, couplet_band_max; /* of W: the 横批's width, its height at most */
    double couplet_strip_w, couplet_strip_ratio, couplet_strip_x; /* of the room; h / w; of W */
    double couplet_ink; /* black mixed into the background: the ink on the accent paper */
};

/* The gallery (图文): title, 2-4 photos with captions, a short text at the bottom (its size
 * never over the title's). */
struct design_gallery {
    double top, title_gap, text_gap, bottom, side, text_side, gap, caption_gap;
    double text_share, caption_share; /* at most this part of the room: the text, the captions */
    struct design_text title, text, caption;
};

/* The cards of the day (countdown, calendar): each piece's size on a page (u) and on a strip
 * (parts of the band's height): [0] page, [1] strip. */
struct design_cards {
    double pad[2]; /* above and below, at the sides of the box under the header, u */
    double gap;    /* between rows, u (a strip: strip_gap, part of the band) */
    double strip_gap;
    double head[2], day_head[2], number[2], unit[2], date[2], lunar[2], text[2]; /* countdown */
    double cal_title[2], cal_month[2], cal_day[2], cal_weekday[2], cal_lunar[2]; /* calendar */
};

/* Where each element of each kind goes and how large it is. */
struct design_metrics {
    struct design_chrome chrome;
    struct design_story story;
    struct design_photo photo;
    struct design_text_slide text;
    struct design_roll roll;
    struct design_wall wall;
    struct design_notice notice;
    struct design_signs signs;
    struct design_gallery gallery;
    struct design_cards cards;
};

/* What a design adds to the frame and header: the mark beside the title when the theme has no
 * emblem, a second frame line inside the first, corner pieces. */
struct design_ornament {
    const char *mark;   /* "★"; NULL: none */
    double inner_frame; /* a thin second line this far inside the frame, u; 0: none */
    double corner;      /* L-shaped corner pieces this long, u; 0: none */
    double corner_w;    /* their thickness, u */
    double band;        /* a tinted header band behind the title: its opacity 0..1; 0: none */
};

struct design {
    const char *name; /* as written after `design:` */
    const char *zh;   /* the Chinese name, also accepted */
    struct color background, accent, text;
    const char *font;       /* fontconfig family for all text; NULL: the default sans face */
    const char *title_font; /* for headings, names and the header (bold text); NULL: font */
    struct color ticker;    /* the ticker's band (translucent) under the board's overlays */
    const struct design_metrics *metrics;
    struct design_ornament ornament;
};

extern const struct design designs[];
extern const size_t ndesigns;
/* The metrics of 经典红, the look honorboard always had (other designs may share them). */
extern const struct design_metrics design_classic_metrics;

/* The design named (Latin or Chinese), or NULL. */
const struct design *design_by_name(const char *name);
/* The design a theme wears: its `design:`, else the first (经典红). */
const struct design *design_of(const struct theme *th);
/* The nearest name for a misspelt one (Latin or Chinese), or NULL. */
const char *design_suggest(const char *name);
/* Sets th's design, colours and face from d (before the playlist's own theme keys). */
void design_apply(const struct design *d, struct theme *th);

#endif
