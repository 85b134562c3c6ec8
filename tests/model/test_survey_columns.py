"""Which columns a survey import reads when the owner names none.

The survey shapes below follow exports found in public sources — Google Forms in English,
French, German, Spanish, Italian, Portuguese and Dutch (its "Timestamp" column in each
language), Microsoft Forms, SurveyMonkey re-saved by Excel as "Unicode Text", a HubSpot
form, Typeform — with headings and answers written for these tests. Each of the four
surveys in helpers/surveys.py stored a wrong figure with exit 0 before the columns were
chosen by their headings.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers.surveys import ADMIN_FLAG, JOB_OFFER, PYTHON_SURVEY, STOCKS_SURVEY

from cscoach.model import kpi_entries, kpis
from cscoach.model import survey_columns as sc
from cscoach.model import survey_import as si
from cscoach.model.errors import ValidationError
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)


def stored(wb: Workbook) -> dict[tuple[str, str], float]:
    keys = {k.id: k.key for k in kpis.list_kpis(wb)}
    return {(keys[e.kpi_id], e.month): e.value for e in kpi_entries.list_entries(wb)}


def refused(wb: Workbook, data: bytes, **columns) -> ValidationError:
    before = Path(wb.path).read_bytes()
    with pytest.raises(ValidationError) as caught:
        si.import_survey(wb, data, today=TODAY, **columns)
    assert Path(wb.path).read_bytes() == before
    assert "\n" not in caught.value.message
    return caught.value


# -- the wrong figures of before -------------------------------------------------------------

WRONG_COLUMNS = [
    # (id, survey, what the refusal must name)
    ("CSAT from “Python 2 or 3?”", PYTHON_SURVEY, ["whole numbers 1–5: “Python 2 or 3?”"]),
    ("NPS from a share of savings", STOCKS_SURVEY, ["whole numbers 0–10: “Roughly how much"]),
    ("NPS from an is_admin flag", ADMIN_FLAG, ["whole numbers 0–10: “is_admin”, “score”"]),
]


@pytest.mark.parametrize(
    ("survey", "names"), [w[1:] for w in WRONG_COLUMNS], ids=[w[0] for w in WRONG_COLUMNS]
)
def test_a_column_is_never_chosen_by_the_look_of_its_answers(
    workbook: Workbook, survey: str, names: list[str]
) -> None:
    error = refused(workbook, survey.encode())
    assert error.field == "nps_column"
    for fragment in [*names, "no column's heading asks", "--nps-column", "--csat-column"]:
        assert fragment in error.message
    assert stored(workbook) == {}
    # named, the same column imports: the owner decides, CS Coach does not guess
    if survey is ADMIN_FLAG:
        si.import_survey(workbook, survey.encode(), nps_column="score", today=TODAY)
        assert stored(workbook) == {("nps", "2019-09"): 50.0}


def test_the_forms_own_timestamp_wins_over_a_date_a_respondent_typed(workbook: Workbook) -> None:
    report = si.import_survey(workbook, JOB_OFFER.encode(), today=TODAY)
    assert report.date_column == "Submit Date (UTC)"
    assert stored(workbook) == {("nps", "2019-10"): 100.0, ("nps", "2019-11"): -50.0}
    assert "dates from “Submit Date (UTC)” (the form's own timestamp)" in report.summary()
    assert report.skipped == ()


# -- surveys as they come: the columns chosen, and every month right ----------------------------

# Each has the same answers: October 9 and 6 (NPS 0) and satisfaction 4 and 2 (CSAT 50),
# November 10 (NPS 100) and 5 (CSAT 100); an independent count of every month.
EXPECTED = {
    ("nps", "2026-10"): 0.0,
    ("csat", "2026-10"): 50.0,
    ("nps", "2026-11"): 100.0,
    ("csat", "2026-11"): 100.0,
}

SURVEYS = [
    (
        "Google Forms, English",
        "Timestamp,How likely are you to recommend Corner Café to a friend?,"
        '"Overall, how satisfied were you with your visit?",What could we do better?\n'
        "10/3/2026 9:15:22,9,4,\n"
        '10/17/2026 18:02:51,6,2,"Coffee was cold, sorry to say"\n'
        "11/2/2026 12:00:00,10,5,\n",
        (0, 1, 2),
    ),
    (
        "Google Forms, French, semicolons",
        "Horodateur;Quelle est la probabilité que vous recommandiez notre boulangerie à un "
        "ami ?;Dans l'ensemble, êtes-vous satisfait de votre passage ?;Un commentaire ?\n"
        "03/10/2026 09:15:22;9;4;\n"
        "17/10/2026 18:02:51;6;2;Trop d'attente, dommage\n"
        "02/11/2026 12:00:00;10;5;\n",
        (0, 1, 2),
    ),
    (
        "Google Forms, German, dotted dates",
        "Zeitstempel;Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen "
        "weiterempfehlen?;Wie zufrieden waren Sie insgesamt?;Anmerkungen\n"
        "03.10.2026 09:15:22;9;4;\n"
        "17.10.2026 18:02:51;6;2;Zu langsam\n"
        "02.11.2026 12:00:00;10;5;\n",
        (0, 1, 2),
    ),
    (
        "Google Forms, Spanish",
        "Marca temporal,Comentarios,¿Qué probabilidad hay de que nos recomiende a un amigo?,"
        "¿Qué tan satisfecho quedó con la atención?\n"
        "3/10/2026 9:15:22,,9,4\n"
        "17/10/2026 18:02:51,Muy lento,6,2\n"
        "2/11/2026 12:00:00,,10,5\n",
        (0, 2, 3),
    ),
    (
        "Google Forms, Italian",
        "Informazioni cronologiche,Quanto è probabile che consiglieresti il nostro negozio a "
        "un amico?,Quanto sei soddisfatto del servizio?,Suggerimenti\n"
        "03/10/2026 9.15.22,9,4,\n"
        "17/10/2026 18.02.51,6,2,Più personale il sabato\n"
        "02/11/2026 12.00.00,10,5,\n",
        (0, 1, 2),
    ),
    (
        "Google Forms, Portuguese",
        "Carimbo de data/hora,Qual a probabilidade de você recomendar nossa loja a um amigo?,"
        "Qual o seu grau de satisfação com o atendimento?,Comentários\n"
        "03/10/2026 09:15:22,9,4,\n"
        "17/10/2026 18:02:51,6,2,Demorou muito\n"
        "02/11/2026 12:00:00,10,5,\n",
        (0, 1, 2),
    ),
    (
        "Google Forms, Dutch",
        "Tijdstempel,Hoe waarschijnlijk is het dat u ons aanbeveelt aan een vriend of collega?,"
        "Hoe tevreden bent u over onze service?,Opmerkingen\n"
        "3-10-2026 9:15:22,9,4,\n"
        "17-10-2026 18:02:51,6,2,Te lang gewacht\n"
        "2-11-2026 12:00:00,10,5,\n",
        (0, 1, 2),
    ),
    (
        "Microsoft Forms: completion, not start",
        "ID,Start time,Completion time,Email,Name,"
        "How likely are you to recommend our salon to a friend?,"
        "How satisfied were you with your appointment?\n"
        "1,10/3/26 9:02:10,10/3/26 9:04:55,anonymous,,9,4\n"
        "2,10/17/26 18:00:02,10/17/26 18:02:51,anonymous,,6,2\n"
        "3,10/31/26 23:58:40,11/1/26 0:01:15,anonymous,,10,5\n",
        (2, 5, 6),
    ),
    (
        "HubSpot form",
        "Conversion Date,Conversion Page,Email,First Name,"
        "How likely are you to recommend us to a friend? (0-10),"
        "How satisfied are you with our support? (1-5)\n"
        "2026-10-03 09:15,https://example.com/feedback,sam@example.com,Sam,9,4\n"
        "2026-10-17 18:02,https://example.com/feedback,ana@example.com,Ana,6,2\n"
        "2026-11-02 12:00,https://example.com/feedback,li@example.com,Li,10,5\n",
        (0, 4, 5),
    ),
]


@pytest.mark.parametrize(("text", "columns"), [s[1:] for s in SURVEYS], ids=[s[0] for s in SURVEYS])
def test_surveys_as_they_come(workbook: Workbook, text: str, columns) -> None:
    table = si.read_survey(text.encode())
    assert si.suggest_columns(table) == columns
    report = si.import_survey(workbook, text.encode(), today=TODAY)
    assert stored(workbook) == EXPECTED
    assert "(the form's own timestamp)" in report.summary()


def test_surveymonkey_resaved_by_excel_as_unicode_text(workbook: Workbook) -> None:
    """UTF-16 with a byte-order mark, tab-separated, SurveyMonkey's two header rows: End
    Date (when the response was sent), not Start Date."""
    text = (
        "Respondent ID\tCollector ID\tStart Date\tEnd Date\tIP Address\t"
        "How likely is it that you would recommend us to a friend or colleague?\t"
        "Overall, how satisfied or dissatisfied are you with our shop?\n"
        "\t\t\t\t\tResponse\tResponse\n"
        "118\t4471\t10/03/2026 09:15:22 AM\t10/03/2026 09:16:01 AM\t\t9\t4\n"
        "119\t4471\t10/17/2026 06:02:51 PM\t10/17/2026 06:04:10 PM\t\t6\t2\n"
        "120\t4471\t10/31/2026 11:59:30 PM\t11/01/2026 12:01:02 AM\t\t10\t5\n"
    )
    for encoding in ("utf-16", "utf-16-be"):
        data = text.encode(encoding)
        if encoding == "utf-16-be":
            data = b"\xfe\xff" + data
        table = si.read_survey(data)
        assert si.suggest_columns(table) == (3, 5, 6)
    si.import_survey(workbook, text.encode("utf-16"), today=TODAY)
    assert stored(workbook) == EXPECTED


# -- unsure: refused, naming the candidates -------------------------------------------------


def test_two_questions_asking_alike_are_refused(workbook: Workbook) -> None:
    text = (
        "Timestamp,How likely are you to recommend our café to a friend?,"
        "How likely are you to recommend our catering to a colleague?\n"
        "2026-10-01 10:00:00,9,7\n2026-10-02 11:00:00,10,3\n"
    )
    error = refused(workbook, text.encode())
    assert error.field == "nps_column"
    assert "2 columns ask how likely people are to recommend you (0–10) alike" in error.message
    assert "“How likely are you to recommend our café to a friend?”" in error.message
    assert "“How likely are you to recommend our catering to a colleague?”" in error.message
    assert "--nps-column" in error.message
    # naming one settles it
    si.import_survey(
        workbook,
        text.encode(),
        nps_column="How likely are you to recommend our café to a friend?",
        today=TODAY,
    )
    assert stored(workbook) == {("nps", "2026-10"): 100.0}


def test_a_surer_heading_wins_over_a_vaguer_one(workbook: Workbook) -> None:
    text = (
        "Timestamp,Would you recommend our new menu?,"
        "How likely are you to recommend us to a friend?\n"
        "2026-10-01 10:00:00,3,9\n2026-10-02 11:00:00,4,10\n"
    )
    assert si.suggest_columns(si.read_survey(text.encode()))[1] == 2


def test_recommend_alone_on_a_one_to_five_scale_is_not_nps(workbook: Workbook) -> None:
    text = (
        "Timestamp,How useful were our staff's recommendations?\n"
        "2026-10-01 10:00:00,4\n2026-10-02 11:00:00,2\n2026-10-03 11:00:00,5\n"
    )
    error = refused(workbook, text.encode())
    assert (
        "“How useful were our staff's recommendations?” has only answers 1–5, like a 1–5 "
        "question, not the 0–10 one" in error.message
    )


def test_the_overall_satisfaction_question_wins_over_a_detail(workbook: Workbook) -> None:
    """Google Forms writes a grid question as one column per row: "Question [Row]"."""
    text = (
        "Timestamp,How satisfied were you with us? [Speed],"
        "How satisfied were you with us? [Overall],How satisfied were you with us? [Price]\n"
        "2026-10-01 10:00:00,2,4,3\n2026-10-02 11:00:00,3,5,1\n"
    )
    assert si.suggest_columns(si.read_survey(text.encode())) == (0, None, 2)
    two = text.replace("[Overall]", "[Staff]")
    error = refused(workbook, two.encode())
    assert "3 columns ask how satisfied people were (1–5) alike" in error.message


def test_yes_no_answers_under_a_matching_heading_are_named(workbook: Workbook) -> None:
    text = (
        "Timestamp,Would you recommend us to a friend?,Anything else?\n"
        "2026-10-01 10:00:00,Yes,\n2026-10-02 11:00:00,No,Too loud\n"
        "2026-10-03 12:00:00,Maybe,\n2026-10-04 12:00:00,Yes,\n"
    )
    error = refused(workbook, text.encode())
    assert (
        "“Would you recommend us to a friend?” has answers like “Yes”, “No”, “Maybe”, not "
        "whole numbers 0–10" in error.message
    )


def test_a_satisfaction_question_on_another_scale_is_named(workbook: Workbook) -> None:
    text = (
        "Timestamp,How satisfied are you with the lunch? (10 is the highest)\n"
        "2026-10-01 10:00:00,7\n2026-10-02 11:00:00,3\n2026-10-03 11:00:00,10\n"
    )
    error = refused(workbook, text.encode())
    assert "has answers from 3 to 10, not whole numbers 1–5" in error.message


def test_one_good_answer_column_goes_ahead_and_says_what_was_left_out(
    workbook: Workbook,
) -> None:
    text = (
        "Timestamp,How likely are you to recommend us to a friend?,Were you satisfied today?\n"
        "2026-10-01 10:00:00,9,Yes\n2026-10-02 11:00:00,6,No\n"
    )
    report = si.import_survey(workbook, text.encode(), today=TODAY)
    assert stored(workbook) == {("nps", "2026-10"): 0.0}
    assert (
        "Not read as CSAT: “Were you satisfied today?” has answers like “Yes”, “No”, not "
        "whole numbers 1–5." in report.lines()
    )


DATE_DOUBTS = [
    (
        "the only date column is typed, with one unreadable",
        "When did you visit?,How likely are you to recommend us?\n"
        "2026-10-03,9\nlast Tuesday,7\n2026-10-20,10\n",
        "the only column of dates, “When did you visit?”, is not the form's own timestamp and "
        "has dates CS Coach cannot read (line 3: “last Tuesday”)",
    ),
    (
        "two typed date columns",
        "Date of visit,Date of birth,How likely are you to recommend us?\n"
        "2026-10-03,1980-02-01,9\n2026-10-04,1975-07-12,7\n",
        "2 columns hold dates (“Date of visit”, “Date of birth”) and none is the form's own "
        "timestamp",
    ),
    (
        "no date at all",
        "Name,How likely are you to recommend us?\nSam,9\nAna,7\n",
        "no column holds the date of each response",
    ),
    (
        "the timestamp unreadable: no falling back to a typed date",
        "Timestamp,Date of visit,How likely are you to recommend us?\n"
        "2026-10-03 10:00:00,2026-10-03,9\nthe 4th,2026-10-04,7\n",
        "the form's timestamp “Timestamp” has dates CS Coach cannot read (line 3: “the 4th”)",
    ),
    (
        "two timestamps giving different months",
        "Timestamp,Submitted at,How likely are you to recommend us?\n"
        "2026-10-31 23:59:00,2026-11-01 00:01:00,9\n2026-10-04 10:00:00,2026-10-04 10:00:00,7\n",
        "“Timestamp”, “Submitted at” all look like the form's own timestamp but give different "
        "months",
    ),
]


@pytest.mark.parametrize(
    ("text", "words"), [d[1:] for d in DATE_DOUBTS], ids=[d[0] for d in DATE_DOUBTS]
)
def test_an_uncertain_date_column_is_refused(workbook: Workbook, text: str, words: str) -> None:
    error = refused(workbook, text.encode())
    assert error.field == "date_column"
    assert words in error.message
    assert "--date-column" in error.message
    assert "--nps-column" not in error.message  # the answer column was found


def test_timestamps_that_agree_are_one_choice(workbook: Workbook) -> None:
    text = (
        "Timestamp,Submitted at,How likely are you to recommend us?\n"
        "2026-10-31 10:00:00,2026-10-31 10:00:02,9\n2026-10-04 10:00:00,2026-10-04 10:00:00,7\n"
    )
    assert si.suggest_columns(si.read_survey(text.encode()))[0] == 0


def test_a_typed_date_column_alone_and_fully_readable_is_used(workbook: Workbook) -> None:
    text = "Date,NPS,CSAT\n2026-10-03,9,4\n2026-10-17,6,2\n2026-11-02,10,5\n"
    report = si.import_survey(workbook, text.encode(), today=TODAY)
    assert stored(workbook) == EXPECTED
    assert "dates from “Date” (the one column holding dates)" in report.summary()


def test_the_refusal_joins_every_doubt_in_one_line(workbook: Workbook) -> None:
    text = ADMIN_FLAG.replace("submitted_at", "when").replace("2019-09-20T19:45:00Z", "soon")
    error = refused(workbook, text.encode())
    assert error.field == "date_column"
    assert error.message.count("CS Coach cannot tell") == 1
    assert "“when”" in error.message and "“is_admin”, “score”" in error.message
    for flag in ("--date-column", "--nps-column", "--csat-column"):
        assert flag in error.message


def test_named_answer_columns_are_not_second_guessed(workbook: Workbook) -> None:
    """An answer column named: the other is not guessed, and the date still must be sure."""
    text = JOB_OFFER.replace("Submit Date", "Sent").replace("Start Date", "Began")
    error = refused(workbook, text.encode(), nps_column="How likely")
    assert (
        "3 columns hold dates (“Date you first got a job offer”, “Began (UTC)”, “Sent (UTC)”)"
        in error.message
    )
    assert "--date-column" in error.message and "--nps-column" not in error.message


# -- the heading rules --------------------------------------------------------------------------

NPS_HEADINGS = [
    "How likely are you to recommend us to a friend or colleague?",
    "Would you recommend Corner Café?",
    "NPS",
    "Net Promoter Score",
    "Recommend (0-10)",
    "Quelle est la probabilité que vous nous recommandiez à un ami ?",
    "Recommanderiez-vous notre salon ?",
    "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?",
    "Würdest du uns einem Freund empfehlen?",
    "Wie wahrscheinlich empfiehlst du uns?",
    "¿Qué probabilidad hay de que nos recomiende a un amigo?",
    "¿Recomendaría nuestro restaurante?",
    "Quanto è probabile che tu ci consigli a un amico?",
    "Raccomanderesti il nostro negozio?",
    "Qual a probabilidade de você recomendar a nossa empresa?",
    "Você nos indicaria a um amigo?",
    "Hoe waarschijnlijk is het dat u ons aanbeveelt?",
    "Zou je ons aanraden aan een vriend?",
]
CSAT_HEADINGS = [
    "How satisfied were you with your visit?",
    "Overall satisfaction",
    "CSAT",
    "Satisfied (1-5)",
    "Êtes-vous satisfait de notre service ?",
    "Wie zufrieden waren Sie?",
    "Zufriedenheit insgesamt",
    "¿Qué tan satisfecho está?",
    "Quanto sei soddisfatto?",
    "Qual o seu grau de satisfação?",
    "Hoe tevreden bent u?",
]
NEITHER = [
    "Python 2 or 3?",
    "is_admin",
    "score",
    "Rating",
    "How likely are you to come back?",
    "What percentage of your savings is in stocks?",
    "Satisfaction with the price (0-10)",  # a satisfaction question, not on 1–5
    "Recommend (1-5)",  # a recommendation question, not on 0–10
    "Timestamp",
]


@pytest.mark.parametrize("text", NPS_HEADINGS)
def test_recommendation_headings(text: str) -> None:
    assert sc.nps_score(text) > 0 and sc.csat_score(text) == 0


@pytest.mark.parametrize("text", CSAT_HEADINGS)
def test_satisfaction_headings(text: str) -> None:
    assert sc.csat_score(text) > 0 and sc.nps_score(text) == 0


@pytest.mark.parametrize("text", NEITHER)
def test_headings_that_ask_neither(text: str) -> None:
    assert sc.nps_score(text) == 0 and sc.csat_score(text) == 0


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("Timestamp", 2),
        ("Submitted at", 2),
        ("submitted_at", 2),
        ("Submit Date (UTC)", 2),
        ("Completion time", 2),
        ("End Date", 2),
        ("Conversion Date", 2),
        ("Date submitted", 2),
        ("Horodateur", 2),
        ("Zeitstempel", 2),
        ("Marca temporal", 2),
        ("Informazioni cronologiche", 2),
        ("Carimbo de data/hora", 2),
        ("Tijdstempel", 2),
        ("Start time", 1),
        ("Start Date (UTC)", 1),
        ("StartDate", 1),
        ("Date", 0),
        ("Date you first got a job offer", 0),
        ("Last modified time", 0),
    ],
)
def test_timestamp_headings(text: str, tier: int) -> None:
    assert sc.timestamp_tier(text) == tier
