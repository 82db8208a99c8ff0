"""Keyed pages of a listing that holds fingerprint-store items, for the app's items table (issue #20).

A listing is the database's items (services/items.ItemPages, in id order) followed by the stored
items, in (corpus, shard) order and, within a shard, in leaf order (the order of its Parquet file):
the store has no index across files to sort billions of ids by, and a shard's file is its own index.

Unfiltered, the index is the current manifests alone: each shard's item count, no file read, so a
corpus of 1.3 million shards is indexed from the ledger. Filtered, it is one pass over the filter's
columns of each file (pyarrow, column projection), counting the matching rows of every row group of
2,048, with progress and cancel between files; that pass is what the table runs in the background.
A page is then read as one or two row groups of one or two files (the listed columns only, the filter
applied), as fast at row 10^9 as at row 0. Files are never changed in place (a shard written again
gets a new file), so a page read after the shard changed still reads the snapshot its index counted.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow.compute as pc

from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused
from ledger_app.services.items import ItemCatalogue, ItemPages, ItemRecord, item_filter
from ledger_app.services.stored import LISTED, StoredItems, listed_record, stored_filter
from ledger_app.storage.repos import corpora as corpora_repo

Progress = Callable[[int, int], None]
# The store's columns each listing filter reads.
FILTER_COLUMNS = {"status": ("status",), "media_type": ("media_type",), "c2pa_state": ("c2pa_state",),
                  "license": ("license_id",), "search": ("item_id", "source_url", "sha256")}


def filter_columns(filters: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(c for k, cols in FILTER_COLUMNS.items() if filters.get(k) for c in cols))


@dataclass(frozen=True)
class StoredPages:
    """The stored items that pass a listing's filters: the shard files in listing order, the first
    listing row of each (`starts`, one more than files: the last is `count`), and for a filtered
    listing the matching rows of each of a file's row groups (None: every row matches)."""

    filters: tuple[tuple[str, str], ...]
    files: tuple[str, ...]
    entries: tuple[int, ...]  # each file's manifest entry
    starts: tuple[int, ...]
    groups: tuple[tuple[int, ...] | None, ...]

    @property
    def count(self) -> int:
        return self.starts[-1]


@dataclass(frozen=True)
class ListingPages:
    """A listing of database items (`db`) and then stored items (`stored`) cut into pages of
    `page_rows`: the table's index when a corpus of the listing lives in the fingerprint store."""

    db: ItemPages
    stored: StoredPages

    @property
    def page_rows(self) -> int:
        return self.db.page_rows

    @property
    def count(self) -> int:
        return self.db.count + self.stored.count

    @property
    def filter_args(self) -> dict[str, str]:
        return dict(self.db.filters)


