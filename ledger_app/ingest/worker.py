"""Per-item ingest work that runs in worker processes: hash, sniff, fingerprint, read C2PA.

Pure functions of the corpus bytes: nothing here touches the database or the ledger, so a worker
can be killed at any moment without losing anything (the parent commits results in batches).
A bad item never raises out of here: it comes back with `error` set and a sentence saying why.
"""

from __future__ import annotations

import gc
import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ledger_app.core.errors import InputRefused
from ledger_app.core.item_reasons import item_said
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, said_of
from ledger_app.core.settings import MAX_IMAGE_PIXELS
from ledger_app.core.types import C2paSummary
from ledger_app.core.urls import url_domain, url_key
from ledger_app.corpus import RawItem, open_corpus, sniff_media_type
from ledger_app.provenance.kinds import item_evidence
from ledger_app.provenance.policy import OptOutSignalPolicy
from ledger_app.provenance.signals import SignalContext, evaluate_item, reserved_by

# Metadata fields that identify a person: never stored with the item, only as a commitment.
PERSONAL_FIELDS = ("account", "uploader", "user", "user_id", "username", "author_id", "email", "owner", "channel",
                   "channel_id")
URL_FIELDS = ("source_url", "url", "page_url", "image_url", "link")


@dataclass
class ItemResult:
    key: str
    shard: str
    member: str | None
    members: list[str]
    location: str
    is_text: bool
    sha256: str | None = None
    size: int | None = None
    media_type: str = "application/octet-stream"
    source_url: str | None = None
    url_norm: str | None = None
    domain: str | None = None
    account: str | None = None  # raw; the parent turns it into a commitment
    metadata: dict[str, Any] = field(default_factory=dict)
    c2pa: dict[str, Any] | None = None
    manifest_json: str | None = None
    fp_kind: str | None = None
    fp_data: bytes | None = None
    local_data: bytes | None = None  # images: local features (matching/local.py), stored beside fp_data
    thumbnail: bytes | None = None
    error: str | None = None  # why the item is refused, in English (the ledger entry's reason)
    error_said: Said | None = None  # the same as a message (core/item_reasons.py), kept in the items table
    fp_note: str | None = None
    signals_json: str | None = None  # ItemSignals' canonical JSON (findings, problems), stored as is; its SHA-256
    # goes in the ledger entry (only the text is sent back to the parent, not the same findings as objects too)
    signals_sha256: str | None = None  # of signals_json (UTF-8), written here rather than in the parent
    signals_uses: dict[str, str] | None = None
    train_ai: str | None = None  # allowed | reserved | unknown, every signal combined
    train_ai_reason: Said | None = None  # what reserves training (signals.reserved_by), when a non-C2PA signal does
    language: str | None = None
    fetched_at: str | None = None
    partial: bool = False  # records of its shard were left unread by a limit: read the shard again next run


@dataclass(frozen=True)
class WorkUnit:
    root: str
    fmt: str
    shards: tuple[str, ...]
    trust_anchors_pem: str | None
    options: dict[str, Any] = field(default_factory=dict)
    signals: SignalContext | None = None  # the corpus's crawler and policy files (None: none given)
    with_signals: bool = True  # False only for the bench's "without signals" reference
    max_image_pixels: int = MAX_IMAGE_PIXELS  # the setting ingest.max_image_pixels
    with_local_features: bool = True  # False only for the bench's "without local features" reference


def split_metadata(meta: dict[str, Any]) -> tuple[dict[str, Any], str | None, str | None]:
    """(metadata without personal fields, source URL, uploader account)."""
    clean: dict[str, Any] = {}
    account = None
    url = None
    for k, v in meta.items():
        lk = k.lower()
        if lk in PERSONAL_FIELDS:
            if account is None and v not in (None, ""):
                account = str(v)
            continue
        if lk in URL_FIELDS and url is None and isinstance(v, str) and v.strip():
            url = v.strip()
        clean[k] = v
    return clean, url, account


def process_item(raw: RawItem, trust_anchors_pem: str | None, signals: SignalContext | None = None,
                 *, with_signals: bool = True, max_image_pixels: int = MAX_IMAGE_PIXELS,
                 local_features: bool = True) -> ItemResult:
    """One item's result and language; with `with_signals`, also its opt-out signals; with
    `local_features`, an image's keypoints and descriptors (matching/local.py)."""
    res = _process_item(raw, trust_anchors_pem, max_image_pixels, local_features)
    if res.error is None:
        if with_signals:
            add_signals(res, raw, signals)
        add_language(res, raw)
    return res


