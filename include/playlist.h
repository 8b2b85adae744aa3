/* playlist.h - the playlist model: a YAML playlist file parsed into plain structs.
 *
 * playlist_load() parses with libyaml and checks structure and values (types, keys, durations,
 * colours, transitions); every value keeps its file:line:col. File checks (missing photos,
 * paths leaving the folder, undecodable images) are validate.h's job. */
#ifndef HB_PLAYLIST_H
#define HB_PLAYLIST_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "schedule.h"

#define PLAYLIST_FORMAT_VERSION 1

struct pos {
    int line, col; /* 1-based; 0 = unknown */
};

enum slide_type { SLIDE_STORY, SLIDE_PHOTO, SLIDE_TEXT, SLIDE_ROLL, SLIDE_VIDEO, SLIDE_TYPE_COUNT };
extern const char *const slide_type_names[SLIDE_TYPE_COUNT];

enum transition_kind {
    TRANS_CUT, TRANS_FADE, TRANS_SLIDE_LEFT, TRANS_SLIDE_RIGHT, TRANS_SLIDE_UP,
    TRANS_SLIDE_DOWN, TRANS_WIPE, TRANS_ZOOM, TRANS_COUNT
};
extern const char *const transition_names[TRANS_COUNT];

enum fit_mode { FIT_COVER, FIT_CONTAIN };
enum text_align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT, ALIGN_JUSTIFY };

struct color {
    uint8_t r, g, b, a;
};

/* A file named by the playlist: as written, and resolved against the playlist's folder. */
struct media_ref {
    char *path;     /* as written; NULL when absent */
    char *resolved; /* dir + path */
    struct pos pos;
};

struct person {
    char *name, *honor, *unit;
    struct media_ref photo;
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
    double duration;           /* seconds; <= 0 means "use the playlist default" */
    bool duration_auto;        /* duration: auto (reading time) */
    int transition;            /* enum transition_kind, or -1 for the default */
    double transition_time;    /* seconds, or < 0 for the default */
    struct person *people;     /* roll */
    size_t npeople;
    struct schedule schedule;  /* when it may show; unset = always */
    /* video: the clip, an optional poster image, trims (seconds into the file; end 0 = its
     * end), plays within the slide, sound. caption/title/fit as on photos. */
    struct media_ref video, poster;
    double start, end;
    int loops;                 /* default 1 */
    bool audio;                /* default false: lobbies are silent */
};

struct theme {
    struct color background, accent, text;
    struct media_ref background_image;
    struct media_ref emblem;
    char *font; /* fontconfig family or a file in assets/; NULL = default */
};

struct playlist {
    char *path; /* as given */
    char *dir;  /* folder that relative paths start from */
    int version;
    char *title, *subtitle;
    struct theme theme;
    double duration; /* default slide duration, seconds */
    bool duration_auto;
    int transition;  /* default enum transition_kind */
    double transition_time;
    struct slide *slides;
    size_t nslides;
    struct schedule schedule; /* when the whole playlist may show */
    char *ticker;             /* a line scrolling along the bottom, or NULL */
};

/* Parses the playlist at path. Problems go to d. Returns NULL only when the file cannot be read
 * or is not YAML at all; otherwise a playlist holding every slide that could be understood.
 * Caller frees with playlist_free(). */
struct playlist *playlist_load(const char *path, struct diag *d);
/* Same, from memory (tests); path is used for messages and relative files. */
struct playlist *playlist_parse(const char *path, const char *text, size_t len, struct diag *d);
void playlist_free(struct playlist *pl);

/* Value parsers, exposed for tests. Return 0 on success, -1 on a bad value. */
int playlist_parse_duration(const char *s, double *seconds);
int playlist_parse_color(const char *s, struct color *c);
int playlist_transition_by_name(const char *s); /* -1 when unknown */

/* Slide duration after defaults, before paging; "auto" uses the text length. A video slide
 * without a duration of its own is as long as its clip: this returns 0 for it and the caller
 * (who has probed the clip) uses playlist_video_duration(). */
double playlist_slide_duration(const struct playlist *pl, const struct slide *s);
/* A video slide's length for a clip of clip_seconds: its own duration, else the trimmed clip
 * times loops. */
double playlist_video_duration(const struct slide *s, double clip_seconds);
/* The second of the file shown as a video slide's poster when it has no poster: 1 s into the
 * trimmed clip, or the middle of a shorter one, so a fade from black is not a black poster. */
double playlist_video_poster_time(const struct slide *s, double clip_seconds);
/* Reading time for n characters (about 300 a minute), clamped to a readable range. */
double playlist_reading_time(size_t nchars);

/* Expands PATH (a playlist file or a folder of *.yaml in name order) into a list of files.
 * Returns the count, or -1 with errno set. Caller frees each string and the array. */
int playlist_expand_path(const char *path, char ***files);

#endif
