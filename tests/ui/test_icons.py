"""Every named icon exists in a light and a dark variant and renders."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from ledger_app.ui import metrics
from ledger_app.ui.icons import Icon, icon_path


def test_every_icon_has_both_variants(qapp):
    for name in Icon:
        for dark in (False, True):
            path = icon_path(name, dark=dark)
            pm = QIcon(path).pixmap(metrics.SIDEBAR_ICON, metrics.SIDEBAR_ICON)
            assert not pm.isNull(), path
            assert not pm.toImage().allGray() or name in (Icon.COPY,), path


def test_variants_differ(qapp):
    assert open(icon_path(Icon.LEDGER, dark=False)).read() != open(icon_path(Icon.LEDGER, dark=True)).read()
