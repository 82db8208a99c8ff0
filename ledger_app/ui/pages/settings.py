"""Settings: the workspace to open, the workspace's typed settings, and this user's preferences.

Workspace settings (core/settings.py, stored in the workspace's config.json, shared with everyone
using that workspace) are edited in a form generated from the option registry. Language and theme
are this user's preferences and live in QSettings (prefs.py); they apply at once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ledger_app.core.errors import ConfigError, UserError
from ledger_app.core.settings import OPTIONS
from ledger_app.ui import metrics
from ledger_app.ui.errors import error_text
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.pages import Page
from ledger_app.ui.prefs import Preferences
from ledger_app.ui.qtcompat import emit
from ledger_app.ui.session import Session
from ledger_app.ui.widgets.wheel_guard import WheelGuard

# Workspace options shown in the form, by group. ledger.origin is shown read-only (it is fixed when
# the ledger is created); ui.* are per-user preferences and are edited in the Preferences group.
GROUPS = {
    "user": ["user.name"],
    "c2pa": ["c2pa.quarantine_invalid", "c2pa.quarantine_unreadable"],
    "ingest": ["ingest.workers", "ingest.max_image_pixels"],
    "matching": ["match.pdq_max_distance", "match.text_min_score"],
    "takedown": ["takedown.default_due_days", "takedown.four_eyes"],
}
DB_URL_PREFIXES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def validate_database_url(url: str) -> str:
    """Empty (the workspace's SQLite database) or a PostgreSQL URL; raises ConfigError otherwise."""
    url = url.strip()
    if url and not url.startswith(DB_URL_PREFIXES) and not url.startswith("sqlite:"):
        raise ConfigError(
            f"unsupported database URL {url.split('@')[-1]!r}: leave it empty for the workspace's own SQLite "
            "database, or give postgresql://user@host:port/database for team mode"
        )
    return url


class SettingsPage(Page):
    workspace_requested = Signal(str, str)  # folder, database URL ("" = defaults)
    open_cancel_requested = Signal()  # stop waiting for the workspace being opened
    language_requested = Signal(str)
    theme_requested = Signal(str)

    def __init__(self, session: Session, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(session, prefs, "SettingsPage", parent, spacing=False)
        outer = self.outer
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        bl = QVBoxLayout(body)
        bl.setSpacing(metrics.SECTION_GAP)

        # Workspace location and database.
        self.ws_group = QGroupBox(body)
        wf = QFormLayout(self.ws_group)
        row = QHBoxLayout()
        self.ws_path = QLineEdit(self.ws_group)
        self.ws_path.setObjectName("WorkspacePath")
        self.browse = QPushButton(icon(Icon.FOLDER), "", self.ws_group)
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.ws_path, 1)
        row.addWidget(self.browse)
        self.ws_path_label = QLabel(self.ws_group)
        wf.addRow(self.ws_path_label, row)
        self.db_url = QLineEdit(self.ws_group)
        self.db_url.setObjectName("DatabaseUrl")
        self.db_url_label = QLabel(self.ws_group)
        wf.addRow(self.db_url_label, self.db_url)
        self.open_button = QPushButton(self.ws_group)
        self.open_button.setObjectName("OpenWorkspaceButton")
        self.open_button.clicked.connect(self._open_workspace)
        self.ws_problem = QLabel(self.ws_group)
        self.ws_problem.setObjectName("Failure")
        self.ws_problem.setWordWrap(True)
        wf.addRow(self.open_button, self.ws_problem)
        # While a workspace is being opened (a team database may take seconds to answer).
        orow = QHBoxLayout()
        self.opening_label = QLabel(self.ws_group)
        self.opening_label.setObjectName("OpeningStatus")
        self.opening_label.setWordWrap(True)
        self.opening_progress = QProgressBar(self.ws_group)
        self.opening_progress.setObjectName("OpeningProgress")
        self.opening_progress.setRange(0, 0)  # busy: a connection has no steps to count
        self.opening_progress.setMaximumWidth(metrics.CARD_MIN_WIDTH)
        self.cancel_open_button = QPushButton(icon(Icon.CANCEL), "", self.ws_group)
        self.cancel_open_button.setObjectName("CancelOpenButton")
        self.cancel_open_button.clicked.connect(lambda: emit(self.open_cancel_requested))
        orow.addWidget(self.opening_label, 1)
        orow.addWidget(self.opening_progress)
        orow.addWidget(self.cancel_open_button)
        wf.addRow(orow)
        self._opening_widgets = (self.opening_label, self.opening_progress, self.cancel_open_button)
        for w in self._opening_widgets:
            w.setVisible(False)
        bl.addWidget(self.ws_group)

        # Typed workspace settings.
        self.origin_label = QLabel(body)
        self.origin_value = QLabel(body)
        self.editors: dict[str, QWidget] = {}
        self.editor_labels: dict[str, QLabel] = {}
        self.groups: dict[str, QGroupBox] = {}
        for gname, keys in GROUPS.items():
            box = QGroupBox(body)
            form = QFormLayout(box)
            if gname == "user":
                form.addRow(self.origin_label, self.origin_value)
            for key in keys:
                editor = self._editor_for(key, box)
                label = QLabel(box)
                label.setBuddy(editor)
                self.editors[key] = editor
                self.editor_labels[key] = label
                form.addRow(label, editor)
            self.groups[gname] = box
            bl.addWidget(box)
        srow = QHBoxLayout()
        self.save_button = QPushButton(body)
        self.save_button.setObjectName("SaveWorkspaceSettings")
        self.save_button.clicked.connect(self.save_workspace_settings)
        self.save_status = QLabel(body)
        self.save_status.setObjectName("SaveStatus")
        self.unsaved = False  # the form differs from the workspace's settings
        srow.addWidget(self.save_button)
        srow.addWidget(self.save_status, 1)
        bl.addLayout(srow)

        # This user's preferences.
        self.pref_group = QGroupBox(body)
        pf = QFormLayout(self.pref_group)
        self.language = QComboBox(self.pref_group)
        self.language.setObjectName("LanguageCombo")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language_label = QLabel(self.pref_group)
        self.language_label.setBuddy(self.language)
        pf.addRow(self.language_label, self.language)
        self.theme = QComboBox(self.pref_group)
        self.theme.setObjectName("ThemeCombo")
        for value in ("system", "light", "dark"):
            self.theme.addItem("", value)
        self.theme_label = QLabel(self.pref_group)
        self.theme_label.setBuddy(self.theme)
        pf.addRow(self.theme_label, self.theme)
        bl.addWidget(self.pref_group)
        bl.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.wheel_guard = WheelGuard(scroll, self)
        for w in [*self.editors.values(), self.language, self.theme]:
            if isinstance(w, QSpinBox | QDoubleSpinBox | QComboBox):
                w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                w.installEventFilter(self.wheel_guard)
        for w in self.editors.values():
            if isinstance(w, QCheckBox):
                w.toggled.connect(self._edited)
            elif isinstance(w, QSpinBox | QDoubleSpinBox):
                w.valueChanged.connect(self._edited)
            else:
                w.textChanged.connect(self._edited)
        self.scroll = scroll
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        self.language.currentIndexChanged.connect(lambda _i: emit(self.language_requested, self.language.currentData()))
        self.theme.currentIndexChanged.connect(lambda _i: emit(self.theme_requested, self.theme.currentData()))
        session.opened.connect(self.load)
        self.retranslate()

    def _editor_for(self, key: str, parent: QWidget) -> QWidget:
        opt = OPTIONS[key]
        if opt.type is bool:
            w = QCheckBox(parent)
        elif opt.type is int:
            w = QSpinBox(parent)
            w.setRange(int(opt.low if opt.low is not None else 0), int(opt.high if opt.high is not None else 2_000_000_000))
        elif opt.type is float:
            w = QDoubleSpinBox(parent)
            w.setRange(opt.low if opt.low is not None else 0.0, opt.high if opt.high is not None else 1.0)
            w.setSingleStep(0.05)
            w.setDecimals(2)
        else:
            w = QLineEdit(parent)
        w.setObjectName(f"setting:{key}")
        return w

    # --- strings -----------------------------------------------------------------------------

    def option_labels(self) -> dict[str, str]:
        return {
            "user.name": self.tr("Display name on entries (empty: the account name; four-eyes compares accounts):"),
            "c2pa.quarantine_invalid": self.tr("Quarantine items whose Content Credentials are invalid"),
            "c2pa.quarantine_unreadable": self.tr("Quarantine items whose manifest cannot be read"),
            "ingest.workers": self.tr("Ingest worker processes (0: one per core):"),
            "ingest.max_image_pixels": self.tr("Largest image accepted, in pixels:"),
            "match.pdq_max_distance": self.tr("Image match: largest PDQ distance (0–256):"),
            "match.text_min_score": self.tr("Text match: smallest containment score:"),
            "takedown.default_due_days": self.tr("Days until a request without a legal deadline is due:"),
            "takedown.four_eyes": self.tr("Four-eyes rule: the approver of a takedown must differ from its handler"),
        }

    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        self.ws_group.setTitle(self.tr("Workspace"))
        self.ws_path_label.setText(self.tr("Folder:"))
        self.ws_path.setPlaceholderText(self.tr("the default per-user workspace"))
        self.browse.setText(self.tr("Browse…"))
        self.db_url_label.setText(self.tr("Database URL:"))
        self.db_url.setPlaceholderText(
            self.tr("empty: the workspace's own SQLite database; team mode: postgresql://user@host/db")
        )
        self.open_button.setText(self.tr("Open workspace"))
        self.cancel_open_button.setText(self.tr("Cancel"))
        titles = {
            "user": self.tr("Ledger and user"),
            "c2pa": self.tr("Content Credentials (C2PA)"),
            "ingest": self.tr("Ingest"),
            "matching": self.tr("Matching thresholds"),
            "takedown": self.tr("Takedowns"),
        }
        for name, box in self.groups.items():
            box.setTitle(titles[name])
        self.origin_label.setText(self.tr("Ledger origin:"))
        labels = self.option_labels()
        for key, label in self.editor_labels.items():
            editor = self.editors[key]
            text = labels.get(key, OPTIONS[key].help)
            if isinstance(editor, QCheckBox):
                editor.setText(text)
                label.setText("")
            else:
                label.setText(text)
        self.save_button.setText(self.tr("Save workspace settings"))
        self.pref_group.setTitle(self.tr("Preferences (this user)"))
        self.language_label.setText(self.tr("Language:"))
        self.theme_label.setText(self.tr("Theme:"))
        for i, text in enumerate((self.tr("Follow the system"), self.tr("Light"), self.tr("Dark"))):
            self.theme.setItemText(i, text)

    # --- workspace ---------------------------------------------------------------------------

    def _browse(self) -> None:
        from ledger_app.ui.file_dialogs import existing_dir

        path = existing_dir(self, "workspace", self.tr("Choose the workspace folder"), self.ws_path.text())
        if path:
            self.ws_path.setText(path)

    def _open_workspace(self) -> None:
        try:
            url = validate_database_url(self.db_url.text())
        except UserError as exc:
            self.ws_problem.setText(error_text(exc))
            return
        self.ws_problem.clear()
        emit(self.workspace_requested, self.ws_path.text().strip(), url)

    def opening_message(self, folder: str, db_url: str) -> str:
        """What is being opened, as the user is told while waiting (never with a password)."""
        from ledger_app.ui.session import display_url, effective_url, is_team_url

        if is_team_url(db_url):
            return self.tr("Connecting to the team database {url}…").format(url=display_url(effective_url(db_url)))
        return self.tr("Opening the workspace {folder}…").format(folder=folder or self.tr("(the default one)"))

    def show_opening(self, message: str) -> None:
        """A workspace is being opened: say so, offer to stop waiting, and hold the Open button."""
        self.ws_problem.clear()
        self.opening_label.setText(message)
        for w in self._opening_widgets:
            w.setVisible(True)
        self.open_button.setEnabled(False)

    def show_open_finished(self, problem: str = "") -> None:
        """Opening ended: opened (no problem), failed or cancelled (a sentence saying what happened)."""
        for w in self._opening_widgets:
            w.setVisible(False)
        self.opening_label.clear()
        self.open_button.setEnabled(True)
        if problem and self.session.ws is not None:
            problem = problem.rstrip()
            if not problem.endswith((".", "。")):
                problem += "."  # the services' sentences leave the full stop to the caller
            problem += " " + self.tr("The current workspace stays open.")
        self.ws_problem.setText(problem)

    def show_open_cancelled(self) -> None:
        self.show_open_finished(self.tr("Stopped waiting; nothing was opened."))

    def _form_values(self) -> dict:
        out = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                out[key] = editor.isChecked()
            elif isinstance(editor, QSpinBox | QDoubleSpinBox):
                out[key] = editor.value()
            else:
                out[key] = editor.text()
        return out

    def _edited(self, *_args) -> None:
        """Mark the form unsaved (in the status beside Save) while it differs from the workspace."""
        if self._loading:
            return
        ws = self.session.ws
        if ws is None:
            return
        values = self._form_values()
        changed = [k for k, v in values.items() if _differs(ws.settings.get(k), v)]
        self.unsaved = bool(changed)
        self.save_button.setEnabled(self.unsaved)
        self.save_status.setObjectName("UnsavedMarker" if self.unsaved else "SaveStatus")
        self.save_status.setText(self.tr("● Unsaved changes: {n}").format(n=len(changed)) if self.unsaved else "")
        self.save_status.style().unpolish(self.save_status)
        self.save_status.style().polish(self.save_status)

    _loading = False

    def load(self) -> None:
        ws = self.session.ws
        if ws is None:
            return
        self._loading = True
        self.ws_path.setText(str(ws.path))
        self.db_url.setText(self.prefs.database_url)
        self.origin_value.setText(str(ws.settings.get("ledger.origin")) or self.tr("(no ledger yet)"))
        for key, editor in self.editors.items():
            value = ws.settings.get(key)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QSpinBox | QDoubleSpinBox):
                editor.setValue(value)
            else:
                editor.setText(str(value))
        self._loading = False
        self._edited()

    def save_workspace_settings(self) -> None:
        ws = self.session.ws
        if ws is None:
            return
        try:
            for key, editor in self.editors.items():
                if isinstance(editor, QCheckBox):
                    value = editor.isChecked()
                elif isinstance(editor, QSpinBox | QDoubleSpinBox):
                    value = editor.value()
                else:
                    value = editor.text()
                if ws.settings.get(key) != value:
                    ws.settings.set(key, value)
        except UserError as exc:
            self.save_status.setText(error_text(exc))
            return
        self._edited()
        self.save_status.setText(self.tr("Saved to {path}.").format(path=Path(ws.settings.path)))


def _differs(stored, value) -> bool:
    if isinstance(value, float) or isinstance(stored, float):
        try:
            return abs(float(stored) - float(value)) > 1e-9
        except (TypeError, ValueError):
            return True
    if isinstance(value, str):
        return str(stored if stored is not None else "") != value
    return stored != value
