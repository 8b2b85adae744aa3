/* slidekinds.c - the slide kinds, one descriptor each (slidekinds.h): the name an author writes,
 * the Chinese names she may write instead, the keys the kind allows beyond the common ones and
 * the parser of what it reads, and its reading-time rule. Adding a kind is adding it to
 * SLIDE_KINDS (playlist_values.h), a descriptor here and a layout (layout.c): a kind missing
 * from any of these does not compile. The key tables are the format's reference
 * (docs/playlist-format.md documents them). */
#include "model/slidekinds.h"
#include "base/i18n.h"
#include "base/schedule.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Per kind, beyond the common keys (playlist_slides.c). NULL-terminated. */
static const char *const story_keys[] = {"name", "unit",  "honor", "photo", "focus",
                                         "text", "title", "align", "lines", NULL};
static const char *const photo_keys[] = {"image", "caption", "fit", "focus", "title", NULL};
static const char *const text_keys[] = {"title", "subtitle",  "text", "align",
                                        "lines", "direction", NULL};
static const char *const roll_keys[] = {"title", "subtitle", "people", NULL};
static const char *const banner_keys[] = {"text", "speed", NULL};
static const char *const notice_keys[] = {"title", "number", "to",          "text",
                                          "sign",  "date",   "attachments", NULL};
static const char *const wall_keys[] = {"title", "subtitle", "people", "columns", "per_page", NULL};
static const char *const video_keys[] = {"video", "poster", "caption", "title",     "fit", "start",
                                         "end",   "loops",  "audio",   "subtitles", NULL};
static const char *const couplet_keys[] = {"first", "second", "top", NULL};
static const char *const gallery_keys[] = {"title", "text", "photos", "fit", NULL};
static const char *const countdown_keys[] = {"title", "date", "text", "lunar", NULL};
static const char *const calendar_keys[] = {"title", "text", "lunar", NULL};

/* Chinese names an author gives a kind ("type: 照片"): check names the English one. */
static const char *const story_zh[] = {"人物", "事迹", "先进事迹", "故事", NULL};
static const char *const photo_zh[] = {"照片", "图片", "相片", NULL};
static const char *const text_zh[] = {"文字", "文本", "新闻", NULL};
static const char *const roll_zh[] = {"名单", "光荣榜", "榜单", "荣誉榜", NULL};
static const char *const video_zh[] = {"视频", "宣传片", "影片", "短片", NULL};
static const char *const notice_zh[] = {"通知", "公告", "公文", "通告", NULL};
static const char *const wall_zh[] = {"照片墙", "光荣墙", "荣誉墙", NULL};
static const char *const banner_zh[] = {"横幅", "标语", "口号", "走字", "祝贺", NULL};
static const char *const couplet_zh[] = {"对联", "春联", "楹联", NULL};
static const char *const gallery_zh[] = {"图文", "组图", "相册", "活动照片", NULL};
static const char *const countdown_zh[] = {"倒计时", "倒数", NULL};
static const char *const calendar_zh[] = {"日期", "日历", "今日", "今天", NULL};

/* ---- what each kind reads beyond the common keys ---------------------------------------- */

static void parse_story(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    pnode_require(c, n, where, "name", NULL);
    pnode_require(c, n, where, "text", _("(the story itself)"));
    if ((v = ydoc_get(c->y, n, "name")))
        s->name = ydoc_text(c->y, v, where, "name");
    if ((v = ydoc_get(c->y, n, "unit")))
        s->unit = ydoc_text(c->y, v, where, "unit");
    if ((v = ydoc_get(c->y, n, "honor")))
        s->honor = ydoc_text(c->y, v, where, "honor");
    if ((v = ydoc_get(c->y, n, "photo")))
        pnode_media(c, v, where, "photo", &s->photo);
}

