"""Assets signed here with a throwaway CA: trust, permissions, AI-generated, tampering, end to end."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID

from ledger_app.core.policy import ItemFacts, evaluate
from ledger_app.core.types import C2paState, ItemStatus
from ledger_app.provenance.c2pa_reader import read_c2pa, validate_trust_anchor_pem
from ledger_app.provenance.policy import default_c2pa_policy
from ledger_app.provenance.testsign import DOCUMENT_SIGNING_EKU, make_demo_ca, sign_asset, sign_jpeg

IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"


def decide(summary, **flags):
    return evaluate(
        default_c2pa_policy(**flags), ItemFacts(sha256="0" * 64, media_type="image/jpeg", c2pa=summary)
    )


def test_demo_ca_meets_the_certificate_requirements(demo_ca) -> None:
    leaf, root = x509.load_pem_x509_certificates(demo_ca.chain_pem.encode())  # leaf first, then root
    assert leaf.issuer == root.subject and root.issuer == root.subject
    assert leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    aki = leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest
    assert leaf.extensions.get_extension_for_class(x509.KeyUsage).value.digital_signature
    assert list(leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value) == [
        ExtendedKeyUsageOID.EMAIL_PROTECTION
    ]
    now = datetime.now(UTC)
    for cert in (leaf, root):
        assert cert.not_valid_before_utc < now < cert.not_valid_after_utc
    assert demo_ca.root_pem in demo_ca.chain_pem and demo_ca.chain_pem.startswith(demo_ca.leaf_cert_pem)


def test_valid_without_anchor_trusted_with_its_root(demo_ca, other_ca, make_jpeg) -> None:
    signed = sign_jpeg(make_jpeg(), demo_ca, title="trust")
    untrusted = read_c2pa(signed, "image/jpeg")
    assert untrusted.state is C2paState.VALID
    assert untrusted.failure_codes == ("signingCredential.untrusted",)
    trusted = read_c2pa(signed, "image/jpeg", demo_ca.root_pem)
    assert trusted.state is C2paState.TRUSTED
    assert trusted.failure_codes == ()
    assert trusted.signer == "Ledger Test CA"
    assert trusted.claim_generator == "Provenance Ledger"
    # Someone else's root does not make it trusted; a bundle holding ours among others does.
    assert read_c2pa(signed, "image/jpeg", other_ca.root_pem).state is C2paState.VALID
    bundle = other_ca.root_pem + demo_ca.root_pem
    assert read_c2pa(signed, "image/jpeg", bundle).state is C2paState.TRUSTED
    for summary in (untrusted, trusted):
        assert decide(summary).status is ItemStatus.ADMITTED and decide(summary).reason is None


def test_document_signing_eku_is_accepted(make_jpeg) -> None:
    ca = make_demo_ca("DocSign CA", document_signing=True)
    leaf = x509.load_pem_x509_certificate(ca.leaf_cert_pem.encode())
    assert list(leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value) == [
        DOCUMENT_SIGNING_EKU
    ]
    assert validate_trust_anchor_pem(ca.root_pem)
    assert (
        read_c2pa(sign_jpeg(make_jpeg(), ca, title="d"), "image/jpeg", ca.root_pem).state is C2paState.TRUSTED
    )


@pytest.mark.parametrize("cawg", [False, True], ids=["c2pa.training-mining", "cawg.training-mining"])
@pytest.mark.parametrize(
    "value, expected_status",
    [
        ("allowed", ItemStatus.ADMITTED),
        ("notAllowed", ItemStatus.QUARANTINED),
        ("constrained", ItemStatus.QUARANTINED),
        ("maybeLater", ItemStatus.QUARANTINED),  # unknown: c2pa-rs signs and reads it without complaint
    ],
)
def test_each_permission_value_under_both_labels(value, expected_status, cawg, demo_ca, make_jpeg) -> None:
    namespace = "cawg" if cawg else "c2pa"
    label = f"{namespace}.training-mining"
    signed = sign_jpeg(
        make_jpeg(),
        demo_ca,
        title=f"{value}.jpg",
        training_mining={"ai_generative_training": value, "ai_inference": "allowed"},
        cawg=cawg,
    )
    summary = read_c2pa(signed, "image/jpeg", demo_ca.root_pem)
    assert summary.state is C2paState.TRUSTED
    key = f"{namespace}.ai_generative_training"
    assert summary.training_mining == {key: value, f"{namespace}.ai_inference": "allowed"}
    assert summary.training_mining_detail[key]["assertion"] == label
    decision = decide(summary)
    assert decision.status is expected_status
    if expected_status is ItemStatus.QUARANTINED:
        assert decision.rule == "c2pa.training-mining"
        assert key in decision.reason and label in decision.reason and value in decision.reason
        assert f"{namespace}.ai_inference" not in decision.reason
    else:
        assert decision.reason is None


@pytest.mark.parametrize("field", ["constraint_info", "constraints_info"])
def test_constraint_text_is_kept_and_named(field, demo_ca, make_jpeg) -> None:
    signed = sign_jpeg(
        make_jpeg(),
        demo_ca,
        title="constrained",
        training_mining={"ai_training": {"use": "constrained", field: "licence required: ex@example.org"}},
        cawg=field == "constraints_info",
    )
    summary = read_c2pa(signed, "image/jpeg")
    key = next(iter(summary.training_mining))
    assert summary.training_mining[key] == "constrained"
    assert summary.training_mining_detail[key]["constraint_info"] == "licence required: ex@example.org"
    assert "licence required: ex@example.org" in decide(summary).reason


def test_permission_values_are_matched_loosely_but_unknown_ones_kept_raw(demo_ca, make_jpeg) -> None:
    signed = sign_jpeg(
        make_jpeg(),
        demo_ca,
        title="loose",
        training_mining={"ai_training": " NotAllowed ", "data_mining": {"use": 3}, "ai_inference": {}},
    )
    summary = read_c2pa(signed, "image/jpeg")
    assert summary.training_mining == {
        "c2pa.ai_training": "notAllowed",
        "c2pa.data_mining": "3",
        "c2pa.ai_inference": "(missing)",
    }
    reason = decide(summary).reason
    assert "c2pa.ai_training is notAllowed" in reason
    assert "unknown permission value '3'" in reason and "unknown permission value '(missing)'" in reason


@pytest.mark.parametrize(
    "source_type, ai",
    [
        ("trainedAlgorithmicMedia", True),
        ("compositeWithTrainedAlgorithmicMedia", True),
        ("compositeSynthetic", True),
        ("trainedAlgorithmicData", True),
        (f"  {IPTC}trainedAlgorithmicMedia ", True),  # stray whitespace, as in C_with_CAWG_data.jpg
        ("algorithmicMedia", False),
        ("algorithmicallyEnhanced", False),
        ("digitalCapture", False),
        ("digitalArt", False),
        (None, False),
    ],
)
def test_ai_generated(source_type, ai, demo_ca, make_jpeg) -> None:
    signed = sign_jpeg(make_jpeg(), demo_ca, title="ai", digital_source_type=source_type)
    summary = read_c2pa(signed, "image/jpeg")
    assert summary.ai_generated is ai
    assert len(summary.digital_source_types) == 1
    if source_type and "/" in source_type:
        assert summary.digital_source_types == (source_type,)  # kept raw
    # Being AI-generated is recorded, not an objection by itself.
    assert decide(summary).status is ItemStatus.ADMITTED


def test_tampered_image_is_invalid_and_quarantined(demo_ca, make_jpeg) -> None:
    signed = sign_jpeg(make_jpeg(), demo_ca, title="tamper", training_mining={"ai_training": "allowed"})
    tampered = bytearray(signed)
    tampered[-20] ^= 0xFF  # image data, after the manifest
    for anchors in (None, demo_ca.root_pem):
        summary = read_c2pa(bytes(tampered), "image/jpeg", anchors)
        assert summary.state is C2paState.INVALID
        assert "assertion.dataHash.mismatch" in summary.failure_codes
        decision = decide(summary)
        assert decision.status is ItemStatus.QUARANTINED
        assert decision.rule == "c2pa.credentials"
        assert "assertion.dataHash.mismatch" in decision.reason
    # Configurable: with quarantine_invalid off it is admitted, with the reason kept as a note.
    note = decide(summary, quarantine_invalid=False)
    assert note.status is ItemStatus.ADMITTED and "Invalid" in note.reason


def test_tampered_manifest_is_quarantined(demo_ca, make_jpeg) -> None:
    signed = sign_jpeg(
        make_jpeg(), demo_ca, title="tamper-manifest", training_mining={"ai_training": "allowed"}
    )
    app11 = signed.find(b"\xff\xeb")
    quarantined = 0
    for offset in (600, 2000, 5000, 9000):
        tampered = bytearray(signed)
        tampered[app11 + offset] ^= 0xFF
        summary = read_c2pa(bytes(tampered), "image/jpeg", demo_ca.root_pem)
        assert summary.state in (C2paState.INVALID, C2paState.UNREADABLE)
        quarantined += decide(summary).status is ItemStatus.QUARANTINED
    assert quarantined == 4


def test_opt_out_in_invalid_credentials_names_the_opt_out(demo_ca, make_jpeg) -> None:
    signed = sign_jpeg(
        make_jpeg(), demo_ca, title="both", training_mining={"ai_training": "notAllowed"}, cawg=True
    )
    tampered = signed[:-20] + bytes([signed[-20] ^ 0xFF]) + signed[-19:]
    summary = read_c2pa(tampered, "image/jpeg")
    assert summary.state is C2paState.INVALID
    decision = decide(summary)
    assert decision.rule == "c2pa.training-mining" and "cawg.ai_training is notAllowed" in decision.reason


def test_sign_asset_png(demo_ca) -> None:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 30)).save(out, "PNG")
    signed = sign_asset(
        out.getvalue(), "image/png", demo_ca, title="p.png", training_mining={"data_mining": "notAllowed"}
    )
    summary = read_c2pa(signed, "image/png", demo_ca.root_pem)
    assert summary.state is C2paState.TRUSTED and summary.training_mining == {
        "c2pa.data_mining": "notAllowed"
    }
