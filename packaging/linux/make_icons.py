"""The desktop (launcher) icon of Provenance Ledger: its one SVG source, its name, and its PNG sizes.

Why this module exists: desktops want the application icon in an XDG icon theme (hicolor) as SVG and
as PNGs at fixed sizes. The PNGs are generated here from the SVG at packaging time and never committed,
so they cannot drift from their source. (The icons *inside* the app, including its window icon, are
named by ledger_app/ui/icons.py; this is the launcher icon, drawn for panels and app grids.)

    python packaging/linux/make_icons.py OUT_DIR    # writes OUT_DIR/{scalable,16x16,...}/apps/
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ICON_NAME = "provenance-ledger"  # the .desktop file's Icon= and the metainfo's <icon type="stock">
SOURCE = Path(__file__).resolve().with_name(f"{ICON_NAME}.svg")
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render_png(size: int, out: Path) -> None:
    """Render SOURCE to a size×size PNG with Qt's SVG renderer (transparent outside the shape)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - Qt wants one for painting
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise ValueError(f"{SOURCE} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out), "PNG"):
        raise OSError(f"could not write {out}")


def write_icon_theme(hicolor: Path) -> list[Path]:
    """Write the SVG and every PNG size into an XDG hicolor tree; return the files written."""
    written = []
    scalable = hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    written.append(scalable)
    for size in SIZES:
        png = hicolor / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        render_png(size, png)
        written.append(png)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_icons.py OUT_DIR   (an XDG icon theme folder, e.g. .../icons/hicolor)")
    for path in write_icon_theme(Path(sys.argv[1])):
        print(path)
