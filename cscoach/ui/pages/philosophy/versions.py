"""The Philosophy page's Published Versions tab: each numbered version as it was published,
and what changed from one version (or the draft) to another."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import philosophy as ph
from cscoach.model.dates import long_date
from cscoach.model.workbook import Workbook
from cscoach.ui.widgets import HtmlView


def content_html(content: ph.VersionContent) -> str:
    parts = [f"<h2>{escape(content.label)}</h2>"]
    if content.version and content.version.note:
        parts.append(f"<p><i>{escape(content.version.note)}</i></p>")
    if content.values:
        parts.append("<h3>Our core values</h3>")
        for name, meaning in content.values:
            parts.append(f"<p><b>{escape(name)}</b><br>{_para(meaning)}</p>")
    for title, body in content.sections:
        if body.strip():
            parts.append(f"<h3>{escape(title)}</h3><p>{_para(body)}</p>")
    return "".join(parts)


def changes_html(changes: list[ph.SectionChange]) -> str:
    """Changed sections with removed words struck through and added words underlined."""
    if not changes:
        return "<p><i>No differences.</i></p>"
    parts = [
        "<p class='muted'>Removed words are <s class='removed'>struck through</s>;"
        " added words are <u class='added'>underlined</u>.</p>"
    ]
    for change in changes:
        parts.append(f"<h3>{escape(change.title)} <small>({change.kind})</small></h3><p>")
        for op, words in change.words:
            if op == "added":
                parts.append(f"<u class='added'>{_para(words)}</u>")
            elif op == "removed":
                parts.append(f"<s class='removed'>{_para(words)}</s>")
            else:
                parts.append(_para(words))
        parts.append("</p>")
    return "".join(parts)


def _para(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def print_philosophy(parent: QWidget, wb: Workbook, number: int | None, *, draft: bool) -> None:
    """Preview the philosophy to print: version ``number``, or the draft (None)."""
    from cscoach.printing.documents import PrintRequest
    from cscoach.ui.print_preview import preview

    name = "philosophy-draft.pdf" if number is None else f"philosophy-v{number}.pdf"
    request = PrintRequest("philosophy", version=number, draft=draft)
    preview(parent, wb, request, "Our customer service philosophy", name)


class VersionsTab(QWidget):
    """The published versions in a list beside the one picked, and Show Changes between
    any two of them or the draft."""

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.versions: list[ph.Version] = []
        self.version_list = QListWidget()
        self.version_list.setObjectName("versionList")
        self.version_list.setAccessibleName("Published versions")
        # A long note wraps inside the list rather than hiding behind a sideways scroll bar.
        self.version_list.setWordWrap(True)
        self.version_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.version_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.version_list.currentRowChanged.connect(self._version_selected)
        self.version_view = HtmlView()
        self.version_view.setObjectName("versionView")
        self.version_view.setAccessibleName("The chosen version")
        self.print_version_button = QPushButton("Print This Version…")
        self.print_version_button.setObjectName("printVersion")
        self.print_version_button.clicked.connect(self._print_selected_version)
        self.compare_a = QComboBox()
        self.compare_a.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.compare_a.setMinimumContentsLength(20)
        self.compare_a.setObjectName("compareVersionA")
        self.compare_a.setAccessibleName("Older version")
        self.compare_b = QComboBox()
        self.compare_b.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.compare_b.setMinimumContentsLength(20)
        self.compare_b.setObjectName("compareVersionB")
        self.compare_b.setAccessibleName("Newer version")
        compare_button = QPushButton("Show Changes")
        compare_button.setObjectName("showChanges")
        compare_button.clicked.connect(self.show_changes)
        compare_row = QHBoxLayout()
        compare_row.addWidget(QLabel("What changed from"))
        compare_row.addWidget(self.compare_a, 1)
        compare_row.addWidget(QLabel("to"))
        compare_row.addWidget(self.compare_b, 1)
        compare_row.addWidget(compare_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.version_list, 1)
        left_layout.addWidget(self.print_version_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.version_view)
        splitter.setSizes([280, 720])
        layout = QVBoxLayout(self)
        layout.addLayout(compare_row)
        layout.addWidget(splitter, 1)

    def reload(self) -> None:
        """Read the published versions again and show the latest."""
        self.versions = ph.list_versions(self.wb)
        self.version_list.blockSignals(True)
        self.version_list.clear()
        for v in self.versions:
            note = f"\n{v.note}" if v.note else ""
            item = QListWidgetItem(f"Version {v.number} — {long_date(v.published_on)}{note}")
            item.setData(Qt.ItemDataRole.UserRole, v.number)
            if v.note:
                item.setToolTip(v.note)
            self.version_list.addItem(item)
        self.version_list.blockSignals(False)
        for combo in (self.compare_a, self.compare_b):
            combo.clear()
            for v in self.versions:
                combo.addItem(f"Version {v.number} ({v.published_on})", v.number)
            combo.addItem("Draft", None)
        # older to newer: the version before the latest to the latest; with one version,
        # that version to the draft (what changed since it was published)
        older, newer = (1, 0) if len(self.versions) > 1 else (0, len(self.versions))
        self.compare_a.setCurrentIndex(older)
        self.compare_b.setCurrentIndex(newer)
        self.print_version_button.setEnabled(bool(self.versions))
        if self.versions:
            self.version_list.setCurrentRow(0)
            self._version_selected(0)
        else:
            self.version_view.setHtml(
                "<p><i>Nothing published yet. When the team agrees on the draft, press "
                "Publish: the version is numbered and dated and never changes.</i></p>"
            )

    def _version_selected(self, row: int) -> None:
        if 0 <= row < len(self.versions):
            content = ph.version_content(self.wb, self.versions[row].number)
            self.version_view.setHtml(content_html(content))

    def _content(self, number: int | None) -> ph.VersionContent:
        return ph.draft_content(self.wb) if number is None else ph.version_content(self.wb, number)

    def show_changes(self) -> None:
        old = self._content(self.compare_a.currentData())
        new = self._content(self.compare_b.currentData())
        heading = f"<h2>From {escape(old.label)} to {escape(new.label)}</h2>"
        self.version_list.clearSelection()
        self.version_view.setHtml(heading + changes_html(ph.compare(old, new)))

    def _print_selected_version(self) -> None:
        item = self.version_list.currentItem()
        if item is not None:
            print_philosophy(self, self.wb, item.data(Qt.ItemDataRole.UserRole), draft=False)
