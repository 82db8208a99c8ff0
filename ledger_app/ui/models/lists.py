"""Small table models over a list of dicts already in memory: the takedown queue, the matches of
one request, and the results of a rights check. They are short lists (a request has tens of
matches, the queue hundreds of requests), so each is read whole; the item table pages instead.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ledger_app.ui.models import RecordRole
from ledger_app.ui.qtcompat import emit

_Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOR = "#d64545"
DECISION_COLORS = {"accepted": "#2e9e5b", "rejected": "#d64545", "pending": "#d9912b"}
VERDICT_COLORS = {"included": "#d9912b", "purged": "#2e9e5b", "not_found": "#6b7280"}


def request_type_text(t: str) -> str:
    return {
        "dmca": QCoreApplication.translate("Takedowns", "DMCA notice"),
        "gdpr": QCoreApplication.translate("Takedowns", "GDPR erasure"),
        "publisher": QCoreApplication.translate("Takedowns", "Publisher demand"),
        "optout": QCoreApplication.translate("Takedowns", "User opt-out"),
        "license": QCoreApplication.translate("Takedowns", "Licence expiry"),
        "court": QCoreApplication.translate("Takedowns", "Court order"),
        "other": QCoreApplication.translate("Takedowns", "Other"),
    }.get(t, t)


def requester_kind_text(k: str) -> str:
    return {
        "news_publisher": QCoreApplication.translate("Takedowns", "News publisher"),
        "individual": QCoreApplication.translate("Takedowns", "Individual"),
        "rights_org": QCoreApplication.translate("Takedowns", "Rights organisation"),
        "internal": QCoreApplication.translate("Takedowns", "Internal"),
    }.get(k, k)


def request_status_text(s: str) -> str:
    return {
        "received": QCoreApplication.translate("Takedowns", "received"),
        "validated": QCoreApplication.translate("Takedowns", "validated"),
        "rejected": QCoreApplication.translate("Takedowns", "rejected"),
        "located": QCoreApplication.translate("Takedowns", "located"),
        "reviewed": QCoreApplication.translate("Takedowns", "reviewed"),
        "approved": QCoreApplication.translate("Takedowns", "approved"),
        "purged": QCoreApplication.translate("Takedowns", "purged"),
        "certified": QCoreApplication.translate("Takedowns", "certified"),
        "closed": QCoreApplication.translate("Takedowns", "closed"),
    }.get(s, s)


def method_text(m: str) -> str:
    return {
        "exact": QCoreApplication.translate("Takedowns", "exact hash"),
        "perceptual": QCoreApplication.translate("Takedowns", "perceptual"),
        "text": QCoreApplication.translate("Takedowns", "text overlap"),
        "url": QCoreApplication.translate("Takedowns", "URL"),
        "account": QCoreApplication.translate("Takedowns", "account"),
        "c2pa": QCoreApplication.translate("Takedowns", "C2PA signer"),
    }.get(m, m)


def decision_text(d: str) -> str:
    return {
        "pending": QCoreApplication.translate("Takedowns", "pending"),
        "accepted": QCoreApplication.translate("Takedowns", "accepted"),
        "rejected": QCoreApplication.translate("Takedowns", "rejected"),
    }.get(d, d)


def verdict_text(v: str) -> str:
    return {
        "included": QCoreApplication.translate("Rights", "included"),
        "purged": QCoreApplication.translate("Rights", "purged"),
        "not_found": QCoreApplication.translate("Rights", "not found"),
    }.get(v, v)


class DictListModel(QAbstractTableModel):
    """Rows are dicts; subclasses name the columns and say how a cell reads."""

    COLUMNS = 0

    def __init__(self, rows: list[dict] | None = None, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.rows: list[dict] = list(rows or [])

    def headers(self) -> list[str]:
        raise NotImplementedError

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> dict | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.COLUMNS:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < self.COLUMNS:
            return None
        rec = self.rows[index.row()]
        if role == RecordRole:
            return rec
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.cell(rec, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            color = self.color(rec, index.column())
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.FontRole and self.bold(rec):
            f = QFont()
            f.setBold(True)
            return f
        return None

    def cell(self, rec: dict, col: int) -> str:
        raise NotImplementedError

    def color(self, rec: dict, col: int) -> str | None:
        return None

    def bold(self, rec: dict) -> bool:
        return False

    def retranslate(self, header) -> None:  # noqa: ANN001 - see LedgerEntryModel.retranslate
        header.headerDataChanged(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self.rows:
            header.viewport().update()


class TakedownQueueModel(DictListModel):
    """The requests of `TakedownService.list()`; overdue open requests are red and bold."""

    COL_ID, COL_TYPE, COL_REQUESTER, COL_STATUS, COL_RECEIVED, COL_DUE, COL_MATCHES = range(7)
    COLUMNS = 7

    def headers(self) -> list[str]:
        return [self.tr("Request"), self.tr("Type"), self.tr("Requester"), self.tr("Status"), self.tr("Received"),
                self.tr("Due by"), self.tr("Matches")]

    def cell(self, rec: dict, col: int) -> str:
        if col == self.COL_ID:
            return f"#{rec['id']}"
        if col == self.COL_TYPE:
            return request_type_text(rec["type"])
        if col == self.COL_REQUESTER:
            return requester_kind_text(rec["requester_kind"])
        if col == self.COL_STATUS:
            return request_status_text(rec["status"])
        if col == self.COL_RECEIVED:
            return str(rec["received"])
        if col == self.COL_DUE:
            due = str(rec["due_by"])
            if rec.get("overdue"):
                days = (date.today() - date.fromisoformat(due[:10])).days
                return self.tr("{date} (overdue by {n} days)").format(date=due, n=days)
            return due
        if col == self.COL_MATCHES:
            return str(rec.get("matches", 0))
        return ""

    def color(self, rec: dict, col: int) -> str | None:
        return OVERDUE_COLOR if rec.get("overdue") else None

    def bold(self, rec: dict) -> bool:
        return bool(rec.get("overdue"))

    def row_of(self, rid: int) -> int:
        return next((k for k, r in enumerate(self.rows) if r["id"] == rid), -1)


class MatchesModel(DictListModel):
    """The matches of one request, with decisions the reviewer made but has not recorded yet."""

    COL_ITEM, COL_METHOD, COL_SCORE, COL_DECISION = range(4)
    COLUMNS = 4

    def __init__(self, rows: list[dict] | None = None, parent=None):  # noqa: ANN001
        super().__init__(rows, parent)
        self.decisions: dict[str, str] = {}  # item_id -> decision chosen here, not yet recorded

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Method"), self.tr("Score"), self.tr("Decision")]

    def set_rows(self, rows: list[dict]) -> None:
        self.decisions = {}
        super().set_rows(rows)

    def decision(self, rec: dict) -> str:
        return self.decisions.get(rec["item_id"], rec["decision"])

    def decide(self, rows: list[int], decision: str) -> None:
        """Mark the given rows (every match of their items) accepted or rejected."""
        items = {self.rows[r]["item_id"] for r in rows if 0 <= r < len(self.rows)}
        for item_id in items:
            self.decisions[item_id] = decision
        changed = [k for k, r in enumerate(self.rows) if r["item_id"] in items]
        if changed:
            # One emit per user action, through qtcompat.emit (PySide6 6.12 loses a reference per emit).
            emit(self.dataChanged, self.index(min(changed), 0), self.index(max(changed), self.COLUMNS - 1))

    def pending_changes(self) -> tuple[list[str], list[str]]:
        """(accepted, rejected) item IDs that differ from what is recorded."""
        recorded = {r["item_id"]: r["decision"] for r in self.rows}
        acc = sorted(i for i, d in self.decisions.items() if d == "accepted" and recorded.get(i) != d)
        rej = sorted(i for i, d in self.decisions.items() if d == "rejected" and recorded.get(i) != d)
        return acc, rej

    def counts(self) -> dict[str, int]:
        out = {"pending": 0, "accepted": 0, "rejected": 0}
        for item_id in {r["item_id"] for r in self.rows}:
            rec = next(r for r in self.rows if r["item_id"] == item_id)
            d = self.decision(rec)
            out[d] = out.get(d, 0) + 1
        return out

    def cell(self, rec: dict, col: int) -> str:
        if col == self.COL_ITEM:
            return rec["item_id"]
        if col == self.COL_METHOD:
            return method_text(rec["method"])
        if col == self.COL_SCORE:
            s = rec["score"]
            if isinstance(s, float):
                return f"{s:.3f}"
            if s == "exact":
                return self.tr("exact")
            return str(s)
        if col == self.COL_DECISION:
            d = self.decision(rec)
            text = decision_text(d)
            return text + " *" if rec["item_id"] in self.decisions and d != rec["decision"] else text
        return ""

    def color(self, rec: dict, col: int) -> str | None:
        return DECISION_COLORS.get(self.decision(rec)) if col == self.COL_DECISION else None


class InclusionResultsModel(DictListModel):
    """One row per query of a rights check: what was asked, the verdict, where it was found."""

    COL_QUERY, COL_VERDICT, COL_ITEMS, COL_NEAR = range(4)
    COLUMNS = 4

    def headers(self) -> list[str]:
        return [self.tr("Work"), self.tr("Verdict"), self.tr("Items"), self.tr("Near copies")]

    @staticmethod
    def _items(items: list[dict]) -> str:
        return ", ".join(f"{i['item_id']} ({status_of(i)})" for i in items) or "—"

    def cell(self, rec: dict, col: int) -> str:
        q = rec["query"]
        if col == self.COL_QUERY:
            return q.get("name") or q.get("value", "")
        if col == self.COL_VERDICT:
            return verdict_text(rec["verdict"])
        if col == self.COL_ITEMS:
            return self._items(rec.get("items", []))
        if col == self.COL_NEAR:
            return self._items(rec.get("near_copies", []))
        return ""

    def color(self, rec: dict, col: int) -> str | None:
        return VERDICT_COLORS.get(rec["verdict"]) if col == self.COL_VERDICT else None


def status_of(item: dict) -> str:
    from ledger_app.ui.models.items import status_text

    return status_text(item.get("status", ""))
