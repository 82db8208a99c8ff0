"""Takedown requests as legal staff know them: types, requesters, required elements, deadlines.

Pure rules, no storage: what a DMCA notice must carry (17 U.S.C. 512(c)(3)(A)), when a request is
due (GDPR Art. 12(3): one month from receipt, extendable once by up to two further months with a
reason), and which status may follow which.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ledger_app.core.errors import UserError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, say

# Claimed article text shorter than this (stripped, in characters) is refused: too few shingles
# to tell a copy from a coincidence. The new-request dialog checks it as the user types.
MIN_ARTICLE_CHARS = 20


class RequestType(StrEnum):
    DMCA = "dmca"
    GDPR = "gdpr"
    PUBLISHER = "publisher"
    OPTOUT = "optout"
    LICENSE = "license"
    COURT = "court"
    OTHER = "other"


class RequesterKind(StrEnum):
    NEWS_PUBLISHER = "news_publisher"
    INDIVIDUAL = "individual"
    RIGHTS_ORG = "rights_org"
    INTERNAL = "internal"


class Status(StrEnum):
    RECEIVED = "received"
    VALIDATED = "validated"
    REJECTED = "rejected"
    LOCATED = "located"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    PURGED = "purged"
    CERTIFIED = "certified"
    CLOSED = "closed"


# Which status may follow which. Locating again after review (new evidence) is allowed.
TRANSITIONS: dict[Status, set[Status]] = {
    Status.RECEIVED: {Status.VALIDATED, Status.REJECTED},
    Status.VALIDATED: {Status.LOCATED, Status.REJECTED},
    Status.LOCATED: {Status.LOCATED, Status.REVIEWED, Status.REJECTED},
    Status.REVIEWED: {Status.LOCATED, Status.REVIEWED, Status.APPROVED, Status.REJECTED},
    Status.APPROVED: {Status.PURGED},
    Status.PURGED: {Status.CERTIFIED, Status.CLOSED},
    Status.CERTIFIED: {Status.CLOSED},
    Status.REJECTED: {Status.CLOSED},
    Status.CLOSED: set(),
}

OPEN_STATUSES = {Status.RECEIVED, Status.VALIDATED, Status.LOCATED, Status.REVIEWED, Status.APPROVED, Status.PURGED}

# The requester kind when none is given, the same for `takedown new`, `takedown import` and the window:
# an individual, so that a name given without a kind is treated as personal data.
DEFAULT_REQUESTER_KIND = "individual"

WORK_KINDS = ("file", "hash", "url", "domain", "account", "text", "c2pa_signer")


def check_transition(current: str, new: Status) -> None:
    cur = Status(current)
    if new not in TRANSITIONS[cur]:
        allowed = ", ".join(sorted(TRANSITIONS[cur])) or "nothing (it is closed)"
        raise UserError(f"a request that is {cur} cannot become {new}; next can be: {allowed}")


@dataclass(frozen=True)
class DmcaElements:
    """The six elements of a notice under 17 U.S.C. 512(c)(3)(A)."""

    signature: str | None = None  # (i) physical or electronic signature
    work: str | None = None  # (ii) identification of the copyrighted work
    material: bool = False  # (iii) identification of the infringing material (the works list)
    contact: str | None = None  # (iv) contact information (e-mail; stored erasably)
    good_faith: bool = False  # (v) good-faith statement
    accurate_under_penalty: bool = False  # (vi) accuracy statement, under penalty of perjury

    def missing(self) -> list[str]:
        return [str(m) for m in self.missing_said()]

    def missing_said(self) -> list[Said]:
        """The elements missing, as messages (the window says them in its language)."""
        out = []
        if not (self.signature or "").strip():
            out.append(say(QT_TRANSLATE_NOOP("ServiceMessage", "a physical or electronic signature (--signature), 512(c)(3)(A)(i)")))
        if not (self.work or "").strip():
            out.append(say(QT_TRANSLATE_NOOP("ServiceMessage", "identification of the copyrighted work (--work), 512(c)(3)(A)(ii)")))
        if not self.material:
            out.append(say(QT_TRANSLATE_NOOP("ServiceMessage", "identification of the infringing material (--file/--hash/--url/…), 512(c)(3)(A)(iii)")))
        if not (self.contact or "").strip():
            out.append(say(QT_TRANSLATE_NOOP("ServiceMessage", "contact information (--email), 512(c)(3)(A)(iv)")))
        if not self.good_faith:
            out.append(say(QT_TRANSLATE_NOOP("ServiceMessage", "a good-faith statement (--good-faith), 512(c)(3)(A)(v)")))
        if not self.accurate_under_penalty:
            out.append(say(QT_TRANSLATE_NOOP("ServiceMessage", "an accuracy statement under penalty of perjury (--accurate-under-penalty), 512(c)(3)(A)(vi)")))
        return out


def add_months(d: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def due_date(kind: RequestType, received: date, default_days: int) -> date:
    if kind is RequestType.GDPR:
        return add_months(received, 1)
    from datetime import timedelta

    return received + timedelta(days=default_days)


def extended_due(kind: RequestType, received: date, months: int) -> date:
    if kind is not RequestType.GDPR:
        raise UserError("only a GDPR request has a statutory extension; change the due date of others in settings")
    if not 1 <= months <= 2:
        raise UserError("a GDPR deadline can be extended by one or two months (Art. 12(3))")
    return add_months(received, 1 + months)


def parse_date(value: str | None, what: str = "date") -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UserError(f"the {what} {value!r} is not a date like 2026-11-25") from None


@dataclass
class WorkSpec:
    """One identification as given by the requester, before it is stored."""

    kind: str
    value: str
    description: str | None = None  # as the requester named it (a file's name)
    text: str | None = None
    fingerprint: bytes | None = None
    fp_kind: str | None = None  # image | text: what `fingerprint` is
    sha256: str | None = None  # a file's or text's content hash
    media_type: str | None = None  # a file's sniffed media type
    url: str | None = None  # a URL as given (`value` is its key)
    committed: bool = False  # an account `value` that is already a commitment (copied from a claim)
