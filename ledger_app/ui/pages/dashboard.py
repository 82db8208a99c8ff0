"""The Dashboard: ledger health, items by status, C2PA coverage and open requests by due date.

Charts are plugged in with `show_item_stats`, `show_c2pa_coverage` and `show_requests`, which take
plain dicts/lists (see widgets/charts.py). `refresh_charts` feeds them from `corpus.stats()` and
`takedown.list(open_only=True)` through the task helper (counting a million items is not for the
main thread), after every change the session announces. With no data, each card says what is
missing and where to go, rather than showing invented numbers.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ledger_app.core.errors import LedgerAppError
from ledger_app.core.messages import Said
from ledger_app.ui import metrics
from ledger_app.ui.errors import error_text, said_message
from ledger_app.ui.pages import Page, empty_state_label
from ledger_app.ui.prefs import Preferences
from ledger_app.ui.session import Session
from ledger_app.ui.widgets.charts import BarChart, DonutChart, c2pa_slices, due_bars, status_bars


class Card(QFrame):
    """A titled box holding either a chart or an empty-state sentence."""

    def __init__(self, chart: QWidget | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("Card")
        self.setMinimumWidth(metrics.CARD_MIN_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(metrics.MARGIN, metrics.MARGIN, metrics.MARGIN, metrics.MARGIN)
        self.heading = QLabel(self)
        self.heading.setObjectName("CardTitle")
        layout.addWidget(self.heading)
        self.stack = QStackedWidget(self)
        self.empty = empty_state_label(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        self.chart = chart
        if chart is not None:
            self.stack.addWidget(chart)
        layout.addWidget(self.stack, 1)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note)

    def show_empty(self, text: str) -> None:
        self.empty.setText(text)
        self.stack.setCurrentWidget(self.empty)

    def show_chart(self) -> None:
        assert self.chart is not None
        self.stack.setCurrentWidget(self.chart)

    @property
    def showing_chart(self) -> bool:
        return self.chart is not None and self.stack.currentWidget() is self.chart


class DashboardPage(Page):
    def __init__(self, session: Session, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(session, prefs, "DashboardPage", parent, spacing=False)
        self._items: dict[str, int] | None = None
        self._c2pa: tuple[dict[str, int], float | None] | None = None
        self._requests: tuple[list[dict], date] | None = None
        self.charts_task = None  # the running stats read, if any
        self._charts_again = False  # another change arrived while it ran
        self.charts_loaded = 0  # how many stats reads were shown (for tests)

        outer = self.outer
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        grid = QGridLayout(body)
        grid.setSpacing(metrics.SECTION_GAP)
        grid.setContentsMargins(0, 0, 0, 0)

        self.health = Card(None, body)
        self.health_labels = {k: QLabel(self.health) for k in ("size", "checkpoint", "verified")}
        self.health_values = {k: QLabel(self.health) for k in ("size", "checkpoint", "verified")}
        hl = QGridLayout()
        for row, key in enumerate(("size", "checkpoint", "verified")):
            self.health_values[key].setWordWrap(True)
            self.health_values[key].setObjectName(f"Health_{key}")
            self.health_values[key].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            hl.addWidget(self.health_labels[key], row, 0, Qt.AlignmentFlag.AlignTop)
            hl.addWidget(self.health_values[key], row, 1)
        hl.setColumnStretch(1, 1)
        self.health.layout().insertLayout(1, hl)
        self.health.stack.hide()

        self.items_card = Card(BarChart(), body)
        self.c2pa_card = Card(DonutChart(), body)
        self.requests_card = Card(BarChart(), body)
        grid.addWidget(self.health, 0, 0, 1, 2)
        grid.addWidget(self.items_card, 1, 0)
        grid.addWidget(self.c2pa_card, 1, 1)
        grid.addWidget(self.requests_card, 2, 0, 1, 2)
        grid.setRowStretch(3, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        session.opened.connect(self.refresh)
        session.ledger_changed.connect(self.refresh)
        session.opened.connect(self.refresh_charts)
        session.data_changed.connect(self.refresh_charts)
        self.retranslate()

    def refresh_charts(self) -> None:
        """Re-read the item and request counts in the background and show them."""
        services = self.session.services
        if services is None or not self.session.has_ledger():
            return
        if self.charts_task is not None:
            self._charts_again = True
            return

        def work(progress, cancelled) -> tuple[dict, list[dict], int]:
            td = services.takedown
            return services.corpus.stats(), [r.to_json() for r in td.list(open_only=True)], len(td.list())

        def done(result: tuple[dict, list[dict], int]) -> None:
            stats, requests, all_requests = result
            self.show_item_stats(stats.by_status or None)
            self.show_c2pa_coverage(stats.c2pa or None, stats.ai_share if stats.total else None)
            self.show_requests(requests or None)
            if not requests and all_requests:
                self.requests_card.show_empty(
                    self.tr("No open requests: all {n} are certified, closed or rejected.").format(n=all_requests))
            self.charts_loaded += 1

        def finished() -> None:
            self.charts_task = None
            if self._charts_again:
                self._charts_again = False
                self.refresh_charts()

        self.charts_task = self.session.runner.run("dashboard", work, on_success=done, error_parent=self)
        self.charts_task.finished.connect(finished)

    # --- plug-in points for the item and takedown services -----------------------------------

    def show_item_stats(self, counts_by_status: dict[str, int] | None) -> None:
        self._items = counts_by_status or None
        self._render_items()

    def show_c2pa_coverage(self, counts_by_state: dict[str, int] | None, ai_generated_share: float | None = None) -> None:
        self._c2pa = (counts_by_state, ai_generated_share) if counts_by_state else None
        self._render_c2pa()

    def show_requests(self, open_requests: list[dict] | None, today: date | None = None) -> None:
        self._requests = (open_requests, today or date.today()) if open_requests else None
        self._render_requests()

    def _render_items(self) -> None:
        if not self._items:
            self.items_card.show_empty(self.tr("No corpora yet — register one in Corpora & items."))
            return
        self.items_card.chart.set_bars(status_bars(self._items))
        self.items_card.show_chart()

    def _render_c2pa(self) -> None:
        card = self.c2pa_card
        if not self._c2pa:
            card.show_empty(self.tr("No items yet — C2PA coverage appears after the first ingest."))
            card.note.hide()
            return
        counts, ai_share = self._c2pa
        card.chart.set_slices(c2pa_slices(counts))
        card.show_chart()
        if ai_share is not None:
            card.note.setText(self.tr("AI-generated items: {share:.1f} %").format(share=100 * ai_share))
            card.note.show()

    def _render_requests(self) -> None:
        if not self._requests:
            self.requests_card.show_empty(self.tr("No takedown requests yet — open one in Takedowns."))
            return
        requests, today = self._requests
        self.requests_card.chart.set_bars(due_bars(requests, today))
        self.requests_card.show_chart()

    # --- strings and ledger health -----------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Dashboard"))
        self.health.heading.setText(self.tr("Ledger health"))
        self.health_labels["size"].setText(self.tr("Entries:"))
        self.health_labels["checkpoint"].setText(self.tr("Last checkpoint:"))
        self.health_labels["verified"].setText(self.tr("Last full verification:"))
        self.items_card.heading.setText(self.tr("Items by status"))
        self.c2pa_card.heading.setText(self.tr("C2PA coverage"))
        self.requests_card.heading.setText(self.tr("Open requests by due date"))
        self._render_items()
        self._render_c2pa()
        self._render_requests()
        self.refresh()

    def showEvent(self, event) -> None:
        # The last verification may have been recorded on the Ledger screen since the last look.
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        v = self.health_values
        if not self.session.is_open:
            for label in v.values():
                label.setText("—")
            return
        if not self.session.has_ledger():
            v["size"].setText(self.tr("No ledger yet — create it on the Ledger screen."))
            v["checkpoint"].setText("—")
            v["verified"].setText("—")
            return
        store = self.session.ledger.ws.store
        try:
            v["size"].setText(f"{store.size():,}")
            cp = store.latest_checkpoint()
            # When it was signed: the time in the last leaf it covers (signed), not the checkpoint
            # table's created_at column, which no signature covers.
            signed_at = self.session.ledger.show(cp.size - 1).created_at if cp is not None and cp.size else None
            # A database behind (or forked from) the checkpoint this workspace last saw: said here
            # until an operator acknowledges it (`ledger log acknowledge-rollback`), as the CLI does.
            problem = self.session.ledger.anchor_problem()
        except LedgerAppError as exc:
            v["size"].setText(error_text(exc))
            return
        if problem:
            v["checkpoint"].setText(said_message(problem).text() if isinstance(problem, Said) else problem)
        elif cp is None:
            v["checkpoint"].setText(self.tr("none yet"))
        else:
            v["checkpoint"].setText(
                self.tr("size {size}, signed {when}").format(
                    size=f"{cp.size:,}",
                    when=datetime.fromtimestamp(signed_at).strftime("%Y-%m-%d %H:%M") if signed_at else "—",
                )
            )
        rec = self.prefs.last_verification(self.session.workspace_id)
        if rec is None:
            v["verified"].setText(self.tr("never — verify it on the Ledger screen."))
        else:
            when = datetime.fromtimestamp(rec.finished_at).strftime("%Y-%m-%d %H:%M")
            verdict = self.tr("passed") if rec.ok else self.tr("FAILED")
            v["verified"].setText(f"{when}: {verdict}. {rec.text()}")
