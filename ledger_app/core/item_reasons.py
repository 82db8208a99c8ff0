"""An item's status reason as a message (core/messages.py), and any stored form of it read back.

The ingest policies (provenance/policy.py), the standing claims (services/claims.py), the blocklist
(takedown/blocklist.py), the purge and the restore word an item's reason with the sources below; the
items table keeps it as `Said.to_stored()` JSON (context "ItemReason"), the ledger entry keeps its
English. `reason_said` reads a stored reason back as its message: the JSON, or, for a reason stored
as an English sentence before (an older workspace or fingerprint store), the same sources matched
against the sentence (arguments then English as stored); None for a sentence no source makes. The
CLI prints `str()` of the message, which is the English sentence exactly as it was stored before.

`ReasonShape` and `FilledSaid`: a reason whose only per-item parts are a few strings (an opt-out
reason names the item's URL and fetch time, provenance/findings.py `reserved_by`) is written once per
shape, with those strings left as slots, and each item's message fills them in: the same English and
the same stored JSON, byte for byte, as the message built afresh, at the cost of two `str.format`
calls; its arguments are read back from that JSON only if asked for. Sent to another process, a
filled message is its shape (once per batch) and its strings.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from typing import Any

from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said

CONTEXT = "ItemReason"

ADMITTED_FLAG_OFF = QT_TRANSLATE_NOOP("ItemReason", "{reason} (admitted: {flag} is off)")
TRAINING_RESTRICTED = QT_TRANSLATE_NOOP("ItemReason", "Content Credentials restrict AI training or data mining: {details}")
PERMISSION = QT_TRANSLATE_NOOP("ItemReason", "{key} is {value} in {label}")
PERMISSION_CONSTRAINED = QT_TRANSLATE_NOOP("ItemReason", "{key} is {value} in {label} (constraint: {constraint})")
PERMISSION_UNKNOWN = QT_TRANSLATE_NOOP("ItemReason", "{key} has the unknown permission value {value} in {label}")
INVALID = QT_TRANSLATE_NOOP("ItemReason", "Content Credentials are Invalid ({why}); the asset or its manifest was altered "
                                          "after signing")
INGREDIENT_FAILURE = QT_TRANSLATE_NOOP("ItemReason", "a failure in an ingredient's manifest")
UNREADABLE_WHY = QT_TRANSLATE_NOOP("ItemReason", "Content Credentials are present but could not be read ({error}); they "
                                                 "may restrict training")
UNREADABLE = QT_TRANSLATE_NOOP("ItemReason", "Content Credentials are present but could not be read; they may restrict "
                                             "training")
REMOTE_WHY = QT_TRANSLATE_NOOP("ItemReason", "Content Credentials are in a remote manifest that was not fetched (network "
                                             "access is off), so its training permissions are unknown: {error}")
REMOTE = QT_TRANSLATE_NOOP("ItemReason", "Content Credentials are in a remote manifest that was not fetched (network "
                                         "access is off), so its training permissions are unknown")
RESERVED = QT_TRANSLATE_NOOP("ItemReason", "AI training is reserved by {details}")
CLAIM = QT_TRANSLATE_NOOP("ItemReason", "matches standing rights claim {claim} ({basis}: {terms}) by {method}")
PURGED = QT_TRANSLATE_NOOP("ItemReason", "removed by takedown request {request}")
RESTORED_COPY = QT_TRANSLATE_NOOP("ItemReason", "removed by takedown request {request}; restored after a counter-notice "
                                                "(retained copy, as corpus {corpus})")
RESTORED_REACQUIRE = QT_TRANSLATE_NOOP("ItemReason", "removed by takedown request {request}; restored after a "
                                                     "counter-notice (re-acquire)")
BLOCKED_EXACT = QT_TRANSLATE_NOOP("ItemReason", "this exact content was removed by takedown request {request} and may "
                                                "not be ingested again")
BLOCKED_IMAGE = QT_TRANSLATE_NOOP("ItemReason", "a near copy of an image removed by takedown request {request} (match "
                                                "score {score}) may not be ingested again")
BLOCKED_TEXT = QT_TRANSLATE_NOOP("ItemReason", "a near copy of a text removed by takedown request {request} (containment "
                                               "{score}) may not be ingested again")

#: Words said inside a reason (a claim's basis, how an item matched): each a message of its own, so
#: the window does not leave an English word inside a translated sentence; English as it always was.
WORDS = {
    "copyright": QT_TRANSLATE_NOOP("ItemReason", "copyright"),
    "license_terms": QT_TRANSLATE_NOOP("ItemReason", "license_terms"),
    "privacy": QT_TRANSLATE_NOOP("ItemReason", "privacy"),
    "other": QT_TRANSLATE_NOOP("ItemReason", "other"),
    "exact": QT_TRANSLATE_NOOP("ItemReason", "exact"),
    "perceptual": QT_TRANSLATE_NOOP("ItemReason", "perceptual"),
    "text": QT_TRANSLATE_NOOP("ItemReason", "text"),
    "url": QT_TRANSLATE_NOOP("ItemReason", "url"),
    "account": QT_TRANSLATE_NOOP("ItemReason", "account"),
    "c2pa": QT_TRANSLATE_NOOP("ItemReason", "c2pa"),
}

#: Every whole reason, for reading back sentences stored in English.
SENTENCES = (ADMITTED_FLAG_OFF, TRAINING_RESTRICTED, INVALID, UNREADABLE_WHY, UNREADABLE, REMOTE_WHY, REMOTE, RESERVED,
             CLAIM, PURGED, RESTORED_COPY, RESTORED_REACQUIRE, BLOCKED_EXACT, BLOCKED_IMAGE, BLOCKED_TEXT)


def item_said(source: str, **args: Any) -> Said:
    """A reason (or a part of one) as a message of this context."""
    return Said(source, args, CONTEXT)


def word(value: object) -> Said | str:
    """A known word as a message (its English unchanged); anything else as its text."""
    text = str(value)
    return item_said(WORDS[text]) if text in WORDS else text


def claim_reason(claim: object, basis: str, terms: str, method: object) -> Said:
    return item_said(CLAIM, claim=claim, basis=word(basis), terms=terms, method=word(method))


def to_stored(reason: Said | str | None) -> str | None:
    """What the items table keeps for a reason: a message as its JSON, a plain sentence as it is."""
    return reason.to_stored() if isinstance(reason, Said) else reason


@functools.cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    out = []
    # Longer fixed text first, so that "removed by … {request}" does not swallow a restore's sentence.
    for source in sorted(SENTENCES, key=lambda s: -len(re.sub(r"\{\w+\}", "", s))):
        parts = re.split(r"\{(\w+)\}", source)
        body = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        out.append((re.compile(f"^{body}$", re.S), source))
    return out


def from_english(text: str) -> Said | None:
    """A reason stored as an English sentence before it was kept as a message, as its message (its
    arguments as the text held them; one named `reason` read back the same way), or None."""
    for pattern, source in _patterns():
        m = pattern.match(text)
        if m is None:
            continue
        args: dict[str, Any] = {}
        for key, value in m.groupdict().items():
            inner = from_english(value) if key == "reason" else None
            args[key] = inner if inner is not None else word(value) if key in ("basis", "method") else value
        return item_said(source, **args)
    return None


def reason_said(stored: str | None) -> Said | None:
    """A stored item reason as its message: kept as one, or an English sentence the sources make;
    None for nothing, or a sentence they do not make (shown as it is)."""
    if not stored:
        return None
    return Said.from_stored(stored) or from_english(stored)


def reason_english(stored: str | None) -> str | None:
    """A stored item reason in English, whichever form it was kept in (what the CLI prints)."""
    said = Said.from_stored(stored)
    return str(said) if said is not None else stored


# --- reasons written once per shape ----------------------------------------------------------------

_SLOT = re.compile("\ue000(\\d+)\ue001")
_json_inner = json.encoder.encode_basestring  # what Said.to_stored writes for a str (ensure_ascii=False)


def slot(i: int) -> str:
    """The stand-in, in a shape's message, for the i-th per-item string (private-use characters)."""
    return f"\ue000{i}\ue001"


