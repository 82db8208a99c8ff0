"""The signed inclusion report: "is my work in there?", answered per queried work, provably.

Why this exists: a rights holder asks about *their* works. The report answers each query (a file's
SHA-256, a hash, or a normalised URL — never the file's bytes) with a verdict (included, purged,
not_found), the matched items and near copies, and for every matched item a tlog-proof of its
`item.ingested` ledger entry against the report's own checkpoint, so each answer checks offline.

The privacy rule: a report reveals nothing about other people's works. It holds only what the
caller (the inclusion check) passes for the queried works, and this module refuses any field outside
the documented whitelist below — no listings, no thumbnails, no metadata of unrelated items.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ledger_app.certificates.document import DocumentLedger, checkpoint_of, entry_proof, issue_document
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, refused, said_of, say
from ledger_app.ledger.documents import (
    DOCUMENT_VERSION,
    KIND_REPORT,
    NotCanonicalError,
    canonical_bytes,
    report_items,
)

QUERY_KINDS = frozenset({"file", "hash", "url"})
QUERY_KEYS = frozenset({"kind", "value", "name"})  # name: the file name the rights holder gave
VERDICTS = frozenset({"included", "purged", "not_found"})
ITEM_REQUIRED = ("item_id", "corpus", "location", "status", "method", "score", "entry_index")
ITEM_KEYS = frozenset(
    {
        *ITEM_REQUIRED,
        "sha256",
        "since",
        "license",
        "purged_at",
        "request",
        "certificate",
        "certificate_entry",
        "region",  # a partial copy: {"item_covered": "NN%", "work_covered": "NN%"}
        "stored",  # true: an item of the fingerprint store; entry_index names its shard's manifest
    }
)
REGION_KEYS = frozenset({"item_covered", "work_covered"})
_PERCENT = re.compile(r"(100|[1-9]?[0-9])%")
ITEM_STATUSES = frozenset({"admitted", "quarantined", "purged", "refused"})


def _hex64(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _item(raw: Any, where: Said) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} is not an object"), where=where)
    missing = [k for k in ITEM_REQUIRED if k not in raw]
    if missing:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} lacks {keys}"), where=where, keys=", ".join(missing))
    extra = sorted(set(raw) - ITEM_KEYS)
    if extra:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} carries {keys}, which an inclusion report never reveals"), where=where,
                      keys=", ".join(extra))
    if raw["status"] not in ITEM_STATUSES:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} has the unknown status {status}"), where=where, status=repr(raw["status"]))
    if type(raw["entry_index"]) is not int or raw["entry_index"] < 0:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} has no valid ledger entry_index"), where=where)
    if not isinstance(raw["score"], str):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} has a score that is not a string such as \"0.93\""), where=where)
    if "stored" in raw and raw["stored"] is not True:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} has a stored flag that is not true"), where=where)
    if "sha256" in raw and not _hex64(raw["sha256"]):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} has a sha256 that is not lowercase hex"), where=where)
    if "region" in raw:
        region = raw["region"]
        if (
            not isinstance(region, dict)
            or set(region) != REGION_KEYS
            or not all(isinstance(v, str) and _PERCENT.fullmatch(v) for v in region.values())
        ):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} has a region that is not {{item_covered, work_covered}} as whole per "
                                                             "cents"), where=where)
    return dict(raw)


def _query_result(raw: Any, n: int) -> dict[str, Any]:
    where = say(QT_TRANSLATE_NOOP("ServiceMessage", "query {n}"), n=n)
    if not isinstance(raw, dict) or set(raw) - {"query", "verdict", "items", "near_copies"}:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} is an object of query, verdict, items and near_copies only"), where=where)
    q = raw.get("query")
    if not isinstance(q, dict) or q.get("kind") not in QUERY_KINDS or not isinstance(q.get("value"), str):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} needs a query {{kind: file|hash|url, value}}"), where=where)
    extra = sorted(set(q) - QUERY_KEYS)
    if extra:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} carries {keys}; a query is its kind, value and file name only"), where=where,
                      keys=", ".join(extra))
    if q["kind"] in ("file", "hash") and not _hex64(q["value"]):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where}: a {kind} query is given by its lowercase hex SHA-256, never by its "
                                                          "bytes"), where=where, kind=q["kind"])
    if raw.get("verdict") not in VERDICTS:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} has the verdict {verdict}; expected included, purged or not_found"),
                      where=where, verdict=repr(raw.get("verdict")))
    items = [_item(it, say(QT_TRANSLATE_NOOP("ServiceMessage", "item {k} of {query}"), k=k, query=where))
             for k, it in enumerate(raw.get("items") or [], 1)]
    near = [_item(it, say(QT_TRANSLATE_NOOP("ServiceMessage", "near copy {k} of {query}"), k=k, query=where))
            for k, it in enumerate(raw.get("near_copies") or [], 1)]
    if raw["verdict"] == "not_found" and (items or near):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} is not_found yet lists matches"), where=where)
    if raw["verdict"] != "not_found" and not (items or near):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{where} is {verdict} without any matched item"), where=where, verdict=raw["verdict"])
    return {"query": dict(q), "verdict": raw["verdict"], "items": items, "near_copies": near}


def build_inclusion_report(
    *, queries: list[dict[str, Any]], issued_at: str, origin: str, key_id: str, report_id: str | None = None
) -> dict[str, Any]:
    """The report's body (unsigned). `report_id` defaults to a random 128-bit hex ID: the ledger
    entry names the report by it, so the entry reveals nothing about what was asked."""
    if not queries:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "an inclusion report answers at least one query"))
    body = {
        "version": DOCUMENT_VERSION,
        "kind": KIND_REPORT,
        "id": report_id or os.urandom(16).hex(),
        "issued_at": issued_at,
        "ledger": {"origin": origin, "key_id": key_id},
        "queries": [_query_result(q, n) for n, q in enumerate(queries, 1)],
    }
    try:
        canonical_bytes(body)
    except NotCanonicalError as exc:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the report cannot be signed: {problem}"),
                      problem=said_of(exc)) from None
    return body


def issue_inclusion_report(
    ledger: DocumentLedger, *, queries: list[dict[str, Any]], issued_at: str, origin: str, key_id: str,
    report_id: str | None = None, stored_proofs: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Build, sign and record (`report.issued`) the report, then attach `item_proofs`: one
    tlog-proof per matched item's `item.ingested` entry against the report's own checkpoint (for an
    item of the fingerprint store, its shard's `shard.manifest` entry), and `stored_item_proofs`:
    each stored item's leaf in its shard's tree (`stored_proofs`, from services/stored.py)."""
    from ledger_app.ledger.entries import decode_entry

    body = build_inclusion_report(queries=queries, issued_at=issued_at, origin=origin, key_id=key_id, report_id=report_id)
    # Check the entries before anything is signed or appended: a wrong index must not produce a report.
    for it in report_items(body):
        e = decode_entry(ledger.ws.store.entry(it["entry_index"]).leaf, index=it["entry_index"])
        if it.get("stored"):
            if e.type != "shard.manifest" or it["item_id"] not in (stored_proofs or {}):
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {index} is not the shard manifest of stored item "
                                                                "{item}, or the item has no proof in its shard"),
                              index=it["entry_index"], item=it["item_id"])
        elif e.type != "item.ingested" or e.payload.get("item") != it["item_id"]:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {index} is not the item.ingested entry of item {item}"),
                          index=it["entry_index"], item=it["item_id"])
    doc = issue_document(ledger, body, entry_type="report.issued", payload_extra={"subject": body["id"]})
    size, checkpoint = checkpoint_of(doc)
    indexes = sorted({it["entry_index"] for it in report_items(body)})
    doc["item_proofs"] = [entry_proof(ledger, i, size, checkpoint) for i in indexes]
    if stored_proofs:
        wanted = {it["item_id"] for it in report_items(body) if it.get("stored")}
        doc["stored_item_proofs"] = {k: v for k, v in sorted(stored_proofs.items()) if k in wanted}
    return doc
