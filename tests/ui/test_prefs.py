"""The window state in QSettings is versioned: old state is upgraded, unknown state discarded."""

from __future__ import annotations


def _settings():
    from ledger_app.ui.prefs import qsettings

    return qsettings()


def test_unversioned_window_state_is_adopted_and_stamped():
    from PySide6.QtCore import QByteArray

    from ledger_app.ui.prefs import WINDOW_STATE_VERSION, WINDOW_VERSION_KEY, Preferences

    s = _settings()
    s.setValue("window/geometry", QByteArray(b"geometry bytes"))
    s.setValue("window/state", QByteArray(b"state bytes"))
    s.setValue("window/splitter_ledger", "not bytes")  # a hand-edited entry: dropped, not restored
    s.setValue("ui/language", "zh_CN")
    s.sync()

    prefs = Preferences(_settings())
    geometry, state = prefs.window_state()
    assert bytes(geometry) == b"geometry bytes" and bytes(state) == b"state bytes"
    assert prefs.splitter_state("ledger") is None
    assert prefs.window_upgraded == ["window/splitter_ledger was not a saved window state and was dropped"]
    assert int(prefs.s.value(WINDOW_VERSION_KEY)) == WINDOW_STATE_VERSION
    assert prefs.language == "zh_CN"  # preferences are not window state


def test_window_state_of_an_unknown_version_is_discarded():
    from PySide6.QtCore import QByteArray

    from ledger_app.ui.prefs import WINDOW_STATE_VERSION, WINDOW_VERSION_KEY, Preferences

    for version in (WINDOW_STATE_VERSION + 1, "not a number", -3):
        s = _settings()
        s.setValue(WINDOW_VERSION_KEY, version)
        s.setValue("window/geometry", QByteArray(b"a newer layout"))
        s.setValue("window/splitter_ledger", QByteArray(b"a newer splitter"))
        s.setValue("ui/theme", "dark")
        s.sync()

        prefs = Preferences(_settings())
        assert prefs.window_state() == (None, None)
        assert prefs.splitter_state("ledger") is None
        assert len(prefs.window_upgraded) == 1 and "does not know: discarded" in prefs.window_upgraded[0]
        assert int(prefs.s.value(WINDOW_VERSION_KEY)) == WINDOW_STATE_VERSION
        assert prefs.theme == "dark"


def test_current_window_state_is_kept_as_saved():
    from PySide6.QtCore import QByteArray

    from ledger_app.ui.prefs import Preferences

    prefs = Preferences(_settings())
    prefs.save_window_state(QByteArray(b"g"), QByteArray(b"s"))
    prefs.save_splitter_state("ledger", QByteArray(b"split"))
    prefs.s.sync()

    again = Preferences(_settings())
    assert [bytes(b) for b in again.window_state()] == [b"g", b"s"]
    assert bytes(again.splitter_state("ledger")) == b"split"
    assert again.window_upgraded == []


def test_a_window_state_qt_cannot_restore_is_forgotten(qtbot, session):
    from PySide6.QtCore import QByteArray

    from ledger_app.ui.mainwindow import MainWindow
    from ledger_app.ui.prefs import Preferences

    prefs = Preferences(_settings())
    prefs.save_window_state(QByteArray(b"damaged geometry"), QByteArray(b"damaged state"))
    prefs.save_splitter_state("ledger", QByteArray(b"damaged splitter"))

    w = MainWindow(session, prefs)
    qtbot.addWidget(w)
    assert prefs.window_state() == (None, None)
    assert prefs.splitter_state("ledger") is None
    w.resize(900, 700)  # the default layout still works and is saved again on close
    prefs.save_window_state(w.saveGeometry(), w.saveState())
    assert all(b is not None for b in Preferences(_settings()).window_state())
