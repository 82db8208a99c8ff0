"""An ingest run: read a corpus's changed shards, judge each item by the ingest policy, and commit
the items with their ledger entries.

Ingest is parallel (worker processes compute hashes, fingerprints and C2PA summaries), batched into
the ledger (one transaction and one signed checkpoint per work unit, the items' rows committed with
their entries), and resumable: a shard is marked done in the same transaction as its last items, a
re-run skips finished shards whose size and mtime are unchanged, and items already stored are never
stored twice. A killed ingest therefore resumes to the same result.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Connection

from ledger_app.core.errors import UserError
from ledger_app.core.item_reasons import item_said
from ledger_app.core.messages import QT_TRANSLATE_NOOP
from ledger_app.core.os_errors import stopped
from ledger_app.core.policy import AllOf, Decision, ItemFacts, Policy, evaluate
from ledger_app.core.types import C2paSummary, ItemStatus
from ledger_app.corpus import Limits, open_corpus, stat_sig
from ledger_app.corpus.base import MiB
from ledger_app.engine import Engine, open_engine
from ledger_app.ingest.worker import ItemResult, WorkUnit, dumps_metadata, gc_paused, process_unit
from ledger_app.ledger.item_entries import url_commitment
from ledger_app.storage import personal
from ledger_app.storage.repos import corpora as corpora_repo
from ledger_app.storage.repos import items as items_repo
from ledger_app.storage.runlock import run_lock

if TYPE_CHECKING:
    from ledger_app.services.corpora import CorpusRecord

Progress = Callable[[int, int], None]
FOLDER_UNIT = 64  # files of a folder corpus per work unit
# What every ingest worker needs, imported once in the fork server rather than in each worker.
WORKER_PRELOAD = (
    "ledger_app.ingest.lifeline",  # first: the fork server ends with the command (ingest/lifeline.py)
    "ledger_app.ingest.worker",
    "ledger_app.matching.image",
    "ledger_app.matching.text",
    "ledger_app.provenance.c2pa_reader",
)


@dataclass
class IngestReport:
    corpus: str
    shards_total: int = 0
    shards_skipped: int = 0
    shards_done: int = 0
    items_new: int = 0
    items_existing: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    cancelled: bool = False
    workers: int = 0  # processes that read the items (1: in this process)

    @property
    def rate(self) -> float:
        return self.items_new / self.seconds if self.seconds else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "corpus": self.corpus,
            "shards_total": self.shards_total,
            "shards_skipped": self.shards_skipped,
            "shards_done": self.shards_done,
            "items_new": self.items_new,
            "items_existing": self.items_existing,
            "by_status": self.by_status,
            "seconds": round(self.seconds, 3),
            "items_per_second": round(self.rate, 1),
            "cancelled": self.cancelled,
            "workers": self.workers,
        }


class IngestService:
    """Ingest runs of the corpora of one workspace (`ledger ingest`, the Corpora page's Ingest)."""

    def __init__(self, corpora):  # CorpusService: the corpus, its trust anchors and policy snapshot
        self.corpora = corpora
        self.ledger = corpora.ledger
        self.ws = corpora.ws
        # Further ingest policies, each made on the ingest's connection (the blocklist, standing claims).
        self.extra_policies: list[Callable[[Connection], Policy]] = []
        self.to_store = False  # this run writes the fingerprint store (`ingest(store=True)`)

    def limits(self) -> Limits:
        """What one item or shard may cost, from the workspace settings (ingest.max_item_mb, ...)."""
        s = self.ws.settings
        return Limits(max_member_bytes=max(1, int(s.get("ingest.max_item_mb"))) * MiB,
                      max_records_per_shard=max(1, int(s.get("ingest.max_records_per_shard"))),
                      max_records_per_kib=max(0, int(s.get("ingest.max_records_per_kib"))),
                      bomb_ratio=max(1.0, float(s.get("ingest.bomb_ratio"))))

    def ingest_policy(self, conn: Connection) -> Policy:
        from ledger_app.provenance.policy import default_c2pa_policy

        s = self.ws.settings
        policies = [
            default_c2pa_policy(
                s.get("c2pa.quarantine_invalid"),
                quarantine_unreadable=s.get("c2pa.quarantine_unreadable"),
                quarantine_remote=s.get("c2pa.quarantine_remote"),
            )
        ]
        from ledger_app.provenance.policy import OptOutSignalPolicy

        policies.append(OptOutSignalPolicy())
        policies += [factory(conn) for factory in self.extra_policies]
        return AllOf(policies, name="ingest")

    def ingest(
        self,
        name: str,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        workers: int | None = None,
        on_batch: Callable[[IngestReport], None] | None = None,
        signals: bool = True,
        local_features: bool = True,
        store: bool = False,
        engine: str | Engine = "local",
        address: str | None = None,
    ) -> IngestReport:
        """Ingest a corpus. `store=True` puts its items in the fingerprint store (services/stored.py)
        with one shard.manifest entry per shard instead of item rows and one entry per item. `signals=False` skips reading opt-out signals (only for the benchmark's
        reference run: items ingested so are judged without them); `local_features=False` likewise
        skips the images' local features (items ingested so are found by the PDQ stages only).
        `engine` is where the items are read: "local" (a process pool here), "ray" (Ray tasks on the
        cluster at `address`, or on a local Ray instance), or an open `ledger_app.engine.Engine`;
        the items, fingerprints, statuses and ledger entries are the same whichever runs them."""
        corpus = self.corpora.corpus(name)
        self.to_store = store
        n_workers = workers or self.ws.settings.get("ingest.workers") or None
        # Opened first, so that a Ray address that does not answer stops the command before anything else.
        runner = (open_engine(engine, address=address, workers=n_workers, preload=WORKER_PRELOAD)
                  if isinstance(engine, str) else engine)
        # One ingest of a corpus at a time (across processes, and team clients): what a run reads as
        # already stored (`existing`, the finished shards) must stay true until it commits, or two
        # runs insert the same items. A second run stops with a sentence; a crash frees the lock.
        try:
            with run_lock(self.ws, "ingest", int(corpus.id), f"ingest of corpus {name!r}"):
                return self._ingest(corpus, progress=progress, cancelled=cancelled, on_batch=on_batch,
                                    signals=signals, local_features=local_features, runner=runner)
        except Exception as e:
            stop = stopped(QT_TRANSLATE_NOOP("ServiceMessage", "The ingest of {name} stopped: {problem}"), e,
                           database=self.ws.database_label, name=repr(name))
            if stop is None or isinstance(e, UserError):
                raise
            raise stop from e
        finally:
            if runner is not engine:
                runner.close()

    def _ingest(
        self,
        corpus: CorpusRecord,
        *,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        on_batch: Callable[[IngestReport], None] | None,
        signals: bool,
        local_features: bool,
        runner: Engine,
    ) -> IngestReport:
        name = corpus.name
        report = IngestReport(corpus=name)
        t0 = time.perf_counter()
        root, fmt, cid = corpus.path, corpus.format, corpus.id
        adapter = open_corpus(Path(root), fmt)
        shards = adapter.shards()
        report.shards_total = len(shards)
        with self.ws.engine.connect() as conn:
            done = corpora_repo.done_shards(conn, cid)
        todo = []
        # Each shard's signature is taken before it is read and is what its commit records: a shard
        # that changes while it is being ingested is seen as changed by the next run.
        sigs: dict[str, str] = {}
        for sh in shards:
            sig = stat_sig(Path(root), sh)
            if done.get(sh) == sig:
                report.shards_skipped += 1
            else:
                todo.append(sh)
                sigs[sh] = sig
        units = _units(root, fmt, todo, self.corpora.trust_anchors_pem(),
                       int(self.ws.settings.get("ingest.max_image_pixels")), {"limits": self.limits()})
        ctx = self.corpora.signal_context(name) if signals else None
        units = [dataclasses.replace(u, signals=ctx, with_signals=signals, with_local_features=local_features)
                 for u in units]
        if progress:
            progress(report.shards_skipped, report.shards_total)
        if not units:
            report.seconds = time.perf_counter() - t0
            return report
        self.ledger.unlock()
        license_name = None
        with self.ws.engine.connect() as conn:
            existing = items_repo.keys_of_corpus(conn, cid)
            if corpus.license_id:
                license_name = corpora_repo.license_name(conn, corpus.license_id)
        try:
            # Both engines run the same process_unit over the same units and hand back each unit's
            # results in order; what follows, the commit, is the same for both.
            results: Iterator[list[ItemResult]] = runner.map(process_unit, units)
            report.workers = runner.workers
            for unit, items in zip(units, results, strict=True):
                with gc_paused():  # a unit's rows and entries: many objects, no cycles (worker.gc_paused)
                    self._commit_unit(corpus, license_name, unit, items, existing, report, sigs)
                report.shards_done += len(unit.shards)
                report.seconds = time.perf_counter() - t0
                if progress:
                    progress(report.shards_skipped + report.shards_done, report.shards_total)
                if on_batch:
                    on_batch(report)
                if cancelled and cancelled():
                    report.cancelled = True
                    break
        finally:
            runner.stop()
        report.seconds = time.perf_counter() - t0
        return report

    def _commit_unit(self, corpus: CorpusRecord, license_name: str | None, unit: WorkUnit,
                     items: list[ItemResult], existing: set[str], report: IngestReport,
                     sigs: dict[str, str]) -> None:
        cid = corpus.id
        for it in items:
            _fit_columns(corpus.name, it)
        # A stored shard is written whole again on a re-run (a new file, a new manifest entry).
        new = list(items) if self.to_store else [it for it in items if it.key not in existing]
        report.items_existing += len(items) - len(new)
        now = time.time()
        with self.ws.store.write_transaction() as conn:
            policy = self.ingest_policy(conn) if new else None
            rows: list[dict[str, Any]] = []
            details: list[dict[str, Any]] = []
            fps: list[tuple[str, str, bytes, bytes | None]] = []
            entries: list[tuple[str, dict[str, Any]]] = []
            for it in new:
                item_id = f"{corpus.name}:{it.key}"
                summary = C2paSummary.from_json(it.c2pa)
                if it.error:
                    decision = Decision(ItemStatus.REFUSED, it.error, "input", it.error_said)
                else:
                    assert policy is not None  # made above: there are new items
                    decision = evaluate(
                        policy,
                        ItemFacts(
                            sha256=it.sha256 or "",
                            media_type=it.media_type,
                            c2pa=summary,
                            extra={"item": it, "item_id": item_id, "corpus": corpus.name},
                        ),
                    )
                status = str(decision.status)
                account_c = (
                    personal.commit(conn, "account", {"account": it.account}, dedupe_on=it.account) if it.account else None
                )
                # The URL a rights holder can ask about, committed (salted) in the signed entry.
                url_salt = os.urandom(16) if it.url_norm is not None and it.source_url else None
                rows.append({
                    "id": item_id, "corpus_id": cid, "key": it.key, "shard": it.shard, "member": it.member,
                    "members": json.dumps(it.members) if it.members else None, "location": it.location,
                    "sha256": it.sha256, "size": it.size, "media_type": it.media_type, "status": status,
                    "status_reason": decision.stored_reason, "source_url": it.source_url, "url_norm": it.url_norm,
                    "domain": it.domain, "account": account_c, "license_id": corpus.license_id,
                    "batch": corpus.batch, "metadata_json": dumps_metadata(it.metadata),
                    "c2pa_state": str(summary.state), "c2pa_json": json.dumps(summary.to_json()),
                    "ai_generated": summary.ai_generated, "ingested_at": now, "signals_json": it.signals_json,
                    "train_ai": it.train_ai, "language": it.language, "fetched_at": it.fetched_at,
                    "url_salt": url_salt,
                })
                if it.manifest_json or it.thumbnail:
                    details.append({"item_id": item_id, "manifest_json": it.manifest_json, "thumbnail": it.thumbnail})
                if it.fp_kind and it.fp_data:
                    fps.append((item_id, it.fp_kind, it.fp_data, it.local_data))
                payload: dict[str, Any] = {
                    "item": item_id,
                    "corpus": corpus.name,
                    "sha256": it.sha256,
                    "media_type": it.media_type,
                    "status": status,
                    "reason": decision.reason,
                    "c2pa": str(summary.state),
                    "training_mining": summary.training_mining,
                    "ai_generated": summary.ai_generated,
                    "license": license_name,
                }
                if account_c:
                    payload["account"] = account_c
                if url_salt is not None:
                    payload["url"] = url_commitment(url_salt, str(it.source_url))
                if it.signals_json:
                    # The uses' states and the SHA-256 of the stored evidence (findings with each policy
                    # file's SHA-256), so the evidence row can be checked against the ledger later.
                    payload["signals"] = {"uses": it.signals_uses, "evidence_sha256": it.signals_sha256
                                          or hashlib.sha256(it.signals_json.encode()).hexdigest()}
                entries.append(("item.ingested", payload))
                report.by_status[status] = report.by_status.get(status, 0) + 1
            if rows and self.to_store:  # the fingerprint store: files and one manifest entry per shard
                res = self.corpora.stored.commit(conn, corpus.name, rows, [p for _, p in entries],
                                                 {a: (b, c, d) for a, b, c, d in fps},
                                                 {d["item_id"]: d["manifest_json"] for d in details})
            elif rows:
                # The entries first, in the same transaction: item k gets entry first_index + k, written
                # with its row (one INSERT, not an INSERT and then an UPDATE rewriting each row; a row
                # with signals evidence is ~2 KB). A failed insert below rolls the entries back too.
                res = self.ledger.append(entries, conn=conn)
                for k, r in enumerate(rows):
                    r["entry_idx"] = res.first_index + k
                items_repo.insert_items(conn, rows)
                if details:
                    items_repo.insert_details(conn, details)
                if fps:
                    base = items_repo.last_fingerprint_seq(conn)
                    items_repo.insert_fingerprints(conn, [
                        {"item_id": a, "kind": b, "data": c, "seq": base + k + 1, "local": d}
                        for k, (a, b, c, d) in enumerate(fps)
                    ])
            else:
                res = None
            for sh in unit.shards:
                if any(it.partial for it in items if it.shard == sh):
                    # A limit left records unread: not done, so raising the limit and running the
                    # ingest again reads the rest (the records already stored are skipped).
                    continue
                if len(sh) > SHARD_CHARS:
                    # Too long a path to record as done: the shard is read again by every run, and
                    # its items, already stored, are skipped (nothing is stored twice).
                    continue
                n_items = sum(1 for it in items if it.shard == sh)
                corpora_repo.mark_shard_done(conn, cid, sh, sigs[sh], n_items, now)
        if res is not None:
            self.ledger.after_external_commit(res)
        existing.update(it.key for it in new)
        report.items_new += len(new)


# Column widths (characters) of the values a corpus controls (storage/migrations m0002): a path or URL
# longer than these is refused or left out per item, never a failed commit that stops the ingest.
ITEM_ID_CHARS, ITEM_KEY_CHARS, SHARD_CHARS, URL_NORM_CHARS, DOMAIN_CHARS = 600, 560, 1000, 2048, 255


def _fit_columns(corpus_name: str, it: ItemResult) -> None:
    """Make an item's stored values fit their columns (in place, deterministically, so a re-run finds
    the same key): an over-long key is refused under a shortened key with a digest of the full one;
    an over-long normalised URL or domain is dropped (the item is then not matched by URL)."""
    limit = min(ITEM_KEY_CHARS, ITEM_ID_CHARS - len(corpus_name) - 1)
    if len(it.key) > limit:
        digest = hashlib.sha256(it.key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
        short = f"{it.key[:limit - 34]}…{digest}"
        it.error_said = item_said(QT_TRANSLATE_NOOP(
            "ItemReason", "{location} is a path of {n} characters, more than the {limit} the ledger keeps for an "
                          "item; it is recorded as {short} and not read. Shorten the file or directory names and "
                          "ingest again."), location=it.location, n=len(it.key), limit=limit, short=repr(short))
        it.error = str(it.error_said)
        it.key = short
        it.fp_kind = it.fp_data = it.thumbnail = it.manifest_json = None
    if it.url_norm is not None and len(it.url_norm) > URL_NORM_CHARS:
        it.url_norm = None
    if it.domain is not None and len(it.domain) > DOMAIN_CHARS:
        it.domain = None


def _units(root: str, fmt: str, shards: list[str], anchors: str | None, max_pixels: int,
           options: dict[str, Any] | None = None) -> list[WorkUnit]:
    opts = options or {}
    if fmt != "folder":
        return [WorkUnit(root, fmt, (sh,), anchors, opts, max_image_pixels=max_pixels) for sh in shards]
    # Files in units of FOLDER_UNIT, the last few units smaller so that no worker sits idle for long
    # while another finishes a large last unit.
    split = max(0, len(shards) - 2 * FOLDER_UNIT)
    units = [WorkUnit(root, fmt, tuple(shards[i : min(i + FOLDER_UNIT, split)]), anchors, opts,
                      max_image_pixels=max_pixels)
             for i in range(0, split, FOLDER_UNIT)]
    tail = FOLDER_UNIT // 4
    units += [WorkUnit(root, fmt, tuple(shards[i : i + tail]), anchors, opts, max_image_pixels=max_pixels)
              for i in range(split, len(shards), tail)]
    return units
