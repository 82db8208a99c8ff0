"""Where the shipped resources (icons, translations, styles, the PDF strings) live, without Qt.

The same lookup as ledger_app.ui.resources, for the layers below the interface: in a PyInstaller
bundle the spec copies resources/ to sys._MEIPASS/resources; in a checkout (and an editable install)
it is resources/ beside the package. A built wheel does not carry resources/ (it lies outside the
package), so, like the compiled .qm translations, these files come with the checkout or the bundle.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    bundled = getattr(sys, "_MEIPASS", None)  # PyInstaller puts data files under _MEIPASS
    if bundled:
        return Path(bundled) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"
