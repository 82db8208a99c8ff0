"""Strict JSON parsing for everything that is signed, hashed or verified.

Why this exists: Python's `json` keeps the *last* of two equal keys, another parser may keep the
first, so a document with `"removed_items"` twice means two different things to two readers; an
integer of 4,300 digits makes `int()` raise (a traceback, not a sentence); nesting a few thousand
arrays deep exhausts the recursion limit. Documents and ledger leaves hold none of these, so they
are refused here with a sentence: duplicate object keys, integers beyond ±(2**53 − 1) (the range
every JSON implementation keeps exactly), floats (documents write numbers as strings), NaN and
Infinity, and nesting deeper than MAX_DEPTH. Standard library only, with core/messages.py (the
offline verifier uses it): each refusal is kept as a message, so the window says it in its language
while the English (the error's text) is what it always was.
"""

from __future__ import annotations

import json
from typing import Any

from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, json_error_said

MAX_DEPTH = 32
MAX_SAFE_INT = 2**53 - 1
_MAX_INT_DIGITS = len(str(MAX_SAFE_INT)) + 1  # a sign, or one digit more, is judged by value


class StrictJSONError(ValueError):
    """The text is not JSON this application accepts; the message is a sentence naming what.

    `said` is the sentence as a message (`{what} {problem}`), `problem` what is said of `what` ("is
    refused: …"), for a caller that names the text itself."""

    def __init__(self, what: str | Said, problem: Said):
        self.said = Said(QT_TRANSLATE_NOOP("ServiceMessage", "{what} {problem}"), {"what": what, "problem": problem})
        self.problem = problem
        super().__init__(str(self.said))


class _Refused(Exception):
    def __init__(self, source: str, **args: Any):
        self.reason = Said(source, args)
        super().__init__(str(self.reason))


def _depth(max_depth: int) -> Said:
    return Said(QT_TRANSLATE_NOOP("ServiceMessage", "it nests arrays or objects deeper than {depth} levels"),
                {"depth": max_depth})


def _refused(reason: Said | str) -> Said:
    return Said(QT_TRANSLATE_NOOP("ServiceMessage", "is refused: {reason}"), {"reason": reason})


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise _Refused(QT_TRANSLATE_NOOP("ServiceMessage", "the key {key} appears twice in one object"), key=repr(k))
        out[k] = v
    return out


def _int(text: str) -> int:
    digits = text.lstrip("-")
    if len(digits) > _MAX_INT_DIGITS:
        raise _Refused(QT_TRANSLATE_NOOP("ServiceMessage", "an integer of {digits} digits is beyond ±(2**53 - 1)"),
                       digits=len(digits))
    value = int(text)
    if not -MAX_SAFE_INT <= value <= MAX_SAFE_INT:
        raise _Refused(QT_TRANSLATE_NOOP("ServiceMessage", "the integer {value} is beyond ±(2**53 - 1)"), value=value)
    return value


def _no_float(text: str) -> float:
    raise _Refused(QT_TRANSLATE_NOOP("ServiceMessage", "the number {number} is not an integer (write such values as "
                                                       "strings)"), number=text[:40])


def _constant(text: str) -> Any:
    raise _Refused(QT_TRANSLATE_NOOP("ServiceMessage", "{text} is not a JSON value"), text=text)


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


def loads(text: str | bytes, what: str | Said, *, max_depth: int = MAX_DEPTH) -> Any:
    """Parse `text` strictly; raise StrictJSONError("<what> …: <reason>") on anything refused above."""
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise StrictJSONError(what, Said(QT_TRANSLATE_NOOP("ServiceMessage", "is not UTF-8 (byte {byte})"),
                                               {"byte": exc.start})) from None
    try:
        value = json.loads(text, object_pairs_hook=_pairs, parse_int=_int, parse_float=_no_float,
                           parse_constant=_constant)
    except _Refused as exc:
        raise StrictJSONError(what, _refused(exc.reason)) from None
    except RecursionError:
        raise StrictJSONError(what, _refused(_depth(max_depth))) from None
    except json.JSONDecodeError as exc:
        raise StrictJSONError(what, Said(QT_TRANSLATE_NOOP("ServiceMessage", "is not valid JSON ({detail})"),
                                           {"detail": _json_detail(exc)})) from None
    except ValueError as exc:  # e.g. int() limits the standard library enforces itself
        raise StrictJSONError(what, _refused(str(exc))) from None
    if depth_exceeds(value, max_depth):
        raise StrictJSONError(what, _refused(_depth(max_depth)))
    return value


def _json_detail(exc: json.JSONDecodeError) -> Said:
    """The parser's reason and place, as `str(exc)` says them (core/messages.py `json_error_said`: a
    reason the table there lacks is a JSON syntax error in the window)."""
    return json_error_said(exc)
