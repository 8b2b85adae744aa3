/* judge_preview.h - the stick's preview sheets after an import (judge_preview.c). */
#ifndef HB_JUDGE_PREVIEW_H
#define HB_JUDGE_PREVIEW_H

#include "store/store.h"

/* The stick's preview sheets (stickpreview_write()) onto the stick: those the import's checker
 * drew after its verdict (policy sheets_w/h; res->sheets, removed here) when they are for what
 * became of the import, else drawn now by a confined child of their own, since they show what
 * could be read on the stick: it may read src and res->bundle, and write only the stick's
 * honorboard folder. Best effort: 0, or -1 when the child failed (said on stderr). */
int judge_preview(const char *src, const struct store_result *res, int w, int h);

#endif
