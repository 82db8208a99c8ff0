"""The mouse wheel scrolls a page of fields instead of changing the one under the pointer."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QScrollArea, QWidget


class WheelGuard(QObject):
    """Scrolling the page must not change a value: the wheel over a spin box or a combo box that
    does not have the keyboard focus scrolls the page instead (the event goes to the parent), and
    such a field takes the focus only from a click or Tab, never from the wheel."""

    def __init__(self, scroll: QScrollArea, parent: QObject | None = None):
        super().__init__(parent)
        self.scroll = scroll

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Wheel and isinstance(obj, QWidget) and not obj.hasFocus():
            from PySide6.QtWidgets import QApplication

            QApplication.sendEvent(self.scroll.viewport(), event)  # the page scrolls
            return True  # and the field never sees it
        return False
