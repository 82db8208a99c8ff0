"""The Ray engine against the local process pool (issue #20): the same 2,000 photos ingested by each.

Run: .venv/bin/python bench/bench_ray.py [--quick]
The photos are painted as bench_ingest.py paints them (1600x1200 JPEG). Each engine ingests them into a
workspace of its own with as many workers as cores: the local pool (its start included), then Ray on a
local instance twice, once with the instance's start-up inside the timing (what `ledger ingest --engine
ray` costs a user) and once on an instance already running (the rate a cluster keeps). Goal: the Ray
rate >= 0.8x the local rate.
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
    out += ["", "Both engines run the same `ingest/worker.process_unit` over the same units and the same driver "
            "commits the results; the difference is the engine's start-up and its per-unit transport (Ray: each "
            "unit a task, its results through the object store)."]
    print("\n".join(out))


if __name__ == "__main__":
    main()
