/* bench_tool.c - `make bench` / `make soak` helper.
 *   bench_tool gen-jpeg OUT.jpg W H [O]  a photo-like JPEG (gradients, shapes, grain); with
 *                                        O, an EXIF orientation tag O (6: shot upright, as a
 *                                        phone held upright stores it)
 *   bench_tool prepare PATH W H REPEAT   median ms to prepare item 1 of PATH for a WxH screen
 *                                        (decode, scale, lay out, paint: what the worker does)
 *   bench_tool dlopen-rss LIB            KiB of resident memory loading LIB adds to a process
 *                                        that already has honorboard's own libraries (libmpv:
 *                                        the floor a film puts under the player's memory) */
#include <dlfcn.h>
#include <SDL_image.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/content.h"
#include "page/prepare.h"
#include "base/util.h"

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Puts an EXIF APP1 with the orientation tag o right after the JPEG's SOI. 0, or -1. */
static int add_orientation(const char *path, int o)
{
    size_t len = 0;
    char *jpg = file_read_all(path, &len);
    FILE *f = jpg && len > 2 ? fopen(path, "wb") : NULL;
    if (!f) {
        free(jpg);
        return -1;
    }
    unsigned char app1[] = {
        0xFF, 0xE1, 0x00, 0x22, 'E',  'x',  'i',  'f',  0,    0, /* 34 bytes */
        'I',  'I',  0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,          /* IFD0 at 8 */
        0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, (unsigned char)o,
        0,    0,    0,    0x00, 0x00, 0x00, 0x00};
    int rc = fwrite(jpg, 1, 2, f) == 2 && fwrite(app1, 1, sizeof app1, f) == sizeof app1 &&
                     fwrite(jpg + 2, 1, len - 2, f) == len - 2
                 ? 0
                 : -1;
    free(jpg);
    return fclose(f) == 0 ? rc : -1;
}

int main(int argc, char **argv)
{
    if ((argc == 5 || argc == 6) && strcmp(argv[1], "gen-jpeg") == 0) {
        int w = atoi(argv[3]), h = atoi(argv[4]);
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!s)
            return 2;
        uint32_t *px = s->pixels, seed = 1;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                double fx = (double)x / w, fy = (double)y / h;
                double r = 120 + 100 * sin(fx * 5 + fy * 2), g = 110 + 90 * cos(fy * 6 - fx),
                       b = 140 + 80 * sin((fx + fy) * 9);
                double dx = fx - 0.5, dy = fy - 0.45;
                if (dx * dx * 3 + dy * dy * 2 < 0.04) /* a face-sized blob */
                    r = 225, g = 185, b = 150;
                seed = seed * 1664525u + 1013904223u;
                int n = (int)(seed >> 27) - 16; /* grain */
                int R = (int)fmin(255, fmax(0, r + n)), G = (int)fmin(255, fmax(0, g + n)),
                    B = (int)fmin(255, fmax(0, b + n));
                px[y * (s->pitch / 4) + x] = 0xFF000000u | (uint32_t)(R << 16 | G << 8 | B);
            }
        int rc = IMG_SaveJPG(s, argv[2], 90);
        SDL_FreeSurface(s);
        if (rc == 0 && argc == 6)
            rc = add_orientation(argv[2], atoi(argv[5]));
        return rc == 0 ? 0 : 2;
    }
    if (argc == 6 && strcmp(argv[1], "prepare") == 0) {
        struct diag d = {0};
        struct content *c = content_load(argv[2], &d);
        int w = atoi(argv[3]), h = atoi(argv[4]), n = atoi(argv[5]);
        double *t = xcalloc((size_t)n, sizeof *t);
        for (int i = 0; i < n; i++) {
            double t0 = now_seconds();
            struct prepared *p = prepare_page(c, 0, 0, w, h);
            t[i] = (now_seconds() - t0) * 1000;
            if (!p->surf) {
                fprintf(stderr, "bench_tool: %s\n", p->skip_reason ? p->skip_reason : "failed");
                return 2;
            }
            prepared_free(p);
        }
        qsort(t, (size_t)n, sizeof *t, cmp_d);
        printf("%.1f\n", t[n / 2]);
        free(t);
        prepare_cleanup();
        content_unref(c);
        diag_free(&d);
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "dlopen-rss") == 0) {
        long before = hb_rss_kb();
        void *h = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
        if (!h) {
            fprintf(stderr, "bench_tool: %s\n", dlerror());
            return 2;
        }
        printf("%ld\n", hb_rss_kb() - before);
        return 0;
    }
    fprintf(
        stderr,
        "usage: bench_tool gen-jpeg OUT W H [ORIENTATION] | prepare PATH W H REPEAT | dlopen-rss "
        "LIB\n");
    return 2;
}
