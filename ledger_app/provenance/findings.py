"""The findings of opt-out signals and the evidence text stored per item.

Why this exists apart from signals.py: `Finding` (one statement about one use: which signal, which
carrier, where, when) and `ItemSignals` (an item's findings and problems, combined per use, and the
canonical JSON kept as its evidence) are what ingest records and what the ingest policy, the item
pages and the AI Act summary read back; signals.py makes them from an item's carriers and its site's
policy files. The evidence text is written here once per finding (`Finding.canonical_json`, cached:
a site's findings recur on every page of the site).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ledger_app.core.item_reasons import ReasonShape, item_said, slot
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, joined
from ledger_app.provenance.carriers import ALLOWED, RESERVED, UNKNOWN, USES, combine

__all__ = ["Finding", "ItemSignals", "reserved_by", "response_where", "reason_plan", "fill_reason"]


@dataclass(frozen=True)
class Finding:
    """One statement about one use: which signal said it, through which carrier, where, when."""

    signal: str  # content-usage | content-signal | robots | tdmrep | x-robots-tag | ai.txt | c2pa | cawg
    carrier: str  # header | robots.txt | tdmrep.json | meta | ai.txt | c2pa | cawg
    use: str
    state: str
    value: str  # the statement as written, e.g. "train-ai=n" or "Disallow: / for GPTBot"
    where: str  # the HTTP response of the item, a policy file's URL, the item's manifest
    fetched_at: str | None = None
    sha256: str | None = None  # of the policy file the statement is in

    def to_json(self) -> dict[str, Any]:
        out = {"signal": self.signal, "carrier": self.carrier, "use": self.use, "state": self.state,
               "value": self.value, "where": self.where}
        if self.fetched_at:
            out["fetched_at"] = self.fetched_at
        if self.sha256:
            out["sha256"] = self.sha256
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Finding:
        return cls(d["signal"], d["carrier"], d["use"], d["state"], d["value"], d["where"], d.get("fetched_at"),
                   d.get("sha256"))

    def canonical_json(self) -> str:
        """to_json() as the stored evidence writes it (json.dumps with sorted keys, no spaces, not
        ASCII-escaped), written field by field in the keys' sorted order when every field is text;
        kept on the finding, which a site's pages share."""
        text = self.__dict__.get("_json")
        if text is None:
            fields = (self.signal, self.carrier, self.use, self.state, self.value, self.where)
            if all(type(x) is str for x in fields) and type(self.fetched_at or "") is str \
                    and type(self.sha256 or "") is str:
                text = ('{"carrier":' + _str(self.carrier)
                        + (',"fetched_at":' + _str(self.fetched_at) if self.fetched_at else "")
                        + (',"sha256":' + _str(self.sha256) if self.sha256 else "")
                        + ',"signal":' + _str(self.signal) + ',"state":' + _str(self.state) + ',"use":'
                        + _str(self.use) + ',"value":' + _str(self.value) + ',"where":' + _str(self.where) + "}")
            else:
                text = _dumps(self.to_json())
            object.__setattr__(self, "_json", text)
        return text

    def describe(self) -> str:
        return str(self.describe_said())

    def describe_said(self) -> Said:
        """This statement in a sentence, as a message (core/item_reasons.py): which signal said what,
        through which carrier, where and when; `describe()` is its English."""
        args: dict[str, Any] = {"signal": self.signal, "value": _value_said(self.value),
                                "carrier": _carrier_said(self.carrier), "where": where_said(self.where)}
        if self.fetched_at:
            return item_said(QT_TRANSLATE_NOOP("ItemReason", "{signal} {value} ({carrier} at {where}, fetched {when})"),
                             **args, when=self.fetched_at)
        return item_said(QT_TRANSLATE_NOOP("ItemReason", "{signal} {value} ({carrier} at {where})"), **args)


