/* fuzz_playlist.c - libFuzzer harness: any bytes as a playlist file, through the loader and
 * the validator (paths resolve inside an empty folder, so only the rules run). */
#include <stddef.h>
#include <stdint.h>

#include "model/playlist.h"
#include "page/policy.h"
#include "model/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diag d = {0};
    struct playlist *pl = playlist_parse("build/fuzz-empty/x.yaml", (const char *)data, size, &d);
    if (pl) {
        struct validate_opts o = {.decode_images = false};
        validate_playlist(pl, &o, &d);
        for (size_t i = 0; i < pl->nslides; i++)
            (void)policy_slide_duration(pl, &pl->slides[i]);
    }
    playlist_free(pl);
    diag_free(&d);
    return 0;
}
