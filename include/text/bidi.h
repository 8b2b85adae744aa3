/* bidi.h - right-to-left text (Uyghur, Arabic, Hebrew) put in display order by the Unicode
 * bidirectional algorithm (UAX #9, ICU's ubidi): levels are resolved over a whole paragraph,
 * lines are broken in logical order, and each line is then reordered on its own (rule L2), so a
 * line break inside a right-to-left run still reads right. Pure functions of code points and
 * pen positions: no fonts, no SDL.
 *
 * The board's higher-level protocol (UAX #9 HL1): a paragraph is right-to-left only when its
 * first strong character is right-to-left and it holds no Han, kana or Hangul - a Chinese
 * sentence with a Uyghur name in it is a Chinese sentence (left to right, the name's letters
 * right to left inside it); a paragraph in Uyghur alone is right-to-left. */
#ifndef HB_BIDI_H
#define HB_BIDI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/tltypes.h" /* struct tl_glyph, tl_result, tl_line */

/* True when cps[0..n) holds a right-to-left character (Hebrew, Arabic, Syriac, Thaana, N'Ko
 * and the like) or an explicit right-to-left mark, embedding, override or isolate: only such
 * text needs reordering. */
bool bidi_has_rtl(const uint32_t *cps, size_t n);

/* True when the paragraph cps[0..n) is set right to left (see HL1 above). */
bool bidi_para_rtl(const uint32_t *cps, size_t n);

/* The embedding level of each code point of the paragraph cps[0..n) (odd: right to left) into
 * levels[0..n) (the caller's). All 0 when the paragraph has nothing right-to-left. */
void bidi_levels(const uint32_t *cps, size_t n, uint8_t *levels);

/* Puts the n glyphs of one line (logical order, pen positions from the typesetter) in display
 * order: levels[i] is glyph i's level from bidi_levels(); trailing white space takes the
 * paragraph's level (rule L1); each run is mirrored inside the space it takes (rule L2), so
 * justification and the line's width are kept. Sets g[i].level and moves g[i].x; g stays in
 * logical order (the shaper needs it). */
void bidi_reorder(struct tl_glyph *g, size_t n, const uint8_t *levels, bool para_rtl);

/* The same for line l of r, whose glyphs (tl_line_glyphs) are g[0..n): the paragraph is read
 * from r->text. Does nothing (and costs a scan) when the paragraph is all left to right. */
void bidi_line(const struct tl_result *r, const struct tl_line *l, struct tl_glyph *g, size_t n);

/* The same for a string set on one line as one paragraph: cps are g[i].cp. */
void bidi_glyphs(struct tl_glyph *g, size_t n);

#endif
