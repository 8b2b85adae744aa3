/* graphemes.h - user-perceived characters (UAX #29 extended grapheme clusters, by ICU's
 * character break iterator): an emoji ZWJ sequence (👮‍♂️), a flag (🇨🇳), a keycap
 * (1️⃣)
 * or a skin-toned emoji (👮🏽) is one grapheme, never split by a line, counted once by the
 * 孤字 rule, drawn from one font and checked once for a glyph. Pure functions of code points: no
 * fonts, no SDL. */
#ifndef HB_GRAPHEMES_H
#define HB_GRAPHEMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* For cps[0..n): joined[i] is set when code point i continues the grapheme of code point i - 1
 * (joined[0] is false). joined is the caller's, n entries. Plain Han, kana and Latin text is
 * answered without asking ICU. */
void graphemes_joined(const uint32_t *cps, size_t n, bool *joined);

/* The end (exclusive) of the grapheme that starts at cps[a]. */
size_t graphemes_next(const uint32_t *cps, size_t a, size_t n);

/* True when the grapheme cps[a..b) is to be drawn as a colour emoji: its first code point is
 * emoji by default (Emoji_Presentation: 👍 🇨), or the grapheme asks for emoji presentation or
 * is a sequence (U+FE0F, a keycap U+20E3, a skin tone, a ZWJ, tag characters). */
bool graphemes_is_emoji(const uint32_t *cps, size_t a, size_t b);

#endif
