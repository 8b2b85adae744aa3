/* playlist.c - YAML playlist (libyaml document API) -> struct playlist, with structural checks.
 *
 * Every message names file:line:col of the node it is about (libyaml marks are 0-based: +1).
 * Key tables below are the format's reference: README.md documents the same keys. */
#include "playlist.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "yamldoc.h"
#include "i18n.h"
#include "slips.h"

/* Keys allowed in each mapping. NULL-terminated. */
static const char *const top_keys[] = {"honorboard", "title", "subtitle", "theme", "defaults",
                                       "slides", "schedule", "ticker", NULL};
static const char *const schedule_keys[] = {"from", "until", "days", "hours", NULL};
static const char *const theme_keys[] = {"background", "accent", "text", "font", "emblem", NULL};
static const char *const defaults_keys[] = {"duration", "transition", "transition_duration", NULL};
static const char *const person_keys[] = {"name", "honor", "unit", "photo", "focus", NULL};
/* Per slide type; "type", "duration", "transition", "transition_duration" are allowed for all. */
static const char *const common_slide_keys[] = {"type", "duration", "transition",
                                                "transition_duration", "schedule", NULL};
static const char *const story_keys[] = {"name", "unit", "honor", "photo", "focus", "text",
                                         "title", "align", "lines", NULL};
static const char *const photo_keys[] = {"image", "caption", "fit", "focus", "title", NULL};
static const char *const text_keys[] = {"title", "subtitle", "text", "align", "lines", NULL};
static const char *const roll_keys[] = {"title", "subtitle", "people", NULL};
static const char *const video_keys[] = {"video", "poster", "caption", "title", "fit", "start",
                                         "end", "loops", "audio", NULL};

const struct theme playlist_default_theme = {
    .background = {0x8E, 0x1B, 0x1B, 255},
    .accent = {0xF3, 0xC9, 0x69, 255},
    .text = {0xFF, 0xFF, 0xFF, 255},
};

struct ctx {
    struct ydoc *y;
    struct playlist *pl;
};

/* duration: 12s | auto. Stores into *secs / *is_auto. */
static void parse_duration_node(struct ctx *c, yaml_node_t *n, const char *where, double *secs,
                                bool *is_auto)
{
    const char *s = ydoc_scalar(c->y, n, where, "duration");
    if (!s)
        return;
    if (strcmp(s, "auto") == 0) {
        *is_auto = true;
        return;
    }
    double v;
    if (playlist_parse_duration(s, &v) < 0 || v <= 0)
        ydoc_err(c->y, n, _("%sbad duration '%s' (write it like 12s, 1.5s, 500ms, 2m or auto)"), where, s);
    else if (v < 1)
        ydoc_err(c->y, n, _("%sduration '%s' is too short to read (at least 1s)"), where, s);
    else
        *secs = v;
}

static void parse_transition_node(struct ctx *c, yaml_node_t *n, const char *where, int *out)
{
    const char *s = ydoc_scalar(c->y, n, where, "transition");
    if (!s)
        return;
    int t = playlist_transition_by_name(s);
    if (t >= 0) {
        *out = t;
        return;
    }
    const char *sug = ydoc_suggest(s, transition_names, TRANS_COUNT);
    struct strbuf all = {0};
    for (int i = 0; i < TRANS_COUNT; i++)
        sb_printf(&all, "%s%s", i ? ", " : "", transition_names[i]);
    if (sug)
        ydoc_err(c->y, n, _("%sunknown transition '%s' (did you mean '%s'?)"), where, s, sug);
    else
        ydoc_err(c->y, n, _("%sunknown transition '%s' (one of: %s)"), where, s, all.s);
    sb_free(&all);
}

static void parse_transition_time(struct ctx *c, yaml_node_t *n, const char *where, double *out)
{
    const char *s = ydoc_scalar(c->y, n, where, "transition_duration");
    double v;
    if (!s)
        return;
    if (playlist_parse_duration(s, &v) < 0 || v > 10)
        ydoc_err(c->y, n, _("%sbad transition_duration '%s' (like 0.8s or 500ms, at most 10s)"), where, s);
    else
        *out = v;
}

