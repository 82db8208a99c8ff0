"""Verification of signed documents (removal certificates, inclusion reports, AI Act summaries).

The checks every recipient runs: the body's signature, the document digest, the ledger entry that
commits to it, its c2sp.org/tlog-proof@v1 proof under a signed checkpoint, witness cosignatures,
and for a report each matched item's proof. Needs only `cryptography` and the standard library
with the few ledger modules that need nothing more, so that `ledger_app/verify.py` (the offline
verifier recipients run) and the services (the demo, the app's "verify a dropped certificate")
check documents with the same code. See ledger_app/verify.py for the document format. It stays
one module (about 400 lines): the checks run in one fixed order, each handing the next the values
it verified, so that the sentence raised always names the first thing that fails.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ledger_app.core import strictjson
from ledger_app.core.errors import VerificationError
from ledger_app.ledger import merkle
from ledger_app.ledger.checkpoint import Checkpoint, open_checkpoint
from ledger_app.ledger.cosignature import Cosignature, parse_witness_vkey, require_quorum
from ledger_app.ledger.documents import (  # the encoding rules, shared with the signer (certificates/)
    DOCUMENT_VERSION,
    ENTRY_TYPE_FOR_KIND,
    KIND_CERTIFICATE,
    KIND_REPORT,
    KIND_SUMMARY,
    SIGNATURE_ALG,
    UNSIGNED_KEYS,
    NotCanonicalError,
    canonical_bytes,
    document_digest,
    report_items,
)
from ledger_app.ledger.manifest import MANIFEST_TYPE, verify_inner
from ledger_app.ledger.note import Verifier, parse_vkey
from ledger_app.ledger.tlogproof import parse_tlog_proof, verify_tlog_proof

_NOUN = {KIND_CERTIFICATE: "certificate", KIND_REPORT: "report", KIND_SUMMARY: "summary"}
LEAF_VERSION = 1
_HEX64 = re.compile(r"[0-9a-f]{64}")


# --- results ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifiedDocument:
    """What a successful verification established."""

    kind: str
    version: int
    document_sha256: str
    key_id: str
    key_name: str
    entry_index: int
    checkpoint: Checkpoint
    checkpoint_text: str
    body: dict[str, Any] = field(repr=False)
    item_entries: tuple[int, ...] = ()
    cosignatures: tuple[Cosignature, ...] = ()
    witnesses_given: int = 0

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "ok": True,
            "kind": self.kind,
            "version": self.version,
            "document_sha256": self.document_sha256,
            "key_name": self.key_name,
            "key_id": self.key_id,
            "entry_index": self.entry_index,
            "checkpoint": {
                "origin": self.checkpoint.origin,
                "size": self.checkpoint.size,
                "root_hash": self.checkpoint.root_hash.hex(),
            },
        }
        if self.kind == KIND_CERTIFICATE:
            req = self.body.get("request") or {}
            out["request"] = req.get("id")
            out["removed_items"] = len(self.body.get("removed_items") or [])
        if self.item_entries:
            out["item_entries"] = list(self.item_entries)
        if self.witnesses_given:
            out["witnesses"] = {"given": self.witnesses_given, "cosigned_by": [c.to_json() for c in self.cosignatures]}
        return out

    def sentence(self) -> str:
        what = {KIND_CERTIFICATE: "removal certificate", KIND_SUMMARY: "AI Act training-content summary"}.get(
            self.kind, "inclusion report")
        if self.kind == KIND_SUMMARY:
            scope = self.body.get("scope") or {}
            what += f" ({scope.get('kind')}: {scope.get('model') or ', '.join(scope.get('corpora') or [])})"
        elif self.kind == KIND_CERTIFICATE:
            req = self.body.get("request") or {}
            n = len(self.body.get("removed_items") or [])
            what += f" for request {req.get('id')} ({n} removed item{'' if n == 1 else 's'})"
        else:
            n = len(self.item_entries)
            what += f" ({n} matched ledger entr{'y' if n == 1 else 'ies'}, each proven)"
        cp = self.checkpoint
        return (
            f"OK: the {what} is signed by {self.key_name} (key ID {self.key_id}) and recorded as ledger "
            f"entry {self.entry_index}, included in the signed checkpoint of size {cp.size} "
            f"(root {cp.root_hash.hex()}); document SHA-256 {self.document_sha256}."
            + (
                f" The checkpoint is cosigned by {len(self.cosignatures)} of the {self.witnesses_given} witnesses "
                f"given ({', '.join(c.name for c in self.cosignatures)})."
                if self.witnesses_given
                else ""
            )
        )


# --- helpers ---------------------------------------------------------------------------------------


def verification_failure(message: str, *, what: str, index: int | None = None) -> VerificationError:
    return VerificationError(message, what=what, index=index)


def _b64(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise verification_failure(f"{what} is not a base64 string", what=what)
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise verification_failure(f"{what} is not valid base64", what=what) from None
    if base64.b64encode(raw).decode("ascii") != text:
        raise verification_failure(f"{what} is not canonical base64", what=what)
    return raw


def _int(value: Any, what: str) -> int:
    if type(value) is not int or value < 0:
        raise verification_failure(f"{what} is not a non-negative integer (found {value!r})", what=what)
    return value


def split_document(doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(signed body, unsigned attachments) of a document."""
    body = {k: v for k, v in doc.items() if k not in UNSIGNED_KEYS}
    rest = {k: v for k, v in doc.items() if k in UNSIGNED_KEYS}
    return body, rest


