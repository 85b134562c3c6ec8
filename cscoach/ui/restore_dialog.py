"""File ▸ Restore from Backup…: the backups of the open workbook, newest first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cscoach.model import backups


def human_size(size: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"


class RestoreDialog(QDialog):
    """Pick one backup; ``chosen`` holds its path once accepted."""

    def __init__(self, workbook: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from Backup")
        self.chosen: Path | None = None
        self.items = backups.list_backups(workbook)
        intro = QLabel(
            f"CS Coach keeps the newest {backups.KEEP} copies of this workbook in "
            f"{backups.backup_dir(workbook)}. Restoring replaces everything in the workbook "
            "with the copy you choose; the workbook as it is now is saved as a backup first, "
            "so you can go back."
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setObjectName("backupList")
        self.tree.setHeaderLabels(["Made", "Size", "Why"])
        self.tree.setRootIsDecorated(False)
        for backup in self.items:
            item = QTreeWidgetItem(
                [
                    backup.made_at.strftime("%d %B %Y, %H:%M").lstrip("0"),
                    human_size(backup.size),
                    backups.describe_kind(backup.kind),
                ]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, str(backup.path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(item)
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.restore_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.restore_button.setText("Restore…")
        self.restore_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.tree.currentItemChanged.connect(
            lambda current, _old: self.restore_button.setEnabled(current is not None)
        )
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.accept())
        empty = QLabel("There are no backups of this workbook yet.")
        empty.setVisible(not self.items)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(empty)
        layout.addWidget(self.buttons)
        self.resize(620, 380)

    def accept(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        self.chosen = Path(item.data(0, Qt.ItemDataRole.UserRole))
        super().accept()
