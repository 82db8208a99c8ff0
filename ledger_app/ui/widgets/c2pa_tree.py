"""A C2PA manifest store as a tree: the active manifest's assertions and ingredients, the
validation codes, then every other manifest, each node a JSON key with its value."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

MAX_CHILDREN = 200  # a hostile manifest may hold huge arrays; the tree shows the first ones


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return value if len(value) <= 200 else value[:199] + "…"
    return json.dumps(value, ensure_ascii=False)


def add_json(parent: QTreeWidgetItem, key: str, value: Any, depth: int = 0) -> QTreeWidgetItem:
    node = QTreeWidgetItem(parent, [str(key), ""])
    if isinstance(value, dict):
        node.setText(1, "{…}" if value else "{}")
        for k, v in list(value.items())[:MAX_CHILDREN]:
            if depth < 12:
                add_json(node, k, v, depth + 1)
    elif isinstance(value, list):
        node.setText(1, f"[{len(value)}]")
        for k, v in enumerate(value[:MAX_CHILDREN]):
            label = v.get("label") or v.get("title") or v.get("code") if isinstance(v, dict) else None
            if depth < 12:
                add_json(node, f"{k}: {label}" if label else str(k), v, depth + 1)
    else:
        node.setText(1, _scalar(value))
        node.setToolTip(1, str(value))
    return node


class ManifestTree(QTreeWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ManifestTree")
        self.setColumnCount(2)
        self.setUniformRowHeights(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Field"), self.tr("Value")])

    def show_manifest(self, store: dict | None, summary: dict | None) -> None:
        """`store` is item()["c2pa_manifest"] (the reader's JSON), `summary` item()["c2pa"]."""
        self.clear()
        root = self.invisibleRootItem()
        if summary:
            top = QTreeWidgetItem(root, [self.tr("Summary"), str(summary.get("state", ""))])
            for k, v in summary.items():
                add_json(top, k, v)
            top.setExpanded(True)
        if not store:
            QTreeWidgetItem(root, [self.tr("No C2PA manifest in this item"), ""])
            return
        manifests = store.get("manifests") or {}
        active = manifests.get(store.get("active_manifest") or "", {})
        sections = [
            (self.tr("Assertions"), active.get("assertions") or []),
            (self.tr("Ingredients"), active.get("ingredients") or []),
            (self.tr("Validation codes"), store.get("validation_status") or []),
        ]
        for title, value in sections:
            node = add_json(root, title, value)
            node.setExpanded(True)
        if active:
            sig = active.get("signature_info")
            if sig:
                add_json(root, self.tr("Signature"), sig)
            gen = active.get("claim_generator")
            if gen:
                QTreeWidgetItem(root, [self.tr("Claim generator"), str(gen)])
        if store.get("validation_results"):
            add_json(root, self.tr("Validation results"), store["validation_results"])
        others = {k: v for k, v in manifests.items() if k != store.get("active_manifest")}
        if others:
            add_json(root, self.tr("Other manifests"), others)
        self.resizeColumnToContents(0)

    def texts(self) -> list[str]:
        """Every first-column text, depth first (for tests and accessibility checks)."""
        out: list[str] = []

        def walk(item: QTreeWidgetItem) -> None:
            for i in range(item.childCount()):
                ch = item.child(i)
                out.append(ch.text(0))
                walk(ch)

        walk(self.invisibleRootItem())
        return out
