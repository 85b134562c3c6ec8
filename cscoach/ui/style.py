"""The app's look: a light and a dark palette of named colours, one style sheet built from
the palette in use, and the QPalette to match, kept calm and readable.

CS Coach follows the system's light or dark mode (``QStyleHints.colorScheme``), also when it
changes while the app runs. ``CSCOACH_COLOR_SCHEME=dark`` (or ``light``) forces one, for
screenshots and tests: Qt cannot force it on every platform (not offscreen, not xcb).

Nothing keeps a colour: widgets are styled by the style sheet (object names and the
``role`` property) that each window gets from ``style_window``, models return
``qcolor(...)`` when asked for data, and HTML is styled by ``html_css()`` (see
``widgets.HtmlView``). ``apply`` sets the application's palette and the windows' style sheet
again, which re-polishes and repaints every widget.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

SCHEME_VARIABLE = "CSCOACH_COLOR_SCHEME"
ICON_INK = "#2f6f73"  # the colour the SVG files in icons/ are drawn in (icons.py repaints it)


@dataclass(frozen=True)
class Palette:
    """The named colours of one scheme. Text colours have WCAG AA contrast (4.5:1) on the
    backgrounds they are used on (``TEXT_ON`` lists the pairs; a test checks them)."""

    name: str
    window: str  # the window behind everything
    base: str  # tables, fields, cards, panels
    alternate_base: str  # every other table row
    button: str
    text: str  # body text
    heading: str  # page and card titles
    strong_text: str  # sidebar entries, introductions
    header_text: str  # table headings, card titles
    header_bg: str  # table headings
    muted: str  # hints, subtitles, secondary text
    inactive: str  # rows of retired or former things
    placeholder: str
    disabled: str  # text of disabled controls
    accent: str  # the one accent: lines, links, icons
    accent_strong: str  # accent text that must stand out: numbers, headlines
    accent_fill: str  # selected sidebar row, badges, checked buttons (text: on_accent)
    on_accent: str
    error: str
    better: str  # green: on target, rose
    attention: str  # amber: overdue, gaps, fell
    attention_bg: str
    banner_bg: str
    banner_border: str
    banner_text: str
    warning_bg: str  # a warning box inside a page
    warning_text: str
    sidebar_bg: str
    sidebar_hover: str
    border: str
    selection_bg: str  # selected table rows
    selection_text: str
    tip_bg: str  # the page tip and a hovered next step
    tip_text: str
    on_bg: str  # a KPI cell on target
    on_text: str
    off_bg: str  # a KPI cell off target
    off_text: str
    best_bg: str  # the best score in a comparison
    panel_bg: str  # a formula shown in a box
    panel_border: str
    added: str  # words added, in a comparison of versions
    removed: str  # words removed
    icon_disabled: str
    # The KPI charts (the rest of their colours are named above: base, text, accent, ...).
    chart_rolling: str  # the 3-month average
    chart_note: str  # the circle round a month with a note
    chart_grid: str  # the value grid lines
    chart_axis: str  # the axis lines and tick marks
    # The counter kiosk's five faces, from very unhappy to very happy, and their features.
    face_1: str
    face_2: str
    face_3: str
    face_4: str
    face_5: str
    face_ink: str


LIGHT = Palette(
    name="light",
    window="#efefef",
    base="#ffffff",
    alternate_base="#f6f8f9",
    button="#efefef",
    text="#000000",
    heading="#1d2a35",
    strong_text="#22303c",
    header_text="#3a4754",
    header_bg="#f3f5f7",
    muted="#5f6b77",
    inactive="#687380",
    placeholder="#7b8590",
    disabled="#a0a8b0",
    accent="#2f6f73",
    accent_strong="#245659",
    accent_fill="#2f6f73",
    on_accent="#ffffff",
    error="#b3261e",
    better="#2e7d32",
    attention="#9a5b00",
    attention_bg="#fff8eb",
    banner_bg="#fff4d6",
    banner_border="#e3c36b",
    banner_text="#4d3b00",
    warning_bg="#fff4e5",
    warning_text="#7a4100",
    sidebar_bg="#f1f4f5",
    sidebar_hover="#e3e9eb",
    border="#d9dee3",
    selection_bg="#d6e8e8",
    selection_text="#1d2a35",
    tip_bg="#eef5f5",
    tip_text="#34505a",
    on_bg="#e7f3e8",
    on_text="#1e6b2a",
    off_bg="#fbe9e7",
    off_text="#a0261d",
    best_bg="#dcefe9",
    panel_bg="#f1f6f6",
    panel_border="#d2e2e2",
    added="#1b7a3d",
    removed="#b42318",
    icon_disabled="#a7b0b8",
    chart_rolling="#c77c1e",
    chart_note="#7a4100",
    chart_grid="#e4e8eb",
    chart_axis="#b7c0c7",
    face_1="#d9463e",
    face_2="#ee8a35",
    face_3="#f1c232",
    face_4="#93c152",
    face_5="#3c9f56",
    face_ink="#1d2a35",
)

DARK = Palette(
    name="dark",
    window="#202428",
    base="#282d32",
    alternate_base="#2e3439",
    button="#30363c",
    text="#e6e9ec",
    heading="#f1f4f6",
    strong_text="#d9dfe4",
    header_text="#c5ced6",
    header_bg="#30363c",
    muted="#a5b0ba",
    inactive="#97a2ad",
    placeholder="#8a959f",
    disabled="#687179",
    accent="#6cc0bf",
    accent_strong="#8ed3d0",
    accent_fill="#2f6f73",
    on_accent="#ffffff",
    error="#f28b82",
    better="#81c995",
    attention="#f2b661",
    attention_bg="#3a3222",
    banner_bg="#3b3318",
    banner_border="#8a7432",
    banner_text="#f3e2a9",
    warning_bg="#3d2f18",
    warning_text="#f6cd8f",
    sidebar_bg="#1a1e21",
    sidebar_hover="#2a3035",
    border="#3b434a",
    selection_bg="#2d5456",
    selection_text="#eef5f5",
    tip_bg="#24393b",
    tip_text="#c3dedd",
    on_bg="#1f3b27",
    on_text="#a8dab5",
    off_bg="#46241f",
    off_text="#f5aaa2",
    best_bg="#24463f",
    panel_bg="#263437",
    panel_border="#3d5154",
    added="#7fd19a",
    removed="#f28b82",
    icon_disabled="#5d666e",
    chart_rolling="#e3a75a",
    chart_note="#f6cd8f",
    chart_grid="#363d43",
    chart_axis="#5b656e",
    face_1="#d2564f",
    face_2="#e28d45",
    face_3="#e2bb45",
    face_4="#8db85a",
    face_5="#4aa564",
    face_ink="#161c22",
)

PALETTES = {LIGHT.name: LIGHT, DARK.name: DARK}
COLOUR_NAMES = tuple(f.name for f in fields(Palette) if f.name != "name")

# (text, background) pairs that must reach WCAG AA, 4.5:1, in both palettes.
TEXT_ON: tuple[tuple[str, str], ...] = (
    *((t, "base") for t in ("text", "heading", "strong_text", "muted", "inactive", "accent")),
    *((t, "alternate_base") for t in ("text", "muted", "inactive", "error", "better")),
    *((t, "window") for t in ("text", "heading", "muted", "accent", "error")),
    ("muted", "button"),
    ("accent_strong", "base"),
    ("error", "base"),
    ("better", "base"),
    ("attention", "base"),
    ("attention", "attention_bg"),
    ("muted", "attention_bg"),
    ("header_text", "header_bg"),
    ("on_accent", "accent_fill"),
    ("banner_text", "banner_bg"),
    ("warning_text", "warning_bg"),
    ("strong_text", "sidebar_bg"),
    ("muted", "sidebar_bg"),
    ("strong_text", "sidebar_hover"),
    ("selection_text", "selection_bg"),
    ("tip_text", "tip_bg"),
    ("accent_strong", "tip_bg"),
    ("on_text", "on_bg"),
    ("off_text", "off_bg"),
    ("text", "on_bg"),
    ("text", "off_bg"),
    ("text", "best_bg"),
    ("text", "panel_bg"),
    ("added", "base"),
    ("removed", "base"),
)

_current: Palette = LIGHT
_qcolors: dict[tuple[str, str], QColor] = {}


def current() -> Palette:
    """The palette in use now (read it when painting or answering a model's data)."""
    return _current


def qcolor(name: str) -> QColor:
    """The current palette's colour ``name`` (a field of ``Palette``) as a QColor."""
    key = (_current.name, name)
    colour = _qcolors.get(key)
    if colour is None:
        colour = _qcolors[key] = QColor(getattr(_current, name))
    return colour


def is_dark() -> bool:
    return _current is DARK


BODY_PT = 9.0  # the body size the type scale below was drawn for


def _running_app() -> QGuiApplication | None:
    """The running application (PySide6 types ``instance()`` as a QCoreApplication)."""
    app = QGuiApplication.instance()
    return app if isinstance(app, QGuiApplication) else None


def pt(size: float) -> float:
    """A size of the type scale (drawn for a 9 pt body) in the app's own body font, so
    headings stay in proportion where the system font is larger (13 pt on a Mac)."""
    app = _running_app()
    body = app.font().pointSizeF() if app is not None else BODY_PT
    return round(size * (body if body > 0 else BODY_PT) / BODY_PT, 1)


# -- the style sheet ---------------------------------------------------------------------


def stylesheet(p: Palette | None = None) -> str:
    """The application's style sheet in palette ``p`` (default: the current one)."""
    p = p or _current
    return f"""
QListWidget#sidebar {{
    background: {p.sidebar_bg};
    border: none;
    padding: 6px 8px;
    outline: 0;
}}
QListWidget#sidebar::item {{
    padding: 8px 12px;
    margin: 1px 0;
    border-radius: 5px;
    color: {p.strong_text};
}}
QListWidget#sidebar::item:hover {{
    background: {p.sidebar_hover};
}}
QListWidget#sidebar::item:selected {{
    background: {p.accent_fill};
    color: {p.on_accent};
}}
QWidget#sidebarPanel {{
    background: {p.sidebar_bg};
    border-right: 1px solid {p.border};
}}
QLabel#sidebarBusiness {{
    font-weight: 600;
    color: {p.strong_text};
}}
QLabel#sidebarApp {{
    color: {p.muted};
}}
QLabel#pageTitle, QLabel#dialogHeading {{
    font-size: {pt(17)}pt;
    font-weight: 600;
    color: {p.heading};
}}
QLabel#dialogHeading {{
    font-size: {pt(14)}pt;
}}
QDialogButtonBox {{
    dialogbuttonbox-buttons-have-icons: 0;
}}
QLabel#pageSubtitle, QLabel[role="hint"] {{
    color: {p.muted};
}}
QFrame#pageTip {{
    background: {p.tip_bg};
    border-left: 3px solid {p.accent};
}}
QLabel#pageTipText {{
    color: {p.tip_text};
}}
QToolButton#tipClose {{
    color: {p.tip_text};
    border: none;
    padding: 0 4px;
}}
QLabel[role="error"], QLabel[role="errorStrong"] {{
    color: {p.error};
}}
QLabel[role="feedback"] {{
    color: {p.accent_strong};
}}
QLabel[role="better"] {{
    color: {p.better};
}}
QLabel[role="attention"], QLabel[role="attentionStrong"] {{
    color: {p.attention};
}}
QLabel[role="strong"], QLabel[role="errorStrong"], QLabel[role="attentionStrong"] {{
    font-weight: 600;
}}
QLabel[role="warning"] {{
    background: {p.warning_bg};
    color: {p.warning_text};
    padding: 6px;
    border-radius: 4px;
}}
QLabel#formTitle {{
    font-size: {pt(12)}pt;
    font-weight: 600;
}}
QFrame#readOnlyBanner {{
    background: {p.banner_bg};
    border: 1px solid {p.banner_border};
    border-radius: 6px;
}}
QFrame#readOnlyBanner QLabel {{
    color: {p.banner_text};
}}
QFrame#card, QFrame#detailPanel, QFrame#emptyState {{
    background: {p.base};
    border: 1px solid {p.border};
    border-radius: 8px;
}}
QScrollArea#relatedPage, QScrollArea#relatedPage > QWidget#qt_scrollarea_viewport,
QWidget#relatedInside {{
    background: transparent;
}}
QFrame#card QLabel, QFrame#detailPanel QLabel, QFrame#emptyState QLabel {{
    background: transparent;
    border: none;
}}
QLabel#cardNumber {{
    font-size: {pt(20)}pt;
    font-weight: 600;
    color: {p.accent_strong};
}}
QPushButton[role="link"] {{
    color: {p.accent};
    border: none;
    background: transparent;
    padding: 2px 0;
    text-align: left;
}}
QPushButton[role="link"]:hover {{
    color: {p.accent_strong};
    text-decoration: underline;
}}
QPushButton[role="link"]:disabled {{
    color: {p.disabled};
}}
QTableView {{
    background: {p.base};
    alternate-background-color: {p.alternate_base};
    border: 1px solid {p.border};
    selection-background-color: {p.selection_bg};
    selection-color: {p.selection_text};
}}
QTableView::item {{
    padding: 0 6px;
}}
QHeaderView::section {{
    background: {p.header_bg};
    color: {p.header_text};
    border: none;
    border-bottom: 1px solid {p.border};
    padding: 6px 8px;
    font-weight: 600;
}}
QTableCornerButton::section {{
    background: {p.header_bg};
    border: none;
    border-bottom: 1px solid {p.border};
}}
QListWidget::item {{
    padding: 4px 6px;
}}
QLabel#comingSoon {{
    color: {p.muted};
    font-style: italic;
}}
/* The Overview's cards and next steps, by object name and property: one style sheet for
   all of them builds and shows much faster than a style sheet on each label. */
QFrame#card[attention="true"] {{
    border-left: 4px solid {p.attention};
    background: {p.attention_bg};
}}
QFrame#card[accent="true"] {{
    border-left: 4px solid {p.accent};
}}
QLabel#cardTitle {{ color: {p.header_text}; font-weight: 600; }}
QFrame#card[attention="true"] QLabel#cardTitle {{ color: {p.attention}; }}
QLabel#cardHeadline {{ color: {p.accent_strong}; font-size: {pt(14)}pt; font-weight: 600; }}
QLabel#kpiValue {{ font-weight: 600; }}
QLabel#kpiStatus {{ color: {p.muted}; font-weight: 600; }}
QLabel#kpiStatus[status="on"] {{ color: {p.better}; }}
QLabel#kpiStatus[status="off"] {{ color: {p.error}; }}
QLabel#kpiArrow[better="true"] {{ color: {p.better}; }}
QLabel#kpiArrow[better="false"] {{ color: {p.error}; }}
QLabel#kpiLegend {{ font-size: {pt(8)}pt; }}
QFrame#card[role="nextSteps"] {{ border-top: 4px solid {p.accent}; }}
QLabel#nextStepsHeading {{ font-size: {pt(13)}pt; font-weight: 600; color: {p.heading}; }}
QFrame#nextStep {{ border: none; border-radius: 6px; padding: 2px; }}
QFrame#nextStep:hover, QFrame#nextStep:focus {{ background: {p.tip_bg}; }}
QLabel#nextStepNumber {{ color: {p.accent_strong}; font-weight: 600; }}
QLabel#nextStepText {{ color: {p.accent_strong}; }}
QLabel#nextStepArrow {{ color: {p.accent}; font-size: {pt(13)}pt; }}
QLabel#firstStepsHeading {{ font-size: {pt(14)}pt; font-weight: 600; color: {p.heading}; }}
QLabel#stepTitle {{ font-size: {pt(12)}pt; font-weight: 600; color: {p.heading}; }}
QLabel#stepNumber, QFrame#card QLabel#stepNumber {{
    background: {p.accent_fill};
    color: {p.on_accent};
    font-weight: 600;
}}
QLabel#helpIntro {{ color: {p.strong_text}; }}
QTreeWidget#shortcutsTree {{ background: {p.base}; outline: 0; }}
/* The culture map. */
QFrame#cultureMapMatrix {{
    background: {p.base};
    border: 1px solid {p.border};
    border-right: none;
    border-bottom: none;
}}
QFrame#mapCell {{
    background: {p.base};
    border: none;
    border-right: 1px solid {p.border};
    border-bottom: 1px solid {p.border};
}}
QFrame#mapCell[gap="true"] {{ background: {p.attention_bg}; }}
QFrame#mapHeader {{
    background: {p.header_bg};
    border: none;
    border-bottom: 1px solid {p.border};
    border-right: 1px solid {p.border};
}}
QFrame#mapCell QLabel, QFrame#mapHeader QLabel {{ background: transparent; }}
/* Hiring: the checked score of a criterion. */
QFrame#scoreEditor QPushButton:checked {{
    background: {p.accent_fill};
    border: 1px solid {p.accent_strong};
    color: {p.on_accent};
    font-weight: 600;
}}
/* KPIs: the formula of a KPI entered from counts. */
QLabel#formulaLabel {{
    background: {p.panel_bg};
    border: 1px solid {p.panel_border};
    border-radius: 4px;
    padding: 8px;
    font-size: {pt(12)}pt;
}}
""" + (_dark_tabs(p) if p is DARK else "")


def _dark_tabs(p: Palette) -> str:
    """Tabs drawn by the style sheet in the dark palette: Fusion paints a tab's page a shade
    lighter than its buttons, a heavy grey in the dark, on which hint text is too faint."""
    return f"""
QTabWidget::pane {{
    background: {p.window};
    border: 1px solid {p.border};
    top: -1px;
}}
QTabBar::tab {{
    background: {p.button};
    color: {p.muted};
    border: 1px solid {p.border};
    border-top-left-radius: 4px;
    border-top-right-radius: 4px;
    padding: 4px 10px;
    margin-right: 2px;
}}
QTabBar::tab:hover {{
    color: {p.text};
}}
QTabBar::tab:selected {{
    background: {p.window};
    color: {p.text};
    border-bottom-color: {p.window};
}}
QTabBar::tab:!selected {{
    margin-top: 2px;
}}
"""


def html_css(p: Palette | None = None) -> str:
    """The default style sheet of HTML shown in the app (answers, philosophy versions):
    HTML names a class (``<p class='muted'>``), never a colour."""
    p = p or _current
    return (
        f"a {{ color: {p.accent}; }}"
        f".muted {{ color: {p.muted}; }}"
        f".bar {{ color: {p.accent}; }}"
        f".added {{ color: {p.added}; }}"
        f".removed {{ color: {p.removed}; }}"
    )


# -- the QPalette -------------------------------------------------------------------------


def qpalette(p: Palette | None = None) -> QPalette:
    """The QPalette for the Fusion style in palette ``p``: the colours Qt draws controls,
    fields, menus and tooltips with. The light one is Fusion's own, with the app's accent."""
    p = p or _current
    light = p is LIGHT
    roles = QPalette.ColorRole
    shades = (
        {"Light": "#ffffff", "Midlight": "#cacaca", "Mid": "#b8b8b8", "Dark": "#9f9f9f"}
        if light
        else {"Light": "#464e55", "Midlight": "#3a4147", "Mid": "#23282c", "Dark": "#15181b"}
    )
    active = {
        roles.Window: p.window,
        roles.WindowText: p.text,
        roles.Base: p.base,
        roles.AlternateBase: "#f7f7f7" if light else p.alternate_base,
        roles.Text: p.text,
        roles.Button: p.button,
        roles.ButtonText: p.text,
        roles.BrightText: "#ffffff",
        roles.Light: shades["Light"],
        roles.Midlight: shades["Midlight"],
        roles.Mid: shades["Mid"],
        roles.Dark: shades["Dark"],
        roles.Shadow: "#767676" if light else "#0b0d0e",
        roles.Highlight: p.accent_fill,
        roles.HighlightedText: p.on_accent,
        roles.Link: p.accent,
        roles.LinkVisited: p.accent_strong,
        roles.ToolTipBase: "#ffffdc" if light else p.button,
        roles.ToolTipText: "#000000" if light else p.text,
        roles.PlaceholderText: p.placeholder,
        roles.Accent: p.accent_fill,
    }
    palette = QPalette()
    for role, colour in active.items():
        palette.setColor(QPalette.ColorGroup.Active, role, QColor(colour))
        palette.setColor(QPalette.ColorGroup.Inactive, role, QColor(colour))
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    disabled = {
        roles.WindowText: p.disabled,
        roles.Text: p.disabled,
        roles.ButtonText: p.disabled,
        roles.Base: p.window,
        roles.Highlight: "#919191" if light else "#3b4248",
        roles.Accent: "#919191" if light else "#3b4248",
        roles.PlaceholderText: p.disabled,
    }
    for role, colour in disabled.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


# -- choosing and applying a scheme ------------------------------------------------------


def forced_scheme() -> str | None:
    """``light`` or ``dark`` when CSCOACH_COLOR_SCHEME forces one, else None."""
    value = os.environ.get(SCHEME_VARIABLE, "").strip().lower()
    return value if value in PALETTES else None


def system_scheme(app: QGuiApplication | None = None) -> str:
    """The scheme to use: the forced one, else the system's (light when it says nothing)."""
    forced = forced_scheme()
    if forced:
        return forced
    app = app or _running_app()
    if app is None:
        return LIGHT.name
    return DARK.name if app.styleHints().colorScheme() == Qt.ColorScheme.Dark else LIGHT.name


class _Notifier(QObject):
    """Emits ``changed(scheme)`` after ``apply`` put another palette in use."""

    changed = Signal(str)


_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


STYLED = "cscoachStyled"  # the property of the windows that carry the style sheet


def style_window(window: QWidget) -> None:
    """Give ``window`` the style sheet (its dialogs and menus inherit it), unless a widget
    above it has it already. The sheet goes on the windows, not on the application: an
    application-wide sheet made every page build about 1.6 times slower."""
    install()
    above = window.parentWidget()
    while above is not None:
        if above.property(STYLED):
            return
        above = above.parentWidget()
    window.setProperty(STYLED, True)
    window.setStyleSheet(stylesheet())


def apply(scheme: str, app: QGuiApplication | None = None) -> None:
    """Use palette ``scheme`` ("light" or "dark"): the application's palette and the style
    sheet of every styled window are set again, so every widget is styled and painted anew."""
    global _current
    app = app or _running_app()
    palette = PALETTES[scheme]
    changed = palette is not _current
    _current = palette
    if app is not None:
        app.setPalette(qpalette(palette))
    if isinstance(app, QApplication):
        sheet = stylesheet(palette)
        for window in app.topLevelWidgets():
            if window.property(STYLED) and window.styleSheet() != sheet:
                window.setStyleSheet(sheet)
    if changed:
        notifier().changed.emit(scheme)


def _system_scheme_changed(_scheme: Qt.ColorScheme) -> None:
    if forced_scheme() is None:
        apply(system_scheme())


_installed_on: int | None = None


def install(app: QGuiApplication | None = None) -> None:
    """Give ``app`` (default: the running one) the palette of the system's scheme and follow
    the system when it changes. Calling it again does nothing."""
    global _installed_on
    app = app or _running_app()
    if app is None or _installed_on == id(app):
        return
    _installed_on = id(app)
    apply(system_scheme(app), app)
    app.styleHints().colorSchemeChanged.connect(_system_scheme_changed)
