/* tltypes.h - the typesetter's data, shared by its files (textlayout.c drives, tlpara.c sets a
 * paragraph, tlbreak.c breaks it): alignment, the measure callbacks, parameters, lines, set
 * positions and results. The data alone, so the paragraph files need not include the driver's
 * header above them. No SDL.
 *
 * Ownership: a struct tl_result owns text, pos and lines (freed by tl_result_free()); a
 * struct tl_line's offsets index into its result. */
#ifndef HB_TLTYPES_H
#define HB_TLTYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum text_align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT, ALIGN_JUSTIFY };

struct tl_measure {
    /* Advance width in pixels of one code point at font size px. */
    double (*advance)(void *ctx, uint32_t cp, double px);
    /* Optional (NULL: advance() per code point, no half-width forms). The n code points of a
     * paragraph shaped together at px: adv[i] the advance of code point i in its default form,
     * half[i] in its half-width form (OpenType 'halt'), or adv[i] when the font has none. A
     * glyph made of several code points (a ligature) shares its advance among them. */
    void (*shape)(void *ctx, const uint32_t *cps, size_t n, double px, double *adv, double *half);
    void *ctx;
};

struct tl_params {
    double indent_em;   /* first-line indent of each paragraph, in em (default 2) */
    double line_height; /* line pitch in em (default 1.6) */
    double para_gap;    /* extra space between paragraphs, in em (default 0.3) */
    enum text_align align;
    bool widows;  /* no 孤字 and no lonely lines at page breaks (default true) */
    bool balance; /* lines of nearly equal length (headings; centred text always) */
};

struct tl_line {
    size_t start, end;    /* byte range in tl_result.text; trailing spaces excluded */
    size_t first;         /* index of the line's first code point in tl_result.pos */
    double x;             /* left edge in the box (indent and alignment applied) */
    double y;             /* top of the line box, relative to its page's top */
    double width;         /* natural width, without justification */
    double extra;         /* justification: added at each stretchable gap */
    double extra_q;       /* justification: added at each Han-Latin gap (lines mostly of Latin) */
    int page;             /* 0-based */
    int para;             /* 0-based paragraph index */
    bool para_end;        /* last line of its paragraph */
    bool hyphen;          /* ends inside a word: a hyphen is drawn after its last character */
    float hyph_x, hyph_w; /* that hyphen's pen position (like tl_pos.x) and advance */
};

/* Where a code point was set: pen x relative to its line's left edge, its advance, and whether
 * it is drawn in its half-width form. */
struct tl_pos {
    float x, w;
    bool half;
};

struct tl_result {
    char *text;         /* normalised text: paragraphs joined with '\n' */
    struct tl_pos *pos; /* one per code point of text, in order */
    struct tl_line *lines;
    size_t nlines;
    int npages;
    double px;     /* font size used */
    double line_h; /* line pitch in pixels */
    double box_w, box_h;
    bool at_min_size; /* could not fit at max size: set at min size (and maybe paged) */
    bool bad_break;   /* a balanced paragraph (a heading) could only break badly */
};

struct tl_glyph {
    uint32_t cp;
    size_t off;    /* byte offset in tl_result.text */
    double x;      /* pen position relative to the line's left edge (line.x not included) */
    double w;      /* advance */
    bool half;     /* drawn in its half-width form (the font's 'halt' feature) */
    uint8_t level; /* bidi embedding level (text/bidi.h): odd is right to left; 0 until reordered */
};

/* ---- tltypes.c: reading and freeing a result ---- */

/* Pen positions of each code point of line l (justification included), and of the hyphen a
 * hyphenated line ends with (cp '-', off l->end: not in the text). Returns the count written (at
 * most cap). */
size_t tl_line_glyphs(const struct tl_result *r, const struct tl_line *l, struct tl_glyph *out,
                      size_t cap);
/* The same into *buf, grown (xrealloc) to hold the whole line; *buf and *cap start NULL and 0,
 * are reused from line to line, and the caller frees *buf. Returns the count. */
size_t tl_line_glyphs_grow(const struct tl_result *r, const struct tl_line *l,
                           struct tl_glyph **buf, size_t *cap);

/* Copies line l's characters (with its hyphen, when it has one). Caller frees. */
char *tl_line_text(const struct tl_result *r, const struct tl_line *l);

/* Frees r and everything it holds; NULL is ignored. */
void tl_result_free(struct tl_result *r);

#endif