/* fit, shared by photo, video and gallery slides */
static void parse_fit(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    if ((v = ydoc_get(c->y, n, "fit"))) {
        const char *f = ydoc_scalar(c->y, v, where, "fit");
        if (f && strcmp(f, "cover") == 0)
            s->fit = FIT_COVER;
        else if (f && strcmp(f, "contain") == 0)
            s->fit = FIT_CONTAIN;
        else if (f)
            ydoc_err(
                c->y, v,
                s->type == SLIDE_VIDEO
                    ? _("%s'fit' is '%s'; use contain (the whole film) or cover (fill the screen)")
                : s->type == SLIDE_GALLERY
                    ? _("%s'fit' is '%s'; use contain (each photo whole, the default) or cover "
                        "(each photo fills its frame)")
                    : _("%s'fit' is '%s'; use cover (fill the screen) or contain (whole photo)"),
                where, f);
    }
}

/* caption and fit, shared by photo and video slides */
static void parse_caption_fit(struct pnode_ctx *c, yaml_node_t *n, struct slide *s,
                              const char *where)
{
    yaml_node_t *v;
    if ((v = ydoc_get(c->y, n, "caption")))
        s->caption = ydoc_text(c->y, v, where, "caption");
    parse_fit(c, n, s, where);
}

static void parse_photo(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    pnode_require(c, n, where, "image", _("(the photo to show)"));
    if ((v = ydoc_get(c->y, n, "image")))
        pnode_media(c, v, where, "image", &s->image);
    parse_caption_fit(c, n, s, where);
}

/* start/end: a time into the clip, written like a duration (12s, 1.5s, 1m) or 0 */
static void parse_clip_time(struct pnode_ctx *c, yaml_node_t *n, const char *where, const char *key,
                            double *out)
{
    const char *s = ydoc_scalar(c->y, n, where, key);
    double t;
    if (!s)
        return;
    if (playlist_parse_duration(s, &t) < 0)
        ydoc_err(c->y, n, _("%sbad '%s' time '%s' (seconds into the clip, like 12s, 1.5s or 1m)"),
                 where, key, s);
    else
        *out = t;
}

/* subtitles: true or false (unset: the file's Chinese subtitles, if it has them) */
static void parse_subtitles(struct pnode_ctx *c, yaml_node_t *v, struct slide *s, const char *where)
{
    const char *a = ydoc_scalar(c->y, v, where, "subtitles");
    if (a && (strcmp(a, "true") == 0 || strcmp(a, "yes") == 0))
        s->subtitles = 1;
    else if (a && (strcmp(a, "false") == 0 || strcmp(a, "no") == 0))
        s->subtitles = -1;
    else if (a)
        ydoc_err(c->y, v,
                 _("%s'subtitles' is '%s'; write true (show the film's subtitles) or false"), where,
                 a);
}

static void parse_video(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    pnode_require(c, n, where, "video", _("(the film to play: MP4, WebM, ...)"));
    if ((v = ydoc_get(c->y, n, "video"))) {
        pnode_media(c, v, where, "video", &s->video);
        s->video.is_video = true;
    }
    if ((v = ydoc_get(c->y, n, "poster")))
        pnode_media(c, v, where, "poster", &s->poster);
    s->fit = FIT_CONTAIN; /* a film is shown whole unless the playlist asks to fill the screen */
    parse_caption_fit(c, n, s, where);
    if ((v = ydoc_get(c->y, n, "start")))
        parse_clip_time(c, v, where, "start", &s->start);
    if ((v = ydoc_get(c->y, n, "end"))) {
        parse_clip_time(c, v, where, "end", &s->end);
        if (s->end > 0 && s->end <= s->start)
            ydoc_err(c->y, v, _("%s'end' (%gs) is not after 'start' (%gs): nothing would play"),
                     where, s->end, s->start);
    }
    if ((v = ydoc_get(c->y, n, "loops"))) {
        const char *l = ydoc_scalar(c->y, v, where, "loops");
        char *e = NULL;
        long k = l ? strtol(l, &e, 10) : 0;
        if (l && (!*l || *e || k < 1 || k > 1000))
            ydoc_err(c->y, v,
                     _("%s'loops' is '%s'; write how many times the film plays (1 to 1000)"), where,
                     l);
        else if (l)
            s->loops = (int)k;
    }
    if ((v = ydoc_get(c->y, n, "audio"))) {
        const char *a = ydoc_scalar(c->y, v, where, "audio");
        if (a && (strcmp(a, "true") == 0 || strcmp(a, "yes") == 0))
            s->audio = true;
        else if (a && (strcmp(a, "false") == 0 || strcmp(a, "no") == 0))
            s->audio = false;
        else if (a)
            ydoc_err(c->y, v, _("%s'audio' is '%s'; write true (play the sound) or false"), where,
                     a);
    }
    if ((v = ydoc_get(c->y, n, "subtitles")))
        parse_subtitles(c, v, s, where);
}

