"""The KPI page's own dialogs: entry from counts, a KPI's definition, a target change and
the survey import's column picker.

Each dialog calls the model itself when OK is pressed and shows a ``ValidationError`` under
the field it names, staying open, so the rule lives only in the model. The page opens them
through ``run`` so tests can stand in for the modal ``exec()``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import kpi_counts, kpi_entries, kpis
from cscoach.model import survey_import as si
from cscoach.model.errors import ValidationError
from cscoach.model.months import current_month, month_label
from cscoach.model.number_format import format_number, format_plain, format_value, plural
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.record_fields import with_error
from cscoach.ui.widgets import busy_cursor, error_label, plain_label, show_message

NBSP = "\u00a0"  # a space a line is never broken at


def run(dialog: QDialog) -> bool:
    """Show a dialog modally; True when accepted. Tests replace this."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def _buttons(dialog: QDialog, ok_label: str) -> QDialogButtonBox:
    return dialogs.ok_cancel(dialog, ok_label)[0]


def _text(value: float | int) -> str:
    return format_plain(value).replace("−", "-")


# -- entry from counts ------------------------------------------------------------


class CountsDialog(QDialog):
    """Enter a starter KPI from counts; the formula is shown with the real numbers as they
    are typed."""

    def __init__(
        self,
        wb: Workbook,
        kpi: kpis.Kpi,
        month: str,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("countsDialog")
        self.wb, self.kpi, self.month, self.today = wb, kpi, month, today
        self.result_value: kpi_counts.Computation | None = None
        self.setWindowTitle(f"{kpi.name} from Counts")
        entry = kpi_entries.get_entry(wb, kpi.id, month)
        counts = (entry.counts or {}) if entry else {}
        heading = plain_label(f"{kpi.name} — {month_label(month)}", object_name="formTitle")
        heading.setWordWrap(True)
        words = plain_label(
            f"{kpi.name} = {kpi_counts.FORMULA_WORDS[kpi.key or '']}", object_name="formulaWords"
        )
        words.setWordWrap(True)
        words.setProperty("role", "hint")
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        for field, label, whole in kpi_counts.COUNT_FIELDS[kpi.key or ""]:
            edit = QLineEdit(_text(counts[field]) if field in counts else "")
            edit.setObjectName(f"count_{field}")
            edit.setPlaceholderText("a whole number" if whole else "hours, e.g. 130.5")
            edit.textChanged.connect(self.update_formula)
            self.edits[field] = edit
            self.errors[field] = error_label(f"count_{field}Error")
            form.addRow(label, with_error(edit, self.errors[field]))
        self.note = QPlainTextEdit(entry.note if entry else "")
        self.note.setObjectName("countsNote")
        self.note.setPlaceholderText("What happened this month (optional)")
        self.note.setMinimumHeight(64)
        self.note.setMaximumHeight(90)
        self.errors["note"] = error_label("countsNoteError")
        form.addRow("Note", with_error(self.note, self.errors["note"]))
        self.formula = plain_label(object_name="formulaLabel")
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # boxed by the app's style sheet (#formulaLabel)
        self.formula_error = error_label("formulaError")
        self.form_error = error_label("countsFormError")
        self.existing = plain_label(object_name="countsExisting", role="hint")
        self.existing.setWordWrap(True)
        if entry is not None:
            self.existing.setText(
                f"Replaces the value there now: {format_value(entry.value, kpi.unit)}."
            )
        self.existing.setVisible(entry is not None)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(words)
        layout.addLayout(form)
        layout.addWidget(self.formula)
        layout.addWidget(self.formula_error)
        layout.addWidget(self.existing)
        layout.addWidget(self.form_error)
        layout.addWidget(_buttons(self, "Save"))
        self.update_formula()
        self.setMinimumWidth(500)
        self.adjustSize()
        label_form_fields(self)

    def counts(self) -> dict[str, str]:
        return {field: edit.text() for field, edit in self.edits.items()}

    def update_formula(self) -> None:
        """Show the formula with the numbers typed so far (or what is still wrong)."""
        if not any(text.strip() for text in self.counts().values()):
            self.formula.setText("Type the counts to see the result.")
            show_message(self.formula_error, "")
            return
        try:
            result = kpi_counts.compute(self.kpi.key or "", self.counts())
        except ValidationError as exc:
            self.formula.setText(f"{self.kpi.name} = …")
            show_message(self.formula_error, exc.message)
            return
        unit = self.kpi.unit if self.kpi.unit not in ("", "score") else ""
        # the unit on the number's line, never alone on the next ("= 86.1" / "%")
        text = f"{self.kpi.name} = {result.worked}{NBSP + unit if unit else ''}"
        if result.detail:
            text += f"\n{result.detail}"
        self.formula.setText(text)
        show_message(self.formula_error, "")
        self._grow()

    def _grow(self) -> None:
        """Taller when the result takes more lines, so the note keeps its room."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        wanted = self.sizeHint().height()
        if self.isVisible() and wanted > self.height():
            self.resize(self.width(), wanted)

    def accept(self) -> None:
        for label in self.errors.values():
            show_message(label, "")
        show_message(self.form_error, "")
        try:
            self.result_value = kpi_entries.set_entry_from_counts(
                self.wb,
                self.kpi.id,
                self.month,
                self.counts(),
                self.note.toPlainText(),
                today=self.today,
            )
        except ValidationError as exc:
            show_message(self.errors.get(exc.field, self.form_error), exc.message)
            return
        super().accept()


# -- a KPI's definition -------------------------------------------------------------


class KpiDialog(QDialog):
    """Add the owner's own KPI, or change a KPI's name, unit, range and direction."""

    def __init__(self, wb: Workbook, kpi: kpis.Kpi | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiDialog")
        self.wb, self.kpi = wb, kpi
        self.kpi_id: int | None = kpi.id if kpi else None
        self.setWindowTitle(f"Edit {kpi.name}" if kpi else "New KPI")
        self.name = QLineEdit(kpi.name if kpi else "")
        self.name.setObjectName("kpiName")
        self.name.setPlaceholderText("for example: Google review rating")
        self.unit = QLineEdit(kpi.unit if kpi else "")
        self.unit.setObjectName("kpiUnit")
        self.unit.setPlaceholderText("%, hours, stars, score … (optional)")
        self.min_value = QLineEdit(format_plain(kpi.min_value) if kpi else "")
        self.min_value.setObjectName("kpiMin")
        self.min_value.setPlaceholderText("no lower limit")
        self.max_value = QLineEdit(format_plain(kpi.max_value) if kpi else "")
        self.max_value.setObjectName("kpiMax")
        self.max_value.setPlaceholderText("no upper limit")
        for edit in (self.min_value, self.max_value):
            edit.setText(edit.text().replace("−", "-"))
        self.direction = QComboBox()
        self.direction.setObjectName("kpiDirection")
        self.direction.addItem("Higher is better", True)
        self.direction.addItem("Lower is better", False)
        self.direction.setCurrentIndex(0 if kpi is None or kpi.higher_is_better else 1)
        self.target = QLineEdit()
        self.target.setObjectName("kpiTarget")
        self.target.setPlaceholderText("the value you aim for each month")
        self.description = QPlainTextEdit(kpi.description if kpi else "")
        self.description.setObjectName("kpiDescription")
        self.description.setPlaceholderText("How it is measured (optional)")
        self.description.setFixedHeight(70)
        self.errors = {
            name: error_label(f"kpi_{name}Error")
            for name in ("name", "unit", "min_value", "max_value", "target", "description")
        }
        form = QFormLayout()
        form.addRow("Name", with_error(self.name, self.errors["name"]))
        form.addRow("Unit", with_error(self.unit, self.errors["unit"]))
        form.addRow("Lowest allowed", with_error(self.min_value, self.errors["min_value"]))
        form.addRow("Highest allowed", with_error(self.max_value, self.errors["max_value"]))
        form.addRow("Better when", self.direction)
        if kpi is None:
            form.addRow("Target", with_error(self.target, self.errors["target"]))
        else:
            self.target.hide()
        form.addRow("Description", with_error(self.description, self.errors["description"]))
        self.form_error = error_label("kpiFormError")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if kpi is not None:
            hint = plain_label(
                "To change the target, use Change Target: earlier months keep theirs.",
                role="hint",
            )
            hint.setWordWrap(True)
            layout.addWidget(hint)
        layout.addWidget(self.form_error)
        layout.addWidget(_buttons(self, "Save" if kpi else "Add KPI"))
        self.resize(460, self.sizeHint().height())
        label_form_fields(self)

    def values(self) -> kpis.KpiInput:
        return kpis.KpiInput(
            name=self.name.text(),
            unit=self.unit.text(),
            min_value=self.min_value.text(),
            max_value=self.max_value.text(),
            higher_is_better=bool(self.direction.currentData()),
            description=self.description.toPlainText(),
            active=self.kpi.active if self.kpi else True,
        )

    def accept(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            show_message(label, "")
        try:
            if self.kpi is None:
                self.kpi_id = kpis.add_kpi(self.wb, self.values(), self.target.text())
            else:
                kpis.update_kpi(self.wb, self.kpi.id, self.values())
        except ValidationError as exc:
            show_message(self.errors.get(exc.field, self.form_error), exc.message)
            return
        super().accept()


class TargetDialog(QDialog):
    """Change a KPI's target from a month on; earlier months keep the target they had."""

    def __init__(
        self, wb: Workbook, kpi: kpis.Kpi, parent=None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("targetDialog")
        self.wb, self.kpi, self.today = wb, kpi, today
        self.setWindowTitle(f"Change Target — {kpi.name}")
        now = current_month(today)
        self.target = QLineEdit(_text(kpi.target) if kpi.target is not None else "")
        self.target.setObjectName("targetValue")
        self.from_month = QLineEdit(now)
        self.from_month.setObjectName("targetFromMonth")
        self.from_month.setPlaceholderText("YYYY-MM")
        self.always = QCheckBox("This has always been the target (correct the first target)")
        self.always.setObjectName("targetAlways")
        self.always.toggled.connect(lambda on: self.from_month.setEnabled(not on))
        self.errors = {
            "target": error_label("targetValueError"),
            "from_month": error_label("targetFromMonthError"),
        }
        direction = "or more" if kpi.higher_is_better else "or less"
        form = QFormLayout()
        form.addRow(f"Target ({direction})", with_error(self.target, self.errors["target"]))
        form.addRow("From month", with_error(self.from_month, self.errors["from_month"]))
        form.addRow("", self.always)
        hint = plain_label(
            "The new target holds from that month until the next change. Months before it "
            "keep the target they had, so old charts and reviews do not change.",
            role="hint",
        )
        hint.setWordWrap(True)
        self.form_error = error_label("targetFormError")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.form_error)
        layout.addWidget(_buttons(self, "Change Target"))
        self.resize(440, self.sizeHint().height())
        label_form_fields(self)

    def accept(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            show_message(label, "")
        try:
            if self.always.isChecked():
                kpis.set_first_target(self.wb, self.kpi.id, self.target.text())
            else:
                kpis.set_target(
                    self.wb,
                    self.kpi.id,
                    self.target.text(),
                    self.from_month.text(),
                    today=self.today,
                )
        except ValidationError as exc:
            show_message(self.errors.get(exc.field, self.form_error), exc.message)
            return
        super().accept()


# -- survey import ----------------------------------------------------------------------

_ORDERS = (
    ("Work it out from the dates", None),
    ("month/day/year", False),
    ("day/month/year", True),
)


class SurveyDialog(QDialog):
    """Choose the survey's date, 0–10 and 1–5 columns, with a live preview of the months.

    The columns start as the headings point to them (``survey_columns``: never guessed
    from the look of the answers); a line per purpose says which column is read and why,
    or what CS Coach was unsure of, and the owner changes any of them in its drop-down."""

    def __init__(
        self,
        wb: Workbook,
        table: si.SurveyTable,
        parent: QWidget | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("surveyDialog")
        self.wb, self.table, self.today = wb, table, today
        self.analysis: si.SurveyAnalysis | None = None
        self.setWindowTitle("Import Survey Responses")
        intro = plain_label(
            f"{table.name}: {plural(len(table.rows), 'response')}, "
            f"{plural(len(table.headers), 'column')}. "
            "Choose the columns to read; CS Coach works out NPS and CSAT for each month.",
            role="hint",
        )
        intro.setWordWrap(True)
        with busy_cursor():
            self.guess = si.guess_columns(table)
        date, nps, csat = self.guess.indexes
        if self.guess.rating_doubts():
            nps = csat = None  # unsure of one: the owner chooses both
        self.date_combo = self._combo("surveyDate", date, none_label="(choose a column)")
        self.nps_combo = self._combo("surveyNps", nps)
        self.csat_combo = self._combo("surveyCsat", csat)
        self.order_combo = QComboBox()
        self.order_combo.setObjectName("surveyDateOrder")
        for label, value in _ORDERS:
            self.order_combo.addItem(label, value)
        self.order_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        form = QFormLayout()
        form.addRow("Date of each response", self.date_combo)
        form.addRow("Dates are written", self.order_combo)
        form.addRow("“Would you recommend us?” (0–10)", self.nps_combo)
        form.addRow("Satisfaction (1–5)", self.csat_combo)
        self.chosen = plain_label(object_name="surveyChosen", role="hint")
        self.chosen.setWordWrap(True)
        self.error = error_label("surveyError")
        self.preview = QTableWidget(0, 5)
        self.preview.setObjectName("surveyPreview")
        self.preview.setHorizontalHeaderLabels(
            ["Month", "KPI", "Result", "Answers", "What happens"]
        )
        self.preview.verticalHeader().hide()
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.preview.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.skipped = plain_label(object_name="surveySkipped", role="hint")
        self.skipped.setWordWrap(True)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        buttons, self.import_button = dialogs.ok_cancel(self, "Import")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.chosen)
        layout.addWidget(self.error)
        layout.addWidget(line)
        layout.addWidget(plain_label("What will be stored", object_name="formTitle"))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.skipped)
        layout.addWidget(buttons)
        self.resize(760, 600)
        self.refresh()
        label_form_fields(self)

    def _combo(self, name: str, index: int | None, *, none_label: str = "(none)") -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setMinimumContentsLength(30)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.addItem(none_label, None)
        for n, header in enumerate(self.table.headers):
            text = " ".join(header.split())
            combo.addItem(text, n)
            combo.setItemData(n + 1, text, Qt.ItemDataRole.ToolTipRole)
        combo.setCurrentIndex(combo.findData(index) if index is not None else 0)
        combo.currentIndexChanged.connect(lambda _i: self.refresh())
        return combo

    def chosen_text(self) -> str:
        """A line per purpose: the column read and why, or why none was chosen."""
        picks = (
            ("Date", self.date_combo, self.guess.date),
            ("NPS", self.nps_combo, self.guess.nps),
            ("CSAT", self.csat_combo, self.guess.csat),
        )
        rating_doubts = dict(self.guess.rating_doubts())
        lines = []
        for label, combo, pick in picks:
            index = combo.currentData()
            if index is not None:
                why = pick.reason if index == pick.index and pick.reason else "chosen by you"
                lines.append(f"{label}: “{si.heading(self.table.headers[index])}”, {why}.")
                continue
            doubt = rating_doubts.get(pick.purpose) or pick.doubt
            if doubt:
                advice = (
                    "Choose the right one above" if pick.tie else "Choose it above if it is there"
                )
                lines.append(f"{label}: not chosen, {doubt}. {advice}.")
            elif label == "Date":
                lines.append("Date: choose the column with the date of each response.")
        return "\n".join(lines)

    def choose(
        self, *, date: int | None = None, nps: int | None = -1, csat: int | None = -1
    ) -> None:
        """Pick columns by index (None: "(none)"; -1: leave as it is)."""
        if date is not None:
            self.date_combo.setCurrentIndex(self.date_combo.findData(date))
        if nps != -1:
            self.nps_combo.setCurrentIndex(self.nps_combo.findData(nps))
        if csat != -1:
            self.csat_combo.setCurrentIndex(self.csat_combo.findData(csat))

    def refresh(self) -> None:
        """Analyse with the chosen columns and show the months (nothing is written)."""
        self.analysis = None
        self.preview.setRowCount(0)
        self.chosen.setText(self.chosen_text())
        try:
            with busy_cursor():
                analysis = si.analyse_survey(
                    self.table,
                    date_column=self.date_combo.currentData(),
                    nps_column=self.nps_combo.currentData(),
                    csat_column=self.csat_combo.currentData(),
                    day_first=self.order_combo.currentData(),
                    today=self.today,
                )
        except ValidationError as exc:
            show_message(self.error, exc.message)
            self.skipped.setText("")
            self.import_button.setEnabled(False)
            return
        show_message(self.error, "")
        planned = si.plan_survey(self.wb, analysis)
        words = {
            si.STORED: "stored (no value yet)",
            si.KEPT: "already has {existing}: you choose after Import",
            si.UNCHANGED: "already there, the same",
        }
        self.preview.setRowCount(len(planned))
        for row, item in enumerate(planned):
            action = words.get(item.action, item.action).format(
                existing=format_number(item.existing)
            )
            for column, text in enumerate(
                (
                    month_label(item.month, short=True),
                    "NPS" if item.key == "nps" else "CSAT",
                    format_number(item.value),
                    str(item.responses),
                    action,
                )
            ):
                cell = QTableWidgetItem(text)
                self.preview.setItem(row, column, cell)
        lines = []
        if analysis.skipped:
            lines.append(
                "Skipped: "
                + "; ".join(
                    f"{count} {reason}" for reason, count in sorted(analysis.skipped.items())
                )
                + "."
            )
        if analysis.date_note:
            lines.append(analysis.date_note)
        if not planned:
            lines.append("No month has answers to store with these columns.")
        self.skipped.setText("\n".join(lines))
        self.analysis = analysis
        self.import_button.setEnabled(bool(planned))

    def accept(self) -> None:
        if self.analysis is None:
            return
        super().accept()
