/* render.h - `honorboard render`: every page of every slide to PNG, headless, through the same
 * layout and drawing code as `play` (pages.h); optional contact sheet and layout JSON. */
#ifndef HB_RENDER_H
#define HB_RENDER_H

/* The command: options, then pages_render(). Exit status 0, 1 content errors, 2 usage/I-O. */
int render_main(int argc, char **argv);

/* Parses "WxH" into w, h (both 16..16384). Returns 0 or -1. */
int render_parse_size(const char *s, int *w, int *h);
/* Parses a slide selection like "1,3-5" into a bitmap sel[1..max]. Returns 0 or -1. */
int render_parse_slides(const char *s, unsigned char *sel, int max);

/* --at TIME (render, play): the board's clock set to TIME (schedule_now_set). 0, or -1 with
 * the problem said on stderr for command cmd. */
int render_parse_at(const char *cmd, const char *arg);

#endif
