"""The text evaluation set: news articles in English and Chinese, derived copies, hard negatives.

The articles, the independently written texts on the same subjects and the host texts are in
`resources/evalsets/text_articles.json`. From a seed this module derives, per article:

- a re-hosted copy: new headline and footer, whitespace re-flowed, a few words edited, one
  sentence rewritten, one paragraph dropped;
- an excerpt of about 40 % of the article embedded in a host text (a newsletter, a blog post).

`evaluate` scores a `TextIndex` in both directions and counts false matches against the
same-subject texts, the other articles' copies and the hosts.

The articles are split in two. The match threshold (the setting match.text_min_score) was chosen
on the TUNING split alone (`threshold_evidence`: the scores of its true copies and of everything
that must not match, over 20 seeds); the HELD_OUT split, which no threshold was chosen on,
reports recall and false matches. Each split has English and Chinese articles and same-subject
texts; the two host texts (filler around the excerpts) serve both.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ledger_app.matching.text import shingle_hashes, words
from ledger_app.matching.text_index import TextIndex

RECIPE = Path(__file__).resolve().parents[2] / "resources" / "evalsets" / "text_articles.json"

# The articles the threshold was chosen on; every other article is held out.
TUNING = ("en-port-strike", "en-bike-lanes", "zh-metro-line")
SPLITS = ("tuning", "held-out", "all")

_EN_WORDS = [
    "officials",
    "residents",
    "several",
    "reported",
    "major",
    "regional",
    "recent",
    "local",
    "nearly",
    "public",
]
_ZH_CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学"
_NEW_SENTENCE = {
    "en": "People familiar with the matter, who asked not to be named, described the situation as fluid.",
    "zh": "知情人士透露，相关情况仍在进一步核实之中。",
}
_NEW_HEADLINE = {
    "en": ["UPDATE: {h}", "What we know so far: {h}", "{h} — full story"],
    "zh": ["【最新】{h}", "关注｜{h}", "{h}（附详细报道）"],
}
_FOOTER = {
    "en": "This story was republished from a partner site. Copyright belongs to the original publisher. Share it with your friends and follow us for more updates.",
    "zh": "本文转载自合作媒体，版权归原作者所有，如有侵权请联系删除。欢迎转发分享，关注我们获取更多资讯。",
}


@dataclass(frozen=True)
class Article:
    id: str
    lang: str
    headline: str
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return self.headline + "\n\n" + "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Derived:
    id: str
    source: str
    kind: str  # "rehost" or "excerpt"
    text: str


@dataclass
class TextEvalResult:
    recall: dict[str, tuple[int, int]] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    false_matches: list[str] = field(default_factory=list)
    queries: int = 0

    @property
    def found(self) -> int:
        return sum(f for f, _ in self.recall.values())

    @property
    def total(self) -> int:
        return sum(t for _, t in self.recall.values())


def load(split: str = "all") -> tuple[list[Article], dict[str, str], dict[str, str], list[Article]]:
    """Articles; same-subject texts by id; which article each is about; hosts. `split`: "tuning",
    "held-out" or "all"."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    d = json.loads(RECIPE.read_text(encoding="utf-8"))

    def wanted(article_id: str) -> bool:
        return split == "all" or (article_id in TUNING) == (split == "tuning")

    articles = [
        Article(a["id"], a["lang"], a["headline"], tuple(a["paragraphs"])) for a in d["articles"] if wanted(a["id"])
    ]
    others = {o["id"]: o["text"] for o in d["same_subject"] if wanted(o["about"])}
    about = {o["id"]: o["about"] for o in d["same_subject"] if wanted(o["about"])}
    hosts = [Article(h["id"], h["lang"], "", tuple(h["paragraphs"])) for h in d["hosts"]]
    return articles, others, about, hosts


def _sentences(paragraph: str, lang: str) -> list[str]:
    pattern = r"(?<=[。！？])" if lang == "zh" else r"(?<=[.!?])\s+|(?<=[.!?][\"”])\s+"
    return [s for s in re.split(pattern, paragraph) if s.strip()]


def _join(sentences: list[str], lang: str) -> str:
    return ("" if lang == "zh" else " ").join(sentences)


