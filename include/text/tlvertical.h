/* tlvertical.h - vertical text (竖排) over the horizontal typesetter (tlvertical.c): a column is
 * a line turned a quarter clockwise, so the same break rules (kinsoku), compression, 孤字 rule,
 * justification and pagination set columns, with the box's height as the line length and its
 * width as the stack of lines. Columns run top to bottom and stand right to left. Which
 * characters stand upright in a column and which lie sideways (Latin, digits) is decided here
 * too (UAX #50 in short). Pure functions: no fonts, no SDL. */
#ifndef HB_TLVERTICAL_H
#define HB_TLVERTICAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/tltypes.h"

/* Lays text out in columns in a box_w x box_h box at the largest size in [min_px, max_px] that
 * fits one page (else at min_px over several pages): a tl_result whose lines are the columns
 * (tl_line.x and .y measured down the column and across the columns: see tl_column_left()).
 * Caller frees with tl_result_free(). */
struct tl_result *tl_vertical_fit(const char *text, double min_px, double max_px, double box_w,
                                  double box_h, const struct tl_params *p,
                                  const struct tl_measure *m);

/* The same at size px (box_h <= 0: one page). */
struct tl_result *tl_vertical_layout(const char *text, double px, double box_w, double box_h,
                                     const struct tl_params *p, const struct tl_measure *m);

/* Left edge of column l in its box box_w wide (the first column of a page is the rightmost);
 * the column is r->line_h wide, its glyphs centred in it. */
double tl_column_left(const struct tl_result *r, const struct tl_line *l, double box_w);

/* True when cp stands upright in a column (Han, kana, full-width forms, CJK punctuation, emoji);
 * false when it lies sideways, turned a quarter clockwise (Latin letters, digits, spaces). */
bool tl_vertical_upright(uint32_t cp);

/* When cps[i] starts a group of one or two digits standing alone (not inside a word, a longer
 * number, a decimal or a date written 2024/10): its length, set across in one upright square
 * (tate-chū-yoko: 第3名, 10 号); else 0. */
size_t tl_vertical_tcy(const uint32_t *cps, size_t i, size_t n);

#endif
