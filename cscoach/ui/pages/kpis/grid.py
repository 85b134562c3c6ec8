"""The KPI grid: months × KPIs, edited in place. A value is saved when its cell is left,
through the model, so a value the model refuses is never written; the grid says which cell
and why (``cell_failed``). Typing over a value worked out from counts asks first."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QWidget,
)

from cscoach.model import kpi_counts, kpi_entries, kpis
from cscoach.model.errors import CsCoachError, ValidationError
from cscoach.model.months import month_label
from cscoach.model.number_format import format_number, format_value
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs, style

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

NOTE_MARK = " ✎"
ON_MARK = "✓ "
OFF_MARK = "✗ "
HEADER_WRAP = 14  # characters per header line: four KPIs fit a 1024-pixel window


_READ_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDIT_FLAGS = _READ_FLAGS | Qt.ItemFlag.ItemIsEditable
_CELL_ROLES = frozenset(  # the roles a grid cell answers
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)


def wrap_to_width(text: str, room: int, width: Callable[[str], int]) -> str:
    """``text`` in lines of whole words each at most ``room`` wide (``width`` measures a
    text); a word wider than ``room`` on a line of its own."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and width(joined) <= room:
            lines[-1] = joined
        else:
            lines.append(word)
    return "\n".join(lines)


def target_line(kpi: kpis.Kpi, entry: kpi_entries.KpiEntry | None, target: float) -> str:
    """ "Target: 90 % — ✓ on target" (without the verdict when there is no value)."""
    line = f"Target: {format_value(target, kpi.unit)}"
    if entry is None:
        return line
    on = kpis.is_on_target(entry.value, target, kpi.higher_is_better)
    return line + (" — ✓ on target" if on else " — ✗ off target")


