"""The KPIs page driven as the owner would (grid, counts, charts, review, definitions,
import and export), checked against the model. Modal dialogs are stood in for."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from cscoach.model import kpi_entries, kpi_review, kpis
from cscoach.model import kpi_import as ki
from cscoach.model.months import months_between
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs, print_preview
from cscoach.ui.pages.kpis import dialogs as kpi_dialogs
from cscoach.ui.pages.kpis.grid import KpiGridModel
from cscoach.ui.pages.kpis.page import KpisPage

TODAY = dt.date(2026, 11, 22)


def kpi_id(wb: Workbook, key: str) -> int:
    return kpis.kpi_by_key(wb, key).id


def file_bytes(wb: Workbook) -> bytes:
    return Path(wb.path).read_bytes()


@pytest.fixture
def page(qtbot, workbook: Workbook) -> KpisPage:
    widget = KpisPage(workbook, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def visible_editor(page: KpisPage) -> QLineEdit:
    editors = [e for e in page.grid.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1
    return editors[0]


def type_in_cell(qtbot, page: KpisPage, key: str, month: str, text: str) -> None:
    index = page.select_cell(kpi_id(page.wb, key), month)
    assert index.isValid()
    page.grid.edit(index)
    editor = visible_editor(page)
    editor.clear()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits the edit on the next event loop
    qtbot.waitUntil(lambda: page.grid.state() != QAbstractItemView.State.EditingState)


def accept_with(monkeypatch, fill) -> list:
    """Make ``kpi_dialogs.run`` fill the dialog with ``fill`` and press OK."""
    shown: list = []

    def run(dialog) -> bool:
        shown.append(dialog)
        fill(dialog)
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(kpi_dialogs, "run", run)
    return shown


def test_page_module_imports_no_matplotlib() -> None:
    code = (
        "import sys, cscoach.ui.pages.kpis.page;"
        "print([m for m in ('matplotlib', 'reportlab') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_grid_model(qtmodeltester, workbook: Workbook) -> None:
    kpi_entries.set_entry(workbook, kpi_id(workbook, "nps"), "2026-10", -12.25, "Rain", today=TODAY)
    model = KpiGridModel(workbook, today=TODAY)
    model.load(months_between("2025-12", "2026-11")[::-1])
    qtmodeltester.check(model)
    index = model.index_of(kpi_id(workbook, "nps"), "2026-10")
    assert model.data(index) == "✗ −12.2 ✎"
    assert model.data(index, Qt.ItemDataRole.EditRole) == "-12.2"
    assert "✗ off target" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Net Promoter\nScore (NPS)"


def test_grid_shows_this_month_first(page: KpisPage) -> None:
    assert page.grid_model.months[0] == "2026-11"
    assert len(page.grid_model.months) == 12
    assert [k.key for k in page.grid_model.kpis] == [
        "csat",
        "nps",
        "retention",
        "resolution_time",
    ]
    page.show_earlier()
    assert len(page.grid_model.months) == 24


def test_type_a_value_in_place(qtbot, page: KpisPage) -> None:
    with qtbot.waitSignal(page.changed):
        type_in_cell(qtbot, page, "csat", "2026-10", "88,5")
    assert kpi_entries.get_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10").value == 88.5
    assert not page.grid_error.isVisible()
    assert "Value: 88.5 %" in page.cell_value.text()


def test_bad_value_is_not_written_and_the_cell_is_named(qtbot, page: KpisPage) -> None:
    before = file_bytes(page.wb)
    type_in_cell(qtbot, page, "csat", "2026-10", "120")
    assert page.grid_error.isVisible()
    message = page.grid_error.text()
    assert message.startswith("Customer satisfaction (CSAT), October 2026:")
    assert "cannot be above 100" in message
    assert kpi_entries.get_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10") is None
    assert file_bytes(page.wb) == before
    type_in_cell(qtbot, page, "nps", "2026-10", "abc")
    assert "must be a number" in page.grid_error.text()
    type_in_cell(qtbot, page, "nps", "2026-10", "-20")
    assert not page.grid_error.isVisible()
    assert kpi_entries.get_entry(page.wb, kpi_id(page.wb, "nps"), "2026-10").value == -20


def test_leaving_a_cell_unchanged_keeps_the_unrounded_value(qtbot, page: KpisPage) -> None:
    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10", 100 / 3, today=TODAY)
    page.reload()
    index = page.select_cell(kpi_id(page.wb, "csat"), "2026-10")
    page.grid.edit(index)
    editor = visible_editor(page)
    assert editor.text() == "33.3"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.grid.state() != QAbstractItemView.State.EditingState)
    assert kpi_entries.get_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10").value == 100 / 3


def test_clearing_a_cell_with_a_note_asks_first(qtbot, page: KpisPage, fake_dialogs) -> None:
    csat = kpi_id(page.wb, "csat")
    kpi_entries.set_entry(page.wb, csat, "2026-10", 80, "Busy", today=TODAY)
    page.reload()
    fake_dialogs.answer = False
    type_in_cell(qtbot, page, "csat", "2026-10", "")
    assert fake_dialogs.kinds() == ["confirm"]
    assert kpi_entries.get_entry(page.wb, csat, "2026-10") is not None
    fake_dialogs.answer = True
    type_in_cell(qtbot, page, "csat", "2026-10", "")
    assert kpi_entries.get_entry(page.wb, csat, "2026-10") is None


def test_note_is_saved_with_the_value(qtbot, page: KpisPage) -> None:
    csat = kpi_id(page.wb, "csat")
    type_in_cell(qtbot, page, "csat", "2026-09", "86")
    page.select_cell(csat, "2026-09")
    assert page.note_edit.isEnabled()
    page.note_edit.setPlainText("New menu <b>launched</b> & staff trained")
    qtbot.waitUntil(lambda: page.note_status.text() == "Saved.")  # after a pause in typing
    assert (
        kpi_entries.get_entry(page.wb, csat, "2026-09").note
        == "New menu <b>launched</b> & staff trained"
    )
    assert page.grid_model.data(page.grid.currentIndex()) == "✓ 86.0 ✎"  # CSAT target 85


def test_counts_dialog_shows_the_formula_live(qtbot, page: KpisPage) -> None:
    kpi = kpis.kpi_by_key(page.wb, "retention")
    dialog = kpi_dialogs.CountsDialog(page.wb, kpi, "2026-10", page, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.formula.text() == "Type the counts to see the result."
    note_height = dialog.note.height()
    qtbot.keyClicks(dialog.edits["customers_start"], "55")
    qtbot.keyClicks(dialog.edits["customers_end"], "42")
    assert dialog.formula_error.isVisible()  # new customers still missing
    qtbot.keyClicks(dialog.edits["new_customers"], "9")
    # the unit kept on the number's line by a no-break space
    assert dialog.formula.text() == "Customer retention rate = (42 − 9) ÷ 55 × 100 = 60.0\u00a0%"
    assert not dialog.formula_error.isVisible()
    assert dialog.note.height() >= note_height  # the result took room, not the note's
    dialog.edits["new_customers"].setText("50")
    assert "cannot be more than customers at the end" in dialog.formula_error.text()
    dialog.accept()
    assert dialog.errors["new_customers"].isVisible()
    assert kpi_entries.get_entry(page.wb, kpi.id, "2026-10") is None
    dialog.edits["new_customers"].setText("9")
    dialog.note.setPlainText("Counted from the loyalty app")
    dialog.accept()
    entry = kpi_entries.get_entry(page.wb, kpi.id, "2026-10")
    assert entry.value == 60
    assert entry.counts == {"customers_start": 55, "customers_end": 42, "new_customers": 9}
    assert entry.note == "Counted from the loyalty app"
    again = kpi_dialogs.CountsDialog(page.wb, kpi, "2026-10", page, today=TODAY)
    qtbot.addWidget(again)
    assert again.edits["customers_start"].text() == "55"  # the counts come back
    assert "(42 − 9) ÷ 55 × 100 = 60.0" in again.formula.text()


def test_enter_from_counts_button(qtbot, page: KpisPage, monkeypatch) -> None:
    nps = kpi_id(page.wb, "nps")
    page.select_cell(nps, "2026-10")

    def fill(dialog) -> None:
        for field, value in (("promoters", "42"), ("passives", "9"), ("detractors", "9")):
            dialog.edits[field].setText(value)

    shown = accept_with(monkeypatch, fill)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.counts_button, Qt.MouseButton.LeftButton)
    assert isinstance(shown[0], kpi_dialogs.CountsDialog)
    assert "(42 − 9) ÷ 60 × 100 = 55.0" in page.feedback.text()
    entry = kpi_entries.get_entry(page.wb, nps, "2026-10")
    assert entry.value == pytest.approx(55) and entry.counts["promoters"] == 42
    assert "(42 − 9) ÷ 60 × 100 = 55.0" in page.cell_formula.text()


def test_bad_counts_keep_the_dialog_open(qtbot, page: KpisPage) -> None:
    kpi = kpis.kpi_by_key(page.wb, "nps")
    dialog = kpi_dialogs.CountsDialog(page.wb, kpi, "2026-10", page, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    for field in ("promoters", "passives", "detractors"):
        dialog.edits[field].setText("0")
    before = file_bytes(page.wb)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "all 0" in dialog.errors["promoters"].text()
    assert file_bytes(page.wb) == before


def drawn(qtbot, page: KpisPage) -> None:
    """Wait until every chart on screen is drawn (one canvas per event-loop turn)."""
    qtbot.waitUntil(lambda: not page.charts.busy)


def gid(axes, name: str):
    return next(x for x in axes.get_lines() if x.get_gid() == name)


def test_charts_are_built_on_first_show(qtbot, page: KpisPage) -> None:
    from matplotlib.backend_bases import MouseEvent
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    csat = kpi_id(page.wb, "csat")
    for month, value in (("2026-07", 80), ("2026-08", 90), ("2026-10", 85)):
        kpi_entries.set_entry(
            page.wb, csat, month, value, "Rain" if month == "2026-08" else "", today=TODAY
        )
    page.reload()
    assert page.charts.panels == {} and page.charts.canvas is None
    page.tabs.setCurrentWidget(page.charts)
    assert "Aug 2026: Rain" in page.charts.notes_label.toPlainText()  # at once
    drawn(qtbot, page)
    panels = page.charts.panels  # the dashboard: a canvas per KPI, each drawn
    assert len(panels) == 4 and all(isinstance(c, FigureCanvasQTAgg) for c in panels.values())
    assert all(len(c.figure.axes) == 1 and c.is_current() for c in panels.values())
    assert panels[csat].figure.axes[0].get_title(loc="left") == "Customer satisfaction (CSAT)"
    assert page.charts.legend.figure.legends  # one legend over the panels
    panel_notes = gid(panels[csat].figure.axes[0], "notes")
    assert panel_notes.cscoach_notes == [("2026-08", "Rain")]
    page.charts.show_kpi(csat)
    drawn(qtbot, page)
    assert page.charts.panels == {}
    figure = page.charts.figure
    assert len(figure.axes) == 1
    values = gid(figure.axes[0], "values").get_ydata()
    assert list(values[-4:-1]) == [80, 90] + [pytest.approx(float("nan"), nan_ok=True)]
    assert values[-1] == 85
    assert "Aug 2026: Rain" in page.charts.notes_label.toPlainText()
    notes = gid(figure.axes[0], "notes")
    x, y = figure.axes[0].transData.transform((notes.get_xdata()[0], notes.get_ydata()[0]))
    event = MouseEvent("motion_notify_event", page.charts.canvas, x, y)
    assert page.charts._note_at(event) == "August 2026: Rain"  # shown as a tooltip on hover
    far = MouseEvent("motion_notify_event", page.charts.canvas, x + 200, y)
    assert page.charts._note_at(far) is None
    page.charts.range_combo.setCurrentIndex(2)  # everything
    drawn(qtbot, page)
    assert page.charts.figure is figure  # the same canvas, drawn again
    assert len(gid(figure.axes[0], "values").get_xdata()) == 4  # 2026-07 to 2026-10


def test_charts_redraw_only_what_changed(qtbot, page: KpisPage, monkeypatch) -> None:
    csat, nps = kpi_id(page.wb, "csat"), kpi_id(page.wb, "nps")
    kpi_entries.set_entry(page.wb, csat, "2026-10", 85, today=TODAY)
    page.reload()
    page.tabs.setCurrentWidget(page.charts)
    drawn(qtbot, page)
    panels = dict(page.charts.panels)
    renders: list[int] = []
    for kpi, canvas in panels.items():
        real = canvas.draw
        monkeypatch.setattr(canvas, "draw", lambda r=real, k=kpi: (renders.append(k), r()))
    page.tabs.setCurrentIndex(0)
    type_in_cell(qtbot, page, "nps", "2026-10", "40")  # saved while the charts are hidden
    page.tabs.setCurrentWidget(page.charts)
    drawn(qtbot, page)
    assert renders == [nps]  # only the panel whose KPI changed
    assert page.charts.panels == panels  # the same canvases
    assert gid(panels[nps].figure.axes[0], "values").get_ydata()[-1] == 40
    page.charts.reload()  # nothing changed: nothing drawn
    drawn(qtbot, page)
    page.charts.show_kpi(csat)
    drawn(qtbot, page)
    page.charts.show_kpi("dashboard")  # kept while hidden: nothing to draw again
    drawn(qtbot, page)
    assert page.charts.panels == panels
    assert renders == [nps] and all(c.is_current() for c in panels.values())


CHARTS_FIRST_SHOW = """
import sys
from PySide6.QtWidgets import QApplication
from cscoach.model.workbook import Workbook
from cscoach.ui import chart_import
from cscoach.ui.pages.kpis.page import KpisPage

