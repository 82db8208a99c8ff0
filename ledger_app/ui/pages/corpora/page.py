"""Corpora & items: register a corpus, ingest it (progress, cancel), browse and filter its items
in a paging table, and inspect one item: thumbnail, C2PA manifest tree, training permissions,
ledger entry with inclusion proof.

The register dialog is register_dialog.py; the item detail beside the table is item_detail.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QWidget,
)

from ledger_app.core.errors import LedgerAppError
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.models.items import ItemsModel, c2pa_text, status_text
from ledger_app.ui.pages import Page
from ledger_app.ui.pages.corpora.item_detail import CorpusItemDetail
from ledger_app.ui.pages.corpora.register_dialog import RegisterCorpusDialog
from ledger_app.ui.prefs import Preferences
from ledger_app.ui.session import Session
from ledger_app.ui.tasks import Task
from ledger_app.ui.widgets.task_table import TaskStrip, data_table


class CorporaPage(CorpusItemDetail, Page):
    def __init__(self, session: Session, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(session, prefs, "CorporaPage", parent)
        self.ingest_task: Task | None = None
        self.last_report = None
        self.model = ItemsModel(None, self, runner=session.runner)  # indexes a large workspace in the background

        outer = self.outer

        bar = QHBoxLayout()
        self.corpus_label = QLabel(self)
        self.corpus_combo = QComboBox(self)
        self.corpus_combo.setObjectName("CorpusCombo")
        self.corpus_label.setBuddy(self.corpus_combo)
        self.register_button = QPushButton(icon(Icon.FOLDER), "", self)
        self.register_button.setObjectName("RegisterButton")
        self.ingest_button = QPushButton(icon(Icon.REFRESH), "", self)
        self.ingest_button.setObjectName("IngestButton")
        for w in (self.corpus_label, self.corpus_combo, self.register_button, self.ingest_button):
            bar.addWidget(w)
        bar.addStretch(1)
        outer.addLayout(bar)
        self.task_strip = TaskStrip(self, progress_name="IngestProgress", cancel_name="CancelIngestButton",
                                    status_name="IngestResult", progress_text=lambda: self.tr("%v of %m shards"))
        self.progress = self.task_strip.progress
        self.cancel_button = self.task_strip.cancel_button
        self.result = self.task_strip.status
        outer.addWidget(self.task_strip)

        filters = QHBoxLayout()
        self.status_filter = QComboBox(self)
        self.status_filter.setObjectName("StatusFilter")
        self.media_filter = QComboBox(self)
        self.media_filter.setObjectName("MediaFilter")
        self.c2pa_filter = QComboBox(self)
        self.c2pa_filter.setObjectName("C2paFilter")
        self.license_filter = QLineEdit(self)
        self.license_filter.setObjectName("LicenseFilter")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("SearchEdit")
        self.search_edit.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("ItemCount")
        self.model.modelReset.connect(self._update_count)  # a background index arrives as a reset
        # Compact combos: the window must still fit a small screen (the page's minimum width).
        for combo in (self.corpus_combo, self.status_filter, self.media_filter, self.c2pa_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(11)
        self.corpus_combo.setMinimumContentsLength(12)
        self.license_filter.setMaximumWidth(110)
        for w in (self.status_filter, self.media_filter, self.c2pa_filter):
            filters.addWidget(w)
        filters.addStretch(1)
        outer.addLayout(filters)
        search = QHBoxLayout()
        search.addWidget(self.license_filter)
        search.addWidget(self.search_edit, 1)
        search.addWidget(self.count_label)
        outer.addLayout(search)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = data_table(self.splitter, "ItemsTable", self.model, paged=True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(ItemsModel.COL_ID, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 84), (2, 84), (3, 96), (4, 70), (5, 110)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_item(cur.row()))

        self._build_detail()
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([680, 380])
        outer.addWidget(self.splitter, 1)
        self.current_item: dict | None = None

        self.register_button.clicked.connect(self.open_register_dialog)
        self.ingest_button.clicked.connect(self.start_ingest)
        self.corpus_combo.currentIndexChanged.connect(self.apply_filters)
        for combo in (self.status_filter, self.media_filter, self.c2pa_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.license_filter.editingFinished.connect(self.apply_filters)
        self.search_edit.returnPressed.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda t: self.apply_filters() if not t else None)
        session.opened.connect(self.reload)
        session.data_changed.connect(self.refresh)
        self.retranslate()

    def _fill_combo(self, combo: QComboBox, entries: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for value, text in entries:
            combo.addItem(text, value)
        k = combo.findData(current)
        combo.setCurrentIndex(k if k >= 0 else 0)
        combo.blockSignals(False)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Corpora & items"))
        self.corpus_label.setText(self.tr("Corpus:"))
        self.register_button.setText(self.tr("Register corpus…"))
        self.ingest_button.setText(self.tr("Ingest"))
        self.ingest_button.setToolTip(self.tr("Read every new item of the selected corpus into the ledger."))
        self.cancel_button.setText(self.tr("Cancel"))
        self.task_strip.retranslate()
        self._fill_combo(self.status_filter, [("", self.tr("Any status"))]
                         + [(s, status_text(s)) for s in ("admitted", "quarantined", "refused", "purged")])
        self._fill_combo(self.media_filter, [("", self.tr("Any media type")), ("image/*", self.tr("Images")),
                                             ("text/*", self.tr("Text"))])
        self._fill_combo(self.c2pa_filter, [("", self.tr("Any C2PA state"))]
                         + [(s, c2pa_text(s)) for s in ("none", "Valid", "Trusted", "Invalid", "unreadable", "remote")])
        self.license_filter.setPlaceholderText(self.tr("Licence"))
        self.search_edit.setPlaceholderText(self.tr("Search item ID, source URL or SHA-256 (Enter)"))
        self.detail.setTabText(0, self.tr("Item"))
        self.detail.setTabText(1, self.tr("C2PA manifest"))
        self.detail.setTabText(2, self.tr("Ledger entry"))
        self.permissions_title.setText(self.tr("Training permissions"))
        self.manifest.retranslate()
        self.model.retranslate(self.table.horizontalHeader())
        self._reload_corpora()
        self._update_count()
        if self.current_item is not None:
            self._render_item(self.current_item)
        else:
            self.facts.setText(self.tr("Select an item to see its details."))

    def _reload_corpora(self) -> None:
        services = self.session.services
        corpora = []
        if services is not None and self.session.has_ledger():
            try:
                corpora = services.corpus.list_corpora()
            except LedgerAppError:
                corpora = []
        self._fill_combo(self.corpus_combo, [("", self.tr("All corpora"))]
                         + [(c.name, self.tr("{name} ({items} items, {fmt})").format(
                             name=c.name, items=f"{c.items:,}", fmt=c.format)) for c in corpora])
        self.ingest_button.setEnabled(bool(corpora) and self.ingest_task is None)

    def reload(self) -> None:
        self.current_item = None
        self.result.clear()
        self._reload_corpora()
        ok = self.session.services is not None and self.session.has_ledger()
        self.register_button.setEnabled(ok)
        self.model.set_source(self.session.services.corpus if ok else None)
        self.apply_filters()

    def refresh(self) -> None:
        self._reload_corpora()
        self.model.refresh()
        self._update_count()

    def apply_filters(self) -> None:
        if self.session.services is None:
            return
        self.model.set_filters(
            corpus=self.corpus_combo.currentData(),
            status=self.status_filter.currentData(),
            media_type=self.media_filter.currentData(),
            c2pa_state=self.c2pa_filter.currentData(),
            license=self.license_filter.text().strip(),
            search=self.search_edit.text().strip(),
        )
        self._update_count()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{n} items").format(n=f"{self.model.rowCount():,}"))

    def select_corpus(self, name: str) -> None:
        k = self.corpus_combo.findData(name)
        if k >= 0:
            self.corpus_combo.setCurrentIndex(k)

    def make_register_dialog(self) -> RegisterCorpusDialog:
        return RegisterCorpusDialog(self)

    def open_register_dialog(self) -> RegisterCorpusDialog:
        dialog = self.make_register_dialog()
        self.register_dialog = dialog
        dialog.accepted.connect(lambda: self.register(**dialog.values()))
        dialog.open()
        return dialog

    def register(self, name: str, path: Path, fmt: str = "auto", license: str | None = None,
                 batch: str | None = None) -> Task | None:
        services = self.session.services
        if services is None:
            return None

        def done(res) -> None:  # a RegisteredCorpus
            self.result.setText(self.tr("Registered corpus {name} ({fmt}, {shards} shards). Ingest it to read its items.")
                                .format(name=res.name, fmt=res.format, shards=res.shards))
            self.session.notify_data_changed()
            self.select_corpus(res.name)

        return self.session.runner.run(
            "register",
            lambda p, c: services.corpus.add_corpus(name, path, fmt, license=license, batch=batch),
            writes=True, on_success=done, error_parent=self,
        )

    def start_ingest(self) -> None:
        services = self.session.services
        name = self.corpus_combo.currentData()
        if services is None or self.ingest_task is not None:
            return
        if not name:
            corpora = [self.corpus_combo.itemData(k) for k in range(1, self.corpus_combo.count())]
            if len(corpora) != 1:
                self.result.setText(self.tr("Choose the corpus to ingest."))
                return
            name = corpora[0]
        self.ingest_button.setEnabled(False)
        self.result.setText(self.tr("Ingesting {name}…").format(name=name))
        self.ingest_task = self.session.runner.run(
            "ingest",
            lambda p, c: services.corpus.ingest(name, progress=p, cancelled=c),
            writes=True,
            on_success=self._ingest_done,
            on_cancelled=lambda: self.result.setText(self.tr("Ingest cancelled; run it again to continue.")),
            error_parent=self,
        )
        self.task_strip.start(self.ingest_task)  # busy until the first report, then "n of m shards"
        self.ingest_task.finished.connect(self._ingest_finished)

    def cancel_ingest(self) -> None:
        self.task_strip.cancel()

    def _ingest_done(self, report) -> None:  # an IngestReport
        self.last_report = report
        by_status = ", ".join(f"{status_text(s)}: {n:,}" for s, n in sorted(report.by_status.items())) or "—"
        if report.cancelled:
            text = self.tr("Ingest cancelled after {n} new items; run it again to continue.").format(n=report.items_new)
        else:
            text = self.tr("Ingested {new} new items in {sec:.1f} s ({skipped} shards unchanged). {by_status}").format(
                new=f"{report.items_new:,}", sec=report.seconds, skipped=report.shards_skipped, by_status=by_status)
        self.result.setText(text)

    def _ingest_finished(self) -> None:
        self.ingest_task = None
        self.session.notify_data_changed()
        self.ingest_button.setEnabled(True)
