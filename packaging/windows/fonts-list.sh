#!/bin/sh
# fonts-list.sh DIR - the board's font choices for the Windows build, asked of this machine's
# fontconfig with the patterns src/page/fonts.c uses, written to DIR/fonts.list with a copy of
# every file named (fonts.c reads the list on Windows, where there is no fontconfig).
set -eu
out=$1
mkdir -p "$out"
: >"$out/fonts.list"
add() { # add FILE: copied once, by its base name
    b=$(basename "$1")
    [ -f "$out/$b" ] || cp "$1" "$out/$b"
}
for pat in "Noto Sans CJK SC:lang=zh-cn" "Noto Sans CJK SC:lang=zh-cn:bold" \
    "Noto Sans Arabic:lang=ug" "Noto Sans Arabic:lang=ug:bold" \
    "Noto Sans Hebrew:lang=he" "Noto Sans Hebrew:lang=he:bold"; do
    fc-match -f '%{file}\t%{index}\t%{family}\n' "$pat" | while IFS='	' read -r file index fam; do
        add "$file"
        printf 'match\t%s\t%s\t%s\t%s\n' "$pat" "$(basename "$file")" "$index" "$fam" >>"$out/fonts.list"
    done
done
# fonts.c takes at most 10 faces in all: the first 12 usable ones of each sorted list are plenty
for pat in "sans-serif:lang=zh-cn" "sans-serif:lang=zh-cn:bold"; do
    fc-match -s -f '%{file}\t%{index}\t%{color}\t%{scalable}\n' "$pat" |
        awk -F'\t' '$3 != "True" && $4 != "False"' | head -n 12 |
        while IFS='	' read -r file index color scalable; do
            add "$file"
            printf 'sort\t%s\t%s\t%s\n' "$pat" "$(basename "$file")" "$index" >>"$out/fonts.list"
        done
done
