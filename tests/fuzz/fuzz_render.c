/* fuzz_render.c - libFuzzer harness for the property "whatever `check` accepts, `render`
 * completes": any bytes as a playlist file (beside a photo, an emblem and a broken picture, so
 * media paths can resolve), judged exactly as `check` judges it (validate_playlist_file with
 * images decoded and glyphs checked); when that finds no error, every page of every slide is
 * made through the page path render and the player share (content_load, prepare_make) at
 * 1920x1080, 1080x1920, 768x384, 1536x192 or 512x64 (picked from the input's length), and each must
 * come back with pixels. A page without pixels, a crash, hang, abort or sanitizer report is a
 * finding. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "page/advice.h"
#include "model/content.h"
#include "page/fonts.h"
#include "page/prepare.h"
#include "base/util.h"
#include "model/validate.h"
#include "model/videoprobe.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], path[96];
static struct page_maker *maker;

static void copy_file(const char *from, const char *to)
{
    size_t n;
    char *b = file_read_all(from, &n);
    FILE *f = fopen(to, "wb");
    if (!b || !f || fwrite(b, 1, n, f) != n)
        abort();
    fclose(f);
    free(b);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    SDL_Init(0);
    snprintf(dir, sizeof dir, "build/fuzz/render-%d", (int)getpid());
    char photos[128];
    snprintf(photos, sizeof photos, "%s/photos", dir);
    if (path_mkdirs(photos) < 0)
        abort();
    static const char *const files[][2] = {
        {"tests/data/pages/photos/yu.jpg", "yu.jpg"},
        {"tests/data/pages/photos/emblem.png", "emblem.png"},
        {"tests/data/photos/broken.jpg", "broken.jpg"},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char to[192];
        snprintf(to, sizeof to, "%s/%s", photos, files[i][1]);
        copy_file(files[i][0], to);
    }
    snprintf(path, sizeof path, "%s/fuzz.yaml", dir);
    maker = prepare_maker_create();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 65536)
        return 0;
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    /* check */
    struct diag d = {0};
    struct validate_opts o = {.decode_images = true,
                              .glyphs = &fonts_glyph_checker,
                              .advise = advice_check,
                              .probe_video = videoprobe_slide};
    struct playlist *pl = validate_playlist_file(path, &o, &d);
    bool accepted = pl && d.errors == 0;
    playlist_free(pl);
    diag_free(&d);
    if (!accepted)
        return 0;
    /* render */
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {768, 384}, {1536, 192}, {512, 64}};
    int w = sizes[size % 5][0], h = sizes[size % 5][1];
    struct diag d2 = {0};
    struct content *c = content_load(path, &d2);
    diag_free(&d2);
    for (size_t item = 0; item < c->nitems; item++) {
        if (c->items[item].slide < 0)
            abort(); /* check accepted it, so it must play */
        int npages = 1;
        for (int pg = 0; pg < npages && pg < 64; pg++) {
            struct prepared *r = prepare_make(maker, c, (int)item, pg, w, h);
            if (!r->surf) {
                fprintf(stderr,
                        "fuzz_render: check accepted it, but slide %zu page %d has no "
                        "pixels: %s\n",
                        item + 1, pg + 1, r->skip_reason ? r->skip_reason : "?");
                abort();
            }
            npages = r->npages;
            prepared_free(r);
        }
    }
    content_unref(c);
    return 0;
}
