/* test_typeset.c - typesetting as the screen shows it, checked from `honorboard render
 * --layout-json` at 1920x1080, 1080x1920 and 768x384 on the demanding texts of
 * tests/data/typeset.yaml and on the bundled playlists: adjacent marks at most 1.5 em together,
 * a quarter em (±1 px) between Han and Latin or digits, no 孤字, no one-line last page, no page
 * ending with a paragraph's first line, balanced centred headings (never under their body's
 * size), one name size per roll, the clreq line-start and line-end rules, and every "advances"
 * array matching its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "minijson.h"

#include <SDL_image.h>
#include <math.h>

#include "page/fonts.h"
#include "text/punct.h"
#include "text/words.h"

static const char *sizes[] = {"1920x1080", "1080x1920", "768x384"};

/* Code points of a line's text. Returns the count (at most cap). */
static size_t decode(const char *t, uint32_t *out, size_t cap)
{
    size_t n = 0, len, tl = strlen(t);
    for (size_t i = 0; i < tl && n < cap; i += len)
        out[n++] = utf8_decode(t + i, tl - i, &len);
    return n;
}

struct tally {
    int pairs, han_latin, paragraphs, widows, headings, pages, names;
};

static bool never_starts(uint32_t cp)
{
    return punct_class(cp) == PC_CLOSE || punct_class(cp) == PC_PAUSE || cp == 0xFF5E ||
           cp == 0x00B7 || (cp < 0x80 && strchr(",.;:?!)]}%", (int)cp));
}

static bool never_ends(uint32_t cp)
{
    return punct_class(cp) == PC_OPEN || (cp < 0x80 && strchr("([{", (int)cp));
}

/* The inter-character stretch of a justified line: what Han-Han neighbours get beyond 1 em. */
static double line_stretch(const uint32_t *cp, const struct mj *adv, size_t n, double px)
{
    double s = 1e9;
    for (size_t i = 0; i + 1 < n; i++)
        if (punct_script(cp[i]) == PS_HAN && punct_script(cp[i + 1]) == PS_HAN)
            s = fmin(s, adv->kids[i + 1].num - adv->kids[i].num - px);
    return s < 1e9 ? fmax(0, s) : -1; /* -1: no Han pair on the line to tell */
}

/* The checks on one line of a text element; el_px is the element's font size. */
static void check_line(const struct mj *ln, double px, struct fonts *f, bool bold,
                       const char *where, struct tally *t)
{
    uint32_t cp[512];
    const char *text = mj_str(ln, "text");
    size_t n = decode(text, cp, 512);
    const struct mj *adv = mj_get(ln, "advances");
    assert_non_null(adv);
    if (adv->n != n)
        fail_msg("%s: '%s' has %zu code points and %zu advances", where, text, n, adv->n);
    for (size_t i = 1; i < n; i++)
        assert_true(adv->kids[i].num >= adv->kids[i - 1].num);
    double stretch = line_stretch(cp, adv, n, px);
    for (size_t i = 0; i + 1 < n; i++) {
        double x0 = adv->kids[i].num, x1 = adv->kids[i + 1].num;
        if (punct_squeezable(cp[i]) && punct_squeezable(cp[i + 1])) {
            double end = i + 2 < n ? adv->kids[i + 2].num - fmax(0, stretch) : mj_num(ln, "w");
            if (end - x0 > 1.5 * px + 1.5)
                fail_msg("%s: '%s': marks %zu-%zu take %.2f em", where, text, i, i + 1,
                         (end - x0) / px);
            t->pairs++;
        }
        size_t j = i + 1;
        if (cp[j] == ' ' && j + 1 < n)
            j++;
        enum punct_script a = punct_script(cp[i]), b = punct_script(cp[j]);
        double gap = -1;
        if (a == PS_HAN && b == PS_LATIN)
            gap = adv->kids[j].num - x0 - px;
        else if (a == PS_LATIN && b == PS_HAN)
            gap =
                adv->kids[j].num - x1 +
                (j == i + 1 ? x1 - x0 - fonts_advance(f, bold ? FONT_BOLD : FONT_REGULAR, cp[i], px)
                            : 0);
        bool mixed = (a == PS_HAN && b == PS_LATIN) || (a == PS_LATIN && b == PS_HAN);
        if (mixed && stretch >= 0) {
            /* a line that is mostly one URL shares what its inter-character gaps cannot
             * take beyond a quarter em with the Han-Latin gaps too */
            double want = px / 4 + fmax(0, stretch - px / 4);
            if (fabs(gap - want) > 1.0)
                fail_msg("%s: '%s': gap %.1f px between U+%04X and U+%04X (px %.0f)", where, text,
                         gap, cp[i], cp[j], px);
            t->han_latin++;
        }
    }
    (void)never_ends;
}

