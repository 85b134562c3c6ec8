"""Links between pages: from a standard to its value, from a value to the culture map, from
a KPI chart to the standards it shows."""

from __future__ import annotations

from cscoach.model import philosophy as ph
from cscoach.model import standards as st


def test_standard_links_to_its_value_and_value_to_culture_map(qtbot, main_window) -> None:
    wb = main_window.wb
    value = ph.add_value(wb, "Own the problem")
    standard = st.list_standards(wb)[0]
    st.update_standard(
        wb,
        standard.id,
        st.StandardInput(standard.title, standard.category_id, value_ids=(value,)),
    )
    main_window.show_page("standards")
    page = main_window.current_page()
    page.table.selectRow(0)
    page.form.value_link.click()
    assert main_window.current_page_key() == "philosophy"
    philosophy = main_window.current_page()
    assert philosophy.tabs.currentIndex() == 1 and philosophy.value_id == value
    assert philosophy.value_name.text() == "Own the problem"
    philosophy.culture_link.click()
    assert main_window.current_page_key() == "overview"
    overview = main_window.current_page()
    assert overview.tabs.currentWidget() is overview.culture_map


def test_kpi_chart_lists_the_standards_it_shows(qtbot, main_window) -> None:
    wb = main_window.wb
    kpi = wb.query_one("SELECT id FROM kpis WHERE key = 'csat'")["id"]
    standard = st.list_standards(wb)[0]
    st.update_standard(
        wb, standard.id, st.StandardInput(standard.title, standard.category_id, kpi_id=kpi)
    )
    main_window.show_page("kpis")
    page = main_window.current_page()
    page.tabs.setCurrentWidget(page.charts)
    page.charts.show_kpi(kpi)
    qtbot.waitUntil(lambda: standard.title in page.charts.standards_label.text())
    page.charts.standards_link.click()
    assert main_window.current_page_key() == "standards"
