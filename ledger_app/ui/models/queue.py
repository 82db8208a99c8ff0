"""The takedown queue: every request as a row (overdue ones red and bold, unrecorded review decisions
marked), and the filter behind the queue's views, type and search."""

from __future__ import annotations

from PySide6.QtCore import (
    QSortFilterProxyModel,
)

from ledger_app.ui.models.lists import AnyIndex, DictListModel, SortRole
from ledger_app.ui.models.takedown_text import (
    CLOSED_STATUSES,
    OVERDUE_COLOR,
    days_left,
    days_left_text,
    request_status_text,
    request_type_text,
    requester_kind_text,
)
from ledger_app.ui.qtcompat import emit


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
        if self.view == "mine" and not rec.get("mine"):  # by account (CaseRow.mine), not by display name
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

    def filterAcceptsRow(self, row: int, parent: AnyIndex) -> bool:
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
