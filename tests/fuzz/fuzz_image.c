/* fuzz_image.c - libFuzzer harness: any bytes as a photo file, through the checks an import
 * runs (type by bytes, header limits, a strict decode), the header-only size probe, and the
 * cut-down an import stores (jpegcut.c: a scaled decode into planes, the EXIF turn of each
 * plane, the thumbnail's box filter and its conversion for the preview). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "picture/images.h"
#include "picture/jpegcut.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/hb-fuzz-image-%d", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    int w, h;
    char err[512];
    if (images_probe(path, &w, &h, err, sizeof err) == 0)
        (void)images_check(path, &w, &h, err, sizeof err);
    struct jpegcut_result r; /* a small side: every JPEG of 16 pixels or more is cut */
    if (jpegcut_run(path, data, size, 16, true, 8, &r, err, sizeof err) == 0) {
        SDL_FreeSurface(jpegcut_planes_surface(&r.thumb));
        jpegcut_result_free(&r);
    }
    return 0;
}
