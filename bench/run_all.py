"""Run every benchmark script in bench/ and write BENCHMARKS.md (figures with their commands).

Each `bench/bench_*.py` prints a Markdown section to stdout. A failing benchmark is reported in the
file rather than silently dropped.
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ORDER = ["bench_ledger", "bench_store", "bench_ingest", "bench_ray", "bench_c2pa", "bench_matching", "bench_text", "bench_purge", "bench_signing", "bench_team", "bench_ui"]


def main() -> int:
    only = set(sys.argv[1:])
    scripts = sorted(ROOT.glob("bench/bench_*.py"), key=lambda p: (ORDER.index(p.stem) if p.stem in ORDER else 99, p.stem))
    sections = []
    failed = 0
    for script in scripts:
        if only and script.stem not in only:
            continue
        print(f"running {script.name} …", file=sys.stderr, flush=True)
        t = time.perf_counter()
        res = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True)
        took = time.perf_counter() - t
        if res.returncode == 0:
            body = res.stdout.strip()
            if not body.startswith("#"):
                body = f"## {script.stem.removeprefix('bench_').title()}\n\nCommand: `make bench  (.venv/bin/python bench/{script.name})`\n\n```\n{body}\n```"
            sections.append(body + f"\n\n_{script.name} ran in {took:.0f} s._\n")
        else:
            failed += 1
            sections.append(f"## {script.stem}\n\nFAILED (exit {res.returncode}):\n\n```\n{res.stderr[-3000:]}\n```\n")
    head = [
        "# Benchmarks",
        "",
        f"Written by `make bench` on {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}: "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}.",
        "Each figure comes with the command that produced it and, where the issue names one, a reference measured "
        "in the same run (ratios hold on a noisy machine; absolute times do not).",
        "",
    ]
    if only and (ROOT / "BENCHMARKS.md").exists():
        print("\n\n".join(sections))
        return 1 if failed else 0
    (ROOT / "BENCHMARKS.md").write_text("\n".join(head) + "\n" + "\n\n".join(sections))
    print(f"wrote BENCHMARKS.md ({len(sections)} sections, {failed} failed)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
