"""How the takedown tables say things: request types, statuses, requester kinds, match methods,
decisions and rights-check verdicts in the interface's language, days left, IDs cut in the middle,
and the colour each state is drawn in."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QCoreApplication,
)

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


def work_kind_text(k: str) -> str:
    """The kind of a claimed work, as the case view names it."""
    return {
        "file": QCoreApplication.translate("Takedowns", "file"),
        "hash": QCoreApplication.translate("Takedowns", "hash"),
        "url": QCoreApplication.translate("Takedowns", "URL"),
        "domain": QCoreApplication.translate("Takedowns", "domain"),
        "account": QCoreApplication.translate("Takedowns", "account"),
        "text": QCoreApplication.translate("Takedowns", "text"),
        "c2pa_signer": QCoreApplication.translate("Takedowns", "C2PA signer"),
    }.get(k, k)


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
