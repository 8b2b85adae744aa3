/* videocontainer.c - which container a video file is, by its first bytes, and the demuxer
 * that reads it. Below video.c (which forces mpv's demuxer with it) and videofile.c. */
#include "film/videocontainer.h"

#include <stdio.h>
#include <string.h>

/* Containers we open, by their first bytes, and the demuxer that reads them. */
struct container {
    const char *name;
    const char *demuxer, *lavf_format; /* mpv --demuxer, --demuxer-lavf-format */
};
/* lavf's mpegts demuxer reads the 192-byte packets of M2TS as well */
// clang-format off
static const struct container containers[] = {
    {"mp4", "lavf", "mov"},
    {"matroska", "mkv", NULL},
    {"avi", "lavf", "avi"},
    {"mpegts", "lavf", "mpegts"},
    {"m2ts", "lavf", "mpegts"},
};
// clang-format on

static const struct container *sniff(const unsigned char *b, size_t n)
{
    if (n >= 12 && memcmp(b + 4, "ftyp", 4) == 0)
        return &containers[0];
    if (n >= 4 && b[0] == 0x1A && b[1] == 0x45 && b[2] == 0xDF && b[3] == 0xA3)
        return &containers[1];
    if (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "AVI ", 4) == 0)
        return &containers[2];
    if (n >= 377 && b[0] == 0x47 && b[188] == 0x47 && b[376] == 0x47)
        return &containers[3];
    /* BDAV / AVCHD (camcorders' .m2ts, .MTS): each 188-byte packet after a 4-byte time code */
    if (n >= 389 && b[4] == 0x47 && b[196] == 0x47 && b[388] == 0x47)
        return &containers[4];
    return NULL;
}

static const struct container *sniff_file(const char *path)
{
    unsigned char b[400];
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    return sniff(b, n);
}

const char *video_sniff(const char *path)
{
    const struct container *c = sniff_file(path);
    return c ? c->name : NULL;
}

bool video_demuxer_for(const char *path, const char **demuxer, const char **lavf_format)
{
    const struct container *c = sniff_file(path);
    if (!c)
        return false;
    *demuxer = c->demuxer;
    *lavf_format = c->lavf_format;
    return true;
}