static void parse_media(struct ctx *c, yaml_node_t *n, const char *where, const char *key,
                        struct media_ref *m)
{
    const char *s = ydoc_scalar(c->y, n, where, key);
    if (!s)
        return;
    if (!*s) {
        ydoc_err(c->y, n, _("%s'%s' is empty"), where, key);
        return;
    }
    for (const char *q = s; *q; q++) {
        if ((unsigned char)*q < 0x20) { /* "photos\new.jpg" in double quotes: \n became a line break */
            ydoc_err(c->y, n, _("%s'%s' holds a line break or a tab; write file names on one line"),
                     where, key);
            return;
        }
    }
    free(m->path);
    free(m->resolved);
    m->path = xstrdup(s);
    m->resolved = path_join(c->pl->dir, s);
    m->pos = ydoc_pos(n);
}

static void parse_focus(struct ctx *c, yaml_node_t *n, const char *where, double *fx, double *fy)
{
    if (n->type != YAML_SEQUENCE_NODE ||
        n->data.sequence.items.top - n->data.sequence.items.start != 2) {
        ydoc_err(c->y, n, _("%s'focus' should be two numbers [x, y] between 0 and 1"), where);
        return;
    }
    double v[2];
    for (int i = 0; i < 2; i++) {
        yaml_node_t *it = yaml_document_get_node(&c->y->doc, n->data.sequence.items.start[i]);
        char *end = NULL;
        const char *s = it && it->type == YAML_SCALAR_NODE ? (const char *)it->data.scalar.value : "";
        v[i] = strtod(s, &end);
        if (!*s || *end || v[i] < 0 || v[i] > 1) {
            ydoc_err(c->y, it ? it : n, _("%s'focus' values must be numbers between 0 and 1, not '%s'"), where, s);
            return;
        }
    }
    *fx = v[0];
    *fy = v[1];
}

static void parse_schedule(struct ctx *c, yaml_node_t *n, const char *where, struct schedule *out)
{
    if (n->type != YAML_MAPPING_NODE) {
        ydoc_err(c->y, n, _("%s'schedule' should be keys: from, until, days, hours"), where);
        return;
    }
    char w[160];
    snprintf(w, sizeof w, _("%sschedule: "), where);
    ydoc_check_keys(c->y, n, w, schedule_keys, NULL);
    struct schedule sc = {.set = true};
    yaml_node_t *v;
    static const char *const dkeys[] = {"from", "until"};
    int *dates[] = {&sc.from, &sc.until};
    for (int i = 0; i < 2; i++) {
        if (!(v = ydoc_get(c->y, n, dkeys[i])))
            continue;
        const char *s = ydoc_scalar(c->y, v, w, dkeys[i]);
        if (s && schedule_parse_date(s, dates[i]) < 0)
            ydoc_err(c->y, v, _("%sbad date '%s' for '%s' (write it like 2026-03-01)"), w, s, dkeys[i]);
    }
    if (sc.from && sc.until && sc.from > sc.until)
        ydoc_err(c->y, n, _("%s'from' is after 'until': it would never show"), w);
    if ((v = ydoc_get(c->y, n, "days"))) {
        const char **items = NULL;
        int k = ydoc_strings(c->y, v, w, "days", &items);
        for (int i = 0; i < k; i++) {
            unsigned m;
            if (schedule_parse_days(items[i], &m) < 0)
                ydoc_err(c->y, v, _("%sbad days '%s' (like mon-fri, sat, or mon,wed,fri)"), w, items[i]);
            else
                sc.days |= m;
        }
        free(items);
    }
    if ((v = ydoc_get(c->y, n, "hours"))) {
        const char **items = NULL;
        int k = ydoc_strings(c->y, v, w, "hours", &items);
        for (int i = 0; i < k; i++) {
            int a, b;
            if (schedule_parse_window(items[i], &a, &b) < 0)
                ydoc_err(c->y, v, _("%sbad hours '%s' (like \"07:30-12:00\" or \"22:00-02:00\", in quotes)"),
                         w, items[i]);
            else if (sc.nwindows == SCHEDULE_MAX_WINDOWS)
                ydoc_err(c->y, v, _("%sat most %d hour windows"), w, SCHEDULE_MAX_WINDOWS);
            else
                sc.windows[sc.nwindows].start = a, sc.windows[sc.nwindows++].end = b;
        }
        free(items);
    }
    *out = sc;
}

