"""Keyboard navigation: Ctrl+1…6 reach every screen, and Tab reaches every control on each screen
(and in the new-request dialog) and leaves multi-line fields instead of typing a tab into them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from ledger_app.ui.mainwindow import SCREENS

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QTextEdit, QAbstractSpinBox,
            QTabBar)


def controls(root: QWidget) -> list[QWidget]:
    """What a person operates on `root`: the visible, enabled controls (a combo box's own line edit,
    scroll bars and the like are parts of one control)."""
    found = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, CONTROLS) or not w.isVisibleTo(root) or not w.isEnabled():
            continue
        if isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox) or isinstance(w, QHeaderView):
            continue  # parts of one control: a combo's line edit, a table's header
        if isinstance(w, QTabBar) and w.count() < 2:
            continue
        found.append(w)
    return found


def tab_through(start: QWidget, limit: int = 400) -> list[QWidget]:
    """The widgets focus visits pressing Tab from `start` until it comes back round. A widget may
    keep focus for a few presses (a date edit steps through its sections); one that keeps it for
    ten is a trap, and fails."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    assert QApplication.focusWidget() is start, f"{start.objectName() or type(start).__name__} cannot take focus"
    seen: list[QWidget] = [start]
    stuck = 0
    for _ in range(limit):
        before = QApplication.focusWidget()
        QTest.keyClick(before, Qt.Key.Key_Tab)
        w = QApplication.focusWidget()
        if w is start:
            break
        stuck = stuck + 1 if w is before else 0
        assert stuck < 10, f"Tab is trapped in {describe(w)}"
        if w not in seen:
            seen.append(w)
    return seen


def describe(w: QWidget) -> str:
    text = getattr(w, "text", lambda: "")() if isinstance(w, QAbstractButton | QLineEdit) else ""
    return f"{type(w).__name__}({w.objectName() or text!r})"


@pytest.fixture()
def shown(window, session, small_ledger, qtbot):
    session.open(small_ledger)
    window.resize(1200, 800)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def test_ctrl_and_a_number_reach_every_screen(shown, qtbot):
    for n, name in reversed(list(enumerate(SCREENS))):
        QTest.keyClick(shown, Qt.Key(Qt.Key.Key_1 + n), Qt.KeyboardModifier.ControlModifier)
        assert shown.stack.currentWidget() is shown.pages[name], name


@pytest.mark.parametrize("name", SCREENS)
def test_tab_reaches_every_control_on_the_screen(shown, qtbot, name):
    page = shown.show_screen(name)
    visited = tab_through(shown.sidebar)
    missing = [describe(w) for w in controls(page) if w not in visited]
    assert missing == [], f"not reachable with Tab on {name}: {missing}"


def test_tab_reaches_every_field_of_the_new_request_dialog(shown, qtbot):
    takedowns = shown.show_screen("takedowns")
    dialog = takedowns.open_new_request()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("dmca"))  # shows the DMCA elements
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    for tab in range(dialog.works_tabs.count()):
        dialog.works_tabs.setCurrentIndex(tab)
        visited = tab_through(dialog.type_combo)
        missing = [describe(w) for w in controls(dialog) if w not in visited]
        assert missing == [], f"not reachable with Tab on the works tab {tab}: {missing}"
    # Tab in the article text moves on rather than typing a tab character.
    dialog.works_tabs.setCurrentWidget(dialog.text_edit)
    dialog.text_edit.setFocus()
    QTest.keyClick(dialog.text_edit, Qt.Key.Key_Tab)
    assert "\t" not in dialog.text_edit.toPlainText() and not dialog.text_edit.hasFocus()
    dialog.reject()
