from __future__ import annotations

import datetime as dt

from cscoach.model import culture_map as cm
from cscoach.model import philosophy as ph
from cscoach.model import standards as st
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)


def link_value(wb: Workbook, table: str, column: str, row_id: int, value_id: int) -> None:
    with wb.transaction() as db:
        db.table(table).insert({column: row_id, "value_id": value_id})


def test_gaps_and_unanchored(workbook: Workbook) -> None:
    served = ph.add_value(workbook, "Own the problem")
    lonely = ph.add_value(workbook, "Warmth")
    standard = st.list_standards(workbook)[0]
    criterion = workbook.query_one("SELECT id FROM hiring_criteria ORDER BY position")["id"]
    kpi = workbook.query_one("SELECT id FROM kpis WHERE key = 'csat'")["id"]
    st.update_standard(
        workbook,
        standard.id,
        st.StandardInput(standard.title, standard.category_id, value_ids=(served,)),
    )
    link_value(workbook, "criterion_values", "criterion_id", criterion, served)
    link_value(workbook, "kpi_values", "kpi_id", kpi, served)
    cmap = cm.culture_map(workbook, TODAY)
    rows = {r.name: r for r in cmap.values}
    # a linked KPI with no value in the last year is not "measured"
    assert rows["Own the problem"].gaps == (cm.GAP_KPI,)
    with workbook.transaction() as db:
        db.table("kpi_entries").insert({"kpi_id": kpi, "month": "2026-10", "value": 90.0})
    rows = {r.name: r for r in cm.culture_map(workbook, TODAY).values}
    assert rows["Own the problem"].gaps == ()
    assert [s.name for s in rows["Own the problem"].standards] == [standard.title]
    assert rows["Warmth"].gaps == (cm.GAP_STANDARD, cm.GAP_CRITERION, cm.GAP_KPI)
    assert lonely == rows["Warmth"].id
    cmap = cm.culture_map(workbook, TODAY)
    assert standard.title not in [s.name for s in cmap.unanchored_standards]
    assert len(cmap.unanchored_standards) == len(st.list_standards(workbook)) - 1
    assert len(cmap.unanchored_criteria) == 4
    assert cmap.gap_count == 3


def test_old_kpi_values_do_not_count_as_measured(workbook: Workbook) -> None:
    value = ph.add_value(workbook, "Speed")
    kpi = workbook.query_one("SELECT id FROM kpis WHERE key = 'resolution_time'")["id"]
    link_value(workbook, "kpi_values", "kpi_id", kpi, value)
    with workbook.transaction() as db:
        db.table("kpi_entries").insert({"kpi_id": kpi, "month": "2024-01", "value": 5.0})
    (row,) = cm.culture_map(workbook, TODAY).values
    assert cm.GAP_KPI in row.gaps and row.kpis[0].measured is False


def test_retired_links_do_not_serve(workbook: Workbook) -> None:
    value = ph.add_value(workbook, "Speed")
    standard = st.list_standards(workbook)[0]
    st.update_standard(
        workbook,
        standard.id,
        st.StandardInput(standard.title, standard.category_id, value_ids=(value,)),
    )
    st.set_active(workbook, standard.id, False)
    (row,) = cm.culture_map(workbook, TODAY).values
    assert cm.GAP_STANDARD in row.gaps


def test_demo_has_a_deliberate_gap(demo_workbook: Workbook) -> None:
    cmap = cm.culture_map(demo_workbook, TODAY)
    assert cmap.gap_count >= 1
    assert any(row.gaps for row in cmap.values)


def test_a_standards_kpi_serves_the_standards_values(workbook: Workbook) -> None:
    value = ph.add_value(workbook, "Speed")
    kpi = workbook.query_one("SELECT id FROM kpis WHERE key = 'resolution_time'")["id"]
    standard = st.list_standards(workbook)[0]
    st.update_standard(
        workbook,
        standard.id,
        st.StandardInput(standard.title, standard.category_id, value_ids=(value,), kpi_id=kpi),
    )
    with workbook.transaction() as db:
        db.table("kpi_entries").insert({"kpi_id": kpi, "month": "2026-10", "value": 5.0})
    (row,) = cm.culture_map(workbook, TODAY).values
    assert [k.name for k in row.kpis] == ["Average resolution time"]
    assert cm.GAP_KPI not in row.gaps


def test_standards_carry_their_category_name(workbook: Workbook) -> None:
    """The printed map lists a value's standards under the names of their categories."""
    value = ph.add_value(workbook, "Warmth")
    standard = st.list_standards(workbook)[0]
    category = next(c for c in st.list_categories(workbook) if c.id == standard.category_id)
    st.update_standard(
        workbook,
        standard.id,
        st.StandardInput(standard.title, standard.category_id, value_ids=(value,)),
    )
    cmap = cm.culture_map(workbook, TODAY)
    (row,) = cmap.values
    assert [(s.name, s.category) for s in row.standards] == [(standard.title, category.name)]
    assert all(s.category for s in cmap.unanchored_standards)
