"""First start: the workspace folder is created, and the demo workspace is offered.

The demo is built by `ledger_app.services.build_demo(dir, progress, cancelled)`. When this
version of the services does not provide it, the dialog says the demo is not available; nothing
is faked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

DemoBuilder = Callable[[Path, Callable[[int, int], None], Callable[[], bool]], object]


def demo_builder() -> DemoBuilder | None:
    """`services.build_demo` if this version has it, else None."""
    try:
        from ledger_app import services
    except ImportError:
        return None
    builder = getattr(services, "build_demo", None)
    return builder if callable(builder) else None


class FirstRunDialog(QDialog):
    """Accepted: build the demo. Rejected: start with the empty workspace."""

    def __init__(self, workspace: Path, demo_available: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("FirstRunDialog")
        self.demo_available = demo_available
        self.setWindowTitle(self.tr("Welcome to Provenance Ledger"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Your workspace has been created at {path}.").format(path=workspace), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.offer = QLabel(self)
        self.offer.setObjectName("DemoOffer")
        self.offer.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.empty_button = QPushButton(self.tr("Start with an empty workspace"), self)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.demo_button: QPushButton | None = None
        if demo_available:
            self.offer.setText(
                self.tr(
                    "Would you like to build a demo workspace with sample corpora, takedowns and certificates, "
                    "so that every screen has something to show? It takes about a minute."
                )
            )
            self.demo_button = QPushButton(self.tr("Build and open the demo"), self)
            self.demo_button.setDefault(True)
            buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.AcceptRole)
        else:
            self.offer.setText(
                self.tr("The demo workspace is not available in this version yet, so the workspace starts empty.")
            )
        layout.addWidget(self.offer)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
