"""The composable policy objects of ledger_app.core.policy (kept here beside their first user)."""

from __future__ import annotations

import dataclasses

import pytest

from ledger_app.core.policy import AllOf, AnyOf, Decision, ItemFacts, Policy, evaluate, severity
from ledger_app.core.types import ItemStatus

FACTS = ItemFacts(sha256="ab" * 32, media_type="image/jpeg")


class Fixed:
    """A rule that always answers the same, and counts how often it was asked."""

    def __init__(self, name: str, status: ItemStatus | None, reason: str | None = "because"):
        self.name = name
        self.answer = None if status is None else Decision(status, reason, name)
        self.calls = 0

    def decide(self, facts: ItemFacts) -> Decision | None:
        self.calls += 1
        return self.answer


def test_decision_is_frozen_and_checked() -> None:
    d = Decision(ItemStatus.QUARANTINED, "why", "rule")
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.status = ItemStatus.ADMITTED  # type: ignore[misc]
    with pytest.raises(ValueError, match="purged"):
        Decision(ItemStatus.PURGED, "x", "rule")
    with pytest.raises(ValueError, match="needs a reason"):
        Decision(ItemStatus.REFUSED, None, "rule")
    assert Decision(ItemStatus.ADMITTED, None, "rule").is_objection is False
    assert d.is_objection


def test_rules_satisfy_the_protocol() -> None:
    assert isinstance(Fixed("a", None), Policy)
    assert isinstance(AllOf([Fixed("a", None)]), Policy)
    assert not isinstance(object(), Policy)


@pytest.mark.parametrize("combinator", [AllOf, AnyOf])
def test_empty_policy_is_an_error_not_a_pass(combinator) -> None:
    with pytest.raises(ValueError, match="empty policy is an error"):
        combinator([])
    with pytest.raises(TypeError):
        combinator([object()])


def test_all_of_most_severe_wins_first_among_equals() -> None:
    q1 = Fixed("q1", ItemStatus.QUARANTINED)
    q2 = Fixed("q2", ItemStatus.QUARANTINED)
    r = Fixed("r", ItemStatus.REFUSED)
    ok = Fixed("ok", None)
    assert AllOf([ok, q1, q2]).decide(FACTS).rule == "q1"
    assert AllOf([q1, r, q2]).decide(FACTS).rule == "r"  # refused beats an earlier quarantine
    assert AllOf([ok, Fixed("ok2", None)]).decide(FACTS) is None


def test_all_of_stops_at_refusal_and_passes_notes_on() -> None:
    r = Fixed("r", ItemStatus.REFUSED)
    later = Fixed("later", ItemStatus.QUARANTINED)
    assert AllOf([r, later]).decide(FACTS).rule == "r"
    assert later.calls == 0
    note = Fixed("note", ItemStatus.ADMITTED, "remote manifest not checked")
    assert AllOf([Fixed("ok", None), note]).decide(FACTS) == note.answer
    assert AllOf([note, Fixed("q", ItemStatus.QUARANTINED)]).decide(FACTS).rule == "q"


def test_any_of_passes_if_any_member_passes() -> None:
    q = Fixed("q", ItemStatus.QUARANTINED)
    r = Fixed("r", ItemStatus.REFUSED)
    assert AnyOf([r, Fixed("ok", None)]).decide(FACTS) is None
    assert AnyOf([r, q]).decide(FACTS).rule == "q"  # the mildest objection
    assert AnyOf([q, Fixed("q2", ItemStatus.QUARANTINED)]).decide(FACTS).rule == "q"


def test_nesting_and_evaluate() -> None:
    policy = AllOf(
        [AnyOf([Fixed("r", ItemStatus.REFUSED), Fixed("ok", None)]), Fixed("q", ItemStatus.QUARANTINED)]
    )
    assert policy.decide(FACTS).rule == "q"
    admitted = evaluate(AllOf([Fixed("ok", None)], name="ingest"), FACTS)
    assert admitted == Decision(ItemStatus.ADMITTED, None, "ingest")
    assert severity(None) < severity(admitted) < severity(Fixed("q", ItemStatus.QUARANTINED).answer)


def test_item_facts_carry_extra() -> None:
    facts = ItemFacts(sha256="00", media_type="text/plain", extra={"source_url": "https://example.org/a"})
    assert facts.c2pa.state == "none"
    assert facts.extra["source_url"].endswith("/a")
