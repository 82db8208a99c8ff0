"""Corpora and what hangs off a corpus: licences by name, trust anchors, the sites' policy-file
snapshots, and the dashboard's counts — the workflow behind `ledger corpus|trust`.

`CorpusService` also hands out the item catalogue (services/items.py: listings, keyed pages, one
item) and ingest runs (services/ingest.py), so a client holds one object for a workspace's corpora:
`services.corpus.items(...)`, `services.corpus.ingest(...)`. The statements are in
storage/repos/corpora.py and storage/repos/items.py.

It stays one module (just over 400 lines): the corpus records and CorpusService's hand-offs to the
catalogue and ingest belong together; the larger parts already live in services/items.py and
services/ingest.py.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from sqlalchemy.engine import Connection

from ledger_app.core.errors import NotFoundError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, corpus_refused, refused
from ledger_app.core.policy import Policy
from ledger_app.corpus import FORMATS, Limits, detect_format, open_corpus
from ledger_app.ledger.manifest import MANIFEST_TYPE
from ledger_app.services.ingest import IngestReport, IngestService
from ledger_app.services.items import (
    ItemCatalogue,
    ItemDetails,
    ItemPages,
    ItemRecord,
    ManifestEntry,
    unknown_corpus,
)
from ledger_app.services.workspace import Workspace
from ledger_app.storage.repos import corpora as repo

if TYPE_CHECKING:
    from ledger_app.services.ai_act import IssuedSummary, SummaryFigures
    from ledger_app.services.stored import StoredItems
    from ledger_app.services.stored_pages import ListingPages, StoredListing

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CorpusRecord(repo.CorpusRow):
    """A registered corpus: its stored row."""

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class CorpusListing:
    """A corpus as `ledger corpus list` shows it, with its number of items."""

    id: int
    name: str
    path: str
    format: str
    created_at: float
    items: int

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class PolicySnapshotAdded:
    """A policy-file snapshot given to a corpus: its digest, what it holds, and its ledger entry."""

    corpus: str
    snapshot_sha256: str
    sites: int
    files: int
    problems: list[str]
    entry: int

    def to_json(self) -> dict[str, Any]:
        return {"corpus": self.corpus, "snapshot_sha256": self.snapshot_sha256, "sites": self.sites,
                "files": self.files, "problems": list(self.problems), "entry": self.entry}


@dataclass(frozen=True)
class RegisteredCorpus:
    """A corpus just registered: its format, shards and ledger entry (and snapshot, when given one)."""

    name: str
    path: str
    format: str
    shards: int
    entry: int
    crawler: str | None
    source_kind: str | None
    policy_snapshot: PolicySnapshotAdded | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "path": self.path, "format": self.format, "shards": self.shards,
                               "entry": self.entry, "crawler": self.crawler, "source_kind": self.source_kind}
        if self.policy_snapshot is not None:
            out["policy_snapshot"] = self.policy_snapshot.to_json()
        return out


@dataclass(frozen=True)
class TrustAnchorAdded:
    """A C2PA trust anchor given to the workspace (`added` False: it was there already)."""

    sha256: str
    subjects: list[str]
    added: bool

    def to_json(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "subjects": list(self.subjects), "added": self.added}


@dataclass(frozen=True)
class CorpusStats:
    """Counts for the dashboard: items by status and by corpus and status, C2PA states, AI-generated."""

    total: int
    by_status: dict[str, int]
    by_corpus: dict[str, dict[str, int]]
    c2pa: dict[str, int]
    ai_generated: int
    ai_share: float

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "by_status": self.by_status, "by_corpus": self.by_corpus, "c2pa": self.c2pa,
                "ai_generated": self.ai_generated, "ai_share": self.ai_share}



class CorpusService:
    """The corpora of one workspace, with their item catalogue (`catalogue`) and ingest (`ingester`)."""

    ws: Workspace

    def __init__(self, ledger):  # LedgerService (imported lazily to keep layers simple)
        self.ledger = ledger
        self.ws = ledger.ws
        self.catalogue = ItemCatalogue(ledger)
        self.ingester = IngestService(self)

    @functools.cached_property
    def stored(self) -> StoredItems:
        """Items kept in a fingerprint store (Parquet); made when first used, since it imports
        pyarrow (about half a second), which a workspace without stored corpora never needs."""
        from ledger_app.services.stored import StoredItems

        return StoredItems(self.ledger)

    @property
    def extra_policies(self) -> list[Callable[[Connection], Policy]]:
        """Further ingest policies (the blocklist, standing claims), each made on the ingest's connection."""
        return self.ingester.extra_policies

    @extra_policies.setter
    def extra_policies(self, policies: list[Callable[[Connection], Policy]]) -> None:
        self.ingester.extra_policies = policies

    # --- corpora --------------------------------------------------------------------------------------

    def add_corpus(self, name: str, path: Path, fmt: str = "auto", *, license: str | None = None,
                   batch: str | None = None, crawler: str | None = None, source_kind: str | None = None,
                   policy_snapshot: Path | None = None) -> RegisteredCorpus:
        """Register a corpus. `crawler`: the user agent it was crawled with (robots.txt rules for it are
        read at ingest); `source_kind`: public | licensed | crawled | user | synthetic, for the AI Act
        summary; `policy_snapshot`: a folder or archive of the sites' policy files (see
        `add_policy_snapshot`)."""
        name = name.strip()
        if source_kind is not None and source_kind not in SOURCE_KINDS:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown source kind {source_kind!r}; choose one of {choices}"), source_kind=source_kind, choices=', '.join(SOURCE_KINDS))
        if crawler is not None and (not crawler.strip() or len(crawler) > 200 or any(c.isspace() for c in crawler.strip())):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a crawler is named by its user-agent product token, such as GPTBot (no spaces)"))
        snapshot = None
        if policy_snapshot is not None:
            from ledger_app.provenance.snapshot import load_snapshot

            snapshot = load_snapshot(policy_snapshot)  # read before anything is recorded: a bad path fails early
        if not name or any(c in name for c in ":/\\") or len(name) > 200:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a corpus name must be non-empty, without ':', '/' or '\\', and short"))
        try:
            path = Path(path).expanduser().resolve()
        except (RuntimeError, OSError):  # RuntimeError: pathlib's "Symlink loop" before Python 3.13
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} is a loop of symbolic links; give the real directory of the corpus."),
                                 path=Path(path).expanduser().absolute()) from None
        if not path.exists():
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "{path} does not exist"), path=path)
        if fmt == "auto":
            fmt = detect_format(path)
        elif fmt not in FORMATS:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "unknown format {fmt!r}; choose one of {choices}"), fmt=fmt, choices=', '.join(FORMATS))
        adapter = open_corpus(path, fmt)
        shards = adapter.shards()
        with self.ws.engine.connect() as conn:
            if repo.corpus_id(conn, name) is not None:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a corpus named {name!r} is already registered"), name=name)
        lic_id = self._license_id(license) if license else None
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            repo.insert_corpus(conn, name=name, path=str(path), format=fmt, license_id=lic_id, batch=batch,
                               created_at=time.time(), crawler=crawler.strip() if crawler else None,
                               source_kind=source_kind)
            registered = {"corpus": name, "format": fmt, "shards": len(shards), "license": license, "batch": batch}
            if crawler:
                registered["crawler"] = crawler.strip()
            if source_kind:
                registered["source_kind"] = source_kind
            res = self.ledger.append([("corpus.registered", registered)], conn=conn)
            repo.set_corpus_entry(conn, name, res.first_index)
        self.ledger.after_external_commit(res)
        return RegisteredCorpus(name, str(path), fmt, len(shards), res.first_index, crawler, source_kind,
                                self._store_snapshot(name, snapshot) if snapshot is not None else None)

    # --- policy-file snapshots (robots.txt, tdmrep.json, ai.txt) -----------------------------------

    def add_policy_snapshot(self, name: str, path: Path) -> PolicySnapshotAdded:
        """Give a corpus a snapshot of its sites' policy files (a folder or .tar/.tar.gz/.zip laid out
        HOST/robots.txt, HOST/.well-known/tdmrep.json, HOST/ai.txt). Every file is stored byte for
        byte and its SHA-256 recorded in a `corpus.policy_snapshot` ledger entry; the next ingest
        judges items against it (re-ingest a corpus to apply it to items already stored: shards are
        re-read only when they changed). Malformed files are reported, not refused."""
        from ledger_app.provenance.snapshot import load_snapshot

        self.corpus(name)
        return self._store_snapshot(name, load_snapshot(path))

    def _store_snapshot(self, name: str, snap: Any) -> PolicySnapshotAdded:
        from ledger_app.provenance.signals import ParsedSite

        corpus = self.corpus(name)
        # Parse every site now, so a malformed file is reported when the snapshot is given.
        problems = list(snap.problems)
        for host, files in _group_files(snap.files).items():
            problems += ParsedSite.parse(host, files).problems
        manifest = snap.manifest()
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            sid = repo.insert_snapshot(conn, corpus_id=corpus.id, sha256=snap.sha256, source=snap.source,
                                       problems_json=json.dumps(problems) if problems else None,
                                       created_at=time.time())
            if snap.files:
                repo.insert_policy_files(conn, [
                    {"snapshot_id": sid, "host": f.host, "name": f.name, "sha256": f.sha256,
                     "fetched_at": f.fetched_at, "content": f.content}
                    for f in snap.files
                ])
            res = self.ledger.append(
                [("corpus.policy_snapshot", {"corpus": name, "snapshot_sha256": snap.sha256, "files": manifest,
                                             "problems": problems})],
                conn=conn,
            )
            repo.set_snapshot_entry(conn, sid, res.first_index)
        self.ledger.after_external_commit(res)
        return PolicySnapshotAdded(name, snap.sha256, len({f.host for f in snap.files}), len(snap.files), problems,
                                   res.first_index)

    def signal_context(self, name: str) -> Any:
        """The corpus's crawler and its latest policy snapshot (files checked against their digests)."""
        from ledger_app.provenance.signals import SignalContext
        from ledger_app.provenance.snapshot import snapshot_digest, snapshot_from_rows

        corpus = self.corpus(name)
        with self.ws.engine.connect() as conn:
            snap = repo.latest_snapshot(conn, corpus.id)
            rows = repo.policy_files(conn, snap[0]) if snap is not None else []
        files: tuple = ()
        digest = None
        if snap is not None:
            files = tuple(snapshot_from_rows(rows))
            digest = snapshot_digest(list(files))
            if digest != snap[1]:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the policy snapshot of corpus {name!r} no longer matches its recorded digest; the workspace was altered — run `ledger log verify` and restore it"), name=name)
        return SignalContext(crawler=corpus.crawler, files=files, snapshot_sha256=digest)

    def corpus(self, name: str) -> CorpusRecord:
        with self.ws.engine.connect() as conn:
            row = repo.corpus_by_name(conn, name)
        if row is None:
            raise unknown_corpus(name)
        return CorpusRecord(**dataclasses.asdict(row))

    def list_corpora(self) -> list[CorpusListing]:
        """The corpora, each with its items: database rows plus those its shard manifests count."""
        with self.ws.engine.connect() as conn:
            rows = [dataclasses.asdict(r) for r in repo.corpora_with_counts(conn)]
        if self.has_stored_items():
            stored: dict[str, int] = {}
            for m in self.stored.manifests().values():
                stored[m.corpus] = stored.get(m.corpus, 0) + m.count
            for r in rows:
                r["items"] += stored.get(r["name"], 0)
        return [CorpusListing(**r) for r in rows]

    def _license_id(self, name: str) -> int:
        with self.ws.engine.connect() as conn:
            lid = repo.license_id(conn, name)
        if lid is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no licence named {name!r}; add it with `ledger license add`"), error=NotFoundError, name=name)
        return lid

    # --- the EU AI Act training-content summary ------------------------------------------------------

    @overload
    def ai_act_summary(self, *, run: str | None = None, corpora: list[str] | None = None, sme: bool = False,
                       answers: dict[str, Any] | None = None, issue: Literal[True] = True) -> IssuedSummary: ...

    @overload
    def ai_act_summary(self, *, run: str | None = None, corpora: list[str] | None = None, sme: bool = False,
                       answers: dict[str, Any] | None = None, issue: Literal[False]) -> SummaryFigures: ...

    def ai_act_summary(self, *, run: str | None = None, corpora: list[str] | None = None, sme: bool = False,
                       answers: dict[str, Any] | None = None, issue: bool = True) -> IssuedSummary | SummaryFigures:
        """The Art. 53(1)(d) summary for a training run or corpora (`certificates/ai_act.py`): signed
        and recorded (`summary.issued`) when `issue`, else the unsigned figures (a preview)."""
        from ledger_app.services import ai_act

        if run and corpora:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "summarise either a training run or a set of corpora, not both"))
        if not issue:
            figures = ai_act.compute_summary(self, run=run, corpora=corpora, sme=sme)
            if answers:
                figures = ai_act.apply_attestations(figures, answers)
            return figures
        return ai_act.issue_summary(self, run=run, corpora=corpora, sme=sme, answers=answers)

    # --- trust anchors --------------------------------------------------------------------------------

    def add_trust_anchor(self, pem: str) -> TrustAnchorAdded:
        from ledger_app.provenance.c2pa_reader import validate_trust_anchor_pem

        subjects = validate_trust_anchor_pem(pem)
        digest = hashlib.sha256(pem.strip().encode()).hexdigest()
        with self.ws.engine.connect() as conn:
            if repo.trust_anchor_exists(conn, digest):
                return TrustAnchorAdded(digest, subjects, False)
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            repo.insert_trust_anchor(conn, sha256=digest, subjects=json.dumps(subjects), pem=pem.strip() + "\n",
                                     added_at=time.time())
            res = self.ledger.append([("trust.anchor_added", {"sha256": digest, "subjects": subjects})], conn=conn)
        self.ledger.after_external_commit(res)
        return TrustAnchorAdded(digest, subjects, True)

    def trust_anchors_pem(self) -> str | None:
        with self.ws.engine.connect() as conn:
            return "".join(repo.trust_anchor_pems(conn)) or None

    # --- the dashboard -------------------------------------------------------------------------------

    def stats(self) -> CorpusStats:
        """Counts for the dashboard: items by status and corpus, C2PA coverage, AI-generated share."""
        with self.ws.engine.connect() as conn:
            by_status = repo.items_by_status(conn)
            by_corpus: dict[str, dict[str, int]] = {}
            for name, status, n in repo.items_by_corpus_and_status(conn):
                by_corpus.setdefault(name, {})[status] = n
            c2pa = repo.items_by_c2pa_state(conn)
            ai = repo.ai_generated_items(conn)
        total = sum(by_status.values())
        return CorpusStats(total, by_status, by_corpus, c2pa, ai, (ai / total) if total else 0.0)

    # --- ingest runs (services/ingest.py) --------------------------------------------------------------

    def ingest(self, name: str, *, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
               workers: int | None = None, on_batch: Callable[[IngestReport], None] | None = None,
               signals: bool = True, local_features: bool = True, store: bool = False, engine: str = "local",
               address: str | None = None) -> IngestReport:
        """Ingest a corpus (`IngestService.ingest`; `store`: into the fingerprint store; `engine` "local" or
        "ray", `address` a Ray cluster's)."""
        return self.ingester.ingest(name, progress=progress, cancelled=cancelled, workers=workers,
                                    on_batch=on_batch, signals=signals, local_features=local_features,
                                    store=store, engine=engine, address=address)

    def limits(self) -> Limits:
        return self.ingester.limits()

    def ingest_policy(self, conn: Connection) -> Policy:
        return self.ingester.ingest_policy(conn)

    # --- the item catalogue (services/items.py) ---------------------------------------------------------

    def items(self, **filters: Any) -> list[ItemRecord]:
        """Items in id order (`ItemCatalogue.items`: filters, `limit` and `offset`), the fingerprint
        store's items (services/stored.py) merged in where a corpus was ingested into it."""
        if not self.stored.manifests(filters.get("corpus")):
            return self.catalogue.items(**filters)
        limit, offset = filters.pop("limit", None), filters.pop("offset", 0) or 0
        upto = None if limit is None else offset + limit
        rows = self.catalogue.items(**filters, limit=upto) + self.stored.records(**filters, limit=upto)
        rows.sort(key=lambda r: r.id)
        return rows[offset:upto]

    def count_items(self, **filters: Any) -> int:
        return self.catalogue.count_items(**filters)

    def item_count_estimate(self) -> int:
        """`ItemCatalogue.item_count_estimate`, plus the fingerprint store's items (their manifests' counts)."""
        stored = sum(m.count for m in self.stored.manifests().values()) if self.has_stored_items() else 0
        return self.catalogue.item_count_estimate() + stored

    def has_stored_items(self) -> bool:
        """Whether any corpus was ingested into the fingerprint store (one indexed read; no pyarrow)."""
        return bool(self.ws.store.entries(0, 1, types=[MANIFEST_TYPE]))

    @functools.cached_property
    def stored_listing(self) -> StoredListing:
        from ledger_app.services.stored_pages import StoredListing

        return StoredListing(self.catalogue, self.stored)

    def item_pages(self, page_rows: int, **options: Any) -> ItemPages | ListingPages:
        """Keyed pages of a filtered listing (`ItemCatalogue.item_pages`), followed by the fingerprint
        store's items where a corpus lives there (services/stored_pages.py)."""
        if self.has_stored_items() and self.stored.manifests(options.get("corpus") or None):
            return self.stored_listing.pages(page_rows, **options)
        return self.catalogue.item_pages(page_rows, **options)

    def items_from(self, start: str | None, limit: int, **options: Any) -> list[ItemRecord]:
        return self.catalogue.items_from(start, limit, **options)

    def items_page(self, pages: ItemPages | ListingPages, page_no: int) -> list[ItemRecord]:
        if isinstance(pages, ItemPages):
            return self.catalogue.items_page(pages, page_no)
        return self.stored_listing.page(pages, page_no)

    def item_row(self, pages: ItemPages | ListingPages, item_id: str) -> int:
        if isinstance(pages, ItemPages):
            return self.catalogue.item_row(pages, item_id)
        return self.stored_listing.row_of(pages, item_id)

    def item(self, item_id: str, *, with_proof: bool = True) -> ItemDetails:
        """One item (`ItemCatalogue.item`), or a stored item with its two-level proof (services/stored.py)."""
        try:
            return self.catalogue.item(item_id, with_proof=with_proof)
        except NotFoundError:
            if not self.stored.manifests(item_id.split(":", 1)[0]):
                raise
        return self.stored.details(item_id, with_proof=with_proof)

    def thumbnail(self, item_id: str) -> bytes | None:
        thumb = self.catalogue.thumbnail(item_id)
        if thumb is None and self.has_stored_items():
            return self.stored.thumbnail(item_id)
        return thumb

    def manifest(self, name: str) -> Iterator[ManifestEntry]:
        return self.catalogue.manifest(name)


SOURCE_KINDS = ("public", "licensed", "crawled", "user", "synthetic")


def _group_files(files: list[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for f in files:
        out.setdefault(f.host, []).append(f)
    return out
