/* layout_running.c - 走字 on a door-top LED strip: a slogan longer than the strip is set on one
 * line as large as the band allows and runs through it right to left, the way LED signs show
 * a long text, instead of being cut into pages of two small lines. The line's box is the band
 * it runs in (the only part of the screen repainted while it runs); its speed is the author's
 * `speed:` in characters a second, one character being one em. What the page shows at time 0
 * (the start of the text at the band's left edge) is what render writes; the board moves it
 * from the clock (running.c). */
#include "page/layout_running.h"
#include "base/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RUN_LINE 1.3
/* Between the end of the text and its start coming round again, in ems. */
#define RUN_GAP_EM 4

/* The text on one line: its lines joined by two ideographic spaces. Caller frees. */
static char *one_line(const char *text)
{
    struct strbuf b = {0};
    sb_puts(&b, "");
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\n");
        size_t a = 0;
        while (a < n && (p[a] == ' ' || p[a] == '\t'))
            a++;
        if (n > a) {
            if (b.len)
                sb_puts(&b, "　　");
            sb_printf(&b, "%.*s", (int)(n - a), p + a);
        }
        p += n + (p[n] == '\n');
    }
    return b.s;
}

bool layout_running_in(struct place_ctx *c, int pg, const char *role, const char *text, double cps,
                       double x, double y, double w, double h, struct color color)
{
    if (!text || !*text || !(cps > 0) || w <= 0 || h < PLACE_MIN_PX * RUN_LINE)
        return false;
    double px = fmax(PLACE_MIN_PX, floor(h / RUN_LINE));
    char *line = one_line(text);
    double tw = place_text_w(c, line, px, EL_BOLD);
    if (tw <= w || !*line) {
        free(line);
        return false;
    }
    double lh = fmin(h, ceil(px * RUN_LINE));
    struct element *e = place_text(c, pg,
                                   &(struct place_spec){.role = role,
                                                        .text = line,
                                                        .x = x,
                                                        .y = y + (h - lh) / 2,
                                                        .w = ceil(tw * 1.2) + 4 * px,
                                                        .h = lh,
                                                        .min_px = px,
                                                        .max_px = px,
                                                        .weight = EL_BOLD,
                                                        .color = color,
                                                        .align = ALIGN_LEFT,
                                                        .line_height = RUN_LINE});
    free(line);
    if (!e)
        return false;
    e->w = w; /* the band: the line runs through it and past its right edge */
    e->run_speed = cps * px;
    e->run_period = ceil(tw) + 2 + RUN_GAP_EM * px;
    return true;
}

bool layout_running(struct place_ctx *c, const char *role, const char *text, double cps)
{
    if (!text || !*text || c->shape != PLACE_STRIP || !(cps > 0))
        return false;
    double m = c->m, bw = c->W - 2 * m, bh = c->H - 2 * m;
    double px = fmax(PLACE_MIN_PX, floor(bh / RUN_LINE));
    char *line = one_line(text);
    bool runs = *line && place_text_w(c, line, px, EL_BOLD) > bw;
    free(line);
    if (!runs)
        return false;
    place_plain(c, 0);
    return layout_running_in(c, 0, role, text, cps, m, m, bw, bh, c->th->accent);
}
