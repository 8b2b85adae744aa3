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

/* Every length in design units (u), every pair {landscape, portrait}: see designs.h. */
const struct design_metrics design_classic_metrics =
    {
        .chrome =
            {
                .margin = {52, 56},
                .header_h = {84, 96},
                .header = {{.min = 28, .max = 50, .bold = true, .ink = DESIGN_ACCENT},
                           {.min = 28, .max = 54, .bold = true, .ink = DESIGN_ACCENT}},
                .header_titled = {.min = 22, .max = 40, .bold = true, .ink = DESIGN_ACCENT},
                .header_sub = {.min = 18, .max = 26, .ink = DESIGN_TEXT, .soften = 0.15},
                .titled_share = 0.6,
                .emblem_gap = 20,
                .mark_gap = 12,
                .mark_min = 0.6,
                .mark_max = 0.75,
                .rule_gap = 10,
                .rule_w = 3,
                .rule2_at = 7,
                .rule2_w = 1,
                .rule_after = 2,
                .rule2_alpha = 150,
                .frame_w = 2,
                .frame_inset = 0.45,
                .frame_alpha = 200,
                .page_no_h = 44,
                .page_no_w = 160,
                .content_gap = 8,
                .page_no = {.min = 20, .max = 28, .bold = true, .ink = DESIGN_ACCENT},
                .card = {.min = 24, .max = 44, .ink = DESIGN_TEXT},
                .card_top = 80,
                .card_pad = 80,
                .card_max_w = 1400,
                .card_bottom = 40,
                .clock_px = 30,
                .clock_em = 11,
                .clock_gap = 24,
            },
        .story =
            {
                .top = 30,
                .photo_share = 0.64,
                .photo_max_w = 0.3,
                .photo_aspect = 0.75,
                .col_min = 380,
                .col_over_photo = 1.25,
                .col_x = 10,
                .name_gap = 26,
                .unit_gap = 6,
                .badge_gap = 14,
                .text_gap = 56,
                .text_right = 10,
                .head_gap = {28, 30},
                .divider_at = 26,
                .divider_w = 2,
                .rule_x = 18,
                .rule_w = 6,
                .rule_len = 120,
                .rule_h = 4,
                .rule_gap = 8,
                .portrait_photo_w = 0.40,
                .portrait_top = 10,
                .body_pad = 20,
                .body_gap = 40,
                .badge_px = {30, 32},
                .name = {{.min = 48, .max = 76, .box = 100, .bold = true, .ink = DESIGN_TEXT},
                         {.min = 48, .max = 84, .box = 110, .bold = true, .ink = DESIGN_TEXT}},
                .unit = {.min = 24, .max = 32, .box = 90, .ink = DESIGN_TEXT, .soften = 0.2},
                .heading = {{.min = 34, .max = 56, .box = 72, .bold = true, .ink = DESIGN_ACCENT},
                            {.min = 34, .max = 56, .box = 90, .bold = true, .ink = DESIGN_ACCENT}},
                .body = {{.min = 30, .max = 48, .ink = DESIGN_TEXT},
                         {.min = 34, .max = 50, .ink = DESIGN_TEXT}},
            },
        .photo =
            {
                .band_h = {150, 200},
                .band_title = 50,
                .rule_w = 4,
                .pad = 22,
                .title_gap = 4,
                .dim = 0.5,
                .band_over = {0, 0, 0, 165},
                .band_below = {16, 16, 16, 255},
                .title = {.min = 30, .max = 48, .box = 60, .bold = true, .ink = DESIGN_ACCENT},
                .caption = {.min = 30, .max = 48, .bold = true, .ink = DESIGN_WHITE},
            },
        .text =
            {
                .top = 36,
                .pad = {80, 40},
                .max_w = 1500,
                .title_gap = 10,
                .sub_gap = 6,
                .rule_at = 20,
                .rule_after = 40,
                .rule_len = 180,
                .rule_h = 5,
                .title = {{.min = 44, .max = 68, .box = 110, .bold = true, .ink = DESIGN_ACCENT},
                          {.min = 44, .max = 72, .box = 220, .bold = true, .ink = DESIGN_ACCENT}},
                .subtitle = {.min = 26, .max = 34, .box = 60, .ink = DESIGN_TEXT, .soften = 0.15},
                .body = {.min = 32, .max = 54, .ink = DESIGN_TEXT},
            },
        .roll =
            {
                .top = 24,
                .title_gap = 10,
                .sub_gap = 6,
                .grid_gap = 24,
                .pad = 20,
                .gap = 28,
                .name_box = 52,
                .honor_box = 40,
                .unit_box = 34,
                .name_pad = 12,
                .text_pad = 4,
                .photo_aspect = 0.75,
                .photo_share = 0.86,
                .photo_max = {420, 560},
                .card_over_photo = 1.9,
                .per_page = {12, 12},
                .per_page_wide = 10,
                .per_page_small = {5, 4},
                .title = {.min = 40, .max = 60, .box = 90, .bold = true, .ink = DESIGN_ACCENT},
                .subtitle = {.min = 24, .max = 30, .box = 50, .ink = DESIGN_TEXT},
                .name = {.min = 26, .max = 38, .bold = true, .ink = DESIGN_TEXT},
                .honor = {.min = 18, .max = 26, .ink = DESIGN_ACCENT},
                .unit = {.min = 16, .max = 22, .ink = DESIGN_TEXT, .soften = 0.2},
            },
        .wall =
            {
                .top = 16,
                .title_gap = 6,
                .sub_gap = 4,
                .grid_gap = 10,
                .bottom_gap = 8,
                .pad = 10,
                .gap = 24,
                .photo_aspect = 0.75,
                .name_share = 0.13,
                .name_max = 64,
                .honor_share = 0.7,
                .unit_share = 0.6,
                .caption_gap = 0.04,
                .per_page = 24,
                .per_page_small = 8,
                .title = {.min = 36, .max = 56, .box = 70, .bold = true, .ink = DESIGN_ACCENT},
                .subtitle = {.min = 22, .max = 28, .box = 40, .ink = DESIGN_TEXT},
                .name = {.bold = true, .ink = DESIGN_TEXT},
                .honor = {.ink = DESIGN_ACCENT},
                .unit = {.ink = DESIGN_TEXT, .soften = 0.2},
            },
        .notice =
            {
                .top = 24,
                .pad = {80, 40},
                .max_w = 1500,
                .number_gap = 8,
                .rule_gap = 10,
                .rule_after = 28,
                .rule_h = 3,
                .title = {.min = 40, .max = 64, .box = 90, .bold = true, .ink = DESIGN_ACCENT},
                .number = {.min = 22, .max = 30, .box = 44, .ink = DESIGN_TEXT, .soften = 0.15},
                .body = {.min = 30, .max = 48, .ink = DESIGN_TEXT},
            },
        .signs =
            {
                .banner_pad = 40,
                .banner_rule_h = 4,
                .banner_rule_share = 0.5,
                .couplet_top = 24,
                .couplet_radius = 6,
                .couplet_edge = 6,
                .couplet_edge_w = 2,
                .couplet_pad = 12,
                .couplet_band_min_w = 480,
                .couplet_band_h = 150,
                .couplet_band_gap = 30,
                .couplet_band_pad = 12,
                .couplet_band_w = 0.45,
                .couplet_band_max = 0.2,
                .couplet_strip_w = 0.42,
                .couplet_strip_ratio = 5.5,
                .couplet_strip_x = 0.2,
                .couplet_ink = 0.35,
            },
        .gallery =
            {
                .top = 12,
                .title_gap = 16,
                .text_gap = 24,
                .bottom = 12,
                .side = 10,
                .text_side = 20,
                .gap = 28,
                .caption_gap = 10,
                .text_share = 0.28,
                .caption_share = 0.4,
                .title = {.min = 32, .max = 56, .box = 70, .bold = true, .ink = DESIGN_ACCENT},
                .text = {.max = 34, .ink = DESIGN_TEXT},
                .caption = {.max = 30, .ink = DESIGN_TEXT},
            },
        .cards =
            {
                .pad = {24, 20},
                .gap = 18,
                .strip_gap = 0.15,
                .head = {64, 0.3},
                .day_head = {150, 0.5},
                .number = {300, 0.8},
                .unit = {96, 0.3},
                .date = {40, 0.2},
                .lunar = {36, 0.2},
                .text = {40, 0.22},
                .cal_title = {56, 0.3},
                .cal_month = {64, 0.25},
                .cal_day = {320, 0.8},
                .cal_weekday = {64, 0.25},
                .cal_lunar = {40, 0.2},
            },
};