def _edit_words(paragraph: str, lang: str, rng: random.Random, n: int) -> str:
    if lang == "zh":
        chars = list(paragraph)
        spots = [i for i, c in enumerate(chars) if "\u4e00" <= c <= "\u9fff"]
        for i in rng.sample(spots, min(n, len(spots))):
            chars[i] = rng.choice(_ZH_CHARS)
        return "".join(chars)
    words = paragraph.split(" ")
    spots = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
    for i in rng.sample(spots, min(n, len(spots))):
        words[i] = rng.choice(_EN_WORDS)
    return " ".join(words)


def _reflow(text: str, lang: str, rng: random.Random) -> str:
    """Re-wrap at random widths, with stray double spaces and indentation, as a scraper leaves it."""
    flat = re.sub(r"\s+", " ", text)
    out, line = [], ""
    width = rng.randint(30, 50) if lang == "zh" else rng.randint(55, 90)
    for piece in list(flat) if lang == "zh" else flat.split(" "):
        sep = "" if lang == "zh" else (" " if rng.random() > 0.05 else "  ")
        if len(line) + len(piece) > width and line:
            out.append(("  " if rng.random() < 0.2 else "") + line.rstrip())
            line = ""
        line += piece + sep
    out.append(line.rstrip())
    return "\n".join(out)


