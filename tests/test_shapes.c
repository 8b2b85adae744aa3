/* test_shapes.c - every screen shape a lobby has: 16:9 and 9:16, 4K, a 2:1 LED wall, a 4:1 wide
 * wall and the door-top LED strips (1536x192, 1920x240, 512x64). For every page of every sample
 * playlist and every test playlist under tests/data/pages/, at every size:
 *   - nothing outside the screen: every box (a framed photo with its frame) and every text line
 *     lies inside it, and every box has a positive size;
 *   - every text line inside its own box;
 *   - no two placed things overlap: the lines of different texts and the photos;
 *   - no text under 16 px (the 16-dot floor of LED signs);
 *   - ink of its own colour in every text line, read back from draw_page()'s pixels;
 *   - the layout JSON `render --layout-json` prints parses, with no nan or inf in it;
 *   - a photo shown whole (fit: contain) ends above its caption band.
 * And the new kinds: banner, wall, notice, QR codes (decoded back with zbarimg), designs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "minijson.h"

#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/content.h"
#include "model/designs.h"
#include "model/playlist.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "page/layout.h"
#include "page/layout_place.h"
#include "page/layout_ticker.h"
#include "base/pngout.h"
#include "base/schedule.h"
#include "picture/qrcode.h"
#include "base/util.h"
#include "lineink.h"

#include <SDL_image.h>

static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {3840, 2160}, {768, 384},
                               {1920, 480},  {1536, 192},  {1920, 240},  {512, 64}};
static struct fonts *fonts;
static int problems; /* every failure of a run is printed, then the test fails */

#define problem(...) (problems++ < 60 ? (void)print_error(__VA_ARGS__), print_error("\n") : (void)0)

struct box {
    double x, y, w, h;
};

static bool meet(struct box a, struct box b, double tol)
{
    return a.x + a.w > b.x + tol && b.x + b.w > a.x + tol && a.y + a.h > b.y + tol &&
           b.y + b.h > a.y + tol;
}

static bool inside(struct box a, struct box in, double tol)
{
    return a.x >= in.x - tol && a.y >= in.y - tol && a.x + a.w <= in.x + in.w + tol &&
           a.y + a.h <= in.y + in.h + tol;
}

/* The box an element paints: a framed photo's frame is drawn round its box (draw.c). */
static struct box painted(const struct element *e)
{
    double b = e->kind == EL_IMAGE && e->frame ? fmax(2, round(fmin(e->w, e->h) * 0.012)) : 0;
    return (struct box){e->x - b, e->y - b, e->w + 2 * b, e->h + 2 * b};
}

static const char *line_text(const struct element *e)
{
    return e->nlines ? e->lines[0].text : "";
}

