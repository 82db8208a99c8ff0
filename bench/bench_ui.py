"""Launch time of `ledger-app` until its window shows an opened workspace's data, against the cost
of importing Qt alone; and the items table over a million rows, keyed pages against the OFFSET query.

Each start-up run starts a fresh interpreter on a real workspace (LAUNCH_ITEMS item rows, a signed
ledger of about a thousand entries). The app is started with LEDGER_APP_BENCH=1: it opens the
workspace as a user's start does, and prints once the dashboard shows that workspace's entry count
and its item charts (read in the background), then quits. The reference is
`python -c "import PySide6.QtWidgets"` in the same environment and run.

The items section builds a 1,000,000-row SQLite workspace (tests/ui/bulk_items.py) and reads its
last row cold (a new engine and a new ItemsModel, which must first index the list), against the
OFFSET query the model used before for that page, in the same run. Prints Markdown.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

QUICK = os.environ.get("LEDGER_BENCH_QUICK") == "1"
RUNS = int(os.environ.get("BENCH_UI_RUNS", "2" if QUICK else "7"))
ITEMS = 20_000 if QUICK else 1_000_000
LAUNCH_ITEMS = 10_000 if QUICK else 100_000


def build_workspace(path: Path, items: int) -> int:
    """A workspace with `items` item rows and a signed ledger; returns its number of entries."""
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace
    from tests.ui.bulk_items import build_bulk_items

    build_bulk_items(path, items)
    svc = LedgerService(Workspace(path), passphrase=lambda confirm: "bench passphrase")
    svc.init("bench.example/ui-launch")
    for start in range(0, 1000, 250):
        svc.append([("ledger.note", {"text": f"note {i}"}) for i in range(start, start + 250)])
    size = svc.ws.store.size()
    svc.ws.dispose()
    return size


def launch_to_shown(env: dict[str, str], entries: int) -> float:
    """Seconds from starting the process until its window shows the workspace's entry count and charts."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", "from ledger_app.ui.app import main; raise SystemExit(main())"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("shown"):
            elapsed = time.perf_counter() - t
            if int(line.split()[2]) != entries:
                raise SystemExit(f"the window showed {line.split()[2]} entries, not the workspace's {entries}")
            proc.wait(30)
            return elapsed
    raise SystemExit(f"ledger-app exited ({proc.wait()}) without showing the workspace's data")


