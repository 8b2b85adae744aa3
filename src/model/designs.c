/* designs.c - the finished designs, one row each: a new design is a new row. 经典红 is the look
 * honorboard always had; 党建红 is a brighter party red with gold and a serif face (the face of
 * red-headed documents and 党建 boards); 警察蓝 the police navy with silver-white; 金色荣誉 a
 * deep brown-black with gold and serif, for honour rolls. */
#include "model/designs.h"
#include "model/yamldoc.h"
#include "base/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const struct design designs[] = {
    {"classic",
     "经典红",
     {0x8E, 0x1B, 0x1B, 255},
     {0xF3, 0xC9, 0x69, 255},
     {0xFF, 0xFF, 0xFF, 255},
     NULL},
    {"party-red",
     "党建红",
     {0xB3, 0x12, 0x14, 255},
     {0xFF, 0xD8, 0x6B, 255},
     {0xFF, 0xFF, 0xFF, 255},
     "Noto Serif CJK SC"},
    {"police-blue",
     "警察蓝",
     {0x0B, 0x2D, 0x6B, 255},
     {0xE4, 0xEC, 0xF7, 255},
     {0xFF, 0xFF, 0xFF, 255},
     NULL},
    {"gold-honour",
     "金色荣誉",
     {0x2B, 0x17, 0x0A, 255},
     {0xE9, 0xB8, 0x4A, 255},
     {0xFB, 0xF1, 0xDC, 255},
     "Noto Serif CJK SC"},
};
const size_t ndesigns = sizeof designs / sizeof *designs;

const struct design *design_by_name(const char *name)
{
    for (size_t i = 0; name && i < ndesigns; i++)
        if (strcmp(name, designs[i].name) == 0 || strcmp(name, designs[i].zh) == 0)
            return &designs[i];
    return NULL;
}

/* Code points in which a and b differ when they have as many (-1 when not): 警查蓝 is one from
 * 警察蓝, where a byte distance would say three. */
static int zh_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), la, lb;
    int d = 0;
    while (na && nb) {
        uint32_t ca = utf8_decode(a, na, &la), cb = utf8_decode(b, nb, &lb);
        d += ca != cb;
        a += la, na -= la, b += lb, nb -= lb;
    }
    return na || nb ? -1 : d;
}

const char *design_suggest(const char *name)
{
    for (size_t i = 0; name && i < ndesigns; i++)
        if (zh_distance(name, designs[i].zh) == 1)
            return designs[i].zh;
    const char *names[2 * sizeof designs / sizeof *designs];
    for (size_t i = 0; i < ndesigns; i++)
        names[2 * i] = designs[i].name, names[2 * i + 1] = designs[i].zh;
    return ydoc_suggest(name, names, 2 * ndesigns);
}

void design_apply(const struct design *d, struct theme *th)
{
    th->background = d->background;
    th->accent = d->accent;
    th->text = d->text;
    if (d->font && !th->font)
        th->font = xstrdup(d->font);
}