chart_import.WARM_UP_AFTER_MS = 60_000  # the page's own early import: not what this tests
app = QApplication([])
wb = Workbook.create(sys.argv[1], "Corner Café")
page = KpisPage(wb)
page.resize(1000, 700)
page.show()
app.processEvents()
page.tabs.setCurrentWidget(page.charts)
app.processEvents()  # the tab is painted before matplotlib is imported
print("matplotlib" in sys.modules, page.charts.placeholder.text(), page.charts.busy)
page.charts.charts_drawn.connect(app.quit)
app.exec()
print("matplotlib" in sys.modules, len(page.charts.panels), page.charts.busy)
wb.close()
"""


def test_charts_tab_appears_before_matplotlib_is_imported(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHARTS_FIRST_SHOW, str(tmp_path / "wb.cscoach")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.splitlines() == ["False Drawing charts… True", "True 4 False"]


CHARTS_AFTER_WARM_UP = """
import sys, time
from PySide6.QtWidgets import QApplication
from cscoach.model.workbook import Workbook
from cscoach.ui import chart_import
from cscoach.ui.pages.kpis.page import KpisPage

app = QApplication([])
wb = Workbook.create(sys.argv[1], "Corner Café")
page = KpisPage(wb)
page.resize(1000, 700)
page.show()
app.processEvents()
print("matplotlib" in sys.modules)  # the page is on screen first
deadline = time.monotonic() + 30
while not chart_import.imported() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.002)
print(chart_import.imported(), page.tabs.currentWidget() is page.charts, page.charts.panels == {})
page.tabs.setCurrentWidget(page.charts)
print(page.charts.scroll_area.widget() is page.charts.placeholder, len(page.charts.panels))
page.charts.charts_drawn.connect(app.quit)
app.exec()
print(page.charts.busy)
wb.close()
"""


def test_kpi_page_imports_matplotlib_while_the_owner_looks_at_the_figures(tmp_path) -> None:
    """A moment after the page is shown, matplotlib is imported on idle turns (the Charts
    tab not built), so that choosing Charts draws at once, without "Drawing charts…"."""
    out = subprocess.run(
        [sys.executable, "-c", CHARTS_AFTER_WARM_UP, str(tmp_path / "wb.cscoach")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.splitlines() == ["False", "True False True", "False 4", "False"]


def test_hidden_tabs_read_the_workbook_when_shown(page: KpisPage) -> None:
    """The Monthly Review and Definitions tabs are read when shown, not on every write
    while the owner types in the grid; the review prints the month it would show."""
    csat = kpi_id(page.wb, "csat")
    kpi_entries.set_entry(page.wb, csat, "2026-10", 86, today=TODAY)
    page.reload()
    assert page.review.stale and page.definitions.stale
    assert page.review.month_combo.count() == 0
    assert page.review.current_month() == "2026-10"
    page.tabs.setCurrentWidget(page.review)
    assert not page.review.stale and page.review.current_month() == "2026-10"
    assert page.review.table.item(0, 1).text() == "86.0 %"
    page.tabs.setCurrentWidget(page.definitions)
    assert not page.definitions.stale
    assert page.definitions.table.rowCount() == len(kpis.list_kpis(page.wb, today=TODAY))
    page.tabs.setCurrentIndex(0)
    kpi_entries.set_entry(page.wb, csat, "2026-11", 90, today=TODAY)
    page.reload()
    assert page.review.stale  # hidden again: read when next shown
    page.tabs.setCurrentWidget(page.review)
    assert page.review.current_month() == "2026-11"  # the latest month with values


PRINT_WHILE_WARMING_UP = """
import sys, time
from PySide6.QtWidgets import QApplication
from cscoach.model import demo
from cscoach.model.workbook import Workbook
from cscoach.ui import chart_import, print_preview
from cscoach.ui.pages.kpis.page import KpisPage

