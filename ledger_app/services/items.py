"""The item catalogue: filtered item listings, counts, keyed pages for a table that scrolls through
millions of rows, one item with its proof, its thumbnail, and a corpus's training manifest.

Read-only: items are written by an ingest (services/ingest.py) and changed by the takedown
workflow. The statements are in storage/repos/items.py.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from ledger_app.core.errors import NotFoundError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, refused
from ledger_app.core.types import C2paSummary, ItemStatus
from ledger_app.storage.repos import corpora as corpora_repo
from ledger_app.storage.repos import items as repo
from ledger_app.storage.repos.items import ItemFilter, ItemRow

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ItemPages:
    """A filtered item list, in id order, cut into pages of `page_rows` for keyed paging.

    `anchors[p]` is the id of row p * page_rows, so page p is `id >= anchors[p] AND id <
    anchors[p + 1] ORDER BY id LIMIT page_rows` (the last page ends at `last`, the id of the last
    row): a bounded range of the id index, never an OFFSET scan. A small result also keeps all
    its ids in `keys` and reads a page by primary key. Built from one snapshot by
    `ItemCatalogue.item_pages`; build a new one after items change.
    """

    filters: tuple[tuple[str, str], ...]
    page_rows: int
    count: int
    anchors: tuple[str, ...]
    last: str | None = None
    keys: tuple[str, ...] | None = None

    @property
    def filter_args(self) -> dict[str, str]:
        return dict(self.filters)


def unknown_corpus(name: str) -> NotFoundError:
    exc = refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no corpus named {name!r}; see `ledger corpus list`"),
                  error=NotFoundError, name=name)
    assert isinstance(exc, NotFoundError)
    return exc


def item_filter(corpus: str | None = None, status: str | None = None, media_type: str | None = None,
                c2pa_state: str | None = None, license: str | None = None, search: str | None = None) -> ItemFilter:
    """The filters of a listing, checked (an unknown status is a sentence, not an empty list)."""
    if status and status not in {s.value for s in ItemStatus}:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown status {status!r}; use admitted, quarantined, refused or purged"), status=status)
    return ItemFilter(corpus, status, media_type, c2pa_state, license, search)


@dataclass(slots=True)
class ItemRecord:
    """An item as listed: where it is, what it is, its status and why, its C2PA summary, its ledger entry.

    Not frozen: a table page makes hundreds of these, and a frozen dataclass costs several times a
    plain one to build. Treat it as read-only."""

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
    c2pa: dict[str, Any]
    ingested_at: float
    entry_index: int | None
    purged_at: float | None
    batch: str | None
    metadata: dict[str, Any]
    domain: str | None
    signals: dict[str, Any] | None
    language: str | None
    fetched_at: str | None
    #: The status reason as a message (core/item_reasons.py) when it was stored as one, for the window
    #: to say in its language; `status_reason` is its English (the CLI's and the JSON's). Not in the JSON.
    reason_said: Said | None = None

    @classmethod
    def from_row(cls, r: ItemRow) -> ItemRecord:
        said = Said.from_stored(r.status_reason)
        return cls(
            r.id, r.corpus, r.location, r.shard, r.member, r.sha256, r.size, r.media_type, r.status,
            str(said) if said is not None else r.status_reason, r.source_url, r.license,
            json.loads(r.c2pa_json) if r.c2pa_json else C2paSummary().to_json(),
            r.ingested_at, r.entry_idx, r.purged_at, r.batch,
            json.loads(r.metadata_json) if r.metadata_json else {},
            r.domain, json.loads(r.signals_json) if r.signals_json else None, r.language, r.fetched_at, said,
        )

    def to_json(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(ItemRecord) if f.name != "reason_said"}


@dataclass(slots=True)
class ItemDetails(ItemRecord):
    """One item with its C2PA manifest and, when asked for, the inclusion proof of its ledger entry."""

    c2pa_manifest: Any = None
    entry_proof: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        out = ItemRecord.to_json(self)  # not super(): slots=True makes a new class, which breaks its cell
        out["c2pa_manifest"] = self.c2pa_manifest
        if self.entry_proof is not None:
            out["entry_proof"] = self.entry_proof
        return out


@dataclass(frozen=True)
class ManifestEntry:
    """One admitted item of a corpus's training manifest, with the checkpoint it is under."""

    id: str
    location: str
    sha256: str | None
    media_type: str
    source_url: str | None
    license: str | None
    checkpoint_size: int

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


