/* diag.c - collecting and printing diagnostics with their file:line:col. */
#include "base/diag.h"
#include "base/i18n.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdlib.h>

void diag_add(struct diag *d, enum diag_level level, const char *file, int line, int col,
              const char *fmt, ...)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->msgs = xrealloc(d->msgs, d->cap * sizeof *d->msgs);
    }
    va_list ap;
    va_start(ap, fmt);
    char *text = NULL;
    if (vasprintf(&text, fmt, ap) < 0)
        text = xstrdup("(message too long)");
    va_end(ap);
    d->msgs[d->n++] = (struct diag_msg){
        .level = level, .file = xstrdup(file), .line = line, .col = col, .text = text};
    if (level == DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
}

char *diag_format(const struct diag_msg *m)
{
    const char *lv = m->level == DIAG_ERROR ? _("error") : _("warning");
    char *raw = m->file && m->line > 0
                    ? xasprintf("%s:%d:%d: %s: %s", m->file, m->line, m->col, lv, m->text)
                : m->file ? xasprintf("%s: %s: %s", m->file, lv, m->text)
                          : xasprintf("%s: %s", lv, m->text);
    char *shown = str_visible(raw); /* never a raw escape on a terminal or in REPORT.txt */
    free(raw);
    return shown;
}

void diag_print(const struct diag *d, FILE *out)
{
    for (size_t i = 0; i < d->n; i++) {
        char *s = diag_format(&d->msgs[i]);
        fprintf(out, "%s\n", s);
        free(s);
    }
}

const struct diag_msg *diag_first_error(const struct diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->msgs[i].level == DIAG_ERROR)
            return &d->msgs[i];
    return NULL;
}

void diag_free(struct diag *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->msgs[i].file);
        free(d->msgs[i].text);
    }
    free(d->msgs);
    *d = (struct diag){0};
}

void diag_sort_from(struct diag *d, size_t from)
{
    for (size_t i = from + 1; i < d->n; i++) { /* insertion sort: stable, lists are short */
        struct diag_msg m = d->msgs[i];
        size_t j = i;
        while (j > from && (d->msgs[j - 1].line > m.line ||
                            (d->msgs[j - 1].line == m.line && d->msgs[j - 1].col > m.col))) {
            d->msgs[j] = d->msgs[j - 1];
            j--;
        }
        d->msgs[j] = m;
    }
}
