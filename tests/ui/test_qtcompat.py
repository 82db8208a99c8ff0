"""The emit workaround keeps the reference count of True balanced over many emits."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from ledger_app.ui.qtcompat import emit


class Source(QObject):
    none = Signal()
    pair = Signal(int, int)
    anything = Signal(object)


def test_many_emits_leave_true_balanced(qapp):
    src = Source()
    got = []
    src.pair.connect(lambda a, b: got.append(b))
    before = sys.getrefcount(True)
    for i in range(5000):
        emit(src.none)
        emit(src.pair, i, i)
        emit(src.anything, None)
    assert abs(sys.getrefcount(True) - before) < 50
    assert len(got) == 5000
