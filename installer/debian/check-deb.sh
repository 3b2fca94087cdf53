#!/bin/sh
# Install the .deb with dpkg -i and start each .desktop entry's Exec command with --self-test
# (offscreen), then remove the package. Run as root:
#   sh installer/debian/check-deb.sh [dist/yichuang-counter_*.deb]
# With CHROOT=/path/to/debian-root (e.g. made by `debootstrap bookworm DIR`), it installs and runs
# inside that clean system instead (the Depends: are installed there with apt-get).
set -eu
cd "$(dirname "$0")/../.."
deb=${1:-$(ls -t dist/yichuang-counter_*.deb | head -n1)}
[ -f "$deb" ] || { echo "no .deb: run make deb" >&2; exit 1; }
run() { if [ -n "${CHROOT:-}" ]; then chroot "$CHROOT" "$@"; else "$@"; fi; }
if [ -n "${CHROOT:-}" ]; then
  cp "$deb" "$CHROOT/tmp/counter.deb"
  target=/tmp/counter.deb
  run sh -c "apt-get update -qq && (dpkg -i $target || apt-get install -y -qq -f)"
else
  target=$deb
  dpkg -i "$target"
fi
echo "installed: $(run dpkg-query -W -f='${Package} ${Version} ${Installed-Size} KiB' yichuang-counter)"
failed=0
for desktop in "${CHROOT:-}"/usr/share/applications/yichuang-counter*.desktop; do
  exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -n1)
  name=$(sed -n 's/^Name=//p' "$desktop" | head -n1)
  data=$(run mktemp -d)
  start=$(date +%s.%N)
  if run env QT_QPA_PLATFORM=offscreen COUNTER_DATA_DIR="$data" $exec_line --self-test >/tmp/check-deb.out 2>&1; then
    echo "ok    $name: $exec_line --self-test ($(echo "$(date +%s.%N) - $start" | bc) s)"
  else
    echo "FAIL  $name: $exec_line --self-test"; cat /tmp/check-deb.out; failed=1
  fi
  run rm -rf "$data"
done
[ "${KEEP:-0}" = 1 ] || run dpkg -r yichuang-counter >/dev/null
exit $failed
