"""Small composable admission policies (in the style of sigstore-python's verification policies).

A policy looks at one item's facts and either has no objection (returns ``None``) or returns a
`Decision`: ``refused`` or ``quarantined`` with a reason, or ``admitted`` with a reason, which is a
note worth recording (for example "remote manifest not checked") rather than an objection.

`AllOf` is the strict combinator: every member is asked, and the most severe answer wins
(refused > quarantined > admitted note > no objection), the earlier member among equals, so the
order of members is the order of preference for the reason shown. `AnyOf` is the lenient one: the
item passes if any member passes. Both refuse to be built empty: an empty policy is an error, not a
pass. Rules are plain objects with a ``name`` and a ``decide`` method; the C2PA training-permission
rules live in `ledger_app.provenance.policy`, and ingest adds its own (blocklist, rights claims).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ledger_app.core.messages import Said
from ledger_app.core.types import C2paSummary, ItemStatus

__all__ = ["Decision", "ItemFacts", "Policy", "AllOf", "AnyOf", "evaluate", "severity"]

_SEVERITY = {ItemStatus.ADMITTED: 1, ItemStatus.QUARANTINED: 2, ItemStatus.REFUSED: 3}


@dataclass(frozen=True)
class Decision:
    """What one rule decided about one item, and why."""

    status: ItemStatus
    reason: str | None  # in English: what the ledger entry and the CLI say
    rule: str
    said: Said | None = None  # the reason as a message (core/item_reasons.py), kept so in the items table

    @classmethod
    def saying(cls, status: ItemStatus, said: Said, rule: str) -> Decision:
        """A decision whose reason is a message; `reason` is its English."""
        return cls(status, str(said), rule, said)

    @property
    def stored_reason(self) -> str | None:
        """What the items table keeps: the message as its JSON, else the plain reason."""
        return self.said.to_stored() if self.said is not None else self.reason

    def __post_init__(self) -> None:
        if self.status not in _SEVERITY:
            raise ValueError(f"a policy cannot decide {self.status!s}; only admitted, quarantined or refused")
        if self.status is not ItemStatus.ADMITTED and not self.reason:
            raise ValueError(f"a {self.status!s} decision needs a reason (rule {self.rule})")

    @property
    def is_objection(self) -> bool:
        return self.status is not ItemStatus.ADMITTED


def severity(decision: Decision | None) -> int:
    """0 for no objection, then admitted note < quarantined < refused."""
    return 0 if decision is None else _SEVERITY[decision.status]


@dataclass(frozen=True)
class ItemFacts:
    """What is known about one item when it is judged."""

    sha256: str
    media_type: str
    c2pa: C2paSummary = field(default_factory=C2paSummary)
    extra: Mapping[str, Any] = field(default_factory=dict)


@runtime_checkable
class Policy(Protocol):
    """A rule: ``decide`` returns None for no objection, else a Decision."""

    @property
    def name(self) -> str: ...

    def decide(self, facts: ItemFacts) -> Decision | None: ...


def _members(kind: str, policies: Iterable[Policy]) -> tuple[Policy, ...]:
    members = tuple(policies)
    if not members:
        raise ValueError(f"{kind} needs at least one policy: an empty policy is an error, not a pass")
    for p in members:
        if not isinstance(p, Policy):
            raise TypeError(f"{kind} members must be policies with name and decide(); got {p!r}")
    return members


class AllOf:
    """Every member must agree; the most severe decision wins (first among equals)."""

    def __init__(self, policies: Iterable[Policy], *, name: str = "all-of"):
        self.policies = _members("AllOf", policies)
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def decide(self, facts: ItemFacts) -> Decision | None:
        worst: Decision | None = None
        for policy in self.policies:
            decision = policy.decide(facts)
            if severity(decision) > severity(worst):
                worst = decision
                if worst is not None and worst.status is ItemStatus.REFUSED:
                    break  # nothing is more severe
        return worst

    def __repr__(self) -> str:
        return f"AllOf({list(self.policies)!r})"


class AnyOf:
    """The item passes if any member has no objection; otherwise the mildest decision (first among equals)."""

    def __init__(self, policies: Iterable[Policy], *, name: str = "any-of"):
        self.policies = _members("AnyOf", policies)
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def decide(self, facts: ItemFacts) -> Decision | None:
        mildest: Decision | None = None
        for i, policy in enumerate(self.policies):
            decision = policy.decide(facts)
            if decision is None:
                return None
            if i == 0 or severity(decision) < severity(mildest):
                mildest = decision
        return mildest

    def __repr__(self) -> str:
        return f"AnyOf({list(self.policies)!r})"


def evaluate(policy: Policy, facts: ItemFacts) -> Decision:
    """The policy's decision, with "no objection" spelled out as an admitted decision without reason."""
    return policy.decide(facts) or Decision(ItemStatus.ADMITTED, None, policy.name)
