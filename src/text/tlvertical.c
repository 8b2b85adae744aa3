/* tlvertical.c - vertical text (竖排) over the horizontal typesetter: see tlvertical.h.
 *
 * A column is measured like a line: an upright Han character or mark advances 1 em down the
 * column as it advances 1 em along a line, its half-width form ½ em either way (the font's
 * 'vhal' matches 'halt'), and a word laid sideways takes down the column exactly its width
 * along a line. So the typesetter breaks columns with its own rules unchanged; only the box is
 * turned: line length = box height, the stack of lines = box width, read right to left. One
 * measure differs: a group of one or two digits standing alone (第3名, 10 号) is set across in
 * one upright square (tate-chū-yoko, clreq 3.4), so it takes 1 em down the column. */
#include "text/tlvertical.h"
#include "text/textlayout.h"

#include <stddef.h>

static bool is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

/* Latin letters, digits and the marks inside a number: a digit next to one is part of a word
 * or a longer number, laid sideways with it. */
static bool joins_digits(uint32_t cp)
{
    return is_digit(cp) || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '.' ||
           cp == ',' || cp == '%' || cp == ':' || cp == '/' || cp == '-' || cp == '_';
}

size_t tl_vertical_tcy(const uint32_t *cps, size_t i, size_t n)
{
    if (i >= n || !is_digit(cps[i]) || (i > 0 && joins_digits(cps[i - 1])))
        return 0;
    size_t e = i;
    while (e < n && is_digit(cps[e]))
        e++;
    if (e - i > 2 || (e < n && joins_digits(cps[e])))
        return 0;
    return e - i;
}

struct vmeasure {
    const struct tl_measure *m;
};

static double v_advance(void *ctx, uint32_t cp, double px)
{
    const struct vmeasure *v = ctx;
    return v->m->advance(v->m->ctx, cp, px);
}

/* The font's advances, but a group set across in one square (tl_vertical_tcy) takes 1 em down
 * the column, shared by its digits. */
static void v_shape(void *ctx, const uint32_t *cps, size_t n, double px, double *adv, double *half)
{
    const struct vmeasure *v = ctx;
    if (v->m->shape)
        v->m->shape(v->m->ctx, cps, n, px, adv, half);
    else
        for (size_t i = 0; i < n; i++)
            adv[i] = half[i] = v->m->advance(v->m->ctx, cps[i], px);
    for (size_t i = 0; i < n; i++) {
        size_t k = tl_vertical_tcy(cps, i, n);
        for (size_t j = i; j < i + k; j++)
            adv[j] = half[j] = px / (double)k;
        i += k ? k - 1 : 0;
    }
}

struct tl_result *tl_vertical_layout(const char *text, double px, double box_w, double box_h,
                                     const struct tl_params *p, const struct tl_measure *m)
{
    struct vmeasure v = {m};
    struct tl_measure vm = {.advance = v_advance, .shape = v_shape, .ctx = &v};
    struct tl_result *r = tl_layout(text, px, box_h, box_w, p, &vm);
    /* keep the box as it stands on the page: box_w across the columns, box_h down them */
    r->box_w = box_w, r->box_h = box_h;
    return r;
}

struct tl_result *tl_vertical_fit(const char *text, double min_px, double max_px, double box_w,
                                  double box_h, const struct tl_params *p,
                                  const struct tl_measure *m)
{
    struct vmeasure v = {m};
    struct tl_measure vm = {.advance = v_advance, .shape = v_shape, .ctx = &v};
    struct tl_result *r = tl_fit(text, min_px, max_px, box_h, box_w, p, &vm);
    r->box_w = box_w, r->box_h = box_h;
    return r;
}

double tl_column_left(const struct tl_result *r, const struct tl_line *l, double box_w)
{
    return box_w - l->y - r->line_h;
}

bool tl_vertical_upright(uint32_t cp)
{
    if (tl_is_wide(cp))
        return true;
    /* emoji and the pieces of emoji sequences stay upright with the emoji they belong to */
    return cp >= 0x1F000 || (cp >= 0x2600 && cp < 0x27C0) || cp == 0x200D || cp == 0xFE0F ||
           (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x20E3 || (cp >= 0x2E80 && cp < 0xA000);
}
