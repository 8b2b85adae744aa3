/* diag.h - collected diagnostics ("file:line:col: error: ..."), printed gcc-style or shown on
 * screen. */
#ifndef HB_DIAG_H
#define HB_DIAG_H

#include <stdio.h>

/* Where a value stands in its file. */
struct pos {
    int line, col; /* 1-based; 0 = unknown */
};

enum diag_level { DIAG_WARNING, DIAG_ERROR };

/* file and text are owned by the message (freed by diag_free() of its list). */
struct diag_msg {
    enum diag_level level;
    char *file;    /* may be NULL */
    int line, col; /* 1-based; 0 when unknown */
    char *text;
};

/* A growing list of messages. Zero-initialise; release with diag_free(). */
struct diag {
    struct diag_msg *msgs;
    size_t n, cap;
    int errors, warnings;
};

void diag_add(struct diag *d, enum diag_level level, const char *file, int line, int col,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* "file:line:col: error: text". Caller frees. */
char *diag_format(const struct diag_msg *m);
void diag_print(const struct diag *d, FILE *out);
/* The first error (or NULL), for the on-screen card: points into d, valid until d changes. */
const struct diag_msg *diag_first_error(const struct diag *d);
/* Orders messages from index `from` on by line and column (stable), as a reader expects. */
void diag_sort_from(struct diag *d, size_t from);
void diag_free(struct diag *d);

#endif
