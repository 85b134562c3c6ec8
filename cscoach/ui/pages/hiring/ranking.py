"""The Ranking tab of the Hiring page: the candidates for a role, best weighted score first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from cscoach.model import hiring as hr
from cscoach.model.hiring import Ranked
from cscoach.model.workbook import Workbook
from cscoach.ui.record_table import Column, ColumnFitter, RecordTableModel
from cscoach.ui.widgets import plain_label, record_table

RANK, NAME, ROLE, STATUS, SCORE, SCORED, MISSING = range(7)  # the columns of the ranking
COLUMNS: list[Column[Ranked]] = [
    Column("Rank", lambda r: "—" if r.rank is None else str(r.rank), right=True),
    Column("Name", lambda r: r.candidate.name, tip=lambda r: r.candidate.name),
    Column("Role", lambda r: r.candidate.role or "—", tip=lambda r: r.candidate.role or "—"),
    Column("Status", lambda r: r.candidate.status_label),
    Column(
        "Weighted score",
        lambda r: hr.format_percent(r.summary.percent, 1),  # a decimal: close scores differ
        right=True,
        bold=lambda r: r.rank == 1,
    ),
    Column("Scored", lambda r: r.summary.progress),
    Column(
        "Not scored yet",
        lambda r: ", ".join(r.summary.missing) or "—",
        tip=lambda r: (
            "Not scored yet: " + ", ".join(r.summary.missing) if r.summary.missing else None
        ),
    ),
]


def ranking_table_model(parent: QWidget | None = None) -> RecordTableModel[Ranked]:
    """Ranked candidates as rows; those with nothing scored (no rank) are greyed."""
    return RecordTableModel(
        COLUMNS, key=lambda r: r.candidate.id, muted=lambda r: r.rank is None, parent=parent
    )


class RankingPanel(QWidget):
    """Candidates for a role, best weighted score first."""

    open_candidate = Signal(int)

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wb = wb
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("rankingRoleCombo")
        self.role_combo.currentIndexChanged.connect(lambda _i: self._show())
        self.summaries: list[hr.ScoreSummary] = []
        self.model = ranking_table_model(self)
        self.table = record_table(self.model, "rankingTable")
        self.table.setAccessibleName("Candidates ranked by weighted score")
        self.fitter = ColumnFitter(self.table, self.model.row_texts, MISSING)
        self.table.doubleClicked.connect(self._open)
        self.empty_label = plain_label(object_name="rankingEmpty", role="hint")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.table)
        hint = plain_label(
            "Ranked by weighted score over the qualities scored. A quality not scored yet is "
            "left out, not counted as zero — check “Not scored yet” before you decide. "
            "Double-click a candidate to open them.",
            role="hint",
        )
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(plain_label("Role:"))
        top.addWidget(self.role_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.stack, 1)

    def reload(self, summaries: list[hr.ScoreSummary] | None = None) -> None:
        """Read the candidates again (``summaries``: already read by the page)."""
        self.summaries = hr.list_summaries(self.wb) if summaries is None else summaries
        roles = [None, *hr.list_roles(self.wb)]
        if roles != [self.role_combo.itemData(n) for n in range(self.role_combo.count())]:
            chosen = self.role_combo.currentData()
            self.role_combo.blockSignals(True)
            self.role_combo.clear()
            for role in roles:
                self.role_combo.addItem("All roles" if role is None else role, role)
            index = self.role_combo.findData(chosen) if chosen is not None else 0
            self.role_combo.setCurrentIndex(max(0, index))
            self.role_combo.blockSignals(False)
        self._show()

    def _show(self) -> None:
        ranked = hr.rank(hr.for_role(self.summaries, self.role_combo.currentData()))
        if ranked != self.model.records():  # the same rows keep their selection
            self.model.set_records(ranked)  # the columns are fitted again
        if ranked:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty_label.setText(
                "No candidates to rank yet. Add candidates on the Candidates tab and score "
                "them; they are ranked here by weighted score."
            )
            self.stack.setCurrentWidget(self.empty_label)

    def _open(self, index: QModelIndex) -> None:
        ranked = self.model.record_at(index.row()) if index.isValid() else None
        if ranked is not None:
            self.open_candidate.emit(ranked.candidate.id)
