"""The item catalogue: filtered listings, counts and keyed (seek) pages, one item with its detail and
fingerprint, and the rows an ingest writes.

SQLAlchemy Core on the declared tables (storage/tables.py); every function takes the connection
of a transaction its service owns. The listing statements read `item` as `i` (and its corpus `c`,
licence `l`): a page is `… WHERE i.id >= :start ORDER BY i.id LIMIT :n` along the id index.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import (
    String,
    bindparam,
    case,
    cast,
    func,
    insert,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import ColumnElement, UnaryExpression
from sqlalchemy.sql.selectable import Select

from ledger_app.storage.tables import Corpus, Fingerprint, Item, ItemDetail, License

item_t = Item
detail_t = ItemDetail
fingerprint_t = Fingerprint
corpus_t = Corpus
license_t = License

# The listing's aliases: `item i JOIN corpus c LEFT JOIN license l`.
i = item_t.alias("i")
c = corpus_t.alias("c")
lic = license_t.alias("l")
LISTING = i.join(c, c.c.id == i.c.corpus_id).outerjoin(lic, lic.c.id == i.c.license_id)
ITEM_COLUMNS = (
    i.c.id, c.c.name, i.c.location, i.c.shard, i.c.member, i.c.sha256, i.c.size, i.c.media_type, i.c.status,
    i.c.status_reason, i.c.source_url, lic.c.name, i.c.c2pa_json, i.c.ingested_at, i.c.entry_idx, i.c.purged_at,
    i.c.batch, i.c.metadata_json, i.c.domain, i.c.signals_json, i.c.language, i.c.fetched_at,
)
LIKE_ESCAPE_CHAR = "\\"
# SQLite's compiler writes `.limit(n)` as `LIMIT ? OFFSET 0`; a keyed page is `… ORDER BY i.id LIMIT ?`
# with no OFFSET at all (and reads as such in the plans the tests check), so its limit is a suffix.
_LIMIT = text("LIMIT :k_limit")
_LIMIT_ONE = text("LIMIT 1")


class ItemRow(NamedTuple):
    """An item as listed: its row with its corpus's and licence's names (JSON columns still text).

    A named tuple rather than a dataclass: a page makes hundreds of these, and a tuple costs a
    fraction of a frozen dataclass's construction."""

    id: str
    corpus: str
    location: str
    shard: str
    member: str | None
    sha256: str | None
    size: int | None
    media_type: str
    status: str
    status_reason: str | None
    source_url: str | None
    license: str | None
    c2pa_json: str | None
    ingested_at: float
    entry_idx: int | None
    purged_at: float | None
    batch: str | None
    metadata_json: str | None
    domain: str | None
    signals_json: str | None
    language: str | None
    fetched_at: str | None


@dataclass(frozen=True)
class ItemFilter:
    """What a listing keeps (None or "" means any): corpus and licence by name, `media_type` with `*`
    as its one wildcard (image/*), `search` a literal substring of the id or source URL, or a SHA-256."""

    corpus: str | None = None
    status: str | None = None
    media_type: str | None = None
    c2pa_state: str | None = None
    license: str | None = None
    search: str | None = None


def like_escape(text_: str) -> str:
    """`text_` with LIKE's wildcards (`%`, `_`) and the escape character itself taken literally."""
    return text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _unindexed(col: ColumnElement[Any]) -> ColumnElement[Any]:
    """SQLite's `+col`: the same value, but the planner will not pick col's index for the test."""
    return UnaryExpression(col, operator=operators.custom_op("+"), type_=col.type)


def _same(col: ColumnElement[Any]) -> ColumnElement[Any]:
    return col


# The statements are built once per shape (which filters are set, which bounds are given, whether
# SQLite gets the `+` hints) with named parameters, and reused: building a Core statement costs more
# than a keyed page's read. The values go in as parameters (`_params`).
_FILTERS = ("corpus", "status", "media_type", "c2pa_state", "license", "search")
Shape = tuple[bool, ...]


def _shape(f: ItemFilter) -> Shape:
    return tuple(bool(getattr(f, k)) for k in _FILTERS)


