"""The matches of one request: method, score against the workspace's thresholds, and the review
decision, with the decisions made here and not yet recorded kept apart from the recorded ones."""

from __future__ import annotations

from ledger_app.ui.models.lists import DictListModel
from ledger_app.ui.models.takedown_text import (
    DECISION_COLORS,
    decision_text,
    method_text,
    shorten_middle,
)
from ledger_app.ui.qtcompat import emit


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
