"""The rest of the legal process from the Takedowns page, on LegalService: the DMCA counter-notice,
its forwarding and the restore window, a court action, the GDPR identity check and refusal, the
ownership check, the Art. 19 recipients, and reply letters. The dialogs gather; the page runs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QMessageBox,
)

from ledger_app.ui.errors import error_text, is_expected, show_error
from ledger_app.ui.file_dialogs import existing_dir
from ledger_app.ui.messages import QT_TRANSLATE_NOOP
from ledger_app.ui.pages.legal_dialogs import ReasonDialog
from ledger_app.ui.reason_text import legal_text
from ledger_app.ui.tasks import Task

if TYPE_CHECKING:
    from ledger_app.services.legal import CounterNoticeReceipt, Refusal, Restoration


class TakedownLegalSteps:
    """A part of TakedownsPage (page.py), which holds the state these methods share."""

    def open_counter_notice(self):  # the CounterNoticeDialog
        from ledger_app.ui.pages.legal_dialogs import CounterNoticeDialog

        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        dialog = CounterNoticeDialog(rid, self)
        self.counter_dialog = dialog

        def submit() -> None:
            cn = dialog.counter_notice()
            dialog.ok_button.setEnabled(False)

            def done(res: CounterNoticeReceipt) -> None:
                dialog.accept()
                self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage",
                                                  "Counter-notice recorded for {n} items of request #{id}; forward it "
                                                  "to the claimant next."), n=len(res.items), id=rid)
                self.session.notify_data_changed()

            self._run("counter-notice", lambda p, c: services.legal.counter_notice(rid, cn), done,
                      on_error=self._dialog_failed(dialog, dialog.ok_button))

        dialog.buttons.accepted.connect(submit)
        dialog.open()
        return dialog

    def forward_counter_notice(self) -> Task | None:
        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]

        def done(w) -> None:  # takedown.legal.RestoreWindow
            self._say(rid, QT_TRANSLATE_NOOP(
                "TakedownsPage", "Counter-notice forwarded. The items may be restored from {earliest} to {latest} "
                                 "(10 to 14 business days), unless the claimant files a court action."),
                earliest=w.earliest, latest=w.latest)
            self.session.notify_data_changed()

        return self._run("forward", lambda p, c: services.legal.forward_counter_notice(rid), done)

    def open_gdpr(self):  # the GdprDialog
        from ledger_app.ui.pages.legal_dialogs import GdprDialog

        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        dialog = GdprDialog(rid, cur["matches"], services.legal.identity(rid), self)
        self.gdpr_dialog = dialog

        failed = self._dialog_failed(dialog)

        def identity(result: str, method: str, note: str) -> None:
            self._run("identity", lambda p, c: services.legal.record_identity(rid, result, method=method, note=note),
                      lambda _r: (dialog.recorded(self.tr("Identity check recorded: {result}.").format(
                          result=dialog.identity_text(result))), self.session.notify_data_changed()),
                      on_error=failed)

        def refusal(ground: str, items: list, reason: str) -> None:
            def done(res: Refusal) -> None:
                dialog.recorded(self.tr("{scope} refusal recorded on {ground}; {n} items retained.").format(
                    scope=self.tr("Partial") if res.partial else self.tr("Full"), ground=res.ground,
                    n=len(items)))
                self.session.notify_data_changed()

            self._run("refusal", lambda p, c: services.legal.refuse(rid, ground, items=items, reason=reason), done,
                      on_error=failed)

        dialog.identity_requested.connect(identity)
        dialog.refusal_requested.connect(refusal)
        dialog.open()
        return dialog

    def _dialog_failed(self, dialog, button=None):
        """The on_error of a task run for `dialog`: a refusal is said in the dialog, anything else gets
        the error report over it; `button` (the one that started the task) can be pressed again."""
        def failed(exc: BaseException, report: str) -> None:
            if button is not None:
                button.setEnabled(True)
            if is_expected(exc):
                dialog.refused(error_text(exc))
            else:
                show_error(dialog, exc, report)
        return failed

    def open_ownership(self):  # the OwnershipDialog
        from ledger_app.ui.pages.legal_actions import OwnershipDialog

        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        dialog = OwnershipDialog(rid, services.legal.ownership(rid), self)
        self.ownership_dialog = dialog

        def submit() -> None:
            evidence, result = dialog.value()
            dialog.ok_button.setEnabled(False)

            def done(_entry) -> None:
                dialog.accept()
                if result == "confirmed":
                    self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Ownership check recorded for request #{id}: "
                                                                      "confirmed. The purge may go ahead."), id=rid)
                else:
                    self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Ownership check recorded for request #{id}: "
                                                                      "not shown. The items are not purged."), id=rid)
                self.session.notify_data_changed()

            self._run("ownership", lambda p, c: services.legal.check_ownership(rid, evidence, result), done,
                      on_error=self._dialog_failed(dialog, dialog.ok_button))

        dialog.buttons.accepted.connect(submit)
        dialog.open()
        return dialog

    def restore_items(self) -> Task | None:
        """Where the restore window stands, then ask before re-admitting the items."""
        cur, services = self.current, self.session.services
        if cur is None or services is None or self.busy is not None:
            return None
        rid = cur["id"]
        self.case_view.restore_button.setEnabled(False)
        return self.session.runner.run("restore window", lambda p, c: services.legal.restore_window(rid),
                                       on_success=lambda w: self.confirm_restore(rid, w),
                                       on_error=lambda exc, report: (show_error(self, exc, report), self._render()))

    def confirm_restore(self, rid: int, w) -> QMessageBox:  # takedown.legal.RestoreWindow
        box = QMessageBox(self)
        box.setObjectName("RestoreConfirmBox")
        box.setWindowTitle(self.tr("Restore the items of request #{id}").format(id=rid))
        self.restore_confirm_button = None
        self.restore_into_button = None
        if w.can_restore:
            box.setIcon(QMessageBox.Icon.Question)
            box.setText(self.tr("The restore window is open: {why}. Restore the counter-noticed items now?").format(
                why=legal_text(w.reason, w.said)))
            box.setInformativeText(self.tr(
                "Each item's block is lifted. An item whose copy was retained is re-admitted from it (as the corpus "
                "restored-r{id}, written into the workspace's restored folder, or a folder you choose); for the "
                "others the ledger records the source to re-acquire.").format(id=rid))
            self.restore_confirm_button = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
            self.restore_into_button = box.addButton(self.tr("Restore into…"), QMessageBox.ButtonRole.ActionRole)
            self.restore_into_button.setObjectName("RestoreIntoButton")
            box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        else:
            box.setIcon(QMessageBox.Icon.Information)
            box.setText(self.tr("Nothing can be restored now: {why}.").format(why=legal_text(w.reason, w.said)))
            box.addButton(QMessageBox.StandardButton.Ok)
        self.restore_confirm = box

        def answered(button) -> None:
            self.restore_confirm = None
            if self.restore_confirm_button is not None and button is self.restore_confirm_button:
                self._start_restore(rid)
            elif self.restore_into_button is not None and button is self.restore_into_button:
                # Where the restored corpus lives (`ledger takedown restore --to DIR`): an empty folder, so
                # that the corpus holds the restored items and nothing else.
                folder = self.ask_folder("restored", self.tr("Restore the items into"))
                if folder:
                    self._start_restore(rid, Path(folder))
                else:
                    self._render()
            else:
                self._render()

        box.buttonClicked.connect(answered)
        box.open()
        return box

    def _start_restore(self, rid: int, to: Path | None = None) -> Task | None:
        services = self.session.services
        if services is None or self.busy is not None:
            return None
        self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Restoring the counter-noticed items…"))

        def done(res: Restoration) -> None:
            copies = sum(1 for r in res.restored if r.how == "retained copy")
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Restored {n} items of request #{id}: {c} re-admitted "
                                                              "from their retained copies, {a} to re-acquire."),
                      n=len(res.restored), id=rid, c=copies, a=len(res.restored) - copies)
            self.session.notify_data_changed()

        return self._run("restore", lambda p, c: services.legal.restore(rid, to=to), done, progress=True)

    def court_action(self) -> ReasonDialog | None:
        """The claimant filed an action seeking a court order (512(g)(2)(C)): recorded, nothing restored."""
        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        dialog = self.make_reason_dialog(self.tr("Court action on request #{id}").format(id=rid), self.tr(
            "The claimant says it filed an action seeking a court order to restrain the subscriber: the items stay "
            "removed. Describe it (court, case number, date of the claimant's notice)."))
        self.reason_dialog = dialog

        def accepted() -> None:
            note = dialog.value()
            self._run("court action", lambda p, c: services.legal.court_action(rid, note), lambda _r: (
                self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Court action recorded for request #{id}: the items "
                                                                  "stay removed."), id=rid),
                self.session.notify_data_changed()))

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def ask_folder(self, purpose: str, title: str) -> str:
        """A folder to write into (remembered per purpose); tests replace this."""
        return existing_dir(self, purpose, title)

    def open_recipients(self):  # the RecipientsDialog
        from ledger_app.ui.i18n import current_language
        from ledger_app.ui.pages.legal_actions import RecipientsDialog

        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        dialog = RecipientsDialog(rid, self)
        self.recipients_dialog = dialog
        failed = self._dialog_failed(dialog)

        def load() -> None:
            self.session.runner.run("recipients", lambda p, c: services.legal.recipients(rid),
                                    on_success=dialog.set_recipients, on_error=failed)

        def notify() -> None:
            folder = self.ask_folder("notices", self.tr("Save the Art. 19 notices in"))
            if not folder:
                return
            language = current_language()
            dialog.notify_button.setEnabled(False)

            def done(res: list) -> None:
                dialog.recorded(self.tr("{n} notices written to {folder} and recorded as sent.").format(
                    n=len(res), folder=folder))
                load()
                self.session.notify_data_changed()

            self._run("notify", lambda p, c: services.legal.notify_recipients(rid, out_dir=Path(folder),
                                                                              language=language), done,
                      on_error=failed)

        dialog.notify_requested.connect(notify)
        load()
        dialog.open()
        return dialog

    def open_reply(self):  # the ReplyDialog
        from ledger_app.ui.i18n import current_language
        from ledger_app.ui.pages.legal_actions import TEMPLATE_KEYS, ReplyDialog

        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        templates = [t for t in TEMPLATE_KEYS if not (t in ("counter_notice_forwarded",) and cur["type"] != "dmca")
                     and not (t in ("extension", "refusal") and cur["type"] != "gdpr")]
        folder = self.prefs.last_folder("replies") or str(services.ws.path / "replies" / f"request-{rid}")
        certificate = self.prefs.certificate_file(self.session.workspace_id, rid) or ""
        dialog = ReplyDialog(rid, templates, current_language(), folder, certificate, self)
        self.reply_dialog = dialog

        def choose_folder() -> None:
            path = self.ask_folder("replies", self.tr("Save the reply in"))
            if path:
                dialog.folder.setText(path)

        def choose_certificate() -> None:
            path = self.ask_open_path()
            if path:
                dialog.certificate.setText(path)

        def write() -> None:
            template, language, out, cert = dialog.chosen()
            dialog.write_button.setEnabled(False)

            def done(r) -> None:  # takedown.replies.Reply
                self.prefs.set_last_folder("replies", str(Path(r.eml).parent))  # the next letter starts there
                dialog.write_button.setEnabled(True)
                dialog.recorded(self.tr("Written: {eml} and {pdf}; recorded as ledger entry {entry}.").format(
                    eml=r.eml, pdf=r.pdf or "—", entry=r.entry))
                self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Reply {name} written for request #{id}."),
                          name=Path(r.eml).name, id=rid)
                self.session.notify_data_changed()

            from ledger_app.services.replies import write_reply

            self._run("reply", lambda p, c: write_reply(services.legal, rid, template, language=language,
                                                        out_dir=Path(out),
                                                        certificate=Path(cert) if cert and template == "completion"
                                                        else None), done,
                      on_error=self._dialog_failed(dialog, dialog.write_button))

        dialog.choose_folder_requested.connect(choose_folder)
        dialog.choose_certificate_requested.connect(choose_certificate)
        dialog.write_requested.connect(write)
        dialog.open()
        return dialog
