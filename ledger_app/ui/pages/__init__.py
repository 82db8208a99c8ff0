"""One module (or package) per main screen, each a `Page`: it re-reads its strings in `retranslate()`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ledger_app.ui import metrics

if TYPE_CHECKING:
    from ledger_app.ui.prefs import Preferences
    from ledger_app.ui.session import Session


def title_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("PageTitle")
    return label


def empty_state_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("EmptyState")
    label.setWordWrap(True)
    return label


class Page(QWidget):
    """A main screen: its object name, the session and preferences it works on, the margins and
    title every screen has (`outer` is the layout below the title), and `retranslate()` called
    again whenever the interface's language changes."""

    def __init__(self, session: Session, prefs: Preferences, name: str, parent: QWidget | None = None, *,
                 spacing: bool = True):
        super().__init__(parent)
        self.setObjectName(name)
        self.session = session
        self.prefs = prefs
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(metrics.MARGIN, metrics.MARGIN, metrics.MARGIN, metrics.MARGIN)
        if spacing:
            self.outer.setSpacing(metrics.SPACING)
        self.title = title_label(self)
        self.outer.addWidget(self.title)

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