static void parse_text(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    pnode_require(c, n, where, "title", NULL);
    pnode_require(c, n, where, "text", NULL);
    if ((v = ydoc_get(c->y, n, "direction"))) {
        const char *d = ydoc_scalar(c->y, v, where, "direction");
        if (d && (strcmp(d, "vertical") == 0 || strcmp(d, "竖排") == 0))
            s->vertical = true;
        else if (d && (strcmp(d, "horizontal") == 0 || strcmp(d, "横排") == 0))
            s->vertical = false;
        else if (d)
            ydoc_err(c->y, v,
                     _("%s'direction' is '%s'; write vertical (columns, right to left) or "
                       "horizontal"),
                     where, d);
    }
}

/* a couplet (对联): the first line (上联) on the right, the second (下联) on the left, an
 * optional horizontal scroll (横批) across the top */
static void parse_couplet(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    pnode_require(c, n, where, "first", _("(the first line, 上联, shown on the right)"));
    pnode_require(c, n, where, "second", _("(the second line, 下联, shown on the left)"));
    if ((v = ydoc_get(c->y, n, "first")))
        s->first = ydoc_text(c->y, v, where, "first");
    if ((v = ydoc_get(c->y, n, "second")))
        s->second = ydoc_text(c->y, v, where, "second");
    if ((v = ydoc_get(c->y, n, "top")))
        s->top = ydoc_text(c->y, v, where, "top");
}

static void parse_roll(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    pnode_require(c, n, where, "title", NULL);
    yaml_node_t *v = ydoc_get(c->y, n, "people");
    if (!v) {
        ydoc_err(c->y, n, _("%smissing 'people' (the list of people on the roll)"), where);
        return;
    }
    if (v->type != YAML_SEQUENCE_NODE) {
        ydoc_err(c->y, v, _("%s'people' should be a list (each line starting with '- ')"), where);
        return;
    }
    size_t cnt = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    if (cnt == 0)
        ydoc_err(c->y, v, _("%s'people' is empty"), where);
    s->people = xcalloc(cnt, sizeof *s->people);
    for (size_t i = 0; i < cnt; i++) {
        yaml_node_t *pn = yaml_document_get_node(&c->y->doc, v->data.sequence.items.start[i]);
        char w2[96];
        snprintf(w2, sizeof w2, _("slide %d (%s): person %zu: "), s->index,
                 slide_type_names[s->type], i + 1);
        pnode_person(c, pn, &s->people[s->npeople++], w2);
    }
}

/* The most people one wall takes (ten pages of 24): more belong on several walls. */
#define WALL_MAX_PEOPLE 240

/* A whole number key in [lo, hi] (0 when absent). */
static int parse_count(struct pnode_ctx *c, yaml_node_t *n, const char *where, const char *key,
                       int lo, int hi, const char *fmt)
{
    yaml_node_t *v = ydoc_get(c->y, n, key);
    const char *t = v ? ydoc_scalar(c->y, v, where, key) : NULL;
    if (!t)
        return 0;
    char *e = NULL;
    long k = strtol(t, &e, 10);
    if (!*t || *e || k < lo || k > hi) {
        ydoc_err(c->y, v, fmt, where, t, lo, hi);
        return 0;
    }
    return (int)k;
}

