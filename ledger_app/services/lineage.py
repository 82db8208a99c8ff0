"""Training-run lineage: which recorded training runs saw an item before it was removed.

A run is recorded at a checkpoint (ledger size). An item was seen by the run if its ingest entry is
inside that checkpoint (entry index < checkpoint size) and it was admitted then, and it was purged
after the run was recorded. Certificates say so honestly: removal from the dataset and all future
training, not from the weights of models already trained.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused
from ledger_app.storage.repos import lineage as repo


@dataclass(frozen=True)
class RecordedRun:
    """A training run just recorded (`ledger run record`)."""

    model: str
    corpus: str
    checkpoint_size: int
    admitted_items: int
    entry: int

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model, "corpus": self.corpus, "checkpoint_size": self.checkpoint_size,
                "admitted_items": self.admitted_items, "entry": self.entry}


@dataclass(frozen=True)
class TrainingRun:
    """A recorded training run (`ledger run list`)."""

    id: int
    model: str
    corpus: str
    checkpoint_size: int
    recorded_at: float
    entry: int | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "model": self.model, "corpus": self.corpus, "checkpoint_size": self.checkpoint_size,
                "recorded_at": self.recorded_at, "entry": self.entry}


@dataclass(frozen=True)
class AffectedRun:
    """A training run that saw some of the given items (`items_seen`, sorted)."""

    run: int
    model: str
    corpus: str
    checkpoint_size: int
    items_seen: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"run": self.run, "model": self.model, "corpus": self.corpus, "checkpoint_size": self.checkpoint_size,
                "items_seen": list(self.items_seen)}


@dataclass(frozen=True)
class RecordedRelease:
    """A dataset release or mirror just recorded (`ledger release record`)."""

    name: str
    kind: str  # release | mirror
    corpus: str
    checkpoint_size: int
    entry: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "corpus": self.corpus, "checkpoint_size": self.checkpoint_size,
                "entry": self.entry}


@dataclass(frozen=True)
class Release:
    """A recorded dataset release or mirror (`ledger release list`)."""

    id: int
    name: str
    kind: str
    corpus: str
    checkpoint_size: int
    recorded_at: float
    entry: int | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "corpus": self.corpus,
                "checkpoint_size": self.checkpoint_size, "recorded_at": self.recorded_at, "entry": self.entry}


@dataclass(frozen=True)
class ReleaseContents:
    """A release or mirror that contained some of the given items (`items`, sorted); `contact` is the
    commitment to its contact (who to notify under GDPR Art. 19)."""

    id: int
    name: str
    kind: str
    corpus: str
    checkpoint_size: int
    contact: str | None
    items: tuple[str, ...]
    entry: int | None = None  # its `release.recorded` ledger entry

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "corpus": self.corpus,
                "checkpoint_size": self.checkpoint_size, "contact": self.contact, "items": list(self.items)}


def record_run(corpus_svc, model: str, corpus: str) -> RecordedRun:  # CorpusService
    if not model.strip():
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "name the model (for example, photo-gen-v3)"))
    c = corpus_svc.corpus(corpus)
    ledger = corpus_svc.ledger
    ledger.unlock()
    with ledger.ws.store.write_transaction() as conn:
        size = ledger.ws.store.size(conn)
        admitted = repo.admitted_count(conn, c.id)
        res = ledger.append([("run.recorded", {"model": model, "corpus": corpus, "checkpoint_size": size,
                                               "admitted_items": admitted})], conn=conn)
        repo.insert_run(conn, model, c.id, size, time.time(), res.first_index)
    ledger.after_external_commit(res)
    return RecordedRun(model, corpus, size, admitted, res.first_index)


def list_runs(corpus_svc) -> list[TrainingRun]:
    with corpus_svc.ws.engine.connect() as conn:
        rows = repo.runs(conn)
    return [TrainingRun(r.id, r.model, r.corpus, r.checkpoint_size, r.created_at, r.entry_idx) for r in rows]


def affected_runs(takedown_svc, item_ids: list[str], *, include_live: bool = False) -> list[AffectedRun]:
    """For each run that saw any of these items: the run and which items it saw. With `include_live`,
    items not (yet) purged count too (the Art. 19 register before an erasure)."""
    if not item_ids:
        return []
    out = []
    with takedown_svc.ws.engine.connect() as conn:
        for run in repo.runs(conn):
            seen = repo.items_seen_by_run(conn, run, item_ids, include_live=include_live)
            if seen:
                out.append(AffectedRun(run.id, run.model, run.corpus, run.checkpoint_size, tuple(sorted(seen))))
    return out


# --- dataset releases and their mirrors -------------------------------------------------------------------


def record_release(corpus_svc, name: str, corpus: str | None = None, *, mirror_of: str | None = None,
                   contact: str | None = None) -> RecordedRelease:
    """Record a dataset release of a corpus at the current checkpoint (what `corpus manifest` gave out),
    or a mirror that holds an earlier release (`mirror_of`). The contact (who to notify under GDPR
    Art. 19) is kept erasably; the ledger holds a commitment."""
    from ledger_app.storage import personal

    if not name.strip():
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "name the release (for example, photos-2026-03)"))
    ledger = corpus_svc.ledger
    if mirror_of:
        with ledger.ws.engine.connect() as conn:
            rel = repo.release_named(conn, mirror_of)
        if rel is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no release named {name!r}; see `ledger release list`"), name=mirror_of)
        parent, cid, fixed_size, corpus = rel.id, rel.corpus_id, rel.checkpoint_size, rel.corpus
        kind = "mirror"
    else:
        if not corpus:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "name the corpus the release was made from (--corpus)"))
        cid, parent, fixed_size, kind = corpus_svc.corpus(corpus).id, None, None, "release"
    ledger.unlock()
    with ledger.ws.store.write_transaction() as conn:
        size = fixed_size if fixed_size is not None else ledger.ws.store.size(conn)
        c = personal.commit(conn, "contact", {"contact": contact.strip()}) if contact and contact.strip() else None
        res = ledger.append([("release.recorded", {"name": name, "kind": kind, "corpus": corpus, "checkpoint_size": size,
                                                   "mirror_of": parent, "contact": c})], conn=conn)
        repo.insert_release(conn, name, kind, cid, size, c, time.time(), res.first_index)
    ledger.after_external_commit(res)
    return RecordedRelease(name, kind, corpus, size, res.first_index)


def list_releases(corpus_svc) -> list[Release]:
    with corpus_svc.ws.engine.connect() as conn:
        rows = repo.releases(conn)
    return [Release(r.id, r.name, r.kind, r.corpus, r.checkpoint_size, r.created_at, r.entry_idx) for r in rows]


def releases_containing(takedown_svc, item_ids: list[str]) -> list[ReleaseContents]:
    """Each release or mirror that contained any of these items: ingested before the release's checkpoint,
    admitted (not quarantined or refused), and not purged before the release was made."""
    if not item_ids:
        return []
    out = []
    with takedown_svc.ws.engine.connect() as conn:
        for rel in repo.releases(conn):
            seen = repo.items_in_release(conn, rel, item_ids)
            if seen:
                out.append(ReleaseContents(rel.id, rel.name, rel.kind, rel.corpus, rel.checkpoint_size, rel.contact,
                                           tuple(sorted(seen)), rel.entry_idx))
    return out
