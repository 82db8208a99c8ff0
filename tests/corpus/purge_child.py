"""Run one purge in a child process; with `crash_at` = k, SIGKILL itself at the k-th crash point.

Used by the crash tests, forked (`run(args)`) or as a script: `python purge_child.py '{"root": ...,
"format": ..., "plan": ..., "journal": ..., "crash_at": k}'` prints the purge's results and the crash
points it passed, as JSON.
"""

from __future__ import annotations

import json
import os
import signal
import sys

from ledger_app.corpus import open_corpus, purge


def run(args: dict) -> dict:
    crash_at = int(args.get("crash_at", 0))
    labels: list[str] = []

    def hook(label: str) -> None:
        labels.append(label)
        if len(labels) == crash_at:
            os.kill(os.getpid(), signal.SIGKILL)

    purge.crash_hook = hook
    adapter = open_corpus(args["root"], args["format"])
    results = purge.run_purge(adapter, {s: set(k) for s, k in args["plan"].items()}, args["journal"])
    return {"results": [r.to_json() for r in results], "labels": labels}


if __name__ == "__main__":
    print(json.dumps(run(json.loads(sys.argv[1]))))