def _params(f: ItemFilter) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if f.corpus:
        out["f_corpus"] = f.corpus
    if f.status:
        out["f_status"] = f.status
    if f.media_type:
        # `*` is the one wildcard a media type filter has (image/*); `%` and `_` are literal.
        out["f_media_type"] = like_escape(f.media_type).replace("*", "%")
    if f.c2pa_state:
        out["f_c2pa_state"] = f.c2pa_state
    if f.license:
        out["f_license"] = f.license
    if f.search:
        # The search text is matched literally: `%`, `_` and `\\` in it are not wildcards.
        out["f_search"] = f"%{like_escape(f.search)}%"
        out["f_sha256"] = f.search.lower()
    return out


def _hinted(conn: Connection, seek: bool) -> bool:
    """Whether a statement gets SQLite's `+` hints (see `_conditions`)."""
    return seek and conn.dialect.name == "sqlite"


@cache
def _conditions(shape: Shape, hinted: bool) -> tuple[ColumnElement[bool], ...]:
    """The WHERE conditions of a listing, on `item i` alone (corpus and licence by name through their
    unique ids), so counts and keyed pages need no joins.

    `hinted`: for a walk along the id index (keyed pages, anchors) on SQLite, which has no planner
    statistics here: a unary `+` keeps an equality on an indexed column (status, say) from being
    chosen as the index, where the planner would read every matching row and sort them for each
    page. A walk along the id index tests the conditions on its way instead, so a page costs about
    page_rows / (share of matching rows) index steps. PostgreSQL's planner has statistics and gets
    the plain conditions.
    """
    h = _unindexed if hinted else _same
    corpus, status, media_type, c2pa_state, license, search = shape
    out: list[ColumnElement[bool]] = []
    if corpus:
        out.append(h(i.c.corpus_id) == select(corpus_t.c.id).where(corpus_t.c.name == bindparam("f_corpus"))
                   .scalar_subquery())
    if status:
        out.append(h(i.c.status) == bindparam("f_status"))
    if media_type:
        out.append(h(i.c.media_type).like(bindparam("f_media_type"), escape=LIKE_ESCAPE_CHAR))
    if c2pa_state:
        out.append(h(i.c.c2pa_state) == bindparam("f_c2pa_state"))
    if license:
        out.append(h(i.c.license_id) == select(license_t.c.id).where(license_t.c.name == bindparam("f_license"))
                   .scalar_subquery())
    if search:
        out.append(or_(i.c.id.like(bindparam("f_search"), escape=LIKE_ESCAPE_CHAR),
                       i.c.source_url.like(bindparam("f_search"), escape=LIKE_ESCAPE_CHAR),
                       h(i.c.sha256) == bindparam("f_sha256")))
    return tuple(out)


# --- listings -----------------------------------------------------------------------------------------


@cache
def _count(shape: Shape, hinted: bool) -> Select[Any]:
    return select(func.count()).select_from(i).where(*_conditions(shape, hinted))


def count(conn: Connection, f: ItemFilter) -> int:
    # No joins: the filters name a corpus or licence through its id, so the count can use the item
    # indexes alone (every item has its corpus, a foreign key, and at most one licence).
    return int(conn.execute(_count(_shape(f), False), _params(f)).scalar_one())


_COUNT_ALL = select(func.count()).select_from(item_t)


def count_all(conn: Connection) -> int:
    return int(conn.execute(_COUNT_ALL).scalar_one())


_PG_ESTIMATE = text("SELECT greatest(c.reltuples, s.n_live_tup) FROM pg_class c "
                    "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = CAST(:table AS regclass)")


def count_estimate_postgresql(conn: Connection) -> int | None:
    """The planner's idea of the item table's size on PostgreSQL (None if it has none)."""
    # reltuples is as of the last ANALYZE (-1 if none); n_live_tup follows every commit.
    est = conn.execute(_PG_ESTIMATE, {"table": "item"}).scalar()
    return int(est) if est is not None and est > 0 else None


