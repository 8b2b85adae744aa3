/* tlrules.h - where a line may break (tlrules.c): libunibreak's opportunities with the clreq
 * prohibitions and punct.c's extra rules on top, and the character classes the typesetter and
 * the renderer share. Pure functions of code points: no state the caller owns, no SDL. */
#ifndef HB_TLRULES_H
#define HB_TLRULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Break opportunities for a single paragraph of n code points (utf8: its len bytes, offs: the
 * byte offset of each code point): after[i] is set true when a line may end after code point
 * i. All arrays are the caller's. Exposed for tests. */
void tl_break_opportunities(const uint32_t *cps, size_t n, const char *utf8, size_t len,
                            const size_t *offs, bool *after);

/* The punctuation rules alone: may a line end between a and b? For last-resort breaks inside
 * over-long words, so they still never start a line with a closing mark nor split an emoji. */
bool tl_soft_break_ok(uint32_t a, uint32_t b);

/* Character classes used by the rules (exposed for tests and the renderer). */
bool tl_is_wide(uint32_t cp); /* Han, kana, hangul, full-width forms, CJK punctuation */
bool tl_is_space(uint32_t cp);

#endif
