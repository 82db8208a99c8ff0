"""The main window: title, navigation, first start and the demo offer."""

from __future__ import annotations

import pytest

from ledger_app.ui.mainwindow import SCREENS


def test_window_opens_with_the_title(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    assert "Provenance Ledger" in window.windowTitle()


def test_sidebar_and_shortcuts_switch_screens(window, qtbot):
    window.show()
    for name in SCREENS:
        page = window.show_screen(name)
        assert window.stack.currentWidget() is page
    assert window.sidebar.count() == len(SCREENS)


def test_first_start_creates_the_workspace_and_says_the_demo_is_unavailable(window, qtbot, tmp_path, monkeypatch):
    import ledger_app.services as services

    monkeypatch.delattr(services, "build_demo", raising=False)
    target = tmp_path / "data" / "workspace"
    monkeypatch.setenv("LEDGER_WORKSPACE", str(target))
    with qtbot.waitSignal(window.started):
        window.start()
    assert target.is_dir()
    dialog = window.first_run_dialog
    assert dialog.isVisible()
    assert dialog.demo_button is None
    assert "not available" in dialog.offer.text()
    dialog.reject()


def test_demo_offer_calls_services_build_demo(window, qtbot, tmp_path, monkeypatch):
    """When the service exists, accepting runs it through the task helper and opens its workspace."""
    import ledger_app.services as services

    calls = []

    def build_demo(target, progress, cancelled):
        calls.append(target)
        progress(1, 1)
        assert not cancelled()
        target.mkdir(parents=True)

    monkeypatch.setattr(services, "build_demo", build_demo, raising=False)
    monkeypatch.setenv("LEDGER_WORKSPACE", str(tmp_path / "data" / "workspace"))
    window.start()
    assert window.first_run_dialog.demo_button is not None
    with qtbot.waitSignal(window.session.opened, timeout=10_000):
        window.first_run_dialog.accept()
    assert calls == [tmp_path / "data" / "demo-workspace"]
    assert window.session.ws.path == (tmp_path / "data" / "demo-workspace").resolve()


def test_second_start_does_not_offer_again(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGER_WORKSPACE", str(tmp_path / "ws"))
    (tmp_path / "ws").mkdir()
    window.start()
    assert not hasattr(window, "first_run_dialog")


def test_window_geometry_is_remembered(window, qtbot, session):
    from ledger_app.ui.mainwindow import MainWindow
    from ledger_app.ui.prefs import Preferences

    window.resize(700, 500)  # within the offscreen screen (800 x 600)
    window.show()
    qtbot.waitExposed(window)
    window.close()
    again = MainWindow(session, Preferences())
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)


def test_no_display_is_a_sentence_not_a_core_dump(tmp_path):
    """On a Linux machine without a display Qt aborts in QApplication; the app says why first."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["HOME"] = str(tmp_path)
    res = subprocess.run([sys.executable, "-c", "from ledger_app.ui.app import main; raise SystemExit(main())"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert res.returncode == 2, res.stderr
    assert res.stderr.startswith("ledger-app: there is no display to open a window on")
    assert "QT_QPA_PLATFORM=offscreen" in res.stderr and "Aborted" not in res.stderr
    assert not (tmp_path / ".local").exists()  # gave up before creating anything


def test_when_a_window_can_open():
    from ledger_app.ui.app import no_display_reason

    assert no_display_reason({}, "linux") is not None
    assert no_display_reason({"DISPLAY": ":0"}, "linux") is None
    assert no_display_reason({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None
    assert no_display_reason({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert no_display_reason({}, "darwin") is None and no_display_reason({}, "win32") is None


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_print_and_exit_without_a_window(tmp_path, flag):
    import os
    import subprocess
    import sys

    from ledger_app import __version__

    # No display at all: had a window been attempted, the no-display sentence and exit 2 would follow.
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["HOME"] = str(tmp_path)
    res = subprocess.run([sys.executable, "-c", "import sys; from ledger_app.ui.app import main; "
                          f"sys.argv = ['ledger-app', '{flag}']; raise SystemExit(main())"],
                         env=env, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""
    if flag == "--help":
        assert res.stdout.startswith("usage: ledger-app") and "--version" in res.stdout
    else:
        assert res.stdout.strip() == f"ledger-app (Provenance Ledger) {__version__}"
    assert not (tmp_path / ".local").exists() and not (tmp_path / ".config").exists()
