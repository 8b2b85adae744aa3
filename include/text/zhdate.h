/* zhdate.h - dates as a Chinese board writes them (zhdate.c): 2026年12月7日, 星期一, the 农历
 * date from ICU's Chinese calendar (丙午年十月十八), and whole days between two dates. Days are
 * yyyymmdd numbers (20261207), the form schedule.h parses. No fonts, no SDL. */
#ifndef HB_ZHDATE_H
#define HB_ZHDATE_H

#include <stddef.h>
#include <time.h>

/* The local date of t as yyyymmdd. */
int zhdate_local(time_t t);
/* Whole days from day a to day b (negative when b is before a). */
long zhdate_days_between(int a, int b);
/* "2026年12月7日" into buf. Returns buf. */
char *zhdate_format(int ymd, char *buf, size_t n);
/* "星期一" (a static string). */
const char *zhdate_weekday(int ymd);
/* "农历丙午年十月十八" (闰 before a leap month) into buf; returns 0, or -1 when ICU's Chinese
 * calendar is not there (the Windows build carries ICU's common library only). */
int zhdate_lunar(int ymd, char *buf, size_t n);

#endif
