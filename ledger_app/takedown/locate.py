"""Find every copy of the claimed works in the corpora: exact, URL, domain, account, C2PA signer,
perceptual (images) and textual (articles).

Each finder takes the stored works and returns `Found` records (item, method, score, evidence). The
perceptual and text indexes are built from the fingerprints stored at ingest — never from the
corpus bytes — and kept per workspace in memory, caught up incrementally by fingerprint sequence
number, so a client that starts later (or another team member's machine) only loads what is new.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from ledger_app.core.settings import MatchThresholds
from ledger_app.core.types import MatchMethod
from ledger_app.storage.repos import takedowns as repo


@dataclass
class StoredWork:
    id: int
    kind: str
    value: str
    description: str | None = None
    fingerprint: bytes | None = None
    text: str | None = None
    sha256: str | None = None  # a file's or text's content hash
    media_type: str | None = None
    fp_kind: str | None = None  # image | text: what `fingerprint` is
    url: str | None = None  # a URL as given (`value` is its key)

    @classmethod
    def from_row(cls, r: repo.WorkRow) -> StoredWork:
        return cls(r.id, r.kind, r.value, r.description, r.fingerprint, r.text, r.sha256, r.media_type, r.fp_kind,
                   r.url)


@dataclass
class Found:
    item_id: str
    work_id: int | None
    method: MatchMethod
    score: str  # text, so certificates carry no floats: "exact", "0.93", "d=12"
    evidence: dict[str, Any] = field(default_factory=dict)
    sha256: str | None = None  # the item's content hash when the finder read it (stored items: not in the database)


def find_exact(engine: Engine, works: Sequence[StoredWork]) -> list[Found]:
    out = []
    with engine.connect() as conn:
        for w in works:
            if w.kind not in ("hash", "file"):
                continue
            sha = w.value if w.kind == "hash" else (w.sha256 or w.value)
            for item_id in repo.items_by_sha256(conn, sha, live=True):
                out.append(Found(item_id, w.id, MatchMethod.EXACT, "exact", {"sha256": sha}))
    return out


def find_urls(engine: Engine, works: Sequence[StoredWork]) -> list[Found]:
    out = []
    with engine.connect() as conn:
        for w in works:
            if w.kind == "url":
                rows = repo.items_by_url(conn, w.value, live=True)
                out += [Found(r[0], w.id, MatchMethod.URL, "exact", {"url": r[1], "claimed": w.value}) for r in rows]
            elif w.kind == "domain":
                rows = repo.live_items_in_domain(conn, w.value)
                out += [Found(r[0], w.id, MatchMethod.URL, "domain", {"url": r[1], "domain": w.value}) for r in rows]
    return out


def find_accounts(engine: Engine, works: Sequence[StoredWork]) -> list[Found]:
    """Works of kind account hold the account's commitment (computed at intake)."""
    out = []
    with engine.connect() as conn:
        for w in works:
            if w.kind != "account":
                continue
            ids = repo.live_items_by_account(conn, w.value)
            out += [Found(i, w.id, MatchMethod.ACCOUNT, "exact", {"account": "(the requester's account)"}) for i in ids]
    return out


def find_c2pa_signer(engine: Engine, works: Sequence[StoredWork]) -> list[Found]:
    out = []
    with engine.connect() as conn:
        for w in works:
            if w.kind != "c2pa_signer":
                continue
            needle = w.value.strip().lower()
            for item_id, cj in repo.live_c2pa_items(conn):
                signer = (json.loads(cj or "{}").get("signer") or "").lower()
                if signer and needle in signer:
                    out.append(Found(item_id, w.id, MatchMethod.C2PA, "signer", {"signer": signer}))
    return out


