"""Every printable document by name, from an open workbook: one way for the app and the
command line to print the same thing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model import settings
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook
from cscoach.printing import base


@dataclass(frozen=True)
class PrintRequest:
    """What the user chose: the document and its options (None means the default)."""

    document: str
    page_size: str | None = None
    round_name: str | None = None
    round_id: int | None = None
    version: int | None = None  # philosophy version; None: the latest published, else draft
    draft: bool = False
    today: dt.date | None = None


def _info(wb: Workbook, request: PrintRequest, title: str, subtitle: str = "") -> base.DocumentInfo:
    return base.DocumentInfo(
        title=title,
        business=settings.business_name(wb),
        page_size=(request.page_size or settings.page_size(wb)).lower(),
        printed_on=request.today,
        subtitle=subtitle,
    )


def _questionnaire(wb: Workbook, request: PrintRequest) -> bytes:
    from cscoach.printing.questionnaire import blank_form

    questions = [(q.section, q.text, q.kind) for q in qn.list_questions(wb, include_retired=False)]
    return blank_form(_info(wb, request, "Team questionnaire"), questions)


def _answers(wb: Workbook, request: PrintRequest) -> bytes:
    from cscoach.printing.questionnaire import answers_document

    if request.round_id is not None:
        rnd = qn.get_round(wb, request.round_id)
    elif request.round_name:
        rnd = qn.find_round(wb, request.round_name)
    else:
        latest = qn.latest_round(wb)
        if latest is None:
            raise ValidationError("round", "There are no questionnaire rounds to print yet.")
        rnd = latest
    views = [qn.answers_to_question(wb, rnd.id, q.id) for q in qn.round_questions(wb, rnd.id)]
    return answers_document(_info(wb, request, f"Team answers: {rnd.name}"), views)


def _philosophy(wb: Workbook, request: PrintRequest) -> bytes:
    from cscoach.printing.philosophy import TITLE, philosophy_document

    versions = ph.list_versions(wb)
    if request.version is not None:
        content = ph.version_content(wb, request.version)
    elif versions and not request.draft:
        content = ph.version_content(wb, versions[0].number)
    else:
        content = ph.draft_content(wb)
    return philosophy_document(_info(wb, request, TITLE), content)


DOCUMENTS = {
    "philosophy": ("Our customer service philosophy", _philosophy),
    "questionnaire": ("Team questionnaire (blank form)", _questionnaire),
    "answers": ("Team answers by question", _answers),
}


def render(wb: Workbook, request: PrintRequest) -> bytes:
    """The PDF bytes of the requested document."""
    if request.document not in DOCUMENTS:
        known = ", ".join(DOCUMENTS)
        raise ValidationError(
            "document", f"Unknown document “{request.document}” (known: {known})."
        )
    if request.page_size and request.page_size.lower() not in settings.PAGE_SIZES:
        raise ValidationError(
            "page_size", f"Page size must be a4 or letter, not “{request.page_size}”."
        )
    return DOCUMENTS[request.document][1](wb, request)
