#!/bin/sh
# Makes the sample film playlists/films/xuanchuanpian.mp4 (a short 宣传片) from the sample photos
# with ffmpeg: a title card, slow pans and zooms over three scenes with captions, cross-fades,
# and a closing card. Run once by a developer; the result is committed (about 400 KB).
# Needs: ffmpeg, fonts-noto-cjk.
set -eu
photos=${1:-playlists/photos}
out=${2:-playlists/films/xuanchuanpian.mp4}
mkdir -p "$(dirname "$out")"
FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
W=1280 H=720 FPS=25
RED=0x8E1B1B GOLD=0xF3C969

# a card: big gold line, smaller white line, on the theme red with a soft darker lower edge
card() { # SECONDS BIG SMALL
    echo "color=c=$RED:s=${W}x${H}:d=$1:r=$FPS,format=yuv420p,
drawbox=y=ih*0.72:w=iw:h=ih*0.28:color=0x5A1212@0.6:t=fill,
drawbox=x=iw/2-120:y=ih/2+8:w=240:h=4:color=$GOLD:t=fill,
drawtext=fontfile=$FONT:text='$2':fontsize=84:fontcolor=$GOLD:x=(w-tw)/2:y=h/2-tw*0+(-110),
drawtext=fontfile=$FONT:text='$3':fontsize=40:fontcolor=white:x=(w-tw)/2:y=h/2+40"
}

# a scene: a photo with a slow move (zoompan expressions for z, x, y) and a caption band
scene() { # INPUT_INDEX SECONDS Z X Y CAPTION
    n=$(( $2 * FPS ))
    echo "[$1:v]scale=2400:-2,zoompan=z='$3':x='$4':y='$5':d=$n:s=${W}x${H}:fps=$FPS,format=yuv420p,
drawbox=y=ih-96:w=iw:h=96:color=black@0.55:t=fill,drawbox=y=ih-96:w=iw:h=3:color=$GOLD:t=fill,
drawtext=fontfile=$FONT:text='$6':fontsize=44:fontcolor=white:x=(w-tw)/2:y=h-72"
}

open=$(card 3 '先进风采' '乔司监狱　宣传片')
close=$(card 3 '向先进学习' '向榜样致敬　争做新时代人民警察')
# zoom in on the gate; pan across the class; zoom out over the camp
s1=$(scene 0 4 'min(1.0+0.0012*on,1.12)' 'iw/2-(iw/zoom/2)' 'ih/2-(ih/zoom/2)' '坚守岗位　守护平安')
s2=$(scene 1 4 '1.18' '(iw-iw/zoom)*on/100' 'ih/2-(ih/zoom/2)' '党建引领　铸魂育警')
s3=$(scene 2 4 'max(1.18-0.0018*on,1.0)' 'iw/2-(iw/zoom/2)' 'ih/3-(ih/zoom/3)' '走进夏令营　关爱青少年')

X=0.8 # cross-fade seconds
ffmpeg -nostdin -v error -y \
    -loop 1 -i "$photos/main-gate.jpg" -loop 1 -i "$photos/party-class.jpg" \
    -loop 1 -i "$photos/summer-camp.jpg" \
    -filter_complex "
$open,fade=t=in:st=0:d=0.6[c0];
$s1[v1]; $s2[v2]; $s3[v3];
$close,fade=t=out:st=2.2:d=0.8[c4];
[c0][v1]xfade=transition=fade:duration=$X:offset=2.2[a];
[a][v2]xfade=transition=fade:duration=$X:offset=5.4[b];
[b][v3]xfade=transition=slideleft:duration=$X:offset=8.6[c];
[c][c4]xfade=transition=fade:duration=$X:offset=11.8,format=yuv420p[out]" \
    -map '[out]' -t 14.8 -c:v libx264 -preset slow -crf 30 -profile:v high -pix_fmt yuv420p \
    -movflags +faststart -an "$out"
ls -l "$out"
