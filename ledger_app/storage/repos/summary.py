"""The reads behind the AI Act training-content summary (`services/ai_act.py`): the items in scope with
their ingest entries, the corpora with their licences, the takedowns, the blocklist and the policy
snapshots. Read-only; SQLAlchemy Core on the declared tables, bound parameters only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

from ledger_app.storage.tables import (
    Blocklist,
    Corpus,
    Item,
    LedgerEntry,
    License,
    Match,
    PolicyFile,
    PolicySnapshot,
    TakedownRequest,
)

ITEM = Item
CORPUS = Corpus
LIC = License
ENTRY = LedgerEntry
MATCH = Match
REQ = TakedownRequest
BLOCK = Blocklist
SNAP = PolicySnapshot
PFILE = PolicyFile


def status_leaves(conn: Connection) -> list[tuple[int, bytes]]:
    """Every `item.status` ledger entry as (index, leaf), in ledger order."""
    stmt = select(ENTRY.c.idx, ENTRY.c.leaf).where(ENTRY.c.type == "item.status").order_by(ENTRY.c.idx)
    return [(int(r[0]), bytes(r[1])) for r in conn.execute(stmt)]


@dataclass(frozen=True)
class CorpusInfo:
    id: int
    name: str
    crawler: str | None
    source_kind: str | None
    license: str | None
    batch: str | None


def corpora(conn: Connection) -> dict[int, CorpusInfo]:
    """Every corpus with the name of its licence, by id."""
    stmt = (select(CORPUS.c.id, CORPUS.c.name, CORPUS.c.crawler, CORPUS.c.source_kind, LIC.c.name, CORPUS.c.batch)
            .select_from(CORPUS.outerjoin(LIC, LIC.c.id == CORPUS.c.license_id)))
    return {int(r[0]): CorpusInfo(int(r[0]), r[1], r[2], r[3], r[4], r[5]) for r in conn.execute(stmt)}


@dataclass(frozen=True, slots=True)
class ScopedItem:
    """An item in the summary's scope, with the leaf of its `item.ingested` entry (None if missing)."""

    corpus_id: int
    media_type: str
    size: int | None
    status: str
    domain: str | None
    language: str | None
    fetched_at: str | None
    ingested_at: float | None
    ai_generated: bool
    license: str | None
    signals_json: str | None
    purged_at: float | None
    id: str
    sha256: str | None
    train_ai: str | None
    entry_idx: int | None
    leaf: bytes | None


def scoped_items(conn: Connection, limits: Mapping[int, int | None]) -> Iterator[ScopedItem]:
    """The items of the corpora in `limits` ({corpus id: only entries below this index, or None for all}),
    streamed."""
    cond = or_(*(and_(ITEM.c.corpus_id == cid, ITEM.c.entry_idx < lim) if lim is not None else ITEM.c.corpus_id == cid
                 for cid, lim in limits.items()))
    stmt = (select(ITEM.c.corpus_id, ITEM.c.media_type, ITEM.c.size, ITEM.c.status, ITEM.c.domain, ITEM.c.language,
                   ITEM.c.fetched_at, ITEM.c.ingested_at, ITEM.c.ai_generated, LIC.c.name, ITEM.c.signals_json,
                   ITEM.c.purged_at, ITEM.c.id, ITEM.c.sha256, ITEM.c.train_ai, ITEM.c.entry_idx, ENTRY.c.leaf)
            .select_from(ITEM.outerjoin(LIC, LIC.c.id == ITEM.c.license_id)
                         .outerjoin(ENTRY, ENTRY.c.idx == ITEM.c.entry_idx))
            .where(cond))
    for r in conn.execute(stmt):
        yield ScopedItem(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]), r[9], r[10], r[11], r[12], r[13],
                         r[14], r[15], None if r[16] is None else bytes(r[16]))


@dataclass(frozen=True)
class TakedownCount:
    request: int
    type: str
    items_removed: int


def takedown_counts(conn: Connection, corpus_ids: list[int]) -> list[TakedownCount]:
    """Per request: how many of the corpora's items it had purged (accepted matches, item purged)."""
    stmt = (select(MATCH.c.request_id, REQ.c.type, func.count(MATCH.c.item_id.distinct()))
            .select_from(MATCH.join(ITEM, ITEM.c.id == MATCH.c.item_id).join(REQ, REQ.c.id == MATCH.c.request_id))
            .where(MATCH.c.decision == "accepted", ITEM.c.status == "purged", ITEM.c.corpus_id.in_(corpus_ids))
            .group_by(MATCH.c.request_id, REQ.c.type).order_by(MATCH.c.request_id))
    return [TakedownCount(int(r[0]), r[1], int(r[2])) for r in conn.execute(stmt)]


def blocklist_size(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(BLOCK)).scalar_one())


@dataclass(frozen=True)
class SnapshotRow:
    corpus: str
    sha256: str
    entry_idx: int | None
    files: int


def policy_snapshots(conn: Connection, corpus_ids: list[int]) -> list[SnapshotRow]:
    """The policy-file snapshots given to these corpora, with how many files each holds."""
    files = select(func.count()).select_from(PFILE).where(PFILE.c.snapshot_id == SNAP.c.id).scalar_subquery()
    stmt = (select(CORPUS.c.name, SNAP.c.sha256, SNAP.c.entry_idx, files)
            .select_from(SNAP.join(CORPUS, CORPUS.c.id == SNAP.c.corpus_id))
            .where(SNAP.c.corpus_id.in_(corpus_ids)).order_by(SNAP.c.id))
    return [SnapshotRow(r[0], r[1], r[2], int(r[3])) for r in conn.execute(stmt)]
