"""The event loop never stalls for more than 100 ms while a long verify runs through the task helper."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QTimer

from ledger_app.ui.tasks import TaskRunner
from tests.ui.conftest import PASS, build_large_ledger


@pytest.fixture(scope="session")
def ledger_200k(tmp_path_factory):
    path = tmp_path_factory.mktemp("l200k") / "ws"
    build_large_ledger(path, 200_000, signed=True)
    return path


@pytest.mark.slow
def test_largest_event_loop_gap_during_verify(qtbot, ledger_200k):
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace

    svc = LedgerService(Workspace(ledger_200k), passphrase=lambda confirm: PASS)
    runner = TaskRunner()
    gaps = []
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    progress = []
    started = time.perf_counter()
    timer.start()
    last[0] = time.perf_counter()
    task = runner.run("verify", lambda p, c: svc.verify(p, c), on_progress=lambda d, t: progress.append(d))
    with qtbot.waitSignal(task.succeeded, timeout=60_000) as sig:
        pass
    timer.stop()
    elapsed = time.perf_counter() - started
    assert sig.args[0].entries == 200_000
    assert progress and progress[-1] == 200_000
    assert len(gaps) > 10, "the timer must have fired throughout the verification"
    assert elapsed > 0.3, "the verification must be long enough for the measurement to mean something"
    print(f"largest event-loop gap: {max(gaps) * 1000:.1f} ms over {elapsed:.2f} s")
    assert max(gaps) < 0.100, f"the event loop stalled for {max(gaps) * 1000:.0f} ms"
    runner.wait(10_000)
    svc.ws.dispose()
