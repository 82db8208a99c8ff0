"""Theme: follow the system, or force light or dark (Fusion style with an explicit palette).

The icons follow the palette on their own (icons.follow_palette, called here): every QIcon made by
ledger_app.ui.icons switches variant the next time it is painted.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ledger_app.ui.icons import Icon, follow_palette, icon_path
from ledger_app.ui.resources import STYLES

_DARK = {
    QPalette.ColorRole.Window: "#23262b",
    QPalette.ColorRole.WindowText: "#e3e6ea",
    QPalette.ColorRole.Base: "#1b1d21",
    QPalette.ColorRole.AlternateBase: "#272a30",
    QPalette.ColorRole.ToolTipBase: "#2c3036",
    QPalette.ColorRole.ToolTipText: "#e3e6ea",
    QPalette.ColorRole.Text: "#e3e6ea",
    QPalette.ColorRole.Button: "#2c3036",
    QPalette.ColorRole.ButtonText: "#e3e6ea",
    QPalette.ColorRole.BrightText: "#ff6b6b",
    QPalette.ColorRole.Highlight: "#3d6fc4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#7aa7f0",
    QPalette.ColorRole.PlaceholderText: "#8a9099",
    QPalette.ColorRole.Mid: "#3a3f46",
}

_LIGHT = {
    QPalette.ColorRole.Window: "#f4f5f7",
    QPalette.ColorRole.WindowText: "#1f2328",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f0f2f5",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2328",
    QPalette.ColorRole.Text: "#1f2328",
    QPalette.ColorRole.Button: "#e9ecf0",
    QPalette.ColorRole.ButtonText: "#1f2328",
    QPalette.ColorRole.BrightText: "#c62828",
    QPalette.ColorRole.Highlight: "#2f6fd6",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#2f6fd6",
    QPalette.ColorRole.PlaceholderText: "#6b7280",
    QPalette.ColorRole.Mid: "#c9ced6",
}


def _palette(colors: dict) -> QPalette:
    pal = QPalette()
    for role, value in colors.items():
        pal.setColor(role, QColor(value))
    disabled = QColor(colors[QPalette.ColorRole.PlaceholderText])
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return pal


def system_prefers_dark() -> bool:
    """The desktop's colour scheme (once no scheme of ours is forced on the style hints)."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> None:
    """Apply `theme` ("system", "light" or "dark") to the running application."""
    app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()
    if theme == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(_palette(_DARK))
    elif theme == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(_palette(_LIGHT))
    else:
        hints.unsetColorScheme()
        app.setPalette(_palette(_DARK if system_prefers_dark() else _LIGHT))
    follow_palette()
    qss = STYLES / "app.qss"
    sheet = qss.read_text(encoding="utf-8") if qss.exists() else ""
    # A style sheet names images by path: the tick in the variant of the palette just applied.
    app.setStyleSheet(sheet.replace("@check@", Path(icon_path(Icon.CHECK)).as_posix()))
