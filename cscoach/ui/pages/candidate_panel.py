"""The Candidates tab of the Hiring page: the people interviewed, their details and the
scoring grid (one row per criterion: a 1–5 choice and a note, saved as they are made)."""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import hiring as hr
from cscoach.model.errors import CsCoachError, ValidationError
from cscoach.model.hiring import Candidate, Criterion, Score, ScoreSummary
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs, style
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.widgets import (
    EmptyState,
    action_button,
    error_label,
    plain_label,
    record_table,
    show_message,
    text_side,
    text_width,
)

ModelIndex = QModelIndex | QPersistentModelIndex
EMPTY_TEXT = (
    "No candidates yet — add the people you interview, then score them on the qualities you "
    "hire for. Print a blank scorecard to take into the interview."
)
READ_ONLY_TIP = "This workbook is open read-only: changes cannot be saved."
FIT_SAMPLE = 10  # rows measured for a column's width, besides its longest texts
FIT_LONGEST = 3  # the rows with the longest text of a column, measured too
FIT_WIDEST = 300  # px: no column is made wider; a longer text is elided, in full in its tooltip
NAME_CHARACTERS = 16  # a candidate's name keeps this many average characters on a small screen


def criterion_tip(criterion: Criterion) -> str:
    """What to look for and what to ask, as a tooltip (plain text)."""
    parts = [f"{criterion.quality} — weight {hr.WEIGHT_LABELS.get(criterion.weight, '')}"]
    if criterion.good_signs:
        parts.append(f"Look for: {criterion.good_signs}")
    if criterion.poor_signs:
        parts.append(f"Watch out for: {criterion.poor_signs}")
    parts += [f"Ask: {q}" for q in criterion.questions]
    return "\n\n".join(parts)