def rehost(a: Article, rng: random.Random) -> str:
    paragraphs = list(a.paragraphs)
    del paragraphs[rng.randrange(1, len(paragraphs))]  # one paragraph dropped
    k = rng.randrange(len(paragraphs))
    sentences = _sentences(paragraphs[k], a.lang)
    sentences[rng.randrange(len(sentences))] = _NEW_SENTENCE[a.lang]  # one sentence rewritten
    paragraphs[k] = _join(sentences, a.lang)
    for _ in range(3):  # a few words edited
        j = rng.randrange(len(paragraphs))
        paragraphs[j] = _edit_words(paragraphs[j], a.lang, rng, 1)
    headline = rng.choice(_NEW_HEADLINE[a.lang]).format(h=a.headline[: max(8, len(a.headline) * 2 // 3)])
    body = "\n\n".join(_reflow(p, a.lang, rng) for p in paragraphs)
    return f"{headline}\n\n{body}\n\n{_FOOTER[a.lang]}"


def excerpt(a: Article, host: Article, rng: random.Random, fraction: float = 0.4) -> str:
    sentences = [s for p in a.paragraphs for s in _sentences(p, a.lang)]
    total = sum(len(s) for s in sentences)
    start = rng.randrange(len(sentences))
    while True:
        taken, n = 0, 0
        while start + n < len(sentences) and taken < fraction * total:
            taken += len(sentences[start + n])
            n += 1
        if taken >= 0.95 * fraction * total or start == 0:
            break
        start -= 1
    passage = _join(sentences[start : start + n], a.lang)
    return "\n\n".join([host.paragraphs[0], passage, *host.paragraphs[1:]])


def build(articles: list[Article], hosts: list[Article], seed: int) -> list[Derived]:
    rng = random.Random(seed)
    out = []
    for a in articles:
        host = next(h for h in hosts if h.lang == a.lang)
        out.append(Derived(f"{a.id}|rehost", a.id, "rehost", rehost(a, rng)))
        out.append(Derived(f"{a.id}|excerpt", a.id, "excerpt", excerpt(a, host, rng)))
    return out


def evaluate(seed: int, make_index: Callable[[], object] = TextIndex, split: str = "held-out") -> TextEvalResult:
    """Both directions: articles as queries over the copies and negatives (locate), then copies
    and same-subject texts as queries over the articles (claims). `make_index()` makes an index
    at the threshold under test (by default `TextIndex()`: the shipped default)."""
    articles, others, about, hosts = load(split)
    derived = build(articles, hosts, seed)
    res = TextEvalResult()
    totals: dict[str, list[int]] = {}

    index = make_index()
    ids = [d.id for d in derived] + list(others) + [h.id for h in hosts]
    texts = [d.text for d in derived] + list(others.values()) + ["\n\n".join(h.paragraphs) for h in hosts]
    index.add(ids, texts=texts)
    for a in articles:
        found = {m.item_id for m in index.query(None, a.text)}
        res.queries += 1
        for d in derived:
            if d.source != a.id:
                continue
            key = f"{a.lang} {d.kind}"
            totals.setdefault(key, [0, 0])[1] += 1
            if d.id in found:
                totals[key][0] += 1
            else:
                res.misses.append(f"locate {d.id}")
        res.false_matches.extend(f"{a.id} matched {f}" for f in sorted(found) if not f.startswith(a.id + "|"))

    lang = {a.id: a.lang for a in articles}
    index = make_index()
    index.add([a.id for a in articles], texts=[a.text for a in articles])
    for d in derived:
        found = {m.item_id for m in index.query(None, d.text)}
        res.queries += 1
        key = f"{lang[d.source]} {d.kind} (claim)"
        totals.setdefault(key, [0, 0])[1] += 1
        if d.source in found:
            totals[key][0] += 1
        else:
            res.misses.append(f"claim {d.id}")
        res.false_matches.extend(f"{d.id} matched {f}" for f in sorted(found - {d.source}))
    for oid, text in others.items():
        found = {m.item_id for m in index.query(None, text)}
        res.queries += 1
        res.false_matches.extend(f"{oid} (same subject as {about[oid]}) matched {f}" for f in sorted(found))
    res.recall = {k: (v[0], v[1]) for k, v in sorted(totals.items())}
    return res


@dataclass(frozen=True)
class ThresholdEvidence:
    """What the threshold was chosen from: the lowest score of a true copy and the highest
    containment of anything that must not match (exact shingle containment, either way, with no
    floor on the number of shared shingles), over the seeds, on one split."""

    lowest_copy: float
    lowest_copy_of: str
    highest_other: float
    highest_other_of: str
    pairs: int

    @property
    def midpoint(self) -> float:
        return round((self.lowest_copy + self.highest_other) / 2, 2)


def _containment(a: np.ndarray, b: np.ndarray) -> float:
    if len(a) == 0 or len(b) == 0:
        return 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return max(shared / len(a), shared / len(b))


def threshold_evidence(seeds: range | list[int] = range(20), split: str = "tuning") -> ThresholdEvidence:
    """The scores the text threshold is chosen from (see the module's docstring)."""
    articles, others, about, hosts = load(split)
    sh = {}

    def shingles(key: str, text: str) -> np.ndarray:
        if key not in sh:
            sh[key] = np.unique(shingle_hashes(words(text)))
        return sh[key]

    lo, lo_of, hi, hi_of, pairs = 1.0, "", 0.0, "", 0
    fixed = {a.id: a.text for a in articles} | others | {h.id: "\n\n".join(h.paragraphs) for h in hosts}
    for seed in seeds:
        derived = build(articles, hosts, seed)
        for a in articles:
            qa = shingles(a.id, a.text)
            docs = [(f"{d.id}@{seed}", d.text, d.source == a.id) for d in derived]
            docs += [(k, t, False) for k, t in fixed.items() if k != a.id]
            for key, text, same in docs:
                c = _containment(qa, shingles(key, text))
                pairs += 1
                if same and c < lo:
                    lo, lo_of = c, f"{a.id} in {key}"
                elif not same and c > hi:
                    hi, hi_of = c, f"{a.id} / {key}"
    return ThresholdEvidence(round(lo, 4), lo_of, round(hi, 4), hi_of, pairs)


def markdown(result: TextEvalResult, title: str) -> str:
    lines = [f"### {title}", "", "| copies | found | total |", "|---|---:|---:|"]
    lines += [f"| {k} | {f} | {t} |" for k, (f, t) in result.recall.items()]
    lines.append(f"| **all** | **{result.found}** | **{result.total}** |")
    lines += ["", f"False matches: **{len(result.false_matches)}** ({result.queries} queries)."]
    lines += [f"- {f}" for f in result.false_matches[:20]]
    if result.misses:
        lines += ["", "Missed: " + "; ".join(result.misses)]
    return "\n".join(lines)
