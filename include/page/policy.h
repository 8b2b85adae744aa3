/* policy.h - the playback policy, in one place: how long a slide and each of its pages show,
 * which transition leads into a page, what a card or the standby screen gets, and whether a
 * slide can be played at all or is skipped (with the reason). The preparer, `render` and the
 * timeline all ask here, so a preview and the screen agree. No SDL. */
#ifndef HB_POLICY_H
#define HB_POLICY_H

#include <stddef.h>

#include "model/playlist.h"

struct slide_layout; /* layout_types.h */

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
/* Page `page` (0-based) of `npages`: how long it shows and what leads into it. need[i] is
 * the reading time of page i (policy_page_reading; NULL when not known: the slide's time is
 * shared equally). With `duration: auto` each page gets the reading time of its own characters
 * (8 s .. 2 min a page); a fixed duration is shared in proportion to the pages' reading times
 * (each at least 8 s' worth), so a full first page gets more than a short last one. At least
 * 1 s. The slide's transition leads into the first page, a quick fade into the others. */
struct page_timing policy_page_timing(const struct playlist *pl, const struct slide *s, int page,
                                      int npages, const double *need);
/* The seconds page `page` of l takes to read: its body's characters (300 a minute), a roll's
 * people (their kind's characters each); 0 for a page with nothing to read. */
double policy_page_reading(const struct slide *s, const struct slide_layout *l, int page);
/* The shortest fixed duration under which each of the npages pages (reading times need) shows
 * for at least its reading time, as policy_page_timing() shares it (check's advice). */
double policy_duration_needed(const double *need, int npages);
/* policy_page_timing() with every page's reading time taken from l (the laid-out slide). */
struct page_timing policy_laid_page_timing(const struct playlist *pl, const struct slide *s,
                                           const struct slide_layout *l, int page);
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
/* What the log and the status file call the slide: the name, title or caption; an untitled film
 * or photo its file's name (xuanchuanpian.mp4); else its kind (borrowed). */
const char *policy_slide_label(const struct slide *s);

#endif
