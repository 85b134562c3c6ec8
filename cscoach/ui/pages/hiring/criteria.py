"""The Criteria tab of the Hiring page: the qualities the business hires for, what to listen
for, the questions that bring them out, their weight and the values they serve."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import hiring as hr
from cscoach.model import philosophy as ph
from cscoach.model.hiring import Criterion
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.list_panel import list_form_splitter
from cscoach.ui.record_editor import READ_ONLY_TIP, RecordEditor, run_write
from cscoach.ui.record_fields import Field, with_error
from cscoach.ui.record_table import Column, ColumnFitter, RecordTableModel
from cscoach.ui.widgets import error_label, plain_label, record_table, scroll_area, text_width, vbox


def criterion_tip(criterion: Criterion) -> str:
    """What to look for and what to ask, as a tooltip (plain text)."""
    parts = [f"{criterion.quality} — weight {hr.WEIGHT_LABELS.get(criterion.weight, '')}"]
    if criterion.good_signs:
        parts.append(f"Look for: {criterion.good_signs}")
    if criterion.poor_signs:
        parts.append(f"Watch out for: {criterion.poor_signs}")
    parts += [f"Ask: {q}" for q in criterion.questions]
    return "\n\n".join(parts)


def _serves_tip(c: Criterion) -> str:
    return "Serves: " + ", ".join(c.values) if c.values else criterion_tip(c)


QUALITY, WEIGHT, SERVES, QUESTIONS, SCORED, STATUS = range(6)  # the columns of the table
COLUMNS: list[Column[Criterion]] = [
    Column("Quality", lambda c: c.quality, tip=criterion_tip),
    Column("Weight", lambda c: str(c.weight), tip=criterion_tip, right=True),
    Column("Serves", lambda c: ", ".join(c.values) or "—", tip=_serves_tip),
    Column("Questions", lambda c: str(len(c.questions)), tip=criterion_tip, right=True),
    Column(  # a count under its heading, as Questions: the values it serves get the room
        "Scored",
        lambda c: str(c.scored),
        tip=lambda c: f"{c.scored} candidate{'s' if c.scored != 1 else ''} scored on it",
        right=True,
    ),
    Column("Status", lambda c: "Active" if c.active else "Retired", tip=criterion_tip),
]


def criteria_table_model(parent: QWidget | None = None) -> RecordTableModel[Criterion]:
    """Hiring criteria as rows, in the owner's order; retired ones are greyed."""
    return RecordTableModel(COLUMNS, muted=lambda c: not c.active, parent=parent)


def values_of(c: Criterion | None) -> dict[str, Any]:
    if c is None:
        return {
            "quality": "",
            "good_signs": "",
            "poor_signs": "",
            "questions": (),
            "weight": 3,
            "values": (),
        }
    return {
        "quality": c.quality,
        "good_signs": c.good_signs,
        "poor_signs": c.poor_signs,
        "questions": tuple(c.questions),
        "weight": c.weight,
        "values": tuple(sorted(c.value_ids)),
    }


def delete_question(c: Criterion) -> str:
    return (
        f"Delete “{c.quality}” with its interview questions? No candidate was scored on "
        "it.\n\nEdit › Undo brings it back."
    )


