"""Stored reasons in the current language.

An item's status reason is kept as a message ID with arguments (core/item_reasons.py; English for
the CLI and the ledger entries); the window renders it, and a reason stored as English before is
read back as its message there (the policies' sentences by core/item_reasons.py, every other by
ui/legacy_text.py). The geometric check's sentences of a match's evidence and the
request reasons stored as English before message IDs are read back through the patterns below;
a sentence not recognised is shown as stored, never dropped."""

from __future__ import annotations

import re

from ledger_app.core.item_reasons import reason_said
from ledger_app.core.messages import Said
from ledger_app.ui.errors import said_message
from ledger_app.ui.legacy_text import ITEM, completed, legacy_request_said, legacy_said
from ledger_app.ui.messages import QT_TRANSLATE_NOOP, Message


def reason_text(said: Said | None, stored: str | None = None) -> str:
    """An item's status reason in the current language: its message (`ItemRecord.reason_said`), or,
    for a reason stored as an English sentence before, the message that sentence reads back as
    (core/item_reasons.py); a sentence no policy writes is shown as stored."""
    said = said or legacy_said(stored, ITEM) or reason_said(stored)
    if said is not None:
        return said_message(completed(said)).text()
    return stored or ""


# The geometric check of a perceptual match (matching/verify.py and matching/local.py), as stored in a
# match's evidence. Percentages and counts are kept as written.
VERIFY_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?P<reason>.+) \(an edge strip of (?P<n>\d+) blocks set aside\)$", re.S),
     QT_TRANSLATE_NOOP("Verification", "{reason} (an edge strip of {n} blocks set aside)")),
    (re.compile(r"^(?P<p>\d+%) of (?P<kept>\d+) textured blocks agree after alignment$"),
     QT_TRANSLATE_NOOP("Verification", "{p} of {kept} textured blocks agree after alignment")),
    (re.compile(r"^only (?P<p>\d+%) of (?P<kept>\d+) textured blocks agree after alignment$"),
     QT_TRANSLATE_NOOP("Verification", "only {p} of {kept} textured blocks agree after alignment")),
    (re.compile(r"^too little texture to compare$"), QT_TRANSLATE_NOOP("Verification", "too little texture to compare")),
    (re.compile(r"^no consistent feature matches$"), QT_TRANSLATE_NOOP("Verification", "no consistent feature matches")),
    (re.compile(r"^only (?P<n>\d+) consistent feature matches$"),
     QT_TRANSLATE_NOOP("Verification", "only {n} consistent feature matches")),
    (re.compile(r"^the features fit no edit: (?P<why>.+)$", re.S),
     QT_TRANSLATE_NOOP("Verification", "the features fit no edit: {why}")),
    (re.compile(r"^too few keypoints to compare$"), QT_TRANSLATE_NOOP("Verification", "too few keypoints to compare")),
    (re.compile(r"^only (?P<n>\d+) descriptor matches$"), QT_TRANSLATE_NOOP("Verification", "only {n} descriptor matches")),
    (re.compile(r"^no consistent transform$"), QT_TRANSLATE_NOOP("Verification", "no consistent transform")),
    (re.compile(r"^only (?P<i>\d+) of (?P<n>\d+) matches agree on one transform$"),
     QT_TRANSLATE_NOOP("Verification", "only {i} of {n} matches agree on one transform")),
    (re.compile(r"^the transform mirrors the image$"), QT_TRANSLATE_NOOP("Verification", "the transform mirrors the image")),
    (re.compile(r"^the transform stretches (?P<x>[\d.]+) times more one way$"),
     QT_TRANSLATE_NOOP("Verification", "the transform stretches {x} times more one way")),
    (re.compile(r"^the transform scales by (?P<x>[\d.]+)$"), QT_TRANSLATE_NOOP("Verification", "the transform scales by {x}")),
    (re.compile(r"^the frames do not overlap$"), QT_TRANSLATE_NOOP("Verification", "the frames do not overlap")),
    (re.compile(r"^the shared region is too small$"), QT_TRANSLATE_NOOP("Verification", "the shared region is too small")),
    (re.compile(r"^the matching keypoints cover only (?P<p>\d+%) of the shared region$"),
     QT_TRANSLATE_NOOP("Verification", "the matching keypoints cover only {p} of the shared region")),
    (re.compile(r"^(?P<n>\d+) keypoints agree on one transform \(pixels not compared\)$"),
     QT_TRANSLATE_NOOP("Verification", "{n} keypoints agree on one transform (pixels not compared)")),
    (re.compile(r"^(?P<n>\d+) keypoints agree; too little texture to compare the pixels$"),
     QT_TRANSLATE_NOOP("Verification", "{n} keypoints agree; too little texture to compare the pixels")),
    (re.compile(r"^(?P<n>\d+) keypoints agree on one transform; (?P<p>\d+%) of (?P<blocks>\d+) textured blocks of the "
                r"shared region agree$"),
     QT_TRANSLATE_NOOP("Verification", "{n} keypoints agree on one transform; {p} of {blocks} textured blocks of the "
                                       "shared region agree")),
    (re.compile(r"^(?P<n>\d+) keypoints agree on one transform; (?P<p>\d+%) of (?P<blocks>\d+) textured blocks of the "
                r"shared region agree: a different picture of the same subject$"),
     QT_TRANSLATE_NOOP("Verification", "{n} keypoints agree on one transform; {p} of {blocks} textured blocks of the "
                                       "shared region agree: a different picture of the same subject")),
]


