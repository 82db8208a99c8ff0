"""read_c2pa against every real asset in tests/fixtures/c2pa, and on broken input."""

from __future__ import annotations

import hashlib
import json
import random
import time
from pathlib import Path

import pytest

from ledger_app.core.errors import ConfigError, UserError
from ledger_app.core.types import C2paState, C2paSummary
from ledger_app.provenance.c2pa_loader import no_network_settings
from ledger_app.provenance.c2pa_reader import (
    is_ai_generated_source_type,
    read_c2pa,
    supported_media_type,
    validate_trust_anchor_pem,
)
from ledger_app.provenance.testsign import make_demo_ca, sign_jpeg

FIXTURE_NAMES = [
    "A.jpg", "C.dng", "C.jpg", "CA.jpg", "CACAE-uri-CA.jpg", "CIE-sig-CA.jpg", "C_with_CAWG_data.jpg",
    "E-sig-CA.jpg", "IMG_0003.jpg", "P1000827.jpg", "TUSCANY.TIF", "XCA.jpg", "boxhash.jpg", "cloud.jpg",
    "dashinit.mp4", "earth_apollo17.jpg", "file_with_wrong_extension.xyz.jpg", "legacy_ingredient_hash.jpg",
    "pdf-file.pdf", "sample1_signed.wav", "video1.mp4",
]  # fmt: skip


def expected_state(exp: dict) -> str:
    if exp.get("manifest"):
        return exp["validation_state"]
    if exp["error_message_prefix"].startswith("Remote:"):
        return "remote"
    assert exp["error_class"] == "C2paError.ManifestNotFound"
    return "none"


def test_every_fixture_is_covered(c2pa_fixtures: Path, expected: dict) -> None:
    on_disk = sorted(p.name for p in c2pa_fixtures.iterdir() if p.name != "expected.json")
    assert on_disk == sorted(expected) == sorted(FIXTURE_NAMES)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_matches_expected(name: str, c2pa_fixtures: Path, expected: dict, media_type_of) -> None:
    exp = expected[name]
    data = (c2pa_fixtures / name).read_bytes()
    assert hashlib.sha256(data).hexdigest() == exp["sha256"]

    summary = read_c2pa(data, media_type_of(c2pa_fixtures / name))

    assert str(summary.state) == expected_state(exp)
    assert list(summary.failure_codes) == sorted(set(exp.get("failure_codes", [])))
    assert summary.training_mining == exp.get("training_mining", {})
    assert list(summary.digital_source_types) == exp.get("digital_source_types", [])
    assert summary.signer == exp.get("signer_issuer")
    assert summary.claim_generator == exp.get("claim_generator")
    assert summary.ai_generated == any(
        is_ai_generated_source_type(s) for s in exp.get("digital_source_types", [])
    )
    if exp.get("manifest"):
        store = json.loads(summary.manifest_json)
        active = store["manifests"][store["active_manifest"]]
        assert [a["label"] for a in active["assertions"]] == exp["assertion_labels"]
        assert active["signature_info"]["alg"] == exp["signature_alg"]
        assert summary.error is None
    else:
        assert summary.manifest_json is None


def test_fixture_specifics(c2pa_fixtures: Path, media_type_of) -> None:
    read = lambda name: read_c2pa((c2pa_fixtures / name).read_bytes(), media_type_of(c2pa_fixtures / name))  # noqa: E731
    assert read("pdf-file.pdf").ai_generated  # trainedAlgorithmicMedia (Adobe Express)
    assert not read("C.jpg").ai_generated  # algorithmicMedia: procedural, no trained model
    cawg = read("C_with_CAWG_data.jpg")
    assert cawg.digital_source_types == (" http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",)
    assert not cawg.ai_generated
    assert cawg.training_mining_detail["cawg.ai_inference"] == {"assertion": "cawg.training-mining"}
    xca = read("XCA.jpg")  # image data changed after signing
    assert xca.state is C2paState.INVALID and "assertion.dataHash.mismatch" in xca.failure_codes
    # The JSON round trip the ledger stores keeps everything but the manifest report.
    assert C2paSummary.from_json(cawg.to_json(), cawg.manifest_json) == cawg


def test_remote_manifest_is_not_fetched(c2pa_fixtures: Path) -> None:
    data = (c2pa_fixtures / "cloud.jpg").read_bytes()
    start = time.perf_counter()
    summary = read_c2pa(data, "image/jpeg")
    elapsed = time.perf_counter() - start
    assert summary.state is C2paState.REMOTE
    # This message is c2pa-rs' answer when remote fetching is *off*; with it on, the error would be a
    # failed (or refused) fetch instead.
    assert summary.error.startswith("Remote: must fetch remote manifests from url https://")
    assert elapsed < 1.0


def test_settings_turn_every_fetch_off() -> None:
    settings = no_network_settings("PEM")
    assert settings["verify"] == {"remote_manifest_fetch": False, "ocsp_fetch": False}
    assert settings["core"] == {"allowed_network_hosts": []}
    assert settings["trust"]["user_anchors"] == "PEM"
    assert "user_anchors" not in no_network_settings(None)["trust"]
    assert "1.3.6.1.5.5.7.3.36" in settings["trust"]["trust_config"].split()


