"""Our cosignatures judged by Go: golang.org/x/mod/sumdb/note opens the cosigned checkpoint, with a
cosignature/v1 note.Verifier written from the spec with crypto/ed25519 (tests/ledger/go_witness/).

Built like tests/ledger/go/ (GOPATH mode against the Debian x/mod sources, no network); skips, saying
why, only when `go` or the x/mod sources are missing.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_app.ledger import merkle, note, witness_client
from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint
from ledger_app.ledger.witness_server import Witness, WitnessState

GO_SRC = Path(__file__).parent / "go_witness"
GOPATH = Path(os.environ.get("LEDGER_GO_GOPATH", "/usr/share/gocode"))
ORIGIN = "example.com/go-witnessed"


@pytest.fixture(scope="module")
def go_bin(tmp_path_factory):
    go = shutil.which("go")
    if go is None:
        pytest.skip("Go is not installed (apt-get install golang-go golang-golang-x-mod-dev)")
    if not (GOPATH / "src" / "golang.org" / "x" / "mod" / "sumdb" / "note").is_dir():
        pytest.skip(f"golang.org/x/mod/sumdb/note sources not found under {GOPATH} (apt-get install golang-golang-x-mod-dev)")
    out = tmp_path_factory.mktemp("gowitness")
    env = {**os.environ, "GO111MODULE": "off", "GOPATH": str(GOPATH), "GOCACHE": str(out / "cache"), "GOFLAGS": "",
           "GOPROXY": "off", "CGO_ENABLED": "0"}
    binary = out / "witnesscheck"
    build = subprocess.run([go, "build", "-o", str(binary), "."], cwd=GO_SRC, env=env, capture_output=True, text=True,
                           timeout=240)
    assert build.returncode == 0, f"go build failed:\n{build.stderr}"
    return binary


def run(binary: Path, request: dict) -> dict:
    proc = subprocess.run([str(binary)], input=json.dumps(request), capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def cosigned(tmp_path_factory):
    """A checkpoint signed by a log and cosigned by two of our witnesses through add-checkpoint."""
    tmp = tmp_path_factory.mktemp("w")
    log = note.signer_from_private_key(ORIGIN, Ed25519PrivateKey.generate())
    leaves = [merkle.leaf_hash(b"%d" % i) for i in range(11)]
    signed = sign_checkpoint(Checkpoint(ORIGIN, 11, merkle.root(leaves)), log)
    witnesses, out = [], signed
    for n in (1, 2):
        w = Witness(f"witness.example/w{n}", Ed25519PrivateKey.generate(), {ORIGIN: [note.parse_vkey(log.vkey)]},
                    WitnessState(tmp / f"{n}.json"))
        answer = w.add_checkpoint(witness_client.format_request(0, [], signed))
        assert answer.status == 200
        out += answer.body.decode()
        witnesses.append(w)
    return log.vkey, [w.vkey for w in witnesses], out


def test_go_verifies_our_cosignatures(go_bin, cosigned):
    vkey, wkeys, text = cosigned
    a = run(go_bin, {"vkey": vkey, "witnesses": wkeys, "checkpoint": text})
    assert a["ok"] and a["log_verified"] and a["unverified"] == 0, a
    ours = {c.split(" ")[1]: int.from_bytes(base64.b64decode(c.split(" ")[2])[4:12], "big")
            for c in text.split("\n\n")[1].splitlines()[1:]}
    assert {w["name"]: w["timestamp"] for w in a["witnesses_verified"]} == ours
    # Given only one witness key, Go counts the other line as an unknown signature, as we do.
    one = run(go_bin, {"vkey": vkey, "witnesses": wkeys[:1], "checkpoint": text})
    assert one["ok"] and [w["name"] for w in one["witnesses_verified"]] == ["witness.example/w1"] and one["unverified"] == 1


def test_go_verifies_the_derived_vector(go_bin, data_dir):
    d = json.loads((data_dir / "vectors" / "note_vectors.json").read_text())["vectors"]["derived_cosignature_v1_ed25519"]
    g = json.loads((data_dir / "vectors" / "note_vectors.json").read_text())["vectors"]["golang_mod_sumdb_note"]
    # Go's note.Open needs one verified signature from its list; the log key is a stranger here, so
    # the witness line alone must be the verified one.
    a = run(go_bin, {"vkey": g["vkey"], "witnesses": [d["cosig_vkey"]],
                     "checkpoint": d["checkpoint_body"] + "\n" + d["signature_line"]})
    assert a["ok"] and a["witnesses_verified"] == [{"name": "Wit1", "timestamp": d["timestamp"]}], a


def test_go_rejects_a_tampered_cosignature(go_bin, cosigned):
    vkey, wkeys, text = cosigned
    body, sigs = text.split("\n\n")
    lines = sigs.splitlines()
    raw = bytearray(base64.b64decode(lines[1].split(" ")[2]))
    raw[10] ^= 1  # the timestamp: signed, so the signature no longer verifies
    lines[1] = " ".join(lines[1].split(" ")[:2] + [base64.b64encode(bytes(raw)).decode()])
    a = run(go_bin, {"vkey": vkey, "witnesses": wkeys, "checkpoint": body + "\n\n" + "\n".join(lines) + "\n"})
    assert not a["ok"] and "invalid signature" in a["error"]
    other_body = body.replace("\n11\n", "\n12\n")
    a = run(go_bin, {"vkey": vkey, "witnesses": wkeys, "checkpoint": other_body + "\n\n" + sigs})
    assert not a["ok"]
    # A note signing key (type 0x01) is not a witness key.
    a = run(go_bin, {"vkey": vkey, "witnesses": [vkey], "checkpoint": text})
    assert not a["ok"] and "type 0x04" in a["error"]
