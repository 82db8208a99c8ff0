"""The parts the pages share: the task strip follows a task from start to end, the table is set
up one way, and a form dialog says a refusal or what was recorded, hiding an empty sentence."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QAbstractItemView, QPushButton, QWidget


def test_the_task_strip_follows_a_task_and_its_cancel(runner, qtbot):
    from ledger_app.ui.widgets.task_table import TaskStrip

    host = QWidget()
    qtbot.addWidget(host)
    go = QPushButton("Go", host)
    strip = TaskStrip(host, progress_name="P", cancel_name="C", status_name="S", actions=(go,),
                      progress_text=lambda: "%v of %m shards")
    assert go.parent() is strip and not strip.busy and not strip.cancel_button.isEnabled()
    assert strip.progress.maximum() == 1 and not strip.progress.isTextVisible()  # no "0%" while idle
    reported, release = threading.Event(), threading.Event()

    def work(progress, cancelled):
        progress(2, 5)
        reported.set()
        while not cancelled():
            release.wait(0.001)

    task = runner.run("t", work)
    strip.start(task)
    assert strip.busy and strip.cancel_button.isEnabled() and strip.progress.maximum() == 0  # busy
    qtbot.waitUntil(lambda: strip.progress.value() == 2)
    assert strip.progress.maximum() == 5 and strip.progress.format() == "%v of %m shards"
    with qtbot.waitSignal(task.finished):
        strip.cancel_button.click()
    assert task.cancel_requested and not strip.busy and not strip.cancel_button.isEnabled()
    strip.reset()
    assert (strip.progress.value(), strip.progress.maximum()) == (0, 1)


def test_the_bar_text_follows_the_language(runner, qtbot):
    from ledger_app.ui.widgets.task_table import TaskStrip

    host = QWidget()
    qtbot.addWidget(host)
    words = {"text": "%v of %m entries"}
    strip = TaskStrip(host, progress_name="P", cancel_name="C", status_name="S", idle_text=True,
                      progress_text=lambda: words["text"])
    default = strip.progress.format()
    strip.retranslate()
    assert strip.progress.format() == default  # nothing reported yet: the bar's own text
    strip.report(3, 3)
    words["text"] = "%v / %m 条记录"
    strip.retranslate()
    assert strip.progress.format() == "%v / %m 条记录"


def test_a_task_that_never_reports_leaves_the_bar_idle(runner, qtbot):
    from ledger_app.ui.widgets.task_table import TaskStrip

    host = QWidget()
    qtbot.addWidget(host)
    strip = TaskStrip(host, progress_name="P", cancel_name="C", status_name="S")
    task = runner.run("t", lambda p, c: None)
    strip.start(task)
    with qtbot.waitSignal(task.finished):
        pass
    assert strip.progress.maximum() == 1 and not strip.busy


def test_a_data_table_selects_whole_rows_and_leaves_tab_alone(qtbot):
    from ledger_app.ui.widgets.task_table import ROW_HEIGHT, data_table

    host = QWidget()
    qtbot.addWidget(host)
    t = data_table(host, "T", paged=True)
    assert t.objectName() == "T" and not t.tabKeyNavigation()
    assert t.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert t.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert t.verticalHeader().defaultSectionSize() == ROW_HEIGHT and not t.verticalHeader().isVisible()


def test_a_form_dialog_says_the_refusal_or_what_was_recorded(qtbot):
    from ledger_app.ui.widgets.form_dialog import FormDialog

    d = FormDialog(None, "D", "Title", "What this dialog is for.")
    qtbot.addWidget(d)
    d.add_outcome("DResult")
    ok = d.add_ok_cancel("Record it", accept_on_ok=False)
    d.show()
    assert ok.text() == "Record it" and d.intro.text() == "What this dialog is for."
    assert not d.problem.isVisible() and not d.result.isVisible()  # no empty red frame
    d.refused("The service said no.")
    assert d.problem.isVisible() and d.problem.text() == "The service said no." and d.problem.objectName() == "Failure"
    d.recorded("Recorded as entry 7.")
    assert not d.problem.isVisible() and d.result.isVisible() and d.result.text() == "Recorded as entry 7."
    ok.click()
    assert d.isVisible()  # the page accepts once the service has recorded it