/* A body's lines over all its pages, in order. */
struct line_ref {
    const struct mj *ln;
    int page, para;
    double px;
};

static void check_body(struct line_ref *L, size_t n, const char *where, struct tally *t)
{
    for (size_t i = 0; i < n; i++) {
        bool para_end = i + 1 == n || L[i + 1].para != L[i].para;
        bool para_first = i == 0 || L[i - 1].para != L[i].para;
        uint32_t cp[512];
        size_t k = decode(mj_str(L[i].ln, "text"), cp, 512);
        if (para_end) {
            t->paragraphs++;
            size_t solid = 0;
            for (size_t j = 0; j < k; j++)
                solid += !tl_is_space(cp[j]) && !punct_is_mark(cp[j]);
            if (!para_first && solid < 2)
                fail_msg("%s: 孤字 '%s'", where, mj_str(L[i].ln, "text"));
        }
        if (!para_first && k && never_starts(cp[0]))
            fail_msg("%s: line starts with a closing mark: '%s'", where, mj_str(L[i].ln, "text"));
        if (!para_end && k && never_ends(cp[k - 1]))
            fail_msg("%s: line ends with an opening mark: '%s'", where, mj_str(L[i].ln, "text"));
        bool page_end = i + 1 < n && L[i + 1].page != L[i].page;
        if (page_end && para_first && !para_end)
            fail_msg("%s: page %d ends with a paragraph's first line '%s'", where, L[i].page,
                     mj_str(L[i].ln, "text"));
        if (page_end && L[i + 1].para == L[i].para && i + 2 < n && L[i + 2].para != L[i].para)
            fail_msg("%s: page %d starts with a paragraph's last line", where, L[i + 1].page);
    }
    if (n && L[n - 1].page > 0) {
        size_t on_last = 0;
        for (size_t i = 0; i < n; i++)
            on_last += L[i].page == L[n - 1].page;
        if (on_last < 2)
            fail_msg("%s: the last page holds one line", where);
        t->pages++;
    }
}

/* Whether a heading line ends where a phrase does: after a closing mark or punctuation. */
static bool ends_phrase(const char *line)
{
    static const char *const ends[] = {"”",  "’",  "」", "』", "》", "）", "】", "，",
                                       "、", "。", "：", "；", "！", "？", "—"};
    size_t n = strlen(line);
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t l = strlen(ends[i]);
        if (n >= l && !strcmp(line + n - l, ends[i]))
            return true;
    }
    return false;
}

