"""Physical removal of approved items, then the ledger's record of it, crash-safe end to end.

Two phases. (1) `corpus.run_purge` rewrites each shard without the items under a journal kept in the
workspace: killed at any moment, running the purge again finishes the same rewrite. (2) One database
transaction records the per-shard digests, marks the items purged, deletes their derived data
(fingerprints, thumbnails, manifests), adds their content hashes and perceptual signatures to the
blocklist, and appends the ledger entries. Phase 2 only runs once phase 1 is finished, and phase 1
replayed from its journal returns the same results, so a purge killed between the phases resumes to
the same end state. The journal is deleted only after phase 2 commits.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ledger_app.core.errors import UserError
from ledger_app.core.item_reasons import PURGED, item_said
from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused
from ledger_app.core.os_errors import stopped
from ledger_app.corpus import open_corpus, run_purge, stat_sig
from ledger_app.corpus.purge import crashpoint as _crashpoint
from ledger_app.engine import Engine, open_engine
from ledger_app.engine.ray_purge import run_purge_on_engine
from ledger_app.services.purge_stored import accepted_stored, record_stored_shard, stored_shard_items
from ledger_app.services.takedown_records import Purged, RequestRecord
from ledger_app.storage.repos import takedowns as repo
from ledger_app.storage.runlock import run_lock
from ledger_app.takedown.requests import Status, check_transition

Progress = Callable[[int, int], None]


def purge_request(svc, rid: int, progress: Progress | None = None,  # TakedownService
                  cancelled: Callable[[], bool] | None = None, *, engine: str | Engine = "local",
                  address: str | None = None) -> Purged:
    """Purge request `rid`'s accepted items. `engine`: where the shards are rewritten, "local" (threads
    here), "ray" (Ray tasks on the cluster at `address`, or on a local Ray instance) or an open
    `ledger_app.engine.Engine`; the journal, the records and the ledger entries are the driver's either way."""
    # One purge of a request at a time: its journal, its temporary files and the final "purged"
    # record belong to one run; a second run reads the request's status only once the first has
    # finished (and then finds it purged). Each corpus whose shards are rewritten is also held, so two
    # requests never rewrite the same shard at once. A second run stops with a sentence.
    svc.request_record(rid)  # an unknown request is reported before any lock is taken
    if engine == "local" and address is not None:
        open_engine("local", address=address)  # refuses: an address is for Ray
    # None: the local purge's threads; an engine opened here is closed here.
    runner = (open_engine(engine, address=address) if engine != "local" else None) if isinstance(engine, str) else engine
    try:
        with contextlib.ExitStack() as held:
            if runner is not None and isinstance(engine, str):
                held.callback(_close, runner)
            held.enter_context(run_lock(svc.ws, "purge", rid, f"purge of request {rid}"))
            return _purge_request(svc, rid, progress, cancelled, held, runner)
    except Exception as e:
        stop = stopped(QT_TRANSLATE_NOOP("ServiceMessage", "The purge of request {rid} stopped: {problem}"), e,
                       database=svc.ws.database_label, rid=rid)
        if stop is None or isinstance(e, UserError):
            raise
        # The journal keeps what was done: a re-run once the problem is fixed finishes the purge.
        raise stop from e


def _close(engine: Engine) -> None:
    """Stop an engine this purge opened; one that never started (Ray not installed, say) has nothing
    to stop, and its own error is the one to report."""
    with contextlib.suppress(ImportError):
        engine.close()


