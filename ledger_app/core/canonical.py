"""Canonical bytes for everything that gets hashed or signed.

RFC 8785 (JSON Canonicalization Scheme): the same value always serialises to the same bytes, on any
machine and in any language, so a verifier elsewhere can recompute what we signed.
"""

from __future__ import annotations

import hashlib
from typing import Any

import rfc8785


def canonical_json(value: Any) -> bytes:
    """Return the RFC 8785 canonical UTF-8 encoding of a JSON-compatible value."""
    return rfc8785.dumps(value)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