/* Every slide of one render: lines, bodies across pages, centred headings. */
static void check_render(const char *json, const char *label, struct fonts *f, struct tally *t)
{
    struct mj *doc = mj_parse(json);
    const struct mj *slides = mj_get(doc, "slides");
    assert_non_null(slides);
    struct line_ref *body = xmalloc(4096 * sizeof *body);
    size_t nb = 0;
    double name_px = 0, body_px = 0, title_px = 0;
    int last_slide = -1;
    char where[160];
    for (size_t s = 0; s <= slides->n; s++) {
        const struct mj *pg = s < slides->n ? &slides->kids[s] : NULL;
        int slide = pg ? (int)mj_num(pg, "slide") : -2;
        if (slide != last_slide) {
            if (nb)
                check_body(body, nb, where, t);
            if (title_px > 0 && body_px > 0 && title_px < body_px)
                fail_msg("%s: heading %.0f px under its body's %.0f px", where, title_px, body_px);
            nb = 0;
            name_px = body_px = title_px = 0;
        }
        last_slide = slide;
        if (!pg)
            break;
        const struct mj *els = mj_get(pg, "elements");
        for (size_t e = 0; els && e < els->n; e++) {
            const struct mj *el = &els->kids[e];
            const struct mj *lines = mj_get(el, "lines");
            if (!lines)
                continue;
            double px = mj_num(el, "font_px");
            const char *role = mj_str(el, "role");
            snprintf(where, sizeof where, "%s slide %d page %.0f %s", label, slide,
                     mj_num(pg, "page"), role);
            if (!strcmp(role, "person-name")) { /* one name size for the whole roll */
                if (name_px > 0 && px != name_px)
                    fail_msg("%s: names at %.0f and %.0f px", where, name_px, px);
                name_px = px;
                t->names++;
            }
            if (!strcmp(role, "body"))
                body_px = px;
            if (!strcmp(role, "title"))
                title_px = px;
            for (size_t k = 0; k < lines->n; k++) {
                check_line(&lines->kids[k], px, f, mj_get(el, "bold")->num > 0, where, t);
                if (!strcmp(role, "body") && nb < 4096)
                    body[nb++] = (struct line_ref){&lines->kids[k], (int)mj_num(pg, "page"),
                                                   (int)mj_num(&lines->kids[k], "para"), px};
            }
            if (!strcmp(role, "title") && lines->n >= 2 && lines->n <= 3) {
                double lo = 1e9, hi = 0;
                bool phrase = true; /* every break after a closing mark or punctuation */
                for (size_t k = 0; k < lines->n; k++) {
                    lo = fmin(lo, mj_num(&lines->kids[k], "w"));
                    hi = fmax(hi, mj_num(&lines->kids[k], "w"));
                    if (k + 1 < lines->n)
                        phrase = phrase && ends_phrase(mj_str(&lines->kids[k], "text"));
                }
                /* within 2 em; a break at a phrase boundary may trade up to 3 em of balance */
                if (hi - lo > (phrase ? 3 : 2) * px + 1)
                    fail_msg("%s: heading lines differ by %.1f em", where, (hi - lo) / px);
                t->headings++;
            }
        }
    }
    free(body);
    mj_free(doc);
}

static void render_and_check(const char *playlist, struct tally *t)
{
    char err[256];
    struct fonts *f = fonts_create(NULL, err, sizeof err);
    assert_non_null(f);
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        sh("SDL_VIDEODRIVER=dummy %s render %s --out build/typeset --size %s "
           "--layout-json build/typeset/layout.json >/dev/null",
           bin(), playlist, sizes[i]);
        char *json = slurp("build/typeset/layout.json");
        char label[128];
        snprintf(label, sizeof label, "%s %s", playlist, sizes[i]);
        check_render(json, label, f, t);
        free(json);
    }
    fonts_destroy(f);
}

static void test_demanding_texts(void **state)
{
    (void)state;
    struct tally t = {0};
    render_and_check("tests/data/typeset.yaml", &t);
    /* the checks ran on what they are about */
    assert_true(t.pairs >= 30);
    assert_true(t.han_latin >= 30);
    assert_true(t.paragraphs >= 20);
    assert_true(t.headings >= 2);
    assert_true(t.pages >= 1);
    assert_true(t.names >= 7 * 3);
}

static void test_samples(void **state)
{
    (void)state;
    struct tally t = {0};
    render_and_check("playlists", &t);
    assert_true(t.paragraphs >= 20);
}

/* The title element of page `slide` (0-based) of a layout JSON. */
static const struct mj *title_of(const struct mj *doc, size_t slide)
{
    const struct mj *els = mj_get(&mj_get(doc, "slides")->kids[slide], "elements");
    for (size_t e = 0; els && e < els->n; e++)
        if (!strcmp(mj_str(&els->kids[e], "role"), "title"))
            return &els->kids[e];
    return NULL;
}