def _purge_request(svc, rid: int, progress: Progress | None, cancelled: Callable[[], bool] | None,
                   held: contextlib.ExitStack, engine: Engine | None) -> Purged:
    req = svc.request_record(rid)
    if req.status == Status.PURGED.value:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} is already purged"), rid=rid)
    check_transition(req.status, Status.PURGED)
    with svc.ws.engine.connect() as conn:
        db_rows = repo.accepted_items(conn, rid)
    stored = accepted_stored(svc, rid, db_rows)  # items of the fingerprint store (some also database items)
    rows = [(r, False) for r in db_rows] + [(r, True) for r in stored]
    if not rows:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid} has no accepted matches; nothing to purge"), rid=rid)
    by_corpus: dict[int, dict[str, Any]] = {}
    for r, in_store in rows:
        if r.status == "purged":
            continue  # already removed by an earlier request
        c = by_corpus.setdefault(r.corpus_id, {"path": r.corpus_path, "format": r.corpus_format, "name": r.corpus_name,
                                               "plan": {}, "items": {}, "stored": set(), "db": set()})
        c["plan"].setdefault(r.shard, set()).add(r.key)
        c["items"][(r.shard, r.key)] = (r.id, r.sha256)
        c["stored" if in_store else "db"].add((r.shard, r.key))
    from ledger_app.services.cases import CaseService
    from ledger_app.services.legal import LegalService, retain_copies

    LegalService(CaseService(svc)).check_before_purge(rid)
    svc.ledger.unlock()
    for cid in sorted(by_corpus):
        held.enter_context(run_lock(svc.ws, "shards", cid, f"purge of the corpus {by_corpus[cid]['path']}"))
    svc.ws.journal_dir.mkdir(parents=True, exist_ok=True)
    if req.type == "dmca" and svc.ws.settings.get("legal.retain_purged_dmca"):
        # The copy a successful counter-notice restores from (17 U.S.C. 512(g)(2)(C)); kept before any
        # shard is rewritten, and idempotent, so a resumed purge keeps the copies of the first attempt.
        retain_copies(svc, rid, by_corpus)
    total = sum(len(c["plan"]) for c in by_corpus.values())
    done = 0
    results: dict[int, list] = {}
    journals = []
    for cid, c in sorted(by_corpus.items()):
        adapter = open_corpus(Path(c["path"]), c["format"])
        journal = svc.ws.journal_dir / f"purge-r{rid}-c{cid}.json"
        if not journal.exists():
            # A resumed purge has already rewritten some shards; a fresh one first proves that every
            # shard it will rewrite still holds exactly what the ledger recorded.
            check_shards_unchanged(svc, cid, adapter, sorted(c["plan"]))
    for cid, c in sorted(by_corpus.items()):
        adapter = open_corpus(Path(c["path"]), c["format"])
        journal = svc.ws.journal_dir / f"purge-r{rid}-c{cid}.json"
        journals.append(journal)

        def shard_progress(i: int, n: int, shard: str, base=done) -> None:
            if progress:
                progress(base + i, total)

        plan = {s: sorted(k) for s, k in c["plan"].items()}
        if engine is None:
            results[cid] = run_purge(adapter, plan, journal, progress=shard_progress)
        else:
            results[cid] = run_purge_on_engine(engine, adapter, plan, journal, progress=shard_progress)
        done += len(c["plan"])
        if cancelled and cancelled() and cid != max(by_corpus):
            # Shards already rewritten stay journaled; the next `takedown purge` finishes the job.
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "purge of request {rid} paused after {done} of {total} shards; run it again to finish"), rid=rid, done=done, total=total)
    _crashpoint("files-purged")
    summary = _record(svc, rid, req, by_corpus, results)
    _crashpoint("recorded")
    for j in journals:
        try:
            os.unlink(j)
        except FileNotFoundError:
            pass
    return summary


def check_shards_unchanged(svc, cid: int, adapter, shards: list[str]) -> None:
    """Refuse to purge a shard whose records differ from those the ledger holds for it.

    A record appended to a shard after its ingest (or one changed or removed) would otherwise pass
    through the rewrite unrecorded, and the purge would store the new shard digest as if the ledger
    covered it. Every record of each shard is read and hashed as ingest hashes it and compared with the
    item rows; on any difference nothing is purged, the shard is marked for re-reading so that the next
    `ledger ingest` records it, and the error says what to run.
    """
    import hashlib

    with svc.ws.engine.connect() as conn:
        name = repo.corpus_name(conn, cid)
    for shard in shards:
        with svc.ws.engine.connect() as conn:
            recorded = repo.shard_items(conn, cid, shard)
        recorded.update(stored_shard_items(svc, str(name), shard))
        added, changed = [], []
        seen = set()
        for raw in adapter.iter_items(shard):
            seen.add(raw.key)
            if raw.key not in recorded:
                added.append(raw.key)
            elif raw.data is not None and recorded[raw.key] and hashlib.sha256(raw.data).hexdigest() != recorded[raw.key]:
                changed.append(raw.key)
        gone = sorted(set(recorded) - seen)
        if not (added or changed or gone):
            continue
        with svc.ws.store.write_transaction() as conn:
            repo.forget_ingested_shard(conn, cid, shard)
        parts = []
        for what, keys in (("not in the ledger", added), ("changed", changed), ("missing", gone)):
            if keys:
                shown = ", ".join(k.split("#", 1)[-1] for k in keys[:3]) + (" …" if len(keys) > 3 else "")
                parts.append(f"{len(keys)} record{'s' if len(keys) != 1 else ''} {what} ({shown})")
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "shard {shard} of corpus {name} changed since it was ingested: {changes}. Nothing was purged; run `ledger ingest {name}` to record the shard as it is now, then purge again"), shard=shard, name=name, changes='; '.join(parts))


