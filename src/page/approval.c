/* approval.c - the preview for approval (送审, approval.h): a cover in words, then every page
 * as the screen shows it. The pages come from pages.c (the screen's own page path), the times
 * from policy.c (what the board plays), the messages from the caller's list (the import's
 * check), so the cover, REPORT.txt and the board agree. */
#include "page/approval.h"
#include "base/i18n.h"
#include "base/pngout.h"
#include "base/renderpool.h"
#include "base/util.h"
#include "model/content.h"
#include "model/slidekinds.h"
#include "page/draw.h"
#include "page/fonts.h"
#include "page/layout.h"
#include "page/pages.h"
#include "page/policy.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A4 portrait at 150 dpi; 24 px is about 11.5 pt when printed. */
enum { COVER_W = 1240, COVER_H = 1754, COVER_MARGIN = 90, COVER_PX = 24, COVER_LINE = 36 };

static const char *base_name(const char *p)
{
    const char *b = p ? strrchr(p, '/') : NULL;
    return b ? b + 1 : (p ? p : "");
}

/* "哪里需要" (text): 3 page(s), 72 s + 72 s + 40 s. Adds the seconds to *total. */
static void slide_line(struct strbuf *b, const struct playlist *pl, const struct slide *s,
                       const struct layout_env *env, int W, int H, double *total)
{
    struct slide_layout *l = layout_slide(pl, s, W, H, env);
    const struct slide_kind *k = slide_kind_of(s->type);
    const char *kind = k && k->zh && k->zh[0] ? k->zh[0] : slide_type_names[s->type];
    /* a slide known only by its kind (a banner, a couplet) by the start of its words instead */
    const char *label = policy_slide_label(s);
    char words[64] = "";
    if (!strcmp(label, slide_type_names[s->type]) && s->text) {
        size_t n = 0, chars = 0;
        while (s->text[n] && s->text[n] != '\n' && chars < 12 && n + 4 < sizeof words - 4)
            for (n++, chars++; (s->text[n] & 0xC0) == 0x80;)
                n++; /* whole characters */
        snprintf(words, sizeof words, "%.*s%s", (int)n, s->text, s->text[n] ? "…" : "");
        label = words;
    }
    sb_printf(b, _("  slide %d (%s) %s: %d page(s), "), s->index, kind, label, l->npages);
    for (int pg = 0; pg < l->npages; pg++) {
        double t = policy_laid_page_timing(pl, s, l, pg).duration;
        *total += t;
        sb_printf(b, _("%s%.0f s"), pg ? " + " : "", t);
    }
    sb_puts(b, "\n");
    layout_free(l);
}

char *approval_cover_text(const char *path, int W, int H, const char *header, const struct diag *d)
{
    struct strbuf b = {0}, body = {0};
    struct diag ld = {0};
    struct content *c = content_load(path, &ld);
    char err[256];
    struct fonts *fonts = fonts_create(NULL, err, sizeof err);
    struct layout_env env = fonts ? draw_layout_env(fonts) : (struct layout_env){0};
    int slides = 0, pages = 0;
    double total = 0;
    for (int i = 0; i < c->nplaylists; i++) {
        const struct playlist *pl = c->playlists[i];
        sb_printf(&body, "%s%s%s%s\n", base_name(c->files[i]), pl && pl->title ? "（" : "",
                  pl && pl->title ? pl->title : "", pl && pl->title ? "）" : "");
        bool any = false;
        for (size_t k = 0; fonts && k < c->nitems; k++) {
            const struct content_item *it = &c->items[k];
            if (it->playlist != i || it->slide < 0)
                continue;
            const struct slide *s = &pl->slides[it->slide];
            struct slide_layout *l = layout_slide(pl, s, W, H, &env);
            pages += l->npages;
            layout_free(l);
            slide_line(&body, pl, s, &env, W, H, &total);
            slides++, any = true;
        }
        if (!any)
            sb_puts(&body, _("  cannot be played: see the errors below\n"));
    }
    sb_printf(&b, "%s\n", header ? header : "");
    sb_printf(&b, _("%d playlist(s), %d slide(s), %d page(s); one round takes about %d min %d s\n"),
              c->nplaylists, slides, pages, (int)total / 60, (int)lround(total) % 60);
    sb_printf(&b, _("errors: %d, warnings: %d"), d ? d->errors : 0, d ? d->warnings : 0);
    sb_printf(&b, "\n\n%s\n%s\n%s\n", _("Playlists, slides and the seconds each page shows:"),
              body.s ? body.s : "", _("Errors and warnings:"));
    for (size_t i = 0; d && i < d->n; i++) {
        struct diag_msg m = d->msgs[i];
        m.file = (char *)base_name(m.file); /* as the author sees it in her folder */
        char *line = diag_format(&m);
        sb_printf(&b, "  %s\n", line);
        free(line);
    }
    if (!d || d->n == 0)
        sb_printf(&b, "  %s\n", _("none"));
    sb_free(&body);
    fonts_destroy(fonts);
    content_unref(c);
    diag_free(&ld);
    return b.s;
}