/* A two-line heading breaks where the author left room (a full-width space, a comma) when that
 * costs little balance: "“612580”　贴 | 心服务在身边" split the word 贴心 (seen in the sample at
 * 1080x1920); and never inside a word when a break beside it will do (防控一 | 线勇挑, 暨优 | 秀).
 */
static void test_heading_breaks(void **state)
{
    (void)state;
    sh("SDL_VIDEODRIVER=dummy %s render tests/data/typeset-heading.yaml --out build/typeset "
       "--size 1080x1920 --layout-json build/typeset/heading.json >/dev/null",
       bin());
    char *json = slurp("build/typeset/heading.json");
    struct mj *doc = mj_parse(json);
    const struct mj *title = title_of(doc, 0);
    assert_non_null(title);
    const struct mj *lines = mj_get(title, "lines");
    assert_int_equal(lines->n, 2);
    assert_string_equal(mj_str(&lines->kids[0], "text"), "“612580”");
    assert_string_equal(mj_str(&lines->kids[1], "text"), "贴心服务在身边");
    static const char *const words[][2] = {{"一", "线"}, {"优", "秀"}};
    for (size_t sl = 1; sl <= 2; sl++) {
        title = title_of(doc, sl);
        assert_non_null(title);
        lines = mj_get(title, "lines");
        assert_true(lines->n >= 2); /* the check below is about a real break */
        for (size_t k = 0; k + 1 < lines->n; k++) {
            const char *a = mj_str(&lines->kids[k], "text"),
                       *b = mj_str(&lines->kids[k + 1], "text");
            for (size_t w = 0; w < 2; w++) {
                size_t la = strlen(a), lw = strlen(words[w][0]);
                if (la >= lw && !strcmp(a + la - lw, words[w][0]) &&
                    !strncmp(b, words[w][1], strlen(words[w][1])))
                    fail_msg("heading %zu breaks inside %s%s: '%s' | '%s'", sl + 1, words[w][0],
                             words[w][1], a, b);
            }
        }
    }
    mj_free(doc);
    free(json);
}

/* Longest run of code points [a, b) of a line with no wide character or space in it (a URL
 * piece, a word, a number), in pixels from the line's advances. */
static double longest_run(const uint32_t *cp, const struct mj *adv, size_t n, double line_w)
{
    double best = 0;
    for (size_t a = 0; a < n;) {
        size_t b = a;
        while (b < n && cp[b] < 0x2E80 && cp[b] != ' ')
            b++;
        if (b > a) {
            double end = b < n ? adv->kids[b].num : line_w;
            best = fmax(best, end - adv->kids[a].num);
            a = b;
        } else {
            a++;
        }
    }
    return best;
}

static bool closing_or_pause(uint32_t cp)
{
    enum punct_class c = punct_class(cp);
    return c == PC_CLOSE || c == PC_PAUSE || (cp < 0x80 && cp && strchr(",.;:!?)]}", (int)cp));
}

/* Whole-paragraph line breaking as the screen shows it (tests/data/justify.yaml at the three
 * sizes): on every justified body line but a paragraph's last, no two neighbours more than a
 * quarter em apart beyond their natural advance (the Han-Latin quarter em aside; word spaces
 * not counted), unless the line or a neighbour holds an unbreakable run longer than a third
 * of the line; never any space before a closing or pause mark. */
