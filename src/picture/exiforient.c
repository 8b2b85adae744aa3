/* exiforient.c - the EXIF orientation of a photo (libexif), from its file or its bytes. */
#include "picture/exiforient.h"

#include <libexif/exif-data.h>
#include <stdint.h>

/* The orientation tag (1..8) of parsed EXIF data, 1 when absent or odd; takes ed. */
static int orientation_of(ExifData *ed)
{
    if (!ed)
        return 1;
    int o = 1;
    ExifEntry *e = exif_data_get_entry(ed, EXIF_TAG_ORIENTATION);
    if (e && e->format == EXIF_FORMAT_SHORT && e->components == 1) {
        o = exif_get_short(e->data, exif_data_get_byte_order(ed));
        if (o < 1 || o > 8)
            o = 1;
    }
    exif_data_unref(ed);
    return o;
}

int images_exif_orientation(const char *path)
{
    return orientation_of(exif_data_new_from_file(path));
}

/* EXIF orientation (1..8) from a JPEG already in memory, 1 when absent. */
int exif_orientation_mem(const unsigned char *buf, size_t len)
{
    return orientation_of(
        exif_data_new_from_data(buf, (unsigned int)(len > UINT32_MAX ? UINT32_MAX : len)));
}