/* Boxes inside the screen, lines inside their boxes, sizes at the floor, nothing overlapping. */
static void check_boxes(const struct slide_layout *l, int pg, const char *what)
{
    const struct page_layout *p = &l->pages[pg];
    struct box screen = {0, 0, l->w, l->h};
    for (size_t i = 0; i < p->n; i++) {
        const struct element *e = &p->els[i];
        struct box b = painted(e);
        if (!(e->w > 0 && e->h > 0) || !isfinite(e->x + e->y + e->w + e->h))
            problem("%s page %d: %s '%s' has the box %.1f,%.1f %.1fx%.1f", what, pg + 1, e->role,
                    line_text(e), e->x, e->y, e->w, e->h);
        if (!inside(b, screen, 0.5))
            problem("%s page %d: %s '%s' (%.0f,%.0f %.0fx%.0f) runs outside the %dx%d screen", what,
                    pg + 1, e->role, line_text(e), b.x, b.y, b.w, b.h, l->w, l->h);
        if (e->kind != EL_TEXT)
            continue;
        if (e->tl->px < 16 - 1e-9)
            problem("%s page %d: %s '%s' set at %.1f px, under the 16 px floor", what, pg + 1,
                    e->role, line_text(e), e->tl->px);
        for (size_t k = 0; k < e->nlines; k++) {
            const struct el_line *ln = &e->lines[k];
            struct box lb = {ln->x, ln->y, ln->w, ln->h};
            if (e->run_speed > 0) /* 走字: a line longer than its box, drawn clipped to it */
                lb.w = fmin(lb.w, e->x + e->w - lb.x);
            if (!inside(lb, (struct box){e->x, e->y, e->w, e->h}, 1))
                problem("%s page %d: %s line '%s' (%.0f,%.0f %.0fx%.0f) runs outside its box "
                        "(%.0f,%.0f %.0fx%.0f)",
                        what, pg + 1, e->role, ln->text, lb.x, lb.y, lb.w, lb.h, e->x, e->y, e->w,
                        e->h);
        }
    }
    /* a photo shown whole (fit: contain) is never under its caption band */
    const struct element *band = NULL;
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->els[i].role, "caption-band") == 0)
            band = &p->els[i];
    for (size_t i = 0; band && i < p->n; i++) {
        const struct element *e = &p->els[i];
        if (e->kind == EL_IMAGE && e->fit == FIT_CONTAIN && strcmp(e->role, "photo") == 0 &&
            e->y + e->h > band->y + 0.5)
            problem("%s page %d: the whole photo (to y %.0f) runs under its caption band (from y "
                    "%.0f)",
                    what, pg + 1, e->y + e->h, band->y);
    }
    /* what the eye reads: the lines of each text, each photo that is not a backdrop */
    for (size_t i = 0; i < p->n; i++) {
        const struct element *a = &p->els[i];
        if (a->kind == EL_RECT || a->backdrop)
            continue;
        for (size_t j = i + 1; j < p->n; j++) {
            const struct element *b = &p->els[j];
            if (b->kind == EL_RECT || b->backdrop)
                continue;
            size_t na = a->kind == EL_TEXT ? a->nlines : 1, nb = b->kind == EL_TEXT ? b->nlines : 1;
            for (size_t x = 0; x < na; x++)
                for (size_t y = 0; y < nb; y++) {
                    struct box ba = a->kind == EL_TEXT ? (struct box){a->lines[x].x, a->lines[x].y,
                                                                      a->lines[x].w, a->lines[x].h}
                                                       : painted(a);
                    struct box bb = b->kind == EL_TEXT ? (struct box){b->lines[y].x, b->lines[y].y,
                                                                      b->lines[y].w, b->lines[y].h}
                                                       : painted(b);
                    if (a->run_speed > 0) /* 走字 shows only through its box */
                        ba.w = fmin(ba.w, a->x + a->w - ba.x);
                    if (b->run_speed > 0)
                        bb.w = fmin(bb.w, b->x + b->w - bb.x);
                    if (meet(ba, bb, 1))
                        problem("%s page %d: %s '%s' (%.0f,%.0f %.0fx%.0f) overlaps %s '%s' "
                                "(%.0f,%.0f %.0fx%.0f)",
                                what, pg + 1, a->role, a->kind == EL_TEXT ? a->lines[x].text : "",
                                ba.x, ba.y, ba.w, ba.h, b->role,
                                b->kind == EL_TEXT ? b->lines[y].text : "", bb.x, bb.y, bb.w, bb.h);
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
    assert_int_equal(full->w, l->w);
    assert_int_equal(full->h, l->h);
    const struct page_layout *p = &l->pages[pg];
    struct page_layout bare_page = {.els = xcalloc(p->n ? p->n : 1, sizeof *p->els)};
    for (size_t i = 0; i < p->n; i++)
        if (p->els[i].kind != EL_TEXT)
            bare_page.els[bare_page.n++] = p->els[i];
    struct slide_layout bare_l = {.w = l->w, .h = l->h, .npages = 1, .pages = &bare_page};
    SDL_Surface *bare = draw_page(&bare_l, 0, fonts, err, sizeof err);
    assert_non_null(bare);
    for (size_t i = 0; i < p->n; i++) {
        const struct element *e = &p->els[i];
        if (e->kind != EL_TEXT)
            continue;
        for (size_t k = 0; k < e->nlines; k++) {
            long hit = test_line_ink(full, bare, &e->lines[k], e->color, NULL);
            if (hit < 4)
                problem("%s page %d: %s line '%s' shows no ink of its colour", what, pg + 1,
                        e->role, e->lines[k].text);
        }
    }
    free(bare_page.els);
    SDL_FreeSurface(full);
    SDL_FreeSurface(bare);
}

static void check_json(const struct slide_layout *l, int pg, const char *what)
{
    struct strbuf o = {0};
    layout_page_json(l, pg, "x.yaml", 1, "story", "x.png", &o);
    if (strstr(o.s, "nan") || strstr(o.s, "inf"))
        problem("%s page %d: the layout JSON holds nan or inf: %s", what, pg + 1, o.s);
    struct mj *j = mj_parse(o.s);
    if (!j)
        problem("%s page %d: the layout JSON does not parse: %s", what, pg + 1, o.s);
    mj_free(j);
    sb_free(&o);
}

static int check_slide(const struct playlist *pl, const struct slide *s, int w, int h)
{
    struct layout_env env = draw_layout_env(fonts);
    char what[512];
    snprintf(what, sizeof what, "%s slide %d (%s) at %dx%d", pl->path, s->index,
             slide_type_names[s->type], w, h);
    struct slide_layout *l = layout_slide(pl, s, w, h, &env);
    assert_true(l->npages >= 1);
    for (int pg = 0; pg < l->npages; pg++) {
        check_boxes(l, pg, what);
        check_json(l, pg, what);
        check_ink(l, pg, what);
    }
    int n = l->npages;
    layout_free(l);
    return n;
}

static int check_content(const char *path, int w, int h)
{
    return test_each_slide(path, w, h, check_slide);
}

static void test_samples_every_shape(void **state)
{
    (void)state;
    problems = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
        assert_true(check_content("playlists", sizes[z][0], sizes[z][1]) >= 11);
    assert_int_equal(problems, 0);
}

static void test_test_playlists_every_shape(void **state)
{
    (void)state;
    problems = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
        assert_true(check_content("tests/data/pages", sizes[z][0], sizes[z][1]) >= 8);
    assert_int_equal(problems, 0);
}

/* The text element with this role on page pg of l, or NULL. */
static const struct element *role_on(const struct slide_layout *l, int pg, const char *role)
{
    for (size_t i = 0; i < l->pages[pg].n; i++)
        if (strcmp(l->pages[pg].els[i].role, role) == 0)
            return &l->pages[pg].els[i];
    return NULL;
}

/* A banner fills the screen: one or two lines, centred both ways, large (at least a fifth of
 * a 16:9 screen's height for a short slogan), on every shape. */
static void test_banner_fills_the_screen(void **state)
{
    (void)state;
    struct diag d = {0};
    struct content *c = content_load("tests/data/pages/kinds.yaml", &d);
    assert_int_equal(d.errors, 0);
    struct layout_env env = draw_layout_env(fonts);
    const struct playlist *pl = c->playlists[0];
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        for (size_t i = 0; i < pl->nslides; i++) {
            if (pl->slides[i].type != SLIDE_BANNER)
                continue;
            struct slide_layout *l = layout_slide(pl, &pl->slides[i], w, h, &env);
            const struct element *e = role_on(l, 0, "slogan");
            assert_non_null(e);
            assert_int_equal(l->npages, 1);
            if (e->run_speed > 0) { /* 走字 on a strip: one line, longer than its band */
                if (place_shape_of(w, h) != PLACE_STRIP || e->nlines != 1 ||
                    e->lines[0].w <= e->w || fabs(e->lines[0].x - e->x) > 1 ||
                    fabs(e->run_speed - pl->slides[i].speed * e->tl->px) > 0.01)
                    fail_msg("banner %zu at %dx%d: a running line that is not one", i + 1, w, h);
                layout_free(l);
                continue;
            }
            if (e->nlines > 2)
                fail_msg("banner %zu at %dx%d: %zu lines", i + 1, w, h, e->nlines);
            double top = e->lines[0].y, bottom = e->lines[e->nlines - 1].y + e->lines[0].h;
            const struct element *qr = role_on(l, 0, "qr"); /* a band under a portrait page */
            double mid_y = qr && qr->y > h / 2.0 && qr->x > 0 && w < h ? qr->y / 2 : h / 2.0;
            if (fabs((top + bottom) / 2 - mid_y) > h * 0.03)
                fail_msg("banner %zu at %dx%d: lines from %.0f to %.0f, not centred", i + 1, w, h,
                         top, bottom);
            double mid = role_on(l, 0, "qr") ? e->x + e->w / 2 : w / 2.0; /* beside its QR code */
            for (size_t k = 0; k < e->nlines; k++)
                if (fabs(e->lines[k].x + e->lines[k].w / 2 - mid) > w * 0.01)
                    fail_msg("banner %zu at %dx%d: line %zu not centred", i + 1, w, h, k + 1);
            if (i == 0 && w == 1920 && h == 1080 && e->tl->px < 1080 / 5.0)
                fail_msg("a short slogan at 1920x1080 set at %.0f px", e->tl->px);
            layout_free(l);
        }
    }
    content_unref(c);
    diag_free(&d);
}

/* Photos on page pg of l with this role; *area: the smallest one's area. */
static int count_photos(const struct slide_layout *l, int pg, double *area, int *rows)
{
    int n = 0;
    double ys[64];
    *area = 1e18, *rows = 0;
    for (size_t i = 0; i < l->pages[pg].n; i++) {
        const struct element *e = &l->pages[pg].els[i];
        if (e->kind != EL_IMAGE || strcmp(e->role, "person-photo") != 0)
            continue;
        n++;
        *area = fmin(*area, e->w * e->h);
        bool seen = false;
        for (int r = 0; r < *rows; r++)
            seen |= fabs(ys[r] - e->y) < 1;
        if (!seen && *rows < 64)
            ys[(*rows)++] = e->y;
    }
    return n;
}

/* The photo wall: 12 faces at 1920x1080 each at least twice the roll's old 124x165, names
 * larger than honours, 25 people as 13 + 12, columns and per_page obeyed. */
static void test_wall(void **state)
{
    (void)state;
    struct diag d = {0};
    struct content *c = content_load("tests/data/pages/kinds.yaml", &d);
    assert_int_equal(d.errors, 0);
    struct layout_env env = draw_layout_env(fonts);
    const struct playlist *pl = c->playlists[0];
    const struct slide *walls[3] = {0};
    for (size_t i = 0, k = 0; i < pl->nslides && k < 3; i++)
        if (pl->slides[i].type == SLIDE_WALL)
            walls[k++] = &pl->slides[i];
    assert_non_null(walls[2]);
    double area;
    int rows;
    struct slide_layout *l = layout_slide(pl, walls[0], 1920, 1080, &env);
    assert_int_equal(l->npages, 1);
    assert_int_equal(count_photos(l, 0, &area, &rows), 12);
    if (area < 2 * 124 * 165)
        fail_msg("12 faces at 1920x1080: the smallest is %.0f px^2", area);
    const struct element *name = role_on(l, 0, "person-name"), *hon = role_on(l, 0, "person-honor");
    assert_true(name && hon && name->tl->px > hon->tl->px * 1.2);
    layout_free(l);
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        if (place_shape_of(sizes[z][0], sizes[z][1]) == PLACE_STRIP)
            continue; /* a strip shows the few a page that fit: the strip tests check it */
        l = layout_slide(pl, walls[1], sizes[z][0], sizes[z][1], &env);
        if (sizes[z][0] >= 1000 && sizes[z][1] >= 600) { /* 24 a page */
            assert_int_equal(l->npages, 2);
            assert_int_equal(count_photos(l, 0, &area, &rows), 13);
            assert_int_equal(count_photos(l, 1, &area, &rows), 12);
        } else { /* a small wall: 8 a page, balanced */
            assert_int_equal(l->npages, 4);
            for (int pg = 0; pg < 4; pg++)
                assert_int_equal(count_photos(l, pg, &area, &rows), pg ? 6 : 7);
        }
        layout_free(l);
        l = layout_slide(pl, walls[2], sizes[z][0], sizes[z][1], &env);
        assert_int_equal(l->npages, 2);
        int n0 = 0, n1 = 0;
        for (size_t i = 0; i < l->pages[0].n; i++)
            n0 += strcmp(l->pages[0].els[i].role, "person-name") == 0;
        for (size_t i = 0; i < l->pages[1].n; i++)
            n1 += strcmp(l->pages[1].els[i].role, "person-name") == 0;
        assert_int_equal(n0, 4);
        assert_int_equal(n1, 3);
        layout_free(l);
    }
    content_unref(c);
    diag_free(&d);
}

