"""The training-permission policy: what an item's Content Credentials mean for its admission.

Two rules, combined with `AllOf` by `default_c2pa_policy` (training permissions first, so that when
both object the reason shown is the rights holder's statement):

`TrainingPermissionPolicy` (rule ``c2pa.training-mining``) reads the entries of the active
manifest's ``c2pa.training-mining`` and ``cawg.training-mining`` assertions:

* ``allowed`` → no objection;
* ``notAllowed`` or ``constrained`` → quarantined, naming the entry, its value and the assertion label
  (and the constraint text, if any): a constrained permission needs a person to read the constraint;
* any other value → quarantined as unknown: c2pa-rs does not validate these values, so a typo or a
  future value must not pass silently.

It applies whatever the validation state: an opt-out in a manifest that no longer validates is still
the best evidence of the rights holder's wish.

`CredentialStatePolicy` (rule ``c2pa.credentials``) looks at the validation state:

* ``none``, ``Valid``, ``Trusted`` → no objection (an untrusted signer is normal: most signers are not
  in the workspace's trust anchors);
* ``Invalid`` → quarantined by default (``quarantine_invalid``); the credentials were tampered with or
  broken, so nothing they say, including permissions, can be relied on;
* ``unreadable`` → quarantined by default (``quarantine_unreadable``): a manifest is there but could not
  be parsed, so it may hold an opt-out we cannot see; failing closed is the safe side;
* ``remote`` → quarantined by default (``quarantine_remote``): the asset declares its credentials at a
  URL that is deliberately not fetched (no network access during ingest), so its training permissions
  are unknown, exactly like an unreadable manifest. A reviewer can check the URL and release the item.

A state that is not quarantined because its flag is off yields an *admitted* decision with a reason:
a note for the ledger entry, not an objection.
"""

from __future__ import annotations

import json

from ledger_app.core import item_reasons as reasons
from ledger_app.core.item_reasons import KeptSaid, item_said
from ledger_app.core.messages import Said, joined
from ledger_app.core.policy import AllOf, Decision, ItemFacts, Policy
from ledger_app.core.types import C2paState, C2paSummary, ItemStatus

__all__ = ["TrainingPermissionPolicy", "CredentialStatePolicy", "OptOutSignalPolicy", "default_c2pa_policy"]

_UNTRUSTED_ONLY = frozenset({"signingCredential.untrusted", "cawg.x509.credential.untrusted"})


def _label_for(summary: C2paSummary, key: str) -> str:
    detail = summary.training_mining_detail.get(key) or {}
    if detail.get("assertion"):
        return detail["assertion"]
    # A summary restored without detail: the entry key's namespace names its assertion.
    return "cawg.training-mining" if key.startswith("cawg.") else "c2pa.training-mining"


class TrainingPermissionPolicy:
    """Quarantine items whose Content Credentials restrict AI training or data mining."""

    name = "c2pa.training-mining"

    def decide(self, facts: ItemFacts) -> Decision | None:
        summary = facts.c2pa
        problems: list[Said] = []
        for key, value in summary.training_mining.items():
            if value == "allowed":
                continue
            label = _label_for(summary, key)
            if value in ("notAllowed", "constrained"):
                constraint = (summary.training_mining_detail.get(key) or {}).get("constraint_info")
                problems.append(item_said(reasons.PERMISSION_CONSTRAINED, key=key, value=value, label=label,
                                          constraint=constraint) if constraint
                                else item_said(reasons.PERMISSION, key=key, value=value, label=label))
            else:
                problems.append(item_said(reasons.PERMISSION_UNKNOWN, key=key, value=repr(value), label=label))
        if not problems:
            return None
        return Decision.saying(ItemStatus.QUARANTINED, item_said(reasons.TRAINING_RESTRICTED, details=joined(problems)),
                               self.name)

    def __repr__(self) -> str:
        return "TrainingPermissionPolicy()"


