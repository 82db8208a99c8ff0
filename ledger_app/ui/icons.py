"""Every icon the UI uses is named here, once, with a light and a dark variant.

Pages ask for `icon(Icon.LEDGER)`. The variant is chosen when the icon is painted, not when it is
made, so a theme switch at runtime reaches every button of every page and dialog without any page
re-setting its icons: resources/icons/light and resources/icons/dark are two Qt icon themes (each
has an index.theme), `icon()` returns `QIcon.fromTheme(name)`, and `follow_palette()` (run by
theme.apply_theme after every palette change) makes the theme that contrasts with the window the
current one: dark strokes on a light window, light strokes on a dark one. Qt re-resolves a themed
QIcon whenever the icon theme has changed, and the palette change repaints every widget.

The desktop's own icon theme stays the fallback, so Qt's standard icons (file dialogs, message
boxes) still come from it.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

from ledger_app.ui.resources import ICONS

VARIANTS = ("light", "dark")  # folder names under resources/icons, and the Qt icon theme names


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
    CHECK = "check"  # the tick of a check box (theme.py puts it in the style sheet)
    MORE = "more"  # the menu bar's "more menus" chevron, replacing Qt's (dark on a dark window)


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def icon_path(name: Icon, dark: bool | None = None) -> str:
    variant = "dark" if (is_dark() if dark is None else dark) else "light"
    return str(ICONS / variant / f"{Icon(name).value}.svg")


_installed = False


def _install() -> None:
    """Put our two themes first on Qt's search path, keeping the desktop's theme as the fallback."""
    global _installed
    if _installed:
        return
    system_theme = QIcon.themeName()
    if system_theme and system_theme not in VARIANTS:
        QIcon.setFallbackThemeName(system_theme)
    paths = QIcon.themeSearchPaths()
    if str(ICONS) not in paths:
        QIcon.setThemeSearchPaths([str(ICONS), *paths])
    _installed = True


def follow_palette() -> None:
    """Make the variant that contrasts with the current palette's window colour the icon theme."""
    _install()
    variant = "dark" if is_dark() else "light"
    if QIcon.themeName() != variant:
        QIcon.setThemeName(variant)


@cache
def _fixed(name: Icon, dark: bool) -> QIcon:
    path = icon_path(name, dark=dark)
    ic = QIcon(path)
    # Given for the Selected mode too, so the style does not tint it with the highlight colour it
    # is drawn on (which takes it from 3.8:1 to 2.7:1 against the light theme's highlight).
    ic.addFile(path, QSize(), QIcon.Mode.Selected)
    return ic


def icon_beside_text(name: Icon, text: QColor) -> QIcon:
    """The variant whose strokes go with `text`, the colour of the text drawn next to the icon.

    For what is drawn on a colour other than the window's, such as a selected item on the
    highlight (white text on blue in both themes): there the window's variant would be wrong.
    """
    return _fixed(Icon(name), text.lightness() >= 128)


def icon(name: Icon) -> QIcon:
    """The named icon, drawn in whichever variant is current when it is painted."""
    follow_palette()  # a page may be built before any theme was applied (tests, first start)
    return QIcon.fromTheme(Icon(name).value)
