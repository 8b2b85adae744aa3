/* exiforient.h - the EXIF orientation (1..8) of a photo (exiforient.c): 1 when absent or odd. */
#ifndef HB_EXIFORIENT_H
#define HB_EXIFORIENT_H

#include <stddef.h>

int images_exif_orientation(const char *path);
/* The same from a JPEG already in memory. */
int exif_orientation_mem(const unsigned char *buf, size_t len);

#endif
