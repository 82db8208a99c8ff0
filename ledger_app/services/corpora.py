"""Corpora, ingest, items and trust anchors: the workflow behind `ledger corpus|ingest|items|trust`.

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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from ledger_app.core.errors import (
    CorpusError,
    EnvironmentProblem,
    NotFoundError,
    UserError,
    environment_problem,
)
from ledger_app.core.policy import AllOf, Decision, ItemFacts, Policy, evaluate
from ledger_app.core.types import C2paSummary, ItemStatus
from ledger_app.corpus import FORMATS, Limits, detect_format, open_corpus, stat_sig
from ledger_app.corpus.base import MiB
from ledger_app.ingest import lifeline
from ledger_app.ingest.worker import ItemResult, WorkUnit, dumps_metadata, process_unit
from ledger_app.ledger.item_entries import url_commitment
from ledger_app.storage import personal
from ledger_app.storage.queries import LIKE_ESCAPE, Queries, like_escape
from ledger_app.storage.runlock import run_lock

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


class CorpusService(Queries):
    def __init__(self, ledger):  # LedgerService (imported lazily to keep layers simple)
        self.ledger = ledger
        self.ws = ledger.ws
        self.extra_policies: list[Callable[[Connection], Policy]] = []

    # --- corpora --------------------------------------------------------------------------------------

    def add_corpus(self, name: str, path: Path, fmt: str = "auto", *, license: str | None = None,
                   batch: str | None = None, crawler: str | None = None, source_kind: str | None = None,
                   policy_snapshot: Path | None = None) -> dict[str, Any]:
        """Register a corpus. `crawler`: the user agent it was crawled with (robots.txt rules for it are
        read at ingest); `source_kind`: public | licensed | crawled | user | synthetic, for the AI Act
        summary; `policy_snapshot`: a folder or archive of the sites' policy files (see
        `add_policy_snapshot`)."""
        name = name.strip()
        if source_kind is not None and source_kind not in SOURCE_KINDS:
            raise UserError(f"unknown source kind {source_kind!r}; choose one of {', '.join(SOURCE_KINDS)}")
        if crawler is not None and (not crawler.strip() or len(crawler) > 200 or any(c.isspace() for c in crawler.strip())):
            raise UserError("a crawler is named by its user-agent product token, such as GPTBot (no spaces)")
        snapshot = None
        if policy_snapshot is not None:
            from ledger_app.provenance.snapshot import load_snapshot

            snapshot = load_snapshot(policy_snapshot)  # read before anything is recorded: a bad path fails early
        if not name or any(c in name for c in ":/\\") or len(name) > 200:
            raise UserError("a corpus name must be non-empty, without ':', '/' or '\\', and short")
        try:
            path = Path(path).expanduser().resolve()
        except (RuntimeError, OSError):  # RuntimeError: pathlib's "Symlink loop" before Python 3.13
            raise CorpusError(f"{Path(path).expanduser().absolute()} is a loop of symbolic links; give the real "
                              "directory of the corpus.") from None
        if not path.exists():
            raise CorpusError(f"{path} does not exist")
        if fmt == "auto":
            fmt = detect_format(path)
        elif fmt not in FORMATS:
            raise UserError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        adapter = open_corpus(path, fmt)
        shards = adapter.shards()
        ph = self._ph
        if self._one(f"SELECT id FROM corpus WHERE name = {ph}", (name,)):
            raise UserError(f"a corpus named {name!r} is already registered")
        lic_id = self._license_id(license) if license else None
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            conn.exec_driver_sql(
                f"INSERT INTO corpus (name, path, format, license_id, batch, created_at, crawler, source_kind) "
                f"VALUES ({ph},{ph},{ph},{ph},{ph},{ph},{ph},{ph})",
                (name, str(path), fmt, lic_id, batch, time.time(), crawler.strip() if crawler else None, source_kind),
            )
            registered = {"corpus": name, "format": fmt, "shards": len(shards), "license": license, "batch": batch}
            if crawler:
                registered["crawler"] = crawler.strip()
            if source_kind:
                registered["source_kind"] = source_kind
            res = self.ledger.append([("corpus.registered", registered)], conn=conn)
            conn.exec_driver_sql(f"UPDATE corpus SET entry_idx = {ph} WHERE name = {ph}", (res.first_index, name))
        self.ledger.after_external_commit(res)
        out = {"name": name, "path": str(path), "format": fmt, "shards": len(shards), "entry": res.first_index,
               "crawler": crawler, "source_kind": source_kind}
        if snapshot is not None:
            out["policy_snapshot"] = self._store_snapshot(name, snapshot)
        return out

    # --- policy-file snapshots (robots.txt, tdmrep.json, ai.txt) -----------------------------------

    def add_policy_snapshot(self, name: str, path: Path) -> dict[str, Any]:
        """Give a corpus a snapshot of its sites' policy files (a folder or .tar/.tar.gz/.zip laid out
        HOST/robots.txt, HOST/.well-known/tdmrep.json, HOST/ai.txt). Every file is stored byte for
        byte and its SHA-256 recorded in a `corpus.policy_snapshot` ledger entry; the next ingest
        judges items against it (re-ingest a corpus to apply it to items already stored: shards are
        re-read only when they changed). Malformed files are reported, not refused."""
        from ledger_app.provenance.snapshot import load_snapshot

        self.corpus(name)
        return self._store_snapshot(name, load_snapshot(path))

    def _store_snapshot(self, name: str, snap: Any) -> dict[str, Any]:
        from ledger_app.provenance.signals import ParsedSite

        corpus = self.corpus(name)
        ph = self._ph
        # Parse every site now, so a malformed file is reported when the snapshot is given.
        problems = list(snap.problems)
        for host, files in _group_files(snap.files).items():
            problems += ParsedSite.parse(host, files).problems
        manifest = snap.manifest()
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            sid = conn.exec_driver_sql(
                f"INSERT INTO policy_snapshot (corpus_id, sha256, source, problems_json, created_at) "
                f"VALUES ({ph},{ph},{ph},{ph},{ph}) RETURNING id",
                (corpus["id"], snap.sha256, snap.source, json.dumps(problems) if problems else None, time.time()),
            ).scalar()
            if snap.files:
                conn.exec_driver_sql(
                    f"INSERT INTO policy_file (snapshot_id, host, name, sha256, fetched_at, content) "
                    f"VALUES ({ph},{ph},{ph},{ph},{ph},{ph})",
                    [(sid, f.host, f.name, f.sha256, f.fetched_at, f.content) for f in snap.files],
                )
            res = self.ledger.append(
                [("corpus.policy_snapshot", {"corpus": name, "snapshot_sha256": snap.sha256, "files": manifest,
                                             "problems": problems})],
                conn=conn,
            )
            conn.exec_driver_sql(f"UPDATE policy_snapshot SET entry_idx = {ph} WHERE id = {ph}", (res.first_index, sid))
        self.ledger.after_external_commit(res)
        return {"corpus": name, "snapshot_sha256": snap.sha256, "sites": len({f.host for f in snap.files}),
                "files": len(snap.files), "problems": problems, "entry": res.first_index}

    def signal_context(self, name: str) -> Any:
        """The corpus's crawler and its latest policy snapshot (files checked against their digests)."""
        from ledger_app.provenance.signals import SignalContext
        from ledger_app.provenance.snapshot import snapshot_digest, snapshot_from_rows

        corpus = self.corpus(name)
        ph = self._ph
        snap = self._one(f"SELECT id, sha256 FROM policy_snapshot WHERE corpus_id = {ph} ORDER BY id DESC LIMIT 1",
                         (corpus["id"],))
        files: tuple = ()
        digest = None
        if snap is not None:
            rows = self._all(f"SELECT host, name, content, sha256, fetched_at FROM policy_file WHERE snapshot_id = {ph}",
                             (snap[0],))
            files = tuple(snapshot_from_rows([tuple(r) for r in rows]))
            digest = snapshot_digest(list(files))
            if digest != snap[1]:
                raise UserError(f"the policy snapshot of corpus {name!r} no longer matches its recorded digest; "
                                "the workspace was altered — run `ledger log verify` and restore it")
        return SignalContext(crawler=corpus.get("crawler"), files=files, snapshot_sha256=digest)

    def corpus(self, name: str) -> dict[str, Any]:
        row = self._one(
            "SELECT id, name, path, format, license_id, batch, created_at, crawler, source_kind FROM corpus "
            f"WHERE name = {self._ph}", (name,)
        )
        if row is None:
            raise NotFoundError(f"there is no corpus named {name!r}; see `ledger corpus list`")
        return dict(zip(["id", "name", "path", "format", "license_id", "batch", "created_at", "crawler", "source_kind"],
                        row, strict=True))

    def list_corpora(self) -> list[dict[str, Any]]:
        rows = self._all(
            "SELECT c.id, c.name, c.path, c.format, c.created_at, "
            "(SELECT count(*) FROM item i WHERE i.corpus_id = c.id) FROM corpus c ORDER BY c.name"
        )
        return [dict(zip(["id", "name", "path", "format", "created_at", "items"], r, strict=True)) for r in rows]

    def _license_id(self, name: str) -> int:
        row = self._one(f"SELECT id FROM license WHERE name = {self._ph}", (name,))
        if row is None:
            raise NotFoundError(f"there is no licence named {name!r}; add it with `ledger license add`")
        return int(row[0])

    # --- the EU AI Act training-content summary ------------------------------------------------------

    def ai_act_summary(self, *, run: str | None = None, corpora: list[str] | None = None, sme: bool = False,
                       answers: dict[str, Any] | None = None, issue: bool = True) -> dict[str, Any]:
        """The Art. 53(1)(d) summary for a training run or corpora (`certificates/ai_act.py`): signed
        and recorded (`summary.issued`) when `issue`, else the unsigned figures (a preview)."""
        from ledger_app.services import ai_act

        if run and corpora:
            raise UserError("summarise either a training run or a set of corpora, not both")
        if not issue:
            figures = ai_act.compute_summary(self, run=run, corpora=corpora, sme=sme)
            if answers:
                ai_act.apply_attestations(figures, answers)
            return figures
        return ai_act.issue_summary(self, run=run, corpora=corpora, sme=sme, answers=answers)

    # --- trust anchors --------------------------------------------------------------------------------

    def add_trust_anchor(self, pem: str) -> dict[str, Any]:
        from ledger_app.provenance.c2pa_reader import validate_trust_anchor_pem

        subjects = validate_trust_anchor_pem(pem)
        digest = hashlib.sha256(pem.strip().encode()).hexdigest()
        ph = self._ph
        if self._one(f"SELECT sha256 FROM trust_anchor WHERE sha256 = {ph}", (digest,)):
            return {"sha256": digest, "subjects": subjects, "added": False}
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            conn.exec_driver_sql(
                f"INSERT INTO trust_anchor (sha256, subjects, pem, added_at) VALUES ({ph},{ph},{ph},{ph})",
                (digest, json.dumps(subjects), pem.strip() + "\n", time.time()),
            )
            res = self.ledger.append([("trust.anchor_added", {"sha256": digest, "subjects": subjects})], conn=conn)
        self.ledger.after_external_commit(res)
        return {"sha256": digest, "subjects": subjects, "added": True}

    def trust_anchors_pem(self) -> str | None:
        rows = self._all("SELECT pem FROM trust_anchor ORDER BY added_at")
        return "".join(r[0] for r in rows) or None

    # --- ingest -------------------------------------------------------------------------------------

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
    ) -> IngestReport:
        """Ingest a corpus. `signals=False` skips reading opt-out signals (only for the benchmark's
        reference run: items ingested so are judged without them); `local_features=False` likewise
        skips the images' local features (items ingested so are found by the PDQ stages only)."""
        corpus = self.corpus(name)
        # One ingest of a corpus at a time (across processes, and team clients): what a run reads as
        # already stored (`existing`, the finished shards) must stay true until it commits, or two
        # runs insert the same items. A second run stops with a sentence; a crash frees the lock.
        try:
            with run_lock(self.ws, "ingest", int(corpus["id"]), f"ingest of corpus {name!r}"):
                return self._ingest(corpus, progress=progress, cancelled=cancelled, workers=workers,
                                    on_batch=on_batch, signals=signals, local_features=local_features)
        except Exception as e:
            problem = environment_problem(e, database=self.ws.database_label)
            if problem is None or isinstance(e, UserError):
                raise
            raise EnvironmentProblem(f"The ingest of {name!r} stopped: {problem}") from e

    def _ingest(
        self,
        corpus: dict[str, Any],
        *,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
        workers: int | None,
        on_batch: Callable[[IngestReport], None] | None,
        signals: bool,
        local_features: bool,
    ) -> IngestReport:
        name = corpus["name"]
        report = IngestReport(corpus=name)
        t0 = time.perf_counter()
        root, fmt, cid = corpus["path"], corpus["format"], corpus["id"]
        adapter = open_corpus(Path(root), fmt)
        shards = adapter.shards()
        report.shards_total = len(shards)
        done = {
            r[0]: r[1]
            for r in self._all(f"SELECT shard, stat_sig FROM ingest_shard WHERE corpus_id = {self._ph}", (cid,))
        }
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
        units = _units(root, fmt, todo, self.trust_anchors_pem(), int(self.ws.settings.get("ingest.max_image_pixels")),
                       {"limits": self.limits()})
        ctx = self.signal_context(name) if signals else None
        units = [dataclasses.replace(u, signals=ctx, with_signals=signals, with_local_features=local_features)
                 for u in units]
        if progress:
            progress(report.shards_skipped, report.shards_total)
        if not units:
            report.seconds = time.perf_counter() - t0
            return report
        self.ledger.unlock()
        existing = {r[0] for r in self._all(f"SELECT key FROM item WHERE corpus_id = {self._ph}", (cid,))}
        n_workers = workers or self.ws.settings.get("ingest.workers") or (os.cpu_count() or 1)
        license_name = None
        if corpus["license_id"]:
            row = self._one(f"SELECT name FROM license WHERE id = {self._ph}", (corpus["license_id"],))
            license_name = row[0] if row else None
        results: Iterator[list[ItemResult]]
        pool = None
        if n_workers > 1 and len(units) > 1:
            from ledger_app.provenance.c2pa_loader import worker_process_context

            # Not fork: c2pa's native threads do not survive it (see provenance/c2pa_loader.py).
            # Every pool process (the fork server and each worker) exits when this process does, even
            # when it is killed and cannot shut the pool down (ingest/lifeline.py).
            command = lifeline.mark_command()
            pool = ProcessPoolExecutor(max_workers=n_workers, mp_context=worker_process_context(WORKER_PRELOAD),
                                       initializer=lifeline.watch, initargs=(command,))
            results = pool.map(process_unit, units)
            report.workers = min(n_workers, len(units))
        else:
            results = map(process_unit, units)
            report.workers = 1
        try:
            for unit, items in zip(units, results, strict=True):
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
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        report.seconds = time.perf_counter() - t0
        return report

    def _commit_unit(self, corpus: dict[str, Any], license_name: str | None, unit: WorkUnit,
                     items: list[ItemResult], existing: set[str], report: IngestReport,
                     sigs: dict[str, str]) -> None:
        ph = self._ph
        cid = corpus["id"]
        for it in items:
            _fit_columns(corpus["name"], it)
        new = [it for it in items if it.key not in existing]
        report.items_existing += len(items) - len(new)
        now = time.time()
        with self.ws.store.write_transaction() as conn:
            policy = self.ingest_policy(conn) if new else None
            rows, details, fps, entries = [], [], [], []
            for it in new:
                item_id = f"{corpus['name']}:{it.key}"
                summary = C2paSummary.from_json(it.c2pa)
                if it.error:
                    decision = Decision(ItemStatus.REFUSED, it.error, "input")
                else:
                    decision = evaluate(
                        policy,
                        ItemFacts(
                            sha256=it.sha256 or "",
                            media_type=it.media_type,
                            c2pa=summary,
                            extra={"item": it, "item_id": item_id, "corpus": corpus["name"]},
                        ),
                    )
                status = str(decision.status)
                account_c = (
                    personal.commit(conn, "account", {"account": it.account}, dedupe_on=it.account) if it.account else None
                )
                # The URL a rights holder can ask about, committed (salted) in the signed entry.
                url_salt = os.urandom(16) if it.url_norm is not None and it.source_url else None
                rows.append(
                    (item_id, cid, it.key, it.shard, it.member, json.dumps(it.members) if it.members else None,
                     it.location, it.sha256, it.size, it.media_type, status, decision.reason, it.source_url,
                     it.url_norm, it.domain, account_c, corpus["license_id"], corpus["batch"],
                     dumps_metadata(it.metadata), str(summary.state), json.dumps(summary.to_json()),
                     summary.ai_generated, now,
                     it.signals_json, it.train_ai, it.language, it.fetched_at, url_salt)
                )
                if it.manifest_json or it.thumbnail:
                    details.append((item_id, it.manifest_json, it.thumbnail))
                if it.fp_kind and it.fp_data:
                    fps.append((item_id, it.fp_kind, it.fp_data, it.local_data))
                payload = {
                    "item": item_id,
                    "corpus": corpus["name"],
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
                    payload["signals"] = {"uses": it.signals_uses,
                                          "evidence_sha256": hashlib.sha256(it.signals_json.encode()).hexdigest()}
                entries.append(("item.ingested", payload))
                report.by_status[status] = report.by_status.get(status, 0) + 1
            if rows:
                conn.exec_driver_sql(
                    "INSERT INTO item (id, corpus_id, key, shard, member, members, location, sha256, size, media_type, "
                    "status, status_reason, source_url, url_norm, domain, account, license_id, batch, metadata_json, "
                    "c2pa_state, c2pa_json, ai_generated, ingested_at, signals_json, train_ai, language, fetched_at, url_salt) "
                    f"VALUES ({','.join([ph] * 28)})",
                    rows,
                )
                if details:
                    conn.exec_driver_sql(
                        f"INSERT INTO item_detail (item_id, manifest_json, thumbnail) VALUES ({ph},{ph},{ph})", details
                    )
                if fps:
                    base = conn.exec_driver_sql("SELECT COALESCE(MAX(seq), 0) FROM fingerprint").fetchone()[0]
                    conn.exec_driver_sql(
                        f"INSERT INTO fingerprint (item_id, kind, data, seq, local) VALUES ({ph},{ph},{ph},{ph},{ph})",
                        [(a, b, c, base + k + 1, d) for k, (a, b, c, d) in enumerate(fps)],
                    )
                res = self.ledger.append(entries, conn=conn)
                # Entry indexes follow the row order: item k got entry first_index + k.
                conn.exec_driver_sql(
                    f"UPDATE item SET entry_idx = {ph} WHERE id = {ph}",
                    [(res.first_index + k, r[0]) for k, r in enumerate(rows)],
                )
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
                sig = sigs[sh]
                n_items = sum(1 for it in items if it.shard == sh)
                conn.exec_driver_sql(f"DELETE FROM ingest_shard WHERE corpus_id = {ph} AND shard = {ph}", (cid, sh))
                conn.exec_driver_sql(
                    f"INSERT INTO ingest_shard (corpus_id, shard, stat_sig, items, done_at) VALUES ({ph},{ph},{ph},{ph},{ph})",
                    (cid, sh, sig, n_items, now),
                )
        if res is not None:
            self.ledger.after_external_commit(res)
        existing.update(it.key for it in new)
        report.items_new += len(new)

    # --- items ---------------------------------------------------------------------------------------

    ITEM_COLS = (
        "i.id, c.name, i.location, i.shard, i.member, i.sha256, i.size, i.media_type, i.status, i.status_reason, "
        "i.source_url, l.name, i.c2pa_json, i.ingested_at, i.entry_idx, i.purged_at, i.batch, i.metadata_json, "
        "i.domain, i.signals_json, i.language, i.fetched_at"
    )
    _FROM = " FROM item i JOIN corpus c ON c.id = i.corpus_id LEFT JOIN license l ON l.id = i.license_id"

    def _item_json(self, r: tuple) -> dict[str, Any]:
        c2pa = json.loads(r[12]) if r[12] else C2paSummary().to_json()
        return {
            "id": r[0],
            "corpus": r[1],
            "location": r[2],
            "shard": r[3],
            "member": r[4],
            "sha256": r[5],
            "size": r[6],
            "media_type": r[7],
            "status": r[8],
            "status_reason": r[9],
            "source_url": r[10],
            "license": r[11],
            "c2pa": c2pa,
            "ingested_at": r[13],
            "entry_index": r[14],
            "purged_at": r[15],
            "batch": r[16],
            "metadata": json.loads(r[17]) if r[17] else {},
            "domain": r[18],
            "signals": json.loads(r[19]) if r[19] else None,
            "language": r[20],
            "fetched_at": r[21],
        }

    def items(self, *, corpus: str | None = None, status: str | None = None, media_type: str | None = None,
              c2pa_state: str | None = None, license: str | None = None, search: str | None = None,
              limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Items in id order. With `limit`, an OFFSET page: fine for the CLI and small offsets; a table
        that scrolls through a million items pages with `item_pages` instead."""
        where, params = self._filters(corpus, status, media_type, c2pa_state, license, search)
        sql = f"SELECT {self.ITEM_COLS}{self._FROM}{where} ORDER BY i.id"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [self._item_json(r) for r in self._all(sql, tuple(params))]

    def count_items(self, **filters: Any) -> int:
        # No joins: the filters name a corpus or licence through its id, so the count can use the
        # item indexes alone (every item has its corpus, a foreign key, and at most one licence).
        where, params = self._filters(**filters)
        return int(self._one(f"SELECT count(*) FROM item i{where}", tuple(params))[0])

    def item_count_estimate(self) -> int:
        """About how many items the workspace holds, cheaply: exact on SQLite (a count over the
        smallest index), the planner's estimate on PostgreSQL (exact if the table was never analysed).
        For deciding whether a listing is worth a background task, not for display."""
        if self._ph == "%s":
            # reltuples is as of the last ANALYZE (-1 if none); n_live_tup follows every commit.
            est = self._one("SELECT greatest(c.reltuples, s.n_live_tup) FROM pg_class c "
                            "LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid WHERE c.oid = 'item'::regclass")
            if est is not None and est[0] is not None and est[0] > 0:
                return int(est[0])
        return int(self._one("SELECT count(*) FROM item")[0])

    def _filters(self, corpus=None, status=None, media_type=None, c2pa_state=None, license=None, search=None,
                 *, seek: bool = False):
        conds, params = self._conditions(corpus, status, media_type, c2pa_state, license, search, seek=seek)
        return (" WHERE " + " AND ".join(conds) if conds else ""), params

    def _conditions(self, corpus=None, status=None, media_type=None, c2pa_state=None, license=None, search=None,
                    *, seek: bool = False):
        """The WHERE conditions of an item listing, on `item i` alone (corpus and licence by name
        through their unique ids), so counts and keyed pages need no joins.

        `seek`: for a walk along the id index (keyed pages, anchors). On SQLite, which has no planner
        statistics here, a unary `+` keeps an equality on an indexed column (status, say) from being
        chosen as the index: the planner would read every matching row and sort them for each page.
        A walk along the id index tests the conditions on its way instead, so a page costs about
        page_rows / (share of matching rows) index steps. PostgreSQL's planner has statistics and
        gets the plain conditions.
        """
        ph = self._ph
        h = "+" if seek and ph == "?" else ""
        conds, params = [], []
        if corpus:
            conds.append(f"{h}i.corpus_id = (SELECT id FROM corpus WHERE name = {ph})")
            params.append(corpus)
        if status:
            if status not in {s.value for s in ItemStatus}:
                raise UserError(f"unknown status {status!r}; use admitted, quarantined, refused or purged")
            conds.append(f"{h}i.status = {ph}")
            params.append(status)
        if media_type:
            # `*` is the one wildcard a media type filter has (image/*); `%` and `_` are literal.
            conds.append(f"{h}i.media_type LIKE {ph}{LIKE_ESCAPE}")
            params.append(like_escape(media_type).replace("*", "%"))
        if c2pa_state:
            conds.append(f"{h}i.c2pa_state = {ph}")
            params.append(c2pa_state)
        if license:
            conds.append(f"{h}i.license_id = (SELECT id FROM license WHERE name = {ph})")
            params.append(license)
        if search:
            # The search text is matched literally: `%`, `_` and `\\` in it are not wildcards.
            conds.append(f"(i.id LIKE {ph}{LIKE_ESCAPE} OR i.source_url LIKE {ph}{LIKE_ESCAPE} OR {h}i.sha256 = {ph})")
            pattern = f"%{like_escape(search)}%"
            params += [pattern, pattern, search.lower()]
        return conds, params

    # --- keyed (seek) pages of items, for a table that scrolls through millions -----------------------

    # A result of at most this many rows keeps all its ids (no more than a table's page cache holds
    # rows) and reads its pages by primary key; a larger one keeps the id of every page's first row.
    PAGE_KEYS_LIMIT = 16_384
    ANCHOR_CHUNK = 256  # anchors found per statement while indexing, between progress and cancel checks

    @dataclass(frozen=True)
    class ItemPages:
        """A filtered item list, in id order, cut into pages of `page_rows` for keyed paging.

        `anchors[p]` is the id of row p * page_rows, so page p is `id >= anchors[p] AND id <
        anchors[p + 1] ORDER BY id LIMIT page_rows` (the last page ends at `last`, the id of the last
        row): a bounded range of the id index, never an OFFSET scan. A small result also keeps all
        its ids in `keys` and reads a page by primary key. Built from one snapshot by
        `CorpusService.item_pages`; build a new one after items change.
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
        where, params = self._filters(**filters)
        with self.ws.engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                # READ COMMITTED would give each statement its own snapshot; the count and the
                # anchors must describe the same rows.
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                count = int(conn.exec_driver_sql(f"SELECT count(*) FROM item i{where}", tuple(params)).scalar())
                if count <= keys_limit:
                    keys = tuple(r[0] for r in conn.exec_driver_sql(
                        f"SELECT i.id FROM item i{where} ORDER BY i.id", tuple(params)))
                    return self.ItemPages(clean, page_rows, len(keys), keys[::page_rows], keys[-1] if keys else None,
                                          keys)
                anchors, last = self._anchors(conn, page_rows, -(-count // page_rows), filters, progress, cancelled)
        return self.ItemPages(clean, page_rows, count, tuple(anchors), last)

    def _anchors(self, conn: Connection, page_rows: int, pages: int, filters: dict[str, Any],
                 progress: Progress | None, cancelled: Callable[[], bool] | None) -> tuple[list[str], str | None]:
        ph = self._ph
        conds, params = self._conditions(**filters, seek=True)
        where = " WHERE " + " AND ".join(conds) if conds else ""
        first = conn.exec_driver_sql(f"SELECT i.id FROM item i{where} ORDER BY i.id LIMIT 1", tuple(params)).scalar()
        # The last page ends at the last matching id, so reading it never walks the rest of the index.
        last = conn.exec_driver_sql(f"SELECT i.id FROM item i{where} ORDER BY i.id DESC LIMIT 1", tuple(params)).scalar()
        step = (f"SELECT i.id FROM item i WHERE {' AND '.join([*conds, 'i.id > a.id'])} "
                f"ORDER BY i.id LIMIT 1 OFFSET {int(page_rows) - 1}")
        anchors = [first] if first is not None else []
        while 0 < len(anchors) < pages:
            n = min(self.ANCHOR_CHUNK, pages - len(anchors))
            sql = (f"WITH RECURSIVE a(n, id) AS (SELECT 0, i.id FROM item i WHERE i.id = {ph} "
                   f"UNION ALL SELECT a.n + 1, ({step}) FROM a WHERE a.id IS NOT NULL AND a.n < {n}) "
                   "SELECT a.id FROM a WHERE a.n > 0 AND a.id IS NOT NULL ORDER BY a.n")
            got = [r[0] for r in conn.exec_driver_sql(sql, (anchors[-1], *params))]
            anchors += got
            if progress:
                progress(len(anchors), pages)
            if cancelled and cancelled():
                raise UserError("listing the items was cancelled")
            if len(got) < n:  # fewer rows than counted: impossible within one snapshot, but never loop
                break
        return anchors, last

    def items_from(self, start: str | None, limit: int, *, before: str | None = None, through: str | None = None,
                   **filters: Any) -> list[dict[str, Any]]:
        """Up to `limit` items that pass `filters`, in id order, from id `start` (inclusive; None: the
        first), below id `before` and up to id `through` (when given): a keyed page, `WHERE id >= ?
        ORDER BY id LIMIT ?` along the id index, as fast at the end of the list as at its start."""
        ph = self._ph
        conds, params = self._conditions(**filters, seek=True)
        for op, key in ((">=", start), ("<", before), ("<=", through)):
            if key is not None:
                conds.append(f"i.id {op} {ph}")
                params.append(key)
        where = " WHERE " + " AND ".join(conds) if conds else ""
        sql = f"SELECT {self.ITEM_COLS}{self._FROM}{where} ORDER BY i.id LIMIT {int(limit)}"
        return [self._item_json(r) for r in self._all(sql, tuple(params))]

    def items_page(self, pages: ItemPages, page_no: int) -> list[dict[str, Any]]:
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
        conds, params = self._conditions(**pages.filter_args, seek=True)
        conds.append(f"i.id IN ({', '.join([self._ph] * len(ids))})")
        sql = f"SELECT {self.ITEM_COLS}{self._FROM} WHERE {' AND '.join(conds)} ORDER BY i.id LIMIT {size}"
        return [self._item_json(r) for r in self._all(sql, (*params, *ids))]

    def item_row(self, pages: ItemPages, item_id: str) -> int:
        """The row of `item_id` in `pages`' list, or -1 if it does not pass its filters (now)."""
        if pages.keys is not None and item_id not in pages.keys:
            return -1
        ph = self._ph
        conds, params = self._conditions(**pages.filter_args, seek=True)
        with self.ws.engine.connect() as conn:
            if conn.exec_driver_sql(f"SELECT 1 FROM item i WHERE {' AND '.join([*conds, f'i.id = {ph}'])}",
                                    (*params, item_id)).first() is None:
                return -1
            if pages.keys is not None:
                return pages.keys.index(item_id)
            # The page: the last anchor <= item_id, by binary search with the database's own
            # comparison (the column's collation, which Python's string order need not match).
            lo, hi = 0, len(pages.anchors)
            while lo < hi:
                mid = (lo + hi) // 2
                if conn.exec_driver_sql(f"SELECT CASE WHEN CAST({ph} AS VARCHAR(600)) <= CAST({ph} AS VARCHAR(600)) "
                                        "THEN 1 ELSE 0 END", (pages.anchors[mid], item_id)).scalar():
                    lo = mid + 1
                else:
                    hi = mid
            if lo == 0:
                return -1  # before the first row: the list changed since `pages` was built
            before = conn.exec_driver_sql(
                f"SELECT count(*) FROM item i WHERE {' AND '.join([*conds, f'i.id >= {ph}', f'i.id < {ph}'])}",
                (*params, pages.anchors[lo - 1], item_id)).scalar()
        return (lo - 1) * pages.page_rows + int(before)

    def item(self, item_id: str, *, with_proof: bool = True) -> dict[str, Any]:
        r = self._one(f"SELECT {self.ITEM_COLS}{self._FROM} WHERE i.id = {self._ph}", (item_id,))
        if r is None:
            raise NotFoundError(f"there is no item {item_id!r}")
        out = self._item_json(r)
        d = self._one(f"SELECT manifest_json FROM item_detail WHERE item_id = {self._ph}", (item_id,))
        out["c2pa_manifest"] = json.loads(d[0]) if d and d[0] else None
        if with_proof and out["entry_index"] is not None:
            out["entry_proof"] = self.ledger.prove(int(out["entry_index"]))
        return out

    def thumbnail(self, item_id: str) -> bytes | None:
        """The item's greyscale JPEG thumbnail (kept in its image fingerprint), or None. Read-only;
        the review screen shows it as evidence."""
        row = self._one(f"SELECT data FROM fingerprint WHERE item_id = {self._ph} AND kind = 'image'", (item_id,))
        if row is None or row[0] is None:
            return None
        from ledger_app.matching.image import ImageFingerprint

        return ImageFingerprint.from_bytes(bytes(row[0])).thumb

    def manifest(self, name: str) -> Iterator[dict[str, Any]]:
        """The admitted items of a corpus, for a training pipeline, with the checkpoint they are under."""
        self.corpus(name)
        cp = self.ws.store.latest_checkpoint()
        ph = self._ph
        with self.ws.engine.connect() as conn:
            cur = conn.exec_driver_sql(
                "SELECT i.id, i.location, i.sha256, i.media_type, i.source_url, l.name" + self._FROM
                + f" WHERE c.name = {ph} AND i.status = 'admitted' ORDER BY i.id",
                (name,),
            )
            for r in cur:
                yield {"id": r[0], "location": r[1], "sha256": r[2], "media_type": r[3], "source_url": r[4],
                       "license": r[5], "checkpoint_size": cp.size if cp else 0}

    def stats(self) -> dict[str, Any]:
        """Counts for the dashboard: items by status and corpus, C2PA coverage, AI-generated share."""
        by_status = {s: n for s, n in self._all("SELECT status, count(*) FROM item GROUP BY status")}
        by_corpus = {}
        for name, status, n in self._all(
            "SELECT c.name, i.status, count(*) FROM item i JOIN corpus c ON c.id = i.corpus_id GROUP BY c.name, i.status"
        ):
            by_corpus.setdefault(name, {})[status] = n
        c2pa = {s: n for s, n in self._all("SELECT c2pa_state, count(*) FROM item GROUP BY c2pa_state")}
        ai = self._one("SELECT count(*) FROM item WHERE ai_generated = " + ("1" if self._ph == "?" else "true"))[0]
        total = sum(by_status.values())
        return {"total": total, "by_status": by_status, "by_corpus": by_corpus, "c2pa": c2pa, "ai_generated": ai,
                "ai_share": (ai / total) if total else 0.0}


SOURCE_KINDS = ("public", "licensed", "crawled", "user", "synthetic")


def _group_files(files: list[Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for f in files:
        out.setdefault(f.host, []).append(f)
    return out


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
        it.error = (f"{it.location} is a path of {len(it.key)} characters, more than the {limit} the ledger "
                    f"keeps for an item; it is recorded as {short!r} and not read. Shorten the file or "
                    "directory names and ingest again.")
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
