"""Actions seen from where they came from: the links both ways between an action and its
source (a feedback item or theme, a standard, a questionnaire question, a KPI's month).

Another page asks for the Actions page through its ``open_item_requested`` signal: an action
to show is ("actions", "action", id); a new action from a source is ("actions", "new …",
id), written by ``new_action_link`` and read back by ``source_of_link`` (this module is the
only place that knows how). ``ActionsBox`` is what a source shows of its actions: each one
with its state, a click away, and New Action….
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from cscoach.model import actions
from cscoach.model.actions import Action, Source
from cscoach.model.dates import long_date
from cscoach.model.workbook import Workbook
from cscoach.ui.widgets import hbox, plain_label, push_button, vbox

NEW = "new "  # how a link to a new action starts: "new feedback_theme"
SHOWN = 5  # actions listed in a box; the rest are counted
TITLE_CHARACTERS = 36  # of a title in a box: the form it stands in keeps its width


def short(text: str, length: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


def new_action_link(source: Source) -> tuple[str, int]:
    """The (kind, id) of ``open_item_requested`` that starts a new action from ``source``."""
    month = f" {source.month}" if source.month else ""
    return f"{NEW}{source.kind}{month}", source.id or 0


def source_of_link(kind: str, item_id: int) -> Source | None:
    """The source a (kind, id) from ``new_action_link`` names; None for any other link."""
    if not kind.startswith(NEW):
        return None
    source_kind, _, month = kind[len(NEW) :].partition(" ")
    if source_kind not in actions.SOURCE_KINDS:
        return None
    return Source(source_kind, item_id or None, month or None)


def state_text(action: Action) -> str:
    """ "Doing, due 12 December 2026", "Done 3 November 2026", "Dropped"."""
    if action.status == actions.DONE and action.done_on:
        return f"Done {long_date(action.done_on)}"
    if action.is_open and action.due_on:
        return f"{action.status_label}, due {long_date(action.due_on)}"
    return action.status_label


class ActionsBox(QWidget):
    """ "What we are doing about it": the actions from one source, each a link to it on the
    Actions page, and New Action… to start one from here. Asks for the Actions page through
    ``open_item_requested`` (a page's signal of the same name relays it)."""

    open_item_requested = Signal(str, str, int)

    def __init__(self, heading: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.heading = plain_label(heading, role="strong", wrap=True)
        self.new_button = push_button(
            "New Action…", f"{object_name}New", "Decide what to do about it, who and by when"
        )
        self.new_button.clicked.connect(lambda _=False: self._new())
        self.source: Source | None = None  # the source shown; None: nothing to act on yet
        self.count = 0  # how many actions are shown (or listed as "more")
        self.empty = plain_label("Nothing decided yet.", role="hint", wrap=True)
        self.rows = vbox(spacing=0)
        self.more = plain_label(role="hint")
        vbox(
            hbox((self.heading, 1), self.new_button),
            self.empty,
            self.rows,
            self.more,
            parent=self,
            spacing=4,
        )
        self._links: list[QLabel] = []

    def _new(self) -> None:
        if self.source is not None:
            self.open_item_requested.emit("actions", *new_action_link(self.source))

    def show_source(self, wb: Workbook, source: Source | None) -> None:
        """Show the actions from ``source`` (None: a record not added yet, nothing to show)."""
        self.source = source
        self.setVisible(source is not None)
        if source is not None:
            self.show_actions(actions.actions_for(wb, source), read_only=wb.read_only)

    def show_actions(self, shown: Sequence[Action], *, read_only: bool = False) -> None:
        for label in self._links:
            self.rows.removeWidget(label)
            label.deleteLater()
        self._links = []
        self.count = len(shown)
        for action in shown[:SHOWN]:
            title = escape(short(action.title, TITLE_CHARACTERS))
            # its state on one line ("Done 12 July" then "2026" alone was the break)
            state = escape(state_text(action)).replace(" ", "&nbsp;")
            label = QLabel(f'• <a href="{action.id}">{title}</a> — {state}')
            label.setObjectName("actionLink")
            label.setTextFormat(Qt.TextFormat.RichText)  # the user's text escaped above
            label.setWordWrap(True)
            label.setToolTip(f"Open “{action.title}” on the Actions page")
            label.linkActivated.connect(
                lambda href: self.open_item_requested.emit("actions", "action", int(href))
            )
            self.rows.addWidget(label)
            self._links.append(label)
        self.empty.setVisible(not shown)
        hidden = len(shown) - SHOWN
        self.more.setText(f"and {hidden} more on the Actions page" if hidden > 0 else "")
        self.more.setVisible(hidden > 0)
        self.new_button.setEnabled(not read_only)
