"""Guard against reference-count bugs in PySide6 6.12.0.

In 6.12.0 some wrappers return `None`, `True` or `False` to Python without taking a reference:
`SignalInstance.emit()` loses one reference to `True` per call and `QCoreApplication.processEvents()`
one to `None` (tests/ui/test_qtcompat.py demonstrates both). After enough calls the singleton's
count reaches zero and the interpreter aborts ("bool_dealloc" / "none_dealloc"), at a random
place, often at exit.

`RefcountGuard` keeps ordinary Python references to the three singletons in a list and tops it
up whenever a count falls below FLOOR, so the counts never approach zero. It costs 8 bytes per
lost reference and does nothing on a PySide6 without the bug. The application runs it from a
timer; the UI tests run it around every test. The real fix is a PySide6 release without the bug.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, QTimer

FLOOR = 100_000  # top up when a singleton has fewer references than this…
TARGET = 200_000  # …back to this many
_reserve: list[object] = []
# The list itself is given one extra reference that is never released, so it is not freed at
# interpreter exit either: freeing it would hand the lost references back to the bug at the end.
ctypes.pythonapi.Py_IncRef(ctypes.py_object(_reserve))


def top_up() -> int:
    """Give back lost references to None/True/False; returns how many were added."""
    added = 0
    for obj in (None, True, False):
        n = sys.getrefcount(obj)
        if n < FLOOR:
            _reserve.extend([obj] * (TARGET - n))
            added += TARGET - n
    return added


def emit(signal, *args) -> None:  # a bound SignalInstance
    """Emit `signal`; one place to adapt if emitting ever needs more care."""
    signal.emit(*args)


class RefcountGuard(QObject):
    """Runs `top_up` every `interval_ms` on the main thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500):
        super().__init__(parent)
        top_up()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(top_up)
        self.timer.start()