/* Does map hold a Chinese key meaning `key` (照片 for photo)? */
static bool zh_key_for(struct ctx *c, yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(&c->y->doc, p->key);
        const char *en = k && k->type == YAML_SCALAR_NODE
                             ? slips_english_key((const char *)k->data.scalar.value) : NULL;
        for (const char *e = en; e && *e;) {
            size_t l = strcspn(e, " ");
            if (l == strlen(key) && strncmp(e, key, l) == 0)
                return true;
            e += l;
            while (*e == ' ')
                e++;
        }
    }
    return false;
}

/* Chinese names an author gives a slide type, and the type they mean. */
static const struct {
    const char *zh;
    enum slide_type type;
} zh_types[] = {
    {"人物", SLIDE_STORY}, {"事迹", SLIDE_STORY}, {"先进事迹", SLIDE_STORY}, {"故事", SLIDE_STORY},
    {"照片", SLIDE_PHOTO}, {"图片", SLIDE_PHOTO}, {"相片", SLIDE_PHOTO},   {"文字", SLIDE_TEXT},
    {"文本", SLIDE_TEXT},  {"通知", SLIDE_TEXT},  {"公告", SLIDE_TEXT},     {"新闻", SLIDE_TEXT},
    {"名单", SLIDE_ROLL},  {"光荣榜", SLIDE_ROLL}, {"榜单", SLIDE_ROLL},    {"荣誉榜", SLIDE_ROLL},
    {"视频", SLIDE_VIDEO}, {"宣传片", SLIDE_VIDEO}, {"影片", SLIDE_VIDEO},   {"短片", SLIDE_VIDEO},
};

static void require(struct ctx *c, yaml_node_t *map, const char *where, const char *key,
                    const char *hint)
{
    yaml_node_t *v = ydoc_get(c->y, map, key);
    if (!v && zh_key_for(c, map, key))
        return; /* 姓名: ... was written for name: the unknown-key message says so */
    if (!v || ydoc_is_empty(v))
        ydoc_err(c->y, map, _("%smissing '%s'%s%s"), where, key, hint ? " " : "", hint ? hint : "");
}

/* True when the scalar holds nothing a screen can show: spaces, ideographic spaces, newlines. */
static bool scalar_blank(const yaml_node_t *v)
{
    const unsigned char *s = v->data.scalar.value;
    size_t n = v->data.scalar.length;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
            continue;
        if (i + 2 < n && s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80) { /* U+3000 */
            i += 2;
            continue;
        }
        return false;
    }
    return true;
}

/* A text, title or name written but empty ("", or only spaces) would put nothing on the screen
 * (an empty story leaves half of it bare): an error at the value. An absent or bare `key:` is
 * require()'s "missing". */
static void reject_blank(struct ctx *c, yaml_node_t *map, const char *where)
{
    static const char *const keys[] = {"name", "title", "text"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        yaml_node_t *v = ydoc_get(c->y, map, keys[k]);
        if (v && v->type == YAML_SCALAR_NODE && !ydoc_is_empty(v) && scalar_blank(v))
            ydoc_err(c->y, v, _("%s'%s' is empty: write what the screen should show"), where,
                     keys[k]);
    }
}

static void parse_person(struct ctx *c, yaml_node_t *n, struct person *p, const char *where)
{
    p->focus_x = 0.5;
    p->focus_y = 0.3;
    p->pos = ydoc_pos(n);
    if (n->type != YAML_MAPPING_NODE) {
        ydoc_err(c->y, n, _("%sa person should be keys like { name: 余程, honor: 优秀党员, photo: ... }"),
            where);
        return;
    }
    ydoc_check_keys(c->y, n, where, person_keys, NULL);
    require(c, n, where, "name", NULL);
    reject_blank(c, n, where);
    yaml_node_t *v;
    if ((v = ydoc_get(c->y, n, "name")))
        p->name = ydoc_text(c->y, v, where, "name");
    if ((v = ydoc_get(c->y, n, "honor")))
        p->honor = ydoc_text(c->y, v, where, "honor");
    if ((v = ydoc_get(c->y, n, "unit")))
        p->unit = ydoc_text(c->y, v, where, "unit");
    if ((v = ydoc_get(c->y, n, "photo")))
        parse_media(c, v, where, "photo", &p->photo);
    if ((v = ydoc_get(c->y, n, "focus")))
        parse_focus(c, v, where, &p->focus_x, &p->focus_y);
}

