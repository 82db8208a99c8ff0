"""The main window: a menu bar (File, View, Help with About), a sidebar of screens, the stacked
pages, and window state kept in QSettings. Leaving — closing the window or opening another
workspace — first settles review decisions not yet recorded (see TakedownsPage.settle_unrecorded).
Opening a workspace (at start, from Settings, the demo) is window_workspace.py."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ledger_app.core.errors import ConfigError
from ledger_app.ui import metrics
from ledger_app.ui.icons import Icon, icon, icon_beside_text
from ledger_app.ui.pages.ai_act import AiActPage
from ledger_app.ui.pages.corpora import CorporaPage
from ledger_app.ui.pages.dashboard import DashboardPage
from ledger_app.ui.pages.ledger import LedgerPage
from ledger_app.ui.pages.rights import RightsPage
from ledger_app.ui.pages.settings import SettingsPage
from ledger_app.ui.pages.takedowns import TakedownsPage
from ledger_app.ui.prefs import Preferences
from ledger_app.ui.session import Session
from ledger_app.ui.window_workspace import WorkspaceOpening

SCREENS = ("dashboard", "corpora", "takedowns", "rights", "ledger", "aiact", "settings")
SCREEN_ICONS = {
    "dashboard": Icon.DASHBOARD,
    "corpora": Icon.CORPORA,
    "takedowns": Icon.TAKEDOWNS,
    "rights": Icon.RIGHTS,
    "ledger": Icon.LEDGER,
    "aiact": Icon.EXPORT,  # a published document, signed
    "settings": Icon.SETTINGS,
}


class SidebarDelegate(QStyledItemDelegate):
    """Draws the selected screen's icon to go with its highlighted text (light on the blue
    highlight in both themes), where the window's icon variant would be dark on blue."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        if option.state & QStyle.StateFlag.State_Selected:
            name = SCREEN_ICONS[index.data(Qt.ItemDataRole.UserRole)]
            option.icon = icon_beside_text(name, option.palette.color(QPalette.ColorRole.HighlightedText))


