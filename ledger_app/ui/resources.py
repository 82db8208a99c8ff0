"""Where the shipped resources (icons, translations, styles) live, in a checkout or a bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundled = getattr(sys, "_MEIPASS", None)  # PyInstaller puts data files under _MEIPASS
    if bundled:
        return Path(bundled) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


ICONS = resources_dir() / "icons"
TRANSLATIONS = resources_dir() / "translations"
STYLES = resources_dir() / "styles"