def add_signals(res: ItemResult, raw: RawItem, ctx: SignalContext | None) -> None:
    summary = res.c2pa or {}
    # The same as below, made once per kind of page (provenance/kinds.py).
    made = item_evidence(ctx, url=res.source_url, metadata=res.metadata, media_type=res.media_type, data=raw.data,
                         is_text=raw.is_text, c2pa_training=summary.get("training_mining"),
                         exclude=OptOutSignalPolicy.C2PA_SIGNALS)
    if made is not None:
        res.signals_json, res.signals_uses, train_ai, reason, res.fetched_at = made
        if res.signals_json is not None:
            res.signals_sha256 = hashlib.sha256(res.signals_json.encode()).hexdigest()
        res.train_ai, res.train_ai_reason = train_ai, reason
        return
    sig = evaluate_item(ctx, url=res.source_url, metadata=res.metadata, media_type=res.media_type, data=raw.data,
                        is_text=raw.is_text, c2pa_training=summary.get("training_mining"),
                        c2pa_detail=summary.get("training_mining_detail"))
    res.signals_json, res.signals_uses = sig.evidence()
    if res.signals_json is not None:
        res.signals_sha256 = hashlib.sha256(res.signals_json.encode()).hexdigest()
    res.train_ai = res.signals_uses["train-ai"] if res.signals_uses else sig.state("train-ai")
    if res.train_ai == "reserved":
        reserving = sig.reserving("train-ai", exclude=OptOutSignalPolicy.C2PA_SIGNALS)
        # The item's URL and fetch time, which its response's statements name: the reason is then one
        # shape for the pages that say the same (findings.reserved_by), filled in per page.
        res.train_ai_reason = reserved_by(reserving, url=res.source_url, fetched_at=sig.fetched_at) if reserving else None
    res.fetched_at = sig.fetched_at


def add_language(res: ItemResult, raw: RawItem) -> None:
    """The item's language: from its metadata, else guessed from a text's script. Every ingest
    records it, with or without signals (the bench's reference run included)."""
    lang = res.metadata.get("language") or res.metadata.get("lang")
    if isinstance(lang, str) and lang.strip():
        res.language = lang.strip()[:16]
    elif raw.is_text and raw.data:
        from ledger_app.core.language import script_language

        res.language = script_language(raw.data[:3000].decode("utf-8", "ignore"))


def _process_item(raw: RawItem, trust_anchors_pem: str | None, max_image_pixels: int = MAX_IMAGE_PIXELS,
                  local_features: bool = True) -> ItemResult:
    res = ItemResult(
        key=raw.key,
        shard=raw.shard,
        member=raw.member,
        members=list(raw.members),
        location=raw.location,
        is_text=raw.is_text,
        partial=raw.partial,
    )
    meta, url, account = split_metadata(dict(raw.metadata or {}))
    res.metadata, res.account = meta, account
    if url:
        res.source_url = url
        try:
            res.url_norm, res.domain = url_key(url), url_domain(url)
        except Exception:  # a malformed URL is kept as written, unmatched by URL
            res.url_norm = None
    if raw.error is not None or raw.data is None:
        if raw.error is not None:
            res.error, res.error_said = raw.error, raw.error_said
        else:
            _refuse(res, item_said(QT_TRANSLATE_NOOP("ItemReason", "no content")))
        return res
    data = raw.data
    res.size = len(data)
    res.sha256 = hashlib.sha256(data).hexdigest()
    if not data:
        _refuse(res, item_said(QT_TRANSLATE_NOOP("ItemReason", "the item is empty (zero bytes)")))
        return res
    if raw.is_text:
        res.media_type = "text/plain"
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            _refuse(res, item_said(QT_TRANSLATE_NOOP("ItemReason", "the text is not valid UTF-8 (byte {at})"),
                                   at=e.start))
            return res
        try:
            from ledger_app.matching.text import text_fingerprint

            res.fp_kind, res.fp_data = "text", text_fingerprint(text).to_bytes()
        except ImportError:
            res.fp_note = "text fingerprints are not available in this build"
        return res
    res.media_type = sniff_media_type(data)
    if res.media_type.startswith("image/"):
        from ledger_app.matching.image import image_fingerprint

        try:
            fp = image_fingerprint(data, max_pixels=max_image_pixels, local="item" if local_features else None)
        except InputRefused as e:
            said = said_of(e)
            res.error, res.error_said = str(e), said if isinstance(said, Said) else None
            return res
        res.fp_kind, res.fp_data, res.thumbnail = "image", fp.without_local().to_bytes(), fp.thumb
        res.local_data = fp.local.to_bytes() if fp.local is not None else None
    from ledger_app.provenance.c2pa_reader import read_c2pa, supported_media_type

    if supported_media_type(res.media_type):
        summary = read_c2pa(data, res.media_type, trust_anchors_pem)
    else:
        summary = C2paSummary()
    res.c2pa = summary.to_json()
    res.manifest_json = summary.manifest_json
    return res


