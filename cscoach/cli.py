"""The command line: a thin layer over ``cscoach.model``, like calibre's tools beside its GUI.

``cscoach [WORKBOOK]`` opens the app; the subcommands work without a display and never
import Qt, matplotlib or reportlab. Every error is one line on stderr,
``cscoach: error: <message>``, with exit status 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

from cscoach import __version__
from cscoach.model import files
from cscoach.model.errors import CsCoachError, WorkbookError, describe_failure

if TYPE_CHECKING:
    import io
    from collections.abc import Callable
    from typing import Protocol

    class ImportReport(Protocol):
        def lines(self) -> list[str]: ...

    from cscoach.model.workbook import Workbook

from cscoach.cli_parser import (
    COMMANDS,
    EXIT_ERROR,
    EXIT_OK,
    EXIT_UNHEALTHY,
    PRINT_OPTIONS,
    PROG,
    STDOUT,
    UsageError,
    build_parser,
    path_argument,
)


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not valid UTF-8 (it reaches Python as lone surrogates) must
        # not crash the message about it, after the work is done.
        # typeshed types sys.stdout as TextIO; the real one is a TextIOWrapper (a stream put
        # in its place without reconfigure raises AttributeError, suppressed).
        with contextlib.suppress(AttributeError, ValueError):
            cast("io.TextIOWrapper", stream).reconfigure(errors="backslashreplace")
    try:
        return _run(args)
    except BrokenPipeError:
        # Whoever read the output stopped early (`| head -1`): the command's work, an
        # import's commit included, is done, so that is not an error of the command.
        _drop_stdout()
        return EXIT_OK
    except UsageError as exc:
        return _fail(str(exc))
    except CsCoachError as exc:
        return _fail(exc.message)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}.")
    except sqlite3.Error as exc:
        return _fail(describe_failure(exc))


def _drop_stdout() -> None:
    """Send what is left for standard output nowhere (it was closed), so that Python's own
    flush at exit does not complain about the broken pipe again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _run(args: list[str]) -> int:
    # `cscoach WORKBOOK` and `cscoach COMMAND …` share the first position: anything that is
    # neither a command nor an option is a workbook to open. `cscoach -- NAME` opens a
    # workbook whose name looks like a command or an option.
    if args and args[0] == "--":
        return _open_app(args[1:])
    if not args or (args[0] not in COMMANDS and not args[0].startswith("-")):
        return _open_app(args)
    try:
        ns = build_parser().parse_args(args)
    except SystemExit as exc:  # --help printed its text
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    if ns.version:
        if ns.command:
            raise UsageError("--version takes no command")
        print(f"{PROG} {__version__}")
        return EXIT_OK
    if ns.command == "new":
        return _new(ns.path, ns.business)
    if ns.command == "demo":
        return _demo(ns.path)
    if ns.command == "check":
        return _check(ns.path)
    if ns.command == "backup":
        return _backup(ns.path)
    if ns.command == "backups":
        return _backups(ns.path)
    if ns.command == "restore":
        return _restore(ns.path, ns.source)
    if ns.command == "print":
        return _print(ns)
    if ns.command == "kpi":
        return _kpi(ns)
    if ns.command == "survey":
        return _survey(ns)
    if ns.command == "feedback":
        return _feedback(ns)
    if ns.command == "export":
        return _export(ns)
    if ns.command == "rollup":
        return _rollup(ns)
    if ns.command == "calendar":
        return _calendar(ns)
    if ns.command == "kiosk":
        return _kiosk(ns.path)
    if ns.command == "training":
        return _training(ns)
    raise UsageError("nothing to do")


def _open_app(args: list[str]) -> int:
    if len(args) > 1:
        if args[0] not in COMMANDS:
            raise UsageError(
                f"“{args[0]}” is not a command ({', '.join(COMMANDS)}); to open a workbook, "
                "give only its path"
            )
        raise UsageError("give only one workbook to open")
    path = None
    if args:
        try:
            path = path_argument(args[0])
        except argparse.ArgumentTypeError as exc:
            raise UsageError(f"WORKBOOK: {exc}") from None
    if _no_display():
        raise UsageError(
            "there is no display to open the CS Coach window on (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set); run cscoach in a desktop session, or use the commands, "
            "which need no display: cscoach check, cscoach print, cscoach kpi export "
            f"(“{PROG} --help” lists them all)"
        )
    try:
        from cscoach.ui.app import run
    except ImportError as exc:
        raise UsageError(f"the app cannot start here ({exc}); the commands still work") from exc
    return run(path)


