/* videocontainer.h - which container a video file is, by its first bytes (videocontainer.c). */
#ifndef HB_VIDEOCONTAINER_H
#define HB_VIDEOCONTAINER_H

#include <stdbool.h>

/* The demuxer (and lavf format, or NULL) mpv must use for path's container, named by its first
 * bytes (static strings); false when it is none we open. */
bool video_demuxer_for(const char *path, const char **demuxer, const char **lavf_format);

/* Names the container by the file's first bytes: "mp4", "matroska", "avi", "mpegts", "m2ts"
 * (camcorders' BDAV/AVCHD streams), or NULL
 * for anything else (a sound file, a photo, a playlist). Static strings. */
const char *video_sniff(const char *path);

#endif
