#!/bin/sh
# test-windows.sh ZIPDIR - honorboard.exe under Wine (wine64) and Xvfb against the Linux build
# of the same tree (`make test-windows`; docs/windows.md):
#   1. check: the same messages (Chinese and English) and exit codes for the bundled playlists
#      and every tests/data/bad/*.yaml, and for a copy under a Chinese folder name with CRLF;
#   2. render: the same pixels as the Linux render, page by page (ImageMagick compare);
#   3. play --window: the preview window opens under Xvfb and shows page 1 (a screenshot of the
#      root window, build/windows/test/preview.png, compared with the rendered page 1), and
#      reloads when the playlist is saved;
#   4. 检查和预览.bat: REPORT.txt and 预览.png as Linux `desk` writes them, the window opened.
# Prints "test-windows: N passed, M failed"; exits 1 when anything failed.
set -u
dir=$1
top=$(pwd)
out=$top/build/windows/test
rm -rf "$out" && mkdir -p "$out"
export WINEPREFIX=$top/build/windows/wine WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
WINE=/usr/lib/wine/wine64
exe=$top/$dir/honorboard.exe
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

# the same content in a Chinese folder, with CRLF line ends (Notepad)
zh="$out/U盘/honorboard"
mkdir -p "$zh"
cp -r playlists/photos playlists/films "$zh/"
for f in playlists/*.yaml; do sed 's/$/\r/' "$f" >"$zh/$(basename "$f")"; done
# a Chinese file name, an upper-case photo named in lower case (a FAT stick), a missing photo
cp playlists/photos/main-gate.jpg "$zh/photos/大门.JPG"
printf 'honorboard: 1\r\ntitle: 检查\r\nslides:\r\n  - type: photo\r\n    image: photos/大门.jpg\r\n  - type: photo\r\n    image: photos/没有这张.jpg\r\n' \
    >"$zh/03-照片.yaml"
# Wine names Unix files in the charset of its own locale: C.UTF-8 (zh_CN.UTF-8 may not be
# generated here); LANGUAGE asks for the Chinese messages
rel=build/windows/test/U盘/honorboard
LC_ALL=C.UTF-8 LANGUAGE=zh_CN ./honorboard check "$rel" >"$out/linux.txt" 2>&1
lrc=$?
LC_ALL=C.UTF-8 LANGUAGE=zh_CN $WINE "$exe" check "$rel" >"$out/wine.txt" 2>&1
wrc=$?
tr -d '\r' <"$out/wine.txt" >"$out/wine-lf.txt"
if [ $lrc = $wrc ] && cmp -s "$out/linux.txt" "$out/wine-lf.txt"; then ok; else
    bad "check of a Chinese folder with CRLF files: exit $lrc/$wrc"
    diff "$out/linux.txt" "$out/wine-lf.txt" | head -n 10
fi

# 2. render: the same pixels and the same layout (every line break, in the layout JSON). A film's
# page is the film's frame on Linux and a placeholder on Windows (no libmpv there): listed as an
# explained difference, with the pixels outside the film's rectangle compared.
explained=""
for spec in "playlists/01-xianjin-fengcai.yaml 1280x720" "playlists/02-portrait-lobby.yaml 720x1280"; do
    set -- $spec
    name=$(basename "$1" .yaml)
    ./honorboard render "$1" --out "$out/linux-$name" --size "$2" \
        --layout-json "$out/linux-$name.json" >/dev/null 2>&1
    $WINE "$exe" render "$1" --out "$out/wine-$name" --size "$2" \
        --layout-json "$out/wine-$name.json" >/dev/null 2>&1
    python3 - "$out/linux-$name.json" >"$out/films-$name.txt" <<'PY'
import json, sys
for s in json.load(open(sys.argv[1]))["slides"]:
    for e in s["elements"]:
        if s["type"] == "video" and e["role"] == "video":
            print(s["png"], "%dx%d+%d+%d" % (e["w"], e["h"], e["x"], e["y"]))
PY
    if python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); sys.exit(a!=b)' \
        "$out/linux-$name.json" "$out/wine-$name.json"; then ok; else
        bad "render $name: the layout JSON differs (line breaks, sizes)"
    fi
    n=0
    for png in "$out/linux-$name"/*.png; do
        n=$((n + 1))
        b=$(basename "$png")
        other=$out/wine-$name/$b
        film=$(awk -v p="$b" '$1 == p { print $2 }' "$out/films-$name.txt")
        if [ -n "$film" ]; then # outside the film's rectangle only
            convert "$png" -fill black -draw "rectangle $(echo "$film" | awk -F'[x+]' '{ print $3-1","$4-1" "$3+$1","$4+$2 }')" "$out/a.png"
            convert "$other" -fill black -draw "rectangle $(echo "$film" | awk -F'[x+]' '{ print $3-1","$4-1" "$3+$1","$4+$2 }')" "$out/b.png"
            diffpx=$(compare -metric AE "$out/a.png" "$out/b.png" null: 2>&1)
            explained="$explained $name/$b(film $film)"
        else
            diffpx=$(compare -metric AE "$png" "$other" null: 2>&1)
        fi
        if [ "$diffpx" = 0 ]; then ok; else bad "render $name $b: $diffpx pixels differ"; fi
    done
    [ $n -gt 0 ] || bad "render $name: no pages on Linux"
done
[ -z "$explained" ] || echo "test-windows: explained differences: a film's page shows a play sign, not its frame, on Windows:$explained"

# 3. play --window: the window opens and shows page 1
first=$(ls "$out/linux-01-xianjin-fengcai"/*.png | head -n 1)
cp -r playlists "$out/live"
$WINE "$exe" play "$out/live/01-xianjin-fengcai.yaml" --window=1280x720 >"$out/play.log" 2>&1 &
player=$!
sleep 20
import -window root "$out/preview.png" 2>/dev/null
# the live preview follows a save (the author's editor writes the playlist again)
sed -i 's/^title: .*/title: 改过的标题/' "$out/live/01-xianjin-fengcai.yaml"
sleep 4
if grep -q "a file changed, reloading" "$out/play.log"; then ok; else
    bad "preview window: a saved playlist was not reloaded ($out/play.log)"