@cache
def _ids(shape: Shape) -> Select[Any]:
    return select(i.c.id).where(*_conditions(shape, False)).order_by(i.c.id)


def ids(conn: Connection, f: ItemFilter) -> list[str]:
    """The ids that pass `f`, in id order (read through whichever index the planner prefers)."""
    return list(conn.execute(_ids(_shape(f)), _params(f)).scalars())


@cache
def _ends(shape: Shape, hinted: bool) -> tuple[Select[Any], Select[Any]]:
    conds = _conditions(shape, hinted)
    return (select(i.c.id).where(*conds).order_by(i.c.id).suffix_with(_LIMIT_ONE),
            select(i.c.id).where(*conds).order_by(i.c.id.desc()).suffix_with(_LIMIT_ONE))


def first_and_last_id(conn: Connection, f: ItemFilter) -> tuple[str | None, str | None]:
    """The first and the last id that pass `f`, each one step along the id index."""
    first, last = _ends(_shape(f), _hinted(conn, True))
    params = _params(f)
    return conn.execute(first, params).scalar(), conn.execute(last, params).scalar()


@cache
def _anchors(shape: Shape, hinted: bool) -> Select[Any]:
    j = item_t.alias("i")
    a0 = (select(literal_column("0").label("n"), j.c.id.label("id")).where(j.c.id == bindparam("k_start"))
          .cte("a", recursive=True))
    step = (select(i.c.id).where(*_conditions(shape, hinted), i.c.id > a0.c.id)
            .order_by(i.c.id).limit(1).offset(bindparam("k_skip")).scalar_subquery())
    a = a0.union_all(select(a0.c.n + 1, step).where(a0.c.id.is_not(None), a0.c.n < bindparam("k_steps")))
    return select(a.c.id).where(a.c.n > 0, a.c.id.is_not(None)).order_by(a.c.n)


def anchors_after(conn: Connection, f: ItemFilter, start: str, page_rows: int, n: int) -> list[str]:
    """Up to `n` page anchors after `start`: each the id `page_rows` rows past the previous one, by a
    recursive query stepping `i.id > a.id ORDER BY i.id LIMIT 1 OFFSET page_rows - 1`."""
    params = {**_params(f), "k_start": start, "k_skip": int(page_rows) - 1, "k_steps": int(n)}
    return list(conn.execute(_anchors(_shape(f), _hinted(conn, True)), params).scalars())


@cache
def _rows(shape: Shape, hinted: bool, bounds: tuple[bool, bool, bool, bool], limit: bool, offset: bool) -> Select[Any]:
    conds = list(_conditions(shape, hinted))
    start, before, through, among = bounds
    if start:
        conds.append(i.c.id >= bindparam("k_start"))
    if before:
        conds.append(i.c.id < bindparam("k_before"))
    if through:
        conds.append(i.c.id <= bindparam("k_through"))
    if among:
        conds.append(i.c.id.in_(bindparam("k_among", expanding=True)))
    stmt = select(*ITEM_COLUMNS).select_from(LISTING).where(*conds).order_by(i.c.id)
    if offset:
        return stmt.limit(bindparam("k_limit")).offset(bindparam("k_offset"))
    return stmt.suffix_with(_LIMIT) if limit else stmt


def rows(conn: Connection, f: ItemFilter, *, seek: bool = False, start: str | None = None,
         before: str | None = None, through: str | None = None, among: Sequence[str] | None = None,
         limit: int | None = None, offset: int = 0) -> list[ItemRow]:
    """The items that pass `f` in id order, with their corpus and licence names: from id `start`
    (inclusive), below `before`, up to `through`, among the ids `among` (each when given), at most
    `limit` rows after skipping `offset`."""
    params = _params(f)
    for key, value in (("k_start", start), ("k_before", before), ("k_through", through)):
        if value is not None:
            params[key] = value
    if among is not None:
        params["k_among"] = list(among)
    if limit is not None:
        params["k_limit"] = int(limit)
        if offset:
            params["k_offset"] = int(offset)
    stmt = _rows(_shape(f), _hinted(conn, seek),
                 (start is not None, before is not None, through is not None, among is not None),
                 limit is not None, limit is not None and bool(offset))
    return [ItemRow._make(r) for r in conn.execute(stmt, params)]


