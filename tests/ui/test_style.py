"""The look follows light and dark mode: palettes, the app's style sheet and QPalette, colours
read at paint and data time, HTML in the palette's colours, and no colour kept elsewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from cscoach.ui import icons, style
from cscoach.ui.answers_html import question_answers_html
from cscoach.ui.main_window import MainWindow
from cscoach.ui.widgets import HtmlView, ToneItem, plain_label, set_role

UI = Path(__file__).resolve().parents[2] / "cscoach" / "ui"
# The one file that names colours: every other one asks it (the KPI charts too).
COLOURS_ALLOWED = {UI / "style.py"}
HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")
QCOLOR_LITERAL = re.compile(r"""QColor\(\s*(["']|\d)""")
NAMED_CSS = re.compile(r"""(color|background)\s*:\s*(white|black)\b""")
GLOBAL_COLOUR = re.compile(r"Qt\.GlobalColor\.(white|black|gray|grey|red|green|blue)")


@pytest.fixture(autouse=True)
def light_again(qapp):
    """Every test starts and ends in the light palette, as the rest of the suite expects."""
    style.install(qapp)
    style.apply("light")
    yield
    style.apply("light")


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""

    def luminance(name: str) -> float:
        colour = QColor(name)
        channels = []
        for c in (colour.redF(), colour.greenF(), colour.blueF()):
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("palette", [style.LIGHT, style.DARK], ids=lambda p: p.name)
def test_text_colours_reach_wcag_aa(palette):
    for text, background in style.TEXT_ON:
        ratio = contrast(getattr(palette, text), getattr(palette, background))
        assert ratio >= 4.5, f"{palette.name}: {text} on {background} is {ratio:.2f}:1"


def test_both_palettes_name_every_colour():
    for palette in style.PALETTES.values():
        for name in style.COLOUR_NAMES:
            assert QColor(getattr(palette, name)).isValid(), (palette.name, name)
    assert style.LIGHT != style.DARK


def test_switching_to_dark_changes_the_style_sheet_and_the_palette(qtbot, qapp):
    window = QWidget()
    qtbot.addWidget(window)
    style.style_window(window)
    child = QDialog(window)  # a dialog inherits its window's style sheet
    style.style_window(child)
    assert child.styleSheet() == ""
    light_sheet = window.styleSheet()
    light_window = qapp.palette().color(QPalette.ColorRole.Window)
    assert light_sheet == style.stylesheet(style.LIGHT)
    assert style.LIGHT.base in light_sheet and style.DARK.base not in light_sheet
    changed = []
    style.notifier().changed.connect(changed.append)

    style.apply("dark")
    assert style.current() is style.DARK and style.is_dark()
    assert window.styleSheet() == style.stylesheet(style.DARK) != light_sheet
    assert style.DARK.base in window.styleSheet()
    assert child.styleSheet() == ""
    palette = qapp.palette()
    assert palette.color(QPalette.ColorRole.Window) == QColor(style.DARK.window) != light_window
    assert palette.color(QPalette.ColorRole.Text) == QColor(style.DARK.text)
    assert palette.color(QPalette.ColorRole.Highlight) == QColor(style.DARK.accent_fill)

    style.apply("light")
    assert window.styleSheet() == light_sheet
    assert qapp.palette().color(QPalette.ColorRole.Window) == light_window
    assert changed == ["dark", "light"]
    style.notifier().changed.disconnect(changed.append)


def test_the_scheme_follows_the_system_unless_forced(qapp, monkeypatch):
    monkeypatch.delenv(style.SCHEME_VARIABLE, raising=False)
    system = qapp.styleHints().colorScheme()
    expected = "dark" if system == Qt.ColorScheme.Dark else "light"
    assert style.system_scheme(qapp) == expected
    monkeypatch.setenv(style.SCHEME_VARIABLE, "Dark")
    assert style.forced_scheme() == "dark" == style.system_scheme(qapp)
    monkeypatch.setenv(style.SCHEME_VARIABLE, "light")
    assert style.system_scheme(qapp) == "light"
    monkeypatch.setenv(style.SCHEME_VARIABLE, "sepia")  # not a palette: the system decides
    assert style.forced_scheme() is None


def test_a_system_change_is_followed_unless_the_scheme_is_forced(qapp, monkeypatch):
    monkeypatch.setattr(style, "system_scheme", lambda app=None: "dark")
    monkeypatch.delenv(style.SCHEME_VARIABLE, raising=False)
    style._system_scheme_changed(Qt.ColorScheme.Dark)
    assert style.current() is style.DARK
    monkeypatch.setenv(style.SCHEME_VARIABLE, "light")
    style.apply("light")
    style._system_scheme_changed(Qt.ColorScheme.Dark)
    assert style.current() is style.LIGHT


def test_kpi_cells_on_and_off_target_take_the_current_palette(qtbot, demo_workbook, settings):
    window = MainWindow(demo_workbook, settings)
    qtbot.addWidget(window)
    window.show_page("kpis")
    model = window.current_page().grid_model
    cells = [
        model.index(row, column)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    coloured = [i for i in cells if model.data(i, Qt.ItemDataRole.BackgroundRole) is not None]
    assert coloured
    light = {model.data(i, Qt.ItemDataRole.BackgroundRole).name() for i in coloured}
    assert light <= {style.LIGHT.on_bg, style.LIGHT.off_bg}

    style.apply("dark")
    dark = {model.data(i, Qt.ItemDataRole.BackgroundRole).name() for i in coloured}
    assert dark <= {style.DARK.on_bg, style.DARK.off_bg}
    assert not light & dark


def test_a_greyed_row_is_greyed_in_the_current_palette(qtbot, demo_workbook, settings):
    window = MainWindow(demo_workbook, settings)
    qtbot.addWidget(window)
    window.show_page("team")
    model = window.current_page().model
    greys = [
        model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole)
        for row in range(model.rowCount())
    ]
    greys = {grey.name() for grey in greys if grey is not None}
    assert greys == {style.LIGHT.inactive}  # the demo team has someone who left
    style.apply("dark")
    index = next(
        model.index(row, 0)
        for row in range(model.rowCount())
        if model.data(model.index(row, 0), Qt.ItemDataRole.ForegroundRole) is not None
    )
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) == QColor(style.DARK.inactive)


def test_table_items_and_icons_read_their_colour_when_painted(qapp):
    item = ToneItem("not scored", foreground="inactive", background="best_bg")
    assert item.data(Qt.ItemDataRole.ForegroundRole) == QColor(style.LIGHT.inactive)
    assert item.clone().data(Qt.ItemDataRole.BackgroundRole) == QColor(style.LIGHT.best_bg)
    icon = icons.icon("team")

    def ink() -> set[str]:
        image = icon.pixmap(QSize(48, 48), 1.0, QIcon.Mode.Normal).toImage()
        return {
            image.pixelColor(x, y).name()
            for y in range(image.height())
            for x in range(image.width())
            if image.pixelColor(x, y).alpha() == 255
        }

    assert ink() == {style.LIGHT.accent}
    style.apply("dark")
    assert item.data(Qt.ItemDataRole.ForegroundRole) == QColor(style.DARK.inactive)
    assert item.data(Qt.ItemDataRole.BackgroundRole) == QColor(style.DARK.best_bg)
    assert ink() == {style.DARK.accent}


def test_labels_coloured_by_role_change_colour_with_the_palette(qtbot):
    label = plain_label("⚠ Gap", role="attention")
    qtbot.addWidget(label)
    style.style_window(label)
    label.show()

    def colour(widget: QLabel) -> str:
        widget.ensurePolished()
        return widget.palette().color(widget.foregroundRole()).name()

    assert colour(label) == style.LIGHT.attention
    set_role(label, "error")
    assert colour(label) == style.LIGHT.error
    style.apply("dark")
    assert colour(label) == style.DARK.error
    set_role(label, "")
    assert label.property("role") is None
    assert colour(label) == style.DARK.text


def test_html_names_classes_and_is_shown_again_in_the_new_palette(qtbot, demo_workbook):
    from cscoach.model import questionnaire as qn

    rnd = qn.list_rounds(demo_workbook)[0]
    question = qn.round_questions(demo_workbook, rnd.id)[0]
    html = question_answers_html(qn.answers_to_question(demo_workbook, rnd.id, question.id))
    assert "class='muted'" in html
    assert not HEX.search(html), "HTML for the app names classes, never colours"

    view = HtmlView()
    qtbot.addWidget(view)
    view.show()
    view.setHtml("<p class='muted'>hint</p><p>text</p>")
    assert style.LIGHT.muted in view.toHtml()
    style.apply("dark")
    QApplication.sendPostedEvents()
    assert style.DARK.muted in view.toHtml()  # shown again in the dark palette
    assert style.LIGHT.muted not in view.toHtml()
    view.changeEvent(QEvent(QEvent.Type.PaletteChange))  # same palette: left alone
    assert style.DARK.muted in view.toHtml()


def test_a_window_switched_live_repaints_in_the_new_palette(qtbot, demo_workbook, settings):
    window = MainWindow(demo_workbook, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.show_page("overview")
    qtbot.waitExposed(window)
    light = window.grab().toImage()
    style.apply("dark")
    dark = window.grab().toImage()
    # The sidebar and the page behind the cards take the dark colours.
    sidebar = dark.pixelColor(100, light.height() - 60).name()
    assert sidebar == style.DARK.sidebar_bg
    assert light.pixelColor(100, light.height() - 60).name() == style.LIGHT.sidebar_bg


def test_no_widget_keeps_a_colour_of_its_own():
    """Every colour under cscoach/ui comes from style.py (except the files listed above)."""
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path in COLOURS_ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for pattern in (HEX, QCOLOR_LITERAL, NAMED_CSS, GLOBAL_COLOUR):
                if pattern.search(line):
                    found.append(f"{path.relative_to(UI)}:{number}: {line.strip()}")
    assert not found, "colours outside style.py:\n" + "\n".join(found)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_first_step_badges_are_accent_circles_inside_their_cards(qtbot, scheme):
    """A card's labels are transparent; the numbered badges in them must still be filled."""
    from cscoach.ui.pages.overview.page import FirstSteps

    style.apply(scheme)
    steps = FirstSteps()
    qtbot.addWidget(steps)
    style.style_window(steps)
    steps.resize(900, 600)
    steps.show()
    badge = steps.findChildren(QLabel, "stepNumber")[0]
    image = badge.grab().toImage()
    inside = image.pixelColor(image.width() // 4, image.height() // 2)
    assert inside.name() == style.current().accent_fill


def test_kpi_charts_take_the_palette_and_are_drawn_again_when_it_changes(qtbot, demo_workbook):
    """On screen the charts' background and text follow light and dark mode, live."""
    from matplotlib.colors import to_hex

    from cscoach.ui.pages.kpis.page import KpisPage

    page = KpisPage(demo_workbook)
    qtbot.addWidget(page)
    style.style_window(page)
    page.resize(1280, 800)
    page.show()
    page.tabs.setCurrentWidget(page.charts)
    qtbot.waitUntil(lambda: bool(page.charts.panels) and not page.charts.busy, timeout=20_000)

    def colours() -> set[tuple[str, str, str]]:
        """(background, title, legend text) of every panel and the legend."""
        found = set()
        legend = page.charts.legend.figure
        label = to_hex(legend.legends[0].get_texts()[0].get_color())
        for panel in page.charts.panels.values():
            ax = panel.figure.axes[0]
            background = to_hex(panel.figure.get_facecolor())
            title = ax.cscoach_labels["title"][0]
            found.add((background, to_hex(title.get_color()), label))
            assert to_hex(ax.get_facecolor()) == background
            image = panel.grab().toImage()  # what is on screen, not only the figure's state
            assert image.pixelColor(image.width() - 2, image.height() // 2).name() == background
        return found

    assert colours() == {(style.LIGHT.base, style.LIGHT.text, style.LIGHT.text)}
    style.apply("dark")
    qtbot.waitUntil(lambda: not page.charts.busy, timeout=20_000)
    assert colours() == {(style.DARK.base, style.DARK.text, style.DARK.text)}
    assert style.LIGHT.base != style.DARK.base and style.LIGHT.text != style.DARK.text

    page.charts.show_kpi(page.charts.chart_combo.itemData(1))  # one KPI, drawn in dark
    qtbot.waitUntil(lambda: page.charts.canvas is not None and not page.charts.busy)
    assert to_hex(page.charts.figure.get_facecolor()) == style.DARK.base
    style.apply("light")
    qtbot.waitUntil(lambda: not page.charts.busy)
    assert to_hex(page.charts.figure.get_facecolor()) == style.LIGHT.base
    page.charts.show_kpi("dashboard")  # the dashboard, kept while hidden, in light again
    qtbot.waitUntil(lambda: not page.charts.busy)
    assert colours() == {(style.LIGHT.base, style.LIGHT.text, style.LIGHT.text)}
