/* test_pages.c - what the lobby sees, read back from the pixels: for every page of every sample
 * playlist, every test playlist under tests/data/pages/ and generated stories and texts that run
 * to 2, 5 and 10+ pages, at 1920x1080, 1080x1920 and 768x384:
 *   - every text line the layout places has ink of its own colour inside its box, ink that is
 *     not there when the page is painted without its texts (so a background painted over the
 *     text, or a text in the background's colour, fails);
 *   - no placed text or photo is covered by an opaque element drawn after it;
 *   - no text under 13 px, a heading never smaller than the body it heads, one name size per
 *     honour roll, the body's box clear of the page number's box.
 * Pages are drawn through draw_page(), the painter render, --sheet and play share. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/content.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "page/layout.h"
#include "base/util.h"
#include "lineink.h"

static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {768, 384}};
static struct fonts *fonts;

static bool is_heading(const char *role)
{
    return strcmp(role, "title") == 0;
}

static bool boxes_meet(double ax, double ay, double aw, double ah, double bx, double by, double bw,
                       double bh, double tol)
{
    return ax + aw > bx + tol && bx + bw > ax + tol && ay + ah > by + tol && by + bh > ay + tol;
}

/* Does element o, drawn on top, hide what is under its box? */
static bool opaque(const struct element *o)
{
    if (o->kind == EL_IMAGE)
        return o->resolved != NULL || o->frame; /* a framed placeholder is filled first */
    if (o->kind == EL_RECT)
        return o->fill.a == 255 && o->radius >= 0; /* negative radius: an outline */
    return false;
}

/* A placed text (each line) or photo that a later opaque element covers. */
static void check_draw_order(const struct page_layout *p, const char *what, int pg)
{
    for (size_t i = 0; i < p->n; i++) {
        const struct element *e = &p->els[i];
        if (e->kind == EL_RECT || e->backdrop)
            continue;
        for (size_t j = i + 1; j < p->n; j++) {
            const struct element *o = &p->els[j];
            if (!opaque(o))
                continue;
            if (e->kind == EL_TEXT) {
                for (size_t k = 0; k < e->nlines; k++) {
                    const struct el_line *l = &e->lines[k];
                    if (boxes_meet(l->x, l->y, l->w, l->h, o->x, o->y, o->w, o->h, 1))
                        fail_msg("%s page %d: %s line '%s' is covered by %s drawn after it", what,
                                 pg + 1, e->role, l->text, o->role);
                }
            } else if (boxes_meet(e->x, e->y, e->w, e->h, o->x, o->y, o->w, o->h, 1)) {
                fail_msg("%s page %d: %s is covered by %s drawn after it", what, pg + 1, e->role,
                         o->role);
            }
        }
    }
}

static void check_ink(const struct slide_layout *l, int pg, const char *what)
{
    char err[256];
    SDL_Surface *full = draw_page(l, pg, fonts, err, sizeof err);
    if (!full)
        fail_msg("%s page %d: draw_page: %s", what, pg + 1, err);
    /* the same page without its texts (a shallow copy: the elements stay l's) */
    const struct page_layout *p = &l->pages[pg];
    struct page_layout bare_page = {.els = xcalloc(p->n ? p->n : 1, sizeof *p->els)};
    for (size_t i = 0; i < p->n; i++)
        if (p->els[i].kind != EL_TEXT)
            bare_page.els[bare_page.n++] = p->els[i];
    struct slide_layout bare_l = {.w = l->w, .h = l->h, .npages = 1, .pages = &bare_page};
    SDL_Surface *bare = draw_page(&bare_l, 0, fonts, err, sizeof err);
    assert_non_null(bare);
    int lines = 0;
    for (size_t i = 0; i < p->n; i++) {
        const struct element *e = &p->els[i];
        if (e->kind != EL_TEXT)
            continue;
        for (size_t k = 0; k < e->nlines; k++) {
            const struct el_line *ln = &e->lines[k];
            long area = 0, hit = test_line_ink(full, bare, ln, e->color, &area);
            lines++;
            if (area == 0 || hit < 4 || (double)hit < 0.01 * (double)area)
                fail_msg("%s page %d: %s line %zu '%s' (%.0f,%.0f %.0fx%.0f) shows no ink of its "
                         "colour: %ld of %ld pixels",
                         what, pg + 1, e->role, k + 1, ln->text, ln->x, ln->y, ln->w, ln->h, hit,
                         area);
        }
    }
    bool film = false; /* a video slide without caption is the film alone, full screen */
    for (size_t i = 0; i < p->n; i++)
        film |= p->els[i].kind == EL_IMAGE && strcmp(p->els[i].role, "video") == 0;
    assert_true(lines > 0 || film);
    free(bare_page.els);
    SDL_FreeSurface(full);
    SDL_FreeSurface(bare);
}

