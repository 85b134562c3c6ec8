"""Every control on every page has a name a screen reader can announce, and the keyboard
reaches every control, form rows in the order they are read."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFormLayout,
    QTabBar,
    QTabWidget,
    QWidget,
)

from cscoach.model import demo
from cscoach.model.workbook import Workbook
from cscoach.ui.accessible import first_control, is_control, label_form_fields, plain
from cscoach.ui.pages.registry import PAGES


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "demo.cscoach"
    demo.create_demo(path)
    wb = Workbook.open(path)
    yield wb
    wb.close()


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def visible_controls(root: QWidget) -> list[QWidget]:
    """The controls on screen under ``root``, without the parts Qt builds inside a spin box,
    a combo box or a tab bar (they are announced with their owner)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not is_control(widget) or not widget.isVisible():
            continue
        if isinstance(widget.parent(), (QAbstractSpinBox, QComboBox, QTabBar)):
            continue
        found.append(widget)
    return found


def every_view(window, qtbot):
    """Show each page and each of its tabs in turn: yields (where, page)."""
    for spec in PAGES:
        window.show_page(spec.key)
        page = window.current_page()
        QApplication.processEvents()
        yield spec.key, page
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                QApplication.processEvents()
                yield f"{spec.key} / {tabs.tabText(index)}", page


def test_every_control_on_every_page_has_an_accessible_name(qtbot, main_window) -> None:
    missing = set()
    checked = 0
    for where, page in every_view(main_window, qtbot):
        for control in visible_controls(page):
            checked += 1
            if not accessible_name(control):
                missing.add(f"{where}: {type(control).__name__} {control.objectName()!r}")
    for control in visible_controls(main_window):
        if not accessible_name(control):
            missing.add(f"window: {type(control).__name__} {control.objectName()!r}")
    assert checked > 100
    assert not missing, "\n".join(sorted(missing))


def test_the_keyboard_reaches_every_control_and_form_rows_in_reading_order(
    qtbot, main_window
) -> None:
    for where, page in every_view(main_window, qtbot):
        chain = []
        widget = page.nextInFocusChain()
        while widget is not page and len(chain) < 5000:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        position = {id(w): n for n, w in enumerate(chain)}
        for control in visible_controls(page):
            assert id(control) in position, f"{where}: Tab never reaches {control.objectName()!r}"
        for form in page.findChildren(QFormLayout):
            rows = [
                form.itemAt(row, QFormLayout.ItemRole.FieldRole) for row in range(form.rowCount())
            ]
            controls = [first_control(item) for item in rows if item is not None]
            order = [position[id(c)] for c in controls if c is not None and c.isVisible()]
            assert order == sorted(order), f"{where}: Tab jumps around a form"


def test_a_form_label_names_its_control_and_moves_the_focus_to_it(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    form = QFormLayout(root)
    edit = QLineEdit()
    box = QWidget()
    QVBoxLayout(box).addWidget(edit)
    form.addRow("&Business name:", box)
    label_form_fields(root)
    assert edit.accessibleName() == "Business name"
    assert form.labelForField(box).buddy() is edit
    assert plain("Save && &close") == "Save & close"
