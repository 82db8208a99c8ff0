"""The manifest index (`shard_manifest`, migration 0010): one row per `shard.manifest` ledger entry.

The rows are written in the append's own transaction (`record`, from services/ledger.py) and read by
services/stored.py, which proves every row it uses against the signed ledger and checks that the
index holds exactly the ledger's manifest entries (`unmatched`): nothing here is trusted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, bindparam, delete, exists, func, insert, select
from sqlalchemy.engine import Connection

from ledger_app.storage.tables import LedgerEntry, ShardManifest

_M, _E = ShardManifest.c, LedgerEntry.c
_ROW = (_M.entry_idx, _M.corpus, _M.shard, _M.count, _M.root, _M.file, _M.file_sha256, _E.leaf)

FIELDS = ("corpus", "shard", "count", "root", "file", "file_sha256")  # ledger/manifest.py INDEX_FIELDS
IndexRow = tuple[int, tuple[str, str, int, str, str, str], bytes | None]  # entry, INDEX_FIELDS, the entry's leaf


def record(conn: Connection, first_index: int, count: int, rows: Sequence[tuple[int, Sequence[Any]]]) -> None:
    """Index the manifest entries among the `count` entries just appended from `first_index` on:
    `rows` (entry, FIELDS), made by ledger/manifest.py `index_rows`. Rows already at those entries
    cannot be the ledger's (the append just made the entries): they go."""
    if not rows:
        return
    conn.execute(delete(ShardManifest).where(_M.entry_idx >= first_index, _M.entry_idx < first_index + count))
    conn.execute(insert(ShardManifest), [{"entry_idx": i, **dict(zip(FIELDS, f, strict=True))} for i, f in rows])


def _row(r) -> IndexRow:
    return int(r[0]), (str(r[1]), str(r[2]), int(r[3]), str(r[4]), str(r[5]), str(r[6])), (
        None if r[7] is None else bytes(r[7]))


class _Raw:
    """A Core select compiled once per dialect and run on the connection's DBAPI cursor, as
    ledger/store.py's `HashesByKey` (a proof's lookup costs about a tenth of going through
    SQLAlchemy's execution); `names`: its bound parameters."""

    def __init__(self, statement: Any, names: Sequence[str]):
        self.statement, self.names = statement, tuple(names)
        self._compiled: dict[str, tuple[str, tuple[str, ...] | None, dict[str, Any]]] = {}

    def rows(self, conn: Connection, **params: Any) -> list[tuple[Any, ...]]:
        found = self._compiled.get(conn.dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=conn.dialect)
            fixed = {k: v for k, v in compiled.params.items() if k not in self.names}  # its own (the LIMIT)
            found = self._compiled[conn.dialect.name] = (compiled.string, tuple(compiled.positiontup or ()) or None,
                                                         fixed)
        sql, order, fixed = found
        values = {**fixed, **params}
        cursor = conn.connection.cursor()
        try:
            cursor.execute(sql, tuple(values[k] for k in order) if order is not None else values)
            return [tuple(r) for r in cursor.fetchall()]
        finally:
            cursor.close()


_SHARD_NOW = _Raw(select(*_ROW).select_from(ShardManifest.outerjoin(LedgerEntry, _E.idx == _M.entry_idx)).where(
    _M.corpus == bindparam("corpus"), _M.shard == bindparam("shard"), _M.entry_idx < bindparam("below"))
    .order_by(_M.entry_idx.desc()).limit(1), ("corpus", "shard", "below"))


def current_of_shard(conn: Connection, corpus: str, shard: str, below: int) -> IndexRow | None:
    """The row of the shard's highest entry below `below`, with the leaf the ledger holds there."""
    rows = _SHARD_NOW.rows(conn, corpus=corpus, shard=shard, below=int(below))
    return _row(rows[0]) if rows else None


def current(conn: Connection, corpus: str | None, below: int, shard: str | None = None) -> list[IndexRow]:
    """The row of the highest entry below `below` of each shard (of `corpus`, or of one `shard` of it),
    with the leaf the ledger holds at that entry (None if it holds none)."""
    newest = select(_M.corpus.label("c"), _M.shard.label("s"), func.max(_M.entry_idx).label("i")).where(
        _M.entry_idx < below)
    if corpus is not None:
        newest = newest.where(_M.corpus == corpus)
    if shard is not None:
        newest = newest.where(_M.shard == shard)
    sub = newest.group_by(_M.corpus, _M.shard).subquery()
    query = (select(*_ROW).select_from(ShardManifest.join(sub, _M.entry_idx == sub.c.i)
                                       .outerjoin(LedgerEntry, _E.idx == _M.entry_idx)).order_by(_M.entry_idx))
    return [_row(r) for r in conn.execute(query)]


def unmatched(conn: Connection, start: int, stop: int, kind: str) -> list[int]:
    """Entries in [start, stop) where the index and the ledger's entries of type `kind` (by the type column,
    which `ledger log verify` checks against the leaves) differ: a manifest entry without a row, or a
    row at an entry that is not a manifest (at most a few, lowest first)."""
    in_range = and_(_E.idx >= start, _E.idx < stop)
    lacking = select(_E.idx).where(in_range, _E.type == kind,
                                   ~exists().where(_M.entry_idx == _E.idx)).order_by(_E.idx).limit(3)
    extra = select(_M.entry_idx).where(_M.entry_idx >= start, _M.entry_idx < stop, ~exists().where(
        and_(_E.idx == _M.entry_idx, _E.type == kind))).order_by(_M.entry_idx).limit(3)
    return sorted({int(i) for q in (lacking, extra) for (i,) in conn.execute(q)})[:3]


def all_rows(conn: Connection) -> dict[int, tuple[str, str, int, str, str, str]]:
    """Every row, by entry (for the full comparison with the ledger, `ledger log verify --store`)."""
    query = select(_M.entry_idx, _M.corpus, _M.shard, _M.count, _M.root, _M.file, _M.file_sha256)
    return {int(r[0]): (str(r[1]), str(r[2]), int(r[3]), str(r[4]), str(r[5]), str(r[6])) for r in conn.execute(query)}
