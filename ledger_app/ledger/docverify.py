"""Verification of signed documents (removal certificates, inclusion reports, AI Act summaries).

The checks every recipient runs: the body's signature, the document digest, the ledger entry that
commits to it, its c2sp.org/tlog-proof@v1 proof under a signed checkpoint, witness cosignatures,
and for a report each matched item's proof. Needs only `cryptography` and the standard library
with the few ledger modules that need nothing more, so that `ledger_app/verify.py` (the offline
verifier recipients run) and the services (the demo, the app's "verify a dropped certificate")
check documents with the same code. See ledger_app/verify.py for the document format. Each
sentence is a message ID with arguments (core/messages.py): the CLI prints its English, the window
says it in its language. It stays one module (some 580 lines, a good part of them the marked
sentences): the checks run in one fixed order, each handing the next the values it verified, so
that the sentence raised always names the first thing that fails.
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
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, failed, said_of, say
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
from ledger_app.ledger.manifest import MANIFEST_TYPE, item_proof_from_json, verify_inner, verify_item_proof
from ledger_app.ledger.note import Verifier, parse_vkey
from ledger_app.ledger.tlogproof import parse_tlog_proof, verify_tlog_proof

_NOUN = {KIND_CERTIFICATE: QT_TRANSLATE_NOOP("ServiceMessage", "certificate"),
         KIND_REPORT: QT_TRANSLATE_NOOP("ServiceMessage", "report"),
         KIND_SUMMARY: QT_TRANSLATE_NOOP("ServiceMessage", "summary")}
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
        """The result in English (the CLI's); `said` is the same as a message for the window."""
        return str(self.said())

    def said(self) -> Said:
        what: Said
        if self.kind == KIND_SUMMARY:
            scope = self.body.get("scope") or {}
            what = say(QT_TRANSLATE_NOOP("ServiceMessage", "AI Act training-content summary ({scope_kind}: {scope})"),
                       scope_kind=scope.get("kind"), scope=scope.get("model") or ", ".join(scope.get("corpora") or []))
        elif self.kind == KIND_CERTIFICATE:
            req = self.body.get("request") or {}
            n = len(self.body.get("removed_items") or [])
            what = say(QT_TRANSLATE_NOOP("ServiceMessage", "removal certificate for request {request} ({n} removed item)")
                       if n == 1 else
                       QT_TRANSLATE_NOOP("ServiceMessage", "removal certificate for request {request} ({n} removed items)"),
                       request=req.get("id"), n=n)
        else:
            n = len(self.item_entries)
            what = say(QT_TRANSLATE_NOOP("ServiceMessage", "inclusion report ({n} matched ledger entry, each proven)")
                       if n == 1 else
                       QT_TRANSLATE_NOOP("ServiceMessage", "inclusion report ({n} matched ledger entries, each proven)"),
                       n=n)
        cp = self.checkpoint
        ok = say(QT_TRANSLATE_NOOP("ServiceMessage", "OK: the {what} is signed by {key_name} (key ID {key_id}) and "
                                                     "recorded as ledger entry {entry}, included in the signed checkpoint "
                                                     "of size {size} (root {root}); document SHA-256 {sha256}."),
                 what=what, key_name=self.key_name, key_id=self.key_id, entry=self.entry_index, size=cp.size,
                 root=cp.root_hash.hex(), sha256=self.document_sha256)
        if not self.witnesses_given:
            return ok
        return say(QT_TRANSLATE_NOOP("ServiceMessage", "{ok} The checkpoint is cosigned by {n} of the {given} witnesses "
                                                       "given ({names})."),
                   ok=ok, n=len(self.cosignatures), given=self.witnesses_given,
                   names=", ".join(c.name for c in self.cosignatures))


# --- helpers ---------------------------------------------------------------------------------------


def verification_failure(source: str, *, what: str | Said, index: int | None = None, **args: Any) -> VerificationError:
    """A VerificationError whose sentence is `source` (marked with QT_TRANSLATE_NOOP, fields filled
    from `args`) and whose `said` is that message (core/messages.py), so the window says it in its
    language; `what` names the field checked (a message's English is kept)."""
    return failed(source, what=str(what), index=index, **args)


def _said(error: VerificationError, exc: BaseException) -> VerificationError:
    """`error` saying what `exc` says (its message, when it has one)."""
    error.said = said_of(exc)  # type: ignore[attr-defined]
    return error


def _of(subject: str | Said, part: str) -> Said:
    """"X's part" for a field name (`part`: leaf_data, index, tlog_proof …) of a named object."""
    return say(QT_TRANSLATE_NOOP("ServiceMessage", "{subject}'s {part}"), subject=subject, part=part)


def _b64(text: Any, what: str | Said) -> bytes:
    if not isinstance(text, str):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} is not a base64 string"), what=what,
                                   subject=what)
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} is not valid base64"), what=what,
                                   subject=what) from None
    if base64.b64encode(raw).decode("ascii") != text:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} is not canonical base64"), what=what,
                                   subject=what)
    return raw


