/* bench_typeset.c - `make bench` helper: lays out and rasterises one story text at a given width
 * with honorboard's typesetter (the same code a story page uses), then writes a PNG, so it can be
 * timed as a whole process next to pango-view doing the same job. With REPEAT, prints the best
 * round's typesetting time in ms (the page made once, cleared untimed), for bench_pango.
 * usage: bench_typeset TEXTFILE WIDTH_PX FONT_PX OUT.png [REPEAT] */
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

#include "page/draw.h"
#include "page/fonts.h"
#include "page/layout.h"
#include "text/textlayout.h"
#include "base/util.h"

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: bench_typeset TEXTFILE WIDTH_PX FONT_PX OUT.png [REPEAT]\n");
        return 2;
    }
    char *text = file_read_all(argv[1], NULL);
    double width = atof(argv[2]), px = atof(argv[3]);
    int repeat = argc > 5 ? atoi(argv[5]) : 1;
    char err[256];
    struct fonts *f = fonts_create(NULL, err, sizeof err);
    if (!text || !f) {
        fprintf(stderr, "bench_typeset: %s\n", f ? "cannot read text" : err);
        return 2;
    }
    struct tl_measure m = fonts_measure(f, FONT_REGULAR);
    struct tl_params p = tl_default_params();
    double best = 1e9;
    SDL_Surface *s = NULL;
    for (int i = 0; i < repeat; i++) {
        /* the page is made and cleared outside the timed part (bench_pango does the same):
         * what is timed is typesetting - shaping, breaking, justifying, rasterising glyphs */
        if (s)
            SDL_FillRect(s, NULL, 0xFFFFFFFFu);
        double t0 = now_seconds();
        struct tl_result *r = tl_layout(text, px, width, 0, &p, &m);
        int h = (int)(r->nlines * r->line_h + 1);
        double t_made = 0;
        if (!s || s->h < h) {
            double m0 = now_seconds();
            if (s)
                SDL_FreeSurface(s);
            s = SDL_CreateRGBSurfaceWithFormat(0, (int)width, h, 32, SDL_PIXELFORMAT_ARGB8888);
            SDL_FillRect(s, NULL, 0xFFFFFFFFu);
            t_made = now_seconds() - m0;
        }
        struct element e = {
            .role = "body", .kind = EL_TEXT, .w = width, .h = h, .tl = r, .color = {0, 0, 0, 255}};
        draw_text_element(s, &e, f);
        tl_result_free(r);
        double t = now_seconds() - t0 - t_made;
        if (t < best)
            best = t;
    }
    /* an opaque page: save it as RGB, like pango-view's cairo output */
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
    IMG_SavePNG(rgb ? rgb : s, argv[4]);
    SDL_FreeSurface(rgb);
    SDL_FreeSurface(s);
    if (repeat > 1)
        printf("%.3f\n", best * 1000);
    fonts_destroy(f);
    free(text);
    return 0;
}
