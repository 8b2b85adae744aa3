/* imagefile.h - a photo file before any decoder sees it: read within a limit (plain read(), never
 * a FIFO, a device or a final link), told by its first bytes (JPEG, PNG or neither, whatever its
 * name says) and admitted by its size and header (the pixel limit and the PNG memory budget). */
#ifndef HB_IMAGEFILE_H
#define HB_IMAGEFILE_H

#include <stdbool.h>
#include <stddef.h>

/* At most limit bytes of path (SIZE_MAX: all); *whole: the end was reached. NULL with a message
 * in err. Caller frees. */
unsigned char *imagefile_read_upto(const char *path, size_t limit, size_t *len, bool *whole,
                                   char *err, size_t errlen);
/* The whole file, within the photo file limit. NULL with a message in err. Caller frees. */
unsigned char *imagefile_read(const char *path, size_t *len, char *err, size_t errlen);
/* A PNG's size from its header; -1 when it is not a sound PNG header. */
int imagefile_png_size(const char *path, int *w, int *h);
/* Whether the file's first bytes are a JPEG's. */
bool imagefile_is_jpeg(const char *path);
/* Size and header checks before any decoder runs: 0, or -1 with the reason (to show the author)
 * in err. */
int imagefile_admit(const char *path, char *err, size_t errlen);

#endif
