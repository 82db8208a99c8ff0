"""The signed document behind removal certificates and inclusion reports.

Why this exists: a certificate must prove itself to someone who holds only the ledger's verifier
key. So every document is (1) a versioned JSON body signed with the ledger's Ed25519 key over its
RFC 8785 canonical bytes, (2) committed to by a ledger entry (`certificate.issued` /
`report.issued`) holding the SHA-256 of body + signature, and (3) accompanied by that entry's leaf
and a c2sp.org/tlog-proof@v1 text against the checkpoint signed with the append. The offline
verifier (`ledger_app/verify.py`) checks exactly this; the encoding rules live in
`ledger/documents.py`, which signer and verifier both use, so that they cannot disagree.

Bodies hold no floats (scores are strings like "0.93", sizes and indexes integers): canonical
JSON of floats is where implementations diverge, so `canonical_bytes` refuses them.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy.engine import Connection, Engine

from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused, said_of
from ledger_app.ledger.documents import (
    DOCUMENT_VERSION,
    ENTRY_TYPE_FOR_KIND,
    SIGNATURE_ALG,
    UNSIGNED_KEYS,
    NotCanonicalError,
    canonical_bytes,
    document_digest,
)
from ledger_app.ledger.keys import SigningKey
from ledger_app.ledger.store import AppendResult, LedgerStore
from ledger_app.ledger.tlogproof import format_tlog_proof
from ledger_app.ledger.witness_store import cosigned_note

__all__ = ["DocumentLedger", "canonical_bytes", "entry_proof", "issue_document", "sign_body"]


class LedgerWorkspace(Protocol):
    """The part of a workspace a document needs: the ledger store (entries, proofs) and the engine."""

    @property
    def store(self) -> LedgerStore: ...

    @property
    def engine(self) -> Engine: ...


class DocumentLedger(Protocol):
    """What issuing a document needs of the ledger service (services.ledger.LedgerService is one):
    the unlocked signing keys, a verified append, and the workspace's store. Declared here so that
    certificates/ depends on this narrow shape, not on the services layer above it."""

    @property
    def ws(self) -> LedgerWorkspace: ...

    def unlock(self) -> list[SigningKey]: ...

    def append(self, items: Sequence[tuple[str, dict[str, Any]]], conn: Connection | None = None) -> AppendResult: ...


def _check_body(body: dict[str, Any]) -> bytes:
    if not isinstance(body, dict):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a document body is a JSON object"))
    if body.get("version") != DOCUMENT_VERSION:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a document body needs \"version\": {version}"), version=DOCUMENT_VERSION)
    clash = sorted(UNSIGNED_KEYS & set(body))
    if clash:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a document body must not use the reserved keys {keys}"), keys=str(clash))
    try:
        return canonical_bytes(body)
    except NotCanonicalError as exc:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the document cannot be signed: {problem}"),
                      problem=said_of(exc)) from None


def sign_body(ledger: DocumentLedger, body: dict[str, Any]) -> dict[str, Any]:
    """The `signature` object: Ed25519 by the ledger's active key over the body's canonical bytes."""
    data = _check_body(body)
    key = ledger.unlock()[0]
    named = body.get("ledger")
    if isinstance(named, dict) and (named.get("origin"), named.get("key_id")) != (key.name, key.verifier.key_id.hex()):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the document names ledger {origin} key {key_id}, but the active "
                                                        "signing key is {name} ({active})"),
                      origin=repr(named.get("origin")), key_id=repr(named.get("key_id")), name=repr(key.name),
                      active=key.verifier.key_id.hex())
    return {
        "alg": SIGNATURE_ALG,
        "key_id": key.verifier.key_id.hex(),
        "key_name": key.name,
        "value": base64.b64encode(key.signer.sign(data)).decode("ascii"),
    }


def entry_proof(ledger: DocumentLedger, index: int, size: int, signed_checkpoint: str) -> dict[str, Any]:
    """{index, leaf_data, leaf_hash, tlog_proof} of one ledger entry against the checkpoint of `size`."""
    store = ledger.ws.store
    n, proof, leaf_hash, root = store.inclusion_proof(index, size)
    stored = store.entry(index)
    if n != size or stored.leaf_hash != leaf_hash:
        raise RuntimeError(f"the store answered a proof for entry {index} at size {n}, asked for {size}")
    return {
        "index": index,
        "leaf_data": base64.b64encode(stored.leaf).decode("ascii"),
        "leaf_hash": leaf_hash.hex(),
        "tlog_proof": format_tlog_proof(index, proof, signed_checkpoint),
    }


def issue_document(
    ledger: DocumentLedger, body: dict[str, Any], *, entry_type: str, payload_extra: dict[str, Any]
) -> dict[str, Any]:
    """Sign `body`, record it in the ledger, and return the complete document.

    The returned dict is the body plus `signature`, `document_sha256`, `entry` {index, leaf_data,
    leaf_hash} and `tlog_proof` (against the checkpoint signed with this very append, verbatim).
    """
    kind = body.get("kind") if isinstance(body, dict) else None
    if ENTRY_TYPE_FOR_KIND.get(kind) != entry_type:  # type: ignore[arg-type]
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a {kind} document is recorded as {expected}, not {entry_type}"),
                      kind=repr(kind), expected=repr(ENTRY_TYPE_FOR_KIND.get(kind)), entry_type=repr(entry_type))  # type: ignore[arg-type]
    signature = sign_body(ledger, body)
    digest = document_digest(body, signature)
    reserved = {"document_sha256", "kind"} & set(payload_extra)
    if reserved:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "payload_extra must not override {keys}"), keys=str(sorted(reserved)))
    payload = {"document_sha256": digest, "kind": kind, **payload_extra}
    res = ledger.append([(entry_type, payload)])
    stored = res.checkpoint or ledger.ws.store.checkpoint_for_size(res.size)
    if stored is None or stored.size != res.size:
        raise RuntimeError(f"no signed checkpoint was stored for tree size {res.size}")
    # The checkpoint as the ledger signed it plus the witnesses' cosignatures, if they answered.
    proven = entry_proof(ledger, res.first_index, res.size, cosigned_note(ledger.ws.engine, stored))
    tlog_proof = proven.pop("tlog_proof")
    return {**body, "signature": signature, "document_sha256": digest, "entry": proven, "tlog_proof": tlog_proof}


def checkpoint_of(doc: dict[str, Any]) -> tuple[int, str]:
    """(tree size, signed checkpoint text) that a document's tlog_proof is against."""
    from ledger_app.ledger.checkpoint import parse_checkpoint_body
    from ledger_app.ledger.tlogproof import parse_tlog_proof

    text = parse_tlog_proof(doc["tlog_proof"]).signed_checkpoint
    body = text.split("\n\n", 1)[0] + "\n"
    return parse_checkpoint_body(body).size, text
