/* qrcode.h - a text as the modules of a QR code (libqrencode, error correction level M), the one
 * place honorboard makes QR codes: `qr:` on a slide. Versions above QRCODE_MAX_VERSION are
 * refused: their modules get too small to scan from across a lobby. */
#ifndef HB_QRCODE_H
#define HB_QRCODE_H

#include <stddef.h>

/* Version 10 (57 modules a side) at level M: 213 bytes of a link or text. */
#define QRCODE_MAX_VERSION 10

/* The modules of text's QR code: *size modules a side, (*mods)[y * size + x] is 1 for a dark
 * module. Returns 0, or -1 when text is empty or does not fit QRCODE_MAX_VERSION. Caller frees
 * *mods. The quiet zone (4 modules each side) is not included: the painter leaves it. */
int qrcode_make(const char *text, int *size, unsigned char **mods);
/* Modules a side text's QR code has, 0 when it does not fit. */
int qrcode_size(const char *text);

#endif
