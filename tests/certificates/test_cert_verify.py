"""Removal certificates: issue, verify offline, and every tamper rejected with a precise sentence."""

from __future__ import annotations

import base64
import copy
import json
import subprocess
import sys
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_app.certificates.certificate import CONTRACT_KEYS, build_removal_certificate, write_certificate
from ledger_app.core.errors import UserError, VerificationError
from ledger_app.ledger import merkle, note
from ledger_app.ledger.entries import decode_entry
from ledger_app.ledger.tlogproof import parse_tlog_proof, verify_tlog_proof
from ledger_app.verify import canonical_bytes, document_digest, split_document, verify_document


def leaf_paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every scalar position inside a JSON value."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in leaf_paths(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in leaf_paths(v, (*path, i))]
    return [path]


def get(doc: Any, path: tuple) -> Any:
    for k in path:
        doc = doc[k]
    return doc


def put(doc: Any, path: tuple, value: Any) -> None:
    get(doc, path[:-1])[path[-1]] = value


def changed(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value[:-1] + ("0" if value[-1:] != "0" else "1") if value else "x"
    return "x"


def rejects(doc: dict, vkey: str, match: str) -> VerificationError:
    with pytest.raises(VerificationError, match=match) as e:
        verify_document(doc, vkey)
    msg = str(e.value)
    assert "\n" not in msg and msg.strip() == msg, "one sentence on one line"
    return e.value


# --- round trip --------------------------------------------------------------------------------------


def test_round_trip_and_contract_keys(issued, cert, tmp_path):
    for key in CONTRACT_KEYS:
        assert key in cert, key
    v = verify_document(cert, issued.vkey)
    assert v.kind == "removal-certificate" and v.entry_index == cert["entry"]["index"]
    assert v.document_sha256 == cert["document_sha256"]
    assert v.key_id == issued.key_id == cert["signature"]["key_id"] == cert["ledger"]["key_id"]
    # The entry really is in the workspace's ledger, and the checkpoint is the stored one, verbatim.
    stored = issued.ledger.ws.store.entry(v.entry_index)
    assert base64.b64decode(cert["entry"]["leaf_data"]) == stored.leaf
    e = decode_entry(stored.leaf)
    assert e.type == "certificate.issued"
    assert e.payload == {"document_sha256": cert["document_sha256"], "kind": "removal-certificate", "request": 1}
    cp = issued.ledger.ws.store.checkpoint_for_size(v.checkpoint.size)
    assert parse_tlog_proof(cert["tlog_proof"]).signed_checkpoint == cp.note
    assert v.checkpoint.size == v.entry_index + 1
    # Written to disk and read back (indentation is not signed).
    path = write_certificate(cert, tmp_path / "c.json")
    assert verify_document(json.loads(path.read_text(encoding="utf-8")), issued.vkey).document_sha256 == v.document_sha256
    assert "OK: the removal certificate for request 1 (3 removed items)" in v.sentence()


def test_certificate_content(cert):
    assert cert["version"] == 1 and cert["issued_at"] == "2026-03-01T09:30:00Z"
    assert [i["score"] for i in cert["removed_items"]] == ["exact", "0.93", "exact"]
    assert cert["shards"][1]["sha256_after"] is None
    s = cert["lineage_statement"]
    assert "does not remove anything a model has already learned" in s
    assert "city-diffusion-v1 (corpus photohost, ledger checkpoint 8)" in s
    assert cert["request"]["requester"].keys() == {"commitment", "kind"}


def test_canonical_encoder_equals_rfc8785():
    import rfc8785

    values = [
        {"b": 1, "a": [True, False, None], "é": "ü\u2028\x01\x1f\"\\/", "z": {"y": -9007199254740991}},
        {"数据": "中文\t", "\ufb01": "", "": [], "a\u00e9": {}},
        ["\u0000\u007f\u0080", 0, -1, 9007199254740991],
    ]
    for v in values:
        assert canonical_bytes(v) == rfc8785.dumps(v)


@pytest.mark.parametrize("bad, why", [
    ({"version": 1, "score": 0.93}, "floating-point"),
    ({"version": 1, "n": 2**53}, "2\\*\\*53"),
    ({"version": 1, "\U0001f600": 1}, "beyond U\\+FFFF"),
    ({"version": 1, "s": "\ud800"}, "surrogate"),
    ({"version": 1, 1: 1}, "non-string key"),
    ({"version": 1, "t": (1, 2)}, "tuple"),
])
def test_canonical_encoder_refuses_outside_its_domain(bad, why):
    with pytest.raises(ValueError, match=why):
        canonical_bytes(bad)


def test_builder_refuses_floats_and_extra_personal_data(issued):
    inputs = issued.certificate_inputs(9, issued.items[:1])
    inputs["removed_items"][0]["score"] = 0.93
    with pytest.raises(UserError, match="must be a string"):
        build_removal_certificate(**inputs)
    inputs = issued.certificate_inputs(9, issued.items[:1])
    inputs["affected_runs"][0]["share"] = 0.5
    with pytest.raises(UserError, match="floating-point"):
        build_removal_certificate(**inputs)
    inputs = issued.certificate_inputs(9, issued.items[:1])
    inputs["request"]["requester"]["email"] = "lena@example.net"
    with pytest.raises(UserError, match="not email"):
        build_removal_certificate(**inputs)
    inputs = issued.certificate_inputs(9, issued.items[:1])
    inputs["request"]["address"] = "somewhere"
    with pytest.raises(UserError, match="address"):
        build_removal_certificate(**inputs)
    inputs = issued.certificate_inputs(9, issued.items[:1])
    inputs["removed_items"] = []
    with pytest.raises(UserError, match="at least one removed item"):
        build_removal_certificate(**inputs)


def test_named_requester_and_no_runs(issued):
    inputs = issued.certificate_inputs(9, issued.items[:1])
    inputs["request"]["requester"] = {"name": "Harbour Herald", "kind": "news_publisher"}
    inputs["affected_runs"] = []
    body = build_removal_certificate(**inputs)
    assert body["request"]["requester"] == {"name": "Harbour Herald", "kind": "news_publisher"}
    assert "No training run recorded in this ledger" in body["lineage_statement"]
    assert "The 1 item listed in this certificate was" in body["lineage_statement"]


# --- tampering ---------------------------------------------------------------------------------------


def _body_paths(issued) -> list[tuple]:
    body, _ = split_document(issued.cert)
    return [p for p in leaf_paths(body) if p not in (("version",), ("kind",))]


def test_every_body_field_change_is_rejected(issued, cert):
    paths = _body_paths(issued)
    assert len(paths) > 40  # every field of the request, items, shards, runs, statement, ledger…
    for path in paths:
        doc = copy.deepcopy(cert)
        put(doc, path, changed(get(doc, path)))
        rejects(doc, issued.vkey, "the signature does not match the certificate's contents")


@pytest.mark.parametrize("mutate, match", [
    (lambda d: d["removed_items"].pop(), "signature does not match"),
    (lambda d: d["removed_items"].append(copy.deepcopy(d["removed_items"][0])), "signature does not match"),
    (lambda d: d["affected_runs"].clear(), "signature does not match"),
    (lambda d: d.pop("lineage_statement"), "signature does not match"),
    (lambda d: d.update(note="added later"), "signature does not match"),
    (lambda d: d["removed_items"][1].update(score=0.93), "floating-point number 0.93"),
    (lambda d: d.update(version=2), "version is 2"),
    (lambda d: d.update(kind="inclusion-report"), "signature does not match the report"),
    (lambda d: d.update(kind="something"), "kind 'something'"),
    (lambda d: d.pop("signature"), "carries no signature"),
    (lambda d: d["signature"].update(value=base64.b64encode(bytes(64)).decode()), "signature does not match"),
    (lambda d: d["signature"].update(value="not base64!"), "signature value is not valid base64"),
    (lambda d: d["signature"].update(key_id="00000000"), "key ID '00000000'"),
    (lambda d: d["signature"].update(key_name="evil.example/log"), "evil.example/log"),
    (lambda d: d["signature"].update(alg="RSA"), "algorithm is 'RSA'"),
    (lambda d: d.update(document_sha256="0" * 64), "document_sha256 field"),
    (lambda d: d["entry"].update(index=d["entry"]["index"] - 1), "is for ledger entry \\d+, but the entry it should prove is"),
    (lambda d: d["entry"].update(index=-1), "index is not a non-negative integer"),
    (lambda d: d["entry"].update(leaf_hash="0" * 64), "leaf_hash 0{64} is not SHA-256"),
    (lambda d: d["entry"].update(leaf_data=base64.b64encode(base64.b64decode(d["entry"]["leaf_data"]) + b" ").decode()),
     "is not SHA-256\\(0x00 \\|\\| leaf_data\\)"),
    (lambda d: d.pop("entry"), "the entry is missing"),
    (lambda d: d.pop("tlog_proof"), "tlog_proof is missing"),
    (lambda d: d.update(tlog_proof=d["tlog_proof"].replace("c2sp.org/tlog-proof@v1", "c2sp.org/tlog-proof@v2")),
     "tlog_proof is unreadable"),
    (lambda d: d.update(item_proofs=[]), "carries no item_proofs"),
])
def test_tamper_is_named(issued, cert, mutate, match):
    mutate(cert)
    rejects(cert, issued.vkey, match)


def _reencoded_leaf(cert: dict, **payload_changes: Any) -> None:
    """Replace the entry's leaf by a canonical leaf with other payload values, and fix its hash."""
    leaf = json.loads(base64.b64decode(cert["entry"]["leaf_data"]))
    leaf["payload"].update(payload_changes)
    data = canonical_bytes(leaf)
    cert["entry"]["leaf_data"] = base64.b64encode(data).decode()
    cert["entry"]["leaf_hash"] = merkle.leaf_hash(data).hex()


def test_consistent_but_forged_leaf_is_rejected(issued, cert):
    doc = copy.deepcopy(cert)
    _reencoded_leaf(doc, document_sha256="ab" * 32)
    rejects(doc, issued.vkey, f"ledger entry {cert['entry']['index']} commits to document 'abab")
    doc = copy.deepcopy(cert)
    _reencoded_leaf(doc, request=99)  # still commits to this document, but is not the ledger's leaf
    rejects(doc, issued.vkey, "the tlog_proof does not verify: .*inclusion proof")
    doc = copy.deepcopy(cert)
    leaf = json.loads(base64.b64decode(doc["entry"]["leaf_data"]))
    leaf["type"] = "report.issued"
    data = canonical_bytes(leaf)
    doc["entry"].update(leaf_data=base64.b64encode(data).decode(), leaf_hash=merkle.leaf_hash(data).hex())
    rejects(doc, issued.vkey, "is a 'report.issued' entry, not the 'certificate.issued' entry")
    doc = copy.deepcopy(cert)
    non_canonical = base64.b64decode(doc["entry"]["leaf_data"]).replace(b'{"actor"', b'{ "actor"', 1)
    doc["entry"].update(leaf_data=base64.b64encode(non_canonical).decode(), leaf_hash=merkle.leaf_hash(non_canonical).hex())
    rejects(doc, issued.vkey, "not in canonical form")


def test_swapped_proofs_are_rejected(issued, cert):
    other = issued.cert2
    # Another entry's valid tlog-proof.
    doc = copy.deepcopy(cert)
    doc["tlog_proof"] = other["tlog_proof"]
    rejects(doc, issued.vkey, f"is for ledger entry {other['entry']['index']}, but the entry it should prove is "
                              f"{cert['entry']['index']}")
    # Another certificate's entry and proof together: valid in the ledger, but for another document.
    doc = copy.deepcopy(cert)
    doc["entry"], doc["tlog_proof"] = other["entry"], other["tlog_proof"]
    rejects(doc, issued.vkey, f"ledger entry {other['entry']['index']} commits to document")
    # A proof claiming this entry's index but carrying another entry's path.
    p = parse_tlog_proof(other["tlog_proof"])
    forged = other["tlog_proof"].replace(f"index {p.index}\n", f"index {cert['entry']['index']}\n", 1)
    doc = copy.deepcopy(cert)
    doc["tlog_proof"] = forged
    rejects(doc, issued.vkey, "tlog_proof does not verify")
    # A flipped hash in the inclusion proof.
    doc = copy.deepcopy(cert)
    lines = doc["tlog_proof"].split("\n")
    h = base64.b64decode(lines[2])
    lines[2] = base64.b64encode(bytes([h[0] ^ 1]) + h[1:]).decode()
    doc["tlog_proof"] = "\n".join(lines)
    rejects(doc, issued.vkey, "tlog_proof does not verify: the tlog-proof's inclusion proof does not place")


def test_edited_checkpoint_is_rejected(issued, cert):
    p = parse_tlog_proof(cert["tlog_proof"])
    cp_lines = p.signed_checkpoint.split("\n")
    for k, edit in ((1, str(int(cp_lines[1]) + 1)), (2, base64.b64encode(bytes(32)).decode())):
        lines = list(cp_lines)
        lines[k] = edit
        doc = copy.deepcopy(cert)
        doc["tlog_proof"] = cert["tlog_proof"].replace(p.signed_checkpoint, "\n".join(lines))
        rejects(doc, issued.vkey, "tlog_proof does not verify: .*signature")
    # A checkpoint with its signature line removed.
    doc = copy.deepcopy(cert)
    doc["tlog_proof"] = cert["tlog_proof"].replace(cp_lines[-2] + "\n", "")
    rejects(doc, issued.vkey, "tlog_proof")


def test_wrong_key_is_rejected(issued, cert):
    stranger = note.signer_from_private_key("someone.example/log", Ed25519PrivateKey.generate())
    e = rejects(cert, stranger.vkey, "says it is signed by 'example.com/cert-test' .* but the verifier key given is "
                                     "'someone.example/log'")
    assert e.what == "signature"
    # Same name, another key (another ledger with the same origin).
    twin = note.signer_from_private_key("example.com/cert-test", Ed25519PrivateKey.generate())
    rejects(cert, twin.vkey, "verifier key given is 'example.com/cert-test' \\(key ID " + twin.key_id.hex())
    # Claiming the stranger's key ID does not help: the signature does not verify.
    doc = copy.deepcopy(cert)
    doc["signature"].update(key_id=twin.key_id.hex())
    rejects(doc, twin.vkey, "the signature does not match")
    with pytest.raises(VerificationError, match="verifier key given is unusable"):
        verify_document(cert, "not a key")


def test_a_document_signed_by_the_same_key_but_forged_ledger_fields(issued, cert):
    """Re-signing by the ledger key is the only way to change a body; ledger names must match the key."""
    key = issued.ledger.unlock()[0]
    body, _ = split_document(cert)
    body["ledger"] = {"origin": "example.com/other", "key_id": key.verifier.key_id.hex()}
    sig = {**cert["signature"], "value": base64.b64encode(key.signer.sign(canonical_bytes(body))).decode()}
    doc = {**body, "signature": sig, "document_sha256": document_digest(body, sig), "entry": cert["entry"],
           "tlog_proof": cert["tlog_proof"]}
    rejects(doc, issued.vkey, "names ledger 'example.com/other'")


def test_tlog_proof_is_a_plain_c2sp_proof(issued, cert):
    leaf_hash = bytes.fromhex(cert["entry"]["leaf_hash"])
    cp = verify_tlog_proof(cert["tlog_proof"], leaf_hash, [note.parse_vkey(issued.vkey)])
    assert cp.origin == "example.com/cert-test"


# --- consistency to a newer checkpoint ---------------------------------------------------------------


def test_consistency_to_a_newer_checkpoint(issued, cert, tmp_path):
    from ledger_app.verify import verify_consistency_to

    v = verify_document(cert, issued.vkey)
    newer = issued.ledger.checkpoint()
    proof = issued.ledger.consistency(v.checkpoint.size).to_json()  # the JSON file an auditor is given
    got = verify_consistency_to(v, newer, proof, issued.vkey)
    assert got.size == proof["new_size"] > v.checkpoint.size
    bad = {**proof, "proof": list(reversed(proof["proof"]))}
    with pytest.raises(VerificationError, match="does not extend the document's checkpoint"):
        verify_consistency_to(v, newer, bad, issued.vkey)
    with pytest.raises(VerificationError, match="from size"):
        verify_consistency_to(v, newer, {**proof, "old_size": 1}, issued.vkey)
    with pytest.raises(VerificationError, match="newer checkpoint does not verify"):
        verify_consistency_to(v, newer.replace(f"\n{proof['new_size']}\n", f"\n{proof['new_size'] + 1}\n", 1), proof,
                              issued.vkey)


# --- the command line: ledger verify-certificate and python -m ledger_app.verify ---------------------


def test_cli_verify_certificate(issued, cert, tmp_path, capsys):
    from ledger_app.cli.main import main

    path = write_certificate(cert, tmp_path / "c.json")
    assert main(["verify-certificate", str(path), "--vkey", issued.vkey]) == 0
    assert capsys.readouterr().out.startswith("OK: the removal certificate for request 1")
    keyfile = tmp_path / "vkey.txt"
    keyfile.write_text(issued.vkey + "\n")
    assert main(["verify-certificate", str(path), "--vkey", str(keyfile), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True and out["entry_index"] == cert["entry"]["index"] and out["removed_items"] == 3
    cert["removed_items"].pop()
    write_certificate(cert, path)
    assert main(["verify-certificate", str(path), "--vkey", issued.vkey]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["verification failed: the signature does not match the certificate's contents: a field was "
                   "changed, added or removed after signing"]
    newer = tmp_path / "newer.txt"
    newer.write_text(issued.ledger.checkpoint())
    cons = tmp_path / "cons.json"
    cons.write_text(json.dumps(issued.ledger.consistency(issued.cert["entry"]["index"] + 1).to_json()))
    write_certificate(issued.cert, path)
    assert main(["verify-certificate", str(path), "--vkey", issued.vkey, "--consistency", str(newer),
                 "--proof", str(cons)]) == 0
    assert "extends it" in capsys.readouterr().out


_GUARDED = r"""
import runpy, sys
ALLOWED_APP = {"ledger_app", "ledger_app.core", "ledger_app.core.errors", "ledger_app.core.messages",
               "ledger_app.core.strictjson", "ledger_app.ledger",
               "ledger_app.ledger.merkle", "ledger_app.ledger.note", "ledger_app.ledger.checkpoint",
               "ledger_app.ledger.tlogproof", "ledger_app.ledger.cosignature", "ledger_app.ledger.documents",
               "ledger_app.ledger.docverify", "ledger_app.ledger.manifest", "ledger_app.verify"}
REFUSED = ("sqlalchemy", "sqlmodel", "rfc8785", "PIL", "numpy", "c2pa", "PySide6", "reportlab", "qrcode", "alembic")

class Guard:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in REFUSED:
            raise ImportError(f"the offline verifier must not import {name}")
        if top in sys.stdlib_module_names or top in ("cryptography", "_cffi_backend") or name in ALLOWED_APP:
            return None
        raise ImportError(f"the offline verifier must not import {name}")

sys.meta_path.insert(0, Guard())
sys.argv = ["ledger_app.verify", *sys.argv[1:]]
runpy.run_module("ledger_app.verify", run_name="__main__")
"""


def _guarded(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _GUARDED, *args], capture_output=True, text=True, timeout=60)


def test_offline_verifier_needs_only_cryptography_and_stdlib(issued, cert, report, tmp_path):
    path = write_certificate(cert, tmp_path / "c.json")
    ok = _guarded(str(path), "--vkey", issued.vkey)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("OK: the removal certificate for request 1")
    rpath = write_certificate(report, tmp_path / "r.json")
    ok = _guarded(str(rpath), "--vkey", issued.vkey, "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["item_entries"] == sorted({i["entry_index"] for i in issued.items[4:6]})
    cert["tlog_proof"] = issued.cert2["tlog_proof"]
    write_certificate(cert, path)
    bad = _guarded(str(path), "--vkey", issued.vkey)
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.startswith("verification failed: the tlog_proof is for ledger entry")
    # The guard itself bites: importing a heavy module from under it fails.
    probe = subprocess.run([sys.executable, "-c", _GUARDED.replace('runpy.run_module("ledger_app.verify", '
                                                                   'run_name="__main__")', "import rfc8785")],
                           capture_output=True, text=True, timeout=60)
    assert probe.returncode != 0 and "must not import rfc8785" in probe.stderr


# --- strict input (issue 14): what two JSON readers could read differently is refused -----------------


def _forged_duplicate(cert: dict) -> str:
    """The certificate text with a forged "removed_items" placed BEFORE the real one: Python's json
    keeps the last (the signed one), a person or another parser reads the first."""
    text = json.dumps(cert, indent=2)
    forged = json.dumps([{"item_id": "nothing/of/yours", "sha256": "0" * 64}])
    return text.replace('"removed_items":', f'"removed_items": {forged},\n  "removed_items":', 1)


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (_forged_duplicate, "the key 'removed_items' appears twice in one object"),
        (lambda c: json.dumps(c).replace('"version": 1', '"version": ' + "9" * 4300, 1), "an integer of 4300 digits"),
        (lambda c: json.dumps(c)[:-1] + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "deeper than 32 levels"),
        (lambda c: json.dumps(c).replace('"version": 1', '"version": 1.0', 1), "is not an integer"),
    ],
    ids=["duplicate-key", "4300-digit-integer", "deep-nesting", "float"],
)
def test_the_offline_verifier_refuses_ambiguous_json_with_one_sentence(issued, cert, tmp_path, mutate, reason):
    path = tmp_path / "c.json"
    path.write_text(mutate(cert), encoding="utf-8")
    bad = _guarded(str(path), "--vkey", issued.vkey)
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.startswith(f"verification failed: {path} is ") and reason in bad.stderr
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    from ledger_app.cli.main import main as cli

    assert cli(["verify-certificate", str(path), "--vkey", issued.vkey]) == 1


def test_the_duplicate_key_forgery_is_what_plain_json_would_have_accepted(issued, cert):
    """Without the strict parser the forged file parses to the genuine, signed certificate."""
    assert json.loads(_forged_duplicate(cert)) == cert


def test_an_already_parsed_deep_document_is_refused_without_recursion(issued, cert):
    deep: list = []
    for _ in range(50_000):
        deep = [deep]
    cert["x"] = deep
    with pytest.raises(VerificationError, match="deeper than 32 levels"):
        verify_document(cert, issued.vkey)
