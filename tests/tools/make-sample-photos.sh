#!/bin/sh
# Draws the sample photos in playlists/photos/ (illustrated portraits and scenes) with ImageMagick.
# Run once by a developer; the results are committed. Needs: imagemagick, fonts-noto-cjk.
set -eu
out=${1:-playlists/photos}
mkdir -p "$out"
FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc

# portrait NAME BG1 BG2 HAIR SKIN UNIFORM [cap]
portrait() {
    name=$1 bg1=$2 bg2=$3 hair=$4 skin=$5 uni=$6 cap=${7:-no}
    convert -size 900x1200 "gradient:$bg1-$bg2" \
        -fill "#00000022" -draw "ellipse 450 1180 520 260 180 360" \
        -fill "$uni" -draw "ellipse 450 1240 400 360 180 360" \
        -fill "#e9edf2" -draw "polygon 370 905 450 1030 530 905" \
        -fill "#1d2a44" -draw "polygon 440 960 460 960 472 1120 450 1150 428 1120" \
        -fill "$uni" -draw "polygon 330 900 450 1050 380 1120 300 960" \
        -fill "$uni" -draw "polygon 570 900 450 1050 520 1120 600 960" \
        -fill "#c9a23a" -draw "rectangle 300 1000 360 1012" -fill "#c9a23a" -draw "rectangle 540 1000 600 1012" \
        -fill "$skin" -draw "rectangle 395 760 505 930" \
        -fill "#00000018" -draw "rectangle 395 760 505 800" \
        -fill "$skin" -draw "ellipse 450 600 165 210 0 360" \
        -fill "$skin" -draw "ellipse 290 610 26 46 0 360" -fill "$skin" -draw "ellipse 610 610 26 46 0 360" \
        -fill "$hair" -draw "ellipse 450 470 172 110 180 360" \
        -fill "$hair" -draw "ellipse 300 520 30 80 0 360" -fill "$hair" -draw "ellipse 600 520 30 80 0 360" \
        -fill "#2b2b2b" -draw "ellipse 390 600 16 10 0 360" -fill "#2b2b2b" -draw "ellipse 510 600 16 10 0 360" \
        -stroke "#3a2a22" -strokewidth 6 -draw "line 360 565 418 560" -draw "line 482 560 540 565" -stroke none \
        -fill "#d9a48a" -draw "ellipse 450 655 14 22 0 360" \
        -stroke "#9a4f45" -strokewidth 6 -fill none -draw "arc 410 680 490 725 20 160" -stroke none \
        /tmp/hb-p.png
    if [ "$cap" = cap ]; then
        convert /tmp/hb-p.png \
            -fill "#1b2b4d" -draw "ellipse 450 430 190 70 180 360" -fill "#1b2b4d" -draw "rectangle 260 400 640 440" \
            -fill "#101a30" -draw "ellipse 450 450 230 28 0 360" \
            -fill "#e2b84b" -draw "circle 450 395 450 425" \
            /tmp/hb-p.png
    fi
    convert /tmp/hb-p.png -blur 0x1.2 -attenuate 0.25 +noise Gaussian -quality 88 "$out/$name.jpg"
}

portrait yang-jianqiao "#cfd9e4" "#8b9db3" "#505050" "#e3b896" "#22355e" cap
portrait yu-xianping "#e6ddd0" "#b7a58c" "#1e1e1e" "#efc7a6" "#1f3158"
portrait yu-cheng "#d7e3dc" "#90aa9c" "#161616" "#e8bd99" "#243a66" cap
portrait li-luqie "#eadbe0" "#b99aa6" "#2a1a14" "#f3cfb4" "#22355e"
portrait xiao-li "#dbe5f0" "#97abc6" "#111111" "#f0c6a2" "#1e3260"
portrait wang-hui "#efe5d3" "#c1a77b" "#3b3b3b" "#dcb08e" "#213462" cap
portrait chen-jing "#e2e8ef" "#a4b3c6" "#1a120e" "#f6d2b8" "#203057"
portrait zhou-ming "#e0dccf" "#a8a08a" "#2d2d2d" "#e0b48f" "#26396a" cap

# A party class in a hall: red banner, lectern, rows of listeners.
convert -size 2400x1600 gradient:"#f4ead6"-"#d8c4a0" \
    -fill "#b3261e" -draw "rectangle 200 120 2200 360" \
    -fill "#f3c969" -font "$FONT" -pointsize 120 -gravity north -annotate +0+165 "二分监狱党总支 专题党课" \
    -gravity northwest \
    -fill "#7a4a2a" -draw "rectangle 0 1040 2400 1600" \
    -fill "#5b3620" -draw "polygon 1020 640 1380 640 1420 1060 980 1060" \
    -fill "#c9a23a" -draw "circle 1200 720 1200 680" \
    -fill "#22355e" -draw "ellipse 1200 640 150 120 180 360" \
    -fill "#e3b896" -draw "ellipse 1200 440 70 90 0 360" \
    -fill "#333333" -draw "ellipse 1200 385 74 46 180 360" \
    /tmp/hb-s.png
