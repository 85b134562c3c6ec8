"""TabGuard: leaving a tab saves its form; a refused change keeps its tab shown."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from cscoach.ui.tabs import TabGuard


def test_a_refused_save_keeps_the_tab_and_put_back_shows_one(qtbot) -> None:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    form, other, third = QWidget(), QWidget(), QWidget()
    for page, name in ((form, "Form"), (other, "Other"), (third, "Third")):
        tabs.addTab(page, name)
    saves: list[str] = []
    refuse = True

    def save() -> bool:
        saves.append("form")
        return not refuse

    reached: list[int] = []
    guard = TabGuard(tabs, {form: save}, shown=reached.append)
    tabs.setCurrentIndex(1)
    assert tabs.currentIndex() == 0 and guard.index == 0  # refused: the form's tab stays
    assert saves == ["form"] and reached == []
    refuse = False
    tabs.setCurrentIndex(1)
    assert tabs.currentIndex() == 1 and reached == [1]
    tabs.setCurrentIndex(2)  # a tab without a form is left freely
    assert saves == ["form", "form"] and reached == [1, 2]
    guard.put_back(form)  # what save_pending does: no save, no ``shown``
    assert tabs.currentIndex() == 0 and guard.index == 0
    assert saves == ["form", "form"] and reached == [1, 2]
