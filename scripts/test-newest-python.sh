#!/usr/bin/env bash
# The test suite on the newest Python 3.12+ this machine has (pyenv's, or a pythonX.Y on the
# PATH), in a venv of its own beside the project's (.venv-pyXY, made once, brought up to date
# when pyproject.toml changes). The README promises "Python 3.11 or newer"; .venv is 3.11.
# Without such a Python it says so and succeeds.
set -euo pipefail
cd "$(dirname "$0")/.."

candidates=()
pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
for p in "$pyenv_root"/versions/*/bin/python3; do
  [ -x "$p" ] && candidates+=("$p")
done
for v in 3.12 3.13 3.14 3.15; do
  p="$(command -v "python$v" 2>/dev/null || true)"
  [ -n "$p" ] && candidates+=("$p")
done

best="" best_version=""
for p in "${candidates[@]+"${candidates[@]}"}"; do
  # A pyenv shim for a version that is not selected fails here, and so does a broken build.
  version="$("$p" -c 'import sys, venv, ensurepip
if sys.implementation.name == "cpython" and sys.version_info >= (3, 12) and sys.version_info.releaselevel == "final":
    print("%d.%03d.%03d" % sys.version_info[:3])' 2>/dev/null || true)"
  if [ -n "$version" ] && [[ "$version" > "$best_version" ]]; then
    best="$p" best_version="$version"
  fi
done

if [ -z "$best" ]; then
  echo "test-newest-python: no Python 3.12 or newer on this machine; only .venv's $(.venv/bin/python -V 2>&1 || echo Python) was tested."
  exit 0
fi

short="$("$best" -c 'import sys; print("%d%d" % sys.version_info[:2])')"
venv=".venv-py$short"
stamp="$venv/.installed"
echo "test-newest-python: $("$best" -V) ($best) in $venv"
if [ ! -x "$venv/bin/python" ]; then
  "$best" -m venv "$venv"
fi
if [ ! -e "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  "$venv/bin/python" -m pip install -q --upgrade pip
  "$venv/bin/python" -m pip install -q -e '.[test]'
  touch "$stamp"
fi
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