static const struct element *find_role(const struct page_layout *p, const char *role)
{
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->els[i].role, role) == 0)
            return &p->els[i];
    return NULL;
}

/* The sizing rules, on one page. */
static void check_sizes(const struct slide_layout *l, int pg, const char *what)
{
    const struct page_layout *p = &l->pages[pg];
    for (size_t i = 0; i < p->n; i++) {
        const struct element *e = &p->els[i];
        if (e->kind == EL_TEXT && e->tl->px < 13 - 1e-9)
            fail_msg("%s page %d: %s '%s' set at %.1f px, under the 13 px floor", what, pg + 1,
                     e->role, e->nlines ? e->lines[0].text : "", e->tl->px);
    }
    const struct element *body = find_role(p, "body"), *head = find_role(p, "title");
    if (body && head && is_heading(head->role) && head->tl->px + 1e-9 < body->tl->px)
        fail_msg("%s page %d: heading '%s' at %.1f px is smaller than its body at %.1f px", what,
                 pg + 1, head->nlines ? head->lines[0].text : "", head->tl->px, body->tl->px);
    const struct element *num = find_role(p, "page");
    if (body && num &&
        boxes_meet(body->x, body->y, body->w, body->h, num->x, num->y, num->w, num->h, 0.5))
        fail_msg("%s page %d: the body's box (%.0f,%.0f %.0fx%.0f) runs into the page number's "
                 "(%.0f,%.0f %.0fx%.0f)",
                 what, pg + 1, body->x, body->y, body->w, body->h, num->x, num->y, num->w, num->h);
}

/* One name size for every person of a roll, on every page. */
static void check_roll_names(const struct slide_layout *l, const char *what)
{
    double px = 0;
    for (int pg = 0; pg < l->npages; pg++)
        for (size_t i = 0; i < l->pages[pg].n; i++) {
            const struct element *e = &l->pages[pg].els[i];
            if (e->kind != EL_TEXT || strcmp(e->role, "person-name") != 0)
                continue;
            if (px == 0)
                px = e->tl->px;
            else if (fabs(px - e->tl->px) > 1e-9)
                fail_msg("%s page %d: name '%s' at %.1f px, another name of this roll at %.1f px",
                         what, pg + 1, e->nlines ? e->lines[0].text : "", e->tl->px, px);
        }
}

/* Every check on every page of one slide; returns the page count. */
static int check_slide(const struct playlist *pl, const struct slide *s, int w, int h)
{
    struct layout_env env = draw_layout_env(fonts);
    char what[512];
    snprintf(what, sizeof what, "%s slide %d (%s) at %dx%d", pl->path, s->index,
             slide_type_names[s->type], w, h);
    struct slide_layout *l = layout_slide(pl, s, w, h, &env);
    assert_true(l->npages >= 1);
    for (int pg = 0; pg < l->npages; pg++) {
        check_draw_order(&l->pages[pg], what, pg);
        check_sizes(l, pg, what);
        check_ink(l, pg, what);
    }
    if (s->type == SLIDE_ROLL)
        check_roll_names(l, what);
    int n = l->npages;
    layout_free(l);
    return n;
}

static int check_content(const char *path, int w, int h)
{
    return test_each_slide(path, w, h, check_slide);
}

static void test_samples_every_page(void **state)
{
    (void)state;
    int pages = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
        pages += check_content("playlists", sizes[z][0], sizes[z][1]);
    assert_true(pages >= 33); /* 11 slides at three sizes, at least */
}

static void test_test_playlists_every_page(void **state)
{
    (void)state;
    int pages = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
        pages += check_content("tests/data/pages", sizes[z][0], sizes[z][1]);
    assert_true(pages >= 3 * 8);
}

static const char *const para =
    "疏通管道、搬运水桶、维修设备、清点物资……在第二分监狱，办公室里很难见到老杨的身影，他总是"
    "忙碌在分监狱的各个角落。执勤期间，他利用休息时间为监内树木修枝剪叶；为缓解监区警力紧张、"
    "减轻执勤民警负担，他主动请缨承担夜间执勤任务（2026年共计612580分钟）。";

