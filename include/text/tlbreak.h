/* tlbreak.h - where a paragraph's lines break (tlbreak.c): greedy fill, no 孤字, balanced
 * headings. Internal to the typesetter: textlayout.c calls it. */
#ifndef HB_TLBREAK_H
#define HB_TLBREAK_H

#include "text/tlpara.h"

/* *bad: balanced lines that could only break badly (inside a word, beside 和 or 的, away from the
 * author's spaces and marks). Line spans of the whole paragraph: total fit when justify (greedy
 * fill where no legal break fits), else the greedy fill, then no 孤字 (推入, else 推出), then for
 * balanced lines (balance: headings, centred text) that prefer breaks after ， 　 —— ： and not
 * inside 《》 “”.
 * avail(first) is box_w - indent. Returns the count; *out is allocated (caller frees);
 * squeezed[j] (allocated too) marks lines pulled in by squeezing punctuation. */
size_t tl_para_breaks(const struct tl_para *pa, double box_w, double indent, bool widows,
                      bool balance, bool justify, struct tl_span **out, bool **squeezed, bool *bad);

#endif
