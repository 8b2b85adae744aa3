/* videotrial.c - a clip probed (opened, its first frame decoded and drawn) in a child process of
 * its own, so that a film libmpv cannot handle costs one slide and not the program: libmpv
 * asserts and aborts the whole process on some files (a phone film's rotation did, before
 * videoconfig.c turned it), and a player, `render` or `check` must go on to the next slide.
 * The child is this very program run again (`honorboard video-trial FILE`): after fork only exec
 * is safe in a process with threads. The checker that imports run is confined and cannot start
 * programs; there the probe runs in its own process, which is already the child an abort costs. */
#include "film/videotrial.h"
#include "base/i18n.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static bool in_child_enabled; /* set once by main, before any thread */

void videotrial_enable(void)
{
    in_child_enabled = true;
}

/* Opened here, in this process. */
static int probe_here(const char *path, struct video_info *out, char *err, size_t errlen)
{
    struct video_opts o = {.loops = 1, .probe = true};
    struct video *v = video_open(path, &o, 16, 16, err, errlen);
    if (!v)
        return -1;
    video_get_info(v, out);
    video_destroy(v);
    return 0;
}

/* The child's answer: one line, "ok" and the fields, or "error" and the message. */
static int parse_answer(char *line, struct video_info *out, char *err, size_t errlen)
{
    line[strcspn(line, "\n")] = 0;
    if (strncmp(line, "error\t", 6) == 0) {
        snprintf(err, errlen, "%s", line + 6);
        return -1;
    }
    int has_audio = 0, n = 0;
    if (sscanf(line, "ok\t%d\t%d\t%lf\t%lf\t%d\t%d\t%31[^\t]\t%31[^\t]%n", &out->w, &out->h,
               &out->duration, &out->fps, &has_audio, &out->rotation, out->codec, out->container,
               &n) < 8 ||
        out->w <= 0 || out->h <= 0) {
        snprintf(err, errlen, "%s", _("the video probe gave no answer"));
        return -1;
    }
    out->has_audio = has_audio;
    if (strcmp(out->codec, "-") == 0)
        out->codec[0] = 0;
    if (strcmp(out->container, "-") == 0)
        out->container[0] = 0;
    return 0;
}

/* "SIGABRT": the same in every language. */
static const char *signal_name(int sig)
{
    static const struct {
        int sig;
        const char *name;
    } names[] = {{SIGABRT, "SIGABRT"}, {SIGSEGV, "SIGSEGV"}, {SIGBUS, "SIGBUS"},
                 {SIGFPE, "SIGFPE"},   {SIGILL, "SIGILL"},   {SIGKILL, "SIGKILL"}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (names[i].sig == sig)
            return names[i].name;
    return "signal";
}

/* Reads the child's line from fd, for at most `seconds`. Returns the bytes read (0: none). */
static size_t read_line(int fd, char *buf, size_t n, double seconds)
{
    size_t got = 0;
    double until = now_seconds() + seconds;
    while (got + 1 < n) {
        int left = (int)((until - now_seconds()) * 1000);
        struct pollfd p = {.fd = fd, .events = POLLIN};
        if (left <= 0 || poll(&p, 1, left) <= 0)
            break;
        ssize_t r = read(fd, buf + got, n - 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
        if (memchr(buf, '\n', got))
            break;
    }
    buf[got] = 0;
    return got;
}

static int probe_in_child(const char *path, struct video_info *out, char *err, size_t errlen)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0)
        return probe_here(path, out, err, errlen);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    const char *lang = i18n_chinese() ? "zh" : "en";
    char *const args[] = {(char *)"honorboard", (char *)"video-trial", (char *)lang, (char *)path,
                          NULL};
    pid_t pid;
    int rc = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, args, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    if (rc != 0) {
        close(fds[0]);
        return probe_here(path, out, err, errlen);
    }
    char line[1024];
    size_t got = read_line(fds[0], line, sizeof line, 40); /* the open waits 10 s at most */
    close(fds[0]);
    if (!got)
        kill(pid, SIGKILL); /* gone quiet: a decoder that hangs costs the slide too */
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL) {
        snprintf(err, errlen,
                 _("the video library crashed on it (%s): the film cannot be drawn; export it "
                   "again as MP4 (H.264)"),
                 signal_name(WTERMSIG(status)));
        return -1;
    }
    if (!got) {
        snprintf(err, errlen, "%s", _("opening it did not finish within 40 s"));
        return -1;
    }
    return parse_answer(line, out, err, errlen);
}

int videotrial_probe(const char *path, struct video_info *out, char *err, size_t errlen)
{
    *out = (struct video_info){0};
    err[0] = 0;
    return in_child_enabled ? probe_in_child(path, out, err, errlen)
                            : probe_here(path, out, err, errlen);
}

int videotrial_main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    i18n_set_language(argv[1]);
    if (videotrial_fault_at)
        videotrial_fault_at(argv[2]);
    struct video_info in = {0};
    char err[512];
    if (probe_here(argv[2], &in, err, sizeof err) < 0) {
        err[strcspn(err, "\n")] = 0;
        printf("error\t%s\n", err);
    } else {
        printf("ok\t%d\t%d\t%.6f\t%.6f\t%d\t%d\t%s\t%s\n", in.w, in.h, in.duration, in.fps,
               in.has_audio, in.rotation, in.codec[0] ? in.codec : "-",
               in.container[0] ? in.container : "-");
    }
    fflush(stdout);
    _exit(0); /* not through atexit: the clip's threads are gone, nothing is left to do */
}
