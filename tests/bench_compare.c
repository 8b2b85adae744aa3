/* bench_compare.c - `make bench` helper: honorboard's typesetter side by side with Pango on the
 * paragraphs of tests/data/justify-cases.txt (URLs, identifiers, long English words, Latin
 * punctuation in Chinese) at the body sizes the board uses at 1920x1080, 1080x1920 and 768x384:
 * the same font (Noto Sans CJK SC), size, width, 2 em indent and justification. Counts, for
 * each, the lines, the justified lines with more than a quarter em added between two characters
 * (those beside an unbreakable run longer than a third of the line apart), the widest such gap,
 * spaces before a closing or pause mark, clreq line-start and line-end violations, pages of a
 * story whose last page is under a third full, and for the 14 headings of
 * tests/data/typeset-heading2.yaml breaks inside a word and stranded function words. Prints a
 * Markdown table.
 * usage: bench_compare [CASES.txt]   (BENCH_COMPARE_DEBUG=1: the lines with a gap over 0.4 em) */
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "page/fonts.h"
#include "text/punct.h"
#include "text/textlayout.h"
#include "text/words.h"

struct size {
    const char *name;
    double width, px, box_h; /* the body box of a text slide at that screen size */
};

static const struct size sizes[] = {
    {"1920x1080", 1500, 54, 640},
    {"1080x1920", 928, 54, 1280},
    {"768x384", 533, 19, 230},
};

struct counts {
    int lines, holes, spaces, rule, short_last, pages, heads, in_word, stranded;
    double worst; /* em */
};

/* One laid-out line as both engines give it: code points, pen x, natural advance. */
struct cline {
    uint32_t cp[1024];
    double x[1024], adv[1024];
    size_t n;
    bool last; /* a paragraph's last line: not justified */
};

static bool closing_or_pause(uint32_t cp)
{
    enum punct_class c = punct_class(cp);
    return c == PC_CLOSE || c == PC_PAUSE || (cp && cp < 0x80 && strchr(",.;:!?)]}", (int)cp));
}

static bool opening(uint32_t cp)
{
    return punct_class(cp) == PC_OPEN || (cp && cp < 0x80 && strchr("([{", (int)cp));
}

static double longest_run(const struct cline *l)
{
    double best = 0;
    for (size_t a = 0; a < l->n;) {
        size_t b = a;
        while (b < l->n && l->cp[b] < 0x2E80 && l->cp[b] != ' ')
            b++;
        if (b > a) {
            double w = l->x[b - 1] + l->adv[b - 1] - l->x[a];
            best = w > best ? w : best;
            a = b;
        } else {
            a++;
        }
    }
    return best;
}

/* The counts of one paragraph's lines (prev/next runs make the exemption, as in the tests). */
static void count_lines(const struct cline *ls, size_t nl, double width, double px,
                        struct counts *c)
{
    for (size_t i = 0; i < nl; i++) {
        const struct cline *l = &ls[i];
        bool exempt = longest_run(l) > width / 3 ||
                      (i > 0 && longest_run(&ls[i - 1]) > width / 3) ||
                      (i + 1 < nl && longest_run(&ls[i + 1]) > width / 3);
        double worst = 0;
        for (size_t k = 1; k < l->n; k++) {
            if (l->cp[k] == ' ' || l->cp[k - 1] == ' ')
                continue;
            double gap = l->x[k] - l->x[k - 1] - l->adv[k - 1];
            if (punct_gap(l->cp[k - 1], l->cp[k]) == GAP_QUARTER)
                gap -= px / 4; /* honorboard's fixed Han-Latin quarter em is not stretch */
            if (closing_or_pause(l->cp[k]) && gap > 1)
                c->spaces++;
            if (!l->last && gap > worst)
                worst = gap;
        }
        if (!l->last && !exempt && worst > px / 4 + 1)
            c->holes++;
        if (getenv("BENCH_COMPARE_DEBUG") && !l->last && worst / px > 0.4) {
            fprintf(stderr, "%.2f em:", worst / px);
            for (size_t k = 0; k < l->n; k++) {
                char u[4];
                fwrite(u, 1, utf8_encode(l->cp[k], u), stderr);
            }
            fputc(10, stderr);
        }
        if (!l->last && worst / px > c->worst)
            c->worst = worst / px;
        if (l->n &&
            ((i > 0 && closing_or_pause(l->cp[0])) || (!l->last && opening(l->cp[l->n - 1]))))
            c->rule++;
        c->lines++;
    }
}

/* ---- honorboard ---- */
static void board(const char *text, const struct size *sz, struct fonts *f, struct counts *c)
{
    struct tl_measure m = fonts_measure(f, FONT_REGULAR);
    struct tl_params p = tl_default_params();
    struct tl_result *r = tl_layout(text, sz->px, sz->width, 0, &p, &m);
    struct cline *ls = xcalloc(r->nlines + 1, sizeof *ls);
    struct tl_glyph *g = NULL;
    size_t gcap = 0;
    for (size_t i = 0; i < r->nlines; i++) {
        size_t n = tl_line_glyphs_grow(r, &r->lines[i], &g, &gcap);
        for (size_t k = 0; k < n && k < 1024; k++)
            ls[i].cp[k] = g[k].cp, ls[i].x[k] = g[k].x, ls[i].adv[k] = g[k].w;
        ls[i].n = n < 1024 ? n : 1024;
        ls[i].last = r->lines[i].para_end;
    }
    count_lines(ls, r->nlines, sz->width, sz->px, c);
    free(g), free(ls);
    tl_result_free(r);
}