@pytest.mark.parametrize(
    "mime, ok",
    [
        ("image/jpeg", True),
        ("IMAGE/JPEG; charset=binary", True),
        ("image/jpg", True),
        ("image/png", True),
        ("image/tiff", True),
        ("image/webp", True),
        ("image/heic", True),
        ("video/mp4", True),
        ("audio/wav", True),
        ("application/pdf", True),
        ("text/plain", False),
        ("application/json", False),
        ("application/octet-stream", False),
        ("application/c2pa", False),  # a bare manifest store is not an asset
        ("", False),
        (None, False),
    ],
)
def test_supported_media_type(mime: str | None, ok: bool) -> None:
    assert supported_media_type(mime) is ok


def test_unsupported_media_type_is_none_without_reading() -> None:
    assert read_c2pa(b"hello world", "text/plain") == C2paSummary()
    assert read_c2pa(b"\x00" * 10, "application/octet-stream") == C2paSummary()


def test_broken_assets_are_unreadable_never_raise(demo_ca, make_jpeg) -> None:
    signed = sign_jpeg(make_jpeg(), demo_ca, title="broken")
    app11 = signed.find(b"\xff\xeb")
    assert app11 > 0

    def flip(pos: int) -> bytes:
        data = bytearray(signed)
        data[pos] ^= 0xFF
        return bytes(data)

    cases = {
        "empty": b"",
        "not a jpeg": b"hello, I am not a JPEG" * 10,
        "truncated inside the manifest": signed[: app11 + 3000],
        "JUMBF box length broken": flip(app11 + 22),
        "c2pa box label broken": flip(app11 + 34),
    }
    for label, data in cases.items():
        summary = read_c2pa(data, "image/jpeg")
        assert summary.state is C2paState.UNREADABLE, label
        assert summary.error, label
        assert summary.manifest_json is None
    # Cut image data with the manifest intact: the hard binding no longer matches.
    truncated = read_c2pa(signed[:-200], "image/jpeg")
    assert truncated.state is C2paState.INVALID
    assert "assertion.dataHash.mismatch" in truncated.failure_codes


def test_random_bytes_never_raise() -> None:
    rng = random.Random(20240601)
    for i in range(60):
        data = rng.randbytes(rng.randrange(0, 4000))
        if i % 3 == 0:
            data = b"\xff\xd8\xff\xeb" + data  # a JPEG start and an APP11 marker: the JUMBF path
        mime = rng.choice(["image/jpeg", "image/png", "video/mp4", "application/pdf", "audio/wav"])
        summary = read_c2pa(data, mime)
        assert summary.state in (C2paState.NONE, C2paState.UNREADABLE)


def test_flipping_bytes_of_a_signed_asset_never_raises(demo_ca, make_jpeg) -> None:
    signed = sign_jpeg(make_jpeg(), demo_ca, title="fuzz", training_mining={"ai_training": "notAllowed"})
    rng = random.Random(7)
    states = set()
    for _ in range(40):
        data = bytearray(signed)
        for _ in range(rng.randrange(1, 4)):
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        summary = read_c2pa(bytes(data), "image/jpeg")
        states.add(summary.state)
        assert summary.state is not C2paState.TRUSTED
    assert states <= {C2paState.VALID, C2paState.INVALID, C2paState.UNREADABLE, C2paState.NONE}


def test_validate_trust_anchor_pem(demo_ca, other_ca) -> None:
    assert validate_trust_anchor_pem(demo_ca.root_pem) == ["O=Ledger Test CA,CN=Ledger Test CA Root CA"]
    assert len(validate_trust_anchor_pem(demo_ca.root_pem + other_ca.root_pem)) == 2


@pytest.mark.parametrize(
    "bad, words",
    [
        ("", "no PEM certificate"),
        ("hello", "no PEM certificate"),
        ("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n", "not valid PEM"),
        (None, "no PEM certificate"),
    ],
)
def test_validate_trust_anchor_pem_refuses_garbage(bad, words) -> None:
    with pytest.raises(UserError, match=words):
        validate_trust_anchor_pem(bad)


def test_validate_trust_anchor_pem_refuses_leaf_and_expired(demo_ca) -> None:
    with pytest.raises(UserError, match="not a CA certificate"):
        validate_trust_anchor_pem(demo_ca.leaf_cert_pem)
    expired = make_demo_ca("Expired CA", valid_days=-0.5)
    with pytest.raises(UserError, match="valid only from"):
        validate_trust_anchor_pem(expired.root_pem)


def test_bad_anchor_bundle_is_a_config_error_not_an_asset_state(c2pa_fixtures: Path) -> None:
    data = (c2pa_fixtures / "C.jpg").read_bytes()
    with pytest.raises(ConfigError, match="trust anchors"):
        read_c2pa(data, "image/jpeg", "this is not PEM")


def test_c2pa_ignores_a_pem_block_with_bad_der_so_validate_first(c2pa_fixtures: Path) -> None:
    # c2pa-rs accepts a well-framed PEM block whose content is not a certificate and trusts nothing
    # from it; validate_trust_anchor_pem is what catches such a file at `ledger trust add` time.
    bad = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
    data = (c2pa_fixtures / "C.jpg").read_bytes()
    assert read_c2pa(data, "image/jpeg", bad).state is C2paState.VALID
    with pytest.raises(UserError):
        validate_trust_anchor_pem(bad)
