/* layout_countdown.h - the cards of the day (layout_countdown.c): the countdown (距“春节”还有
 * N 天) and the calendar (today's date, its weekday and optionally its 农历 date). Both read
 * the day from schedule_now() (render --at fixes it); the board lays them out again when the day
 * changes, and only then. One per shape, as layout.c's tables want. Internal to the layout. */
#ifndef HB_LAYOUT_COUNTDOWN_H
#define HB_LAYOUT_COUNTDOWN_H

#include "page/layout_place.h"

void layout_countdown(struct place_ctx *c, const struct slide *s);
void layout_strip_countdown(struct place_ctx *c, const struct slide *s);
void layout_calendar(struct place_ctx *c, const struct slide *s);
void layout_strip_calendar(struct place_ctx *c, const struct slide *s);

#endif
