"""Locate over the fingerprint store (issue #20): the request's works swept past every manifested
shard file by `engine/sweep.py` (on the local pool or Ray), then the candidates verified here with
the matchers the local locate uses, so a stored corpus gives the same matches, scores and evidence
as the same corpus in the database (tests/takedown/test_store_locate.py).

What makes the results the same: the sweep returns every item the matcher could consider, not only
likely ones. For an image work those are the items within the PDQ and coarse-code radii that chance
cannot explain at the corpus's size (the matcher's own `chance_radius`), and the items sharing at
least MIN_VOTES keypoint words with the query; the matcher then runs on an index of just those items
that reports the corpus's size (`_SweptImages`) and on keypoint votes weighted by the corpus-wide
word counts the sweep summed (`_SweptVotes`). For a text work they are the items sharing a sampled
shingle or a MinHash band with it, which are all the items the text index would score.
Ties between equal candidates at a cut-off (more than `max_verify`, 32 keypoint candidates or 200
text candidates scoring exactly alike) are broken by shard and position here, by ingest order there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow.compute as pc

from ledger_app.core.errors import UserError
from ledger_app.core.settings import MatchThresholds
from ledger_app.core.types import MatchMethod
from ledger_app.engine import Engine
from ledger_app.engine.sweep import SweepQuery, SweepTask, UnitHits, group_codes, sweep_unit
from ledger_app.matching.image_index import ImageIndex
from ledger_app.takedown.locate import Found, StoredWork, perceptual_found, read_shard_texts, text_found


@dataclass
class _Plan:
    """The request's works by what the sweep looks for."""

    sha: dict[bytes, list[StoredWork]]
    urls: list[StoredWork]
    domains: list[StoredWork]
    accounts: list[StoredWork]
    signers: list[StoredWork]
    images: list[tuple[StoredWork, Any]]  # (work, ImageFingerprint)
    texts: list[StoredWork]


def _plan(works: Sequence[StoredWork]) -> _Plan:
    from ledger_app.matching.image import ImageFingerprint

    p = _Plan({}, [], [], [], [], [], [])
    for w in works:
        if w.kind in ("hash", "file"):
            sha = w.value if w.kind == "hash" else (w.sha256 or w.value)
            if len(sha) == 64 and sha == sha.lower() and all(c in "0123456789abcdef" for c in sha):
                p.sha.setdefault(bytes.fromhex(sha), []).append(w)
        if w.kind == "url":
            p.urls.append(w)
        elif w.kind == "domain":
            p.domains.append(w)
        elif w.kind == "account":
            p.accounts.append(w)
        elif w.kind == "c2pa_signer":
            p.signers.append(w)
        if w.kind == "file" and w.fingerprint and w.fp_kind != "text":
            p.images.append((w, ImageFingerprint.from_bytes(w.fingerprint)))
        if w.text:
            p.texts.append(w)
    return p


def count_images(location: str, files: Sequence[str]) -> int:
    """Live image items in the files: the size of the index the local locate would query."""
    from ledger_app.fpstore.store import FingerprintStore

    dataset = FingerprintStore(location).dataset(files)
    return int(dataset.count_rows(filter=(pc.field("fp_kind") == "image") & (pc.field("status") != "purged")))


