/* layout_types.c - what layout makes (layout_types.h): freeing a slide's layout, and how much
 * a picture is enlarged in its box. */
#include "page/layout_types.h"
#include "base/i18n.h"
#include "base/util.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

void layout_free(struct slide_layout *l)
{
    if (!l)
        return;
    /* A body's tl_result is shared by its elements on every page: free each result once. */
    struct tl_result **seen = NULL;
    size_t nseen = 0, cap = 0;
    for (int p = 0; p < l->npages; p++) {
        struct page_layout *pg = &l->pages[p];
        for (size_t i = 0; i < pg->n; i++) {
            struct element *e = &pg->els[i];
            for (size_t k = 0; k < e->nlines; k++)
                free(e->lines[k].text), free(e->lines[k].adv), free(e->lines[k].gid);
            free(e->lines);
            if (e->tl) {
                bool dup = false;
                for (size_t k = 0; k < nseen; k++)
                    dup |= seen[k] == e->tl;
                if (!dup) {
                    if (nseen == cap)
                        seen = xrealloc(seen, (cap = cap ? cap * 2 : 16) * sizeof *seen);
                    seen[nseen++] = e->tl;
                }
            }
        }
        free(pg->els);
    }
    for (size_t k = 0; k < nseen; k++)
        tl_result_free(seen[k]);
    free(seen);
    free(l->pages);
    free(l);
}

double layout_enlargement(int iw, int ih, double w, double h, enum fit_mode fit)
{
    if (iw <= 0 || ih <= 0)
        return 0;
    double sx = w / iw, sy = h / ih;
    return fit == FIT_CONTAIN ? fmin(sx, sy) : fmax(sx, sy);
}

const char *place_enlarged_warning(void)
{
    return _("photo enlarged more than 1.5 times: it will look blurred");
}