static void parse_wall(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v = ydoc_get(c->y, n, "people");
    if (v && v->type == YAML_SEQUENCE_NODE &&
        v->data.sequence.items.top - v->data.sequence.items.start > WALL_MAX_PEOPLE) {
        ydoc_err(c->y, v,
                 _("%sa wall holds at most %d people, this one has %ld; split them over several "
                   "walls"),
                 where, WALL_MAX_PEOPLE,
                 (long)(v->data.sequence.items.top - v->data.sequence.items.start));
        pnode_require(c, n, where, "title", NULL);
        return; /* not read: a mistake this size is not worth 500 more messages */
    }
    parse_roll(c, n, s, where);
    s->columns =
        parse_count(c, n, where, "columns", 1, 12,
                    _("%s'columns' is '%s'; write how many photos a row holds (%d to %d)"));
    s->per_page = parse_count(c, n, where, "per_page", 4, 24,
                              _("%s'per_page' is '%s'; write how many people a page shows (%d to "
                                "%d)"));
}

/* The most attachments a notice lists. */
#define NOTICE_MAX_ATTACHMENTS 20

static void parse_notice(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    pnode_require(c, n, where, "title", NULL);
    pnode_require(c, n, where, "text", _("(the notice itself)"));
    char **fields[] = {&s->number, &s->to, &s->sign, &s->date};
    static const char *const keys[] = {"number", "to", "sign", "date"};
    for (size_t k = 0; k < 4; k++)
        if ((v = ydoc_get(c->y, n, keys[k])))
            *fields[k] = ydoc_text(c->y, v, where, keys[k]);
    if (!(v = ydoc_get(c->y, n, "attachments")))
        return;
    if (v->type != YAML_SEQUENCE_NODE) {
        ydoc_err(c->y, v,
                 _("%s'attachments' should be a list (each attachment's title on a line starting "
                   "with '- ')"),
                 where);
        return;
    }
    size_t cnt = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    if (cnt > NOTICE_MAX_ATTACHMENTS) {
        ydoc_err(c->y, v, _("%sa notice lists at most %d attachments, this one has %zu"), where,
                 NOTICE_MAX_ATTACHMENTS, cnt);
        return;
    }
    s->attachments = xcalloc(cnt ? cnt : 1, sizeof *s->attachments);
    for (size_t i = 0; i < cnt; i++) {
        yaml_node_t *an = yaml_document_get_node(&c->y->doc, v->data.sequence.items.start[i]);
        char *t = ydoc_text(c->y, an, where, "attachments");
        if (t)
            s->attachments[s->nattachments++] = t;
    }
}

/* The longest slogan a banner takes: one or two lines across a screen. */
#define BANNER_MAX_CHARS 200

static void parse_banner(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    pnode_require(c, n, where, "text", _("(the slogan)"));
    s->speed = 4;
    size_t len = s->text ? utf8_count(s->text) : 0;
    if (len > BANNER_MAX_CHARS && (v = ydoc_get(c->y, n, "text")))
        ydoc_err(c->y, v,
                 _("%sa banner is a slogan of at most %d characters, this one has %zu; use a "
                   "text slide for longer text"),
                 where, BANNER_MAX_CHARS, len);
    if ((v = ydoc_get(c->y, n, "speed"))) {
        const char *sp = ydoc_scalar(c->y, v, where, "speed");
        char *e = NULL;
        double k = sp ? strtod(sp, &e) : 0;
        if (sp && (!*sp || *e || !(k >= 1 && k <= 50)))
            ydoc_err(c->y, v,
                     _("%s'speed' is '%s'; write how many characters a second the text runs on a "
                       "strip (1 to 50)"),
                     where, sp);
        else if (sp)
            s->speed = k;
    }
}

