/* tltypes.c - the typesetter's results read and freed (tltypes.h): a line's glyphs and text,
 * and tl_result_free(). */
#include "text/tltypes.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

size_t tl_line_glyphs(const struct tl_result *r, const struct tl_line *l, struct tl_glyph *out,
                      size_t cap)
{
    size_t n = 0, len;
    for (size_t b = l->start; b < l->end && n < cap; b += len) {
        uint32_t cp = utf8_decode(r->text + b, l->end - b, &len);
        const struct tl_pos *q = &r->pos[l->first + n];
        out[n++] = (struct tl_glyph){.cp = cp, .off = b, .x = q->x, .w = q->w, .half = q->half};
    }
    if (l->hyphen && n < cap)
        out[n++] = (struct tl_glyph){.cp = '-', .off = l->end, .x = l->hyph_x, .w = l->hyph_w};
    return n;
}

size_t tl_line_glyphs_grow(const struct tl_result *r, const struct tl_line *l,
                           struct tl_glyph **buf, size_t *cap)
{
    size_t need = l->end - l->start + 2; /* at least one byte a code point, and a hyphen */
    if (need > *cap)
        *buf = xrealloc(*buf, (*cap = need) * sizeof **buf);
    return tl_line_glyphs(r, l, *buf, *cap);
}

char *tl_line_text(const struct tl_result *r, const struct tl_line *l)
{
    size_t n = l->end - l->start;
    char *s = xmalloc(n + 2);
    memcpy(s, r->text + l->start, n);
    if (l->hyphen)
        s[n++] = '-';
    s[n] = '\0';
    return s;
}

void tl_result_free(struct tl_result *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->pos);
    free(r->lines);
    free(r);
}
