"""The training-permission policy on summaries and on every real fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger_app.core.policy import ItemFacts, evaluate
from ledger_app.core.types import C2paState, C2paSummary, ItemStatus
from ledger_app.provenance.c2pa_reader import read_c2pa
from ledger_app.provenance.policy import CredentialStatePolicy, TrainingPermissionPolicy, default_c2pa_policy

A, Q = ItemStatus.ADMITTED, ItemStatus.QUARANTINED


def decide(summary: C2paSummary, **flags):
    return evaluate(
        default_c2pa_policy(**flags), ItemFacts(sha256="0" * 64, media_type="image/jpeg", c2pa=summary)
    )


@pytest.mark.parametrize(
    "state, status",
    [
        (C2paState.NONE, A),
        (C2paState.VALID, A),
        (C2paState.TRUSTED, A),
        (C2paState.INVALID, Q),
        (C2paState.UNREADABLE, Q),
        (C2paState.REMOTE, Q),
    ],
)
def test_states_by_default(state, status) -> None:
    decision = decide(C2paSummary(state=state, error="detail"))
    assert decision.status is status
    if status is A:
        assert decision.reason is None
    else:
        assert decision.rule == "c2pa.credentials" and decision.reason


@pytest.mark.parametrize(
    "flag, state",
    [
        ("quarantine_invalid", C2paState.INVALID),
        ("quarantine_unreadable", C2paState.UNREADABLE),
        ("quarantine_remote", C2paState.REMOTE),
    ],
)
def test_flags_turn_quarantine_into_a_note(flag, state) -> None:
    decision = decide(C2paSummary(state=state), **{flag: False})
    assert decision.status is A
    assert f"{flag} is off" in decision.reason


def test_remote_reason_names_the_url() -> None:
    summary = C2paSummary(
        state=C2paState.REMOTE, error="Remote: must fetch remote manifests from url https://x.test/m"
    )
    assert "https://x.test/m" in decide(summary).reason


def test_invalid_reason_skips_untrusted_codes() -> None:
    only_ingredient = C2paSummary(state=C2paState.INVALID, failure_codes=("signingCredential.untrusted",))
    assert "ingredient" in decide(only_ingredient).reason
    both = C2paSummary(
        state=C2paState.INVALID, failure_codes=("claimSignature.mismatch", "signingCredential.untrusted")
    )
    reason = decide(both).reason
    assert "claimSignature.mismatch" in reason and "untrusted" not in reason


def test_training_rule_without_detail_infers_the_label() -> None:
    summary = C2paSummary(
        state=C2paState.VALID, training_mining={"cawg.ai_training": "notAllowed", "c2pa.data_mining": "odd"}
    )
    reason = TrainingPermissionPolicy().decide(ItemFacts("0", "image/jpeg", summary)).reason
    assert "cawg.ai_training is notAllowed in cawg.training-mining" in reason
    assert "c2pa.data_mining has the unknown permission value 'odd' in c2pa.training-mining" in reason


def test_allowed_everywhere_is_no_objection() -> None:
    summary = C2paSummary(state=C2paState.TRUSTED, training_mining={"c2pa.ai_training": "allowed"})
    assert TrainingPermissionPolicy().decide(ItemFacts("0", "image/jpeg", summary)) is None
    assert CredentialStatePolicy().decide(ItemFacts("0", "image/jpeg", summary)) is None


FIXTURE_DECISIONS = {
    "C_with_CAWG_data.jpg": (Q, "c2pa.training-mining"),
    "sample1_signed.wav": (Q, "c2pa.training-mining"),
    "XCA.jpg": (Q, "c2pa.credentials"),
    "E-sig-CA.jpg": (Q, "c2pa.credentials"),
    "CIE-sig-CA.jpg": (Q, "c2pa.credentials"),
    "dashinit.mp4": (Q, "c2pa.credentials"),
    "cloud.jpg": (Q, "c2pa.credentials"),
}


def test_default_policy_on_every_fixture(c2pa_fixtures: Path, expected: dict, media_type_of) -> None:
    for name in expected:
        path = c2pa_fixtures / name
        decision = decide(read_c2pa(path.read_bytes(), media_type_of(path)))
        status, rule = FIXTURE_DECISIONS.get(name, (A, "c2pa"))
        assert (decision.status, decision.rule) == (status, rule), name
    cawg = decide(read_c2pa((c2pa_fixtures / "C_with_CAWG_data.jpg").read_bytes(), "image/jpeg")).reason
    assert "cawg.ai_generative_training is notAllowed in cawg.training-mining" in cawg
    assert "cawg.ai_inference is notAllowed in cawg.training-mining" in cawg
