"""The quarantine reason of a site's pages is one message, made and written once (provenance/findings.py
reserved_by, provenance/policy.py OptOutSignalPolicy, core/messages.py Said's kept text and JSON): the
same words, the same stored JSON, as a message made afresh for every item."""

from __future__ import annotations

import dataclasses
import json
import pickle

from ledger_app.core import item_reasons as reasons
from ledger_app.core.item_reasons import item_said
from ledger_app.core.messages import Said
from ledger_app.core.policy import ItemFacts
from ledger_app.core.types import ItemStatus
from ledger_app.provenance.findings import Finding, reserved_by
from ledger_app.provenance.policy import OptOutSignalPolicy

FINDINGS = [
    Finding("content-usage", "header", "train-ai", "reserved", "train-ai=n", "the HTTP response", "2025-06-01T12:00:00Z"),
    Finding("robots", "robots.txt", "train-ai", "reserved", "Disallow for BenchBot",
            "https://site12.example/robots.txt line 3", "2025-06-01T12:00:00Z", "ab" * 32),
]


def fresh(said: Said) -> Said:
    """The same message built again, nothing kept on it."""
    args = {k: fresh(v) if isinstance(v, Said) else v for k, v in said.args.items()}
    return dataclasses.replace(said, args=args)


class Page:
    def __init__(self, details: Said) -> None:
        self.signals_json = '{"findings":[]}'
        self.train_ai = "reserved"
        self.train_ai_reason = details


def test_the_same_findings_give_one_message_with_the_words_of_each_statement():
    first = reserved_by(FINDINGS)
    assert reserved_by(list(FINDINGS)) is first
    assert str(first) == "; ".join(f.describe() for f in FINDINGS)
    assert reserved_by(FINDINGS[:1]) is not first and str(reserved_by(FINDINGS[:1])) == FINDINGS[0].describe()


def test_kept_text_and_json_equal_a_message_made_afresh():
    details = reserved_by(FINDINGS)
    reason = item_said(reasons.RESERVED, details=details)
    for _ in range(2):  # the second time from what was kept
        assert str(reason) == str(fresh(reason))
        assert reason.to_stored() == fresh(reason).to_stored()
        assert reason.to_json() == fresh(reason).to_json()
    assert Said.from_stored(reason.to_stored()) == reason
    # to_json gives a new top-level dictionary each time: changing one does not change the kept JSON
    reason.to_json()["msg"] = "changed"
    assert json.loads(reason.to_stored())["msg"] == reasons.RESERVED


def test_pages_of_a_site_share_the_reason_after_pickling_and_decide_as_before():
    details = reserved_by(FINDINGS)
    pages = pickle.loads(pickle.dumps([Page(details) for _ in range(3)]))  # a unit's results, as the parent gets them
    assert pages[0].train_ai_reason is pages[2].train_ai_reason  # pickling keeps the sharing
    policy = OptOutSignalPolicy()
    decisions = [policy.decide(ItemFacts(sha256="0" * 64, media_type="text/html", extra={"item": p})) for p in pages]
    expected = item_said(reasons.RESERVED, details=fresh(details))
    for d in decisions:
        assert d is not None and d.status is ItemStatus.QUARANTINED and d.rule == "signals.train-ai"
        assert d.reason == str(expected)
        assert d.stored_reason == expected.to_stored()
    assert decisions[0].said is decisions[1].said  # made once for the site's pages
    # another site's statements: another reason
    other = reserved_by([dataclasses.replace(FINDINGS[0], where="the HTTP response for https://b.example/")])
    d = policy.decide(ItemFacts(sha256="0" * 64, media_type="text/html", extra={"item": Page(other)}))
    assert d is not None and d.reason != decisions[0].reason and "b.example" in d.reason
