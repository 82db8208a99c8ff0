"""Corpora & items, Takedowns and Rights check: pages that will be filled when their services land.

Each says plainly what the screen will do and why it is empty now; none shows invented data.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ledger_app.ui import metrics
from ledger_app.ui.pages import empty_state_label, title_label


def _scaffold(page: QWidget):  # noqa: ANN202
    layout = QVBoxLayout(page)
    layout.setContentsMargins(metrics.MARGIN, metrics.MARGIN, metrics.MARGIN, metrics.MARGIN)
    title = title_label(page)
    layout.addWidget(title)
    text = empty_state_label(page)
    text.setObjectName("EmptyState")
    layout.addWidget(text)
    layout.addStretch(1)
    return title, text


class CorporaPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CorporaPage")
        self.title, self.empty = _scaffold(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Corpora & items"))
        self.empty.setText(
            self.tr(
                "No corpora yet. This screen will register a corpus (a folder, WebDataset tar shards, JSONL or "
                "Parquet), ingest it with progress and cancel, and list every item with its status, Content "
                "Credentials, training permissions and ledger entry. It opens when the ingest service is available."
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class TakedownsPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TakedownsPage")
        self.title, self.empty = _scaffold(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Takedowns"))
        self.empty.setText(
            self.tr(
                "No takedown requests yet. This screen will hold the queue of requests with their due dates, "
                "a form for new requests that checks the elements a DMCA notice needs, locating copies, the "
                "review of each match side by side, the purge, and the signed removal certificate. It opens "
                "when the takedown service is available."
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class RightsPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RightsPage")
        self.title, self.empty = _scaffold(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Rights check"))
        self.empty.setText(
            self.tr(
                "Nothing to check yet. Here a rights holder's files, hashes or URLs will be checked against every "
                "corpus, with an answer per work (included, quarantined, purged on a date, or not found) and a "
                "signed report to export. It opens when the inclusion-check service is available."
            )
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
