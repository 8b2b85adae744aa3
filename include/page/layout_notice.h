/* layout_notice.h - the notice's design (layout_notice.c, 通知 and 公告 after GB/T 9704 habits)
 * for portrait, landscape and wide screens; a strip runs it as text (layout_strip.c). Internal
 * to the layout. */
#ifndef HB_LAYOUT_NOTICE_H
#define HB_LAYOUT_NOTICE_H

#include "page/layout_place.h"

void layout_notice(struct place_ctx *c, const struct slide *s);

#endif