def build_query(p: _Plan, n_images: int) -> SweepQuery:
    """The sweep's arrays for the plan, with each image work's radii for a corpus of `n_images`."""
    from ledger_app.matching.coarse import query_codes
    from ledger_app.matching.image_match import (
        COARSE_CANDIDATE,
        FINE_GRID_MAX_ITEMS,
        PDQ_CANDIDATE,
        chance_radius,
    )
    from ledger_app.matching.local_index import MIN_VOTES, words

    pdq, pdq_work, pdq_r, coarse, coarse_work, coarse_r, wds, wds_work = [], [], [], [], [], [], [], []
    for k, (_, fp) in enumerate(p.images):
        hashes = fp.query_hashes()
        if fp.reliable:
            r = chance_radius(256, len(hashes) * 3 * n_images, PDQ_CANDIDATE)
            pdq += [h for _, _, h in hashes]
            pdq_work += [k] * len(hashes)
            pdq_r += [r] * len(hashes)
        codes = query_codes(fp.thumbnail(), fine=n_images <= FINE_GRID_MAX_ITEMS)
        r = chance_radius(64, len(codes) * n_images, COARSE_CANDIDATE)
        if r >= 0 and len(codes):
            coarse.append(np.asarray(codes, np.uint8).reshape(-1, 8))
            coarse_work += [k] * len(codes)
            coarse_r += [r] * len(codes)
        if fp.local is not None and len(fp.local):
            q = np.unique(words(fp.local.descriptors).reshape(-1))
            wds.append(q)
            wds_work += [k] * len(q)
    keys, key_work = [], []
    for k, w in enumerate(p.texts):
        from ledger_app.matching.text import text_fingerprint
        from ledger_app.matching.text_index import band_keys

        tf = text_fingerprint(w.text or "")
        q = np.unique(np.concatenate([tf.sample, band_keys(tf.minhash)]))
        keys.append(q)
        key_work += [k] * len(q)
    query = SweepQuery(
        sha256=tuple(p.sha), urls=tuple(w.value for w in p.urls), domains=tuple(w.value for w in p.domains),
        accounts=tuple(w.value for w in p.accounts), signers=tuple(w.value.strip().lower() for w in p.signers),
        pdq=np.frombuffer(b"".join(pdq), np.uint8).reshape(-1, 32),
        pdq_work=np.array(pdq_work, np.int32), pdq_radius=np.array(pdq_r, np.int32),
        coarse=np.concatenate(coarse) if coarse else np.empty((0, 8), np.uint8),
        coarse_work=np.array(coarse_work, np.int32), coarse_radius=np.array(coarse_r, np.int32),
        words=np.concatenate(wds).astype(np.uint32) if wds else np.empty(0, np.uint32),
        words_work=np.array(wds_work, np.int32), min_words=MIN_VOTES,
        text_keys=np.concatenate(keys).astype(np.uint64) if keys else np.empty(0, np.uint64),
        text_work=np.array(key_work, np.int32))
    if len(query.coarse):
        codes, works, radii, groups = group_codes(query.coarse, query.coarse_work, query.coarse_radius)
        query = dataclasses.replace(query, coarse=codes, coarse_work=works, coarse_radius=radii, coarse_groups=groups)
    return query


def find_in_store(location: str, files: Sequence[str], works: Sequence[StoredWork], thresholds: MatchThresholds,
                  engine: Engine, corpus_place: Callable[[str], tuple[str, str] | None]) -> list[Found]:
    """Every live stored item matching one of the works, swept on `engine`; `corpus_place(name)` is
    the corpus's (path, format), for reading candidate texts back as the local locate does."""
    p = _plan(works)
    if not files or not (p.sha or p.urls or p.domains or p.accounts or p.signers or p.images or p.texts):
        return []
    n_images = count_images(location, files) if p.images else 0
    query = build_query(p, n_images)
    hits = list(engine.map(sweep_unit, [SweepTask(location, f, query) for f in files]))
    if p.images and sum(h.image_items for h in hits) != n_images:
        raise UserError("the fingerprint store changed during the sweep; run locate again")
    rows = {(h.file, r): row for h in hits for r, row in h.rows().items()}
    out = _exact_finds(p, hits, rows)
    if p.images:
        df = sum((h.word_df for h in hits), np.zeros(len(query.words), np.int64))
        for k, (w, fp) in enumerate(p.images):
            matcher = _image_matcher(k, hits, rows, n_images, query, df, thresholds)
            out += perceptual_found(w, matcher.query(fp)) if matcher is not None else []
    for k, w in enumerate(p.texts):
        cands = _ordered({(h.file, r) for h in hits for work, r in h.text if work == k}, rows)
        if cands:
            out += text_found(w, _text_index(cands, rows, thresholds, corpus_place).query(None, w.text))
    sha_of = {row["item_id"]: _hex(row) for row in rows.values()}
    for f in out:
        f.sha256 = f.sha256 or sha_of.get(f.item_id)
    return out


