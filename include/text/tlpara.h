/* tlpara.h - one paragraph as the typesetter sees it, shared by the text layout modules
 * (textlayout.c drives, tlpara.c measures and sets lines, tlbreak.c chooses the breaks).
 * Internal: nothing outside those files includes it. No SDL. */
#ifndef HB_TLPARA_H
#define HB_TLPARA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "text/tltypes.h"

/* Every array is owned by the paragraph (n entries; tl_para_free() frees them). */
struct tl_para {
    uint32_t *cps;
    size_t *offs; /* byte offset of each code point in the result's text */
    size_t base;  /* index of the paragraph's first code point in the result's pos */
    size_t n;
    double *adv;     /* advance in the default form (as shaped) */
    double *half;    /* advance in the half-width ('halt') form; == adv when there is none */
    bool *after;     /* a line may end after code point i */
    bool *pair_half; /* half width wherever the line breaks (adjacent marks, name dots) */
    uint8_t *cls;    /* enum punct_class */
    uint8_t *gap;    /* enum punct_gap between i and i + 1, spaces resolved */
    bool *joined;    /* code point i continues the grapheme of i - 1 (👮‍♂️ is one) */
    bool *hyph;      /* a line may end after i with a hyphen added (a long English word) */
    bool *in_name;   /* a line ending after i would cut a name with a middle dot */
    double hyphen_w; /* the advance of that hyphen */
    double px;
    double quarter; /* the Han-Latin gap: px / 4 */
};

/* A line of a paragraph: code points [s, e), trailing spaces excluded. */
struct tl_span {
    size_t s, e;
};

/* Analyses cps[0..n) (offs: byte offsets) at px: shaping, break opportunities (already in
 * after[], computed by the caller), forms, gaps. Caller frees with tl_para_free(). */
void tl_para_init(struct tl_para *pa, const struct tl_measure *m, double px);
void tl_para_free(struct tl_para *pa);

/* Width of the line [s, e) as it would be set; squeeze: every squeezable mark at half width
 * (pulling a line in, 推入). */
double tl_para_width(const struct tl_para *pa, size_t s, size_t e, bool squeeze);

/* The greedy line from s in avail pixels (push-out on the clreq rules); returns its end
 * (exclusive, trailing spaces excluded) and the next line's start in *next. */
size_t tl_para_fill(const struct tl_para *pa, size_t s, double avail, size_t *next);

/* True when [s, e) is a legal line: e == n or a break is allowed after e - 1 (spaces skipped). */
bool tl_para_can_end(const struct tl_para *pa, size_t e);

/* Graphemes on [s, e) that count for 孤字: neither spaces nor punctuation marks (👮‍♂️ is
 * one).
 */
size_t tl_para_solid(const struct tl_para *pa, size_t s, size_t e);

/* True when a line ending before e ends inside a word at a hyphenation point (it shows a
 * hyphen the text does not have). */
bool tl_para_hyphen_at(const struct tl_para *pa, size_t e);

/* Sets line [s, e) into l (x, width, extra) and the pen positions into r's per-byte arrays.
 * x0: the line's left indent; last: the paragraph's last line (never stretched). */
void tl_para_set(const struct tl_para *pa, struct tl_result *r, struct tl_line *l, size_t s,
                 size_t e, double x0, double avail, bool last, bool squeeze, enum text_align align);

#endif
