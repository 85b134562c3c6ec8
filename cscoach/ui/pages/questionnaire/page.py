"""The Questionnaire page: rounds and their answers, and the question bank.

Both forms save as the owner types. Before the page shows another round, response, tab or
page (and before the window closes) the change in progress is saved; one the model refuses
keeps its message next to the field and the owner where they are."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import csvfile
from cscoach.model import questionnaire as qn
from cscoach.model.actions import Source
from cscoach.model.errors import ValidationError
from cscoach.model.number_format import plural
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs, style
from cscoach.ui.answers_html import question_answers_html
from cscoach.ui.filenames import safe_file_name
from cscoach.ui.list_panel import list_form_splitter
from cscoach.ui.pages.actions.links import ActionsBox
from cscoach.ui.pages.base import Page
from cscoach.ui.pages.questionnaire.question_bank import QuestionBankPanel
from cscoach.ui.pages.questionnaire.response_editor import ResponseEditor
from cscoach.ui.tabs import TabGuard
from cscoach.ui.widgets import HtmlView, error_label, plain_label, text_width, vbox

INTRO = (
    "Ask the whole team how they see customer service before you take anyone else's advice. "
    "Hold a round at a team meeting, write every answer down, and come back to it: the "
    "answers side by side are what you will write your philosophy from."
)

# In average characters of the font: what stays readable in a window 1024 pixels wide.
ROUND_NAME_CHARACTERS = 24  # the round list, beside the answers
CHOICE_CHARACTERS = 16  # a drop-down shrinks to this; its whole text is in its tooltip


def shrinking_combo(object_name: str, accessible_name: str) -> QComboBox:
    """A drop-down as narrow as ``CHOICE_CHARACTERS`` on a small screen, however long its
    items, with its current text in full in its tooltip."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(CHOICE_CHARACTERS)
    combo.setObjectName(object_name)
    combo.setAccessibleName(accessible_name)
    show_full_text_in_tooltip(combo)
    return combo


def show_full_text_in_tooltip(combo: QComboBox) -> None:
    """The drop-down's current text in its tooltip, as it changes (after a fill with its
    signals blocked, call ``combo.setToolTip(combo.currentText())``)."""
    combo.currentTextChanged.connect(combo.setToolTip)
    combo.setToolTip(combo.currentText())


def round_label(rnd: qn.Round) -> str:
    """A round as the list shows it: name, then date, responses and options."""
    flags = [f"{rnd.responses} response{'s' if rnd.responses != 1 else ''}"]
    if rnd.anonymous:
        flags.append("anonymous")
    if rnd.closed:
        flags.append("closed")
    return f"{rnd.name}\n{rnd.held_on} · {' · '.join(flags)}"