/* ---- gallery, countdown, calendar -------------------------------------------------------- */

/* How many photos a gallery (图文) shows: two to four, each big enough to see. */
#define GALLERY_MIN_PHOTOS 2
#define GALLERY_MAX_PHOTOS 4
/* The longest short text under a gallery's photos (a story slide holds a longer one). */
#define GALLERY_MAX_TEXT 150

static const char *const gallery_photo_keys[] = {"image", "caption", "focus", NULL};

/* One photo of a gallery: { image, caption, focus }, or just the file's name. */
static void parse_gallery_photo(struct pnode_ctx *c, yaml_node_t *n, struct gallery_photo *g,
                                const char *where)
{
    g->focus_x = 0.5, g->focus_y = 0.3, g->pos = ydoc_pos(n);
    if (n->type == YAML_SCALAR_NODE) {
        pnode_media(c, n, where, "image", &g->image);
        return;
    }
    if (n->type != YAML_MAPPING_NODE) {
        ydoc_err(c->y, n,
                 _("%sa gallery photo should be keys like { image: photos/a.jpg, caption: 开幕式 "
                   "}"),
                 where);
        return;
    }
    ydoc_check_keys(c->y, n, where, gallery_photo_keys, NULL);
    pnode_require(c, n, where, "image", _("(the photo's file)"));
    pnode_reject_blank(c, n, where);
    yaml_node_t *v;
    if ((v = ydoc_get(c->y, n, "image")))
        pnode_media(c, v, where, "image", &g->image);
    if ((v = ydoc_get(c->y, n, "caption")))
        g->caption = ydoc_text(c->y, v, where, "caption");
    if ((v = ydoc_get(c->y, n, "focus")))
        pnode_focus(c, v, where, &g->focus_x, &g->focus_y);
}

static void parse_gallery(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    pnode_require(c, n, where, "title", NULL);
    s->fit = FIT_CONTAIN; /* each photo whole, in its own shape, unless the slide asks to fill */
    parse_fit(c, n, s, where);
    yaml_node_t *v;
    size_t len = s->text ? utf8_count(s->text) : 0;
    if (len > GALLERY_MAX_TEXT && (v = ydoc_get(c->y, n, "text")))
        ydoc_err(c->y, v,
                 _("%sa gallery's text is a short note of at most %d characters, this one has "
                   "%zu; use a story or text slide for longer text"),
                 where, GALLERY_MAX_TEXT, len);
    if (!(v = ydoc_get(c->y, n, "photos"))) {
        if (!pnode_key_meant(c, n, "photos")) /* 图片: or images: is named as photos */
            ydoc_err(c->y, n,
                     _("%smissing 'photos' (the list of %d to %d photos, each with its caption)"),
                     where, GALLERY_MIN_PHOTOS, GALLERY_MAX_PHOTOS);
        return;
    }
    if (v->type != YAML_SEQUENCE_NODE) {
        ydoc_err(c->y, v,
                 _("%s'photos' should be a list (each photo on a line starting with '- ')"), where);
        return;
    }
    size_t cnt = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    bool fits = cnt >= GALLERY_MIN_PHOTOS && cnt <= GALLERY_MAX_PHOTOS;
    if (!fits)
        ydoc_err(c->y, v, _("%sa gallery shows %d to %d photos, this one has %zu; %s"), where,
                 GALLERY_MIN_PHOTOS, GALLERY_MAX_PHOTOS, cnt,
                 cnt < GALLERY_MIN_PHOTOS ? _("one photo is a photo slide")
                                          : _("split them over several galleries"));
    /* each photo is read all the same, so how it is written is named now, not after the count
     * is mended; a gallery of the wrong count keeps none (its files are checked once split) */
    struct gallery_photo *ph = xcalloc(cnt ? cnt : 1, sizeof *ph);
    for (size_t i = 0; i < cnt; i++) {
        yaml_node_t *pn = yaml_document_get_node(&c->y->doc, v->data.sequence.items.start[i]);
        char w2[96];
        snprintf(w2, sizeof w2, _("slide %d (%s): photo %zu: "), s->index,
                 slide_type_names[s->type], i + 1);
        parse_gallery_photo(c, pn, &ph[i], w2);
        if (!fits)
            free(ph[i].image.path), free(ph[i].image.resolved), free(ph[i].caption);
    }
    if (fits)
        s->photos = ph, s->nphotos = cnt;
    else
        free(ph);
}

