/* test_emoji.c - colour emoji as the screen shows them: tests/data/emoji.yaml rendered with
 * --layout-json at 1080x1920 and 1920x1080; each emoji's box holds coloured pixels (the colour
 * font drawn through FreeType, not a white outline or a box), a ZWJ sequence (👮‍♂️), a
 * flag and a keycap take one emoji's advance and never split across lines, the paragraph's last
 * line is not one emoji alone (孤字 counts graphemes), and `check` finds a glyph for every one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "pixels.h"
#include "minijson.h"

#include <SDL.h>
#include <SDL_image.h>
#include <math.h>

#define OUT "/tmp/hb-test-emoji"

static const char *sizes[] = {"1080x1920", "1920x1080"};

static size_t decode(const char *t, uint32_t *out, size_t cap)
{
    size_t n = 0, len, tl = strlen(t);
    for (size_t i = 0; i < tl && n < cap; i += len)
        out[n++] = utf8_decode(t + i, tl - i, &len);
    return n;
}

/* Pixels of [x0, x1) x [y0, y1) in colour (R, G and B spread over more than 60) that are not
 * the theme's red-to-dark background (red highest, green close to blue) nor its white text:
 * the yellow, skin and blue of an emoji. */
static int coloured(SDL_Surface *s, int x0, int y0, int x1, int y1)
{
    int n = 0;
    for (int y = y0 < 0 ? 0 : y0; y < y1 && y < s->h; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x1 && x < s->w; x++) {
            uint32_t p = ((uint32_t *)s->pixels)[y * (s->pitch / 4) + x];
            int r = (int)(p >> 16 & 255), g = (int)(p >> 8 & 255), b = (int)(p & 255);
            int hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
            int lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
            n += hi - lo > 60 && !(hi == r && abs(g - b) < 30);
        }
    return n;
}

static bool continues(uint32_t cp)
{
    return cp == 0x200D || cp == 0xFE0F || cp == 0x20E3 || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
           cp == 0x2642 || cp == 0x2640;
}

/* Body lines of the first slide: every emoji box coloured, sequences whole. */
static void check_size(const char *size)
{
    sh("rm -rf " OUT " && mkdir -p " OUT);
    assert_int_equal(run("%s render tests/data/emoji.yaml --out " OUT
                         " --size %s --layout-json " OUT "/l.json >/dev/null 2>&1",
                         bin(), size),
                     0);
    char *json = slurp(OUT "/l.json");
    struct mj *doc = mj_parse(json);
    const struct mj *pg = &mj_get(doc, "slides")->kids[0];
    SDL_Surface *png = test_load_argb(OUT "/slide-001.png");
    const struct mj *els = mj_get(pg, "elements");
    int emoji = 0, police = 0;
    size_t last_solid = 99;
    for (size_t i = 0; i < els->n; i++) {
        const struct mj *el = &els->kids[i];
        const char *role = mj_str(el, "role");
        if (!role || strcmp(role, "body") != 0)
            continue;
        double px = mj_num(el, "font_px"); /* line x and y are on the screen */
        const struct mj *lines = mj_get(el, "lines");
        for (size_t k = 0; k < lines->n; k++) {
            const struct mj *ln = &lines->kids[k];
            uint32_t cp[256];
            size_t n = decode(mj_str(ln, "text"), cp, 256);
            const struct mj *adv = mj_get(ln, "advances");
            double lx = mj_num(ln, "x"), ly = mj_num(ln, "y"), lh = mj_num(ln, "h");
            if (n && continues(cp[0]))
                fail_msg("%s: line '%s' starts inside an emoji sequence", size, mj_str(ln, "text"));
            size_t solid = 0;
            for (size_t j = 0; j < n; j++) {
                if (continues(cp[j]) || (cp[j] >= 0x1F1E6 && cp[j] <= 0x1F1FF && j > 0 &&
                                         cp[j - 1] >= 0x1F1E6 && cp[j - 1] <= 0x1F1FF))
                    continue;
                solid +=
                    !(cp[j] >= 0x3000 && cp[j] <= 0x303F) && !(cp[j] >= 0xFF00 && cp[j] <= 0xFF1F);
                if (cp[j] < 0x1F000 && !(j + 1 < n && cp[j + 1] == 0xFE0F)) /* 1️⃣ */
                    continue;
                /* the emoji's box: from its pen position to the next grapheme's */
                size_t e = j + 1;
                while (e < n && (continues(cp[e]) || (cp[e] >= 0x1F1E6 && cp[e] <= 0x1F1FF &&
                                                      cp[j] >= 0x1F1E6 && e == j + 1)))
                    e++;
                double x0 = adv->kids[j].num, x1 = e < n ? adv->kids[e].num : x0 + px * 1.3;
                if (x1 - x0 > 1.5 * px)
                    fail_msg("%s: '%s': emoji at %zu takes %.2f em (in pieces?)", size,
                             mj_str(ln, "text"), j, (x1 - x0) / px);
                int c = coloured(png, (int)(lx + x0), (int)ly, (int)(lx + x1), (int)(ly + lh));
                if (c < px * px / 40) /* 🇨🇳 is red on red: its stars count */
                    fail_msg("%s: '%s': emoji at %zu has %d coloured pixels", size,
                             mj_str(ln, "text"), j, c);
                emoji++;
                police += cp[j] == 0x1F46E && e >= j + 4; /* ZWJ ♂/♀ VS16 (and a tone) */
            }
            if (mj_num(ln, "para") == 1)
                last_solid = solid;
        }
    }
    assert_int_equal(
        police, 3); /* 👮‍♂️ twice and 👮🏽‍♀️ once, each whole on its line */
    assert_true(emoji >= 7);
    if (last_solid < 3)
        fail_msg("%s: the last line holds %zu characters besides marks (孤字)", size, last_solid);
    SDL_FreeSurface(png);
    mj_free(doc);
    free(json);
}

static void test_emoji_in_colour_and_whole(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        check_size(sizes[i]);
}

/* `check` finds a glyph for each emoji sequence (a colour font is installed). */
static void test_check_finds_emoji(void **state)
{
    (void)state;
    sh("%s check tests/data/emoji.yaml > " OUT "-check.txt 2>&1 || true", bin());
    char *out = slurp(OUT "-check.txt");
    if (strstr(out, "no glyph"))
        fail_msg("check: %s", out);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_emoji_in_colour_and_whole),
        cmocka_unit_test(test_check_finds_emoji),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
