"""The app's look: a few colours and one style sheet, kept calm and readable."""

from __future__ import annotations

ACCENT = "#2f6f73"
ACCENT_DARK = "#245659"
TEXT_MUTED = "#5f6b77"
INACTIVE = "#8a949e"
ERROR = "#b3261e"
SIDEBAR_BG = "#f1f4f5"
BORDER = "#d9dee3"
BANNER_BG = "#fff4d6"
BANNER_BORDER = "#e3c36b"
BANNER_TEXT = "#4d3b00"
ATTENTION = "#9a5b00"  # amber, dark enough to read on white
ATTENTION_BG = "#fff8eb"
BETTER = "#2e7d32"

STYLESHEET = f"""
QListWidget#sidebar {{
    background: {SIDEBAR_BG};
    border: none;
    padding: 6px 8px;
    outline: 0;
}}
QListWidget#sidebar::item {{
    padding: 8px 12px;
    margin: 1px 0;
    border-radius: 5px;
    color: #22303c;
}}
QListWidget#sidebar::item:hover {{
    background: #e3e9eb;
}}
QListWidget#sidebar::item:selected {{
    background: {ACCENT};
    color: white;
}}
QWidget#sidebarPanel {{
    background: {SIDEBAR_BG};
    border-right: 1px solid {BORDER};
}}
QLabel#sidebarBusiness {{
    font-weight: 600;
    color: #22303c;
}}
QLabel#sidebarApp {{
    color: {TEXT_MUTED};
}}
QLabel#pageTitle, QLabel#dialogHeading {{
    font-size: 17pt;
    font-weight: 600;
    color: #1d2a35;
}}
QLabel#pageSubtitle, QLabel[role="hint"] {{
    color: {TEXT_MUTED};
}}
QLabel#pageTip {{
    color: #34505a;
    background: #eef5f5;
    border-left: 3px solid {ACCENT};
    padding: 4px 8px;
}}
QLabel[role="error"] {{
    color: {ERROR};
}}
QLabel[role="feedback"] {{
    color: {ACCENT_DARK};
}}
QLabel#formTitle {{
    font-size: 12pt;
    font-weight: 600;
}}
QFrame#readOnlyBanner {{
    background: {BANNER_BG};
    border: 1px solid {BANNER_BORDER};
    border-radius: 6px;
}}
QFrame#readOnlyBanner QLabel {{
    color: {BANNER_TEXT};
}}
QFrame#card, QFrame#detailPanel, QFrame#emptyState {{
    background: white;
    border: 1px solid {BORDER};
    border-radius: 8px;
}}
QFrame#card QLabel, QFrame#detailPanel QLabel, QFrame#emptyState QLabel {{
    background: transparent;
    border: none;
}}
QLabel#cardNumber {{
    font-size: 20pt;
    font-weight: 600;
    color: {ACCENT_DARK};
}}
QPushButton[role="link"] {{
    color: {ACCENT};
    border: none;
    background: transparent;
    padding: 2px 0;
    text-align: left;
}}
QPushButton[role="link"]:hover {{
    color: {ACCENT_DARK};
    text-decoration: underline;
}}
QTableView {{
    background: white;
    alternate-background-color: #f6f8f9;
    border: 1px solid {BORDER};
    selection-background-color: #d6e8e8;
    selection-color: #1d2a35;
}}
QTableView::item {{
    padding: 0 6px;
}}
QHeaderView::section {{
    background: #f3f5f7;
    color: #3a4754;
    border: none;
    border-bottom: 1px solid {BORDER};
    padding: 6px 8px;
    font-weight: 600;
}}
QListWidget::item {{
    padding: 4px 6px;
}}
QLabel#comingSoon {{
    color: {TEXT_MUTED};
    font-style: italic;
}}
/* The Overview's cards and next steps, by object name and property: one style sheet for
   all of them builds and shows much faster than a style sheet on each label. */
QFrame#card[attention="true"] {{
    border-left: 4px solid {ATTENTION};
    background: {ATTENTION_BG};
}}
QLabel#cardTitle {{ color: #3a4754; font-weight: 600; }}
QFrame#card[attention="true"] QLabel#cardTitle {{ color: {ATTENTION}; }}
QLabel#cardHeadline {{ color: {ACCENT_DARK}; font-size: 14pt; font-weight: 600; }}
QLabel#kpiValue {{ font-weight: 600; }}
QLabel#kpiStatus {{ color: {TEXT_MUTED}; font-weight: 600; }}
QLabel#kpiStatus[status="on"] {{ color: {BETTER}; }}
QLabel#kpiStatus[status="off"] {{ color: {ERROR}; }}
QLabel#kpiArrow[better="true"] {{ color: {BETTER}; }}
QLabel#kpiArrow[better="false"] {{ color: {ERROR}; }}
QLabel#kpiLegend {{ font-size: 8pt; }}
QFrame#card[role="nextSteps"] {{ border-top: 4px solid {ACCENT}; }}
QLabel#nextStepsHeading {{ font-size: 13pt; font-weight: 600; color: #1d2a35; }}
QFrame#nextStep {{ border: none; border-radius: 6px; padding: 2px; }}
QFrame#nextStep:hover, QFrame#nextStep:focus {{ background: #eef5f5; }}
QLabel#nextStepNumber {{ color: {ACCENT_DARK}; font-weight: 600; }}
QLabel#nextStepText {{ color: {ACCENT_DARK}; }}
QLabel#nextStepArrow {{ color: {ACCENT}; font-size: 13pt; }}
"""
