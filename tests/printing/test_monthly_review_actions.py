"""The printed monthly review and the actions (issue 19): the actions due by the end of the
month with boxes to tick (done ones ticked), those done a month ago asking "did it help?",
those due in the coming month, and under the charts what their triangles mean, with the
averages. Long lists are cut with a line saying how many more (issue 22): the review lists
what the Monthly Review tab lists, in its order, but not twenty pages of it."""

from __future__ import annotations

import io

import pytest
from helpers.dates import FIXED_TODAY
from pypdf import PdfReader

from cscoach.model import action_loop, actions_edit, kpi_entries, kpis
from cscoach.model.actions_edit import ActionInput
from cscoach.model.workbook import Workbook
from cscoach.printing import monthly_review
from cscoach.printing.documents import PrintRequest, render


def text_of(wb: Workbook, month: str, size: str = "a4") -> tuple[int, str]:
    pdf = render(
        wb, PrintRequest("monthly-review", month=month, page_size=size, today=FIXED_TODAY)
    ).pdf
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "".join("".join(p.extract_text().split()) for p in reader.pages)


def squash(value: str) -> str:
    return "".join(value.split())


def test_the_review_ticks_off_asks_and_looks_ahead(demo_workbook: Workbook) -> None:
    pages, flat = text_of(demo_workbook, "2026-10")
    assert pages <= 2
    assert squash("Due by the end of October 2026: done?") in flat
    assert squash("☑ Bring back the small sizes — you, done 28 October") in flat
    assert squash("Done about a month ago: did it help?") in flat
    assert squash("Practise greeting within 30 seconds — done 21 October") in flat
    assert squash("☐ yes ☐ not yet ☐ no") in flat
    assert squash("Due in November 2026") in flat
    assert squash("☐ Move the phone to the counter — Tomasz Nowak, due 10 November") in flat
    # under the charts: the triangles and the averages before and after
    assert squash("▲ Oct 2026: Practise greeting within 30 seconds.") in flat
    assert squash("3-month average:") in flat and squash("not known yet after") in flat


def test_an_old_months_review_does_not_ask_did_it_help(demo_workbook: Workbook) -> None:
    _, flat = text_of(demo_workbook, "2026-08", "letter")
    assert squash("Due by the end of August 2026: done?") in flat
    assert squash("did it help?") not in flat
    assert squash("▲ Aug 2026: Ready replies for the emails we get most.") in flat


def add(wb: Workbook, title: str, **fields: object) -> None:
    actions_edit.add_action(wb, ActionInput(title, **fields), today=FIXED_TODAY)  # type: ignore[arg-type]


@pytest.fixture
def busy(workbook: Workbook) -> Workbook:
    """October 2026 reviewed with far more actions than a meeting goes through: ten still
    open from September and October, five done in October, eight done in August and never
    asked "did it help?", eight due in November."""
    kpi_entries.set_entry(
        workbook, kpis.kpi_by_key(workbook, "csat").id, "2026-10", 88, today=FIXED_TODAY
    )
    for n in range(1, 11):
        add(workbook, f"Open {n:02d}", due_on=f"2026-{9 + n // 6:02d}-{n + 1:02d}")
    for n in range(1, 6):
        add(workbook, f"Done {n}", due_on="2026-10-20", status="done", done_on=f"2026-10-0{n}")
    for n in range(1, 9):
        add(workbook, f"Helped {n}", due_on="2026-08-20", status="done", done_on=f"2026-08-0{n}")
    for n in range(1, 9):
        add(workbook, f"Coming {n}", due_on=f"2026-11-1{n}")
    return workbook


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_long_lists_are_cut_with_how_many_more(busy: Workbook, size: str) -> None:
    found = action_loop.review_actions(busy, "2026-10", FIXED_TODAY)
    pages, flat = text_of(busy, "2026-10", size)
    assert pages <= 2
    # the open ones first, the longest overdue first, then the newest done
    shown = [f"Open {n:02d}" for n in range(1, monthly_review.OPEN_MOST + 1)]
    assert all(squash(title) in flat for title in shown)
    assert [flat.index(squash(t)) for t in shown] == sorted(flat.index(squash(t)) for t in shown)
    assert squash(f"Open {monthly_review.OPEN_MOST + 1:02d}") not in flat
    assert squash("☑ Done 5 — you, done 5 October") in flat
    assert squash("Done 1 — you") not in flat
    open_left = 10 - monthly_review.OPEN_MOST
    done_left = 5 - monthly_review.CLOSED_MOST
    assert (
        squash(
            f"… and {open_left + done_left} more ({open_left} still open, {done_left} done): "
            "see the Actions page"
        )
        in flat
    )
    helped_left = len(found.did_it_help) - monthly_review.HELPED_MOST
    assert squash(f"… and {helped_left} more done earlier, waiting for an answer") in flat
    coming_left = len(found.coming) - monthly_review.COMING_MOST
    assert squash("Coming 1 — you, due 11 November") in flat
    assert squash(f"… and {coming_left} more: see the Actions page") in flat
    assert squash(f"Coming {monthly_review.COMING_MOST + 1}") not in flat


def test_short_lists_are_whole(demo_workbook: Workbook) -> None:
    """The demo's lists are short: every action is there and no line counts more."""
    found = action_loop.review_actions(demo_workbook, "2026-10", FIXED_TODAY)
    _, flat = text_of(demo_workbook, "2026-10")
    for action in (*found.to_tick, *found.did_it_help, *found.coming):
        assert squash(action.title) in flat
    assert squash("more: see the Actions page") not in flat


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_twenty_kpis_and_long_lists_keep_the_charts_whole(busy: Workbook, size: str) -> None:
    """The table and the lists take more than a page: the charts follow them, all twenty
    panels on one page under their heading (here or on the next page), never split."""
    from cscoach.model.months import months_between

    for n in range(16):
        new = kpis.add_kpi(busy, kpis.KpiInput(f"Own KPI number {n + 1}", "people", 0, 1000), 50)
        for k, month in enumerate(months_between("2025-11", "2026-10")):
            kpi_entries.set_entry(busy, new, month, 40 + n + (k * 7) % 13, today=FIXED_TODAY)
    pdf = render(
        busy, PrintRequest("monthly-review", month="2026-10", page_size=size, today=FIXED_TODAY)
    ).pdf
    pages = [squash(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) <= 3
    charts = [p for p in pages if squash("The last 12 months") in p]
    assert len(charts) == 1
    assert all(squash(f"Own KPI number {n + 1}") in charts[0] for n in range(16))
    assert squash("What we will do next") in "".join(pages)
