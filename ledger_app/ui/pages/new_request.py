"""The new-request dialog: who asks, what kind of request, the works (dropped files, URLs, hashes,
domains, accounts, article text), and for a DMCA notice its six legal elements, checked as the
user types with the missing ones spelled out. Importing a CSV/JSON list is offered here too.

With a `submitter` (the Takedowns page sets one), "Open request" keeps the dialog open while the
request is recorded: it closes when that succeeded, and a refusal (a claimed file that has gone,
an unreadable one…) is shown in the dialog with everything typed still there to correct.

Anything dropped anywhere on the dialog goes where it belongs (`sort_drop`): files into the files
list, links from a browser into the URLs, a pasted-in paragraph into the article text — even when
it is dropped on a text field, which would otherwise insert a file:// URL as a "URL" of the work."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app.takedown.requests import MIN_ARTICLE_CHARS, DmcaElements
from ledger_app.ui.file_dialogs import open_file, open_files
from ledger_app.ui.models.takedown_text import request_type_text, requester_kind_text
from ledger_app.ui.qtcompat import emit
from ledger_app.ui.widgets.drop_list import DropFileList
from ledger_app.ui.widgets.labels import status_label

REQUEST_TYPES = ("dmca", "gdpr", "publisher", "optout", "license", "court", "other")
REQUESTER_KINDS = ("rights_org", "news_publisher", "individual", "internal")
_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


@dataclass
class RequestForm:
    """What the dialog collected, as TakedownService.work_specs / new_request take it."""

    type: str
    requester: str | None
    requester_kind: str
    email: str | None
    received: str
    files: list[Path] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    dmca: DmcaElements | None = None

    @property
    def has_works(self) -> bool:
        return bool(self.files or self.urls or self.hashes or self.domains or self.accounts or self.texts)


def lines(text: str) -> list[str]:
    return [s.strip() for s in text.splitlines() if s.strip()]


@dataclass
class Dropped:
    """What a drop holds, sorted into the dialog's kinds of identification."""

    files: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    text: str = ""

    def __bool__(self) -> bool:
        return bool(self.files or self.links or self.text)


def _is_link(line: str) -> bool:
    """One line of a list of URLs or hashes (an article's lines have spaces in them)."""
    return bool(_SHA256.match(line)) or (not any(c.isspace() for c in line) and ("." in line or "://" in line))


def sort_drop(mime: QMimeData) -> Dropped:
    """Local files, web links, a list of URLs/hashes given as text, or article text."""
    out = Dropped()
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                out.files.append(url.toLocalFile())
            elif url.scheme() in ("http", "https"):
                out.links.append(url.toString())
        return out
    # Qt reports URLs as text too, so text is looked at only when there are no URLs.
    text = mime.text().strip() if mime.hasText() else ""
    if text and all(_is_link(s) for s in lines(text)):
        out.links = lines(text)
    else:
        out.text = text
    return out