class ColumnFitter(QObject):
    """Sets a table's column widths once from a sample of rows, and again when its rows are
    replaced (``refit``): the first few rows and, in each column, the ones with the longest
    text (``texts(row)``: a row's text, column by column). Column ``stretch`` takes the room
    left over; with None, no column does. Without ``texts`` the page sets the widths itself
    (``set_widths``).

    ``ResizeToContents`` would measure every cell of a table of hundreds of rows at each
    layout (seconds on the Hiring page); a sample costs milliseconds. A text longer than its
    column is elided, in full in its tooltip, and the owner can widen the column. The widths
    are measured when the table is on screen: before, it may not have the window's style
    sheet yet (its padding and bold headers).

    With ``least`` (average characters), the stretch column stays readable on a small
    screen: the table asks for that much room for it beside the other columns at their
    widths (up to ``most`` characters in all), so the form beside the table gives way rather
    than the names. When the stretch column has less than its own text (up to ``want``
    characters), the columns in ``squeeze`` give way to it, one after the other, down to the
    width of their heading.
    """

    def __init__(
        self,
        table: QTableView,
        texts: Callable[[int], Sequence[str]] | None,
        stretch: int | None,
        *,
        widest: int = FIT_WIDEST,
        least: float = 0,
        most: float = 0,
        want: float = 0,
        squeeze: Sequence[int] = (),
    ) -> None:
        super().__init__(table)
        self.table = table
        self.texts = texts
        self.stretch = stretch
        self.widest = widest
        self.least = least
        self.most = most
        self.want = max(want, least)
        self.squeeze = tuple(squeeze)
        self.widths: dict[int, int] = {}  # each column's width: fitted, set, or as dragged
        self.stretch_text = 0  # the width of the stretch column's longest text (0: unknown)
        self.pending = texts is not None
        self._resizing = False
        table.installEventFilter(self)
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._section_resized)

    def refit(self) -> None:
        """The rows were replaced: fit now if the table is shown, else when it is."""
        self.pending = self.texts is not None
        if self.pending and self.table.isVisible():
            self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table:
            if event.type() == QEvent.Type.Show and self.pending:
                self.fit()
        elif event.type() == QEvent.Type.Resize:
            self._give_way()
        return False

    def fit(self) -> None:
        self.pending = False
        if self.texts is None:
            return
        table, model = self.table, self.table.model()
        header = table.horizontalHeader()
        rows = [self.texts(row) for row in range(model.rowCount())]
        first = range(min(len(rows), FIT_SAMPLE))
        widths = {}
        for column in range(model.columnCount()):
            longest = heapq.nlargest(
                FIT_LONGEST, range(len(rows)), key=lambda r: len(rows[r][column])
            )
            width = max(
                [header.sectionSizeHint(column)]
                + [
                    table.sizeHintForIndex(model.index(row, column)).width()
                    for row in {*first, *longest}
                ]
            )
            widths[column] = min(width, self.widest)
        if self.stretch is not None:
            self.stretch_text = widths.pop(self.stretch)
        self.set_widths(widths)

    def set_widths(self, widths: dict[int, int]) -> None:
        """Give the columns these widths (the owner can still drag them); the stretch
        column takes the rest."""
        header = self.table.horizontalHeader()
        if self.stretch is not None:
            header.setSectionResizeMode(self.stretch, QHeaderView.ResizeMode.Stretch)
        self.widths = dict(widths)
        self._resizing = True
        try:
            for column, width in self.widths.items():
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(column, width)
        finally:
            self._resizing = False
        if self.least and self.stretch is not None:
            table = self.table
            frame = 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width()
            least = frame + text_width(table, self.least)
            shown = {c: w for c, w in self.widths.items() if not header.isSectionHidden(c)}
            full = least + sum(shown.values())
            tight = least + sum(
                min(w, header.sectionSizeHint(c)) if c in self.squeeze else w
                for c, w in shown.items()
            )
            most = text_width(table, self.most) if self.most else full
            table.setMinimumWidth(max(tight, min(full, most)))
        self._give_way()

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if not self._resizing and column in self.widths:
            self.widths[column] = new  # the owner dragged it: keep their width

    def _give_way(self) -> None:
        """Narrow the ``squeeze`` columns in turn, down to their heading, so far as the
        stretch column needs for its text (``least`` to ``want`` characters); wide again
        when there is room."""
        if not self.least or not self.squeeze or self.stretch is None or not self.widths:
            return
        table = self.table
        header = table.horizontalHeader()
        shown = {c: w for c, w in self.widths.items() if not header.isSectionHidden(c)}
        wanted = text_width(table, self.want)
        if self.stretch_text:  # as wide as its longest text measured, if that is less
            wanted = min(wanted, self.stretch_text)
        over = sum(shown.values()) - table.viewport().width()
        over += max(wanted, text_width(table, self.least))
        self._resizing = True
        try:
            for column in self.squeeze:
                if column not in shown:
                    continue
                give = min(max(over, 0), max(shown[column] - header.sectionSizeHint(column), 0))
                over -= give
                if header.sectionSize(column) != shown[column] - give:
                    header.resizeSection(column, shown[column] - give)
        finally:
            self._resizing = False


def delete_question(candidate: Candidate, scores: int) -> str:
    """What the owner is asked before a candidate is deleted."""
    what = [f"{scores} score{'s' if scores != 1 else ''} with their notes"] if scores else []
    if candidate.notes:
        what.append("the interview notes")
    recorded = " and ".join(what) if what else "their details"
    return (
        f"Delete {candidate.name} and everything recorded about them: {recorded}? "
        "Nothing about them stays in the workbook.\n\n"
        "Copies in the workbook's backups folder made before now still hold them until "
        "they are replaced. Deleting cannot be undone."
    )


@dataclass(frozen=True)
class CandidateForm:
    name: str
    role: str
    interview_date: str
    status: str
    notes: str

    @classmethod
    def of(cls, candidate: Candidate | None) -> CandidateForm:
        if candidate is None:
            return cls("", "", "", "interviewing", "")
        return cls(
            candidate.name,
            candidate.role,
            candidate.interview_date or "",
            candidate.status,
            candidate.notes,
        )

    def to_input(self) -> hr.CandidateInput:
        return hr.CandidateInput(self.name, self.role, self.interview_date, self.status, self.notes)


