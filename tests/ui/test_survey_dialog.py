"""The survey import's column picker: it shows which columns were chosen and why, leaves
a column it is unsure of for the owner to choose, and the choice can always be changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cscoach.model import kpi_entries, kpis
from cscoach.model import survey_import as si
from cscoach.model.workbook import Workbook
from cscoach.ui.pages.kpis import dialogs as kpi_dialogs
from cscoach.ui.pages.kpis.page import KpisPage

TODAY = dt.date(2026, 11, 22)

GOOGLE_FORMS = (
    "Timestamp,How likely are you to recommend us to a friend?,How satisfied were you?,"
    "Were you served within 5 minutes?\n"
    "10/3/2026 9:15:22,9,4,Yes\n10/17/2026 18:02:51,6,2,No\n11/2/2026 12:00:00,10,5,Yes\n"
)
ADMIN_FLAG = (
    "submitted_at,user_id,is_admin,score\n"
    "2026-09-01T10:00:00Z,1041,0,9\n2026-09-03T12:30:00Z,1042,0,10\n"
    "2026-09-07T08:15:00Z,1043,1,7\n2026-09-20T19:45:00Z,1044,0,8\n"
)
JOB_OFFER = (
    "#,Date you first got a job offer,How likely are you to recommend the bootcamp to a friend?,"
    "Start Date (UTC),Submit Date (UTC)\n"
    "r1x9,1993-06-01,9,2026-10-02 09:00:11,2026-10-02 09:04:52\n"
    "k2p7,summer 2015,10,2026-10-05 14:10:00,2026-10-05 14:13:27\n"
)


def dialog_for(qtbot, wb: Workbook, text: str, encoding: str = "utf-8"):
    table = si.read_survey(text.encode(encoding))
    dialog = kpi_dialogs.SurveyDialog(wb, table, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_columns_chosen_are_shown_with_why(qtbot, workbook: Workbook) -> None:
    dialog = dialog_for(qtbot, workbook, GOOGLE_FORMS)
    assert dialog.date_combo.currentText() == "Timestamp"
    assert dialog.nps_combo.currentText() == "How likely are you to recommend us to a friend?"
    assert dialog.csat_combo.currentText() == "How satisfied were you?"
    assert dialog.chosen.text().splitlines() == [
        "Date: “Timestamp”, the form's own timestamp.",
        "NPS: “How likely are you to recommend us to a friend?”, its heading asks about "
        "recommending you.",
        "CSAT: “How satisfied were you?”, its heading asks about satisfaction.",
    ]
    assert dialog.import_button.isEnabled() and dialog.preview.rowCount() == 4
    # changed by the owner: said so, and the preview follows
    dialog.choose(csat=None)
    assert dialog.chosen.text().splitlines()[2:] == []
    assert dialog.preview.rowCount() == 2
    dialog.choose(date=0, csat=2)
    assert dialog.preview.rowCount() == 4


def test_the_forms_timestamp_is_preferred_to_a_typed_date(qtbot, workbook: Workbook) -> None:
    dialog = dialog_for(qtbot, workbook, JOB_OFFER)
    assert dialog.date_combo.currentText() == "Submit Date (UTC)"
    assert dialog.analysis is not None and sorted(dialog.analysis.months) == ["2026-10"]
    dialog.choose(date=1)  # the owner may still choose the typed one
    assert "“Date you first got a job offer”, chosen by you." in dialog.chosen.text()


def test_nothing_is_guessed_from_the_look_of_the_answers(qtbot, workbook: Workbook) -> None:
    dialog = dialog_for(qtbot, workbook, ADMIN_FLAG)
    assert dialog.nps_combo.currentData() is None and dialog.csat_combo.currentData() is None
    assert not dialog.import_button.isEnabled()
    text = dialog.chosen.text()
    assert "NPS: not chosen, no column's heading asks" in text
    assert "“is_admin”, “score”" in text
    dialog.choose(nps=3)
    assert "NPS: “score”, chosen by you." in dialog.chosen.text()
    assert dialog.import_button.isEnabled()
    assert [(m.key, m.month, m.value) for m in si.plan_survey(workbook, dialog.analysis)] == [
        ("nps", "2026-09", 50.0)
    ]


def test_an_uncertain_date_is_left_for_the_owner(qtbot, workbook: Workbook) -> None:
    text = "When did you visit?,How likely are you to recommend us?\n2026-10-03,9\nlately,7\n"
    dialog = dialog_for(qtbot, workbook, text)
    assert dialog.date_combo.currentText() == "(choose a column)"
    assert dialog.nps_combo.currentIndex() == 2
    assert "line 3: “lately”" in dialog.chosen.text()
    assert not dialog.import_button.isEnabled()
    dialog.choose(date=0)
    assert dialog.import_button.isEnabled()
    assert "1 responses whose date could not be read" in dialog.skipped.text()


def test_two_questions_alike_are_both_left_unchosen(qtbot, workbook: Workbook) -> None:
    text = (
        "Timestamp,How likely are you to recommend our café to a friend?,"
        "How likely are you to recommend our catering to a friend?,How satisfied were you?\n"
        "2026-10-01 10:00:00,9,7,4\n"
    )
    dialog = dialog_for(qtbot, workbook, text)
    assert dialog.nps_combo.currentData() is None and dialog.csat_combo.currentData() is None
    assert "2 columns ask how likely people are to recommend you (0–10) alike" in (
        dialog.chosen.text()
    )
    assert "Choose the right one above." in dialog.chosen.text()


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_the_page_imports_excel_files_and_the_owners_choice(
    qtbot, workbook: Workbook, monkeypatch, fake_dialogs, tmp_path: Path, encoding: str
) -> None:
    page = KpisPage(workbook, today=TODAY)
    qtbot.addWidget(page)
    path = tmp_path / "responses.txt"
    path.write_bytes(ADMIN_FLAG.replace(",", "\t").encode(encoding))
    fake_dialogs.open_path = path
    shown = []

    def run(dialog) -> bool:
        shown.append(dialog)
        dialog.choose(nps=3)
        dialog.accept()
        return True

    monkeypatch.setattr(kpi_dialogs, "run", run)
    with qtbot.waitSignal(page.changed):
        page.import_survey()
    entry = kpi_entries.get_entry(workbook, kpis.kpi_by_key(workbook, "nps").id, "2026-09")
    assert (entry.value, entry.counts) == (50.0, {"promoters": 2, "passives": 2, "detractors": 0})
    assert "NPS from “score”" in fake_dialogs.texts("info")[0]


def test_a_long_list_of_kept_months_is_cut_short(
    qtbot, workbook: Workbook, monkeypatch, fake_dialogs, tmp_path: Path
) -> None:
    nps = kpis.kpi_by_key(workbook, "nps").id
    months = [f"{year}-{month:02d}" for year in (2024, 2025) for month in range(1, 11)]
    for month in months:
        kpi_entries.set_entry(workbook, nps, month, 40, today=TODAY)
    page = KpisPage(workbook, today=TODAY)
    qtbot.addWidget(page)
    path = tmp_path / "responses.csv"
    rows = "".join(f"{month}-15 10:00:00,9\n" for month in months)
    path.write_text("Timestamp,Would you recommend us? (0-10)\n" + rows, encoding="utf-8")
    fake_dialogs.open_path = path
    fake_dialogs.answer = False  # keep mine
    monkeypatch.setattr(kpi_dialogs, "run", lambda dialog: dialog.accept() or True)
    page.import_survey()
    question = fake_dialogs.texts("confirm")[0]
    assert question.count("• ") == 15 and "… and 5 more" in question
    assert kpi_entries.get_entry(workbook, nps, "2024-01").value == 40
