"""The Themes tab of the Feedback page: the themes feedback is sorted by and the keyword
rules that suggest them, which the owner reads and edits (no black box).

A list of themes beside the form of one (``RecordEditor``: save as you type, refusals at
their field): its name (rename), its rule — any of the words, all of them, or the exact
phrase, whole words only — whether it is suggested at all, and a sentence to try the rule
on. Tag lists sprawl, so several themes selected can be merged into one.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import feedback_themes
from cscoach.model.actions import Source
from cscoach.model.feedback_themes import MATCH_LABELS, MATCHES, Theme
from cscoach.model.number_format import plural
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.list_panel import list_form_splitter
from cscoach.ui.pages.actions.links import ActionsBox
from cscoach.ui.pages.feedback.suggestions import quoted
from cscoach.ui.record_editor import READ_ONLY_TIP, RecordEditor, form_editor, run_write
from cscoach.ui.record_fields import Field, FormPanel, form_layout, with_error
from cscoach.ui.record_table import Column, ColumnFitter, RecordTableModel
from cscoach.ui.widgets import (
    STRETCH,
    delete_action,
    error_label,
    hbox,
    line_edit,
    plain_label,
    push_button,
    record_table,
    scroll_area,
    text_side,
    text_width,
    unsort,
    vbox,
)

Values = dict[str, Any]
RULE_SHORT = {"any": "Any of", "all": "All of", "phrase": "Phrase"}
KEYWORDS_HINT = (
    "Words separated by commas; a few words together are looked for side by side. Whole "
    "words only, case and accents ignored: “wait” finds “Wait,” but never “waiter”."
)
MERGE_HINT = (
    "Merging gives every item of these themes the one kept, and deletes the others. Their "
    "keywords join its rule when both match any of their words. Edit › Undo takes it back."
)
RULE = 1  # the column that takes the room left
COLUMNS: list[Column[Theme]] = [
    Column("Theme", lambda t: t.name),
    Column(
        "Rule",
        lambda t: f"{RULE_SHORT.get(t.match, t.match)}: {t.keywords}" if t.keywords else "—",
        tip=lambda t: f"{MATCH_LABELS.get(t.match, t.match)}: {t.keywords}" if t.keywords else None,
        muted=lambda t: not t.suggest or not t.keywords,
    ),
    Column("Items", lambda t: str(t.items), stretch=False, samples=("9999",), right=True),
    Column(
        "Suggested",
        lambda t: "✓" if t.suggest else "Off",
        stretch=False,
        samples=("Suggested",),
        centred=True,
        spoken=lambda t: "Suggested" if t.suggest else "Not suggested",
    ),
]


def values_of(theme: Theme | None) -> Values:
    if theme is None:
        return {"name": "", "match": "any", "keywords": "", "suggest": True}
    return {
        "name": theme.name,
        "match": theme.match,
        "keywords": theme.keywords,
        "suggest": theme.suggest,
    }


class ThemeForm(FormPanel):
    """Name, match, keywords, suggested, and a sentence to try the rule on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_title = plain_label(object_name="formTitle")
        self.name_edit = line_edit("themeName", "for example: Wait time")
        self.match_combo = QComboBox()
        self.match_combo.setObjectName("themeMatch")
        for match in MATCHES:
            self.match_combo.addItem(MATCH_LABELS[match].capitalize(), match)
        self.match_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.match_combo.setMinimumContentsLength(12)
        self.keywords_edit = QPlainTextEdit()
        self.keywords_edit.setObjectName("themeKeywords")
        self.keywords_edit.setTabChangesFocus(True)
        self.keywords_edit.setPlaceholderText("wait, queue, slow, long time")
        self.keywords_edit.setFixedHeight(text_side(self.keywords_edit, 4.4, 12))
        self.keywords_hint = plain_label(KEYWORDS_HINT, role="hint", wrap=True)
        self.suggest_check = QCheckBox("Suggest this theme")
        self.suggest_check.setObjectName("themeSuggest")
        self.try_edit = line_edit("themeTry", "Type a sentence to see whether the rule finds it")
        self.try_result = plain_label(object_name="themeTryResult", role="hint", wrap=True)
        self.errors = {n: error_label(f"theme_{n}Error") for n in ("name", "match", "keywords")}
        self.form_error = error_label("themeFormError")
        self.save_status = autosave.status_label(
            "themeSaveStatus", "Changes are saved as you type them"
        )
        self.delete_button = push_button(
            "Delete…", "deleteThemeButton", "Delete this theme; its items stay, without it (Del)"
        )
        self.feedback_label = plain_label(object_name="themeFeedback", role="feedback", wrap=True)
        e = self.errors
        form = form_layout(
            ("&Name", with_error(self.name_edit, e["name"])),
            ("&Suggest on", with_error(self.match_combo, e["match"])),
            ("&Keywords", with_error(self.keywords_edit, e["keywords"], self.keywords_hint)),
            ("", self.suggest_check),
            ("&Try it", with_error(self.try_edit, self.try_result)),
            wrap=True,
        )
        self.actions_box = ActionsBox("What we are doing about it", "themeActions")
        self.lay_out(
            self.form_title,
            form,
            self.form_error,
            hbox(self.save_status, STRETCH, self.delete_button),
            self.feedback_label,
            8,
            self.actions_box,
        )
        label_form_fields(self)
        self.try_result.show()

    def fields(self) -> list[Field]:
        e = self.errors
        return [
            Field.line("name", self.name_edit, e["name"]),
            Field.choice("match", self.match_combo, e["match"]),
            Field.text("keywords", self.keywords_edit, e["keywords"]),
            Field.check("suggest", self.suggest_check),
        ]

    def show_try(self) -> None:
        """What the rule in the form finds in the sentence typed in Try it."""
        text = self.try_edit.text()
        if not text.strip():
            self.try_result.setText("The words a rule finds are shown here.")
            return
        rule = feedback_themes.KeywordRule(
            self.keywords_edit.toPlainText(), str(self.match_combo.currentData())
        )
        found = rule.find(text)
        self.try_result.setText(
            f"Suggested: it finds {quoted(found.words_in(text))}."
            if found is not None
            else "Not suggested: the rule finds nothing in this sentence."
        )


