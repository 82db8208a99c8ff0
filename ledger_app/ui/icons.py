"""Every icon the UI uses is named here, once, with a light and a dark variant.

Pages ask for `icon(Icon.LEDGER)`; the variant follows the current palette (dark icons on a light
window, light icons on a dark one). The SVGs live in resources/icons/{light,dark}/NAME.svg.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtGui import QGuiApplication, QIcon, QPalette

from ledger_app.ui.resources import ICONS


class Icon(StrEnum):
    APP = "app"
    DASHBOARD = "dashboard"
    CORPORA = "corpora"
    TAKEDOWNS = "takedowns"
    RIGHTS = "rights"
    LEDGER = "ledger"
    SETTINGS = "settings"
    COPY = "copy"
    VERIFY = "verify"
    EXPORT = "export"
    CANCEL = "cancel"
    OK = "ok"
    ERROR = "error"
    WARNING = "warning"
    REFRESH = "refresh"
    FOLDER = "folder"


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def icon_path(name: Icon, dark: bool | None = None) -> str:
    variant = "dark" if (is_dark() if dark is None else dark) else "light"
    return str(ICONS / variant / f"{Icon(name).value}.svg")


def icon(name: Icon) -> QIcon:
    return QIcon(icon_path(name))
