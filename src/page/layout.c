/* layout.c - slide + screen size -> pages of positioned elements: picks the design for the
 * slide's kind (layout_designs.c), lays out message cards, frees layouts, and prints a page as
 * the JSON `render --layout-json` writes. The designs are built from layout_place.c's kit. */
#include "page/layout.h"
#include "base/i18n.h"
#include "page/layout_clock.h"
#include "page/layout_countdown.h"
#include "page/layout_designs.h"
#include "page/layout_gallery.h"
#include "page/layout_notice.h"
#include "page/layout_qr.h"
#include "page/layout_signs.h"
#include "page/layout_strip.h"
#include "page/layout_ticker.h"
#include "page/layout_wall.h"
#include "text/textlayout.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct slide_layout *layout_slide(const struct playlist *pl, const struct slide *s, int w, int h,
                                  const struct layout_env *env)
{
    struct place_ctx c = {0};
    struct qr_room qr = {0};
    /* the ticker's band at the bottom is the board's (the playlist's ticker or the config's):
     * the slide gets the screen above it */
    int band = layout_ticker_room(pl, env, w, h);
    h -= band;
    bool with_qr = layout_qr_room(s, w, h, env, &qr); /* the design gets the rest */
    place_setup(&c, pl, &pl->theme, with_qr ? qr.content_w : w, with_qr ? qr.content_h : h, env);
    if (env && env->clock) /* the board draws it on the whole screen, over the ticker's room too */
        layout_clock_box(w, h + band, c.d, &c.clock);
        /* one layout per slide kind, generated from SLIDE_KINDS: a kind without its layout_NAME
         * (layout_designs.h) does not compile */
#define KIND_LAYOUT(ID, name) [SLIDE_##ID] = layout_##name,
    static void (*const layouts[SLIDE_TYPE_COUNT])(struct place_ctx *, const struct slide *) = {
        SLIDE_KINDS(KIND_LAYOUT)};
#define KIND_STRIP(ID, name) [SLIDE_##ID] = layout_strip_##name,
    static void (*const strips[SLIDE_TYPE_COUNT])(struct place_ctx *,
                                                  const struct slide *) = {SLIDE_KINDS(KIND_STRIP)};
#undef KIND_STRIP
#undef KIND_LAYOUT
    if (s->type < SLIDE_TYPE_COUNT)
        (c.shape == PLACE_STRIP ? strips : layouts)[s->type](&c, s);
    else
        place_chrome(&c, 0);
    if (c.sl->npages == 0)
        place_page(&c, 0);
    if (with_qr)
        layout_qr_finish(&c, s, &qr);
    for (int pg = 0; qr.left_out && pg < c.sl->npages; pg++)
        place_warn(place_page(&c, pg),
                   _("QR code left out: this screen is too low for a code a phone can read"));
    if (band)
        layout_ticker_finish(c.sl, band, pl->theme.background);
    return c.sl;
}

struct slide_layout *layout_card(const char *title, const char *message, const struct theme *th,
                                 int w, int h, const struct layout_env *env)
{
    struct place_ctx c = {0};
    struct playlist fake = {.title = (char *)title};
    int band = layout_ticker_room(NULL, env, w, h); /* the config's ticker scrolls over cards too */
    h -= band;
    place_setup(&c, &fake, th, w, h, env);
    if (env && env->clock)
        layout_clock_box(w, h + band, c.d, &c.clock);
    if (c.shape == PLACE_STRIP) {
        layout_strip_card(&c, message);
        c.pl = NULL;
        if (band)
            layout_ticker_finish(c.sl, band, th->background);
        return c.sl;
    }
    const struct design_chrome *d = &c.dm->chrome;
    double u = c.u, m = c.m;
    double top = place_chrome(&c, 0) + d->card_top * u;
    double bw = fmin(w - 2 * m - d->card_pad * u, d->card_max_w * u);
    struct place_spec sp = place_style(&c, &d->card, "message", message);
    sp.x = (w - bw) / 2, sp.y = top, sp.w = bw, sp.h = h - top - m - d->card_bottom * u;
    sp.align = ALIGN_LEFT, sp.line_height = 1.6;
    place_text(&c, 0, &sp);
    c.pl = NULL;
    if (band)
        layout_ticker_finish(c.sl, band, th->background);
    return c.sl;
}

