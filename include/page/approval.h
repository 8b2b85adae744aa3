/* approval.h - the preview an author sends for approval (送审): a cover listing every playlist,
 * slide and page with the time the board shows it and every error and warning, then one
 * full-size image per page, made by the pages the screen shows (pages.c), so printed on A4 the
 * body text is at least 10 pt (approval.c). */
#ifndef HB_APPROVAL_H
#define HB_APPROVAL_H

#include <stddef.h>

#include "base/diag.h"

/* The cover's lines (header first, then the playlists, slides and pages with their seconds,
 * then every message of d with its file:line:col) for the playlists under path laid out for a
 * W x H screen. One string, lines ending in '\n'; caller frees. */
char *approval_cover_text(const char *path, int W, int H, const char *header, const struct diag *d);

/* Writes the preview into dir (created; its old PNGs removed): 00-封面.png (00-封面-2.png ...
 * when the list is long; A4 portrait at 150 dpi) and a PNG of every page at W x H, named as
 * `render` names them. Prints nothing. Returns the number of files written, -1 when the
 * folder cannot be written. */
int approval_write(const char *path, int W, int H, const char *dir, const char *header,
                   const struct diag *d);

#endif
