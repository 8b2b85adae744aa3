/* policy.h - the playback policy, in one place: how long a slide and each of its pages show,
 * which transition leads into a page, what a card or the standby screen gets, and whether a
 * slide can be played at all or is skipped (with the reason). The preparer, `render` and the
 * timeline all ask here, so a preview and the screen agree. No SDL. */
#ifndef HB_POLICY_H
#define HB_POLICY_H

#include <stddef.h>

#include "model/playlist.h"

struct page_timing {
    double duration;        /* seconds this page stays up */
    int transition;         /* enum transition_kind into this page */
    double transition_time; /* seconds */
};

/* Reading time for n characters (about 300 a minute), clamped to 8 s .. 2 min. */
double policy_reading_time(size_t nchars);
/* The whole slide's time after defaults, before paging; "auto" uses the text length. */
double policy_slide_duration(const struct playlist *pl, const struct slide *s);
/* A video slide's time for a clip of clip_seconds: its own duration, else the trimmed clip
 * times loops (policy_slide_duration probes the clip for it; 0 when it cannot be played). */
double policy_video_duration(const struct slide *s, double clip_seconds);
/* The second of the file a video slide without a poster shows as its poster (render, sheets):
 * 1 s into the trimmed clip, or the middle of a shorter one, so a fade from black does not make
 * a black poster. */
double policy_video_poster_time(const struct slide *s, double clip_seconds);
/* Page `page` (0-based) of `npages`: its share of the slide's time (at least 1 s); the slide's
 * transition into the first page, a quick fade between pages. */
struct page_timing policy_page_timing(const struct playlist *pl, const struct slide *s, int page,
                                      int npages);
/* An error card (a playlist that cannot be played) and the standby card (nothing scheduled;
 * its clock is refreshed this often). */
struct page_timing policy_card_timing(void);
struct page_timing policy_standby_timing(void);

/* NULL when s can be played; otherwise why it is skipped, as "file:line:col: ..." (caller
 * frees). A photo slide whose photo cannot be read is skipped (its header here; a photo that
 * fails its decode fails its page: policy_photo_unshown()); a missing portrait on a story or
 * roll shows a placeholder instead; a video slide whose clip cannot be opened is skipped. */
char *policy_skip_reason(const struct playlist *pl, const struct slide *s);
/* Why photo slide s is skipped when its photo cannot be shown, `why` being the decoder's
 * reason, as "file:line:col: slide N: image '...' cannot be shown: why" (caller frees). */
char *policy_photo_unshown(const struct playlist *pl, const struct slide *s, const char *why);
/* What the log and the status file call the slide: the name, title or caption (borrowed). */
const char *policy_slide_label(const struct slide *s);

#endif
