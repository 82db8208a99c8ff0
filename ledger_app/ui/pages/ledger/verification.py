"""The Ledger page's verification: the whole ledger recomputed in the background (progress, cancel,
the result remembered for the dashboard), and a removal certificate or inclusion report dropped on
the screen, verified offline against this ledger's key."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent

from ledger_app.core.errors import VerificationError
from ledger_app.core.messages import Said
from ledger_app.ui.errors import error_text, said_message
from ledger_app.ui.messages import QT_TRANSLATE_NOOP, Message, message
from ledger_app.ui.prefs import VerificationRecord


class LedgerVerification:
    """A part of LedgerPage (page.py), which holds the state these methods share."""

    def start_verify(self) -> None:
        ledger = self.session.ledger
        if ledger is None or self.verify_task is not None:
            return
        self.verify_button.setEnabled(False)
        self._set_result(message("LedgerPage", QT_TRANSLATE_NOOP("LedgerPage", "Verifying…")), failed=False)
        self.verify_task = self.session.runner.run(
            "verify",
            lambda progress, cancelled: ledger.verify(progress, cancelled),
            on_success=self._verify_ok,
            on_error=self._verify_failed,
            on_cancelled=self._verify_cancelled,
            error_parent=self,
        )
        self.task_strip.start(self.verify_task)  # busy until the first report, then "n of m entries"
        self.verify_task.finished.connect(self._verify_done)

    def cancel_verify(self) -> None:
        self.task_strip.cancel()

    def _verify_ok(self, report) -> None:  # a VerifyReport
        self.last_verify_ok = True
        self.task_strip.complete(report.entries)
        msg = message("LedgerPage", QT_TRANSLATE_NOOP(
            "LedgerPage", "The ledger is intact: {entries} entries and {checkpoints} signed checkpoints verified."),
            entries=f"{report.entries:,}", checkpoints=f"{report.checkpoints:,}")
        self._set_result(msg, failed=False)
        self.prefs.set_last_verification(
            self.session.workspace_id, VerificationRecord.now(True, report.entries, msg.text(), message_id=msg.to_json())
        )

    def _verify_failed(self, exc: BaseException, report: str) -> None:
        if not isinstance(exc, VerificationError):
            from ledger_app.ui.errors import show_error

            self._set_result(message("LedgerPage", QT_TRANSLATE_NOOP("LedgerPage", "Verification could not run.")),
                             failed=True)
            show_error(self, exc, report)
            return
        self.last_verify_ok = False
        said = getattr(exc, "said", None)  # the verifier's sentence as a message (core/messages.py failed)
        msg = message("LedgerPage", QT_TRANSLATE_NOOP("LedgerPage", "Verification failed: {reason}"),
                      reason=said_message(said) if isinstance(said, Said) else str(exc))
        self._set_result(msg, failed=True)
        self.prefs.set_last_verification(
            self.session.workspace_id,
            VerificationRecord.now(False, self.model.rowCount(), msg.text(), exc.index, message_id=msg.to_json()),
        )
        if exc.index is not None:
            self.select_entry(exc.index)

    def _verify_cancelled(self) -> None:
        self._set_result(message("LedgerPage", QT_TRANSLATE_NOOP("LedgerPage",
                                                                 "Verification cancelled; nothing was recorded.")),
                         failed=False)
        self.task_strip.reset()

    def _verify_done(self) -> None:
        self.verify_task = None
        self.verify_button.setEnabled(True)

    def _set_result(self, text: str | Message, failed: bool) -> None:
        """The verification result; a Message is kept and said again in the new language on a switch."""
        self.result_message = text if isinstance(text, Message) else None
        text = text.text() if isinstance(text, Message) else text
        self.verify_result.setObjectName("Failure" if failed else "VerifyResult")
        self.verify_result.style().unpolish(self.verify_result)
        self.verify_result.style().polish(self.verify_result)
        self.verify_result.setText(text)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() and u.toLocalFile().lower().endswith(".json") for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        for u in event.mimeData().urls():
            if u.isLocalFile() and u.toLocalFile().lower().endswith(".json"):
                self.verify_certificate_file(Path(u.toLocalFile()))
                event.acceptProposedAction()
                return
        event.ignore()

    def verify_certificate_file(self, path: Path) -> bool:
        """Verify a removal certificate or inclusion report offline against this ledger's key; the
        result sentence is shown where the ledger verification result goes, kept as a message (the
        verifier's sentence too, core/messages.py) so that a language switch says it again."""
        from ledger_app.core import strictjson
        from ledger_app.verify import verify_document

        ledger = self.session.ledger
        if ledger is None:
            self._set_result(message("LedgerPage", QT_TRANSLATE_NOOP(
                "LedgerPage", "Open a workspace first: a certificate is checked against its ledger's key.")), True)
            return False
        try:
            doc = strictjson.loads(path.read_bytes(), path.name)  # duplicate keys, huge numbers: refused
            if not isinstance(doc, dict):
                self._set_result(message("LedgerPage", QT_TRANSLATE_NOOP("LedgerPage", "{name} is not a readable "
                                                                                       "certificate: {why}"),
                                         name=path.name, why=message("LedgerPage", QT_TRANSLATE_NOOP(
                                             "LedgerPage", "not a JSON object"))), True)
                return False
            verified = verify_document(doc, ledger.vkey())
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self._set_result(message("LedgerPage", QT_TRANSLATE_NOOP("LedgerPage", "{name} is not a readable certificate: "
                                                                                   "{why}"),
                                     name=path.name, why=error_text(exc)), True)
            return False
        except VerificationError as exc:
            said = getattr(exc, "said", None)
            self._set_result(message("LedgerPage", QT_TRANSLATE_NOOP("LedgerPage", "{name} does NOT verify: {why}"),
                                     name=path.name, why=said_message(said) if isinstance(said, Said) else str(exc)),
                             True)
            return False
        self._set_result(message("LedgerPage", QT_TRANSLATE_NOOP(
            "LedgerPage", "{name} verifies: signed by this ledger's key and included at entry {index}."),
            name=path.name, index=verified.entry_index), False)
        return True