class CredentialStatePolicy:
    """Quarantine (by default) items whose Content Credentials are Invalid, unreadable or remote."""

    name = "c2pa.credentials"

    def __init__(
        self,
        *,
        quarantine_invalid: bool = True,
        quarantine_unreadable: bool = True,
        quarantine_remote: bool = True,
    ):
        self.quarantine_invalid = quarantine_invalid
        self.quarantine_unreadable = quarantine_unreadable
        self.quarantine_remote = quarantine_remote

    def decide(self, facts: ItemFacts) -> Decision | None:
        summary = facts.c2pa
        state = summary.state
        if state is C2paState.INVALID:
            failures = [c for c in summary.failure_codes if c not in _UNTRUSTED_ONLY]
            why = ", ".join(failures) if failures else item_said(reasons.INGREDIENT_FAILURE)
            return self._decision(self.quarantine_invalid, item_said(reasons.INVALID, why=why), "quarantine_invalid")
        if state is C2paState.UNREADABLE:
            said = (item_said(reasons.UNREADABLE_WHY, error=summary.error) if summary.error
                    else item_said(reasons.UNREADABLE))
            return self._decision(self.quarantine_unreadable, said, "quarantine_unreadable")
        if state is C2paState.REMOTE:
            said = item_said(reasons.REMOTE_WHY, error=summary.error) if summary.error else item_said(reasons.REMOTE)
            return self._decision(self.quarantine_remote, said, "quarantine_remote")
        return None

    def _decision(self, quarantine: bool, reason: Said, flag: str) -> Decision:
        if quarantine:
            return Decision.saying(ItemStatus.QUARANTINED, reason, self.name)
        return Decision.saying(ItemStatus.ADMITTED, item_said(reasons.ADMITTED_FLAG_OFF, reason=reason, flag=flag),
                               self.name)

    def __repr__(self) -> str:
        return (
            f"CredentialStatePolicy(quarantine_invalid={self.quarantine_invalid}, "
            f"quarantine_unreadable={self.quarantine_unreadable}, quarantine_remote={self.quarantine_remote})"
        )


def default_c2pa_policy(
    quarantine_invalid: bool = True,
    *,
    quarantine_unreadable: bool = True,
    quarantine_remote: bool = True,
) -> Policy:
    """The C2PA part of the ingest policy: training permissions, then the credentials' state."""
    return AllOf(
        [
            TrainingPermissionPolicy(),
            CredentialStatePolicy(
                quarantine_invalid=quarantine_invalid,
                quarantine_unreadable=quarantine_unreadable,
                quarantine_remote=quarantine_remote,
            ),
        ],
        name="c2pa",
    )


class OptOutSignalPolicy:
    """Quarantine items whose opt-out signals reserve AI training (rule ``signals.train-ai``).

    The signals are read at ingest (`provenance/signals.py`): Content-Usage, Content-Signal, robots.txt
    for the corpus's crawler, TDMRep, X-Robots-Tag / robots meta, ai.txt. C2PA and CAWG entries are
    left to `TrainingPermissionPolicy`, which already names them (and their constraints); the
    reason here names every other reserving statement, where it was found and when it was fetched.
    """

    name = "signals.train-ai"
    C2PA_SIGNALS = ("c2pa", "cawg")

    def __init__(self) -> None:
        self._reasons: dict[int, tuple[Said, Said]] = {}  # id(details) -> (details, the reason saying it)

    def decide(self, facts: ItemFacts) -> Decision | None:
        from ledger_app.provenance.signals import TRAIN_AI, ItemSignals, reserved_by

        item = facts.extra.get("item")
        raw = getattr(item, "signals_json", None)  # the stored evidence (ItemSignals.canonical())
        if not raw or getattr(item, "train_ai", "reserved") != "reserved":
            return None  # nothing reserves training: no need to read the findings
        if hasattr(item, "train_ai_reason"):
            # The worker read the findings already (ingest/worker.py): what reserves training, or None when only
            # C2PA/CAWG entries reserve training (TrainingPermissionPolicy names those).
            details = item.train_ai_reason
            if not details:
                return None
            if isinstance(details, KeptSaid):
                # A page's own statements, written in the worker from their shape (findings.reserved_by):
                # the reason's English and JSON are theirs between RESERVED's fixed beginning and end.
                return Decision.saying(ItemStatus.QUARANTINED, reasons.within(reasons.RESERVED, "details", details),
                                       self.name)
            if isinstance(details, Said):
                # The pages of a site share one details message (findings.reserved_by, kept shared by
                # pickling within a unit's results): its reason is made, and written as JSON, once.
                kept = self._reasons.get(id(details))
                if kept is None or kept[0] is not details:
                    if len(self._reasons) >= 4096:
                        self._reasons.clear()
                    kept = (details, item_said(reasons.RESERVED, details=details))
                    self._reasons[id(details)] = kept
                return Decision.saying(ItemStatus.QUARANTINED, kept[1], self.name)
            return Decision.saying(ItemStatus.QUARANTINED, item_said(reasons.RESERVED, details=details), self.name)
        reserving = ItemSignals.from_json(json.loads(raw)).reserving(TRAIN_AI, exclude=self.C2PA_SIGNALS)
        if not reserving:
            return None
        return Decision.saying(ItemStatus.QUARANTINED, item_said(reasons.RESERVED, details=reserved_by(reserving)),
                               self.name)

    def __repr__(self) -> str:
        return "OptOutSignalPolicy()"
