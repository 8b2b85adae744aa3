/* judge_wire.h - what the confined checker (judge_child.c) and its parent (judge.c) agree on:
 * the records the child writes to fd 3 (a type byte, a 32-bit length, the payload; payload
 * layouts are in the child's functions that write them), the bounds the parent reads them
 * with, and the child's default limits. Internal to the two judge files. */
#ifndef HB_JUDGE_WIRE_H
#define HB_JUDGE_WIRE_H

#include <sys/types.h>

#define JUDGE_MAX_RECORD (64 * 1024)       /* one record's payload */
#define JUDGE_MAX_REPORT (8 * 1024 * 1024) /* everything a child may say */
#define JUDGE_MAX_DIAGS 20000
#define JUDGE_DEFAULT_MEMORY_MB 1024 /* address space, and the parent's RSS ceiling */
#define JUDGE_DEFAULT_CPU_SECONDS 300
#define JUDGE_DEFAULT_IDLE_SECONDS 60      /* longest time without news from the child */
#define JUDGE_MAX_FILE_SIZE (256ull << 20) /* a file the child writes */

/* Record types, child to parent. Payload layouts are in the functions that write them. */
enum {
    JUDGE_REC_FILE = 'F',
    JUDGE_REC_PROGRESS = 'P',
    JUDGE_REC_DIAG = 'D',
    JUDGE_REC_RESULT = 'R',
    JUDGE_REC_CRASH = 'C',
    JUDGE_REC_NOTE = 'N',
    JUDGE_REC_SHEETS = 'S' /* after the result: the preview sheets are drawn (judge_child.c) */
};
/* Where a checker asked for --sheets draws them: a folder of its staging folder, which the
 * parent moves out (to STAGING.sheets) before the staging folder can become a bundle. */
#define JUDGE_SHEETS_DIR ".sheets"
/* Test builds (tests/faults.c) define these; the shipped program has no fault switch at all:
 * judge_fault_at() is called by the child as it starts on each file, judge_test_setting()
 * overrides a limit by name ("JUDGE_IDLE_SECONDS"). The returned string is the test's own. */
void judge_fault_at(const char *file) __attribute__((weak));
const char *judge_test_setting(const char *name) __attribute__((weak));

/* Starts `honorboard judge ARGS` (args[0] is the program's name) with fd 3 the write end of a
 * pipe whose read end goes to *rfd, stdin /dev/null and no other descriptor. The pid, or -1
 * (judge.c; judge_preview.c starts its checker with it too). */
pid_t judge_spawn(const char *const *args, int *rfd);

/* The limit `name` as a test build sets it, else dflt. */
long judge_setting(const char *name, long dflt);

#endif
