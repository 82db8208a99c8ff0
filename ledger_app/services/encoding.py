"""The one JSON encoder for what the services return (the CLI's `--json` and every file it writes).

Service results are typed records (dataclasses). A record with a `to_json()` method says itself how
it is written (field names the CLI has always printed, derived values); any other dataclass is written
field by field. Paths become strings, bytes hexadecimal, enums their values, sets sorted lists, and
dates ISO 8601. Anything else is a bug in the service that returned it and raises TypeError instead of
being written as its `repr`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import json
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any


def to_jsonable(value: Any) -> Any:
    """`value` as plain JSON types (dict, list, str, int, float, bool, None)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    to_json = getattr(value, "to_json", None)
    if callable(to_json) and not isinstance(value, type):
        return to_jsonable(to_json())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(to_jsonable(v) for v in value)
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    raise TypeError(f"a service returned a {type(value).__name__}, which has no JSON form; give it a to_json()")


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """`value` as JSON text: UTF-8 characters kept, keys in the record's own order."""
    return json.dumps(to_jsonable(value), indent=indent, ensure_ascii=False, sort_keys=False)