/* A notice as a document: the salutation flush left where the body's lines start, the body's
 * paragraphs indented, the 落款 and the date right-aligned to one edge, below the body, on
 * every shape but the strip (which runs it as text). */
static void test_notice(void **state)
{
    (void)state;
    struct diag d = {0};
    struct content *c = content_load("tests/data/pages/kinds.yaml", &d);
    assert_int_equal(d.errors, 0);
    struct layout_env env = draw_layout_env(fonts);
    const struct playlist *pl = c->playlists[0];
    const struct slide *s = NULL;
    for (size_t i = 0; i < pl->nslides; i++)
        if (pl->slides[i].type == SLIDE_NOTICE)
            s = &pl->slides[i];
    assert_non_null(s);
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        if (place_shape_of(w, h) == PLACE_STRIP)
            continue;
        struct slide_layout *l = layout_slide(pl, s, w, h, &env);
        int last = l->npages - 1;
        const struct element *to = role_on(l, 0, "salutation"), *body = role_on(l, 0, "body");
        const struct element *sign = role_on(l, last, "sign"), *date = role_on(l, last, "date");
        const struct element *att = role_on(l, last, "attachment");
        /* the closing under the body's last line, or on a page of its own (a small screen) */
        const struct element *lbody = role_on(l, last, "body");
        assert_true(to && body && sign && date && att && (lbody || last > 0));
        double em = body->tl->px;
        if (fabs(to->lines[0].x - body->x) > 1)
            fail_msg("%dx%d: the salutation starts at %.0f, the body's box at %.0f", w, h,
                     to->lines[0].x, body->x);
        if (fabs(body->lines[0].x - body->x - 2 * em) > 2)
            fail_msg("%dx%d: the body's first line is not indented 2 em", w, h);
        double sr = sign->lines[0].x + sign->lines[0].w, dr = date->lines[0].x + date->lines[0].w;
        if (fabs(sr - dr) > 1 || sr < body->x + body->w - 3 * em || sign->lines[0].x < w / 2.0)
            fail_msg("%dx%d: 落款 ends at %.0f, the date at %.0f: not right-aligned", w, h, sr, dr);
        const struct el_line *bl = lbody ? &lbody->lines[lbody->nlines - 1] : NULL;
        if ((bl && att->y < bl->y + bl->h) || sign->y < att->y || date->y < sign->y + sign->h - 1)
            fail_msg("%dx%d: the closing is not below the body", w, h);
        layout_free(l);
    }
    content_unref(c);
    diag_free(&d);
}

/* Every QR code, on every shape, decoded back from the rendered pixels by zbarimg (the code's box
 * cut out and written as a PNG): what it says is the slide's `qr:`. */
static void test_qr_decodes(void **state)
{
    (void)state;
    struct diag d = {0};
    struct content *c = content_load("tests/data/pages/kinds.yaml", &d);
    assert_int_equal(d.errors, 0);
    struct layout_env env = draw_layout_env(fonts);
    const struct playlist *pl = c->playlists[0];
    sh("mkdir -p build/test-shapes");
    int decoded = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
        for (size_t i = 0; i < pl->nslides; i++) {
            const struct slide *s = &pl->slides[i];
            if (!s->qr)
                continue;
            struct slide_layout *l = layout_slide(pl, s, sizes[z][0], sizes[z][1], &env);
            const struct element *q = role_on(l, 0, "qr");
            if (sizes[z][1] == 64) { /* 56 px for 41 modules: left out, and the page says so */
                if (q || !strstr(l->pages[0].warn_text, "QR code left out"))
                    fail_msg("slide %zu at 512x64: a code at 1 px a module, or no warning ('%s')",
                             i + 1, l->pages[0].warn_text);
                layout_free(l);
                continue;
            }
            assert_non_null(q);
            /* never under 2 px a module (the code and its 4-module quiet zone on each side) */
            if (q->w < 2.0 * (qrcode_size(s->qr) + 8))
                fail_msg("slide %zu at %dx%d: a %d-module code in %.0f px", i + 1, sizes[z][0],
                         sizes[z][1], qrcode_size(s->qr), q->w);
            char err[256];
            SDL_Surface *page = draw_page(l, 0, fonts, err, sizeof err);
            assert_non_null(page);
            SDL_Rect box = {(int)q->x, (int)q->y, (int)q->w, (int)q->h};
            SDL_Surface *cut = SDL_CreateRGBSurfaceWithFormat(0, box.w + 40, box.h + 40, 32,
                                                              SDL_PIXELFORMAT_ARGB8888);
            SDL_FillRect(cut, NULL, 0xFFFFFFFFu); /* zbar wants a margin round the quiet zone */
            SDL_BlitSurface(page, &box, cut, &(SDL_Rect){20, 20, box.w, box.h});
            assert_int_equal(pngout_write(cut, "build/test-shapes/qr.png", err, sizeof err), 0);
            sh("zbarimg --raw -q build/test-shapes/qr.png > build/test-shapes/qr.txt 2>/dev/null; "
               "true");
            char *got = slurp("build/test-shapes/qr.txt");
            size_t n = strlen(got);
            while (n && (got[n - 1] == '\n' || got[n - 1] == '\r'))
                got[--n] = 0;
            if (strcmp(got, s->qr) != 0)
                fail_msg("slide %zu at %dx%d: the QR code (%dx%d px) reads '%s', not '%s'", i + 1,
                         sizes[z][0], sizes[z][1], box.w, box.h, got, s->qr);
            decoded++;
            free(got);
            SDL_FreeSurface(cut);
            SDL_FreeSurface(page);
            layout_free(l);
        }
    assert_true(decoded >= 3 * 7); /* every shape but 512x64 */
    content_unref(c);
    diag_free(&d);
}

