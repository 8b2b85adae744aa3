/* manifest.h - a bundle's list of files: one "file <blake2b> <size> <path>" line per file.
 *
 * Two files carry such a list: honorboard/MANIFEST, written LAST by `honorboard publish` (every
 * file of the bundle, SIGNATURE included), which tells a receiving board that a bundle a sync
 * engine writes file by file is complete; and honorboard/SIGNATURE (sign.h), whose signed part
 * lists the files it covers. A bundle is complete when its files are exactly the listed ones,
 * each with the listed size and hash. Neither file trusts the other: completeness is not trust
 * (the import still checks the signature and every file). */
#ifndef HB_MANIFEST_H
#define HB_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MANIFEST_NAME "MANIFEST"
#define MANIFEST_MAX_BYTES (4u << 20)
#define MANIFEST_MAX_FILES 10000

struct manifest_file {
    char *path; /* relative to the bundle folder, owned */
    uint64_t size;
    char hash[65];
};

struct manifest {
    uint64_t version;            /* a signature's "version" line; 0 when none */
    bool reset;                  /* a signature's "reset" line (sign --reset; sign.h) */
    struct manifest_file *files; /* owned; manifest_free() */
    size_t n;
};

/* Parses the "version" and "file" lines of text (other lines are skipped); text is changed
 * (cut into lines). 0, or -1 with a message in err (a path leading out of the bundle, too many
 * files, a malformed line). m is empty after a failure. */
int manifest_parse(char *text, struct manifest *m, char *err, size_t errlen);
/* Reads root/name (a regular file, at most MANIFEST_MAX_BYTES) and parses it. 0, or -1 + err;
 * errno ENOENT when the file is not there. */
int manifest_load(const char *root, const char *name, struct manifest *m, char *err, size_t errlen);
/* Does the tree at root hold exactly m's files, each with its size and hash? Files that are
 * never part of a bundle are left out of the comparison (dot files - sync engines' temporary
 * files -, REPORT.txt, READY, MANIFEST; SIGNATURE too when skip_signature). Sizes are compared
 * for every file before any is hashed. 0 when it does; 1 when it does not, with the first
 * difference in why; *hashed (may be NULL) is increased by the number of files hashed. */
int manifest_match(const char *root, const struct manifest *m, bool skip_signature,
                   unsigned long *hashed, char *why, size_t whylen);
/* Every file of the tree at root that belongs to a bundle (as manifest_match() counts them),
 * sorted by path. *out is an owned array of owned strings. */
void manifest_list_files(const char *root, bool skip_signature, char ***out, size_t *n);
/* Writes root/MANIFEST listing every file of the tree (SIGNATURE included), atomically and
 * fsynced. 0, or -1 with errno. */
int manifest_write(const char *root);
bool manifest_has(const struct manifest *m, const char *path);
void manifest_free(struct manifest *m);

#endif
