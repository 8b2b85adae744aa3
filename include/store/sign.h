/* sign.h - signed content bundles (Ed25519 through libsodium).
 *
 * honorboard/SIGNATURE is a text file: a header, the bundle's version number, the signer's
 * public key, one "file <blake2b> <size> <path>" line per file, then "signature <hex>" over all
 * bytes before that line. A board that trusts the key accepts only bundles whose files match,
 * and only versions newer than the one it plays - except a signed reset (`sign --reset`: a
 * "reset" line in the signed part), which a board also takes when the version it plays is more
 * than SIGN_RESET_MARGIN ahead of the board's own clock (and the reset's is not): the way back
 * from a version signed under a clock set ahead. A board playing a correctly dated version
 * refuses any reset, however old, as older. */
#ifndef HB_SIGN_H
#define HB_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/manifest.h"

/* How far ahead of a signed reset's version a board's version must be for the reset to replace
 * it (seconds): the same day of slack `sign` allows a version over its references. */
#define SIGN_RESET_MARGIN 86400
#define SIGN_CLOCK_SET 1704067200 /* 2024-01-01: a board clock before it is unset */

/* `honorboard keygen` and `honorboard sign` */
int sign_keygen_main(int argc, char **argv);
int sign_main(int argc, char **argv);

/* Verifies root/SIGNATURE against the trusted public key files, and every listed file's size
 * and hash. Fills m (free with manifest_free()). 0, or -1 with a message in err. */
int sign_verify(const char *root, const char *const *trusted, int ntrusted, struct manifest *m,
                char *err, size_t errlen);
/* BLAKE2b-256 of a file, hex. 0 or -1. */
int sign_hash_file(const char *path, char out[65], uint64_t *size);

#endif