def _ordered(keys: set[tuple[str, int]], rows: dict[tuple[str, int], dict[str, Any]]) -> list[tuple[str, int]]:
    """Candidates in a stable order: corpus, shard, position in the shard."""
    return sorted(keys, key=lambda k: (rows[k]["item_id"].split(":", 1)[0], rows[k]["shard"], rows[k]["leaf_index"]))


def _exact_finds(p: _Plan, hits: Sequence[UnitHits], rows: dict[tuple[str, int], dict[str, Any]]) -> list[Found]:
    """Exact, URL, domain, account and signer finds, work by work in the order locate's steps take them."""
    import json

    def by(attr: str) -> dict[int, list[dict[str, Any]]]:
        got: dict[int, list[dict[str, Any]]] = {}
        for h in hits:
            for k, r in getattr(h, attr):
                got.setdefault(k, []).append(rows[(h.file, r)])
        return got

    out: list[Found] = []
    exact, shas = by("exact"), list(p.sha)
    for k, digest in enumerate(shas):
        for w in p.sha[digest]:
            out += [Found(r["item_id"], w.id, MatchMethod.EXACT, "exact", {"sha256": digest.hex()}, digest.hex())
                    for r in exact.get(k, [])]
    urls, domains = by("urls"), by("domains")
    url_pos = {id(w): k for k, w in enumerate(p.urls)}
    dom_pos = {id(w): k for k, w in enumerate(p.domains)}
    for w in sorted(p.urls + p.domains, key=lambda w: (w.id, w.kind)):
        if w.kind == "url":
            out += [Found(r["item_id"], w.id, MatchMethod.URL, "exact", {"url": r["source_url"], "claimed": w.value},
                          _hex(r)) for r in urls.get(url_pos[id(w)], [])]
        else:
            out += [Found(r["item_id"], w.id, MatchMethod.URL, "domain", {"url": r["source_url"], "domain": w.value},
                          _hex(r)) for r in domains.get(dom_pos[id(w)], [])]
    accounts = by("accounts")
    for k, w in enumerate(p.accounts):
        out += [Found(r["item_id"], w.id, MatchMethod.ACCOUNT, "exact", {"account": "(the requester's account)"},
                      _hex(r)) for r in accounts.get(k, [])]
    signers = by("signers")
    for k, w in enumerate(p.signers):
        for r in signers.get(k, []):
            signer = (json.loads(r["c2pa_json"] or "{}").get("signer") or "").lower()
            out.append(Found(r["item_id"], w.id, MatchMethod.C2PA, "signer", {"signer": signer}, _hex(r)))
    return out


def _hex(row: dict[str, Any]) -> str | None:
    return row["sha256"].hex() if row.get("sha256") is not None else None


def _image_matcher(k: int, hits: Sequence[UnitHits], rows: dict[tuple[str, int], dict[str, Any]], n_images: int,
                   query: SweepQuery, df: np.ndarray, thresholds: MatchThresholds) -> Any:
    """An ImageMatcher over image work k's candidates that counts and weighs as one over the whole store."""

    from ledger_app.matching.image import ImageFingerprint
    from ledger_app.matching.image_match import ImageMatcher
    from ledger_app.matching.local import LocalFeatures

    shared: dict[tuple[str, int], np.ndarray] = {}
    keys: set[tuple[str, int]] = set()
    for h in hits:
        keys |= {(h.file, r) for work, r in h.pdq + h.coarse if work == k}
        for work, r, pos in h.local:
            if work == k:
                keys.add((h.file, r))
                shared[(h.file, r)] = pos
    if not keys:
        return None
    ordered = _ordered(keys, rows)
    ids, fps = [], []
    for key in ordered:
        row = rows[key]
        fp = ImageFingerprint.from_bytes(row["fp_data"])
        if row["local_data"] is not None:
            fp = dataclasses.replace(fp, local=LocalFeatures.from_bytes(row["local_data"]))
        ids.append(row["item_id"])
        fps.append(fp)
    index = _SweptImages(n_images)
    index.add(ids, fps)
    matcher = ImageMatcher(index=index, fingerprints=dict(zip(ids, fps, strict=True)),
                           pdq_max_distance=thresholds.pdq_max_distance)
    sel = np.flatnonzero(query.words_work == k)
    matcher.local = _SweptLocal(ids, [fp.local is not None and len(fp.local) > 0 for fp in fps], n_images,
                                df[sel], [shared.get(key, np.empty(0, np.int64)) - (sel[0] if len(sel) else 0)
                                          for key in ordered])
    return matcher