def _no_display() -> bool:
    """True when Qt would find no screen: Linux and the like with neither DISPLAY nor
    WAYLAND_DISPLAY set. A QT_QPA_PLATFORM the user set (offscreen, vnc, …) is theirs to try."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform in ("win32", "cygwin", "darwin"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _require_workbook_suffix(path: Path) -> None:
    """A new workbook's name ends in .cscoach, as the app's file dialogs expect."""
    from cscoach.model.workbook import SUFFIX

    if path.suffix.lower() != SUFFIX:
        suggestion = path.with_name(path.name + SUFFIX)
        raise UsageError(
            f"{path} does not end in {SUFFIX}, as a workbook's file name must; "
            f"use {suggestion} instead"
        )


def _new(path: Path, business: str) -> int:
    from cscoach.model import settings
    from cscoach.model.workbook import Workbook

    _require_workbook_suffix(path)
    with _creating(path):
        wb = Workbook.create(path, business)
        name = settings.business_name(wb)
        wb.close()
    print(f"Created {path} for {name}.")
    return EXIT_OK


def _check_print_options(ns: argparse.Namespace) -> None:
    """Refuse an option the chosen document does not use, and --version with --draft."""
    if ns.doc_version is not None and ns.draft:
        raise UsageError(
            "--version and --draft cannot be used together: --version N prints a published "
            "version of the philosophy, --draft the draft; give one of them"
        )
    for attribute, (option, documents) in PRINT_OPTIONS.items():
        value = getattr(ns, attribute)
        if value is None or value is False or ns.document in documents:
            continue
        named = " and ".join(
            [", ".join(documents[:-1]), documents[-1]] if documents[:-1] else documents
        )
        raise UsageError(
            f"print {ns.document} does not use {option} (only {named} "
            f"{'does' if len(documents) == 1 else 'do'}); leave it out"
        )


def _print(ns: argparse.Namespace) -> int:
    from cscoach.model.workbook import Workbook
    from cscoach.printing.documents import PrintRequest, render

    _check_print_options(ns)
    if ns.out != STDOUT:
        _check_out(ns.out, ".pdf", ns.workbook)
    request = PrintRequest(
        ns.document,
        page_size=ns.page_size,
        round_name=ns.round,
        version=ns.doc_version,
        draft=ns.draft,
        month=ns.month,
        candidate_name=ns.candidate,
        session_date=ns.session,
        member_name=ns.member,
    )
    with Workbook.open(ns.workbook, read_only=True) as wb:
        printed = render(wb, request)
    for warning in printed.warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    if ns.out == STDOUT:
        sys.stdout.buffer.write(printed.pdf)
        sys.stdout.buffer.flush()
        return EXIT_OK
    with _writing(ns.out):
        files.write_file(ns.out, printed.pdf, private=request.personal, workbook=ns.workbook)
    print(f"Wrote {ns.out}.")
    return EXIT_OK


def _kpi(ns: argparse.Namespace) -> int:
    from cscoach.model import kpi_import
    from cscoach.model.csvfile import to_csv_text

    return _csv_transfer(
        ns,
        ns.kpi_command,
        text=lambda wb: to_csv_text(kpi_import.HEADER, kpi_import.export_rows(wb)),
        write=kpi_import.export_kpi_csv,
        noun=("value", "values"),
        check=kpi_import.read_kpi_csv,
        run=lambda wb, path: kpi_import.import_kpi_csv(
            wb, path, replace=ns.replace, keep_existing=not ns.replace
        ),
    )


def _survey(ns: argparse.Namespace) -> int:
    from cscoach.model import survey_import
    from cscoach.model.workbook import Workbook

    # Everything is checked against a read-only view first: a refused import must not even
    # make the daily backup that opening for writing makes.
    with _planning(ns.workbook) as wb:
        analysis = survey_import.prepare_survey(
            survey_import.read_survey(ns.file),
            date_column=ns.date_column,
            nps_column=ns.nps_column,
            csat_column=ns.csat_column,
        )
        survey_import.plan_survey(wb, analysis, replace=ns.replace)
    with Workbook.open(ns.workbook) as wb:
        report = survey_import.store_survey(wb, analysis, replace=ns.replace)
    for line in report.lines():
        print(line)
    return EXIT_OK


def _feedback(ns: argparse.Namespace) -> int:
    from cscoach.model import feedback_csv

    return _csv_transfer(
        ns,
        ns.feedback_command,
        text=feedback_csv.feedback_csv_text,
        write=feedback_csv.export_feedback_csv,
        noun=("feedback item", "feedback items"),
        check=feedback_csv.read_feedback_csv,
        run=feedback_csv.import_feedback_csv,
    )


def _csv_transfer(
    ns: argparse.Namespace,
    action: str,
    *,
    text: Callable[[Workbook], str],
    write: Callable[[Workbook, Path], int],
    noun: tuple[str, str],
    check: Callable[[Workbook, Path], object],
    run: Callable[[Workbook, Path], ImportReport],
) -> int:
    """``export`` (to a file, or with ``--out -`` to standard output, without a BOM) or
    ``import`` of a CSV: ``check`` reads the whole file against a read-only view first, so a
    refused import does not even make the daily backup opening for writing makes; then
    ``run`` imports it and its report is printed."""
    from cscoach.model.workbook import Workbook

    if action == "export" and ns.out == STDOUT:
        with Workbook.open(ns.workbook, read_only=True) as wb:
            data = text(wb)
        sys.stdout.write(data)
        sys.stdout.flush()
        return EXIT_OK
    if action == "export":
        _check_out(ns.out, ".csv", ns.workbook)
        with Workbook.open(ns.workbook, read_only=True) as wb, _writing(ns.out):
            count = write(wb, ns.out)
        print(f"Wrote {count} {noun[0] if count == 1 else noun[1]} to {ns.out}.")
        return EXIT_OK
    with _planning(ns.workbook) as wb:
        check(wb, ns.file)
    with Workbook.open(ns.workbook) as wb:
        report = run(wb, ns.file)
    for line in report.lines():
        print(line)
    return EXIT_OK


@contextlib.contextmanager
def _planning(path: Path) -> Iterator[Workbook]:
    """The workbook as opening it for writing would make it, without writing anything: read
    only, or for a workbook an older CS Coach made, an updated copy in memory."""
    from cscoach.model import migrations
    from cscoach.model.workbook import Workbook, inspect_file

    version = inspect_file(path)
    if version >= migrations.latest_version():
        with Workbook.open(path, read_only=True) as wb:
            yield wb
        return
    source = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(":memory:")
        source.backup(copy)
    finally:
        source.close()
    wb = Workbook(path, copy, None)
    try:
        wb._migrate(from_version=version)
        copy.execute("PRAGMA query_only = ON")
        yield wb
    finally:
        wb.close()


def _export(ns: argparse.Namespace) -> int:
    """The whole workbook as a spreadsheet, a sheet a section (model/spreadsheet.py)."""
    from cscoach.model import spreadsheet
    from cscoach.model.workbook import Workbook

    _check_out(ns.out, ".xlsx", ns.workbook)
    with Workbook.open(ns.workbook, read_only=True) as wb, _writing(ns.out):
        result = spreadsheet.export_workbook(wb, ns.out)
    print(result.summary())
    return EXIT_OK


def _rollup(ns: argparse.Namespace) -> int:
    """Several locations' workbooks side by side in a PDF, each only read (model/rollup.py)."""
    from cscoach.model import rollup
    from cscoach.printing.rollup import info_for, rollup_pdf

    rollup.check_paths(ns.workbooks)
    for path in ns.workbooks:
        rollup.check_workbook_file(path)
        _check_out(ns.out, ".pdf", path)
    result = rollup.compare(ns.workbooks, month=ns.month)
    size = ns.page_size or result.locations[0].page_size
    pdf = rollup_pdf(result, info_for(result, size))
    with _writing(ns.out):
        files.write_file(ns.out, pdf)
    for skipped in result.skipped:
        print(f"{PROG}: warning: left out {skipped.path}: {skipped.reason}", file=sys.stderr)
    count = len(result.locations)
    print(f"Compared {count} location{'s' if count != 1 else ''} in {ns.out}.")
    return EXIT_OK


