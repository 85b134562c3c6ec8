"""The Philosophy page's Core Values tab: a few short values, each with what it means in
practice, that standards, hiring criteria and KPIs link to.

A list + form on the shared ``RecordEditor``: its columns, its fields, its model calls."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import philosophy as ph
from cscoach.model.number_format import plural
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs
from cscoach.ui.record_editor import RecordEditor, run_write
from cscoach.ui.record_fields import Field
from cscoach.ui.record_table import Column, RecordTableModel, record_list
from cscoach.ui.widgets import error_label, plain_label

READ_ONLY_TIP = "This workbook is open read-only: changes cannot be saved."


def values_of(value: ph.CoreValue | None) -> dict[str, object]:
    if value is None:
        return {"name": "", "meaning": ""}
    return {"name": value.name, "meaning": value.meaning}


def delete_question(value: ph.CoreValue, links: dict[str, int]) -> str:
    """The question asked before deleting ``value``: what goes with it."""
    linked = sum(links.values())
    detail = (
        f"{linked} link(s) from standards, hiring criteria and KPIs to it will be removed. "
        if linked
        else ""
    )
    return f"Delete the value “{value.name}”?\n\n{detail}Published versions keep their copy."


class ValuesTab(QWidget):
    """The core values in a list beside the form of the one picked. Every change is saved
    as it is made; a new value is added as soon as it has a name. ``changed`` after each
    write; ``open_culture_map(value id)`` asks for the culture map at a value."""

    changed = Signal()
    open_culture_map = Signal(int)

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        hint = QLabel(
            "A few short values, each with what it means in practice. Standards, hiring "
            "criteria and KPIs link to them, so keep the list short enough to remember."
        )
        hint.setWordWrap(True)
        self.model: RecordTableModel[ph.CoreValue] = RecordTableModel(
            [Column("Value", lambda v: v.name, tip=lambda v: v.meaning)], parent=self
        )
        self.value_list = record_list(self.model, "valueList")
        self.value_list.setAccessibleName("Core values")
        self.value_name = QLineEdit()
        self.value_name.setObjectName("valueName")
        self.value_name.setAccessibleName("Value name")
        self.value_name.setPlaceholderText("e.g. Own the problem")
        self.value_meaning = QPlainTextEdit()
        self.value_meaning.setObjectName("valueMeaning")
        self.value_meaning.setAccessibleName("What it means in practice")
        self.value_meaning.setTabChangesFocus(True)
        self.value_meaning.setFixedHeight(100)
        self.value_errors = {
            "name": error_label("fieldError"),
            "meaning": error_label("fieldError"),
        }
        self.form_error = error_label("fieldError")  # a refusal that names no field
        self.value_links = QLabel()
        self.value_links.setProperty("role", "hint")
        form = QFormLayout()
        form.addRow("Value", self.value_name)
        form.addRow("", self.value_errors["name"])
        form.addRow("What it means", self.value_meaning)
        form.addRow("", self.value_errors["meaning"])
        form.addRow("", self.value_links)
        self.culture_link = QPushButton("See everything that serves it on the culture map ›")
        self.culture_link.setObjectName("cultureMapLink")
        self.culture_link.setProperty("role", "link")
        self.culture_link.clicked.connect(self._open_culture_map)
        form.addRow("", self.culture_link)
        self.new_value_button = QPushButton("New Value")
        self.new_value_button.setObjectName("newValue")
        self.new_value_button.setToolTip("An empty form: the value is added as you type it")
        self.new_value_button.clicked.connect(self.new_value)
        self.value_status = autosave.status_label(
            "valueStatus", "Values are saved as you type them"
        )
        up = QPushButton("Move Up")
        up.clicked.connect(lambda: self.move_value(-1))
        down = QPushButton("Move Down")
        down.clicked.connect(lambda: self.move_value(1))
        self.delete_value_button = QPushButton("Delete")
        self.delete_value_button.setObjectName("deleteValue")
        self.delete_value_button.clicked.connect(self.delete_value)
        self.value_buttons = [self.new_value_button, up, down, self.delete_value_button]
        buttons = QHBoxLayout()
        for b in self.value_buttons:
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.value_status)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        self.form_title = plain_label(object_name="formTitle", wrap=True)
        right_layout.addWidget(self.form_title)
        right_layout.addLayout(form)
        right_layout.addWidget(self.form_error)
        right_layout.addLayout(buttons)
        right_layout.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(self.value_list)
        splitter.addWidget(right)
        splitter.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)

        self.editor = RecordEditor(
            self,
            table=self.value_list,
            model=self.model,
            fields=[
                Field.line("name", self.value_name, self.value_errors["name"]),
                Field.text("meaning", self.value_meaning, self.value_errors["meaning"]),
            ],
            read=lambda: ph.list_values(self.wb),
            values_of=values_of,
            save=self._save,
            title_of=lambda v: f"the core value “{str(v['name']).strip()}”",
            refused_new=lambda _name, why: f"The new core value could not be added: {why}",
            status=self.value_status,
            form_error=self.form_error,
            ready=lambda v: bool(str(v["name"]).strip() or str(v["meaning"]).strip()),
        )
        self.editor.loaded.connect(self._show_value_links)
        self.editor.saved.connect(self._on_saved)
        if wb.read_only:
            self.editor.set_read_only(READ_ONLY_TIP)
            for button in self.value_buttons:
                button.setEnabled(False)
                button.setToolTip(READ_ONLY_TIP)
        self.editor.start_new(focus=False, settle=False)  # the list is read by ``reload``

    @property
    def value_id(self) -> int | None:
        """The value in the form, or None while the form is for a new one."""
        return self.editor.current_id

    def reload(self) -> None:
        """Read the values again: the list, and the value in the form unless it holds a
        change not saved yet (typed: saved first; refused: kept with its message)."""
        self.editor.flush()
        self.editor.reload()

    def select(self, value_id: int) -> bool:
        """Show one value in the form (a link from another page)."""
        return self.editor.open(value_id)

    def _show_value_links(self) -> None:
        current = self.editor.current()
        self.form_title.setText(current.name if current is not None else "New value")
        if self.value_id is None:
            self.value_links.clear()
            self.culture_link.hide()
            return
        links = ph.value_links(self.wb, self.value_id)
        self.value_links.setText(
            f"Served by {plural(links['standards'], 'standard')}, "
            f"{plural(links['criteria'], 'hiring criterion', 'hiring criteria')} and "
            f"{plural(links['kpis'], 'KPI')}."
        )
        self.culture_link.show()

    def _open_culture_map(self) -> None:
        if self.value_id is not None:
            self.open_culture_map.emit(self.value_id)

    # -- saving ------------------------------------------------------------------

    def _save(self, value_id: int | None, v: dict[str, object]) -> int:
        name, meaning = str(v["name"]), str(v["meaning"])
        if value_id is None:
            return ph.add_value(self.wb, name, meaning)
        ph.update_value(self.wb, value_id, name, meaning)
        return value_id

    def _on_saved(self, added: bool) -> None:
        if added:
            self._show_value_links()
        self.changed.emit()

    # -- actions -----------------------------------------------------------------

    def new_value(self) -> None:
        """An empty form: the value is added as soon as it has a name."""
        self.editor.start_new()

    def move_value(self, step: int) -> None:
        value_id = self.value_id
        if value_id is None or self.wb.read_only or not self.editor.flush():
            return
        if run_write(self, "move this value", ph.move_value, self.wb, value_id, step):
            self.editor.reload(value_id)
            self.changed.emit()

    def delete_value(self) -> None:
        if self.value_id is None or self.wb.read_only:
            return
        self.editor.flush()  # a cancelled delete keeps what was typed
        value = next((v for v in ph.list_values(self.wb) if v.id == self.value_id), None)
        if value is None:
            return
        question = delete_question(value, ph.value_links(self.wb, value.id))
        if not dialogs.confirm(self, "Delete value", question, "Delete"):
            return
        if not run_write(self, "delete this value", ph.delete_value, self.wb, value.id):
            return
        self.editor.forget()
        self.editor.reload(None)
        self.editor.start_new(focus=False, settle=False)
        self.changed.emit()