class ItemCatalogue:
    """The items of one workspace, as the CLI lists them and the items table pages through them."""

    # A result of at most this many rows keeps all its ids (no more than a table's page cache holds
    # rows) and reads its pages by primary key; a larger one keeps the id of every page's first row.
    PAGE_KEYS_LIMIT = 16_384
    ANCHOR_CHUNK = 256  # anchors found per statement while indexing, between progress and cancel checks

    def __init__(self, ledger):  # LedgerService
        self.ledger = ledger
        self.ws = ledger.ws

    def items(self, *, corpus: str | None = None, status: str | None = None, media_type: str | None = None,
              c2pa_state: str | None = None, license: str | None = None, search: str | None = None,
              limit: int | None = None, offset: int = 0) -> list[ItemRecord]:
        """Items in id order. With `limit`, an OFFSET page: fine for the CLI and small offsets; a table
        that scrolls through a million items pages with `item_pages` instead."""
        f = item_filter(corpus, status, media_type, c2pa_state, license, search)
        with self.ws.engine.connect() as conn:
            return [ItemRecord.from_row(r) for r in repo.rows(conn, f, limit=limit, offset=offset)]

    def count_items(self, **filters: Any) -> int:
        f = item_filter(**filters)
        with self.ws.engine.connect() as conn:
            return repo.count(conn, f)

    def item_count_estimate(self) -> int:
        """About how many items the workspace holds, cheaply: exact on SQLite (a count over the
        smallest index), the planner's estimate on PostgreSQL (exact if the table was never analysed).
        For deciding whether a listing is worth a background task, not for display."""
        with self.ws.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                est = repo.count_estimate_postgresql(conn)
                if est is not None:
                    return est
            return repo.count_all(conn)

    # --- keyed (seek) pages of items, for a table that scrolls through millions -----------------------

    def item_pages(self, page_rows: int, *, keys_limit: int | None = None, progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None, **filters: Any) -> ItemPages:
        """Count the items that pass `filters` (as `items` takes them) and find where each page of
        `page_rows` starts, in one pass over the id index and one snapshot.

        At most `keys_limit` (PAGE_KEYS_LIMIT) matching rows: their ids, read through whichever
        index the planner prefers. More: the anchors, found by stepping `page_rows` rows at a time
        along the id index (`id > previous ORDER BY id LIMIT 1 OFFSET page_rows - 1` in a recursive
        query, ANCHOR_CHUNK steps per statement), reporting progress and honouring `cancelled`
        between statements.
        """
        if page_rows < 1:
            raise ValueError("page_rows must be at least 1")
        keys_limit = self.PAGE_KEYS_LIMIT if keys_limit is None else keys_limit
        clean = tuple(sorted((k, v) for k, v in filters.items() if v not in (None, "")))
        f = item_filter(**filters)
        with self.ws.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                # READ COMMITTED would give each statement its own snapshot; the count and the
                # anchors must describe the same rows.
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                count = repo.count(conn, f)
                if count <= keys_limit:
                    keys = tuple(repo.ids(conn, f))
                    return ItemPages(clean, page_rows, len(keys), keys[::page_rows], keys[-1] if keys else None, keys)
                anchors, last = self._anchors(conn, page_rows, -(-count // page_rows), f, progress, cancelled)
        return ItemPages(clean, page_rows, count, tuple(anchors), last)

    def _anchors(self, conn: Connection, page_rows: int, pages: int, f: ItemFilter,
                 progress: Progress | None, cancelled: Callable[[], bool] | None) -> tuple[list[str], str | None]:
        # The last page ends at the last matching id, so reading it never walks the rest of the index.
        first, last = repo.first_and_last_id(conn, f)
        anchors = [first] if first is not None else []
        while 0 < len(anchors) < pages:
            n = min(self.ANCHOR_CHUNK, pages - len(anchors))
            got = repo.anchors_after(conn, f, anchors[-1], page_rows, n)
            anchors += got
            if progress:
                progress(len(anchors), pages)
            if cancelled and cancelled():
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "listing the items was cancelled"))
            if len(got) < n:  # fewer rows than counted: impossible within one snapshot, but never loop
                break
        return anchors, last

    def items_from(self, start: str | None, limit: int, *, before: str | None = None, through: str | None = None,
                   **filters: Any) -> list[ItemRecord]:
        """Up to `limit` items that pass `filters`, in id order, from id `start` (inclusive; None: the
        first), below id `before` and up to id `through` (when given): a keyed page, `WHERE id >= ?
        ORDER BY id LIMIT ?` along the id index, as fast at the end of the list as at its start."""
        f = item_filter(**filters)
        with self.ws.engine.connect() as conn:
            return [ItemRecord.from_row(r) for r in repo.rows(conn, f, seek=True, start=start, before=before, through=through,
                                                     limit=limit)]

    def items_page(self, pages: ItemPages, page_no: int) -> list[ItemRecord]:
        """Page `page_no` of `pages` (fewer rows, or none, if items changed since it was built)."""
        if not 0 <= page_no < len(pages.anchors):
            return []
        size = pages.page_rows
        if pages.keys is None:
            if page_no + 1 < len(pages.anchors):
                return self.items_from(pages.anchors[page_no], size, before=pages.anchors[page_no + 1],
                                       **pages.filter_args)
            return self.items_from(pages.anchors[page_no], size, through=pages.last, **pages.filter_args)
        ids = pages.keys[page_no * size:(page_no + 1) * size]
        f = item_filter(**pages.filter_args)
        with self.ws.engine.connect() as conn:
            return [ItemRecord.from_row(r) for r in repo.rows(conn, f, seek=True, among=ids, limit=size)]

    def item_row(self, pages: ItemPages, item_id: str) -> int:
        """The row of `item_id` in `pages`' list, or -1 if it does not pass its filters (now)."""
        if pages.keys is not None and item_id not in pages.keys:
            return -1
        f = item_filter(**pages.filter_args)
        with self.ws.engine.connect() as conn:
            if not repo.passes(conn, f, item_id):
                return -1
            if pages.keys is not None:
                return pages.keys.index(item_id)
            # The page: the last anchor <= item_id, by binary search with the database's own
            # comparison (the column's collation, which Python's string order need not match).
            lo, hi = 0, len(pages.anchors)
            while lo < hi:
                mid = (lo + hi) // 2
                if repo.id_at_most(conn, pages.anchors[mid], item_id):
                    lo = mid + 1
                else:
                    hi = mid
            if lo == 0:
                return -1  # before the first row: the list changed since `pages` was built
            before = repo.count_between(conn, f, pages.anchors[lo - 1], item_id)
        return (lo - 1) * pages.page_rows + before

    # --- one item -------------------------------------------------------------------------------------

    def item(self, item_id: str, *, with_proof: bool = True) -> ItemDetails:
        """One item with its C2PA manifest and (`with_proof`) the inclusion proof of its ledger entry."""
        with self.ws.engine.connect() as conn:
            r = repo.item(conn, item_id)
            if r is None:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no item {item_id!r}"), error=NotFoundError, item_id=item_id)
            manifest = repo.manifest_json(conn, item_id)
        listed = ItemRecord.from_row(r)
        proof = self.ledger.prove(int(listed.entry_index)).to_json() if with_proof and listed.entry_index is not None else None
        fields = {f.name: getattr(listed, f.name) for f in dataclasses.fields(ItemRecord)}
        return ItemDetails(**fields, c2pa_manifest=json.loads(manifest) if manifest else None, entry_proof=proof)

    def thumbnail(self, item_id: str) -> bytes | None:
        """The item's greyscale JPEG thumbnail (kept in its image fingerprint), or None. Read-only;
        the review screen shows it as evidence."""
        with self.ws.engine.connect() as conn:
            data = repo.image_fingerprint(conn, item_id)
        if data is None:
            return None
        from ledger_app.matching.image import ImageFingerprint

        return ImageFingerprint.from_bytes(data).thumb

    def manifest(self, name: str) -> Iterator[ManifestEntry]:
        """The admitted items of a corpus, for a training pipeline, with the checkpoint they are under."""
        with self.ws.engine.connect() as conn:
            if corpora_repo.corpus_by_name(conn, name) is None:
                raise unknown_corpus(name)
        cp = self.ws.store.latest_checkpoint()
        with self.ws.engine.connect() as conn:
            for r in repo.admitted(conn, name):
                yield ManifestEntry(*r, checkpoint_size=cp.size if cp else 0)
