/* playlist_slides.c - the slide kinds table: for each kind (story, photo, text, roll, video)
 * the keys it allows beyond the common ones and the parser of what it reads; and one slide
 * node read through it (type, common keys, then the kind's own). layout.c has the matching
 * table of designs. Key tables here are the format's reference: README.md documents them. */
#include "model/playlist_slides.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

/* Per slide type; the common keys are allowed for all. NULL-terminated. */
/* Per slide type; "type", "duration", "transition", "transition_duration" are allowed for all. */
static const char *const common_slide_keys[] = {
    "type", "duration", "transition", "transition_duration", "schedule", NULL};
static const char *const story_keys[] = {"name", "unit",  "honor", "photo", "focus",
                                         "text", "title", "align", "lines", NULL};
static const char *const photo_keys[] = {"image", "caption", "fit", "focus", "title", NULL};
static const char *const text_keys[] = {"title", "subtitle", "text", "align", "lines", NULL};
static const char *const roll_keys[] = {"title", "subtitle", "people", NULL};
static const char *const video_keys[] = {"video", "poster", "caption", "title", "fit",
                                         "start", "end",    "loops",   "audio", NULL};

/* Chinese names an author gives a slide type, and the type they mean. */
static const struct {
    const char *zh;
    enum slide_type type;
} zh_types[] = {
    {"人物", SLIDE_STORY},  {"事迹", SLIDE_STORY},  {"先进事迹", SLIDE_STORY},
    {"故事", SLIDE_STORY},  {"照片", SLIDE_PHOTO},  {"图片", SLIDE_PHOTO},
    {"相片", SLIDE_PHOTO},  {"文字", SLIDE_TEXT},   {"文本", SLIDE_TEXT},
    {"通知", SLIDE_TEXT},   {"公告", SLIDE_TEXT},   {"新闻", SLIDE_TEXT},
    {"名单", SLIDE_ROLL},   {"光荣榜", SLIDE_ROLL}, {"榜单", SLIDE_ROLL},
    {"荣誉榜", SLIDE_ROLL}, {"视频", SLIDE_VIDEO},  {"宣传片", SLIDE_VIDEO},
    {"影片", SLIDE_VIDEO},  {"短片", SLIDE_VIDEO},
};

/* ---- the slide kinds: each one's keys and what it reads beyond the common keys ------------ */

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

/* caption and fit, shared by photo and video slides */
static void parse_caption_fit(struct pnode_ctx *c, yaml_node_t *n, struct slide *s,
                              const char *where)
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
            ydoc_err(
                c->y, v,
                s->type == SLIDE_VIDEO
                    ? _("%s'fit' is '%s'; use contain (the whole film) or cover (fill the screen)")
                    : _("%s'fit' is '%s'; use cover (fill the screen) or contain (whole photo)"),
                where, f);
    }
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
}

static void parse_text(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where)
{
    (void)s;
    pnode_require(c, n, where, "title", NULL);
    pnode_require(c, n, where, "text", NULL);
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
        snprintf(w2, sizeof w2, _("slide %d (roll): person %zu: "), s->index, i + 1);
        pnode_person(c, pn, &s->people[s->npeople++], w2);
    }
}

/* The slide kinds, indexed by enum slide_type (names in slide_type_names): the keys each allows
 * beyond the common ones, and its parser. layout.c has the matching table of layouts. */
static const struct {
    const char *const *keys;
    void (*parse)(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where);
} kinds[] = {
    [SLIDE_STORY] = {story_keys, parse_story}, [SLIDE_PHOTO] = {photo_keys, parse_photo},
    [SLIDE_TEXT] = {text_keys, parse_text},    [SLIDE_ROLL] = {roll_keys, parse_roll},
    [SLIDE_VIDEO] = {video_keys, parse_video},
};
_Static_assert(sizeof kinds / sizeof *kinds == SLIDE_TYPE_COUNT, "one entry per slide type");

void pslide_parse(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, int index)
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
            ydoc_err(c->y, tn, _("%sunknown type '%s' (story, photo, text, roll or video)"), where,
                     type);
        s->type = SLIDE_TYPE_COUNT;
        return;
    }
    s->type = (enum slide_type)t;
    snprintf(where, sizeof where, _("slide %d (%s): "), index, type);
    ydoc_check_keys(c->y, n, where, common_slide_keys, kinds[t].keys);

    yaml_node_t *v;
    if ((v = ydoc_get(c->y, n, "duration")))
        pnode_duration(c, v, where, &s->duration, &s->duration_auto);
    if ((v = ydoc_get(c->y, n, "transition")))
        pnode_transition(c, v, where, &s->transition);
    if ((v = ydoc_get(c->y, n, "transition_duration")))
        pnode_transition_time(c, v, where, &s->transition_time);
    if ((v = ydoc_get(c->y, n, "schedule")))
        pnode_schedule(c, v, where, &s->schedule);
    if ((v = ydoc_get(c->y, n, "title")))
        s->title = ydoc_text(c->y, v, where, "title");
    if ((v = ydoc_get(c->y, n, "subtitle")))
        s->subtitle = ydoc_text(c->y, v, where, "subtitle");
    if ((v = ydoc_get(c->y, n, "text")))
        s->text = ydoc_text(c->y, v, where, "text");
    if ((v = ydoc_get(c->y, n, "focus")))
        pnode_focus(c, v, where, &s->focus_x, &s->focus_y);
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
            ydoc_err(c->y, v,
                     _("%s'lines' is true (each line as it is, without indent) or false, "
                       "not '%s'"),
                     where, l);
    }

    kinds[t].parse(c, n, s, where);
    pnode_reject_blank(c, n, where);
}
