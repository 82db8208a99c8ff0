"""Opening a workspace on a database server never blocks the window.

Settings → Open workspace (and a start with a team database) connects through the task helper,
with a bounded connect timeout, says "Connecting to …" meanwhile, and switches only once the new
workspace is ready. A server that refuses, or one that never answers, ends in a sentence on the
Settings page, with the current workspace still open and the event loop never stalled for 100 ms.
A real PostgreSQL ledger opens and shows its entries.
"""

from __future__ import annotations

import os
import secrets
import socket
import time

import psycopg
import pytest
from psycopg import sql

from ledger_app.storage import engine as engine_module
from ledger_app.ui import errors
from tests.team.teamkit import ADMIN_URL, SKIP_ENV, db_url
from tests.ui.test_story import GapMeter

REFUSED = "postgresql://127.0.0.1:1/test"  # nothing listens on port 1: refused at once


def error_dialogs() -> list:
    return [d for d in errors.open_dialogs() if d.isVisible()]


@pytest.fixture()
def opened_elsewhere(window, session, small_ledger):
    """The window with a local workspace open and the Settings page showing."""
    session.open(small_ledger)
    return window.show_screen("settings")


def ask_to_open(settings, folder: str, url: str):
    settings.ws_path.setText(folder)
    settings.db_url.setText(url)
    settings.open_button.click()
    return settings.session.opening


def assert_still_on(window, session, small_ledger) -> None:
    assert session.ws.path == small_ledger.resolve() and not session.ws.is_team
    assert window.pages["ledger"].model.rowCount() == 31
    assert window.prefs.database_url == "" and window.prefs.workspace_dir == ""


def test_a_refused_connection_is_a_sentence_and_the_workspace_stays(window, session, small_ledger,
                                                                    opened_elsewhere, qtbot):
    settings = opened_elsewhere
    with GapMeter() as gaps:
        task = ask_to_open(settings, str(small_ledger), REFUSED)
        assert task is not None and not task.done  # on a worker thread, not here
        assert settings.opening_progress.isVisibleTo(settings) and not settings.open_button.isEnabled()
        assert settings.opening_label.text() == "Connecting to the team database postgresql://127.0.0.1:1/test…"
        assert window.statusBar().currentMessage().startswith("Connecting to the team database")
        qtbot.waitUntil(lambda: session.opening is None, timeout=10_000)
    print(f"largest event-loop gap while connecting: {gaps.worst * 1000:.1f} ms")
    assert gaps.worst < 0.100, f"the event loop stalled for {gaps.worst * 1000:.0f} ms"
    problem = settings.ws_problem.text()
    assert problem.startswith("cannot connect to the database") and "127.0.0.1" in problem
    assert problem.endswith("Connection refused. The current workspace stays open.")
    assert "Traceback" not in problem and error_dialogs() == []  # inline, on the page the user is on
    assert not settings.opening_progress.isVisibleTo(settings) and settings.open_button.isEnabled()
    assert_still_on(window, session, small_ledger)
    assert window.statusBar().currentMessage() == f"Workspace: {small_ledger.resolve()}"


def test_a_server_that_never_answers_times_out_without_freezing(window, session, small_ledger, opened_elsewhere,
                                                                 qtbot, monkeypatch):
    """A listening socket that nobody serves: the TCP handshake succeeds, no reply ever comes."""
    monkeypatch.setattr(engine_module, "PG_CONNECT_TIMEOUT_S", 2)  # libpq's smallest timeout
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        started = time.perf_counter()
        with GapMeter() as gaps:
            ask_to_open(opened_elsewhere, str(small_ledger), f"postgresql://ui@127.0.0.1:{port}/test")
            qtbot.waitUntil(lambda: session.opening is None, timeout=15_000)
        elapsed = time.perf_counter() - started
    print(f"gave up after {elapsed:.2f} s; largest event-loop gap {gaps.worst * 1000:.1f} ms")
    assert 1.5 < elapsed < 8, "the connect timeout bounds the wait"
    assert len(gaps.gaps) > 50, "the timer ran all along"
    assert gaps.worst < 0.100, f"the event loop stalled for {gaps.worst * 1000:.0f} ms"
    assert "timeout" in opened_elsewhere.ws_problem.text().lower()
    assert error_dialogs() == []
    assert_still_on(window, session, small_ledger)