class CandidateTableModel(QAbstractTableModel):
    """Candidates with their weighted score and how much of it is scored."""

    COLUMNS = ("Name", "Role", "Status", "Interview", "Score", "Scored")
    NAME, ROLE, STATUS, DATE, SCORE, SCORED = range(6)
    CandidateIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ScoreSummary] = []
        self._texts: list[tuple[str, ...]] = []  # each row's text, made once, not per paint

    def set_summaries(self, summaries: list[ScoreSummary]) -> bool:
        """Show ``summaries``; False (and the view left alone) when they are the ones shown."""
        if summaries == self._rows:
            return False
        self.beginResetModel()
        self._rows = list(summaries)
        self._texts = [self._row_texts(s) for s in self._rows]
        self.endResetModel()
        return True

    def update_summary(self, summary: ScoreSummary) -> None:
        """Replace one candidate's row in place (keeps the selection)."""
        row = self.row_of(summary.candidate.id)
        if row is None:
            return
        self._rows[row] = summary
        self._texts[row] = self._row_texts(summary)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def summaries(self) -> list[ScoreSummary]:
        return list(self._rows)

    def summary_at(self, row: int) -> ScoreSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, candidate_id: int | None) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.candidate.id == candidate_id:
                return row
        return None

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def row_texts(self, row: int) -> tuple[str, ...]:
        """What row ``row`` shows, column by column."""
        return self._texts[row]

    @staticmethod
    def _row_texts(summary: ScoreSummary) -> tuple[str, ...]:
        c = summary.candidate
        return (
            c.name,
            c.role or "—",
            c.status_label,
            c.interview_date or "—",
            hr.format_percent(summary.percent),
            f"{summary.scored} of {summary.counted}",
        )

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        c = summary.candidate
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.NAME, self.ROLE):
            return self._texts[index.row()][column]  # in full, when the column elides it
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.SCORE, self.SCORED):
            if summary.missing:
                return "Not scored yet: " + ", ".join(summary.missing)
            return "Every criterion is scored." if summary.scored else None
        if role == Qt.ItemDataRole.ForegroundRole and (
            c.status == "not hired" or (column == self.SCORE and summary.percent is None)
        ):
            return style.qcolor("inactive")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SCORE, self.SCORED):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.CandidateIdRole:
            return c.id
        return None


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
        scale.addStretch(1)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("scoreNoteEdit")
        self.note_edit.setPlaceholderText("Note: what they said, what you noticed")
        self.note_edit.setAccessibleName(f"Note on {criterion.quality}")
        self.error = error_label("scoreError")

        top = QHBoxLayout()
        top.addWidget(self.quality_label, 1)
        top.addWidget(weight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(scale)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.error)
        self.show_saved(score)
        self.note_edit.setCursorPosition(0)  # a long note shows its beginning, not its end

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


