"""Where the team agrees: for one questionnaire round, the words and phrases the answers to
each free-text question share, a simple agreement figure, how it compares with the round
before, and how many answers echo the published "one clear message"."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import agreement as ag
from cscoach.model import questionnaire as qn
from cscoach.model.dates import long_date
from cscoach.model.number_format import plural
from cscoach.model.workbook import Workbook
from cscoach.ui import style
from cscoach.ui.widgets import EmptyState, action_button, plain_label, scroll_area, set_role, vbox

EXPLANATION = (
    "How it is worked out, by plain counting (no AI): two answers agree when they share a "
    "word other than everyday ones (“the”, “someone”) or the question's own; a word or "
    "phrase is listed when two "
    "or more people used it."
)
# The style sheet role of a comparison with an earlier round (colours: ``style``).
ROSE = "better"
FELL = "attention"
MUTED = "hint"
TAB_MARGINS = (10, 6, 10, 10)


def percent(score: float) -> int:
    return round(score * 100)


def figure_text(a: ag.Agreement) -> str:
    """ "7 of 10 pairs of answers share a word (70 %)"."""
    if a.answers == 0:
        return "No answers yet."
    if a.score is None:
        return "Only one answer: agreement needs at least two."
    verb = "shares" if a.agreeing_pairs == 1 else "share"
    pairs = "pair" if a.pairs == 1 else "pairs"
    return (
        f"{a.agreeing_pairs} of {a.pairs} {pairs} of answers {verb} a word "
        f"({percent(a.score)} %) — {plural(a.answers, 'answer')}"
    )


def shared_text(a: ag.Agreement) -> str:
    """ "welcome — 4 people · fix — 2 people"."""
    if not a.shared:
        return "No word or phrase is used in more than one answer." if a.answers > 1 else ""
    return "  ·  ".join(f"{t.term} — {plural(t.answers, 'person', 'people')}" for t in a.shared)


def trend_text(
    now: float | None, before: float | None, round_name: str, what: str = "Agreement"
) -> tuple[str, str]:
    """The comparison with an earlier round, and the role that colours it (see ``ROSE``)."""
    if now is None or before is None:
        return (
            f"Cannot compare with “{round_name}”: too few answers in one of the rounds.",
            MUTED,
        )
    a, b = percent(now), percent(before)
    if a > b:
        return f"▲ {what} rose from {b} % in “{round_name}” to {a} %.", ROSE
    if a < b:
        return f"▼ {what} fell from {b} % in “{round_name}” to {a} %.", FELL
    return f"▶ {what} stayed at {a} %, as in “{round_name}”.", MUTED


def message_text(match: ag.MessageMatch) -> str:
    need = min(2, len(match.key_words))
    words = ", ".join(match.key_words)
    if need == 1:
        rule = "the published message's key word"
    else:
        rule = "at least two of the published message's key words"
    verb = "uses" if match.matching == 1 else "use"
    answers = "answer" if match.answers == 1 else "answers"
    return f"{match.matching} of {match.answers} {answers} {verb} {rule}: {words}"


@dataclass(frozen=True)
class QuestionAgreement:
    """One free-text question of a round, its agreement and the round before to compare."""

    question: qn.RoundQuestion
    agreement: ag.Agreement
    earlier: tuple[qn.Round, ag.Agreement] | None


class AgreementView(QWidget):
    """Pick a round; see what the team's answers to each question have in common."""

    open_requested = Signal(str)

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agreementView")
        self.wb = wb
        self.rounds: list[qn.Round] = []
        self.items: list[QuestionAgreement] = []
        self.blocks: list[QFrame] = []

        self.round_combo = QComboBox()
        self.round_combo.setObjectName("agreementRound")
        self.round_combo.setAccessibleName("Questionnaire round")
        self.round_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.round_combo.setMinimumContentsLength(42)  # a round's name and its whole date
        self.round_combo.currentIndexChanged.connect(lambda _i: self._show_round())
        round_label = plain_label("Round:")
        round_label.setBuddy(self.round_combo)
        self.answers_link = QPushButton("Read the answers on the Questionnaire page ›")
        self.answers_link.setObjectName("readAnswers")
        self.answers_link.setProperty("role", "link")
        self.answers_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.answers_link.setToolTip("Check the figures against what each person wrote")
        self.answers_link.clicked.connect(
            lambda _checked=False: self.open_requested.emit("questionnaire")
        )
        top = QHBoxLayout()
        top.addWidget(round_label)
        top.addWidget(self.round_combo, 1)  # wider where there is room: the whole round
        top.addWidget(self.answers_link)
        self.explanation = plain_label(EXPLANATION, object_name="agreementExplanation")
        self.explanation.setProperty("role", "hint")
        self.explanation.setWordWrap(True)

        self.message_box = QFrame()
        self.message_box.setObjectName("card")
        self.message_box.setProperty("accent", True)  # the accent line on its left
        message_heading = plain_label("Our one clear message", object_name="messageHeading")
        message_heading.setStyleSheet(f"font-weight: 600; font-size: {style.pt(12)}pt;")
        self.message_label = plain_label(object_name="publishedMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("font-style: italic;")
        self.match_label = plain_label(object_name="messageMatch")
        self.match_label.setWordWrap(True)
        self.match_label.setStyleSheet("font-weight: 600;")
        self.match_trend = plain_label(object_name="messageTrend")
        self.match_trend.setWordWrap(True)
        box = QVBoxLayout(self.message_box)
        box.setContentsMargins(14, 10, 14, 10)
        box.setSpacing(4)
        box.addWidget(message_heading)
        box.addWidget(self.message_label)
        box.addWidget(self.match_label)
        box.addWidget(self.match_trend)

        questions_heading = plain_label("Question by question", object_name="questionsHeading")
        questions_heading.setStyleSheet(f"font-weight: 600; font-size: {style.pt(12)}pt;")
        self.questions_layout = QVBoxLayout()
        self.questions_layout.setContentsMargins(0, 0, 0, 0)
        self.questions_layout.setSpacing(8)
        self.no_questions = plain_label(
            "This round asked no free-text questions.", object_name="noTextQuestions"
        )
        self.no_questions.setProperty("role", "hint")
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 8, 8)
        content_layout.setSpacing(10)
        content_layout.addWidget(self.message_box)
        content_layout.addSpacing(4)
        content_layout.addWidget(questions_heading)
        content_layout.addWidget(self.no_questions)
        content_layout.addLayout(self.questions_layout)
        content_layout.addStretch(1)
        self.scroll_area = scroll_area(content)

        round_view = QWidget()
        layout = QVBoxLayout(round_view)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(self.scroll_area, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_empty())
        self.stack.addWidget(round_view)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(*TAB_MARGINS)
        outer.addWidget(self.stack)

    def _build_empty(self) -> QWidget:
        button = action_button(
            "Open Questionnaire ›",
            "open_questionnaire",
            lambda: self.open_requested.emit("questionnaire"),
        )
        empty = EmptyState(
            "No questionnaire rounds yet.\n\nAsk the team at your next meeting and type "
            "their answers in on the Questionnaire page. This view then shows the words "
            "their answers share and how much they agree, round by round.",
            button,
        )
        empty.text_label.setObjectName("agreementEmpty")
        box = QWidget()
        vbox(empty, parent=box, margins=(0, 6, 0, 0))
        return box

    # -- data ----------------------------------------------------------------------

    @property
    def empty(self) -> bool:
        return self.stack.currentIndex() == 0

    def current_round(self) -> qn.Round | None:
        index = self.round_combo.currentIndex()
        return self.rounds[index] if 0 <= index < len(self.rounds) else None

    def select_round(self, round_id: int) -> None:
        for index, rnd in enumerate(self.rounds):
            if rnd.id == round_id:
                self.round_combo.setCurrentIndex(index)
                return

    def reload(self) -> None:
        keep = self.current_round()
        self.rounds = qn.list_rounds(self.wb)  # newest first
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for rnd in self.rounds:
            self.round_combo.addItem(
                f"{rnd.name} — {long_date(rnd.held_on)}, {plural(rnd.responses, 'response')}"
            )
        index = next((i for i, r in enumerate(self.rounds) if keep and r.id == keep.id), 0)
        self.round_combo.setCurrentIndex(index if self.rounds else -1)
        self.round_combo.blockSignals(False)
        self.stack.setCurrentIndex(1 if self.rounds else 0)
        self._show_round()

    def _earlier_rounds(self, rnd: qn.Round) -> list[qn.Round]:
        """The rounds held before ``rnd``, the most recent first."""
        index = next(i for i, r in enumerate(self.rounds) if r.id == rnd.id)
        return self.rounds[index + 1 :]

    def question_agreements(self, rnd: qn.Round) -> list[QuestionAgreement]:
        questions = [q for q in qn.round_questions(self.wb, rnd.id) if q.kind == "text"]
        agreements = ag.round_agreement(self.wb, rnd.id)
        earlier_rounds = self._earlier_rounds(rnd)
        result = []
        for question, agreement in zip(questions, agreements, strict=True):
            earlier = None
            if question.question_id is not None:
                for before in earlier_rounds:
                    found = ag.question_agreement(self.wb, question.question_id, before.id)
                    if found is not None:
                        earlier = (before, found)
                        break
            result.append(QuestionAgreement(question, agreement, earlier))
        return result

    # -- showing -------------------------------------------------------------------

    def _show_round(self) -> None:
        for block in self.blocks:
            self.questions_layout.removeWidget(block)
            block.deleteLater()
        self.blocks = []
        self.items = []
        rnd = self.current_round()
        if rnd is None:
            return
        self._show_message(rnd)
        self.items = self.question_agreements(rnd)
        for item in self.items:
            block = self._block(item)
            self.questions_layout.addWidget(block)
            self.blocks.append(block)
        self.no_questions.setVisible(not self.items)
        self.scroll_area.verticalScrollBar().setValue(0)

    def _show_message(self, rnd: qn.Round) -> None:
        message = ag.published_message(self.wb)
        match = ag.message_match(self.wb, rnd.id)
        self.match_trend.hide()
        if not message:
            self.message_label.setText(
                "Not published yet. Once the philosophy is published with its one clear "
                "message, this shows how many answers to the “one clear message” question "
                "echo it."
            )
            self.match_label.hide()
            return
        self.message_label.setText(f"“{message}”")
        self.match_label.show()
        if match is None:
            self.match_label.setText("This round did not ask the “one clear message” question.")
            return
        if not match.answers:
            self.match_label.setText("No one has answered the “one clear message” question yet.")
            return
        self.match_label.setText(message_text(match))
        for before in self._earlier_rounds(rnd):
            earlier = ag.message_match(self.wb, before.id)
            if earlier is not None and earlier.answers:
                text, role = trend_text(
                    match.matching / match.answers,
                    earlier.matching / earlier.answers,
                    before.name,
                    "The share of answers that match",
                )
                self.match_trend.setText(text)
                set_role(self.match_trend, role)
                self.match_trend.show()
                break

    def _block(self, item: QuestionAgreement) -> QFrame:
        frame = QFrame()
        frame.setObjectName("card")
        frame.setProperty("question", item.question.id)
        a = item.agreement
        question = plain_label(
            item.question.text, object_name="agreementQuestion", role="strong", wrap=True
        )
        figure = plain_label(figure_text(a), object_name="agreementFigure", wrap=True)
        layout = vbox(question, figure, parent=frame, margins=(14, 10, 14, 10), spacing=4)
        shared = shared_text(a)
        if shared:
            label = plain_label(
                f"Shared: {shared}" if a.shared else shared, object_name="sharedTerms"
            )
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if not a.shared:
                label.setProperty("role", "hint")
            layout.addWidget(label)
        if item.earlier is not None:
            before, earlier = item.earlier
            text, role = trend_text(a.score, earlier.score, before.name)
            trend = plain_label(text, object_name="agreementTrend", role=role)
            trend.setWordWrap(True)
            layout.addWidget(trend)
        return frame

    def labels(self, object_name: str) -> list[QLabel]:
        """The labels named ``object_name``, in the order shown (for tests and screen
        readers' sake, one place to look them up)."""
        found = []
        for block in self.blocks:
            found.extend(block.findChildren(QLabel, object_name))
        return found
