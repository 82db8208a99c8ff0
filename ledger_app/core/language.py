"""A text's language, as far as its script tells: enough for the AI Act summary's language list.

Why this exists: the training-content summary lists the languages of the text. Corpus metadata
(`language` / `lang`) is used when it is there; otherwise the dominant script gives an honest
estimate: Han without kana is Chinese, kana Japanese, Hangul Korean, and so on. Scripts shared by
many languages (Latin, Cyrillic, Arabic) are named as scripts (`und-Latn`), not guessed further.
"""

from __future__ import annotations

_RANGES = (
    (0x3040, 0x30FF, "kana"), (0x31F0, 0x31FF, "kana"), (0xAC00, 0xD7AF, "hangul"), (0x1100, 0x11FF, "hangul"),
    (0x4E00, 0x9FFF, "han"), (0x3400, 0x4DBF, "han"), (0xF900, 0xFAFF, "han"),
    (0x0400, 0x04FF, "cyrl"), (0x0600, 0x06FF, "arab"), (0x0590, 0x05FF, "hebr"), (0x0370, 0x03FF, "grek"),
    (0x0900, 0x097F, "deva"), (0x0E00, 0x0E7F, "thai"),
)
_BY_SCRIPT = {"hangul": "ko", "hebr": "he", "grek": "el", "thai": "th", "cyrl": "und-Cyrl", "arab": "und-Arab",
              "deva": "und-Deva", "latn": "und-Latn"}


def _script(ch: str) -> str | None:
    o = ord(ch)
    if ch.isascii():
        return "latn" if ch.isalpha() else None
    if 0x00C0 <= o <= 0x024F:
        return "latn"
    for lo, hi, name in _RANGES:
        if lo <= o <= hi:
            return name
    return None


def script_language(text: str) -> str | None:
    """A BCP 47 tag for the text's dominant script (zh, ja, ko, ... or und-Latn), or None."""
    counts: dict[str, int] = {}
    for ch in text[:4000]:
        s = _script(ch)
        if s:
            counts[s] = counts.get(s, 0) + 1
    if not counts:
        return None
    if counts.get("kana", 0) >= max(3, counts.get("han", 0) // 10):
        return "ja"
    top = max(counts, key=lambda k: counts[k])
    if top == "han":
        return "zh"
    if top == "kana":
        return "ja"
    return _BY_SCRIPT.get(top)