static void test_justified_bodies(void **state)
{
    (void)state;
    char err[256];
    struct fonts *f = fonts_create(NULL, err, sizeof err);
    assert_non_null(f);
    struct tl_measure m = fonts_measure(f, FONT_REGULAR);
    int checked = 0, marks = 0;
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
        sh("SDL_VIDEODRIVER=dummy %s render tests/data/justify.yaml --out build/typeset --size %s "
           "--layout-json build/typeset/justify.json >/dev/null",
           bin(), sizes[si]);
        char *json = slurp("build/typeset/justify.json");
        struct mj *doc = mj_parse(json);
        const struct mj *slides = mj_get(doc, "slides");
        for (size_t s = 0; s < slides->n; s++) {
            const struct mj *els = mj_get(&slides->kids[s], "elements");
            for (size_t e = 0; els && e < els->n; e++) {
                const struct mj *el = &els->kids[e], *lines = mj_get(el, "lines");
                if (!lines || strcmp(mj_str(el, "role"), "body") != 0)
                    continue;
                double px = mj_num(el, "font_px"), box = mj_num(el, "w");
                for (size_t k = 0; k < lines->n; k++) {
                    const struct mj *ln = &lines->kids[k], *adv = mj_get(ln, "advances");
                    const char *text = mj_str(ln, "text");
                    uint32_t cp[512];
                    double nat[512], half[512];
                    size_t n = decode(text, cp, 512);
                    m.shape(m.ctx, cp, n, px, nat, half);
                    bool last = k + 1 == lines->n ||
                                mj_num(&lines->kids[k + 1], "para") != mj_num(ln, "para");
                    bool exempt = false;
                    for (size_t j = k ? k - 1 : 0; j <= k + 1 && j < lines->n; j++) {
                        uint32_t c2[512];
                        const struct mj *l2 = &lines->kids[j];
                        size_t n2 = decode(mj_str(l2, "text"), c2, 512);
                        exempt = exempt || longest_run(c2, mj_get(l2, "advances"), n2,
                                                       mj_num(l2, "w")) > box / 3;
                    }
                    for (size_t i = 1; i < n; i++) {
                        if (cp[i] == ' ' || cp[i - 1] == ' ')
                            continue;
                        double gap = adv->kids[i].num - adv->kids[i - 1].num - nat[i - 1];
                        if (punct_gap(cp[i - 1], cp[i]) == GAP_QUARTER)
                            gap -= px / 4;
                        if (closing_or_pause(cp[i])) {
                            marks++;
                            if (gap > 1.5)
                                fail_msg("%s: '%s': %.2f em before mark %zu", sizes[si], text,
                                         gap / px, i);
                        }
                        if (!last && !exempt && gap > px / 4 + 1.5)
                            fail_msg("%s: '%s': %.2f em between characters %zu and %zu", sizes[si],
                                     text, gap / px, i - 1, i);
                    }
                    checked++;
                }
            }
        }
        mj_free(doc);
        free(json);
    }
    fonts_destroy(f);
    assert_true(checked >= 40);
    assert_true(marks >= 30);
}

/* UTF-8 of code points c[a..b). Caller frees. */
static char *tl_utf8_slice(const uint32_t *c, size_t a, size_t b)
{
    struct strbuf o = {0};
    for (size_t i = a; i < b; i++) {
        char u[4];
        sb_add(&o, u, utf8_encode(c[i], u));
    }
    return o.s ? o.s : xstrdup("");
}

/* True when the title's text t (code points c[0..n)) has a break point the author left: a
 * full-width or ASCII space, or ，、：；—— . */
static bool phrase_point(const uint32_t *c, size_t n, size_t e)
{
    return e > 0 && e < n &&
           (c[e - 1] == 0x3000 || c[e - 1] == ' ' || c[e] == 0x3000 || c[e] == ' ' ||
            c[e - 1] == 0xFF0C || c[e - 1] == 0x3001 || c[e - 1] == 0xFF1A || c[e - 1] == 0xFF1B ||
            (c[e - 1] == 0x2014 && c[e] != 0x2014));
}

/* Did the author write a space between the two lines a | z (dropped at the break)? */
static bool at_author_space(const char *src, const char *a, const char *z)
{
    char *s1 = xasprintf("%s　%s", a, z), *s2 = xasprintf("%s %s", a, z);
    bool yes = strstr(src, s1) || strstr(src, s2);
    free(s1), free(s2);
    return yes;
}

