"""The removal certificate: what a requester receives after a purge.

Why this exists: "removed in version 2.1" proves nothing. The certificate states, in a signed and
ledger-recorded document, which request was honoured, which items (by content hash, never content)
left which shards (SHA-256 of each shard before and after), how each was found, and — honestly —
which training runs had already seen them: removal from the dataset and from all future training,
not from weights already trained.

Personal data: the requester appears as the name they gave (organisations) or as the ledger's
commitment to their details (individuals), nothing more; the builder refuses any other requester
field.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ledger_app.certificates.document import DocumentLedger, issue_document
from ledger_app.core.errors import UserError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused, said_of
from ledger_app.ledger.documents import DOCUMENT_VERSION, KIND_CERTIFICATE, NotCanonicalError, canonical_bytes

REQUEST_KEYS = ("id", "type", "received", "due_by", "requester")
REQUESTER_KEYS = frozenset({"name", "commitment", "kind"})
ITEM_KEYS = ("item_id", "sha256", "corpus", "location", "method", "score")
SHARD_KEYS = ("path", "sha256_before", "sha256_after")
RUN_KEYS = ("model", "corpus", "checkpoint_size")
RELEASE_KEYS = ("name", "kind", "corpus", "checkpoint_size")
# The keys the product contract (PRODUCT.md, "JSON shapes") promises in every certificate file.
CONTRACT_KEYS = ("version", "request", "removed_items", "affected_runs", "issued_at", "signature", "entry", "tlog_proof")


def _require(obj: Any, keys: Sequence[str], what: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise UserError(f"{what} is not an object")
    missing = [k for k in keys if k not in obj]
    if missing:
        raise UserError(f"{what} lacks {', '.join(missing)}")
    return dict(obj)


def _sha(value: Any, what: str) -> str:
    if not isinstance(value, str) or len(value) != 64 or any(c not in "0123456789abcdef" for c in value):
        raise UserError(f"{what} is not a lowercase hex SHA-256 ({value!r})")
    return value


def lineage_statement(removed: int, runs: Sequence[dict[str, Any]], releases: Sequence[dict[str, Any]] = ()) -> str:
    """The honest statement of what a removal does and does not undo (English; the PDF translates)."""
    s = (
        f"The {removed} item{'s' if removed != 1 else ''} listed in this certificate "
        f"{'were' if removed != 1 else 'was'} physically removed from the corpus shards listed (SHA-256 of each "
        "shard before and after), added to the blocklist so that the same content is refused if it is ingested "
        "again, and excluded from every training run built from this ledger from now on. "
        "Removal from the dataset does not remove anything a model has already learned. "
    )
    if runs:
        names = "; ".join(f"{r['model']} (corpus {r['corpus']}, ledger checkpoint {r['checkpoint_size']})" for r in runs)
        s += (
            f"The following training run{'s' if len(runs) != 1 else ''} used a corpus that still contained "
            f"{'these items' if removed != 1 else 'this item'}, and this certificate does not claim that "
            f"{'they were' if removed != 1 else 'it was'} removed from {'those models' if len(runs) != 1 else 'that model'}: "
            f"{names}."
        )
    else:
        s += "No training run recorded in this ledger used a corpus that contained these items before their removal."
    if releases:
        names = "; ".join(f"{r['name']} ({r['kind']} of corpus {r['corpus']}, ledger checkpoint {r['checkpoint_size']})"
                          for r in releases)
        s += (f" The following dataset release{'s' if len(releases) != 1 else ''} and mirrors were published while "
              f"{'these items were' if removed != 1 else 'this item was'} in the corpus and still contain "
              f"{'them' if removed != 1 else 'it'}: {names}.")
    return s


def build_removal_certificate(
    *,
    request: dict[str, Any],
    works: list[dict[str, Any]],
    removed_items: list[dict[str, Any]],
    shards: list[dict[str, Any]],
    affected_runs: list[dict[str, Any]],
    organisation: str,
    affected_releases: list[dict[str, Any]] | None = None,
    issued_at: str,
    origin: str,
    key_id: str,
) -> dict[str, Any]:
    """The certificate's body (unsigned): every input checked, nothing added but the statement."""
    req = _require(request, REQUEST_KEYS, "the request")
    requester = req["requester"]
    if requester is not None:
        if not isinstance(requester, dict) or not ({"name", "commitment"} & set(requester)):
            raise UserError("the requester is a {name} or a {commitment} (with an optional kind)")
        extra = sorted(set(requester) - REQUESTER_KEYS)
        if extra:
            raise UserError(f"the requester may carry only a name or a commitment and a kind, not {', '.join(extra)}")
    extra = sorted(set(req) - set(REQUEST_KEYS))
    if extra:
        raise UserError(f"the request carries fields a certificate does not state: {', '.join(extra)}")
    if not removed_items:
        raise UserError("a removal certificate needs at least one removed item")
    items = []
    for n, it in enumerate(removed_items, 1):
        item = _require(it, ITEM_KEYS, f"removed item {n}")
        _sha(item["sha256"], f"the sha256 of removed item {item['item_id']}")
        if not isinstance(item["score"], str):
            raise UserError(f"the score of removed item {item['item_id']} must be a string such as \"0.93\"")
        items.append(item)
    shard_list = []
    for n, sh in enumerate(shards, 1):
        shard = _require(sh, SHARD_KEYS, f"shard {n}")
        _sha(shard["sha256_before"], f"sha256_before of shard {shard['path']}")
        if shard["sha256_after"] is not None:  # None: the shard was emptied and deleted
            _sha(shard["sha256_after"], f"sha256_after of shard {shard['path']}")
        shard_list.append(shard)
    runs = [_require(r, RUN_KEYS, f"affected run {n}") for n, r in enumerate(affected_runs, 1)]
    releases = [_require(r, RELEASE_KEYS, f"affected release {n}") for n, r in enumerate(affected_releases or [], 1)]
    if not organisation or not issued_at or not origin or not key_id:
        raise UserError("a certificate needs the organisation, the issue time, the ledger origin and key ID")
    body = {
        "version": DOCUMENT_VERSION,
        "kind": KIND_CERTIFICATE,
        "organisation": organisation,
        "issued_at": issued_at,
        "ledger": {"origin": origin, "key_id": key_id},
        "request": req,
        "works": [dict(w) for w in works],
        "removed_items": items,
        "shards": shard_list,
        "affected_runs": runs,
        "affected_releases": releases,
        "lineage_statement": lineage_statement(len(items), runs, releases),
    }
    try:
        canonical_bytes(body)
    except NotCanonicalError as exc:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the certificate cannot be signed: {problem}"),
                      problem=said_of(exc)) from None
    return body


def issue_removal_certificate(ledger: DocumentLedger, **inputs: Any) -> dict[str, Any]:
    """Build, sign, record (`certificate.issued`) and prove the certificate; returns the whole file."""
    body = build_removal_certificate(**inputs)
    doc = issue_document(ledger, body, entry_type="certificate.issued", payload_extra={"request": body["request"]["id"]})
    missing = [k for k in CONTRACT_KEYS if k not in doc]
    if missing:  # the contract with every script that reads certificates
        raise RuntimeError(f"the certificate lacks the contract keys {missing}")
    return doc


def write_certificate(doc: dict[str, Any], path: Path | str) -> Path:
    """Write a certificate or report as indented UTF-8 JSON (whitespace is not signed; values are)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".partial")
    tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