/* design: picks a finished design by either name; theme: keys still override it; the serif
 * title face of 党建红 is what its headings are set in, its body staying sans (its pages are
 * checked at every shape above). */
static void test_designs(void **state)
{
    (void)state;
    static const char *const names[][2] = {
        {"警察蓝", "police-blue"}, {"党建红", "party-red"}, {"金色荣誉", "gold-honour"}};
    for (size_t i = 0; i < 3; i++) {
        struct playlist *pl[2];
        for (int k = 0; k < 2; k++) {
            struct diag d = {0};
            char *y =
                xasprintf("honorboard: 1\ndesign: %s\nslides:\n  - { type: text, title: 标题, "
                          "text: 正文 }\n",
                          names[i][k]);
            pl[k] = playlist_parse("x.yaml", y, strlen(y), &d);
            assert_int_equal(d.errors, 0);
            free(y);
            diag_free(&d);
        }
        assert_memory_equal(&pl[0]->theme.background, &pl[1]->theme.background,
                            sizeof(struct color));
        assert_true(memcmp(&pl[0]->theme.background, &playlist_default_theme.background,
                           sizeof(struct color)) != 0);
        playlist_free(pl[0]), playlist_free(pl[1]);
    }
    struct diag d = {0};
    const char *y = "honorboard: 1\ndesign: 党建红\ntheme: { accent: \"#00FF00\" }\nslides:\n"
                    "  - { type: text, title: 标题, text: 正文 }\n";
    struct playlist *pl = playlist_parse("x.yaml", y, strlen(y), &d);
    assert_int_equal(d.errors, 0);
    assert_int_equal(pl->theme.accent.g, 255);
    assert_int_equal(pl->theme.accent.r, 0);
    assert_null(pl->theme.font); /* the body stays in the sans face */
    assert_string_equal(pl->theme.title_font, "Noto Serif CJK SC");
    /* drawn: its bold text (headings, names) in another face than 经典红's, its body in the same */
    char err[256];
    struct fonts *serif = fonts_for_theme(&pl->theme, err, sizeof err);
    struct fonts *sans = fonts_for_theme(&playlist_default_theme, err, sizeof err);
    assert_non_null(serif);
    assert_non_null(sans);
    for (int w = 0; w < 2; w++) {
        SDL_Surface *g[2];
        for (int k = 0; k < 2; k++) {
            g[k] = SDL_CreateRGBSurfaceWithFormat(0, 200, 100, 32, SDL_PIXELFORMAT_ARGB8888);
            SDL_FillRect(g[k], NULL, 0xFF000000u);
            fonts_draw_text(k ? serif : sans, w ? FONT_BOLD : FONT_REGULAR, "国旗", 64, g[k], 4, 70,
                            (SDL_Color){255, 255, 255, 255});
        }
        bool same = memcmp(g[0]->pixels, g[1]->pixels, (size_t)g[0]->pitch * 100) == 0;
        if (w ? same : !same)
            fail_msg("党建红's %s text is %s 经典红's", w ? "bold" : "regular",
                     same ? "the same face as" : "another face than");
        SDL_FreeSurface(g[0]), SDL_FreeSurface(g[1]);
    }
    fonts_destroy(serif), fonts_destroy(sans);
    playlist_free(pl);
    diag_free(&d);
}

/* The cards the board shows instead of a slide (a content error, standby) at every shape. */
static void test_cards_every_shape(void **state)
{
    (void)state;
    problems = 0;
    struct layout_env env = draw_layout_env(fonts);
    static const char *const messages[] = {
        "暂无内容",
        "内容有误，未载入：01-光荣榜.yaml 第14行第5列：“title”后面用了全角冒号“：”，请改成半角冒号"
        "“:”。继续播放原有内容。"};
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
        for (size_t k = 0; k < 2; k++) {
            char what[128];
            snprintf(what, sizeof what, "card %zu at %dx%d", k + 1, sizes[z][0], sizes[z][1]);
            struct slide_layout *l =
                layout_card("省乔司监狱 · 先进风采", messages[k], &playlist_default_theme,
                            sizes[z][0], sizes[z][1], &env);
            for (int pg = 0; pg < l->npages; pg++) {
                check_boxes(l, pg, what);
                check_ink(l, pg, what);
            }
            layout_free(l);
        }
    assert_int_equal(problems, 0);
}

/* Every element of this role on every page of l, in order (at most max). */
static size_t all_of(const struct slide_layout *l, const char *role, const struct element **out,
                     size_t max)
{
    size_t n = 0;
    for (int pg = 0; pg < l->npages; pg++)
        for (size_t i = 0; i < l->pages[pg].n && n < max; i++)
            if (strcmp(l->pages[pg].els[i].role, role) == 0)
                out[n++] = &l->pages[pg].els[i];
    return n;
}

/* A gallery at every shape: every photo shown once, in its own shape unless fit: cover (nothing
 * cut away), its caption under it (beside it on a strip), never over it; the title shown; at
 * 1920x1080 three photos fill more than a third of the screen. */
static void test_gallery(void **state)
{
    (void)state;
    struct diag d = {0};
    struct content *c = content_load("tests/data/pages/gallery.yaml", &d);
    assert_int_equal(d.errors, 0);
    struct layout_env env = draw_layout_env(fonts);
    const struct playlist *pl = c->playlists[0];
    int galleries = 0;
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        bool strip = place_shape_of(w, h) == PLACE_STRIP;
        for (size_t i = 0; i < pl->nslides; i++) {
            const struct slide *s = &pl->slides[i];
            if (s->type != SLIDE_GALLERY)
                continue;
            galleries++;
            struct slide_layout *l = layout_slide(pl, s, w, h, &env);
            const struct element *ph[8], *cap[8], *title[16];
            size_t np = all_of(l, "photo", ph, 8), nc = all_of(l, "caption", cap, 8);
            if (np != s->nphotos)
                fail_msg("gallery %zu at %dx%d: %zu photos shown of %zu", i + 1, w, h, np,
                         s->nphotos);
            if (all_of(l, "title", title, 16) == 0 && /* a strip may leave it out, saying so */
                !(strip && strstr(l->pages[0].warn_text, "title left out")))
                fail_msg("gallery %zu at %dx%d: no title", i + 1, w, h);
            double area = 0;
            for (size_t k = 0; k < np; k++) {
                const struct element *e = ph[k];
                area += e->w * e->h;
                if (s->fit == FIT_CONTAIN && e->img_w > 0 &&
                    fabs(e->w / e->h - (double)e->img_w / e->img_h) > 0.02 * e->w / e->h)
                    fail_msg("gallery %zu at %dx%d: photo %zu is %.0fx%.0f, its image %dx%d: cut",
                             i + 1, w, h, k + 1, e->w, e->h, e->img_w, e->img_h);
            }
            for (size_t k = 0; k < nc; k++) { /* each caption beside or under a photo of its page */
                bool placed = false;
                for (size_t j = 0; j < np; j++) {
                    const struct element *p = ph[j];
                    double cx = cap[k]->x + cap[k]->w / 2;
                    bool under = cap[k]->y >= p->y + p->h - 0.5 && cx > p->x && cx < p->x + p->w &&
                                 cap[k]->y - (p->y + p->h) < h * 0.05;
                    bool beside = cap[k]->x >= p->x + p->w - 0.5 && cap[k]->y >= p->y - h &&
                                  fabs((cap[k]->y + cap[k]->h / 2) - (p->y + p->h / 2)) < h * 0.3;
                    placed |= strip ? beside : under;
                }
                if (!placed)
                    fail_msg("gallery %zu at %dx%d: caption '%s' is not %s its photo", i + 1, w, h,
                             cap[k]->nlines ? cap[k]->lines[0].text : "",
                             strip ? "beside" : "under");
            }
            if (i == 0 && w == 1920 && h == 1080 && area < 0.33 * w * h)
                fail_msg("gallery 1 at 1920x1080: its photos take %.0f%% of the screen",
                         100 * area / (w * h));
            layout_free(l);
        }
    }
    assert_int_equal(galleries, 4 * (int)(sizeof sizes / sizeof *sizes));
    content_unref(c);
    diag_free(&d);
}

