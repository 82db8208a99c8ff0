"""The refcount guard keeps None/True/False alive through PySide6 calls that lose references."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ledger_app.ui import qtcompat


class Source(QObject):
    none = Signal()


def test_top_up_restores_the_floor(qapp):
    src = Source()
    qtcompat.top_up()
    for _ in range(2000):
        qtcompat.emit(src.none)
        QCoreApplication.processEvents()
    qtcompat.top_up()
    for obj in (None, True, False):
        assert sys.getrefcount(obj) >= qtcompat.FLOOR


def test_guard_runs_on_a_timer(qtbot):
    guard = qtcompat.RefcountGuard(interval_ms=10)
    calls = []
    guard.timer.timeout.connect(lambda: calls.append(1))
    qtbot.waitUntil(lambda: len(calls) >= 2, timeout=2000)
    guard.timer.stop()
