#!/bin/sh
# make-zip.sh EXE DIR ZIP - the portable Windows folder (`make windows`): honorboard.exe, the
# board's fonts (fonts-list.sh), ICU's data, the message catalogues, the sample playlists and
# 检查和预览.bat; then the same folder zipped. Unzip anywhere (a stick, the desktop) and run.
set -eu
exe=$1 dir=$2 zip=$3
top=$(pwd)
rm -rf "$dir" "$zip"
mkdir -p "$dir/assets/icu"
cp "$exe" "$dir/honorboard.exe"
cp -r assets/locale "$dir/assets/"
mkdir -p "$dir/assets/hyphen" # English hyphenation, the board's dictionary (hyphen-en-us)
cp /usr/share/hyphen/hyph_en_US.dic "$dir/assets/hyphen/"
cp build/windows/prefix/share/icu/icudt*l.dat "$dir/assets/icu/"
sh packaging/windows/fonts-list.sh "$dir/assets/fonts"
cp -r playlists "$dir/playlists"
cp "packaging/windows/检查和预览.bat" "$dir/"
cp LICENSE "$dir/LICENSE.txt"
(cd "$(dirname "$dir")" && zip -qr -9 "$top/$zip" "$(basename "$dir")")
echo "windows: $zip ($(du -h "$zip" | cut -f1))"
