"""Run one purge with its shard rewrites on a running Ray instance (issue #20), in a fresh interpreter;
with `crash_at` = k, SIGKILL itself at the k-th crash point of the driver.

    python purge_ray_child.py '{"root", "format", "plan", "journal", "address", "crash_at"}'

prints the purge's results and the crash points it passed, as JSON.
"""

from __future__ import annotations

import json
import os
import signal
import sys

from ledger_app.corpus import open_corpus, purge
from ledger_app.engine.ray import RayEngine
from ledger_app.engine.ray_purge import run_purge_on_engine


def run(args: dict) -> dict:
    crash_at = int(args.get("crash_at", 0))
    labels: list[str] = []

    def hook(label: str) -> None:
        labels.append(label)
        if len(labels) == crash_at:
            os.kill(os.getpid(), signal.SIGKILL)

    purge.crash_hook = hook
    adapter = open_corpus(args["root"], args["format"])
    engine = RayEngine(address=args["address"])
    try:
        results = run_purge_on_engine(engine, adapter, {s: set(k) for s, k in args["plan"].items()},
                                      args["journal"])
    finally:
        engine.close()
    return {"results": [r.to_json() for r in results], "labels": labels}


if __name__ == "__main__":
    print(json.dumps(run(json.loads(sys.argv[1]))))
