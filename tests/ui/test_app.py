"""The main window: title, navigation, first start and the demo offer."""

from __future__ import annotations

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
