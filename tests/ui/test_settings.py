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