/* A story (landscape and portrait designs) or text slide with `paras` paragraphs. */
static struct playlist *long_playlist(const char *type, int paras, struct diag *d)
{
    struct strbuf b = {0};
    sb_puts(
        &b,
        "honorboard: 1\ntitle: 长篇测试\nsubtitle: 副标题\ntheme: { emblem: photos/emblem.png }\n"
        "slides:\n");
    if (strcmp(type, "story") == 0)
        sb_puts(&b,
                "  - type: story\n    name: 杨建桥\n    unit: 第二分监狱　后勤保障\n"
                "    honor: 优秀民警\n    photo: photos/yu.jpg\n    title: 哪里需要，哪里就有老杨\n"
                "    text: |\n");
    else
        sb_puts(&b, "  - type: text\n    title: “党建红”引领“警察蓝”\n    subtitle: 加强党的建设\n"
                    "    text: |\n");
    for (int i = 0; i < paras; i++) {
        sb_printf(&b, "      第%d段。%s\n\n", i + 1, para);
    }
    struct playlist *pl = playlist_parse("tests/data/pages/generated.yaml", b.s, b.len, d);
    sb_free(&b);
    assert_non_null(pl);
    assert_int_equal(d->errors, 0);
    return pl;
}

/* Stories and texts grown paragraph by paragraph until they reach 2, 5 and 10+ pages at each
 * size; every page of each is checked. */
static void test_long_texts_every_page(void **state)
{
    (void)state;
    static const char *const types[] = {"story", "text"};
    static const int targets[] = {2, 5, 10};
    struct layout_env env = draw_layout_env(fonts);
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
        for (size_t t = 0; t < 2; t++) {
            int paras = 1;
            for (size_t k = 0; k < 3; k++) {
                for (;;) {
                    struct diag d = {0};
                    struct playlist *pl = long_playlist(types[t], paras, &d);
                    struct slide_layout *l =
                        layout_slide(pl, &pl->slides[0], sizes[z][0], sizes[z][1], &env);
                    int n = l->npages;
                    layout_free(l);
                    if (n >= targets[k]) {
                        int got = check_slide(pl, &pl->slides[0], sizes[z][0], sizes[z][1]);
                        assert_true(got >= targets[k]);
                        playlist_free(pl);
                        diag_free(&d);
                        break;
                    }
                    playlist_free(pl);
                    diag_free(&d);
                    assert_true(paras < 400);
                    paras += n < targets[k] / 2 ? 2 : 1;
                }
            }
        }
}

/* The element with this role on page pg whose lines read `want`. */
static bool shows(const struct slide_layout *l, int pg, const char *role, const char *want)
{
    for (size_t i = 0; i < l->pages[pg].n; i++) {
        const struct element *e = &l->pages[pg].els[i];
        if (e->kind != EL_TEXT || strcmp(e->role, role) != 0)
            continue;
        struct strbuf b = {0};
        for (size_t k = 0; k < e->nlines; k++)
            sb_puts(&b, e->lines[k].text);
        bool same = b.s && strcmp(b.s, want) == 0;
        sb_free(&b);
        if (same)
            return true;
    }
    return false;
}

/* Fields that were parsed but never drawn: the playlist's subtitle (every designed page), a roll
 * person's unit next to the honour, a portrait story's title. Their ink is checked above. */
static void test_fields_reach_the_screen(void **state)
{
    (void)state;
    struct diag d = {0};
    struct content *c = content_load("tests/data/pages/fields.yaml", &d);
    assert_int_equal(d.errors, 0);
    struct layout_env env = draw_layout_env(fonts);
    const struct playlist *pl = c->playlists[0];
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        for (size_t i = 0; i < pl->nslides; i++) {
            struct slide_layout *l = layout_slide(pl, &pl->slides[i], w, h, &env);
            if (pl->slides[i].type != SLIDE_PHOTO)
                for (int pg = 0; pg < l->npages; pg++)
                    if (!shows(l, pg, "header-subtitle", "副标题必须显示在页眉"))
                        fail_msg("slide %zu at %dx%d page %d: no playlist subtitle", i + 1, w, h,
                                 pg + 1);
            if (pl->slides[i].type == SLIDE_STORY) {
                assert_true(shows(l, 0, "title", "哪里需要，哪里就有老杨"));
                assert_true(shows(l, 0, "unit", "第二分监狱　后勤保障"));
            }
            if (pl->slides[i].type == SLIDE_ROLL) {
                assert_true(shows(l, 0, "person-honor", "优秀民警"));
                assert_true(shows(l, 0, "person-unit", "第一监区"));
                assert_true(shows(l, 0, "person-honor", "第二监区")); /* a unit without honour */
            }
            layout_free(l);
        }
    }
    content_unref(c);
    diag_free(&d);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(0);
    char err[256];
    fonts = fonts_create(NULL, err, sizeof err);
    if (!fonts) {
        fprintf(stderr, "test_pages: %s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples_every_page),
        cmocka_unit_test(test_test_playlists_every_page),
        cmocka_unit_test(test_long_texts_every_page),
        cmocka_unit_test(test_fields_reach_the_screen),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fonts_destroy(fonts);
    SDL_Quit();
    return rc;
}