class NewRequestDialog(QDialog):
    import_requested = Signal(str)  # a CSV/JSON file to import instead of filling the form
    draft_requested = Signal()  # keep the incomplete notice as a draft and write the request for what it lacks

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NewRequestDialog")
        self.setWindowTitle(self.tr("New takedown request"))
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.type_combo = QComboBox(self)
        for t in REQUEST_TYPES:
            self.type_combo.addItem(request_type_text(t), t)
        self.requester_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self)
        for k in REQUESTER_KINDS:
            self.kind_combo.addItem(requester_kind_text(k), k)
        self.email_edit = QLineEdit(self)
        self.received_edit = QDateEdit(QDate.currentDate(), self)
        self.received_edit.setCalendarPopup(True)
        self.received_edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("Type:"), self.type_combo)
        form.addRow(self.tr("Requester:"), self.requester_edit)
        form.addRow(self.tr("Requester kind:"), self.kind_combo)
        form.addRow(self.tr("E-mail:"), self.email_edit)
        form.addRow(self.tr("Received:"), self.received_edit)
        layout.addLayout(form)

        self.works_tabs = QTabWidget(self)
        fw = QWidget(self)
        fl = QVBoxLayout(fw)
        self.files_hint = QLabel(self.tr("Drop the claimed files here, or add them:"), fw)
        fl.addWidget(self.files_hint)
        self.files = DropFileList(fw)
        self.files.setObjectName("ClaimedFiles")
        fl.addWidget(self.files, 1)
        fb = QHBoxLayout()
        self.add_files_button = QPushButton(self.tr("Add files…"), fw)
        self.remove_files_button = QPushButton(self.tr("Remove selected"), fw)
        fb.addWidget(self.add_files_button)
        fb.addWidget(self.remove_files_button)
        fb.addStretch(1)
        fl.addLayout(fb)
        self.files_tab = fw
        self.works_tabs.addTab(fw, self.tr("Files"))
        self.links_edit = QPlainTextEdit(self)
        self.links_edit.setObjectName("LinksEdit")
        self.links_edit.setPlaceholderText(self.tr("One per line: URLs of the material, or SHA-256 hashes"))
        self.works_tabs.addTab(self.links_edit, self.tr("URLs and hashes"))
        dw = QWidget(self)
        dl = QFormLayout(dw)
        self.domains_edit = QPlainTextEdit(dw)
        self.domains_edit.setPlaceholderText(self.tr("One domain per line, e.g. dailychronicle.example"))
        self.accounts_edit = QPlainTextEdit(dw)
        self.accounts_edit.setPlaceholderText(self.tr("One uploader account ID per line"))
        dl.addRow(self.tr("Domains:"), self.domains_edit)
        dl.addRow(self.tr("Accounts:"), self.accounts_edit)
        self.works_tabs.addTab(dw, self.tr("Domains and accounts"))
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setObjectName("ArticleText")
        self.text_edit.setPlaceholderText(self.tr("Paste the article text (at least a paragraph)"))
        self.works_tabs.addTab(self.text_edit, self.tr("Article text"))
        layout.addWidget(self.works_tabs, 1)

        self.dmca_box = QGroupBox(self.tr("DMCA notice elements (17 U.S.C. 512(c)(3)(A))"), self)
        dml = QFormLayout(self.dmca_box)
        self.signature_edit = QLineEdit(self.dmca_box)
        self.work_edit = QLineEdit(self.dmca_box)
        self.good_faith_check = QCheckBox(
            self.tr("Good-faith statement: the use is not authorised by the owner, its agent or the law"), self.dmca_box)
        self.accurate_check = QCheckBox(
            self.tr("Accuracy statement, under penalty of perjury, that the notifier is authorised to act"), self.dmca_box)
        dml.addRow(self.tr("Signature:"), self.signature_edit)
        dml.addRow(self.tr("Copyrighted work:"), self.work_edit)
        dml.addRow(self.good_faith_check)
        dml.addRow(self.accurate_check)
        layout.addWidget(self.dmca_box)
        self.missing_label = QLabel(self)
        self.missing_label.setObjectName("Failure")
        self.missing_label.setWordWrap(True)
        layout.addWidget(self.missing_label)
        # Why the last "Open request" was refused; cleared by the next attempt.
        self.failure_label = status_label(self, "Failure")
        self.failure_label.hide()
        layout.addWidget(self.failure_label)
        self.submitter: Callable[[NewRequestDialog], object] | None = None
        self.submitting = False

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Open request"))
        self.import_button = QPushButton(self.tr("Import CSV/JSON…"), self)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.draft_button = QPushButton(self.tr("Keep as draft and ask for what is missing…"), self)  # page: keep_draft
        self.draft_button.setObjectName("KeepDraftButton")
        self.buttons.addButton(self.draft_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.draft_button.clicked.connect(lambda: emit(self.draft_requested))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.add_files_button.clicked.connect(self._add_files)
        self.remove_files_button.clicked.connect(self.files.remove_selected)
        self.import_button.clicked.connect(self._import)
        for w in (self.requester_edit, self.email_edit, self.signature_edit, self.work_edit):
            w.textChanged.connect(self.validate)
        for w in (self.links_edit, self.domains_edit, self.accounts_edit, self.text_edit):
            w.textChanged.connect(self.validate)
            w.setTabChangesFocus(True)  # Tab moves on (keyboard users); nothing here needs a tab character
        self.files.changed.connect(self.validate)
        self.setAcceptDrops(True)
        # Text fields take drops of their own (they insert the text where it falls, which for
        # dropped files is a file:// URL); drops of files and links on them come here instead.
        self._drop_fields = {w.viewport() if isinstance(w, QPlainTextEdit) else w
                             for w in (self.links_edit, self.domains_edit, self.accounts_edit, self.text_edit,
                                       self.requester_edit, self.email_edit, self.signature_edit, self.work_edit)}
        for w in self._drop_fields:
            w.installEventFilter(self)
        self.files.viewport().installEventFilter(self)
        self.type_combo.currentIndexChanged.connect(self.validate)
        self.good_faith_check.toggled.connect(self.validate)
        self.accurate_check.toggled.connect(self.validate)
        self.validate()

    # --- reading the form ----------------------------------------------------------------------

    def form(self) -> RequestForm:
        links = lines(self.links_edit.toPlainText())
        text = self.text_edit.toPlainText().strip()
        rtype = self.type_combo.currentData()
        f = RequestForm(
            type=rtype,
            requester=self.requester_edit.text().strip() or None,
            requester_kind=self.kind_combo.currentData(),
            email=self.email_edit.text().strip() or None,
            received=self.received_edit.date().toString("yyyy-MM-dd"),
            files=self.files.paths(),
            urls=[s for s in links if not _SHA256.match(s)],
            hashes=[s.lower() for s in links if _SHA256.match(s)],
            domains=lines(self.domains_edit.toPlainText()),
            accounts=lines(self.accounts_edit.toPlainText()),
            texts=[text] if text else [],
        )
        if rtype == "dmca":
            f.dmca = DmcaElements(
                signature=self.signature_edit.text().strip() or None,
                work=self.work_edit.text().strip() or None,
                material=f.has_works,
                contact=f.email,
                good_faith=self.good_faith_check.isChecked(),
                accurate_under_penalty=self.accurate_check.isChecked(),
            )
        return f

    def missing_sentences(self) -> list[str]:
        """What the request still lacks, in the user's language (DMCA elements from DmcaElements)."""
        f = self.form()
        out = []
        if f.dmca is not None:
            translated = {
                "(i)": self.tr("a physical or electronic signature — 512(c)(3)(A)(i)"),
                "(ii)": self.tr("identification of the copyrighted work — 512(c)(3)(A)(ii)"),
                "(iii)": self.tr("identification of the infringing material (files, URLs, hashes, text…) — 512(c)(3)(A)(iii)"),
                "(iv)": self.tr("contact information (an e-mail address) — 512(c)(3)(A)(iv)"),
                "(v)": self.tr("a good-faith statement — 512(c)(3)(A)(v)"),
                "(vi)": self.tr("an accuracy statement under penalty of perjury — 512(c)(3)(A)(vi)"),
            }
            for sentence in f.dmca.missing():
                element = sentence[sentence.rfind("(A)") + 3:]
                out.append(translated.get(element, sentence))
        elif not f.has_works:
            out.append(self.tr("identification of the material: give files, URLs, hashes, domains, accounts or text"))
        if any(len(t) < MIN_ARTICLE_CHARS for t in f.texts):
            out.append(self.tr("a longer article text: {n} characters at least, a paragraph is best").format(
                n=MIN_ARTICLE_CHARS))
        return out

    def validate(self) -> None:
        is_dmca = self.type_combo.currentData() == "dmca"
        self.dmca_box.setVisible(is_dmca)
        missing = self.missing_sentences()
        if missing:
            self.missing_label.setText(self.tr("Missing:") + "\n" + "\n".join(f"• {m}" for m in missing))
        else:
            self.missing_label.setText("")
        self.ok_button.setEnabled(not missing and not self.submitting)
        self.draft_button.setEnabled(bool(missing) and not self.submitting)

    # --- drops -------------------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:  # QDragEnterEvent
        if sort_drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # QDragMoveEvent
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        dropped = sort_drop(event.mimeData())
        if not dropped:
            event.ignore()
            return
        self.take(dropped)
        event.acceptProposedAction()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop) and event.mimeData().hasUrls():
            dropped = sort_drop(event.mimeData())
            # The files list takes dropped files itself; only links dropped on it are sorted here.
            if obj in self._drop_fields or (obj is self.files.viewport() and not dropped.files):
                if kind == QEvent.Type.Drop:
                    self.dropEvent(event)
                else:
                    self.dragEnterEvent(event)
                return True
        return super().eventFilter(obj, event)

    def take(self, dropped: Dropped) -> None:
        """Add what was dropped to the form and show the tab it went to."""
        if dropped.files:
            self.files.add_paths(dropped.files)
            self.works_tabs.setCurrentWidget(self.files_tab)
        if dropped.links:
            self._append(self.links_edit, "\n".join(dropped.links), "\n")
            self.works_tabs.setCurrentWidget(self.links_edit)
        if dropped.text:
            self._append(self.text_edit, dropped.text, "\n\n")
            self.works_tabs.setCurrentWidget(self.text_edit)

    @staticmethod
    def _append(edit: QPlainTextEdit, text: str, separator: str) -> None:
        current = edit.toPlainText().rstrip()
        edit.setPlainText(f"{current}{separator}{text}" if current else text)

    # --- submitting --------------------------------------------------------------------------

    def accept(self) -> None:
        """"Open request": handed to the submitter, the dialog staying open until it succeeded."""
        if self.submitter is None:
            super().accept()
            return
        if self.submitting or self.missing_sentences():
            return  # Enter pressed again while recording, or in a form that is not complete
        self.submitting = True
        self.failure_label.hide()
        self.ok_button.setText(self.tr("Opening…"))
        self.validate()
        self.submitter(self)

    def submitted(self) -> None:
        """The request is recorded: close (emits `accepted`)."""
        self._done_submitting()
        super().accept()

    def refused(self, sentence: str) -> None:
        """The request was not recorded: say why, keep the form as it is."""
        self._done_submitting()
        self.failure_label.setText(sentence)
        self.failure_label.show()

    def _done_submitting(self) -> None:
        self.submitting = False
        self.ok_button.setText(self.tr("Open request"))
        self.validate()

    # --- actions -------------------------------------------------------------------------------

    def _add_files(self) -> None:
        paths = open_files(self, "works", self.tr("Claimed files"))
        if paths:
            self.files.add_paths(paths)

    def ask_import_path(self) -> str:
        """The CSV/JSON file to import; tests replace this instead of driving a native dialog."""
        path = open_file(self, "import", self.tr("Import requests"), self.tr("Request lists (*.csv *.json)"))
        return path

    def _import(self) -> None:
        path = self.ask_import_path()
        if path:
            emit(self.import_requested, path)
            self.reject()
