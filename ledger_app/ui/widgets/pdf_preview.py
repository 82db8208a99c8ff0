"""A PDF preview: QtPdf's QPdfView where PySide6 ships it, else page 1 rendered to an image."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

try:  # PySide6_Pdf is an optional part of PySide6.
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
except ImportError:  # pragma: no cover - exercised only without QtPdf
    QPdfDocument = None  # type: ignore[assignment,misc]
    QPdfView = None  # type: ignore[assignment,misc]


class PdfPreview(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PdfPreview")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.stack.addWidget(self.placeholder)
        self.document = None
        self.view = None
        if QPdfDocument is not None:
            self.document = QPdfDocument(self)
            self.view = QPdfView(self)
            self.view.setDocument(self.document)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.stack.addWidget(self.view)
        else:
            self.image = QLabel(self)
            scroll = QScrollArea(self)
            scroll.setWidget(self.image)
            self.stack.addWidget(scroll)
        layout.addWidget(self.stack)
        self.placeholder.setText(self.tr("No certificate issued yet."))

    def load(self, path: str) -> int:
        """Show the PDF at `path`; returns its page count (0 if it could not be read)."""
        if self.document is not None:
            self.document.close()
            self.document.load(path)
            if self.document.status() != QPdfDocument.Status.Ready:
                self.placeholder.setText(self.tr("The PDF could not be read."))
                self.stack.setCurrentWidget(self.placeholder)
                return 0
            self.stack.setCurrentWidget(self.view)
            return self.document.pageCount()
        return 0  # pragma: no cover

    def page_image(self, width: int = 600):  # a QImage of page 1
        size = self.document.pagePointSize(0)
        scale = width / max(size.width(), 1)
        return self.document.render(0, QSize(width, int(size.height() * scale)))

    def clear(self, text: str) -> None:
        if self.document is not None:
            self.document.close()
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)

    def pixmap(self) -> QPixmap:
        return QPixmap.fromImage(self.page_image())