/* The designs, one row each. A new design is a new row: its colours, face, metrics (its own
 * or 经典红's) and ornaments. */
const struct design designs[] = {
    {.name = "classic",
     .zh = "经典红",
     .background = {0x8E, 0x1B, 0x1B, 255},
     .accent = {0xF3, 0xC9, 0x69, 255},
     .text = {0xFF, 0xFF, 0xFF, 255},
     .ticker = {0x30, 0x08, 0x08, 0xD8},
     .metrics = &design_classic_metrics,
     .ornament = {.mark = "★"}},
    {.name = "party-red",
     .zh = "党建红",
     .background = {0xB3, 0x12, 0x14, 255},
     .accent = {0xFF, 0xD8, 0x6B, 255},
     .text = {0xFF, 0xFF, 0xFF, 255},
     .ticker = {0x3C, 0x06, 0x07, 0xD8},
     .title_font = "Noto Serif CJK SC",
     .metrics = &design_classic_metrics,
     .ornament = {.mark = "★", .inner_frame = 8, .band = 0.22}},
    {.name = "police-blue",
     .zh = "警察蓝",
     .background = {0x0B, 0x2D, 0x6B, 255},
     .accent = {0xE4, 0xEC, 0xF7, 255},
     .text = {0xFF, 0xFF, 0xFF, 255},
     .ticker = {0x05, 0x14, 0x33, 0xD8},
     .metrics = &design_classic_metrics,
     .ornament = {.mark = "★", .band = 0.25}},
    {.name = "gold-honour",
     .zh = "金色荣誉",
     .background = {0x2B, 0x17, 0x0A, 255},
     .accent = {0xE9, 0xB8, 0x4A, 255},
     .text = {0xFB, 0xF1, 0xDC, 255},
     .ticker = {0x16, 0x0C, 0x05, 0xD8},
     .title_font = "Noto Serif CJK SC",
     .metrics = &design_classic_metrics,
     .ornament = {.mark = "★", .inner_frame = 8, .corner = 60, .corner_w = 6}},
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

const struct design *design_of(const struct theme *th)
{
    return th && th->design ? th->design : &designs[0];
}

void design_apply(const struct design *d, struct theme *th)
{
    th->design = d;
    th->background = d->background;
    th->accent = d->accent;
    th->text = d->text;
    if (d->font && !th->font)
        th->font = xstrdup(d->font);
    if (d->title_font && !th->title_font)
        th->title_font = xstrdup(d->title_font);
}
