"""An item's status reason in the current language.

The ingest policies, the standing claims, the blocklist and the purge store an item's reason as an
English sentence (it is also what the CLI prints and what the ledger entries say). The window reads
the common ones back as a message ID with its arguments (messages.py) and renders that in the
current language; the technical parts (assertion keys, failure codes, hashes, request numbers) are
kept as they are. A sentence not recognised here is shown as stored, never dropped."""

from __future__ import annotations

import re

from ledger_app.core.messages import Said
from ledger_app.ui.errors import said_message
from ledger_app.ui.messages import QT_TRANSLATE_NOOP, Message

CONTEXT = "ItemReason"

# (pattern on the stored English, source of the message). Arguments named `reason` are themselves
# reasons and rendered recursively.
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?P<reason>.+) \(admitted: (?P<flag>[\w.]+) is off\)$", re.S),
     QT_TRANSLATE_NOOP("ItemReason", "{reason} (admitted: {flag} is off)")),
    (re.compile(r"^Content Credentials restrict AI training or data mining: (?P<details>.+)$", re.S),
     QT_TRANSLATE_NOOP("ItemReason", "Content Credentials restrict AI training or data mining: {details}")),
    (re.compile(r"^Content Credentials are Invalid \((?P<why>.+)\); the asset or its manifest was altered after "
                r"signing$", re.S),
     QT_TRANSLATE_NOOP("ItemReason", "Content Credentials are Invalid ({why}); the asset or its manifest was altered "
                                     "after signing")),
    (re.compile(r"^Content Credentials are present but could not be read \((?P<error>.+)\); they may restrict "
                r"training$", re.S),
     QT_TRANSLATE_NOOP("ItemReason", "Content Credentials are present but could not be read ({error}); they may "
                                     "restrict training")),
    (re.compile(r"^Content Credentials are present but could not be read; they may restrict training$"),
     QT_TRANSLATE_NOOP("ItemReason", "Content Credentials are present but could not be read; they may restrict "
                                     "training")),
    (re.compile(r"^Content Credentials are in a remote manifest that was not fetched \(network access is off\), so "
                r"its training permissions are unknown: (?P<error>.+)$", re.S),
     QT_TRANSLATE_NOOP("ItemReason", "Content Credentials are in a remote manifest that was not fetched (network "
                                     "access is off), so its training permissions are unknown: {error}")),
    (re.compile(r"^Content Credentials are in a remote manifest that was not fetched \(network access is off\), so "
                r"its training permissions are unknown$"),
     QT_TRANSLATE_NOOP("ItemReason", "Content Credentials are in a remote manifest that was not fetched (network "
                                     "access is off), so its training permissions are unknown")),
    (re.compile(r"^AI training is reserved by (?P<details>.+)$", re.S),
     QT_TRANSLATE_NOOP("ItemReason", "AI training is reserved by {details}")),
    (re.compile(r"^matches standing rights claim (?P<claim>\d+) \((?P<basis>[^:]*): (?P<terms>.*)\) by "
                r"(?P<method>[\w-]+)$", re.S),
     QT_TRANSLATE_NOOP("ItemReason", "matches standing rights claim {claim} ({basis}: {terms}) by {method}")),
    (re.compile(r"^removed by takedown request (?P<request>\d+)$"),
     QT_TRANSLATE_NOOP("ItemReason", "removed by takedown request {request}")),
    (re.compile(r"^removed by takedown request (?P<request>\d+); restored after a counter-notice \(retained copy, as "
                r"corpus (?P<corpus>[^)]+)\)$"),
     QT_TRANSLATE_NOOP("ItemReason", "removed by takedown request {request}; restored after a counter-notice "
                                     "(retained copy, as corpus {corpus})")),
    (re.compile(r"^removed by takedown request (?P<request>\d+); restored after a counter-notice \(re-acquire\)$"),
     QT_TRANSLATE_NOOP("ItemReason", "removed by takedown request {request}; restored after a counter-notice "
                                     "(re-acquire)")),
    (re.compile(r"^this exact content was removed by takedown request (?P<request>\d+) and may not be ingested "
                r"again$"),
     QT_TRANSLATE_NOOP("ItemReason", "this exact content was removed by takedown request {request} and may not be "
                                     "ingested again")),
    (re.compile(r"^a near copy of an image removed by takedown request (?P<request>\d+) \(match score "
                r"(?P<score>[\d.]+)\) may not be ingested again$"),
     QT_TRANSLATE_NOOP("ItemReason", "a near copy of an image removed by takedown request {request} (match score "
                                     "{score}) may not be ingested again")),
    (re.compile(r"^a near copy of a text removed by takedown request (?P<request>\d+) \(containment "
                r"(?P<score>[\d.]+)\) may not be ingested again$"),
     QT_TRANSLATE_NOOP("ItemReason", "a near copy of a text removed by takedown request {request} (containment "
                                     "{score}) may not be ingested again")),
]


def reason_message(text: str) -> Message | None:
    """The stored English reason as a message ID with arguments, or None when it is not a known one."""
    for pattern, source in PATTERNS:
        m = pattern.match(text)
        if m is None:
            continue
        args: dict[str, object] = {}
        for key, value in m.groupdict().items():
            inner = reason_message(value) if key == "reason" else None
            args[key] = inner if inner is not None else value
        return Message(CONTEXT, source, args)
    return None


def reason_text(text: str | None) -> str:
    """An item's status reason in the current language (as stored when it is not a known sentence)."""
    if not text:
        return ""
    msg = reason_message(text)
    return msg.text() if msg is not None else text


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
    return text
