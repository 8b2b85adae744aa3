/* frameloop.h - the player's frame loop: it only ties the rooms together. It asks the timeline
 * what to prepare and when to change, hands requests to the preparer, takes finished pages and
 * news from the importer, lets the screen draw, and answers keys, window events and signals.
 * Everything that happens at a time sits in one timer table; with nothing moving (no
 * transition, no ticker) the loop sleeps until the next timer or event and draws nothing.
 * Signals and news from other threads wake it (wake.h).
 * It never reads or writes a file and never hashes: that is the importer's and the preparer's
 * work (tests/test_frameloop.c watches the frame thread's system calls to prove it). */
#ifndef HB_FRAMELOOP_H
#define HB_FRAMELOOP_H

#include "board/looppages.h" /* struct frameloop: the rooms the loop borrows */

/* Content loaded from a stick replaces the page on screen within this many seconds (then the
 * first new page goes up with its transition as soon as it is prepared). */
#define FRAMELOOP_NEW_CONTENT_S 1.0

/* Plays until asked to stop. Returns why: "quit", "signal" or "quit-after" (static). */
const char *frameloop_run(const struct frameloop *f);

#endif