def verification_text(text: str | None) -> str:
    """A geometric check's sentence in the current language (as stored when not a known one)."""
    if not text:
        return ""
    for pattern, source in VERIFY_PATTERNS:
        m = pattern.match(text)
        if m is None:
            continue
        args: dict[str, object] = {k: (verification_text(v) if k == "reason" else v) for k, v in m.groupdict().items()}
        return Message("Verification", source, args).text()
    return text


# Where a DMCA restore window stands and the request status reasons the services write, as they were
# stored before they were kept as messages (a reason typed by a person is shown as typed).
LEGAL_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^no counter-notice received$"), QT_TRANSLATE_NOOP("LegalReason", "no counter-notice received")),
    (re.compile(r"^the counter-notice is incomplete$"),
     QT_TRANSLATE_NOOP("LegalReason", "the counter-notice is incomplete")),
    (re.compile(r"^the counter-notice is not yet forwarded to the claimant$"),
     QT_TRANSLATE_NOOP("LegalReason", "the counter-notice is not yet forwarded to the claimant")),
    (re.compile(r"^the claimant filed a court action; the material stays removed$"),
     QT_TRANSLATE_NOOP("LegalReason", "the claimant filed a court action; the material stays removed")),
    (re.compile(r"^every item is restored$"), QT_TRANSLATE_NOOP("LegalReason", "every item is restored")),
    (re.compile(r"^(?P<n>\d+) of 10 business days have passed; restore from (?P<date>[\d-]+)$"),
     QT_TRANSLATE_NOOP("LegalReason", "{n} of 10 business days have passed; restore from {date}")),
    (re.compile(r"^the window closed on (?P<date>[\d-]+); restore now$"),
     QT_TRANSLATE_NOOP("LegalReason", "the window closed on {date}; restore now")),
    (re.compile(r"^within the window \((?P<start>[\d-]+) to (?P<end>[\d-]+)\)$"),
     QT_TRANSLATE_NOOP("LegalReason", "within the window ({start} to {end})")),
    (re.compile(r"^erasure refused under Art\. 17\(3\)\((?P<g>[a-e])\)$"),
     QT_TRANSLATE_NOOP("LegalReason", "erasure refused under Art. 17(3)({g})")),
]


def note_text(text: str) -> str:
    """A sentence a service handed back in a list (a missing element, an erasure's note): its message in
    the current language when it carries one (core/messages.py `SaidText`), else as `legal_text` says it."""
    said = getattr(text, "said", None)
    return said_message(said).text() if isinstance(said, Said) else legal_text(text)


def legal_text(text: str | None, said: Said | None = None) -> str:
    """A restore window's or a request status's reason in the current language: from its message
    (`said`, or a reason stored as one, core/messages.py) when there is one; a reason stored as an
    English sentence before is read back through the patterns above; anything else is shown as it is."""
    if said is None:
        said = Said.from_stored(text)
    if said is not None:
        return said_message(said).text()
    if not text:
        return ""
    for pattern, source in LEGAL_PATTERNS:
        m = pattern.match(text)
        if m is not None:
            return Message("LegalReason", source, m.groupdict()).text()
    said = legacy_request_said(text)  # a reason the services stored in English before (ui/legacy_text.py)
    return said_message(said).text() if said is not None else text
