/* bench_pango.c - `make bench` helper: Pango's typesetting of the same story text in-process,
 * the counterpart of `bench_typeset TEXT WIDTH PX OUT REPEAT`: a new PangoLayout each round
 * (Noto Sans CJK SC at px, width, justified, 2 em indent, 1.6 em line pitch, word-char wrap),
 * shaped, broken and rasterised with cairo into an ARGB image made once and cleared untimed;
 * the fonts stay loaded between rounds, as honorboard's do. Prints the best round in ms.
 * usage: bench_pango TEXTFILE WIDTH_PX FONT_PX REPEAT [OUT.png] */
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    size_t got = fread(s, 1, (size_t)n, f);
    s[got] = 0;
    fclose(f);
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: bench_pango TEXTFILE WIDTH_PX FONT_PX REPEAT [OUT.png]\n");
        return 2;
    }
    char *text = read_all(argv[1]);
    int width = atoi(argv[2]), repeat = atoi(argv[4]);
    double px = atof(argv[3]);
    if (!text || width <= 0 || px <= 0 || repeat <= 0)
        return 2;
    PangoFontMap *map = pango_cairo_font_map_get_default();
    PangoContext *ctx = pango_font_map_create_context(map);
    pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
    PangoFontDescription *fd = pango_font_description_from_string("Noto Sans CJK SC");
    pango_font_description_set_absolute_size(fd, px * PANGO_SCALE);
    double best = 1e9;
    cairo_surface_t *surf = NULL;
    for (int i = 0; i < repeat; i++) {
        /* the page is made and cleared outside the timed part, as in bench_typeset */
        if (surf) {
            cairo_t *cl = cairo_create(surf);
            cairo_set_source_rgb(cl, 1, 1, 1);
            cairo_paint(cl);
            cairo_destroy(cl);
        }
        double t0 = now_ms();
        PangoLayout *lay = pango_layout_new(ctx);
        pango_layout_set_font_description(lay, fd);
        pango_layout_set_width(lay, width * PANGO_SCALE);
        pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_justify(lay, TRUE);
        pango_layout_set_indent(lay, (int)(2 * px * PANGO_SCALE));
        pango_layout_set_line_spacing(lay, 1.6f / 1.448f); /* 1.6 em: Noto's line is 1.448 em */
        pango_layout_set_text(lay, text, -1);
        int w = 0, h = 0;
        pango_layout_get_pixel_size(lay, &w, &h);
        double made = 0;
        if (!surf || cairo_image_surface_get_height(surf) < h + 1) {
            double m0 = now_ms();
            if (surf)
                cairo_surface_destroy(surf);
            surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, h + 1);
            cairo_t *cl = cairo_create(surf);
            cairo_set_source_rgb(cl, 1, 1, 1);
            cairo_paint(cl);
            cairo_destroy(cl);
            made = now_ms() - m0;
        }
        cairo_t *cr = cairo_create(surf);
        cairo_set_source_rgb(cr, 0, 0, 0);
        pango_cairo_update_context(cr, ctx);
        pango_cairo_show_layout(cr, lay);
        cairo_destroy(cr);
        g_object_unref(lay);
        double t = now_ms() - t0 - made;
        if (t < best)
            best = t;
    }
    if (argc > 5)
        cairo_surface_write_to_png(surf, argv[5]);
    printf("%.3f\n", best);
    cairo_surface_destroy(surf);
    pango_font_description_free(fd);
    g_object_unref(ctx);
    free(text);
    return 0;
}
