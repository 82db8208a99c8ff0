"""Workaround for a reference-count bug in PySide6 6.12.0: `SignalInstance.emit()` drops one
reference to `True` on every call. After enough emits (a few thousand progress reports) `True`
is deallocated and the interpreter aborts ("bool_dealloc"), usually at exit.

Every emit in the UI goes through `emit()` below. At import it measures, once, how many references
one emit loses (0 on a fixed PySide6) and gives that many back after each emit, so the helper is a
no-op where the bug is absent. tests/ui/test_qtcompat.py checks the balance over many emits.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal(int)


def _measure_loss() -> int:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(16):
        probe.ping.emit(0)
    lost = before - sys.getrefcount(True)
    return max(0, lost // 16)


_LOSS = _measure_loss()
_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


def emit(signal, *args) -> None:  # noqa: ANN001 - a bound SignalInstance
    signal.emit(*args)
    for _ in range(_LOSS):
        _incref(True)


def loss_per_emit() -> int:
    return _LOSS