/* The word of words[0..n) that the break a | z (a ends one line, z starts the next) cuts in
 * two, or NULL. */
static const char *word_cut(const char *a, const char *z, const char *const *words, size_t n)
{
    size_t al = strlen(a);
    for (size_t w = 0; w < n; w++) {
        size_t wl = strlen(words[w]);
        for (size_t k = 1; k < wl; k++)
            if ((words[w][k] & 0xC0) != 0x80 && al >= k && !strncmp(a + al - k, words[w], k) &&
                !strncmp(z, words[w] + k, wl - k))
                return words[w];
    }
    return NULL;
}

/* Renders yaml at each of shapes[0..ns) and fails on a line break inside one of words[0..nw)
 * in any element of two lines or more (but the body and the title); the number of such
 * elements seen. */
static int words_kept_whole(const char *yaml, const char *const *shapes, size_t ns,
                            const char *const *words, size_t nw)
{
    int two_line = 0;
    for (size_t si = 0; si < ns; si++) {
        sh("SDL_VIDEODRIVER=dummy %s render %s --out build/typeset --size %s --layout-json "
           "build/typeset/words.json >/dev/null 2>&1; :",
           bin(), yaml, shapes[si]);
        char *json = slurp("build/typeset/words.json");
        struct mj *doc = mj_parse(json);
        const struct mj *slides = mj_get(doc, "slides");
        for (size_t sl = 0; slides && sl < slides->n; sl++) {
            const struct mj *els = mj_get(&slides->kids[sl], "elements");
            for (size_t e = 0; els && e < els->n; e++) {
                const struct mj *lines = mj_get(&els->kids[e], "lines");
                const char *role = mj_str(&els->kids[e], "role");
                if (!lines || lines->n < 2 || !strcmp(role, "body") || !strcmp(role, "title"))
                    continue;
                two_line++;
                struct strbuf a = {0};
                for (size_t k = 0; k + 1 < lines->n; k++) {
                    sb_puts(&a, mj_str(&lines->kids[k], "text"));
                    const char *z = mj_str(&lines->kids[k + 1], "text");
                    const char *cut = word_cut(a.s, z, words, nw);
                    if (cut)
                        fail_msg("%s: %s '%s' | '%s' inside %s", shapes[si], role, a.s, z, cut);
                }
                sb_free(&a);
            }
        }
        mj_free(doc);
        free(json);
    }
    return two_line;
}

/* The short centred texts under a face or in a roll (honours, units, captions: the wall and the
 * roll of tests/data/designs/every-kind.yaml at the small shapes, where they take two lines)
 * break between the field's words: 优秀党 | 务工作者 was seen at 960x540, because ICU's
 * dictionary does not know 党务 or 工作者. */
static void test_short_texts_between_words(void **state)
{
    (void)state;
    static const char *const words[] = {"党务",   "工作者", "共产党员", "岗位能手",
                                        "二等功", "三等功", "执法标兵", "民警"};
    static const char *const shapes[] = {"960x540", "768x384", "1080x1920", "512x64"};
    int two_line =
        words_kept_whole("tests/data/designs/every-kind.yaml", shapes,
                         sizeof shapes / sizeof *shapes, words, sizeof words / sizeof *words);
    assert_true(two_line >= 4); /* the small shapes do break them */
}

/* Slogans on banners (标语) break between their words where ICU's dictionary splits a word it
 * does not know into single characters (莅|临, 展|播, 砥|砺|前|行): a six-character banner
 * was set 欢迎莅 | 临指导. */
