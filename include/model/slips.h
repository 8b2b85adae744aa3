/* slips.h - the slips a Chinese keyboard makes in a YAML playlist, found in the raw text
 * before libyaml reads it, so each is named in plain words at its own line and column:
 * a full-width colon after a key, no space after ':', indentation with U+3000 or a tab, a
 * full-width list dash, an unquoted "#RRGGBB" colour (YAML reads it as a comment), a Windows
 * path with backslashes inside double quotes, U+3000 after a colon, a value opening with a quote
 * or bracket that goes on after it closes, a full-width or value-splitting comma inside { }, a
 * text of several lines without '|', a block's first line indented deeper than the rest, lines
 * pasted at column 0. Content inside block scalars (text: |) is otherwise never looked at:
 * there a full-width colon is just text. */
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

#endif
