"""Corpora and what hangs off a corpus: licences by name, trust anchors, policy-file snapshots, the
ingest's finished shards, and the dashboard's counts of items.

SQLAlchemy Core on the declared tables (storage/tables.py); every function takes the connection
of a transaction its service owns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, true, update
from sqlalchemy.engine import Connection

from ledger_app.storage.tables import (
    Corpus,
    IngestShard,
    Item,
    License,
    PolicyFile,
    PolicySnapshot,
    TrustAnchor,
)

corpus_t = Corpus
item_t = Item
license_t = License
shard_t = IngestShard
anchor_t = TrustAnchor
snapshot_t = PolicySnapshot
file_t = PolicyFile


@dataclass(frozen=True)
class CorpusRow:
    id: int
    name: str
    path: str
    format: str
    license_id: int | None
    batch: str | None
    created_at: float
    crawler: str | None
    source_kind: str | None


@dataclass(frozen=True)
class CorpusCount:
    """A corpus as `ledger corpus list` shows it: with its number of items."""

    id: int
    name: str
    path: str
    format: str
    created_at: float
    items: int


# --- corpora ------------------------------------------------------------------------------------------


def corpus_by_name(conn: Connection, name: str) -> CorpusRow | None:
    c = corpus_t.c
    row = conn.execute(
        select(c.id, c.name, c.path, c.format, c.license_id, c.batch, c.created_at, c.crawler, c.source_kind)
        .where(c.name == name)
    ).first()
    return CorpusRow(*row) if row is not None else None


def corpus_id(conn: Connection, name: str) -> int | None:
    return conn.execute(select(corpus_t.c.id).where(corpus_t.c.name == name)).scalar()


def corpus_name(conn: Connection, cid: int) -> str | None:
    return conn.execute(select(corpus_t.c.name).where(corpus_t.c.id == cid)).scalar()


def insert_corpus(conn: Connection, *, name: str, path: str, format: str, license_id: int | None,
                  batch: str | None, created_at: float, crawler: str | None, source_kind: str | None) -> None:
    conn.execute(insert(corpus_t).values(name=name, path=path, format=format, license_id=license_id, batch=batch,
                                         created_at=created_at, crawler=crawler, source_kind=source_kind))


def set_corpus_entry(conn: Connection, name: str, entry_idx: int) -> None:
    conn.execute(update(corpus_t).where(corpus_t.c.name == name).values(entry_idx=entry_idx))


def corpora_with_counts(conn: Connection) -> list[CorpusCount]:
    c, i = corpus_t.c, item_t.c
    n = select(func.count()).select_from(item_t).where(i.corpus_id == c.id).scalar_subquery()
    rows = conn.execute(select(c.id, c.name, c.path, c.format, c.created_at, n).order_by(c.name))
    return [CorpusCount(*r) for r in rows]


# --- licences -----------------------------------------------------------------------------------------


def license_id(conn: Connection, name: str) -> int | None:
    lid = conn.execute(select(license_t.c.id).where(license_t.c.name == name)).scalar()
    return int(lid) if lid is not None else None


def license_name(conn: Connection, lid: int) -> str | None:
    return conn.execute(select(license_t.c.name).where(license_t.c.id == lid)).scalar()


# --- trust anchors ------------------------------------------------------------------------------------


def trust_anchor_exists(conn: Connection, sha256: str) -> bool:
    return conn.execute(select(anchor_t.c.sha256).where(anchor_t.c.sha256 == sha256)).first() is not None


def insert_trust_anchor(conn: Connection, *, sha256: str, subjects: str, pem: str, added_at: float) -> None:
    conn.execute(insert(anchor_t).values(sha256=sha256, subjects=subjects, pem=pem, added_at=added_at))


def trust_anchor_pems(conn: Connection) -> list[str]:
    """Every trust anchor's PEM, oldest first."""
    return list(conn.execute(select(anchor_t.c.pem).order_by(anchor_t.c.added_at)).scalars())


# --- policy-file snapshots ----------------------------------------------------------------------------


def insert_snapshot(conn: Connection, *, corpus_id: int, sha256: str, source: str, problems_json: str | None,
                    created_at: float) -> int:
    sid = conn.execute(
        insert(snapshot_t).values(corpus_id=corpus_id, sha256=sha256, source=source, problems_json=problems_json,
                                  created_at=created_at).returning(snapshot_t.c.id)
    ).scalar_one()
    return int(sid)


def insert_policy_files(conn: Connection, rows: Iterable[Mapping[str, Any]]) -> None:
    """Rows of snapshot_id, host, name, sha256, fetched_at, content."""
    conn.execute(insert(file_t), list(rows))


def set_snapshot_entry(conn: Connection, sid: int, entry_idx: int) -> None:
    conn.execute(update(snapshot_t).where(snapshot_t.c.id == sid).values(entry_idx=entry_idx))


def latest_snapshot(conn: Connection, corpus_id: int) -> tuple[int, str] | None:
    """The id and recorded SHA-256 of the corpus's newest policy snapshot."""
    s = snapshot_t.c
    row = conn.execute(select(s.id, s.sha256).where(s.corpus_id == corpus_id).order_by(s.id.desc()).limit(1)).first()
    return (int(row[0]), str(row[1])) if row is not None else None


def policy_files(conn: Connection, sid: int) -> list[tuple[str, str, bytes, str, str | None]]:
    """The files of snapshot `sid`: host, name, content, sha256, fetched_at."""
    f = file_t.c
    rows = conn.execute(select(f.host, f.name, f.content, f.sha256, f.fetched_at).where(f.snapshot_id == sid))
    return [(r[0], r[1], r[2], r[3], r[4]) for r in rows]


# --- the ingest's finished shards ---------------------------------------------------------------------


def done_shards(conn: Connection, cid: int) -> dict[str, str]:
    """The corpus's finished shards and the stat signature each was read at."""
    s = shard_t.c
    return {r[0]: r[1] for r in conn.execute(select(s.shard, s.stat_sig).where(s.corpus_id == cid))}


def mark_shard_done(conn: Connection, cid: int, shard: str, stat_sig: str, items: int, done_at: float) -> None:
    s = shard_t.c
    conn.execute(delete(shard_t).where(s.corpus_id == cid, s.shard == shard))
    conn.execute(insert(shard_t).values(corpus_id=cid, shard=shard, stat_sig=stat_sig, items=items, done_at=done_at))


# --- the dashboard's counts ---------------------------------------------------------------------------


def items_by_status(conn: Connection) -> dict[str, int]:
    i = item_t.c
    return {s: n for s, n in conn.execute(select(i.status, func.count()).group_by(i.status))}


def items_by_corpus_and_status(conn: Connection) -> list[tuple[str, str, int]]:
    i, c = item_t.c, corpus_t.c
    rows = conn.execute(select(c.name, i.status, func.count()).select_from(item_t.join(corpus_t, c.id == i.corpus_id))
                        .group_by(c.name, i.status))
    return [(r[0], r[1], r[2]) for r in rows]


def items_by_c2pa_state(conn: Connection) -> dict[str, int]:
    i = item_t.c
    return {s: n for s, n in conn.execute(select(i.c2pa_state, func.count()).group_by(i.c2pa_state))}


def ai_generated_items(conn: Connection) -> int:
    i = item_t.c
    return int(conn.execute(select(func.count()).select_from(item_t).where(i.ai_generated == true())).scalar_one())
