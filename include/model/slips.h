/* slips.h - the slips a Chinese keyboard makes in a YAML playlist, found in the raw text
 * before libyaml reads it, so each is named in plain words at its own line and column:
 * a full-width colon after a key, no space after ':', indentation with U+3000 or a tab, a
 * full-width list dash, an unquoted "#RRGGBB" colour (YAML reads it as a comment), a Windows
 * path with backslashes inside double quotes. Content inside block scalars (text: |) is never
 * looked at: there a full-width colon is just text. */
#ifndef HB_SLIPS_H
#define HB_SLIPS_H

#include <stddef.h>

#include "base/diag.h"

/* Lines that had a slip, so later messages about the same line can be left out. */
struct slips {
    int *lines; /* 1-based line numbers, ascending; owned, freed by slips_free() */
    size_t n;
};

/* Scans text (len bytes) and adds one error per slip to d. Returns the number found. */
size_t slips_scan(const char *file, const char *text, size_t len, struct diag *d,
                  struct slips *out);
int slips_has_line(const struct slips *s, int line);
void slips_free(struct slips *s);

/* The English key(s) for a Chinese word an author may type as a key (标题 -> "title"), as a
 * space-separated list of candidates ("photo image" for 照片), or NULL. Static: never freed. */
const char *slips_english_key(const char *word);

#endif
