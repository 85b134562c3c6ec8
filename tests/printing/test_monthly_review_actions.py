"""The printed monthly review and the actions (issue 19): the actions due in the month with
boxes to tick (done ones ticked), those done a month ago asking "did it help?", those due in
the coming month, and under the charts what their triangles mean, with the averages."""

from __future__ import annotations

import io

from helpers.dates import FIXED_TODAY
from pypdf import PdfReader

from cscoach.model.workbook import Workbook
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
    assert squash("Actions due in October 2026: done?") in flat
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
    assert squash("Actions due in August 2026: done?") in flat
    assert squash("did it help?") not in flat
    assert squash("▲ Aug 2026: Ready replies for the emails we get most.") in flat
