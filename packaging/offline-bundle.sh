#!/bin/sh
# offline-bundle.sh DEB OUT - the folder an installer copies onto a stick for a lobby PC without
# internet: the .deb, every Debian package it needs that a minimal Debian 12 lacks, install.sh
# (dpkg only), SHA256SUMS and a README.
#
# "What a minimal Debian 12 lacks" is computed, not listed by hand: the packages of a minbase
# debootstrap (debootstrap --print-debs, cached in build/minbase/) are written into a dpkg
# status file as installed, and apt-get's own resolver is asked, against that status, what
# installing the .deb would install (apt-get -s). Those exact versions are fetched with
# apt-get download. Run it on Debian 12 (bookworm), the release of the lobby PCs. The sync
# engines of docs/operating.md (syncthing, rsync; EXTRAS) come along, with what they need.
set -eu
deb=$1 out=$2
suite=${SUITE:-bookworm}
mirror=${MIRROR:-http://deb.debian.org/debian}
extras=${EXTRAS:-syncthing rsync libcec6}
cache=build/minbase
mkdir -p "$cache"
list=$cache/minbase-$suite.list
if [ ! -s "$list" ]; then
    command -v debootstrap >/dev/null || { echo "offline-bundle: needs debootstrap (apt-get install debootstrap)" >&2; exit 2; }
    tmp=$(mktemp -d)
    debootstrap --print-debs --variant=minbase "$suite" "$tmp" "$mirror" | tr ' ' '\n' | sed '/^$/d' | sort -u > "$list.tmp"
    rm -rf "$tmp"
    [ -s "$list.tmp" ] || { echo "offline-bundle: debootstrap --print-debs gave nothing" >&2; exit 2; }
    mv "$list.tmp" "$list"
fi
status=$cache/minbase-$suite.status
# shellcheck disable=SC2046
apt-cache show --no-all-versions $(cat "$list") 2>/dev/null |
    awk '/^Package:/ { print; print "Status: install ok installed"; next } { print }' > "$status"
plan=$cache/plan.txt
apt-get -s -q -o Dir::State::status="$(pwd)/$status" -o Debug::NoLocking=1 \
    -o APT::Install-Recommends=false install "$(pwd)/$deb" $extras > "$plan.log" 2>&1 ||
    { cat "$plan.log" >&2; echo "offline-bundle: apt-get cannot resolve the dependencies" >&2; exit 2; }
sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) .*/\1=\2/p' "$plan.log" | grep -v '^honorboard=' > "$plan" || true
rm -rf "$out" && mkdir -p "$out/debs"
if [ -s "$plan" ]; then
    # shellcheck disable=SC2046
    (cd "$out/debs" && apt-get download -q $(cat "$OLDPWD/$plan") >"$OLDPWD/$cache/download.log" 2>&1) ||
        { echo "offline-bundle: apt-get download failed" >&2; exit 2; }
fi
cp "$deb" "$out/"
install -m 755 packaging/install.sh "$out/install.sh"
cp packaging/bundle-README.txt "$out/README.txt"
(cd "$out" && find . -name '*.deb' | sort | xargs sha256sum > SHA256SUMS)
n=$(find "$out/debs" -name '*.deb' | wc -l)
echo "offline-bundle: $out: $(basename "$deb") and $n packages a minimal Debian 12 lacks ($(du -sh "$out" | cut -f1))"
