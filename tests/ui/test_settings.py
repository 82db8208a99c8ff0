"""Settings: typed workspace settings, database URL checks, theme and language preferences."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette

from ledger_app.core.settings import Settings
from ledger_app.ui.pages.settings import validate_database_url


def test_workspace_settings_are_saved_typed(window, session, small_ledger):
    session.open(small_ledger)
    page = window.show_screen("settings")
    assert page.ws_path.text() == str(small_ledger.resolve())
    assert page.origin_value.text() == "example.com/ui-test"
    page.editors["takedown.four_eyes"].setChecked(True)
    page.editors["match.pdq_max_distance"].setValue(24)
    page.editors["match.text_min_score"].setValue(0.7)
    page.editors["user.name"].setText("legal-team")
    page.save_button.click()
    assert page.save_status.text().startswith("Saved to")
    stored = Settings(small_ledger / "config.json")
    assert stored.get("takedown.four_eyes") is True
    assert stored.get("match.pdq_max_distance") == 24
    assert abs(stored.get("match.text_min_score") - 0.7) < 1e-9
    assert stored.get("user.name") == "legal-team"


def test_database_url_is_checked_before_opening(window, session, small_ledger):
    session.open(small_ledger)
    page = window.show_screen("settings")
    page.db_url.setText("mysql://nope")
    page.open_button.click()
    assert "unsupported database URL" in page.ws_problem.text()
    assert validate_database_url(" postgresql://u@h/db ") == "postgresql://u@h/db"
    assert validate_database_url("") == ""


def test_opening_another_workspace_from_settings(window, session, small_ledger, tmp_path, qtbot):
    session.open(tmp_path / "first")
    page = window.show_screen("settings")
    page.ws_path.setText(str(small_ledger))
    page.db_url.setText("")
    with qtbot.waitSignal(session.opened):
        page.open_button.click()
    assert session.ws.path == small_ledger.resolve()
    assert window.prefs.workspace_dir == str(small_ledger)
    assert window.pages["ledger"].model.rowCount() == 31


def test_theme_switch_changes_palette_and_is_remembered(window):
    page = window.show_screen("settings")
    page.theme.setCurrentIndex(page.theme.findData("dark"))
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    assert window.prefs.theme == "dark"
    page.theme.setCurrentIndex(page.theme.findData("light"))
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() > 128
    assert window.prefs.theme == "light"


def test_the_wheel_scrolls_the_page_and_never_changes_a_value(window, session, small_ledger, qtbot):
    """Scrolling down Settings with the mouse over the text-match threshold must not turn 0.50 into
    0.05: the wheel over a field without the focus scrolls the page."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    session.open(small_ledger)
    window.resize(900, 420)  # short: the page scrolls
    window.show()
    qtbot.waitExposed(window)
    page = window.show_screen("settings")
    spin = page.editors["match.text_min_score"]
    page.scroll.ensureWidgetVisible(spin)
    bar = page.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(0)
    page.scroll.ensureWidgetVisible(spin)
    start_value, start_scroll = spin.value(), bar.value()
    assert not spin.hasFocus()

    def wheel(widget, delta: int) -> None:
        centre = QPointF(widget.rect().center())
        ev = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, delta),
                         Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(widget, ev)

    for _ in range(3):
        wheel(spin, 120 if start_scroll > 0 else -120)
    assert spin.value() == start_value  # not 0.35, not 0.05
    assert bar.value() != start_scroll  # the page scrolled instead
    assert not page.unsaved and not page.save_button.isEnabled()
    # The wheel never gives the field the focus; a click does, and then the wheel is the user's choice.
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus)
    wheel(spin, -120)
    assert abs(spin.value() - (start_value - spin.singleStep())) < 1e-9
    # Changed and not saved: said beside the Save button, which is now enabled.
    assert page.unsaved and page.save_button.isEnabled()
    assert page.save_status.text() == "● Unsaved changes: 1"
    spin.setValue(start_value)
    assert not page.unsaved and page.save_status.text() == ""
    page.editors["user.name"].setText("legal-team")
    assert page.unsaved
    page.save_button.click()
    assert not page.unsaved and page.save_status.text().startswith("Saved to")
