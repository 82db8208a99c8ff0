"""The encoding rules of the signed documents: removal certificates, inclusion reports, AI Act summaries.

One definition for both sides: the signer (`certificates/`) builds bodies with these rules and the
offline verifier (`ledger_app/verify.py`) checks them with the same code, so the two cannot disagree.
Standard library only, like the rest of what `verify.py` needs (`tests/tools/check_layers.py`).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said

DOCUMENT_VERSION = 1
SIGNATURE_ALG = "Ed25519"
KIND_CERTIFICATE = "removal-certificate"
KIND_REPORT = "inclusion-report"
KIND_SUMMARY = "ai-act-summary"  # the EU AI Act training-content summary (certificates/ai_act.py)
# Which ledger entry type commits to which kind of document.
ENTRY_TYPE_FOR_KIND = {KIND_CERTIFICATE: "certificate.issued", KIND_REPORT: "report.issued",
                       KIND_SUMMARY: "summary.issued"}
# Keys added after signing: everything else in the file is the signed body.
UNSIGNED_KEYS = frozenset({"signature", "document_sha256", "entry", "tlog_proof", "item_proofs", "stored_item_proofs"})

_MAX_SAFE_INT = 2**53 - 1
_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode


# --- canonical JSON for the no-float value domain --------------------------------------------------


class NotCanonicalError(ValueError):
    """A value outside the domain in which canonical JSON is this simple (see `canonical_bytes`); its
    `said` is the sentence as a message (core/messages.py)."""

    def __init__(self, source: str, **args: Any):
        self.said = Said(source, args)
        super().__init__(str(self.said))


def _where(path: str) -> Said:
    """"the document" and the JSON path inside it (`.a.b[0]`; empty for the document itself)."""
    return Said(QT_TRANSLATE_NOOP("ServiceMessage", "the document{path}"), {"path": path})


def _check_domain(value: Any, path: str) -> None:
    t = type(value)
    if t is str:
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise NotCanonicalError(QT_TRANSLATE_NOOP("ServiceMessage", "{path} holds a lone surrogate, which has no "
                                                                          "UTF-8 encoding"), path=_where(path))
        return
    if t is bool or value is None:
        return
    if t is int:
        if not -_MAX_SAFE_INT <= value <= _MAX_SAFE_INT:
            raise NotCanonicalError(QT_TRANSLATE_NOOP("ServiceMessage", "{path} holds the integer {value}, beyond the "
                                                                          "2**53 that JSON numbers keep exactly"),
                                    path=_where(path), value=value)
        return
    if t is float:
        raise NotCanonicalError(QT_TRANSLATE_NOOP("ServiceMessage", "{path} holds the floating-point number {value}; "
                                                                  "documents hold none (write it as a string)"),
                                path=_where(path), value=repr(value))
    if t is dict:
        for k, v in value.items():
            if type(k) is not str:
                raise NotCanonicalError(QT_TRANSLATE_NOOP("ServiceMessage", "{path} has the non-string key {key}"), path=_where(path),
                                        key=repr(k))
            if any(ord(c) > 0xFFFF for c in k):
                # RFC 8785 sorts keys by UTF-16 code units; for keys beyond U+FFFF that differs from
                # Python's code-point order, so such keys are refused rather than mis-sorted.
                raise NotCanonicalError(QT_TRANSLATE_NOOP("ServiceMessage", "{path} has the key {key} with a character "
                                                                              "beyond U+FFFF"), path=_where(path), key=repr(k))
            _check_domain(v, f"{path}.{k}")
        return
    if t is list:
        for i, v in enumerate(value):
            _check_domain(v, f"{path}[{i}]")
        return
    raise NotCanonicalError(QT_TRANSLATE_NOOP("ServiceMessage", "{path} holds a {kind}, which is not a JSON value"),
                            path=_where(path), kind=t.__name__)


def canonical_bytes(value: Any) -> bytes:
    """RFC 8785 canonical JSON of a value made of objects, arrays, strings, booleans, null and
    integers within ±(2**53 - 1), with no object key beyond U+FFFF.

    In that domain RFC 8785 equals `json.dumps(sort_keys=True, separators=(",", ":"),
    ensure_ascii=False)`: the string escapes agree (\\b \\t \\n \\f \\r, \\" and \\\\, other control
    characters as lowercase \\u00xx, everything else literal) and key order by code point equals
    order by UTF-16 code unit. Anything outside the domain (a float above all) raises
    `NotCanonicalError` instead of being encoded in a way another implementation might not repeat.
    """
    _check_domain(value, "")
    return _encode(value).encode("utf-8")


def document_digest(body: dict[str, Any], signature: dict[str, Any]) -> str:
    """SHA-256 (hex) of the canonical bytes of body + signature: what the ledger entry commits to."""
    return hashlib.sha256(canonical_bytes({**body, "signature": signature})).hexdigest()


def report_items(body: dict[str, Any]) -> list[dict[str, Any]]:
    """Every matched item of an inclusion report (direct matches and near copies)."""
    out: list[dict[str, Any]] = []
    for q in body.get("queries") or []:
        if isinstance(q, dict):
            out.extend(i for i in (q.get("items") or []) + (q.get("near_copies") or []) if isinstance(i, dict))
    return out
