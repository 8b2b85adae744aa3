/* photoconv.h - photos as phones and offices make them: what a file is by its bytes (JPEG,
 * PNG, HEIC from iPhones, WebP, and the kinds the board never shows: GIF, BMP, TIFF, PSD, PDF
 * ...), HEIC and WebP decoded with libheif and libwebp, and converted to JPEG when content is
 * imported. Playback itself decodes only JPEG and PNG (images.c). */
#ifndef HB_PHOTOCONV_H
#define HB_PHOTOCONV_H

#include <SDL.h>
#include <stddef.h>

/* Largest picture we agree to decode (pixels); a bigger file is refused, not allowed to eat RAM. */
#define PHOTO_MAX_PIXELS (100u * 1000u * 1000u)
/* The memory budget of one picture's decode (docs/reliability.md, "The memory budget"): the
 * unit's MemoryMax=600M less the player's own ~150 MB (libraries, fonts, the page on screen and
 * the next one in the making) and a margin of some 190 MB. A JPEG whose decode would pass it is
 * decoded at a smaller DCT scale; a PNG is refused (its decoder has no smaller scale). */
#define PHOTO_DECODE_BUDGET_BYTES (256ull << 20)
/* A PNG's decode holds the decoded rows (up to 4 bytes a pixel) and the ARGB8888 copy (4). */
#define PHOTO_PNG_BYTES_PER_PIXEL 8u
/* The largest PNG decoded: 33.5 megapixels (for instance 7000x4700). */
#define PHOTO_PNG_MAX_PIXELS (PHOTO_DECODE_BUDGET_BYTES / PHOTO_PNG_BYTES_PER_PIXEL)
/* The peak resident memory (MB) check and render stay under with a picture at the budget:
 * MemoryMax=600M less a margin (tests/test_hostile.c measures it). */
#define PHOTO_PEAK_MB 450
/* Largest image file accepted. Only JPEG and PNG, recognised by their bytes, are decoded for
 * playback (images.h); HEIC and WebP only to be converted on import. */
#define PHOTO_MAX_FILE_BYTES (64 << 20)

enum photo_kind {
    PHOTO_OTHER,
    PHOTO_JPEG,
    PHOTO_PNG,
    PHOTO_HEIC,
    PHOTO_WEBP,
    PHOTO_AVIF,
    PHOTO_GIF,
    PHOTO_BMP,
    PHOTO_TIFF,
    PHOTO_PSD,
    PHOTO_PDF,
    PHOTO_WORD,
    PHOTO_TEXT,
    PHOTO_KIND_COUNT
};

/* The kind of picture in the first n bytes (at least 16 are looked at when there). */
enum photo_kind photoconv_sniff(const unsigned char *head, size_t n);
/* The same for a file. PHOTO_OTHER when it cannot be read. */
enum photo_kind photoconv_sniff_file(const char *path);
/* A short name for the kind ("HEIC (iPhone)"), in the current language: static, never freed. */
const char *photoconv_kind_name(enum photo_kind k);
/* HEIC and WebP: converted on import. */
int photoconv_convertible(enum photo_kind k);

/* Decodes a HEIC or WebP file (whole picture, turned as the file says) into ARGB8888, after
 * checking its size against the limits. NULL with a message in err. Caller frees. */
SDL_Surface *photoconv_decode(const char *path, char *err, size_t errlen);
/* Rewrites a HEIC or WebP file in place as a JPEG (quality 92), under the same name: the
 * playlist keeps naming it, playback recognises JPEG by its bytes. Returns 1 when converted,
 * 0 when the file is no HEIC/WebP, -1 on error (file left as it was). */
int photoconv_to_jpeg(const char *path, char *err, size_t errlen);

/* A HEIC or WebP file as an import makes it: converted once into the user's cache (decoded,
 * saved as JPEG exactly as photoconv_to_jpeg() saves it) and kept there under a name made of
 * the file's path, size and time. Returns the JPEG's path (caller frees), or NULL with a
 * message in err (the cache cannot be written, the file cannot be decoded). So `render` and
 * `play` on the author's PC show the pixels the board shows after the import. */
char *photoconv_cached_jpeg(const char *path, char *err, size_t errlen);

/* For the decoders of playback (images.c): the readable cached JPEG of a HEIC or WebP file
 * (photoconv_cached_jpeg), or NULL for any other file or when there is none to read (a
 * confined checker); then the file's own check speaks. Caller frees. */
char *photoconv_as_imported(const char *path);

/* Writes s (ARGB8888; only read) to path as a JPEG of quality 92, atomically (fsynced). 0, or
 * -1 with a message in err. */
int photoconv_save_jpeg(SDL_Surface *s, const char *path, char *err, size_t errlen);

#endif