x=80
for row in 0 1; do
    y=$((1280 + row * 220)); x=$((60 + row * 90))
    while [ $x -lt 2400 ]; do
        convert /tmp/hb-s.png -fill "#1f2f55" -draw "ellipse $((x + 70)) $((y + 170)) 120 110 180 360" \
            -fill "#2a2a2a" -draw "ellipse $((x + 70)) $((y + 20)) 62 70 0 360" /tmp/hb-s.png
        x=$((x + 260))
    done
done
convert /tmp/hb-s.png -blur 0x1.5 -attenuate 0.2 +noise Gaussian -quality 88 "$out/party-class.jpg"

# The prison's main gate at sunrise: sky, building, flag, trees.
convert -size 2400x1600 gradient:"#7fb2e5"-"#f7d9a8" \
    -fill "#fff3c4" -draw "circle 1900 520 1900 420" \
    -fill "#cfd6df" -draw "rectangle 300 700 2100 1250" \
    -fill "#b6c0cc" -draw "rectangle 300 700 2100 760" \
    -fill "#9aa6b5" -draw "rectangle 900 520 1500 1250" \
    -fill "#8a1c1c" -draw "rectangle 960 560 1440 640" \
    -fill "#f3c969" -font "$FONT" -pointsize 58 -gravity northwest -annotate +1010+565 "浙江省乔司监狱" \
    -fill "#3f5b7a" -draw "rectangle 1050 900 1350 1250" \
    -fill "#6f7c8c" -draw "rectangle 1195 180 1205 520" \
    -fill "#d62718" -draw "polygon 1205 185 1420 185 1420 325 1205 325" \
    -fill "#f7d64a" -draw "circle 1245 220 1245 205" \
    -fill "#6d8a5a" -draw "rectangle 0 1250 2400 1600" \
    -fill "#3f6b3a" -draw "circle 200 1150 200 960" -fill "#3f6b3a" -draw "circle 2200 1150 2200 960" \
    -fill "#4f7d45" -draw "circle 420 1200 420 1060" -fill "#4f7d45" -draw "circle 1980 1200 1980 1060" \
    -blur 0x1.2 -attenuate 0.2 +noise Gaussian -quality 88 "$out/main-gate.jpg"

# Summer camp for officers' children: classroom, blackboard, colourful tables.
convert -size 2400x1600 gradient:"#fdf4e3"-"#f0d9b5" \
    -fill "#2f5d3a" -draw "rectangle 500 180 1900 760" \
    -fill "#8b6b3d" -draw "rectangle 480 760 1920 790" \
    -fill "#ffffff" -font "$FONT" -pointsize 110 -gravity northwest -annotate +720+330 "“警宝”暑期夏令营" \
    -fill "#ffe27a" -pointsize 60 -annotate +860+520 "朗读 · 书法 · 手工 · 科学" \
    -fill "#e0a14a" -draw "rectangle 0 1150 2400 1600" \
    -fill "#e85d4a" -draw "roundrectangle 200 1050 800 1250 30 30" \
    -fill "#4a90d9" -draw "roundrectangle 900 1050 1500 1250 30 30" \
    -fill "#58b368" -draw "roundrectangle 1600 1050 2200 1250 30 30" \
    -fill "#2a2a2a" -draw "circle 350 960 350 900" -fill "#2a2a2a" -draw "circle 650 960 650 900" \
    -fill "#2a2a2a" -draw "circle 1050 960 1050 900" -fill "#2a2a2a" -draw "circle 1350 960 1350 900" \
    -fill "#2a2a2a" -draw "circle 1750 960 1750 900" -fill "#2a2a2a" -draw "circle 2050 960 2050 900" \
    -blur 0x1.2 -attenuate 0.2 +noise Gaussian -quality 88 "$out/summer-camp.jpg"

# Emblem: a gold star in a red roundel with a gold ring (transparent PNG).
convert -size 400x400 xc:none -fill "#f3c969" -draw "circle 200 200 200 6" \
    -fill "#b3261e" -draw "circle 200 200 200 26" \
    -fill "#f3c969" -draw "polygon 200,70 231,162 328,162 250,219 279,311 200,255 121,311 150,219 72,162 169,162" \
    "$out/emblem.png"
rm -f /tmp/hb-p.png /tmp/hb-s.png
echo "sample photos written to $out"
