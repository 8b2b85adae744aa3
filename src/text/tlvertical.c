/* tlvertical.c - vertical text (竖排) over the horizontal typesetter: see tlvertical.h.
 *
 * A column is measured like a line: an upright Han character or mark advances 1 em down the
 * column as it advances 1 em along a line, its half-width form ½ em either way (the font's
 * 'vhal' matches 'halt'), and a word laid sideways takes down the column exactly its width
 * along a line. So the typesetter breaks columns with its own rules unchanged; only the box is
 * turned: line length = box height, the stack of lines = box width, read right to left. */
#include "text/tlvertical.h"
#include "text/textlayout.h"

struct tl_result *tl_vertical_fit(const char *text, double min_px, double max_px, double box_w,
                                  double box_h, const struct tl_params *p,
                                  const struct tl_measure *m)
{
    struct tl_result *r = tl_fit(text, min_px, max_px, box_h, box_w, p, m);
    /* keep the box as it stands on the page: box_w across the columns, box_h down them */
    r->box_w = box_w, r->box_h = box_h;
    return r;
}

double tl_column_left(const struct tl_result *r, const struct tl_line *l, double box_w)
{
    return box_w - l->y - r->line_h;
}

bool tl_vertical_upright(uint32_t cp)
{
    if (tl_is_wide(cp))
        return true;
    /* emoji and the pieces of emoji sequences stay upright with the emoji they belong to */
    return cp >= 0x1F000 || (cp >= 0x2600 && cp < 0x27C0) || cp == 0x200D || cp == 0xFE0F ||
           (cp >= 0xE0020 && cp <= 0xE007F) || cp == 0x20E3 || (cp >= 0x2E80 && cp < 0xA000);
}
