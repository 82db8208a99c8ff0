"""A text's language, as far as its script tells: enough for the AI Act summary's language list.

Why this exists: the training-content summary lists the languages of the text. Corpus metadata
(`language` / `lang`) is used when it is there; otherwise the dominant script gives an honest
estimate: Han without kana is Chinese, kana Japanese, Hangul Korean, and so on. Scripts shared by
many languages (Latin, Cyrillic, Arabic) are named as scripts (`und-Latn`), not guessed further.
"""

from __future__ import annotations

import re

# One character class per script; counting with C-speed regular expressions keeps this at a few
# microseconds per item (a per-character Python loop cost more than the rest of a text's ingest).
_SCRIPTS = {
    "kana": re.compile(r"[\u3040-\u30ff\u31f0-\u31ff]"),
    "hangul": re.compile(r"[\uac00-\ud7af\u1100-\u11ff]"),
    "han": re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]"),
    "cyrl": re.compile(r"[\u0400-\u04ff]"),
    "arab": re.compile(r"[\u0600-\u06ff]"),
    "hebr": re.compile(r"[\u0590-\u05ff]"),
    "grek": re.compile(r"[\u0370-\u03ff]"),
    "deva": re.compile(r"[\u0900-\u097f]"),
    "thai": re.compile(r"[\u0e00-\u0e7f]"),
    "latn": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_BY_SCRIPT = {"hangul": "ko", "hebr": "he", "grek": "el", "thai": "th", "cyrl": "und-Cyrl", "arab": "und-Arab",
              "deva": "und-Deva", "latn": "und-Latn"}


def script_language(text: str) -> str | None:
    """A BCP 47 tag for the text's dominant script (zh, ja, ko, ... or und-Latn), or None."""
    sample = text[:1000]
    if sample.isascii():
        return "und-Latn" if _ASCII_LETTER.search(sample) else None
    sample = sample[:300]  # enough letters to tell the script apart
    counts = {name: len(rx.findall(sample)) for name, rx in _SCRIPTS.items()}
    counts = {k: v for k, v in counts.items() if v}
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
