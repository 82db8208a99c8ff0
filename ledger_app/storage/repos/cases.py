"""Case work on takedown requests: case events, stored documents, the queue's rows, and the few
item, match and blocklist statements the legal steps make (restoring an item, refusing erasure).

SQLAlchemy Core on the declared tables, bound parameters only, the same statements on SQLite and
PostgreSQL. The services (`services/cases.py`, `services/legal.py`, `services/replies.py`) own the
transactions and pass the connection.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.engine import Connection

from ledger_app.storage.tables import (
    Blocklist,
    CaseEvent,
    Corpus,
    Item,
    Match,
    PersonalData,
    StoredDocument,
    TakedownRequest,
)

EV = CaseEvent
DOC = StoredDocument
REQ = TakedownRequest
MATCH = Match
ITEM = Item
CORPUS = Corpus
BLOCK = Blocklist
PERSONAL = PersonalData

#: Rows per IN (...) list: well below SQLite's bound-parameter limit.
CHUNK = 500


# --- case events -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventRow:
    """One case_event row; `body` is its JSON decoded (empty when there is none)."""

    id: int
    kind: str
    body: dict[str, Any]
    created_at: float
    entry_idx: int | None


def insert_event(conn: Connection, rid: int, kind: str, body: dict[str, Any] | None, created_at: float,
                 entry_idx: int | None = None) -> int:
    """Add a case event; returns its id. The body is stored as JSON (non-ASCII kept as written)."""
    row = conn.execute(
        insert(EV).values(request_id=rid, kind=kind,
                          body=json.dumps(body, ensure_ascii=False) if body is not None else None,
                          created_at=created_at, entry_idx=entry_idx).returning(EV.c.id)
    ).one()
    return int(row[0])


def insert_event_json(conn: Connection, rid: int, kind: str, body: dict[str, Any], created_at: float) -> None:
    """Add a case event without a ledger entry whose body is written with `json.dumps` defaults (ASCII
    escapes), as the restore, refusal and retained-copy events always were."""
    conn.execute(insert(EV).values(request_id=rid, kind=kind, body=json.dumps(body), created_at=created_at))


def events(conn: Connection, rid: int, kind: str | None = None) -> list[EventRow]:
    """A request's case events in the order they were added, all or of one kind."""
    stmt = select(EV.c.id, EV.c.kind, EV.c.body, EV.c.created_at, EV.c.entry_idx).where(EV.c.request_id == int(rid))
    if kind:
        stmt = stmt.where(EV.c.kind == kind)
    return [EventRow(int(r[0]), r[1], json.loads(r[2]) if r[2] else {}, r[3], r[4])
            for r in conn.execute(stmt.order_by(EV.c.id))]


# --- stored documents --------------------------------------------------------------------------------


def store_document(conn: Connection, data: bytes, media_type: str, created_at: float) -> str:
    """Keep bytes content-addressed (once per content; an erased copy is stored again); returns the SHA-256."""
    sha = hashlib.sha256(data).hexdigest()
    row = conn.execute(select(DOC.c.data.is_(None)).where(DOC.c.sha256 == sha)).first()
    if row is None:
        conn.execute(insert(DOC).values(sha256=sha, media_type=media_type, size=len(data), data=data,
                                        created_at=created_at))
    elif row[0]:
        conn.execute(update(DOC).where(DOC.c.sha256 == sha).values(data=data))
    return sha


def document_available(conn: Connection, sha256: str) -> bool:
    """Whether the document is stored and its bytes not erased."""
    row = conn.execute(select(DOC.c.data.is_not(None)).where(DOC.c.sha256 == sha256)).first()
    return bool(row and row[0])


@dataclass(frozen=True)
class DocumentData:
    """A stored document's bytes; `data` is None once erased."""

    data: bytes | None


def document_data(conn: Connection, sha256: str) -> DocumentData | None:
    """The stored bytes of a document (None when no such document is stored)."""
    row = conn.execute(select(DOC.c.data).where(DOC.c.sha256 == sha256)).first()
    if row is None:
        return None
    return DocumentData(None if row[0] is None else bytes(row[0]))


def erase_document(conn: Connection, sha256: str) -> bool:
    """Clear a document's bytes; True if it held some."""
    res = conn.execute(update(DOC).where(DOC.c.sha256 == sha256, DOC.c.data.is_not(None)).values(data=None))
    return bool(res.rowcount)


def requests_of(conn: Connection, commitments: Iterable[str]) -> list[int]:
    """The requests whose requester is one of these commitments."""
    wanted = sorted(set(commitments))
    out: list[int] = []
    for i in range(0, len(wanted), CHUNK):
        out += [int(r[0]) for r in conn.execute(select(REQ.c.id).where(REQ.c.requester.in_(wanted[i:i + CHUNK])))]
    return sorted(out)


def events_of(conn: Connection, rids: Iterable[int], kinds: Iterable[str]) -> list[EventRow]:
    """The case events of these kinds on these requests, in the order they were added."""
    wanted, kinds = sorted(set(rids)), sorted(set(kinds))
    out: list[EventRow] = []
    for i in range(0, len(wanted), CHUNK):
        stmt = (select(EV.c.id, EV.c.kind, EV.c.body, EV.c.created_at, EV.c.entry_idx)
                .where(EV.c.request_id.in_(wanted[i:i + CHUNK]), EV.c.kind.in_(kinds)).order_by(EV.c.id))
        out += [EventRow(int(r[0]), r[1], json.loads(r[2]) if r[2] else {}, r[3], r[4]) for r in conn.execute(stmt)]
    return out


