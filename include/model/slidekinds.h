/* slidekinds.h - the slide kinds, one descriptor each (slidekinds.c), in the manner of mpv's
 * vo_driver: what the model knows of a kind in one struct. The list of kinds is SLIDE_KINDS
 * (playlist_values.h); the page layer's layouts are indexed by the same list (layout.c). */
#ifndef HB_SLIDEKINDS_H
#define HB_SLIDEKINDS_H

#include <stdbool.h>

#include "model/playlist_nodes.h"

/* How long a slide of the kind takes to read (policy.c's reading time, advice.c's warning). */
struct slide_reading {
    bool text;            /* its text counts, a character at a time */
    int chars_per_person; /* a roll: each person counts as this many characters */
    bool clip;            /* lasts as long as its clip (trims and loops included) */
    bool advise;          /* check warns when its pages show for less than the reading time */
};

struct slide_kind {
    const char *name;        /* as written after `type:` */
    const char *const *zh;   /* Chinese names an author may write instead; NULL-terminated */
    const char *const *keys; /* keys beyond the common ones; NULL-terminated */
    /* Reads the kind's own keys of node n into s (the common keys are read already). */
    void (*parse)(struct pnode_ctx *c, yaml_node_t *n, struct slide *s, const char *where);
    struct slide_reading reading;
    bool daily; /* its page depends on the day (a countdown's number, the date card's date): the
                 * board draws it again just after midnight */
};

/* Indexed by enum slide_type. */
extern const struct slide_kind *const slide_kinds[SLIDE_TYPE_COUNT];

/* The descriptor of type, or NULL for SLIDE_TYPE_COUNT (an unusable slide). */
const struct slide_kind *slide_kind_of(int type);
/* The enum slide_type named (English name, or one of the Chinese names), or -1. */
int slide_kind_by_name(const char *name);
int slide_kind_by_zh(const char *name);
/* "story, photo, text, roll or video" in the author's language, from the table. Caller frees. */
char *slide_kind_list(void);

#endif
