"""Strict JSON parsing for everything that is signed, hashed or verified.

Why this exists: Python's `json` keeps the *last* of two equal keys, another parser may keep the
first, so a document with `"removed_items"` twice means two different things to two readers; an
integer of 4,300 digits makes `int()` raise (a traceback, not a sentence); nesting a few thousand
arrays deep exhausts the recursion limit. Documents and ledger leaves hold none of these, so they
are refused here with a sentence: duplicate object keys, integers beyond ±(2**53 − 1) (the range
every JSON implementation keeps exactly), floats (documents write numbers as strings), NaN and
Infinity, and nesting deeper than MAX_DEPTH. Standard library only (the offline verifier uses it).
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 32
MAX_SAFE_INT = 2**53 - 1
_MAX_INT_DIGITS = len(str(MAX_SAFE_INT)) + 1  # a sign, or one digit more, is judged by value


class StrictJSONError(ValueError):
    """The text is not JSON this application accepts; the message is a sentence naming what."""


class _Refused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _Refused(f"the key {k!r} appears twice in one object")
        out[k] = v
    return out


def _int(text: str) -> int:
    digits = text.lstrip("-")
    if len(digits) > _MAX_INT_DIGITS:
        raise _Refused(f"an integer of {len(digits)} digits is beyond ±(2**53 - 1)")
    value = int(text)
    if not -MAX_SAFE_INT <= value <= MAX_SAFE_INT:
        raise _Refused(f"the integer {value} is beyond ±(2**53 - 1)")
    return value


def _no_float(text: str) -> float:
    raise _Refused(f"the number {text[:40]} is not an integer (write such values as strings)")


def _constant(text: str) -> Any:
    raise _Refused(f"{text} is not a JSON value")


def depth_exceeds(value: Any, max_depth: int = MAX_DEPTH) -> bool:
    """Whether arrays/objects nest deeper than `max_depth` (iterative: no recursion to exhaust)."""
    stack = [(value, 1)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict):
            if d > max_depth:
                return True
            stack.extend((x, d + 1) for x in v.values())
        elif isinstance(v, list):
            if d > max_depth:
                return True
            stack.extend((x, d + 1) for x in v)
    return False


def loads(text: str | bytes, what: str, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse `text` strictly; raise StrictJSONError("<what> …: <reason>") on anything refused above."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise StrictJSONError(f"{what} is not UTF-8 (byte {exc.start})") from None
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_int=_int, parse_float=_no_float,
                           parse_constant=_constant)
    except _Refused as exc:
        raise StrictJSONError(f"{what} is refused: {exc.reason}") from None
    except RecursionError:
        raise StrictJSONError(f"{what} is refused: it nests arrays or objects deeper than {max_depth} levels") from None
    except json.JSONDecodeError as exc:
        raise StrictJSONError(f"{what} is not valid JSON ({exc})") from None
    except ValueError as exc:  # e.g. int() limits the standard library enforces itself
        raise StrictJSONError(f"{what} is refused: {exc}") from None
    if depth_exceeds(value, max_depth):
        raise StrictJSONError(f"{what} is refused: it nests arrays or objects deeper than {max_depth} levels")
    return value
