"""A candidate's scoring grid on the Hiring page: one row per criterion that counts for them
(a 1–5 choice, Clear and a note), each score saved as it is made, the weighted score above."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import hiring as hr
from cscoach.model.errors import ValidationError
from cscoach.model.hiring import Criterion, Score, ScoreSummary
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs
from cscoach.ui.pages.hiring.criteria import criterion_tip
from cscoach.ui.record_editor import READ_ONLY_TIP
from cscoach.ui.widgets import (
    GrowingText,
    error_label,
    hbox,
    plain_label,
    show_message,
    text_side,
    text_width,
    vbox,
)

# what a grid was built from: (candidate id, criteria, scores)
Shown = tuple[int, list[Criterion], dict[int, Score]]


class ScoreEditor(QFrame):
    """One criterion in the scoring grid: its quality, 1–5 buttons, Clear and a note."""

    def __init__(
        self, criterion: Criterion, score: Score | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scoreEditor")
        # the checked score is styled by the app's style sheet (#scoreEditor)
        self.criterion = criterion
        self.saved = score
        quality = criterion.quality + ("" if criterion.active else " (retired)")
        self.quality_label = plain_label(quality, object_name="scoreQuality")
        self.quality_label.setStyleSheet("font-weight: 600;")
        self.quality_label.setWordWrap(True)
        weight = plain_label(f"weight {criterion.weight}", role="hint")
        tip = criterion_tip(criterion)
        for widget in (self, self.quality_label, weight):
            widget.setToolTip(tip)

        self.group = QButtonGroup(self)
        self.buttons: dict[int, QPushButton] = {}
        scale = QHBoxLayout()
        scale.setSpacing(4)
        for n in range(1, 6):
            button = QPushButton(str(n))
            button.setObjectName(f"score{n}Button")
            button.setCheckable(True)
            button.setFixedWidth(text_side(button, 1, 20))  # grows with the font
            button.setToolTip(f"{n} — {hr.SCORE_LABELS[n]}")
            button.setAccessibleName(f"{criterion.quality}: score {n}, {hr.SCORE_LABELS[n]}")
            self.group.addButton(button, n)
            self.buttons[n] = button
            scale.addWidget(button)
        self.clear_button = QPushButton("Clear")
        self.clear_button.setObjectName("clearScoreButton")
        self.clear_button.setProperty("role", "link")
        self.clear_button.setToolTip("Remove this score: it counts as not scored")
        scale.addSpacing(6)
        scale.addWidget(self.clear_button)
        scale.addStretch(1)  # on a line of their own, the buttons stay on the left
        self.note_edit = GrowingText("scoreNoteEdit", "Note: what they said, what you noticed")
        self.note_edit.setAccessibleName(f"Note on {criterion.quality}")
        self.error = error_label("scoreError")
        # Where there is room, the quality, its weight and the 1–5 on one line (the buttons
        # line up down the grid) and the note under them: more qualities in view on a
        # laptop. In a narrow form the buttons go on a line of their own (``set_one_line``).
        self.scale = scale
        self.weight_label = weight
        self.head = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.head.setSpacing(4)
        self.head.addLayout(hbox((self.quality_label, 1), weight, spacing=8), 1)
        self.head.addLayout(scale)
        vbox(
            self.head,
            self.note_edit,
            self.error,
            parent=self,
            margins=(0, 4, 0, 4),
            spacing=4,
        )
        self.show_saved(score)

    def one_line_width(self) -> int:
        """The width the quality, its weight and the buttons need on one line (with room
        for a quality of some twenty characters)."""
        return (
            text_width(self.quality_label, 20)
            + self.weight_label.sizeHint().width()
            + self.scale.sizeHint().width()
            + 2 * self.head.spacing()
        )

    def set_one_line(self, one_line: bool) -> None:
        """The buttons beside the quality, or (in a narrow form) under it."""
        self.head.setDirection(
            QBoxLayout.Direction.LeftToRight if one_line else QBoxLayout.Direction.TopToBottom
        )
        self.head.setSpacing(12 if one_line else 4)

    def show_saved(self, score: Score | None) -> None:
        self.saved = score
        self.group.setExclusive(False)
        for n, button in self.buttons.items():
            button.setChecked(score is not None and score.score == n)
        self.group.setExclusive(True)
        self.note_edit.setText(score.note if score else "")
        self.clear_button.setEnabled(score is not None)

    def note_dirty(self) -> bool:
        return self.note_edit.text().strip() != (self.saved.note if self.saved else "")

    def set_read_only(self) -> None:
        for button in (*self.buttons.values(), self.clear_button):
            button.setEnabled(False)
            button.setToolTip(READ_ONLY_TIP)
        self.note_edit.setReadOnly(True)


class ScoreGrid(QWidget):
    """The scores of the candidate in the form: the weighted score, a hint, and one
    ``ScoreEditor`` per criterion that counts for them. A score is saved as it is clicked,
    a note when it is left (or ``save_notes`` before the candidate is); ``scored`` is
    emitted with the candidate's new summary after each write."""

    scored = Signal(object)  # the ScoreSummary of the candidate after a write

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.candidate_id: int | None = None
        self.editors: list[ScoreEditor] = []
        self._shown: Shown | None = None  # what the editors were built from
        self.room = 0  # the width the grid has (``set_room``); 0: not known yet
        title = plain_label("Scores", object_name="formTitle")
        self.summary_label = plain_label(object_name="scoreSummaryLabel")
        self.summary_label.setWordWrap(True)
        self.hint = plain_label(object_name="scoresHint", role="hint")
        self.hint.setWordWrap(True)
        self.box = QWidget()
        self.box_layout = QVBoxLayout(self.box)
        self.box_layout.setContentsMargins(0, 0, 0, 0)
        self.box_layout.setSpacing(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)  # as the form above it
        layout.addWidget(title)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.hint)
        layout.addWidget(self.box)

    def show_candidate(self, candidate_id: int | None) -> None:
        """Show the scores of ``candidate_id`` (None: a candidate not added yet). An
        unchanged grid is left as it is (a note being typed stays)."""
        if candidate_id is None:
            self._build(None, None)
            return
        shown = (candidate_id, hr.list_criteria(self.wb), hr.scores_for(self.wb, candidate_id))
        if shown != self._shown:
            self._build(candidate_id, shown)

    def _build(self, candidate_id: int | None, shown: Shown | None) -> None:
        for editor in self.editors:
            editor.setParent(None)
            editor.deleteLater()
        self.editors = []
        self.candidate_id = candidate_id
        self._shown = shown
        if shown is None:
            self.summary_label.hide()
            self.hint.setText("Add the candidate first, then score them here.")
            return
        _id, criteria, scores = shown
        counted = hr.criteria_for(criteria, scores)
        self.hint.setText(
            "1 = poor, 5 = excellent. Hover over a quality to see what to look for. "
            "Each score is saved as you click it."
            if counted
            else "There are no active hiring criteria. Add the qualities you hire for on the "
            "Criteria tab to score candidates."
        )
        for criterion in counted:
            editor = ScoreEditor(criterion, scores.get(criterion.id), self.box)
            editor.group.idClicked.connect(
                lambda n, e=editor: self._score_clicked(e, n)  # type: ignore[misc]
            )
            editor.clear_button.clicked.connect(lambda _c=False, e=editor: self._clear_clicked(e))
            editor.note_edit.editingFinished.connect(lambda e=editor: self._note_left(e))
            if self.wb.read_only:
                editor.set_read_only()
            self.box_layout.addWidget(editor)
            editor.set_one_line(bool(self.room) and self.room >= editor.one_line_width())
            editor.show()  # added to a panel already on screen: show it now, not later
            self.editors.append(editor)
        self._show_summary(hr.score_summary(self.wb, candidate_id))  # type: ignore[arg-type]

    def editor_for(self, quality: str) -> ScoreEditor:
        return next(e for e in self.editors if e.criterion.quality == quality)

    def set_room(self, width: int) -> None:
        """The grid is ``width`` pixels wide: each quality's buttons beside it when they
        fit on its line, else under it."""
        self.room = width
        for editor in self.editors:
            editor.set_one_line(width >= editor.one_line_width())

    def _show_summary(self, summary: ScoreSummary) -> None:
        parts = [f"Weighted score: {hr.format_percent(summary.percent)}", summary.progress]
        if summary.missing:
            parts.append("not scored yet: " + ", ".join(summary.missing))
        self.summary_label.setText(" · ".join(parts))
        self.summary_label.show()

    # -- writing ---------------------------------------------------------------

    def _write(self, editor: ScoreEditor, func: Callable[..., object], *args: object) -> None:
        """Save one score (or clear it): a refusal is shown under it and the editor shows
        the score saved before."""
        candidate_id = self.candidate_id
        assert candidate_id is not None
        show_message(editor.error, "")
        try:
            func(self.wb, candidate_id, editor.criterion.id, *args)
        except ValidationError as exc:
            show_message(editor.error, exc.message)
            editor.show_saved(editor.saved)
            return
        except autosave.REFUSALS as exc:
            dialogs.show_error(self, "Could not save the score", autosave.refusal(exc))
            editor.show_saved(editor.saved)
            return
        scores = hr.scores_for(self.wb, candidate_id)
        editor.show_saved(scores.get(editor.criterion.id))
        if self._shown is not None:
            self._shown = (candidate_id, self._shown[1], scores)
        summary = hr.score_summary(self.wb, candidate_id)
        self._show_summary(summary)
        self.scored.emit(summary)

    def _score_clicked(self, editor: ScoreEditor, score: int) -> None:
        if self.wb.read_only or self.candidate_id is None:
            return
        if editor.saved is not None and editor.saved.score == score and not editor.note_dirty():
            return
        self._write(editor, hr.set_score, score, editor.note_edit.text())

    def _note_left(self, editor: ScoreEditor) -> None:
        if self.wb.read_only or self.candidate_id is None or not editor.note_dirty():
            return
        if editor.saved is None:
            show_message(editor.error, "Choose a score from 1 to 5 to save this note with it.")
            return
        self._write(editor, hr.set_score, editor.saved.score, editor.note_edit.text())

    def _clear_clicked(self, editor: ScoreEditor) -> None:
        if self.wb.read_only or self.candidate_id is None or editor.saved is None:
            return
        if editor.saved.note and not dialogs.confirm(
            self,
            "Clear this score?",
            f"Clear the score for {editor.criterion.quality}? Its note goes with it, and the "
            "quality counts as not scored.",
            "Clear Score",
        ):
            return
        self._write(editor, hr.clear_score)

    def save_notes(self) -> None:
        """Save the notes typed beside scores and not saved yet (before another candidate,
        tab or page is shown)."""
        for editor in self.editors:
            if editor.saved is not None and editor.note_dirty():
                self._note_left(editor)
