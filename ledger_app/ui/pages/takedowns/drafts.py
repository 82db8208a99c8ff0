"""Kept drafts from the Takedowns page (the window's twin of `ledger takedown drafts`, `amend` and
`discard`): the list of incomplete notices kept as drafts (not recorded, not in the ledger) with
what each lacks and when it was kept; a draft opened in the new-request form, pre-filled, to add what
was missing (complete, it is recorded as a request; still incomplete, the draft keeps the changes);
a draft discarded after a confirmation, with its requester's data.

The form shows the draft's identifications (a file's as its SHA-256); what is submitted adds the
ones not in the draft already, as `TakedownService.amend_draft` adds works up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QMessageBox, QPushButton, QWidget

from ledger_app.ui.errors import error_text, is_expected, show_error
from ledger_app.ui.models.takedown_text import request_type_text, requester_kind_text
from ledger_app.ui.pages.new_request import NewRequestDialog, RequestForm
from ledger_app.ui.reason_text import legal_text, note_text
from ledger_app.ui.tasks import Task
from ledger_app.ui.widgets.form_dialog import FormDialog
from ledger_app.ui.widgets.labels import status_label
from ledger_app.ui.widgets.task_table import data_table

_ELEMENT = re.compile(r"512\(c\)\(3\)\(A\)\((i|ii|iii|iv|v|vi)\)\s*$")


class DraftsDialog(FormDialog):
    """The kept drafts: one row each, with Amend… and Discard… for the selected one."""

    def __init__(self, parent: QWidget | None):
        super().__init__(parent, "DraftsDialog", self.tr("Kept drafts"),
                         self.tr("Incomplete notices kept as drafts: not recorded, not in the ledger. Open one to add "
                                 "what is missing; once complete it is recorded as a request."), size=(820, 380))
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([self.tr("Draft"), self.tr("Type"), self.tr("Requester kind"),
                                              self.tr("Missing"), self.tr("Kept")])
        self.table = data_table(self, "DraftsTable", self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.body.addWidget(self.table, 1)
        self.empty = status_label(self, "DraftsEmpty", hidden=True)
        self.body.addWidget(self.empty)
        self.add_outcome("DraftsResult")
        row = QHBoxLayout()
        self.amend_button = QPushButton(self.tr("Amend…"), self)
        self.amend_button.setObjectName("AmendDraftButton")
        self.discard_button = QPushButton(self.tr("Discard…"), self)
        self.discard_button.setObjectName("DiscardDraftButton")
        row.addWidget(self.amend_button)
        row.addWidget(self.discard_button)
        row.addStretch(1)
        self.body.addLayout(row)
        self.add_close()
        self.ids: list[int] = []
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.table.doubleClicked.connect(lambda _i: self.amend_button.click())
        self._enable()

    def show_drafts(self, drafts: list[DraftRow]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        self.ids = []
        for d in drafts:
            missing = "\n".join(self.missing_text(m) for m in d.missing) or self.tr("nothing")
            kept = datetime.fromtimestamp(d.updated_at).strftime("%Y-%m-%d %H:%M")
            cells = [f"D{d.draft}", request_type_text(d.type), requester_kind_text(d.kind), missing, kept]
            self.model.appendRow([QStandardItem(c) for c in cells])
            self.ids.append(d.draft)
        self.table.resizeRowsToContents()
        self.empty.setText(self.tr("No drafts are kept.") if not drafts else "")
        self.empty.setVisible(not drafts)
        if drafts:
            self.table.selectRow(0)
        self._enable()

    def missing_text(self, sentence: str) -> str:
        """One missing element as the service stored it (English, with the CLI's option), in the
        window's words: a DMCA element by its paragraph, another sentence through its message."""
        m = _ELEMENT.search(sentence)
        if m is None:
            said = QCoreApplication.translate("ServiceMessage", sentence)
            return said if said != sentence else legal_text(sentence)
        return {
            "i": self.tr("a signature — 512(c)(3)(A)(i)"),
            "ii": self.tr("identification of the copyrighted work — 512(c)(3)(A)(ii)"),
            "iii": self.tr("identification of the infringing material — 512(c)(3)(A)(iii)"),
            "iv": self.tr("contact information — 512(c)(3)(A)(iv)"),
            "v": self.tr("a good-faith statement — 512(c)(3)(A)(v)"),
            "vi": self.tr("an accuracy statement under penalty of perjury — 512(c)(3)(A)(vi)"),
        }.get(m.group(1), sentence)

    def selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.ids[rows[0].row()] if rows else None

    def _enable(self) -> None:
        on = self.selected() is not None
        self.amend_button.setEnabled(on)
        self.discard_button.setEnabled(on)


def prefill(dialog: NewRequestDialog, draft_id: int, b) -> None:  # b: services.takedown_records.DraftBody
    """The new-request form filled in with a draft's fields and identifications, to amend it."""
    dialog.setWindowTitle(f"{dialog.windowTitle()} — D{draft_id}")
    dialog.type_combo.setCurrentIndex(max(0, dialog.type_combo.findData(b.type)))
    dialog.kind_combo.setCurrentIndex(max(0, dialog.kind_combo.findData(b.requester_kind)))
    dialog.requester_edit.setText(b.requester or "")
    dialog.email_edit.setText(b.email or "")
    dialog.received_edit.setDate(QDate.fromString(b.received, "yyyy-MM-dd"))
    links, domains, accounts, texts = [], [], [], []
    for w in b.works:
        kind = w["kind"]
        if kind == "url":
            links.append(w.get("url") or w.get("description") or w["value"])
        elif kind == "domain":
            domains.append(w["value"])
        elif kind == "account" and not w.get("committed"):
            accounts.append(w["value"])
        elif kind == "text" and w.get("text"):
            texts.append(w["text"])
        elif w.get("sha256") or kind == "hash":
            links.append(w.get("sha256") or w["value"])
    dialog.links_edit.setPlainText("\n".join(links))
    dialog.domains_edit.setPlainText("\n".join(domains))
    dialog.accounts_edit.setPlainText("\n".join(accounts))
    dialog.text_edit.setPlainText("\n\n".join(texts))
    for filled, tab in ((texts, dialog.text_edit), (domains or accounts, dialog.works_tabs.widget(2)),
                        (links, dialog.links_edit)):
        if filled:
            dialog.works_tabs.setCurrentWidget(tab)  # the last one set: the URLs first, as they are most common
    d = b.dmca or {}
    dialog.signature_edit.setText(d.get("signature") or "")
    dialog.work_edit.setText(d.get("work") or "")
    dialog.good_faith_check.setChecked(bool(d.get("good_faith")))
    dialog.accurate_check.setChecked(bool(d.get("accurate_under_penalty")))
    dialog.validate()


class TakedownDrafts:
    """A part of TakedownsPage (page.py), which holds the state these methods share."""

    drafts_dialog: DraftsDialog | None = None
    discard_confirm: QMessageBox | None = None

    def open_drafts(self) -> DraftsDialog:
        dialog = DraftsDialog(self)
        self.drafts_dialog = dialog
        dialog.amend_button.clicked.connect(lambda: self.amend(dialog.selected()) if dialog.selected() else None)
        dialog.discard_button.clicked.connect(lambda: self.ask_discard(dialog.selected()) if dialog.selected() else None)
        dialog.open()
        self.load_drafts()
        return dialog

    def load_drafts(self) -> Task | None:
        td = self.td
        dialog = self.drafts_dialog
        if td is None or dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
            return None  # the list is read when it is shown

        def done(drafts: list) -> None:
            if shiboken6.isValid(dialog):
                dialog.show_drafts(drafts)

        return self.session.runner.run("drafts", lambda p, c: _with_kinds(td), on_success=done, error_parent=dialog)

    def amend(self, draft_id: int) -> Task | None:
        """The new-request form pre-filled with draft `draft_id` (read in the background): "Open
        request" records it once nothing is missing; "Keep as draft" keeps the changes in the draft."""
        td = self.td
        if td is None:
            return None
        drafts = self.drafts_dialog

        def loaded(body) -> None:  # services.takedown_records.DraftBody
            dialog = self.make_new_request_dialog()
            self.new_request_dialog = dialog
            prefill(dialog, draft_id, body)
            dialog.draft_button.setText(self.tr("Keep as draft with these changes"))
            dialog.import_button.hide()
            dialog.submitter = lambda d: self.submit_amendment(draft_id, body, d, record=True)
            dialog.draft_requested.connect(lambda: self.submit_amendment(draft_id, body, dialog, record=False))
            dialog.open()

        def failed(exc: BaseException, report: str) -> None:  # e.g. recorded or discarded meanwhile
            if drafts is not None and shiboken6.isValid(drafts) and drafts.isVisible() and is_expected(exc):
                drafts.refused(error_text(exc))
                self.load_drafts()
            else:
                show_error(self, exc, report)

        return self.session.runner.run("draft", lambda p, c: td.draft_body(draft_id), on_success=loaded,
                                       on_error=failed, error_parent=self)

    def submit_amendment(self, draft_id: int, body, dialog: NewRequestDialog, *, record: bool) -> Task | None:
        from ledger_app.services.takedown_records import KeptDraft

        td = self.td
        if td is None:
            return None
        form: RequestForm = dialog.form()
        known = {v for w in body.works for v in (w.get("value"), w.get("sha256")) if v}

        def work(p, c):
            specs = td.work_specs(files=form.files, hashes=form.hashes, urls=form.urls, domains=form.domains,
                                  accounts=form.accounts, texts=form.texts)
            new = [s for s in specs if s.value not in known and (s.sha256 is None or s.sha256 not in known)]
            wanted = {v for s in specs for v in (s.value, s.sha256) if v}
            # An identification taken out of the form is taken out of the draft.
            removed = [w["value"] for w in body.works
                       if not {v for v in (w.get("value"), w.get("sha256")) if v} & wanted]
            return td.amend_draft(draft_id, type=form.type, requester=form.requester,
                                  requester_kind=form.requester_kind, email=form.email, received=form.received,
                                  works=new, remove_works=removed, dmca=form.dmca)

        def done(r) -> None:
            if isinstance(r, KeptDraft):
                missing = "; ".join(note_text(m) for m in r.missing)
                letter = (" " + self.tr("A new letter asks for what is still missing: {path}").format(path=r.letter)
                          if r.letter else "")  # the requester was written to before
                if record and shiboken6.isValid(dialog):  # the service still finds elements missing
                    dialog.refused(self.tr("Kept as draft D{id}; still missing: {missing}").format(
                        id=r.draft, missing=missing) + letter)
                    self.load_drafts()
                    return
                self.message.setText(self.tr("Draft D{id} kept with the changes; still missing: {missing}").format(
                    id=r.draft, missing=missing) + letter)
            else:
                self.message.setText(self.tr("Draft D{draft} recorded as request #{id}, due {due}.").format(
                    draft=draft_id, id=r.id, due=r.due_by))
                self.current = {"id": r.id}
                self.session.notify_data_changed()
            if shiboken6.isValid(dialog):
                dialog.submitted()
            self.load_drafts()

        def failed(exc: BaseException, report: str) -> None:
            if shiboken6.isValid(dialog) and dialog.isVisible() and is_expected(exc):
                dialog.refused(error_text(exc))
            else:
                show_error(self, exc, report)

        return self._run("amend draft", work, done, on_error=failed)

    def ask_discard(self, draft_id: int) -> QMessageBox:
        """Discarding deletes the draft and its requester's data: asked first."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Discard draft"),
                          self.tr("Discard draft D{id}? It, its requester's name and contact, and the letters "
                                  "written for it are deleted; this cannot be undone.").format(id=draft_id),
                          QMessageBox.StandardButton.Cancel, self.drafts_dialog or self)
        box.setObjectName("DiscardDraftConfirm")
        self.discard_confirm_button = box.addButton(self.tr("Discard D{id}").format(id=draft_id),
                                                    QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.discard_confirm_button.clicked.connect(lambda: self.discard(draft_id))
        self.discard_confirm = box
        box.open()
        return box

    def discard(self, draft_id: int) -> Task | None:
        td = self.td
        if td is None:
            return None
        dialog = self.drafts_dialog

        def done(r) -> None:  # a DiscardedDraft
            text = self.tr("Draft D{id} discarded.").format(id=draft_id)
            if r.letters_deleted:
                text += " " + self.tr("{n} letter file(s) deleted.").format(n=r.letters_deleted)
            if r.letters_left:  # a letter changed since it was written: named, in the window's language
                text += " " + self.tr("Left for you to check: {files}").format(files="; ".join(note_text(n) for n in r.letters_left))
            self.message.setText(text)
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.recorded(text)
            self.load_drafts()

        return self._run("discard draft", lambda p, c: td.discard_draft(draft_id), done)


@dataclass(frozen=True)
class DraftRow:
    """One row of the list: a kept draft (services.takedown_records.DraftSummary) and its requester kind."""

    draft: int
    type: str
    kind: str
    missing: list[str]
    updated_at: float


def _with_kinds(td) -> list[DraftRow]:
    """The drafts, each with its requester kind (read from the draft's body), for the list."""
    return [DraftRow(d.draft, d.type, td.draft_body(d.draft).requester_kind, d.missing, d.updated_at)
            for d in td.drafts()]