static void test_banner_words(void **state)
{
    (void)state;
    static const char *const words[] = {"莅临",     "展播",     "从严治警", "爱岗敬业",
                                        "砥砺前行", "勇毅前行", "喜迎",     "高墙"};
    static const char *const shapes[] = {"1920x1080", "1080x1920", "768x384"};
    sh("mkdir -p build/typeset && printf 'honorboard: 1\\nslides:\\n"
       "  - { type: banner, text: 欢迎莅临指导 }\\n"
       "  - { type: banner, text: 热烈欢迎各级领导莅临检查指导 }\\n"
       "  - { type: banner, text: 先进事迹展播 }\\n"
       "  - { type: banner, text: 从严治警爱岗敬业 }\\n"
       "  - { type: banner, text: 砥砺前行勇毅前行 }\\n"
       "  - { type: banner, text: 喜迎新春坚守高墙 }\\n' > build/typeset/banners.yaml");
    int two_line =
        words_kept_whole("build/typeset/banners.yaml", shapes, sizeof shapes / sizeof *shapes,
                         words, sizeof words / sizeof *words);
    assert_true(two_line >= 6); /* the banners do take two lines */
}

/* Headings at phrase level (tests/data/typeset-heading2.yaml at the three sizes): no break
 * inside a word of
 * the field (服刑, 读书会, 民警, 监区, 先进集体, 共产党员, 守护) nor inside an ICU word, nor
 * inside a person's name that follows a title word (民警杨建桥) or precedes 同志;
 * a two-line title breaks at the author's space or mark when one keeps its lines within 4 em;
 * 和/与/及/从/在 never end a line, 的 never starts one. */
static void test_heading_phrases(void **state)
{
    (void)state;
    static const char *const words[] = {"服刑", "读书会", "民警", "监区", "先进集体", "先进个人",
                                        "共产党员", "守护", "心理咨询师", "操作系统",
                                        /* people's names after a title word or before 同志 */
                                        "杨建桥", "欧阳建国", "张晓梅", "刘海涛", "王红", "赵建国"};
    int breaks = 0;
    char *src = slurp("tests/data/typeset-heading2.yaml");
    char err[256];
    struct fonts *f = fonts_create(NULL, err, sizeof err);
    assert_non_null(f);
    for (size_t si = 0; si < sizeof sizes / sizeof *sizes; si++) {
        sh("SDL_VIDEODRIVER=dummy %s render tests/data/typeset-heading2.yaml --out build/typeset "
           "--size %s --layout-json build/typeset/heading2.json >/dev/null",
           bin(), sizes[si]);
        char *json = slurp("build/typeset/heading2.json");
        struct mj *doc = mj_parse(json);
        const struct mj *slides = mj_get(doc, "slides");
        for (size_t sl = 0; sl < slides->n; sl++) {
            const struct mj *title = title_of(doc, sl);
            const struct mj *lines = title ? mj_get(title, "lines") : NULL;
            if (!lines || lines->n < 2)
                continue;
            struct strbuf all = {0};
            size_t cut[8], nc = 0;
            uint32_t c[256];
            for (size_t k = 0; k < lines->n; k++) {
                sb_puts(&all, mj_str(&lines->kids[k], "text"));
                if (k + 1 < lines->n && nc < 8)
                    cut[nc++] = decode(all.s, c, 256);
            }
            size_t n = decode(all.s, c, 256);
            bool has_phrase = false;
            for (size_t e = 1; e < n; e++)
                has_phrase = has_phrase || phrase_point(c, n, e);
            bool *inner = words_inner(c, n);
            for (size_t b = 0; b < nc; b++) {
                size_t e = cut[b];
                const char *where = sizes[si];
                char *a = tl_utf8_slice(c, 0, e), *z = tl_utf8_slice(c, e, n);
                if (lines->n == 2 && has_phrase && !phrase_point(c, n, e) &&
                    !at_author_space(src, a, z)) {
                    /* a break at the author's point that keeps the lines within 4 em */
                    double px = mj_num(title, "font_px"), box = mj_num(title, "w");
                    for (size_t q = 1; q < n; q++) {
                        if (!phrase_point(c, n, q))
                            continue;
                        char *qa = tl_utf8_slice(c, 0, q), *qz = tl_utf8_slice(c, q, n);
                        double wa = fonts_text_width(f, FONT_BOLD, qa, px),
                               wz = fonts_text_width(f, FONT_BOLD, qz, px);
                        if (fabs(wa - wz) <= 4 * px && fmax(wa, wz) <= box)
                            fail_msg("%s: '%s' | '%s' rather than '%s' | '%s'", where, a, z, qa,
                                     qz);
                        free(qa), free(qz);
                    }
                }
                if (inner && inner[e])
                    fail_msg("%s: '%s' | '%s' inside a word", where, a, z);
                const char *split = word_cut(a, z, words, sizeof words / sizeof *words);
                if (split)
                    fail_msg("%s: '%s' | '%s' inside %s", where, a, z, split);
                if ((c[e - 1] == 0x548C || c[e - 1] == 0x4E0E || c[e - 1] == 0x53CA ||
                     c[e - 1] == 0x4ECE || c[e - 1] == 0x5728))
                    fail_msg("%s: '%s' | '%s': a function word ends the line", where, a, z);
                if (c[e] == 0x7684)
                    fail_msg("%s: '%s' | '%s': 的 starts the line", where, a, z);
                breaks++;
                free(a), free(z);
            }
            free(inner);
            sb_free(&all);
        }
        mj_free(doc);
        free(json);
    }
    fonts_destroy(f);
    free(src);
    assert_true(breaks >= 10);
}

