"""The Patterns tab of the Feedback page: what customers said per month by kind and by
theme (a table and a chart), the themes that recur, the complaints left open, the praise
per team member and the standards complaints name. Every number clicks through to the items
behind it (``items_requested``: the list, filtered to exactly those).

The tab reads the workbook only when it is shown (and again when shown after a change).
The chart needs matplotlib, about 0.7 s to import: the tab appears at once with its tables
and "Drawing the chart…", and matplotlib is imported in parts on the next event-loop turns
(``chart_import``), never when the page is first shown. The chart follows the app's light
or dark colours, and is drawn again when they change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cscoach.charts.feedback_charts import KindBand, KindBars
from cscoach.model import feedback, feedback_patterns
from cscoach.model.dates import long_date
from cscoach.model.feedback_patterns import PatternRules, Tally
from cscoach.model.months import add_months, current_month, month_label, months_between
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, chart_import, style
from cscoach.ui.pages.feedback.count_table import CountTable, count_cell, label_cell
from cscoach.ui.pages.feedback.items_table import OVERDUE, days
from cscoach.ui.record_editor import READ_ONLY_TIP
from cscoach.ui.widgets import (
    error_label,
    plain_label,
    scroll_area,
    show_message,
    text_side,
    text_width,
)

if TYPE_CHECKING:
    from cscoach.ui.pages.feedback.patterns_chart import PatternsCanvas

RANGES = (("Last 6 months", 6), ("Last 12 months", 12), ("Everything", None))
CHART_INCHES = 2.7  # the chart's height
START_AFTER_MS = 200  # import matplotlib then at the latest, painted placeholder or not
NO_FEEDBACK = (
    "No feedback yet. Patterns show here once a few compliments and complaints are written "
    "down on the Items tab."
)


def _heading(text: str) -> QLabel:
    label = plain_label(text, object_name="patternsHeading")
    label.setStyleSheet("font-weight: 600;")
    return label


def _hint(text: str = "") -> QLabel:
    label = plain_label(text, role="hint")
    label.setWordWrap(True)
    return label


def _spin(object_name: str, name: str, low: int, high: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(object_name)
    spin.setAccessibleName(name)
    spin.setRange(low, high)
    return spin


def short_span(first: str, last: str) -> str:
    """ "21 January – 26 February 2026" (one date when they are the same day)."""
    if first == last:
        return long_date(first)
    a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    start = f"{a.day} {a:%B}" if a.year == b.year else long_date(a)
    return f"{start} – {long_date(b)}"


class PatternsTab(QWidget):
    """Counts and flags over a range of months; ``items_requested(label, ids)`` when a
    number is clicked, ``changed`` after the owner changes a rule."""

    items_requested = Signal(str, object)
    changed = Signal()
    chart_drawn = Signal()

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackPatternsTab")
        self.wb = wb
        self.fixed_today = today
        self.stale = True
        self.canvas: PatternsCanvas | None = None  # the chart, once matplotlib is imported
        self._rules_shown = False  # the spin boxes show the rules as saved
        self._bars: KindBars | None = None
        self._kind_ids: dict[tuple[str | None, str], tuple[int, ...]] = {}

        self.range_combo = QComboBox()
        self.range_combo.setObjectName("patternsRange")
        self.range_combo.setAccessibleName("Months shown")
        for label, months in RANGES:
            self.range_combo.addItem(label, months)
        self.range_combo.setCurrentIndex(1)
        self.range_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.count_spin = _spin("recurringCount", "Complaints that make a theme recurring", 2, 100)
        self.days_spin = _spin("recurringDays", "Within this many days", 1, 366)
        self.open_spin = _spin("openDays", "Flag complaints open more than this many days", 0, 366)
        self.rule_error = error_label("patternsRuleError")
        self.rule_timer = autosave.save_timer(self, self.save_rules)
        for spin in (self.count_spin, self.days_spin, self.open_spin):
            spin.valueChanged.connect(lambda _v: self._rule_edited())
            spin.editingFinished.connect(self.save_rules)
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(plain_label("Show"))
        top.addWidget(self.range_combo)
        top.addStretch(1)
        rules = QHBoxLayout()  # on a line of its own: the tab fits a small screen
        rules.setSpacing(6)
        rule_widgets: tuple[QWidget, ...] = (
            plain_label("A theme recurs at"),
            self.count_spin,
            plain_label("complaints within"),
            self.days_spin,
            plain_label("days. Flag complaints open more than"),
            self.open_spin,
            plain_label("days."),
        )
        for widget in rule_widgets:
            rules.addWidget(widget)
        rules.addStretch(1)

        self.summary = _hint()
        self.summary.setObjectName("patternsSummary")
        self.placeholder = plain_label("Drawing the chart…", role="hint")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.starter = chart_import.ChartStarter(self.placeholder, self._put_canvas, START_AFTER_MS)
        self.chart_box = QFrame()
        self.chart_box.setObjectName("patternsChartBox")
        self.chart_box.setMinimumWidth(text_width(self, 40))
        self.chart_box.setFixedHeight(int(CHART_INCHES * 100))
        self.chart_layout = QVBoxLayout(self.chart_box)
        self.chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_layout.addWidget(self.placeholder)

        self.open_table = CountTable(
            "openComplaints", ["Open", "What was said"], "Complaints still open", stretch=1
        )
        self.open_empty = _hint("No complaint is open.")
        self.recurring_table = CountTable(
            "recurringThemes", ["Theme", "When", "Complaints"], "Recurring themes", stretch=1
        )
        self.recurring_empty = _hint()
        attention = QVBoxLayout()
        attention.setSpacing(6)
        attention_widgets: tuple[QWidget, ...] = (
            _heading("Complaints still open"),
            self.open_table,
            self.open_empty,
            _heading("Recurring themes"),
            self.recurring_table,
            self.recurring_empty,
        )
        for widget in attention_widgets:
            attention.addWidget(widget)
        attention.addStretch(1)
        chart_column = QVBoxLayout()
        chart_column.addWidget(self.chart_box)
        chart_column.addStretch(1)
        first_row = QHBoxLayout()
        first_row.setSpacing(16)
        first_row.addLayout(chart_column, 3)
        first_row.addLayout(attention, 2)

        self.month_table = CountTable("monthCounts", [""], "Counts per month", stretch=None)
        self.month_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.praise_table = CountTable(
            "praisePerMember", ["Team member", "Compliments"], "Praise per team member"
        )
        self.praise_empty = _hint("No compliment names a team member in these months.")
        self.standards_table = CountTable(
            "standardsInComplaints", ["Standard", "Complaints"], "Standards named in complaints"
        )
        self.standards_empty = _hint("No complaint names a standard in these months.")
        last_row = QHBoxLayout()
        last_row.setSpacing(16)
        for heading, table, empty in (
            ("Praise per team member", self.praise_table, self.praise_empty),
            ("Standards named in complaints", self.standards_table, self.standards_empty),
        ):
            column = QVBoxLayout()
            column.setSpacing(6)
            column.addWidget(_heading(heading))
            column.addWidget(table)
            column.addWidget(empty)
            column.addStretch(1)
            last_row.addLayout(column, 1)

        self.body = QWidget()
        self.body.setObjectName("patternsBody")
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 8, 8)
        body.setSpacing(10)
        body.addWidget(self.summary)
        body.addLayout(first_row)
        body.addWidget(_heading("Per month, by kind and by theme"))
        body.addWidget(self.month_table)
        body.addLayout(last_row)
        body.addStretch(1)
        self.empty = _hint(NO_FEEDBACK)
        self.empty.setObjectName("patternsEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.scroll_area = scroll_area(self.body, object_name="patternsScroll")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addLayout(rules)
        layout.addWidget(self.rule_error)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.scroll_area, 1)
        for table in (
            self.open_table,
            self.recurring_table,
            self.month_table,
            self.praise_table,
            self.standards_table,
        ):
            table.items_requested.connect(self.items_requested)
        if wb.read_only:
            for spin in (self.count_spin, self.days_spin, self.open_spin):
                spin.setEnabled(False)
                spin.setToolTip(READ_ONLY_TIP)
        style.notifier().changed.connect(self._scheme_changed)

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    # -- showing -----------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def reload(self) -> None:
        """The workbook changed: read it again now if shown, else when next shown (the rules
        at once: they are saved from what the spin boxes show)."""
        self.stale = True
        self._show_rule(feedback_patterns.rules(self.wb))
        if self.isVisible():
            self.refresh()

    def months(self) -> list[str]:
        last = current_month(self.today)
        count = self.range_combo.currentData()
        if count is None:
            known = feedback.months_with_items(self.wb)
            first = min(known[0], last) if known else last
        else:
            first = add_months(last, -(int(count) - 1))
        return months_between(first, last)

    def refresh(self) -> None:
        """Read the counts and flags for the months chosen and show them."""
        if not self.isVisible():
            self.stale = True
            return
        self.stale = False
        rule = feedback_patterns.rules(self.wb)
        self._show_rule(rule)
        months = self.months()
        start, end = f"{months[0]}-01", feedback.month_bounds(months[-1])[1]
        anything = feedback.count_items(self.wb) > 0
        self.empty.setVisible(not anything)
        self.scroll_area.setVisible(anything)
        if not anything:
            return
        where = self.range_combo.currentText().lower()
        kinds = feedback_patterns.counts_by_kind(self.wb, start=start, end=end)
        themes = feedback_patterns.counts_by_theme(self.wb, start=start, end=end)
        complaints = feedback_patterns.counts_by_theme(
            self.wb, start=start, end=end, kind=feedback.COMPLAINT
        )
        self._show_months(months, kinds, themes, complaints)
        self._show_open(feedback_patterns.open_complaints(self.wb, today=self.today, rule=rule))
        self._show_recurring(rule, start, end)
        self._show_people(start, end, where)
        total = sum(t.count for t in kinds)
        self.summary.setText(
            f"{total} items in {month_label(months[0])} – {month_label(months[-1])}. "
            "Click any number, or a bar of the chart, to list the items behind it."
        )
        self._show_chart(months, kinds)

    def _show_rule(self, rule: PatternRules) -> None:
        self.rule_timer.stop()
        self._rules_shown = True
        for spin, value in (
            (self.count_spin, rule.recurring_count),
            (self.days_spin, rule.recurring_days),
            (self.open_spin, rule.open_days),
        ):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)

    # -- the tables ----------------------------------------------------------------

    def _show_months(
        self,
        months: list[str],
        kinds: Sequence[Tally],
        themes: Sequence[Tally],
        complaints: Sequence[Tally],
    ) -> None:
        table = self.month_table
        headings = [""]
        for n, month in enumerate(months):
            name = month_label(month, short=True).split()[0]
            headings.append(f"{name}\n{month[:4]}" if n == 0 or month.endswith("-01") else name)
        headings.append("Total")
        table.set_headings(headings)
        by_kind: dict[tuple[str | None, object], tuple[int, ...]] = {
            (t.month, t.key): t.item_ids for t in kinds
        }
        rows = []
        for kind in feedback.KINDS:
            label = feedback.KIND_PLURALS[kind]
            tone = "error" if kind == feedback.COMPLAINT else ""
            row = [label_cell(label, tone=tone)]
            for month in months:
                ids = by_kind.get((month, kind), ())
                row.append(count_cell(ids, f"{label} in {month_label(month)}", tone=tone))
            every = tuple(i for m in months for i in by_kind.get((m, kind), ()))
            row.append(count_cell(every, f"{label}, {self._range_words()}", tone=tone))
            rows.append(row)
        all_row = [label_cell("All feedback", bold=True)]
        for month in months:
            ids = tuple(i for k in feedback.KINDS for i in by_kind.get((month, k), ()))
            all_row.append(count_cell(ids, f"Everything said in {month_label(month)}"))
        every = tuple(i for ids in by_kind.values() for i in ids)
        all_row.append(count_cell(every, f"Everything said, {self._range_words()}"))
        rows.append(all_row)
        names: dict[object, str] = {}
        by_theme: dict[tuple[str | None, object], tuple[int, ...]] = {}
        for t in themes:
            names.setdefault(t.key, t.label)
            by_theme[(t.month, t.key)] = t.item_ids
        complained: dict[tuple[str | None, object], int] = {
            (t.month, t.key): len(t.item_ids) for t in complaints
        }
        recurring = {r.theme_id for r in feedback_patterns.recurring_now(self.wb, today=self.today)}
        for key, name in names.items():
            flag = f"{OVERDUE} " if key in recurring else ""
            tip = f"“{name}” recurs now: see Recurring themes" if flag else name
            row = [label_cell(f"{flag}{name}", tip=tip, tone="error" if flag else "")]
            for month in months:
                ids = by_theme.get((month, key), ())
                against = complained.get((month, key), 0)
                what = f"“{name}” in {month_label(month)}"
                row.append(
                    count_cell(
                        ids,
                        what,
                        tip=f"{what}: {len(ids)} items, {against} of them complaints",
                    )
                )
            every = tuple(i for m in months for i in by_theme.get((m, key), ()))
            row.append(count_cell(every, f"“{name}”, {self._range_words()}"))
            rows.append(row)
        table.set_rows(rows)
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        widths = sum(header.sectionSize(c) for c in range(table.columnCount()))
        table.setMaximumWidth(widths + 2 * table.frameWidth() + 2)  # no empty band on the right
        table.fit_height()

    def _range_words(self) -> str:
        return self.range_combo.currentText().lower()

    def _show_open(self, found: Sequence[feedback_patterns.OpenComplaint]) -> None:
        rows = []
        for complaint in found:
            item = complaint.item
            label = f"The complaint of {long_date(item.received_on)}"
            tone = "error" if complaint.overdue else ""
            mark = f"{OVERDUE} " if complaint.overdue else ""
            opened = count_cell((item.id,), label, tone=tone)
            opened.setText(f"{mark}{days(complaint.days_open)}")
            text = count_cell((item.id,), label, tone=tone)
            text.setText(" ".join(item.text.split()))
            text.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            text.setToolTip(item.text)
            rows.append([opened, text])
        self.open_table.set_rows(rows)
        self.open_table.setVisible(bool(rows))
        self.open_empty.setVisible(not rows)

    def _show_recurring(self, rule: PatternRules, start: str, end: str) -> None:
        found = feedback_patterns.recurring_themes(self.wb, start=start, end=end, rule=rule)
        now = {r.theme_id for r in feedback_patterns.recurring_now(self.wb, today=self.today)}
        rows = []
        for theme in found:
            for spell in reversed(theme.spells):
                flag = theme.theme_id in now and spell is theme.latest
                when = short_span(spell.first, spell.last)
                label = f"“{theme.name}”: the complaints from {when}"
                tone = "error" if flag else ""
                name = label_cell(
                    f"{OVERDUE} {theme.name}" if flag else theme.name,
                    tone=tone,
                    tip=f"Recurring now ({rule.recurring_text()})" if flag else theme.name,
                )
                rows.append([name, label_cell(when), count_cell(spell.item_ids, label, tone=tone)])
        self.recurring_table.set_rows(rows)
        self.recurring_table.setVisible(bool(rows))
        self.recurring_empty.setText(f"No theme had {rule.recurring_text()} in these months.")
        self.recurring_empty.setVisible(not rows)

    def _show_people(self, start: str, end: str, where: str) -> None:
        praise = feedback_patterns.praise_by_member(self.wb, start=start, end=end)
        self.praise_table.set_rows(
            [
                [
                    label_cell(t.label),
                    count_cell(t.item_ids, f"Compliments naming {t.label}, {where}"),
                ]
                for t in praise
            ]
        )
        self.praise_table.setVisible(bool(praise))
        self.praise_empty.setVisible(not praise)
        named = feedback_patterns.standards_in_complaints(self.wb, start=start, end=end)
        self.standards_table.set_rows(
            [
                [
                    label_cell(t.label),
                    count_cell(t.item_ids, f"Complaints naming “{t.label}”, {where}", tone="error"),
                ]
                for t in named
            ]
        )
        self.standards_table.setVisible(bool(named))
        self.standards_empty.setVisible(not named)

    # -- the rules -------------------------------------------------------------------

    def _rule_edited(self) -> None:
        if not self.wb.read_only:
            self.rule_timer.start()

    def save_rules(self) -> bool:
        """Save the pattern rules as set in the spin boxes, if they changed."""
        self.rule_timer.stop()
        if self.wb.read_only or not self._rules_shown:
            return True
        rule = feedback_patterns.rules(self.wb)
        count, span, limit = self.count_spin.value(), self.days_spin.value(), self.open_spin.value()
        try:
            if (count, span) != (rule.recurring_count, rule.recurring_days):
                feedback_patterns.set_recurring_rule(self.wb, count, span)
            if limit != rule.open_days:
                feedback_patterns.set_open_days(self.wb, limit)
        except autosave.REFUSALS as exc:
            show_message(self.rule_error, autosave.refusal(exc))
            return False
        show_message(self.rule_error, "")
        if (count, span, limit) != (rule.recurring_count, rule.recurring_days, rule.open_days):
            self.refresh()
            self.changed.emit()
        return True

    # -- the chart -------------------------------------------------------------------

    def _show_chart(self, months: list[str], kinds: Sequence[Tally]) -> None:
        counts = {(t.month, str(t.key)): t.item_ids for t in kinds}
        self._kind_ids = counts
        self._bars = KindBars(
            tuple(months),
            tuple(
                KindBand(
                    kind,
                    feedback.KIND_PLURALS[kind],
                    tuple(len(counts.get((m, kind), ())) for m in months),
                )
                for kind in feedback.KINDS
            ),
        )
        if self.canvas is not None:
            self._draw()
        elif chart_import.imported():
            self._put_canvas()
        else:
            self.starter.start()  # the tab shows first, "Drawing the chart…"

    def _put_canvas(self) -> None:
        from cscoach.ui.pages.feedback.patterns_chart import PatternsCanvas

        canvas = PatternsCanvas(self._bar_picked)
        canvas.setMinimumHeight(text_side(self, 8))
        self.canvas = canvas
        self.chart_layout.removeWidget(self.placeholder)
        self.placeholder.hide()
        self.chart_layout.addWidget(canvas)
        self._draw()

    def _draw(self) -> None:
        from cscoach.ui.pages.kpis.charts_tab import chart_theme

        if self.canvas is None or self._bars is None:
            return
        self.canvas.show_data(self._bars, chart_theme())
        self.chart_drawn.emit()

    def _scheme_changed(self, _scheme: str) -> None:
        """Light or dark mode changed: the chart in the new colours (now, or when shown)."""
        if self.canvas is None:
            return
        if self.isVisible():
            self._draw()
        else:
            self.stale = True

    def _bar_picked(self, kind: str, month: str) -> None:
        ids = self._kind_ids.get((month, kind), ())
        if ids:
            label = f"{feedback.KIND_PLURALS[kind]} in {month_label(month)}"
            QTimer.singleShot(0, self, lambda: self.items_requested.emit(label, ids))