def _record(svc, rid: int, req: RequestRecord, by_corpus: dict[int, dict[str, Any]], results: dict[int, list]) -> Purged:
    now = time.time()
    purged_items: list[dict[str, Any]] = []
    shards_out: list[dict[str, Any]] = []
    with svc.ws.store.write_transaction() as conn:
        entries = []
        for cid, rewrites in results.items():
            c = by_corpus[cid]
            for rw in rewrites:
                in_store = {k: c["items"][(rw.shard, k)][0] for k in rw.removed_keys if (rw.shard, k) in c["stored"]}
                keys = [k for k in rw.removed_keys if (rw.shard, k) in c["db"]]  # some also in the store
                item_ids = [c["items"][(rw.shard, k)][0] for k in keys]
                only_stored = sorted(set(in_store.values()) - set(item_ids))
                repo.insert_purge_record(conn, request_id=rid, corpus_id=cid, shard=rw.shard,
                                         sha256_before=rw.sha256_before, sha256_after=rw.sha256_after,
                                         items_json=json.dumps(item_ids + only_stored), done_at=now)
                shards_out.append({"corpus": c["name"], "path": rw.shard, "sha256_before": rw.sha256_before,
                                   "sha256_after": rw.sha256_after})
                for k, item_id in zip(keys, item_ids, strict=True):
                    sha = c["items"][(rw.shard, k)][1]
                    fp = repo.item_fingerprint(conn, item_id)
                    repo.insert_block(conn, sha256=sha, kind=fp[0] if fp else None, fingerprint=fp[1] if fp else None,
                                      request_id=rid, created_at=now)
                    repo.drop_derived(conn, item_id)
                    # The purged item's position key is freed for the records that moved up.
                    repo.mark_purged(conn, item_id, reason=item_said(PURGED, request=rid).to_stored(), now=now,
                                     key=f"{k}@purged-r{rid}")
                    purged_items.append({"item": item_id, "sha256": sha, "corpus": c["name"], "shard": rw.shard})
                    entries.append(("item.status", {"item": item_id, "status": "purged", "request": rid}))
                _apply_moves(conn, cid, rw.moved_keys)
                if in_store:
                    items, more = record_stored_shard(svc, conn, rid, c["name"], rw, now, in_store,
                                                      frozenset(item_ids))
                    purged_items += items
                    entries += more
                repo.set_shard_sig(conn, cid, rw.shard, stat_sig(Path(c["path"]), rw.shard))
        entries.append(("takedown.purged", {"request": rid, "items": purged_items, "shards": shards_out}))
        entries.append(svc.set_status(conn, rid, req.status, Status.PURGED, extra={"items": len(purged_items)}))
        res = svc.ledger.append(entries, conn=conn)
        _crashpoint("before-commit")
    svc.ledger.after_external_commit(res)
    from ledger_app.takedown.locate import FingerprintIndexes

    FingerprintIndexes.catch_up_cached(svc.ws.engine)  # drops the purged items from the in-memory indexes
    return Purged(rid, len(purged_items), shards_out)


def _apply_moves(conn, cid: int, moved: dict[str, str]) -> None:
    """Position-keyed records (line=N, row=N) that moved up keep their item ID; their key follows."""
    if not moved:
        return
    for old in moved:
        repo.rekey_item(conn, cid, old, f"{old}@moving")
    for old, new in moved.items():
        member = new.split("#", 1)[1] if "#" in new else None
        repo.rekey_item(conn, cid, f"{old}@moving", new, member=member, location=new)

