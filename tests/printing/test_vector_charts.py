"""The monthly review's charts as vector graphics (printing/vector_charts.py), read back with
pypdf: no picture, the words are text, the latest value's label right of its month."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from cscoach.charts.dashboard_geometry import STATUS_SIZES, TITLE_SIZES
from cscoach.model import kpi_series
from cscoach.model.kpi_series import KpiSeries
from cscoach.printing.base import FONT, FONT_BOLD, DocumentInfo, build_pdf
from cscoach.printing.vector_charts import Dashboard, legend_entries


def series(name: str, values: tuple[float | None, ...], target: float = 85.0) -> KpiSeries:
    months = tuple(f"2026-{n:02d}" for n in range(1, len(values) + 1))
    return KpiSeries(
        kpi_id=1,
        name=name,
        unit="%",
        higher_is_better=True,
        months=months,
        values=values,
        targets=(target,) * len(values),
        rolling=tuple(kpi_series.rolling_average(values)),
        notes=("",) * (len(values) - 1) + ("A note",),
        min_value=0.0,
        max_value=100.0,
    )


def runs(data: bytes) -> list[tuple[str, float, float]]:
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            found.append((text.strip(), tm[4] + cm[4], tm[5] + cm[5]))

    reader = PdfReader(io.BytesIO(data))
    reader.pages[0].extract_text(visitor_text=visit)
    assert len(reader.pages[0].images) == 0  # nothing drawn as a picture
    return found


def test_the_dashboard_is_text_and_lines() -> None:
    charts = [
        series("Customer satisfaction (CSAT)", (84.0, 86.0, None, 88.0, 87.5, 88.9)),
        series("Retention", (80.0, 81.0, 82.0, 83.0, 84.5, 83.7), target=80.0),
    ]
    info = DocumentInfo("Monthly review", "Café")
    pdf = build_pdf(info, [Dashboard(charts, 170 * mm, 1.6)])
    found = runs(pdf)
    words = [t for t, _, _ in found]
    assert "Customer satisfaction (CSAT)" in words and "Retention" in words
    assert "On-target side" in words and "Has a note" in words
    assert legend_entries(charts) == ["values", "target", "on_target", "rolling", "notes"]
    # the latest value's label right of June's month label (its point), never over May's
    june = [x for t, x, _ in found if t == "Jun"]
    label = [x for t, x, _ in found if t == "88.9"]
    assert label and june and min(label) > min(june)
    text = "\n".join(words)
    assert "No values yet" not in text


def test_a_kpi_without_values_says_so() -> None:
    empty = series("New KPI", (None, None, None))
    pdf = build_pdf(DocumentInfo("Monthly review", "Café"), [Dashboard([empty], 170 * mm, 1.6)])
    assert "No values yet" in [t for t, _, _ in runs(pdf)]


def test_four_columns_of_titles_never_run_into_each_other() -> None:
    """Twenty KPIs with long names: each title and status line ends before the next panel's
    begins (shortened with "…"), the last column's within the page."""
    names = [f"Email replied within 24 hours at desk {n}" for n in range(20)]
    charts = [series(name, (84.0, 86.0, 88.0, 87.5, 88.9, 90.1)) for name in names]
    width = 170 * mm
    pdf = build_pdf(DocumentInfo("Monthly review", "Café"), [Dashboard(charts, width, 1.0)])
    found = runs(pdf)
    titles = [(t, x, y) for t, x, y in found if t.startswith("Email replied")]
    statuses = [(t, x, y) for t, x, y in found if t.startswith("90.1 %")]
    assert len(titles) == len(statuses) == 20
    assert any(t.endswith("…") for t, _, _ in titles)
    for lines, font, size in (
        (titles, FONT_BOLD, TITLE_SIZES.get(4, 8)),
        (statuses, FONT, STATUS_SIZES.get(4, 7)),
    ):
        rows: dict[float, list[tuple[float, float]]] = {}
        for t, x, y in lines:
            rows.setdefault(round(y), []).append((x, x + stringWidth(t, font, size)))
        for row in rows.values():
            row.sort()
            assert len(row) == 4
            for (_, end), (start, _) in zip(row, row[1:], strict=False):
                assert end < start