/* ---- Pango ---- */
static PangoLayout *pango_lay(PangoContext *ctx, PangoFontDescription *fd, const char *text,
                              const struct size *sz, bool justify)
{
    PangoLayout *lay = pango_layout_new(ctx);
    pango_layout_set_font_description(lay, fd);
    pango_layout_set_width(lay, (int)(sz->width * PANGO_SCALE));
    pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_justify(lay, justify);
    pango_layout_set_indent(lay, (int)(2 * sz->px * PANGO_SCALE));
    pango_layout_set_text(lay, text, -1);
    return lay;
}

static void pango_side(PangoContext *ctx, const char *text, const struct size *sz, struct counts *c)
{
    PangoFontDescription *fd = pango_font_description_from_string("Noto Sans CJK SC");
    pango_font_description_set_absolute_size(fd, sz->px * PANGO_SCALE);
    PangoLayout *jl = pango_lay(ctx, fd, text, sz, true), *nl = pango_lay(ctx, fd, text, sz, false);
    int nlines = pango_layout_get_line_count(jl);
    struct cline *ls = xcalloc((size_t)nlines + 1, sizeof *ls);
    for (int i = 0; i < nlines; i++) {
        PangoLayoutLine *a = pango_layout_get_line_readonly(jl, i);
        PangoLayoutLine *b = pango_layout_get_line_readonly(nl, i);
        struct cline *l = &ls[i];
        size_t len;
        for (int off = a->start_index; off < a->start_index + a->length && l->n < 1024;
             off += (int)len) {
            uint32_t cp = utf8_decode(text + off, strlen(text + off), &len);
            if (cp == '\n')
                break;
            int xa, xb, xe;
            pango_layout_line_index_to_x(a, off, 0, &xa);
            pango_layout_line_index_to_x(b, off, 0, &xb);
            pango_layout_line_index_to_x(b, off, 1, &xe); /* trailing edge: its natural advance */
            l->cp[l->n] = cp;
            l->x[l->n] = xa / (double)PANGO_SCALE;
            l->adv[l->n++] = (xe - xb) / (double)PANGO_SCALE;
        }
        int end = a->start_index + a->length;
        l->last = i + 1 == nlines || text[end] == '\n' || (end > 0 && text[end - 1] == '\n');
    }
    count_lines(ls, (size_t)nlines, sz->width, sz->px, c);
    free(ls);
    g_object_unref(jl), g_object_unref(nl);
    pango_font_description_free(fd);
}

/* A heading's breaks: inside a word (ICU's and the field's), or leaving 和/与/及/从/在 at a line's
 * end or 的 at its start. cut[] holds the code point index of each line's start after the first. */
static void count_heading(const uint32_t *cps, size_t n, const size_t *cut, size_t ncut,
                          struct counts *c)
{
    bool *inner = words_inner(cps, n);
    for (size_t k = 0; k < ncut; k++) {
        size_t e = cut[k], a = e;
        while (a > 0 && (cps[a - 1] == ' ' || cps[a - 1] == 0x3000))
            a--;
        if (inner && inner[e] && a == e)
            c->in_word++;
        uint32_t l = a ? cps[a - 1] : 0;
        if (l == 0x548C || l == 0x4E0E || l == 0x53CA || l == 0x4ECE || l == 0x5728 ||
            (e < n && cps[e] == 0x7684))
            c->stranded++;
    }
    free(inner);
}

static size_t decode(const char *t, uint32_t *out, size_t cap)
{
    size_t n = 0, len, tl = strlen(t);
    for (size_t i = 0; i < tl && n < cap; i += len)
        out[n++] = utf8_decode(t + i, tl - i, &len);
    return n;
}

/* The headings of tests/data/typeset-heading2.yaml, set as the board sets a centred title (two
 * lines at hp, balanced, down to 85 % for a better break) and by Pango (centred, word-char wrap,
 * same font, size and width). */
