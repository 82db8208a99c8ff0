"""The Corpora page's item detail: the selected item's thumbnail and facts (status with its reason in
the interface's language), its training permissions, its C2PA manifest tree, and its ledger entry
with the inclusion proof."""

from __future__ import annotations

import base64
import json

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app.core.errors import LedgerAppError
from ledger_app.ui import metrics
from ledger_app.ui.errors import error_text
from ledger_app.ui.models import RecordRole
from ledger_app.ui.models.items import c2pa_text, status_text
from ledger_app.ui.reason_text import reason_text
from ledger_app.ui.widgets.c2pa_tree import ManifestTree
from ledger_app.ui.widgets.fact_text import FactText

THUMB_SIDE = 220


class CorpusItemDetail:
    """A part of CorporaPage (page.py), which holds the state these methods share."""

    def _build_detail(self) -> None:
        """The tabs beside the items table: item, C2PA manifest, ledger entry."""
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
            details = services.corpus.item(rec.id)
            item = details.to_json()  # the panel shows the item's JSON form
            item["reason_said"] = details.reason_said
            item["thumbnail"] = services.corpus.thumbnail(rec.id)
        except LedgerAppError as exc:
            self.facts.setText(error_text(exc))
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
            (self.tr("Status"), status_text(item["status"]) + (f" — {reason_text(item.get('reason_said'), item['status_reason'])}" if item.get("status_reason") else "")),
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
        proof = item.get("entry_proof") or {}
        if "shard_proof" in proof:  # a fingerprint-store item: its two-level proof (services/stored.py)
            lines += [
                self.tr("Fingerprint store: shard manifest in ledger entry {index} (shard.manifest)").format(
                    index=item["entry_index"]),
                self.tr("Leaf {leaf} of the {size} in the shard's tree; its proof in that tree:").format(
                    leaf=proof["shard_index"], size=proof["shard_size"]),
                *[f"  {i}: {base64.b64decode(h).hex()}" for i, h in enumerate(proof["shard_proof"])],
                self.tr("The manifest entry's proof in the ledger (c2sp.org/tlog-proof):"),
                proof["tlog_proof"].rstrip("\n"),
            ]
        elif item.get("entry_index") is None:
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
