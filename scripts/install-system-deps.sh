#!/usr/bin/env bash
# Installs the Debian packages CS Coach needs that this machine lacks: Qt's runtime libraries,
# a virtual screen for tests and screenshots, poppler-utils to look at printed PDFs, and
# faketime to run the tests on other days (make test-dates), and a CJK font for printing.
# Safe to run again: it only calls apt-get when something is missing.
set -euo pipefail

packages=(
  # Python with venv (Debian splits venv out of python3)
  python3 python3-venv python3-pip
  # Qt offscreen
  libegl1 libgl1 libglib2.0-0 libdbus-1-3 libfontconfig1 libfreetype6 libx11-6 libxkbcommon0
  # Qt xcb (a real window)
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render0
  libxcb-render-util0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0
  # a virtual screen, screenshots, PDFs to pictures, checking the .desktop file
  xvfb xauth xdotool poppler-utils desktop-file-utils
  # the tests with the clock on another day (make test-dates)
  faketime
  # Chinese, Japanese and Korean names: a TrueType font reportlab can embed in a PDF (most
  # Noto CJK files are CFF-flavoured OpenType, which it cannot), and Qt's screens find it too
  fonts-wqy-microhei
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# A Python that is not Debian's (pyenv, a venv-capable build) needs no python3-* packages.
if python3 -c 'import venv, ensurepip' 2>/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do
    case "$p" in python3|python3-venv|python3-pip) ;; *) filtered+=("$p") ;; esac
  done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
