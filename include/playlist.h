/* playlist.h - the playlist model: a YAML playlist file parsed into plain structs.
 *
 * playlist_load() parses with libyaml and checks structure and values (types, keys, durations,
 * colours, transitions); every value keeps its file:line:col. File checks (missing photos,
 * paths leaving the folder, undecodable images) are validate.h's job. */
#ifndef HB_PLAYLIST_H
#define HB_PLAYLIST_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"      /* struct pos */
#include "schedule.h"
#include "textlayout.h" /* enum text_align */
#include "playlist_values.h" /* the format's words: slide types, transitions, colours */

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
    bool lines;                /* lines: true - each line of text as it is, no indent (a roster) */
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

/* The theme a playlist starts from, and what cards use when there is no playlist: one red. */
extern const struct theme playlist_default_theme;

/* Every file pl names (theme images, photos, people's photos, clips and posters), with a description of where it is
 * used for messages ("slide 3 (story): photo"). m and what are valid during the call only. */
typedef void (*playlist_media_fn)(void *ctx, const struct media_ref *m, const char *what);
void playlist_foreach_media(const struct playlist *pl, playlist_media_fn fn, void *ctx);
/* Every text pl shows (titles, ticker, names, units, honours, stories, captions, people), with
 * the position of the slide or person it belongs to ({1,1} for the playlist's own texts) and a
 * label ("title", "ticker", "slide 3"). text and what are valid during the call only. */
typedef void (*playlist_text_fn)(void *ctx, const char *text, struct pos pos, const char *what);
void playlist_foreach_text(const struct playlist *pl, playlist_text_fn fn, void *ctx);

/* Expands PATH (a playlist file or a folder of *.yaml in name order) into a list of files.
 * Returns the count, or -1 with errno set. Caller frees each string and the array. */
int playlist_expand_path(const char *path, char ***files);

#endif
