/* mpvlib.h - libmpv loaded on first use (mpvlib.c): video.c calls the mpv_* functions of
 * <mpv/client.h> and <mpv/render.h> as usual; they are defined in mpvlib.c and forward to the
 * library, which is loaded the first time one is called. */
#ifndef HB_MPVLIB_H
#define HB_MPVLIB_H

#include <stdbool.h>

/* Loads libmpv now, if it is not loaded yet: the checker does before its sandbox forbids
 * mapping code. False when it cannot be loaded (then no clip opens: mpv_create() returns NULL
 * and mpv_error_string() says why). Thread-safe. */
bool mpvlib_load(void);

/* mpvlib_load(), and every piece of code a clip's demuxers map on first use is mapped now (the
 * MPEG-TS demuxer's character set converters): for a process about to be confined so that it
 * can map no code (sandbox.c allows mmap only without PROT_EXEC). */
bool mpvlib_load_for_confinement(void);

#endif
