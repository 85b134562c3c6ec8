"""The KPI page's Kiosk tab: the demo café's votes by day and hour, a typed month's choice
(nothing overwritten until the owner says), and the kiosk's share shown with the counts."""

from __future__ import annotations

import datetime as dt

from helpers.dates import FIXED_TODAY
from PySide6.QtWidgets import QPushButton

from cscoach.model import kiosk, kiosk_kpis, kpi_entries
from cscoach.model.kiosk_votes import KioskSession
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.kpis.page import KpisPage

MONTH = f"{FIXED_TODAY:%Y-%m}"


def kpi_id(wb: Workbook, key: str) -> int:
    row = wb.query_one("SELECT id FROM kpis WHERE key = ?", (key,))
    assert row
    return int(row["id"])


def show_kiosk_tab(qtbot, wb: Workbook) -> KpisPage:  # noqa: ANN001
    page = KpisPage(wb, today=FIXED_TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentWidget(page.kiosk)
    return page


def test_the_demo_cafes_votes_by_day_and_hour(qtbot, demo_workbook: Workbook) -> None:
    page = show_kiosk_tab(qtbot, demo_workbook)
    tab = page.kiosk
    assert tab.month.count() == 1 and tab.by_day.rowCount() >= 20
    hours = [tab.by_hour.item(r, 0).text() for r in range(tab.by_hour.rowCount())]
    assert hours[0] == "07:00–07:59" and "12:00–12:59" in hours
    assert "least happy between 12:00" in tab.summary.text() or "least happy between 13:00" in (
        tab.summary.text()
    )
    assert not tab.choices.isVisible() and not tab.stale.isVisible()
    assert "presses were not counted, coming within seconds of a vote" in tab.summary.text()


def test_a_typed_month_waits_for_the_owners_choice(qtbot, workbook: Workbook) -> None:
    csat = kpi_id(workbook, "csat")
    kpi_entries.set_entry(workbook, csat, MONTH, 90, today=FIXED_TODAY)
    seconds = [0.0]

    def monotonic() -> float:
        seconds[0] += 10
        return seconds[0]

    session = KioskSession(
        workbook,
        kiosk.KioskSettings(follow_up=False),
        now=lambda: dt.datetime.combine(FIXED_TODAY, dt.time(9, 30)),
        monotonic=monotonic,
    )
    for face in (5, 4, 2, 1):
        session.press(kiosk.CSAT, face)
    page = show_kiosk_tab(qtbot, workbook)
    page.tabs.setCurrentIndex(0)
    page.select_item("kiosk", 0)  # the Overview's next step opens the tab
    assert page.tabs.currentWidget() is page.kiosk
    tab = page.kiosk
    assert tab.choices.isVisible()
    add = tab.findChild(QPushButton, f"kioskAdd_csat_{MONTH}")
    use = tab.findChild(QPushButton, f"kioskUse_csat_{MONTH}")
    assert add is not None and use is not None
    assert not add.isEnabled()  # typed without counts: nothing to add to
    use.click()
    entry = kpi_entries.get_entry(workbook, csat, MONTH)
    assert entry and entry.value == 50 and kiosk_kpis.from_kiosk(entry)
    qtbot.waitUntil(lambda: not tab.choices.isVisible(), timeout=2000)
    page.tabs.setCurrentIndex(0)
    page.select_cell(csat, MONTH)
    assert "All 4 answers came from the counter kiosk." in page.cell_formula.text()