app = QApplication([])
demo.create_demo(sys.argv[1])
wb = Workbook.open(sys.argv[1])
shown = []
print_preview.show_preview = lambda parent, pdf, *a, **k: shown.append(pdf)
page = KpisPage(wb)
page.show()
app.processEvents()
time.sleep(float(sys.argv[2]))  # the page's import of matplotlib is due, or under way
app.processEvents()
page.print_review(None)  # its worker imports reportlab and matplotlib meanwhile
deadline = time.monotonic() + 30
while not chart_import.imported() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.002)
print(len(shown), shown[0][:5] if shown else None, chart_import.imported())
wb.close()
"""


@pytest.mark.parametrize("delay", [0.0, 0.3, 0.45])
def test_a_review_printed_while_the_page_imports_matplotlib(tmp_path, delay: float) -> None:
    """The print worker and the window import matplotlib at the same time (each a part at
    a time, never the same module at once): the review prints and the charts are ready."""
    out = subprocess.run(
        [sys.executable, "-c", PRINT_WHILE_WARMING_UP, str(tmp_path / "d.cscoach"), str(delay)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "CSCOACH_DATA_DIR": str(tmp_path)},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split() == ["1", "b'%PDF-'", "True"]
    assert "Error" not in out.stderr


def test_review_tab_shows_status_and_saves_the_plan(qtbot, page: KpisPage) -> None:
    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "csat"), "2026-09", 84, today=TODAY)
    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10", 86, today=TODAY)
    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "resolution_time"), "2026-10", 30, today=TODAY)
    kpi_review.save_next_steps(page.wb, "2026-09", "Train Bo", today=TODAY)
    page.reload()
    review = page.review
    page.tabs.setCurrentWidget(review)
    review.month_combo.setCurrentIndex(review.month_combo.findData("2026-10"))
    cells = {
        review.table.item(row, 0).text(): [
            review.table.item(row, c).text() for c in range(review.table.columnCount())
        ]
        for row in range(review.table.rowCount())
    }
    assert cells["Customer satisfaction (CSAT)"][1:5] == [
        "86.0 %",
        "85.0 %",
        "✓ On target",
        "84.0  ▲ better now",
    ]
    assert cells["Average resolution time"][3] == "✗ Off target"
    assert cells["Net Promoter Score (NPS)"][3] == "— No value"
    assert review.previous_steps.toPlainText() == "Train Bo"
    review.next_steps.setFocus()
    qtbot.keyClicks(review.next_steps, "Call back every complaint")
    with qtbot.waitSignal(page.changed, timeout=3000):
        pass  # saved after a short pause
    assert kpi_review.get_next_steps(page.wb, "2026-10") == "Call back every complaint"
    qtbot.keyClicks(review.next_steps, " (Ana)")
    review.month_combo.setCurrentIndex(review.month_combo.findData("2026-09"))
    assert kpi_review.get_next_steps(page.wb, "2026-10") == "Call back every complaint (Ana)"
    assert (
        kpi_review.get_next_steps(page.wb, "2026-09") == "Train Bo"
    )  # not written to the new month
    assert review.next_steps.toPlainText() == "Train Bo"


def test_print_review_previews_the_pdf(qtbot, page: KpisPage, monkeypatch) -> None:
    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10", 86, today=TODAY)
    page.reload()
    shown: list = []
    monkeypatch.setattr(
        print_preview,
        "show_preview",
        lambda parent, pdf, title, name, warnings=(), **k: shown.append((pdf, title, name)),
    )
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    pdf, title, name = shown[0]
    assert title == "Monthly review: October 2026"
    assert name == "monthly-review-2026-10.pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Monthly review: October 2026" in text


def test_review_print_is_laid_out_in_the_worker_with_the_plan_being_typed(
    qtbot, page: KpisPage, monkeypatch
) -> None:
    """The PDF is made aside (the window keeps handling events), from the workbook file
    through another connection: the plan still being typed is saved first."""
    from cscoach.printing import documents

    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10", 86, today=TODAY)
    page.reload()
    calls: list[tuple] = []
    real_render = documents.render

    def render(wb, request):
        calls.append((threading.current_thread(), wb is page.wb, request))
        return real_render(wb, request)

    monkeypatch.setattr(documents, "render", render)
    shown: list[bytes] = []
    monkeypatch.setattr(
        print_preview, "show_preview", lambda parent, pdf, *a, **k: shown.append(pdf)
    )
    page.tabs.setCurrentWidget(page.review)
    page.review.next_steps.setFocus()
    qtbot.keyClicks(page.review.next_steps, "Call back every complaint")
    assert page.review.save_timer.isActive()  # typed, not saved yet
    page.print_review(page.review.current_month())
    ((thread, same_connection, request),) = calls
    assert thread is not threading.main_thread() and not same_connection
    assert (request.document, request.month, request.today) == ("monthly-review", "2026-10", TODAY)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(shown[0])).pages)
    assert "Call back every complaint" in text
    assert kpi_review.get_next_steps(page.wb, "2026-10") == "Call back every complaint"


def test_no_review_is_printed_without_the_plan_that_could_not_be_saved(
    page: KpisPage, fake_dialogs, monkeypatch
) -> None:
    monkeypatch.setattr(print_preview, "preview", lambda *a, **k: pytest.fail("printed"))
    monkeypatch.setattr(page.review, "save_next_steps", lambda: False)
    page.print_review(None)
    assert fake_dialogs.kinds() == ["error"]
    assert "could not be saved" in fake_dialogs.texts("error")[0]


def test_print_with_nothing_to_review(qtbot, page: KpisPage, fake_dialogs, monkeypatch) -> None:
    monkeypatch.setattr(print_preview, "show_preview", lambda *a, **k: pytest.fail("shown"))
    page.review.month_combo.clear()
    page.print_review(None)
    assert fake_dialogs.kinds() == ["error"]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_import_csv_lists_and_replaces(qtbot, page: KpisPage, fake_dialogs, tmp_path) -> None:
    csat = kpi_id(page.wb, "csat")
    kpi_entries.set_entry(page.wb, csat, "2026-09", 70, today=TODAY)
    page.reload()
    fake_dialogs.open_path = write(
        tmp_path, "kpis.csv", "\ufeffmonth;kpi;value;note\n2026-09;csat;80;\n2026-10;csat;85,5;\n"
    )
    fake_dialogs.answer = True
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    confirms = fake_dialogs.texts("confirm")
    assert "1 for months that have no value yet (2026-10 to 2026-10)" in confirms[0]
    assert "Customer satisfaction (CSAT) 2026-09: now 70.0, file 80.0" in confirms[1]
    assert kpi_entries.get_entry(page.wb, csat, "2026-09").value == 80
    assert kpi_entries.get_entry(page.wb, csat, "2026-10").value == 85.5
    assert "replaced 1" in page.feedback.text()


def test_import_csv_keep_mine(qtbot, page: KpisPage, monkeypatch, tmp_path, fake_dialogs) -> None:
    csat = kpi_id(page.wb, "csat")
    kpi_entries.set_entry(page.wb, csat, "2026-09", 70, today=TODAY)
    fake_dialogs.open_path = write(
        tmp_path, "kpis.csv", "month,kpi,value\n2026-09,csat,80\n2026-10,csat,85\n"
    )
    answers = iter([True, False])  # import: yes; replace: no, keep mine
    monkeypatch.setattr(dialogs, "confirm", lambda *a, **k: next(answers))
    page.import_csv()
    assert kpi_entries.get_entry(page.wb, csat, "2026-09").value == 70
    assert kpi_entries.get_entry(page.wb, csat, "2026-10").value == 85
    assert "Kept 1 existing value" in page.feedback.text()


def test_import_csv_bad_line_imports_nothing(
    page: KpisPage, fake_dialogs, tmp_path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QApplication

    fake_dialogs.open_path = write(
        tmp_path, "kpis.csv", "month,kpi,value\n2026-09,csat,80\n2026-13,csat,85\n"
    )
    before = file_bytes(page.wb)
    cursors = []
    read = ki.read_kpi_csv

    def reading(*args, **kwargs):
        cursors.append(QApplication.overrideCursor().shape())
        return read(*args, **kwargs)

    monkeypatch.setattr(ki, "read_kpi_csv", reading)
    page.import_csv()
    assert fake_dialogs.kinds() == ["open_path", "error"]
    assert "Line 3:" in fake_dialogs.texts("error")[0]
    assert file_bytes(page.wb) == before
    assert cursors == [Qt.CursorShape.WaitCursor]  # while the file is read
    assert QApplication.overrideCursor() is None  # and put back though it failed


def test_export_csv(page: KpisPage, fake_dialogs, tmp_path) -> None:
    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "nps"), "2026-10", -20, "=cmd", today=TODAY)
    fake_dialogs.save_path = tmp_path / "out.csv"
    page.export_csv()
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines() == [
        "month,kpi,value,note",
        "2026-10,Net Promoter Score (NPS),-20.0,'=cmd",
    ]
    assert "Exported 1 value" in page.feedback.text()


SURVEY = (
    "Timestamp,How likely are you to recommend us?,How satisfied were you?\n"
    "10/3/2026 9:15:22,10,5\n"
    "10/13/2026 9:15:22,6,2\n"
    "11/2/2026 9:15:22,9,\n"
)


def test_survey_import_wizard(qtbot, page: KpisPage, monkeypatch, fake_dialogs, tmp_path) -> None:
    fake_dialogs.open_path = write(tmp_path, "responses.csv", SURVEY)
    shown = accept_with(monkeypatch, lambda dialog: None)  # the suggested columns
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(page.survey_button, Qt.MouseButton.LeftButton)
    dialog = shown[0]
    assert dialog.nps_combo.currentText() == "How likely are you to recommend us?"
    assert dialog.csat_combo.currentText() == "How satisfied were you?"
    assert dialog.preview.rowCount() == 3
    nps = kpi_entries.get_entry(page.wb, kpi_id(page.wb, "nps"), "2026-10")
    assert (nps.value, nps.counts) == (0, {"promoters": 1, "passives": 0, "detractors": 1})
    assert kpi_entries.get_entry(page.wb, kpi_id(page.wb, "csat"), "2026-11") is None
    info = fake_dialogs.texts("info")[0]
    assert "Stored:" in info and "1 blank CSAT answers" in info


def test_survey_dialog_refuses_a_text_column(qtbot, page: KpisPage, tmp_path) -> None:
    from cscoach.model import survey_import

    table = survey_import.read_survey(
        b"Timestamp,Recommend,Comments\n2026-10-01,9,Lovely\n2026-10-02,7,Slow\n"
    )
    dialog = kpi_dialogs.SurveyDialog(page.wb, table, page, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.import_button.isEnabled()
    dialog.choose(nps=2)
    assert not dialog.import_button.isEnabled()
    assert "“Comments” is not a 0–10 answer column" in dialog.error.text()


def test_survey_replace_is_confirmed_listing_months(
    qtbot, page: KpisPage, monkeypatch, fake_dialogs, tmp_path
) -> None:
    nps = kpi_id(page.wb, "nps")
    kpi_entries.set_entry(page.wb, nps, "2026-10", 40, today=TODAY)
    fake_dialogs.open_path = write(tmp_path, "responses.csv", SURVEY)
    accept_with(monkeypatch, lambda dialog: None)
    fake_dialogs.answer = False  # keep mine
    page.import_survey()
    assert (
        "Net Promoter Score (NPS) 2026-10: now 40.0, survey 0.0" in fake_dialogs.texts("confirm")[0]
    )
    assert kpi_entries.get_entry(page.wb, nps, "2026-10").value == 40
    fake_dialogs.answer = True
    page.import_survey()
    assert kpi_entries.get_entry(page.wb, nps, "2026-10").value == 0


def test_definitions_add_kpi_and_change_target(qtbot, page: KpisPage, monkeypatch) -> None:
    tab = page.definitions
    page.tabs.setCurrentWidget(tab)

    def fill_new(dialog) -> None:
        dialog.name.setText("Google rating")
        dialog.unit.setText("stars")
        dialog.min_value.setText("1")
        dialog.max_value.setText("5")
        dialog.target.setText("4,6")

    accept_with(monkeypatch, fill_new)
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    new = kpis.find_kpi(page.wb, "Google rating")
    assert (new.min_value, new.max_value, new.target) == (1, 5, 4.6)
    assert "Google rating\n, stars" not in page.grid_model.headerData(4, Qt.Orientation.Horizontal)
    assert page.grid_model.kpis[-1].name == "Google rating"
    assert page.charts.chart_combo.findData(new.id) >= 0

    def fill_target(dialog) -> None:
        dialog.target.setText("4.8")
        dialog.from_month.setText("2026-09")

    accept_with(monkeypatch, fill_target)
    tab.select(new.id)
    qtbot.mouseClick(tab.target_button, Qt.MouseButton.LeftButton)
    assert kpis.target_for(page.wb, new.id, "2026-08") == 4.6
    assert kpis.target_for(page.wb, new.id, "2026-09") == 4.8
    assert tab.history.item(0).text() == "From September 2026: 4.8 stars"


def test_kpi_dialog_shows_errors_next_to_fields(qtbot, page: KpisPage) -> None:
    dialog = kpi_dialogs.KpiDialog(page.wb, None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Customer satisfaction (CSAT)")
    dialog.target.setText("1")
    dialog.accept()
    assert dialog.errors["name"].isVisible() and "already a KPI" in dialog.errors["name"].text()
    dialog.name.setText("Mystery shopper score")
    dialog.max_value.setText("10")
    dialog.target.setText("11")
    dialog.accept()
    assert "above 10" in dialog.errors["target"].text()
    assert kpis.find_kpi(page.wb, "Mystery shopper score") is None


def test_read_only_workbook(qtbot, workbook: Workbook) -> None:
    readonly = Workbook.open(workbook.path, read_only=True)
    try:
        widget = KpisPage(readonly, today=TODAY)
        qtbot.addWidget(widget)
        assert not widget.import_button.isEnabled() and not widget.survey_button.isEnabled()
        index = widget.grid_model.index(1, 0)
        assert not widget.grid_model.flags(index) & Qt.ItemFlag.ItemIsEditable
        assert widget.export_button.isEnabled()
    finally:
        readonly.close()


def test_no_window_is_left_open(qtbot, page: KpisPage) -> None:
    assert [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not page] == []


def test_every_kpi_heading_explains_its_formula(qtbot, workbook) -> None:
    from PySide6.QtCore import Qt as _Qt

    from cscoach.ui.pages.kpis.page import KpisPage

    page = KpisPage(workbook)
    qtbot.addWidget(page)
    model = page.grid.model()
    tips = [
        model.headerData(n, _Qt.Orientation.Horizontal, _Qt.ItemDataRole.ToolTipRole)
        for n in range(model.columnCount())
    ]
    assert "promoters (9–10)" in tips[1] and "÷" in tips[0] and "÷" in tips[3]


def test_the_charts_in_sight_are_drawn_before_those_scrolled_away(qtbot, page: KpisPage) -> None:
    for n in range(8):  # twelve KPIs: the dashboard is taller than the window
        kpis.add_kpi(page.wb, kpis.KpiInput(f"Own KPI {n}", "", 0, 100), 50)
    page.reload()
    page.window().resize(1000, 600)
    page.tabs.setCurrentWidget(page.charts)
    assert page.charts.busy_on_screen  # matplotlib is still on its way
    qtbot.waitUntil(lambda: not page.charts.busy_on_screen, timeout=20_000)
    in_sight = [c for c in page.charts.panels.values() if not c.visibleRegion().isEmpty()]
    assert in_sight and all(c.is_current() for c in in_sight)
    assert len(in_sight) < len(page.charts.panels)  # some are out of sight
    drawn(qtbot, page)
    assert all(c.is_current() for c in page.charts.panels.values())


# -- the review's actions ---------------------------------------------------------------


def _action(wb: Workbook, title: str, **more: object) -> int:
    from cscoach.model import actions_edit

    data = actions_edit.ActionInput(title, **more)  # type: ignore[arg-type]
    return actions_edit.add_action(wb, data, today=TODAY)


def test_review_ticks_off_the_months_actions_and_adds_new_ones(qtbot, page: KpisPage) -> None:
    from cscoach.model import actions

    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10", 86, today=TODAY)
    due = _action(page.wb, "Second till at lunch", due_on="2026-10-20")
    coming = _action(page.wb, "New menu board", due_on="2026-11-15")
    done_long_ago = _action(
        page.wb, "Call back within a day", status=actions.DONE, done_on="2026-10-01"
    )
    page.reload()
    review = page.review
    page.tabs.setCurrentWidget(review)
    review.month_combo.setCurrentIndex(review.month_combo.findData("2026-10"))
    panel = review.action_panel
    ticks = [panel.tick_list.item(r) for r in range(panel.tick_list.count())]
    by_id = {item.data(Qt.ItemDataRole.UserRole): item for item in ticks}
    assert by_id[due].checkState() == Qt.CheckState.Unchecked
    assert by_id[done_long_ago].checkState() == Qt.CheckState.Checked  # done in October
    assert [panel.coming_list.item(0).data(Qt.ItemDataRole.UserRole)] == [coming]
    # a tick is a real "done", today; an untick opens it again; Undo takes the tick back
    with qtbot.waitSignal(page.changed):
        by_id[due].setCheckState(Qt.CheckState.Checked)
    action = actions.get_action(page.wb, due)
    assert action.status == actions.DONE and action.done_on == TODAY.isoformat()
    assert "is done" in panel.said.text()
    page.wb.undo()
    assert actions.get_action(page.wb, due).status == actions.PLANNED
    # "did it help?" for the one done about a month ago, kept with the date
    assert panel.helped_list.isVisible()
    assert panel.helped_list.item(0).data(Qt.ItemDataRole.UserRole) == done_long_ago
    qtbot.mouseClick(panel.helped_buttons[0], Qt.MouseButton.LeftButton)
    helped = actions.get_action(page.wb, done_long_ago)
    assert (helped.helped, helped.helped_on) == (actions.HELPED_YES, TODAY.isoformat())
    # a new action written at the review is a real action from the review
    qtbot.keyClicks(panel.new_title, "Thank the weekend team")
    qtbot.keyClick(panel.new_title, Qt.Key.Key_Return)
    [new] = actions.actions_for_review(page.wb, "2026-10")
    assert new.title == "Thank the weekend team" and new.due_on == "2026-11-30"
    assert panel.new_title.text() == ""
    # no title: said under the box, nothing written
    qtbot.keyClick(panel.new_title, Qt.Key.Key_Return)
    assert panel.error.isVisible()
    assert len(actions.actions_for_review(page.wb, "2026-10")) == 1


def test_a_done_action_marks_its_month_with_the_averages_on_hover(qtbot, page: KpisPage) -> None:
    from matplotlib.backend_bases import MouseEvent

    from cscoach.model import actions
    from cscoach.model.actions import Source

    csat = kpi_id(page.wb, "csat")
    for month, value in (
        ("2026-05", 80),
        ("2026-06", 81),
        ("2026-07", 82),
        ("2026-08", 88),
        ("2026-09", 89),
        ("2026-10", 90),
    ):
        kpi_entries.set_entry(page.wb, csat, month, value, today=TODAY)
    _action(
        page.wb,
        "Second till at lunch",
        source=Source.kpi_month(csat, "2026-07"),
        status=actions.DONE,
        done_on="2026-08-03",
    )
    page.reload()
    page.tabs.setCurrentWidget(page.charts)
    page.charts.show_kpi(csat)
    drawn(qtbot, page)
    axes = page.charts.figure.axes[0]
    marks = gid(axes, "actions")
    [(month, tip)] = marks.cscoach_actions
    assert month == "2026-08" and "Second till at lunch" in tip
    y = axes.transAxes.transform((0, 0.01))[1]  # just inside the axes, on the triangle
    x = axes.transData.transform((marks.get_xdata()[0], 0))[0]
    event = MouseEvent("motion_notify_event", page.charts.canvas, x, y)
    assert page.charts._note_at(event) == tip  # the averages before and after, on hover


def test_the_review_day_is_kept_for_the_calendar(qtbot, page: KpisPage) -> None:
    from cscoach.model import calendar_ics

    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10", 86, today=TODAY)
    page.tabs.setCurrentWidget(page.review)
    spin = page.review.day_spin
    assert spin.value() == calendar_ics.review_day(page.wb)
    spin.setValue(12)
    spin.editingFinished.emit()
    assert calendar_ics.review_day(page.wb) == 12
    page.wb.undo()
    assert calendar_ics.review_day(page.wb) != 12


def test_the_grid_opens_on_last_month_whose_figures_are_in(page: KpisPage) -> None:
    kpi, month = page.current_cell()
    assert month == "2026-10"  # today is 22 November: November is not over


def test_the_wheel_over_a_chart_scrolls_the_page_and_news_fades(qtbot, page: KpisPage) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10", 86, today=TODAY)
    page.reload()
    page.tabs.setCurrentWidget(page.charts)
    drawn(qtbot, page)
    canvas = next(iter(page.charts.panels.values()))
    wheel = QWheelEvent(
        QPointF(10, 10),
        QPointF(canvas.mapToGlobal(QPoint(10, 10))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    canvas.wheelEvent(wheel)
    assert not wheel.isAccepted()  # passed on to the scrolling area around the charts
    page._feedback_timer.setInterval(10)
    page._feedback("CSAT, October 2026 — saved as 86.0 %.")
    assert page.feedback.isVisibleTo(page)
    qtbot.waitUntil(lambda: not page.feedback.isVisibleTo(page))


def test_ctrl_tab_switches_tabs_from_the_grid(qtbot, page: KpisPage) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.grid.setFocus()
    qtbot.waitUntil(page.grid.hasFocus)
    qtbot.keyClick(page.grid, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentWidget() is page.charts


def test_the_review_mentions_training_and_the_months_stories(qtbot, page: KpisPage) -> None:
    from cscoach.model import stories, team, training

    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10", 86, today=TODAY)
    ana = team.add_member(page.wb, "Ana")
    training.add_session(
        page.wb, training.SessionInput("2026-10-12", "Complaints role-play"), today=TODAY
    )
    stories.add_story(
        page.wb, stories.StoryInput("2026-10-20", (ana,), "Ana calmed a shouting man."), today=TODAY
    )
    page.reload()
    page.tabs.setCurrentWidget(page.review)
    page.review.month_combo.setCurrentIndex(page.review.month_combo.findData("2026-10"))
    text = page.review.training_line.text()
    assert "Training sessions held in October 2026: 1 training session" in text
    assert "Stories to tell: 1 story (Ana)" in text


def test_grid_headings_take_fewer_lines_in_wider_columns(qtbot, page: KpisPage) -> None:
    model = page.grid_model
    average = page.grid.fontMetrics().averageCharWidth()
    page.grid.horizontalHeader().resizeSection(0, 18 * average)  # as on a small screen
    assert model.headerData(0, Qt.Orientation.Horizontal).count("\n") >= 1
    page.grid.horizontalHeader().resizeSection(0, 90 * average)  # a wide screen's column
    assert model.headerData(0, Qt.Orientation.Horizontal).count("\n") == 0


def test_the_notes_under_the_charts_fold_away(qtbot, page: KpisPage) -> None:
    kpi_entries.set_entry(page.wb, kpi_id(page.wb, "csat"), "2026-10", 85, "Rain", today=TODAY)
    page.reload()
    page.tabs.setCurrentWidget(page.charts)
    charts = page.charts
    assert charts.notes_label.isVisible() and charts.notes_toggle.text() == "Hide Notes ▴"
    charts.notes_toggle.click()
    assert not charts.notes_label.isVisible()
    assert charts.notes_toggle.text() == "Show Notes ▾"
    charts.notes_toggle.click()
    assert charts.notes_label.isVisible()


def test_the_retire_question_counts_the_values_kept_in_words() -> None:
    from cscoach.ui.pages.kpis.definitions_tab import _kept_values

    assert _kept_values(0) == ""
    assert "keeps its value," in _kept_values(1)
    assert "keeps its 17 values," in _kept_values(17)
    assert "(s)" not in _kept_values(2)