def _int(value: Any, what: str | Said) -> int:
    if type(value) is not int or value < 0:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} is not a non-negative integer (found "
                                                                       "{found})"), what=what, subject=what,
                                   found=repr(value))
    return value


def split_document(doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(signed body, unsigned attachments) of a document."""
    body = {k: v for k, v in doc.items() if k not in UNSIGNED_KEYS}
    rest = {k: v for k, v in doc.items() if k in UNSIGNED_KEYS}
    return body, rest


def _decode_leaf(leaf: bytes, index: int, what: str | Said) -> dict[str, Any]:
    """Parse a ledger leaf and check its canonical form (docs/ledger-format.md, "Leaves")."""
    try:
        doc = strictjson.loads(leaf, f"{what} (ledger entry {index})")
    except strictjson.StrictJSONError as exc:
        raise _said(VerificationError(str(exc), what=str(what), index=index), exc) from None  # strictjson's sentence
    if not isinstance(doc, dict) or not isinstance(doc.get("payload"), dict):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} (ledger entry {n}) is not a ledger entry "
                                                                       "with a payload"),
                                   what=what, index=index, subject=what, n=index)
    if doc.get("v") != LEAF_VERSION:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} (ledger entry {n}) has unknown leaf "
                                                                       "version {version}"),
                                   what=what, index=index, subject=what, n=index, version=repr(doc.get("v")))
    try:
        canon = canonical_bytes(doc)
    except NotCanonicalError as exc:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} (ledger entry {n}) is not canonical: "
                                                                       "{problem}"),
                                   what=what, index=index, subject=what, n=index, problem=str(exc)) from None
    if canon != leaf:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} (ledger entry {n}) is not in canonical "
                                                                       "form"), what=what, index=index, subject=what, n=index)
    return doc


def _check_entry_object(entry: Any, what: str | Said) -> tuple[int, bytes, bytes]:
    """(index, leaf bytes, leaf hash) of an `entry`-shaped object, with the leaf hash recomputed."""
    if not isinstance(entry, dict):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} is missing or is not an object with "
                                                                       "index, leaf_data and leaf_hash"),
                                   what=what, subject=what)
    index = _int(entry.get("index"), _of(what, "index"))
    leaf = _b64(entry.get("leaf_data"), _of(what, "leaf_data"))
    claimed = entry.get("leaf_hash")
    if not isinstance(claimed, str) or not _HEX64.fullmatch(claimed):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject}'s leaf_hash is not 64 lowercase hex "
                                                                       "digits"), what=what, index=index, subject=what)
    actual = merkle.leaf_hash(leaf)
    if actual.hex() != claimed:
        raise verification_failure(
            QT_TRANSLATE_NOOP("ServiceMessage", "{subject}'s leaf_hash {claimed} is not SHA-256(0x00 || leaf_data) = "
                                                "{actual}: the leaf data or its hash was changed"),
            what=what, index=index, subject=what, claimed=claimed, actual=actual.hex(),
        )
    return index, leaf, actual


def _check_proof(text: Any, index: int, leaf_hash: bytes, verifier: Verifier, what: str | Said) -> Checkpoint:
    if not isinstance(text, str):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} is missing or is not a "
                                                                       "c2sp.org/tlog-proof@v1 text"),
                                   what=what, index=index, subject=what)
    try:
        p = parse_tlog_proof(text)
    except VerificationError as exc:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} is unreadable: {problem}"), what=what,
                                   index=index, subject=what, problem=said_of(exc)) from None
    if p.index != index:
        raise verification_failure(
            QT_TRANSLATE_NOOP("ServiceMessage", "{subject} is for ledger entry {found}, but the entry it should prove is "
                                                "{n}"), what=what, index=index, subject=what, found=p.index, n=index,
        )
    try:
        return verify_tlog_proof(text, leaf_hash, [verifier])
    except VerificationError as exc:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} does not verify: {problem}"), what=what,
                                   index=index, subject=what, problem=said_of(exc)) from None


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
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the verifier key given is unusable: {problem}"),
                                   what="vkey", problem=said_of(exc)) from None
    witness_verifiers = [parse_witness_vkey(w) for w in witnesses]
    if not isinstance(doc, dict):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the file is not a JSON object"), what="document")
    if strictjson.depth_exceeds(doc):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the document nests arrays or objects deeper than "
                                                                       "{max} levels"),
                                   what="document", max=strictjson.MAX_DEPTH)
    body, rest = split_document(doc)

    # 1. What it is.
    version = body.get("version")
    if version != DOCUMENT_VERSION or type(version) is not int:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the document's version is {version}; this "
                                                                       "verifier knows version {known}"),
                                   what="version", version=repr(version), known=DOCUMENT_VERSION)
    kind = body.get("kind")
    if kind not in ENTRY_TYPE_FOR_KIND:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the document's kind {kind} is not {certificate}, "
                                                                       "{report} or {summary}"),
                                   what="kind", kind=repr(kind), certificate=repr(KIND_CERTIFICATE),
                                   report=repr(KIND_REPORT), summary=repr(KIND_SUMMARY))
    noun = say(_NOUN[kind])
    try:
        body_bytes = canonical_bytes(body)
    except NotCanonicalError as exc:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the {noun} was altered: {problem}"), what="body",
                                   noun=noun, problem=said_of(exc)) from None

    # 2. The signature over the body, by the given key.
    sig = rest.get("signature")
    if not isinstance(sig, dict):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the {noun} carries no signature object"),
                                   what="signature", noun=noun)
    if sig.get("alg") != SIGNATURE_ALG:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the signature's algorithm is {alg}, expected "
                                                                       "{expected}"),
                                   what="signature", alg=repr(sig.get("alg")), expected=repr(SIGNATURE_ALG))
    if sig.get("key_id") != verifier.key_id.hex() or sig.get("key_name") != verifier.name:
        raise verification_failure(
            QT_TRANSLATE_NOOP("ServiceMessage", "the {noun} says it is signed by {name} (key ID {key_id}), but the "
                                                "verifier key given is {given} (key ID {given_id}): check that you have "
                                                "this ledger's key"),
            what="signature", noun=noun, name=repr(sig.get("key_name")), key_id=repr(sig.get("key_id")),
            given=repr(verifier.name), given_id=verifier.key_id.hex(),
        )
    if set(sig) != {"alg", "key_id", "key_name", "value"}:
        extra = sorted(set(sig) - {"alg", "key_id", "key_name", "value"})
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the signature object has unexpected fields "
                                                                       "{extra}"), what="signature", extra=str(extra))
    sig_bytes = _b64(sig.get("value"), say(QT_TRANSLATE_NOOP("ServiceMessage", "the signature value")))
    try:
        verifier.verify(body_bytes, sig_bytes)
    except VerificationError:
        raise verification_failure(
            QT_TRANSLATE_NOOP("ServiceMessage", "the signature does not match the {noun}'s contents: a field was "
                                                "changed, added or removed after signing"),
            what="signature", noun=noun,
        ) from None
    ledger = body.get("ledger")
    if isinstance(ledger, dict) and (ledger.get("origin"), ledger.get("key_id")) != (verifier.name, verifier.key_id.hex()):
        raise verification_failure(
            QT_TRANSLATE_NOOP("ServiceMessage", "the {noun} names ledger {origin} with key ID {key_id}, not the signing "
                                                "key {name} ({given_id})"),
            what="ledger", noun=noun, origin=repr(ledger.get("origin")), key_id=repr(ledger.get("key_id")),
            name=repr(verifier.name), given_id=verifier.key_id.hex(),
        )
    digest = document_digest(body, sig)
    if "document_sha256" in rest and rest["document_sha256"] != digest:
        raise verification_failure(
            QT_TRANSLATE_NOOP("ServiceMessage", "the document_sha256 field ({found}) is not the SHA-256 of the signed "
                                                "{noun} ({digest})"),
            what="document_sha256", found=repr(rest["document_sha256"]), noun=noun, digest=digest,
        )

    # 3. The ledger entry commits to this document.
    the_entry = say(QT_TRANSLATE_NOOP("ServiceMessage", "the entry"))
    index, leaf, leaf_hash = _check_entry_object(rest.get("entry"), the_entry)
    leaf_doc = _decode_leaf(leaf, index, _of(the_entry, "leaf"))
    want_type = ENTRY_TYPE_FOR_KIND[kind]
    if leaf_doc.get("type") != want_type:
        raise verification_failure(
            QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {n} is a {type} entry, not the {want} entry of this "
                                                "{noun}"),
            what="entry", index=index, n=index, type=repr(leaf_doc.get("type")), want=repr(want_type), noun=noun,
        )
    payload = leaf_doc["payload"]
    if payload.get("document_sha256") != digest:
        raise verification_failure(
            QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {n} commits to document {found}, not to this {noun} "
                                                "({digest})"),
            what="entry", index=index, n=index, found=repr(payload.get("document_sha256")), noun=noun, digest=digest,
        )
    if payload.get("kind") != kind:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {n} records a {found}, not a {kind}"),
                                   what="entry", index=index, n=index, found=repr(payload.get("kind")), kind=repr(kind))

    # 4. The entry is in the ledger: the tlog-proof and its signed checkpoint.
    cp = _check_proof(rest.get("tlog_proof"), index, leaf_hash, verifier,
                      say(QT_TRANSLATE_NOOP("ServiceMessage", "the tlog_proof")))
    checkpoint_text = parse_tlog_proof(rest["tlog_proof"]).signed_checkpoint

    # 5. Inclusion reports: every matched item's ledger entry, under the same checkpoint.
    items: tuple[int, ...] = ()
    if kind == KIND_REPORT:
        items = _verify_item_proofs(body, rest.get("item_proofs"), checkpoint_text, verifier,
                                    rest.get("stored_item_proofs"))
    elif "item_proofs" in rest:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "a removal certificate carries no item_proofs"),
                                   what="item_proofs")
    if kind == KIND_CERTIFICATE and "stored_item_proofs" in rest:
        _verify_certificate_stored_proofs(body, rest["stored_item_proofs"], verifier)

    # 6. Independent witnesses: k of the given witnesses cosigned that checkpoint.
    cosigned: list[Cosignature] = []
    if witness_verifiers:
        try:
            cosigned = require_quorum(checkpoint_text, witness_verifiers, quorum)
        except VerificationError as exc:
            raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the {noun}'s checkpoint fails the witness "
                                                                           "check: {problem}"),
                                       what="witness", noun=noun, problem=said_of(exc)) from None

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
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the report carries no item_proofs list"),
                                   what="item_proofs")
    wanted: dict[int, list[dict[str, Any]]] = {}
    for it in report_items(body):
        at = say(QT_TRANSLATE_NOOP("ServiceMessage", "the entry_index of item {item}"), item=repr(it.get("item_id")))
        wanted.setdefault(_int(it.get("entry_index"), at), []).append(it)
    seen: set[int] = set()
    for k, p in enumerate(proofs):
        what = say(QT_TRANSLATE_NOOP("ServiceMessage", "item proof {k}"), k=k + 1)
        index, leaf, leaf_hash = _check_entry_object(p, what)
        if index in seen:
            raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} repeats ledger entry {n}"),
                                       what="item_proofs", index=index, subject=what, n=index)
        if index not in wanted:
            raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} is for ledger entry {n}, which no "
                                                                           "item in the report names"),
                                       what="item_proofs", index=index, subject=what, n=index)
        seen.add(index)
        leaf_doc = _decode_leaf(leaf, index, _of(what, "leaf"))
        if leaf_doc.get("type") == MANIFEST_TYPE:
            for it in wanted[index]:
                _verify_stored_item(it, stored, leaf, index, what)
        elif any(it.get("stored") is not None for it in wanted[index]):
            raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject}: an item marked stored names ledger "
                                                                           "entry {n}, which is not a shard.manifest "
                                                                           "entry"),
                                       what="item_proofs", index=index, subject=what, n=index)
        elif leaf_doc.get("type") != "item.ingested":
            raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject}: ledger entry {n} is a {type} entry, "
                                                                           "not item.ingested"),
                                       what="item_proofs", index=index, subject=what, n=index,
                                       type=repr(leaf_doc.get("type")))
        payload = leaf_doc["payload"]
        for it in wanted[index] if leaf_doc.get("type") != MANIFEST_TYPE else ():
            if payload.get("item") != it.get("item_id"):
                raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject}: ledger entry {n} records item "
                                                                               "{found}, not {item}"),
                                           what="item_proofs", index=index, subject=what, n=index,
                                           found=repr(payload.get("item")), item=repr(it.get("item_id")))
            if "sha256" in it and payload.get("sha256") != it["sha256"]:
                raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject}: ledger entry {n} records SHA-256 "
                                                                               "{found} for item {item}, not {sha256}"),
                                           what="item_proofs", index=index, subject=what, n=index,
                                           found=repr(payload.get("sha256")), item=repr(it.get("item_id")),
                                           sha256=repr(it["sha256"]))
        text = p.get("tlog_proof")
        _check_proof(text, index, leaf_hash, verifier, _of(what, "tlog_proof"))
        if parse_tlog_proof(text).signed_checkpoint != checkpoint_text:
            raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject}'s tlog_proof is against another "
                                                                           "checkpoint than the report's own"),
                                       what="item_proofs", index=index, subject=what)
    missing = sorted(set(wanted) - seen)
    if missing:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the report has no proof for ledger entry {n} (item "
                                                                       "{item})"),
                                   what="item_proofs", index=missing[0], n=missing[0],
                                   item=repr(wanted[missing[0]][0].get("item_id")))
    return tuple(sorted(seen))


def _verify_stored_item(it: dict[str, Any], stored: Any, manifest_leaf: bytes, index: int, what: Said) -> None:
    item_id = it.get("item_id")
    if it.get("stored") is not True:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject}: ledger entry {n} is a shard manifest, "
                                                                       "but item {item} is not marked stored"),
                                   what="item_proofs", index=index, subject=what, n=index, item=repr(item_id))
    if not isinstance(stored, dict) or not isinstance(item_id, str):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the report has no stored_item_proofs entry for "
                                                                       "item {item}"),
                                   what="item_proofs", index=index, item=repr(item_id))
    try:
        payload = verify_inner(item_id, stored.get(item_id), manifest_leaf)
    except VerificationError as exc:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject}: {problem}"), what="item_proofs",
                                   index=index, subject=what, problem=said_of(exc)) from None
    if "sha256" in it and payload.get("sha256") != it["sha256"]:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "{subject}: the leaf of stored item {item} records "
                                                                       "SHA-256 {found}, not {sha256}"),
                                   what="item_proofs", index=index, subject=what, item=repr(item_id),
                                   found=repr(payload.get("sha256")), sha256=repr(it["sha256"]))


def _verify_certificate_stored_proofs(body: dict[str, Any], proofs: Any, verifier: Verifier) -> None:
    """A removal certificate's `stored_item_proofs` (unsigned): each is the full two-level proof of a
    removed item the signed body lists, under its ID, of that item's leaf with the listed SHA-256 and corpus."""
    if not isinstance(proofs, dict):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the certificate's stored_item_proofs is not an "
                                                                       "object"), what="stored_item_proofs")
    listed = {it.get("item_id"): it for it in body.get("removed_items") or [] if isinstance(it, dict)}
    for item_id, doc in proofs.items():
        if item_id not in listed:
            raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the certificate carries a stored item proof "
                                                                           "for {item}, which it does not list as removed"),
                                       what="stored_item_proofs", item=repr(item_id))
        try:
            proof = item_proof_from_json(doc)
        except VerificationError as exc:
            raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the stored item proof of {item} is "
                                                                           "unreadable: {problem}"),
                                       what="stored_item_proofs", item=repr(item_id), problem=said_of(exc)) from None
        if proof.item != item_id:
            raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the stored item proof under {item} is the "
                                                                           "proof of item {other}"),
                                       what="stored_item_proofs", item=repr(item_id), other=repr(proof.item))
        try:
            item = verify_item_proof(proof, [verifier], origin=verifier.name)
        except VerificationError as exc:
            raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the stored item proof of {item} fails: "
                                                                           "{problem}"),
                                       what="stored_item_proofs", item=repr(item_id), problem=said_of(exc)) from None
        want = listed[item_id]
        if (item.sha256, item.corpus) != (want.get("sha256"), want.get("corpus")):
            raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the stored item proof of {item} proves a leaf "
                                                                           "of corpus {corpus} with SHA-256 {sha256}, but "
                                                                           "the certificate lists corpus {want_corpus} "
                                                                           "with SHA-256 {want_sha256}"),
                                       what="stored_item_proofs", item=repr(item_id), corpus=repr(item.corpus),
                                       sha256=repr(item.sha256), want_corpus=repr(want.get("corpus")),
                                       want_sha256=repr(want.get("sha256")))


