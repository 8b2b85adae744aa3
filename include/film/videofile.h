/* videofile.h - a video file rather than a playing clip (videofile.c): its size and length,
 * probed once per file version, and still frames for posters. */
#ifndef HB_VIDEOFILE_H
#define HB_VIDEOFILE_H

#include <stddef.h>
#include <stdint.h>

#include "film/video.h" /* struct video_info */

/* The size a clip shows at and its length, through video_open (cached per path and file
 * time). 0 ok, -1 when it cannot be opened. */
int video_probe(const char *path, struct video_info *out, char *err, size_t errlen);

/* A frame at `at` seconds for posters (render, contact sheet): w x h pixels as video_pixels()
 * describes them, the whole frame fitted to the box. Caller frees with free(). */
uint32_t *video_frame_at(const char *path, double at, int w, int h, char *err, size_t errlen);

#endif
