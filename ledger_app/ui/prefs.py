"""Per-user preferences and window state, kept in QSettings (apart from workspace settings).

Workspace policy (thresholds, four-eyes rule…) lives in the workspace's config.json through
core/settings.py and is shared by everyone using that workspace; what is stored here belongs to
this user on this computer: language, theme, which workspace to open, window geometry, and the
outcome of the last full verification of each workspace.

The window state (the `window/` group: geometry, dock state, splitter positions) is versioned like
config.json: `window/version` says which numbered upgrade (`WINDOW_UPGRADES`) last shaped it, and
the first read applies the upgrades after it in order. A state with a version this build does not
know (a newer build's, or unreadable) is discarded, so the window opens in its default layout
instead of restoring one it cannot read.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "ProvenanceLedger"
APPLICATION = "ledger-app"

LANGUAGES = ("en", "zh_CN")
THEMES = ("system", "light", "dark")


def qsettings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


WINDOW_GROUP = "window"
WINDOW_VERSION_KEY = f"{WINDOW_GROUP}/version"


def _window_keys(s: QSettings) -> list[str]:
    """The keys of the window state, without its version."""
    s.beginGroup(WINDOW_GROUP)
    keys = [f"{WINDOW_GROUP}/{k}" for k in s.childKeys() if k != "version"]
    s.endGroup()
    return keys


def _v1_adopt_unversioned(s: QSettings) -> list[str]:
    """Window state written before it had a version has the same keys; a value that is not the bytes
    Qt saved (a hand-edited or damaged entry) is dropped rather than restored."""
    notes = []
    for key in _window_keys(s):
        if not isinstance(s.value(key), QByteArray):
            s.remove(key)
            notes.append(f"{key} was not a saved window state and was dropped")
    return notes


# The numbered upgrades of the window state: WINDOW_UPGRADES[n] turns the window/ group a version n-1
# build wrote (0: before versioning) into a version n one, in place, and returns a sentence per
# change. Append; never edit one.
WINDOW_UPGRADES: dict[int, Callable[[QSettings], list[str]]] = {
    1: _v1_adopt_unversioned,
}
WINDOW_STATE_VERSION = max(WINDOW_UPGRADES)


def upgrade_window_state(s: QSettings) -> list[str]:
    """Bring the stored window state to WINDOW_STATE_VERSION (see the module docstring); returns a
    sentence per change."""
    raw = s.value(WINDOW_VERSION_KEY)
    try:
        version = 0 if raw is None else int(str(raw))
    except ValueError:
        version = -1
    if version == WINDOW_STATE_VERSION:
        return []
    notes: list[str] = []
    if not 0 <= version <= WINDOW_STATE_VERSION:
        for key in _window_keys(s):
            s.remove(key)
        notes.append(f"the window state has the version {raw!r}, which this build does not know: discarded")
    else:
        for n in range(version + 1, WINDOW_STATE_VERSION + 1):
            notes.extend(WINDOW_UPGRADES[n](s))
    s.setValue(WINDOW_VERSION_KEY, WINDOW_STATE_VERSION)
    return notes


@dataclass(frozen=True)
class VerificationRecord:
    """The outcome of the last full verification of one workspace, for the dashboard."""

    finished_at: float
    ok: bool
    entries: int
    message: str  # as said then (kept for records written before message IDs)
    index: int | None = None
    message_id: dict | None = None  # messages.Message.to_json(): rendered in the language of the day

    @staticmethod
    def now(ok: bool, entries: int, message: str, index: int | None = None,
            message_id: dict | None = None) -> VerificationRecord:
        return VerificationRecord(time.time(), ok, entries, message, index, message_id)

    def text(self) -> str:
        from ledger_app.ui.messages import Message

        m = Message.from_json(self.message_id)
        return m.text() if m is not None else self.message


class Preferences:
    """Typed accessors over QSettings; every key the UI stores is named in this class."""

    def __init__(self, settings: QSettings | None = None):
        self.s = settings or qsettings()
        self.window_upgraded: list[str] | None = None  # what upgrade_window_state changed, once read

    def _window(self) -> QSettings:
        """The settings, with the window state upgraded (or discarded) before its first use."""
        if self.window_upgraded is None:
            self.window_upgraded = upgrade_window_state(self.s)
        return self.s

    def _str(self, key: str, default: str) -> str:
        value = self.s.value(key, default)
        return str(value) if value is not None else default

    @property
    def language(self) -> str:
        value = self._str("ui/language", "en")
        return value if value in LANGUAGES else "en"

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language {value!r}")
        self.s.setValue("ui/language", value)

    @property
    def theme(self) -> str:
        value = self._str("ui/theme", "system")
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}")
        self.s.setValue("ui/theme", value)

    @property
    def workspace_dir(self) -> str:
        """The workspace folder chosen in Settings; empty means the default per-user workspace."""
        return self._str("workspace/dir", "")

    @workspace_dir.setter
    def workspace_dir(self, value: str) -> None:
        self.s.setValue("workspace/dir", value)

    @property
    def database_url(self) -> str:
        """A PostgreSQL URL for team mode; empty means the workspace's embedded SQLite database."""
        return self._str("workspace/database_url", "")

    @database_url.setter
    def database_url(self, value: str) -> None:
        self.s.setValue("workspace/database_url", value)

    @property
    def first_run_done(self) -> bool:
        return self._str("app/first_run_done", "false") == "true"

    @first_run_done.setter
    def first_run_done(self, value: bool) -> None:
        self.s.setValue("app/first_run_done", "true" if value else "false")

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        s = self._window()
        geo, state = s.value("window/geometry"), s.value("window/state")
        return (geo if isinstance(geo, QByteArray) else None, state if isinstance(state, QByteArray) else None)

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        s = self._window()
        s.setValue("window/geometry", geometry)
        s.setValue("window/state", state)

    def discard_window_state(self) -> None:
        """Forget the stored layout (geometry, dock state, splitters), keeping the version."""
        for key in _window_keys(self._window()):
            self.s.remove(key)

    def splitter_state(self, name: str) -> QByteArray | None:
        value = self._window().value(f"window/splitter_{name}")
        return value if isinstance(value, QByteArray) else None

    def save_splitter_state(self, name: str, state: QByteArray) -> None:
        self._window().setValue(f"window/splitter_{name}", state)

    def last_folder(self, purpose: str) -> str:
        """The folder a file dialog for `purpose` ("certificate", "corpus", "import"…) last opened in."""
        return self._str(f"folders/{purpose}", "")

    def set_last_folder(self, purpose: str, path: str) -> None:
        from pathlib import Path

        p = Path(path)
        self.s.setValue(f"folders/{purpose}", str(p if p.is_dir() else p.parent))

    def certificate_file(self, workspace_id: str, request_id: int) -> str:
        """Where this window saved the certificate of a request (the ledger holds only its hash)."""
        return self._str(f"{self._workspace_key(workspace_id, 'certificates')}/{int(request_id)}", "")

    def set_certificate_file(self, workspace_id: str, request_id: int, path: str) -> None:
        self.s.setValue(f"{self._workspace_key(workspace_id, 'certificates')}/{int(request_id)}", path)

    @staticmethod
    def _workspace_key(workspace_id: str, group: str = "verify") -> str:
        return f"{group}/" + hashlib.sha256(workspace_id.encode()).hexdigest()[:16]

    def last_verification(self, workspace_id: str) -> VerificationRecord | None:
        raw = self.s.value(self._workspace_key(workspace_id))
        if not raw:
            return None
        try:
            data: dict[str, Any] = json.loads(str(raw))
            return VerificationRecord(**data)
        except (TypeError, ValueError):
            return None  # an unreadable record is treated as "never verified"

    def set_last_verification(self, workspace_id: str, record: VerificationRecord) -> None:
        self.s.setValue(self._workspace_key(workspace_id), json.dumps(asdict(record)))
        self.s.sync()