def import_qt(env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import PySide6.QtWidgets"], check=True, env=env)
    return time.perf_counter() - t


def _ms(xs: list[float]) -> str:
    return f"{statistics.median(xs) * 1000:,.1f} ms | {min(xs) * 1000:,.1f} ms | {max(xs) * 1000:,.1f} ms"


def items_paging() -> None:
    """Row 999,999 of the items table: keyed pages (a new model indexes, then reads one page) against
    the OFFSET query of that page, each on a fresh engine (SQLite's page cache empty, the OS file
    cache warm from the build)."""
    from PySide6.QtCore import QCoreApplication

    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace
    from ledger_app.ui import metrics
    from ledger_app.ui.models.items import INDEX_IN_BACKGROUND_ABOVE, ItemsModel
    from tests.ui.bulk_items import build_bulk_items

    app = QCoreApplication.instance() or QCoreApplication([])  # noqa: F841 - models want an application
    page = metrics.TABLE_PAGE_ROWS
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        path = Path(tmp) / "ws"
        t = time.perf_counter()
        build_bulk_items(path, ITEMS)
        build = time.perf_counter() - t

        def fresh():  # a CorpusService on a new engine, its migrations already checked
            services = Services(Workspace(path))
            services.corpus.count_items(status="refused")
            return services.corpus

        rows = []
        for label, filters in (("all items", {}), ("status = quarantined", {"status": "quarantined"}),
                               ('search "99"', {"search": "99"})):
            keyed, seek, offset, old_model = [], [], [], []
            count = 0
            for _ in range(RUNS):
                svc = fresh()
                t = time.perf_counter()
                model = ItemsModel(None)
                model.set_filters(**filters)  # no source yet: nothing is read
                model.set_source(svc)  # one index: the count and the page anchors
                count = model.rowCount()
                last = model.index(count - 1, 0).data()
                keyed.append(time.perf_counter() - t)
                assert model.page_reads == 1
                t = time.perf_counter()
                again = svc.items_page(model._pages, (count - 1) // page)[-1].id
                seek.append(time.perf_counter() - t)
                svc.ws.dispose()
                svc = fresh()
                t = time.perf_counter()
                old = svc.items(limit=page, offset=(count - 1) // page * page, **filters)[-1].id
                offset.append(time.perf_counter() - t)
                svc.ws.dispose()
                svc = fresh()
                t = time.perf_counter()  # what the previous model did cold: count, then the OFFSET page
                n = svc.count_items(**filters)
                svc.items(limit=page, offset=(n - 1) // page * page, **filters)
                old_model.append(time.perf_counter() - t)
                svc.ws.dispose()
                assert last == again == old and n == count, (last, again, old, n)
            rows.append((label, count, keyed, seek, offset, old_model))
    print(f"\n## Items table paging ({ITEMS:,} rows, SQLite, {RUNS} runs)\n")
    print("Command: `make bench  (.venv/bin/python bench/bench_ui.py)`\n")
    print(f"Workspace built in {build:.1f} s (tests/ui/bulk_items.py). Row = the last row of the list; "
          f"page = {page} rows.\n")
    print("| list | rows | measurement | median | min | max |")
    print("|---|---|---|---|---|---|")
    for label, count, keyed, seek, offset, old_model in rows:
        print(f"| {label} | {count:,} | keyed, cold: new model (count + page anchors) + last row | {_ms(keyed)} |")
        print(f"| {label} | {count:,} | keyed: last page once indexed (`id >= anchor … LIMIT {page}`) | {_ms(seek)} |")
        print(f"| {label} | {count:,} | same-run reference: `LIMIT {page} OFFSET {(count - 1) // page * page:,}` "
              f"(the previous model's page read) | {_ms(offset)} |")
        print(f"| {label} | {count:,} | same-run reference: previous model cold (`count_items` + that OFFSET page) "
              f"| {_ms(old_model)} |")
    print()
    for label, _count, keyed, seek, offset, old_model in rows:
        print(f"- {label}: the last row cold takes {statistics.median(keyed) * 1000:,.0f} ms with keyed paging, "
              f"indexing included ({statistics.median(old_model) * 1000:,.0f} ms the previous way); after that "
              f"any page is {statistics.median(seek) * 1000:.1f} ms, against "
              f"{statistics.median(offset) * 1000:,.0f} ms for the OFFSET page "
              f"({statistics.median(offset) / statistics.median(seek):,.0f}×).")
    print("\nThe index takes one pass over the list, hence the background index of ItemsModel above "
          f"{INDEX_IN_BACKGROUND_ABOVE:,} items; the OFFSET read paid its scan again for every page near the end.")


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        ws = Path(tmp) / "ws"
        entries = build_workspace(ws, LAUNCH_ITEMS)
        env = dict(os.environ, LEDGER_APP_BENCH="1", LEDGER_APP_NO_FIRST_RUN="1", XDG_CONFIG_HOME=tmp,
                   LEDGER_WORKSPACE=str(ws))
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        launch_to_shown(env, entries)  # warm the file cache once; not counted
        app = [launch_to_shown(env, entries) for _ in range(RUNS)]
        qt = [import_qt(env) for _ in range(RUNS)]
    print(f"## UI start-up ({RUNS} runs, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']})\n")
    print("Command: `make bench  (.venv/bin/python bench/bench_ui.py)`\n")
    print("| measurement | median | min | max |")
    print("|---|---|---|---|")
    what = (f"**launch → window showing the opened workspace's data** (a {LAUNCH_ITEMS:,}-item SQLite workspace "
            f"with a {entries:,}-entry signed ledger: the dashboard's entry count and its item charts)")
    for name, xs in ((what, app), ('same-run reference: `python -c "import PySide6.QtWidgets"` (Qt alone)', qt)):
        print(f"| {name} | {statistics.median(xs) * 1000:.0f} ms | {min(xs) * 1000:.0f} ms | {max(xs) * 1000:.0f} ms |")
    med = statistics.median(app)
    print(f"\nGoal: under 1500 ms to the workspace's data — {'met' if med < 1.5 else '**not met**'} "
          f"({med * 1000:.0f} ms; **{med / statistics.median(qt):.1f}×** the bare Qt import).")
    items_paging()


if __name__ == "__main__":
    main()
