/* playlist_slides.c - one slide node read through the slide kinds (slidekinds.h): its type, the
 * keys every kind shares, then the kind's own keys through its descriptor. */
#include "model/playlist_slides.h"
#include "model/slidekinds.h"
#include "picture/qrcode.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const common_slide_keys[] = {
    "type", "duration", "transition", "transition_duration", "schedule", "qr", "qr_label", NULL};

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
        char *kinds = slide_kind_list();
        ydoc_err(c->y, n, _("%smissing 'type' (%s)"), where, kinds);
        free(kinds);
        s->type = SLIDE_TYPE_COUNT;
        return;
    }
    if (!type) {
        s->type = SLIDE_TYPE_COUNT;
        return;
    }
    int t = slide_kind_by_name(type);
    int zh = t < 0 ? slide_kind_by_zh(type) : -1;
    if (zh >= 0) {
        ydoc_err(c->y, tn, _("%stypes are written in English: for '%s' write 'type: %s'"), where,
                 type, slide_kinds[zh]->name);
        s->type = SLIDE_TYPE_COUNT;
        return;
    }
    if (t < 0) {
        const char *sug = ydoc_suggest(type, slide_type_names, SLIDE_TYPE_COUNT);
        char *kinds = slide_kind_list();
        if (sug)
            ydoc_err(c->y, tn, _("%sunknown type '%s' (did you mean '%s'?)"), where, type, sug);
        else
            ydoc_err(c->y, tn, _("%sunknown type '%s' (%s)"), where, type, kinds);
        free(kinds);
        s->type = SLIDE_TYPE_COUNT;
        return;
    }
    s->type = (enum slide_type)t;
    snprintf(where, sizeof where, _("slide %d (%s): "), index, type);
    ydoc_check_keys(c->y, n, where, common_slide_keys, slide_kinds[t]->keys);

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

    if ((v = ydoc_get(c->y, n, "qr")) && (s->qr = pnode_link(c, v, where, "qr")) &&
        qrcode_size(s->qr) == 0)
        ydoc_err(c->y, v,
                 _("%s'qr' is %zu bytes: a QR code that can be read from across a lobby holds "
                   "at most about 200 (version %d); give a shorter link"),
                 where, strlen(s->qr), QRCODE_MAX_VERSION);
    if ((v = ydoc_get(c->y, n, "qr_label")))
        s->qr_label = ydoc_text(c->y, v, where, "qr_label");

    slide_kinds[t]->parse(c, n, s, where);
    pnode_reject_blank(c, n, where);
}
