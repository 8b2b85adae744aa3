/* punct.h - the clreq classes honorboard typesets by: which marks are opening, closing or pause
 * marks (and so have a blank half that can be squeezed), which characters are Han and which
 * Latin (a quarter em between them), and which pairs never stretch when a line is justified.
 * Pure functions of code points: no fonts, no SDL. */
#ifndef HB_PUNCT_H
#define HB_PUNCT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum punct_class {
    PC_NONE,   /* not punctuation */
    PC_OPEN,   /* “ ‘ （ 《 「 …: ink on the right half, blank on the left */
    PC_CLOSE,  /* ” ’ ） 》 」 …: ink on the left half, blank on the right */
    PC_PAUSE,  /* 、 ， 。 ； ： ？ ！: ink on the left half, blank on the right */
    PC_MIDDOT, /* · ・ ‧: ink in the middle; half width between the parts of a name */
    PC_DASH,   /* — … ⸺ ⋯: used in pairs, never squeezed */
};

enum punct_script { PS_OTHER, PS_HAN, PS_LATIN };

/* What lies between two neighbouring characters of a line. */
enum punct_gap {
    GAP_NONE,    /* nothing, ever (inside a word, between two marks, inside —— or ……) */
    GAP_STRETCH, /* inter-character space: takes its share when a line is justified */
    GAP_QUARTER, /* Han next to Latin or digits: a fixed quarter em */
};

enum punct_class punct_class(uint32_t cp);
/* Opening, closing and pause marks: the ones with a blank half (and a 'halt' form). */
bool punct_squeezable(uint32_t cp);
/* True for any mark of the classes above (dashes and middle dots included). */
bool punct_is_mark(uint32_t cp);
/* Han (ideographs, kana, hangul) versus Latin letters, digits and the signs that cling to them
 * (% # & @ $); everything else (+ included: 互联网+政务 takes no gap) (punctuation, spaces,
 * symbols) is PS_OTHER. */
enum punct_script punct_script(uint32_t cp);

/* Gap kind between a and b when they stand next to each other on a line (neither a space). */
enum punct_gap punct_gap(uint32_t a, uint32_t b);

/* Half-width forms decided by neighbours alone, for a paragraph of n code points: half[i] is set
 * for the mark of each adjacent pair whose blank faces the other (the first of ”， 。” 》《, the
 * second of （“), and for a middle dot between two Han characters (列夫·托尔斯泰). A mark quoted
 * alone (“：”, as a message about it writes it) keeps its full width. */
void punct_pair_forms(const uint32_t *cps, size_t n, bool *half);

/* Extra no-break rules on top of libunibreak and the clreq tables, applied to after[] (true: a
 * line may end after code point i): inside a Latin run (letters, digits, URLs, e-mail addresses)
 * a line breaks only after / . @ - and never leaves a piece of fewer than 3 letters or digits;
 * + stays with what precedes it (AI+, 互联网+); a single — between digits (8:30—12:00) never
 * starts a line. */
void punct_apply_rules(const uint32_t *cps, size_t n, bool *after);

/* Breaks inside a name with a middle dot (阿依古丽·买买提, 列夫·托尔斯泰): inside[i] set when a
 * line ending after code point i would cut one of its parts (the four Han characters before a dot
 * between Han, the three after it). A cost for whole-paragraph breaking, not a rule: such a
 * dot may also separate the parts of a title (乔司监狱·先进风采). */
void punct_name_parts(const uint32_t *cps, size_t n, bool *inside);

/* Depth of 《…》 and “…” nesting after each code point (0 outside), for headings that avoid
 * breaking inside a title or a quotation. */
void punct_nesting(const uint32_t *cps, size_t n, int *depth);

#endif