class FingerprintIndexes:
    """In-memory image and text indexes of one database, caught up by fingerprint sequence number."""

    _lock = threading.Lock()  # one catch-up at a time; the indexes are not safe for concurrent writes
    _cache: dict[str, FingerprintIndexes] = {}

    def __init__(self, engine: Engine, text_loader: Callable[[Sequence[str]], dict[str, str]]):
        from ledger_app.matching.image_match import ImageMatcher
        from ledger_app.matching.text_index import TextIndex

        self.engine = engine
        self.seq = 0
        self.images = ImageMatcher(fingerprints=self._load_image_fps)
        self.texts = TextIndex(texts=text_loader)
        self.image_ids: set[str] = set()
        self.text_ids: set[str] = set()

    @classmethod
    def for_engine(
        cls,
        engine: Engine,
        text_loader: Callable[[Sequence[str]], dict[str, str]],
        thresholds: MatchThresholds,
    ) -> FingerprintIndexes:
        """The database's indexes, caught up, applying the workspace's current thresholds."""
        key = str(engine.url)
        with cls._lock:
            idx = cls._cache.get(key)
            if idx is None:
                idx = cls._cache[key] = FingerprintIndexes(engine, text_loader)
            idx.texts.set_texts(text_loader)
            idx.texts.min_containment = thresholds.text_min_score
            idx.images.pdq_max_distance = thresholds.pdq_max_distance
            idx.catch_up()
            return idx

    @classmethod
    def catch_up_cached(cls, engine: Engine) -> None:
        """Bring the database's indexes up to date if this process holds them (after a purge: the
        purged items leave them); a process that never located has nothing to do."""
        with cls._lock:
            idx = cls._cache.get(str(engine.url))
        if idx is not None:
            idx.catch_up()

    @classmethod
    def forget(cls, engine: Engine) -> None:
        with cls._lock:
            cls._cache.pop(str(engine.url), None)

    def _load_image_fps(self, ids: Sequence[str]) -> dict[str, Any]:
        """The candidates' fingerprints, with their local features where they have them."""
        from ledger_app.matching.image import ImageFingerprint
        from ledger_app.matching.local import LocalFeatures

        if not ids:
            return {}
        out = {}
        with self.engine.connect() as conn:
            rows = repo.fingerprints_of(conn, ids)
        for item_id, data, local in rows:
            fp = ImageFingerprint.from_bytes(data)
            if local is not None:
                fp = dataclasses.replace(fp, local=LocalFeatures.from_bytes(local))
            out[item_id] = fp
        return out

    def catch_up(self) -> int:
        """Index fingerprints added since the last call; drop those of purged items."""
        from ledger_app.matching.image import ImageFingerprint
        from ledger_app.matching.local import LocalFeatures

        added = 0
        with self.engine.connect() as conn:
            rows = repo.fingerprints_since(conn, self.seq)
            purged = repo.purged_item_ids(conn)
        img_ids, img_fps, txt_ids, txt_fps = [], [], [], []
        for r in rows:
            self.seq = max(self.seq, r.seq)
            if r.kind == "image":
                img_ids.append(r.item_id)
                fp = ImageFingerprint.from_bytes(r.data)
                if r.local is not None:
                    fp = dataclasses.replace(fp, local=LocalFeatures.from_bytes(r.local))
                img_fps.append(fp)
            elif r.kind == "text":
                txt_ids.append(r.item_id)
                txt_fps.append(r.data)
        if img_ids:
            self.images.index.add(img_ids, img_fps)
            self.images.local.add(img_ids, [fp.local for fp in img_fps])
            self.image_ids.update(img_ids)
        if txt_ids:
            self.texts.add(txt_ids, txt_fps)
            self.text_ids.update(txt_ids)
        gone_img = self.image_ids & purged
        if gone_img:
            self.images.remove(gone_img)
            self.image_ids -= gone_img
        gone_txt = self.text_ids & purged
        if gone_txt:
            self.texts.remove(gone_txt)
            self.text_ids -= gone_txt
        added = len(img_ids) + len(txt_ids)
        return added


def find_perceptual(indexes: FingerprintIndexes, works: Sequence[StoredWork]) -> list[Found]:
    from ledger_app.matching.image import ImageFingerprint

    out = []
    for w in works:
        if w.kind != "file" or not w.fingerprint or w.fp_kind == "text":
            continue
        out += perceptual_found(w, indexes.images.query(ImageFingerprint.from_bytes(w.fingerprint)))
    return out


def perceptual_found(w: StoredWork, matches: Sequence[Any]) -> list[Found]:
    """The image matcher's matches of work `w` as locate records them (its score and evidence)."""
    out = []
    for m in matches:
        ev = {"distance": m.distance, "how": m.method, **{k: v for k, v in m.detail.items() if _jsonable(v)}}
        if "region" in m.detail:  # where in the item the claimed work is, and how much of each
            r = m.detail["region"]
            ev.update(region_box=r["item_box"], work_box=r["query_box"], item_covered=r["item_covered"],
                      work_covered=r["query_covered"])
        out.append(Found(m.item_id, w.id, MatchMethod.PERCEPTUAL, f"{m.score:.2f}", ev))
    return out


def find_text(indexes: FingerprintIndexes, works: Sequence[StoredWork]) -> list[Found]:
    out = []
    for w in works:
        if w.text:
            out += text_found(w, indexes.texts.query(None, w.text))
    return out


def text_found(w: StoredWork, matches: Sequence[Any]) -> list[Found]:
    """The text index's matches of work `w` as locate records them."""
    out = []
    for m in matches:
        ev = {"containment": round(m.containment, 3), "passage": (m.passage or "")[:2000]}
        out.append(Found(m.item_id, w.id, MatchMethod.TEXT, f"{m.score:.2f}", ev))
    return out


def _jsonable(v: Any) -> bool:
    try:
        json.dumps(v)
        return True
    except TypeError:
        return False


def corpus_text_loader(engine: Engine) -> Callable[[Sequence[str]], dict[str, str]]:
    """Read candidate texts back from the corpus shards (texts are not copied into the database)."""

    def load(ids: Sequence[str]) -> dict[str, str]:
        if not ids:
            return {}
        wanted: dict[tuple[str, str, str], dict[str, str]] = {}
        with engine.connect() as conn:
            for item_id, key, shard, path, fmt in repo.item_places(conn, ids):
                wanted.setdefault((path, fmt, shard), {})[key] = item_id
        return read_shard_texts(wanted)

    return load


def read_shard_texts(wanted: dict[tuple[str, str, str], dict[str, str]]) -> dict[str, str]:
    """Item texts read from their shards: `wanted` maps (corpus path, format, shard) to {record key:
    item id}; returns {item id: text}. A missing shard or undecodable record only costs its passage."""
    from ledger_app.corpus import open_corpus

    out: dict[str, str] = {}
    for (path, fmt, shard), keys in wanted.items():
        try:
            for raw in open_corpus(Path(path), fmt).iter_items(shard):
                if raw.key in keys and raw.data is not None:
                    try:
                        out[keys[raw.key]] = raw.data.decode("utf-8")
                    except UnicodeDecodeError:
                        pass
        except Exception:  # a missing shard only costs the evidence passage
            continue
    return out
