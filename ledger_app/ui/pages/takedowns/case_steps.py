"""The Takedowns page's Case tab and its steps: reject, extend the deadline, close, assign, note,
attach the original notice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFrame,
    QScrollArea,
)

from ledger_app.ui.file_dialogs import open_file
from ledger_app.ui.messages import QT_TRANSLATE_NOOP
from ledger_app.ui.pages.case import CaseView
from ledger_app.ui.pages.legal_dialogs import ReasonDialog
from ledger_app.ui.tasks import Task


class TakedownCaseSteps:
    """A part of TakedownsPage (page.py), which holds the state these methods share."""

    def _build_case_tab(self) -> None:
        """The Case tab: the case view (scrolled), its requests wired to the steps."""
        self.case_view = CaseView(self.tabs)
        self.case_view.reject_requested.connect(self.reject_request)
        self.case_view.extend_requested.connect(self.extend_request)
        self.case_view.close_requested.connect(self.close_request)
        self.case_view.assign_requested.connect(self.assign)
        self.case_view.note_requested.connect(self.add_note)
        self.case_view.attach_requested.connect(self.attach_notice)
        self.case_view.counter_requested.connect(self.open_counter_notice)
        self.case_view.forward_requested.connect(self.forward_counter_notice)
        self.case_view.gdpr_requested.connect(self.open_gdpr)
        self.case_view.ownership_requested.connect(self.open_ownership)
        self.case_view.restore_requested.connect(self.restore_items)
        self.case_view.court_requested.connect(self.court_action)
        self.case_view.recipients_requested.connect(self.open_recipients)
        self.case_view.reply_requested.connect(self.open_reply)
        # Scrolled, so that the case's many parts never set the window's smallest size.
        self.case_scroll = QScrollArea(self.tabs)
        self.case_scroll.setObjectName("CaseScroll")
        self.case_scroll.setWidgetResizable(True)
        self.case_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.case_scroll.setWidget(self.case_view)
        self.tabs.addTab(self.case_scroll, "")

    def make_reason_dialog(self, title: str, intro: str, *, months: bool = False) -> ReasonDialog:
        return ReasonDialog(title, intro, months=months, parent=self)

    def reject_request(self) -> ReasonDialog | None:
        td, cur = self.td, self.current
        if td is None or cur is None:
            return None
        rid = cur["id"]
        dialog = self.make_reason_dialog(self.tr("Reject request #{id}").format(id=rid), self.tr(
            "The request is refused and the reason recorded in the ledger; tell the requester why."))
        self.reason_dialog = dialog

        def accepted() -> None:
            reason = dialog.value()
            self._run("reject", lambda p, c: td.reject(rid, reason), lambda _r: (
                self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Request #{id} rejected.'), id=rid), self.session.notify_data_changed()))

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def extend_request(self) -> ReasonDialog | None:
        td, cur = self.td, self.current
        if td is None or cur is None:
            return None
        rid = cur["id"]
        dialog = self.make_reason_dialog(self.tr("Extend the deadline of request #{id}").format(id=rid), self.tr(
            "GDPR Art. 12(3): the deadline may be extended by up to two further months where necessary; the "
            "requester must be told within the first month, with the reasons."), months=True)
        self.reason_dialog = dialog

        def accepted() -> None:
            reason, months = dialog.value(), dialog.month_count()
            # Through LegalService: refused once the first month has passed without an announcement.
            services = self.session.services
            self._run("extend", lambda p, c: services.legal.announce_extension(rid, months, reason), lambda r: (
                self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Request #{id} is now due {due}.'), id=rid, due=r.due_by),
                self.session.notify_data_changed()))

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def close_request(self) -> Task | None:
        td, cur = self.td, self.current
        if td is None or cur is None:
            return None
        rid = cur["id"]
        return self._run("close", lambda p, c: td.close(rid), lambda _r: (
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Request #{id} closed.'), id=rid), self.session.notify_data_changed()))

    def assign(self, who: str) -> Task | None:
        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        return self._run("assign", lambda p, c: services.cases.assign(rid, who or None), lambda _r: (
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Request #{id} assigned to {who}."), id=rid, who=who)
            if who else self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Request #{id} is no longer assigned."), id=rid),
            self.session.notify_data_changed()))

    def add_note(self, text: str) -> Task | None:
        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]

        def done(_r) -> None:
            self.case_view.note_edit.clear()
            self.session.notify_data_changed()

        return self._run("note", lambda p, c: services.cases.add_note(rid, text), done)

    def ask_notice_path(self) -> str:
        return open_file(self, "notice", self.tr("Attach the original notice"),
                         self.tr("Notices (*.eml *.pdf *.txt *.html *.msg);;All files (*)"))

    def attach_notice(self) -> Task | None:
        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        path = self.ask_notice_path()
        if not path:
            return None
        rid = cur["id"]
        return self._run("attach", lambda p, c: services.cases.attach_notice(rid, Path(path)), lambda d: (
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", '{name} kept with request #{id} (SHA-256 {sha}…).'), name=d.name, id=rid, sha=d.sha256[:12]), self.session.notify_data_changed()))
