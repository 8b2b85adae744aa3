/* hyphenate.h - where a long English word may take a hyphen at a line end, by Liang's patterns
 * through libhyphen and Debian's en-US dictionary (hyphen-en-us). Only words of letters between
 * spaces, Han and punctuation: never a URL, an e-mail address, an identifier or a number. No
 * fonts, no SDL. */
#ifndef HB_HYPHENATE_H
#define HB_HYPHENATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* For cps[0..n): hy[i] set when a line may end after code point i with a hyphen added (at
 * least 3 letters each side, words of 7 letters or more). hy is the caller's, n entries. When
 * no dictionary is installed, none is set. */
void hyphenate_points(const uint32_t *cps, size_t n, bool *hy);

/* Reads the dictionary now (once for the process; hyphenate_points() would on first use), so
 * that laying out text later reads no file: called where the fonts are opened. */
void hyphenate_load(void);

#endif
