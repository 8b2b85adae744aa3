#!/bin/sh
# make-deb.sh ROOT VERSION ARCH OUT - turns a staged `make install DESTDIR=ROOT PREFIX=/usr` into
# the Debian package OUT with dpkg-deb. Its Depends are computed from the libraries the program
# really links (dpkg-shlibdeps reads the ELF and asks dpkg which package holds each library and
# which version it needs), plus what no ELF names: the CJK fonts it draws with, and what SDL
# loads with dlopen() on the console - EGL and GLES (libegl1 + libegl-mesa0, libgles2) and
# Mesa's DRI drivers (libgl1-mesa-dri: the GPU drivers and llvmpipe), without which the KMSDRM
# video driver cannot open a window - and what honorboard loads with dlopen() itself: libmpv
# (libmpv2, for films), and the colour emoji font fontconfig falls back to. The package also
# carries the Debian copyright and changelog, the commented /etc/honorboard/config.yaml (a
# conffile), and prerm/postrm. The build's hardening flags come from dpkg-buildflags (the
# Makefile's deb target, which also runs lintian when it is installed).
set -eu
root=$1 version=$2 arch=$3 out=$4
work=$(cd "$(dirname "$out")" && pwd)/deb-work
rm -rf "$work" "$root/DEBIAN"
mkdir -p "$work/debian" "$root/DEBIAN" "$root/usr/share/doc/honorboard"
strip --strip-unneeded --remove-section=.comment "$root/usr/bin/honorboard"
gzip -9nf "$root/usr/share/man/man1/honorboard.1"
cp README.md "$root/usr/share/doc/honorboard/README.md"
gzip -9nf "$root/usr/share/doc/honorboard/README.md"
maintainer=${MAINTAINER:-honorboard developers <honorboard@users.noreply.github.com>}
year=$(date -u +%Y)
{ # machine-readable copyright (DEP-5): the MIT licence of LICENSE
    printf 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n'
    printf 'Upstream-Name: honorboard\n\nFiles: *\nCopyright: 2026-%s the honorboard authors\n' "$year"
    printf 'License: Expat\n'
    sed -n '/^Permission is hereby granted/,$p' LICENSE | sed -e 's/^$/./' -e 's/^/ /'
} > "$root/usr/share/doc/honorboard/copyright"
{ # a native package's changelog, in Debian's format; what changed is in CHANGELOG.md
    printf 'honorboard (%s) bookworm; urgency=medium\n\n' "$version"
    printf '  * Release %s (the changes: CHANGELOG.md of the source).\n\n' "$version"
    printf ' -- %s  %s\n' "$maintainer" "$(date -u -R)"
} > "$root/usr/share/doc/honorboard/changelog"
gzip -9nf "$root/usr/share/doc/honorboard/changelog"
install -D -m 644 assets/config.yaml "$root/etc/honorboard/config.yaml"
# dpkg-shlibdeps wants a debian/control beside it; it only needs to exist.
printf 'Source: honorboard\n\nPackage: honorboard\nArchitecture: any\n' > "$work/debian/control"
abs=$(cd "$root" && pwd)
shlibs=$(cd "$work" && dpkg-shlibdeps -O "$abs/usr/bin/honorboard" 2>"$work/shlibdeps.err" |
         sed -n 's/^shlibs:Depends=//p')
if [ -z "$shlibs" ]; then
    cat "$work/shlibdeps.err" >&2
    echo "make-deb: dpkg-shlibdeps found no dependencies" >&2
    exit 1
fi
runtime="fonts-noto-cjk, fonts-noto-color-emoji, fonts-noto-core, libmpv2, libegl1, libegl-mesa0, libgles2, libgl1-mesa-dri"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: honorboard
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $shlibs, $runtime
Recommends: syncthing, rsync, libcec6
Section: misc
Priority: optional
Description: honour-roll display board (光荣榜) player for lobby screens
 Plays YAML playlists of officer stories, photos, honour rolls and
 announcements full screen with Chinese typesetting, unattended, and takes
 new content from USB sticks or a synced inbox. Runs as its own system user
 in a hardened systemd unit; stick content is checked in a confined child
 process (seccomp, Landlock, resource limits).
CONTROL
for f in postinst prerm postrm; do install -m 755 "packaging/$f" "$root/DEBIAN/$f"; done
echo /etc/honorboard/config.yaml > "$root/DEBIAN/conffiles"
(cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum) \
    > "$root/DEBIAN/md5sums"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "make-deb: $out (Depends: $shlibs, $runtime)"
