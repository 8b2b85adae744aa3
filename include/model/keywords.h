/* keywords.h - Chinese and pinyin words for the playlist's English keys (keywords.c). */
#ifndef HB_KEYWORDS_H
#define HB_KEYWORDS_H

/* The English key(s) for a word an author may type as a key (标题 or biaoti -> "title"), as a
 * space-separated list of candidates ("photo image" for 照片), or NULL. Static: never freed. */
const char *keywords_english(const char *word);
/* The keys an English word for a picture may mean where it is not a key itself (photo in a
 * gallery's photo means image), as a space-separated list, or NULL. Static. */
const char *keywords_alias(const char *word);

#endif
