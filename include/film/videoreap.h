/* videoreap.h - slow clip work kept away from the screen (videoreap.c): teardown on a reaper
 * thread, and the quiet time a transition asks for. */
#ifndef HB_VIDEOREAP_H
#define HB_VIDEOREAP_H

struct video;

/* video_destroy() on a reaper thread, one teardown at a time, after any quiet time: stopping
 * mpv joins its threads and gives its memory back (tens of milliseconds), which the frame loop
 * must not wait for at a change. */
void video_destroy_later(struct video *v);
/* Waits until every video_destroy_later() has finished (before the program ends). */
void video_wait_destroyed(void);
/* Slow work on clips for the screen (opening and pre-rolling the next one, tearing down the
 * last one: 50-200 ms of both cores) waits until monotonic time t, so a transition running
 * until then gets the machine. The frame loop says so at each change. */
void video_quiet_until(double t);
/* Sleeps until that time (at most 3 s). The preparer's worker and the reaper call it. */
void video_wait_quiet(void);

#endif
