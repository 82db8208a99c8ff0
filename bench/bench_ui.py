"""Launch-to-visible-window time of `ledger-app`, against the cost of importing Qt alone.

Each run starts a fresh interpreter. The app is started with LEDGER_APP_BENCH=1, which makes it
print once the event loop has shown the main window and quit. The reference is
`python -c "import PySide6.QtWidgets"` in the same environment and run. Prints Markdown.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_UI_RUNS", "7"))


def launch_to_visible(env: dict[str, str]) -> float:
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from ledger_app.ui.app import main; raise SystemExit(main())"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("visible"):
            elapsed = time.perf_counter() - t
            if not line.split()[2] == "1":
                raise SystemExit("the window was not visible")
            proc.wait(30)
            return elapsed
    raise SystemExit(f"ledger-app exited ({proc.wait()}) without showing its window")


def import_qt(env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import PySide6.QtWidgets"], check=True, env=env)
    return time.perf_counter() - t


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LEDGER_APP_BENCH="1", XDG_CONFIG_HOME=tmp, LEDGER_WORKSPACE=os.path.join(tmp, "ws"))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        launch_to_visible(env)  # warm the file cache once; not counted
        app = [launch_to_visible(env) for _ in range(RUNS)]
        qt = [import_qt(env) for _ in range(RUNS)]
    print(f"## UI start-up ({RUNS} runs, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']})\n")
    print("Command: `make bench  (.venv/bin/python bench/bench_ui.py)`\n")
    print("| measurement | median | min | max |")
    print("|---|---|---|---|")
    for name, xs in (("launch → visible main window", app), ('`python -c "import PySide6.QtWidgets"`', qt)):
        print(f"| {name} | {statistics.median(xs) * 1000:.0f} ms | {min(xs) * 1000:.0f} ms | {max(xs) * 1000:.0f} ms |")
    med = statistics.median(app)
    print(f"\nTarget: under 1500 ms — {'met' if med < 1.5 else 'NOT met'} "
          f"({med / statistics.median(qt):.1f}× the bare Qt import).")


if __name__ == "__main__":
    main()
