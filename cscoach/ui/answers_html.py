"""Answers shown side by side as escaped HTML for a read-only QTextBrowser.

Every piece of user text goes through ``html.escape``, so a ``<b>`` typed by someone is
shown as typed, never rendered. Colours come from classes (``muted``, ``bar``) that the view's
style sheet, ``style.html_css()``, colours in the light or dark palette in use."""

from __future__ import annotations

from html import escape

from cscoach.model.questionnaire import QuestionAnswers


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def question_answers_html(view: QuestionAnswers | None, *, heading: str | None = None) -> str:
    if view is None:
        return "<p class='muted'><i>This round did not ask this question.</i></p>"
    parts: list[str] = []
    if heading:
        parts.append(f"<h3>{_text(heading)}</h3>")
    parts.append(f"<p class='muted'>{_text(view.question.text)}</p>")
    if view.distribution is not None:
        total = sum(view.distribution.values())
        rows = []
        for score in range(5, 0, -1):
            n = view.distribution[score]
            bar = "█" * n
            rows.append(f"<tr><td>{score}</td><td class='bar'>{bar}</td><td>{n}</td></tr>")
        mean = f"mean {view.mean:.1f} from {total} rating(s)" if view.mean else "no ratings yet"
        parts.append(f"<table cellspacing='4'>{''.join(rows)}</table><p><b>{mean}</b></p>")
    if not view.answers:
        parts.append("<p class='muted'><i>No answers yet.</i></p>")
    for item in view.answers:
        value = str(item.answer.rating) if view.question.kind == "rating" else item.answer.text
        parts.append(
            f"<p style='margin-bottom:10px'><b>{_text(item.label)}</b><br>{_text(value)}</p>"
        )
    return "".join(parts)
