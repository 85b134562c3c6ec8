"""Accessible names for the controls of a form, taken from the labels the owner sees.

A screen reader announces a control by its accessible name. Qt finds it from a label whose
buddy is the control, but our forms put each control in a small box with its error message
under it, so the label's buddy would be the box. ``label_form_fields`` makes each label the
buddy of the control itself (which also makes its Alt+letter mnemonic move the focus there)
and gives the control the label's text as its name. Pages and dialogs call it once, after
their forms are built; controls outside forms get their names where they are made.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTextEdit,
    QWidget,
)

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTextEdit,
)


def label_form_fields(root: QWidget) -> None:
    """Every labelled row of every QFormLayout under ``root``: the label becomes the buddy
    of the row's first control, and names it unless it already has a name."""
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = label_item.widget() if label_item is not None else None
            if not isinstance(label, QLabel) or field_item is None:
                continue
            text = plain(label.text())
            control = first_control(field_item)
            if control is None or not text:
                continue
            label.setBuddy(control)
            if not control.accessibleName():
                control.setAccessibleName(text)


def first_control(item: QLayoutItem | QWidget) -> QWidget | None:
    """The first control that takes the keyboard focus in a layout item or widget."""
    if isinstance(item, QWidget):
        widget = item
    else:
        inner = item.widget()
        if inner is None:
            layout = item.layout()
            return _first_in_layout(layout) if layout is not None else None
        widget = inner
    if is_control(widget):
        return widget
    for child in widget.findChildren(QWidget):
        if is_control(child):
            return child
    return None


def _first_in_layout(layout: QLayout) -> QWidget | None:
    for index in range(layout.count()):
        item = layout.itemAt(index)
        found = first_control(item) if item is not None else None
        if found is not None:
            return found
    return None


def is_control(widget: QWidget) -> bool:
    """A widget the owner works with from the keyboard (not a label or a container)."""
    return isinstance(widget, CONTROLS) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus


def plain(text: str) -> str:
    """A label's text as it is read out: without the mnemonic '&' and a trailing colon."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":")
