/* wake.h - what wakes the frame loop while it sleeps: news posted from any thread (a page the
 * preparer finished, the importer's news) as an SDL user event, and SIGINT/SIGTERM/SIGHUP,
 * taken with sigwait on a thread of their own (no handler runs inside the loop's code). */
#ifndef HB_WAKE_H
#define HB_WAKE_H

#include <stdbool.h>

/* Blocks SIGINT, SIGTERM and SIGHUP in the calling thread. Call it before any other thread
 * starts, so every thread inherits the mask and only the signal thread takes them. */
void wake_block_signals(void);
/* Wakes the frame loop from any thread (a callback: the argument is unused). */
void wake_post(void *unused);
/* Starts the signal thread; each signal sets its flag and wakes the loop. false when the
 * thread cannot start (signals then stay blocked: stop the board with Ctrl+Q). */
bool wake_start_signals(void);
/* Ends the signal thread (with a signal it waits for, never pthread_cancel). */
void wake_stop_signals(void);
/* SIGINT or SIGTERM arrived. */
bool wake_quit_requested(void);
/* SIGHUP arrived since the last call (the flag is cleared). */
bool wake_take_reload(void);

#endif
