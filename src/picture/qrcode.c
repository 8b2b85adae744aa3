/* qrcode.c - QR code modules from libqrencode: 8-bit data (a link or Chinese text as UTF-8) at
 * error correction level M, the smallest version that holds it, up to QRCODE_MAX_VERSION. */
#include "picture/qrcode.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

int qrcode_make(const char *text, int *size, unsigned char **mods)
{
    *size = 0, *mods = NULL;
    if (!text || !*text)
        return -1;
    QRcode *q = QRcode_encodeData((int)strlen(text), (const unsigned char *)text, 0, QR_ECLEVEL_M);
    if (!q)
        return -1;
    if (q->version > QRCODE_MAX_VERSION) {
        QRcode_free(q);
        return -1;
    }
    size_t n = (size_t)q->width * (size_t)q->width;
    unsigned char *m = malloc(n);
    if (!m) {
        QRcode_free(q);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        m[i] = q->data[i] & 1; /* the low bit is the module's colour */
    *size = q->width, *mods = m;
    QRcode_free(q);
    return 0;
}

int qrcode_size(const char *text)
{
    int size;
    unsigned char *m;
    if (qrcode_make(text, &size, &m) < 0)
        return 0;
    free(m);
    return size;
}
