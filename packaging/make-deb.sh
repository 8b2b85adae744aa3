#!/bin/sh
# make-deb.sh ROOT VERSION ARCH OUT - turns a staged `make install DESTDIR=ROOT PREFIX=/usr` into
# the Debian package OUT with dpkg-deb. Its Depends are computed from the libraries the program
# really links (dpkg-shlibdeps reads the ELF and asks dpkg which package holds each library and
# which version it needs), plus what no ELF names: the CJK fonts it draws with, and what SDL
# loads with dlopen() on the console - EGL and GLES (libegl1 + libegl-mesa0, libgles2) and
# Mesa's DRI drivers (libgl1-mesa-dri: the GPU drivers and llvmpipe), without which the KMSDRM
# video driver cannot open a window.
set -eu
root=$1 version=$2 arch=$3 out=$4
work=$(cd "$(dirname "$out")" && pwd)/deb-work
rm -rf "$work" "$root/DEBIAN"
mkdir -p "$work/debian" "$root/DEBIAN" "$root/usr/share/doc/honorboard"
strip --strip-unneeded "$root/usr/bin/honorboard"
gzip -9nf "$root/usr/share/man/man1/honorboard.1"
cp README.md "$root/usr/share/doc/honorboard/README.md"
gzip -9nf "$root/usr/share/doc/honorboard/README.md"
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
runtime="fonts-noto-cjk, libegl1, libegl-mesa0, libgles2, libgl1-mesa-dri"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: honorboard
Version: $version
Architecture: $arch
Maintainer: honorboard developers <honorboard@localhost>
Installed-Size: $size
Depends: $shlibs, $runtime
Section: misc
Priority: optional
Description: honour-roll display board (光荣榜) player for lobby screens
 Plays YAML playlists of officer stories, photos, honour rolls and
 announcements full screen with Chinese typesetting, unattended, and takes
 new content from USB sticks or a synced inbox. Runs as its own system user
 in a hardened systemd unit; stick content is checked in a confined child
 process (seccomp, Landlock, resource limits).
CONTROL
install -m 755 packaging/postinst "$root/DEBIAN/postinst"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "make-deb: $out (Depends: $shlibs, $runtime)"
