"""The Stories tab of the Training page: what someone on the team did that showed a value,
written down to celebrate it — newest first beside the form of one. A story can be the story
of the month on the break-room wall (one or several a month). Stories are never counted per
person: they celebrate, they do not rank.

A story made from a compliment (Feedback's "Turn into a story…") arrives here as a new
story filled from it, to finish and keep."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QPlainTextEdit, QWidget

from cscoach.model import philosophy, stories, team
from cscoach.model.dates import long_date
from cscoach.model.months import month_label
from cscoach.model.number_format import plural
from cscoach.model.stories import Story, StoryInput
from cscoach.model.workbook import Workbook
from cscoach.ui.list_panel import AddingList, ListTexts, list_form_splitter
from cscoach.ui.record_editor import READ_ONLY_TIP, RecordEditor, form_editor, run_write
from cscoach.ui.record_fields import (
    Field,
    FormPanel,
    FormScroll,
    fill_ticks,
    fit_rows,
    form_layout,
    tick_list,
    with_error,
)
from cscoach.ui.record_table import Column, ColumnFitter, RecordTableModel
from cscoach.ui.widgets import (
    STRETCH,
    delete_action,
    error_label,
    hbox,
    line_edit,
    plain_label,
    record_table,
    show_message,
    text_side,
    vbox,
)

Values = dict[str, Any]
FIELDS = ("happened_on", "member_ids", "value_id", "what_happened", "feedback_item_id")
NO_VALUE = 0
EMPTY_TEXT = (
    "No stories yet. When someone on the team does something that shows one of your values "
    "— a customer's problem solved, a regular made to feel at home — write it down here and "
    "tell it: that is how a culture spreads."
)
TEXTS = ListTexts(EMPTY_TEXT, "Write the First Story", "New Story")
DATE, WHO, VALUE, WHAT, WALL = range(5)  # the columns
COLUMNS: list[Column[Story]] = [
    Column("Date", lambda s: s.happened_on, stretch=False, samples=("2026-12-31",)),
    Column("Who", lambda s: s.members_label, tip=lambda s: s.members_label),
    Column("Value", lambda s: s.value_label or "—", tip=lambda s: s.value_label or None),
    Column(
        "What happened",
        lambda s: " ".join(s.what_happened.split()),
        tip=lambda s: s.what_happened,
    ),
    Column(
        "On the wall",
        lambda s: ", ".join(month_label(m) for m in s.featured_months) or "—",
        muted=lambda s: not s.featured_months,
        stretch=False,
        samples=("December 2026",),
    ),
]


class StoryForm(FormPanel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form_title = plain_label(object_name="formTitle", wrap=True)
        self.errors = {name: error_label(f"story_{name}Error") for name in FIELDS}
        self.form_error = error_label("storyFormError")
        self.date_edit = line_edit("storyDate", "YYYY-MM-DD")
        self.members_list = tick_list("storyMembers", "Who the story is about", 8)
        self.members_empty = plain_label(  # not an empty box: where the names come from
            "No one on the team yet (the Team page).", role="hint", wrap=True
        )
        self.members_empty.hide()
        self.value_combo = QComboBox()
        self.value_combo.setObjectName("storyValue")
        self.what_edit = QPlainTextEdit()
        self.what_edit.setObjectName("storyWhat")
        self.what_edit.setTabChangesFocus(True)
        self.what_edit.setPlaceholderText(
            "What happened, told so the team can picture it: the customer, the moment, "
            "what they did"
        )
        self.what_edit.setFixedHeight(text_side(self.what_edit, 6.4, 12))
        self.source_text = plain_label(object_name="storySource", role="hint", wrap=True)
        self.wall_check = QCheckBox()
        self.wall_check.setObjectName("storyOnTheWall")
        self.wall_check.setToolTip(
            "The story of the month on the break-room wall (Print Story of the Month…); "
            "one or several a month"
        )
        self.add_parts("story")
        e = self.errors
        form = form_layout(
            ("&Date", with_error(self.date_edit, e["happened_on"])),
            ("&Who", with_error(self.members_list, e["member_ids"], self.members_empty)),
            ("&Value shown", with_error(self.value_combo, e["value_id"])),
            ("What &happened", with_error(self.what_edit, e["what_happened"])),
            ("From", with_error(self.source_text, e["feedback_item_id"])),
            ("", self.wall_check),
        )
        self.forms = [form]
        self.lay_out(
            self.form_title,
            form,
            self.form_error,
            hbox(self.save_status, STRETCH, self.delete_button, spacing=8),
            self.feedback_label,
        )

    def fields(self) -> list[Field]:
        e = self.errors
        return [
            Field.line("happened_on", self.date_edit, e["happened_on"]),
            Field.ticks("member_ids", self.members_list, e["member_ids"]),
            Field.choice("value_id", self.value_combo, e["value_id"]),
            Field.text("what_happened", self.what_edit, e["what_happened"]),
        ]

    def set_choices(
        self, members: list[tuple[int, str]], values: list[tuple[int, str]], read_only: bool
    ) -> None:
        keep = self.value_combo.currentData()
        self.value_combo.clear()
        self.value_combo.addItem("No value in particular", NO_VALUE)
        for value_id, name in values:
            self.value_combo.addItem(name, value_id)
        self.value_combo.setCurrentIndex(max(self.value_combo.findData(keep), 0))
        flags = Qt.ItemFlag.ItemIsEnabled
        if not read_only:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        fill_ticks(self.members_list, [(name, i, "") for i, name in members], flags)
        fit_rows(self.members_list)
        self.members_list.setVisible(bool(members))
        self.members_empty.setVisible(not members)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        fit_rows(self.members_list)


def values_of(story: Story) -> Values:
    return {
        "happened_on": story.happened_on,
        "member_ids": tuple(sorted(story.member_ids)),
        "value_id": story.value_id or NO_VALUE,
        "what_happened": story.what_happened,
    }


class StoriesTab(QWidget):
    """Emits ``changed`` after every write."""

    changed = Signal()

    def __init__(
        self, wb: Workbook, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.wb = wb
        self.fixed_today = today
        self._draft: StoryInput | None = None  # a new story filled from a compliment
        self.model: RecordTableModel[Story] = RecordTableModel(COLUMNS, parent=self)
        self.table = record_table(self.model, "storiesTable")
        self.table.setAccessibleName("Success stories")
        # who and the value as wide as their names, what happened the room left: on a
        # wide screen most of the story, on a laptop its start (in full in the form); on a
        # small screen the names give way down to their headings
        self.fitter = ColumnFitter(
            self.table, self.model.row_texts, WHAT, least=16, most=70, squeeze=(VALUE, WHO)
        )
        self.list_panel = AddingList(self.table, "story", TEXTS, self.start_new)
        self.list_panel.add_button.setToolTip("A blank story (Insert)")
        self.form = StoryForm()
        self.form_scroll = FormScroll(self.form, "storyFormScroll", least=40)
        self.splitter = list_form_splitter(
            self, "storiesSplitter", self.list_panel, self.form_scroll, (90, 64), form_share=0.3
        )
        vbox(self.splitter, parent=self, margins=(0, 8, 0, 0))
        self.editor: RecordEditor[Story] = form_editor(
            self,
            self.table,
            self.model,
            self.form,
            noun="story",
            named_by="what_happened",
            read=lambda: stories.list_stories(self.wb),
            values_of=self._values_of,
            save=self._save,
            read_only=wb.read_only,
            ready=lambda v: bool(str(v["what_happened"]).strip()) and bool(v["member_ids"]),
            prepare=self._choices_for,
        )
        self.editor.saved.connect(self._on_saved)
        self.editor.loaded.connect(self._on_loaded)
        self.editor.listed.connect(self._on_listed)
        self.form.wall_check.toggled.connect(self._wall_toggled)
        self.form.delete_button.clicked.connect(self.delete_story)
        self.delete_key = delete_action(self.table, "Delete Story…", self.delete_story)
        if wb.read_only:
            self.editor.set_read_only(READ_ONLY_TIP)
            self.list_panel.set_read_only(READ_ONLY_TIP)
            self.form.delete_button.setEnabled(False)
            self.form.wall_check.setEnabled(False)
            self.delete_key.setEnabled(False)

    @property
    def today(self) -> dt.date:
        return self.fixed_today or dt.date.today()

    @property
    def month(self) -> str:
        """The month whose story of the month the tick puts a story in: this one."""
        return self.today.strftime("%Y-%m")

    # -- reading ---------------------------------------------------------------

    def reload(self) -> None:
        self.editor.refill(lambda: self._choices_for(self.editor.current()))
        self.editor.reload()

    def _choices_for(self, story: Story | None) -> None:
        people = {m.id: m.name for m in team.list_members(self.wb) if m.active}
        if story is not None:  # those it is about stay, even if they left
            people.update(zip(story.member_ids, story.members, strict=False))
        values = [(v.id, v.name) for v in philosophy.list_values(self.wb)]
        self.form.set_choices(sorted(people.items(), key=lambda p: p[1]), values, self.wb.read_only)

    def _values_of(self, story: Story | None) -> Values:
        if story is not None:
            return values_of(story)
        draft = self._draft
        return {
            "happened_on": str(draft.happened_on) if draft else self.today.isoformat(),
            "member_ids": tuple(sorted(draft.member_ids)) if draft else (),
            "value_id": (draft.value_id or NO_VALUE) if draft else NO_VALUE,
            "what_happened": draft.what_happened if draft else "",
        }

    def _on_listed(self) -> None:
        count = self.model.rowCount()
        featured = len(stories.featured_stories(self.wb, self.month))
        text = plural(count, "story", "stories")
        if featured:
            text += f" · {featured} on the wall in {month_label(self.month)}"
        self.list_panel.show_count(text, count)

    # -- the form --------------------------------------------------------------

    def _on_loaded(self) -> None:
        story = self.editor.current()
        form = self.form
        if story is None:
            form.form_title.setText("New story")
            source = ""
            if self._draft is not None and self._draft.feedback_item_id is not None:
                source = "The compliment it comes from (kept with the story)"
        else:
            form.form_title.setText(f"{story.members_label}, {long_date(story.happened_on)}")
            source = story.source_text
        form.source_text.setText(source or "—")
        form.wall_check.blockSignals(True)
        # short, as the list's "On the wall" (the tooltip says it is the story of the
        # month): the form keeps its labels beside the fields on a laptop
        form.wall_check.setText(f"On the wall in {month_label(self.month)}")
        form.wall_check.setChecked(story is not None and story.featured_in(self.month))
        form.wall_check.setEnabled(story is not None and not self.wb.read_only)
        form.wall_check.blockSignals(False)
        form.delete_button.setEnabled(story is not None and not self.wb.read_only)
        show_message(form.feedback_label, "")

    def _wall_toggled(self, on: bool) -> None:
        story = self.editor.current()
        if story is None or not self.editor.flush():
            return
        if run_write(
            self,
            "put the story on the wall",
            lambda: stories.set_featured(self.wb, story.id, self.month, on, today=self.today),
        ):
            show_message(
                self.form.feedback_label,
                f"On the wall for {month_label(self.month)}: Print Story of the Month…"
                if on
                else "Taken off the wall.",
            )
            self.changed.emit()
            self.editor.reload()

    def start_new(
        self, draft: StoryInput | None = None, *, focus: bool = True, settle: bool = True
    ) -> None:
        """A blank story, or one filled from a compliment (``draft``)."""
        if self.wb.read_only and focus:
            return
        self._draft = draft
        if self.editor.start_new(focus=False, settle=settle) and focus:
            self.form.what_edit.setFocus()

    def open_story(self, story_id: int) -> None:
        self.editor.open(story_id)

    # -- writing ---------------------------------------------------------------

    def _save(self, story_id: int | None, v: Values) -> int:
        value = v["value_id"]
        data = StoryInput(
            happened_on=v["happened_on"] or None,
            member_ids=tuple(v["member_ids"]),
            what_happened=v["what_happened"],
            value_id=int(value) if value not in (None, NO_VALUE) else None,
            feedback_item_id=None,
        )
        if story_id is None:
            if self._draft is not None:
                data = StoryInput(
                    data.happened_on,
                    data.member_ids,
                    data.what_happened,
                    data.value_id,
                    self._draft.feedback_item_id,
                )
            return stories.add_story(self.wb, data, today=self.today)
        existing = stories.get_story(self.wb, story_id)
        data = StoryInput(
            data.happened_on,
            data.member_ids,
            data.what_happened,
            data.value_id,
            existing.feedback_item_id,
        )
        stories.update_story(self.wb, story_id, data, today=self.today)
        return story_id

    def _on_saved(self, added: bool) -> None:
        if added:
            self._draft = None
            show_message(
                self.form.feedback_label,
                "Added. Tick “Story of the month” to put it on the break-room wall.",
            )
        self.changed.emit()

    def flush(self) -> bool:
        return self.editor.flush()

    def save_pending(self) -> str | None:
        return self.editor.save_pending()

    def delete_story(self) -> None:
        story = self.editor.current()
        if story is not None and self.editor.delete_current(
            "Delete this story?",
            f"Delete the story of {long_date(story.happened_on)} about "
            f"{story.members_label}?\n\nEdit › Undo brings it back.",
            lambda story_id: stories.delete_story(self.wb, story_id),
        ):
            show_message(self.form.feedback_label, "The story was deleted.")
            self.changed.emit()
