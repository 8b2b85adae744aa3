/* store_result.c - an import's result in words (store_result.h): the outcome's name, the
 * sentence for the screen, the first error as the author can act on it, and what the store's
 * disk refused. */
#include "store/store_result.h"
#include "base/i18n.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *store_outcome_name(enum store_outcome o)
{
    static const char *const names[] = {"ok",      "rejected", "unchanged",
                                        "aborted", "failed",   "preview"};
    return o <= STORE_PREVIEW ? names[o] : "?";
}

void store_set_msg(struct store_result *res, enum store_outcome o, const char *fmt, ...)
{
    res->outcome = o;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(res->message, sizeof res->message, fmt, ap);
    va_end(ap);
}

/* "a.yaml 第14行：..." - the first error in words a person at the screen can act on. */
void store_first_error(const struct diag *d, char *out, size_t n)
{
    const struct diag_msg *m = diag_first_error(d);
    if (!m) {
        snprintf(out, n, "未知错误");
        return;
    }
    const char *base = m->file ? strrchr(m->file, '/') : NULL;
    base = base ? base + 1 : (m->file ? m->file : "");
    if (m->line > 0)
        snprintf(out, n, _("%s line %d: %s"), base, m->line, m->text);
    else
        snprintf(out, n, "%s：%s", base, m->text);
}

/* The store's disk said no (errno e): full, read-only, or another error - never "the stick
 * was pulled". */
void store_write_failed(struct store_result *res, const char *dir, int e)
{
    if (e == ENOSPC || e == EDQUOT)
        store_set_msg(res, STORE_FAILED,
                      _("This PC's storage is full (%s: %s); nothing was loaded. The board keeps "
                        "playing its content."),
                      dir, strerror(e));
    else if (e == EROFS)
        store_set_msg(res, STORE_FAILED,
                      _("The content store %s is read-only (%s); nothing was loaded. The board "
                        "keeps playing its content."),
                      dir, strerror(e));
    else
        store_set_msg(res, STORE_FAILED,
                      _("Cannot write to the content store %s (%s); nothing was loaded. The board "
                        "keeps playing its content."),
                      dir, strerror(e));
}

void store_result_free(struct store_result *res)
{
    diag_free(&res->diag);
}
