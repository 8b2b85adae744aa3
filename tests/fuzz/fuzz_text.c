/* fuzz_text.c - libFuzzer harness: any text through typesetting, layout and drawing, at
 * 1920x1080, 1080x1920 and 768x384 (software surfaces; SDL's dummy video driver).
 *
 * The first byte picks the screen size, the slide type (story, text, roll, photo caption) and how
 * the rest is read: as UTF-8 (invalid sequences repaired to U+FFFD, as the loader refuses them)
 * or structured, two bytes per code point from a table of the characters that break text
 * engines (regional indicators, ZWJ, emoji modifiers, variation selectors, combining marks, bidi
 * controls, private use, unassigned, line and paragraph separators) or anywhere in any plane.
 * '\n' splits the text into the slide's fields (title, name, text, people). Every page is laid
 * out and drawn; a crash, hang, abort or sanitizer report is a finding. */
#include <SDL.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "page/draw.h"
#include "page/fonts.h"
#include "page/layout.h"
#include "model/playlist.h"
#include "base/util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fonts *fonts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(0);
    char err[256];
    fonts = fonts_create(NULL, err, sizeof err);
    if (!fonts)
        abort(); /* no font: nothing to fuzz */
    return 0;
}

static const uint32_t special[] = {
    0x1F1E8, 0x1F1F3, 0x1F1FA, 0x1F1F8, 0x200D,  0x200C,  0x200B,  0x2060,  0xFEFF,  0xFE0F,
    0xFE0E,  0xE0100, 0xE01EF, 0x1F3FB, 0x1F3FF, 0x1F44D, 0x1F468, 0x1F469, 0x2764,  0x20E3,
    0x0301,  0x0302,  0x0489,  0x1AB0,  0x202A,  0x202B,  0x202C,  0x202D,  0x202E,  0x2066,
    0x2067,  0x2068,  0x2069,  0x200E,  0x200F,  0x061C,  0xE000,  0xF8FF,  0xF0000, 0x10FFFD,
    0x0378,  0xFFFE,  0xFFFF,  0x2028,  0x2029,  0x0085,  0x000B,  0x00AD,  0x3000,  0x3001,
    0x3002,  0xFF0C,  0x201C,  0x201D,  0x2014,  0x2026,  0x4E2D,  0x56FD,  0x20000, 0x2A6D6,
    0x30000, 0x0E01,  0x0E31,  0x1100,  0x1161,  0xAC00,  0x0627,  0x05D0,  0x0020,  0x00A0,
    'a',     '1',     '.',     ',',     '\n',    0xFFFC,  0xFFFD,  0x1D11E,
};

/* The fuzz input as valid UTF-8 (NUL-free). Caller frees. */
static char *text_of(const uint8_t *d, size_t n, bool structured)
{
    struct strbuf b = {0};
    if (!structured) {
        size_t len;
        for (size_t i = 0; i < n; i += len) {
            uint32_t cp = utf8_decode((const char *)d + i, n - i, &len);
            if (len == 0)
                len = 1;
            if (cp == 0 || cp == 0xFFFFFFFFu || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
                cp = 0xFFFD;
            char u[4];
            sb_add(&b, u, utf8_encode(cp, u));
        }
    } else {
        for (size_t i = 0; i + 1 < n; i += 2) {
            uint32_t cp =
                d[i] & 0x80
                    ? special[((d[i] & 0x7F) << 8 | d[i + 1]) % (sizeof special / sizeof *special)]
                    : (uint32_t)(d[i] % 17) << 16 | (uint32_t)d[i + 1] << 8 | d[i + 1];
            if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
                cp = 0x4E00;
            char u[4];
            sb_add(&b, u, utf8_encode(cp, u));
        }
    }
    return b.s ? b.s : xstrdup("");
}

/* The next '\n'-separated field of *p (NULL when none is left; empty fields become "字"). */
static char *field(char **p)
{
    if (!*p)
        return NULL;
    char *s = *p, *nl = strchr(s, '\n');
    if (nl) {
        *nl = '\0';
        *p = nl + 1;
    } else {
        *p = NULL;
    }
    return *s ? s : (char *)"字";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {768, 384}};
    uint8_t mode = data[0];
    int w = sizes[mode % 3][0], h = sizes[mode % 3][1];
    enum slide_type type = (enum slide_type)((mode / 3) % 4);
    bool structured = mode & 0x80;
    char *all = text_of(data + 1, size - 1, structured);
    char *rest = all;
    struct playlist pl = {.path = (char *)"fuzz.yaml",
                          .dir = (char *)".",
                          .version = 1,
                          .theme = playlist_default_theme,
                          .duration = 10};
    struct slide s = {.type = type,
                      .index = 1,
                      .focus_x = 0.5,
                      .focus_y = 0.3,
                      .align = (enum text_align)(mode % 4),
                      .transition = -1};
    pl.title = field(&rest);
    pl.subtitle = field(&rest);
    s.title = field(&rest);
    s.subtitle = field(&rest);
    s.name = field(&rest);
    s.unit = field(&rest);
    s.honor = field(&rest);
    s.caption = field(&rest);
    s.text = rest ? rest : (char *)"正文";
    struct person people[16];
    size_t np = 0;
    if (type == SLIDE_ROLL) { /* the rest: one person a line */
        char *r = rest;
        while (r && np < 16) {
            char *name = field(&r);
            people[np] = (struct person){.name = name,
                                         .honor = field(&r),
                                         .unit = field(&r),
                                         .focus_x = 0.5,
                                         .focus_y = 0.3};
            np++;
        }
        s.people = people;
        s.npeople = np;
        s.text = NULL;
    }
    pl.slides = &s;
    pl.nslides = 1;
    struct layout_env env = draw_layout_env(fonts);
    struct slide_layout *l = layout_slide(&pl, &s, w, h, &env);
    for (int pg = 0; pg < l->npages; pg++) {
        char err[256];
        SDL_Surface *surf = draw_page(l, pg, fonts, err, sizeof err);
        if (!surf)
            abort(); /* a page that cannot be drawn is a finding */
        SDL_FreeSurface(surf);
    }
    layout_free(l);
    free(all);
    return 0;
}