def _format_of(text: str, n: int) -> str | None:
    """`text` with its slots as `str.format` fields ({0}, {1}) and its braces doubled; None when it
    holds a slot character that is not a whole slot below `n`."""
    pieces = _SLOT.split(text)
    out = []
    for k, piece in enumerate(pieces):
        if k % 2:
            if int(piece) >= n:
                return None
            out.append("{" + piece + "}")
        elif "\ue000" in piece or "\ue001" in piece:
            return None
        else:
            out.append(piece.replace("{", "{{").replace("}", "}}"))
    return "".join(out)


class ReasonShape:
    """A message whose per-item strings are slots (`slot(i)`, i < n), written once: its English and its
    stored JSON as format strings. `fill` makes an item's message. Raises ValueError when the message
    cannot be a shape (a constant part of it holds a slot character)."""

    def __init__(self, said: Said, n: int) -> None:
        english, stored = _format_of(str(said), n), _format_of(said.to_stored(), n)
        if english is None or stored is None:
            raise ValueError("not a shape: a slot character in a constant part of the message")
        self.said, self.english, self.stored = said, english, stored

    def fill(self, values: Sequence[str]) -> KeptSaid:
        """The message with `values` in its slots: its English and JSON written now."""
        return KeptSaid(self.english.format(*values), self.stored.format(*[_json_inner(v)[1:-1] for v in values]))