/* ---- the slide kinds: each one's keys and what it reads beyond the common keys ------------ */

static void parse_story(struct ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    require(c, n, where, "name", NULL);
    require(c, n, where, "text", _("(the story itself)"));
    if ((v = ydoc_get(c->y, n, "name")))
        s->name = ydoc_text(c->y, v, where, "name");
    if ((v = ydoc_get(c->y, n, "unit")))
        s->unit = ydoc_text(c->y, v, where, "unit");
    if ((v = ydoc_get(c->y, n, "honor")))
        s->honor = ydoc_text(c->y, v, where, "honor");
    if ((v = ydoc_get(c->y, n, "photo")))
        parse_media(c, v, where, "photo", &s->photo);
}

/* caption and fit, shared by photo and video slides */
static void parse_caption_fit(struct ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    if ((v = ydoc_get(c->y, n, "caption")))
        s->caption = ydoc_text(c->y, v, where, "caption");
    if ((v = ydoc_get(c->y, n, "fit"))) {
        const char *f = ydoc_scalar(c->y, v, where, "fit");
        if (f && strcmp(f, "cover") == 0)
            s->fit = FIT_COVER;
        else if (f && strcmp(f, "contain") == 0)
            s->fit = FIT_CONTAIN;
        else if (f)
            ydoc_err(c->y, v, s->type == SLIDE_VIDEO
                ? _("%s'fit' is '%s'; use contain (the whole film) or cover (fill the screen)")
                : _("%s'fit' is '%s'; use cover (fill the screen) or contain (whole photo)"),
                where, f);
    }
}

static void parse_photo(struct ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    require(c, n, where, "image", _("(the photo to show)"));
    if ((v = ydoc_get(c->y, n, "image")))
        parse_media(c, v, where, "image", &s->image);
    parse_caption_fit(c, n, s, where);
}

/* start/end: a time into the clip, written like a duration (12s, 1.5s, 1m) or 0 */
static void parse_clip_time(struct ctx *c, yaml_node_t *n, const char *where, const char *key,
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

static void parse_video(struct ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    yaml_node_t *v;
    require(c, n, where, "video", _("(the film to play: MP4, WebM, ...)"));
    if ((v = ydoc_get(c->y, n, "video"))) {
        parse_media(c, v, where, "video", &s->video);
        s->video.is_video = true;
    }
    if ((v = ydoc_get(c->y, n, "poster")))
        parse_media(c, v, where, "poster", &s->poster);
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
            ydoc_err(c->y, v, _("%s'loops' is '%s'; write how many times the film plays (1 to 1000)"),
                where, l);
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
            ydoc_err(c->y, v, _("%s'audio' is '%s'; write true (play the sound) or false"), where, a);
    }
}

static void parse_text(struct ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    (void)s;
    require(c, n, where, "title", NULL);
    require(c, n, where, "text", NULL);
}

static void parse_roll(struct ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    require(c, n, where, "title", NULL);
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
        snprintf(w2, sizeof w2, _("slide %d (roll): person %zu: "), s->index, i + 1);
        parse_person(c, pn, &s->people[s->npeople++], w2);
    }
}

/* The slide kinds, indexed by enum slide_type (names in slide_type_names): the keys each allows
 * beyond the common ones, and its parser. layout.c has the matching table of layouts. */
static const struct {
    const char *const *keys;
    void (*parse)(struct ctx *c, yaml_node_t *n, struct slide *s, const char *where);
} kinds[] = {
    [SLIDE_STORY] = {story_keys, parse_story}, [SLIDE_PHOTO] = {photo_keys, parse_photo},
    [SLIDE_TEXT] = {text_keys, parse_text},    [SLIDE_ROLL] = {roll_keys, parse_roll},
    [SLIDE_VIDEO] = {video_keys, parse_video},
};
_Static_assert(sizeof kinds / sizeof *kinds == SLIDE_TYPE_COUNT, "one entry per slide type");

