"""Status colours read: every status text colour, and the failure text, at least 4.5:1 (WCAG AA)
against the backgrounds they are drawn on, in the light and the dark theme."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ledger_app.ui.colors import STATUS_TEXT, contrast_ratio, text_color
from ledger_app.ui.theme import apply_theme

AA = 4.5


def test_the_ratio_is_the_wcag_one():
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_status_colours_in_both_themes(qapp, theme):
    apply_theme(qapp, theme)
    try:
        pal = QGuiApplication.palette()
        backgrounds = {role.name: pal.color(role) for role in
                       (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase, QPalette.ColorRole.Window)}
        low = []
        for name in STATUS_TEXT:
            fg = text_color(name, pal)
            for where, bg in backgrounds.items():
                ratio = contrast_ratio(fg, bg)
                if ratio < AA:
                    low.append(f"{name} {fg.name()} on {where} {bg.name()}: {ratio:.2f}:1")
        failure = pal.color(QPalette.ColorRole.BrightText)  # QLabel#Failure in app.qss
        if contrast_ratio(failure, pal.color(QPalette.ColorRole.Window)) < AA:
            low.append(f"failure text {failure.name()}")
        assert low == []
        # And the models really use them: an overdue request reads in this theme's red.
        from PySide6.QtCore import Qt

        from ledger_app.ui.models.queue import TakedownQueueModel

        model = TakedownQueueModel([{"id": 1, "type": "dmca", "status": "validated", "requester_kind": "individual",
                                     "received": "2000-01-01", "due_by": "2000-01-15", "matches": 0, "overdue": True}])
        assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == text_color("bad", pal)
    finally:
        apply_theme(qapp, "light")


def test_the_old_colours_were_too_faint():
    """What the tables used before: orange and green text below 4.5:1 on white."""
    white = QColor("#ffffff")
    assert contrast_ratio(QColor("#d9912b"), white) < AA and contrast_ratio(QColor("#2e9e5b"), white) < AA
