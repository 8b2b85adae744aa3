/* zhdate.c - dates as a Chinese board writes them: the Gregorian date in 年月日, the weekday, and
 * the 农历 date through ICU's Chinese calendar (ucal with "zh_CN@calendar=chinese", in
 * libicui18n): the year as its 干支 name, the month by its traditional name (正月, 冬月, 腊月),
 * the day as 初一 ... 三十. Day arithmetic goes through the days since 1970-01-01 (no time zone:
 * a date is a date). */
#include "text/zhdate.h"

#include <stdio.h>
#include <string.h>
#ifndef _WIN32
#include <unicode/ucal.h>
#endif

int zhdate_local(time_t t)
{
    struct tm tm;
    localtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* Days since 1970-01-01 of a Gregorian date (Howard Hinnant's days_from_civil). */
static long days_of(int ymd)
{
    long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

long zhdate_days_between(int a, int b)
{
    return days_of(b) - days_of(a);
}

char *zhdate_format(int ymd, char *buf, size_t n)
{
    snprintf(buf, n, "%d年%d月%d日", ymd / 10000, ymd / 100 % 100, ymd % 100);
    return buf;
}

const char *zhdate_weekday(int ymd)
{
    static const char *const wd[] = {"星期四", "星期五", "星期六", "星期日",
                                     "星期一", "星期二", "星期三"}; /* 1970-01-01 was a Thursday */
    long d = days_of(ymd) % 7;
    return wd[d < 0 ? d + 7 : d];
}

int zhdate_lunar(int ymd, char *buf, size_t n)
{
#ifdef _WIN32
    (void)ymd, (void)buf, (void)n;
    return -1;
#else
    static const char *const stems[] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
    static const char *const branches[] = {"子", "丑", "寅", "卯", "辰", "巳",
                                           "午", "未", "申", "酉", "戌", "亥"};
    static const char *const months[] = {"正", "二", "三", "四", "五", "六",
                                         "七", "八", "九", "十", "冬", "腊"};
    static const char *const digits[] = {"",   "一", "二", "三", "四", "五",
                                         "六", "七", "八", "九", "十"};
    UErrorCode err = U_ZERO_ERROR;
    static const UChar utc[] = {'U', 'T', 'C', 0};
    UCalendar *cal = ucal_open(utc, -1, "zh_CN@calendar=chinese", UCAL_DEFAULT, &err);
    if (U_FAILURE(err) || !cal)
        return -1;
    /* noon of the day, in UTC: the calendar's zone is UTC too, so the day cannot slip */
    ucal_setMillis(cal, ((double)days_of(ymd) * 86400.0 + 43200.0) * 1000.0, &err);
    int year = ucal_get(cal, UCAL_YEAR, &err);   /* 1..60 in the sexagenary cycle */
    int month = ucal_get(cal, UCAL_MONTH, &err); /* 0-based */
    int day = ucal_get(cal, UCAL_DATE, &err);    /* 1..30 */
    int leap = ucal_get(cal, UCAL_IS_LEAP_MONTH, &err);
    ucal_close(cal);
    if (U_FAILURE(err) || year < 1 || year > 60 || month < 0 || month > 11 || day < 1 || day > 30)
        return -1;
    char dname[16];
    if (day <= 10)
        snprintf(dname, sizeof dname, "初%s", digits[day]);
    else if (day < 20)
        snprintf(dname, sizeof dname, "十%s", digits[day - 10]);
    else if (day == 20 || day == 30)
        snprintf(dname, sizeof dname, "%s十", day == 20 ? "二" : "三");
    else
        snprintf(dname, sizeof dname, "廿%s", digits[day - 20]);
    snprintf(buf, n, "农历%s%s年%s%s月%s", stems[(year - 1) % 10], branches[(year - 1) % 12],
             leap ? "闰" : "", months[month], dname);
    return 0;
#endif
}
