"""The KPI page's Definitions tab: the KPIs, their ranges and directions, and each one's
target history (add a KPI, edit it, change a target from a month on, retire)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import kpis
from cscoach.model.errors import CsCoachError
from cscoach.model.months import month_label
from cscoach.model.number_format import format_value
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.pages.kpis import dialogs as kpi_dialogs
from cscoach.ui.widgets import ToneItem, plain_label, text_side

COLUMNS = ("KPI", "Unit", "Allowed", "Better when", "Target now", "Values", "Status")


def _kept_values(count: int) -> str:
    """What the Retire question says of a KPI's values: kept for when it comes back."""
    if not count:
        return ""
    kept = "its value" if count == 1 else f"its {count} values"
    return f" The workbook keeps {kept}, ready for when you bring it back."


class DefinitionsTab(QWidget):
    changed = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None, *, today=None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiDefinitionsTab")
        self.wb = wb
        self.today: dt.date | None = today
        self.kpis: list[kpis.Kpi] = []
        self.stale = True  # read when first shown
        self._select_when_shown: int | None = None

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("kpiTable")
        self.table.setAccessibleName("KPI definitions")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selected)
        self.table.doubleClicked.connect(lambda _i: self.edit_kpi())

        def button(text: str, name: str, slot, tip: str = "") -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.setToolTip(tip)
            b.clicked.connect(slot)
            return b

        self.add_button = button(
            "Add KPI…", "addKpi", self.add_kpi, "Measure something of your own"
        )
        self.edit_button = button("Edit…", "editKpi", self.edit_kpi)
        self.target_button = button(
            "Change Target…", "changeTarget", self.change_target, "From a month on; history stays"
        )
        self.retire_button = button("Retire", "retireKpi", self.toggle_active)
        self.delete_button = button(
            "Delete", "deleteKpi", self.delete_kpi, "Only your own KPIs that have no values"
        )
        self.up_button = button("Move Up", "moveKpiUp", lambda: self.move_selected(-1))
        self.down_button = button("Move Down", "moveKpiDown", lambda: self.move_selected(1))
        bar = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.target_button, self.retire_button):
            bar.addWidget(b)
        bar.addStretch(1)
        for b in (self.up_button, self.down_button, self.delete_button):
            bar.addWidget(b)

        self.detail_title = plain_label(object_name="formTitle")
        self.description = plain_label(object_name="kpiDescriptionLabel", role="hint")
        self.description.setWordWrap(True)
        self.history = QListWidget()
        self.history.setObjectName("targetHistory")
        self.history.setAccessibleName("Target history")
        # As tall as its few changes (up to about five): the KPI table above takes the rest,
        # so a short window still shows the KPIs.
        self.history.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.history.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.history.setMinimumHeight(text_side(self.history, 3, 4))
        self.history.setMaximumHeight(text_side(self.history, 8, 4))
        self.remove_change_button = button(
            "Remove Change",
            "removeTargetChange",
            self.remove_change,
            "Undo a target change: the target before it holds on",
        )
        history_bar = QHBoxLayout()
        history_bar.addWidget(plain_label("Target history", role="hint"))
        history_bar.addStretch(1)
        history_bar.addWidget(self.remove_change_button)
        self.feedback = plain_label(object_name="definitionsFeedback", role="feedback")
        self.feedback.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        layout.addWidget(self.feedback)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.description)
        layout.addLayout(history_bar)
        layout.addWidget(self.history)
        self.reload()

    # -- data ----------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.stale:
            self.reload()

    def current(self) -> kpis.Kpi | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self.kpis[row] if 0 <= row < len(self.kpis) else None

    def select(self, kpi_id: int | None) -> None:
        for row, kpi in enumerate(self.kpis):
            if kpi.id == kpi_id:
                self.table.selectRow(row)
                return

    def reload(self, select_id: int | None = None) -> None:
        """Read the KPIs again, keeping (or making) ``select_id`` the selected one; read when
        the tab is next shown if it is hidden now."""
        if not self.isVisible():
            self.stale = True
            self._select_when_shown = select_id or self._select_when_shown
            return
        self.stale = False
        select_id, self._select_when_shown = select_id or self._select_when_shown, None
        current = self.current()
        keep = select_id if select_id is not None else (current.id if current else None)
        self.kpis = kpis.list_kpis(self.wb, today=self.today)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.kpis))
        for row, kpi in enumerate(self.kpis):
            cells = (
                kpi.name,
                kpi.unit or "—",
                kpi.range_text(),
                "higher" if kpi.higher_is_better else "lower",
                format_value(kpi.target, kpi.unit) if kpi.target is not None else "—",
                str(kpi.entries),
                "Active" if kpi.active else "Retired",
            )
            for column, text in enumerate(cells):
                item = ToneItem(text, foreground="" if kpi.active else "inactive")
                if column == 0 and kpi.description:
                    item.setToolTip(kpi.description)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.select(keep if keep is not None else (self.kpis[0].id if self.kpis else None))
        self._selected()

    def _selected(self) -> None:
        kpi = self.current()
        writable = not self.wb.read_only
        for b in (self.edit_button, self.target_button, self.retire_button):
            b.setEnabled(writable and kpi is not None)
        self.add_button.setEnabled(writable)
        self.up_button.setEnabled(writable and kpi is not None)
        self.down_button.setEnabled(writable and kpi is not None)
        self.delete_button.setEnabled(
            writable and kpi is not None and not kpi.starter and not kpi.entries
        )
        self.history.clear()
        if kpi is None:
            self.detail_title.setText("")
            self.description.setText("")
            self.remove_change_button.setEnabled(False)
            return
        self.retire_button.setText("Retire" if kpi.active else "Bring Back")
        self.detail_title.setText(
            f"{kpi.name} — {kpi.direction_text()}, allowed {kpi.range_text()}"
        )
        self.description.setText(kpi.description)
        self.description.setVisible(bool(kpi.description))
        for change in reversed(kpis.target_history(self.wb, kpi.id)):
            since = (
                "From the start"
                if change.from_month == kpis.FIRST_MONTH
                else f"From {month_label(change.from_month)}"
            )
            item = QListWidgetItem(f"{since}: {format_value(change.target, kpi.unit)}")
            item.setData(Qt.ItemDataRole.UserRole, change.from_month)
            self.history.addItem(item)
        self.remove_change_button.setEnabled(writable and self.history.count() > 1)

    # -- actions ---------------------------------------------------------------------

    def _done(self, message: str, kpi_id: int | None) -> None:
        self.reload(kpi_id)
        self.feedback.setText(message)
        self.changed.emit()

    def add_kpi(self) -> None:
        dialog = kpi_dialogs.KpiDialog(self.wb, None, self)
        if kpi_dialogs.run(dialog) and dialog.kpi_id is not None:
            name = kpis.get_kpi(self.wb, dialog.kpi_id).name
            self._done(f"{name} was added: enter its values in Monthly Figures.", dialog.kpi_id)

    def edit_kpi(self) -> None:
        kpi = self.current()
        if kpi is None or self.wb.read_only:
            return
        dialog = kpi_dialogs.KpiDialog(self.wb, kpi, self)
        if kpi_dialogs.run(dialog):
            self._done("Changes saved.", kpi.id)

    def change_target(self) -> None:
        kpi = self.current()
        if kpi is None:
            return
        dialog = kpi_dialogs.TargetDialog(self.wb, kpi, self, today=self.today)
        if kpi_dialogs.run(dialog):
            self._done("Target changed; earlier months keep the target they had.", kpi.id)

    def remove_change(self) -> None:
        kpi = self.current()
        item = self.history.currentItem()
        if kpi is None or item is None:
            return
        month = item.data(Qt.ItemDataRole.UserRole)
        try:
            kpis.remove_target_change(self.wb, kpi.id, month)
        except CsCoachError as exc:
            dialogs.show_error(self, "Cannot remove this target", exc.message)
            return
        self._done("Target change removed.", kpi.id)

    def toggle_active(self) -> None:
        kpi = self.current()
        if kpi is None:
            return
        if kpi.active and not dialogs.confirm(
            self,
            f"Retire {kpi.name}?",
            f"{kpi.name} leaves the grid, the charts and the monthly review."
            + _kept_values(kpi.entries),
            "Retire",
        ):
            return
        kpis.set_active(self.wb, kpi.id, not kpi.active)
        self._done(f"{kpi.name} is retired." if kpi.active else f"{kpi.name} is back.", kpi.id)

    def delete_kpi(self) -> None:
        kpi = self.current()
        if kpi is None:
            return
        if not dialogs.confirm(
            self,
            f"Delete {kpi.name}?",
            f"Delete {kpi.name}? It has no values.",
            "Delete",
            destructive=True,
        ):
            return
        try:
            kpis.delete_kpi(self.wb, kpi.id)
        except CsCoachError as exc:
            dialogs.show_error(self, "Cannot delete", exc.message)
            return
        self._done(f"{kpi.name} was deleted.", None)

    def move_selected(self, step: int) -> None:  # not "move": QWidget.move places the widget
        kpi = self.current()
        if kpi is None:
            return
        kpis.move_kpi(self.wb, kpi.id, step)
        self._done("", kpi.id)
