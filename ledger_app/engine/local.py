"""The local engine: a process pool on this machine whose processes die with the command
(`ingest/lifeline.py`), or this process alone when there is one worker or one unit."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ledger_app.ingest import lifeline


class LocalEngine:
    name = "local"

    def __init__(self, workers: int | None = None, *, preload: tuple[str, ...] = ()):
        self.max_workers = workers or os.cpu_count() or 1
        self.preload = preload
        self.workers = 0
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable[[Any], Any], units: Sequence[Any]) -> Iterator[Any]:
        if self.max_workers > 1 and len(units) > 1:
            from ledger_app.provenance.c2pa_loader import worker_process_context

            # Not fork: c2pa's native threads do not survive it (see provenance/c2pa_loader.py).
            # Every pool process (the fork server and each worker) exits when this process does, even
            # when it is killed and cannot shut the pool down (ingest/lifeline.py).
            command = lifeline.mark_command()
            self._pool = ProcessPoolExecutor(max_workers=self.max_workers,
                                             mp_context=worker_process_context(self.preload),
                                             initializer=lifeline.watch, initargs=(command,))
            self.workers = min(self.max_workers, len(units))
            return self._pool.map(fn, units)
        self.workers = 1
        return map(fn, units)

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        self.stop()
