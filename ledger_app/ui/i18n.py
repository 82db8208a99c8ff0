"""Language switching at runtime.

Strings go through `self.tr()` / `QCoreApplication.translate()`; the Simplified Chinese catalogue is
resources/translations/ledger_zh_CN.ts, compiled to .qm by `python -m ledger_app.ui.i18n_build`.
Switching installs a new QTranslator; Qt then sends every widget a LanguageChange event, and each
page re-reads its strings in `retranslate()`. Models announce new headers with headerDataChanged.
So the switch takes effect at once, without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ledger_app.core.errors import ConfigError
from ledger_app.ui.resources import TRANSLATIONS

_installed: list[QTranslator] = []


def qm_path(language: str):
    return TRANSLATIONS / f"ledger_{language}.qm"


def set_language(language: str) -> None:
    """Install the translators for `language` ("en" or "zh_CN") in the running application."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a running QApplication")
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return
    qm = qm_path(language)
    ours = QTranslator(app)
    if not ours.load(str(qm)):
        raise ConfigError(
            f"the {language} translation {qm} is missing; build it with `python -m ledger_app.ui.i18n_build`"
        )
    qt_own = QTranslator(app)  # Qt's own strings (standard buttons, file dialogs)
    if qt_own.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    app.installTranslator(ours)
    _installed.append(ours)
    QLocale.setDefault(QLocale(language))


def current_language() -> str:
    return "zh_CN" if any(t.language().startswith("zh") for t in _installed) else "en"
