#!/bin/sh
# test-windows.sh ZIPDIR - honorboard.exe under Wine (wine64) and Xvfb against the Linux build
# of the same tree (`make test-windows`; docs/windows.md):
#   1. check: the same messages (Chinese and English) and exit codes for the bundled playlists
#      and every tests/data/bad/*.yaml, and for a copy under a Chinese folder name with CRLF;
#   2. render: the same pixels as the Linux render, page by page (ImageMagick compare);
#   3. play --window: the preview window opens under Xvfb and shows page 1 (a screenshot of the
#      root window, build/windows/test/preview.png, compared with the rendered page 1).
# Prints "test-windows: N passed, M failed"; exits 1 when anything failed.
set -u
dir=$1
top=$(pwd)
out=$top/build/windows/test
rm -rf "$out" && mkdir -p "$out"
export WINEPREFIX=$top/build/windows/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
WINE=/usr/lib/wine/wine64
exe=$dir/honorboard.exe
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() {
    fail=$((fail + 1))
    echo "FAIL: $*"
}

# Xvfb for the whole run (Wine's console programs also want a display for their first start)
disp=:$((90 + $$ % 100))
Xvfb "$disp" -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT INT TERM
export DISPLAY=$disp
sleep 1
[ -d "$WINEPREFIX" ] || $WINE wineboot -i >/dev/null 2>&1

# 1. check: messages and exit codes
for lang in zh_CN.UTF-8 C.UTF-8; do
    for f in playlists playlists/*.yaml tests/data/bad/*.yaml; do
        LANG=$lang LANGUAGE= ./honorboard check "$f" >"$out/linux.txt" 2>&1
        lrc=$?
        LANG=$lang LANGUAGE= $WINE "$exe" check "$f" >"$out/wine.txt" 2>&1
        wrc=$?
        tr -d '\r' <"$out/wine.txt" >"$out/wine-lf.txt"
        if [ $lrc = $wrc ] && cmp -s "$out/linux.txt" "$out/wine-lf.txt"; then
            ok
        else
            bad "check $f ($lang): exit $lrc on Linux, $wrc under Wine"
            diff "$out/linux.txt" "$out/wine-lf.txt" | head -n 10
        fi
    done
done

# the same content in a Chinese folder, with CRLF line ends (Notepad) and upper-case names
zh="$out/U盘/honorboard"
mkdir -p "$zh"
cp -r playlists/photos "$zh/"
for f in playlists/*.yaml; do sed 's/$/\r/' "$f" >"$zh/$(basename "$f")"; done
(cd "$out/U盘" && LANG=zh_CN.UTF-8 "$top/honorboard" check honorboard >"$out/linux.txt" 2>&1)
lrc=$?
(cd "$out/U盘" && LANG=zh_CN.UTF-8 $WINE "$exe" check honorboard >"$out/wine.txt" 2>&1)
wrc=$?
tr -d '\r' <"$out/wine.txt" >"$out/wine-lf.txt"
if [ $lrc = $wrc ] && cmp -s "$out/linux.txt" "$out/wine-lf.txt"; then ok; else
    bad "check of a Chinese folder with CRLF files: exit $lrc/$wrc"
    diff "$out/linux.txt" "$out/wine-lf.txt" | head -n 10
fi

# 2. render: the same pixels
for spec in "playlists/01-xianjin-fengcai.yaml 1280x720" "playlists/02-portrait-lobby.yaml 720x1280"; do
    set -- $spec
    name=$(basename "$1" .yaml)
    ./honorboard render "$1" --out "$out/linux-$name" --size "$2" >/dev/null 2>&1
    $WINE "$exe" render "$1" --out "$out/wine-$name" --size "$2" >/dev/null 2>&1
    n=0
    for png in "$out/linux-$name"/*.png; do
        n=$((n + 1))
        other=$out/wine-$name/$(basename "$png")
        diffpx=$(compare -metric AE "$png" "$other" null: 2>&1)
        if [ "$diffpx" = 0 ]; then ok; else bad "render $name $(basename "$png"): $diffpx pixels differ"; fi
    done
    [ $n -gt 0 ] || bad "render $name: no pages on Linux"
done

# 3. play --window: the window opens and shows page 1
first=$(ls "$out/linux-01-xianjin-fengcai"/*.png | head -n 1)
$WINE "$exe" play playlists/01-xianjin-fengcai.yaml --window=1280x720 >"$out/play.log" 2>&1 &
player=$!
sleep 20
import -window root "$out/preview.png" 2>/dev/null
kill $player 2>/dev/null
$WINE wineserver -k 2>/dev/null
if [ -f "$out/preview.png" ]; then
    # the window's pixels, wherever the window manager-less X server put it: the best match of
    # page 1 inside the screenshot
    score=$(compare -metric RMSE -subimage-search "$out/preview.png" "$first" null: 2>&1 |
        sed 's/.*(\([0-9.e-]*\)).*/\1/')
    if awk -v s="$score" 'BEGIN { exit !(s < 0.02) }'; then ok; else
        bad "preview window: page 1 not found in the screenshot (RMSE $score; $out/preview.png)"
    fi
else
    bad "preview window: no screenshot"
fi

echo "test-windows: $pass passed, $fail failed"
[ $fail = 0 ]
