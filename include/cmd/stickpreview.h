/* stickpreview.h - after every import from a stick (loaded, rejected or unchanged), contact
 * sheets of every page of every playlist, exactly as this screen shows them (its size, its
 * rotation), written next to REPORT.txt as 预览.png, 预览-2.png ... so the author can print them
 * for approval without going to the lobby. Pages with warnings are framed. */
#ifndef HB_STICKPREVIEW_H
#define HB_STICKPREVIEW_H

#include "store/stick.h" /* STICK_PREVIEW_STEM */

#include "store/store.h"

/* The sheet's name on the stick, without ".png". */
#define STICKPREVIEW_STEM STICK_PREVIEW_STEM
/* The folder of the preview for approval (approval.h), beside REPORT.txt: written when the
 * stick asks for a preview only (只预览) or already has this folder. */
#define STICKPREVIEW_APPROVAL STICK_APPROVAL_DIR
/* Pages on one sheet (four across, five down for a landscape screen). */
#define STICKPREVIEW_PER_SHEET 20

/* The line heading the sheets and the approval cover: what (the import's title, else the first
 * playlist's under content: the confined drawer is not told it), when, for which screen, and
 * the outcome (dir: where REPORT.txt went, for 只预览). Caller frees. */
char *stickpreview_header(const char *content, const char *dir, const struct store_result *res,
                          int w, int h);

/* Writes the sheets for the import of src that ended in res, for a w x h screen (as laid
 * out: a screen turned 90 degrees is w < h). The content shown: the bundle now on screen when
 * it was loaded or was already there, otherwise what could be read on the stick. The sheets
 * go into outdir, the checker's private folder; judge_preview() copies them onto the stick.
 * Returns the number of sheets written. */
int stickpreview_write(const char *src, const struct store_result *res, int w, int h,
                       const char *outdir);

#endif
