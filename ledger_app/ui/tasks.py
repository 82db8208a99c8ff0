"""The one background-work helper (Anki's CollectionOp/QueryOp, Picard's run_task).

Every long operation in the UI goes through `TaskRunner.run(fn, …)`:

* `fn(progress, cancelled)` runs on a worker thread. It receives a `progress(done, total)` callback
  and a `cancelled()` callable, which it hands to the service call (services accept both).
* Progress, result, error and cancellation come back as Qt signals of a `Task` object that lives in
  the main thread, so the callbacks run on the main thread. Nothing here, and nothing the worker
  runs, touches a widget.
* `Task.cancel()` sets a flag the service polls through `cancelled()`. A call that raises after a
  cancel request is reported as cancelled, not as an error.
* Expected errors (`UserError` and `VerificationError`, whose messages are sentences for a person)
  are shown as a plain sentence; anything else opens a dialog with a copyable report, unless the
  caller passes its own `on_error`.

Database writes go through one writer: tasks started with `writes=True` run on a thread pool of
exactly one thread, so they execute one at a time in the order the user asked for them. SQLite
allows one writer at a time anyway (the ledger store takes the write lock with BEGIN IMMEDIATE);
serialising them here means a second write waits in our queue instead of in SQLite's busy
handler, and two user actions can never interleave their transactions. Reads (verification, proofs,
exports) run on a separate pool of a few threads and may overlap with the writer.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from ledger_app.ui import metrics
from ledger_app.ui.qtcompat import emit

ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]
TaskFn = Callable[[ProgressFn, CancelledFn], Any]


class Task(QObject):
    """A running background call. Connect to its signals, or pass callbacks to `TaskRunner.run`.

    A Task lives on the main thread and is never referenced by the worker: the worker reports
    through the runner's relay with the task's number, so a Task is created, used and deleted on
    the main thread only.
    """

    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)  # the function's return value
    failed = Signal(object, str)  # the exception, the formatted traceback
    was_cancelled = Signal()
    finished = Signal()  # after exactly one of succeeded / failed / was_cancelled

    def __init__(self, name: str, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self.cancel_event = threading.Event()
        self.done = False

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancel_requested(self) -> bool:
        return self.cancel_event.is_set()

    # The runner hands the worker's reports to the task through these three, on the main thread.

    def deliver_progress(self, done: int, total: int) -> None:
        if not self.done:
            emit(self.progressed, done, total)

    def deliver_result(self, result: object) -> None:
        self.done = True
        emit(self.succeeded, result)
        emit(self.finished)

    def deliver_error(self, exc: object, report: str) -> None:
        self.done = True
        if self.cancel_event.is_set():
            emit(self.was_cancelled)
        else:
            emit(self.failed, exc, report)
        emit(self.finished)


class _Relay(QObject):
    """Lives on the main thread; workers emit its signals, which Qt queues to the main thread."""

    progress = Signal(int, int, int)  # task number, done, total
    result = Signal(int, object)
    error = Signal(int, object, str)


class _Runnable(QRunnable):
    def __init__(self, number: int, fn: TaskFn, cancel_event: threading.Event, relay: _Relay):
        super().__init__()
        self.setAutoDelete(True)
        self.number = number
        self.fn = fn
        self.cancel_event = cancel_event
        self.relay = relay
        self.last_progress = 0.0

    def progress(self, done: int, total: int) -> None:
        # Throttled: a service may report thousands of times a second; the main thread needs a
        # few updates a second, and each one is a queued event it must process.
        now = time.monotonic()
        if done >= total or now - self.last_progress >= metrics.PROGRESS_MIN_INTERVAL_S:
            self.last_progress = now
            emit(self.relay.progress, self.number, int(done), int(total))

    def run(self) -> None:  # worker thread: only emits the relay's signals, never touches widgets
        try:
            result = self.fn(self.progress, self.cancel_event.is_set)
        except BaseException as exc:  # every failure must reach the main thread
            emit(self.relay.error, self.number, exc, traceback.format_exc())
        else:
            emit(self.relay.result, self.number, result)
        finally:
            self.fn = None  # drop the closure (and the service it holds) on this thread, now


class TaskRunner(QObject):
    """Owns the reader pool and the single-thread writer pool; starts and tracks tasks."""

    task_started = Signal(object)
    task_finished = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.readers = QThreadPool(self)
        self.readers.setMaxThreadCount(max(2, min(4, os.cpu_count() or 2)))
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)  # the one writer: see the module docstring
        self.active: set[Task] = set()
        self._by_number: dict[int, Task] = {}
        self._numbers = itertools.count(1)
        self.relay = _Relay(self)
        self.relay.progress.connect(self._on_progress)
        self.relay.result.connect(self._on_result)
        self.relay.error.connect(self._on_error)

    @Slot(int, int, int)
    def _on_progress(self, number: int, done: int, total: int) -> None:
        task = self._by_number.get(number)
        if task is not None:
            task.deliver_progress(done, total)

    @Slot(int, object)
    def _on_result(self, number: int, result: object) -> None:
        task = self._by_number.pop(number, None)
        if task is not None:
            task.deliver_result(result)

    @Slot(int, object, str)
    def _on_error(self, number: int, exc: object, report: str) -> None:
        task = self._by_number.pop(number, None)
        if task is not None:
            task.deliver_error(exc, report)

    def run(
        self,
        name: str,
        fn: TaskFn,
        *,
        writes: bool = False,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        error_parent=None,  # the widget an error dialog is shown over
    ) -> Task:
        # Parentless and owned by Python: `active` keeps it until it finishes, then the caller's
        # references decide. Workers never hold a Task, so it is always freed on this thread.
        task = Task(name)
        if on_progress:
            task.progressed.connect(on_progress)
        if on_success:
            task.succeeded.connect(on_success)
        if on_cancelled:
            task.was_cancelled.connect(on_cancelled)
        if on_error:
            task.failed.connect(on_error)
        else:
            from ledger_app.ui.errors import show_error

            task.failed.connect(lambda exc, report: show_error(error_parent, exc, report))
        task.finished.connect(lambda: self._finished(task))
        self.active.add(task)
        emit(self.task_started, task)
        number = next(self._numbers)
        self._by_number[number] = task
        (self.writer if writes else self.readers).start(_Runnable(number, fn, task.cancel_event, self.relay))
        return task

    def _finished(self, task: Task) -> None:
        self.active.discard(task)
        emit(self.task_finished, task)

    def cancel_all(self) -> None:
        for task in list(self.active):
            task.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until both pools are idle (used at shutdown, after cancel_all)."""
        a = self.readers.waitForDone(msecs)
        b = self.writer.waitForDone(msecs)
        return a and b
