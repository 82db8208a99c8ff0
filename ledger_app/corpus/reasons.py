"""Refusals several formats word alike, as messages (core/item_reasons.py context "ItemReason").

The English of each is what the ledger entry and the CLI say; the items table keeps the message, so
the window says the refusal in its language (ui/reason_text.py).
"""

from __future__ import annotations

from ledger_app.core.item_reasons import item_said
from ledger_app.core.messages import JSON_WHY, QT_TRANSLATE_NOOP, Said, json_why


def bad_name(shard: str) -> Said:
    """The refusal of a listed name that is not valid UTF-8 (shown with escapes)."""
    return item_said(QT_TRANSLATE_NOOP("ItemReason", "The file name {name} is not valid UTF-8 (shown with escapes)."),
                     name=repr(shard))


def zero_bytes(shard: str) -> Said:
    return item_said(QT_TRANSLATE_NOOP("ItemReason", "{shard} is a zero-byte file."), shard=shard)


def utf8_problem(data: bytes) -> Said | None:
    """Why `data` is not UTF-8 text (completing "Line N …" or "Content member M …"), or None."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        return item_said(QT_TRANSLATE_NOOP("ItemReason", "is not valid UTF-8 (byte {byte} at position {at})"),
                         byte=f"0x{data[e.start]:02x}", at=e.start)
    return None


def too_many_records(shard: str, allowed: int, size: int, free: int, per_kib: int, most: int, after: Said) -> Said:
    """The refusal of a shard's records past the limit (corpus/base.py `Limits`), naming the setting."""
    return item_said(QT_TRANSLATE_NOOP(
        "ItemReason", "{shard} holds more than {allowed} records for its {size} bytes (the limit is {free} plus "
                      "{per_kib} per KiB of file, at most {most}): the records after {after} were not read. If the "
                      "shard is genuine, raise the setting ingest.max_records_per_kib (or "
                      "ingest.max_records_per_shard) and run the ingest again."),
        shard=shard, allowed=allowed, size=size, free=free, per_kib=per_kib, most=most, after=after)


# Python's JSON parser's reasons (json.JSONDecodeError.msg) are messages of core/messages.py, whose
# English is the parser's own, so a refusal of a malformed record or sidecar reads in the window's
# language; one the table lacks is said as a JSON syntax error.
__all__ = ["JSON_WHY", "bad_name", "json_why", "too_many_records", "utf8_problem", "zero_bytes"]