def _decode_leaf(leaf: bytes, index: int, what: str) -> dict[str, Any]:
    """Parse a ledger leaf and check its canonical form (docs/ledger-format.md, "Leaves")."""
    try:
        doc = strictjson.loads(leaf, f"{what} (ledger entry {index})")
    except strictjson.StrictJSONError as exc:
        raise verification_failure(str(exc), what=what, index=index) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("payload"), dict):
        raise verification_failure(f"{what} (ledger entry {index}) is not a ledger entry with a payload", what=what, index=index)
    if doc.get("v") != LEAF_VERSION:
        raise verification_failure(f"{what} (ledger entry {index}) has unknown leaf version {doc.get('v')!r}", what=what, index=index)
    try:
        canon = canonical_bytes(doc)
    except NotCanonicalError as exc:
        raise verification_failure(f"{what} (ledger entry {index}) is not canonical: {exc}", what=what, index=index) from None
    if canon != leaf:
        raise verification_failure(f"{what} (ledger entry {index}) is not in canonical form", what=what, index=index)
    return doc


def _check_entry_object(entry: Any, what: str) -> tuple[int, bytes, bytes]:
    """(index, leaf bytes, leaf hash) of an `entry`-shaped object, with the leaf hash recomputed."""
    if not isinstance(entry, dict):
        raise verification_failure(f"{what} is missing or is not an object with index, leaf_data and leaf_hash", what=what)
    index = _int(entry.get("index"), f"{what}'s index")
    leaf = _b64(entry.get("leaf_data"), f"{what}'s leaf_data")
    claimed = entry.get("leaf_hash")
    if not isinstance(claimed, str) or not _HEX64.fullmatch(claimed):
        raise verification_failure(f"{what}'s leaf_hash is not 64 lowercase hex digits", what=what, index=index)
    actual = merkle.leaf_hash(leaf)
    if actual.hex() != claimed:
        raise verification_failure(
            f"{what}'s leaf_hash {claimed} is not SHA-256(0x00 || leaf_data) = {actual.hex()}: "
            "the leaf data or its hash was changed",
            what=what,
            index=index,
        )
    return index, leaf, actual


def _check_proof(text: Any, index: int, leaf_hash: bytes, verifier: Verifier, what: str) -> Checkpoint:
    if not isinstance(text, str):
        raise verification_failure(f"{what} is missing or is not a c2sp.org/tlog-proof@v1 text", what=what, index=index)
    try:
        p = parse_tlog_proof(text)
    except VerificationError as exc:
        raise verification_failure(f"{what} is unreadable: {exc}", what=what, index=index) from None
    if p.index != index:
        raise verification_failure(
            f"{what} is for ledger entry {p.index}, but the entry it should prove is {index}",
            what=what,
            index=index,
        )
    try:
        return verify_tlog_proof(text, leaf_hash, [verifier])
    except VerificationError as exc:
        raise verification_failure(f"{what} does not verify: {exc}", what=what, index=index) from None