fi
kill $player 2>/dev/null
wineserver -k 2>/dev/null || /usr/lib/wine/wineserver -k 2>/dev/null
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

# 4. 检查和预览.bat beside a stick's honorboard folder: REPORT.txt and 预览.png as the Linux
# `desk` writes them, then the preview window (ended here once the files are there)
kit=$out/kit
mkdir -p "$kit"
cp -r "$dir"/. "$kit/"
./honorboard init "$kit/honorboard" >/dev/null
cp -r "$kit/honorboard" "$out/linux-desk"
LANG=zh_CN.UTF-8 ./honorboard desk "$out/linux-desk" --no-window >/dev/null 2>&1
(cd "$kit" && LC_ALL=C.UTF-8 $WINE cmd /c 检查和预览.bat </dev/null >"$out/bat.log" 2>&1) &
bat=$!
for _ in $(seq 60); do
    [ -f "$kit/honorboard/预览.png" ] && grep -q honorboard "$out/bat.log" 2>/dev/null && break
    sleep 1
done
sleep 3
kill $bat 2>/dev/null
wineserver -k 2>/dev/null || /usr/lib/wine/wineserver -k 2>/dev/null
if [ -f "$kit/honorboard/REPORT.txt" ] &&
    cmp -s "$kit/honorboard/REPORT.txt" "$out/linux-desk/REPORT.txt"; then ok; else
    bad "检查和预览.bat: REPORT.txt missing or not as on Linux"
fi
if [ "$(compare -metric AE "$kit/honorboard/预览.png" "$out/linux-desk/预览.png" null: 2>&1)" = 0 ]; then
    ok
else
    bad "检查和预览.bat: 预览.png missing or not as on Linux"
fi
grep -q "now playing" "$out/bat.log" && ok || bad "检查和预览.bat: the preview window did not start ($out/bat.log)"

echo "test-windows: $pass passed, $fail failed"
[ $fail = 0 ]
