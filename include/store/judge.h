/* judge.h - importing through a confined checker process. Everything that reads a stick's or
 * an inbox's bytes (the signature, every playlist, every image, the hashes and the copy into
 * staging) runs in a child: `honorboard judge`, started from this same program with exec, under
 * sandbox.h's limits, Landlock and seccomp filter, reading only the source and writing only the
 * staging folder. The parent (the player, or `honorboard import`) only prepares the staging
 * folder, reads the child's small binary report and renames the finished folder in.
 *
 * A child that crashes, breaks a limit, makes a forbidden system call or passes its deadline
 * makes the import `rejected` with a message naming the file it was judging; nothing in the
 * store changes. */
#ifndef HB_JUDGE_H
#define HB_JUDGE_H

#include "store/store.h"

/* The confined version of store_import_with(): same arguments, same results. */
int judge_import(const char *dir, const char *src, const struct store_policy *policy,
                 store_progress_fn progress, void *ctx, struct store_result *res);

#endif
