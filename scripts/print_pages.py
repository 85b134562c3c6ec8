"""Save a PNG of a page of every printed document:
``python scripts/print_pages.py WORKBOOK [OUT]``.

Prints each document from WORKBOOK with ``cscoach print`` (the same code as the app's
preview), turns its first page (the handbook's second) into ``OUT/print-<document>.png``
with poppler's ``pdftoppm`` and reports each PDF's number of pages and any warning. OUT
defaults to ``screenshots/``; ``make screenshots`` runs it on the demo workbook and the
README shows the copies in ``docs/screenshots/``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cscoach.model import hiring, team, training
from cscoach.model.workbook import Workbook

DPI = 50  # a page of A4 is then 413 × 585 pixels: readable headings, small files
SHOWN_PAGE = {"standards": 2}  # the handbook's first page is its title page


def documents(workbook: Path) -> list[tuple[str, list[str]]]:
    """(file name, ``cscoach print`` arguments) for every document, a filled scorecard too."""
    with Workbook.open(workbook, read_only=True) as wb:
        scored = [s for s in hiring.list_summaries(wb) if s.scored]
        role_play = [s for s in training.list_sessions(wb) if s.kind == training.ROLE_PLAY]
        people = team.list_members(wb, active_only=True)
    docs = [
        ("philosophy", ["philosophy"]),
        ("questionnaire", ["questionnaire"]),
        ("answers", ["answers"]),
        ("poster", ["poster"]),
        ("standards", ["standards"]),
        ("signoff", ["signoff"]),
        ("scorecard", ["scorecard"]),
        ("monthly-review", ["monthly-review"]),
        ("culture-map", ["culture-map"]),
        ("feedback", ["feedback"]),
        ("you-said-we-did", ["you-said-we-did"]),
        ("story", ["story"]),
    ]
    if role_play:
        docs.append(("training", ["training", "--session", role_play[0].held_on]))
    if people:  # the shift lead in the demo: the one with the most to talk about
        person = max(people, key=lambda m: ("lead" in m.role.lower(), -m.id))
        docs.append(("one-to-one", ["one-to-one", "--member", person.name]))
    if scored:
        best = max(scored, key=lambda s: s.percent or 0)
        docs.insert(7, ("scorecard-filled", ["scorecard", "--candidate", best.candidate.name]))
    return docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workbook", type=Path)
    parser.add_argument("out", type=Path, nargs="?", default=Path("screenshots"))
    args = parser.parse_args(argv)
    if not args.workbook.is_file():
        print(f"print_pages: error: {args.workbook} does not exist", file=sys.stderr)
        return 2
    if shutil.which("pdftoppm") is None:
        print("print_pages: error: pdftoppm is missing (Debian: poppler-utils)", file=sys.stderr)
        return 2
    cscoach = Path(sys.executable).with_name("cscoach")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, doc_args in documents(args.workbook):
            pdf = Path(tmp) / f"{name}.pdf"
            command = [str(cscoach), "print", *doc_args, "--workbook", str(args.workbook)]
            done = subprocess.run([*command, "--out", str(pdf)], capture_output=True, text=True)
            if done.returncode != 0:
                print(f"print_pages: {name}: {done.stderr.strip()}", file=sys.stderr)
                return 1
            png = args.out / f"print-{name}"
            page = str(SHOWN_PAGE.get(name, 1))
            subprocess.run(
                ["pdftoppm", "-png", "-r", str(DPI), "-f", page, "-l", page, "-singlefile"]
                + [str(pdf), str(png)],
                check=True,
            )
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            pages = next((ln.split()[-1] for ln in info.splitlines() if "Pages:" in ln), "?")
            warnings = " ".join(done.stderr.split())
            print(f"{png}.png: {pages} page(s){'; ' + warnings if warnings else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
