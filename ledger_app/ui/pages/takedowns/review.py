"""The Takedowns page's review: the matches of the selected request with their evidence, accepted
or rejected one by one (A / R keys) or in bulk, and recorded in the ledger. Decisions not yet
recorded are kept per request and never lost without a word (`settle_unrecorded`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.messages import QT_TRANSLATE_NOOP
from ledger_app.ui.models.matches import MatchesModel
from ledger_app.ui.tasks import Task
from ledger_app.ui.widgets.evidence import EvidenceView
from ledger_app.ui.widgets.task_table import data_table


class TakedownReview:
    """A part of TakedownsPage (page.py), which holds the state these methods share."""

    def _build_review_tab(self) -> None:
        """The Review tab: the decision buttons, the matches table and the evidence beside it."""
        review = QWidget(self.tabs)
        self.review_tab = review
        rl = QVBoxLayout(review)
        rbar = QHBoxLayout()
        self.accept_button = QPushButton(icon(Icon.OK), "", review)
        self.accept_button.setObjectName("AcceptButton")
        self.reject_button = QPushButton(icon(Icon.CANCEL), "", review)
        self.reject_button.setObjectName("RejectButton")
        self.accept_rest_button = QPushButton(review)
        self.accept_rest_button.setObjectName("AcceptRestButton")
        self.reject_rest_button = QPushButton(review)
        self.reject_rest_button.setObjectName("RejectRestButton")
        self.record_button = QPushButton(icon(Icon.LEDGER), "", review)
        self.record_button.setObjectName("RecordDecisionsButton")
        self.review_info = QLabel(review)
        for w in (self.accept_button, self.reject_button, self.accept_rest_button, self.reject_rest_button,
                  self.record_button):
            rbar.addWidget(w)
        rbar.addStretch(1)
        rl.addLayout(rbar)
        rl.addWidget(self.review_info)
        rsplit = QSplitter(Qt.Orientation.Horizontal, review)
        self.matches_table = data_table(rsplit, "MatchesTable")
        self.matches_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.matches_table.setModel(self.matches)
        # Item IDs differ at their end: a column too narrow for one cuts it in the middle.
        self.matches_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        mh = self.matches_table.horizontalHeader()
        # The numbers and the decision whole (tens of rows: measuring them is cheap); the item ID takes
        # the rest, cut in the middle when it must be.
        mh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        mh.setSectionResizeMode(MatchesModel.COL_ITEM, QHeaderView.ResizeMode.Stretch)
        self.matches_table.selectionModel().currentRowChanged.connect(lambda cur, _p: self.show_evidence(cur.row()))
        self.matches_table.installEventFilter(self)
        self.evidence = EvidenceView(rsplit)
        rsplit.setStretchFactor(0, 1)
        rsplit.setStretchFactor(1, 1)
        rl.addWidget(rsplit, 1)
        self.tabs.addTab(review, "")
        self.review_split = rsplit  # sized by the page, once the whole page is built
        self.accept_button.clicked.connect(lambda: self.decide_selected("accepted"))
        self.reject_button.clicked.connect(lambda: self.decide_selected("rejected"))
        self.accept_rest_button.clicked.connect(lambda: self.decide_rest("accepted"))
        self.reject_rest_button.clicked.connect(lambda: self.decide_rest("rejected"))
        self.record_button.clicked.connect(self.record_decisions)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """A accepts and R rejects the selected matches and moves on; arrows move as usual."""
        if obj is self.matches_table and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_A and self.accept_button.isEnabled():
                self.decide_selected("accepted")
                return True
            if key == Qt.Key.Key_R and self.reject_button.isEnabled():
                self.decide_selected("rejected")
                return True
        return super().eventFilter(obj, event)

    def selected_rows(self) -> list[int]:
        rows = sorted({i.row() for i in self.matches_table.selectionModel().selectedRows()})
        if not rows and self.matches_table.currentIndex().isValid():
            rows = [self.matches_table.currentIndex().row()]
        return rows

    def decide_selected(self, decision: str) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        self.matches.decide(rows, decision)
        nxt = max(rows) + 1
        if nxt < self.matches.rowCount():
            self.matches_table.selectionModel().setCurrentIndex(
                self.matches.index(nxt, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._unrecorded_changed()
        self._render()

    def decide_rest(self, decision: str) -> None:
        rows = [k for k, r in enumerate(self.matches.rows) if self.matches.decision(r) == "pending"]
        self.matches.decide(rows, decision)
        self._unrecorded_changed()
        self._render()

    def unrecorded_counts(self) -> dict[int, int]:
        """Request id -> how many review decisions made here are not recorded yet."""
        return {rid: len(d) for rid, d in self.unrecorded.items() if d}

    def _unrecorded_changed(self) -> None:
        self.queue.set_unrecorded(self.unrecorded_counts())
        self._queue_info()

    def discard_unrecorded(self) -> None:
        for d in self.unrecorded.values():
            d.clear()
        self._load_matches()
        self._render()

    def ask_unrecorded(self, counts: dict[int, int]) -> str:
        """Record or discard decisions not yet recorded: "record", "discard" or "cancel"."""
        box = QMessageBox(self)
        box.setObjectName("UnrecordedDecisionsBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Review decisions not recorded"))
        n = sum(counts.values())
        box.setText(self.tr("Review decisions not yet recorded in the ledger: {n}").format(n=n) + " ("
                    + ", ".join(self.tr("request #{id}: {n}").format(id=rid, n=k) for rid, k in sorted(counts.items()))
                    + ").")
        box.setInformativeText(self.tr("Record them now, or discard them?"))
        record = box.addButton(self.tr("Record them"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Discard them"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(record)
        self.unrecorded_box = box
        box.exec()
        clicked = box.clickedButton()
        self.unrecorded_box = None
        box.deleteLater()
        return "record" if clicked is record else "discard" if clicked is discard else "cancel"

    def settle_unrecorded(self, then: Callable[[], None]) -> bool:
        """Before leaving (closing the window, opening another workspace): nothing unrecorded, or
        the user chose to record (then `then` runs once they are in the ledger) or to discard them.
        Returns True when `then` ran (or will run), False when the user stayed."""
        counts = self.unrecorded_counts()
        if not counts:
            then()
            return True
        choice = self.ask_unrecorded(counts)
        if choice == "cancel":
            return False
        if choice == "discard":
            self.discard_unrecorded()
            then()
            return True
        self.record_all(then=then)
        return True

    def record_all(self, then: Callable[[], None] | None = None) -> Task | None:
        """Record the unrecorded decisions of every request, in one background write."""
        td = self.td
        plan = {rid: ([i for i, d in ds.items() if d == "accepted"], [i for i, d in ds.items() if d == "rejected"])
                for rid, ds in self.unrecorded.items() if ds}
        if td is None or not plan:
            if then:
                then()
            return None

        def work(p, c) -> dict:
            out = {}
            for rid, (acc, rej) in sorted(plan.items()):
                out[rid] = td.review(rid, accept=sorted(acc), reject=sorted(rej))
            return out

        def done(res: dict) -> None:
            for rid, (acc, rej) in plan.items():
                ds = self.unrecorded.get(rid, {})
                for i in [*acc, *rej]:
                    ds.pop(i, None)
            self._say(None, QT_TRANSLATE_NOOP("TakedownsPage", 'Decisions recorded in the ledger for {requests}.'), requests=', '.join(f'#{rid}' for rid in sorted(res)))
            self.session.notify_data_changed()
            if then:
                then()

        return self._run("review", work, done)

    def record_decisions(self) -> Task | None:
        td, cur = self.td, self.current
        acc, rej = self.matches.pending_changes()
        if td is None or cur is None or not (acc or rej):
            return None
        rid = cur["id"]

        def done(res: dict) -> None:
            ds = self.unrecorded.get(rid, {})
            for i in [*acc, *rej]:
                ds.pop(i, None)
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Decisions recorded in the ledger; {n} still pending.'), n=res.pending)
            self.session.notify_data_changed()

        return self._run("review", lambda p, c: td.review(rid, accept=acc, reject=rej), done)
