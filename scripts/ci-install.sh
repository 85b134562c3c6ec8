#!/usr/bin/env bash
# CS Coach installed as an owner would install it (issue 24), after the tests:
#   1. the wheel: built from this checkout, installed with pipx into a clean temporary home;
#      its `cscoach` makes the demo, prints every document, exports and compares; its
#      `cscoach-app` and the desktop files are where pipx puts them;
#   2. the bundle: `make bundle` (PyInstaller, one folder, dist/cscoach/), then the same
#      commands from dist/cscoach/cscoach, and the app under Xvfb for a few seconds.
# Prints how long each part took and how big the bundle is.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN=$ROOT/.venv/bin
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export CSCOACH_DATA_DIR="$work/data"
unset DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM

step() { printf '== %s\n' "$*"; }
fail() { printf 'ci-install: error: %s\n' "$*" >&2; exit 1; }
# Every document `cscoach print` knows, from this checkout (the bundle has no Python to ask).
DOCS=$("$BIN/python" -c 'from cscoach.printing.documents import DOCUMENTS; print(*DOCUMENTS)')

# Make the demo with the command $1 in the folder $2, print every document, export, write
# the calendar and compare; each output must be a real file.
exercise() {
  local cscoach=$1 out=$2
  mkdir -p "$out"
  (
    cd "$out"  # nowhere near the checkout: nothing can be imported from it
    "$cscoach" --version
    "$cscoach" demo demo.cscoach
    for doc in $DOCS; do
      "$cscoach" print "$doc" --workbook demo.cscoach --out "$doc.pdf" >/dev/null
      head -c 5 "$doc.pdf" | grep -q '%PDF-' || fail "$doc.pdf is not a PDF"
    done
    echo "printed: $DOCS"
    "$cscoach" export --workbook demo.cscoach --out everything.xlsx
    "$cscoach" calendar --workbook demo.cscoach --out dates.ics
    cp demo.cscoach second.cscoach
    "$cscoach" rollup demo.cscoach second.cscoach --out locations.pdf
    head -c 5 locations.pdf | grep -q '%PDF-' || fail "locations.pdf is not a PDF"
  )
}

step "the wheel, installed with pipx into a clean home"
began=$SECONDS
"$BIN/python" -m pip wheel --no-deps -q -w "$work/wheel" .
wheel=$(ls "$work"/wheel/cscoach-*.whl)
python3 -m venv "$work/tools"
"$work/tools/bin/python" -m pip install -q pipx
export PIPX_HOME="$work/pipx" PIPX_BIN_DIR="$work/bin" PIPX_MAN_DIR="$work/man"
"$work/tools/bin/pipx" install "$wheel" >"$work/pipx.log" 2>&1 || { cat "$work/pipx.log"; fail "pipx install failed"; }
for program in cscoach cscoach-app; do
  [ -x "$work/bin/$program" ] || fail "pipx did not install $program"
done
venv="$PIPX_HOME/venvs/cscoach"
for file in cscoach.desktop cscoach-mime.xml install-desktop.sh icons/hicolor/48x48/apps/cscoach.png; do
  [ -f "$venv/share/cscoach/$file" ] || fail "the wheel does not carry $file"
done
"$work/bin/cscoach" --help >/dev/null
(cd "$work" && "$venv/bin/python" -c 'import cscoach, sys; sys.exit("cscoach" not in cscoach.__file__ or "/pipx/" not in cscoach.__file__)') \
  || fail "the installed command does not run the installed package"
exercise "$work/bin/cscoach" "$work/from-wheel"
echo "wheel: $(du -k "$wheel" | cut -f1) kB; built, installed and exercised in $((SECONDS - began)) s"

step "the bundle (make bundle: PyInstaller, one folder)"
began=$SECONDS
make bundle >"$work/bundle.log" 2>&1 || { tail -40 "$work/bundle.log"; fail "make bundle failed"; }
built=$((SECONDS - began))
bundle=$ROOT/dist/cscoach
exercise "$bundle/cscoach" "$work/from-bundle"
step "the bundled app under Xvfb"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
  "$1" "$2" >"$3" 2>&1 & app=$!
  sleep 6
  if ! kill -0 "$app" 2>/dev/null; then cat "$3"; echo "the bundled app stopped by itself" >&2; exit 1; fi
  kill "$app"; wait "$app" || true
' _ "$bundle/cscoach-app" "$work/from-bundle/demo.cscoach" "$work/app.log"
echo "the bundled app ran for 6 s under Xvfb"
echo "bundle: built in $built s, $(du -sm "$bundle" | cut -f1) MB in $bundle; exercised in $((SECONDS - began - built)) s"
