"""The monthly review PDF, read back with pypdf: the table with on/off-target symbols, the
month before and a year before, notes and plans as typed, one or two pages, the charts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from cscoach.model import kpi_entries, kpi_review, kpis
from cscoach.model.errors import ValidationError
from cscoach.model.months import month_label, months_between
from cscoach.model.workbook import Workbook
from cscoach.printing.documents import PrintRequest, render

TODAY = dt.date(2026, 11, 22)


def review_pdf(wb: Workbook, request: PrintRequest) -> bytes:
    return render(wb, request).pdf


def read(data: bytes) -> tuple[int, str, PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages), reader


def squash(value: str) -> str:
    return "".join(value.split())


def kpi_id(wb: Workbook, key: str) -> int:
    return kpis.kpi_by_key(wb, key).id


@pytest.fixture
def filled(workbook: Workbook) -> Workbook:
    csat, nps = kpi_id(workbook, "csat"), kpi_id(workbook, "nps")
    hours = kpi_id(workbook, "resolution_time")
    for n, month in enumerate(months_between("2025-10", "2026-10")):
        kpi_entries.set_entry(workbook, csat, month, 80 + n * 0.5, today=TODAY)
        kpi_entries.set_entry(workbook, hours, month, 30 - n, today=TODAY)
    kpi_entries.set_entry(workbook, nps, "2026-09", 35, today=TODAY)
    kpi_entries.set_entry(
        workbook, nps, "2026-10", -12.25, "Café shut for a week <roadworks> & Q&A", today=TODAY
    )
    kpi_review.save_next_steps(
        workbook, "2026-09", "Train Bo on the till\nFix the door bell", today=TODAY
    )
    kpi_review.save_next_steps(workbook, "2026-10", "Call back every complaint (Ана)", today=TODAY)
    return workbook


def test_review_table_symbols_and_text_as_typed(filled: Workbook) -> None:
    pdf = review_pdf(filled, PrintRequest("monthly-review", month="2026-10", today=TODAY))
    pages, text, reader = read(pdf)
    assert pages in (1, 2)
    flat = squash(text)
    assert "Monthly review: October 2026" in text
    assert "Corner Café" in text
    for heading in ("This month", "Target", "Status", "Month before", "A year before"):
        assert squash(heading) in flat
    # CSAT: 86.0 against 85 → on target; a year before (2025-10) 80.0; month before 85.5
    assert squash("86.0 %") in flat and squash("✓ On target") in flat
    assert squash("85.5 ▲ better") in flat
    assert squash("80.0 ▲ better") in flat
    # NPS −12.2 against 40 → off target, with a symbol, not only a colour
    assert squash("−12.2") in flat and squash("✗ Off target") in flat
    # resolution time 18 hours against 24, lower is better: on target; down is better
    assert squash("18.0 hours") in flat and squash("19.0 ▼ better") in flat
    assert squash("Café shut for a week <roadworks> & Q&A") in flat
    assert squash("What we planned in September 2026: done?") in flat
    assert squash("Train Bo on the till") in flat and squash("Fix the door bell") in flat
    assert squash("Call back every complaint (Ана)") in flat
    assert squash("The last 12 months (Nov 2025 to Oct 2026)") in flat
    assert "Page 1 of" in text
    # the dashboard is drawn as vector graphics: no picture, its words are text
    assert [img for page in reader.pages for img in page.images] == []
    assert squash("On-target side") in flat and squash("3-month average") in flat
    assert flat.count(squash("Customer satisfaction (CSAT)")) >= 2  # the table and its panel
    assert squash("86.0 % · ✓ on target") in flat  # a panel's status line

    assert squash("2 of 3 KPIs with a value in October 2026 on target") in flat
    # every figure of a row is in the unit written beside the KPI's name (none for a score)
    assert squash("Customer satisfaction (CSAT) % 86.0 85.0 or more") in flat
    assert squash("Average resolution time hours 18.0 24.0 or less") in flat
    assert squash("Net Promoter Score (NPS) −12.2") in flat


def test_defaults_to_the_latest_month_with_data(filled: Workbook) -> None:
    _, text, _ = read(review_pdf(filled, PrintRequest("monthly-review", today=TODAY)))
    assert "Monthly review: October 2026" in text


def test_the_latest_month_on_letter_paper(filled: Workbook) -> None:
    pages, text, reader = read(
        review_pdf(filled, PrintRequest("monthly-review", page_size="letter"))
    )
    assert "Monthly review: October 2026" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (612, 792)


def test_empty_plan_prints_lines_to_write_on(filled: Workbook) -> None:
    pdf = review_pdf(filled, PrintRequest("monthly-review", month="2026-08", today=TODAY))
    pages, text, _ = read(pdf)
    assert pages in (1, 2)
    assert "Nothing written yet" in text


def test_short_month_fits_on_one_page(workbook: Workbook) -> None:
    kpi_entries.set_entry(workbook, kpi_id(workbook, "csat"), "2026-10", 90, today=TODAY)
    kpi_review.save_next_steps(workbook, "2026-10", "Keep going", today=TODAY)
    pages, text, _ = read(
        review_pdf(workbook, PrintRequest("monthly-review", month="2026-10", today=TODAY))
    )
    assert pages == 1
    assert squash("1 of 1 KPI with a value in October 2026 on target") in squash(text)
    assert squash("— No value") in squash(text)


@pytest.mark.parametrize("size", ["a4", "letter"])
def test_many_kpis_stay_within_two_pages(workbook: Workbook, size: str) -> None:
    for n in range(8):
        new = kpis.add_kpi(workbook, kpis.KpiInput(f"Own KPI number {n + 1}", "", 0, 100), 50)
        for month in months_between("2025-11", "2026-10"):
            kpi_entries.set_entry(workbook, new, month, 40 + n, f"note {month}", today=TODAY)
    kpi_review.save_next_steps(
        workbook, "2026-09", "\n".join(f"Action {n}" for n in range(6)), today=TODAY
    )
    pdf = review_pdf(
        workbook, PrintRequest("monthly-review", month="2026-10", page_size=size, today=TODAY)
    )
    pages, text, _ = read(pdf)
    assert pages <= 2
    assert "Own KPI number 8" in text and "Action 5" in text


@pytest.mark.parametrize(
    ("month", "field"), [("2026-13", "month"), ("2027-01", "month"), (None, "month")]
)
def test_bad_month_or_nothing_to_review(workbook: Workbook, month, field) -> None:
    with pytest.raises(ValidationError) as caught:
        review_pdf(workbook, PrintRequest("monthly-review", month=month, today=TODAY))
    assert caught.value.field == field


@pytest.mark.parametrize("size", ["a4", "letter"])
@pytest.mark.parametrize("noted", [1, 5])
def test_twenty_kpis_fit_two_pages(workbook: Workbook, size: str, noted: int) -> None:
    """Twenty KPIs (the four standard ones and sixteen of the owner's), a year of values,
    notes on one or five of them, last month's plan and this month's: two pages."""
    months = months_between("2025-11", "2026-10")
    for n in range(16):
        name = f"Own KPI with a longer name, number {n + 1}"
        new = kpis.add_kpi(workbook, kpis.KpiInput(name, "people", 0, 1000), 50 + n)
        for k, month in enumerate(months):
            kpi_entries.set_entry(workbook, new, month, 40 + n + (k * 7) % 13, today=TODAY)
    for k, month in enumerate(months):
        kpi_entries.set_entry(workbook, kpi_id(workbook, "csat"), month, 80 + k % 5, today=TODAY)
    lines = kpi_review.monthly_review(workbook, "2026-10", today=TODAY).lines
    for line in [line for line in lines if line.value is not None][:noted]:
        note = f"What happened to {line.kpi.name} this month, and why, in a sentence or two."
        kpi_entries.set_note(workbook, line.kpi.id, "2026-10", note, today=TODAY)
    plan = "\n".join(f"Action {n}: call back every complaint within a day (Ana)" for n in range(5))
    kpi_review.save_next_steps(workbook, "2026-09", plan, today=TODAY)
    kpi_review.save_next_steps(workbook, "2026-10", plan.replace("Action", "Step"), today=TODAY)
    pdf = review_pdf(
        workbook, PrintRequest("monthly-review", month="2026-10", page_size=size, today=TODAY)
    )
    pages, text, reader = read(pdf)
    assert pages <= 2
    flat = squash(text)
    assert squash("Own KPI with a longer name, number 16") in flat
    assert squash("Action 4") in flat and squash("Step 4") in flat
    assert [img for page in reader.pages for img in page.images] == []  # vector charts


# -- the month's customer feedback -------------------------------------------------------------


def test_the_months_feedback_in_two_lines(filled: Workbook) -> None:
    from cscoach.model import feedback as fb
    from cscoach.model import feedback_edit as fe
    from cscoach.model import feedback_themes as th

    wait = th.find_theme(filled, "Wait time")
    assert wait is not None
    th.rename_theme(filled, wait.id, "Wait <time> & queue")
    for day in ("2026-10-02", "2026-10-09", "2026-10-20"):
        data = fb.FeedbackInput(day, "complaint", "Slow", theme_ids=(wait.id,))
        fe.add_item(filled, data, today=TODAY)
    fe.add_item(filled, fb.FeedbackInput("2026-10-05", "compliment", "Lovely"), today=TODAY)
    pdf = review_pdf(filled, PrintRequest("monthly-review", month="2026-10", today=TODAY))
    pages, text, _ = read(pdf)
    assert pages in (1, 2)
    flat = squash(text)
    assert (
        squash("Customer feedback in October 2026: 1 compliment, 3 complaints (3 still open).")
        in flat
    )
    assert squash("Recurring: Wait <time> & queue (3 complaints this month).") in flat
    assert squash("Full report: Feedback › Print…") in flat
    assert squash("or cscoach print feedback --month 2026-10") in flat
    # a month without feedback says so in one line
    _, text, _ = read(
        review_pdf(filled, PrintRequest("monthly-review", month="2026-09", today=TODAY))
    )
    assert squash("Nothing was written down in September 2026.") in squash(text)
    assert squash("No theme recurred.") in squash(text)


@pytest.mark.parametrize(("month", "size"), [("2026-04", "a4"), ("2026-08", "letter")])
def test_the_feedback_lines_keep_the_review_on_its_pages(
    demo_workbook: Workbook, month: str, size: str
) -> None:
    """The demo's months that print on one page without the feedback and training lines
    still do with them: they take their room from the charts."""
    from cscoach.model.feedback_links import month_feedback
    from cscoach.printing import monthly_review

    shown: list[object] = []
    real = monthly_review.monthly_review_document

    def without(info, review, series, feedback=None, actions=None, training=None):
        shown.append(feedback)
        return real(info, review, series, None, actions, None)

    request = PrintRequest("monthly-review", month=month, page_size=size, today=TODAY)
    with_lines, text, _ = read(review_pdf(demo_workbook, request))
    assert squash(f"Customer feedback in {month_label(month)}:") in squash(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(monthly_review, "monthly_review_document", without)
        without_lines, _, _ = read(review_pdf(demo_workbook, request))
    assert shown == [month_feedback(demo_workbook, month, today=TODAY)]
    assert with_lines == without_lines == 1


def test_a_kpi_note_keeps_its_line_breaks(filled: Workbook) -> None:
    csat = next(k for k in kpis.list_kpis(filled) if "CSAT" in k.name)
    note = "Kiosk moved to the door.\nTwo new baristas started.\nSurvey cards ran out."
    kpi_entries.set_note(filled, csat.id, "2026-10", note, today=TODAY)
    _, text, _ = read(
        review_pdf(filled, PrintRequest("monthly-review", month="2026-10", today=TODAY))
    )
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "Two new baristas started." in lines and "Survey cards ran out." in lines


def test_the_body_lines_up_with_the_header_rule(filled: Workbook) -> None:
    from cscoach.printing.base import MARGIN

    data = review_pdf(filled, PrintRequest("monthly-review", month="2026-10", today=TODAY))
    starts: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip().startswith("Monthly review: October 2026"):
            starts.append(tm[4] + cm[4])

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    assert abs(min(starts) - MARGIN) < 1, starts  # the title starts where the header's rule does


def test_many_notes_run_on_but_keep_a_notes_lines(workbook: Workbook) -> None:
    """Past four notes the one-line notes follow one another in a paragraph; a note typed on
    several lines keeps them."""
    for n in range(2):
        kpis.add_kpi(workbook, kpis.KpiInput(f"Own KPI {n + 1}", "people", 0, 100), 50)
    typed = {
        "Customer satisfaction (CSAT)": "Cards ran out.",
        "Net Promoter Score (NPS)": "Two new baristas.",
        "Customer retention rate": "Loyalty cards\nstamped twice\nby mistake.",
        "Own KPI 1": "Quiet week.",
        "Own KPI 2": "Roadworks.",
    }
    for kpi in kpis.list_kpis(workbook):
        if kpi.name in typed:
            kpi_entries.set_entry(workbook, kpi.id, "2026-10", 60, typed[kpi.name], today=TODAY)
    _, text, _ = read(
        review_pdf(workbook, PrintRequest("monthly-review", month="2026-10", today=TODAY))
    )
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "stamped twice" in lines and "by mistake." in lines
    flat = squash(text)
    assert (
        squash("Customer satisfaction (CSAT): Cards ran out. · Net Promoter Score (NPS):") in flat
    )
    assert squash("Own KPI 1: Quiet week. · Own KPI 2: Roadworks.") in flat


def test_the_months_training_and_stories(demo_workbook: Workbook) -> None:
    """The Monthly Review tab's training and stories lines, under the feedback."""
    from helpers.dates import FIXED_TODAY

    from cscoach.model import stories
    from cscoach.model.training_record import review_training

    month = stories.story_months(demo_workbook)[0][0]
    said = kpi_review.training_lines(review_training(demo_workbook, month, today=FIXED_TODAY))
    assert said[0].startswith(f"Training sessions held in {month_label(month)}:")
    assert said[1].startswith("Stories to tell:")
    request = PrintRequest("monthly-review", month=month, today=FIXED_TODAY)
    pages, text, _ = read(review_pdf(demo_workbook, request))
    assert pages <= 2
    for line in said:
        assert squash(line) in squash(text)


def test_no_training_line_without_any_training(filled: Workbook) -> None:
    _, text, _ = read(
        review_pdf(filled, PrintRequest("monthly-review", month="2026-10", today=TODAY))
    )
    assert "Training" not in text and "Stories to tell" not in text


def test_more_kpis_than_a_page_of_charts_holds(workbook: Workbook) -> None:
    """44 KPIs: the charts continue over pages (as many on each), none is lost, no error."""
    for n in range(40):
        new = kpis.add_kpi(workbook, kpis.KpiInput(f"Own KPI {n + 1}", "people", 0, 100), 50)
        for month in ("2026-09", "2026-10"):
            kpi_entries.set_entry(workbook, new, month, 40 + n % 20, today=TODAY)
    pdf = review_pdf(workbook, PrintRequest("monthly-review", month="2026-10", today=TODAY))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]
    charts = [p for p in pages if "The last 12 months" in p]
    assert len(charts) == 3 and all("(continued)" in p for p in charts[1:])
    charted = "\n".join(charts).splitlines()
    assert all(f"Own KPI {n + 1}" in charted for n in range(40))
