#!/bin/sh
# Runs every cmocka test program from the top of the tree and prints one closing line,
# "tests: N passed, M failed, K skipped". Exit status 1 when anything failed or a program crashed.
# SDL tests need no display: the dummy video driver.
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
# Messages in English unless a test asks for Chinese (LANG=zh_CN.UTF-8 on its command line).
unset LANGUAGE LC_ALL LC_MESSAGES; export LANG=C.UTF-8
# A sanitized binary lives in build-san/, where no assets/ sits beside it: point it at the tree's
# (the message catalogues, fonts named in assets/) as ./honorboard finds them beside itself.
if [ -n "$HB_SANITIZED" ]; then export HONORBOARD_ASSETS="$(pwd)/assets"; fi
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
passed=0 failed=0 skipped=0 status=0
for t in "$@"; do
    echo "== $t"
    out=$("$t" 2>&1); rc=$?
    printf '%s\n' "$out"
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    k=$(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${k:-0}))
    if [ "$rc" -ne 0 ]; then
        status=1
        if [ -z "$f" ]; then # crashed before cmocka could count: count the program as failed
            echo "$t: exited with status $rc"; failed=$((failed + 1))
        fi
    fi
done
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
