"""The command line's grammar: every command, its options and its help text, and the
parser that turns a mistake in them into one line (``UsageError``). ``cscoach.cli`` runs
what was asked."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from cscoach.model import paper

PROG = "cscoach"
EXIT_OK = 0
EXIT_UNHEALTHY = 1  # `check`: the file is not a healthy workbook
EXIT_ERROR = 2

COMMANDS = (
    "new",
    "demo",
    "check",
    "backup",
    "backups",
    "restore",
    "print",
    "kpi",
    "survey",
    "feedback",
    "export",
    "rollup",
    "calendar",
    "kiosk",
    "training",
)

USAGE = """\
cscoach [WORKBOOK]
       cscoach --version
       cscoach new PATH --business NAME
       cscoach demo PATH
       cscoach check PATH
       cscoach backup PATH
       cscoach backups PATH
       cscoach restore PATH --from BACKUP
       cscoach print DOC --workbook PATH --out FILE.pdf [options]
       cscoach kpi export --workbook PATH --out FILE.csv
       cscoach kpi import --workbook PATH FILE.csv [--replace]
       cscoach survey import --workbook PATH FILE.csv [--nps-column NAME] [--csat-column NAME]
                      [--date-column NAME] [--replace]
       cscoach feedback export --workbook PATH --out FILE.csv
       cscoach feedback import --workbook PATH FILE.csv
       cscoach export --workbook PATH --out FILE.xlsx
       cscoach rollup PATH PATH... --out FILE.pdf [--month YYYY-MM]
       cscoach calendar --workbook PATH --out FILE.ics
       cscoach kiosk PATH
       cscoach training add --workbook PATH --date YYYY-MM-DD --topic TEXT [options]"""

DESCRIPTION = (
    "CS Coach: build and keep a customer-service culture in a small service business. "
    "Without a command, opens the app on WORKBOOK (your default workbook if none is given)."
)


class UsageError(Exception):
    """The command line itself is wrong (unknown option, missing argument, bad value)."""


class _Parser(argparse.ArgumentParser):
    """An argparse parser that raises instead of printing usage and exiting, so that every
    error comes out as the same single line."""

    def error(self, message: str) -> NoReturn:
        if self.prog == PROG:
            raise UsageError(f"{message} (“{PROG} --help” lists the commands)")
        raise UsageError(f"{message} (usage: {self.usage})")


STDOUT = Path("-")  # --out -: standard output

# print: the options that only some documents use (--page-size applies to every one)
PRINT_OPTIONS = {
    "round": ("--round", ("answers",)),
    "doc_version": ("--version", ("philosophy",)),
    "draft": ("--draft", ("philosophy",)),
    "month": ("--month", ("monthly-review", "feedback", "story")),
    "candidate": ("--candidate", ("scorecard",)),
    "session": ("--session", ("training",)),
    "member": ("--member", ("one-to-one",)),
}


def path_argument(value: str) -> Path:
    if not value.strip():
        raise argparse.ArgumentTypeError("the path is empty")
    if "\x00" in value:
        raise argparse.ArgumentTypeError("the path contains a NUL character")
    return Path(value).expanduser()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, usage=USAGE, description=DESCRIPTION)
    parser.add_argument(
        "--version", action="store_true", help="print the version of CS Coach and exit"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    new = commands.add_parser(
        "new",
        prog=f"{PROG} new",
        usage=f"{PROG} new PATH --business NAME",
        help="create a workbook with the starter content",
        description="Create a new workbook at PATH with the starter content. An existing file "
        "is never overwritten.",
    )
    new.add_argument("path", metavar="PATH", type=path_argument, help="the workbook file to create")
    new.add_argument(
        "--business",
        metavar="NAME",
        required=True,
        help="the name of your business (it goes on everything CS Coach prints)",
    )

    demo = commands.add_parser(
        "demo",
        prog=f"{PROG} demo",
        usage=f"{PROG} demo PATH",
        help="create a realistic demo workbook (a six-person café)",
        description="Create a demo workbook at PATH: a six-person café with questionnaire "
        "answers, a published philosophy, standards, candidates and 18 months of KPIs. An "
        "existing file is never overwritten.",
    )
    demo.add_argument(
        "path", metavar="PATH", type=path_argument, help="the workbook file to create"
    )

    check = commands.add_parser(
        "check",
        prog=f"{PROG} check",
        usage=f"{PROG} check PATH",
        help="integrity and schema check; exit 0 if healthy, 1 if not",
        description="Check that PATH is a healthy CS Coach workbook this version can open. "
        "Prints 'PATH: ok' and exits 0, or prints each problem and exits 1. What the file holds "
        "is never changed; a save cut off by a crash is rolled back first, as any open does.",
    )
    check.add_argument(
        "path", metavar="PATH", type=path_argument, help="the workbook file to check"
    )

    backup = commands.add_parser(
        "backup",
        prog=f"{PROG} backup",
        usage=f"{PROG} backup PATH",
        help="back up the workbook now and print the backup's path",
        description="Make a backup of the workbook at PATH now, in the “backups” folder beside "
        "it, and print its path. The workbook is only read, so this works while the app has it "
        "open. The newest 10 backups are kept.",
    )
    backup.add_argument("path", metavar="PATH", type=path_argument, help="the workbook to back up")

    listing = commands.add_parser(
        "backups",
        prog=f"{PROG} backups",
        usage=f"{PROG} backups PATH",
        help="list the workbook's backups, newest first",
        description="List the backups of the workbook at PATH, newest first, one per line: "
        "date and time, kind (daily, manual, before-restore, before-schema-N), size in bytes "
        "and path, separated by tabs.",
    )
    listing.add_argument("path", metavar="PATH", type=path_argument, help="the workbook")

    restore = commands.add_parser(
        "restore",
        prog=f"{PROG} restore",
        usage=f"{PROG} restore PATH --from BACKUP",
        help="replace the workbook's contents with a backup (the current state is backed up)",
        description="Replace everything in the workbook at PATH with the backup BACKUP (any "
        "CS Coach workbook file). The workbook as it is now is backed up first, so a restore "
        "can be undone by restoring that backup. Refused while the app has the workbook open.",
    )
    restore.add_argument("path", metavar="PATH", type=path_argument, help="the workbook to restore")
    restore.add_argument(
        "--from",
        metavar="BACKUP",
        type=path_argument,
        required=True,
        dest="source",
        help="the backup to restore (see cscoach backups PATH)",
    )

    from cscoach.printing.names import DOCUMENT_TITLES

    names = " | ".join(DOCUMENT_TITLES)
    printing = commands.add_parser(
        "print",
        prog=f"{PROG} print",
        usage=f"{PROG} print DOC --workbook PATH --out FILE.pdf [--page-size a4|letter] "
        "[--round NAME] [--version N] [--draft] [--month YYYY-MM] [--candidate NAME] "
        "[--session YYYY-MM-DD] [--member NAME]",
        help="print a document to a PDF file",
        description=f"Write one of the printable documents to a PDF file. DOC: {names}. "
        "The workbook is only read, so this works while the app has it open.",
    )
    printing.add_argument("document", metavar="DOC", choices=list(DOCUMENT_TITLES), help=names)
    printing.add_argument("--workbook", metavar="PATH", type=path_argument, required=True)
    printing.add_argument(
        "--out",
        metavar="FILE.pdf",
        type=path_argument,
        required=True,
        help="the PDF file to write (- writes it to standard output)",
    )
    printing.add_argument(
        "--page-size",
        choices=paper.PAGE_SIZES,
        type=str.lower,
        help="A4 or US Letter (default: the workbook's setting)",
    )
    printing.add_argument("--round", metavar="NAME", help="answers: the round (default: latest)")
    printing.add_argument(
        "--version",
        metavar="N",
        type=int,
        dest="doc_version",
        help="philosophy: a published version (default: the latest)",
    )
    printing.add_argument(
        "--draft", action="store_true", help="philosophy: print the draft, not a version"
    )
    printing.add_argument(
        "--month",
        metavar="YYYY-MM",
        help="monthly-review, feedback: the month (default: the latest with figures or "
        "feedback); story: the month (default: this month)",
    )
    printing.add_argument("--candidate", metavar="NAME", help="scorecard: a filled scorecard")
    printing.add_argument(
        "--session",
        metavar="YYYY-MM-DD",
        help="training: the sheet of the session(s) held that day (default: a blank sheet)",
    )
    printing.add_argument(
        "--member",
        metavar="NAME",
        help="one-to-one: the team member (default: a page for everyone on the team)",
    )

    kpi = commands.add_parser(
        "kpi",
        prog=f"{PROG} kpi",
        usage=f"{PROG} kpi export|import …",
        help="export or import monthly KPI values as CSV",
        description="KPI values as CSV with the header month,kpi,value,note.",
    )
    kpi_commands = kpi.add_subparsers(dest="kpi_command", metavar="ACTION", parser_class=_Parser)
    kpi_commands.required = True
    export = kpi_commands.add_parser(
        "export",
        prog=f"{PROG} kpi export",
        usage=f"{PROG} kpi export --workbook PATH --out FILE.csv",
        help="write every KPI value to a CSV file",
    )
    export.add_argument("--workbook", metavar="PATH", type=path_argument, required=True)
    export.add_argument(
        "--out",
        metavar="FILE.csv",
        type=path_argument,
        required=True,
        help="the CSV file to write (- writes it to standard output, without a BOM)",
    )
    kpi_import = kpi_commands.add_parser(
        "import",
        prog=f"{PROG} kpi import",
        usage=f"{PROG} kpi import --workbook PATH FILE.csv [--replace]",
        help="read KPI values from a CSV file (all or nothing)",
        description="Import month,kpi,value,note rows. A comma, semicolon or tab delimiter, a "
        "decimal comma, Excel's UTF-8 BOM and its “Unicode Text” (UTF-16) are accepted. One bad "
        "row imports nothing and the error names its line. Months that already have a "
        "different value are kept and listed unless --replace is given.",
    )
    kpi_import.add_argument("--workbook", metavar="PATH", type=path_argument, required=True)
    kpi_import.add_argument("file", metavar="FILE.csv", type=path_argument)
    kpi_import.add_argument(
        "--replace", action="store_true", help="overwrite months that already have a value"
    )

    survey = commands.add_parser(
        "survey",
        prog=f"{PROG} survey",
        usage=f"{PROG} survey import …",
        help="compute NPS and CSAT per month from survey responses",
    )
    survey_commands = survey.add_subparsers(
        dest="survey_command", metavar="ACTION", parser_class=_Parser
    )
    survey_commands.required = True
    survey_import = survey_commands.add_parser(
        "import",
        prog=f"{PROG} survey import",
        usage=f"{PROG} survey import --workbook PATH FILE.csv [--nps-column NAME] "
        "[--csat-column NAME] [--date-column NAME] [--replace]",
        help="read a survey CSV (e.g. a Google Forms export)",
        description="One row per response: a date column, a 0–10 'would you recommend' column "
        "and/or a 1–5 satisfaction column. Columns not named are chosen by their headings only: "
        "the date from the form's own timestamp (Timestamp, Submitted at, Completion time, "
        "Horodateur, Zeitstempel…, every date readable), the answers from headings that ask "
        "about recommending or satisfaction (in English, French, German, Spanish, Italian, "
        "Portuguese or Dutch), never from what the answers look like; when CS Coach is unsure "
        "it imports nothing and names the columns it considered. NPS and CSAT are stored per "
        "calendar month with their counts; blank cells are skipped and counted. Months that "
        "already have a value are kept unless --replace is given. A comma, semicolon or tab "
        "delimiter and Excel's UTF-8 or “Unicode Text” (UTF-16) files are accepted.",
    )
    survey_import.add_argument("--workbook", metavar="PATH", type=path_argument, required=True)
    survey_import.add_argument("file", metavar="FILE.csv", type=path_argument)
    survey_import.add_argument(
        "--nps-column", metavar="NAME", help="the 0–10 “would you recommend” column"
    )
    survey_import.add_argument("--csat-column", metavar="NAME", help="the 1–5 satisfaction column")
    survey_import.add_argument(
        "--date-column", metavar="NAME", help="the column with the date of each response"
    )
    survey_import.add_argument(
        "--replace", action="store_true", help="overwrite months that already have a value"
    )

    feedback = commands.add_parser(
        "feedback",
        prog=f"{PROG} feedback",
        usage=f"{PROG} feedback export|import …",
        help="export or import what customers said (compliments, complaints…) as CSV",
        description="Feedback as CSV with the header date,kind,channel,text,themes,member,"
        "standard,status.",
    )
    feedback_commands = feedback.add_subparsers(
        dest="feedback_command", metavar="ACTION", parser_class=_Parser
    )
    feedback_commands.required = True
    feedback_export = feedback_commands.add_parser(
        "export",
        prog=f"{PROG} feedback export",
        usage=f"{PROG} feedback export --workbook PATH --out FILE.csv",
        help="write every feedback item to a CSV file",
        description="Write every feedback item, oldest first, to a CSV file readable by you "
        "only (customers' words). Text a spreadsheet would run as a formula is neutralised.",
    )
    feedback_export.add_argument("--workbook", metavar="PATH", type=path_argument, required=True)
    feedback_export.add_argument(
        "--out",
        metavar="FILE.csv",
        type=path_argument,
        required=True,
        help="the CSV file to write (- writes it to standard output, without a BOM)",
    )
    feedback_import = feedback_commands.add_parser(
        "import",
        prog=f"{PROG} feedback import",
        usage=f"{PROG} feedback import --workbook PATH FILE.csv",
        help="read feedback items from a CSV file (all or nothing)",
        description="Import date,kind,channel,text,themes,member,standard,status rows (date, "
        "kind and text are needed; the other columns may be left out). date is YYYY-MM-DD; "
        "kind compliment, complaint, suggestion or question; themes, member and standard may "
        "name several, separated by |; status is open or resolved, for complaints only. A "
        "theme the workbook does not have is created; a team member or standard it does not "
        "have is an error. A comma, semicolon or tab delimiter, Excel's UTF-8 BOM and its "
        "“Unicode Text” (UTF-16) are accepted. One bad row imports nothing and the error names "
        "its line. A row exactly like an item already there (same date, kind, channel and "
        "text) is not added again.",
    )
    feedback_import.add_argument("--workbook", metavar="PATH", type=path_argument, required=True)
    feedback_import.add_argument("file", metavar="FILE.csv", type=path_argument)

    export = commands.add_parser(
        "export",
        prog=f"{PROG} export",
        usage=f"{PROG} export --workbook PATH --out FILE.xlsx",
        help="write the whole workbook to a spreadsheet (.xlsx), a sheet for each section",
        description="Write everything in the workbook to an Excel spreadsheet readable by you "
        "only: the team, questionnaire answers (no names for anonymous rounds), philosophy, "
        "values, standards, hiring criteria and scores, KPIs and their monthly values with "
        "counts, feedback, actions, training sessions and success stories. Dates and numbers "
        "are real dates and numbers; text is always kept as text. The workbook is only read.",
    )
    export.add_argument("--workbook", metavar="PATH", type=path_argument, required=True)
    export.add_argument(
        "--out", metavar="FILE.xlsx", type=path_argument, required=True, help="the file to write"
    )

    rollup = commands.add_parser(
        "rollup",
        prog=f"{PROG} rollup",
        usage=f"{PROG} rollup PATH PATH... --out FILE.pdf [--month YYYY-MM] "
        "[--page-size a4|letter]",
        help="compare several locations' workbooks side by side in a PDF",
        description="Put several workbooks (one per shop or location) side by side in a PDF: "
        "the month's KPIs against each one's target with their trend, standards overdue for "
        "review, open complaints and recurring themes, and how many answered the latest "
        "questionnaire. The workbooks are only read, even while CS Coach has them open; one "
        "that cannot be read is named and left out.",
    )
    rollup.add_argument("workbooks", metavar="PATH", type=path_argument, nargs="+")
    rollup.add_argument("--out", metavar="FILE.pdf", type=path_argument, required=True)
    rollup.add_argument(
        "--month", metavar="YYYY-MM", help="the month to compare (default: last month)"
    )
    rollup.add_argument(
        "--page-size",
        choices=paper.PAGE_SIZES,
        type=str.lower,
        help="A4 or US Letter (default: the first workbook's setting)",
    )

    calendar = commands.add_parser(
        "calendar",
        prog=f"{PROG} calendar",
        usage=f"{PROG} calendar --workbook PATH --out FILE.ics",
        help="write the dates not to miss to a calendar file (.ics)",
        description="Write a calendar file that Google Calendar, Outlook and Apple Calendar "
        "can import: the monthly review every month, standards and the philosophy due for "
        "review, actions due, the next questionnaire round, training sessions and "
        "refreshers coming due. Import it again after a "
        "change and the events are updated, not added twice. The workbook is only read.",
    )
    calendar.add_argument("--workbook", metavar="PATH", type=path_argument, required=True)
    calendar.add_argument(
        "--out", metavar="FILE.ics", type=path_argument, required=True, help="the file to write"
    )

    kiosk = commands.add_parser(
        "kiosk",
        prog=f"{PROG} kiosk",
        usage=f"{PROG} kiosk PATH",
        help="turn this computer into a feedback kiosk at the counter",
        description="Fill the screen with one question for your customers (five faces "
        "and/or 0 to 10). Each answer is saved at once in the workbook and counts towards "
        "the month's CSAT or NPS; only your PIN leaves the kiosk (the first start asks you to "
        "set one). CS Coach may stay open on the same workbook meanwhile.",
    )
    kiosk.add_argument("path", metavar="PATH", type=path_argument)

    _add_training(commands)
    return parser


def _add_training(commands: argparse._SubParsersAction[_Parser]) -> None:
    training = commands.add_parser(
        "training",
        prog=f"{PROG} training",
        usage=f"{PROG} training add …",
        help="write down a training session: who was trained on what",
    )
    actions = training.add_subparsers(
        dest="training_command", metavar="ACTION", parser_class=_Parser
    )
    actions.required = True
    add = actions.add_parser(
        "add",
        prog=f"{PROG} training add",
        usage=f"{PROG} training add --workbook PATH --date YYYY-MM-DD --topic TEXT "
        "[--kind KIND] [--trainer NAME | --outside-trainer NAME] [--attendee NAME]... "
        "[--standard TITLE]... [--refresh-months N] [--notes TEXT]",
        help="add a training session with who attended",
        description="Add a training session to the workbook. Team members and standards are "
        "given by name (case does not matter); a name the workbook does not have adds "
        "nothing and the closest names are suggested. Without --trainer or "
        "--outside-trainer, you ran it.",
    )
    add.add_argument("--workbook", metavar="PATH", type=path_argument, required=True)
    add.add_argument("--date", metavar="YYYY-MM-DD", required=True, help="the day it was held")
    add.add_argument("--topic", metavar="TEXT", required=True, help="what it was about")
    add.add_argument(
        "--kind",
        metavar="KIND",
        help="soft-skills (the default), product, role-play or onboarding",
    )
    add.add_argument("--trainer", metavar="NAME", help="the team member who ran it")
    add.add_argument("--outside-trainer", metavar="NAME", help="someone from outside ran it")
    add.add_argument(
        "--attendee",
        metavar="NAME",
        action="append",
        default=[],
        help="a team member who attended (give it once for each)",
    )
    add.add_argument(
        "--standard",
        metavar="TITLE",
        action="append",
        default=[],
        help="a standard the session covered (give it once for each)",
    )
    add.add_argument(
        "--refresh-months",
        metavar="N",
        help="it must be taken again every N months (food hygiene, first aid…)",
    )
    add.add_argument("--notes", metavar="TEXT", help="what was covered")