class MainWindow(WorkspaceOpening, QMainWindow):
    started = Signal()  # the workspace is open (or failed to open) after start()

    def __init__(self, session: Session, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.session = session
        self.prefs = prefs
        self.setWindowIcon(icon(Icon.APP))
        self.resize(*metrics.WINDOW_DEFAULT_SIZE)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sidebar = QListWidget(central)
        self.sidebar.setObjectName("Sidebar")
        self.sidebar.setFixedWidth(metrics.SIDEBAR_WIDTH)
        self.sidebar.setIconSize(QSize(metrics.SIDEBAR_ICON, metrics.SIDEBAR_ICON))
        self.sidebar.setItemDelegate(SidebarDelegate(self.sidebar))
        self.stack = QStackedWidget(central)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.pages: dict[str, QWidget] = {
            "dashboard": DashboardPage(session, prefs, self.stack),
            "corpora": CorporaPage(session, prefs, self.stack),
            "takedowns": TakedownsPage(session, prefs, self.stack),
            "rights": RightsPage(session, prefs, self.stack),
            "ledger": LedgerPage(session, prefs, self.stack),
            "aiact": AiActPage(session, prefs, self.stack),
            "settings": SettingsPage(session, prefs, self.stack),
        }
        self._build_menus()
        self.screen_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for n, name in enumerate(SCREENS):
            item = QListWidgetItem(icon(SCREEN_ICONS[name]), "", self.sidebar)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.stack.addWidget(self.pages[name])
            action = QAction(icon(SCREEN_ICONS[name]), "", self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{n + 1}"))
            action.triggered.connect(lambda _checked=False, row=n: self.sidebar.setCurrentRow(row))
            group.addAction(action)
            self.view_menu.addAction(action)
            self.screen_actions[name] = action
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.currentRowChanged.connect(lambda row: self.screen_actions[SCREENS[row]].setChecked(True))
        self.sidebar.setCurrentRow(0)
        self._leaving_settled = False  # closeEvent: unrecorded decisions already recorded or discarded

        self.status_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_label)
        session.runner.task_started.connect(self._task_status)
        session.runner.task_finished.connect(self._task_status)
        session.opened.connect(self._workspace_status)

        settings = self.pages["settings"]
        settings.workspace_requested.connect(self.open_workspace)
        settings.open_cancel_requested.connect(self.cancel_opening)
        settings.language_requested.connect(self.set_language)
        settings.theme_requested.connect(self.set_theme)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_scheme_changed)

        geometry, state = prefs.window_state()  # upgraded to this build's version, or discarded
        restored = (geometry is None or self.restoreGeometry(geometry)) and (state is None or self.restoreState(state))
        if not restored:
            prefs.discard_window_state()  # bytes Qt cannot read: the default layout, and not again next time
        self.retranslate()

    def _build_menus(self) -> None:
        """File / View / Help, with the platform's standard shortcuts."""
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.new_request_action = QAction(icon(Icon.TAKEDOWNS), "", self)
        self.new_request_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_request_action.triggered.connect(self._new_request)
        self.open_workspace_action = QAction(icon(Icon.FOLDER), "", self)
        self.open_workspace_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_workspace_action.triggered.connect(lambda: self.show_screen("settings").browse.click())
        self.preferences_action = QAction(icon(Icon.SETTINGS), "", self)
        self.preferences_action.setShortcut(QKeySequence.StandardKey.Preferences)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.preferences_action.triggered.connect(lambda: self.show_screen("settings"))
        self.quit_action = QAction("", self)
        self.quit_action.setShortcuts([QKeySequence.StandardKey.Quit, QKeySequence("Ctrl+Q")])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        for a in (self.new_request_action, self.open_workspace_action):
            self.file_menu.addAction(a)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.preferences_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self.about_action = QAction(icon(Icon.APP), "", self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)
        from PySide6.QtWidgets import QToolButton

        ext = bar.findChild(QToolButton, "qt_menubar_ext_button")
        if ext is not None:
            ext.setIcon(icon(Icon.MORE))

    def _new_request(self) -> None:
        page = self.show_screen("takedowns")
        if page.new_button.isEnabled():
            page.open_new_request()

    def about_text(self) -> str:
        from ledger_app import __version__

        return self.tr(
            "<h3>Provenance Ledger {version}</h3>"
            "<p>A signed, append-only ledger of AI-training items: C2PA checks, takedowns, physical purges "
            "and signed removal certificates that anyone can verify offline.</p>"
            "<p>Qt {qt} · PySide6 {pyside}</p>").format(version=__version__, qt=_qt_version(), pyside=_pyside_version())

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("AboutBox")
        box.setWindowTitle(self.tr("About Provenance Ledger"))
        box.setIconPixmap(icon(Icon.APP).pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(self.about_text())
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        self.about_box = box
        box.open()
        return box

    # --- navigation --------------------------------------------------------------------------

    def show_screen(self, name: str) -> QWidget:
        self.sidebar.setCurrentRow(SCREENS.index(name))
        return self.pages[name]

    # --- strings -----------------------------------------------------------------------------

    def screen_titles(self) -> dict[str, str]:
        return {
            "dashboard": self.tr("Dashboard"),
            "corpora": self.tr("Corpora & items"),
            "takedowns": self.tr("Takedowns"),
            "rights": self.tr("Rights check"),
            "ledger": self.tr("Ledger"),
            "aiact": self.tr("AI Act summary"),
            "settings": self.tr("Settings"),
        }

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Provenance Ledger"))
        titles = self.screen_titles()
        for row, name in enumerate(SCREENS):
            item = self.sidebar.item(row)
            item.setText(titles[name])
            item.setToolTip(self.tr("{screen} (Ctrl+{n})").format(screen=titles[name], n=row + 1))
            self.screen_actions[name].setText(titles[name])
        self.file_menu.setTitle(self.tr("&File"))
        self.view_menu.setTitle(self.tr("&View"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.new_request_action.setText(self.tr("&New takedown request…"))
        self.open_workspace_action.setText(self.tr("&Open workspace…"))
        self.preferences_action.setText(self.tr("&Settings"))
        self.quit_action.setText(self.tr("&Quit"))
        self.about_action.setText(self.tr("&About Provenance Ledger"))
        self._workspace_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _workspace_status(self) -> None:
        ws = self.session.ws
        if ws is None:
            self.statusBar().showMessage(self.tr("No workspace open"))
        else:
            where = self.tr("team database") if ws.is_team else str(ws.path)
            self.statusBar().showMessage(self.tr("Workspace: {where}").format(where=where))

    def _task_status(self, _task=None) -> None:
        n = len(self.session.runner.active)
        self.status_label.setText(self.tr("{n} background task(s) running").format(n=n) if n else "")

    def set_language(self, language: str) -> None:
        from ledger_app.ui.i18n import set_language

        try:
            set_language(language)
        except ConfigError as exc:
            self._show_error(exc, "")
            return
        self.prefs.language = language

    def set_theme(self, theme: str) -> None:
        from ledger_app.ui.theme import apply_theme

        # Remembered first: applying a theme changes the colour scheme hint, and the handler below
        # must see the theme just chosen, not the previous one.
        self.prefs.theme = theme
        apply_theme(QApplication.instance(), theme)  # icons follow on their own: see icons.py

    def _system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        """The desktop switched between light and dark: follow it if the user asked to."""
        if self.prefs.theme == "system":
            from ledger_app.ui.theme import apply_theme

            apply_theme(QApplication.instance(), "system")

    # --- shutdown ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving_settled and self.pages["takedowns"].unrecorded_counts():
            event.ignore()  # asked first; closed again by _close_settled once settled

            def settled() -> None:
                self._leaving_settled = True
                QTimer.singleShot(0, self.close)

            self.pages["takedowns"].settle_unrecorded(settled)
            return
        self.prefs.save_window_state(self.saveGeometry(), self.saveState())
        self.session.runner.cancel_all()
        self.hide()  # gone at once for the user, while the workers below wind down
        # Cancelled services stop at their next progress check; do not hang on one that doesn't.
        # A team database being connected to cannot be interrupted: its connect timeout bounds it.
        wait_ms = 5000
        if self.session.opening is not None:
            from ledger_app.services import team_connect_timeout_s

            wait_ms = max(wait_ms, 1000 * (team_connect_timeout_s() + 2))
        self.session.runner.wait(wait_ms)
        self.session.close()
        super().closeEvent(event)


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return qVersion()


def _pyside_version() -> str:
    import PySide6

    return PySide6.__version__


def schedule_start(window: MainWindow) -> None:
    QTimer.singleShot(0, window.start)
