"""Canonical bytes for everything that gets hashed or signed.

RFC 8785 (JSON Canonicalization Scheme): the same value always serialises to the same bytes, on any
machine and in any language, so a verifier elsewhere can recompute what we signed.

For the values this application writes (objects, arrays, strings, booleans, null and integers of at
most 2**53) RFC 8785 output equals `json.dumps(sort_keys=True, separators=(",", ":"),
ensure_ascii=False)`: the escaping rules agree, and sorting keys by code point equals sorting by
UTF-16 code unit as long as no key holds a character beyond U+FFFF. `canonical_json` checks those
conditions and takes that fast path (verifying a million leaves depends on it); anything else —
floats, huge integers, astral-plane keys — goes through the `rfc8785` package.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import rfc8785

_MAX_SAFE_INT = 2**53 - 1
_ASTRAL = "\U00010000"
_dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False).encode
# Sorted, compact, no ASCII escapes: equal to canonical_json for the values its fast path accepts.
dumps_sorted = _dumps


class _NotFast(Exception):
    pass


def _check(value: Any) -> None:
    t = type(value)
    if t is str or t is bool or value is None:
        return
    if t is int:
        if -_MAX_SAFE_INT <= value <= _MAX_SAFE_INT:
            return
        raise _NotFast
    if t is dict:
        for k, v in value.items():
            if type(k) is not str or (not k.isascii() and max(k) >= _ASTRAL):
                raise _NotFast
            _check(v)
        return
    if t is list or t is tuple:
        for v in value:
            _check(v)
        return
    raise _NotFast


def canonical_json(value: Any) -> bytes:
    """Return the RFC 8785 canonical UTF-8 encoding of a JSON-compatible value."""
    try:
        _check(value)
        return _dumps(value).encode("utf-8")
    except (_NotFast, UnicodeEncodeError):
        return rfc8785.dumps(value)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
