"""UI test fixtures: isolated QSettings, real workspaces built through LedgerService."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PASS = "ui test passphrase"

from tests.ui.case_builders import case_template, cases  # noqa: E402, F401 - fixtures: a workspace with cases


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path, qapp, monkeypatch):
    """Every test gets its own QSettings folder, so no preference leaks between tests or to the user."""
    from PySide6.QtCore import QSettings

    from ledger_app.ui.qtcompat import top_up

    top_up()  # PySide6 6.12.0 loses references to None/True/False; see ledger_app/ui/qtcompat.py
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "config"))
    yield
    top_up()
    from ledger_app.ui import i18n

    if i18n.current_language() != "en":
        i18n.set_language("en")


@pytest.fixture(scope="session")
def small_ledger_template(tmp_path_factory) -> Path:
    """A real workspace: init plus 3 batches of notes (1 + 3 x 10 = 31 entries, 4 checkpoints)."""
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace

    path = tmp_path_factory.mktemp("small") / "ws"
    svc = LedgerService(Workspace(path), passphrase=lambda confirm: PASS)
    svc.init("example.com/ui-test")
    for batch in range(3):
        svc.append([("ledger.note", {"text": f"note {batch}-{i}"}) for i in range(10)])
    svc.ws.dispose()
    return path


@pytest.fixture()
def small_ledger(small_ledger_template, tmp_path) -> Path:
    dst = tmp_path / "ws"
    shutil.copytree(small_ledger_template, dst)
    return dst


@pytest.fixture()
def session(qapp):
    from ledger_app.ui.session import Session

    s = Session(passphrase=lambda confirm: PASS)
    yield s
    s.runner.cancel_all()
    s.runner.wait(10_000)
    s.close()


@pytest.fixture()
def runner(qapp):
    """A TaskRunner of its own, its tasks cancelled and waited for afterwards."""
    from ledger_app.ui.tasks import TaskRunner

    r = TaskRunner()
    yield r
    r.cancel_all()
    r.wait(10_000)


def shown_table(qtbot, model, size: tuple[int, int] = (900, 600)):
    """A QTableView of `model` with 24-pixel rows, shown and exposed (so the view asks for rows)."""
    from PySide6.QtWidgets import QTableView

    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.verticalHeader().setDefaultSectionSize(24)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture()
def window(qtbot, session):
    from ledger_app.ui.mainwindow import MainWindow
    from ledger_app.ui.prefs import Preferences

    w = MainWindow(session, Preferences())
    qtbot.addWidget(w)
    return w


def build_large_ledger(path: Path, n: int, *, signed: bool) -> None:
    """n entries appended in big batches.

    Signed: a real ledger (init with its key, then signed batches through the service), so it
    verifies. Unsigned: just the entries, for paging tests.
    """
    from ledger_app.ledger.entries import encode_entry
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace

    ws = Workspace(path)
    if signed:
        svc = LedgerService(ws, passphrase=lambda confirm: PASS)
        svc.init("example.com/ui-large")
    else:
        ws.create_dirs()
    start = ws.store.size()
    end = n - 1 if signed else n
    batch = 100_000
    if signed:
        # Through the service, each batch signed: an append signs only a tree it has verified, so
        # entries stored without a checkpoint would (rightly) be refused as written by someone else.
        for lo in range(start, end, batch):
            hi = min(end, lo + batch)
            svc.append([("ledger.note", {"text": f"bulk note {i % 1000}"}) for i in range(lo, hi)])
        svc.append([("ledger.note", {"text": "the last entry"})])
    else:
        leaves = [encode_entry("ledger.note", {"text": f"bulk note {i}"}, actor=None) for i in range(1000)]
        for lo in range(start, end, batch):
            hi = min(end, lo + batch)
            ws.store.append([("ledger.note", leaves[i % 1000]) for i in range(lo, hi)], None)
    assert ws.store.size() == n
    ws.dispose()