class KpiGridModel(QAbstractTableModel):
    """Months (newest first) × active KPIs. Editing a cell writes through the model."""

    cell_failed = Signal(str)  # the message to show under the grid
    cell_saved = Signal(int, str)  # kpi id, month

    def __init__(self, wb: Workbook, parent: QWidget | None = None, *, today=None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.today: dt.date | None = today
        self.kpis: list[kpis.Kpi] = []
        self.months: list[str] = []
        self.entries: dict[tuple[int, str], kpi_entries.KpiEntry] = {}
        self.targets: dict[tuple[int, str], float | None] = {}
        self.headers: list[str] = []
        self.header_wrap = HEADER_WRAP  # characters a heading line holds (wider: fewer lines)
        # or, once the grid is laid out, the pixels a heading line holds and how wide a
        # text is in the heading's font: each line as full as the column's width allows
        self.header_room: tuple[int, Callable[[str], int]] | None = None
        self.month_labels: list[str] = []

    def _wrap_headers(self) -> None:
        names = [
            f"{k.name}, {k.unit}" if k.unit and k.unit not in ("score", k.name) else k.name
            for k in self.kpis
        ]
        if self.header_room is not None:
            room, width = self.header_room
            self.headers = [wrap_to_width(name, room, width) for name in names]
        else:  # asked for at every paint: wrapped once here
            self.headers = [textwrap.fill(name, self.header_wrap) for name in names]

    def set_header_wrap(self, characters: int) -> None:
        """Wrap the headings at ``characters`` (before the grid knows its columns' width)."""
        characters = max(HEADER_WRAP, characters)
        if characters != self.header_wrap:
            self.header_wrap = characters
            self._wrap_headers()
            self._headers_changed()

    def set_header_room(self, pixels: int, width: Callable[[str], int]) -> None:
        """Wrap the headings to ``pixels`` as measured by ``width`` (the heading's bold
        font): on a wide screen a heading takes one line, on a laptop two, and a line is
        never wider than its column (cut off at both ends, as the centred text was)."""
        if self.header_room is not None and self.header_room[0] == pixels:
            return
        self.header_room = (pixels, width)
        before = self.headers
        self._wrap_headers()
        if self.headers != before:
            self._headers_changed()

    def _headers_changed(self) -> None:
        if self.kpis:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.kpis) - 1)

    def load(self, months: list[str]) -> None:
        self.beginResetModel()
        self.kpis = kpis.list_kpis(self.wb, include_retired=False, today=self.today)
        self.months = months
        self._wrap_headers()
        self.month_labels = [month_label(m, short=True) for m in months]
        oldest = months[-1] if months else None
        self.entries = {
            (e.kpi_id, e.month): e for e in kpi_entries.list_entries(self.wb, first=oldest)
        }
        self.targets = {}
        for kpi in self.kpis:
            found = kpis.targets_for(kpis.target_history(self.wb, kpi.id), months)
            for month, target in zip(months, found, strict=True):
                self.targets[(kpi.id, month)] = target
        self.endResetModel()

    def cell(self, index: ModelIndex) -> tuple[kpis.Kpi, str] | None:
        if not index.isValid():
            return None
        if not (0 <= index.row() < len(self.months) and 0 <= index.column() < len(self.kpis)):
            return None
        return self.kpis[index.column()], self.months[index.row()]

    def index_of(self, kpi_id: int, month: str) -> QModelIndex:
        for column, kpi in enumerate(self.kpis):
            if kpi.id == kpi_id and month in self.months:
                return self.index(self.months.index(month), column)
        return QModelIndex()

    # -- Qt overrides ------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.months)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.kpis)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.kpis):
            kpi = self.kpis[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return self.headers[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                target = format_value(kpi.target, kpi.unit)
                about = f"{kpi.description}\n\n" if kpi.description else ""
                return (
                    f"{about}{kpi.name}: allowed {kpi.range_text()}, {kpi.direction_text()}; "
                    f"target now {target}."
                )
        if (
            orientation == Qt.Orientation.Vertical
            and 0 <= section < len(self.months)
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return self.month_labels[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if self.cell(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return _READ_FLAGS if self.wb.read_only else _EDIT_FLAGS

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _CELL_ROLES:  # the view asks each cell for a dozen roles at each paint
            return None
        found = self.cell(index)
        if found is None:
            return None
        kpi, month = found
        entry = self.entries.get((kpi.id, month))
        target = self.targets.get((kpi.id, month))
        if role == Qt.ItemDataRole.DisplayRole:
            if entry is None:
                return ""
            mark = ""
            if target is not None:  # a symbol as well as the colour: never colour alone
                on = kpis.is_on_target(entry.value, target, kpi.higher_is_better)
                mark = ON_MARK if on else OFF_MARK
            return mark + format_number(entry.value) + (NOTE_MARK if entry.note else "")
        if role == Qt.ItemDataRole.EditRole:
            return format_number(entry.value).replace("−", "-") if entry else ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and entry is not None and target is not None:
            on = kpis.is_on_target(entry.value, target, kpi.higher_is_better)
            return style.qcolor("on_bg" if on else "off_bg")  # the palette in use now
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{kpi.name}, {month_label(month)}"]
            if entry is None:
                lines.append("No value yet.")
            else:
                lines.append(f"Value: {format_value(entry.value, kpi.unit)}")
            if target is not None:
                lines.append(target_line(kpi, entry, target))
            worked = kpi_counts.worked_out(kpi, entry)
            if worked:
                lines.append("From counts: " + worked)
            if entry is not None and entry.note:
                lines.append(f"Note: {entry.note}")
            return "\n".join(lines)
        return None

    def setData(  # noqa: N802
        self, index: ModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        found = self.cell(index)
        if found is None or role != Qt.ItemDataRole.EditRole or self.wb.read_only:
            return False
        kpi, month = found
        text = str(value if value is not None else "").strip()
        entry = self.entries.get((kpi.id, month))
        shown = self.data(index, Qt.ItemDataRole.EditRole)
        if text == shown:
            return True  # left unchanged: the unrounded value stays as it is
        where = f"{kpi.name}, {month_label(month)}"
        owner = self.parent()
        parent = owner if isinstance(owner, QWidget) else None
        try:
            if not text:
                if entry is None:
                    return True
                if (entry.note or entry.counts) and not dialogs.confirm(
                    parent,
                    "Clear this value?",
                    f"Clear {where}? Its note and counts go with it.",
                    "Clear",
                ):
                    return False
                with self.wb.undo_step(f"Clear {kpi.name} for {month_label(month)}"):
                    kpi_entries.clear_entry(self.wb, kpi.id, month)
            else:
                if entry is not None and entry.counts and kpi.from_counts:
                    worked = kpi_counts.worked_out(kpi, entry)
                    if worked and not dialogs.confirm(
                        parent,
                        "Replace a value worked out from counts?",
                        f"{where} is {shown}, worked out from counts ({worked}). Replace it "
                        f"with {text}? The counts behind it go.",
                        "Replace",
                    ):
                        return False
                with self.wb.undo_step(f"Change {kpi.name} for {month_label(month)}"):
                    kpi_entries.set_entry(self.wb, kpi.id, month, text, today=self.today)
        except ValidationError as exc:
            self.cell_failed.emit(f"{where}: {exc.message} The value was not saved.")
            return False
        except CsCoachError as exc:
            self.cell_failed.emit(f"{where}: {exc.message}")
            return False
        stored = kpi_entries.get_entry(self.wb, kpi.id, month)
        if stored is None:
            self.entries.pop((kpi.id, month), None)
        else:
            self.entries[(kpi.id, month)] = stored
        self.dataChanged.emit(index, index)
        self.cell_saved.emit(kpi.id, month)
        return True
