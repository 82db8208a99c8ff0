"""The purge's shard rewrites on an engine (issue #20): `ledger takedown purge N --engine ray`.

The expensive step of a purge, reading a shard, hashing it and writing it again without the claimed
items (`corpus.purge.write_shard_tmp`), runs as one engine unit per shard: on Ray, a task on any node
that mounts the corpus. Everything that decides, records or replaces stays with the driver, in the
order the local purge keeps (`corpus/purge.py`): the journal's `written` record is made durable before
the driver renames the temporary file over the shard, and the renames' directory fsyncs before their
`done` records. So the journal has one writer, and a purge killed anywhere, on the driver or on a
worker, resumes from it exactly as the local one does.

A worker only ever writes the shard's temporary file, and starts by removing a stale one: a worker
killed mid-write has its unit run again by Ray (`max_retries`), which writes the same bytes again
(rewrites are deterministic); nothing is recorded or renamed for a shard until its unit's result
reaches the driver, once. A unit that fails for good stops the purge with the shards finished so far
journaled, and the next run continues from there.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger_app.corpus.base import ShardAdapter, ShardRewrite
from ledger_app.corpus.journal import PurgeJournal
from ledger_app.corpus.purge import (
    Installed,
    complete_installed,
    discard_tmp,
    finish_shard,
    prepare_shard,
    run_purge,
    write_shard_tmp,
)


@dataclass(frozen=True)
class ShardUnit:
    """One shard to rewrite: the corpus's adapter (pickled to the worker), the shard, the members to drop."""

    adapter: ShardAdapter
    shard: str
    members: tuple[str, ...]


def rewrite_unit(unit: ShardUnit) -> ShardRewrite:
    """The unit of work: the shard written to its temporary file without `members`, fsynced."""
    return write_shard_tmp(unit.adapter, unit.shard, set(unit.members))


def rewrite_on_engine(engine: Any, adapter: ShardAdapter, plan: dict[str, list[str]], journal: PurgeJournal, *,
                      strict: bool, progress: Callable[[int, int, str], None] | None) -> None:
    """`run_purge`'s rewrite step with the temporary files written by `engine` (see the module doc)."""
    units: list[ShardUnit] = []
    done = 0
    for shard, keys in plan.items():
        if prepare_shard(adapter, shard, set(keys), journal) is None:
            units.append(ShardUnit(adapter, shard, tuple(sorted(adapter.members_of(shard, keys)))))
        else:
            done += 1
            if progress is not None:
                progress(done, len(plan), shard)
    installed: Installed = []
    finished: set[str] = set()
    try:
        for unit, result in zip(units, engine.map(rewrite_unit, units), strict=True):
            finish_shard(adapter, unit.shard, set(plan[unit.shard]), journal, result, strict=strict,
                         installed=installed)
            finished.add(unit.shard)
            done += 1
            if progress is not None:
                progress(done, len(plan), unit.shard)
    except BaseException:
        with contextlib.suppress(ImportError):  # an engine that never started (no Ray here) has none
            engine.stop()  # no new unit starts; those under way are cancelled
        for unit in units:  # temporary files of units not recorded (the next run would drop them too)
            if unit.shard not in finished and journal.state(unit.shard) is None:
                discard_tmp(adapter, unit.shard)
        raise
    finally:
        complete_installed(adapter, journal, installed)


def run_purge_on_engine(engine: Any, adapter: ShardAdapter, plan: Mapping[str, Iterable[str]],
                        journal_path: Path | str, *, strict: bool = True,
                        progress: Callable[[int, int, str], None] | None = None) -> list[ShardRewrite]:
    """`corpus.run_purge` with the shard rewrites on `engine` (an open `ledger_app.engine.Engine`):
    the same plan, journal, results and bytes; resumable from the same journal by either."""
    # A folder corpus deletes files instead of rewriting them: run_purge does that itself, here.
    def rewrite(adapter: ShardAdapter, plan: dict[str, list[str]], journal: PurgeJournal, *, strict: bool,
                progress: Callable[[int, int, str], None] | None, workers: int) -> None:
        rewrite_on_engine(engine, adapter, plan, journal, strict=strict, progress=progress)

    return run_purge(adapter, plan, journal_path, strict=strict, progress=progress, rewrite=rewrite)