static void parse_slide(struct ctx *c, yaml_node_t *n, struct slide *s, int index)
{
    s->index = index;
    s->pos = ydoc_pos(n);
    s->transition = -1;
    s->transition_time = -1;
    s->focus_x = 0.5;
    s->focus_y = 0.3;
    s->align = ALIGN_JUSTIFY;
    s->type = SLIDE_TEXT;
    s->loops = 1;
    char where[64];
    snprintf(where, sizeof where, _("slide %d: "), index);
    if (n->type != YAML_MAPPING_NODE) {
        ydoc_err(c->y, n, _("%sshould be keys (type: story, name: ..., ...), not %s"), where,
            ydoc_kind_name(n));
        s->type = SLIDE_TYPE_COUNT; /* unusable */
        return;
    }
    yaml_node_t *tn = ydoc_get(c->y, n, "type");
    const char *type = tn ? ydoc_scalar(c->y, tn, where, "type") : NULL;
    if (!tn) {
        ydoc_err(c->y, n, _("%smissing 'type' (story, photo, text, roll or video)"), where);
        s->type = SLIDE_TYPE_COUNT;
        return;
    }
    if (!type) {
        s->type = SLIDE_TYPE_COUNT;
        return;
    }
    int t = -1;
    for (int i = 0; i < SLIDE_TYPE_COUNT; i++)
        if (strcmp(type, slide_type_names[i]) == 0)
            t = i;
    for (size_t i = 0; t < 0 && i < sizeof zh_types / sizeof *zh_types; i++) {
        if (strcmp(type, zh_types[i].zh) == 0) {
            ydoc_err(c->y, tn, _("%stypes are written in English: for '%s' write 'type: %s'"),
                     where, type, slide_type_names[zh_types[i].type]);
            s->type = SLIDE_TYPE_COUNT;
            return;
        }
    }
    if (t < 0) {
        const char *sug = ydoc_suggest(type, slide_type_names, SLIDE_TYPE_COUNT);
        if (sug)
            ydoc_err(c->y, tn, _("%sunknown type '%s' (did you mean '%s'?)"), where, type, sug);
        else
            ydoc_err(c->y, tn, _("%sunknown type '%s' (story, photo, text, roll or video)"), where, type);
        s->type = SLIDE_TYPE_COUNT;
        return;
    }
    s->type = (enum slide_type)t;
    snprintf(where, sizeof where, _("slide %d (%s): "), index, type);
    ydoc_check_keys(c->y, n, where, common_slide_keys, kinds[t].keys);

    yaml_node_t *v;
    if ((v = ydoc_get(c->y, n, "duration")))
        parse_duration_node(c, v, where, &s->duration, &s->duration_auto);
    if ((v = ydoc_get(c->y, n, "transition")))
        parse_transition_node(c, v, where, &s->transition);
    if ((v = ydoc_get(c->y, n, "transition_duration")))
        parse_transition_time(c, v, where, &s->transition_time);
    if ((v = ydoc_get(c->y, n, "schedule")))
        parse_schedule(c, v, where, &s->schedule);
    if ((v = ydoc_get(c->y, n, "title")))
        s->title = ydoc_text(c->y, v, where, "title");
    if ((v = ydoc_get(c->y, n, "subtitle")))
        s->subtitle = ydoc_text(c->y, v, where, "subtitle");
    if ((v = ydoc_get(c->y, n, "text")))
        s->text = ydoc_text(c->y, v, where, "text");
    if ((v = ydoc_get(c->y, n, "focus")))
        parse_focus(c, v, where, &s->focus_x, &s->focus_y);
    if ((v = ydoc_get(c->y, n, "align"))) {
        static const char *const aligns[] = {"left", "center", "right", "justify", NULL};
        const char *a = ydoc_scalar(c->y, v, where, "align");
        int found = -1;
        for (int i = 0; a && aligns[i]; i++)
            if (strcmp(a, aligns[i]) == 0)
                found = i;
        if (a && found < 0)
            ydoc_err(c->y, v, _("%s'align' is '%s'; use left, center, right or justify"), where, a);
        else if (found >= 0)
            s->align = (enum text_align)found;
    }
    if ((v = ydoc_get(c->y, n, "lines"))) {
        const char *l = ydoc_scalar(c->y, v, where, "lines");
        if (l && (strcmp(l, "true") == 0 || strcmp(l, "yes") == 0))
            s->lines = true;
        else if (l && strcmp(l, "false") != 0 && strcmp(l, "no") != 0)
            ydoc_err(c->y, v, _("%s'lines' is true (each line as it is, without indent) or false, "
                                "not '%s'"), where, l);
    }

    kinds[t].parse(c, n, s, where);
    reject_blank(c, n, where);
}