def _text_index(cands: list[tuple[str, int]], rows: dict[tuple[str, int], dict[str, Any]],
                thresholds: MatchThresholds, corpus_place: Callable[[str], tuple[str, str] | None]) -> Any:
    from ledger_app.matching.text_index import TextIndex

    places = {rows[c]["item_id"]: (rows[c]["key"], rows[c]["shard"]) for c in cands}
    index = TextIndex(texts=stored_text_loader(places, corpus_place), min_containment=thresholds.text_min_score)
    index.add([rows[c]["item_id"] for c in cands], [rows[c]["fp_data"] for c in cands])
    return index


def stored_text_loader(places: dict[str, tuple[str, str]], corpus_place: Callable[[str], tuple[str, str] | None]
                       ) -> Callable[[Sequence[str]], dict[str, str]]:
    """Candidate texts read back from their corpus shards, as `locate.corpus_text_loader` reads them."""

    def load(ids: Sequence[str]) -> dict[str, str]:
        wanted: dict[tuple[str, str, str], dict[str, str]] = {}
        for item_id in ids:
            if item_id not in places:
                continue
            where = corpus_place(item_id.split(":", 1)[0])
            if where is not None:
                key, shard = places[item_id]
                wanted.setdefault((where[0], where[1], shard), {})[key] = item_id
        return read_shard_texts(wanted)

    return load


class _SweptImages(ImageIndex):
    """The candidates' index, reporting the size of the whole store's (the matcher's chance levels)."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def __len__(self) -> int:
        return self.size


class _SweptLocal:
    """The keypoint stage's view of the whole store for one query: `votes` as `LocalIndex.votes` computes
    them, from the corpus-wide word counts and each candidate's shared words."""

    def __init__(self, ids: list[str], worded: list[bool], size: int, df: np.ndarray, shared: list[np.ndarray]):
        self.ids, self.worded, self.size, self.df, self.shared = ids, worded, size, df, shared
        self.nums = {i: n for n, i in enumerate(ids)}

    def __len__(self) -> int:
        return self.size

    def item_ids(self) -> list[str]:
        return self.ids

    def number(self, item_id: str) -> int | None:
        return self.nums.get(item_id)

    def has_words(self, num: int) -> bool:
        return self.worded[num]

    def votes(self, features: Any) -> Any:
        from ledger_app.matching.local_index import STOP_FRACTION, LocalVotes

        n = len(self.ids)
        if not self.size or not len(features) or not len(self.df):
            return LocalVotes(self, np.zeros(n, np.int64), np.zeros(n))  # type: ignore[arg-type]
        stop = max(64, int(STOP_FRACTION * self.size))
        useful = (self.df > 0) & (self.df <= stop)
        weight = np.log((self.size + 1) / (self.df + 1)).astype(np.float32)
        # Each item's words in ascending order, as LocalIndex sums them (the same floating-point sums).
        pos = [s[useful[s]] for s in self.shared]
        items = np.repeat(np.arange(n), [len(s) for s in pos])
        flat = np.concatenate(pos) if pos else np.empty(0, np.int64)
        counts = np.bincount(items, minlength=n)
        votes = np.bincount(items, weights=weight[flat], minlength=n)
        return LocalVotes(self, counts, votes)  # type: ignore[arg-type]
