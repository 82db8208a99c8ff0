"""Same-run comparison of two or more checkouts of this project on the paths users run: what
BENCHMARKS.md's "before / after" rows for a refactor come from. Not part of `make bench` (it needs
other checkouts beside this one: `git worktree add --detach ../before REV`).

    .venv/bin/python bench/compare_commits.py launch LABEL=PATH [LABEL=PATH ...]
    .venv/bin/python bench/compare_commits.py ingest LABEL=PATH [LABEL=PATH ...]

launch: each checkout builds its own 100,000-item workspace with a 1,001-entry signed ledger
(bench_ui.build_workspace, that checkout's code), then the app is started on it (LEDGER_APP_BENCH=1,
as bench_ui does) until the dashboard shows the entry count and charts; checkouts interleaved, one
warm-up each, RUNS (7) rounds, one bare `import PySide6.QtWidgets` per round.

ingest: 2,000 painted 1600×1200 JPEG photos and 30,000 JSONL documents (~900 characters), made once
with this checkout's code; each checkout ingests each corpus into a fresh workspace through
`Services(...).corpus.ingest(workers=2)`, and appends 5 × 10,000 notes through
`LedgerService.append`; checkouts interleaved (order reversed every other round), ROUNDS (2) rounds,
best rate kept. The same Python environment (this checkout's .venv) runs every checkout.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
RUNS = int(os.environ.get("RUNS", "7"))
ROUNDS = int(os.environ.get("ROUNDS", "2"))

# Run by each checkout's own code (its sys.path first), in a fresh interpreter.
_BUILD = """
import sys
from pathlib import Path
sys.path.insert(0, "bench")
import bench_ui
print(bench_ui.build_workspace(Path(sys.argv[1]), 100_000))
"""
_ONE = """
import json, sys, time
from pathlib import Path
from ledger_app.services import Services
try:
    from ledger_app.services.workspace import Workspace
except ImportError:  # before issue #16
    from ledger_app.storage.workspace import Workspace

def main():
    kind, ws, data = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    svc = Services(Workspace(ws), passphrase=lambda c: "bench")
    svc.ledger.init("bench.example/compare")
    if kind == "appends":
        batches = [[("ledger.note", {"text": f"note {b}-{i}", "pad": "x" * 200}) for i in range(10_000)]
                   for b in range(5)]
        t = time.perf_counter()
        for b in batches:
            svc.ledger.append(b)
        print(json.dumps({"items": 50_000, "seconds": time.perf_counter() - t}))
        return
    svc.corpus.add_corpus(kind, data / kind)
    t = time.perf_counter()
    rep = svc.corpus.ingest(kind, workers=2)
    took = time.perf_counter() - t
    n = rep.items_new if hasattr(rep, "items_new") else rep["items_new"]
    print(json.dumps({"items": n, "seconds": took}))

if __name__ == "__main__":  # the ingest's worker processes import this module again
    main()
"""


def _run(tree: str, code: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-c", code, *args], cwd=tree, env={**os.environ, "PYTHONPATH": tree, **env},
                          capture_output=True, text=True, check=True)


def launch(trees: dict[str, str], tmp: Path) -> None:
    env = {"LEDGER_APP_BENCH": "1", "LEDGER_APP_NO_FIRST_RUN": "1", "XDG_CONFIG_HOME": str(tmp / "cfg"),
           "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    spaces = {}
    for label, tree in trees.items():
        spaces[label] = tmp / f"ws-{len(spaces)}"
        _run(tree, _BUILD, str(spaces[label]))

    def once(label: str) -> float:
        t = time.perf_counter()
        proc = subprocess.Popen([PY, "-c", "from ledger_app.ui.app import main; raise SystemExit(main())"],
                                cwd=trees[label], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                env={**os.environ, **env, "PYTHONPATH": trees[label],
                                     "LEDGER_WORKSPACE": str(spaces[label])})
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("shown"):
                took = time.perf_counter() - t
                proc.wait(30)
                return took
        raise SystemExit(f"{label}: the app exited ({proc.wait()}) without showing the workspace's data")

    times: dict[str, list[float]] = {label: [] for label in trees}
    qt = []
    for label in trees:
        once(label)  # warm the file cache; not counted
    for _ in range(RUNS):
        for label in trees:
            times[label].append(once(label))
        t = time.perf_counter()
        subprocess.run([PY, "-c", "import PySide6.QtWidgets"], check=True)
        qt.append(time.perf_counter() - t)
    q = statistics.median(qt)
    print("| checkout | median | min | max | × bare Qt import |\n|---|---:|---:|---:|---:|")
    for label, xs in times.items():
        print(f"| {label} | {statistics.median(xs) * 1000:,.0f} ms | {min(xs) * 1000:,.0f} ms | "
              f"{max(xs) * 1000:,.0f} ms | {statistics.median(xs) / q:.1f}× |")
    print(f"| bare `import PySide6.QtWidgets` | {q * 1000:,.0f} ms | | | |")


def _corpora(data: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_ingest

    photos = data / "photos"
    photos.mkdir(parents=True)
    paths = [str(photos / f"p{i:05d}.jpg") for i in range(2000)]
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(bench_ingest._paint, list(enumerate(paths)), chunksize=16))
    news = data / "news"
    news.mkdir()
    rng = random.Random(5)
    words = (ROOT / "README.md").read_text().split()
    k = 0
    for s in range(10):
        with open(news / f"news-{s:05d}.jsonl", "w") as f:
            for _ in range(3000):
                text = " ".join(rng.choice(words) for _ in range(130))
                f.write(json.dumps({"id": f"d{k}", "text": text, "url": f"https://news.example/{k}"}) + "\n")
                k += 1


def ingest(trees: dict[str, str], tmp: Path) -> None:
    data = tmp / "data"
    _corpora(data)
    labels = list(trees)
    best: dict[tuple[str, str], float] = {}
    for kind in ("photos", "news", "appends"):
        for r in range(ROUNDS):
            for label in labels if r % 2 == 0 else labels[::-1]:
                ws = tmp / f"ws-{kind}"
                shutil.rmtree(ws, ignore_errors=True)
                out = json.loads(_run(trees[label], _ONE, kind, str(ws), str(data)).stdout.strip().splitlines()[-1])
                rate = out["items"] / out["seconds"]
                best[kind, label] = max(best.get((kind, label), 0.0), rate)
    first = labels[0]
    print("| path | " + " | ".join(labels) + f" | ratio to {first} |\n|---|" + "---:|" * (len(labels) + 1))
    for kind in ("photos", "news", "appends"):
        rates = [best[kind, label] for label in labels]
        print(f"| {kind} | " + " | ".join(f"{x:,.0f}/s" for x in rates) + " | "
              + ", ".join(f"{x / rates[0]:.2f}×" for x in rates[1:]) + " |")


def main() -> None:
    if len(sys.argv) < 4 or sys.argv[1] not in ("launch", "ingest"):
        raise SystemExit(__doc__)
    trees = dict(a.split("=", 1) for a in sys.argv[2:])
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        (launch if sys.argv[1] == "launch" else ingest)(trees, Path(tmp))


if __name__ == "__main__":
    main()
