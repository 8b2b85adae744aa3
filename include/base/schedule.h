/* schedule.h - when a slide or a playlist may be shown: dates, weekdays and hour windows
 * (overnight windows like 22:00-02:00 included), evaluated in local time. */
#ifndef HB_SCHEDULE_H
#define HB_SCHEDULE_H

#include <stdbool.h>
#include <time.h>

#define SCHEDULE_MAX_WINDOWS 8

struct schedule {
    bool set;
    int from, until; /* yyyymmdd, 0 = open */
    unsigned days;   /* bit 0 = Monday .. bit 6 = Sunday; 0 = every day */
    int nwindows;
    struct {
        int start, end; /* minutes after midnight; end < start = overnight */
    } windows[SCHEDULE_MAX_WINDOWS];
};

/* Value parsers (0 ok, -1 bad): "2026-03-01"; "mon-fri", "sat", "mon,wed"; "07:30-12:00". */
int schedule_parse_date(const char *s, int *ymd);
int schedule_parse_days(const char *s, unsigned *mask);
int schedule_parse_window(const char *s, int *start, int *end);

/* Is `s` open at local time tm? With clock_ok false (the clock is clearly unset), the date
 * range is ignored; weekdays and hours still apply. An unset schedule is always open. */
bool schedule_open(const struct schedule *s, const struct tm *tm, bool clock_ok);
/* Whether the clock looks set: a year at or after the year honorboard was built. */
bool schedule_clock_ok(const struct tm *tm);
/* The moment the board shows and schedules by (the clock, date cards, countdowns, schedules):
 * time(NULL), or a moment set with schedule_now_set() moving on with the real clock from then
 * (`render --at`, `play --at`: another day previewed, tests that must not depend on today).
 * schedule_now_set() is called once at start, before any thread reads the clock. */
time_t schedule_now(void);
void schedule_now_set(time_t at);
/* A local moment as an author writes it: "2027-02-06" (that day at 12:00), "2027-02-06T08:30"
 * or "2027-02-06 08:30:15". 0 ok, -1 bad. */
int schedule_parse_moment(const char *s, time_t *out);

/* Is minute-of-day m inside the window list (overnight windows wrap)? Never for an empty list. */
bool schedule_in_windows(const struct schedule *s, int minute);

#endif
