"""The app's own entry point (``cscoach-app``, from ``[project.gui-scripts]``): opens the
window on the workbook given, or the default one, and nothing else. On Windows it is
installed as a program without a console window, for shortcuts and double-clicked files."""

from __future__ import annotations

import sys


def main() -> int:
    from cscoach.cli import main as cli_main

    # `cscoach -- PATH` opens PATH even when it is named like a command or an option.
    return cli_main(["--", *sys.argv[1:]])


if __name__ == "__main__":
    raise SystemExit(main())
