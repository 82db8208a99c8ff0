"""Small table models over a list of dicts already in memory: the takedown queue, the matches of
one request, and the results of a rights check. They are short lists (a request has tens of
matches, the queue hundreds of requests), so each is read whole; the item table pages instead.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from ledger_app.ui.colors import text_color
from ledger_app.ui.models import RecordRole
from ledger_app.ui.qtcompat import emit

_Index = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 2  # data(index, SortRole) -> a value that sorts as people expect
# Colour names of ledger_app.ui.colors (a light and a dark shade each, both readable).
OVERDUE_COLOR = "bad"
DECISION_COLORS = {"accepted": "good", "rejected": "bad", "pending": "warning"}
VERDICT_COLORS = {"included": "warning", "purged": "good", "not_found": "muted"}
CLOSED_STATUSES = ("closed", "rejected", "certified")


def shorten_middle(text: str, width: int = 34) -> str:
    """`text` cut in the middle, keeping both ends: item IDs differ at their end
    ("photohost:photos-0000…#0012"), so cutting the end makes every row read the same."""
    if len(text) <= width:
        return text
    head = (width - 1) // 2
    tail = width - 1 - head
    return text[:head] + "…" + text[-tail:]


def days_left(due_by: str, today: date | None = None) -> int:
    """Calendar days from today to the due date (negative once overdue)."""
    return (date.fromisoformat(str(due_by)[:10]) - (today or date.today())).days


def days_left_text(n: int) -> str:
    if n == -1:
        return QCoreApplication.translate("Takedowns", "overdue by 1 day")
    if n < 0:
        return QCoreApplication.translate("Takedowns", "overdue by {n} days").format(n=-n)
    if n == 0:
        return QCoreApplication.translate("Takedowns", "due today")
    if n == 1:
        return QCoreApplication.translate("Takedowns", "1 day left")
    return QCoreApplication.translate("Takedowns", "{n} days left").format(n=n)


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

    def __init__(self, rows: list[dict] | None = None, parent=None):
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

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.COLUMNS:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < self.COLUMNS:
            return None
        rec = self.rows[index.row()]
        if role == RecordRole:
            return rec
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(rec, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(rec, index.column())
        if role == SortRole:
            return self.sort_key(rec, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            color = self.color(rec, index.column())
            return text_color(color) if color else None
        if role == Qt.ItemDataRole.FontRole and self.bold(rec):
            f = QFont()
            f.setBold(True)
            return f
        return None

    def cell(self, rec: dict, col: int) -> str:
        raise NotImplementedError

    def tooltip(self, rec: dict, col: int) -> str:
        return self.cell(rec, col)

    def sort_key(self, rec: dict, col: int):  # str, int or float
        return self.cell(rec, col)

    def color(self, rec: dict, col: int) -> str | None:
        """A colour name of ledger_app.ui.colors for the cell's text, or None."""
        return None

    def bold(self, rec: dict) -> bool:
        return False

    def retranslate(self, header) -> None:  # see LedgerEntryModel.retranslate
        header.headerDataChanged(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self.rows:
            header.viewport().update()


class TakedownQueueModel(DictListModel):
    """The requests of `TakedownService.list()`; overdue open requests are red and bold. A request
    with review decisions not yet recorded is marked (see `unrecorded`)."""

    COL_ID, COL_TYPE, COL_REQUESTER, COL_STATUS, COL_RECEIVED, COL_DUE, COL_DAYS, COL_ASSIGNEE, COL_MATCHES = range(9)
    COLUMNS = 9

    def __init__(self, rows: list[dict] | None = None, parent=None):
        super().__init__(rows, parent)
        self.unrecorded: dict[int, int] = {}  # request id -> decisions made here, not yet recorded

    def headers(self) -> list[str]:
        return [self.tr("Request"), self.tr("Type"), self.tr("Requester"), self.tr("Status"), self.tr("Received"),
                self.tr("Due by"), self.tr("Days left"), self.tr("Assignee"), self.tr("Matches")]

    @staticmethod
    def is_open(rec: dict) -> bool:
        return bool(rec.get("is_open", rec["status"] not in CLOSED_STATUSES))

    def requester(self, rec: dict) -> str:
        kind = requester_kind_text(rec["requester_kind"])
        name = rec.get("requester_name")
        return f"{name} ({kind})" if name else kind

    def cell(self, rec: dict, col: int) -> str:
        if col == self.COL_ID:
            return f"#{rec['id']}" + (" ✎" if self.unrecorded.get(rec["id"]) else "")
        if col == self.COL_TYPE:
            return request_type_text(rec["type"])
        if col == self.COL_REQUESTER:
            return self.requester(rec)
        if col == self.COL_STATUS:
            return request_status_text(rec["status"])
        if col == self.COL_RECEIVED:
            return str(rec["received"])
        if col == self.COL_DUE:
            return str(rec["due_by"])
        if col == self.COL_DAYS:
            return days_left_text(days_left(rec["due_by"])) if self.is_open(rec) else "—"
        if col == self.COL_ASSIGNEE:
            return rec.get("assignee") or "—"
        if col == self.COL_MATCHES:
            return str(rec.get("matches", 0))
        return ""

    def tooltip(self, rec: dict, col: int) -> str:
        n = self.unrecorded.get(rec["id"])
        if col == self.COL_ID and n:
            return self.tr("Review decisions made here and not yet recorded: {n}").format(n=n)
        if col == self.COL_REQUESTER and rec.get("requester_email"):
            return f"{self.requester(rec)} — {rec['requester_email']}"
        return self.cell(rec, col)

    def sort_key(self, rec: dict, col: int):
        if col == self.COL_ID:
            return int(rec["id"])
        if col == self.COL_DAYS:
            return days_left(rec["due_by"]) if self.is_open(rec) else 1_000_000
        if col == self.COL_MATCHES:
            return int(rec.get("matches", 0))
        return self.cell(rec, col).lower()

    def color(self, rec: dict, col: int) -> str | None:
        return OVERDUE_COLOR if rec.get("overdue") else None

    def bold(self, rec: dict) -> bool:
        return bool(rec.get("overdue"))

    def row_of(self, rid: int) -> int:
        return next((k for k, r in enumerate(self.rows) if r["id"] == rid), -1)

    def set_unrecorded(self, counts: dict[int, int]) -> None:
        counts = {k: v for k, v in counts.items() if v}
        if counts == self.unrecorded:
            return
        self.unrecorded = counts
        if self.rows:
            emit(self.dataChanged, self.index(0, self.COL_ID), self.index(len(self.rows) - 1, self.COL_ID))


QUEUE_VIEWS = ("open", "overdue", "mine", "closed", "all")


class QueueFilter(QSortFilterProxyModel):
    """The queue as the user asked to see it: a view (open, overdue, my cases, closed, all), a type,
    and a search over the request number, requester, status, assignee and type; sorted by any column."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = "open"
        self.type = ""
        self.search = ""
        self.me = ""  # who "my cases" are assigned to
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_filter(self, *, view: str | None = None, type: str | None = None, search: str | None = None,
                   me: str | None = None) -> None:
        self.beginFilterChange()
        if view is not None:
            self.view = view
        if type is not None:
            self.type = type
        if search is not None:
            self.search = search.strip().lower()
        if me is not None:
            self.me = me
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, rec: dict) -> bool:
        src: TakedownQueueModel = self.sourceModel()  # type: ignore[assignment]
        is_open = src.is_open(rec)
        if self.view == "open" and not is_open:
            return False
        if self.view == "closed" and is_open:
            return False
        if self.view == "overdue" and not rec.get("overdue"):
            return False
        if self.view == "mine" and not (self.me and rec.get("assignee") == self.me):
            return False
        if self.type and rec["type"] != self.type:
            return False
        if self.search:
            hay = " ".join(str(x) for x in (
                f"#{rec['id']}", rec["id"], src.requester(rec), rec.get("requester_email") or "",
                request_status_text(rec["status"]), rec["status"], request_type_text(rec["type"]),
                rec.get("assignee") or "", rec["due_by"], rec["received"])).lower()
            if self.search not in hay:
                return False
        return True

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        rec = self.sourceModel().record(row)  # type: ignore[attr-defined]
        return rec is not None and self.accepts(rec)

    def record(self, row: int) -> dict | None:
        src = self.mapToSource(self.index(row, 0))
        return self.sourceModel().record(src.row()) if src.isValid() else None  # type: ignore[attr-defined]

    def row_of(self, rid: int) -> int:
        src_row = self.sourceModel().row_of(rid)  # type: ignore[attr-defined]
        if src_row < 0:
            return -1
        return self.mapFromSource(self.sourceModel().index(src_row, 0)).row()

    def visible_records(self) -> list[dict]:
        return [r for r in (self.record(k) for k in range(self.rowCount())) if r is not None]


class MatchesModel(DictListModel):
    """The matches of one request, with decisions the reviewer made but has not recorded yet.

    The unrecorded decisions live in a dict the page keeps per request (`set_rows(rows, decisions)`),
    so switching to another request and back, or re-reading the request, keeps them.
    """

    COL_ITEM, COL_METHOD, COL_SCORE, COL_DECISION = range(4)
    COLUMNS = 4

    def __init__(self, rows: list[dict] | None = None, parent=None):
        super().__init__(rows, parent)
        self.decisions: dict[str, str] = {}  # item_id -> decision chosen here, not yet recorded
        self.pdq_threshold: int | None = None  # the workspace's match.pdq_max_distance, for the score column
        self.text_threshold: float | None = None  # match.text_min_score

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Method"), self.tr("Score"), self.tr("Decision")]

    def set_rows(self, rows: list[dict], decisions: dict[str, str] | None = None) -> None:
        self.decisions = decisions if decisions is not None else {}
        recorded = {r["item_id"]: r["decision"] for r in rows}
        for item_id in [i for i, d in self.decisions.items() if recorded.get(i) in (d, None)]:
            del self.decisions[item_id]  # recorded meanwhile (or no longer a match): nothing left to record
        super().set_rows(rows)

    def decision(self, rec: dict) -> str:
        return self.decisions.get(rec["item_id"], rec["decision"])

    def decide(self, rows: list[int], decision: str) -> None:
        """Mark the given rows (every match of their items) accepted or rejected."""
        items = {self.rows[r]["item_id"] for r in rows if 0 <= r < len(self.rows)}
        recorded = {r["item_id"]: r["decision"] for r in self.rows}
        for item_id in items:
            if recorded.get(item_id) == decision:
                self.decisions.pop(item_id, None)  # back to what is recorded
            else:
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

    def score_text(self, rec: dict) -> str:
        """The method's own number: PDQ distance against the threshold (and inliers when the
        geometry was checked), text containment against its threshold, or what matched exactly."""
        ev = rec.get("evidence") or {}
        method = rec["method"]
        if method == "perceptual" and "distance" in ev:
            d = ev.get("pdq_distance") if ev.get("pdq_distance") is not None else ev.get("distance")
            text = self.tr("PDQ distance {d}").format(d=d) if d is not None else self.tr("local features")
            if self.pdq_threshold is not None and d is not None:
                text += self.tr(" (match ≤ {t})").format(t=self.pdq_threshold)
            inliers = (ev.get("verification") or {}).get("inliers", ev.get("inliers"))
            if inliers is not None:
                text += self.tr(", {n} inliers").format(n=inliers)
            return text
        if method == "text" and "containment" in ev:
            text = self.tr("containment {c:.0%}").format(c=float(ev["containment"]))
            if self.text_threshold is not None:
                text += self.tr(" (match ≥ {t:.0%})").format(t=float(self.text_threshold))
            return text
        s = rec["score"]
        if method == "exact" or s == "exact":
            return self.tr("identical bytes") if method == "exact" else self.tr("exact")
        if s == "domain":
            return self.tr("same domain")
        if s == "signer":
            return self.tr("same signer")
        if isinstance(s, float):
            return f"{s:.3f}"
        return str(s)

    def cell(self, rec: dict, col: int) -> str:
        if col == self.COL_ITEM:
            return shorten_middle(rec["item_id"])
        if col == self.COL_METHOD:
            return method_text(rec["method"])
        if col == self.COL_SCORE:
            return self.score_text(rec)
        if col == self.COL_DECISION:
            d = self.decision(rec)
            text = decision_text(d)
            return text + " *" if rec["item_id"] in self.decisions and d != rec["decision"] else text
        return ""

    def tooltip(self, rec: dict, col: int) -> str:
        if col == self.COL_ITEM:
            return rec["item_id"]
        if col == self.COL_DECISION and rec["item_id"] in self.decisions:
            return self.tr("Decided here, not yet recorded in the ledger")
        return self.cell(rec, col)

    def sort_key(self, rec: dict, col: int):
        if col == self.COL_ITEM:
            return rec["item_id"]
        if col == self.COL_SCORE:
            ev = rec.get("evidence") or {}
            d = ev.get("pdq_distance") if ev.get("pdq_distance") is not None else ev.get("distance")
            return float(d) if d is not None else -float(ev.get("containment", 0) or 0)
        return self.cell(rec, col)

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