static void parse_theme(struct ctx *c, yaml_node_t *n)
{
    const char *where = _("theme: ");
    struct theme *th = &c->pl->theme;
    if (n->type != YAML_MAPPING_NODE) {
        ydoc_err(c->y, n, _("'theme' should be keys (background, accent, text, font, emblem)"));
        return;
    }
    ydoc_check_keys(c->y, n, where, theme_keys, NULL);
    yaml_node_t *v;
    if ((v = ydoc_get(c->y, n, "background"))) {
        const char *s = ydoc_scalar(c->y, v, where, "background");
        if (s && s[0] == '#') {
            if (playlist_parse_color(s, &th->background) < 0)
                ydoc_err(c->y, v, _("%sbad colour '%s' (write #RRGGBB or #RRGGBBAA, in quotes)"), where, s);
        } else if (s) {
            parse_media(c, v, where, "background", &th->background_image);
        }
    }
    static const char *const ckeys[] = {"accent", "text"};
    struct color *cols[] = {&th->accent, &th->text};
    for (int i = 0; i < 2; i++) {
        if ((v = ydoc_get(c->y, n, ckeys[i]))) {
            const char *s = ydoc_scalar(c->y, v, where, ckeys[i]);
            if (s && playlist_parse_color(s, cols[i]) < 0)
                ydoc_err(c->y, v, _("%sbad colour '%s' for '%s' (write \"#RRGGBB\" or \"#RRGGBBAA\", in quotes)"),
                    where, s, ckeys[i]);
        }
    }
    if ((v = ydoc_get(c->y, n, "font")))
        th->font = ydoc_text(c->y, v, where, "font");
    if ((v = ydoc_get(c->y, n, "emblem")))
        parse_media(c, v, where, "emblem", &th->emblem);
}

static void parse_defaults(struct ctx *c, yaml_node_t *n)
{
    const char *where = _("defaults: ");
    if (n->type != YAML_MAPPING_NODE) {
        ydoc_err(c->y, n, _("'defaults' should be keys like { duration: 12s, transition: fade }"));
        return;
    }
    ydoc_check_keys(c->y, n, where, defaults_keys, NULL);
    yaml_node_t *v;
    if ((v = ydoc_get(c->y, n, "duration")))
        parse_duration_node(c, v, where, &c->pl->duration, &c->pl->duration_auto);
    if ((v = ydoc_get(c->y, n, "transition")))
        parse_transition_node(c, v, where, &c->pl->transition);
    if ((v = ydoc_get(c->y, n, "transition_duration")))
        parse_transition_time(c, v, where, &c->pl->transition_time);
}

