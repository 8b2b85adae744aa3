/* videoprobe.c - check's rules for video slides (see videoprobe.h): names and confinement
 * through validate_media() like photos, then the clip opened by video.c at a tiny size, read at
 * its start and again near its end (a copy cut short plays its start perfectly well). */
#include "model/videoprobe.h"
#include "model/validate.h"
#include "film/video.h"
#include "film/videofile.h"
#include "film/videocontainer.h"
#include "base/i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* A sound file named as a video gets its own words, not "not a video". */
static bool is_sound_file(const char *path)
{
    unsigned char b[12] = {0};
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    size_t n = fread(b, 1, sizeof b, f);
    fclose(f);
    return n >= 4 && (memcmp(b, "ID3", 3) == 0 || (b[0] == 0xFF && (b[1] & 0xE0) == 0xE0) ||
                      memcmp(b, "fLaC", 4) == 0 || memcmp(b, "OggS", 4) == 0 ||
                      (n >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WAVE", 4) == 0));
}

static void check_clip(const struct playlist *pl, const struct slide *s, const char *what,
                       struct diag *d)
{
    const struct media_ref *m = &s->video;
    const char *f = pl->path;
    int line = m->pos.line, col = m->pos.col;
    struct stat st;
    if (stat(m->resolved, &st) == 0 && (unsigned long long)st.st_size > VIDEO_MAX_FILE_BYTES) {
        diag_add(
            d, DIAG_ERROR, f, line, col,
            _("%s '%s' is %.0f MB; videos may be at most %llu MB (make it shorter or smaller)"),
            what, m->path, st.st_size / 1048576.0, VIDEO_MAX_FILE_BYTES >> 20);
        return;
    }
    const char *name;
    enum video_other other = video_sniff_other(m->resolved, &name);
    if (!video_sniff(m->resolved) && other != VIDEO_OTHER_NONE) {
        if (other == VIDEO_OTHER_EMPTY)
            diag_add(d, DIAG_ERROR, f, line, col,
                     _("%s '%s' is an empty file (0 bytes): copy it again"), what, m->path);
        else if (other == VIDEO_OTHER_PICTURE)
            diag_add(d, DIAG_ERROR, f, line, col,
                     _("%s '%s' is a %s picture, not a film: use type: photo"), what, m->path,
                     name);
        else if (other == VIDEO_OTHER_FILM)
            diag_add(d, DIAG_ERROR, f, line, col,
                     _("%s '%s' is a %s film, a format this board does not play: save or export "
                       "it as MP4"),
                     what, m->path, name);
        else
            diag_add(d, DIAG_ERROR, f, line, col,
                     _("%s '%s' is a %s file, not a film: save or export the film as MP4"), what,
                     m->path, name);
        return;
    }
    if (!video_sniff(m->resolved)) {
        if (is_sound_file(m->resolved))
            diag_add(d, DIAG_ERROR, f, line, col,
                     _("%s '%s' is a sound file with no picture; a video slide needs a film"), what,
                     m->path);
        else
            diag_add(d, DIAG_ERROR, f, line, col,
                     _("%s '%s' is not a video file honorboard plays (MP4, MOV, WebM, MKV, AVI or "
                       "MPEG-TS; save or export it as MP4)"),
                     what, m->path);
        return;
    }
    struct video_info in;
    char err[512];
    if (video_probe(m->resolved, &in, err, sizeof err) < 0) {
        diag_add(d, DIAG_ERROR, f, line, col, _("%s '%s' cannot be played: %s"), what, m->path,
                 err);
        return;
    }
    if (in.duration <= 0) {
        diag_add(d, DIAG_ERROR, f, line, col,
                 _("%s '%s': its length is unknown (save or export it as MP4)"), what, m->path);
        return;
    }
    if (s->start >= in.duration) {
        diag_add(d, DIAG_ERROR, f, s->pos.line, s->pos.col,
                 _("%s '%s' is %.1fs long; 'start' (%gs) is after its end"), what, m->path,
                 in.duration, s->start);
        return;
    }
    if (s->end > in.duration + 0.5)
        diag_add(d, DIAG_WARNING, f, s->pos.line, s->pos.col,
                 _("%s '%s' is %.1fs long; 'end' (%gs) is after its end, so it plays to its end"),
                 what, m->path, in.duration, s->end);
    /* the end of what will play must decode too: a copy cut short fails here, not on screen */
    double end = s->end > 0 && s->end < in.duration ? s->end : in.duration;
    if (end > s->start + 0.5) { /* its last two seconds, played */
        struct video_opts o = {.start = s->start, .end = end < in.duration ? end : 0, .loops = 1};
        struct video *v = video_open(m->resolved, &o, 16, 16, err, sizeof err);
        if (v && video_play_tail(v, fmax(s->start, end - 2), err, sizeof err) < 0) {
            diag_add(d, DIAG_ERROR, f, line, col, _("%s '%s' cannot be played to its end: %s"),
                     what, m->path, err);
            video_destroy(v);
            return;
        }
        video_destroy(v);
    }
    bool big = fmax(in.w, in.h) > VIDEO_BOARD_W || fmin(in.w, in.h) > VIDEO_BOARD_H;
    if (big)
        diag_add(d, DIAG_WARNING, f, line, col,
                 _("%s '%s' is %dx%d; the board shows at most %dx%d, so decoding the extra pixels "
                   "only costs time (export it at 1920x1080)"),
                 what, m->path, in.w, in.h, VIDEO_BOARD_W, VIDEO_BOARD_H);
    if (in.fps > VIDEO_BOARD_FPS)
        diag_add(d, DIAG_WARNING, f, line, col,
                 _("%s '%s' has %.0f frames a second; the board is built for 30, more only costs "
                   "time (export it at 25 or 30)"),
                 what, m->path, in.fps);
}

void videoprobe_slide(const struct playlist *pl, const struct slide *s, struct diag *d)
{
    if (!s->video.path)
        return;
    struct diag quiet = {0}; /* the walk has said it already when the name or place is wrong */
    int ok = validate_media(pl, &s->video, "video", false, &quiet);
    diag_free(&quiet);
    char what[96];
    snprintf(what, sizeof what, _("slide %d (video): video"), s->index);
    if (ok == 0)
        check_clip(pl, s, what, d);
}
