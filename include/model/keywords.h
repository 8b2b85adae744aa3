/* keywords.h - Chinese and pinyin words for the playlist's English keys (keywords.c). */
#ifndef HB_KEYWORDS_H
#define HB_KEYWORDS_H

/* The English key(s) for a word an author may type as a key (标题 or biaoti -> "title"), as a
 * space-separated list of candidates ("photo image" for 照片), or NULL. Static: never freed. */
const char *keywords_english(const char *word);

#endif
