"""Fixtures for certificate tests: one real workspace with ingested items, two issued certificates
and an inclusion report (built once per session; tests copy documents before changing them)."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Any

import pytest

from ledger_app.certificates.certificate import issue_removal_certificate
from ledger_app.certificates.report import issue_inclusion_report
from ledger_app.services import LedgerService
from ledger_app.services.workspace import Workspace

ORIGIN = "example.com/cert-test"
ISSUED = "2026-03-01T09:30:00Z"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Issued:
    """The session's workspace and everything issued from it."""

    def __init__(self, root: Path):
        self.root = root
        self.ledger = LedgerService(Workspace(root / "ws"), passphrase=lambda confirm: "pw")
        self.ledger.init(ORIGIN)
        self.vkey = self.ledger.vkey()
        self.key_id = self.ledger.unlock()[0].verifier.key_id.hex()
        self.items: list[dict[str, Any]] = []
        for i in range(7):
            item_id = f"photohost/shard-0000{i % 2}.tar#user_{i:04d}"
            digest = sha(f"photo {i}")
            res = self.ledger.append([("item.ingested", {"item": item_id, "sha256": digest, "corpus": "photohost",
                                                         "status": "admitted"})])
            self.items.append({"item_id": item_id, "sha256": digest, "entry_index": res.first_index})
        self.ledger.append([("run.recorded", {"model": "city-diffusion-v1", "corpus": "photohost", "checkpoint_size": 8})])
        self.cert = self.issue_certificate(request_id=1, items=self.items[:3])
        self.cert2 = self.issue_certificate(request_id=2, items=self.items[3:4])
        self.report = issue_inclusion_report(self.ledger, **self.report_inputs())

    def certificate_inputs(self, request_id: int, items: list[dict[str, Any]]) -> dict[str, Any]:
        removed = [{"item_id": it["item_id"], "sha256": it["sha256"], "corpus": "photohost",
                    "location": it["item_id"].split("/", 1)[1], "method": m, "score": s}
                   for it, (m, s) in zip(items, [("exact", "exact"), ("perceptual", "0.93"), ("account", "exact")] * 3,
                                         strict=False)]
        return {
            "request": {"id": request_id, "type": "gdpr", "received": "2026-02-01", "due_by": "2026-03-01",
                        "requester": {"commitment": sha(f"requester {request_id}"), "kind": "individual"}},
            "works": [{"kind": "account", "value": "(account, committed)"},
                      {"kind": "file", "value": items[0]["sha256"], "name": "beach.jpg"}],
            "removed_items": removed,
            "shards": [{"corpus": "photohost", "path": "shard-00000.tar", "sha256_before": sha("before"),
                        "sha256_after": sha("after")},
                       {"corpus": "photohost", "path": "single.jpg", "sha256_before": sha("single"), "sha256_after": None}],
            "affected_runs": [{"model": "city-diffusion-v1", "corpus": "photohost", "checkpoint_size": 8, "items_seen": 3}],
            "organisation": "Example Legal Team",
            "issued_at": ISSUED,
            "origin": ORIGIN,
            "key_id": self.key_id,
        }

    def issue_certificate(self, request_id: int, items: list[dict[str, Any]]) -> dict[str, Any]:
        return issue_removal_certificate(self.ledger, **self.certificate_inputs(request_id, items))

    def report_inputs(self) -> dict[str, Any]:
        a, b = self.items[4], self.items[5]

        def item(it: dict[str, Any], **kw: Any) -> dict[str, Any]:
            return {"item_id": it["item_id"], "corpus": "photohost", "location": it["item_id"].split("/", 1)[1],
                    "status": "admitted", "since": "2026-01-01T00:00:00Z", "license": None, "method": "exact",
                    "score": "exact", "entry_index": it["entry_index"], "sha256": it["sha256"], **kw}

        return {
            "queries": [
                {"query": {"kind": "file", "name": "harbour.jpg", "value": a["sha256"]}, "verdict": "included",
                 "items": [item(a)],
                 "near_copies": [item(b, method="perceptual", score="0.91", status="purged",
                                      purged_at="2026-02-20T10:00:00Z", request=1)]},
                {"query": {"kind": "url", "value": "https://example.org/never"}, "verdict": "not_found",
                 "items": [], "near_copies": []},
            ],
            "issued_at": ISSUED,
            "origin": ORIGIN,
            "key_id": self.key_id,
        }


@pytest.fixture(scope="session")
def issued(tmp_path_factory) -> Issued:
    return Issued(tmp_path_factory.mktemp("certs"))


@pytest.fixture()
def cert(issued) -> dict[str, Any]:
    return copy.deepcopy(issued.cert)


@pytest.fixture()
def report(issued) -> dict[str, Any]:
    return copy.deepcopy(issued.report)