# --- the checks ------------------------------------------------------------------------------------


def verify_document(
    doc: Any, vkey: str, *, witnesses: Sequence[str] = (), quorum: int | None = None
) -> VerifiedDocument:
    """Check a certificate or inclusion report against the ledger's verifier key; raise on any fault.

    With `witnesses` (cosignature/v1 verifier keys), the document's checkpoint must also carry
    verified cosignatures from `quorum` of them (default: all).
    """
    try:
        verifier = parse_vkey(vkey.strip())
    except VerificationError as exc:
        raise verification_failure(f"the verifier key given is unusable: {exc}", what="vkey") from None
    witness_verifiers = [parse_witness_vkey(w) for w in witnesses]
    if not isinstance(doc, dict):
        raise verification_failure("the file is not a JSON object", what="document")
    if strictjson.depth_exceeds(doc):
        raise verification_failure(f"the document nests arrays or objects deeper than {strictjson.MAX_DEPTH} levels", what="document")
    body, rest = split_document(doc)

    # 1. What it is.
    version = body.get("version")
    if version != DOCUMENT_VERSION or type(version) is not int:
        raise verification_failure(f"the document's version is {version!r}; this verifier knows version {DOCUMENT_VERSION}", what="version")
    kind = body.get("kind")
    if kind not in ENTRY_TYPE_FOR_KIND:
        raise verification_failure(f"the document's kind {kind!r} is not {KIND_CERTIFICATE!r}, {KIND_REPORT!r} or {KIND_SUMMARY!r}",
                    what="kind")
    noun = _NOUN[kind]
    try:
        body_bytes = canonical_bytes(body)
    except NotCanonicalError as exc:
        raise verification_failure(f"the {noun} was altered: {exc}", what="body") from None

    # 2. The signature over the body, by the given key.
    sig = rest.get("signature")
    if not isinstance(sig, dict):
        raise verification_failure(f"the {noun} carries no signature object", what="signature")
    if sig.get("alg") != SIGNATURE_ALG:
        raise verification_failure(f"the signature's algorithm is {sig.get('alg')!r}, expected {SIGNATURE_ALG!r}", what="signature")
    if sig.get("key_id") != verifier.key_id.hex() or sig.get("key_name") != verifier.name:
        raise verification_failure(
            f"the {noun} says it is signed by {sig.get('key_name')!r} (key ID {sig.get('key_id')!r}), but the "
            f"verifier key given is {verifier.name!r} (key ID {verifier.key_id.hex()}): check that you have this "
            "ledger's key",
            what="signature",
        )
    if set(sig) != {"alg", "key_id", "key_name", "value"}:
        extra = sorted(set(sig) - {"alg", "key_id", "key_name", "value"})
        raise verification_failure(f"the signature object has unexpected fields {extra}", what="signature")
    sig_bytes = _b64(sig.get("value"), "the signature value")
    try:
        verifier.verify(body_bytes, sig_bytes)
    except VerificationError:
        raise verification_failure(
            f"the signature does not match the {noun}'s contents: a field was changed, added or removed "
            "after signing",
            what="signature",
        ) from None
    ledger = body.get("ledger")
    if isinstance(ledger, dict) and (ledger.get("origin"), ledger.get("key_id")) != (verifier.name, verifier.key_id.hex()):
        raise verification_failure(
            f"the {noun} names ledger {ledger.get('origin')!r} with key ID {ledger.get('key_id')!r}, "
            f"not the signing key {verifier.name!r} ({verifier.key_id.hex()})",
            what="ledger",
        )
    digest = document_digest(body, sig)
    if "document_sha256" in rest and rest["document_sha256"] != digest:
        raise verification_failure(
            f"the document_sha256 field ({rest['document_sha256']!r}) is not the SHA-256 of the signed {noun} "
            f"({digest})",
            what="document_sha256",
        )

    # 3. The ledger entry commits to this document.
    index, leaf, leaf_hash = _check_entry_object(rest.get("entry"), "the entry")
    leaf_doc = _decode_leaf(leaf, index, "the entry's leaf")
    want_type = ENTRY_TYPE_FOR_KIND[kind]
    if leaf_doc.get("type") != want_type:
        raise verification_failure(
            f"ledger entry {index} is a {leaf_doc.get('type')!r} entry, not the {want_type!r} entry of this {noun}",
            what="entry",
            index=index,
        )
    payload = leaf_doc["payload"]
    if payload.get("document_sha256") != digest:
        raise verification_failure(
            f"ledger entry {index} commits to document {payload.get('document_sha256')!r}, not to this {noun} "
            f"({digest})",
            what="entry",
            index=index,
        )
    if payload.get("kind") != kind:
        raise verification_failure(f"ledger entry {index} records a {payload.get('kind')!r}, not a {kind!r}", what="entry", index=index)

    # 4. The entry is in the ledger: the tlog-proof and its signed checkpoint.
    cp = _check_proof(rest.get("tlog_proof"), index, leaf_hash, verifier, "the tlog_proof")
    checkpoint_text = parse_tlog_proof(rest["tlog_proof"]).signed_checkpoint

    # 5. Inclusion reports: every matched item's ledger entry, under the same checkpoint.
    items: tuple[int, ...] = ()
    if kind == KIND_REPORT:
        items = _verify_item_proofs(body, rest.get("item_proofs"), checkpoint_text, verifier,
                                    rest.get("stored_item_proofs"))
    elif "item_proofs" in rest:
        raise verification_failure("a removal certificate carries no item_proofs", what="item_proofs")

    # 6. Independent witnesses: k of the given witnesses cosigned that checkpoint.
    cosigned: list[Cosignature] = []
    if witness_verifiers:
        try:
            cosigned = require_quorum(checkpoint_text, witness_verifiers, quorum)
        except VerificationError as exc:
            raise verification_failure(f"the {noun}'s checkpoint fails the witness check: {exc}", what="witness") from None

    return VerifiedDocument(
        kind=kind,
        version=version,
        document_sha256=digest,
        key_id=verifier.key_id.hex(),
        key_name=verifier.name,
        entry_index=index,
        checkpoint=cp,
        checkpoint_text=checkpoint_text,
        body=body,
        item_entries=items,
        cosignatures=tuple(cosigned),
        witnesses_given=len(witness_verifiers),
    )


