"""New takedown requests from the Takedowns page: the new-request dialog (recorded, or refused with
the reason while the form keeps what was typed) and importing requests from a file."""

from __future__ import annotations

from pathlib import Path

import shiboken6

from ledger_app.ui.errors import error_text, is_expected, show_error
from ledger_app.ui.pages.new_request import NewRequestDialog, RequestForm
from ledger_app.ui.tasks import Task


class TakedownIntake:
    """A part of TakedownsPage (page.py), which holds the state these methods share."""

    def make_new_request_dialog(self) -> NewRequestDialog:
        return NewRequestDialog(self)

    def open_new_request(self) -> NewRequestDialog:
        dialog = self.make_new_request_dialog()
        self.new_request_dialog = dialog
        dialog.submitter = lambda d: self.submit(d.form(), dialog=d)
        dialog.import_requested.connect(self.import_file)
        dialog.draft_requested.connect(lambda: self.keep_draft(dialog.form(), dialog))
        dialog.open()
        return dialog

    def submit(self, form: RequestForm, dialog: NewRequestDialog | None = None) -> Task | None:
        """Record a new request; with the `dialog` it came from, that dialog closes when it is
        recorded and shows why when it is not, keeping what was typed."""
        td = self.td
        if td is None:
            if dialog is not None:
                dialog.refused(self.tr("No workspace is open."))
            return None

        def work(p, c) -> dict:
            works = td.work_specs(files=form.files, hashes=form.hashes, urls=form.urls, domains=form.domains,
                                  accounts=form.accounts, texts=form.texts)
            return td.new_request(type=form.type, requester=form.requester, requester_kind=form.requester_kind,
                                  email=form.email, received=form.received, works=works, dmca=form.dmca)

        def done(res: dict) -> None:
            if res.status == "rejected":
                self.message.setText(self.tr("Request #{id} was recorded but rejected: {reason}").format(
                    id=res.id, reason=res.reason))
            else:
                self.message.setText(self.tr("Request #{id} opened, due {due}. Locate its matches next.").format(
                    id=res.id, due=res.due_by))
            self.current = {"id": res.id}
            self.session.notify_data_changed()
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.submitted()

        def failed(exc: BaseException, report: str) -> None:
            if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
                show_error(self, exc, report)  # the form is gone (cancelled meanwhile): say it here
            elif is_expected(exc):
                dialog.refused(error_text(exc))
            else:
                dialog.refused(self.tr("The request was not recorded: an unexpected error (see the report)."))
                show_error(dialog, exc, report)

        return self._run("new request", work, done, on_error=failed if dialog is not None else None)

    def keep_draft(self, form: RequestForm, dialog: NewRequestDialog | None = None) -> Task | None:
        """An incomplete notice kept as a draft (not recorded, not in the ledger), and the letter asking
        its sender for the missing elements written, in the interface's language, into a folder the user
        chooses (`ledger takedown new --draft` then `takedown reply D missing_elements --draft`)."""
        from ledger_app.services.replies import DraftReply, write_draft_reply
        from ledger_app.services.takedown_records import KeptDraft
        from ledger_app.ui.i18n import current_language

        td = self.td
        if td is None:
            return None
        folder = self.ask_folder("replies", self.tr("Save the request for the missing elements in"))
        if not folder:
            return None
        language = current_language()

        def work(p, c):
            works = td.work_specs(files=form.files, hashes=form.hashes, urls=form.urls, domains=form.domains,
                                  accounts=form.accounts, texts=form.texts)
            kept = td.new_request(type=form.type, requester=form.requester, requester_kind=form.requester_kind,
                                  email=form.email, received=form.received, works=works, dmca=form.dmca, draft=True)
            if not isinstance(kept, KeptDraft):
                return kept  # nothing was missing after all: recorded as a request
            return write_draft_reply(td, kept.draft, language=language, out_dir=Path(folder))

        def done(r) -> None:  # services.replies.DraftReply, or a RecordedRequest
            if not isinstance(r, DraftReply):
                self.message.setText(self.tr("Request #{id} opened, due {due}. Locate its matches next.").format(
                    id=r.id, due=r.due_by))
                self.session.notify_data_changed()
                if dialog is not None and shiboken6.isValid(dialog):
                    dialog.submitted()
                return
            self.prefs.set_last_folder("replies", str(Path(r.eml).parent))
            self.message.setText(self.tr("Kept as draft D{id} (not recorded); the request for the missing elements "
                                         "is in {eml}.").format(id=r.draft, eml=r.eml))
            self.load_drafts()  # the list of drafts, when it is open
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.submitted()

        def failed(exc: BaseException, report: str) -> None:
            if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible() and is_expected(exc):
                dialog.refused(error_text(exc))
            else:
                show_error(self, exc, report)

        return self._run("keep draft", work, done, on_error=failed)

    def import_file(self, path: str) -> Task | None:
        td = self.td
        if td is None:
            return None

        def done(res: list) -> None:
            self.message.setText(self.tr("Imported {n} requests from {file}.").format(n=len(res), file=Path(path).name))
            if res:
                self.current = {"id": res[-1].id}
            self.session.notify_data_changed()

        return self._run("import", lambda p, c: td.import_requests(Path(path)), done)
