"""Leaf encoding: every ledger event is one canonical, versioned JSON document.

A leaf is the RFC 8785 canonical encoding of

    {"v": 1, "type": "<entry type>", "ts": "<UTC time, RFC 3339, microseconds>",
     "actor": "<commitment of the acting user>", "payload": {...}}

Canonical bytes mean anyone can re-encode a decoded leaf and get the same bytes (verification
checks this). Payloads hold content hashes and commitments, never personal data; see
`docs/ledger-format.md` for every entry type.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ledger_app.core import strictjson
from ledger_app.core.canonical import canonical_json
from ledger_app.core.canonical import dumps_sorted as _fast_dumps
from ledger_app.core.messages import (
    QT_TRANSLATE_NOOP,
    Said,
    failed,
    json_error_said,
    said_of,
    unicode_error_said,
)

LEAF_VERSION = 1

# Every entry type the application writes. A new type is added here and documented in
# docs/ledger-format.md; the verifier rejects types it does not know.
ENTRY_TYPES = frozenset(
    {
        "ledger.init",
        "ledger.note",
        "key.rotated",
        "corpus.registered",
        "corpus.policy_snapshot",
        "trust.anchor_added",
        "item.ingested",
        "item.status",
        "shard.manifest",  # one per corpus shard in the fingerprint store (ledger/manifest.py)
        "license.recorded",
        "license.attached",
        "license.expired",
        "claim.registered",
        "claim.flagged",
        "takedown.received",
        "takedown.status",
        "takedown.match",
        "takedown.decision",
        "takedown.purged",
        "certificate.issued",
        "report.issued",
        "summary.issued",
        "run.recorded",
        "personal_data.erased",
        # Case work on a takedown request (takedown/cases.py, takedown/legal.py).
        "case.note",
        "case.assigned",
        "case.document",
        "case.ownership_checked",
        "case.reply",
        "counter_notice.received",
        "counter_notice.forwarded",
        "counter_notice.court_action",
        "item.restored",
        "gdpr.identity",
        "gdpr.refusal",
        "gdpr.recipient_notified",
        "release.recorded",
        # Independent witnesses (witness_service.py).
        "witness.added",
        "witness.removed",
        "witness.policy",
        "ledger.rollback_acknowledged",
    }
)


@dataclass(frozen=True)
class Entry:
    type: str
    ts: str
    actor: str | None
    payload: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "ts": self.ts, "actor": self.actor, "payload": self.payload}


def utc_now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def encode_entry(entry_type: str, payload: dict[str, Any], *, actor: str | None, ts: str | None = None) -> bytes:
    if entry_type not in ENTRY_TYPES:
        raise ValueError(f"unknown ledger entry type {entry_type!r}")
    doc: dict[str, Any] = {"v": LEAF_VERSION, "type": entry_type, "ts": ts or utc_now_iso(), "payload": payload}
    if actor is not None:
        doc["actor"] = actor
    return canonical_json(doc)


class _Slow(Exception):
    pass


def _no_float(s: str):
    raise _Slow


def _small_int(s: str) -> int:
    if len(s) > 15:  # could exceed 2**53: let the full RFC 8785 path judge it
        raise _Slow
    return int(s)


# Built once: `json.loads` with hooks builds a new decoder for every call, which was a third of the
# cost of decoding a leaf (`log verify --deep` decodes every one).
_DECODER = json.JSONDecoder(parse_float=_no_float, parse_int=_small_int)


def _sorted_compact_encoder() -> Callable[[Any], str]:
    """`dumps_sorted`, with the standard library's C encoder built once instead of on every call
    (a quarter of the cost of re-encoding a leaf). Taken only if it exists and writes exactly what
    `dumps_sorted` writes for a probe document; otherwise `dumps_sorted` itself."""
    make = getattr(json.encoder, "c_make_encoder", None)
    encode_str = getattr(json.encoder, "c_encode_basestring", None)
    if make is None or encode_str is None:
        return _fast_dumps
    try:
        encode = make(None, None, encode_str, None, ":", ",", True, False, False)
        probe = {"b": [1, -2, True, False, None, "\u00e9\"\\\n\u2028"], "a": {"z": "", "y": {}}, "é": []}
        if "".join(encode(probe, 0)) != _fast_dumps(probe):
            return _fast_dumps
    except (TypeError, ValueError):
        return _fast_dumps
    return lambda doc: "".join(encode(doc, 0))


_dumps_sorted = _sorted_compact_encoder()


def _parse(leaf: bytes) -> tuple[Any, bool]:
    """(document, fast): fast means RFC 8785 equals plain sorted compact json.dumps for it.

    The fast path is plain `json.loads` (a million leaves are decoded by `log verify --deep`); a
    duplicate key cannot survive it unnoticed, because the re-encoded document is then shorter than
    the leaf and the canonical check fails, and `_strict_reason` names the duplicate. Anything
    unusual (long integers, floats, deep nesting) goes through the strict parser.
    """
    text = leaf.decode("utf-8")
    if leaf.count(b"{") + leaf.count(b"[") > strictjson.MAX_DEPTH:
        return strictjson.loads(text, "the leaf"), False
    if text.startswith("\ufeff"):  # what json.loads says of it
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    try:
        return _DECODER.decode(text), leaf.isascii()
    except _Slow:
        return strictjson.loads(text, "the leaf"), False


def _strict_reason(leaf: bytes) -> Said | None:
    try:
        strictjson.loads(leaf, "the leaf")
    except strictjson.StrictJSONError as exc:
        return exc.problem  # what is said of the leaf ("is refused: …")
    return None


def decode_entry(leaf: bytes, *, index: int | None = None) -> Entry:
    """Parse and check a leaf: strict JSON, canonical, known version and type."""
    try:
        doc, fast = _parse(leaf)
    except strictjson.StrictJSONError as e:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: {problem}"), index=index, n=index,
                     problem=said_of(e)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: the leaf is not valid UTF-8 JSON ({problem})"),
                     index=index, n=index,
                     problem=unicode_error_said(e) if isinstance(e, UnicodeDecodeError) else json_error_said(e)) from None
    if not isinstance(doc, dict):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: the leaf is not a JSON object"), index=index, n=index)
    if doc.get("v") != LEAF_VERSION:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: unknown leaf version {version}"), index=index, n=index,
                     version=repr(doc.get("v")))
    if doc.get("type") not in ENTRY_TYPES:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: unknown entry type {type}"), index=index, n=index,
                     type=repr(doc.get("type")))
    if (_dumps_sorted(doc).encode() if fast else canonical_json(doc)) != leaf:
        reason = _strict_reason(leaf)
        if reason:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: the leaf {problem}"), index=index, n=index,
                         problem=reason)
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: the leaf bytes are not in canonical form"), index=index,
                     n=index)
    payload = doc.get("payload")
    if not isinstance(payload, dict):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: the payload is not a JSON object"), index=index, n=index)
    return Entry(type=doc["type"], ts=str(doc.get("ts")), actor=doc.get("actor"), payload=payload)


def leaf_ts_type(leaf: bytes) -> tuple[str, str | None]:
    """(ts, type) of a leaf as signed; ("", None) for a leaf that is not a readable entry.

    A canonical leaf ends with its top-level `"ts"`, `"type"` and `"v"` members (keys sort that
    way): `…,"ts":"<ts>","type":"<type>","v":1}`. Read from those last bytes (`leaf_tail`), without
    decoding the leaf whole (`ledger log verify` does this for every entry); anything else is
    parsed strictly.
    """
    tail = leaf_tail(leaf)
    if tail is not None:
        return tail[0].decode("utf-8", "replace"), tail[1].decode("utf-8", "replace")
    try:
        doc = strictjson.loads(leaf, "the leaf")
    except strictjson.StrictJSONError:
        return "", None
    if not isinstance(doc, dict) or not isinstance(doc.get("type"), str):
        return "", None
    return str(doc.get("ts", "")), doc["type"]


def leaf_tail(leaf: bytes) -> tuple[bytes, bytes] | None:
    """The bytes of the `ts` and `type` strings in a leaf's last members, `…,"ts":"<ts>","type":"<type>","v":1}`,
    when neither holds a quote or a backslash (so the bytes are the strings); None otherwise."""
    if leaf.endswith(b'","v":1}'):
        j = leaf.rfind(b'","type":"')
        k = leaf.rfind(b',"ts":"', 0, j) if j > 0 else -1
        if k > 0:
            ts, typ = leaf[k + 7 : j], leaf[j + 10 : -8]
            if b'"' not in ts and b'"' not in typ and b"\\" not in ts and b"\\" not in typ:
                return ts, typ
    return None


def leaf_time(ts: str) -> float:
    """Unix seconds of a leaf's `ts` (what screens show as the entry's time); 0.0 if unreadable."""
    try:
        return datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return 0.0


def check_leaves(chunk: tuple[int, list[bytes]]) -> None:
    """Decode a run of leaves starting at index chunk[0]; raises VerificationError at the first bad one.

    Top-level so a process pool can run it (verification spreads decoding over the cores).
    """
    start, leaves = chunk
    for k, leaf in enumerate(leaves):
        decode_entry(leaf, index=start + k)
