/* shape.h - one font face through HarfBuzz and FreeType: shaping runs of code points as
 * Simplified Chinese (script Hani, language zh-Hans, so the font's own forms are used: one
 * continuous ——, full-width quotes, a half-width · on request) with the 'halt' feature on the
 * code points asked for, and rasterising glyphs by glyph id. SDL_ttf cannot do either: it
 * renders by code point and does not take OpenType features.
 *
 * No SDL and no locking here: fonts.c owns the faces and calls in under its lock. */
#ifndef HONORBOARD_SHAPE_H
#define HONORBOARD_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct shape_face;

struct shape_glyph {
    uint32_t gid;
    uint32_t cluster;   /* index of the first code point of the run this glyph belongs to */
    double adv, dx, dy; /* pixels at the requested size */
};

/* An 8-bit coverage bitmap, or for a colour glyph (an emoji) premultiplied ARGB pixels (cov
 * NULL, argb set); left/top: offset of its top-left from the pen on the baseline. Owned by the
 * face's cache (see shape_glyph_bitmap()). */
struct shape_bitmap {
    int w, h, pitch, left, top;
    uint8_t *cov;
    uint32_t *argb;
};

/* Opens face index of a font file, from data[0..size) when data is not NULL (the file mapped
 * by the caller, kept until shape_face_close()), else from the file. Returns NULL when FreeType
 * or HarfBuzz cannot read it. Caller frees with shape_face_close(). */
struct shape_face *shape_face_open(const char *file, const void *data, size_t size, int index);
void shape_face_close(struct shape_face *f);

/* Glyph id of cp in this face, 0 when it has none. */
uint32_t shape_face_glyph(struct shape_face *f, uint32_t cp);
/* Nominal advance of glyph gid at px (no shaping). */
double shape_face_advance(struct shape_face *f, uint32_t gid, double px);
/* Ascent and ascent + descent in whole pixels at px (rounded up, as SDL_ttf does). */
int shape_face_ascent(struct shape_face *f, double px);
int shape_face_height(struct shape_face *f, double px);

/* Shapes cps[0..n) at px; half[i] (half may be NULL) asks for code point i's half-width form.
 * Writes the glyphs to *out (grown as needed; caller frees) and returns their count. */
size_t shape_run(struct shape_face *f, const uint32_t *cps, size_t n, const bool *half, double px,
                 struct shape_glyph **out, size_t *cap);

/* shape_run(), or with rtl a right-to-left run (a bidi run of odd level: Uyghur, Arabic,
 * Hebrew) shaped RTL in the run's own script (HarfBuzz's guess from its letters) so letters
 * join. Glyphs come in display order, left to right; cluster still names the run's code point
 * (logical order), so a right-to-left run's clusters fall. */
size_t shape_run_bidi(struct shape_face *f, const uint32_t *cps, size_t n, const bool *half,
                      double px, bool rtl, struct shape_glyph **out, size_t *cap);

/* The same down a column (HB_DIRECTION_TTB) with the vertical forms ('vert', 'vrt2': 。，「」
 * 《》—— turned or moved for columns) and half[i] asking for the half-height form ('vhal'). adv
 * is the advance down the column; dx, dy (y up) place the glyph's horizontal origin relative to
 * the pen, which sits on the column's centre line at the top of the glyph's em box. */
size_t shape_run_vertical(struct shape_face *f, const uint32_t *cps, size_t n, const bool *half,
                          double px, struct shape_glyph **out, size_t *cap);

/* Coverage of glyph gid at px (whole pixels), cached in the face; NULL when it has no ink. A
 * colour face (CBDT bitmaps such as Noto Color Emoji, or COLR) gives its colour pixels, the
 * bitmap strike scaled to px.
 * Owned by f: valid until the face is destroyed (the cache is never trimmed while it lives). */
const struct shape_bitmap *shape_glyph_bitmap(struct shape_face *f, uint32_t gid, int px);

#endif