class CriteriaPanel(QWidget):
    """The qualities to hire for: add, edit, reorder, retire, delete (if never scored).

    The form saves as the owner types (a pause, Enter, leaving a field, a choice), and
    before another criterion, tab or page is shown; a new criterion is added as soon as it
    has a quality and a question, and later edits change that same criterion."""

    changed = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.model = criteria_table_model(self)
        self.table = record_table(self.model, "criteriaTable")
        self.table.setAccessibleName("Hiring criteria")
        # The quality takes the room left: on a small screen the values it serves and the
        # counts give way to it, down to their headings (in full in their tooltips).
        self.fitter = ColumnFitter(
            self.table,
            self.model.row_texts,
            QUALITY,
            widest=text_width(self.table, 44),
            least=15,
            most=76,  # with the form at its narrowest, in a window 1024 pixels wide
            want=42,  # "Genuine desire to solve problems" whole where there is room
            squeeze=(SERVES,),
        )
        self._build_form()
        self._build_layout()
        self.editor = RecordEditor(
            self,
            table=self.table,
            model=self.model,
            fields=[
                Field.line("quality", self.quality_edit, self.errors["quality"]),
                Field.text("good_signs", self.good_edit, self.errors["good_signs"]),
                Field.text("poor_signs", self.poor_edit, self.errors["poor_signs"]),
                Field(
                    "questions",
                    self.questions_edit,
                    self._questions,
                    self._put_questions,
                    self.errors["questions"],
                    typed=True,
                ),
                Field.choice("weight", self.weight_combo, self.errors["weight"]),
                Field.ticks("values", self.values_list, self.errors["values"]),
            ],
            read=lambda: hr.list_criteria(self.wb),
            values_of=values_of,
            save=self._save,
            title_of=lambda v: f"“{str(v['quality']).strip()}”",
            refused_new=lambda _name, why: f"The new hiring criterion could not be added: {why}",
            status=self.status,
            form_error=self.form_error,
        )
        self.editor.saved.connect(self._on_saved)
        self.editor.loaded.connect(self._on_loaded)
        self.editor.listed.connect(self._update_buttons)
        self.reload()
        self.start_new(settle=False)
        if wb.read_only:
            self._apply_read_only()
        label_form_fields(self)

    # -- building --------------------------------------------------------------

    def _text_edit(self, name: str, placeholder: str, height: int = 54) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(height)
        return edit

    def _button(self, label: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(label)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_form(self) -> None:
        self.quality_edit = QLineEdit()
        self.quality_edit.setObjectName("qualityEdit")
        self.quality_edit.setPlaceholderText("for example: Patience")
        self.good_edit = self._text_edit("goodSignsEdit", "What a strong answer sounds like")
        self.poor_edit = self._text_edit("poorSignsEdit", "What should make you hesitate")
        self.questions_edit = self._text_edit(
            "questionsEdit", "One interview question per line", height=76
        )
        self.weight_combo = QComboBox()
        self.weight_combo.setObjectName("weightCombo")
        for weight, label in hr.WEIGHT_LABELS.items():
            self.weight_combo.addItem(label, weight)
        self.values_list = QListWidget()
        self.values_list.setObjectName("valuesList")
        self.values_list.setMaximumHeight(90)
        self.values_hint = plain_label(
            "No core values yet: write them on the Philosophy page, then tick the ones this "
            "quality serves.",
            role="hint",
            wrap=True,
        )
        self.errors = {
            key: error_label(f"{key}Error")
            for key in ("quality", "good_signs", "poor_signs", "questions", "weight", "values")
        }
        self.form_error = error_label("criterionFormError")

        self.form = QFormLayout()
        form = self.form
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Quality", with_error(self.quality_edit, self.errors["quality"]))
        form.addRow("&Look for", with_error(self.good_edit, self.errors["good_signs"]))
        form.addRow("Watch &out for", with_error(self.poor_edit, self.errors["poor_signs"]))
        form.addRow("&Questions", with_error(self.questions_edit, self.errors["questions"]))
        form.addRow("&Weight", with_error(self.weight_combo, self.errors["weight"]))
        values_box = QWidget()
        values_layout = QVBoxLayout(values_box)
        values_layout.setContentsMargins(0, 0, 0, 0)
        values_layout.addWidget(self.values_list)
        values_layout.addWidget(self.values_hint)
        values_layout.addWidget(self.errors["values"])
        form.addRow("Serves", values_box)

        self.new_button = self._button("New Criterion", "newCriterionButton", self.start_new)
        self.status = autosave.status_label("criterionStatus", "Changes are saved as you type them")
        self.up_button = self._button(
            "Move Up", "criterionUpButton", lambda: self.move_criterion(-1)
        )
        self.down_button = self._button(
            "Move Down", "criterionDownButton", lambda: self.move_criterion(1)
        )
        self.retire_button = self._button("Retire", "retireCriterionButton", self.toggle_active)
        self.delete_button = self._button("Delete…", "deleteCriterionButton", self.delete)
        self.feedback_label = plain_label(object_name="criterionFeedback", role="feedback")
        self.feedback_label.setWordWrap(True)

    def _build_layout(self) -> None:
        row1 = QHBoxLayout()
        for b in (self.new_button, self.up_button, self.down_button):
            row1.addWidget(b)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.status)
        row2.addStretch(1)
        row2.addWidget(self.retire_button)
        row2.addWidget(self.delete_button)

        editor = QFrame()
        editor.setObjectName("detailPanel")
        editor_layout = QVBoxLayout(editor)
        self.form_title = plain_label(object_name="formTitle")
        editor_layout.addWidget(self.form_title)
        editor_layout.addLayout(self.form)
        editor_layout.addWidget(self.form_error)
        editor_layout.addLayout(row2)
        editor_layout.addWidget(self.feedback_label)
        editor_layout.addStretch(1)
        scroll = scroll_area(editor, least=50, sideways=True)  # at its narrowest form

        intro = plain_label(
            "The qualities you hire for, what to listen for, and the questions that bring "
            "them out. The weight (1–5) says how much each counts in a candidate's score.",
            role="hint",
        )
        intro.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(intro)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(row1)
        self.splitter = list_form_splitter(self, "criteriaSplitter", left, scroll, (100, 70))
        vbox(self.splitter, parent=self, margins=(0, 8, 0, 0))

    def _apply_read_only(self) -> None:
        self.editor.set_read_only(READ_ONLY_TIP)
        self._update_buttons()

    # -- the questions and the values to tick -------------------------------------

    def _questions(self) -> tuple[str, ...]:
        """The questions, one a line: blank lines and spaces around them do not count."""
        return tuple(hr.questions_from_text(self.questions_edit.toPlainText()))

    def _put_questions(self, questions: Any) -> None:
        if self._questions() != tuple(questions or ()):
            self.questions_edit.setPlainText("\n".join(questions or ()))

    def _list_values(self, ticked: set[int]) -> None:
        """The core values to tick, as the workbook holds them now (``editor.refill``)."""
        self.values_list.clear()
        values = ph.list_values(self.wb)
        for value in values:
            item = QListWidgetItem(value.name)
            item.setData(Qt.ItemDataRole.UserRole, value.id)
            item.setToolTip(value.meaning)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if value.id in ticked else Qt.CheckState.Unchecked
            )
            self.values_list.addItem(item)
        self.values_list.setVisible(bool(values))
        self.values_hint.setVisible(not values)

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        """Read the criteria and the core values again; the form too, unless it holds a
        change not saved yet."""
        ticked = set(self.editor.fields["values"].get())
        self.editor.refill(lambda: self._list_values(ticked))
        self.editor.reload()

    def current(self) -> Criterion | None:
        """The criterion in the form; None while the form is for a new one."""
        return self.editor.current()

    def _on_loaded(self) -> None:
        c = self.current()
        self.form_title.setText(c.quality if c is not None else "New criterion")
        self.feedback_label.setText("")
        self._update_buttons()

    def _update_buttons(self) -> None:
        c = self.current()
        editable = not self.wb.read_only
        self.retire_button.setText("Use Again" if c and not c.active else "Retire")
        self.retire_button.setToolTip(
            "Stop scoring and printing this quality; scores already given stay"
            if c is None or c.active
            else "Score and print this quality again"
        )
        for b in (self.up_button, self.down_button, self.retire_button):
            b.setEnabled(editable and c is not None)
        self.delete_button.setEnabled(editable and c is not None and c.scored == 0)
        self.delete_button.setToolTip(
            "Candidates were scored on this quality: retire it instead."
            if c is not None and c.scored
            else "Delete this criterion"
        )
        self.new_button.setEnabled(editable)
        if not editable:
            for w in (self.new_button, self.delete_button, self.retire_button):
                w.setToolTip(READ_ONLY_TIP)

    # -- writing ---------------------------------------------------------------

    def start_new(self, *, focus: bool = True, settle: bool = True) -> None:
        """An empty form for a new criterion (New Criterion)."""
        self.editor.start_new(focus=focus, settle=settle)

    def _save(self, criterion_id: int | None, v: dict[str, Any]) -> int:
        data = hr.CriterionInput(
            v["quality"], v["good_signs"], v["poor_signs"], v["questions"], v["weight"], v["values"]
        )
        if criterion_id is None:
            return hr.add_criterion(self.wb, data)
        hr.update_criterion(self.wb, criterion_id, data)
        return criterion_id

    def _on_saved(self, added: bool) -> None:
        quality = str(self.editor.loaded_values["quality"]).strip()
        self.form_title.setText(quality)
        if added:
            self.feedback_label.setText(f"“{quality}” was added; changes are saved as you type.")
        self.changed.emit()

    def flush(self) -> bool:
        return self.editor.flush()

    def save(self) -> bool:
        """Save the form now (Enter in the quality; otherwise done as the owner types)."""
        return self.editor.flush()

    def save_pending(self) -> str | None:
        return self.editor.save_pending()

    def move_criterion(self, step: int) -> None:
        """Move the criterion in the form up (``step`` -1) or down the list (Move Up/Down)."""
        criterion_id = self.editor.current_id
        if criterion_id is None or self.wb.read_only or not self.editor.flush():
            return
        if run_write(self, "move the criterion", hr.move_criterion, self.wb, criterion_id, step):
            self.editor.reload(criterion_id)
            self.changed.emit()

    def toggle_active(self) -> None:
        c = self.current()
        if c is None or self.wb.read_only or not self.editor.flush():
            return
        action = "retire the criterion" if c.active else "use the criterion again"
        if not run_write(self, action, hr.set_criterion_active, self.wb, c.id, not c.active):
            return
        self.editor.reload(c.id)
        self.feedback_label.setText(
            f"“{c.quality}” is retired: it is no longer scored or printed; scores already "
            "given stay."
            if c.active
            else f"“{c.quality}” is in use again."
        )
        self.changed.emit()

    def delete(self) -> None:
        c = self.current()
        if c is None or self.wb.read_only:
            return
        self.editor.flush()  # a cancelled delete keeps what was typed
        if not dialogs.confirm(
            self, "Delete criterion?", delete_question(c), "Delete", destructive=True
        ):
            return
        if not run_write(self, "delete the criterion", hr.delete_criterion, self.wb, c.id):
            return
        self.editor.forget()
        self.editor.reload(None)
        self.start_new(settle=False)
        self.feedback_label.setText(f"“{c.quality}” was deleted.")
        self.changed.emit()