/* lunar: true puts the 农历 date under today's. */
static void parse_lunar(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v = ydoc_get(c->y, n, "lunar");
    const char *l = v ? ydoc_scalar(c->y, v, where, "lunar") : NULL;
    if (l && (strcmp(l, "true") == 0 || strcmp(l, "yes") == 0)) {
        s->lunar = true;
#ifdef _WIN32 /* ICU's calendars are not in the Windows build: say so, not a silent gap */
        ydoc_warn(c->y, v,
                  _("%sthe 农历 date is not drawn in this PC's preview; the board shows it"),
                  where);
#endif
    } else if (l && strcmp(l, "false") != 0 && strcmp(l, "no") != 0)
        ydoc_err(c->y, v, _("%s'lunar' is '%s'; write true (show the 农历 date too) or false"),
                 where, l);
}

/* The words the screen puts around a countdown's title (距“春节”还有 N 天, 今天就是“春节”). */
static const char *const countdown_before[] = {"距离", "距", NULL};
static const char *const countdown_after[] = {"还有", "还剩", "倒计时", "倒数", NULL};

/* A title written as the sentence (距离春节还有, 春节倒计时) would be said twice, 距“距离春节还有”
 * 还有 61 天: the screen's own words are taken off, and a warning says what shows. Taken off
 * rather than only warned about: the board shows the sentence right even when nobody reads
 * check's output, and the words taken are never part of a day's name. */
static void countdown_title(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    const char *t = s->title;
    size_t len = t ? strlen(t) : 0, a = 0, b = 0;
    for (size_t i = 0; t && countdown_before[i] && !a; i++)
        if (strncmp(t, countdown_before[i], strlen(countdown_before[i])) == 0)
            a = strlen(countdown_before[i]);
    for (size_t i = 0; t && countdown_after[i] && !b; i++) {
        size_t l = strlen(countdown_after[i]);
        if (len >= a + l && strcmp(t + len - l, countdown_after[i]) == 0)
            b = l;
    }
    if (!a && b && strncmp(t, "离", strlen("离")) == 0) /* 离春节还有: 离 only with 还有 */
        a = strlen("离");
    while (a + b < len && t[a] == ' ')
        a++;
    while (a + b < len && t[len - b - 1] == ' ')
        b++;
    if ((!a && !b) || a + b >= len)
        return;
    char *name = xasprintf("%.*s", (int)(len - a - b), t + a);
    ydoc_warn(c->y, ydoc_get(c->y, n, "title"),
              _("%sa countdown's 'title' is only the name of the day (%s): the screen says "
                "距“%s”还有 N 天; write title: %s"),
              where, name, name, name);
    free(s->title);
    s->title = name;
}

/* 距“春节”还有 N 天: title is what is counted down to, date the day. */
static void parse_countdown(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    countdown_title(c, n, s, where);
    pnode_require(c, n, where, "title", _("(what is counted down to: 春节, 建党节 ...)"));
    pnode_require(c, n, where, "date", _("(the day counted down to, like 2027-02-06)"));
    yaml_node_t *v = ydoc_get(c->y, n, "date");
    const char *d = v ? ydoc_scalar(c->y, v, where, "date") : NULL;
    if (d && schedule_parse_date(d, &s->target) < 0)
        ydoc_err(c->y, v,
                 _("%s'date' is '%s'; write the day counted down to as year-month-day, like "
                   "2027-02-06"),
                 where, d);
    parse_lunar(c, n, s, where);
}