/* Draws text onto A4 covers, wrapping long lines at the margin; writes dir/00-封面.png, then
 * 00-封面-2.png ... Returns the number written, -1 on a write error. */
static int write_covers(const char *text, const char *dir)
{
    char err[512];
    struct fonts *f = fonts_create(NULL, err, sizeof err);
    if (!f)
        return -1;
    int n = 0, rc = 0;
    SDL_Surface *page = NULL;
    double y = 0, maxw = COVER_W - 2 * COVER_MARGIN;
    const SDL_Color ink = {20, 20, 20, 255};
    for (const char *p = text; *p && rc == 0;) {
        enum font_weight fw = p == text ? FONT_BOLD : FONT_REGULAR; /* the header line */
        if (!page) {
            page =
                SDL_CreateRGBSurfaceWithFormat(0, COVER_W, COVER_H, 32, SDL_PIXELFORMAT_ARGB8888);
            if (!page) {
                rc = -1;
                break;
            }
            SDL_FillRect(page, NULL, 0xFFFFFFFFu);
            y = COVER_MARGIN + COVER_PX;
        }
        size_t len = strcspn(p, "\n"), cut = 0;
        double w = 0;
        while (cut < len) { /* as many characters as fit the line */
            size_t cl;
            uint32_t cp = utf8_decode(p + cut, len - cut, &cl);
            double a = fonts_advance(f, fw, cp, COVER_PX);
            if (w + a > maxw && cut > 0)
                break;
            w += a, cut += cl;
        }
        char *seg = xasprintf("%.*s", (int)cut, p);
        fonts_draw_text(f, fw, seg, COVER_PX, page, COVER_MARGIN, y, ink);
        free(seg);
        p += cut;
        if (*p == '\n')
            p++;
        y += COVER_LINE;
        if (y > COVER_H - COVER_MARGIN || !*p) {
            char *name = n == 0 ? xasprintf("%s/00-封面.png", dir)
                                : xasprintf("%s/00-封面-%d.png", dir, n + 1);
            rc = pngout_write(page, name, err, sizeof err);
            free(name);
            SDL_FreeSurface(page);
            page = NULL;
            n++;
        }
    }
    if (page)
        SDL_FreeSurface(page);
    fonts_destroy(f);
    return rc < 0 ? -1 : n;
}

int approval_write(const char *path, int W, int H, const char *dir, const char *header,
                   const struct diag *d)
{
    if (path_mkdirs(dir) < 0)
        return -1;
    DIR *dh = opendir(dir); /* never a page left from an earlier, longer content */
    struct dirent *e;
    while (dh && (e = readdir(dh))) {
        size_t l = strlen(e->d_name);
        if (l > 4 && strcmp(e->d_name + l - 4, ".png") == 0) {
            char *old = path_join(dir, e->d_name);
            unlink(old);
            free(old);
        }
    }
    if (dh)
        closedir(dh);
    char *text = approval_cover_text(path, W, H, header, d);
    int covers = write_covers(text, dir);
    free(text);
    if (covers < 0)
        return -1;
    struct pages_report rep = {0};
    pages_render(
        path,
        &(struct pages_opts){
            .w = W, .h = H, .out = dir, .workers = renderpool_default_workers(), .quiet = true},
        &rep);
    free(rep.json);
    return rep.rc == 2 ? -1 : covers + rep.written;
}