class CandidatesPanel(QWidget):
    """Candidates beside their details and scoring grid."""

    changed = Signal()
    selection_changed = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self._current_id: int | None = None
        self._loaded = CandidateForm.of(None)
        self._loading = False
        self.score_editors: list[ScoreEditor] = []
        # what the scoring grid was built from: (candidate id, criteria, scores)
        self._scores_shown: tuple[int, list[Criterion], dict[int, Score]] | None = None
        self._refusal: str | None = None  # why the last save was refused
        self._list_stale = False  # a save asked for the list to be shown again
        self.save_timer = autosave.save_timer(self, self.flush)

        self.model = CandidateTableModel(self)
        self._build_list()
        self._build_detail()
        # The list takes the room a wider window gives; the form keeps about 68 characters
        # but gives way on a small screen, before the names do (the owner can drag).
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("candidatesSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list_panel)
        self.splitter.addWidget(self.detail_scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([text_width(self, 100), text_width(self, 68)])
        body = QVBoxLayout(self)
        body.setContentsMargins(0, 8, 0, 0)
        body.addWidget(self.splitter)
        self.reload()
        self.start_new(focus=False, settle=False)
        if wb.read_only:
            self._apply_read_only()
        label_form_fields(self)

    # -- building --------------------------------------------------------------

    def _build_list(self) -> None:
        self.table = record_table(self.model, "candidateTable")
        self.table.setAccessibleName("Candidates")
        self.fitter = ColumnFitter(
            self.table,
            self.model.row_texts,
            CandidateTableModel.NAME,
            least=NAME_CHARACTERS,
            most=78,  # with the form at its narrowest, in a window 1024 pixels wide
            squeeze=(CandidateTableModel.ROLE,),
        )
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.empty_add_button = action_button(
            "Add the First Candidate", "emptyAddCandidateButton", lambda: self.start_new()
        )
        self.empty_state = EmptyState(EMPTY_TEXT, self.empty_add_button)

        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.empty_state)
        self.list_stack.addWidget(self.table)
        self.add_button = QPushButton("Add Candidate")
        self.add_button.setObjectName("addCandidateButton")
        self.add_button.setToolTip("Start a blank form for someone new (Insert)")
        self.add_button.clicked.connect(lambda: self.start_new())
        self.count_label = plain_label(object_name="candidateCountLabel", role="hint")
        bar = QHBoxLayout()
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        bar.addWidget(self.count_label)

        self.list_panel = QWidget()
        layout = QVBoxLayout(self.list_panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list_stack, 1)
        layout.addLayout(bar)

        self.new_action = QAction("Add Candidate", self)
        self.new_action.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(lambda: self.start_new())
        self.addAction(self.new_action)
        self.delete_action = QAction("Delete Candidate…", self.table)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_candidate)
        self.table.addAction(self.delete_action)

    def _line_edit(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.returnPressed.connect(self.save_candidate)  # Enter saves at once
        edit.editingFinished.connect(self._on_field_left)
        edit.textChanged.connect(self._edited)
        return edit

    def _build_detail(self) -> None:
        self.detail = QFrame()
        self.detail.setObjectName("detailPanel")
        self.form_title = plain_label(object_name="formTitle")
        self.form_title.setWordWrap(True)
        self.name_edit = self._line_edit("candidateNameEdit", "Full name")
        self.role_edit = self._line_edit("candidateRoleEdit", "for example: Barista")
        self.role_completer = QCompleter([], self.role_edit)
        self.role_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.role_edit.setCompleter(self.role_completer)
        self.date_edit = self._line_edit("interviewDateEdit", "YYYY-MM-DD, or leave empty")
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusCombo")
        for key in hr.STATUSES:
            self.status_combo.addItem(hr.STATUS_LABELS[key], key)
        self.status_combo.currentIndexChanged.connect(self._on_status_changed)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setObjectName("candidateNotesEdit")
        self.notes_edit.setPlaceholderText("Anything to remember about this candidate")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(70)
        self.notes_edit.textChanged.connect(self._on_notes_changed)
        self.errors = {
            key: error_label(f"{key}Error")
            for key in ("name", "role", "interview_date", "status", "notes")
        }
        self.form_error = error_label("candidateFormError")

        def field(widget: QWidget, key: str) -> QWidget:
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(3)
            layout.addWidget(widget)
            layout.addWidget(self.errors[key])
            return box

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name", field(self.name_edit, "name"))
        form.addRow("&Role applied for", field(self.role_edit, "role"))
        form.addRow("&Interview date", field(self.date_edit, "interview_date"))
        form.addRow("S&tatus", field(self.status_combo, "status"))
        form.addRow("N&otes", field(self.notes_edit, "notes"))

        self.status = autosave.status_label("candidateStatus", "Changes are saved as you type them")
        self.status.setMinimumWidth(text_width(self, len(autosave.NOT_SAVED) + 2))
        self.delete_button = QPushButton("Delete…")
        self.delete_button.setObjectName("deleteCandidateButton")
        self.delete_button.setToolTip("Delete this candidate with all their scores and notes")
        self.delete_button.clicked.connect(self.delete_candidate)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self.feedback_label = plain_label(object_name="candidateFeedback", role="feedback")
        self.feedback_label.setWordWrap(True)

        scores_title = plain_label("Scores", object_name="formTitle")
        self.summary_label = plain_label(object_name="scoreSummaryLabel")
        self.summary_label.setWordWrap(True)
        self.scores_hint = plain_label(object_name="scoresHint", role="hint")
        self.scores_hint.setWordWrap(True)
        self.scores_box = QWidget()
        self.scores_layout = QVBoxLayout(self.scores_box)
        self.scores_layout.setContentsMargins(0, 0, 0, 0)
        self.scores_layout.setSpacing(0)

        layout = QVBoxLayout(self.detail)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.form_title)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback_label)
        layout.addSpacing(6)
        layout.addWidget(scores_title)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.scores_hint)
        layout.addWidget(self.scores_box)
        layout.addStretch(1)

        self.detail_scroll = QScrollArea()
        self.detail_scroll.setObjectName("candidateDetailScroll")
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detail_scroll.setMinimumWidth(text_width(self.detail, 47))  # its narrowest form
        self.detail_scroll.setWidget(self.detail)

    def _apply_read_only(self) -> None:
        for widget in (
            self.add_button,
            self.empty_add_button,
            self.delete_button,
            self.status_combo,
        ):
            widget.setEnabled(False)
            widget.setToolTip(READ_ONLY_TIP)
        for edit in (self.name_edit, self.role_edit, self.date_edit, self.notes_edit):
            edit.setReadOnly(True)
        self.new_action.setEnabled(False)
        self.delete_action.setEnabled(False)

    # -- reading ---------------------------------------------------------------

    def reload(self, summaries: list[ScoreSummary] | None = None) -> None:
        """Read the candidates again (``summaries``: already read by the page). What is
        unchanged is left as it is: the table, the form and the scoring grid."""
        self.flush()
        self._save_notes_pending()
        self._reload_table(self._current_id, summaries)
        self.role_completer.model().setStringList(hr.list_roles(self.wb))  # type: ignore[attr-defined]
        if self._current_id is not None:
            candidate = self.current_candidate()
            if candidate is None:  # deleted elsewhere
                self.start_new(focus=False, settle=False)
            elif not self.is_dirty():
                if CandidateForm.of(candidate) != self._loaded or not self._scores_current():
                    self._load(candidate)
            elif not self._scores_current():
                self._build_scores()

    def _reload_table(
        self, select_id: int | None, summaries: list[ScoreSummary] | None = None
    ) -> None:
        if summaries is None:
            summaries = hr.list_summaries(self.wb)
        self._loading = True
        try:
            if self.model.set_summaries(summaries):
                self.fitter.refit()
            row = self.model.row_of(select_id)
            if row is not None and row != self._selected_row():
                self._select_row(row)
        finally:
            self._loading = False
        self.list_stack.setCurrentWidget(self.table if summaries else self.empty_state)
        active = sum(1 for s in summaries if s.candidate.status in hr.IN_PROGRESS)
        self.count_label.setText(
            f"{len(summaries)} candidate{'s' if len(summaries) != 1 else ''} · {active} in progress"
            if summaries
            else ""
        )

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def current_candidate(self) -> Candidate | None:
        """The candidate in the form; None while the form is for someone new."""
        row = self.model.row_of(self._current_id)
        summary = self.model.summary_at(row) if row is not None else None
        return summary.candidate if summary else None

    def select_candidate(self, candidate_id: int) -> bool:
        row = self.model.row_of(candidate_id)
        if row is None:
            return False
        self._select_row(row)
        return self._current_id == candidate_id

    def form_values(self) -> CandidateForm:
        return CandidateForm(
            self.name_edit.text(),
            self.role_edit.text(),
            self.date_edit.text(),
            self.status_combo.currentData(),
            self.notes_edit.toPlainText(),
        )

    # -- the form --------------------------------------------------------------

    def _fill(self, values: CandidateForm) -> None:
        self._loading = True
        try:
            self.name_edit.setText(values.name)
            self.role_edit.setText(values.role)
            self.date_edit.setText(values.interview_date)
            self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(values.status)))
            self.notes_edit.setPlainText(values.notes)
        finally:
            self._loading = False
        self._loaded = values
        self._refusal = None
        self.save_timer.stop()
        self.status.setText("")
        self.clear_errors()
        self._update_buttons()

    def _load(self, candidate: Candidate) -> None:
        self._current_id = candidate.id
        self.form_title.setText(candidate.name)
        self._fill(CandidateForm.of(candidate))
        self._build_scores()
        self.selection_changed.emit()

    def start_new(self, *, focus: bool = True, settle: bool = True) -> None:
        """An empty form for a new candidate (Add Candidate, Insert): they are added as
        soon as the form holds a name."""
        if settle and not self._settle_pending():
            return  # the refused change keeps its message and the form
        self._current_id = None
        self._loading = True
        try:
            self.table.clearSelection()
        finally:
            self._loading = False
        self.form_title.setText("New candidate")
        self._fill(CandidateForm.of(None))
        self._build_scores()
        self.selection_changed.emit()
        if focus and not self.wb.read_only:
            self.name_edit.setFocus()

    def clear_errors(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            show_message(label, "")

    def show_validation_error(self, exc: ValidationError, *, focus: bool = True) -> None:
        self.clear_errors()
        show_message(self.errors.get(exc.field, self.form_error), exc.message)
        edit = {
            "name": self.name_edit,
            "role": self.role_edit,
            "interview_date": self.date_edit,
        }.get(exc.field)
        if edit is not None and focus:
            edit.setFocus()
            edit.selectAll()

    def _update_buttons(self) -> None:
        if self._loading:
            return
        self.delete_button.setVisible(self._current_id is not None)

    # -- writing ---------------------------------------------------------------

    def _write(
        self, action: str, func: Callable[..., object], *args: object, **kw: object
    ) -> object | None:
        """Run one model write and return its result; None (after showing why) if it failed.
        A ValidationError is re-raised for the caller to show next to its field."""
        try:
            result = func(self.wb, *args, **kw)
        except ValidationError:
            raise
        except CsCoachError as exc:
            dialogs.show_error(self, f"Could not {action}", exc.message)
            return None
        except sqlite3.Error as exc:
            dialogs.show_error(
                self,
                f"Could not {action}",
                f"The workbook could not be written ({exc}). Nothing was changed.",
            )
            return None
        return True if result is None else result

    # -- saving as the owner types -----------------------------------------------

    def _edited(self) -> None:
        if self._loading or self.wb.read_only:
            return
        self.status.setText("")
        self.save_timer.start()

    def _on_field_left(self) -> None:
        """Leaving a field (or Enter) saves the form."""
        if not self._loading:
            self.flush()

    def _on_notes_changed(self) -> None:
        self._edited()

    def _on_status_changed(self) -> None:
        """A status chosen is saved at once."""
        self._on_field_left()

    def is_dirty(self) -> bool:
        """Whether the form holds something the workbook does not (an untouched new form
        holds nothing)."""
        return not self.wb.read_only and self.form_values() != self._loaded

    def flush(self) -> bool:
        """Save the form now if it holds a change: one model call, adding the new candidate
        or changing the one shown. True when nothing is left unsaved; False when the model
        refused it (its message is shown next to the field and nothing was written)."""
        self.save_timer.stop()
        if self._loading or not self.is_dirty():
            return True
        values = self.form_values()
        self.clear_errors()
        added = self._current_id is None
        try:
            if added:
                candidate_id = int(hr.add_candidate(self.wb, values.to_input()))
            else:
                candidate_id = self._current_id
                hr.update_candidate(self.wb, candidate_id, values.to_input())
        except ValidationError as exc:
            self.show_validation_error(exc, focus=False)
            return self._refuse(exc.message)
        except autosave.REFUSALS as exc:
            show_message(self.form_error, autosave.refusal(exc))
            return self._refuse(autosave.refusal(exc))
        self._current_id = candidate_id
        self._loaded = values
        self._refusal = None
        self.status.setText(autosave.SAVED)
        self.form_title.setText(values.name.strip())
        if added:
            self._build_scores()  # the scoring grid for the candidate just added
            self.selection_changed.emit()
            self.feedback_label.setText(
                f"{values.name.strip()} was added; changes are saved as you type. Score "
                "them below as you interview."
            )
        self.role_completer.model().setStringList(hr.list_roles(self.wb))  # type: ignore[attr-defined]
        # The list follows on the next turn of the event loop (the form is left as typed):
        # a click in the list that saved the form by leaving it lands on the row aimed at.
        if not self._list_stale:
            self._list_stale = True
            QTimer.singleShot(0, self, self._show_stale_list)
        self._update_buttons()
        self.changed.emit()
        return True

    def _refuse(self, message: str) -> bool:
        self.status.setText(autosave.NOT_SAVED)
        if self._current_id is None:
            name = self.name_edit.text().strip() or "The new candidate"
            self._refusal = f"{name} could not be added: {message}"
        else:
            self._refusal = f"Your changes to {self._loaded.name} could not be saved: {message}"
        return False

    def _show_stale_list(self) -> None:
        """Show the saved candidates in the list if the panel is shown (else when it is
        next shown: a page being closed with its workbook is not read again)."""
        if self._list_stale and self.isVisible():
            self._list_stale = False
            self._reload_table(self._current_id)
            self.selection_changed.emit()  # a candidate just added can now be printed

    def showEvent(self, event: QEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._show_stale_list()

    def save_candidate(self) -> bool:
        """Save the form now (Enter; otherwise done as the owner types)."""
        return self.flush()

    def _settle_pending(self) -> bool:
        """Before the form shows someone else: save the edit in progress. False to stay
        put (the refused change keeps its message)."""
        self._save_notes_pending()
        return self.flush()

    def save_pending(self) -> str | None:
        self._save_notes_pending()
        if self.flush():
            return None
        return self._refusal or "The candidate being edited is not saved."

    def _on_selection_changed(self) -> None:
        if self._loading:
            return
        rows = self.table.selectionModel().selectedRows()
        summary = self.model.summary_at(rows[0].row()) if rows else None
        if summary is None or summary.candidate.id == self._current_id:
            return
        target = summary.candidate.id
        if not self._settle_pending():
            # Refused: stay on the candidate being edited; its message is shown.
            self._select_edited_row()
            QTimer.singleShot(0, self, self._select_edited_row)
            return
        row = self.model.row_of(target)
        if row is None:
            return
        self._loading = True
        try:
            self._select_row(row)
        finally:
            self._loading = False
        self._load(hr.get_candidate(self.wb, target))
        self.feedback_label.setText("")

    def _select_edited_row(self) -> None:
        self._loading = True
        try:
            row = self.model.row_of(self._current_id)
            if row is None:
                self.table.clearSelection()
            else:
                self._select_row(row)
        finally:
            self._loading = False

    def delete_candidate(self) -> None:
        """Delete the candidate in the form, with every score and note, after asking."""
        if self.wb.read_only or self._current_id is None:
            return
        self.flush()  # a cancelled delete keeps what was typed
        candidate = hr.get_candidate(self.wb, self._current_id)
        scores = len(hr.scores_for(self.wb, candidate.id))
        if not dialogs.confirm(
            self,
            f"Delete {candidate.name}?",
            delete_question(candidate, scores),
            "Delete",
            destructive=True,
        ):
            return
        row = self.model.row_of(candidate.id) or 0
        try:
            if not self._write("delete this candidate", hr.delete_candidate, candidate.id):
                return
        except ValidationError as exc:
            self.show_validation_error(exc)
            return
        self._current_id = None
        self._loaded = CandidateForm.of(None)
        self._reload_table(None)
        neighbour = self.model.summary_at(min(row, self.model.rowCount() - 1))
        if neighbour is not None:
            self._reload_table(neighbour.candidate.id)
            self._load(neighbour.candidate)
        else:
            self.start_new(focus=False, settle=False)
        self.feedback_label.setText(f"{candidate.name} and all their scores were deleted.")
        self.changed.emit()

    # -- the scoring grid ------------------------------------------------------

    def _build_scores(self) -> None:
        for editor in self.score_editors:
            editor.setParent(None)
            editor.deleteLater()
        self.score_editors = []
        self._scores_shown = None
        candidate_id = self._current_id
        if candidate_id is None:
            self.summary_label.hide()
            self.scores_hint.setText("Add the candidate first, then score them here.")
            self.scores_hint.show()
            return
        criteria = hr.list_criteria(self.wb)
        scores = hr.scores_for(self.wb, candidate_id)
        self._scores_shown = (candidate_id, criteria, scores)
        counted = hr.criteria_for(criteria, scores)
        if not counted:
            self.scores_hint.setText(
                "There are no active hiring criteria. Add the qualities you hire for on the "
                "Criteria tab to score candidates."
            )
            self.scores_hint.show()
        else:
            self.scores_hint.setText(
                "1 = poor, 5 = excellent. Hover over a quality to see what to look for. "
                "Each score is saved as you click it."
            )
            self.scores_hint.show()
        for criterion in counted:
            editor = ScoreEditor(criterion, scores.get(criterion.id), self.scores_box)
            editor.group.idClicked.connect(
                lambda n, e=editor: self._score_clicked(e, n)  # type: ignore[misc]
            )
            editor.clear_button.clicked.connect(lambda _c=False, e=editor: self._clear_clicked(e))
            editor.note_edit.editingFinished.connect(lambda e=editor: self._note_left(e))
            if self.wb.read_only:
                editor.set_read_only()
            self.scores_layout.addWidget(editor)
            editor.show()  # added to a panel already on screen: show it now, not later
            self.score_editors.append(editor)
        self._show_summary()

    def _scores_current(self) -> bool:
        """Whether the scoring grid shows the workbook's criteria and scores as they are."""
        if self._current_id is None or self._scores_shown is None:
            return False
        return self._scores_shown == (
            self._current_id,
            hr.list_criteria(self.wb),
            hr.scores_for(self.wb, self._current_id),
        )

    def editor_for(self, quality: str) -> ScoreEditor:
        return next(e for e in self.score_editors if e.criterion.quality == quality)

    def _show_summary(self) -> None:
        if self._current_id is None:
            return
        summary = hr.score_summary(self.wb, self._current_id)
        parts = [f"Weighted score: {hr.format_percent(summary.percent)}", summary.progress]
        if summary.missing:
            parts.append("not scored yet: " + ", ".join(summary.missing))
        self.summary_label.setText(" · ".join(parts))
        self.summary_label.show()
        self.model.update_summary(summary)

    def _score_write(self, editor: ScoreEditor, func: Callable[..., object], *args) -> bool:
        show_message(editor.error, "")
        try:
            ok = self._write("save the score", func, *args)
        except ValidationError as exc:
            show_message(editor.error, exc.message)
            ok = None
        if not ok:
            editor.show_saved(editor.saved)
            return False
        assert self._current_id is not None
        scores = hr.scores_for(self.wb, self._current_id)
        editor.show_saved(scores.get(editor.criterion.id))
        if self._scores_shown is not None:
            self._scores_shown = (self._current_id, self._scores_shown[1], scores)
        self._show_summary()
        self.changed.emit()
        return True

    def _score_clicked(self, editor: ScoreEditor, score: int) -> None:
        if self.wb.read_only or self._current_id is None:
            return
        if editor.saved is not None and editor.saved.score == score and not editor.note_dirty():
            return
        self._score_write(
            editor,
            hr.set_score,
            self._current_id,
            editor.criterion.id,
            score,
            editor.note_edit.text(),
        )

    def _note_left(self, editor: ScoreEditor) -> None:
        if self.wb.read_only or self._current_id is None or not editor.note_dirty():
            return
        if editor.saved is None:
            show_message(editor.error, "Choose a score from 1 to 5 to save this note with it.")
            return
        self._score_write(
            editor,
            hr.set_score,
            self._current_id,
            editor.criterion.id,
            editor.saved.score,
            editor.note_edit.text(),
        )

    def _clear_clicked(self, editor: ScoreEditor) -> None:
        if self.wb.read_only or self._current_id is None or editor.saved is None:
            return
        if editor.saved.note and not dialogs.confirm(
            self,
            "Clear this score?",
            f"Clear the score for {editor.criterion.quality}? Its note goes with it, and the "
            "quality counts as not scored.",
            "Clear Score",
        ):
            return
        self._score_write(editor, hr.clear_score, self._current_id, editor.criterion.id)

    def _save_notes_pending(self) -> None:
        for editor in self.score_editors:
            if editor.saved is not None and editor.note_dirty():
                self._note_left(editor)
