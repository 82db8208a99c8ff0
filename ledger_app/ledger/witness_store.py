"""Witnesses and their cosignatures in the workspace database (tables `witness`, `witness_cosignature`).

Why this exists: the certificate code, the CLI and the witness service all need "the checkpoint
with its verified cosignatures"; this is the one place that reads them. A stored cosignature is
attached only after it verifies again, against the witness key stored with it, so a row written
by hand into the database is never shown as a cosignature.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine, Row

from ledger_app.core.errors import VerificationError
from ledger_app.ledger.cosignature import (
    Cosignature,
    cosignatures,
    parse_witness_vkey,
    split_note,
    with_cosignatures,
)
from ledger_app.ledger.schema import ledger_checkpoint, witness, witness_cosignature, workspace_meta
from ledger_app.ledger.store import StoredCheckpoint

QUORUM_META = "witness_quorum"


@dataclass(frozen=True)
class WitnessInfo:
    name: str
    url: str
    vkey: str
    cosigned_size: int
    last_attempt: float | None
    last_error: str | None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "vkey": self.vkey, "cosigned_size": self.cosigned_size,
                "last_attempt": self.last_attempt, "last_error": self.last_error}


_W, _C, _K = witness.c, witness_cosignature.c, ledger_checkpoint.c
_CP_COLUMNS = (_K.id, _K.size, _K.root_hash, _K.note, _K.key_id, _K.created_at)
#: Cosignature rows by a configured witness (the key of the row is a configured witness's key).
_BY_CONFIGURED = witness_cosignature.join(witness, _W.vkey == _C.vkey)


def list_witnesses(engine: Engine) -> list[WitnessInfo]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(_W.name, _W.url, _W.vkey, _W.cosigned_size, _W.last_attempt, _W.last_error).order_by(_W.name)
        ).all()
    return [WitnessInfo(str(r[0]), str(r[1]), str(r[2]), int(r[3]), r[4], r[5]) for r in rows]


def quorum(engine: Engine, n: int | None = None) -> int:
    """k of the policy: stored by `ledger witness policy K`; 1 by default when witnesses exist."""
    n = len(list_witnesses(engine)) if n is None else n
    with engine.connect() as conn:
        value = conn.execute(select(workspace_meta.c.value).where(workspace_meta.c.key == QUORUM_META)).scalar()
    stored = None if value is None else str(value)
    k = int(stored) if stored is not None and stored.isdigit() else (1 if n else 0)
    return min(k, n)


def verified_cosignatures(engine: Engine, cp: StoredCheckpoint) -> list[Cosignature]:
    """The stored cosignatures of `cp` by the configured witnesses, each verified now against the witness's key.

    Rows by keys that are not (or no longer) configured, and rows that do not verify, are left out.
    """
    with engine.connect() as conn:
        rows = conn.execute(
            select(_C.vkey, _C.line).select_from(_BY_CONFIGURED)
            .where(_C.checkpoint_size == cp.size, _C.root_hash == cp.root_hash).order_by(_C.id)
        ).all()
    out = []
    text, _ = split_note(cp.note)
    for vkey, line in rows:
        try:
            w = parse_witness_vkey(str(vkey))
            out.extend(cosignatures(text + "\n" + str(line), [w]))
        except VerificationError:
            continue  # a row someone wrote by hand: never attached
    seen, unique = set(), []
    for c in out:
        if (c.name, c.key_id) not in seen:
            seen.add((c.name, c.key_id))
            unique.append(c)
    return unique


def cosigned_note(engine: Engine, cp: StoredCheckpoint) -> str:
    """The checkpoint note as signed by the ledger, plus every verified witness cosignature line."""
    found = verified_cosignatures(engine, cp)
    return with_cosignatures(cp.note, found) if found else cp.note


def _cp(row: Row) -> StoredCheckpoint:
    return StoredCheckpoint(int(row[0]), int(row[1]), bytes(row[2]), str(row[3]), str(row[4]), float(row[5]))


def recent_checkpoints(engine: Engine, limit: int) -> list[StoredCheckpoint]:
    """The newest `limit` checkpoints, newest first (one query; never the whole table)."""
    with engine.connect() as conn:
        rows = conn.execute(select(*_CP_COLUMNS).order_by(_K.id.desc()).limit(int(limit))).all()
    return [_cp(r) for r in rows]


def cosigned_heads(engine: Engine, min_size: int = 0) -> set[tuple[int, bytes]]:
    """(size, root) of every tree head at or above `min_size` holding a stored row by a configured witness."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(_C.checkpoint_size, _C.root_hash).distinct().select_from(_BY_CONFIGURED)
            .where(_C.checkpoint_size >= min_size)
        ).all()
    return {(int(r[0]), bytes(r[1])) for r in rows}


def checkpoints_with_cosignature_rows(engine: Engine) -> list[StoredCheckpoint]:
    """Checkpoints that have stored rows by configured witnesses, newest first (rows not yet verified)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(*_CP_COLUMNS).distinct()
            .select_from(
                ledger_checkpoint.join(witness_cosignature, (_C.checkpoint_size == _K.size) & (_C.root_hash == _K.root_hash))
                .join(witness, _W.vkey == _C.vkey)
            )
            .order_by(_K.id.desc())
        ).all()
    return [_cp(r) for r in rows]
