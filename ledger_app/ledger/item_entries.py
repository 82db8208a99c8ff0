"""An item row checked against its signed ledger entries.

Why this exists: the `item` table (status, content hash, opt-out evidence, purge date) can be edited
by anyone with write access to the database; the ledger entries cannot be changed without breaking
the signed tree. Every document that is signed from item rows (the AI Act summary, inclusion
reports) first checks each row it uses against the item's `item.ingested` entry and the later
`item.status` entries for it (a quarantine by a claim, a purge), and refuses where they disagree.
Pure functions over leaves: the callers read the rows and the leaves, and prove the entries
included under a signed checkpoint before they sign.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ledger_app.core.errors import VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, failed, say
from ledger_app.core.urls import url_key


@dataclass(frozen=True)
class StatusEntry:
    """An `item.status` entry: which item, the status it set, where and when (the leaf's ts)."""

    index: int
    item: str
    status: str
    ts: str
    request: int | None = None  # the takedown request of a purge


def status_entries(leaves: Iterable[tuple[int, bytes]]) -> dict[str, list[StatusEntry]]:
    """Each item's `item.status` entries in ledger order, from (index, leaf) pairs. Leaves whose signed
    type is not item.status are skipped (the type column only finds candidates)."""
    out: dict[str, list[StatusEntry]] = {}
    for idx, leaf in leaves:
        doc = json.loads(bytes(leaf))
        if doc.get("type") != "item.status":
            continue
        p = doc.get("payload") or {}
        out.setdefault(str(p.get("item")), []).append(
            StatusEntry(int(idx), str(p.get("item")), str(p.get("status")), str(doc.get("ts")),
                        p["request"] if type(p.get("request")) is int else None))
    return out


def later_statuses(leaves: Iterable[tuple[int, bytes]]) -> dict[str, str]:
    """Each item's status as its latest `item.status` entry sets it."""
    return {item: hist[-1].status for item, hist in status_entries(leaves).items()}


def ingested_payload(item_id: str, entry_idx: int | None, leaf: bytes | None, bad) -> dict[str, Any]:
    if leaf is None:
        raise bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "no item.ingested entry")))
    doc = json.loads(bytes(leaf))
    p = doc.get("payload") or {}
    if doc.get("type") != "item.ingested" or p.get("item") != item_id:
        raise bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "the entry is not this item's item.ingested entry")))
    return doc


def mismatch(item_id: str, entry_idx: int | None, what: str | Said, redo: str | Said | None = None) -> VerificationError:
    redo = redo if redo is not None else say(QT_TRANSLATE_NOOP("ServiceMessage", "issue the document again"))
    return failed(QT_TRANSLATE_NOOP("ServiceMessage", "item {item} does not match its ledger entry {n} ({field}); the "
                                                      "workspace was altered — run `ledger log verify`, restore it "
                                                      "from a backup, and {redo}"),
                  index=entry_idx, what="item", item=item_id, n=entry_idx, field=what, redo=redo)


def check_item_row(item_id: str, entry_idx: int | None, leaf: bytes | None, *, sha256: str | None,
                   status: str, later: dict[str, str], media_type: str | None = None,
                   signals: tuple[str | None, str | None] | None = None,
                   redo: str | Said | None = None) -> dict[str, Any]:
    """An item row must say what its ledger entries say: content hash, media type (when given),
    status (the latest item.status entry, else the ingest decision), and, when `signals` is given as
    (signals_json, train_ai), its opt-out evidence (the SHA-256 of the stored findings and the
    combined train-ai state). Returns the decoded item.ingested leaf; raises VerificationError."""
    def bad(what: str | Said) -> VerificationError:
        return mismatch(item_id, entry_idx, what, redo)

    doc = ingested_payload(item_id, entry_idx, leaf, bad)
    p = doc["payload"]
    if p.get("sha256") != sha256 or (media_type is not None and p.get("media_type") != media_type):
        raise bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "content hash or media type")))
    if later.get(item_id, p.get("status")) != status:
        raise bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "status {status}"), status=repr(status)))
    if signals is not None:
        sig_json, train_ai = signals
        sig = p.get("signals")
        if sig_json is not None or sig is not None:
            if sig is None or sig_json is None or hashlib.sha256(sig_json.encode()).hexdigest() != sig.get("evidence_sha256"):
                raise bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "opt-out evidence")))
            if (sig.get("uses") or {}).get("train-ai") != train_ai:
                raise bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "train-ai state")))
    return doc


def url_commitment(salt: bytes, url: str) -> str:
    """The salted commitment to an item's source URL that its item.ingested entry carries as "url"
    (the leaf never holds the URL itself: it may name a person)."""
    return hashlib.sha256(b"url\x00" + bytes(salt) + url.encode()).hexdigest()


def check_item_url(item_id: str, entry_idx: int | None, doc: dict[str, Any], *, source_url: str | None,
                   url_norm: str | None, salt: bytes | None, redo: str | Said | None = None) -> None:
    """An item matched by its URL: the row's source URL must open the entry's commitment and give the
    row's matching key, so a URL written into the row by hand is never reported."""
    committed = (doc.get("payload") or {}).get("url")
    if committed is None:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "item {item} matched by its URL, but its ledger entry {n} holds "
                                                         "no commitment to a URL (ingested before URLs were committed, "
                                                         "or the URL was added to the row later); its URL cannot be "
                                                         "proven — ask by file or --hash instead"),
                     index=entry_idx, what="item", item=item_id, n=entry_idx)
    if (salt is None or source_url is None or url_commitment(salt, source_url) != committed
            or url_key(source_url) != url_norm):
        raise mismatch(item_id, entry_idx, say(QT_TRANSLATE_NOOP("ServiceMessage", "URL")), redo)
