"""The blank team questionnaire to hand out, and the answers of a round by question."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from cscoach.model.questionnaire import QuestionAnswers
from cscoach.printing.base import (
    DocumentInfo,
    Paragraph,
    build_pdf,
    continues,
    long_date,
    markup,
    para,
    styles,
    text,
    title_block,
)
from cscoach.printing.flowables import NameLine, RatingBoxes, RuledLines

WHY_WE_ASK = (
    "We want to hear how you see customer service here: what we do well, what gets in the "
    "way, and what we should aim for. There are no right answers. What you write will help "
    "us put our customer-service philosophy into words."
)

BlankQuestion = tuple[str, str, str]  # section, question text, kind ("text" or "rating")

# What the ends of the 1–5 scale mean when the question does not say
DEFAULT_ANCHORS = ("low", "high")
# "(1 = hardly at all, 5 = every time)", "1: never … 5: always", "1 – poor; 5 – excellent"
_ANCHORS = re.compile(
    r"\b1\s*(?:=|:|–|—|-)\s*(?P<low>[^,;()…]+?)\s*(?:[,;…]|\.\.\.)\s*(?:…\s*)?"
    r"5\s*(?:=|:|–|—|-)\s*(?P<high>[^,;()]+?)\s*(?:\)|[.;]?\s*$)"
)


def rating_anchors(question: str) -> tuple[str, str]:
    """What 1 and 5 mean for a rating question: as its own text says ("… (1 = hardly at
    all, 5 = every time)"), else ``DEFAULT_ANCHORS``, which suit any question."""
    found = _ANCHORS.search(question)
    if found is None:
        return DEFAULT_ANCHORS
    return found["low"].strip(), found["high"].strip()


def blank_form(info: DocumentInfo, questions: Sequence[BlankQuestion]) -> bytes:
    """The questionnaire with room to write by hand."""
    story: list[Flowable] = [*title_block(info), para(WHY_WE_ASK), Spacer(0, 4 * mm)]
    story.append(NameLine("Your name:", "You may leave this blank."))
    section = None
    for number, (q_section, q_text, kind) in enumerate(questions, start=1):
        heading: list[Flowable] = []
        if q_section != section:
            section = q_section
            heading.append(para(section, "h1"))
        answer_space: Flowable = (
            RatingBoxes(*rating_anchors(q_text)) if kind == "rating" else RuledLines(5)
        )
        story.append(
            KeepTogether(
                [*heading, markup(f"{number}.&nbsp;&nbsp;{text(q_text)}", "h2"), answer_space]
            )
        )
    if not questions:
        story.append(para("The question bank has no active questions yet."))
    story.append(Spacer(0, 6 * mm))
    story.append(markup("Thank you for your honest answers.", "small"))
    return build_pdf(info, story)


def _answer(label: str, value: str, first: ParagraphStyle, more: ParagraphStyle) -> list[Flowable]:
    """One person's answer: their label in bold before its first paragraph; the paragraphs
    they typed (a blank line between them) closer together than two people's answers."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value.replace("\r\n", "\n"))]
    paragraphs = [p for p in paragraphs if p] or [""]
    shown: list[Flowable] = [Paragraph(f"<b>{text(label)}:</b> {text(paragraphs[0])}", first)]
    shown += [Paragraph(text(p), more) for p in paragraphs[1:]]
    return shown


def answers_document(info: DocumentInfo, views: Sequence[QuestionAnswers]) -> bytes:
    """Each question of a round followed by every answer to it. An anonymous round prints
    "Response 1, 2…" in its shuffled order and no names. A page that goes on with a
    question's answers starts with the question again, marked "(continued)"."""
    story: list[Flowable] = [*title_block(info)]
    quote = styles()["quote"]
    first = ParagraphStyle("answer", parent=quote, spaceBefore=7, spaceAfter=0)
    more = ParagraphStyle("answer-more", parent=quote, spaceBefore=4, spaceAfter=0)
    if views:
        rnd = views[0].round
        facts = [f"Held on {long_date(rnd.held_on)}", f"{views[0].responses} response(s)"]
        if rnd.anonymous:
            facts.append("anonymous round: no names are shown")
        story.append(para(" · ".join(facts), "small"))
        warning = views[0].anonymity_warning
        if warning:
            story.append(para(warning, "small"))
    section = None
    for number, view in enumerate(views, start=1):
        block: list[Flowable] = []
        if view.question.section != section:
            section = view.question.section
            block.append(para(section, "h1"))
        question = f"{number}.&nbsp;&nbsp;{text(view.question.text)}"
        block.append(markup(question, "h2"))

        def again(question: str = question) -> list[Flowable]:
            return [markup(f"{question} <font color='#616e7c'>(continued)</font>", "h2")]

        if view.distribution is not None:
            counts = ", ".join(f"{score}: {n}" for score, n in view.distribution.items())
            mean = f"mean {view.mean:.1f}" if view.mean is not None else "no ratings yet"
            block.append(para(f"Ratings ({counts}) — {mean}", "small"))
        if not view.answers:
            block.append(markup("<i>No answers.</i>", "small"))
        answers: list[Flowable] = []
        for item in view.answers:
            value = str(item.answer.rating) if view.question.kind == "rating" else item.answer.text
            answers += [continues(p, again) for p in _answer(item.label, value, first, more)]
        lead = len(block)
        block += answers
        story.append(KeepTogether(block[: lead + 1]))  # the question with its first answer
        story.extend(block[lead + 1 :])
    if not views:
        story.append(para("This round asked no questions."))
    return build_pdf(info, story)
