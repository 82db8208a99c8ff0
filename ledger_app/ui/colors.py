"""Status colours for text, one owner: a light and a dark shade of each, both at least 4.5:1
(WCAG AA) against the table background and its alternate rows in their theme
(tests/ui/test_contrast.py computes it). Text colour follows the palette in use, so a table painted
after a theme switch reads in the new theme without any model knowing about themes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

# name -> (on a light background, on a dark background)
STATUS_TEXT = {
    "good": ("#1b7340", "#5fd08f"),  # accepted, purged, verified
    "warning": ("#9a5800", "#f2b05e"),  # pending, included, quarantined
    "bad": ("#b3261e", "#ff8a80"),  # rejected, overdue, invalid
    "muted": ("#545b66", "#a9b1bc"),  # not found, closed
    "other": ("#6a4bb8", "#b9a3f0"),  # refused
}


def is_dark(palette: QPalette | None = None) -> bool:
    pal = palette or QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Base).lightness() < 128


def text_color(name: str, palette: QPalette | None = None) -> QColor:
    light, dark = STATUS_TEXT[name]
    return QColor(dark if is_dark(palette) else light)


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""

    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