def _verify_item_proofs(body: dict[str, Any], proofs: Any, checkpoint_text: str, verifier: Verifier,
                        stored: Any = None) -> tuple[int, ...]:
    """Each item's ledger entry under the report's checkpoint. An item of the fingerprint store
    (`"stored": true`) names its shard's `shard.manifest` entry; its leaf is proven in that shard's
    tree by `stored_item_proofs[item_id]` (ledger/manifest.py), the second level."""
    if not isinstance(proofs, list):
        raise verification_failure("the report carries no item_proofs list", what="item_proofs")
    wanted: dict[int, list[dict[str, Any]]] = {}
    for it in report_items(body):
        wanted.setdefault(_int(it.get("entry_index"), f"the entry_index of item {it.get('item_id')!r}"), []).append(it)
    seen: set[int] = set()
    for k, p in enumerate(proofs):
        what = f"item proof {k + 1}"
        index, leaf, leaf_hash = _check_entry_object(p, what)
        if index in seen:
            raise verification_failure(f"{what} repeats ledger entry {index}", what="item_proofs", index=index)
        if index not in wanted:
            raise verification_failure(f"{what} is for ledger entry {index}, which no item in the report names", what="item_proofs", index=index)
        seen.add(index)
        leaf_doc = _decode_leaf(leaf, index, f"{what}'s leaf")
        if leaf_doc.get("type") == MANIFEST_TYPE:
            for it in wanted[index]:
                _verify_stored_item(it, stored, leaf, index, what)
        elif any(it.get("stored") is not None for it in wanted[index]):
            raise verification_failure(f"{what}: an item marked stored names ledger entry {index}, which is not a "
                                       "shard.manifest entry", what="item_proofs", index=index)
        elif leaf_doc.get("type") != "item.ingested":
            raise verification_failure(f"{what}: ledger entry {index} is a {leaf_doc.get('type')!r} entry, not item.ingested",
                        what="item_proofs", index=index)
        payload = leaf_doc["payload"]
        for it in wanted[index] if leaf_doc.get("type") != MANIFEST_TYPE else ():
            if payload.get("item") != it.get("item_id"):
                raise verification_failure(f"{what}: ledger entry {index} records item {payload.get('item')!r}, not "
                            f"{it.get('item_id')!r}", what="item_proofs", index=index)
            if "sha256" in it and payload.get("sha256") != it["sha256"]:
                raise verification_failure(f"{what}: ledger entry {index} records SHA-256 {payload.get('sha256')!r} for item "
                            f"{it.get('item_id')!r}, not {it['sha256']!r}", what="item_proofs", index=index)
        text = p.get("tlog_proof")
        _check_proof(text, index, leaf_hash, verifier, f"{what}'s tlog_proof")
        if parse_tlog_proof(text).signed_checkpoint != checkpoint_text:
            raise verification_failure(f"{what}'s tlog_proof is against another checkpoint than the report's own",
                        what="item_proofs", index=index)
    missing = sorted(set(wanted) - seen)
    if missing:
        raise verification_failure(f"the report has no proof for ledger entry {missing[0]} (item {wanted[missing[0]][0].get('item_id')!r})",
                    what="item_proofs", index=missing[0])
    return tuple(sorted(seen))


