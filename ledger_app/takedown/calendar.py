"""Business-day clocks for legal deadlines: weekends and the workspace's public holidays do not count.

17 U.S.C. 512(g)(2)(C) counts "business days" (restore the material not less than 10, nor more than
14, business days after receiving a counter-notice, unless the claimant sues). Which days are public
holidays depends on where the organisation is, so the user configures them (`legal.holidays`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from ledger_app.core.errors import UserError


def parse_holidays(value: str | Iterable[str] | None) -> frozenset[date]:
    """The `legal.holidays` setting: ISO dates separated by commas, spaces or new lines."""
    if value is None:
        return frozenset()
    parts = value.replace(";", ",").replace("\n", ",").split(",") if isinstance(value, str) else list(value)
    out = set()
    for p in parts:
        for token in str(p).split():
            try:
                out.add(date.fromisoformat(token.strip()))
            except ValueError:
                raise UserError(f"the public holiday {token.strip()!r} is not a date like 2026-12-25; "
                                "fix the legal.holidays setting") from None
    return frozenset(out)


def is_business_day(d: date, holidays: frozenset[date] = frozenset()) -> bool:
    return d.weekday() < 5 and d not in holidays


def add_business_days(start: date, n: int, holidays: frozenset[date] = frozenset()) -> date:
    """The n-th business day after `start` (the day of `start` itself does not count)."""
    if n < 0:
        raise ValueError("n must be zero or more")
    d = start
    left = n
    while left:
        d += timedelta(days=1)
        if is_business_day(d, holidays):
            left -= 1
    return d


def business_days_between(start: date, end: date, holidays: frozenset[date] = frozenset()) -> int:
    """Business days after `start` up to and including `end`; negative when `end` is before `start`."""
    if end < start:
        return -business_days_between(end, start, holidays)
    count = 0
    d = start
    while d < end:
        d += timedelta(days=1)
        if is_business_day(d, holidays):
            count += 1
    return count
