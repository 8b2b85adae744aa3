/* validate.h - meaning checks that need the file system: media files exist, stay inside the
 * playlist's folder, match letter case, and decode. Messages go to a struct diag. */
#ifndef HB_VALIDATE_H
#define HB_VALIDATE_H

#include "base/diag.h"
#include "model/playlist.h"

#include <stddef.h>
#include <stdint.h>

/* Which characters the screen's fonts can show, asked without validate depending on the fonts
 * module: open() the font chain for a theme font (NULL = the default; returns NULL with a
 * message in err when no font can be opened), has() asks it about one code point, close()
 * releases it. fonts.h provides one (fonts_glyph_checker); tests may use a fake. */
struct glyph_checker {
    void *(*open)(const char *family, char *err, size_t errlen);
    bool (*has)(void *chain, uint32_t cp);
    void (*close)(void *chain);
};

struct validate_opts {
    bool decode_images; /* decode every image (slow for huge photos, but check must) */
    const struct glyph_checker *glyphs; /* warn about characters no font has; NULL = skip */
    /* Warnings from the layout (advice.h: photos enlarged, too little reading time); NULL =
     * skip. A callback, so validate stays on the left of layout in the data flow. */
    void (*advise)(const struct playlist *pl, struct diag *d);
    /* Opens the clip of every video slide as check must (videoprobe.h: videoprobe_slide), when
     * decode_images is set; NULL = clips are not opened. A callback, so validate stays below
     * the video code (the clip's name and place are still checked here, like any file). */
    void (*probe_video)(const struct playlist *pl, const struct slide *s, struct diag *d);
    /* Told each playlist's path before it is judged (judge.c names the file a crashed checker
     * was on); NULL = nobody asks. */
    void (*judging)(void *ctx, const char *file);
    void *judging_ctx;
};

/* Checks every file pl names; problems go to d. */
void validate_playlist(const struct playlist *pl, const struct validate_opts *o, struct diag *d);

/* Warns (in d) about every character of pl's texts that no font of g can show, each at its
 * line:col in the file (at most 50 listed, then how many more). */
void validate_glyphs(const struct playlist *pl, const struct glyph_checker *g, struct diag *d);

/* One playlist file through every check (parse, its files, glyphs when o->glyphs is set), its
 * messages added to d in line order. `check` and imports both judge a playlist through this,
 * so a stick is judged exactly like `check` judges it. Returns the playlist (NULL when the file
 * cannot be read); caller frees with playlist_free(). */
struct playlist *validate_playlist_file(const char *path, const struct validate_opts *o,
                                        struct diag *d);

/* Checks one media reference; returns 0 when it can be used. `what` is e.g. "slide 3 (story):
 * photo". */
int validate_media(const struct playlist *pl, const struct media_ref *m, const char *what,
                   bool decode, struct diag *d);

#endif