/* The text of the element with this role on page 0 of slide s laid out at w x h, "" when none. */
static char *text_of(const struct playlist *pl, const struct slide *s, int w, int h,
                     const char *role)
{
    struct layout_env env = draw_layout_env(fonts);
    struct slide_layout *l = layout_slide(pl, s, w, h, &env);
    const struct element *e = role_on(l, 0, role);
    struct strbuf b = {0};
    sb_puts(&b, "");
    for (size_t k = 0; e && k < e->nlines; k++)
        sb_puts(&b, e->lines[k].text);
    layout_free(l);
    return b.s;
}

static void at_day(const char *moment)
{
    time_t t;
    assert_int_equal(schedule_parse_moment(moment, &t), 0);
    schedule_now_set(t);
}

/* 距“春节”还有 N 天 counted from the board's day (render --at fixes it), 今天就是 on the day,
 * 已过去 after; the date card shows today's day, weekday and 农历 date. */
/* A countdown's title or text too long for its piece (200 bytes) is cut by whole characters with
 * "…", never in the middle of one (a 70-character title was cut at a byte count: half a
 * character reached the screen). */
static void test_countdown_long_text_whole_chars(void **state)
{
    (void)state;
    sh("mkdir -p build/test-shapes/cd && printf 'honorboard: 1\\ntitle: t\\nslides:\\n  - type: "
       "countdown\\n    date: 2027-07-01\\n    title: "
       "全省监狱系统第二十六届忠诚卫士表彰大会暨先进事迹报告会在省会杭州隆重召开全省监狱系统第二十"
       "六届忠诚卫士表彰大会暨先进事迹报告会在省会杭州\\n' > build/test-shapes/cd/cd.yaml");
    struct diag d = {0};
    struct content *c = content_load("build/test-shapes/cd/cd.yaml", &d);
    assert_int_equal(d.errors, 0);
    at_day("2026-12-07");
    char *head = text_of(c->playlists[0], &c->playlists[0]->slides[0], 1920, 1080, "head");
    assert_true(!strncmp(head, "距‘全省监狱", strlen("距‘全省监狱")) ||
                !strncmp(head, "距“全省监狱", strlen("距“全省监狱")));
    size_t n = strlen(head);
    for (const char *q = head; *q;) { /* every character whole */
        size_t len;
        uint32_t cp = utf8_decode(q, strlen(q), &len);
        if (cp == 0xFFFD || len == 0)
            fail_msg("broken UTF-8 at byte %td of %s", q - head, head);
        q += len;
    }
    assert_true(n >= 3 && !memcmp(head + n - 3, "…", 3));
    free(head);
    schedule_now_set(time(NULL));
    content_unref(c);
    diag_free(&d);
}

/* A notice whose body and closing do not share one page sends the body's last lines over with
 * the closing: never a page of 附件 and 落款 alone, shown for two seconds (the trial's notice
 * at 1920x1080 did that). */
static void test_notice_closing_not_alone(void **state)
{
    (void)state;
    sh("mkdir -p build/test-shapes/nt && printf 'honorboard: 1\\ntitle: t\\nslides:\\n"
       "  - type: notice\\n    title: 关于开展“比先进、学先进、赶先进”主题实践活动的通知\\n"
       "    number: 乔监〔2026〕12号\\n    to: 各分监狱、监区，机关各处室：\\n    text: |\\n"
       "      "
       "为深入推进党建与业务深度融合，充分发挥先进典型的示范引领作用，经监狱党委研究，决定在全监"
       "开展“比先进、学先进、赶先进”主题实践活动。现将有关事项通知如下。\\n"
       "      一、活动时间：2026年3月1日至6月30日。\\n"
       "      二、活动内容：各党支部要结合“家文化”党建品牌，组织开展优秀民警举荐、先进事迹宣讲、"
       "“政治生日”等活动。\\n      三、工作要求：各单位要高度重视，精心组织，确保活动取得实效。\\n"
       "    attachments: [活动安排表, 优秀民警举荐评比细则]\\n    sign: 中共浙江省乔司监狱委员会\\n"
       "    date: 2026年2月20日\\n' > build/test-shapes/nt/n.yaml");
    struct diag d = {0};
    struct content *c = content_load("build/test-shapes/nt/n.yaml", &d);
    assert_int_equal(d.errors, 0);
    struct layout_env env = draw_layout_env(fonts);
    const struct playlist *pl = c->playlists[0];
    for (size_t z = 0; z < 3; z++) { /* the screens (a small wall may give the closing a page) */
        struct slide_layout *l = layout_slide(pl, &pl->slides[0], sizes[z][0], sizes[z][1], &env);
        int last = l->npages - 1;
        const struct element *body = role_on(l, last, "body"), *sign = role_on(l, last, "sign");
        assert_non_null(sign); /* the closing is on the last page */
        if (l->npages > 1 && (!body || body->nlines < 2))
            fail_msg("%dx%d: page %d of %d holds the closing with %zu line(s) of the body",
                     sizes[z][0], sizes[z][1], last + 1, l->npages, body ? body->nlines : 0);
        layout_free(l);
    }
    content_unref(c);
    diag_free(&d);
}

/* A countdown whose title is long (2027年全省监狱系统“十大百优”先进人物评选结果公布) is not set on
 * one line that makes everything small: its headline takes balanced lines, the date under it
 * stays readable, quotation marks inside the card's “” become ‘’, and no line breaks inside
 * them. Before, the date was 16 px at 1920x1080 and two thirds of the screen were empty. */
static void test_countdown_long_title_wraps(void **state)
{
    (void)state;
    sh("mkdir -p build/test-shapes/cd && printf 'honorboard: 1\\ntitle: t\\nslides:\\n  - type: "
       "countdown\\n    date: 2026-12-07\\n    title: "
       "2027年全省监狱系统“十大百优”先进人物评选结果公布\\n' > build/test-shapes/cd/long.yaml");
    struct diag d = {0};
    struct content *c = content_load("build/test-shapes/cd/long.yaml", &d);
    assert_int_equal(d.errors, 0);
    const struct playlist *pl = c->playlists[0];
    static const char *const days[] = {"2026-12-07T09:00", "2026-11-07T09:00"}; /* on, before */
    struct layout_env env = draw_layout_env(fonts);
    for (size_t z = 0; z < 2; z++)
        for (size_t k = 0; k < 2; k++) {
            at_day(days[k]);
            struct slide_layout *l =
                layout_slide(pl, &pl->slides[0], sizes[z][0], sizes[z][1], &env);
            const struct element *h = role_on(l, 0, k == 0 ? "title" : "head");
            const struct element *date = role_on(l, 0, "date");
            assert_non_null(h);
            assert_non_null(date);
            struct strbuf all = {0};
            sb_puts(&all, "");
            for (size_t i = 0; i < h->nlines; i++) {
                sb_puts(&all, h->lines[i].text);
                const char *open = strstr(h->lines[i].text, "‘"),
                           *shut = strstr(h->lines[i].text, "’");
                if ((open && !shut) || (shut && !open))
                    fail_msg("%dx%d %s: a line breaks inside ‘…’: '%s'", sizes[z][0], sizes[z][1],
                             days[k], h->lines[i].text);
            }
            if (!strstr(all.s, "‘十大百优’") || h->nlines < 2)
                fail_msg("%dx%d %s: the headline is '%s' on %zu line(s)", sizes[z][0], sizes[z][1],
                         days[k], all.s, h->nlines);
            if (date->tl->px < 24)
                fail_msg("%dx%d %s: the date is %.0f px", sizes[z][0], sizes[z][1], days[k],
                         date->tl->px);
            sb_free(&all);
            layout_free(l);
        }
    schedule_now_set(time(NULL));
    content_unref(c);
    diag_free(&d);
}

