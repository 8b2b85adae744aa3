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

/* A file that is not a film we open, by its bytes, so a refusal can say what it is. */
enum video_other {
    VIDEO_OTHER_NONE,    /* nothing known (or unreadable) */
    VIDEO_OTHER_EMPTY,   /* 0 bytes */
    VIDEO_OTHER_PICTURE, /* a photo renamed .mp4: *name "JPEG", "PNG", ... */
    VIDEO_OTHER_FILM,    /* a film in a container we do not open: "WMV (Windows Media)", ... */
    VIDEO_OTHER_DOCUMENT /* "PDF", ... */
};
enum video_other video_sniff_other(const char *path, const char **name);

#endif
