"""An item's quarantine reason written from its shape (provenance/findings.py reserved_by with the item's URL
and fetch time, core/item_reasons.py ReasonShape, KeptSaid, within): the same English, the same stored JSON
and the same message read back as the reason made afresh from the findings, for URLs and values that
could upset a template (braces, quotes, backslashes, non-ASCII, the slot characters themselves), and sent
to the parent as two strings."""

from __future__ import annotations

import pickle

import pytest

from ledger_app.core import item_reasons as reasons
from ledger_app.core.item_reasons import KeptSaid, item_said, reason_said
from ledger_app.core.messages import Said, joined
from ledger_app.core.policy import ItemFacts
from ledger_app.core.types import ItemStatus
from ledger_app.provenance.findings import Finding, reserved_by, response_where
from ledger_app.provenance.policy import OptOutSignalPolicy

WHEN = "2026-01-01T00:00:00Z"
URLS = ["https://site7.example/news/7", "https://a.example/x?q={0}&r={name}}", 'https://a.example/"quoted"\\back',
        "https://例え.example/ページ", "https://a.example/\ue0000\ue001/\ue000", "https://a.example/%7B1%7D"]


def afresh(findings: list[Finding]) -> Said:
    """The reason's details as the worker made them before shapes: each statement's message, once each."""
    seen, parts = set(), []
    for f in findings:
        said = f.describe_said()
        if str(said) not in seen:
            seen.add(str(said))
            parts.append(said)
    return joined(parts)


def statements(url: str, when: str | None, site_where: str = "https://a.example/robots.txt line 3") -> list[list[Finding]]:
    here = response_where(url)
    noai = Finding("x-robots-tag", "header", "train-ai", "reserved", "noai", here, when)
    usage = Finding("content-usage", "header", "train-ai", "reserved", "train-ai=n", here, when)
    robots = Finding("robots", "robots.txt", "train-ai", "reserved", "Disallow for BenchBot", site_where,
                     "2025-05-01T00:00:00Z", "ab" * 32)
    tdm = Finding("tdmrep", "tdmrep.json", "train-ai", "reserved", "tdm-reservation: 1",
                  "https://a.example/.well-known/tdmrep.json (location /news/*)", when, "cd" * 32)
    meta = Finding("robots-meta", "meta", "train-ai", "reserved", "noai", "the page's <meta name=robots>", when)
    return [[noai], [noai, usage], [usage, robots], [noai, noai, tdm], [meta, noai], [robots], [tdm, meta]]


def decide(details: Said):
    class Item:
        signals_json = '{"findings":[]}'
        train_ai = "reserved"
        train_ai_reason = details

    return OptOutSignalPolicy().decide(ItemFacts(sha256="0" * 64, media_type="text/html", extra={"item": Item()}))


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("when", [WHEN, None])
def test_a_reason_from_its_shape_says_and_stores_what_a_reason_made_afresh_does(url, when):
    for findings in statements(url, when):
        for _ in range(2):  # the second time from the shape made the first time
            shaped = reserved_by(findings, url=url, fetched_at=when)
            fresh = afresh(findings)
            assert str(shaped) == str(fresh)
            assert shaped.to_stored() == fresh.to_stored()
            assert shaped == fresh and fresh == shaped
            assert shaped.to_json() == fresh.to_json()
            # sent to the parent, and quarantined there with the reason of before
            sent = pickle.loads(pickle.dumps(shaped))
            d = decide(sent)
            expected = item_said(reasons.RESERVED, details=fresh)
            assert d is not None and d.status is ItemStatus.QUARANTINED and d.rule == "signals.train-ai"
            assert d.reason == str(expected)
            assert d.stored_reason == expected.to_stored()
            assert reason_said(d.stored_reason) == expected  # read back from the items table as before


def test_pages_that_say_the_same_share_one_shape_and_travel_as_two_strings():
    a = reserved_by(statements(URLS[0], WHEN)[1], url=URLS[0], fetched_at=WHEN)
    other = "https://site7.example/news/8"
    b = reserved_by(statements(other, "2026-02-02T00:00:00Z")[1], url=other, fetched_at="2026-02-02T00:00:00Z")
    assert isinstance(a, KeptSaid) and isinstance(b, KeptSaid)
    assert other in str(b) and "2026-02-02T00:00:00Z" in str(b) and other not in str(a)
    assert b.to_stored() == afresh(statements(other, "2026-02-02T00:00:00Z")[1]).to_stored()
    blob = pickle.dumps(a)
    assert len(blob) < len(str(a)) + len(a.to_stored()) + 120  # the two strings, not a tree of messages
    assert pickle.loads(blob) == a


def test_a_site_file_holding_a_slot_character_is_said_as_written():
    url = URLS[0]
    for findings in statements(url, WHEN, site_where="https://a.example/robots.txt\ue0001\ue001 line 3"):
        shaped = reserved_by(findings, url=url, fetched_at=WHEN)
        assert str(shaped) == str(afresh(findings)) and shaped.to_stored() == afresh(findings).to_stored()


def test_within_is_the_message_made_with_the_argument():
    inner = reserved_by(statements(URLS[1], WHEN)[2], url=URLS[1], fetched_at=WHEN)
    for outer_of in (inner, afresh(statements(URLS[1], WHEN)[2])):
        kept = reasons.within(reasons.ADMITTED_FLAG_OFF.replace("{flag}", "x"), "reason", outer_of)
        made = item_said(reasons.ADMITTED_FLAG_OFF.replace("{flag}", "x"), reason=outer_of)
        assert str(kept) == str(made) and kept.to_stored() == made.to_stored() and kept == made