static void test_countdown_and_calendar(void **state)
{
    (void)state;
    struct diag d = {0};
    struct content *c = content_load("tests/data/pages/gallery.yaml", &d);
    assert_int_equal(d.errors, 0);
    const struct playlist *pl = c->playlists[0];
    const struct slide *cd = NULL, *cal = NULL;
    for (size_t i = 0; i < pl->nslides; i++) {
        if (pl->slides[i].type == SLIDE_COUNTDOWN && !cd) /* the first: 春节 */
            cd = &pl->slides[i];
        if (pl->slides[i].type == SLIDE_CALENDAR)
            cal = &pl->slides[i];
    }
    assert_non_null(cd);
    assert_non_null(cal);
    static const struct {
        const char *at, *head, *number;
    } days[] = {{"2027-02-05T23:59", "距“春节”还有", "1"},
                {"2027-01-07", "距“春节”还有", "30"},
                {"2026-02-17T00:01", "距“春节”还有", "354"},
                {"2027-02-16T08:00", "“春节”已过去", "10"}};
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
        for (size_t k = 0; k < sizeof days / sizeof *days; k++) {
            at_day(days[k].at);
            char *head = text_of(pl, cd, sizes[z][0], sizes[z][1], "head");
            char *num = text_of(pl, cd, sizes[z][0], sizes[z][1], "number");
            if (strcmp(head, days[k].head) != 0 || strcmp(num, days[k].number) != 0)
                fail_msg("countdown at %s on %dx%d: '%s' '%s'", days[k].at, sizes[z][0],
                         sizes[z][1], head, num);
            free(head), free(num);
        }
    at_day("2027-02-06T07:00");
    char *t = text_of(pl, cd, 1920, 1080, "title"), *n = text_of(pl, cd, 1920, 1080, "number");
    assert_string_equal(t, "今天就是“春节”");
    assert_string_equal(n, ""); /* no number on the day itself */
    free(t), free(n);
    at_day("2026-12-07T09:00");
    static const char *const roles[][2] = {{"number", "7"},
                                           {"weekday", "星期一"},
                                           {"month", "2026年12月"},
                                           {"lunar", "农历丙午年十月廿九"}};
    for (size_t k = 0; k < 4; k++) {
        char *got = text_of(pl, cal, 1920, 1080, roles[k][0]);
        if (strcmp(got, roles[k][1]) != 0)
            fail_msg("calendar on 2026-12-07: %s is '%s', not '%s'", roles[k][0], got, roles[k][1]);
        free(got);
    }
    schedule_now_set(time(NULL));
    content_unref(c);
    diag_free(&d);
}

/* A playlist with a ticker: every page at every shape leaves the ticker's band free (the page
 * number, the body and the captions end above it), and `render` draws the ticker in it (and the
 * clock when the board's config shows it), as the board draws them over its pages. */
static void test_ticker_room(void **state)
{
    (void)state;
    problems = 0;
    struct layout_env env = draw_layout_env(fonts);
    const char *y = "honorboard: 1\nticker: 比先进、学先进、赶先进，立足岗位作贡献。\nslides:\n"
                    "  - { type: text, title: 标题, text: 正文 }\n"
                    "  - { type: roll, title: 名单, people: [{ name: 余程 }, { name: 李晓 }] }\n";
    struct diag d = {0};
    struct playlist *pl = playlist_parse("x.yaml", y, strlen(y), &d);
    assert_int_equal(d.errors, 0);
    diag_free(&d);
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        int w = sizes[z][0], h = sizes[z][1];
        int band = layout_ticker_fits(w, h) ? layout_ticker_band(w, h) : 0; /* none on 512x64 */
        for (size_t i = 0; i < pl->nslides; i++) {
            struct slide_layout *l = layout_slide(pl, &pl->slides[i], w, h, &env);
            assert_int_equal(l->h, h);
            for (int pg = 0; pg < l->npages; pg++)
                for (size_t k = 0; k < l->pages[pg].n; k++) {
                    const struct element *e = &l->pages[pg].els[k];
                    if (e->backdrop || strcmp(e->role, "frame") == 0)
                        continue;
                    if (e->y + e->h > h - band + 0.5)
                        problem("slide %zu at %dx%d: %s ends at %.0f, under the ticker's band "
                                "(from %d)",
                                i + 1, w, h, e->role, e->y + e->h, h - band);
                }
            layout_free(l);
        }
    }
    playlist_free(pl);
    assert_int_equal(problems, 0);
    /* render draws the ticker in its band, and the clock with a config that shows it */
    sh("rm -rf build/test-shapes/tk && mkdir -p build/test-shapes/tk && printf '%%s' '%s' > "
       "build/test-shapes/tk/t.yaml && printf 'clock: true\\n' > build/test-shapes/tk/c.yaml",
       y);
    sh("%s render build/test-shapes/tk/t.yaml --out build/test-shapes/tk/a --slides 1 2>/dev/null",
       bin());
    sh("%s render build/test-shapes/tk/t.yaml --out build/test-shapes/tk/b --slides 1 --config "
       "build/test-shapes/tk/c.yaml 2>/dev/null",
       bin());
    SDL_Surface *a = IMG_Load("build/test-shapes/tk/a/slide-001.png"),
                *b = IMG_Load("build/test-shapes/tk/b/slide-001.png");
    assert_non_null(a);
    assert_non_null(b);
    SDL_Surface *ca = SDL_ConvertSurfaceFormat(a, SDL_PIXELFORMAT_ARGB8888, 0),
                *cb = SDL_ConvertSurfaceFormat(b, SDL_PIXELFORMAT_ARGB8888, 0);
    int band = layout_ticker_band(1920, 1080);
    long white = 0, clock = 0;
    for (int yy = 1080 - band; yy < 1080; yy++) /* the ticker's white letters in its band */
        for (int x = 0; x < 1920; x++)
            white += (((uint32_t *)ca->pixels)[yy * (ca->pitch / 4) + x] & 0xFFFFFF) == 0xFFFFFF;
    for (int yy = 0; yy < 150; yy++) /* the clock at the header's right: only with the config */
        for (int x = 1500; x < 1920; x++)
            clock += ((uint32_t *)ca->pixels)[yy * (ca->pitch / 4) + x] !=
                     ((uint32_t *)cb->pixels)[yy * (cb->pitch / 4) + x];
    if (white < 200 || clock < 100)
        fail_msg("render: %ld white pixels in the ticker's band, %ld of the clock", white, clock);
    SDL_FreeSurface(a), SDL_FreeSurface(b), SDL_FreeSurface(ca), SDL_FreeSurface(cb);
}

