#!/bin/sh
# screenshots.sh BIN - `make screenshots`: every kind (tests/data/designs/every-kind.yaml) in
# every design, rendered by BIN at every screen shape a lobby has, into build/shots/DESIGN/WxH/
# with a contact sheet each (build/shots/DESIGN-WxH.png) to look at; and the README's pictures
# in docs/screenshots/: a sheet of every kind per design, and a few single pages, rendered
# natively at half size so the files stay small.
set -eu
bin=${1:-./honorboard}
day=2026-12-07 # the countdown and the calendar show this day: the pictures do not change daily
out=build/shots
rm -rf "$out" docs/screenshots && mkdir -p "$out/src" docs/screenshots
cp -r tests/data/pages/photos "$out/src/"
designs=$(sed -n 's/^    {\.name = "\([^"]*\)",$/\1/p' src/model/designs.c)
[ -n "$designs" ] || { echo "screenshots: no designs found in src/model/designs.c" >&2; exit 1; }
for d in $designs; do
    sed "s/^honorboard: 1$/honorboard: 1\ndesign: $d/" tests/data/designs/every-kind.yaml \
        > "$out/src/$d.yaml"
    for s in 1920x1080 1080x1920 3840x2160 768x384 1536x192 512x64; do
        "$bin" render "$out/src/$d.yaml" --out "$out/$d/$s" --size "$s" \
            --sheet "$out/$d-$s.png" --jobs 2 --at "$day" > /dev/null
    done
    "$bin" render "$out/src/$d.yaml" --out "$out/half/$d" --size 960x540 \
        --sheet "docs/screenshots/design-$d.png" --jobs 2 --at "$day" > /dev/null
done
# single pages of the first design (经典红) for the README's table: landscape, portrait, strip
"$bin" render "$out/src/classic.yaml" --out "$out/half/l" --size 960x540 --jobs 2 --at "$day" > /dev/null
"$bin" render "$out/src/classic.yaml" --out "$out/half/p" --size 540x960 --jobs 2 --at "$day" > /dev/null
"$bin" render "$out/src/classic.yaml" --out "$out/half/s" --size 1536x192 --jobs 2 --at "$day" > /dev/null
for k in 1:story 2:photo 4:roll 6:wall 7:notice 9:gallery 10:countdown 11:calendar; do
    n=$(printf '%03d' "${k%%:*}")
    cp "$out/half/l/slide-$n.png" "docs/screenshots/landscape-${k#*:}.png"
done
for k in 1:story 4:roll 6:wall; do
    n=$(printf '%03d' "${k%%:*}")
    cp "$out/half/p/slide-$n.png" "docs/screenshots/portrait-${k#*:}.png"
done
# a story runs as 走字 on a strip (one page) when its text is longer than the band
cp "$(ls "$out"/half/s/slide-001*.png | head -n 1)" docs/screenshots/strip-story.png
cp "$out/half/s/slide-005.png" docs/screenshots/strip-banner.png
echo "screenshots: docs/screenshots/ ($(ls docs/screenshots | wc -l) files); every page in $out/"
