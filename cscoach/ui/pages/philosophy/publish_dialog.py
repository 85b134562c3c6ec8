"""Publish: what the draft changes since the last published version, a note, and Publish."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from cscoach.model import philosophy as ph
from cscoach.model.workbook import Workbook
from cscoach.ui import dialogs
from cscoach.ui.pages.philosophy.versions import changes_html, content_html
from cscoach.ui.widgets import HtmlView, line_edit, plain_label, text_width, vbox


class PublishDialog(QDialog):
    """Shows what publishing would make the next version say (the changes since the last
    version, or the whole draft for the first), with a note to keep with it."""

    def __init__(self, wb: Workbook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Publish the philosophy")
        versions = ph.list_versions(wb)
        draft = ph.draft_content(wb)
        number = (versions[0].number + 1) if versions else 1
        heading = plain_label(f"Publish version {number}", object_name="dialogHeading")
        intro = plain_label(
            "The draft becomes a numbered, dated version that never changes. "
            + (
                f"What changes since version {versions[0].number}:"
                if versions
                else "This is the first version: all of it is below."
            ),
            role="hint",
            wrap=True,
        )
        self.changes = HtmlView()
        self.changes.setObjectName("publishChanges")
        if versions:
            before = ph.version_content(wb, versions[0].number)
            self.changes.setHtml(changes_html(ph.compare(before, draft)))
        else:
            self.changes.setHtml(content_html(draft))
        self.note_edit = line_edit("publishNote", "A note, if you like: after the March meeting")
        self.note_edit.setAccessibleName("Note kept with the version")
        buttons, self.publish_button = dialogs.ok_cancel(self, "Publish", "publishButton")
        vbox(
            heading,
            intro,
            (self.changes, 1),
            plain_label("Note", role="hint"),
            self.note_edit,
            buttons,
            parent=self,
            margins=(20, 16, 20, 14),
            spacing=8,
        )
        self.resize(text_width(self, 90), text_width(self, 60))

    @property
    def note(self) -> str:
        return self.note_edit.text()


def ask_publish(wb: Workbook, parent: QWidget | None) -> str | None:
    """The note to publish with, or None when the owner chose not to publish."""
    dialog = PublishDialog(wb, parent)
    return dialog.note if dialog.exec() == QDialog.DialogCode.Accepted else None
