/* sign.h - signed content bundles (Ed25519 through libsodium).
 *
 * honorboard/SIGNATURE is a text file: a header, the bundle's version number, the signer's
 * public key, one "file <blake2b> <size> <path>" line per file, then "signature <hex>" over all
 * bytes before that line. A board that trusts the key accepts only bundles whose files match,
 * and only versions newer than the one it plays. */
#ifndef HB_SIGN_H
#define HB_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/manifest.h"

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
