"""The Takedowns page's Certificate tab: issue the removal certificate (verified offline before it is
shown), open a saved one, and preview its PDF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger_app.core.errors import LedgerAppError
from ledger_app.ui.errors import error_text
from ledger_app.ui.file_dialogs import open_file, save_file
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.tasks import Task
from ledger_app.ui.widgets.labels import status_label
from ledger_app.ui.widgets.pdf_preview import PdfPreview

if TYPE_CHECKING:
    from ledger_app.services.certificates import IssuedCertificate


class TakedownCertificate:
    """A part of TakedownsPage (page.py), which holds the state these methods share."""

    def _build_certificate_tab(self) -> None:
        """The Certificate tab: open a certificate file, its verification, and its PDF."""
        cert = QWidget(self.tabs)
        self.certificate_tab = cert
        cl = QVBoxLayout(cert)
        crow = QHBoxLayout()
        self.open_certificate_button = QPushButton(icon(Icon.FOLDER), "", cert)
        self.open_certificate_button.setObjectName("OpenCertificateButton")
        self.open_certificate_button.clicked.connect(self.open_certificate)
        crow.addWidget(self.open_certificate_button)
        crow.addStretch(1)
        cl.addLayout(crow)
        self.certificate_result = status_label(cert, "CertificateResult")
        cl.addWidget(self.certificate_result)
        self.pdf = PdfPreview(cert)
        cl.addWidget(self.pdf, 1)
        self.tabs.addTab(cert, "")

    def ask_save_path(self, suggested: str) -> str:
        """The certificate file to write; tests replace this instead of driving a native dialog."""
        return save_file(self, "certificate", self.tr("Save removal certificate"), suggested,
                         self.tr("Certificates (*.json)"))

    def ask_open_path(self) -> str:
        return open_file(self, "certificate", self.tr("Open removal certificate"), self.tr("Certificates (*.json)"))

    def _certificate_entry(self, rid: int) -> int | None:
        td = self.td
        if td is None:
            return None
        from ledger_app.services.inclusion import certificate_entry

        try:
            return certificate_entry(td, rid)
        except LedgerAppError:
            return None

    def _load_certificate(self) -> None:
        """The Certificate tab of the selected request: its certificate (file remembered by this
        window, verified offline again), or what the ledger says when the file is elsewhere."""
        cur = self.current
        if cur is None:
            self.certificate_result.clear()
            self.pdf.clear(self.tr("No certificate issued yet."))
            return
        rid = cur["id"]
        entry = self._certificate_entry(rid) if cur["status"] in ("certified", "closed") else None
        if entry is None:
            self.certificate_result.setText(
                self.tr("No certificate has been issued for request #{id}.").format(id=rid)
                + (" " + self.tr("It is issued once the request is purged.") if cur["status"] not in ("closed",) else ""))
            self.pdf.clear(self.tr("No certificate issued yet."))
            return
        path = self.prefs.certificate_file(self.session.workspace_id, rid) if self.session.ws is not None else ""
        if path and Path(path).exists():
            self.show_certificate_file(Path(path), rid, entry)
            return
        self.certificate_result.setText(self.tr(
            "Request #{id} was certified: its certificate is ledger entry {entry}. The file was saved outside this "
            "window; open it to preview it and verify it again.").format(id=rid, entry=entry))
        self.pdf.clear(self.tr("Certificate issued (ledger entry {entry}); its file is not at hand.").format(entry=entry))

    def show_certificate_file(self, path: Path, rid: int, entry: int | None) -> bool:
        """Verify the certificate at `path` offline and show it with its PDF; refuse a file that is
        not this request's certificate (another request's, or not signed by this ledger)."""
        from ledger_app.verify import verify_document

        services = self.session.services
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            v = verify_document(doc, services.ledger.vkey())
            if (v.body.get("request") or {}).get("id") != rid:
                raise LedgerAppError(self.tr("{file} is the certificate of request #{other}, not of #{id}.").format(
                    file=path.name, other=(v.body.get("request") or {}).get("id"), id=rid))
        except (OSError, ValueError, LedgerAppError) as exc:
            self.certificate_result.setText(self.tr("{file} cannot be shown: {reason}").format(file=path.name,
                                                                                      reason=error_text(exc)))
            self.pdf.clear(self.tr("No certificate to preview."))
            return False
        self.last_verification = v
        self.certificate_result.setText(self.tr(
            "Certificate of request #{id}: {file}, recorded as ledger entry {entry}. Verified offline: signed by "
            "{key}, included in the signed checkpoint of size {size}.").format(
                id=rid, file=path, entry=v.entry_index, key=v.key_name, size=v.checkpoint.size))
        pdf = path.with_suffix(".pdf")
        if pdf.exists():
            self.pdf.load(str(pdf))
        else:
            self.pdf.clear(self.tr("No PDF beside {file}.").format(file=path.name))
        return True

    def open_certificate(self) -> bool:
        cur = self.current
        if cur is None or self.session.ws is None:
            return False
        path = self.ask_open_path()
        if not path:
            return False
        ok = self.show_certificate_file(Path(path), cur["id"], self._certificate_entry(cur["id"]))
        if ok:
            self.prefs.set_certificate_file(self.session.workspace_id, cur["id"], path)
        return ok

    def issue_certificate(self) -> Task | None:
        services, cur = self.session.services, self.current
        if services is None or cur is None:
            return None
        rid = cur["id"]
        path = self.ask_save_path(f"removal-certificate-{rid}.json")
        if not path:
            return None
        out = Path(path)
        pdf = out.with_suffix(".pdf")
        from ledger_app.ui.i18n import current_language

        language = current_language()
        workspace_id = self.session.workspace_id

        def work(p, c) -> tuple[IssuedCertificate, object]:
            from ledger_app.services.certificates import certify
            from ledger_app.verify import verify_document

            res = certify(services, rid, out, pdf=pdf, language=language)
            # Check what we send, offline, exactly as the recipient will.
            return res, verify_document(json.loads(out.read_text(encoding="utf-8")), services.ledger.vkey())

        def done(result: tuple[IssuedCertificate, object]) -> None:
            res, verified = result
            self.prefs.set_certificate_file(workspace_id, rid, str(out))
            self.last_certificate = res
            self.last_verification = verified
            self.session.notify_data_changed()  # re-reads the request, and its Certificate tab
            if self.current is not None and self.current["id"] == rid:
                self.tabs.setCurrentWidget(self.certificate_tab)

        return self._run("certificate", work, done)
