"""Dashboard charts drawn with QPainter, fed from plain dicts.

The data functions (`status_bars`, `c2pa_slices`, `due_bars`) turn what a service returns (plain
dicts and lists) into bars/slices; the widgets only draw. So plugging the item and takedown
services into the dashboard is one call per chart: `chart.set_bars(status_bars(counts))`.
QPainter rather than QtCharts keeps start-up fast (QtCharts pulls in the Graphics View stack).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ledger_app.ui import metrics


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    color: str
    highlight: bool = False  # drawn with an outline and a bold label (e.g. overdue requests)


STATUS_COLORS = {"admitted": "#2e9e5b", "quarantined": "#d9912b", "refused": "#8a6bd1", "purged": "#6b7280"}
C2PA_COLORS = {
    "none": "#9aa3ad",
    "Valid": "#4f8fdf",
    "Trusted": "#2e9e5b",
    "Invalid": "#d64545",
    "unreadable": "#d9912b",
    "remote": "#8a6bd1",
}


def _status_label(status: str) -> str:
    labels = {
        "admitted": QCoreApplication.translate("Charts", "Admitted"),
        "quarantined": QCoreApplication.translate("Charts", "Quarantined"),
        "refused": QCoreApplication.translate("Charts", "Refused"),
        "purged": QCoreApplication.translate("Charts", "Purged"),
    }
    return labels.get(status, status)


def _c2pa_label(state: str) -> str:
    labels = {
        "none": QCoreApplication.translate("Charts", "No credentials"),
        "Valid": QCoreApplication.translate("Charts", "Valid"),
        "Trusted": QCoreApplication.translate("Charts", "Trusted"),
        "Invalid": QCoreApplication.translate("Charts", "Invalid"),
        "unreadable": QCoreApplication.translate("Charts", "Unreadable"),
        "remote": QCoreApplication.translate("Charts", "Remote manifest"),
    }
    return labels.get(state, state)


def status_bars(counts: dict[str, int]) -> list[Bar]:
    """Items by status, e.g. {"admitted": 9120, "quarantined": 31, "purged": 4}."""
    order = [s for s in STATUS_COLORS if s in counts] + sorted(s for s in counts if s not in STATUS_COLORS)
    return [Bar(_status_label(s), float(counts[s]), STATUS_COLORS.get(s, "#4f8fdf")) for s in order]


def c2pa_slices(counts: dict[str, int]) -> list[Bar]:
    """C2PA coverage by validation state, e.g. {"none": 800, "Valid": 150, "Trusted": 40, "Invalid": 10}."""
    order = [s for s in C2PA_COLORS if s in counts] + sorted(s for s in counts if s not in C2PA_COLORS)
    return [Bar(_c2pa_label(s), float(counts[s]), C2PA_COLORS.get(s, "#4f8fdf")) for s in order if counts[s] > 0]


def due_bars(requests: list[dict], today: date) -> list[Bar]:
    """Open requests by due date: [{"id": …, "due_by": "2025-06-30", "status": "located"}, …].

    Buckets: overdue (highlighted), due within 7 days, due later. Closed requests are skipped.
    """
    overdue = week = later = 0
    for r in requests:
        if r.get("status") in ("closed", "rejected", "certified"):
            continue
        due = date.fromisoformat(str(r["due_by"])[:10])
        days = (due - today).days
        if days < 0:
            overdue += 1
        elif days <= 7:
            week += 1
        else:
            later += 1
    return [
        Bar(QCoreApplication.translate("Charts", "Overdue"), overdue, "#d64545", highlight=overdue > 0),
        Bar(QCoreApplication.translate("Charts", "Due within 7 days"), week, "#d9912b"),
        Bar(QCoreApplication.translate("Charts", "Due later"), later, "#4f8fdf"),
    ]


class BarChart(QWidget):
    """Horizontal bars with a label and value each."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.setMinimumHeight(metrics.CHART_MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        self.setAccessibleDescription("; ".join(f"{b.label}: {b.value:g}" for b in self.bars))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, max(metrics.CHART_MIN_HEIGHT, 34 * len(self.bars) + 16))

    def paintEvent(self, _event) -> None:
        if not self.bars:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        fm = p.fontMetrics()
        label_w = max(fm.horizontalAdvance(b.label) for b in self.bars) + metrics.SPACING
        value_w = max(fm.horizontalAdvance(f"{b.value:,.0f}") for b in self.bars) + metrics.SPACING
        top = metrics.SPACING
        row_h = min(34, (self.height() - 2 * top) / len(self.bars))
        bar_h = max(8.0, row_h * 0.6)
        span = max(1.0, self.width() - label_w - value_w - 2 * metrics.SPACING)
        peak = max((b.value for b in self.bars), default=0) or 1
        for i, b in enumerate(self.bars):
            y = top + i * row_h
            font = p.font()
            font.setBold(b.highlight)
            p.setFont(font)
            p.setPen(QColor(b.color) if b.highlight else text)
            p.drawText(QRectF(0, y, label_w, row_h), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, b.label)
            w = span * b.value / peak
            rect = QRectF(label_w, y + (row_h - bar_h) / 2, max(w, 2.0), bar_h)
            p.setPen(QPen(QColor(b.color).darker(140), 2) if b.highlight else Qt.PenStyle.NoPen)
            p.setBrush(QColor(b.color))
            p.drawRoundedRect(rect, 3, 3)
            p.setPen(text)
            p.drawText(
                QRectF(label_w + w + metrics.SPACING / 2, y, value_w, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                f"{b.value:,.0f}",
            )
        p.end()


class DonutChart(QWidget):
    """Shares of a whole as a ring, with a legend and the total in the middle."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.slices: list[Bar] = []
        self.center_text = ""
        self.setMinimumHeight(metrics.CHART_MIN_HEIGHT)

    def set_slices(self, slices: list[Bar], center_text: str = "") -> None:
        self.slices = [s for s in slices if s.value > 0]
        self.center_text = center_text
        self.setAccessibleDescription("; ".join(f"{s.label}: {s.value:g}" for s in self.slices))
        self.update()

    def total(self) -> float:
        return sum(s.value for s in self.slices)

    def paintEvent(self, _event) -> None:
        total = self.total()
        if total <= 0:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        d = min(self.height() - 2 * metrics.SPACING, self.width() * 0.45)
        ring = QRectF(metrics.SPACING, (self.height() - d) / 2, d, d)
        thickness = d * 0.22
        angle = 90 * 16
        for s in self.slices:
            span = -int(round(360 * 16 * s.value / total))
            p.setPen(QPen(QColor(s.color), thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
            inner = ring.adjusted(thickness / 2, thickness / 2, -thickness / 2, -thickness / 2)
            p.drawArc(inner, angle, span)
            angle += span
        p.setPen(text)
        p.drawText(ring, Qt.AlignmentFlag.AlignCenter, self.center_text or f"{total:,.0f}")
        x = ring.right() + 2 * metrics.SPACING
        fm = p.fontMetrics()
        y = (self.height() - len(self.slices) * (fm.height() + 6)) / 2
        for s in self.slices:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(s.color))
            p.drawRoundedRect(QRectF(x, y + 3, 12, 12), 2, 2)
            p.setPen(text)
            p.drawText(QRectF(x + 18, y, self.width() - x - 18, fm.height() + 6),
                       Qt.AlignmentFlag.AlignVCenter, f"{s.label}  {100 * s.value / total:.1f} %")
            y += fm.height() + 6
        p.end()
