"""The background-work helper: main-thread delivery, progress, cancel, errors, the single writer."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QWidget

from ledger_app.core.errors import NotFoundError
from ledger_app.ui.errors import ErrorReportDialog


def test_result_and_progress_arrive_on_the_main_thread(runner, qtbot):
    seen = []

    def work(progress, cancelled):
        worker = QThread.currentThread()
        for i in range(1, 4):
            progress(i, 3)
        return worker

    def on_progress(done, total):
        seen.append((done, total, QThread.currentThread() is QApplication.instance().thread()))

    task = runner.run("t", work, on_progress=on_progress)
    with qtbot.waitSignal(task.succeeded) as sig:
        pass
    assert sig.args[0] is not QApplication.instance().thread()  # the work ran elsewhere
    assert seen and all(main for *_, main in seen)
    assert seen[-1][:2] == (3, 3)  # the final report is never throttled away


def test_cancel_is_reported_as_cancelled(runner, qtbot):
    started = threading.Event()

    def work(progress, cancelled):
        started.set()
        while not cancelled():
            threading.Event().wait(0.001)
        raise RuntimeError("stopped")

    task = runner.run("t", work, on_error=lambda e, r: pytest.fail("a cancel is not an error"))
    assert started.wait(5)
    with qtbot.waitSignal(task.was_cancelled):
        task.cancel()


def test_user_error_is_a_plain_sentence(runner, qtbot):
    def work(progress, cancelled):
        raise NotFoundError("there is no ledger entry 7")

    task = runner.run("t", work)
    with qtbot.waitSignal(task.finished):
        pass
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "ExpectedErrorBox" and w.isVisible()]
    assert boxes and boxes[-1].text() == "there is no ledger entry 7"
    for b in boxes:
        b.close()


def test_unexpected_error_opens_a_copyable_report(runner, qtbot):
    def work(progress, cancelled):
        raise ZeroDivisionError("boom")

    task = runner.run("t", work)
    with qtbot.waitSignal(task.finished):
        pass
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorReportDialog) and w.isVisible()]
    assert dialogs
    report = dialogs[-1].report.toPlainText()
    assert "ZeroDivisionError: boom" in report and "Traceback" in report and "def work" not in report
    assert "in work" in report
    dialogs[-1].copy_report()
    assert QApplication.clipboard().text() == report
    for d in dialogs:
        d.close()


def test_an_error_dialog_is_let_go_of_when_closed_or_when_its_parent_is_deleted(qapp, qtbot):
    from ledger_app.ui import errors

    parent = QWidget()
    closed = errors.show_error(parent, NotFoundError("there is no request 9"))
    orphaned = errors.show_error(parent, ZeroDivisionError("boom"), "report")
    assert {closed, orphaned} <= set(errors.open_dialogs())
    closed.close()
    assert closed not in errors.open_dialogs() and orphaned in errors.open_dialogs()
    parent.deleteLater()  # the page or dialog it was shown over goes, and the dialog with it
    qtbot.waitUntil(lambda: not shiboken6.isValid(orphaned))
    assert all(shiboken6.isValid(d) for d in errors.open_dialogs())
    assert not any(d is orphaned for d in errors.open_dialogs())


def test_writes_run_one_at_a_time_in_order(runner, qtbot):
    lock = threading.Lock()
    order, overlaps = [], []

    def writer(n):
        def work(progress, cancelled):
            if not lock.acquire(blocking=False):
                overlaps.append(n)
                return n
            try:
                threading.Event().wait(0.01)
                order.append(n)
            finally:
                lock.release()
            return n

        return work

    tasks = [runner.run(f"w{n}", writer(n), writes=True) for n in range(5)]
    qtbot.waitUntil(lambda: all(t.done for t in tasks), timeout=10_000)
    assert overlaps == [] and order == [0, 1, 2, 3, 4]
