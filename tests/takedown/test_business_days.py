"""The business-day clock of 17 U.S.C. 512(g): weekends and the user's public holidays do not count."""

from __future__ import annotations

from datetime import date

import pytest

from ledger_app.core.errors import UserError
from ledger_app.takedown.calendar import (
    add_business_days,
    business_days_between,
    is_business_day,
    parse_holidays,
)


def test_weekends_do_not_count():
    fri = date(2026, 3, 6)
    assert add_business_days(fri, 1) == date(2026, 3, 9)  # Monday
    assert add_business_days(fri, 10) == date(2026, 3, 20)  # two full weeks later, a Friday
    assert add_business_days(date(2026, 3, 7), 1) == date(2026, 3, 9)  # from a Saturday
    assert business_days_between(fri, date(2026, 3, 9)) == 1
    assert business_days_between(fri, date(2026, 3, 8)) == 0
    assert business_days_between(date(2026, 3, 20), fri) == -10


def test_configured_holidays_do_not_count():
    hol = parse_holidays("2026-12-24, 2026-12-25\n2027-01-01")
    assert not is_business_day(date(2026, 12, 25), hol) and is_business_day(date(2026, 12, 23), hol)
    fwd = date(2026, 12, 18)  # a Friday before Christmas
    # 21, 22, 23, (24, 25 holidays), 28, 29, 30, 31, (1 Jan holiday), 4, 5, 6 January
    assert add_business_days(fwd, 10, hol) == date(2027, 1, 6)
    assert add_business_days(fwd, 14, hol) == date(2027, 1, 12)
    assert add_business_days(fwd, 10) == date(2027, 1, 1)  # without holidays configured
    assert business_days_between(fwd, date(2027, 1, 6), hol) == 10


def test_a_malformed_holiday_setting_is_named():
    with pytest.raises(UserError, match="'24/12/2026' is not a date"):
        parse_holidays("2026-12-25, 24/12/2026")
    assert parse_holidays("") == frozenset() and parse_holidays(None) == frozenset()
