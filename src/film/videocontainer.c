/* videocontainer.c - which container a video file is, by its first bytes, and the demuxer
 * that reads it. Below video.c (which forces mpv's demuxer with it) and videofile.c. */
#include "film/videocontainer.h"
#include "base/i18n.h"

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

/* An ISO file whose brand says it is a still picture (HEIC, AVIF), not a film. */
static bool picture_brand(const unsigned char *b, size_t n)
{
    static const char *const brands[] = {"heic", "heix", "mif1", "msf1", "avif", "heim", "heis"};
    for (size_t i = 0; n >= 12 && i < sizeof brands / sizeof *brands; i++)
        if (memcmp(b + 8, brands[i], 4) == 0)
            return true;
    return false;
}

static const struct container *sniff(const unsigned char *b, size_t n)
{
    if (n >= 12 && memcmp(b + 4, "ftyp", 4) == 0 && !picture_brand(b, n))
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

static size_t head(const char *path, unsigned char *b, size_t cap)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(b, 1, cap, f);
    fclose(f);
    return n;
}

static const struct container *sniff_file(const char *path)
{
    unsigned char b[400];
    return sniff(b, head(path, b, sizeof b));
}

/* Files that are not films we open, by their first bytes: what to call them. */
static const struct other {
    const char *magic;
    size_t off, len;
    enum video_other kind;
    const char *name;
} others[] = {
    {"\xFF\xD8\xFF", 0, 3, VIDEO_OTHER_PICTURE, "JPEG"},
    {"\x89PNG", 0, 4, VIDEO_OTHER_PICTURE, "PNG"},
    {"GIF8", 0, 4, VIDEO_OTHER_PICTURE, "GIF"},
    {"BM", 0, 2, VIDEO_OTHER_PICTURE, "BMP"},
    {"WEBP", 8, 4, VIDEO_OTHER_PICTURE, "WebP"},
    {"\x30\x26\xB2\x75\x8E\x66\xCF\x11", 0, 8, VIDEO_OTHER_FILM, N_("WMV (Windows Media)")},
    {"FLV\x01", 0, 4, VIDEO_OTHER_FILM, N_("FLV (Flash)")},
    {".RMF", 0, 4, VIDEO_OTHER_FILM, N_("RM/RMVB (RealMedia)")},
    {"\x00\x00\x01\xBA", 0, 4, VIDEO_OTHER_FILM, N_("MPEG-PS (VOB, MPG)")},
    {"%PDF", 0, 4, VIDEO_OTHER_DOCUMENT, "PDF"},
    {"PK\x03\x04", 0, 4, VIDEO_OTHER_DOCUMENT, N_("ZIP (or Word/PowerPoint)")},
    {"\xD0\xCF\x11\xE0", 0, 4, VIDEO_OTHER_DOCUMENT, N_("Office (Word/PowerPoint)")},
};

enum video_other video_sniff_other(const char *path, const char **name)
{
    unsigned char b[64];
    size_t n = head(path, b, sizeof b);
    *name = NULL;
    if (n == 0) {
        FILE *f = fopen(path, "rb");
        if (!f)
            return VIDEO_OTHER_NONE;
        fclose(f);
        return VIDEO_OTHER_EMPTY;
    }
    if (n >= 12 && memcmp(b + 4, "ftyp", 4) == 0 && picture_brand(b, n)) {
        *name = "HEIC/AVIF";
        return VIDEO_OTHER_PICTURE;
    }
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        if (n >= others[i].off + others[i].len &&
            memcmp(b + others[i].off, others[i].magic, others[i].len) == 0) {
            *name = _(others[i].name);
            return others[i].kind;
        }
    return VIDEO_OTHER_NONE;
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