class KeptSaid(Said):
    """A message known by its English and its stored JSON (`Said.to_stored()`), e.g. filled in from a
    `ReasonShape`: `str()` and `to_stored()` give them as they are; `source`, `args` and `context` are
    read back from the JSON when first asked for. Sent to another process as the two strings."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if len(args) == 2 and not kwargs and all(type(a) is str for a in args):
            return super().__new__(cls)
        return Said(*args, **kwargs)  # dataclasses.replace and the like: a plain message

    def __init__(self, text: str, stored: str) -> None:
        object.__setattr__(self, "_text", text)
        object.__setattr__(self, "_stored", stored)

    def __getattr__(self, name: str) -> Any:
        if name in ("source", "args", "context"):
            said = Said.from_stored(self.__dict__["_stored"])
            if said is None:
                raise ValueError("a kept message's JSON is not a message")
            for k in ("source", "args", "context"):
                object.__setattr__(self, k, getattr(said, k))
            return getattr(said, name)
        raise AttributeError(name)

    def __str__(self) -> str:
        return self.__dict__["_text"]

    def to_stored(self) -> str:
        return self.__dict__["_stored"]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Said):
            return NotImplemented
        return (self.source, self.args, self.context) == (other.source, other.args, other.context)

    __hash__ = Said.__hash__

    def __repr__(self) -> str:
        return f"KeptSaid({self.to_stored()})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (KeptSaid, (self.__dict__["_text"], self.__dict__["_stored"]))


def within(source: str, name: str, inner: Said) -> KeptSaid:
    """`item_said(source, name=inner)` as a KeptSaid: its English and JSON are inner's (kept on it)
    between a fixed beginning and end, made once per (source, name)."""
    (pre, post), (pre_s, post_s) = _around(source, name)
    return KeptSaid(pre + str(inner) + post, pre_s + inner.to_stored() + post_s)


_MARK = "\ue002"


@functools.lru_cache(maxsize=64)
def _around(source: str, name: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """What comes before and after the argument `name` in the English and in the stored JSON of
    `item_said(source, name=…)` (it must appear once in each)."""
    outer = item_said(source, **{name: Said(_MARK, {}, CONTEXT)})
    text, stored = str(outer), outer.to_stored()
    marker_json = Said(_MARK, {}, CONTEXT).to_stored()
    if text.count(_MARK) != 1 or stored.count(marker_json) != 1:
        raise ValueError(f"{name} is not said once in {source!r}")
    pre, _, post = text.partition(_MARK)
    pre_s, _, post_s = stored.partition(marker_json)
    return (pre, post), (pre_s, post_s)
