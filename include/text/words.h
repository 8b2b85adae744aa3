/* words.h - where Chinese words end, by ICU's dictionary-based word boundaries (libicu), so a
 * balanced heading can avoid breaking inside a word (一|线, 优|秀). Pure function of code
 * points: no fonts, no SDL. */
#ifndef HB_WORDS_H
#define HB_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* For each position e in 1..n-1 of cps[0..n), whether e lies inside one word (no word boundary
 * between cps[e-1] and cps[e]; ICU's words and a small list of the field's: 服刑, 读书会, 民警).
 * Returns a calloc'd array of n + 1 flags the caller frees, or NULL when ICU cannot segment (then
 * callers treat every position as a boundary). */
bool *words_inner(const uint32_t *cps, size_t n);

#endif