def _calendar(ns: argparse.Namespace) -> int:
    """The owner's dates as an iCalendar file (model/calendar_ics.py)."""
    import datetime as dt

    from cscoach.model import calendar_ics
    from cscoach.model.workbook import Workbook

    _check_out(ns.out, ".ics", ns.workbook)
    with Workbook.open(ns.workbook, read_only=True) as wb, _writing(ns.out):
        now = dt.datetime.now(dt.UTC)
        calendar_ics.export_calendar(wb, ns.out, today=dt.date.today(), now=now)
    print(f"Wrote {ns.out}.")
    return EXIT_OK


def _training(ns: argparse.Namespace) -> int:
    """``training add``: checked against a read-only view first (a refused session does not
    even make the daily backup), then added (model/training_names.py)."""
    import datetime as dt

    from cscoach.model import training, training_names
    from cscoach.model.dates import long_date
    from cscoach.model.workbook import Workbook

    today = dt.date.today()

    def described(wb: Workbook) -> training.SessionInput:
        return training_names.session_from_names(
            wb,
            held_on=ns.date,
            topic=ns.topic,
            kind=ns.kind,
            trainer=ns.trainer,
            outside_trainer=ns.outside_trainer,
            attendees=ns.attendee,
            standards=ns.standard,
            refresh_months=ns.refresh_months,
            notes=ns.notes,
        )

    with _planning(ns.workbook) as wb:
        training_names.add_from_names(wb, described(wb), today=today, check_only=True)
    with Workbook.open(ns.workbook) as wb:
        added = training_names.add_from_names(wb, described(wb), today=today)
        assert added is not None
        session = training.get_session(wb, added)
    people = len(session.attendees)
    print(
        f"Added the training session “{session.topic}” of {long_date(session.held_on)} "
        f"with {people} {'person' if people == 1 else 'people'}."
    )
    return EXIT_OK


