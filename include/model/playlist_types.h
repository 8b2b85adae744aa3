/* playlist_types.h - the playlist model's data: slides, people, media references, the theme,
 * the playlist. Plain structs that tests may build by hand. The data alone, so the parser's own
 * parts (playlist_nodes.c, playlist_slides.c) can fill it without depending on the parser's
 * driver (playlist.h).
 *
 * Ownership: a struct playlist owns every string, media_ref path and array it holds (all
 * freed by playlist_free()); pointers taken from it are valid as long as the playlist lives. */
#ifndef HB_PLAYLIST_TYPES_H
#define HB_PLAYLIST_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "base/diag.h" /* struct pos */
#include "base/schedule.h"
#include "text/tltypes.h"          /* enum text_align */
#include "model/playlist_values.h" /* the format's words: slide types, transitions, colours */

#define PLAYLIST_FORMAT_VERSION 1

/* A file named by the playlist: as written, and resolved against the playlist's folder. */
struct media_ref {
    char *path;     /* as written; NULL when absent */
    char *resolved; /* dir + path */
    bool is_video;  /* a video slide's clip: checked by videoprobe.c, not decoded as a picture */
    struct pos pos;
};

struct person {
    char *name, *honor, *unit;
    struct media_ref photo;
    double focus_x, focus_y;
    struct pos pos;
};

/* One photo of a gallery (图文): the picture, its caption, where its subject is. */
struct gallery_photo {
    struct media_ref image;
    char *caption;
    double focus_x, focus_y;
    struct pos pos;
};

struct slide {
    enum slide_type type;
    int index; /* 1-based position in the playlist */
    struct pos pos;
    char *name, *unit, *honor; /* story */
    char *title, *subtitle;    /* text, roll (title also optional on story/photo) */
    char *text;                /* story, text */
    char *caption;             /* photo */
    struct media_ref photo;    /* story */
    struct media_ref image;    /* photo */
    double focus_x, focus_y;   /* 0..1, default 0.5 / 0.3 (faces sit high) */
    enum fit_mode fit;
    enum text_align align;
    bool lines;             /* lines: true - each line of text as it is, no indent (a roster) */
    double duration;        /* seconds; <= 0 means "use the playlist default" */
    bool duration_auto;     /* duration: auto (reading time) */
    int transition;         /* enum transition_kind, or -1 for the default */
    double transition_time; /* seconds, or < 0 for the default */
    struct person *people;  /* roll */
    size_t npeople;
    struct schedule schedule; /* when it may show; unset = always */
    /* video: the clip, an optional poster image, trims (seconds into the file; end 0 = its
     * end), plays within the slide, sound. caption/title/fit as on photos. */
    struct media_ref video, poster;
    double start, end;
    int loops;     /* default 1 */
    bool audio;    /* default false: lobbies are silent */
    int subtitles; /* 0: the file's Chinese (or unnamed) subtitle track, if any; 1: true; -1:
                      false */
    double speed;  /* banner: characters a second its text runs (走字) on a strip; default 4 */
    int columns, per_page; /* wall: photos a row, people a page; 0 = chosen for the biggest faces */
    /* notice (公文): 文号, salutation (主送), 落款, date, attachment titles */
    char *number, *to, *sign, *date;
    char **attachments;
    size_t nattachments;
    char *qr, *qr_label;        /* any slide: a link or text drawn as a QR code, and its label */
    bool vertical;              /* text: direction: vertical - columns right to left (竖排) */
    char *first, *second, *top; /* couplet: 上联 (right), 下联 (left), 横批 (across the top) */
    struct gallery_photo *photos; /* gallery: 2 to 4 photos with captions */
    size_t nphotos;
    int target; /* countdown: the day counted down to, yyyymmdd */
    bool lunar; /* calendar (and countdown): the 农历 date under today's */
};

struct design;

struct theme {
    struct color background, accent, text;
    struct media_ref background_image;
    struct media_ref emblem;
    char *font;       /* fontconfig family or a file in assets/; NULL = default */
    char *title_font; /* the design's face for headings and names (bold text); NULL = font */
    const struct design *design; /* `design:` (designs.h); NULL = the first, 经典红 */
};

struct playlist {
    char *path; /* as given */
    char *dir;  /* folder that relative paths start from */
    int version;
    char *title, *subtitle;
    struct theme theme;
    double duration; /* default slide duration, seconds */
    bool duration_auto;
    int transition; /* default enum transition_kind */
    double transition_time;
    struct slide *slides;
    size_t nslides;
    struct schedule schedule; /* when the whole playlist may show */
    char *ticker;             /* a line scrolling along the bottom, or NULL */
};

/* ---- playlist_types.c ---- */

/* The theme a playlist starts from, and what cards use when there is no playlist: one red. */
extern const struct theme playlist_default_theme;

/* Frees pl and everything it owns; NULL is ignored. */
void playlist_free(struct playlist *pl);

#endif