void layout_fit_rect(int iw, int ih, double bw, double bh, enum fit_mode fit, double fx, double fy,
                     double src[4], double dst[4])
{
    if (iw <= 0 || ih <= 0 || !(bw > 0) || !(bh > 0)) { /* nothing to show: no nan in the JSON */
        for (int i = 0; i < 4; i++)
            src[i] = dst[i] = 0;
        return;
    }
    double ia = (double)iw / ih, ba = bw / bh;
    if (fit == FIT_CONTAIN) {
        src[0] = 0, src[1] = 0, src[2] = iw, src[3] = ih;
        double w = ia > ba ? bw : bh * ia, h = ia > ba ? bw / ia : bh;
        dst[0] = (bw - w) / 2, dst[1] = (bh - h) / 2, dst[2] = w, dst[3] = h;
        return;
    }
    double sw = ia > ba ? ih * ba : iw, sh = ia > ba ? ih : iw / ba;
    double sx = fx * iw - sw / 2, sy = fy * ih - sh / 2;
    sx = fmax(0, fmin(sx, iw - sw));
    sy = fmax(0, fmin(sy, ih - sh));
    src[0] = sx, src[1] = sy, src[2] = sw, src[3] = sh;
    dst[0] = 0, dst[1] = 0, dst[2] = bw, dst[3] = bh;
}

void layout_page_json(const struct slide_layout *l, int page, const char *playlist, int slide,
                      const char *type, const char *png, struct strbuf *o)
{
    const struct page_layout *pg = &l->pages[page];
    sb_puts(o, "{\"playlist\":");
    sb_json_str(o, playlist);
    sb_printf(o, ",\"slide\":%d,\"page\":%d,\"pages\":%d,\"type\":", slide, page + 1, l->npages);
    sb_json_str(o, type);
    sb_puts(o, ",\"png\":");
    sb_json_str(o, png);
    sb_printf(o, ",\"warning\":%s", pg->warning ? "true" : "false");
    if (pg->warning) {
        sb_puts(o, ",\"warning_text\":");
        sb_json_str(o, pg->warn_text);
    }
    sb_puts(o, ",\"elements\":[");
    bool first = true;
    for (size_t i = 0; i < pg->n; i++) {
        const struct element *e = &pg->els[i];
        if (e->kind == EL_RECT)
            continue; /* decoration: not content */
        if (!first)
            sb_puts(o, ",");
        first = false;
        sb_puts(o, "{\"role\":");
        sb_json_str(o, e->role);
        sb_printf(o, ",\"kind\":\"%s\",\"x\":%.0f,\"y\":%.0f,\"w\":%.0f,\"h\":%.0f",
                  e->kind == EL_TEXT ? "text"
                  : e->kind == EL_QR ? "qr"
                                     : "image",
                  e->x, e->y, e->w, e->h);
        if (e->kind == EL_QR) {
            sb_puts(o, ",\"text\":");
            sb_json_str(o, e->src);
        } else if (e->kind == EL_TEXT) {
            sb_printf(o, ",\"font_px\":%.0f,\"bold\":%s,\"min_size\":%s,", e->tl->px,
                      e->weight == EL_BOLD ? "true" : "false", e->warn_min_size ? "true" : "false");
            /* a vertical element's lines are its columns, right to left, with glyph ids */
            sb_puts(o, e->vertical ? "\"vertical\":true,\"columns\":[" : "\"lines\":[");
            for (size_t k = 0; k < e->nlines; k++) {
                const struct el_line *ln = &e->lines[k];
                sb_puts(o, k ? ",{\"text\":" : "{\"text\":");
                sb_json_str(o, ln->text);
                sb_printf(o,
                          ",\"x\":%.0f,\"y\":%.0f,\"w\":%.0f,\"h\":%.0f,\"para\":%d,\"advances\":[",
                          ln->x, ln->y, ln->w, ln->h, ln->para);
                for (size_t a = 0; a < ln->nadv; a++)
                    sb_printf(o, a ? ",%.1f" : "%.1f", ln->adv[a]);
                if (ln->gid) {
                    sb_puts(o, "],\"glyphs\":[");
                    for (size_t a = 0; a < ln->nadv; a++)
                        sb_printf(o, a ? ",%u" : "%u", (unsigned)ln->gid[a]);
                }
                sb_puts(o, "]}");
            }
            sb_puts(o, "]");
        } else {
            sb_puts(o, ",\"src\":");
            if (e->src)
                sb_json_str(o, e->src);
            else
                sb_puts(o, "null");
            sb_printf(o, ",\"placeholder\":%s,\"fit\":\"%s\"", e->resolved ? "false" : "true",
                      e->fit == FIT_COVER ? "cover" : "contain");
            if (e->resolved && e->img_w > 0 && e->img_h > 0) {
                double src[4], dst[4];
                layout_fit_rect(e->img_w, e->img_h, e->w, e->h, e->fit, e->focus_x, e->focus_y, src,
                                dst);
                sb_printf(o,
                          ",\"image_w\":%d,\"image_h\":%d,\"crop\":[%.1f,%.1f,%.1f,%.1f],"
                          "\"dest\":[%.1f,%.1f,%.1f,%.1f]",
                          e->img_w, e->img_h, src[0], src[1], src[2], src[3], e->x + dst[0],
                          e->y + dst[1], dst[2], dst[3]);
            }
        }
        sb_puts(o, "}");
    }
    sb_puts(o, "]}");
}
