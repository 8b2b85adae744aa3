/* framestats.h - `play --stats FILE`: frame times (a fixed histogram, so memory stays flat),
 * the worst frame around slide changes, time to the first frame, and every 100 changes the
 * process's memory, open descriptors and live textures. Read by `make bench` and `make soak`. */
#ifndef HB_FRAMESTATS_H
#define HB_FRAMESTATS_H

#include <stdbool.h>

struct framestats;

/* Opens path for writing. NULL + errno when it cannot. framestats_close() writes the final
 * line and frees. */
struct framestats *framestats_open(const char *path, double started);
/* A slide change at `now` whose transition lasts `transition` seconds. The change before it
 * gets its line: {"change":N,"worst_ms":X}, the slowest frame from that change to the end of
 * its transition (+50 ms). Every 100 changes a line
 * with memory, descriptors and textures is written, at that change or the first one after it
 * with no video clip open (a decoder's memory and descriptors come and go with its clip, so
 * samples compare like with like). */
void framestats_change(struct framestats *s, double now, double transition, int live_textures);
/* A frame that ended at `now` and took `secs`. */
void framestats_frame(struct framestats *s, double now, double secs);
void framestats_first_frame(struct framestats *s, double ms);
/* A frame that showed only the band rect (x, y, w, h) of the screen (走字, a ticker): the final
 * line counts them ("band_frames") and gives the largest ("band"). */
void framestats_band(struct framestats *s, const int rect[4]);
/* A video slide that ended: seconds played, frames shown and dropped (of which converted but
 * overtaken before the screen took them: frames_unshown), its pre-roll on the worker and the
 * time per frame converting it on its render thread (decode_ms_*). */
struct video_stats;
void framestats_video(struct framestats *s, const struct video_stats *vs);
void framestats_close(struct framestats *s, int live_textures);

#endif