def test_closing_the_window_while_connecting_waits_for_the_connect_timeout(window, session, opened_elsewhere,
                                                                          small_ledger, qtbot, monkeypatch):
    """The connect cannot be interrupted; closing the window hides it at once and waits for the
    bounded connect (here longer than the 5 s any other task gets) instead of leaving the thread
    running into interpreter shutdown."""
    monkeypatch.setattr(engine_module, "PG_CONNECT_TIMEOUT_S", 6)
    ended: list[float] = []
    prepare = session._prepare

    def timed_prepare(*args, **kwargs):
        try:
            return prepare(*args, **kwargs)
        finally:
            ended.append(time.perf_counter())

    monkeypatch.setattr(session, "_prepare", timed_prepare)
    window.show()
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        ask_to_open(opened_elsewhere, str(small_ledger), f"postgresql://ui@127.0.0.1:{silent.getsockname()[1]}/test")
        started = time.perf_counter()
        window.close()
        closed = time.perf_counter()
    print(f"closed after {closed - started:.2f} s")
    assert not window.isVisible() and session.ws is None  # the current workspace closed with the window
    assert ended and ended[0] <= closed, "the connecting thread was left running after the window closed"
    assert closed - started < 9, "the wait is bounded by the connect timeout"


def test_starting_with_an_unreachable_team_database_says_so(window, session, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGER_WORKSPACE", str(tmp_path / "ws"))
    window.prefs.database_url = REFUSED
    with qtbot.waitSignal(window.started, timeout=10_000):
        window.start()
        assert session.opening is not None  # start() returned before the connection was tried out
    (box,) = error_dialogs()
    assert box.objectName() == "ExpectedErrorBox" and box.text().startswith("cannot connect to the database")
    assert not session.is_open
    box.close()


# --- a real PostgreSQL workspace ------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_ledger(tmp_path_factory):
    """A team ledger on the test server: a fresh database with a signed ledger of 1 + 5 entries,
    and the folder holding its signing key. The database is dropped afterwards."""
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: PostgreSQL tests skipped")
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace
    from tests.ui.conftest import PASS

    admin = ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    name = f"ledger_ui_test_{secrets.token_hex(4)}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = db_url(name)
    folder = tmp_path_factory.mktemp("team") / "ws"
    svc = LedgerService(Workspace(folder, url), passphrase=lambda confirm: PASS)
    svc.init("example.com/ui-team")
    svc.append([("ledger.note", {"text": f"team note {i}"}) for i in range(5)])
    svc.ws.dispose()
    yield folder, url
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def test_opening_a_postgresql_workspace(window, session, small_ledger, opened_elsewhere, pg_ledger, qtbot):
    folder, url = pg_ledger
    with GapMeter() as gaps, qtbot.waitSignal(session.opened, timeout=20_000):
        ask_to_open(opened_elsewhere, str(folder), url)
        assert session.ws.path == small_ledger.resolve()  # until the new one is ready
    print(f"largest event-loop gap while opening: {gaps.worst * 1000:.1f} ms")
    assert gaps.worst < 0.100, f"the event loop stalled for {gaps.worst * 1000:.0f} ms"
    assert session.ws.is_team and session.ws.path == folder.resolve()
    assert session.ws.db_url == url  # the bound on connecting is the engine's, not written into the URL
    assert session.ledger.origin == "example.com/ui-team"
    assert window.pages["ledger"].model.rowCount() == 6
    assert window.statusBar().currentMessage() == "Workspace: team database"
    assert window.prefs.database_url == url and window.prefs.workspace_dir == str(folder)
    assert opened_elsewhere.ws_problem.text() == "" and opened_elsewhere.open_button.isEnabled()
    assert not opened_elsewhere.opening_progress.isVisibleTo(opened_elsewhere)


def test_cancelling_keeps_the_current_workspace(window, session, small_ledger, opened_elsewhere, pg_ledger, qtbot):
    folder, url = pg_ledger
    task = ask_to_open(opened_elsewhere, str(folder), url)
    # Cancelled before the event loop could deliver the result: whatever the worker opens is dropped.
    opened_elsewhere.cancel_open_button.click()
    assert opened_elsewhere.ws_problem.text() == "Stopped waiting; nothing was opened. The current workspace stays open."
    assert opened_elsewhere.open_button.isEnabled()
    qtbot.waitUntil(lambda: task.done, timeout=20_000)
    assert_still_on(window, session, small_ledger)
    assert error_dialogs() == []


def test_what_the_user_is_told_and_the_url_that_is_used(opened_elsewhere):
    secret = "postgresql://alice:s3cret@db.example:5433/ledger?sslmode=require"
    told = opened_elsewhere.opening_message("", secret)
    assert told == "Connecting to the team database postgresql://alice@db.example:5433/ledger…"
    assert opened_elsewhere.opening_message("/srv/ws", "") == "Opening the workspace /srv/ws…"
