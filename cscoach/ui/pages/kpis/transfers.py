"""The KPI page's files: values exported to and imported from a KPI CSV, and survey
responses imported (each step explained, asked, then done whole or not at all)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cscoach.model import files
from cscoach.model import kpi_import as ki
from cscoach.model import survey_import as si
from cscoach.model.errors import CsCoachError, ValidationError
from cscoach.model.number_format import format_number, plural
from cscoach.ui import dialogs
from cscoach.ui.pages.kpis import dialogs as kpi_dialogs
from cscoach.ui.widgets import busy_cursor

if TYPE_CHECKING:
    from cscoach.ui.pages.kpis.page import KpisPage


def export_csv(self: KpisPage) -> None:
    """Export CSV…: every value to a file the owner names (never over the workbook)."""
    path = dialogs.ask_save_path(
        self, "Export KPI Values", "kpi-values.csv", dialogs.CSV_FILTER, ".csv"
    )
    if path is None:
        return

    def write() -> int:
        files.refuse_workbook(path, self.wb.path)
        return ki.export_kpi_csv(self.wb, path)

    count = dialogs.write_or_explain(self, "Could not export", path, write)
    if count is not None:
        self._feedback(f"Exported {plural(count, 'value')} to {path}.")


def import_csv(self: KpisPage) -> None:
    """Import CSV…: read the file, say what it would change, ask, then import it whole."""
    if self.read_only:
        return
    path = dialogs.ask_open_path(self, "Import KPI Values", dialogs.CSV_FILTER)
    if path is None:
        return
    try:
        with busy_cursor():
            plan = ki.read_kpi_csv(self.wb, path, today=self.today)
    except ValidationError as exc:
        dialogs.show_error(
            self,
            "Nothing was imported",
            f"{path.name}: {exc.message}\n\nThe file needs the header month,kpi,value,note "
            "and one row per KPI per month. Correct it and import again.",
        )
        return
    if not plan.rows:
        dialogs.show_info(self, "Nothing to import", f"{path.name} has no values in it.")
        return
    new, conflicts, same = plan.new, plan.conflicts, plan.unchanged
    lines = [f"{path.name} has {plural(len(plan.rows), 'value')}:"]
    if new:
        months = sorted({r.month for r in new})
        lines.append(
            f"• {len(new)} for months that have no value yet ({months[0]} to {months[-1]})"
        )
    if same:
        lines.append(f"• {len(same)} the same as the values already there")
    if conflicts:
        lines.append(f"• {len(conflicts)} different from the values already there")
    if not new and not conflicts:
        dialogs.show_info(
            self, "Nothing to import", "\n".join([*lines, "", "Nothing would change."])
        )
        return
    if not dialogs.confirm(self, "Import KPI Values?", "\n".join(lines), "Import"):
        return
    replace = bool(conflicts) and _replace_months(
        self,
        "These months already have a different value:",
        [
            f"{r.label()}: now {format_number(r.existing.value)}, file {format_number(r.value)}"
            for r in conflicts
            if r.existing is not None
        ],
        "the file's values",
    )
    try:
        with busy_cursor():
            report = ki.import_kpi_csv(
                self.wb, path, replace=replace, keep_existing=not replace, today=self.today
            )
    except CsCoachError as exc:
        dialogs.show_error(self, "Nothing was imported", exc.message)
        return
    self._feedback(report.summary())
    self._after_write()


def import_survey(self: KpisPage) -> None:
    """Import Survey…: the columns chosen in the survey dialog, months stored with counts."""
    if self.read_only:
        return
    path = dialogs.ask_open_path(self, "Import Survey Responses", dialogs.CSV_FILTER)
    if path is None:
        return
    try:
        with busy_cursor():
            table = si.read_survey(path)
    except ValidationError as exc:
        dialogs.show_error(self, "Cannot read the survey", exc.message)
        return
    dialog = kpi_dialogs.SurveyDialog(self.wb, table, self, today=self.today)
    if not kpi_dialogs.run(dialog) or dialog.analysis is None:
        return
    analysis = dialog.analysis
    kept = [m for m in si.plan_survey(self.wb, analysis) if m.action == si.KEPT]
    replace = bool(kept) and _replace_months(
        self,
        "These months already have a value:",
        [
            f"{m.label()}: now {format_number(m.existing)}, survey {format_number(m.value)}"
            for m in kept
        ],
        "the survey's results",
    )
    try:
        with busy_cursor():
            report = si.store_survey(self.wb, analysis, replace=replace, today=self.today)
    except CsCoachError as exc:
        dialogs.show_error(self, "Nothing was imported", exc.message)
        return
    self._feedback(
        f"Survey imported: {plural(report.written, 'month value')} stored"
        + (f", {len(report.kept)} kept" if report.kept else "")
        + "."
    )
    dialogs.show_info(self, "Survey imported", report.summary())
    self._after_write()


LISTED = 15  # months named one by one before "… and N more"


def _replace_months(page: KpisPage, intro: str, months: list[str], theirs: str) -> bool:
    """Ask whether months that already have a value take the imported ones (True) or are
    kept (Keep Mine: only the other months are imported)."""
    more = len(months) - LISTED
    return dialogs.confirm(
        page,
        "Replace existing values?",
        "\n".join([intro, *(f"• {m}" for m in months[:LISTED])])
        + (f"\n… and {more} more" if more > 0 else "")
        + f"\n\nReplace them with {theirs}? Keep Mine imports only the other months.",
        "Replace",
        cancel_label="Keep Mine",
        destructive=True,
    )
