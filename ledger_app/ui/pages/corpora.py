"""Corpora & items: register a corpus, ingest it (progress, cancel), browse and filter its items
in a paging table, and inspect one item: thumbnail, C2PA manifest tree, training permissions,
ledger entry with inclusion proof."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app.core.errors import LedgerAppError
from ledger_app.ui import metrics
from ledger_app.ui.file_dialogs import existing_dir, open_file
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.models import RecordRole
from ledger_app.ui.models.items import ItemsModel, c2pa_text, status_text
from ledger_app.ui.pages import title_label
from ledger_app.ui.prefs import Preferences
from ledger_app.ui.reason_text import reason_text
from ledger_app.ui.session import Session
from ledger_app.ui.tasks import Task
from ledger_app.ui.widgets.c2pa_tree import ManifestTree
from ledger_app.ui.widgets.fact_text import FactText

FORMATS = ("auto", "folder", "webdataset", "jsonl", "parquet")
THUMB_SIDE = 220


def detect(path: str) -> str | None:
    """The corpus format the adapters recognise at `path`, or None (shown while the user picks)."""
    if not path or not Path(path).exists():
        return None
    try:
        from ledger_app.corpus import detect_format

        return detect_format(Path(path))
    except LedgerAppError:
        return None


class RegisterCorpusDialog(QDialog):
    """Name, location (a file or a folder), format (detected), optional licence and batch."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("RegisterCorpusDialog")
        self.setWindowTitle(self.tr("Register a corpus"))
        self.resize(560, 0)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.path_edit = QLineEdit(self)
        self.file_button = QPushButton(self.tr("File…"), self)
        self.folder_button = QPushButton(icon(Icon.FOLDER), self.tr("Folder…"), self)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.file_button)
        row.addWidget(self.folder_button)
        self.format_combo = QComboBox(self)
        for f in FORMATS:
            self.format_combo.addItem(self.tr("detect automatically") if f == "auto" else f, f)
        self.detected = QLabel(self)
        self.detected.setObjectName("DetectedFormat")
        self.license_edit = QLineEdit(self)
        self.license_edit.setPlaceholderText(self.tr("optional: a licence added with `ledger license add`"))
        self.batch_edit = QLineEdit(self)
        self.batch_edit.setPlaceholderText(self.tr("optional: acquisition batch"))
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Location:"), row)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow("", self.detected)
        form.addRow(self.tr("Licence:"), self.license_edit)
        form.addRow(self.tr("Batch:"), self.batch_edit)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Register"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.file_button.clicked.connect(self._pick_file)
        self.folder_button.clicked.connect(self._pick_folder)
        self.path_edit.textChanged.connect(self._update)
        self.name_edit.textChanged.connect(self._update)
        self._update()

    def _pick_file(self) -> None:
        path = open_file(self, "corpus", self.tr("Choose a corpus file (tar shard, JSONL, Parquet)"))
        if path:
            self.path_edit.setText(path)

    def _pick_folder(self) -> None:
        path = existing_dir(self, "corpus", self.tr("Choose a corpus folder"))
        if path:
            self.path_edit.setText(path)

    def _update(self) -> None:
        path = self.path_edit.text().strip()
        fmt = detect(path)
        if not path:
            self.detected.setText(self.tr("Pick a folder of files, WebDataset tar shards, JSONL or Parquet."))
        elif fmt is None:
            self.detected.setText(self.tr("No corpus format recognised at this location."))
        else:
            self.detected.setText(self.tr("Detected format: {fmt}").format(fmt=fmt))
        if path and not self.name_edit.text().strip() and self.name_edit.isModified() is False:
            self.name_edit.setText(Path(path).stem)
        ok = bool(self.name_edit.text().strip()) and (fmt is not None or self.format_combo.currentData() != "auto")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> dict:
        return {
            "name": self.name_edit.text().strip(),
            "path": Path(self.path_edit.text().strip()),
            "fmt": self.format_combo.currentData(),
            "license": self.license_edit.text().strip() or None,
            "batch": self.batch_edit.text().strip() or None,
        }