def _verify_stored_item(it: dict[str, Any], stored: Any, manifest_leaf: bytes, index: int, what: str) -> None:
    item_id = it.get("item_id")
    if it.get("stored") is not True:
        raise verification_failure(f"{what}: ledger entry {index} is a shard manifest, but item {item_id!r} is not "
                                   "marked stored", what="item_proofs", index=index)
    if not isinstance(stored, dict) or not isinstance(item_id, str):
        raise verification_failure(f"the report has no stored_item_proofs entry for item {item_id!r}",
                                   what="item_proofs", index=index)
    try:
        payload = verify_inner(item_id, stored.get(item_id), manifest_leaf)
    except VerificationError as exc:
        raise verification_failure(f"{what}: {exc}", what="item_proofs", index=index) from None
    if "sha256" in it and payload.get("sha256") != it["sha256"]:
        raise verification_failure(f"{what}: the leaf of stored item {item_id!r} records SHA-256 "
                                   f"{payload.get('sha256')!r}, not {it['sha256']!r}", what="item_proofs", index=index)


def verify_consistency_to(verified: VerifiedDocument, newer_checkpoint: str, proof: Any, vkey: str) -> Checkpoint:
    """Check that a newer signed checkpoint extends the one in a verified document.

    `proof` is `ledger log consistency --old M --json` output: {"old_size", "old_root", "new_size",
    "new_root", "proof": [hex, …]}. Returns the newer checkpoint.
    """
    verifier = parse_vkey(vkey.strip())
    try:
        newer = open_checkpoint(newer_checkpoint, [verifier])
    except VerificationError as exc:
        raise verification_failure(f"the newer checkpoint does not verify: {exc}", what="consistency") from None
    old = verified.checkpoint
    if newer.origin != old.origin:
        raise verification_failure(f"the newer checkpoint is for log {newer.origin!r}, not {old.origin!r}", what="consistency")
    if not isinstance(proof, dict) or not isinstance(proof.get("proof"), list):
        raise verification_failure("the consistency proof is not a JSON object with a proof list", what="consistency")
    if proof.get("old_size") != old.size or proof.get("new_size") != newer.size:
        raise verification_failure(
            f"the consistency proof is from size {proof.get('old_size')!r} to {proof.get('new_size')!r}, but the "
            f"checkpoints have sizes {old.size} and {newer.size}",
            what="consistency",
        )
    try:
        hashes = [bytes.fromhex(h) for h in proof["proof"]]
    except (TypeError, ValueError):
        raise verification_failure("the consistency proof's hashes are not hex", what="consistency") from None
    if newer.size == old.size and not hashes and newer.root_hash != old.root_hash:
        raise verification_failure("the newer checkpoint has the same size but another root: the log forked", what="consistency")
    try:
        merkle.verify_consistency(old.size, newer.size, old.root_hash, newer.root_hash, hashes)
    except VerificationError as exc:
        raise verification_failure(f"the newer checkpoint does not extend the document's checkpoint: {exc}", what="consistency") from None
    return newer