/* `check --size` names each slide that cannot be shown well at that size, and why; at 1920x1080
 * the same playlist has nothing to say. */
static void test_check_size_names_the_slides(void **state)
{
    (void)state;
    sh("mkdir -p build/test-shapes");
    assert_int_equal(run("%s check --size 512x64 tests/data/pages/fields.yaml "
                         "> build/test-shapes/strip.txt 2>&1",
                         bin()),
                     0);
    char *out = slurp("build/test-shapes/strip.txt");
    if (!strstr(out, "fields.yaml:8:5: warning: slide 1 (story) cannot be shown well on a 512x64 "
                     "screen: unit left out") ||
        !strstr(out, "title left out"))
        fail_msg("check --size 512x64 said: %s", out);
    free(out);
    assert_int_equal(run("%s check --size 1920x1080 tests/data/pages/fields.yaml "
                         "> build/test-shapes/fhd.txt 2>&1",
                         bin()),
                     0);
    out = slurp("build/test-shapes/fhd.txt");
    if (strstr(out, "cannot be shown well"))
        fail_msg("check --size 1920x1080 said: %s", out);
    free(out);
    assert_int_equal(run("%s check --size 12 tests/data/pages/fields.yaml > /dev/null 2>&1", bin()),
                     2);
}

/* An unknown design is an error at its line:col, in Chinese on a Chinese board, with the
 * nearest design's name (one character off: 警查蓝 -> 警察蓝) or the list of them. */
static void test_unknown_design(void **state)
{
    (void)state;
    sh("mkdir -p build/test-shapes");
    static const char *const cases[][3] = {
        {"警查蓝", "x.yaml:2:9: error: unknown design '警查蓝' (did you mean '警察蓝'?)",
         "第2行第9列"},
        {"party-rde", "x.yaml:2:9: error: unknown design 'party-rde' (did you mean 'party-red'?)",
         NULL},
        {"蓝色", "x.yaml:2:9: error: unknown design '蓝色' (the designs: 经典红 (classic), ",
         NULL}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct diag d = {0};
        char *y = xasprintf("honorboard: 1\ndesign: %s\nslides:\n  - { type: text, title: 标题, "
                            "text: 正文 }\n",
                            cases[i][0]);
        struct playlist *pl = playlist_parse("x.yaml", y, strlen(y), &d);
        assert_int_equal(d.errors, 1);
        char *msg = diag_format(&d.msgs[0]);
        if (strncmp(msg, cases[i][1], strlen(cases[i][1])) != 0)
            fail_msg("design '%s': %s", cases[i][0], msg);
        free(msg);
        playlist_free(pl);
        diag_free(&d);
        free(y);
    }
    /* what `check` prints on a Chinese board: the translation, at the same place */
    sh("printf 'honorboard: 1\\ndesign: 警查蓝\\nslides:\\n  - { type: text, title: 标题, text: "
       "正文 "
       "}\\n' > build/test-shapes/design.yaml");
    assert_int_equal(run("LANG=zh_CN.UTF-8 %s check build/test-shapes/design.yaml > "
                         "build/test-shapes/design.txt 2>&1",
                         bin()),
                     1);
    char *out = slurp("build/test-shapes/design.txt");
    if (!strstr(out, "design.yaml:2:9: 错误: 未知的设计“警查蓝”（是不是“警察蓝”？）"))
        fail_msg("check said: %s", out);
    free(out);
}

/* Every design of the table, every kind, every shape: the checks above on every page, with the
 * design's own face; every design but the first paints its pages differently from 经典红. A new
 * design is a new row of designs.c, checked here without a new line of test; a new kind needs a
 * slide in tests/data/designs/every-kind.yaml. */
static void test_every_design_every_kind(void **state)
{
    (void)state;
    problems = 0;
    sh("rm -rf build/test-shapes/designs && mkdir -p build/test-shapes/designs && "
       "cp tests/data/designs/every-kind.yaml build/test-shapes/designs/ && "
       "cp -r tests/data/pages/photos build/test-shapes/designs/");
    struct diag d = {0};
    struct content *c = content_load("build/test-shapes/designs/every-kind.yaml", &d);
    assert_int_equal(d.errors, 0);
    diag_free(&d);
    const struct playlist *pl = c->playlists[0];
    bool seen[SLIDE_TYPE_COUNT] = {0};
    seen[SLIDE_VIDEO] = true; /* laid out as a photo */
    for (size_t i = 0; i < pl->nslides; i++)
        seen[pl->slides[i].type] = true;
    for (size_t k = 0; k < SLIDE_TYPE_COUNT; k++)
        if (!seen[k])
            fail_msg("tests/data/designs/every-kind.yaml has no %s slide", slide_type_names[k]);
    assert_true(ndesigns >= 4);
    struct fonts *shared = fonts;
    SDL_Surface *classic = NULL;
    for (size_t di = 0; di < ndesigns; di++) {
        const struct design *dz = &designs[di];
        struct playlist p = *pl; /* the same slides in this design's colours and face */
        p.theme.design = dz;
        p.theme.background = dz->background, p.theme.accent = dz->accent, p.theme.text = dz->text;
        char err[256];
        p.theme.font = (char *)dz->font, p.theme.title_font = (char *)dz->title_font;
        fonts = fonts_for_theme(&p.theme, err, sizeof err);
        if (!fonts)
            fail_msg("design %s: its faces: %s", dz->name, err);
        for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++)
            for (size_t i = 0; i < p.nslides; i++)
                check_slide(&p, &p.slides[i], sizes[z][0], sizes[z][1]);
        struct layout_env env = draw_layout_env(fonts);
        struct slide_layout *l = layout_slide(&p, &p.slides[0], 1920, 1080, &env);
        SDL_Surface *page = draw_page(l, 0, fonts, err, sizeof err);
        assert_non_null(page);
        layout_free(l);
        if (di == 0) {
            classic = page;
        } else {
            long differ = 0;
            for (int y = 0; y < page->h; y++)
                differ += memcmp((uint8_t *)page->pixels + y * page->pitch,
                                 (uint8_t *)classic->pixels + y * classic->pitch,
                                 (size_t)page->w * 4) != 0;
            if (differ < page->h / 2)
                fail_msg("design %s: only %ld of %d rows differ from %s", dz->name, differ, page->h,
                         designs[0].name);
            SDL_FreeSurface(page);
        }
        fonts_destroy(fonts);
    }
    fonts = shared;
    SDL_FreeSurface(classic);
    content_unref(c);
    assert_int_equal(problems, 0);
}

/* The board's overlays wear the playing playlist's design: a headless `play` dumps its frame
 * (overlays included) and the ticker's band is the design's (navy under 警察蓝, dark red under
 * 经典红), its top line and the clock in the design's accent. */