static void parse_root(struct ctx *c, yaml_node_t *root)
{
    struct playlist *pl = c->pl;
    if (root->type != YAML_MAPPING_NODE) {
        ydoc_err(c->y, root, _("a playlist starts with keys such as 'honorboard: 1', 'title:' and 'slides:'"));
        return;
    }
    ydoc_check_keys(c->y, root, "", top_keys, NULL);
    yaml_node_t *v = ydoc_get(c->y, root, "honorboard");
    if (!v) {
        ydoc_err(c->y, root, _("missing 'honorboard: 1' (the format version) at the top of the file"));
    } else {
        const char *s = ydoc_scalar(c->y, v, "", "honorboard");
        char *end = NULL;
        long ver = s ? strtol(s, &end, 10) : -1;
        if (s && (!*s || *end || ver != PLAYLIST_FORMAT_VERSION))
            ydoc_err(c->y, v, _("format version '%s' is not supported (this honorboard reads version %d)"), s,
                PLAYLIST_FORMAT_VERSION);
        else if (s)
            pl->version = (int)ver;
    }
    if ((v = ydoc_get(c->y, root, "title")))
        pl->title = ydoc_text(c->y, v, "", "title");
    if ((v = ydoc_get(c->y, root, "subtitle")))
        pl->subtitle = ydoc_text(c->y, v, "", "subtitle");
    if ((v = ydoc_get(c->y, root, "theme")))
        parse_theme(c, v);
    if ((v = ydoc_get(c->y, root, "schedule")))
        parse_schedule(c, v, "", &pl->schedule);
    if ((v = ydoc_get(c->y, root, "ticker")))
        pl->ticker = ydoc_text(c->y, v, "", "ticker");
    if ((v = ydoc_get(c->y, root, "defaults")))
        parse_defaults(c, v);
    v = ydoc_get(c->y, root, "slides");
    if (!v || ydoc_is_empty(v)) {
        ydoc_err(c->y, v ? v : root, _("the playlist has no slides (add a 'slides:' list)"));
        return;
    }
    if (v->type != YAML_SEQUENCE_NODE) {
        ydoc_err(c->y, v, _("'slides' should be a list, each slide starting with '- type: ...'"));
        return;
    }
    size_t cnt = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
    if (cnt == 0) {
        ydoc_err(c->y, v, _("the playlist has no slides (the 'slides' list is empty)"));
        return;
    }
    pl->slides = xcalloc(cnt, sizeof *pl->slides);
    for (size_t i = 0; i < cnt; i++) {
        yaml_node_t *sn = yaml_document_get_node(&c->y->doc, v->data.sequence.items.start[i]);
        struct slide tmp = {0};
        parse_slide(c, sn, &tmp, (int)i + 1);
        pl->slides[pl->nslides++] = tmp;
    }
}

struct playlist *playlist_parse(const char *path, const char *text, size_t len, struct diag *d)
{
    struct playlist *pl = xcalloc(1, sizeof *pl);
    pl->path = xstrdup(path);
    pl->dir = path_dirname(path);
    pl->duration = 12;
    pl->transition = TRANS_FADE;
    pl->transition_time = 0.8;
    pl->theme = playlist_default_theme;

    struct ydoc y;
    yaml_node_t *root = ydoc_load(&y, path, text, len, d);
    struct ctx c = {.y = &y, .pl = pl};
    if (root)
        parse_root(&c, root);
    else if (y.loaded)
        diag_add(d, DIAG_ERROR, path, 1, 1, _("the file is empty (a playlist starts with 'honorboard: 1')"));
    ydoc_free(&y);
    return pl;
}

struct playlist *playlist_load(const char *path, struct diag *d)
{
    size_t len = 0; /* never follows a link, never blocks on a FIFO, stops at the limit */
    char *text = file_read_limited(path, YDOC_MAX_BYTES, &len);
    if (!text && errno == EFBIG) {
        diag_add(d, DIAG_ERROR, path, 0, 0, _("the file is more than %u bytes; a playlist is at most %u"),
                 YDOC_MAX_BYTES, YDOC_MAX_BYTES);
        return NULL;
    }
    if (!text) {
        diag_add(d, DIAG_ERROR, path, 0, 0, _("cannot read: %s"), file_error_text(errno));
        return NULL;
    }
    struct playlist *pl = playlist_parse(path, text, len, d);
    free(text);
    return pl;
}

static void media_free(struct media_ref *m)
{
    free(m->path);
    free(m->resolved);
}

void playlist_free(struct playlist *pl)
{
    if (!pl)
        return;
    for (size_t i = 0; i < pl->nslides; i++) {
        struct slide *s = &pl->slides[i];
        free(s->name), free(s->unit), free(s->honor), free(s->title), free(s->subtitle);
        free(s->text), free(s->caption);
        media_free(&s->photo);
        media_free(&s->image);
        media_free(&s->video);
        media_free(&s->poster);
        for (size_t j = 0; j < s->npeople; j++) {
            free(s->people[j].name), free(s->people[j].honor), free(s->people[j].unit);
            media_free(&s->people[j].photo);
        }
        free(s->people);
    }
    free(pl->slides);
    media_free(&pl->theme.background_image);
    media_free(&pl->theme.emblem);
    free(pl->theme.font);
    free(pl->title), free(pl->subtitle), free(pl->path), free(pl->dir), free(pl->ticker);
    free(pl);
}