def checkpoint_wal(conn: Connection) -> None:
    """SQLite: fold the write-ahead log into the database file, so erased bytes leave the WAL too."""
    conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


# --- the queue ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    """A request as the case queue reads it (the requester is a commitment)."""

    id: int
    type: str
    status: str
    requester: str | None
    requester_kind: str
    received: str
    due_by: str
    assignee: str | None
    matches: int


def queue_rows(conn: Connection, rid: int | None = None) -> list[QueueRow]:
    """Every request (or the one `rid`) with its number of matches."""
    n = select(func.count()).select_from(MATCH).where(MATCH.c.request_id == REQ.c.id).scalar_subquery()
    stmt = select(REQ.c.id, REQ.c.type, REQ.c.status, REQ.c.requester, REQ.c.requester_kind, REQ.c.received,
                  REQ.c.due_by, REQ.c.assignee, n)
    if rid is not None:
        stmt = stmt.where(REQ.c.id == int(rid))
    return [QueueRow(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], int(r[8])) for r in conn.execute(stmt)]


def set_assignee(conn: Connection, rid: int, assignee: str | None, now: float) -> None:
    conn.execute(update(REQ).where(REQ.c.id == rid).values(assignee=assignee, updated_at=now))


@dataclass(frozen=True)
class PersonalRow:
    """The opening of a commitment as stored (salt and JSON data; None once erased)."""

    commitment: str
    salt: bytes | None
    data: str | None


def personal_rows(conn: Connection, commitments: Iterable[str]) -> list[PersonalRow]:
    """The personal-data rows of these commitments (read in chunks)."""
    wanted = sorted({c for c in commitments if c})
    out: list[PersonalRow] = []
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start:start + CHUNK]
        stmt = select(PERSONAL.c.commitment, PERSONAL.c.salt, PERSONAL.c.data).where(PERSONAL.c.commitment.in_(chunk))
        out += [PersonalRow(r[0], None if r[1] is None else bytes(r[1]), r[2]) for r in conn.execute(stmt)]
    return out


def actor_rows(conn: Connection) -> list[PersonalRow]:
    """The people who acted in this workspace or were given a case (personal data of kind "actor")."""
    stmt = select(PERSONAL.c.commitment, PERSONAL.c.salt, PERSONAL.c.data).where(PERSONAL.c.kind == "actor")
    return [PersonalRow(r[0], None if r[1] is None else bytes(r[1]), r[2]) for r in conn.execute(stmt)]


# --- matches, items and the blocklist, as the legal steps touch them -----------------------------------


def matched_items(conn: Connection, rid: int, decision: str | None = None) -> list[str]:
    """The distinct item ids matched to a request (only those with `decision` when given), sorted."""
    stmt = select(MATCH.c.item_id).where(MATCH.c.request_id == rid)
    if decision is not None:
        stmt = stmt.where(MATCH.c.decision == decision)
    return sorted({r[0] for r in conn.execute(stmt)})


def reject_match(conn: Connection, rid: int, item_id: str, decided_by: str | None, now: float) -> None:
    conn.execute(update(MATCH).where(MATCH.c.request_id == rid, MATCH.c.item_id == item_id)
                 .values(decision="rejected", decided_by=decided_by, decided_at=now))


@dataclass(frozen=True)
class ItemOrigin:
    """Where an item came from: its content hash, source URL and location in its corpus."""

    sha256: str | None
    source_url: str | None
    location: str | None


def item_origin(conn: Connection, item_id: str) -> ItemOrigin | None:
    row = conn.execute(select(ITEM.c.sha256, ITEM.c.source_url, ITEM.c.location).where(ITEM.c.id == item_id)).first()
    return None if row is None else ItemOrigin(row[0], row[1], row[2])


def set_item_status_reason(conn: Connection, item_id: str, reason: str) -> None:
    conn.execute(update(ITEM).where(ITEM.c.id == item_id).values(status_reason=reason))


def unblock(conn: Connection, sha256: str | None, rid: int) -> None:
    """Lift the blocklist entry a request put on a content hash (nothing without a hash)."""
    if sha256 is None:
        return
    conn.execute(delete(BLOCK).where(BLOCK.c.sha256 == sha256, BLOCK.c.request_id == rid))


@dataclass(frozen=True)
class ItemState:
    id: str
    status: str


def item_in_corpus(conn: Connection, corpus_name: str, sha256: str | None) -> ItemState | None:
    """The first item (by id) of the named corpus with this content hash."""
    if sha256 is None:
        return None
    stmt = (select(ITEM.c.id, ITEM.c.status).select_from(ITEM.join(CORPUS, CORPUS.c.id == ITEM.c.corpus_id))
            .where(CORPUS.c.name == corpus_name, ITEM.c.sha256 == sha256).order_by(ITEM.c.id).limit(1))
    row = conn.execute(stmt).first()
    return None if row is None else ItemState(row[0], row[1])