class CorporaPage(QWidget):
    def __init__(self, session: Session, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CorporaPage")
        self.session = session
        self.prefs = prefs
        self.ingest_task: Task | None = None
        self.last_report = None
        self.model = ItemsModel(None, self, runner=session.runner)  # indexes a large workspace in the background

        outer = QVBoxLayout(self)
        outer.setContentsMargins(metrics.MARGIN, metrics.MARGIN, metrics.MARGIN, metrics.MARGIN)
        outer.setSpacing(metrics.SPACING)
        self.title = title_label(self)
        outer.addWidget(self.title)

        bar = QHBoxLayout()
        self.corpus_label = QLabel(self)
        self.corpus_combo = QComboBox(self)
        self.corpus_combo.setObjectName("CorpusCombo")
        self.corpus_label.setBuddy(self.corpus_combo)
        self.register_button = QPushButton(icon(Icon.FOLDER), "", self)
        self.register_button.setObjectName("RegisterButton")
        self.ingest_button = QPushButton(icon(Icon.REFRESH), "", self)
        self.ingest_button.setObjectName("IngestButton")
        self.cancel_button = QPushButton(icon(Icon.CANCEL), "", self)
        self.cancel_button.setObjectName("CancelIngestButton")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("IngestProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # no "0%" while idle; shown while ingest reports progress
        for w in (self.corpus_label, self.corpus_combo, self.register_button, self.ingest_button):
            bar.addWidget(w)
        bar.addStretch(1)
        outer.addLayout(bar)
        prow = QHBoxLayout()
        prow.addWidget(self.progress, 1)
        prow.addWidget(self.cancel_button)
        outer.addLayout(prow)
        self.result = QLabel(self)
        self.result.setObjectName("IngestResult")
        self.result.setWordWrap(True)
        outer.addWidget(self.result)

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
        self.table = QTableView(self.splitter)
        self.table.setObjectName("ItemsTable")
        self.table.setTabKeyNavigation(False)  # Tab goes to the next control; arrows move between rows
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(ItemsModel.COL_ID, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 84), (2, 84), (3, 96), (4, 70), (5, 110)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_item(cur.row()))

        self.detail = QTabWidget(self.splitter)
        self.detail.setObjectName("ItemDetail")
        self.detail.setMinimumWidth(metrics.DETAIL_MIN_WIDTH)
        ov = QWidget(self.detail)
        ol = QVBoxLayout(ov)
        self.thumb = QLabel(ov)
        self.thumb.setObjectName("ItemThumbnail")
        self.thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumb.setMinimumHeight(THUMB_SIDE // 2)
        ol.addWidget(self.thumb)
        self.facts = FactText(ov)  # hashes and URLs wrap instead of being cut off at the edge
        self.facts.setObjectName("ItemFacts")
        ol.addWidget(self.facts)
        self.permissions_title = QLabel(ov)
        self.permissions_title.setObjectName("CardTitle")
        ol.addWidget(self.permissions_title)
        self.permissions = QLabel(ov)
        self.permissions.setObjectName("TrainingPermissions")
        self.permissions.setWordWrap(True)
        ol.addWidget(self.permissions)
        ol.addStretch(1)
        self.detail.addTab(ov, "")
        self.manifest = ManifestTree(self.detail)
        self.detail.addTab(self.manifest, "")
        self.entry_text = QPlainTextEdit(self.detail)
        self.entry_text.setObjectName("ItemEntry")
        self.entry_text.setReadOnly(True)
        self.detail.addTab(self.entry_text, "")
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([680, 380])
        outer.addWidget(self.splitter, 1)
        self.current_item: dict | None = None

        self.register_button.clicked.connect(self.open_register_dialog)
        self.ingest_button.clicked.connect(self.start_ingest)
        self.cancel_button.clicked.connect(self.cancel_ingest)
        self.corpus_combo.currentIndexChanged.connect(self.apply_filters)
        for combo in (self.status_filter, self.media_filter, self.c2pa_filter):
            combo.currentIndexChanged.connect(self.apply_filters)
        self.license_filter.editingFinished.connect(self.apply_filters)
        self.search_edit.returnPressed.connect(self.apply_filters)
        self.search_edit.textChanged.connect(lambda t: self.apply_filters() if not t else None)
        session.opened.connect(self.reload)
        session.data_changed.connect(self.refresh)
        self.retranslate()

    # --- strings -----------------------------------------------------------------------------

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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading -----------------------------------------------------------------------------

    def _reload_corpora(self) -> None:
        services = self.session.services
        corpora = []
        if services is not None and self.session.has_ledger():
            try:
                corpora = services.corpus.list_corpora()
            except LedgerAppError:
                corpora = []
        self._fill_combo(self.corpus_combo, [("", self.tr("All corpora"))]
                         + [(c["name"], self.tr("{name} ({items} items, {fmt})").format(
                             name=c["name"], items=f"{c['items']:,}", fmt=c["format"])) for c in corpora])
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

    # --- registering and ingest --------------------------------------------------------------

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

        def done(res: dict) -> None:
            self.result.setText(self.tr("Registered corpus {name} ({fmt}, {shards} shards). Ingest it to read its items.")
                                .format(name=res["name"], fmt=res["format"], shards=res["shards"]))
            self.session.notify_data_changed()
            self.select_corpus(res["name"])

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
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.result.setText(self.tr("Ingesting {name}…").format(name=name))
        self.ingest_task = self.session.runner.run(
            "ingest",
            lambda p, c: services.corpus.ingest(name, progress=p, cancelled=c),
            writes=True,
            on_progress=self._ingest_progress,
            on_success=self._ingest_done,
            on_cancelled=lambda: self.result.setText(self.tr("Ingest cancelled; run it again to continue.")),
            error_parent=self,
        )
        self.ingest_task.finished.connect(self._ingest_finished)

    def cancel_ingest(self) -> None:
        if self.ingest_task is not None:
            self.ingest_task.cancel()
            self.cancel_button.setEnabled(False)

    def _ingest_progress(self, done: int, total: int) -> None:
        self.progress.setTextVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%v of %m shards"))

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
        self.cancel_button.setEnabled(False)
        self.session.notify_data_changed()
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)
        self.ingest_button.setEnabled(True)

    # --- item detail -------------------------------------------------------------------------

    def select_row(self, row: int) -> None:
        mi = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            mi, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(mi)

    def show_item(self, row: int) -> None:
        services = self.session.services
        rec = self.model.index(row, 0).data(RecordRole) if row >= 0 else None
        if services is None or rec is None:
            return
        # item() and thumbnail() are a few indexed reads and an O(log n) proof: fine on this thread.
        try:
            item = services.corpus.item(rec["id"])
            item["thumbnail"] = services.corpus.thumbnail(rec["id"])
        except LedgerAppError as exc:
            self.facts.setText(str(exc))
            return
        self.current_item = item
        self._render_item(item)

    def _render_item(self, item: dict) -> None:
        thumb = item.get("thumbnail")
        pix = QPixmap()
        if thumb and pix.loadFromData(thumb):
            self.thumb.setPixmap(pix.scaled(THUMB_SIDE, THUMB_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.SmoothTransformation))
        else:
            self.thumb.clear()
            self.thumb.setText(self.tr("No thumbnail (not an image, or purged)"))
        c2pa = item.get("c2pa") or {}
        rows = [
            (self.tr("Item"), item["id"]),
            (self.tr("Corpus"), item["corpus"]),
            (self.tr("Location"), item["location"]),
            (self.tr("Media type"), item["media_type"]),
            (self.tr("Status"), status_text(item["status"]) + (f" — {reason_text(item['status_reason'])}" if item.get("status_reason") else "")),
            (self.tr("SHA-256"), item["sha256"] or "—"),
            (self.tr("Source URL"), item.get("source_url") or "—"),
            (self.tr("Licence"), item.get("license") or "—"),
            (self.tr("C2PA"), c2pa_text(c2pa.get("state", "none"))
             + (f" ({', '.join(c2pa.get('failure_codes') or [])})" if c2pa.get("failure_codes") else "")),
            (self.tr("Signer"), c2pa.get("signer") or "—"),
            (self.tr("AI-generated"), self.tr("yes") if c2pa.get("ai_generated") else self.tr("no")),
        ]
        from html import escape

        self.facts.setText("<table>" + "".join(
            f"<tr><td><b>{escape(k)}</b>&nbsp;</td><td>{escape(str(v))}</td></tr>" for k, v in rows) + "</table>")
        perms = c2pa.get("training_mining") or {}
        names = {"allowed": self.tr("allowed"), "notAllowed": self.tr("not allowed"), "constrained": self.tr("constrained")}
        if perms:
            self.permissions.setText("\n".join(f"{k}: {names.get(v, v)}" for k, v in sorted(perms.items())))
        else:
            self.permissions.setText(self.tr("None declared (no C2PA training-and-data-mining assertion)."))
        self.manifest.show_manifest(item.get("c2pa_manifest"), c2pa)
        lines = []
        if item.get("entry_index") is None:
            lines.append(self.tr("This item has no ledger entry."))
        else:
            lines.append(self.tr("Ledger entry {index} (item.ingested)").format(index=item["entry_index"]))
            proof = item.get("entry_proof")
            if proof:
                lines += [
                    self.tr("Inclusion proof in the tree of {size} entries:").format(size=proof["tree_size"]),
                    self.tr("Leaf hash: {hash}").format(hash=proof["leaf_hash"]),
                    self.tr("Root hash: {root}").format(root=proof["root_hash"]),
                    *[f"  {i}: {h}" for i, h in enumerate(proof["proof"])],
                ]
        if item.get("metadata"):
            lines += ["", self.tr("Metadata:"), json.dumps(item["metadata"], indent=2, ensure_ascii=False)]
        self.entry_text.setPlainText("\n".join(lines))