class RoundDialog(QDialog):
    """Name, date and options of a round; validation shown next to each field."""

    def __init__(
        self, wb: Workbook, rnd: qn.Round | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.wb, self.rnd = wb, rnd
        self.round_id: int | None = rnd.id if rnd else None
        self.setWindowTitle("Edit Round" if rnd else "New Questionnaire Round")
        today = dt.date.today()
        self.name = QLineEdit(rnd.name if rnd else f"Team meeting, {today:%B %Y}")
        self.name.setObjectName("roundName")
        self.held_on = QLineEdit(rnd.held_on if rnd else today.isoformat())
        self.held_on.setObjectName("roundDate")
        self.held_on.setPlaceholderText("YYYY-MM-DD")
        self.anonymous = QCheckBox("Anonymous: answers carry no names")
        self.anonymous.setObjectName("roundAnonymous")
        self.anonymous.setChecked(bool(rnd and rnd.anonymous))
        if rnd and rnd.responses:
            self.anonymous.setEnabled(False)
            self.anonymous.setToolTip("A round with responses cannot change this.")
        self.closed = QCheckBox("Closed: no more answers")
        self.closed.setObjectName("roundClosed")
        self.closed.setChecked(bool(rnd and rnd.closed))
        self.closed.setVisible(rnd is not None)
        self.errors = {k: error_label("fieldError") for k in ("name", "held_on", "anonymous")}
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("", self.errors["name"])
        form.addRow("Held on", self.held_on)
        form.addRow("", self.errors["held_on"])
        form.addRow("", self.anonymous)
        form.addRow("", self.errors["anonymous"])
        form.addRow("", self.closed)
        if rnd is None:
            note = plain_label(
                "The round asks every question in the bank as it is worded today. Later "
                "changes to the bank will not change this round.",
                role="hint",
                wrap=True,
            )
            form.addRow(note)
        heading = plain_label(
            "Edit round" if rnd else "New questionnaire round", object_name="dialogHeading"
        )
        buttons, _ok = dialogs.ok_cancel(self, "Save" if rnd else "Start Round")
        vbox(heading, form, buttons, parent=self, margins=(18, 14, 18, 14), spacing=10)
        self.resize(460, self.sizeHint().height())

    def accept(self) -> None:
        for label in self.errors.values():
            label.hide()
        try:
            if self.rnd is None:
                self.round_id = qn.create_round(
                    self.wb,
                    self.name.text(),
                    self.held_on.text(),
                    anonymous=self.anonymous.isChecked(),
                )
            else:
                qn.update_round(
                    self.wb,
                    self.rnd.id,
                    self.name.text(),
                    self.held_on.text(),
                    closed=self.closed.isChecked(),
                    anonymous=self.anonymous.isChecked(),
                )
        except ValidationError as exc:
            label = self.errors.get(exc.field, self.errors["name"])
            label.setText(exc.message)
            label.show()
            return
        super().accept()


class QuestionnairePage(Page):
    title = "Questionnaire"
    tip = (
        "Running the meeting: hand out the blank questionnaire, give everyone quiet time to "
        "write, then read the answers aloud question by question. Ask your team before you "
        "take anyone else's advice."
    )
    subtitle = INTRO

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(wb, parent)
        self.setObjectName("questionnairePage")
        self.print_form_button = QPushButton("Print Blank Questionnaire…")
        self.print_form_button.setObjectName("printQuestionnaire")
        self.print_form_button.setToolTip(
            "A form to hand out at a team meeting, with room to write"
        )
        self.print_form_button.clicked.connect(self.print_blank_form)

        self._lists_stale = False  # a save asked for the round list to be shown again
        self.tabs = QTabWidget()
        self.tabs.setObjectName("questionnaireTabs")
        rounds_tab = self._build_rounds_tab()
        self.tabs.addTab(rounds_tab, "Rounds and Answers")
        self.bank = QuestionBankPanel(wb)
        self.bank.changed.connect(self.changed)
        self.tabs.addTab(self.bank, "Question Bank")
        # Rounds and Answers, or the Question Bank: the form left is saved first.
        self.tab_guard = TabGuard(
            self.tabs, {rounds_tab: self.editor.flush, self.bank: self.bank.editor.flush}
        )
        # beside the tabs rather than on a row of its own: a short window keeps the room
        self.tabs.setCornerWidget(self.print_form_button, Qt.Corner.TopRightCorner)

        self.page_layout.addWidget(self.tabs, 1)
        self.reload()

    # -- layout ----------------------------------------------------------------

    def _build_rounds_tab(self) -> QWidget:
        self.round_list = QListWidget()
        self.round_list.setObjectName("roundList")
        self.round_list.setAccessibleName("Questionnaire rounds")
        self.round_list.currentRowChanged.connect(self._round_picked)
        self.new_round_button = QPushButton("New Round…")
        self.new_round_button.setObjectName("newRound")
        self.new_round_button.clicked.connect(self.new_round)
        self.edit_round_button = QPushButton("Edit…")
        self.edit_round_button.setObjectName("editRound")
        self.edit_round_button.clicked.connect(self.edit_round)
        self.delete_round_button = QPushButton("Delete")
        self.delete_round_button.setObjectName("deleteRound")
        self.delete_round_button.clicked.connect(self.delete_round)
        # New Round over Edit and Delete: the list can be narrow on a small screen
        round_buttons = QGridLayout()
        round_buttons.addWidget(self.new_round_button, 0, 0, 1, 2)
        round_buttons.addWidget(self.edit_round_button, 1, 0)
        round_buttons.addWidget(self.delete_round_button, 1, 1)
        left = QWidget()
        left.setObjectName("roundsPanel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Rounds"))
        left_layout.addWidget(self.round_list, 1)
        left_layout.addLayout(round_buttons)
        self.round_list.setMinimumWidth(text_width(self.round_list, ROUND_NAME_CHARACTERS))
        # a narrow list wraps a round's date and counts rather than hiding them sideways
        self.round_list.setWordWrap(True)
        self.round_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.round_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        # -- the selected round
        self.round_title = QLabel()
        self.round_title.setObjectName("roundTitle")
        self.round_title.setTextFormat(Qt.TextFormat.PlainText)
        self.round_title.setWordWrap(True)
        self.round_title.setStyleSheet(f"font-size: {style.pt(14)}pt; font-weight: 600;")
        # its date and options on the row of its buttons, so the name keeps a whole line
        self.round_facts = plain_label(object_name="roundFacts", role="hint")
        self.round_facts.setWordWrap(True)
        self.print_answers_button = QPushButton("Print Answers…")
        self.print_answers_button.setObjectName("printAnswers")
        self.print_answers_button.clicked.connect(self.print_answers)
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setObjectName("exportCsv")
        self.export_button.clicked.connect(self.export_csv)
        facts = QHBoxLayout()
        facts.addWidget(self.round_facts, 1)
        facts.addWidget(self.export_button)
        facts.addWidget(self.print_answers_button)

        self.views = QTabWidget()
        self.views.setObjectName("roundViews")
        self.views.addTab(self._build_by_person(), "By Person")
        self.views.addTab(self._build_by_question(), "By Question")
        self.views.addTab(self._build_compare(), "Compare Rounds")
        # By Person, By Question or Compare Rounds: the answers being typed are saved
        # before another view shows them (a refused change keeps By Person shown).
        self.view_guard = TabGuard(
            self.views, {self.editor: self.editor.flush}, shown=lambda _i: self._refresh_views()
        )

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.round_title)
        detail_layout.addLayout(facts)
        detail_layout.addWidget(self.views, 1)

        empty = QLabel(
            "No rounds yet.\n\nStart a round before your next team meeting: print the blank "
            "questionnaire, hand it out, then type the answers in here."
        )
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setWordWrap(True)
        empty.setObjectName("emptyState")
        self.detail_stack = QStackedWidget()
        self.detail_stack.addWidget(empty)
        self.detail_stack.addWidget(detail)

        # The answers take the room a wider window gives; on a small screen the round list
        # gives way too, down to its names (the owner can drag).
        self.rounds_splitter = list_form_splitter(
            left, "roundsSplitter", left, self.detail_stack, (46, 130), stretch=(1, 2)
        )
        return self.rounds_splitter

    def _build_by_person(self) -> QWidget:
        self.editor = ResponseEditor(self.wb)
        self.editor.saved.connect(self._response_saved)
        self.editor.deleted.connect(self._response_saved)
        show_full_text_in_tooltip(self.editor.member)  # "Anonymous (this round records…"
        return self.editor

    def _build_by_question(self) -> QWidget:
        self.question_combo = shrinking_combo("byQuestionCombo", "Question")
        self.question_combo.currentIndexChanged.connect(lambda _i: self._show_by_question())
        self.anonymity_warning = QLabel()
        self.anonymity_warning.setObjectName("anonymityWarning")
        self.anonymity_warning.setWordWrap(True)
        self.anonymity_warning.setProperty("role", "warning")
        self.anonymity_warning.hide()
        self.answers_view = HtmlView()
        self.answers_view.setObjectName("answersView")
        self.answers_view.setOpenLinks(False)
        self.question_actions = ActionsBox("What we are doing about it", "questionActions")
        self.question_actions.open_item_requested.connect(self.open_item_requested)
        widget = QWidget()
        vbox(
            self.question_combo,
            self.anonymity_warning,
            (self.answers_view, 1),
            self.question_actions,
            parent=widget,
            margins=(11, 11, 11, 11),
        )
        return widget

    def _build_compare(self) -> QWidget:
        self.compare_question = shrinking_combo("compareQuestion", "Question to compare")
        self.compare_a = shrinking_combo("compareRoundA", "First round")
        self.compare_b = shrinking_combo("compareRoundB", "Second round")
        for combo in (self.compare_question, self.compare_a, self.compare_b):
            combo.currentIndexChanged.connect(lambda _i: self._show_compare())
        self.compare_left = HtmlView()
        self.compare_left.setObjectName("compareLeft")
        self.compare_right = HtmlView()
        self.compare_right.setObjectName("compareRight")
        # each round's choice over its own column: half the width each, so a round's name
        # and date show whole on a small screen
        layout = QGridLayout()
        layout.addWidget(self.compare_a, 0, 0)
        layout.addWidget(self.compare_b, 0, 1)
        layout.addWidget(self.compare_left, 1, 0)
        layout.addWidget(self.compare_right, 1, 1)
        layout.setColumnStretch(0, 1)
        layout.setColumnStretch(1, 1)
        layout.setRowStretch(1, 1)
        widget = QWidget()
        outer = QVBoxLayout(widget)
        outer.addWidget(self.compare_question)
        outer.addLayout(layout, 1)
        return widget

    # -- data ------------------------------------------------------------------

    def reload(self) -> None:
        """Read everything shown again: the bank, the rounds and the response in the form
        (answers typed but not saved yet are saved first; refused ones stay in the form)."""
        self.editor.flush()
        self.bank.reload()
        self._reload_rounds(self._selected_round_id())

    def _reload_rounds(self, select_id: int | None = None) -> None:
        self._lists_stale = False
        self.rounds = qn.list_rounds(self.wb)
        self.round_list.blockSignals(True)
        self.round_list.clear()
        for rnd in self.rounds:
            item = QListWidgetItem(round_label(rnd))
            item.setData(Qt.ItemDataRole.UserRole, rnd.id)
            self.round_list.addItem(item)
        self.round_list.blockSignals(False)
        row = next((i for i, r in enumerate(self.rounds) if r.id == select_id), 0)
        self.detail_stack.setCurrentIndex(1 if self.rounds else 0)
        writable = not self.wb.read_only
        self.new_round_button.setEnabled(writable)
        self.edit_round_button.setEnabled(writable and bool(self.rounds))
        self.delete_round_button.setEnabled(writable and bool(self.rounds))
        self._fill_compare_choices()  # before _round_selected shows the current view
        if self.rounds:
            self.round_list.blockSignals(True)  # _round_selected once, just below
            self.round_list.setCurrentRow(row)
            self.round_list.blockSignals(False)
            self._round_selected(row)

    def select_item(self, kind: str, item_id: int) -> None:
        """A round ("round"), a link from an action that came from its answers."""
        row = next((i for i, r in enumerate(self.rounds) if r.id == item_id), None)
        if kind == "round" and row is not None:
            self.round_list.setCurrentRow(row)

    def _selected_round_id(self) -> int | None:
        item = self.round_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def current_round(self) -> qn.Round | None:
        rid = self._selected_round_id()
        return next((r for r in self.rounds if r.id == rid), None)

    def _round_picked(self, row: int) -> None:
        """The owner picked a round: the answers being typed are saved first."""
        if self.editor.flush():
            self._round_selected(row)
            return
        # Refused: stay on the round of the form, whose message is shown next to the field.
        self._show_editor_round()
        QTimer.singleShot(0, self, self._show_editor_round)

    def _show_editor_round(self) -> None:
        rnd = self.editor.round
        row = next((i for i, r in enumerate(self.rounds) if rnd and r.id == rnd.id), None)
        if row is not None and row != self.round_list.currentRow():
            self.round_list.blockSignals(True)
            self.round_list.setCurrentRow(row)
            self.round_list.blockSignals(False)

    def _round_selected(self, _row: int) -> None:
        rnd = self.current_round()
        if rnd is None:
            return
        facts = [rnd.held_on, "anonymous round" if rnd.anonymous else "named round"]
        if rnd.closed:
            facts.append("closed")
        self.round_title.setText(rnd.name)
        self.round_facts.setText(" · ".join(facts))
        self.question_combo.blockSignals(True)
        self.question_combo.clear()
        for number, q in enumerate(qn.round_questions(self.wb, rnd.id), start=1):
            self.question_combo.addItem(f"{number}. {' '.join(q.text.split())}", q.id)
        self.question_combo.blockSignals(False)
        self.question_combo.setToolTip(self.question_combo.currentText())
        self.editor.show_round(rnd)
        self._refresh_views()

    def save_pending(self) -> str | None:
        problems = []
        question = self.bank.editor.save_pending()
        if question:
            problems.append(question)
            self.tab_guard.put_back(self.bank)
        answers = self.editor.record_editor.save_pending()
        if answers:
            problems.append(answers)
            self.tab_guard.put_back(0)
            self.view_guard.put_back(self.editor)
        return "\n\n".join(problems) or None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._show_saved_lists()

    def _refresh_views(self) -> None:
        index = self.views.currentIndex()
        if index == 1:
            self._show_by_question()
        elif index == 2:
            self._show_compare()

    def _show_by_question(self) -> None:
        rnd = self.current_round()
        rq_id = self.question_combo.currentData()
        source = Source.question(rq_id) if rnd is not None and rq_id is not None else None
        self.question_actions.show_source(self.wb, source)
        if rnd is None or rq_id is None:
            self.answers_view.clear()
            return
        view = qn.answers_to_question(self.wb, rnd.id, rq_id)
        warning = view.anonymity_warning
        self.anonymity_warning.setText(warning or "")
        self.anonymity_warning.setVisible(bool(warning))
        self.answers_view.setHtml(question_answers_html(view))

    def _fill_compare_choices(self) -> None:
        """Fill the Compare Rounds choices (shown by ``_refresh_views`` when visible)."""
        asked = [q for q in qn.list_questions(self.wb) if q.times_asked]
        for combo, items in (
            (self.compare_question, [(" ".join(q.text.split()), q.id) for q in asked]),
            # a round's name alone (no two are alike): its date is in the heading under it
            (self.compare_a, [(r.name, r.id) for r in self.rounds]),
            (self.compare_b, [(r.name, r.id) for r in self.rounds]),
        ):
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            if combo is self.compare_a and len(self.rounds) >= 2:
                combo.setCurrentIndex(1)  # the older of the latest two first
            combo.blockSignals(False)
            combo.setToolTip(combo.currentText())

    def _show_compare(self) -> None:
        question_id = self.compare_question.currentData()
        a, b = self.compare_a.currentData(), self.compare_b.currentData()
        if question_id is None or a is None or b is None:
            message = "<p><i>Compare needs at least one round with answers.</i></p>"
            self.compare_left.setHtml(message)
            self.compare_right.clear()
            return
        left, right = qn.compare_question(self.wb, question_id, [a, b])
        held = {r.id: f"{r.name} ({r.held_on})" for r in self.rounds}
        self.compare_left.setHtml(question_answers_html(left, heading=held.get(a, "")))
        self.compare_right.setHtml(question_answers_html(right, heading=held.get(b, "")))

    # -- actions ---------------------------------------------------------------

    def new_round(self) -> None:
        if not self.editor.flush():
            return
        dialog = RoundDialog(self.wb, None, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload_rounds(dialog.round_id)
            self.changed.emit()

    def edit_round(self) -> None:
        rnd = self.current_round()
        if rnd is None or not self.editor.flush():
            return
        dialog = RoundDialog(self.wb, rnd, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload_rounds(rnd.id)
            self.changed.emit()

    def delete_round(self) -> None:
        rnd = self.current_round()
        if rnd is None:
            return
        self.editor.flush()  # a cancelled delete keeps what was typed
        detail = (
            f"It has {plural(rnd.responses, 'response')}; every answer in it will be deleted too."
            if rnd.responses
            else "It has no responses yet."
        )
        if not dialogs.confirm(self, "Delete round", f"Delete “{rnd.name}”?\n\n{detail}", "Delete"):
            return
        qn.delete_round(self.wb, rnd.id)
        self._reload_rounds()
        self.changed.emit()

    def new_response(self) -> None:
        """A blank form for one more person's answers, shown By Person."""
        if self.current_round() is None or not self.editor.flush():
            return
        self.views.setCurrentIndex(0)
        self.editor.new_response()

    def _response_saved(self) -> None:
        """Answers were written or deleted: read the counts now, and show them in the round
        list on the next turn of the event loop (a click that saved the form by leaving it
        lands on the row it was aimed at)."""
        self.rounds = qn.list_rounds(self.wb)
        if not self._lists_stale:
            self._lists_stale = True
            QTimer.singleShot(0, self, self._show_saved_lists)
        self.changed.emit()

    def _show_saved_lists(self) -> None:
        """Show the saved counts in the round list, and the view shown, if the page is shown
        (else when it is next shown: a page being closed with its workbook is not read
        again). The response list follows by itself."""
        if not self._lists_stale or not self.isVisible():
            return
        self._lists_stale = False
        for row in range(self.round_list.count()):
            item = self.round_list.item(row)
            rid = item.data(Qt.ItemDataRole.UserRole)
            rnd = next((r for r in self.rounds if r.id == rid), None)
            if rnd is not None:
                item.setText(round_label(rnd))
        self._refresh_views()

    def print_blank_form(self) -> None:
        self._preview("questionnaire", None, "Team questionnaire", "team-questionnaire.pdf")

    def print_answers(self) -> None:
        rnd = self.current_round()
        if rnd is None:
            return
        self.editor.flush()
        self._preview("answers", rnd.id, f"Team answers: {rnd.name}", f"answers-{rnd.name}.pdf")

    def _preview(self, document: str, round_id: int | None, title: str, file_name: str) -> None:
        from cscoach.printing.documents import PrintRequest
        from cscoach.ui.print_preview import preview

        preview(self, self.wb, PrintRequest(document, round_id=round_id), title, file_name)

    def export_csv(self) -> None:
        rnd = self.current_round()
        if rnd is None:
            return
        self.editor.flush()
        path = dialogs.ask_save_path(
            self,
            "Export Answers as CSV",
            safe_file_name(f"answers-{rnd.name}.csv"),
            "CSV files (*.csv)",
            ".csv",
        )
        if path is None:
            return

        def write() -> bool:
            csvfile.write_csv(
                path,
                ["round", "person", "section", "question", "answer"],
                qn.export_rows(self.wb, rnd.id),
                private=True,
                workbook=self.wb.path,
            )
            return True

        dialogs.write_or_explain(self, "Could not export", path, write)