def verify_consistency_to(verified: VerifiedDocument, newer_checkpoint: str, proof: Any, vkey: str) -> Checkpoint:
    """Check that a newer signed checkpoint extends the one in a verified document.

    `proof` is `ledger log consistency --old M --json` output: {"old_size", "old_root", "new_size",
    "new_root", "proof": [hex, …]}. Returns the newer checkpoint.
    """
    verifier = parse_vkey(vkey.strip())
    try:
        newer = open_checkpoint(newer_checkpoint, [verifier])
    except VerificationError as exc:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the newer checkpoint does not verify: {problem}"),
                                   what="consistency", problem=said_of(exc)) from None
    old = verified.checkpoint
    if newer.origin != old.origin:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the newer checkpoint is for log {found}, not "
                                                                       "{origin}"),
                                   what="consistency", found=repr(newer.origin), origin=repr(old.origin))
    if not isinstance(proof, dict) or not isinstance(proof.get("proof"), list):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the consistency proof is not a JSON object with a "
                                                                       "proof list"), what="consistency")
    if proof.get("old_size") != old.size or proof.get("new_size") != newer.size:
        raise verification_failure(
            QT_TRANSLATE_NOOP("ServiceMessage", "the consistency proof is from size {from_size} to {to_size}, but the "
                                                "checkpoints have sizes {old} and {new}"),
            what="consistency", from_size=repr(proof.get("old_size")), to_size=repr(proof.get("new_size")),
            old=old.size, new=newer.size,
        )
    try:
        hashes = [bytes.fromhex(h) for h in proof["proof"]]
    except (TypeError, ValueError):
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the consistency proof's hashes are not hex"),
                                   what="consistency") from None
    if newer.size == old.size and not hashes and newer.root_hash != old.root_hash:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the newer checkpoint has the same size but another "
                                                                       "root: the log forked"), what="consistency")
    try:
        merkle.verify_consistency(old.size, newer.size, old.root_hash, newer.root_hash, hashes)
    except VerificationError as exc:
        raise verification_failure(QT_TRANSLATE_NOOP("ServiceMessage", "the newer checkpoint does not extend the "
                                                                       "document's checkpoint: {problem}"),
                                   what="consistency", problem=said_of(exc)) from None
    return newer
