/* test_frameloop.c - the frame loop does no file I/O and no hashing: a headless `play` runs
 * under strace while it changes slides, imports a USB stick (signature-free: checked, hashed,
 * copied), checks a sync inbox (a bundle hashed against its MANIFEST), reloads on SIGHUP and
 * keeps its log and status file; then every system call the
 * frame thread (the main thread) made between its first and its last message is looked at.
 *
 * Allowed on the frame thread: reading and writing sockets, pipes and event fds (the display,
 * the wake-ups, stderr into a pipe). Not allowed: opening, renaming, removing or looking up any
 * file, or reading or writing one (fonts are mapped at start, so even a glyph drawn for the
 * first time reads none; a page of a mapped font may still come from the page cache). The
 * other threads must have done that work (checked too, so the trace is known to have seen it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "testutil.h"

#define T "build/tests/frameloop"

static bool starts_with(const char *s, const char *p)
{
    return strncmp(s, p, strlen(p)) == 0;
}

/* The fd's description strace -y prints after the first '(' : "5</path>" -> "/path". */
static void fd_path(const char *call, char *out, size_t n)
{
    out[0] = '\0';
    const char *lt = strchr(call, '<'), *gt = lt ? strchr(lt, '>') : NULL;
    if (lt && gt && (size_t)(gt - lt - 1) < n)
        snprintf(out, n, "%.*s", (int)(gt - lt - 1), lt + 1);
}

/* Is this system call of the frame thread file I/O? */
static bool file_io(const char *call)
{
    if (starts_with(call, "<... ")) /* a call resumed: its first half named the fd */
        return false;
    static const char *const io[] = {"read(",     "write(", "pread64(",
                                     "pwrite64(", "readv(", "writev("};
    for (size_t i = 0; i < sizeof io / sizeof *io; i++) {
        if (!starts_with(call, io[i]))
            continue;
        char p[512];
        fd_path(call, p, sizeof p);
        if (starts_with(p, "socket:") || starts_with(p, "pipe:") || starts_with(p, "anon_inode:") ||
            starts_with(p, "/dev/") || starts_with(p, "UNIX"))
            return false;
        return true;
    }
    return !starts_with(call, "+++") && !starts_with(call, "---"); /* exits and signals */
}

static int pid_from_status(void)
{
    wait_for(T "/status.json", "\"pid\":", 30);
    char *s = slurp(T "/status.json");
    const char *p = strstr(s, "\"pid\":");
    int pid = p ? atoi(p + 6) : 0;
    free(s);
    return pid;
}

static void test_frame_thread_does_no_file_io(void **state)
{
    (void)state;
    sh("rm -rf " T " && mkdir -p " T "/root " T "/stick/honorboard/photos && "
       "cp playlists/photos/yu-cheng.jpg " T "/stick/honorboard/photos/");
    FILE *f = fopen(T "/stick/honorboard/a.yaml", "w");
    assert_non_null(f);
    fputs(
        "honorboard: 1\ntitle: 新内容\nslides:\n"
        "  - { type: text, title: 通知, text: 明天开会。, duration: 2s }\n"
        "  - { type: story, name: 余程, photo: photos/yu-cheng.jpg, text: 事迹。, duration: 2s }\n",
        f);
    fclose(f);
    /* an inbox bundle whose photo has the listed size but other bytes: the inbox hashes it */
    sh("%s publish " T "/stick " T "/inbox 2>/dev/null && printf x | dd of=" T
       "/inbox/honorboard/photos/yu-cheng.jpg bs=1 seek=100 conv=notrunc 2>/dev/null",
       bin());
    pid_t sh_pid = fork();
    if (sh_pid == 0) {
        char cmd[2048];
        snprintf(cmd, sizeof cmd,
                 "SDL_VIDEODRIVER=dummy ASAN_OPTIONS=detect_leaks=0 " /* LSan cannot run traced */
                 "strace -f -qq -y -s 80 -e trace=%%file,read,write,pread64,pwrite64,readv,writev,"
                 "clock_nanosleep,poll,ppoll "
                 "-o " T "/trace %s play --store " T "/store --watch " T "/root --window=320x180 "
                 "--inbox " T "/inbox "
                 "--log " T "/play.jsonl --status " T "/status.json --time-scale 10 "
                 "--quit-after 60 2>&1 | cat > " T "/err",
                 bin());
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    wait_for_n(T "/play.jsonl", "\"event\":\"slide\"", 2, 60);
    int pid = pid_from_status();
    assert_true(pid > 0);
    sh("mv " T "/stick " T "/root/USB"); /* a stick: checked, hashed, copied, loaded */
    wait_for(T "/play.jsonl", "\"result\":\"ok\"", 60);
    wait_for(T "/play.jsonl", "\"title\":\"余程\"", 60); /* the new content is on screen */
    kill(pid, SIGHUP);                                   /* reload: the content is read again */
    wait_for_n(T "/play.jsonl", "\"event\":\"reload\"", 2, 60);
    usleep(500000);
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(sh_pid, &st, 0);
    char *log = slurp(T "/play.jsonl");
    bool stopped = strstr(log, "\"event\":\"stop\",\"reason\":\"signal\"") != NULL;
    free(log);
    assert_true(stopped);

    char *trace = slurp(T "/trace");
    char main_tid[32];
    snprintf(main_tid, sizeof main_tid, "%d ", pid);
    bool in_loop = false, saw_start = false, saw_stop = false;
    bool others_read_stick = false, others_wrote_status = false, others_read_photo = false;
    bool others_hashed_inbox = false;
    int waits = 0, bad = 0;
    for (char *line = strtok(trace, "\n"); line; line = strtok(NULL, "\n")) {
        bool mine = starts_with(line, main_tid);
        const char *call = strchr(line, ' ');
        call = call ? call + 1 : line;
        while (*call == ' ')
            call++;
        if (!mine) {
            others_read_stick |= strstr(call, "root/USB/honorboard/a.yaml") != NULL;
            others_wrote_status |=
                (starts_with(call, "rename(") || starts_with(call, "renameat")) &&
                strstr(call, "status.json"); /* renameat: beside a folder fd */
            others_read_photo |= starts_with(call, "openat(") && strstr(call, "yu-cheng.jpg");
            others_hashed_inbox |= strstr(call, "inbox/honorboard/photos/yu-cheng.jpg") != NULL;
            continue;
        }
        if (starts_with(call, "write(2<") && strstr(call, "honorboard: playing")) {
            in_loop = saw_start = true;
            continue;
        }
        if (starts_with(call, "write(2<") && strstr(call, "honorboard: stopped")) {
            in_loop = false;
            saw_stop = true;
            continue;
        }
        if (!in_loop)
            continue;
        if (starts_with(call, "clock_nanosleep(") || starts_with(call, "poll(") ||
            starts_with(call, "ppoll(")) {
            waits++; /* the loop asleep, waiting for events: proof it was traced */
            continue;
        }
        if (file_io(call)) {
            print_error("frame thread: %s\n", call);
            bad++;
        }
    }
    free(trace);
    assert_true(saw_start && saw_stop);
    assert_true(waits > 10); /* the loop ran and was traced */
    assert_int_equal(bad, 0);
    assert_true(others_read_stick);   /* the importer's thread read the stick, */
    assert_true(others_wrote_status); /* wrote the status file, */
    assert_true(others_read_photo);   /* and the preparer decoded the photo */
    assert_true(others_hashed_inbox); /* the inbox's check hashed a file, off the frame thread */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frame_thread_does_no_file_io),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
