#!/bin/sh
# Install the system packages the program (run) or its tests (test) need on a Debian-family
# machine (Debian, UOS, Kylin); elsewhere, name what is missing. Idempotent and quiet when
# everything is there.
set -eu
profile="${1:-run}"

run_pkgs="python3 python3-venv python3-pip libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libglib2.0-0
libfontconfig1 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 fonts-wqy-microhei
speech-dispatcher espeak-ng speech-dispatcher-espeak-ng cups-client"
test_pkgs="$run_pkgs poppler-utils poppler-data zbar-tools postgresql xvfb xauth matchbox-window-manager sox cups
printer-driver-cups-pdf"

case "$profile" in
  run) wanted="$run_pkgs" ;;
  test) wanted="$test_pkgs" ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "Not a Debian-family system: install these packages (or their equivalents) yourself:" >&2
  echo "  $wanted" | tr '\n' ' ' >&2; echo >&2
  exit 0
fi

missing=""
for pkg in $wanted; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing="$missing $pkg" ;;
  esac
done
[ -z "$missing" ] && exit 0

echo "Installing system packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1; then
  sudo="sudo"
else
  echo "Missing system packages:$missing" >&2
  echo "Run as root: apt-get install$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing
