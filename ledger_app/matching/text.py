"""Text fingerprints: language-independent shingles, a MinHash signature and a shingle sample.

Normalisation is Unicode NFKC, case folding and whitespace collapsing. Tokens are words (runs of
letters and digits) in scripts that separate words with spaces, and single characters in scripts
that do not (Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar); mixed text simply yields both
kinds in reading order. A shingle is a run of SHINGLE consecutive tokens, hashed to 64 bits
(BLAKE2b of the token, combined positionally), so punctuation, line breaks and spacing never matter.

The fingerprint keeps, for near-duplicate and containment search without the text itself:

- the number of distinct shingles;
- a MinHash signature (PERMUTATIONS 32-bit minima): Jaccard estimates and LSH band keys;
- a consistent sample of the shingle hashes (those divisible by SAMPLE_RATE), the same shingles
  in every document, so that the overlap of two samples estimates the overlap of the whole sets:
  how an excerpt of an article embedded in another text is found.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass

import numpy as np

SHINGLE = 5
PERMUTATIONS = 128
SAMPLE_RATE = 8

_NO_SPACE_SCRIPTS = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0003134f"  # CJK extensions B-G
)
_TOKEN = re.compile(f"[{_NO_SPACE_SCRIPTS}]|[^\\W_{_NO_SPACE_SCRIPTS}]+")
_SPACE = re.compile(r"\s+")

_MAGIC = b"LTF"
_VERSION = 1
_HEADER = struct.Struct(">3sBIHI")  # magic, version, distinct shingles, permutations, sample size

_rng = np.random.Generator(np.random.PCG64(20240611))
_MUL = (_rng.integers(1, 2**63, PERMUTATIONS, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_ADD = _rng.integers(0, 2**63, PERMUTATIONS, dtype=np.uint64)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def normalize(text: str) -> str:
    """NFKC, case-folded, whitespace collapsed to single spaces."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # character offsets in the *original* text
    end: int


def tokens(text: str) -> list[Token]:
    """Tokens with their spans in `text` (normalisation is applied piecewise, offsets kept)."""
    if text.isascii():
        # NFKC leaves ASCII as it is and case folding is lower(), which keeps every character's
        # class and offset: the same tokens and spans as the piecewise path below.
        return [Token(m.group(), *m.span()) for m in _TOKEN.finditer(text.lower())]
    out = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        out += [Token(piece, start, end) for piece in _pieces(m.group())]
    return out


def token_spans(text: str) -> list[tuple[int, int]]:
    """Each token's (start, end) in `text`: `[(t.start, t.end) for t in tokens(text)]`, faster."""
    if text.isascii():
        return [m.span() for m in _TOKEN.finditer(text)]
    out: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text):
        out += [m.span()] * len(_pieces(m.group()))
    return out


def words(text: str) -> list[str]:
    """The tokens' texts alone (what a fingerprint needs): `[t.text for t in tokens(text)]`, faster."""
    if text.isascii():
        return _TOKEN.findall(text.lower())
    out: list[str] = []
    for w in _TOKEN.findall(text):
        out += _pieces(w)
    return out


class _Memo(dict):
    """A bounded memo of a function of one string (cleared when full; lookups stay dict-fast)."""

    def __init__(self, fn, size: int):
        super().__init__()
        self.fn, self.size = fn, size

    def __missing__(self, key: str):
        if len(self) >= self.size:
            self.clear()
        value = self[key] = self.fn(key)
        return value


def _normalized_pieces(token: str) -> tuple[str, ...]:
    # NFKC can turn one compatibility character into several tokens' worth (e.g. "㍿").
    return tuple(_TOKEN.findall(unicodedata.normalize("NFKC", token).casefold()))


def _blake(token: str) -> int:
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")


_pieces = _Memo(_normalized_pieces, 200_000).__getitem__
_token_hash = _Memo(_blake, 200_000).__getitem__


def shingle_hashes(toks: list[Token] | list[str]) -> np.ndarray:
    """64-bit hash of each run of SHINGLE tokens, in order (one hash for a shorter text)."""
    if not toks:
        return np.empty(0, np.uint64)
    ws = [t.text for t in toks] if isinstance(toks[0], Token) else toks
    h = np.fromiter(map(_token_hash, ws), np.uint64, len(ws))
    n = max(1, len(h) - SHINGLE + 1)
    acc = np.zeros(n, np.uint64)
    with np.errstate(over="ignore"):
        for j in range(min(SHINGLE, len(h))):
            acc = (acc * _MIX) ^ h[j : j + n]
            acc ^= acc >> np.uint64(29)
    return acc


def minhash(shingles: np.ndarray) -> np.ndarray:
    """PERMUTATIONS minima of (a * x + b) >> 32 over the distinct shingle hashes."""
    if len(shingles) == 0:
        return np.full(PERMUTATIONS, 0xFFFFFFFF, np.uint32)
    with np.errstate(over="ignore"):
        out = np.full(PERMUTATIONS, np.iinfo(np.uint64).max, np.uint64)
        for chunk in range(0, len(shingles), 4096):
            v = shingles[chunk : chunk + 4096, None] * _MUL
            v += _ADD
            out = np.minimum(out, v.min(axis=0))
    # The shift is monotonic: the minimum's top half is the minimum of the top halves.
    return (out >> np.uint64(32)).astype(np.uint32)


def sample(shingles: np.ndarray) -> np.ndarray:
    """The consistent sample: distinct shingle hashes divisible by SAMPLE_RATE, sorted."""
    return np.unique(shingles[shingles % np.uint64(SAMPLE_RATE) == 0])


@dataclass(frozen=True)
class TextFingerprint:
    shingle_count: int  # distinct shingles
    minhash: np.ndarray  # (PERMUTATIONS,) uint32
    sample: np.ndarray  # sorted uint64 shingle hashes divisible by SAMPLE_RATE

    def jaccard(self, other: TextFingerprint) -> float:
        """MinHash estimate of the Jaccard similarity of the two shingle sets."""
        return float((self.minhash == other.minhash).mean())

    def shared_sample(self, other: TextFingerprint) -> int:
        return int(np.intersect1d(self.sample, other.sample, assume_unique=True).size)

    def containment(self, other: TextFingerprint) -> tuple[float, float]:
        """Estimated fraction of this text's shingles found in `other`, and of other's in this
        (the same fractions of the two samples)."""
        shared = self.shared_sample(other)
        return shared / max(1, len(self.sample)), shared / max(1, len(other.sample))

    def to_bytes(self) -> bytes:
        head = _HEADER.pack(_MAGIC, _VERSION, self.shingle_count, len(self.minhash), len(self.sample))
        return head + self.minhash.astype(">u4").tobytes() + self.sample.astype(">u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> TextFingerprint:
        if len(data) < _HEADER.size:
            raise ValueError("text fingerprint is too short")
        magic, version, count, perms, nsample = _HEADER.unpack_from(data)
        if magic != _MAGIC:
            raise ValueError("not a text fingerprint (bad magic)")
        if version != _VERSION:
            raise ValueError(f"text fingerprint version {version} is not supported (expected {_VERSION})")
        pos = _HEADER.size
        if len(data) != pos + 4 * perms + 8 * nsample:
            raise ValueError("text fingerprint has the wrong length")
        mh = np.frombuffer(data, ">u4", perms, pos).astype(np.uint32)
        sm = np.frombuffer(data, ">u8", nsample, pos + 4 * perms).astype(np.uint64)
        return cls(count, mh, sm)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TextFingerprint)
            and self.shingle_count == other.shingle_count
            and np.array_equal(self.minhash, other.minhash)
            and np.array_equal(self.sample, other.sample)
        )

    __hash__ = None  # type: ignore[assignment]


def text_fingerprint(text: str) -> TextFingerprint:
    sh = np.unique(shingle_hashes(words(text)))
    return TextFingerprint(int(sh.size), minhash(sh), sample(sh))
