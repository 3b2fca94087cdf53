#!/bin/sh
# Build dist/yichuang-counter_<version>_<arch>.deb from the PyInstaller bundle dist/counter/
# (`make deb` runs `make bundle` first). Layout:
#   /opt/yichuang-counter/            the bundle (program, Qt, resources)
#   /usr/bin/yichuang-counter         wrapper: exec /opt/yichuang-counter/counter "$@"
#   /usr/share/applications/*.desktop 一窗通办 窗口 (counter), 自助机 (--kiosk), 叫号屏 (--display)
#   /usr/share/icons/hicolor/         the icon (scalable SVG and 256 px PNG)
set -eu
cd "$(dirname "$0")/../.."
here=installer/debian
bundle=dist/counter
[ -x "$bundle/counter" ] || { echo "no $bundle/counter: run make bundle first" >&2; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -n1)
arch=$(dpkg --print-architecture)
root=build/deb/yichuang-counter
rm -rf "$root"
mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications" \
         "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/icons/hicolor/256x256/apps"
cp -a "$bundle" "$root/opt/yichuang-counter"
install -m 0755 "$here/yichuang-counter" "$root/usr/bin/yichuang-counter"
for entry in "$here"/*.desktop; do
  install -m 0644 "$entry" "$root/usr/share/applications/"
done
install -m 0644 resources/icons/counter.svg "$root/usr/share/icons/hicolor/scalable/apps/yichuang-counter.svg"
install -m 0644 resources/icons/counter.png "$root/usr/share/icons/hicolor/256x256/apps/yichuang-counter.png"
size=$(du -sk "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" "$here/control.in" > "$root/DEBIAN/control"
install -m 0755 "$here/postinst" "$root/DEBIAN/postinst"
install -m 0755 "$here/postrm" "$root/DEBIAN/postrm"
out="dist/yichuang-counter_${version}_${arch}.deb"
fakeroot dpkg-deb --build -Zxz "$root" "$out" 2>/dev/null || dpkg-deb --root-owner-group --build -Zxz "$root" "$out"
ls -l "$out"
