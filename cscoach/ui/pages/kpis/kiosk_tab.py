"""The KPI page's Kiosk tab: the counter kiosk's votes per day and per hour of the day
(when are customers least happy?), the months whose typed or imported CSAT or NPS wait for
the owner's choice (add the votes, use them instead, keep them apart), and the votes not
counted yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from cscoach.model import kiosk_kpis
from cscoach.model.errors import CsCoachError
from cscoach.model.months import month_label
from cscoach.model.number_format import format_number
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.widgets import Stretch, hbox, plain_label, vbox

COLUMNS = ("Votes", "Satisfied (4–5)", "NPS", "Low scores")
EMPTY = (
    "No kiosk votes yet. File › Start Counter Kiosk… turns this computer (or a spare laptop "
    "or tablet at the counter) into a one-tap feedback kiosk; its votes count towards the "
    "month's CSAT and NPS and show here by day and by hour."
)


class KioskTab(QWidget):
    """Votes by day and hour for a month, and the choices waiting for the owner."""

    changed = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None, *, today=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("kpiKioskTab")
        self.wb = wb
        self.today: dt.date | None = today
        self.stale_view = True  # read when first shown
        self.intro = plain_label(EMPTY, object_name="kioskEmpty", wrap=True)
        self.month = QComboBox()
        self.month.setObjectName("kioskMonth")
        self.month.setAccessibleName("Month of kiosk votes")
        self.month.currentIndexChanged.connect(lambda _i: self._show_month())
        self.stale = plain_label(object_name="kioskStale", role="hint", wrap=True)
        self.count_button = QPushButton("Count Them Now")
        self.count_button.setObjectName("kioskCountNow")
        self.count_button.clicked.connect(self.count_now)
        self.choices = QFrame()
        self.choices.setObjectName("kioskChoices")
        self.choices_layout = vbox(parent=self.choices, spacing=6)
        self.summary = plain_label(object_name="kioskHourSummary", role="strong", wrap=True)
        self.by_day = self._table("kioskByDay", "Day", "Kiosk votes per day")
        self.by_hour = self._table("kioskByHour", "Hour", "Kiosk votes per hour of the day")
        self.month_label = plain_label("Month:")
        self.month_row = hbox(self.month_label, self.month, Stretch(1), spacing=8)
        self.stale_row = hbox(self.stale, self.count_button, Stretch(1), spacing=8)
        self.filler = QWidget()  # without votes: the room under the intro, which stays on top
        vbox(
            self.intro,
            self.choices,
            self.stale_row,
            self.month_row,
            self.summary,
            (hbox((self.by_day, 1), (self.by_hour, 1), spacing=12), 1),
            (self.filler, 1),
            parent=self,
            margins=(8, 8, 8, 8),
            spacing=8,
        )

    def _table(self, name: str, first: str, accessible: str) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS) + 1)
        table.setObjectName(name)
        table.setAccessibleName(accessible)
        table.setHorizontalHeaderLabels([first, *COLUMNS])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        # every column as wide as its heading and numbers, and the room left shared out
        # evenly (``_share_width``): not one wide column whose number sits far from the
        # others, nor a heading cut off
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.viewport().installEventFilter(self)
        return table

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            for table in (self.by_day, self.by_hour):
                if watched is table.viewport():
                    _share_width(table)
        return super().eventFilter(watched, event)

    # -- reading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read again now if shown, else when next shown."""
        self.stale_view = True
        if self.isVisible():
            self._read()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        if self.stale_view:
            self._read()

    def _read(self) -> None:
        self.stale_view = False
        months = sorted(kiosk_kpis.months_with_votes(self.wb), reverse=True)
        current = self.month.currentData()
        self.month.blockSignals(True)
        self.month.clear()
        for month in months:
            self.month.addItem(month_label(month), month)
        index = months.index(current) if current in months else 0
        self.month.setCurrentIndex(index)
        self.month.blockSignals(False)
        has_votes = bool(months)
        self.intro.setVisible(not has_votes)
        for widget in (self.month_label, self.month, self.by_day, self.by_hour):
            widget.setVisible(has_votes)
        self.filler.setVisible(not has_votes)
        self._show_choices()
        self._show_stale()
        self._show_month()

    def _show_stale(self) -> None:
        recent = kiosk_kpis.months_with_votes(self.wb)[-2:]  # where votes arrive
        waiting = kiosk_kpis.refresh(self.wb, recent, dry_run=True)
        months = sorted({m.split()[0] for m in waiting})
        text = ""
        if months:
            names = ", ".join(month_label(m) for m in months)
            text = f"The kiosk has votes not yet counted in the CSAT or NPS of {names}."
        self.stale.setText(text)
        self.stale.setVisible(bool(text))
        self.count_button.setVisible(bool(text) and not self.wb.read_only)

    def _show_choices(self) -> None:
        while self.choices_layout.count():
            old = self.choices_layout.takeAt(0)
            widget = old.widget() if old is not None else None
            if widget is not None:
                widget.deleteLater()
        waiting = kiosk_kpis.waiting(self.wb)
        self.choices.setVisible(bool(waiting))
        if not waiting:
            return
        self.choices_layout.addWidget(
            plain_label(
                "These months already had a value, typed or imported, when the kiosk "
                "collected votes. Nothing is changed until you choose:",
                role="strong",
                wrap=True,
            )
        )
        for item in waiting:
            row = QWidget()
            add = self._choice_button("Add to Its Counts", "kioskAdd", item, kiosk_kpis.add_votes)
            add.setEnabled(item.can_add and not self.wb.read_only)
            if not item.can_add:
                add.setToolTip(
                    "This value was typed without its counts: there is nothing to add to."
                )
            hbox(
                (plain_label(item.describe(), wrap=True), 1),
                add,
                self._choice_button(
                    "Use the Votes Instead", "kioskUse", item, kiosk_kpis.use_votes
                ),
                self._choice_button("Keep Apart", "kioskKeepApart", item, kiosk_kpis.keep_apart),
                parent=row,
                spacing=8,
            )
            self.choices_layout.addWidget(row)

    def _choice_button(
        self,
        text: str,
        name: str,
        item: kiosk_kpis.Waiting,
        choose: Callable[[Workbook, int, str], object],
    ) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(f"{name}_{item.kpi.key}_{item.month}")
        button.setEnabled(not self.wb.read_only)
        button.clicked.connect(lambda _c=False: self._choose(choose, item))
        return button

    def _choose(
        self, choose: Callable[[Workbook, int, str], object], item: kiosk_kpis.Waiting
    ) -> None:
        try:
            choose(self.wb, item.kpi.id, item.month)
        except CsCoachError as exc:
            dialogs.show_error(self, "Kiosk votes", exc.message)
            return
        self._read()
        self.changed.emit()

    def count_now(self) -> None:
        try:
            kiosk_kpis.refresh(self.wb)
        except CsCoachError as exc:
            dialogs.show_error(self, "Kiosk votes", exc.message)
            return
        self._read()
        self.changed.emit()

    def _show_month(self) -> None:
        month = self.month.currentData()
        if not month:
            self._fill(self.by_day, [])
            self._fill(self.by_hour, [])
            self.summary.setText("")
            self.summary.hide()
            return
        first = dt.date.fromisoformat(f"{month}-01")
        last = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1) - dt.timedelta(
            days=1
        )
        days, hours = kiosk_kpis.votes_by_day_and_hour(self.wb, first, last)
        self._fill(
            self.by_day, [(dt.date.fromisoformat(t.label).strftime("%a %d"), t) for t in days]
        )
        self._fill(self.by_hour, [(f"{t.label}:00–{t.label}:59", t) for t in hours])
        sessions, ignored = kiosk_kpis.ignored_presses(self.wb, first, last)
        lines = [_least_happy(hours)]
        if sessions:
            lines.append(
                f"The kiosk ran {sessions} {'time' if sessions == 1 else 'times'} this month; "
                f"{ignored} {'press was' if ignored == 1 else 'presses were'} not counted, "
                "coming within seconds of a vote."
            )
        self.summary.setText("\n".join(line for line in lines if line))
        self.summary.setVisible(bool(self.summary.text()))

    def _fill(self, table: QTableWidget, rows: list[tuple[str, kiosk_kpis.VoteTally]]) -> None:
        table.setRowCount(len(rows))
        for r, (label, tally) in enumerate(rows):
            cells = (
                label,
                str(tally.votes),
                "—" if tally.csat is None else f"{format_number(tally.csat)} %",
                "—" if tally.nps is None else format_number(tally.nps),
                str(tally.low),
            )
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if c:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(r, c, cell)
        _share_width(table)


def _share_width(table: QTableWidget) -> None:
    """Each column as wide as its heading and cells, plus an even share of the room left."""
    header = table.horizontalHeader()
    count = header.count()
    if not count:
        return
    wanted = [max(header.sectionSizeHint(c), table.sizeHintForColumn(c)) for c in range(count)]
    spare = max(0, table.viewport().width() - sum(wanted))
    for column, width in enumerate(wanted):
        header.resizeSection(column, width + spare // count)


def _least_happy(hours: list[kiosk_kpis.VoteTally]) -> str:
    """The hour with the lowest share of satisfied faces, among hours with enough votes."""
    rated = [t for t in hours if t.csat is not None and t.csat_answers >= 10]
    if len(rated) < 2:
        return ""
    worst = min(rated, key=lambda t: t.csat or 0.0)
    best = max(rated, key=lambda t: t.csat or 0.0)
    return (
        f"Customers were least happy between {worst.label}:00 and {worst.label}:59 "
        f"({format_number(worst.csat or 0.0)} % satisfied, {worst.csat_answers} votes); "
        f"happiest between {best.label}:00 and {best.label}:59 "
        f"({format_number(best.csat or 0.0)} %)."
    )
