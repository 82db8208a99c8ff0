"""The text fingerprint as it was computed before the fast paths of issue #13 (token by token, each
normalised on its own, a Token made for each): the reference the current implementation must equal
bit for bit. Kept verbatim apart from names; the constants are the product's own."""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

import numpy as np

from ledger_app.matching.text import (
    _ADD,
    _MIX,
    _MUL,
    _TOKEN,
    PERMUTATIONS,
    SAMPLE_RATE,
    SHINGLE,
    TextFingerprint,
)


def reference_tokens(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _TOKEN.finditer(text):
        norm = unicodedata.normalize("NFKC", m.group()).casefold()
        for piece in _TOKEN.findall(norm):
            out.append((piece, m.start(), m.end()))
    return out


@lru_cache(maxsize=200_000)
def _token_hash(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")


def reference_shingles(words: list[str]) -> np.ndarray:
    if not words:
        return np.empty(0, np.uint64)
    h = np.fromiter((_token_hash(w) for w in words), np.uint64, len(words))
    n = max(1, len(h) - SHINGLE + 1)
    acc = np.zeros(n, np.uint64)
    with np.errstate(over="ignore"):
        for j in range(min(SHINGLE, len(h))):
            acc = (acc * _MIX) ^ h[j : j + n]
            acc ^= acc >> np.uint64(29)
    return acc


def reference_minhash(shingles: np.ndarray) -> np.ndarray:
    if len(shingles) == 0:
        return np.full(PERMUTATIONS, 0xFFFFFFFF, np.uint32)
    with np.errstate(over="ignore"):
        out = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, np.uint64)
        for chunk in range(0, len(shingles), 4096):
            x = shingles[chunk : chunk + 4096, None]
            out = np.minimum(out, ((x * _MUL + _ADD) >> np.uint64(32)).min(axis=0))
    return out.astype(np.uint32)


def reference_fingerprint(text: str) -> TextFingerprint:
    sh = np.unique(reference_shingles([t for t, _, _ in reference_tokens(text)]))
    return TextFingerprint(int(sh.size), reference_minhash(sh), np.unique(sh[sh % np.uint64(SAMPLE_RATE) == 0]))
