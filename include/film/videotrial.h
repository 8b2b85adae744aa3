/* videotrial.h - a clip probed where an abort of libmpv costs one slide, not the program
 * (videotrial.c): in a child process running `honorboard video-trial`. */
#ifndef HB_VIDEOTRIAL_H
#define HB_VIDEOTRIAL_H

#include <stddef.h>

#include "film/video.h" /* struct video_info */

/* From now on probes run in a child process (this program run again). main() calls it for the
 * commands that may start programs; without it (the confined checker, tests linking the code)
 * probes run in the calling process. */
void videotrial_enable(void);

/* Opens path, decodes and draws its first frame and says what it holds (video_open's
 * checks and messages). 0 ok, -1 with a message in err; a crash of the library is such a
 * message, naming the signal. */
int videotrial_probe(const char *path, struct video_info *out, char *err, size_t errlen);

/* Defined only in the test build of the program (tests/faults.c): the child calls it with the
 * file before it opens it, so tests can make the child crash there. */
void videotrial_fault_at(const char *file) __attribute__((weak));

/* `honorboard video-trial LANG FILE`: the child's side; prints one line and exits. */
int videotrial_main(int argc, char **argv);

#endif