/* today's date, large: the weekday, optionally the 农历 date, a title and a line of text */
static void parse_calendar(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    parse_lunar(c, n, s, where);
}

/* ---- the descriptors ------------------------------------------------------------------------ */

/* DESCRIBE(name, reading) makes slide_kind_NAME from NAME_zh, NAME_keys and parse_NAME, and its
 * reading rule: a kind missing any of them does not compile, and its name is SLIDE_KINDS's. */
#define DESCRIBE(name_, ...)                                                                       \
    static const struct slide_kind slide_kind_##name_ = {.name = #name_,                           \
                                                         .zh = name_##_zh,                         \
                                                         .keys = name_##_keys,                     \
                                                         .parse = parse_##name_,                   \
                                                         .reading = __VA_ARGS__}

DESCRIBE(story, {.text = true, .advise = true});
DESCRIBE(photo, {0});
DESCRIBE(text, {.text = true, .advise = true});
DESCRIBE(roll, {.text = true, .chars_per_person = 12});
DESCRIBE(video, {.clip = true});
DESCRIBE(couplet, {0});
DESCRIBE(gallery, {.text = true});
#undef DESCRIBE

static const struct slide_kind slide_kind_countdown = {.name = "countdown",
                                                       .zh = countdown_zh,
                                                       .keys = countdown_keys,
                                                       .parse = parse_countdown,
                                                       .daily = true};
static const struct slide_kind slide_kind_calendar = {.name = "calendar",
                                                      .zh = calendar_zh,
                                                      .keys = calendar_keys,
                                                      .parse = parse_calendar,
                                                      .daily = true};
static const struct slide_kind slide_kind_notice = {.name = "notice",
                                                    .zh = notice_zh,
                                                    .keys = notice_keys,
                                                    .parse = parse_notice,
                                                    .reading = {.text = true, .advise = true}};
static const struct slide_kind slide_kind_wall = {
    .name = "wall",
    .zh = wall_zh,
    .keys = wall_keys,
    .parse = parse_wall,
    .reading = {.text = true, .chars_per_person = 12}};
static const struct slide_kind slide_kind_banner = {.name = "banner",
                                                    .zh = banner_zh,
                                                    .keys = banner_keys,
                                                    .parse = parse_banner,
                                                    .reading = {.text = true}};

/* Indexed by enum slide_type, generated from SLIDE_KINDS: a kind without its descriptor
 * (slide_kind_NAME) does not compile. */
#define KIND_ENTRY(ID, name) [SLIDE_##ID] = &slide_kind_##name,
const struct slide_kind *const slide_kinds[SLIDE_TYPE_COUNT] = {SLIDE_KINDS(KIND_ENTRY)};
#undef KIND_ENTRY

const struct slide_kind *slide_kind_of(int type)
{
    return type >= 0 && type < SLIDE_TYPE_COUNT ? slide_kinds[type] : NULL;
}

int slide_kind_by_name(const char *name)
{
    for (int i = 0; name && i < SLIDE_TYPE_COUNT; i++)
        if (strcmp(name, slide_kinds[i]->name) == 0)
            return i;
    return -1;
}

int slide_kind_by_zh(const char *name)
{
    for (int i = 0; name && i < SLIDE_TYPE_COUNT; i++)
        for (const char *const *z = slide_kinds[i]->zh; z && *z; z++)
            if (strcmp(name, *z) == 0)
                return i;
    return -1;
}

char *slide_kind_list(void)
{
    char *out = xstrdup(slide_kinds[0]->name);
    for (int i = 1; i < SLIDE_TYPE_COUNT; i++) {
        /* TRANSLATORS: joins the names of the slide kinds: "story, photo" / "text or roll" */
        char *next = xasprintf(i + 1 < SLIDE_TYPE_COUNT ? _("%s, %s") : _("%s or %s"), out,
                               slide_kinds[i]->name);
        free(out);
        out = next;
    }
    return out;
}