@cache
def _passes(shape: Shape, hinted: bool) -> Select[Any]:
    return select(literal_column("1")).select_from(i).where(*_conditions(shape, hinted), i.c.id == bindparam("k_id"))


def passes(conn: Connection, f: ItemFilter, item_id: str) -> bool:
    """Whether item `item_id` exists and passes `f`."""
    return conn.execute(_passes(_shape(f), _hinted(conn, True)), {**_params(f), "k_id": item_id}).first() is not None


_AT_MOST = select(case((cast(bindparam("a", type_=String), String(600))
                        <= cast(bindparam("b", type_=String), String(600)), 1), else_=0))


def id_at_most(conn: Connection, a: str, b: str) -> bool:
    """Whether id `a` sorts at or before id `b` by the database's own comparison (the id column's
    collation, which Python's string order need not match)."""
    return bool(conn.execute(_AT_MOST, {"a": a, "b": b}).scalar())


@cache
def _between(shape: Shape, hinted: bool) -> Select[Any]:
    return (select(func.count()).select_from(i)
            .where(*_conditions(shape, hinted), i.c.id >= bindparam("k_lo"), i.c.id < bindparam("k_hi")))


def count_between(conn: Connection, f: ItemFilter, lo: str, hi: str) -> int:
    """How many items that pass `f` have `lo <= id < hi`."""
    stmt = _between(_shape(f), _hinted(conn, True))
    return int(conn.execute(stmt, {**_params(f), "k_lo": lo, "k_hi": hi}).scalar_one())


_ITEM: Select[Any] = select(*ITEM_COLUMNS).select_from(LISTING).where(i.c.id == bindparam("k_id"))


def item(conn: Connection, item_id: str) -> ItemRow | None:
    found = [ItemRow._make(r) for r in conn.execute(_ITEM, {"k_id": item_id})]
    return found[0] if found else None


def manifest_json(conn: Connection, item_id: str) -> str | None:
    return conn.execute(select(detail_t.c.manifest_json).where(detail_t.c.item_id == item_id)).scalar()


def image_fingerprint(conn: Connection, item_id: str) -> bytes | None:
    fp = fingerprint_t.c
    data = conn.execute(select(fp.data).where(fp.item_id == item_id, fp.kind == "image")).scalar()
    return bytes(data) if data is not None else None


def admitted(conn: Connection, corpus_name: str) -> Iterator[tuple[str, str, str | None, str, str | None, str | None]]:
    """The admitted items of a corpus in id order: id, location, sha256, media_type, source_url, licence."""
    stmt = (select(i.c.id, i.c.location, i.c.sha256, i.c.media_type, i.c.source_url, lic.c.name)
            .select_from(LISTING).where(c.c.name == corpus_name, i.c.status == "admitted").order_by(i.c.id))
    for r in conn.execute(stmt):
        yield (r[0], r[1], r[2], r[3], r[4], r[5])


# --- what an ingest writes ----------------------------------------------------------------------------


def keys_of_corpus(conn: Connection, cid: int) -> set[str]:
    return set(conn.execute(select(item_t.c["key"]).where(item_t.c.corpus_id == cid)).scalars())


def insert_items(conn: Connection, rows_: Sequence[Mapping[str, Any]]) -> None:
    """Item rows (dicts keyed by column), all in one executemany."""
    conn.execute(insert(item_t), list(rows_))


def insert_details(conn: Connection, rows_: Iterable[Mapping[str, Any]]) -> None:
    """Rows of item_id, manifest_json, thumbnail."""
    conn.execute(insert(detail_t), list(rows_))


def last_fingerprint_seq(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(fingerprint_t.c.seq), 0))).scalar_one())


def insert_fingerprints(conn: Connection, rows_: Iterable[Mapping[str, Any]]) -> None:
    """Rows of item_id, kind, data, seq, local."""
    conn.execute(insert(fingerprint_t), list(rows_))
