/* fuzz_video.c - libFuzzer harness: any bytes (mutated MP4 and MPEG-TS headers from the seeds)
 * as a video file, through what check and the player do first with a film: the container named
 * by its bytes, the refusal's words for what is not a film, and the probe (libmpv opening the
 * file, its first frame decoded and drawn), in this process, so a library abort is a crash
 * found here rather than a slide lost on a board. */
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#include "film/videocontainer.h"
#include "film/videofile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    static unsigned n;
    if (!path[0])
        setlocale(LC_NUMERIC, "C");
    /* a new name each time: the probe's cache is keyed by name, size and time */
    snprintf(path, sizeof path, "/tmp/hb-fuzz-video-%d-%u", (int)getpid(), n++ % 64);
    FILE *f = fopen(path, "wb");
    if (!f)
        return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    const char *name;
    (void)video_sniff_other(path, &name);
    if (video_sniff(path)) {
        struct video_info in;
        char err[512];
        (void)video_probe(path, &in, err, sizeof err);
    }
    unlink(path);
    return 0;
}
