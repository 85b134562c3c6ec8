"""The Candidates tab of the Hiring page: the people interviewed beside their details and
their scoring grid.

Selecting a candidate loads them into the form. Every edit is saved as it is made (a pause
in typing, Enter, leaving a field, a status chosen) and before another candidate, tab or
page is shown, with the notes typed beside their scores; a new candidate is added as soon
as the form holds a name the model accepts, and can then be scored."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QWidget,
)

from cscoach.model import hiring as hr
from cscoach.model.hiring import Candidate, ScoreSummary
from cscoach.model.workbook import Workbook
from cscoach.ui import autosave, dialogs
from cscoach.ui.accessible import label_form_fields
from cscoach.ui.list_panel import AddingList, ListTexts, list_form_splitter
from cscoach.ui.pages.hiring.candidate_scores import ScoreEditor, ScoreGrid
from cscoach.ui.record_editor import READ_ONLY_TIP, RecordEditor, run_write
from cscoach.ui.record_fields import Field, form_layout, with_error
from cscoach.ui.record_table import Column, ColumnFitter, RecordTableModel
from cscoach.ui.widgets import (
    STRETCH,
    GrowingText,
    action_button,
    delete_action,
    error_label,
    hbox,
    line_edit,
    plain_label,
    record_table,
    scroll_area,
    shortcut_action,
    show_message,
    vbox,
)

EMPTY_TEXT = (
    "No candidates yet — add the people you interview, then score them on the qualities you "
    "hire for. Print a blank scorecard to take into the interview."
)
TEXTS = ListTexts(EMPTY_TEXT, "Add the First Candidate", "Add Candidate")
NAME_CHARACTERS = 16  # a candidate's name keeps this many average characters on a small screen


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
        "they are replaced. Edit › Undo brings them back."
    )


def _scored_tip(s: ScoreSummary) -> str | None:
    if s.missing:
        return "Not scored yet: " + ", ".join(s.missing)
    return "Every criterion is scored." if s.scored else None


NAME, ROLE, STATUS, DATE, SCORE, SCORED = range(6)  # the columns of the candidates table
COLUMNS: list[Column[ScoreSummary]] = [
    Column("Name", lambda s: s.candidate.name, tip=lambda s: s.candidate.name),
    Column("Role", lambda s: s.candidate.role or "—", tip=lambda s: s.candidate.role or "—"),
    Column("Status", lambda s: s.candidate.status_label),
    Column("Interview", lambda s: s.candidate.interview_date or "—"),
    Column(
        "Score",
        lambda s: hr.format_percent(s.percent),
        tip=_scored_tip,
        muted=lambda s: s.percent is None,
        right=True,
    ),
    Column("Scored", lambda s: f"{s.scored} of {s.counted}", tip=_scored_tip, right=True),
]


def candidate_table_model(parent: QWidget | None = None) -> RecordTableModel[ScoreSummary]:
    """Candidates by name with their weighted score and how much of it is scored; those
    not hired are greyed."""
    return RecordTableModel(
        COLUMNS,
        key=lambda s: s.candidate.id,
        muted=lambda s: s.candidate.status == "not hired",
        parent=parent,
    )


def values_of(summary: ScoreSummary | None) -> dict[str, Any]:
    if summary is None:
        return {"name": "", "role": "", "interview_date": "", "status": "interviewing", "notes": ""}
    c = summary.candidate
    return {
        "name": c.name,
        "role": c.role,
        "interview_date": c.interview_date or "",
        "status": c.status,
        "notes": c.notes,
    }


class CandidatesPanel(QWidget):
    """Candidates beside their details and scoring grid. ``selection_changed``: another
    candidate (or none) is in the form, or the one in the form was just listed."""

    changed = Signal()
    selection_changed = Signal()

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self._given: list[ScoreSummary] | None = None  # summaries the page already read
        self.model = candidate_table_model(self)
        self._build_list()
        self._build_detail()
        self.splitter = list_form_splitter(
            # the scoring gets the room: a list of names needs less than notes do
            self,
            "candidatesSplitter",
            self.list_panel,
            self.detail_scroll,
            (86, 86),
            stretch=(1, 2),
        )
        vbox(self.splitter, parent=self, margins=(0, 8, 0, 0))

        self.editor = RecordEditor(
            self,
            table=self.table,
            model=self.model,
            fields=[
                Field.line("name", self.name_edit, self.errors["name"]),
                Field.line("role", self.role_edit, self.errors["role"]),
                Field.line("interview_date", self.date_edit, self.errors["interview_date"]),
                Field.choice("status", self.status_combo, self.errors["status"]),
                Field.text("notes", self.notes_edit, self.errors["notes"]),
            ],
            read=self._read,
            values_of=values_of,
            save=self._save,
            title_of=lambda v: str(v["name"]).strip(),
            refused_new=lambda name, why: (
                f"{name or 'The new candidate'} could not be added: {why}"
            ),
            status=self.status,
            form_error=self.form_error,
            before_save=self.scores.save_notes,
        )
        self.editor.saved.connect(self._on_saved)
        self.editor.loaded.connect(self._on_loaded)
        self.editor.listed.connect(self._on_listed)
        self.scores.scored.connect(self._on_scored)
        self._build_actions()
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
            NAME,
            least=NAME_CHARACTERS,
            most=78,  # with the form at its narrowest, in a window 1024 pixels wide
            squeeze=(ROLE,),
        )

        self.list_panel = AddingList(self.table, "candidate", TEXTS, self.start_new)

    def _build_actions(self) -> None:
        self.new_action = shortcut_action(self, "Add Candidate", Qt.Key.Key_Insert, self.start_new)
        self.delete_action = delete_action(self.table, "Delete Candidate…", self.delete_candidate)

    def _build_detail(self) -> None:
        self.detail = QFrame()
        self.detail.setObjectName("detailPanel")
        self.form_title = plain_label(object_name="formTitle", wrap=True)
        self.name_edit = line_edit("candidateNameEdit", "Full name")
        self.role_edit = line_edit("candidateRoleEdit", "for example: Barista")
        self.role_completer = QCompleter([], self.role_edit)
        self.role_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.role_edit.setCompleter(self.role_completer)
        self.date_edit = line_edit("interviewDateEdit", "YYYY-MM-DD, or leave empty")
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusCombo")
        for key in hr.STATUSES:
            self.status_combo.addItem(hr.STATUS_LABELS[key], key)
        # two lines, growing as it is typed: the scores below keep their room
        self.notes_edit = GrowingText(
            "candidateNotesEdit", "Anything to remember about this candidate", least=2, most=8
        )
        self.errors = {
            key: error_label(f"{key}Error")
            for key in ("name", "role", "interview_date", "status", "notes")
        }
        self.form_error = error_label("candidateFormError")

        form = form_layout(
            ("&Name", with_error(self.name_edit, self.errors["name"])),
            ("&Role applied for", with_error(self.role_edit, self.errors["role"])),
            ("&Interview date", with_error(self.date_edit, self.errors["interview_date"])),
            ("S&tatus", with_error(self.status_combo, self.errors["status"])),
            ("N&otes", with_error(self.notes_edit, self.errors["notes"])),
        )

        self.status = autosave.status_label("candidateStatus", "Changes are saved as you type them")
        self.delete_button = action_button(
            "Delete…",
            "deleteCandidateButton",
            self.delete_candidate,
            "Delete this candidate with all their scores and notes",
        )
        self.feedback_label = plain_label(
            object_name="candidateFeedback", role="feedback", wrap=True
        )
        self.feedback_label.hide()  # shown with something to say
        self.scores = ScoreGrid(self.wb)
        # the name with Save's status and Delete… beside it, not on a row of their own:
        # on a laptop the scoring below gets the height
        self.detail_layout = vbox(
            hbox((self.form_title, 1), self.status, self.delete_button, spacing=8),
            form,
            self.form_error,
            self.feedback_label,
            6,
            self.scores,
            STRETCH,
            parent=self.detail,
            margins=(18, 14, 18, 14),
            spacing=10,
        )

        self.detail_scroll = scroll_area(  # at its narrowest form
            self.detail, object_name="candidateDetailScroll", least=47, sideways=True
        )
        # the scores lay out for the width the form is given (buttons beside or under)
        self.detail_scroll.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        viewport = self.detail_scroll.viewport()
        if watched is viewport and event.type() == QEvent.Type.Resize:
            margins = self.detail_layout.contentsMargins()
            self.scores.set_room(viewport.width() - margins.left() - margins.right())
        return super().eventFilter(watched, event)

    def _apply_read_only(self) -> None:
        self.list_panel.set_read_only(READ_ONLY_TIP)
        self.delete_button.setEnabled(False)
        self.delete_button.setToolTip(READ_ONLY_TIP)
        self.editor.set_read_only(READ_ONLY_TIP)
        self.new_action.setEnabled(False)
        self.delete_action.setEnabled(False)

    # -- reading ---------------------------------------------------------------

    def reload(self, summaries: list[ScoreSummary] | None = None) -> None:
        """Read the candidates again (``summaries``: already read by the page), the form
        (unless it holds a change not saved yet) and the scoring grid if it changed."""
        self._given = summaries
        self.editor.reload()
        self._given = None
        self.scores.show_candidate(self.editor.current_id)
        self._list_roles()

    def _read(self) -> list[ScoreSummary]:
        return self._given if self._given is not None else hr.list_summaries(self.wb)

    def _list_roles(self) -> None:
        self.role_completer.model().setStringList(hr.list_roles(self.wb))  # type: ignore[attr-defined]

    def _on_listed(self) -> None:
        summaries = self.model.records()
        active = sum(1 for s in summaries if s.candidate.status in hr.IN_PROGRESS)
        count = f"{len(summaries)} candidate{'s' if len(summaries) != 1 else ''}"
        self.list_panel.show_count(f"{count} · {active} in progress", len(summaries))
        self.selection_changed.emit()  # a candidate just added can now be printed

    def current_candidate(self) -> Candidate | None:
        """The candidate in the form; None while the form is for someone new."""
        summary = self.editor.current()
        return summary.candidate if summary is not None else None

    def select_candidate(self, candidate_id: int) -> bool:
        """Show ``candidate_id`` in the form (the edit in progress saved first). False
        when they are not shown (not listed, or the edit was refused)."""
        row = self.model.row_of(candidate_id)
        if row is None:
            return False
        self.editor.select_row(row)
        return self.editor.current_id == candidate_id

    # -- the form --------------------------------------------------------------

    def _on_loaded(self) -> None:
        candidate = self.current_candidate()
        self.form_title.setText(candidate.name if candidate is not None else "New candidate")
        self.scores.show_candidate(self.editor.current_id)
        show_message(self.feedback_label, "")
        self.delete_button.setVisible(self.editor.current_id is not None)
        self.selection_changed.emit()

    def start_new(self, *, focus: bool = True, settle: bool = True) -> None:
        """An empty form for a new candidate (Add Candidate, Insert): they are added as
        soon as the form holds a name."""
        self.editor.start_new(focus=focus, settle=settle)

    # -- writing ---------------------------------------------------------------

    def _save(self, candidate_id: int | None, v: dict[str, Any]) -> int:
        data = hr.CandidateInput(v["name"], v["role"], v["interview_date"], v["status"], v["notes"])
        if candidate_id is None:
            return hr.add_candidate(self.wb, data)
        hr.update_candidate(self.wb, candidate_id, data)
        return candidate_id

    def _on_saved(self, added: bool) -> None:
        name = str(self.editor.loaded_values["name"]).strip()
        self.form_title.setText(name)
        if added:
            self.scores.show_candidate(self.editor.current_id)  # ready to score them
            self.delete_button.setVisible(True)
            self.selection_changed.emit()
            show_message(
                self.feedback_label,
                f"{name} was added; changes are saved as you type. Score them below as you "
                "interview.",
            )
        self._list_roles()
        self.changed.emit()

    def _on_scored(self, summary: ScoreSummary) -> None:
        self.model.replace_record(summary)
        self.changed.emit()

    def editor_for(self, quality: str) -> ScoreEditor:
        return self.scores.editor_for(quality)

    def flush(self) -> bool:
        """Save the form and the notes beside the scores now; False when refused."""
        return self.editor.flush()

    def save_candidate(self) -> bool:
        """Save the form now (Enter; otherwise done as the owner types)."""
        return self.editor.flush()

    def save_pending(self) -> str | None:
        return self.editor.save_pending()

    def delete_candidate(self) -> None:
        """Delete the candidate in the form, with every score and note, after asking."""
        if self.wb.read_only or self.editor.current_id is None:
            return
        self.editor.flush()  # a cancelled delete keeps what was typed
        candidate = hr.get_candidate(self.wb, self.editor.current_id)
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
        if not run_write(self, "delete this candidate", hr.delete_candidate, self.wb, candidate.id):
            return
        self.editor.show_neighbour(row)
        show_message(self.feedback_label, f"{candidate.name} and all their scores were deleted.")
        self.changed.emit()
