"""User text is never interpreted as markup: a "<b>" typed by the owner shows as typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from cscoach.model import hiring, settings, team
from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model import standards as st
from cscoach.ui.pages.registry import PAGES

MARK = "<b>Bold</b>"


def test_no_label_renders_user_text_as_markup(qtbot, main_window) -> None:
    wb = main_window.wb
    settings.set_business_name(wb, f"Café {MARK}")
    person = team.add_member(wb, f"Ana {MARK}", f"Barista {MARK}")
    value = ph.add_value(wb, f"Value {MARK}", f"Meaning {MARK}")
    round_id = qn.create_round(wb, f"Round {MARK}", "2026-03-01")
    first = qn.round_questions(wb, round_id)[0]
    qn.save_response(wb, round_id, person, {first.id: f"Answer {MARK}"})
    category = st.list_categories(wb)[0].id
    st.add_standard(wb, st.StandardInput(f"Standard {MARK}", category, value_ids=(value,)))
    hiring.add_candidate(wb, hiring.CandidateInput(f"Dana {MARK}", f"Role {MARK}"))
    main_window.set_workbook(wb)
    checked = 0
    for spec in PAGES:
        main_window.show_page(spec.key)
        page = main_window.current_page()
        for label in page.findChildren(QLabel) + main_window.findChildren(QLabel):
            if "<b>Bold" in label.text():
                checked += 1
                assert label.textFormat() == Qt.TextFormat.PlainText, (
                    spec.key,
                    label.objectName(),
                    label.text(),
                )
    assert checked > 0
