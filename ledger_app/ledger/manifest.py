"""Shard manifests: one ledger entry per corpus shard in the fingerprint store, and the two-level
proof of an item in it (docs/ledger-format.md, "Shard manifests").

A stored shard's items keep the leaf format of every other item: each item's `item.ingested` leaf
(RFC 8785 JSON). Those leaves form the shard's own RFC 6962 tree; the ledger gets one
`shard.manifest` entry per shard carrying that tree's root, its size and the shard's identity and
file digest. An item's proof is then two RFC 6962 inclusion proofs: the item leaf in its shard's
tree (against the manifest's root), and the manifest entry in the ledger (a c2sp.org/tlog-proof
against a signed checkpoint). Go's golang.org/x/mod/sumdb/tlog checks both (tests/test_fpstore_go.py).

The inner proof is built without hashing the whole shard: the store keeps, in each file's metadata,
the hashes of the shard's perfect subtrees of 64 leaves and more (`upper_levels`) and the leaf hashes of the last, incomplete
chunk, so a proof needs those and the leaves of one chunk (`inner_proof`).

Standard library, `merkle`, `tlogproof`, `note`, `strictjson` and `errors` only: the offline verifier
(ledger_app/verify.py) imports this module.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ledger_app.core import strictjson
from ledger_app.core.errors import VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, failed, said_of
from ledger_app.ledger import merkle
from ledger_app.ledger.note import Verifier
from ledger_app.ledger.tlogproof import parse_tlog_proof, verify_tlog_proof

MANIFEST_TYPE = "shard.manifest"
ITEM_PROOF_KIND = "item-proof"
ITEM_PROOF_VERSION = 1
CHUNK_LEVEL = 6
CHUNK = 1 << CHUNK_LEVEL  # leaves per stored subtree hash


def manifest_payload(corpus: str, shard: str, count: int, root: bytes, *, file: str, file_sha256: str,
                     file_size: int, schema: int) -> dict[str, Any]:
    """The payload of a `shard.manifest` entry."""
    return {"corpus": corpus, "shard": shard, "count": int(count), "root": root.hex(),
            "store": {"schema": int(schema), "file": file, "sha256": file_sha256, "size": int(file_size)}}


#: What the manifest index (the `shard_manifest` table) keeps of an entry, in its column order.
INDEX_FIELDS = ("corpus", "shard", "count", "root", "file", "file_sha256")


def index_fields(leaf: bytes) -> tuple[str, str, int, str, str, str] | None:
    """(corpus, shard, count, root, file, file_sha256) of a `shard.manifest` leaf: what its row in the
    manifest index says, and what a row must equal to be used (services/stored.py); None when the
    leaf is not a well-formed manifest entry."""
    try:
        doc = strictjson.loads(leaf, "manifest entry")
    except strictjson.StrictJSONError:
        return None
    p = doc.get("payload") if isinstance(doc, dict) and doc.get("type") == MANIFEST_TYPE else None
    if not isinstance(p, dict) or not isinstance(p.get("store"), dict):
        return None
    store = p["store"]
    got = (p.get("corpus"), p.get("shard"), p.get("count"), p.get("root"), store.get("file"), store.get("sha256"))
    if type(got[2]) is not int or not all(isinstance(v, str) for k, v in enumerate(got) if k != 2):
        return None
    return got  # type: ignore[return-value]


def index_rows(first_index: int, entries: Sequence[tuple[str, bytes]]) -> list[tuple[int, tuple[Any, ...]]]:
    """(entry, `index_fields`) of each manifest entry among `entries` (type, leaf) appended from
    `first_index` on: their rows in the manifest index."""
    out = []
    for k, (kind, leaf) in enumerate(entries):
        got = index_fields(leaf) if kind == MANIFEST_TYPE else None
        if got is not None:
            out.append((first_index + k, got))
    return out


# --- the shard tree, from chunk hashes -----------------------------------------------------------


def chunk_hashes(leaf_hashes: Sequence[bytes]) -> tuple[list[bytes], list[bytes]]:
    """(hash of each complete CHUNK-leaf subtree, leaf hashes of the incomplete last chunk)."""
    full = len(leaf_hashes) // CHUNK * CHUNK
    return ([merkle.root(leaf_hashes[i : i + CHUNK]) for i in range(0, full, CHUNK)], list(leaf_hashes[full:]))


def _perfect(hashes: Sequence[bytes]) -> bytes:
    level = list(hashes)
    while len(level) > 1:
        level = [merkle.node_hash(level[i], level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]


def upper_levels(chunks: Sequence[bytes]) -> list[list[bytes]]:
    """The perfect subtrees above the chunks: level CHUNK_LEVEL (the chunks), then each level of
    their pairs, up to the largest; what a store file keeps so a proof hashes nothing above a chunk."""
    levels = [list(chunks)]
    while len(levels[-1]) > 1:
        below = levels[-1]
        levels.append([merkle.node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)])
    return levels


def inner_proof(index: int, size: int, chunks: Sequence[bytes], tail: Sequence[bytes],
                chunk_leaves: Sequence[bytes], upper: Sequence[Sequence[bytes]] | None = None,
                memo: dict[tuple[int, int], bytes] | None = None,
                chunk_path: Sequence[bytes] | None = None) -> list[bytes]:
    """The RFC 6962 inclusion proof of leaf `index` in a tree of `size` leaves, from the complete
    chunks' hashes, the incomplete tail's leaf hashes and the leaf hashes of the chunk holding
    `index` (empty when `index` is in the tail). `upper`: `upper_levels(chunks)`, when stored.
    `memo`: the hashes of nodes above a chunk (by leaf range) made for earlier proofs from these same
    chunks and tail, and where this one's are added. `chunk_path`: the path's first CHUNK_LEVEL hashes
    (the siblings inside the item's complete chunk) when the caller has them, instead of `chunk_leaves`."""
    if len(chunks) != size // CHUNK or len(tail) != size % CHUNK:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the stored subtree hashes do not describe a tree of {size} leaves"), size=size)
    if not 0 <= index < size:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "index {i} is not inside a shard tree of size {size}"), i=index, size=size)
    full = len(chunks) * CHUNK
    own = index // CHUNK * CHUNK
    if chunk_path is not None:
        if not index < full or len(chunk_path) != CHUNK_LEVEL:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "chunk {chunk} needs {want} leaf hashes, got {got}"),
                         chunk=index // CHUNK, want=CHUNK_LEVEL, got=len(chunk_path))
    elif index < full and len(chunk_leaves) != CHUNK:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "chunk {chunk} needs {want} leaf hashes, got {got}"), chunk=index // CHUNK, want=CHUNK,
                     got=len(chunk_leaves))

    ranges = merkle.inclusion_ranges(index, size)
    proof: list[bytes] = []
    if chunk_path is not None:
        proof += chunk_path
        ranges = ranges[CHUNK_LEVEL:]
    elif index < full:
        # A complete chunk is a node of the tree (it is aligned, and every node wider than a chunk
        # splits at a multiple of one), so the path's first CHUNK_LEVEL hashes are the siblings
        # inside it, taken while its levels are hashed up.
        sha, pre = hashlib.sha256, merkle.NODE_PREFIX  # merkle.node_hash, inlined: 63 hashes per proof
        level, pos = list(chunk_leaves), index - own
        for _ in range(CHUNK_LEVEL):
            proof.append(level[pos ^ 1])
            level = [sha(pre + level[k] + level[k + 1]).digest() for k in range(0, len(level), 2)]
            pos >>= 1
        ranges = ranges[CHUNK_LEVEL:]
    for a, b in ranges:
        if memo is not None and (a, b) in memo:
            proof.append(memo[(a, b)])
            continue
        hashes = []
        for lv, ix in merkle.perfect_cover(a, b):
            start = ix << lv
            if lv >= CHUNK_LEVEL:
                hashes.append(upper[lv - CHUNK_LEVEL][ix] if upper is not None
                              else _perfect(chunks[start // CHUNK : (start + (1 << lv)) // CHUNK]))
            elif start >= full:
                hashes.append(_perfect(tail[start - full : start - full + (1 << lv)]))
            else:
                raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "a proof node below a chunk lies outside the item's chunk"))
        proof.append(merkle.fold(hashes))
        if memo is not None:
            memo[(a, b)] = proof[-1]
    return proof


def tree_root(size: int, chunks: Sequence[bytes], tail: Sequence[bytes]) -> bytes:
    """The root of the shard tree from its stored chunk hashes and tail."""
    if len(chunks) != size // CHUNK or len(tail) != size % CHUNK:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the stored subtree hashes do not describe a tree of {size} leaves"), size=size)
    if size == 0:
        return merkle.EMPTY_ROOT
    full = len(chunks) * CHUNK

    def node(level: int, idx: int) -> bytes:
        start, width = idx << level, 1 << level
        if level >= CHUNK_LEVEL:
            return _perfect(chunks[start // CHUNK : (start + width) // CHUNK])
        return _perfect(tail[start - full : start - full + width])

    return merkle.range_hash(0, size, lambda cover: {c: node(*c) for c in cover})


# --- the two-level proof ------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemProof:
    """An item's two-level proof: `leaf` in its shard's tree, that tree's manifest entry in the ledger."""

    item: str
    leaf: bytes
    shard_index: int
    shard_size: int
    shard_proof: tuple[bytes, ...]
    manifest_index: int
    manifest_leaf: bytes
    tlog_proof: str  # c2sp.org/tlog-proof@v1 of the manifest entry

    def to_json(self) -> dict[str, Any]:
        b64 = base64.b64encode
        return {
            "kind": ITEM_PROOF_KIND, "version": ITEM_PROOF_VERSION, "item": self.item,
            "leaf": b64(self.leaf).decode(), "shard_index": self.shard_index, "shard_size": self.shard_size,
            "shard_proof": [b64(h).decode() for h in self.shard_proof],
            "manifest_index": self.manifest_index, "manifest_leaf": b64(self.manifest_leaf).decode(),
            "tlog_proof": self.tlog_proof,
        }


def _bad(source: str, **args: Any) -> VerificationError:
    """A fault of an item proof: `source` is a whole sentence marked for translation (core/messages.py)."""
    return failed(source, what="item proof", **args)


def _b64(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof has no {field}"), field=what)
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof {field} is not base64"), field=what) from None


def _int(doc: dict[str, Any], key: str) -> int:
    v = doc.get(key)
    if type(v) is not int or v < 0:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof {field} is not a whole number"), field=key)
    return v


def item_proof_from_json(doc: Any) -> ItemProof:
    if not isinstance(doc, dict) or doc.get("kind") != ITEM_PROOF_KIND:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof is not a JSON object of kind {kind}"), kind=repr(ITEM_PROOF_KIND))
    if doc.get("version") != ITEM_PROOF_VERSION or type(doc.get("version")) is not int:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof has version {version}; this verifier knows version {known}"),
                   version=repr(doc.get("version")), known=ITEM_PROOF_VERSION)
    path = doc.get("shard_proof")
    if not isinstance(path, list) or len(path) > 64:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof has no shard_proof list"))
    if not isinstance(doc.get("item"), str) or not isinstance(doc.get("tlog_proof"), str):
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof lacks the item ID or the tlog_proof"))
    return ItemProof(doc["item"], _b64(doc.get("leaf"), "leaf"), _int(doc, "shard_index"), _int(doc, "shard_size"),
                     tuple(_b64(h, "shard_proof hash") for h in path), _int(doc, "manifest_index"),
                     _b64(doc.get("manifest_leaf"), "manifest_leaf"), doc["tlog_proof"])


@dataclass(frozen=True)
class VerifiedItem:
    item: str
    sha256: str | None
    status: str | None
    corpus: str
    shard: str
    manifest_index: int
    checkpoint_size: int
    checkpoint_root: bytes

    def summary(self) -> dict[str, Any]:
        return {"ok": True, "kind": ITEM_PROOF_KIND, "item": self.item, "sha256": self.sha256, "status": self.status,
                "corpus": self.corpus, "shard": self.shard, "manifest_index": self.manifest_index,
                "checkpoint": {"size": self.checkpoint_size, "root_hash": self.checkpoint_root.hex()}}

    def sentence(self) -> str:
        return (f"OK: item {self.item} (SHA-256 {self.sha256}) is leaf of shard {self.shard!r} of corpus "
                f"{self.corpus!r}, whose manifest is ledger entry {self.manifest_index} under the signed "
                f"checkpoint of size {self.checkpoint_size}.")


def _leaf_doc(leaf: bytes, what: str) -> dict[str, Any]:
    try:
        doc = strictjson.loads(leaf, what)
    except strictjson.StrictJSONError as exc:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof {problem}"), problem=said_of(exc)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("payload"), dict):
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof {field} is not a ledger entry"), field=what)
    return doc


def inner_to_json(proof: ItemProof) -> dict[str, Any]:
    """The inner level alone, as a signed inclusion report carries it (`stored_item_proofs`)."""
    doc = proof.to_json()
    return {k: doc[k] for k in ("leaf", "shard_index", "shard_size", "shard_proof")}


def verify_inner(item_id: str, inner: Any, manifest_leaf: bytes) -> dict[str, Any]:
    """Check an inner proof object ({leaf, shard_index, shard_size, shard_proof}) of `item_id`
    against a `shard.manifest` leaf (proven in the ledger by the caller); returns the item leaf's
    payload. Raises VerificationError."""
    if not isinstance(inner, dict):
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof of item {item} is missing"), item=item_id)
    doc = {"kind": ITEM_PROOF_KIND, "version": ITEM_PROOF_VERSION, "item": item_id, "manifest_index": 0,
           "manifest_leaf": base64.b64encode(manifest_leaf).decode(), "tlog_proof": "",
           **{k: inner.get(k) for k in ("leaf", "shard_index", "shard_size", "shard_proof")}}
    return _check_inner(item_proof_from_json(doc))


def _check_inner(proof: ItemProof) -> dict[str, Any]:
    manifest = _leaf_doc(proof.manifest_leaf, "manifest entry")
    if manifest.get("type") != MANIFEST_TYPE:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof names entry {n}, which is a {type} entry, not {manifest}"),
                   n=proof.manifest_index, type=repr(manifest.get("type")), manifest=MANIFEST_TYPE)
    m = manifest["payload"]
    try:
        root = bytes.fromhex(str(m.get("root")))
    except ValueError:
        root = b""
    if len(root) != 32 or type(m.get("count")) is not int:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof's manifest entry has no root or count"))
    if m["count"] != proof.shard_size:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof gives a shard of {size} items; its manifest says {count}"),
                   size=proof.shard_size, count=m["count"])
    item = _leaf_doc(proof.leaf, "item leaf")
    p = item["payload"]
    if item.get("type") != "item.ingested" or p.get("item") != proof.item:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof's leaf is not the item.ingested entry of item {item}"),
                   item=proof.item)
    if p.get("corpus") != m.get("corpus"):
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof's item is of corpus {corpus}, its manifest of corpus {manifest_corpus}"),
                   corpus=repr(p.get("corpus")), manifest_corpus=repr(m.get("corpus")))
    try:
        merkle.verify_inclusion(proof.shard_index, proof.shard_size, merkle.leaf_hash(proof.leaf),
                                list(proof.shard_proof), root)
    except VerificationError as exc:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof does not place the item in its shard's tree (the manifest's root): "
                                                     "{problem}"), problem=said_of(exc)) from None
    return dict(p)


def verify_item_proof(proof: ItemProof, verifiers: Sequence[Verifier], *, origin: str | None = None) -> VerifiedItem:
    """Check both levels; raise VerificationError with one sentence naming the first fault."""
    p = _check_inner(proof)
    m = _leaf_doc(proof.manifest_leaf, "manifest entry")["payload"]
    try:
        cp = verify_tlog_proof(proof.tlog_proof, merkle.leaf_hash(proof.manifest_leaf), verifiers, origin=origin)
    except VerificationError as exc:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof does not place the manifest entry in the ledger: {problem}"),
                   problem=said_of(exc)) from None
    if parse_tlog_proof(proof.tlog_proof).index != proof.manifest_index:
        raise _bad(QT_TRANSLATE_NOOP("ServiceMessage", "the item proof names manifest entry {n}, but its tlog-proof proves another index"),
                   n=proof.manifest_index)
    return VerifiedItem(proof.item, p.get("sha256"), p.get("status"), str(m.get("corpus")), str(m.get("shard")),
                        proof.manifest_index, cp.size, cp.root_hash)
