"""Training runs and dataset releases (with their mirrors): what was given to whom, at which ledger
size, and which items each one contained.

SQLAlchemy Core on the declared tables, bound parameters only; `services/lineage.py` owns the
transactions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, or_, select
from sqlalchemy.engine import Connection

from ledger_app.storage.tables import Corpus, DatasetRelease, Item, TrainingRun

RUN = TrainingRun
REL = DatasetRelease
CORPUS = Corpus
ITEM = Item

#: Item ids per IN (...) list: well below SQLite's bound-parameter limit.
CHUNK = 500


def admitted_count(conn: Connection, corpus_id: int) -> int:
    return int(conn.execute(select(func.count()).select_from(ITEM)
                            .where(ITEM.c.corpus_id == corpus_id, ITEM.c.status == "admitted")).scalar_one())


# --- training runs -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunRow:
    id: int
    model: str
    corpus: str
    corpus_id: int
    checkpoint_size: int
    created_at: float
    entry_idx: int | None


def insert_run(conn: Connection, model: str, corpus_id: int, checkpoint_size: int, created_at: float,
               entry_idx: int | None) -> None:
    conn.execute(insert(RUN).values(model=model, corpus_id=corpus_id, checkpoint_size=checkpoint_size,
                                    created_at=created_at, entry_idx=entry_idx))


def runs(conn: Connection, model: str | None = None) -> list[RunRow]:
    """Every recorded training run (or those of one model), in the order recorded."""
    stmt = (select(RUN.c.id, RUN.c.model, CORPUS.c.name, RUN.c.corpus_id, RUN.c.checkpoint_size, RUN.c.created_at,
                   RUN.c.entry_idx).select_from(RUN.join(CORPUS, CORPUS.c.id == RUN.c.corpus_id)))
    if model is not None:
        stmt = stmt.where(RUN.c.model == model)
    return [RunRow(int(r[0]), r[1], r[2], int(r[3]), int(r[4]), r[5], r[6]) for r in conn.execute(stmt.order_by(RUN.c.id))]


def items_seen_by_run(conn: Connection, run: RunRow, item_ids: Sequence[str], *, include_live: bool) -> list[str]:
    """Which of `item_ids` the run saw: in its corpus, ingested inside its checkpoint, and purged only
    after it was recorded (or, with `include_live`, not purged at all)."""
    purged_after = ITEM.c.purged_at > run.created_at
    cond = or_(purged_after, ITEM.c.purged_at.is_(None)) if include_live else purged_after
    out: list[str] = []
    for start in range(0, len(item_ids), CHUNK):
        chunk = list(item_ids[start:start + CHUNK])
        stmt = select(ITEM.c.id).where(ITEM.c.corpus_id == run.corpus_id, ITEM.c.entry_idx < run.checkpoint_size,
                                       cond, ITEM.c.id.in_(chunk))
        out += [r[0] for r in conn.execute(stmt)]
    return out


# --- dataset releases ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReleaseRow:
    id: int
    name: str
    kind: str  # release | mirror
    corpus: str
    corpus_id: int
    checkpoint_size: int
    contact: str | None  # commitment
    created_at: float
    entry_idx: int | None


def _release_select() -> Any:
    return (select(REL.c.id, REL.c.name, REL.c.kind, CORPUS.c.name, REL.c.corpus_id, REL.c.checkpoint_size,
                   REL.c.contact, REL.c.created_at, REL.c.entry_idx)
            .select_from(REL.join(CORPUS, CORPUS.c.id == REL.c.corpus_id)))


def _release(r: Any) -> ReleaseRow:
    return ReleaseRow(int(r[0]), r[1], r[2], r[3], int(r[4]), int(r[5]), r[6], r[7], r[8])


def release_named(conn: Connection, name: str) -> ReleaseRow | None:
    """The release (not a mirror) of this name."""
    row = conn.execute(_release_select().where(REL.c.name == name, REL.c.kind == "release")).first()
    return None if row is None else _release(row)


def insert_release(conn: Connection, name: str, kind: str, corpus_id: int, checkpoint_size: int,
                   contact: str | None, created_at: float, entry_idx: int | None) -> None:
    conn.execute(insert(REL).values(name=name, kind=kind, corpus_id=corpus_id, checkpoint_size=checkpoint_size,
                                    contact=contact, created_at=created_at, entry_idx=entry_idx))


def releases(conn: Connection) -> list[ReleaseRow]:
    """Every release and mirror, in the order recorded."""
    return [_release(r) for r in conn.execute(_release_select().order_by(REL.c.id))]


def items_in_release(conn: Connection, rel: ReleaseRow, item_ids: Sequence[str]) -> list[str]:
    """Which of `item_ids` the release contained: in its corpus, ingested inside its checkpoint,
    admitted (or purged since), and not purged before it was made."""
    out: list[str] = []
    for start in range(0, len(item_ids), CHUNK):
        chunk = list(item_ids[start:start + CHUNK])
        stmt = select(ITEM.c.id).where(
            ITEM.c.corpus_id == rel.corpus_id, ITEM.c.entry_idx < rel.checkpoint_size,
            ITEM.c.status.in_(("admitted", "purged")),
            or_(ITEM.c.purged_at.is_(None), ITEM.c.purged_at > rel.created_at), ITEM.c.id.in_(chunk))
        out += [r[0] for r in conn.execute(stmt)]
    return out