static void test_overlays_wear_the_design(void **state)
{
    (void)state;
    static const char *const names[] = {"警察蓝", "经典红"};
    for (int k = 0; k < 2; k++) {
        sh("rm -rf build/test-shapes/ov && mkdir -p build/test-shapes/ov/pl && "
           "printf 'clock: true\\n' > build/test-shapes/ov/config.yaml && printf "
           "'honorboard: 1\\ndesign: %s\\nticker: 欢迎各位来宾莅临指导\\nslides:\\n  - { type: "
           "text, title: 标题, text: 正文 }\\n' > build/test-shapes/ov/pl/a.yaml",
           names[k]);
        assert_int_equal(run("SDL_VIDEODRIVER=dummy timeout 60 %s play build/test-shapes/ov/pl "
                             "--window=640x360 --config build/test-shapes/ov/config.yaml "
                             "--dump-frames build/test-shapes/ov/dump --quit-after 3 2>/dev/null",
                             bin()),
                         0);
        SDL_Surface *raw = IMG_Load("build/test-shapes/ov/dump/640x360/slide-001.png");
        if (!raw)
            fail_msg("%s: no frame dumped: %s", names[k], IMG_GetError());
        SDL_Surface *f = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_FreeSurface(raw);
        const struct design *d = design_by_name(names[k]);
        /* the band's colour at the bottom right (the ticker's text enters from the right
         * edge: a pixel just above the bottom, left of it, is band alone) */
        uint32_t px = ((uint32_t *)((uint8_t *)f->pixels + (f->h - 3) * f->pitch))[5];
        int r = (int)(px >> 16 & 255), g = (int)(px >> 8 & 255), b = (int)(px & 255);
        (void)g;
        bool navy = b > r + 20, red = r > b + 20;
        if (k == 0 ? !navy : !red)
            fail_msg("%s: the ticker's band is #%02X%02X%02X", names[k], r, g, b);
        /* the band's top line: the accent */
        int top = f->h - 1;
        while (top > f->h / 2) {
            uint32_t q = ((uint32_t *)((uint8_t *)f->pixels + top * f->pitch))[5];
            if (abs((int)(q >> 16 & 255) - d->accent.r) < 8 &&
                abs((int)(q >> 8 & 255) - d->accent.g) < 8 && abs((int)(q & 255) - d->accent.b) < 8)
                break;
            top--;
        }
        if (top <= f->h / 2)
            fail_msg("%s: no line of the accent over the ticker's band", names[k]);
        SDL_FreeSurface(f);
    }
}

/* A new design is a new row of the table and nothing else: designs.c is compiled with one row
 * more (a green design, its own colours, 经典红's metrics, corner pieces) into a copy of the
 * program, which knows it by both names, suggests it for a misspelling, and renders every kind
 * in it (as make builds: the same objects, flags and libraries). */
#define XD "build/test-shapes/extra-design"
static void test_a_new_design_is_a_row(void **state)
{
    (void)state;
    sh("rm -rf " XD " && mkdir -p " XD "/pl && cp tests/data/designs/every-kind.yaml " XD
       "/pl/ && cp -r tests/data/pages/photos " XD "/pl/");
    char *src = slurp("src/model/designs.c");
    char *table = strstr(src, "const struct design designs[] = {");
    assert_non_null(table);
    char *end = strstr(table, "\n};");
    assert_non_null(end);
    FILE *f = fopen(XD "/designs.c", "w");
    assert_non_null(f);
    fprintf(f,
            "%.*s\n    {.name = \"test-green\", .zh = \"测试绿\", .background = {0x0A, 0x5C, 0x36, "
            "255}, .accent = {0xF0, 0xE6, 0x8C, 255}, .text = {0xFF, 0xFF, 0xFF, 255}, .ticker "
            "= {0x03, 0x20, 0x12, 0xD8}, .metrics = &design_classic_metrics, .ornament = {.mark "
            "= \"★\", .corner = 40, .corner_w = 4}},%s",
            (int)(end - src), src, end);
    fclose(f);
    free(src);
    const char *san = getenv("HB_SANITIZED") && *getenv("HB_SANITIZED") ? "SANITIZE=1" : "";
    assert_int_equal(
        run("make -s %s --eval='hb-extra: ; @$(CC) $(CFLAGS) $(PKG_CFLAGS) -o " XD
            "/hb $(BUILD)/cmd/main.o $(filter-out $(BUILD)/model/designs.o,$(LIBOBJS)) " XD
            "/designs.c $(LDFLAGS) $(PKG_LIBS)' hb-extra > " XD "/make.txt 2>&1",
            san),
        0);
    sh("sed -i 's/^honorboard: 1$/honorboard: 1\\ndesign: 测试绿/' " XD "/pl/every-kind.yaml");
    assert_int_equal(run(XD "/hb check " XD "/pl > " XD "/check.txt 2>&1"), 0);
    assert_int_equal(
        run(XD "/hb render " XD "/pl --out " XD "/out --jobs 2 > " XD "/render.txt 2>&1"), 0);
    /* every kind rendered, the text slide's page in the new green */
    sh("ls " XD "/out | grep -c png > " XD "/n.txt");
    char *n = slurp(XD "/n.txt");
    assert_true(atoi(n) >= 8);
    free(n);
    SDL_Surface *raw = IMG_Load(XD "/out/slide-003.png");
    assert_non_null(raw);
    SDL_Surface *p = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    uint32_t px = ((uint32_t *)((uint8_t *)p->pixels + (p->h * 3 / 4) * p->pitch))[p->w / 2];
    int r = (int)(px >> 16 & 255), g = (int)(px >> 8 & 255), b = (int)(px & 255);
    if (!(g > r + 30 && g > b + 10))
        fail_msg("the new design's page is #%02X%02X%02X, not green", r, g, b);
    SDL_FreeSurface(p);
    /* known by its Latin name too, and suggested for a misspelling */
    sh("sed -i 's/^design: 测试绿$/design: 测试录/' " XD "/pl/every-kind.yaml");
    assert_int_equal(run(XD "/hb check " XD "/pl > " XD "/check2.txt 2>&1"), 1);
    char *out = slurp(XD "/check2.txt");
    if (!strstr(out, "unknown design '测试录' (did you mean '测试绿'?)"))
        fail_msg("check said: %s", out);
    free(out);
    sh("sed -i 's/^design: 测试录$/design: test-green/' " XD "/pl/every-kind.yaml");
    assert_int_equal(run(XD "/hb check " XD "/pl > " XD "/check3.txt 2>&1"), 0);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(0);
    (void)mj_num, (void)mj_str; /* minijson's readers: only the parse is needed here */
    time_t fixed;               /* the cards of the day drawn on one day, whatever today is */
    if (schedule_parse_moment("2026-12-07T10:00", &fixed) == 0)
        schedule_now_set(fixed);
    char err[256];
    fonts = fonts_create(NULL, err, sizeof err);
    if (!fonts) {
        fprintf(stderr, "test_shapes: %s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples_every_shape),
        cmocka_unit_test(test_test_playlists_every_shape),
        cmocka_unit_test(test_check_size_names_the_slides),
        cmocka_unit_test(test_cards_every_shape),
        cmocka_unit_test(test_banner_fills_the_screen),
        cmocka_unit_test(test_wall),
        cmocka_unit_test(test_notice),
        cmocka_unit_test(test_qr_decodes),
        cmocka_unit_test(test_designs),
        cmocka_unit_test(test_unknown_design),
        cmocka_unit_test(test_every_design_every_kind),
        cmocka_unit_test(test_overlays_wear_the_design),
        cmocka_unit_test(test_a_new_design_is_a_row),
        cmocka_unit_test(test_gallery),
        cmocka_unit_test(test_countdown_and_calendar),
        cmocka_unit_test(test_countdown_long_text_whole_chars),
        cmocka_unit_test(test_countdown_long_title_wraps),
        cmocka_unit_test(test_notice_closing_not_alone),
        cmocka_unit_test(test_ticker_room),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fonts_destroy(fonts);
    SDL_Quit();
    return rc;
}
