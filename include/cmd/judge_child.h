/* judge_child.h - `honorboard judge ...` (judge_child.c): the confined checker's side, internal,
 * started by judge_import() and judge_preview() (judge.h) with exec. It never returns to the
 * caller's code in a way that matters: it reports on fd 3 and leaves with _exit(). */
#ifndef HB_JUDGE_CHILD_H
#define HB_JUDGE_CHILD_H

int judge_main(int argc, char **argv);

#endif
