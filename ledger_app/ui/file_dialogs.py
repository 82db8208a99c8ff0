"""File dialogs that remember where the user last went, one folder per purpose (certificates,
corpora, claimed works, imports…), kept in the user's preferences (prefs.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from ledger_app.ui.prefs import Preferences


def _start(purpose: str, name: str = "") -> str:
    folder = Preferences().last_folder(purpose)
    if folder and Path(folder).is_dir():
        return str(Path(folder) / name) if name else folder
    return name


def _remember(purpose: str, path: str) -> str:
    if path:
        Preferences().set_last_folder(purpose, path)
    return path


def open_file(parent: QWidget | None, purpose: str, title: str, filters: str = "") -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, _start(purpose), filters)
    return _remember(purpose, path)


def open_files(parent: QWidget | None, purpose: str, title: str, filters: str = "") -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, _start(purpose), filters)
    if paths:
        _remember(purpose, paths[0])
    return paths


def save_file(parent: QWidget | None, purpose: str, title: str, suggested: str, filters: str = "") -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, _start(purpose, suggested), filters)
    return _remember(purpose, path)


def existing_dir(parent: QWidget | None, purpose: str, title: str, start: str = "") -> str:
    path = QFileDialog.getExistingDirectory(parent, title, start or _start(purpose))
    if path:
        Preferences().s.setValue(f"folders/{purpose}", path)
    return path
