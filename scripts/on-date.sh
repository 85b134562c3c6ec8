#!/usr/bin/env bash
# Runs a command with the machine's clock set to another day and time (Debian's faketime),
# for the tests that must pass on any day. For example:
#   scripts/on-date.sh '2028-02-29 10:00:00' .venv/bin/pytest -q tests/model
# The clock starts at that moment and runs on. Python's timeouts and Qt's timers keep the real
# monotonic clock (see scripts/faketime/sitecustomize.py for why and what that needs).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 'YYYY-MM-DD HH:MM:SS' COMMAND [ARG...]" >&2
  exit 2
fi
if ! command -v faketime >/dev/null; then
  echo "$0: faketime is not installed (Debian package faketime: bash scripts/install-system-deps.sh)" >&2
  exit 2
fi
day="$1"
shift
here="$(cd "$(dirname "$0")" && pwd)"
export FAKETIME_DONT_FAKE_MONOTONIC=1
export PYTHONPATH="$here/faketime${PYTHONPATH:+:$PYTHONPATH}"
exec faketime "$day" "$@"
