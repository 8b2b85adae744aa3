/* fonts.h - finding fonts (fontconfig), opening the right face of a .ttc, per-character fallback
 * across a chain, shaping (HarfBuzz, through shape.h) for the typesetter, and drawing laid-out
 * lines glyph by glyph (FreeType). Thread-safe: every call takes the module's lock. */
#ifndef HB_FONTS_H
#define HB_FONTS_H

#include "page/fontchain.h" /* enum font_weight */

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

#include "text/textlayout.h"
#include "model/validate.h" /* struct glyph_checker */

struct fonts;

/* family: the theme's font (fontconfig family name, or a font file inside assets/), or NULL for
 * Noto Sans CJK SC. Returns NULL with a message in err when no usable CJK font exists.
 * Caller frees with fonts_destroy(). */
struct fonts *fonts_create(const char *family, char *err, size_t errlen);
/* The same with a title face (fontconfig family, or NULL) for the bold text - headings, names,
 * the header - while the rest is set in family; with a family the title face is not used. */
struct fonts *fonts_create_titled(const char *family, const char *title, char *err, size_t errlen);
struct theme;
/* The fonts a theme sets: its `font:` for everything, else its design's title face for the bold
 * text and Noto Sans CJK SC for the rest. */
struct fonts *fonts_for_theme(const struct theme *th, char *err, size_t errlen);
void fonts_destroy(struct fonts *f);

/* Advance of cp at px through the fallback chain. */
double fonts_advance(struct fonts *f, enum font_weight w, uint32_t cp, double px);
/* A measurer for textlayout bound to (f, w): per-code-point advances and whole paragraphs
 * shaped as zh-Hans with their half-width ('halt') forms. The returned struct points at f. */
struct tl_measure fonts_measure(struct fonts *f, enum font_weight w);
/* Ascent and line height (pixels) of the primary face at px. */
double fonts_ascent(struct fonts *f, enum font_weight w, double px);
double fonts_height(struct fonts *f, enum font_weight w, double px);
/* True when some font in the chain has a glyph for cp. */
bool fonts_has_glyph(struct fonts *f, uint32_t cp);
/* Draws the n code points of a laid-out line (from tl_line_glyphs) onto dst (ARGB8888): shaped
 * as zh-Hans, each glyph at x + its cluster's pen position, half-width forms where marked. */
void fonts_draw_line(struct fonts *f, enum font_weight w, double px, const struct tl_glyph *g,
                     size_t n, SDL_Surface *dst, double x, double baseline, SDL_Color c);
/* Calls fn for each run of cps[0..n) that one face of the chain sets (the same runs
 * fonts_draw_line() shapes), under the module's lock, with px rounded as drawing rounds it: the
 * way other drawers (fonts_vertical.c) reach the faces. fn must not call back into fonts. */
struct shape_face;
void fonts_each_run(struct fonts *f, enum font_weight w, const uint32_t *cps, size_t n, double px,
                    void (*fn)(void *ctx, struct shape_face *sf, size_t a, size_t b, int px),
                    void *ctx);
/* Draws a whole UTF-8 string (no wrapping); returns its advance. */
double fonts_draw_text(struct fonts *f, enum font_weight w, const char *s, double px,
                       SDL_Surface *dst, double x, double baseline, SDL_Color c);
/* The same onto a transparent surface: colour c with the glyphs' coverage as alpha. */
double fonts_draw_text_alpha(struct fonts *f, enum font_weight w, const char *s, double px,
                             SDL_Surface *dst, double x, double baseline, SDL_Color c);
double fonts_text_width(struct fonts *f, enum font_weight w, const char *s, double px);
/* Description of the chain for --version / logs, e.g. "NotoSansCJK-Regular.ttc#2, ...". Owned
 * by f: valid until fonts_destroy(). */
const char *fonts_describe(struct fonts *f);

/* The installed fonts as validate's glyph checker (check, imports). */
extern const struct glyph_checker fonts_glyph_checker;

#endif
