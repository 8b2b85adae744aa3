/* render.h - `honorboard render`: every page of every slide to PNG, headless, through the same
 * layout and drawing code as `play`; optional contact sheet and layout JSON. */
#ifndef HB_RENDER_H
#define HB_RENDER_H

int render_main(int argc, char **argv);

/* Contact sheets of every page of the playlists under path laid out for a W x H screen,
 * through the same pages as `render` (and the screen): DIR/STEM.png, then DIR/STEM-2.png ...
 * with per_sheet pages each (pages with a warning framed), each headed by `header` and its
 * number ("1/2") when header is not NULL. Sheets left from an earlier, longer
 * run are removed. Needs no display and prints nothing; SDL need not be initialised for
 * video. Stores the number written in *nsheets; returns 0, or -1 when nothing could be read or
 * written. */
int render_sheets(const char *path, int W, int H, const char *dir, const char *stem,
                  int per_sheet, const char *header, int *nsheets);

/* Parses "WxH" into w, h (both 16..16384). Returns 0 or -1. */
int render_parse_size(const char *s, int *w, int *h);
/* Parses a slide selection like "1,3-5" into a bitmap sel[1..max]. Returns 0 or -1. */
int render_parse_slides(const char *s, unsigned char *sel, int max);

#endif
