#!/bin/sh
# check-format.sh - the house's formatting is .clang-format's: fails (exit 1) naming every C file
# of src/, include/ and tests/ that clang-format would change. Mend with `make format`.
command -v clang-format >/dev/null || { echo "check-format: clang-format is missing: make deps"; exit 1; }
files=$(git ls-files --cached --others --exclude-standard 'src/*.c' 'include/*.h' 'tests/*.c' 'tests/*.h' 2>/dev/null || find src include tests -name '*.[ch]')
bad=$(for f in $files; do
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || echo "$f"
done)
if [ -n "$bad" ]; then
    echo "check-format: not as .clang-format says (make format mends them):"
    printf '  %s\n' $bad
    exit 1
fi
echo "check-format: ok (every C file as .clang-format says)"
