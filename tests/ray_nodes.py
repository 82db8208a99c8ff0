"""What the simulated two-node Ray cluster tests share: a cluster of two one-CPU nodes, and an engine
that records which node ran each unit (issue #20: the units must spread over both nodes).

Ray's workers import `record_node` and the naming functions from here, so the cluster's PYTHONPATH
holds the repository."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import ray

from ledger_app.engine.ray import RayEngine

REPO = Path(__file__).resolve().parents[1]
_NODE_MEMORY = 96 * 1024 * 1024
BARRIER_SECONDS = 60.0


def ingest_unit_name(unit: Any) -> str:
    """An ingest unit's file name: its first shard."""
    return unit.shards[0].replace("/", "_")


def sweep_task_name(task: Any) -> str:
    """A sweep task's file name: the store file it sweeps (one file per task)."""
    return Path(task.file).name


def record_node(folder: str, name_of: Callable[[Any], str], fn: Callable[[Any], Any], unit: Any) -> Any:
    """Record the unit's node, then hold the node's one CPU until two units have started (at most
    BARRIER_SECONDS): otherwise a unit that ends quickly hands its worker to the next unit on the same
    node (Ray reuses a leased worker), and whether both nodes are used depends on timing."""
    Path(folder, name_of(unit)).write_text(ray.get_runtime_context().get_node_id())
    deadline = time.monotonic() + BARRIER_SECONDS
    while len(os.listdir(folder)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    return fn(unit)


class NodeRecording(RayEngine):
    """A Ray engine that writes, for each unit, the id of the node that ran it into `folder`."""

    def __init__(self, folder: Path, name_of: Callable[[Any], str], **kw: Any) -> None:
        super().__init__(**kw)
        folder.mkdir()
        self.folder = str(folder)
        self.name_of = name_of

    def map(self, fn, units):
        return super().map(partial(record_node, self.folder, self.name_of, fn), units)


@contextmanager
def two_node_cluster(monkeypatch: Any) -> Iterator[Any]:
    """Two simulated nodes of one CPU each. Their workers import this repository from PYTHONPATH; the
    token is this test's (nothing written under ~/.ray)."""
    from ray.cluster_utils import Cluster

    if ray.is_initialized():
        ray.shutdown()
    path = os.environ.get("PYTHONPATH")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(REPO), path) if p))
    if not any(k in os.environ for k in ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")):
        monkeypatch.setenv("RAY_AUTH_TOKEN", os.urandom(32).hex())
    c = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False,
                                                      "object_store_memory": _NODE_MEMORY})
    try:
        c.add_node(num_cpus=1, object_store_memory=_NODE_MEMORY)
        c.wait_for_nodes()
        yield c
    finally:
        if ray.is_initialized():
            ray.shutdown()
        c.shutdown()
