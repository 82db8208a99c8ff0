"""Rights check: a rights holder's files, hashes or URLs in, an answer per work out (included,
purged on a date, or not found), exportable as a signed JSON report with its PDF."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ledger_app.ui.file_dialogs import open_files, save_file
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.models.lists import InclusionResultsModel
from ledger_app.ui.pages import Page
from ledger_app.ui.prefs import Preferences
from ledger_app.ui.session import Session
from ledger_app.ui.tasks import Task
from ledger_app.ui.widgets.drop_list import DropFileList
from ledger_app.ui.widgets.labels import intro_label, status_label

if TYPE_CHECKING:
    from ledger_app.services.certificates import InclusionReport

_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")


class RightsPage(Page):
    def __init__(self, session: Session, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(session, prefs, "RightsPage", parent)
        self.model = InclusionResultsModel(parent=self)
        self.last_query: dict | None = None
        self.last_export: InclusionReport | None = None

        outer = self.outer
        self.intro = intro_label(self)
        outer.addWidget(self.intro)
        inputs = QSplitter(Qt.Orientation.Horizontal, self)
        fw = QWidget(inputs)
        fl = QVBoxLayout(fw)
        fl.setContentsMargins(0, 0, 0, 0)
        self.files_label = QLabel(fw)
        fl.addWidget(self.files_label)
        self.files = DropFileList(fw)
        self.files.setObjectName("RightsFiles")
        fl.addWidget(self.files, 1)
        fb = QHBoxLayout()
        self.add_button = QPushButton(icon(Icon.FOLDER), "", fw)
        self.clear_button = QPushButton(icon(Icon.CANCEL), "", fw)
        fb.addWidget(self.add_button)
        fb.addWidget(self.clear_button)
        fb.addStretch(1)
        fl.addLayout(fb)
        lw = QWidget(inputs)
        ll = QVBoxLayout(lw)
        ll.setContentsMargins(0, 0, 0, 0)
        self.links_label = QLabel(lw)
        ll.addWidget(self.links_label)
        self.links = QPlainTextEdit(lw)
        self.links.setObjectName("RightsLinks")
        self.links.setTabChangesFocus(True)  # a list of hashes and URLs has no use for a tab character
        ll.addWidget(self.links, 1)
        outer.addWidget(inputs)
        bar = QHBoxLayout()
        self.check_button = QPushButton(icon(Icon.VERIFY), "", self)
        self.check_button.setObjectName("CheckButton")
        self.export_button = QPushButton(icon(Icon.EXPORT), "", self)
        self.export_button.setObjectName("ExportReportButton")
        self.export_button.setEnabled(False)
        self.result = status_label(self, "RightsResult")
        bar.addWidget(self.check_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.result, 1)
        outer.addLayout(bar)
        self.table = QTableView(self)
        self.table.setObjectName("RightsTable")
        self.table.setTabKeyNavigation(False)  # Tab goes to the next control; arrows move between rows
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        outer.addWidget(self.table, 1)

        self.add_button.clicked.connect(self._add_files)
        self.clear_button.clicked.connect(self.files.clear)
        self.check_button.clicked.connect(self.check)
        self.export_button.clicked.connect(self.export)
        session.opened.connect(lambda: (self.model.set_rows([]), self.result.clear(), self.export_button.setEnabled(False)))
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Rights check"))
        self.intro.setText(self.tr(
            "Is a work in the corpus, or was it removed? Drop the files, or paste hashes and URLs; each work gets an "
            "answer — included, purged (with the date and certificate), or not found — and the answer can be "
            "exported as a signed report that anyone can verify offline."))
        self.files_label.setText(self.tr("Files (drop them here):"))
        self.links_label.setText(self.tr("SHA-256 hashes or URLs, one per line:"))
        self.add_button.setText(self.tr("Add files…"))
        self.clear_button.setText(self.tr("Clear"))
        self.check_button.setText(self.tr("Check"))
        self.export_button.setText(self.tr("Export signed report…"))
        self.model.retranslate(self.table.horizontalHeader())

    def _add_files(self) -> None:
        paths = open_files(self, "works", self.tr("Works to check"))
        if paths:
            self.files.add_paths(paths)

    def query(self) -> dict:
        lines = [s.strip() for s in self.links.toPlainText().splitlines() if s.strip()]
        return {
            "files": [str(p) for p in self.files.paths()],
            "hashes": [s.lower() for s in lines if _SHA256.match(s)],
            "urls": [s for s in lines if not _SHA256.match(s)],
        }

    def check(self) -> Task | None:
        services = self.session.services
        q = self.query()
        if services is None:
            return None
        if not any(q.values()):
            self.result.setText(self.tr("Give at least one file, hash or URL to check."))
            return None
        self.check_button.setEnabled(False)
        self.result.setText(self.tr("Checking…"))

        def work(p, c) -> InclusionReport:
            from ledger_app.services.certificates import inclusion_report

            return inclusion_report(services, **q)

        def done(res: InclusionReport) -> None:
            self.last_query = q
            rows = [r.to_json() for r in res.results]
            self.model.set_rows(rows)
            n = {v: sum(1 for r in rows if r["verdict"] == v) for v in ("included", "purged", "not_found")}
            self.result.setText(self.tr("{total} works checked: {i} included, {p} purged, {n} not found.").format(
                total=len(rows), i=n["included"], p=n["purged"], n=n["not_found"]))
            self.export_button.setEnabled(True)

        task = self.session.runner.run("rights check", work, on_success=done, error_parent=self)
        task.finished.connect(lambda: self.check_button.setEnabled(True))
        return task

    def ask_save_path(self, suggested: str) -> str:
        """The report file to write; tests replace this instead of driving a native dialog."""
        path = save_file(self, "report", self.tr("Save signed inclusion report"), suggested,
                         self.tr("Reports (*.json)"))
        return path

    def export(self) -> Task | None:
        services, q = self.session.services, self.last_query
        if services is None or q is None:
            return None
        path = self.ask_save_path("inclusion-report.json")
        if not path:
            return None
        out = Path(path)
        pdf = out.with_suffix(".pdf")
        from ledger_app.ui.i18n import current_language

        language = current_language()

        def work(p, c) -> InclusionReport:
            from ledger_app.services.certificates import inclusion_report

            return inclusion_report(services, **q, out=out, pdf=pdf, language=language)

        def done(res: InclusionReport) -> None:
            self.last_export = res
            self.result.setText(self.tr("Signed report written to {file} and {pdf} (ledger entry {entry}).").format(
                file=res.file, pdf=pdf, entry=res.entry))
            self.session.notify_appended()

        # The report is recorded in the ledger: a write.
        return self.session.runner.run("rights report", work, writes=True, on_success=done, error_parent=self)