def process_unit(unit: WorkUnit) -> list[ItemResult]:
    """All items of some shards. Top-level so a process pool can run it.

    The items' opt-out signals are read in a second pass over the unit's results, not between the
    items' fingerprints: the same as `process_item` per item, at well under half the cost, since the
    sites' parsed files stay in the processor's caches instead of being evicted by each fingerprint.
    The cyclic garbage collector is paused meanwhile (`gc_paused`)."""
    with gc_paused():
        return _process_unit(unit)


_gc_lock = threading.Lock()
_gc_depth = 0  # how many gc_paused blocks are open (in any thread)
_gc_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector paused for a block of bounded work (one work unit read, or one
    unit's commit), and resumed, if it was on, when the last open block ends (blocks may nest or
    run in several threads). A unit's results are many small objects that live until the unit is
    committed and hold no reference cycles (they are freed by their reference counts); without the
    pause, allocating them sets off collections that scan the process's heap again and again: in the
    parent (a large heap) about 10 µs of CPU per item committed, with or without signals; in a worker
    process (a small heap) too little to measure. Cycles made meanwhile are collected after the
    block, at the collector's usual thresholds."""
    global _gc_depth, _gc_was_enabled
    with _gc_lock:
        if _gc_depth == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_depth += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_depth -= 1
            if _gc_depth == 0 and _gc_was_enabled:
                gc.enable()


def _process_unit(unit: WorkUnit) -> list[ItemResult]:
    adapter = open_corpus(Path(unit.root), unit.fmt, **unit.options)
    out: list[ItemResult] = []
    later: list[tuple[int, RawItem]] = []  # (index in out, the item, with only the bytes signals read)
    for shard in unit.shards:
        for raw in adapter.iter_items(shard):
            try:
                res = process_item(raw, unit.trust_anchors_pem, with_signals=False,
                                   max_image_pixels=unit.max_image_pixels, local_features=unit.with_local_features)
            except Exception as e:  # one broken item never aborts the batch
                out.append(_failed(raw, e))
                continue
            out.append(res)
            if unit.with_signals and res.error is None:
                # A page's HTML head is all that signals read of its bytes (carriers.html_meta_from); a
                # short text is kept as it is (no copy to make).
                short = raw.is_text and raw.data is not None and len(raw.data) <= SIGNAL_BYTES
                later.append((len(out) - 1, raw if short else
                              replace(raw, data=raw.data[:SIGNAL_BYTES] if raw.is_text else None)))
    for k, raw in later:
        try:
            add_signals(out[k], raw, unit.signals)
        except Exception as e:
            out[k] = _failed(raw, e)
    return out


SIGNAL_BYTES = 65536  # the most of a text item's bytes that signals read (carriers.html_meta_from)


def _refuse(res: ItemResult, said: Said) -> None:
    res.error, res.error_said = str(said), said


def _failed(raw: RawItem, e: Exception) -> ItemResult:
    res = ItemResult(key=raw.key, shard=raw.shard, member=raw.member, members=list(raw.members),
                     location=raw.location, is_text=raw.is_text)
    _refuse(res, item_said(QT_TRANSLATE_NOOP("ItemReason", "could not be processed: {kind}: {error}"),
                           kind=type(e).__name__, error=str(e)))
    return res


def shard_digest(unit_root: str, fmt: str, shard: str, options: dict[str, Any]) -> str:
    return open_corpus(Path(unit_root), fmt, **options).shard_sha256(shard)


def dumps_metadata(meta: dict[str, Any]) -> str | None:
    if not meta:
        return None
    return json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str)



