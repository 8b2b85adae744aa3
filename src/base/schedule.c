/* schedule.c - schedule evaluation. A window that runs past midnight belongs to the day it
 * starts on: "days: fri, hours: 22:00-02:00" is open on Saturday at 01:00. */
#include "base/schedule.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const day_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

int schedule_parse_date(const char *s, int *ymd)
{
    int y, m, d, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || s[n] || y < 1970 || y > 9999 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return -1;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d > mdays[m - 1] || (m == 2 && d == 29 && !leap))
        return -1;
    *ymd = y * 10000 + m * 100 + d;
    return 0;
}

static int day_index(const char *s, size_t n)
{
    for (int i = 0; i < 7; i++)
        if (n == 3 && strncasecmp(s, day_names[i], 3) == 0)
            return i;
    return -1;
}

int schedule_parse_days(const char *s, unsigned *mask)
{
    unsigned m = 0;
    const char *p = s;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        size_t n = strcspn(p, ",- ");
        int a = day_index(p, n), b = a;
        p += n;
        if (*p == '-') {
            p++;
            size_t n2 = strcspn(p, ", ");
            b = day_index(p, n2);
            p += n2;
        }
        if (a < 0 || b < 0)
            return -1;
        for (int i = a;; i = (i + 1) % 7) { /* ranges may wrap: sat-mon */
            m |= 1u << i;
            if (i == b)
                break;
        }
    }
    if (!m)
        return -1;
    *mask = m;
    return 0;
}

int schedule_parse_window(const char *s, int *start, int *end)
{
    int h1, m1, h2, m2, n = 0;
    if (sscanf(s, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &n) != 4 || s[n] || h1 < 0 || h1 > 24 ||
        h2 < 0 || h2 > 24 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59 || (h1 == 24 && m1) ||
        (h2 == 24 && m2))
        return -1;
    *start = h1 * 60 + m1;
    *end = h2 * 60 + m2;
    return *start == *end ? -1 : 0;
}

bool schedule_clock_ok(const struct tm *tm)
{
    static int build_year;
    if (!build_year)
        build_year = atoi(&__DATE__[7]); /* "Nov 26 2026" */
    return tm->tm_year + 1900 >= build_year;
}

bool schedule_in_windows(const struct schedule *s, int minute)
{
    if (s->nwindows == 0)
        return false; /* no window holds no minute (screen_off must never mean "always") */
    for (int i = 0; i < s->nwindows; i++) {
        int a = s->windows[i].start, b = s->windows[i].end;
        if (a < b ? (minute >= a && minute < b) : (minute >= a || minute < b))
            return true;
    }
    return false;
}

static int weekday_mon0(const struct tm *tm)
{
    return (tm->tm_wday + 6) % 7;
}

static bool day_ok(const struct schedule *s, int wd)
{
    return !s->days || (s->days & (1u << wd));
}

bool schedule_open(const struct schedule *s, const struct tm *tm, bool clock_ok)
{
    if (!s || !s->set)
        return true;
    if (clock_ok) {
        int ymd = (tm->tm_year + 1900) * 10000 + (tm->tm_mon + 1) * 100 + tm->tm_mday;
        if ((s->from && ymd < s->from) || (s->until && ymd > s->until))
            return false;
    }
    int wd = weekday_mon0(tm), minute = tm->tm_hour * 60 + tm->tm_min;
    if (s->nwindows == 0)
        return day_ok(s, wd);
    for (int i = 0; i < s->nwindows; i++) {
        int a = s->windows[i].start, b = s->windows[i].end;
        if (a < b) {
            if (minute >= a && minute < b && day_ok(s, wd))
                return true;
        } else { /* overnight: the evening part is today's, the morning part yesterday's */
            if (minute >= a && day_ok(s, wd))
                return true;
            if (minute < b && day_ok(s, (wd + 6) % 7))
                return true;
        }
    }
    return false;
}

static time_t now_offset;

time_t schedule_now(void)
{
    return time(NULL) + now_offset;
}

void schedule_now_set(time_t at)
{
    now_offset = at - time(NULL);
}

int schedule_parse_moment(const char *s, time_t *out)
{
    char day[11];
    int ymd, hh = 12, mm = 0, ss = 0, n = 0;
    if (strlen(s) < 10)
        return -1;
    memcpy(day, s, 10);
    day[10] = '\0';
    if (schedule_parse_date(day, &ymd) < 0)
        return -1;
    const char *t = s + 10;
    if (*t) {
        if ((*t != 'T' && *t != ' ') ||
            (sscanf(t + 1, "%2d:%2d%n:%2d%n", &hh, &mm, &n, &ss, &n) < 2) || t[1 + n] || hh > 23 ||
            mm > 59 || ss > 59 || hh < 0 || mm < 0 || ss < 0)
            return -1;
    }
    struct tm tm = {.tm_year = ymd / 10000 - 1900,
                    .tm_mon = ymd / 100 % 100 - 1,
                    .tm_mday = ymd % 100,
                    .tm_hour = hh,
                    .tm_min = mm,
                    .tm_sec = ss,
                    .tm_isdst = -1};
    time_t t0 = mktime(&tm);
    if (t0 == (time_t)-1)
        return -1;
    *out = t0;
    return 0;
}
