"""The frame every form dialog of the app shares, built one way.

A form dialog gathers what a service needs and nothing more: `FormDialog` gives it its title and
object name, the sentence that says what the dialog is for, a place for the subclass's form, the
service's refusal (red, object name "Failure") and what was recorded, and its buttons (Ok/Cancel
with the Ok button named for what it does, or Close). The page runs the service in a task and
calls `refused` or `recorded` with the sentence to show. An empty sentence is hidden, so an empty
"Failure" label never draws an empty frame.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from ledger_app.ui.widgets.labels import intro_label, say, status_label


class FormDialog(QDialog):
    """Title, intro sentence, the subclass's form, the outcome sentences, and the buttons."""

    def __init__(self, parent: QWidget | None, name: str, title: str, intro: str | None = None, *,
                 size: tuple[int, int] | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        if size is not None:
            self.resize(*size)
        self.body = QVBoxLayout(self)
        if intro is not None:
            self.intro = intro_label(self, intro)
            self.body.addWidget(self.intro)
        self.problem: QLabel | None = None
        self._outcome: QLabel | None = None

    def add_outcome(self, result_name: str | None = None) -> None:
        """The refusal ("Failure") and, with `result_name`, the sentence saying what was recorded."""
        self.problem = status_label(self, "Failure", hidden=True)
        self.body.addWidget(self.problem)
        if result_name is not None:
            # Named `result` as the pages and tests know it (these dialogs are opened, never exec()'d,
            # so QDialog.result() is not needed).
            self._outcome = self.result = status_label(self, result_name, hidden=True)
            self.body.addWidget(self._outcome)

    def add_ok_cancel(self, ok_text: str | None = None, *, accept_on_ok: bool = True) -> QPushButton:
        """Ok (named `ok_text`, if given) and Cancel; Ok accepts unless the page decides (`accept_on_ok`)."""
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok_text is not None:
            self.ok_button.setText(ok_text)
        if accept_on_ok:
            self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.body.addWidget(self.buttons)
        return self.ok_button

    def add_close(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        self.body.addWidget(self.buttons)
        return self.buttons

    def refused(self, reason: str) -> None:
        """The service refused: its sentence, in place of what was recorded before."""
        if self._outcome is not None:
            say(self._outcome, "")
        if self.problem is not None:
            say(self.problem, reason)

    def recorded(self, text: str) -> None:
        if self.problem is not None:
            say(self.problem, "")
        if self._outcome is not None:
            say(self._outcome, text)
