"""The purge journal: the durable record of one purge, its plan and the progress of every shard.

Why this exists apart from purge.py: the journal's format and its durability (one write and an fsync
per append, a torn last record cut on load) are what make a killed purge resumable; purge.py decides
what to record, this module only how.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from ledger_app.core.messages import QT_TRANSLATE_NOOP, corpus_refused
from ledger_app.corpus.base import ShardRewrite
from ledger_app.corpus.files import fsync_dir

JOURNAL_VERSION = 1


class PurgeJournal:
    """The durable record of one purge: its plan and the progress of every shard.

    Records are JSON objects, one a line: `{"type": "plan", ...}` first, then
    `{"type": "shard", "shard", "state": "written"|"done", "result": {...}, "targets": [...]}` and
    finally `{"type": "finished"}`. The last record for a shard is its state.
    """

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.plan: dict[str, Any] | None = None
        self.records: dict[str, dict[str, Any]] = {}
        self.finished = False
        # Shards are purged on several threads; the lock keeps appends and the records map whole.
        self._lock = threading.Lock()
        self._load()

    @classmethod
    def open(cls, path: Path | str, *, root: str, fmt: str, plan: dict[str, list[str]]) -> PurgeJournal:
        """Open the journal of this plan, creating it, or fail if it belongs to another purge."""
        journal = cls(path)
        header = {"type": "plan", "version": JOURNAL_VERSION, "root": root, "format": fmt, "plan": plan}
        if journal.plan is None:
            journal.write_plan(header)
        elif {k: journal.plan.get(k) for k in ("root", "format", "plan")} != {
                "root": root, "format": fmt, "plan": plan}:
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "The purge journal {journal} belongs to a different purge (another corpus or another plan); use a new journal path for this one."),
                                 journal=journal.path)
        return journal

    def write_plan(self, header: dict[str, Any]) -> None:
        """Start a new journal with its plan record (the first record of every journal)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._append([header])
        self.plan = header

    def _load(self) -> None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        good = 0
        for line in data.split(b"\n")[:-1]:  # the piece after the last newline is never complete
            try:
                rec = json.loads(line)
            except ValueError:
                break
            good += len(line) + 1
            if rec.get("type") == "plan":
                if rec.get("version") != JOURNAL_VERSION:
                    raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "The purge journal {journal} has version {version}, not {expected}."),
                                         journal=self.path, version=rec.get("version"), expected=JOURNAL_VERSION)
                self.plan = rec
            elif rec.get("type") == "shard":
                self.records[rec["shard"]] = rec
            elif rec.get("type") == "finished":
                self.finished = True
        if good < len(data):
            # A torn last record (power cut mid-append): cut it so the next append starts a new line.
            fd = os.open(self.path, os.O_WRONLY)
            try:
                os.ftruncate(fd, good)
                os.fsync(fd)
            finally:
                os.close(fd)

    def _append(self, records: list[dict[str, Any]]) -> None:
        blob = b"".join(json.dumps(r, sort_keys=True, separators=(",", ":")).encode() + b"\n" for r in records)
        created = not self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
        try:
            view = memoryview(blob)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_dir(self.path.parent)

    def state(self, shard: str) -> str | None:
        with self._lock:
            rec = self.records.get(shard)
        return rec["state"] if rec else None

    def result(self, shard: str) -> ShardRewrite:
        return ShardRewrite.from_json(self.records[shard]["result"])

    def targets(self, shard: str) -> list[str]:
        return list(self.records[shard].get("targets", ()))

    def mark(self, entries: list[tuple[str, str, ShardRewrite, list[str] | None]]) -> None:
        """Durably record (shard, state, result, deletion targets) for one or more shards."""
        recs = []
        for shard, state, result, targets in entries:
            rec: dict[str, Any] = {"type": "shard", "shard": shard, "state": state, "result": result.to_json()}
            if targets is not None:
                rec["targets"] = targets
            recs.append(rec)
        with self._lock:
            self._append(recs)
            for rec in recs:
                self.records[rec["shard"]] = rec

    def mark_finished(self) -> None:
        self._append([{"type": "finished"}])
        self.finished = True
