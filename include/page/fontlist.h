/* fontlist.h - where the faces come from: fontconfig on Linux; on Windows, where there is no
 * fontconfig, the answers the build machine's fontconfig gave to the same questions, written to
 * assets/fonts/fonts.list beside the files they name by `make windows`
 * (packaging/windows/fonts-list.sh; lines "match|sort TAB pattern TAB file TAB index [TAB
 * families]"). fonts.c asks only these two questions, so both give the same faces in the same
 * order, and pages break the same. */
#ifndef HB_FONTLIST_H
#define HB_FONTLIST_H

#include <stdbool.h>
#include <stddef.h>

struct fontlist_entry {
    char *file; /* the font file */
    int index;  /* face index in a .ttc */
};

/* Loads the font configuration once (call under fonts.c's lock). */
void fontlist_init(void);
/* The best face for a pattern ("Noto Sans CJK SC:lang=zh-cn:bold"); with family set, only
 * when one of its family names is family. false: none. Free out->file. */
bool fontlist_match(const char *pattern, const char *family, struct fontlist_entry *out);
/* Every usable face (scalable, not colour) for a pattern, best first. Caller frees with
 * fontlist_free(). */
struct fontlist_entry *fontlist_sort(const char *pattern, size_t *n);
void fontlist_free(struct fontlist_entry *e, size_t n);

#endif
