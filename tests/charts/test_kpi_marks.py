"""The mark on a KPI chart where an action from its review was done (issue 19): a triangle
on the month's axis and a dotted line up it, the tooltip text beside it for the page, a
legend entry only when a mark is shown, and nothing at all without marks."""

from __future__ import annotations

from cscoach.charts import kpi_charts as kc
from cscoach.model import kpi_series
from cscoach.model.action_loop import KpiMark
from cscoach.model.kpi_series import KpiSeries

MONTHS = ("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06")


def make_series(marks: tuple[KpiMark, ...] = ()) -> KpiSeries:
    values = (80.0, 82.0, 81.0, 86.0, 87.0, 88.0)
    return KpiSeries(
        kpi_id=1,
        name="Customer satisfaction (CSAT)",
        unit="%",
        higher_is_better=True,
        months=MONTHS,
        values=values,
        targets=(85.0,) * 6,
        rolling=tuple(kpi_series.rolling_average(values)),
        notes=("",) * 6,
        marks=marks,
    )


MARK = KpiMark(
    "2026-03", ("Retrain the team",), 81.0, 87.0, "Done in March 2026: Retrain the team\nCSAT…"
)
OUTSIDE = KpiMark("2025-12", ("Earlier",), None, 80.0, "Done in December 2025: Earlier")


def gids(fig) -> list[str]:
    return [a.get_gid() for a in fig.axes[0].get_lines()]


def test_a_mark_on_the_month_with_its_tooltip() -> None:
    fig = kc.kpi_figure(make_series((MARK, OUTSIDE)))
    (actions,) = [a for a in fig.axes[0].get_lines() if a.get_gid() == "actions"]
    assert list(actions.get_xdata()) == [2]  # March; December is not shown
    assert actions.cscoach_actions == [("2026-03", MARK.tooltip)]
    assert gids(fig).count("action_line") == 1
    assert "actions" in kc.legend_gids([make_series((MARK,))])


def test_no_marks_draw_nothing_more() -> None:
    fig = kc.kpi_figure(make_series((OUTSIDE,)))
    assert "actions" not in gids(fig) and "action_line" not in gids(fig)
    assert "actions" not in kc.legend_gids([make_series((OUTSIDE,))])


def test_drawn_again_on_the_same_figure_the_marks_go_with_the_old_plot() -> None:
    fig = kc.kpi_figure(make_series((MARK,)))
    kc.kpi_figure(make_series(), figure=fig)
    assert "actions" not in gids(fig) and "action_line" not in gids(fig)


def test_the_dashboard_panels_carry_their_marks() -> None:
    fig = kc.dashboard_figure([make_series((MARK,)), make_series()])
    first = [a.get_gid() for a in fig.axes[0].get_lines()]
    second = [a.get_gid() for a in fig.axes[1].get_lines()]
    assert "actions" in first and "actions" not in second
    kc.figure_png(fig, dpi=50)  # draws without an error
