"""The Ray engine against the local process pool (issue #20): the same 2,000 photos ingested by each.

Run: .venv/bin/python bench/bench_ray.py [--quick]
The photos are painted as bench_ingest.py paints them (1600x1200 JPEG). Each engine ingests them into a
workspace of its own with as many workers as cores: the local pool (its start included), then Ray on a
local instance twice, once with the instance's start-up inside the timing (what `ledger ingest --engine
ray` costs a user) and once on an instance already running (the rate a cluster keeps). Goal: the Ray
rate >= 0.8x the local rate. Then the start-up alone, three times each, alternated, in the same run: the engine's lean start
(`RayEngine.connect`, engine/ray.py) and `ray.init` with the options the engine used before it (every
process Ray starts for a dashboard-less local instance), each until the instance accepts tasks.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CMD = "make bench  (.venv/bin/python bench/bench_ray.py)"


def paint(args: tuple[int, str]) -> None:
    """One photo as bench_ingest.py paints it."""
    from ledger_app.services.demo.scenes import jpeg_bytes, scene

    seed, path = args
    Path(path).write_bytes(jpeg_bytes(scene(seed, (1600, 1200)), 90))


def _ingest(d: Path, name: str, photos: Path, workers: int, engine) -> tuple[float, object]:
    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace

    svc = Services(Workspace(d / name), passphrase=lambda c: "bench")
    svc.ledger.init(f"bench.example/{name}")
    svc.corpus.add_corpus("photos", photos)
    t = time.perf_counter()
    rep = svc.corpus.ingester.ingest("photos", workers=workers, engine=engine)
    return time.perf_counter() - t, rep


def plain_start_seconds(workers: int) -> float:
    """`ray.init` as the engine called it before its lean start: a new local instance with Ray's own
    set of processes (no dashboard UI), until a task has run."""
    import logging

    import ray

    from ledger_app.engine.ray import LOCAL_OBJECT_STORE, LOOPBACK

    t = time.perf_counter()
    ray.init(address="local", num_cpus=workers, include_dashboard=False, log_to_driver=False,
             logging_level=logging.WARNING, object_store_memory=LOCAL_OBJECT_STORE, _node_ip_address=LOOPBACK)
    ray.get(ray.remote(abs_task).remote(-1))
    secs = time.perf_counter() - t
    ray.shutdown()
    return secs


def abs_task(x: int) -> int:
    return abs(x)


def lean_start_seconds(workers: int) -> float:
    """The engine's start of a local instance, until a task has run."""
    from ledger_app.engine.ray import RayEngine

    engine = RayEngine(workers=workers)
    t = time.perf_counter()
    try:
        assert list(engine.map(abs_task, [-1])) == [1]
        return time.perf_counter() - t
    finally:
        engine.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    n = 300 if args.quick else 2000
    workers = os.cpu_count() or 1
    import ray

    from ledger_app.engine.ray import RayEngine

    out = ["## Ray engine", "", f"Command: `{CMD}`", "",
           "| what | measured | same-run reference | ratio / goal |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        d = Path(tmp)
        photos = d / "photos"
        photos.mkdir()
        paths = [str(photos / f"p{i:05d}.jpg") for i in range(n)]
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(paint, [(i, p) for i, p in enumerate(paths)], chunksize=16))
        local_s, rep = _ingest(d, "local", photos, workers, "local")
        assert rep.items_new == n, rep.to_json()
        ray_cold_s, rep = _ingest(d, "ray-cold", photos, workers, "ray")
        assert rep.items_new == n, rep.to_json()
        assert not ray.is_initialized()
        engine = RayEngine(workers=workers)
        t = time.perf_counter()
        engine.connect()
        start_s = time.perf_counter() - t
        try:
            ray_warm_s, rep = _ingest(d, "ray-warm", photos, workers, engine)
        finally:
            engine.close()
        assert rep.items_new == n, rep.to_json()
    load_runs = os.getloadavg()[0]
    # Alternated, three of each (one start-up is a noisy sample on a shared machine): the medians.
    leans, plains = [], []
    for _ in range(3):
        leans.append(lean_start_seconds(workers))
        plains.append(plain_start_seconds(workers))
    lean_s, plain_s = sorted(leans)[1], sorted(plains)[1]
    load_start = os.getloadavg()[0]
    local_rate = n / local_s
    for label, secs in ((f"`--engine ray`, a local Ray instance started by the command ({workers} CPUs)", ray_cold_s),
                        (f"`--engine ray` on a Ray instance already running ({workers} CPUs)", ray_warm_s)):
        ratio = (n / secs) / local_rate
        out.append(f"| {label}: {n:,} photos | **{n / secs:,.0f} photos/s** ({secs:.1f} s) | the local pool, "
                   f"{workers} processes, its start included: {local_rate:,.0f} photos/s ({local_s:.1f} s) | "
                   f"**{ratio:.2f}×** (goal ≥ 0.8×{'' if ratio >= 0.8 else ': not met'}) |")
    out.append(f"| of the first: a local Ray instance's start-up alone (`RayEngine.connect`, ray.init until it "
               f"accepts tasks; measured before the second) | {start_s:.1f} s | | {start_s / ray_cold_s:.0%} of the "
               "first run's time |")
    out.append(f"| a local Ray instance's start-up until its first task has run: the engine's lean start "
               f"(no API server, autoscaler monitor or log monitor), median of 3 | {lean_s:.1f} s "
               f"({', '.join(f'{x:.1f}' for x in leans)}) | `ray.init` with the engine's former options, same "
               f"run, alternated, median of 3: {plain_s:.1f} s ({', '.join(f'{x:.1f}' for x in plains)}) | "
               f"{lean_s / plain_s:.2f}× |")
    out += ["", f"Load average (1 min) after the ingests: {load_runs:.1f}; after the start-ups: {load_start:.1f}."]
    out += ["", "Both engines run the same `ingest/worker.process_unit` over the same units and the same driver "
            "commits the results; the difference is the engine's start-up and its per-unit transport (Ray: each "
            "unit a task, its results through the object store). The command starts its local instance in a "
            "thread while the driver lists the corpus and plans its units, and the workers import what the "
            "units need meanwhile (the local pool's fork server does the same)."]
    print("\n".join(out))


if __name__ == "__main__":
    main()
