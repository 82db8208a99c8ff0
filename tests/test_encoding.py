"""The one JSON encoder for service results (ledger_app/services/encoding.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import json
from pathlib import Path

import pytest

from ledger_app.services.encoding import dumps, to_jsonable


class Colour(enum.StrEnum):
    RED = "red"


@dataclasses.dataclass
class Inner:
    path: Path
    digest: bytes


@dataclasses.dataclass
class Outer:
    name: str
    inner: Inner
    tags: frozenset[str]
    colour: Colour
    when: dt.date
    count: decimal.Decimal


@dataclasses.dataclass
class Custom:
    secret: str

    def to_json(self):
        return {"shown": self.secret[:2]}


def test_records_are_written_field_by_field_in_their_own_order():
    rec = Outer("x", Inner(Path("/a/b"), b"\x01\xff"), frozenset({"b", "a"}), Colour.RED, dt.date(2026, 12, 7),
                decimal.Decimal("42"))
    assert list(to_jsonable(rec)) == ["name", "inner", "tags", "colour", "when", "count"]
    assert json.loads(dumps(rec)) == {"name": "x", "inner": {"path": "/a/b", "digest": "01ff"}, "tags": ["a", "b"],
                                      "colour": "red", "when": "2026-12-07", "count": 42}


def test_a_record_with_to_json_says_itself_how_it_is_written():
    assert to_jsonable([Custom("abcdef")]) == [{"shown": "ab"}]


def test_unicode_is_kept():
    assert dumps({"t": "删除"}, indent=None) == '{"t": "删除"}'


def test_a_value_with_no_json_form_is_a_bug_not_a_repr():
    with pytest.raises(TypeError, match="object"):
        dumps({"x": object()})