class MergePanel(FormPanel):
    """Several themes selected: merge them into one of them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = plain_label(object_name="formTitle")
        self.into_combo = QComboBox()
        self.into_combo.setObjectName("mergeInto")
        self.into_combo.setAccessibleName("Merge into")
        self.merge_button = push_button("Merge", "mergeThemesButton")
        self.lay_out(
            self.title,
            plain_label(MERGE_HINT, role="hint", wrap=True),
            hbox(plain_label("Keep"), (self.into_combo, 1), self.merge_button),
            spacing=10,
        )

    def show_themes(self, themes: list[Theme]) -> None:
        self.title.setText(f"{len(themes)} themes selected")
        self.into_combo.clear()
        for theme in themes:
            self.into_combo.addItem(f"“{theme.name}” ({plural(theme.items, 'item')})", theme.id)


class ThemesTab(QWidget):
    """The themes and their rules. Emits ``changed`` after every write."""

    changed = Signal()
    open_item_requested = Signal(str, str, int)  # a theme's action on the Actions page

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackThemesTab")
        self.wb = wb
        self.model: RecordTableModel[Theme] = RecordTableModel(
            COLUMNS, muted=lambda t: not t.suggest, parent=self
        )
        self.table = record_table(self.model, "themesTable", multi_select=True)
        self.table.setAccessibleName("Themes")
        self.table.horizontalHeader().setMinimumSectionSize(text_width(self.table, 6))
        self.fitter = ColumnFitter(
            self.table, self.model.row_texts, RULE, widest=text_width(self.table, 24), least=16
        )
        self.new_button = QPushButton("New Theme")
        self.new_button.setObjectName("newThemeButton")
        self.new_button.setToolTip("A theme of your own (Insert)")
        self.up_button = QPushButton("Move Up")
        self.up_button.setObjectName("themeUpButton")
        self.down_button = QPushButton("Move Down")
        self.down_button.setObjectName("themeDownButton")
        self.count_label = plain_label(object_name="themesCount", role="hint")
        self.count_label.setWordWrap(True)
        bar = QHBoxLayout()
        for button in (self.new_button, self.up_button, self.down_button):
            bar.addWidget(button)
        bar.addStretch(1)
        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.count_label)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(bar)

        self.form = ThemeForm()
        self.form.actions_box.open_item_requested.connect(self.open_item_requested)
        self.form_scroll = scroll_area(self.form, object_name="themeFormScroll")
        self.merge_panel = MergePanel()
        self.side = QStackedWidget()
        self.side.addWidget(self.form_scroll)
        self.side.addWidget(self.merge_panel)
        self.side.setMinimumWidth(text_width(self, 40))
        self.splitter = list_form_splitter(
            self, "feedbackThemesSplitter", list_panel, self.side, (100, 60)
        )
        vbox(self.splitter, parent=self, margins=(0, 8, 0, 0))

        self.editor: RecordEditor[Theme] = form_editor(
            self,
            self.table,
            self.model,
            self.form,
            noun="theme",
            named_by="name",
            read=lambda: feedback_themes.list_themes(self.wb),
            values_of=values_of,
            save=self._save,
            read_only=wb.read_only,
            multi_select=True,
        )
        self.editor.saved.connect(self._on_saved)
        self.editor.loaded.connect(self._on_loaded)
        self.editor.listed.connect(self._on_listed)
        self.editor.selected.connect(self._update_side)
        self.form.try_edit.textChanged.connect(self.form.show_try)
        self.form.keywords_edit.textChanged.connect(self.form.show_try)
        self.form.match_combo.currentIndexChanged.connect(self.form.show_try)
        self.form.delete_button.clicked.connect(self.delete_theme)
        self.new_button.clicked.connect(lambda: self.start_new())
        self.up_button.clicked.connect(lambda: self.move_theme(-1))
        self.down_button.clicked.connect(lambda: self.move_theme(1))
        self.merge_panel.merge_button.clicked.connect(self.merge)

        self.delete_action = delete_action(self.table, "Delete Theme…", self.delete_theme)
        self.delete_action.setObjectName("deleteThemeAction")
        if wb.read_only:
            self.editor.set_read_only(READ_ONLY_TIP)
            self.form.try_edit.setEnabled(True)  # trying a rule changes nothing
            for widget in (
                self.new_button,
                self.up_button,
                self.down_button,
                self.form.delete_button,
                self.merge_panel.merge_button,
                self.merge_panel.into_combo,
            ):
                widget.setEnabled(False)
                widget.setToolTip(READ_ONLY_TIP)
            self.delete_action.setEnabled(False)

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        self.editor.reload()
        if self.editor.current_id is None and not self.editor.is_dirty():
            first = self.model.record_at(0)
            if first is not None:
                self.editor.open(first.id)

    def _on_listed(self) -> None:
        themes = self.model.records()
        off = sum(1 for t in themes if not t.suggest)
        text = (
            f"{plural(len(themes), 'theme')}: keep them few, so patterns show. Select several "
            "(Ctrl+click) to merge them."
        )
        if off:
            text += f" {off} not suggested."
        self.count_label.setText(text)
        self._update_side()

    def _on_loaded(self) -> None:
        theme = self.editor.current()
        self.form.form_title.setText(theme.name if theme is not None else "New theme")
        source = Source.feedback_theme(theme.id) if theme is not None else None
        self.form.actions_box.show_source(self.wb, source)
        self.form.delete_button.setVisible(theme is not None)
        self.form.show_try()
        self._update_side()

    def _update_side(self) -> None:
        chosen = self._selected()
        several = len(chosen) > 1
        self.side.setCurrentWidget(self.merge_panel if several else self.form_scroll)
        if several:
            self.merge_panel.show_themes(chosen)
        if not self.wb.read_only:
            row = self.model.row_of(self.editor.current_id)
            last = self.model.rowCount() - 1
            self.up_button.setEnabled(not several and row is not None and row > 0)
            self.down_button.setEnabled(not several and row is not None and row < last)

    def _selected(self) -> list[Theme]:
        keys = self.editor.selected_keys()
        return [t for t in self.model.records() if t.id in keys]

    # -- writing ---------------------------------------------------------------

    def _save(self, theme_id: int | None, v: Values) -> int:
        name, keywords = str(v["name"]), str(v["keywords"])
        match, suggest = str(v["match"]), bool(v["suggest"])
        if theme_id is None:
            return feedback_themes.add_theme(self.wb, name, keywords, match, suggest)
        feedback_themes.update_theme(self.wb, theme_id, name, keywords, match, suggest)
        return theme_id

    def _on_saved(self, added: bool) -> None:
        name = str(self.editor.loaded_values["name"]).strip()
        self.form.form_title.setText(name)
        if added:
            self.form.feedback_label.setText(f"The theme “{name}” was added.")
            self.form.delete_button.setVisible(True)
        self.changed.emit()

    def start_new(self) -> None:
        if not self.wb.read_only:
            self.editor.start_new()

    def save_pending(self) -> str | None:
        return self.editor.save_pending()

    def flush(self) -> bool:
        return self.editor.flush()

    def move_theme(self, step: int) -> None:
        theme = self.editor.current()
        if self.wb.read_only or theme is None or not self.editor.flush():
            return
        unsort(self.table)
        if run_write(self, "move this theme", feedback_themes.move_theme, self.wb, theme.id, step):
            self.editor.reload(theme.id)
            self.changed.emit()

    def delete_theme(self) -> None:
        theme = self.editor.current()
        if self.wb.read_only or theme is None or len(self._selected()) > 1:
            return
        stays = (
            f"Its {plural(theme.items, 'item')} stay, without it."
            if theme.items
            else "No item has it."
        )
        if self.editor.delete_current(
            "Delete this theme?",
            f"Delete the theme “{theme.name}”? {stays}\n\nEdit › Undo brings it back.",
            lambda theme_id: feedback_themes.delete_theme(self.wb, theme_id),
        ):
            self.form.feedback_label.setText(f"The theme “{theme.name}” was deleted.")
            self.changed.emit()

    def merge(self) -> None:
        """Merge the selected themes into the one chosen to keep (after asking)."""
        chosen = self._selected()
        into = self.merge_panel.into_combo.currentData()
        if self.wb.read_only or len(chosen) < 2 or into is None or not self.editor.flush():
            return
        kept = next(t for t in chosen if t.id == into)
        others = [t for t in chosen if t.id != into]
        names = ", ".join(f"“{t.name}”" for t in others)
        if not dialogs.confirm(
            self,
            "Merge themes?",
            f"Merge {names} into “{kept.name}”? Their items get “{kept.name}” and "
            f"{'it is' if len(others) == 1 else 'they are'} deleted.\n\n"
            "Edit › Undo takes it back.",
            "Merge",
        ):
            return
        if run_write(
            self,
            "merge these themes",
            feedback_themes.merge_themes,
            self.wb,
            [t.id for t in others],
            kept.id,
        ):
            self.editor.reload(kept.id)
            self.editor.open(kept.id)
            self.form.feedback_label.setText(f"Merged {names} into “{kept.name}”.")
            self.changed.emit()
