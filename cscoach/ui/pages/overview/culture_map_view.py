"""The culture map: each core value with the standards, hiring criteria and KPIs that serve
it, the gaps, what customers said of those standards, and what is linked to no value at
all."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import culture_map as cm
from cscoach.model.workbook import Workbook
from cscoach.ui.widgets import EmptyState, action_button, plain_label, scroll_area, set_role

TAB_MARGINS = (10, 6, 10, 10)  # inside each Overview tab
# (heading, the page where its links are made, the gap it shows, its share of the width)
COLUMNS = (
    ("Core value", "philosophy", None, 2),
    ("Standards", "standards", cm.GAP_STANDARD, 4),
    ("Hiring criteria", "hiring", cm.GAP_CRITERION, 3),
    ("KPIs", "kpis", cm.GAP_KPI, 3),
    ("Customers said", "feedback", None, 2),
)
FEEDBACK_COLUMN = 4
PAGE_NAMES = {
    "philosophy": "Philosophy, where the core values are written",
    "standards": "Standards, where each standard names the values it serves",
    "hiring": "Hiring, where each criterion names the values it looks for",
    "kpis": "KPIs, where each KPI names the values it shows",
    "feedback": "Feedback, where each item names the standards it concerns",
}
NOT_MEASURED = "(no recent figures)"
UNTRAINED = "(no one trained)"  # a standard no one on the team has been trained on
# The cells are styled by the app's style sheet (#cultureMapMatrix, #mapCell, #mapHeader,
# the "gap" property) and their lines by role: one style sheet instead of one per label.


def gap_text(row: cm.ValueRow) -> str:
    """ "⚠ Gap: no standard, no measured KPI" ("" when nothing is missing)."""
    return f"⚠ Gap: {', '.join(row.gaps)}" if row.gaps else ""


def link_text(link: cm.Link, kpi: bool = False) -> str:
    return f"{link.name} {NOT_MEASURED}" if kpi and not link.measured else link.name


def said_lines(row: cm.ValueRow) -> list[str]:
    """What customers said of the value's standards: "2 compliments", "1 complaint"."""
    if not row.standards:
        return []
    lines = [
        f"{len(ids)} {word}{'' if len(ids) == 1 else 's'}"
        for ids, word in ((row.praise, "compliment"), (row.complaints, "complaint"))
        if ids
    ]
    return lines or [f"Nothing in the last {cm.FEEDBACK_WITHIN_MONTHS} months"]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class MapCell(QFrame):
    """One cell of the map: a few lines of plain text, optionally marked as a gap."""

    def __init__(self, gap: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapCell")
        self.setProperty("gap", gap)
        self.lines: list[str] = []
        self.cell_layout = QVBoxLayout(self)
        self.cell_layout.setContentsMargins(10, 8, 10, 8)
        self.cell_layout.setSpacing(3)

    def add_line(self, text: str, *, bullet: bool = False, role: str = "") -> QLabel:
        """Add a line of text; ``role`` colours it (``strong``, ``hint``, ``attention``…)."""
        self.lines.append(text)
        label = plain_label(text, role=role)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if not bullet:
            self.cell_layout.addWidget(label)
            return label
        row = QHBoxLayout()  # a hanging bullet: wrapped lines stay clear of it
        row.setSpacing(6)
        dot = plain_label("•", role="hint")
        row.addWidget(dot, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(label, 1)
        self.cell_layout.addLayout(row)
        return label

    def text(self) -> str:
        return "\n".join(self.lines)


class CultureMapView(QWidget):
    """The culture map as a matrix: values down the side, what serves each across."""

    open_requested = Signal(str)

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("cultureMapView")
        self.wb = wb
        self.today = today
        self.map: cm.CultureMap | None = None
        self.cells: dict[tuple[int, int], MapCell] = {}

        self.summary = plain_label(object_name="cultureMapSummary")
        self.summary.setWordWrap(True)
        self.print_button = QPushButton("Print Culture Map…")
        self.print_button.setObjectName("printCultureMap")
        self.print_button.setToolTip("The culture map on one page, to pin up or discuss")
        self.print_button.clicked.connect(self.print_map)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)

        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(0)
        for column, (heading, page, _gap, stretch) in enumerate(COLUMNS):
            self.grid.addWidget(self._header(heading, page), 0, column)
            self.grid.setColumnStretch(column, stretch)
        matrix = QFrame()
        matrix.setObjectName("cultureMapMatrix")
        matrix_layout = QVBoxLayout(matrix)
        matrix_layout.setContentsMargins(0, 0, 0, 0)
        matrix_layout.setSpacing(0)
        matrix_layout.addLayout(self.grid)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(matrix)
        holder_layout.addStretch(1)
        self.scroll_area = scroll_area(holder, object_name="cultureMapScroll")

        hint = plain_label(
            "A value has a gap when no standard serves it, no hiring criterion looks for it, "
            "or no KPI that shows it has figures from the last "
            f"{cm.MEASURED_WITHIN_MONTHS} months. Make the links on the pages named in the "
            "headings. Customers said: the compliments and complaints of the last "
            f"{cm.FEEDBACK_WITHIN_MONTHS} months that name one of the value's standards.",
            role="hint",
        )
        hint.setWordWrap(True)

        self.loose_heading = plain_label("Not linked to any value", object_name="unanchoredHeading")
        self.loose_heading.setProperty("role", "strong")
        self.loose_text = plain_label(object_name="unanchoredText")
        self.loose_text.setWordWrap(True)
        self.loose_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        map_view = QWidget()
        layout = QVBoxLayout(map_view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(hint)
        layout.addSpacing(2)
        layout.addWidget(self.loose_heading)
        layout.addWidget(self.loose_text)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty())
        self.stack.addWidget(map_view)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(*TAB_MARGINS)
        outer.addWidget(self.stack)

    def _header(self, heading: str, page: str) -> QFrame:
        """A column heading that is also the link to the page where its links are made."""
        frame = QFrame()
        frame.setObjectName("mapHeader")
        link = QPushButton(f"{heading} ›")
        link.setObjectName(f"mapOpen_{page}")
        link.setProperty("role", "link")
        link.setStyleSheet("font-weight: 600;")
        link.setCursor(Qt.CursorShape.PointingHandCursor)
        link.setToolTip(f"Open {PAGE_NAMES[page]}")
        link.clicked.connect(lambda _checked=False, key=page: self.open_requested.emit(key))
        layout = QHBoxLayout(frame)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(link)
        layout.addStretch(1)
        return frame

    def _build_empty(self) -> QWidget:
        self.empty_button = action_button(
            "Write Your Core Values ›",
            "open_philosophy",
            lambda: self.open_requested.emit("philosophy"),
        )
        empty = EmptyState(
            "No core values yet.\n\nWrite your core values on the Philosophy page: a short "
            "name and what it means. The culture map then shows, for each value, the "
            "standards, hiring criteria and KPIs that serve it, and where something is "
            "missing.",
            self.empty_button,
        )
        empty.text_label.setObjectName("cultureMapEmpty")
        return empty

    # -- showing -------------------------------------------------------------------

    @property
    def empty(self) -> bool:
        return self.stack.currentIndex() == 0

    def row_count(self) -> int:
        return len(self.map.values) if self.map else 0

    def cell_text(self, row: int, column: int) -> str:
        """The text of one cell (row 0 is the first value), one line per item."""
        return self.cells[(row, column)].text()

    def reload(self) -> None:
        self.map = cm.culture_map(self.wb, self.today)
        self._clear_cells()
        if not self.map.values:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        gaps = [row for row in self.map.values if row.gaps]
        values = len(self.map.values)
        noun = "core value" if values == 1 else "core values"
        if gaps:
            which = "value has" if len(gaps) == 1 else "values have"
            self.summary.setText(
                f"{values} {noun}. ⚠ {len(gaps)} {which} a gap: nothing yet makes it real "
                "in one of the columns."
            )
        else:
            self.summary.setText(
                f"{values} {noun}, each served by a standard, a hiring criterion and a "
                "measured KPI."
            )
        for index, row in enumerate(self.map.values):
            self._add_row(index, row)
        self._fill_unanchored(self.map)

    def _clear_cells(self) -> None:
        for cell in self.cells.values():
            self.grid.removeWidget(cell)
            cell.deleteLater()
        self.cells = {}

    def _add_row(self, index: int, row: cm.ValueRow) -> None:
        grid_row = index + 1  # below the headings
        value = MapCell(bool(row.gaps))
        value.setToolTip(row.meaning or row.name)
        value.add_line(row.name, role="strong").setToolTip(row.meaning or row.name)
        if row.gaps:
            value.add_line(gap_text(row), role="attentionStrong")
        value.cell_layout.addStretch(1)
        self.grid.addWidget(value, grid_row, 0)
        self.cells[(index, 0)] = value
        columns = ((row.standards, False), (row.criteria, False), (row.kpis, True))
        for column, (links, kpi) in enumerate(columns, start=1):
            gap = COLUMNS[column][2]
            cell = MapCell(gap in row.gaps)
            for link in links:
                muted = kpi and not link.measured
                untrained = column == 1 and link.id in row.untrained
                text = link_text(link, kpi) + (f" {UNTRAINED}" if untrained else "")
                line = cell.add_line(text, bullet=True, role="hint" if muted else "")
                if untrained:
                    line.setToolTip("No one on the team has been trained on it yet (Training)")
            if gap in row.gaps:
                cell.add_line(f"⚠ {_sentence(str(gap))}", role="attention")
                cell.setToolTip(f"Gap: {gap} for “{row.name}”")
            elif not links:
                cell.add_line("—", role="hint")
            cell.cell_layout.addStretch(1)
            self.grid.addWidget(cell, grid_row, column)
            self.cells[(index, column)] = cell
        self._add_said(index, row)

    def _add_said(self, index: int, row: cm.ValueRow) -> None:
        """The compliments and complaints naming the value's standards."""
        cell = MapCell()
        lines = said_lines(row)
        for line in lines:
            cell.add_line(line, role="" if row.praise or row.complaints else "hint")
        if not lines:
            cell.add_line("—", role="hint")
        cell.setToolTip(
            f"Compliments and complaints of the last {cm.FEEDBACK_WITHIN_MONTHS} months "
            f"naming a standard that serves “{row.name}”"
        )
        cell.cell_layout.addStretch(1)
        self.grid.addWidget(cell, index + 1, FEEDBACK_COLUMN)
        self.cells[(index, FEEDBACK_COLUMN)] = cell

    def _fill_unanchored(self, cmap: cm.CultureMap) -> None:
        parts = []
        if cmap.unanchored_standards:
            names = "  ·  ".join(s.name for s in cmap.unanchored_standards)
            parts.append(f"Standards: {names}")
        if cmap.unanchored_criteria:
            names = "  ·  ".join(c.name for c in cmap.unanchored_criteria)
            parts.append(f"Hiring criteria: {names}")
        if parts:
            parts.append("Link each to the value it serves, or retire it.")
            self.loose_text.setText("\n".join(parts))
        else:
            self.loose_text.setText("Every standard and hiring criterion serves a value.")
        set_role(self.loose_text, "attention" if parts else "hint")

    def print_map(self) -> None:
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui import print_preview

        request = PrintRequest("culture-map", today=self.today)
        print_preview.preview(self, self.wb, request, "Culture map", "culture-map.pdf")
