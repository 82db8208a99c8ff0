"""Plain-text tables for the terminal: columns padded to their widest cell, long cells shortened in
the middle (so item IDs keep both their corpus and their key); times as the tables show them."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in s)


def shorten_middle(s: str, limit: int) -> str:
    if _width(s) <= limit or limit < 5:
        return s
    keep = limit - 1
    head, tail = s[: (keep + 1) // 2], s[len(s) - keep // 2:]
    return f"{head}…{tail}"


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, max_width: int = 48) -> str:
    cells = [[shorten_middle("" if v is None else str(v), max_width) for v in r] for r in rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(vals: Sequence[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths, strict=True)).rstrip()

    out = [line(list(headers)), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out)


def when(ts: float) -> str:
    """A POSIX time as "2026-01-04 10:00" (UTC), for notes and notices in tables."""
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%d %H:%M")