class StoredListing:
    """Builds and reads `ListingPages` for one workspace (its item catalogue and its store)."""

    def __init__(self, catalogue: ItemCatalogue, stored: StoredItems):
        self.catalogue = catalogue
        self.stored = stored

    def _filter(self, filters: dict[str, Any]) -> tuple[pc.Expression | None, bool]:
        """The filters as an expression over the store's columns, and False when nothing can pass
        (a licence no item has)."""
        f = item_filter(**{k: filters.get(k) for k in ("corpus", "status", "media_type", "c2pa_state", "license",
                                                       "search")})
        lid = None
        if f.license:
            with self.stored.ws.engine.connect() as conn:
                lid = corpora_repo.license_id(conn, f.license)
            if lid is None:
                return None, False
        return stored_filter(f.status, f.media_type, f.c2pa_state, lid, f.search), True

    def pages(self, page_rows: int, *, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
              keys_limit: int | None = None, **filters: Any) -> ListingPages:
        db = self.catalogue.item_pages(page_rows, keys_limit=keys_limit, progress=progress, cancelled=cancelled,
                                       **filters)
        clean = tuple(sorted((k, v) for k, v in filters.items() if v not in (None, "")))
        manifests = sorted(self.stored.manifests(filters.get("corpus") or None).items())
        expr, possible = self._filter(filters)
        if not possible:
            manifests = []
        store = self.stored.store()
        files, entries, starts, groups = [], [], [0], []
        for k, (_, m) in enumerate(manifests):
            if expr is None:
                n, counts = m.count, None
            else:
                table = store.read_shard(m.file, [*filter_columns(filters), "leaf_index"]).filter(expr)
                bounds = [start for start, _, _ in store.shard_index(m.file).groups]
                at = np.searchsorted(np.asarray(bounds), table.column("leaf_index").to_numpy(), side="right") - 1
                counts = tuple(int(c) for c in np.bincount(at, minlength=len(bounds)))
                n = sum(counts)
                if progress:
                    progress(k + 1, len(manifests))
                if cancelled and cancelled():
                    raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "listing the items was cancelled"))
            if n:
                files.append(m.file)
                entries.append(m.index)
                starts.append(starts[-1] + n)
                groups.append(counts)
        return ListingPages(db, StoredPages(clean, tuple(files), tuple(entries), tuple(starts), tuple(groups)))

    def page(self, pages: ListingPages, page_no: int) -> list[ItemRecord]:
        """Page `page_no`: the database's rows of it, then the stored rows that follow."""
        size = pages.page_rows
        first = page_no * size
        if not 0 <= first < pages.count:
            return []
        out = self.catalogue.items_page(pages.db, page_no) if first < pages.db.count else []
        if len(out) < size and first + len(out) >= pages.db.count:
            out += self.rows(pages.stored, max(0, first - pages.db.count), size - len(out))
        return out

    def rows(self, sp: StoredPages, start: int, n: int) -> list[ItemRecord]:
        """Up to `n` stored rows of the listing from its stored row `start`."""
        expr, _ = self._filter(dict(sp.filters))
        columns = list(dict.fromkeys([*LISTED, *filter_columns(dict(sp.filters))]))
        store = self.stored.store()
        out: list[ItemRecord] = []
        names: dict[int, str | None] = {}
        f = bisect.bisect_right(sp.starts, start) - 1
        while len(out) < n and 0 <= f < len(sp.files):
            skip = start + len(out) - sp.starts[f]
            counts = sp.groups[f] or [rows for _, rows, _ in store.shard_index(sp.files[f]).groups]
            g = 0
            while g < len(counts) and skip >= counts[g]:
                skip -= counts[g]
                g += 1
            while g < len(counts) and len(out) < n:
                if counts[g]:
                    table = store.row_group(sp.files[f], g, columns)
                    if expr is not None:
                        table = table.filter(expr)
                    out += self._records(table.slice(skip, n - len(out)).select(list(LISTED)).to_pylist(),
                                         sp.entries[f], names)
                skip = 0
                g += 1
            f += 1
        return out

    def _records(self, rows: Sequence[dict[str, Any]], entry: int, names: dict[int, str | None]) -> list[ItemRecord]:
        wanted = {r["license_id"] for r in rows if r["license_id"] is not None} - set(names)
        if wanted:
            with self.stored.ws.engine.connect() as conn:
                names.update({i: corpora_repo.license_name(conn, int(i)) for i in wanted})
        out = []
        for row in rows:
            row["sha256"] = row["sha256"].hex() if row["sha256"] is not None else None
            out.append(listed_record(row, entry, names.get(row["license_id"])))
        return out

    def row_of(self, pages: ListingPages, item_id: str) -> int:
        """The row of `item_id` in the listing, or -1 (not in it, or not passing its filters now)."""
        if pages.db.count:
            row = self.catalogue.item_row(pages.db, item_id)
            if row >= 0:
                return row
        sp = pages.stored
        where = {file: k for k, file in enumerate(sp.files)}
        hits = [where[file] for file in self.stored.files_of(item_id) if file in where]
        if not hits:
            return -1
        store = self.stored.store()
        f = hits[0]
        found = store.item(item_id, files=[sp.files[f]], columns=["leaf_index"])
        if found is None:
            return -1
        leaf = int(found["leaf_index"])
        expr, _ = self._filter(dict(sp.filters))
        groups = store.shard_index(sp.files[f]).groups
        g = bisect.bisect_right([start for start, _, _ in groups], leaf) - 1
        counts = sp.groups[f] or [rows for _, rows, _ in groups]
        table = store.row_group(sp.files[f], g, ["leaf_index", *filter_columns(dict(sp.filters))])
        if expr is not None:
            table = table.filter(expr)
        before = table.column("leaf_index").to_numpy()
        if leaf not in before:
            return -1
        return pages.db.count + sp.starts[f] + sum(counts[:g]) + int(np.count_nonzero(before < leaf))
