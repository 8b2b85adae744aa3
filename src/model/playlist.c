/* playlist.c - YAML playlist (libyaml document API) -> struct playlist: the top-level keys,
 * theme and defaults, the slides list (each slide read by playlist_slides.c), loading, freeing.
 *
 * Every message names file:line:col of the node it is about (libyaml marks are 0-based: +1).
 * Key tables below are the format's reference: README.md documents the same keys. */
#include "model/playlist.h"
#include "model/designs.h"
#include "base/util.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "model/yamldoc.h"
#include "base/i18n.h"
#include "model/playlist_slides.h"

/* Keys allowed at the top, in the theme and in the defaults. NULL-terminated. */
static const char *const top_keys[] = {"honorboard", "title",  "subtitle", "theme",  "design",
                                       "defaults",   "slides", "schedule", "ticker", NULL};
static const char *const theme_keys[] = {"background", "accent", "text", "font", "emblem", NULL};
static const char *const defaults_keys[] = {"duration", "transition", "transition_duration", NULL};

/* design: a finished design by its Latin or Chinese name; theme: keys then override it. */
static void parse_design(struct pnode_ctx *c, yaml_node_t *n)
{
    const char *s = ydoc_scalar(c->y, n, "", "design");
    const struct design *d = s ? design_by_name(s) : NULL;
    if (d) {
        design_apply(d, &c->pl->theme);
        return;
    }
    if (!s)
        return;
    const char *sug = design_suggest(s);
    struct strbuf all = {0};
    for (size_t i = 0; i < ndesigns; i++)
        sb_printf(&all, "%s%s (%s)", i ? ", " : "", designs[i].zh, designs[i].name);
    if (sug)
        ydoc_err(c->y, n, _("unknown design '%s' (did you mean '%s'?)"), s, sug);
    else
        ydoc_err(c->y, n, _("unknown design '%s' (the designs: %s)"), s, all.s);
    sb_free(&all);
}

static void parse_theme(struct pnode_ctx *c, yaml_node_t *n)
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
                ydoc_err(c->y, v, _("%sbad colour '%s' (write #RRGGBB or #RRGGBBAA, in quotes)"),
                         where, s);
        } else if (s) {
            pnode_media(c, v, where, "background", &th->background_image);
        }
    }
    static const char *const ckeys[] = {"accent", "text"};
    struct color *cols[] = {&th->accent, &th->text};
    for (int i = 0; i < 2; i++) {
        if ((v = ydoc_get(c->y, n, ckeys[i]))) {
            const char *s = ydoc_scalar(c->y, v, where, ckeys[i]);
            if (s && playlist_parse_color(s, cols[i]) < 0)
                ydoc_err(
                    c->y, v,
                    _("%sbad colour '%s' for '%s' (write \"#RRGGBB\" or \"#RRGGBBAA\", in quotes)"),
                    where, s, ckeys[i]);
        }
    }
    if ((v = ydoc_get(c->y, n, "font"))) {
        free(th->font); /* the design's face, when one was picked */
        th->font = ydoc_text(c->y, v, where, "font");
    }
    if ((v = ydoc_get(c->y, n, "emblem")))
        pnode_media(c, v, where, "emblem", &th->emblem);
}

static void parse_defaults(struct pnode_ctx *c, yaml_node_t *n)
{
    const char *where = _("defaults: ");
    if (n->type != YAML_MAPPING_NODE) {
        ydoc_err(c->y, n, _("'defaults' should be keys like { duration: 12s, transition: fade }"));
        return;
    }
    ydoc_check_keys(c->y, n, where, defaults_keys, NULL);
    yaml_node_t *v;
    if ((v = ydoc_get(c->y, n, "duration")))
        pnode_duration(c, v, where, &c->pl->duration, &c->pl->duration_auto);
    if ((v = ydoc_get(c->y, n, "transition")))
        pnode_transition(c, v, where, &c->pl->transition);
    if ((v = ydoc_get(c->y, n, "transition_duration")))
        pnode_transition_time(c, v, where, &c->pl->transition_time);
}

static void parse_root(struct pnode_ctx *c, yaml_node_t *root)
{
    struct playlist *pl = c->pl;
    if (root->type != YAML_MAPPING_NODE) {
        ydoc_err(c->y, root,
                 _("a playlist starts with keys such as 'honorboard: 1', 'title:' and 'slides:'"));
        return;
    }
    ydoc_check_keys(c->y, root, "", top_keys, NULL);
    yaml_node_t *v = ydoc_get(c->y, root, "honorboard");
    if (!v) {
        ydoc_err(c->y, root,
                 _("missing 'honorboard: 1' (the format version) at the top of the file"));
    } else {
        const char *s = ydoc_scalar(c->y, v, "", "honorboard");
        char *end = NULL;
        long ver = s ? strtol(s, &end, 10) : -1;
        if (s && (!*s || *end || ver != PLAYLIST_FORMAT_VERSION))
            ydoc_err(c->y, v,
                     _("format version '%s' is not supported (this honorboard reads version %d)"),
                     s, PLAYLIST_FORMAT_VERSION);
        else if (s)
            pl->version = (int)ver;
    }
    if ((v = ydoc_get(c->y, root, "title")))
        pl->title = ydoc_text(c->y, v, "", "title");
    if ((v = ydoc_get(c->y, root, "subtitle")))
        pl->subtitle = ydoc_text(c->y, v, "", "subtitle");
    if ((v = ydoc_get(c->y, root, "design")))
        parse_design(c, v);
    if ((v = ydoc_get(c->y, root, "theme")))
        parse_theme(c, v);
    if ((v = ydoc_get(c->y, root, "schedule")))
        pnode_schedule(c, v, "", &pl->schedule);
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
        pslide_parse(c, sn, &tmp, (int)i + 1);
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
    struct pnode_ctx c = {.y = &y, .pl = pl};
    if (root)
        parse_root(&c, root);
    else if (y.loaded)
        diag_add(d, DIAG_ERROR, path, 1, 1,
                 _("the file is empty (a playlist starts with 'honorboard: 1')"));
    ydoc_free(&y);
    return pl;
}

struct playlist *playlist_load(const char *path, struct diag *d)
{
    size_t len = 0; /* never follows a link, never blocks on a FIFO, stops at the limit */
    char *text = file_read_limited(path, YDOC_MAX_BYTES, &len);
    if (!text && errno == EFBIG) {
        diag_add(d, DIAG_ERROR, path, 0, 0,
                 _("the file is more than %u bytes; a playlist is at most %u"), YDOC_MAX_BYTES,
                 YDOC_MAX_BYTES);
        return NULL;
    }
    if (!text) {
        diag_add(d, DIAG_ERROR, path, 0, 0, _("cannot read: %s"), _(file_error_text(errno)));
        return NULL;
    }
    struct playlist *pl = playlist_parse(path, text, len, d);
    free(text);
    return pl;
}
