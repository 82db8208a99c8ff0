"""Where the per-unit work of an ingest or a locate runs: the local process pool (the default) or a Ray
cluster (issue #20).

An engine maps one top-level function over a list of work units and yields the results in the units'
order; the caller (a service) commits each result itself, in that order, exactly as it would with
the other engine. The engines never touch the database or the ledger: a unit whose worker dies is
simply computed again (by Ray's task retries, or by re-running the command), and only the driver
writes.

    open_engine("local", workers=4)            # ProcessPoolExecutor, or this process for one worker
    open_engine("ray")                         # a local Ray instance, starting from here (in the
                                               # background, see engine/ray.py) and stopped on close()
    open_engine("ray", address="10.0.0.5:6379")  # an existing Ray cluster
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from ledger_app.core.errors import UserError

T = TypeVar("T")
R = TypeVar("R")

ENGINES = ("local", "ray")


class Engine(Protocol):
    """Runs `fn` over units; results come back in the units' order."""

    name: str
    workers: int  # how many units it computes at once (after `map` has started)

    def map(self, fn: Callable[[Any], Any], units: Sequence[Any]) -> Iterator[Any]: ...

    def stop(self) -> None:
        """End the work of the last `map` (results not yet taken are dropped); the engine stays usable."""

    def close(self) -> None:
        """Stop, and release what the engine opened (a pool, a local Ray instance)."""


def open_engine(name: str = "local", *, address: str | None = None, workers: int | None = None,
                preload: Iterable[str] = ()) -> Engine:
    """The engine called `name`. `address` is for Ray only (none: a local Ray instance)."""
    if name == "local":
        if address is not None:
            raise UserError("--address is for --engine ray; the local engine runs on this machine")
        from ledger_app.engine.local import LocalEngine

        return LocalEngine(workers, preload=tuple(preload))
    if name == "ray":
        from ledger_app.engine.ray import RayEngine, check_address

        if address is not None:
            check_address(address)
        engine = RayEngine(address=address, workers=workers, preload=tuple(preload))
        engine.start()  # a local instance comes up while the caller prepares its units
        return engine
    raise UserError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")
