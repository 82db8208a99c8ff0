"""The fast text fingerprint (ASCII in one pass, memoised normalisation and hashes, tokens only where
spans are needed) gives the same bytes and the same token spans as the token-by-token reference, on
real text: the evaluation set's English and Chinese articles and hosts, the standard library's
docstrings (read from its sources), and characters that normalisation changes."""

from __future__ import annotations

import ast
import sysconfig
from pathlib import Path

import pytest

from ledger_app.matching import text_evalset
from ledger_app.matching.text import shingle_hashes, text_fingerprint, token_spans, tokens, words
from tests.matching.text_reference import reference_fingerprint, reference_tokens

DOCUMENTED = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
TRICKY = [
    "Apple发布了新款iPhone 15，售价５９９９元。",
    "㍿ ﬁne Ⅻ ① ＡＢＣ ｶﾀｶﾅ カタカナ ひらがな ภาษาไทย ພາສາລາວ ខ្មែរ မြန်မာ 한국어",
    "Café Cafe\u0301 e\u0301\u0301 Straße STRASSE İstanbul ǅemal ΣΊΣΥΦΟΣ ﬀ ﬃ ſ K",
    "snake_case __dunder__ 1_000 x_y",
    "豈 更 車 𠀀𠀁 〇 々 ー",
    "",
    "a",
    "!!! ... ---",
]


def _real_texts() -> list[str]:
    out = list(TRICKY)
    for split in ("tuning", "held-out"):
        articles, others, _, hosts = text_evalset.load(split)
        out += [a.text for a in articles] + list(others.values()) + ["\n\n".join(h.paragraphs) for h in hosts]
        out += [d.text for d in text_evalset.build(articles, hosts, seed=3)]
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for path in sorted(stdlib.glob("*.py"))[:120]:  # their docstrings, read without importing them
        tree = ast.parse(path.read_text(encoding="utf-8"))
        out += [d for node in ast.walk(tree) if isinstance(node, DOCUMENTED) and (d := ast.get_docstring(node))]
    return out


TEXTS = _real_texts()


def test_the_real_texts_hold_chinese_and_other_non_ascii_text():
    assert sum("的" in t for t in TEXTS) >= 3
    assert sum(not t.isascii() for t in TEXTS) >= 10 and len(TEXTS) >= 100


@pytest.mark.parametrize("chunk", range(4))
def test_fingerprints_equal_the_reference_bit_for_bit(chunk):
    for text in TEXTS[chunk::4]:
        assert text_fingerprint(text).to_bytes() == reference_fingerprint(text).to_bytes(), text[:60]


def test_tokens_words_and_spans_equal_the_reference():
    for text in TEXTS:
        ref = reference_tokens(text)
        assert [(t.text, t.start, t.end) for t in tokens(text)] == ref, text[:60]
        assert words(text) == [w for w, _, _ in ref]
        assert token_spans(text) == [(a, b) for _, a, b in ref]
        assert shingle_hashes(tokens(text)).tolist() == shingle_hashes(words(text)).tolist()
