/* emojiline.h - for the pixel tests: a line made only of colour emoji is drawn in the emoji's own
 * colours, so "ink of the element's colour" becomes "any ink" for it. */
#ifndef HB_TEST_EMOJILINE_H
#define HB_TEST_EMOJILINE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/util.h"
#include "text/graphemes.h"

/* True when the line is all colour emoji and spaces (drawn in the emoji's own colours). */
static inline bool test_all_emoji(const char *t)
{
    uint32_t cps[256];
    size_t n = 0, len, tl = strlen(t);
    for (size_t i = 0; i < tl && n < 256; i += len)
        cps[n++] = utf8_decode(t + i, tl - i, &len);
    bool any = false;
    for (size_t a = 0, b; a < n; a = b) {
        b = graphemes_next(cps, a, n);
        if (cps[a] == ' ' || cps[a] == 0x3000)
            continue;
        if (!graphemes_is_emoji(cps, a, b))
            return false;
        any = true;
    }
    return any;
}

#endif