@dataclass
class ItemSignals:
    """Everything the signals say about one item."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fetched_at: str | None = None

    def state(self, use: str) -> str:
        return combine(f.state for f in self.findings if f.use == use)

    def uses(self) -> dict[str, str]:
        """{use: combined state} for every use, in one pass over the findings."""
        best = dict.fromkeys(USES, UNKNOWN)
        for f in self.findings:
            if f.state == RESERVED or (f.state == ALLOWED and best.get(f.use) == UNKNOWN):
                best[f.use] = f.state
        return {u: best[u] for u in USES}

    def reserving(self, use: str, *, exclude: Iterable[str] = ()) -> list[Finding]:
        skip = set(exclude)
        return [f for f in self.findings if f.use == use and f.state == RESERVED and f.signal not in skip]

    def to_json(self) -> dict[str, Any] | None:
        if not self.findings and not self.problems and not self.fetched_at:
            return None
        out: dict[str, Any] = {"uses": self.uses(), "findings": [f.to_json() for f in self.findings]}
        if self.problems:
            out["problems"] = list(self.problems)
        if self.fetched_at:
            out["fetched_at"] = self.fetched_at
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any] | None) -> ItemSignals:
        if not d:
            return cls()
        return cls([Finding.from_json(f) for f in d.get("findings", [])], list(d.get("problems", [])),
                   d.get("fetched_at"))

    def canonical(self, as_json: dict[str, Any] | None = None) -> str:
        """The evidence as stored: JSON with sorted keys and no spaces (of `as_json`, its to_json())."""
        if as_json is None:
            return self.evidence()[0] or "null"
        return _dumps(as_json)

    def evidence(self) -> tuple[str | None, dict[str, str] | None]:
        """(the canonical JSON of to_json(), its uses (a dictionary shared by the items with the same
        uses: not to be changed)), or (None, None) when there is nothing to keep.

        The same text as `_dumps(self.to_json())`, written from each finding's own canonical JSON
        (cached: a site's findings recur on every page of the site) instead of a new dictionary per
        item: the top level's keys in sorted order, each finding's object as json.dumps writes it."""
        if not self.findings and not self.problems and not self.fetched_at:
            return None, None
        states = tuple(self.uses().values())
        uses = _shared_uses(states)
        parts = []
        if self.fetched_at:
            parts.append('"fetched_at":' + _dumps(self.fetched_at))
        parts.append('"findings":[' + ",".join([f.canonical_json() for f in self.findings]) + "]")
        if self.problems:
            parts.append('"problems":' + _dumps(self.problems))
        parts.append('"uses":' + _uses_json(states))
        return "{" + ",".join(parts) + "}", uses

    def digest(self) -> str:
        """SHA-256 of the canonical evidence, for the ledger entry."""
        return hashlib.sha256(self.canonical().encode("utf-8")).hexdigest()


# json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False), without a new encoder per call.
_dumps = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode
_str = json.encoder.encode_basestring  # what _dumps writes for a str (ensure_ascii=False)


@lru_cache(maxsize=64)  # 27 combinations of three tri-states
def _shared_uses(states: tuple[str, ...]) -> dict[str, str]:
    """{use: state}, one dictionary per combination, shared by the items that have it (read only: an
    item's result carries it to the parent, where the ledger entry reads it), sent once per batch."""
    return dict(zip(USES, states, strict=True))


@lru_cache(maxsize=64)
def _uses_json(states: tuple[str, ...]) -> str:
    return _dumps(dict(zip(USES, states, strict=True)))


def response_where(url: str | None) -> str:
    """Where a statement of an item's own HTTP response was found, as a finding writes it."""
    return "the HTTP response" + (f" for {url}" if url else "")


def reserved_by(findings: list[Finding], *, url: str | None = None, fetched_at: str | None = None) -> Said:
    """What reserves training, for the quarantine reason: every reserving statement, with its carrier,
    place and fetch time (core/item_reasons.py RESERVED says it), each a message; its English is the
    statements' English joined by "; ". The same findings (a site's, shared by its pages) give the
    same message object, made once.

    Given the item's `url` and `fetched_at` (what `evaluate_item` was given and read), a statement of
    the item's own response (which names the URL and the fetch time, so differs from page to page) is
    one shape for all pages that say the same: the message is written once per shape
    (`item_reasons.ReasonShape`) and each page's is filled in with its URL and fetch time, the same
    text and stored JSON as the message built afresh."""
    plan = reason_plan(findings, url=url, fetched_at=fetched_at)
    if isinstance(plan, Said):
        return plan
    said = fill_reason(plan, url, fetched_at) if plan is not None else None
    return said if said is not None else _reserved_by(tuple(findings))  # not a shape, or two statements the same once filled in


_Shape = tuple[ReasonShape, tuple[str, ...] | None]


def reason_plan(findings: list[Finding], *, url: str | None, fetched_at: str | None) -> Said | _Shape | None:
    """How `reserved_by(findings, url=url, fetched_at=fetched_at)` is made: the message itself when
    no statement is the item's own (shared by the pages that say the same), else the shape of its
    reason (`fill_reason` writes a page's), or None when they make no shape (`reserved_by` makes the
    message afresh). signals.py asks this once for the pages that differ only by URL and fetch time,
    with stand-ins for the two."""
    if not url and not fetched_at:
        return _reserved_by(tuple(findings))
    here = response_where(url) if url else None
    key = tuple((f.signal, f.carrier, f.use, f.state, f.value,
                 _ITEM_URL if here is not None and f.where == here else f.where,
                 _ITEM_WHEN if fetched_at and f.fetched_at == fetched_at else f.fetched_at, f.sha256)
                for f in findings)
    shape = _SHAPES.get(key)
    if shape is None:
        if not any(type(x) is _Slot for k in key for x in k):  # nothing of the item's own: the shared message
            return _reserved_by(tuple(findings))
        if len(_SHAPES) >= 4096:
            _SHAPES.clear()
        shape = _SHAPES[key] = _shape_of(key)
    return shape


def fill_reason(shape: _Shape, url: str | None, fetched_at: str | None) -> Said | None:
    """A page's reason from the shape of its statements (`reason_plan`), or None when two of them say
    the same once filled in (`reserved_by` then makes the message afresh)."""
    values = (url or "", fetched_at or "")
    if shape[1] is None or _distinct(shape[1], values):
        return shape[0].fill(values)
    return None


class _Slot:
    """In a shape's key, a statement's field that is the item's own (its URL's place, its fetch time)."""

    def __init__(self, name: str, text: str) -> None:
        self.name, self.text = name, text

    def __repr__(self) -> str:
        return self.name


# The slots of a reason's shape: the item's URL (inside "the HTTP response for …") and its fetch time.
_ITEM_URL, _ITEM_WHEN = _Slot("ITEM_URL", response_where(slot(0))), _Slot("ITEM_WHEN", slot(1))
_Key = tuple[tuple[Any, ...], ...]
_SHAPES: dict[_Key, tuple[ReasonShape, tuple[str, ...] | None] | None] = {}


def _shape_of(key: _Key) -> tuple[ReasonShape, tuple[str, ...] | None] | None:
    """(the shape of these statements' reason, the English of each statement as a format string when
    there are several), or None when they make no shape (a field of their own holds a slot character)."""
    if any(isinstance(x, str) and ("\ue000" in x or "\ue001" in x) for k in key for x in k):
        return None
    said = _reserved_by(tuple(Finding(*[x.text if isinstance(x, _Slot) else x for x in k]) for k in key))
    try:
        shape = ReasonShape(said, 2)
    except ValueError:
        return None
    parts = [p for p in said.args.values() if isinstance(p, Said)]
    if len(parts) < 2:
        return shape, None
    formats = tuple(ReasonShape(p, 2).english for p in parts)
    return shape, formats


def _distinct(formats: tuple[str, ...], values: tuple[str, str]) -> bool:
    """Whether the statements, filled in, still say different things (the reason lists each once)."""
    texts = [f.format(*values) for f in formats]
    return len(set(texts)) == len(texts)


@lru_cache(maxsize=4096)
def _reserved_by(findings: tuple[Finding, ...]) -> Said:
    seen, parts = set(), []
    for f in findings:
        said = f.describe_said()
        text = str(said)
        if text not in seen:
            seen.add(text)
            parts.append(said)
    return joined(parts)


# Carriers named by a word (the others are file names: robots.txt, tdmrep.json, ai.txt, c2pa, cawg).
_CARRIERS = {"header": QT_TRANSLATE_NOOP("ItemReason", "header"), "meta": QT_TRANSLATE_NOOP("ItemReason", "meta")}

# Where a statement was found, as the findings write it (signals.py); the evidence keeps the English.
_WHERE = [
    (re.compile(r"^the HTTP response$"), QT_TRANSLATE_NOOP("ItemReason", "the HTTP response")),
    (re.compile(r"^the HTTP response for (?P<url>.+)$", re.S), QT_TRANSLATE_NOOP("ItemReason", "the HTTP response for {url}")),
    (re.compile(r"^the page's <meta name=(?P<name>[\w-]+)>$"), QT_TRANSLATE_NOOP("ItemReason", "the page's <meta name={name}>")),
    (re.compile(r"^the item's (?P<label>\S+) assertion$"), QT_TRANSLATE_NOOP("ItemReason", "the item's {label} assertion")),
    (re.compile(r"^(?P<url>\S+) \(location (?P<loc>.*)\)$", re.S), QT_TRANSLATE_NOOP("ItemReason", "{url} (location {loc})")),
    (re.compile(r"^(?P<url>\S+) line (?P<line>\d+)$"), QT_TRANSLATE_NOOP("ItemReason", "{url} line {line}")),
]


def where_said(where: str) -> Said | str:
    """A finding's place as a message (its English unchanged), or as written when not a known form."""
    for pattern, source in _WHERE:
        m = pattern.match(where)
        if m is not None:
            return item_said(source, **m.groupdict())
    return where


def _value_said(value: str) -> Said | str:
    """A statement quoted as written; the one signals.py words itself (a robots.txt Disallow for the
    corpus's crawler) as a message."""
    m = re.match(r"^Disallow for (?P<agent>[^'\\]+)$", value)
    if m is not None:
        return item_said(QT_TRANSLATE_NOOP("ItemReason", "'Disallow for {agent}'"), agent=m.group("agent"))
    return repr(value)


def _carrier_said(carrier: str) -> Said | str:
    return item_said(_CARRIERS[carrier]) if carrier in _CARRIERS else carrier