def _kiosk(path: Path) -> int:
    """The counter kiosk (ui/kiosk/start.py): the workbook is checked before any window."""
    from cscoach.model.workbook import inspect_file

    inspect_file(path)
    if _no_display():
        raise UsageError(
            "there is no display to show the kiosk on (neither DISPLAY nor WAYLAND_DISPLAY "
            "is set); run cscoach kiosk in a desktop session"
        )
    try:
        from cscoach.ui.kiosk.start import run_kiosk
    except ImportError as exc:
        raise UsageError(f"the kiosk cannot start here ({exc})") from exc
    return run_kiosk(path)


def _check_out(path: Path, suffix: str, workbook: Path) -> None:
    """Refuse an output file that cannot be written, or that is the workbook or any other
    CS Coach workbook, before any work is done."""
    files.refuse_workbook(path, workbook)
    if path.is_dir():
        raise UsageError(f"--out: {path} is a folder; give a file name ending in {suffix}")
    reason = _unwritable(path)
    if reason:
        raise UsageError(f"cannot write {path}: {reason}")


def _unwritable(path: Path, exc: OSError | None = None) -> str | None:
    """Why ``path`` cannot be written, in terms of the path the owner gave (never the
    temporary file beside it), with what to do; None if nothing is in the way."""
    folder = path.parent
    shown = "the current folder" if str(folder) == "." else f"the folder {folder}"
    try:
        blocker = next((p for p in (folder, *folder.parents) if p.is_file()), None)
        if blocker is not None:
            return f"{blocker} is a file, not a folder; give a path inside a folder"
        if not folder.is_dir():
            return f"{shown} does not exist; create it first or choose a folder that exists"
        writable = os.access(folder, os.W_OK | os.X_OK)
    except OSError:
        writable = False
    code = exc.errno if exc is not None else None
    if not writable or code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{shown} is read-only for you; choose a folder you can write to"
    return files.describe_os_error(exc) if exc is not None else None


@contextlib.contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Explain a failed write in terms of the path the owner gave."""
    try:
        yield
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {_unwritable(path, exc)}") from exc


def _demo(path: Path) -> int:
    from cscoach.model import demo, demo_content

    _require_workbook_suffix(path)
    with _creating(path):
        demo.create_demo(path)
    print(f"Created the demo workbook {path} ({demo_content.BUSINESS_NAME}).")
    return EXIT_OK


@contextlib.contextmanager
def _creating(path: Path) -> Iterator[None]:
    """Explain a file that cannot be created in terms of the path the owner gave."""
    try:
        yield
    except OSError as exc:
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            reason = f"{blocker} is a file, not a folder"
        else:
            reason = exc.strerror or str(exc)
            if exc.filename and Path(exc.filename) != path:
                reason += f" ({exc.filename})"
        raise WorkbookError(f"Could not create {path}: {reason}.") from exc


def _check(path: Path) -> int:
    from cscoach.model.schema_check import check_workbook

    notes: list[str] = []
    problems = check_workbook(path, notes)
    for note in notes:  # added with another tool: worth knowing, not a fault
        print(f"{path}: {note}")
    if not problems:
        print(f"{path}: ok")
        return EXIT_OK
    for problem in problems:
        print(problem if problem.startswith(str(path)) else f"{path}: {problem}")
    return EXIT_UNHEALTHY


def _backup(path: Path) -> int:
    from cscoach.model import backups

    print(backups.back_up_file(path))
    return EXIT_OK


def _backups(path: Path) -> int:
    from cscoach.model import backups
    from cscoach.model.workbook import inspect_file

    if not path.exists():
        inspect_file(path)  # the one message for a missing workbook
    for backup in backups.list_backups(path):
        made = backup.made_at.isoformat(sep=" ", timespec="seconds")
        print(f"{made}\t{backup.kind}\t{backup.size}\t{backup.path}")
    return EXIT_OK


def _restore(path: Path, source: Path) -> int:
    from cscoach.model.workbook import Workbook, inspect_file

    inspect_file(source)  # a bad backup is refused before the workbook is even opened
    with Workbook.open(path) as wb:
        saved = wb.restore_from(source)
    print(f"Restored {path} from {source}. It was backed up first as {saved}.")
    return EXIT_OK


def _fail(message: str) -> int:
    one_line = " ".join(message.splitlines()).strip()
    print(f"{PROG}: error: {one_line}", file=sys.stderr)
    return EXIT_ERROR