static void headings(PangoContext *ctx, struct fonts *f, const struct size *sz, struct counts *b,
                     struct counts *p)
{
    char *src = file_read_all("tests/data/typeset-heading2.yaml", NULL);
    if (!src)
        return;
    double hp = sz->px * 4 / 3;
    struct tl_measure m = fonts_measure(f, FONT_BOLD);
    struct tl_params tp = tl_default_params();
    tp.align = ALIGN_CENTER, tp.indent_em = 0, tp.balance = true, tp.para_gap = 0;
    tp.line_height = 1.25;
    PangoFontDescription *fd = pango_font_description_from_string("Noto Sans CJK SC Bold");
    pango_font_description_set_absolute_size(fd, hp * PANGO_SCALE);
    for (char *l = strtok(src, "\n"); l; l = strtok(NULL, "\n")) {
        if (strncmp(l, "    title: ", 11) != 0)
            continue;
        const char *t = l + 11;
        uint32_t cps[256];
        size_t n = decode(t, cps, 256), cut[16], nc = 0;
        struct tl_result *r = tl_fit(t, hp * 0.7, hp, sz->width, 2 * hp * 1.25 + 1, &tp, &m);
        for (size_t i = 1; i < r->nlines && nc < 16; i++) {
            size_t k = 0;
            for (size_t o = 0, len; o < r->lines[i].start; o += len, k++)
                utf8_decode(r->text + o, strlen(r->text + o), &len);
            cut[nc++] = k;
        }
        count_heading(cps, n, cut, nc, b);
        tl_result_free(r);
        PangoLayout *lay = pango_layout_new(ctx);
        pango_layout_set_font_description(lay, fd);
        pango_layout_set_width(lay, (int)(sz->width * PANGO_SCALE));
        pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(lay, PANGO_ALIGN_CENTER);
        pango_layout_set_text(lay, t, -1);
        nc = 0;
        for (int i = 1; i < pango_layout_get_line_count(lay) && nc < 16; i++) {
            int start = pango_layout_get_line_readonly(lay, i)->start_index;
            size_t k = 0;
            for (int o = 0, len; o < start; o += len, k++) {
                size_t ln;
                utf8_decode(t + o, strlen(t + o), &ln);
                len = (int)ln;
            }
            cut[nc++] = k;
        }
        count_heading(cps, n, cut, nc, p);
        g_object_unref(lay);
        b->heads++, p->heads++;
    }
    pango_font_description_free(fd);
    free(src);
}

/* Pages of a text of `lines` lines at `per` lines a page: is the last under a third full? */
static void paging(int lines, int per, struct counts *c)
{
    if (per < 1 || lines <= per)
        return;
    int pages = (lines + per - 1) / per, last = lines - (pages - 1) * per;
    c->pages++;
    c->short_last += last * 3 < per;
}

int main(int argc, char **argv)
{
    char *all = file_read_all(argc > 1 ? argv[1] : "tests/data/justify-cases.txt", NULL);
    char err[256];
    struct fonts *f = fonts_create(NULL, err, sizeof err);
    if (!all || !f) {
        fprintf(stderr, "bench_compare: %s\n", f ? "cannot read the cases" : err);
        return 2;
    }
    /* the paragraphs, one a line; '#' lines are comments */
    struct strbuf text = {0};
    for (char *l = strtok(all, "\n"); l; l = strtok(NULL, "\n"))
        if (l[0] && l[0] != '#')
            sb_printf(&text, "%s%s", text.len ? "\n" : "", l);
    PangoFontMap *map = pango_cairo_font_map_get_default();
    PangoContext *ctx = pango_font_map_create_context(map);
    pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
    printf("| size | engine | lines | lines with > 1/4 em between two characters | widest gap | "
           "spaces before a closing mark | line-start/end violations | story pages, last under "
           "1/3 full | heading breaks inside a word | 的/和/与/及/从/在 stranded |\n"
           "|---|---|---|---|---|---|---|---|---|---|\n");
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        struct counts b = {0}, p = {0};
        board(text.s, &sizes[s], f, &b);
        pango_side(ctx, text.s, &sizes[s], &p);
        /* a story of the same text over pages of the body box: honorboard's own pages against
         * Pango's lines filled page by page */
        struct tl_measure m = fonts_measure(f, FONT_REGULAR);
        struct tl_params tp = tl_default_params();
        for (int rep = 1; rep <= 3; rep++) {
            struct strbuf story = {0};
            for (int k = 0; k < rep; k++)
                sb_printf(&story, "%s%s", k ? "\n" : "", text.s);
            struct tl_result *r =
                tl_layout(story.s, sizes[s].px, sizes[s].width, sizes[s].box_h, &tp, &m);
            if (r->npages > 1) {
                b.pages++;
                double bottom = 0;
                for (size_t i = 0; i < r->nlines; i++)
                    if (r->lines[i].page == r->npages - 1)
                        bottom = r->lines[i].y + r->line_h;
                b.short_last += bottom * 3 < sizes[s].box_h;
            }
            tl_result_free(r);
            struct counts q = {0};
            pango_side(ctx, story.s, &sizes[s], &q);
            paging(q.lines, (int)(sizes[s].box_h / (sizes[s].px * 1.6)), &p);
            sb_free(&story);
        }
        headings(ctx, f, &sizes[s], &b, &p);
        const struct counts *e[2] = {&b, &p};
        for (int k = 0; k < 2; k++)
            printf("| %s | %s | %d | %d | %.2f em | %d | %d | %d of %d | %d | %d |\n",
                   sizes[s].name, k ? "Pango" : "honorboard", e[k]->lines, e[k]->holes, e[k]->worst,
                   e[k]->spaces, e[k]->rule, e[k]->short_last, e[k]->pages, e[k]->in_word,
                   e[k]->stranded);
    }
    g_object_unref(ctx);
    fonts_destroy(f);
    sb_free(&text);
    free(all);
    return 0;
}