/* The accent rule of a left-aligned story heading does not sit under its first characters (it
 * read as an underline, 专名号): nothing in the accent's gold within half an em under the
 * heading's last line. Checked on the pixels of the story at 1920x1080. */
static void test_heading_rule_not_underline(void **state)
{
    (void)state;
    sh("rm -rf build/typeset-rule && SDL_VIDEODRIVER=dummy %s render tests/data/typeset.yaml --out "
       "build/typeset-rule --size 1920x1080 --layout-json build/typeset-rule/l.json >/dev/null",
       bin());
    char *json = slurp("build/typeset-rule/l.json");
    struct mj *doc = mj_parse(json);
    const struct mj *slides = mj_get(doc, "slides");
    int checked = 0;
    for (size_t sl = 0; sl < slides->n; sl++) {
        const struct mj *pg = &slides->kids[sl];
        if (strcmp(mj_str(pg, "type"), "story") != 0)
            continue;
        const struct mj *title = title_of(doc, sl), *lines = title ? mj_get(title, "lines") : NULL;
        if (!lines || !lines->n || mj_num(&lines->kids[0], "x") != mj_num(title, "x"))
            continue; /* centred: its rule is centred under it */
        const struct mj *last = &lines->kids[lines->n - 1];
        double px = mj_num(title, "font_px");
        int x0 = (int)mj_num(last, "x"), x1 = x0 + (int)mj_num(last, "w");
        int y0 = (int)(mj_num(last, "y") + mj_num(last, "h")), y1 = y0 + (int)(px / 2);
        char *png = xasprintf("build/typeset-rule/%s", mj_str(pg, "png"));
        SDL_Surface *raw = IMG_Load(png),
                    *img = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
        int gold = 0;
        for (int y = y0; y < y1 && y < img->h; y++)
            for (int x = x0; x < x1 && x < img->w; x++) {
                uint32_t v = ((uint32_t *)img->pixels)[y * (img->pitch / 4) + x];
                int r = v >> 16 & 255, g = v >> 8 & 255, b = v & 255;
                gold += r > 180 && g > 140 && b < 150 && g - b > 60;
            }
        if (gold > 20)
            fail_msg("%s: %d gold pixels under the heading '%s'", png, gold, mj_str(last, "text"));
        SDL_FreeSurface(raw), SDL_FreeSurface(img), free(png);
        checked++;
    }
    assert_true(checked >= 1);
    mj_free(doc);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_demanding_texts), cmocka_unit_test(test_samples),
        cmocka_unit_test(test_heading_breaks),  cmocka_unit_test(test_justified_bodies),
        cmocka_unit_test(test_heading_phrases), cmocka_unit_test(test_short_texts_between_words),
        cmocka_unit_test(test_banner_words),    cmocka_unit_test(test_heading_rule_not_underline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
