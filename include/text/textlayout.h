/* textlayout.h - Chinese paragraph typesetting: line breaking (libunibreak + clreq prohibition
 * rules with push-out), punctuation compression, Han-Latin spacing, justification, no 孤字,
 * balanced centred headings, fit-to-box and paging without lonely lines.
 *
 * No SDL here: widths come from measure/shape callbacks, so tests use a fixed-advance fake. */
#ifndef HB_TEXTLAYOUT_H
#define HB_TEXTLAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/tlrules.h" /* break opportunities, character classes */
#include "text/tltypes.h" /* the typesetter's data: measure callbacks, params, lines, results */

/* Default parameters: 2 em indent, 1.6 line height, justify, no widows. */
struct tl_params tl_default_params(void);

/* Normalises author text: every line is a paragraph (blank lines between them change nothing),
 * the indentation the author typed (spaces, U+3000) is removed: the layout indents each
 * paragraph itself, once. Caller frees. */
char *tl_normalise(const char *text);

/* Lays out text at font size px in a box box_w wide and box_h high (box_h <= 0: one page).
 * Caller frees with tl_result_free(). */
struct tl_result *tl_layout(const char *text, double px, double box_w, double box_h,
                            const struct tl_params *p, const struct tl_measure *m);

/* Largest size in [min_px, max_px] at which text fits on one page of the box; when even min_px
 * overflows, the text is laid out at min_px over several pages. Caller frees. */
struct tl_result *tl_fit(const char *text, double min_px, double max_px, double box_w, double box_h,
                         const struct tl_params *p, const struct tl_measure *m);

#endif
