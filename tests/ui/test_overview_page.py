"""The Overview page: first steps, cards, next steps, the culture map and the agreement view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from cscoach.model import agreement as ag
from cscoach.model import culture_map as cm
from cscoach.model import hiring, team
from cscoach.model import overview as ov
from cscoach.model import philosophy as ph
from cscoach.model import questionnaire as qn
from cscoach.model import standards as st
from cscoach.ui import print_preview
from cscoach.ui.main_window import MainWindow
from cscoach.ui.pages.overview import agreement_view, culture_map_view
from cscoach.ui.pages.overview.page import OverviewCard, OverviewPage
from cscoach.ui.style import LIGHT, stylesheet

BETTER, WORSE, STYLESHEET = LIGHT.better, LIGHT.error, stylesheet(LIGHT)

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def demo_window(qtbot, demo_workbook, settings):
    window = MainWindow(demo_workbook, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def overview_of(window: MainWindow) -> OverviewPage:
    page = window.page("overview")
    assert isinstance(page, OverviewPage)
    return page


def culture_map_of(window: MainWindow) -> culture_map_view.CultureMapView:
    page = overview_of(window)
    page.show_tab(page.culture_map)
    return page.culture_map


def agreement_of(window: MainWindow) -> agreement_view.AgreementView:
    page = overview_of(window)
    page.show_tab(page.agreement)
    return page.agreement


# -- at a glance: the empty workbook -----------------------------------------------------


def test_empty_workbook_shows_the_first_steps(qtbot, main_window):
    page = overview_of(main_window)
    assert main_window.current_page_key() == "overview"
    assert page.glance.showing_first_steps
    assert page.glance.cards == {}
    texts = [label.text() for label in page.glance.first_steps.findChildren(QLabel)]
    for number, (title, text, _page) in enumerate(ov.FIRST_STEPS, start=1):
        assert title in texts
        assert text in texts
        assert str(number) in texts
    buttons = [page.findChild(QPushButton, f"firstStep{n}") for n in range(1, 6)]
    assert [b.text() for b in buttons] == [
        "Open Questionnaire ›",
        "Open Philosophy ›",
        "Open Standards ›",
        "Open Hiring ›",
        "Open KPIs ›",
    ]


@pytest.mark.parametrize(
    ("button", "page"),
    [("firstStep1", "questionnaire"), ("firstStep3", "standards"), ("open_team", "team")],
)
def test_a_first_step_button_opens_its_page(qtbot, main_window, button, page):
    overview = overview_of(main_window)
    qtbot.mouseClick(overview.findChild(QPushButton, button), LEFT)
    assert main_window.current_page_key() == page


# -- at a glance: the demo workbook ------------------------------------------------------


def test_demo_shows_a_card_per_section_with_their_headlines(demo_window):
    page = overview_of(demo_window)
    model = ov.overview(demo_window.wb)
    assert not page.glance.showing_first_steps
    assert list(page.glance.cards) == [c.page for c in model.cards]
    assert list(page.glance.cards) == [
        "team",
        "questionnaire",
        "philosophy",
        "standards",
        "kpis",
        "feedback",  # what customers say, beside the figures
        "actions",  # and what is being done about it
        "training",
        "hiring",
    ]
    for card in model.cards:
        widget = page.glance.cards[card.page]
        assert widget.headline_label.text() == card.headline
        assert [label.text() for label in widget.line_labels] == list(card.lines)
        title = widget.title_label.text()
        if card.attention:  # a symbol, not colour alone
            assert title == f"⚠ {card.title}"
        else:
            assert title == card.title
    assert any(card.attention for card in model.cards)  # the demo has something to do


def test_a_card_opens_its_page(qtbot, demo_window):
    page = overview_of(demo_window)
    qtbot.mouseClick(page.glance.cards["standards"], LEFT)
    assert demo_window.current_page_key() == "standards"
    demo_window.show_page("overview")
    qtbot.mouseClick(page.findChild(QPushButton, "open_hiring"), LEFT)
    assert demo_window.current_page_key() == "hiring"


def test_next_steps_are_listed_most_important_first(demo_window):
    page = overview_of(demo_window)
    model = ov.overview(demo_window.wb)
    links = page.glance.next_steps.links
    assert [link.text_label.text() for link in links] == [s.text for s in model.next_steps]
    priorities = [link.step.priority for link in links]
    assert priorities == sorted(priorities)
    assert len(links) >= 3
    assert "2 standards are overdue for review" in [s.text for s in model.next_steps]
    assert [link.number_label.text() for link in links][:3] == ["1.", "2.", "3."]
    assert not page.glance.next_steps.nothing.isVisibleTo(page)


def test_clicking_a_next_step_opens_its_page(qtbot, demo_window):
    page = overview_of(demo_window)
    links = page.glance.next_steps.links
    for link in links:
        demo_window.show_page("overview")
        qtbot.mouseClick(link, LEFT)
        assert demo_window.current_page_key() == link.step.page
    demo_window.show_page("overview")
    links[0].setFocus()
    qtbot.keyClick(links[0], Qt.Key.Key_Return)  # and from the keyboard
    assert demo_window.current_page_key() == links[0].step.page


def colour(label: QLabel) -> str:
    """The text colour the style sheets give ``label``."""
    label.ensurePolished()
    return label.palette().color(label.foregroundRole()).name()


def test_kpi_card_shows_marks_and_arrows(demo_window):
    page = overview_of(demo_window)
    kpi_card = page.glance.cards["kpis"]
    model = next(c for c in ov.overview(demo_window.wb).cards if c.page == "kpis")
    assert model.kpi_lines
    assert len(kpi_card.kpi_rows) == len(model.kpi_lines)
    for (name, value, status, arrow), line in zip(kpi_card.kpi_rows, model.kpi_lines, strict=True):
        assert name.text() == line.name
        assert value.text() == line.value
        assert status.text() == {"on": "✓", "off": "✗"}.get(line.status, "–")
        assert arrow.text() == line.arrow and line.arrow in "▲▼▶"
        if line.better is True:
            assert colour(arrow) == BETTER
        elif line.better is False:
            assert colour(arrow) == WORSE


def test_kpi_lines_off_target_and_worse(qtbot):
    card = ov.Card(
        "kpis",
        "KPIs, March 2026",
        "1 of 3 on target",
        ("April 2026 is not entered yet",),
        True,
        (
            ov.KpiLine("CSAT", "80 %", "off", "▼", False),
            ov.KpiLine("NPS", "40", "on", "▲", True),
            ov.KpiLine("Own KPI", "3", None, "▶", None),
        ),
    )
    widget = OverviewCard(card)
    widget.setStyleSheet(STYLESHEET)  # as the window has it
    qtbot.addWidget(widget)
    rows = [[label.text() for label in row] for row in widget.kpi_rows]
    assert rows == [
        ["CSAT", "80 %", "✗", "▼"],
        ["NPS", "40", "✓", "▲"],
        ["Own KPI", "3", "–", "▶"],
    ]
    assert colour(widget.kpi_rows[0][3]) == WORSE
    assert colour(widget.kpi_rows[1][3]) == BETTER
    assert colour(widget.kpi_rows[2][3]) not in (BETTER, WORSE)
    assert [colour(row[2]) for row in widget.kpi_rows][:2] == [WORSE, BETTER]
    assert widget.kpi_rows[0][2].toolTip() == "Off target"
    assert widget.title_label.text() == "⚠ KPIs, March 2026"
    assert widget.property("attention") is True


def test_a_workbook_with_nothing_to_do_says_so(qtbot, monkeypatch, demo_window):
    page = overview_of(demo_window)
    model = ov.overview(demo_window.wb)
    monkeypatch.setattr(
        ov, "overview", lambda wb, today=None: ov.Overview(model.business, False, model.cards, ())
    )
    page.reload()
    assert page.glance.next_steps.links == []
    assert page.glance.next_steps.nothing.isVisibleTo(page)


# -- the culture map ---------------------------------------------------------------------


def value_row(view: culture_map_view.CultureMapView, name: str) -> int:
    assert view.map is not None
    return next(i for i, v in enumerate(view.map.values) if v.name == name)


def test_culture_map_shows_the_demo_gap(demo_window):
    view = culture_map_of(demo_window)
    cmap = cm.culture_map(demo_window.wb)
    assert not view.empty
    assert view.row_count() == len(cmap.values)
    gappy = [v for v in cmap.values if v.gaps]
    assert gappy, "the demo has a deliberate gap"
    gap = gappy[0]
    row = value_row(view, gap.name)
    assert view.cell_text(row, 0) == f"{gap.name}\n⚠ Gap: {', '.join(gap.gaps)}"
    if cm.GAP_KPI in gap.gaps and not gap.kpis:
        assert view.cell_text(row, 3) == "⚠ No measured KPI"
        assert view.cells[(row, 3)].property("gap") is True
    assert view.cells[(row, 0)].toolTip() == gap.meaning
    served = next(v for v in cmap.values if not v.gaps)
    row = value_row(view, served.name)
    assert "⚠" not in view.cell_text(row, 0)
    assert view.cell_text(row, 1).splitlines() == [
        s.name + (" (no one trained)" if s.id in served.untrained else "") for s in served.standards
    ]
    assert view.cell_text(row, 2).splitlines() == [c.name for c in served.criteria]
    untrained = next(v for v in cmap.values if v.untrained)  # the demo has some
    name = next(s.name for s in untrained.standards if s.id in untrained.untrained)
    assert f"{name} (no one trained)" in view.cell_text(value_row(view, untrained.name), 1)
    which = "value has" if len(gappy) == 1 else "values have"
    assert f"⚠ {len(gappy)} {which} a gap" in view.summary.text()
    assert view.loose_text.text() == "Every standard and hiring criterion serves a value."


def test_unanchored_standards_and_criteria_are_listed(qtbot, demo_window):
    wb = demo_window.wb
    category = st.list_categories(wb)[0].id
    st.add_standard(wb, st.StandardInput("Smile at the door", category))
    hiring.add_criterion(wb, hiring.CriterionInput("Punctuality", questions=("When?",)))
    page = overview_of(demo_window)
    page.reload()
    text = culture_map_of(demo_window).loose_text.text()
    assert "Standards: Smile at the door" in text
    assert "Hiring criteria: Punctuality" in text
    assert "Link each to the value it serves" in text


def test_unmeasured_kpis_and_empty_columns(qtbot, monkeypatch, workbook):
    fixed = cm.CultureMap(
        (
            cm.ValueRow(
                1,
                "Be kind",
                "Kindness first",
                (),
                (cm.Link(3, "Empathy"),),
                (cm.Link(5, "NPS", measured=False), cm.Link(6, "CSAT")),
            ),
            cm.ValueRow(2, "Be quick", "", (), (), (cm.Link(5, "NPS", measured=False),)),
        ),
        (cm.Link(9, "Loose standard"),),
        (),
    )
    monkeypatch.setattr(culture_map_view.cm, "culture_map", lambda wb, today=None: fixed)
    view = culture_map_view.CultureMapView(workbook)
    qtbot.addWidget(view)
    view.reload()
    assert view.cell_text(0, 0) == "Be kind\n⚠ Gap: no standard"
    assert view.cell_text(0, 1) == "⚠ No standard"
    assert view.cell_text(0, 3) == "NPS (no recent figures)\nCSAT"
    assert view.cells[(0, 3)].property("gap") is False  # CSAT is measured
    assert (
        view.cell_text(1, 0) == "Be quick\n⚠ Gap: no standard, no hiring criterion, no measured KPI"
    )
    assert view.cell_text(1, 3) == "NPS (no recent figures)\n⚠ No measured KPI"
    assert view.cells[(1, 0)].toolTip() == "Be quick"  # no meaning written: the name
    assert view.loose_text.text().startswith("Standards: Loose standard\n")
    assert "⚠ 2 values have a gap" in view.summary.text()


def test_culture_map_empty_state_opens_philosophy(qtbot, main_window):
    view = culture_map_of(main_window)
    assert view.empty
    assert (
        "Write your core values on the Philosophy page"
        in view.findChild(QLabel, "cultureMapEmpty").text()
    )
    qtbot.mouseClick(view.empty_button, LEFT)
    assert main_window.current_page_key() == "philosophy"


def test_culture_map_headings_open_their_pages(qtbot, demo_window):
    view = culture_map_of(demo_window)
    for key in ("standards", "hiring", "kpis", "philosophy"):
        demo_window.show_page("overview")
        qtbot.mouseClick(view.findChild(QPushButton, f"mapOpen_{key}"), LEFT)
        assert demo_window.current_page_key() == key


def test_print_culture_map(qtbot, monkeypatch, demo_window, fake_dialogs):
    from cscoach.printing import documents

    if "culture-map" not in documents.DOCUMENTS:
        pytest.skip("the culture-map document is not there yet")
    shown: list[tuple] = []
    monkeypatch.setattr(print_preview, "show_preview", lambda *args, **k: shown.append(args))
    view = culture_map_of(demo_window)
    qtbot.mouseClick(view.print_button, LEFT)
    assert fake_dialogs.kinds() == []
    (args,) = shown
    assert args[0] is view
    assert args[1].startswith(b"%PDF")
    assert args[2:4] == ("Culture map", "culture-map.pdf")


# -- agreement -----------------------------------------------------------------------------


def label_texts(view: agreement_view.AgreementView, name: str) -> list[str]:
    return [label.text() for label in view.labels(name)]


def test_agreement_shows_shared_terms_and_the_message_match(demo_window):
    wb = demo_window.wb
    view = agreement_of(demo_window)
    rounds = qn.list_rounds(wb)
    assert view.round_combo.count() == len(rounds) >= 2
    assert view.current_round().id == rounds[0].id  # the latest first
    expected = ag.round_agreement(wb, rounds[0].id)
    assert label_texts(view, "agreementQuestion") == [a.question for a in expected]
    figures = label_texts(view, "agreementFigure")
    for agreement, figure in zip(expected, figures, strict=True):
        assert figure == agreement_view.figure_text(agreement)
        assert figure.startswith(f"{agreement.agreeing_pairs} of {agreement.pairs} pair")
    shared = " | ".join(label_texts(view, "sharedTerms"))
    for agreement in expected:
        for term in agreement.shared:
            assert f"{term.term} — {term.answers} people" in shared
    match = ag.message_match(wb, rounds[0].id)
    assert match is not None and match.answers
    assert view.match_label.text() == (
        f"{match.matching} of {match.answers} answers use at least two of the published "
        f"message's key words: {', '.join(match.key_words)}"
    )
    assert view.message_label.text() == f"“{ag.published_message(wb)}”"
    assert "no AI" in view.explanation.text()


def test_agreement_compares_with_the_round_before(demo_window):
    view = agreement_of(demo_window)
    trends = label_texts(view, "agreementTrend")
    assert len(trends) == len(view.items)  # every question was asked in April too
    assert all(t[0] in "▲▼▶" for t in trends)
    assert any(t.startswith("▲ Agreement rose") for t in trends)
    assert any(t.startswith("▼ Agreement fell") for t in trends)
    first = qn.list_rounds(demo_window.wb)[-1]
    assert all(f"“{first.name}”" in t for t in trends)
    assert view.match_trend.isVisibleTo(view)
    view.round_combo.setCurrentIndex(view.round_combo.count() - 1)  # nothing earlier
    assert view.current_round().id == first.id
    assert label_texts(view, "agreementTrend") == []
    assert not view.match_trend.isVisibleTo(view)


def test_agreement_figures_read_as_sentences():
    def make(answers, pairs, agreeing, shared=()):
        return ag.Agreement("Q?", answers, tuple(shared), pairs, agreeing)

    assert agreement_view.figure_text(make(0, 0, 0)) == "No answers yet."
    assert "at least two" in agreement_view.figure_text(make(1, 0, 0))
    assert (
        agreement_view.figure_text(make(5, 10, 7))
        == "7 of 10 pairs of answers share a word (70 %) — 5 answers"
    )
    assert agreement_view.figure_text(make(2, 1, 1)).startswith("1 of 1 pair of answers shares")
    assert agreement_view.shared_text(make(3, 3, 1, [ag.SharedTerm("welcome", 4)])) == (
        "welcome — 4 people"
    )
    assert agreement_view.trend_text(0.5, 0.3, "March")[0] == (
        "▲ Agreement rose from 30 % in “March” to 50 %."
    )
    assert agreement_view.trend_text(0.2, 0.3, "March")[0].startswith("▼ Agreement fell")
    assert agreement_view.trend_text(0.3, 0.3, "March")[0].startswith("▶ Agreement stayed")
    assert agreement_view.trend_text(None, 0.3, "March")[0].startswith("Cannot compare")


def test_agreement_empty_state_opens_the_questionnaire(qtbot, main_window):
    view = agreement_of(main_window)
    assert view.empty
    qtbot.mouseClick(view.findChild(QPushButton, "open_questionnaire"), LEFT)
    assert main_window.current_page_key() == "questionnaire"


def test_agreement_without_a_published_message(qtbot, main_window):
    wb = main_window.wb
    round_id = qn.create_round(wb, "First meeting", "2026-03-01")
    overview_of(main_window).reload()
    view = agreement_of(main_window)
    assert not view.empty
    assert view.current_round().id == round_id
    assert "Not published yet" in view.message_label.text()
    assert not view.match_label.isVisibleTo(view)
    assert set(label_texts(view, "agreementFigure")) == {"No answers yet."}


# -- reloading -----------------------------------------------------------------------------


def test_overview_follows_changes_made_elsewhere(qtbot, demo_window):
    wb = demo_window.wb
    page = overview_of(demo_window)
    before = culture_map_of(demo_window).row_count()
    gaps_before = sum(1 for v in cm.culture_map(wb).values if v.gaps)
    demo_window.show_page("philosophy")
    ph.add_value(wb, "Keep it simple", "Say it plainly.")
    demo_window.current_page().changed.emit()  # as the page does after a write
    demo_window.show_page("overview")  # the window reloads a page that went stale
    view = page.culture_map
    assert view.row_count() == before + 1
    row = value_row(view, "Keep it simple")
    assert view.cell_text(row, 0) == (
        "Keep it simple\n⚠ Gap: no standard, no hiring criterion, no measured KPI"
    )
    steps = [link.text_label.text() for link in page.glance.next_steps.links]
    assert "No standard serves the value “Keep it simple”" in steps
    assert f"⚠ {gaps_before + 1} values have a gap" in view.summary.text()


def test_first_steps_give_way_to_the_cards(qtbot, main_window):
    page = overview_of(main_window)
    assert page.glance.showing_first_steps
    ph.add_value(main_window.wb, "Welcome everyone")
    page.reload()
    assert not page.glance.showing_first_steps
    assert len(page.glance.cards) == 9  # a card a section
    assert culture_map_of(main_window).row_count() == 1


def test_hidden_tabs_are_read_when_shown(qtbot, demo_window):
    page = overview_of(demo_window)
    assert page.tabs.currentWidget() is page.glance
    assert page.culture_map.map is None and page.agreement.rounds == []  # not read yet
    view = culture_map_of(demo_window)
    rows = view.row_count()
    page.show_tab(page.glance)
    ph.add_value(demo_window.wb, "Keep it simple")
    page.reload()
    assert view.row_count() == rows  # hidden: read again only when shown
    page.tabs.setCurrentWidget(view)  # as a click on the tab does
    assert view.row_count() == rows + 1


def test_user_text_is_shown_as_typed_on_every_tab(qtbot, main_window):
    wb = main_window.wb
    mark = "<b>Bold</b>"
    value = ph.add_value(wb, f"Value {mark}", f"Meaning {mark}")
    category = st.list_categories(wb)[0].id
    st.add_standard(wb, st.StandardInput(f"Standard {mark}", category, value_ids=(value,)))
    st.add_standard(wb, st.StandardInput(f"Loose {mark}", category))
    round_id = qn.create_round(wb, f"Round {mark}", "2026-03-01")
    page = overview_of(main_window)
    page.reload()
    assert ov.overview(wb).next_steps  # "No hiring criterion looks for the value “Value <b>…”"
    seen = set()
    for view in (page.glance, page.culture_map, page.agreement):
        page.show_tab(view)
        for label in view.findChildren(QLabel):
            if "<b>Bold" in label.text():
                seen.add(view.objectName())
                assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert seen == {"glanceView", "cultureMapView"}
    assert page.agreement.current_round().id == round_id


# -- reloading in place -------------------------------------------------------------------


def test_a_reload_updates_the_cards_in_place(qtbot, demo_window):
    """After a change elsewhere the Overview shows the new figures in the widgets it has
    (fast); a card whose shape changes (here a line more) is built again."""
    page = overview_of(demo_window)
    cards = dict(page.glance.cards)
    links = list(page.glance.next_steps.links)
    page.reload()  # nothing changed
    assert page.glance.cards == cards and page.glance.next_steps.links == links
    hiring.add_candidate(demo_window.wb, hiring.CandidateInput("Dana", "Barista"))
    page.reload()
    assert page.glance.cards["hiring"] is cards["hiring"]
    waiting = hiring.candidates_in_progress(demo_window.wb)
    assert cards["hiring"].headline_label.text() == f"{waiting} candidates in progress"
    texts = [link.text_label.text() for link in page.glance.next_steps.links]
    assert f"{waiting} candidates are waiting for a decision" in texts
    assert [link.step.text for link in page.glance.next_steps.links] == texts
    member = team.add_member(demo_window.wb, "Leaving soon")
    team.set_active(demo_window.wb, member, False)
    page.reload()
    team_card = page.glance.cards["team"]
    assert [label.text() for label in team_card.line_labels] == ["2 no longer on the team"]
    assert list(page.glance.cards) == [c.page for c in ov.overview(demo_window.wb).cards]
    # every card is still in its place in the grid, two to a row
    grid = page.glance.cards_grid
    for index, widget in enumerate(page.glance.cards.values()):
        assert grid.getItemPosition(grid.indexOf(widget))[:2] == divmod(index, 2)


def test_a_card_updated_in_place_changes_colour_with_its_state(qtbot):
    def kpi_card(attention: bool, status: str | None, better: bool | None) -> ov.Card:
        line = ov.KpiLine("CSAT", "80 %", status, "▲", better)
        return ov.Card("kpis", "KPIs, March 2026", "1 of 1", (), attention, (line,))

    widget = OverviewCard(kpi_card(False, "on", True))
    widget.setStyleSheet(STYLESHEET)  # as the window has it
    qtbot.addWidget(widget)
    widget.show()
    _name, _value, status, arrow = widget.kpi_rows[0]
    title_colour = colour(widget.title_label)
    assert (colour(status), colour(arrow)) == (BETTER, BETTER)
    widget.set_card(kpi_card(True, "off", False))
    assert (colour(status), colour(arrow)) == (WORSE, WORSE)
    assert status.text() == "✗" and status.toolTip() == "Off target"
    assert widget.title_label.text() == "⚠ KPIs, March 2026"
    assert colour(widget.title_label) != title_colour  # amber: needs attention
    widget.set_card(kpi_card(False, None, None))
    assert colour(arrow) not in (BETTER, WORSE) and status.text() == "–"
    assert colour(widget.title_label) == title_colour


def test_culture_map_and_agreement_are_built_when_first_shown(qtbot, demo_window):
    page = overview_of(demo_window)
    assert page._culture_map is None and page._agreement is None  # the start page is light
    assert [page.tabs.tabText(i) for i in range(3)] == ["At a Glance", "Culture Map", "Agreement"]
    page.tabs.setCurrentIndex(2)  # a click on the tab
    assert page.tabs.currentWidget() is page.agreement and page.agreement.rounds
    assert page._culture_map is None
    page.tabs.setCurrentIndex(1)
    assert page.tabs.currentWidget() is page.culture_map and page.culture_map.map is not None


def test_a_wide_screen_gets_three_columns_of_cards(qtbot, demo_window):
    page = overview_of(demo_window)
    glance = page.glance
    pages = list(glance.cards)
    glance.resize(3000, 900)
    qtbot.waitUntil(lambda: glance._cell(glance.cards[pages[2]]) == (0, 2))
    glance.resize(900, 900)
    qtbot.waitUntil(lambda: glance._cell(glance.cards[pages[2]]) == (1, 0))
