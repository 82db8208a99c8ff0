"""Our checkpoints, proofs and tlog-proofs judged by Go's golang.org/x/mod/sumdb/note and sumdb/tlog.

The Go program in tests/ledger/go/ is built once per session in GOPATH mode against the Debian
sources (packages golang-go and golang-golang-x-mod-dev; GO111MODULE=off,
GOPATH=/usr/share/gocode, no network). The test skips, saying why, only when `go` or the x/mod
sources are missing; set LEDGER_GO_GOPATH to use x/mod sources elsewhere.
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

from ledger_app.ledger import merkle, note
from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint
from ledger_app.ledger.tlogproof import format_tlog_proof

GO_SRC = Path(__file__).parent / "go"
GOPATH = Path(os.environ.get("LEDGER_GO_GOPATH", "/usr/share/gocode"))
NAME = "ledger.example/interop"
SEED = bytes(range(32))
SIZES = [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 100, 257, 1000]


def b64(h: bytes) -> str:
    return base64.b64encode(h).decode()


@pytest.fixture(scope="session")
def go_env(tmp_path_factory):
    go = shutil.which("go")
    if go is None:
        pytest.skip("Go is not installed (apt-get install golang-go golang-golang-x-mod-dev)")
    for pkg in ("note", "tlog"):
        if not (GOPATH / "src" / "golang.org" / "x" / "mod" / "sumdb" / pkg).is_dir():
            pytest.skip(
                f"golang.org/x/mod/sumdb/{pkg} sources not found under {GOPATH} "
                "(apt-get install golang-golang-x-mod-dev)"
            )
    out = tmp_path_factory.mktemp("go")
    env = {
        **os.environ,
        "GO111MODULE": "off",
        "GOPATH": str(GOPATH),
        "GOCACHE": str(out / "cache"),
        "GOFLAGS": "",
        "GOPROXY": "off",
        "CGO_ENABLED": "0",
    }
    binary = out / "ledgerinterop"
    build = subprocess.run(
        [go, "build", "-o", str(binary), "."],
        cwd=GO_SRC,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert build.returncode == 0, f"go build failed:\n{build.stderr}"
    return binary


def run_go(binary: Path, request: dict) -> dict:
    proc = subprocess.run(
        [str(binary)], input=json.dumps(request), capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def signer():
    return note.signer_from_private_key(NAME, Ed25519PrivateKey.from_private_bytes(SEED))


def _indexes(size: int) -> list[int]:
    return list(range(size)) if size <= 40 else sorted({0, 1, size // 3, size // 2, size - 2, size - 1})


def _old_sizes(size: int) -> list[int]:
    return list(range(1, size + 1)) if size <= 40 else sorted({1, 2, 3, size // 2, size - 1, size})


@pytest.mark.parametrize("size", SIZES)
def test_go_verifies_our_checkpoints_and_proofs(go_env, signer, size):
    hashes = [merkle.leaf_hash(f"leaf {i}".encode()) for i in range(size)]
    root = merkle.root(hashes)
    signed = sign_checkpoint(Checkpoint(NAME, size, root), signer)
    inclusion = [
        {
            "index": i,
            "leaf_hash": b64(hashes[i]),
            "proof": [b64(h) for h in merkle.inclusion_proof(i, hashes)],
        }
        for i in _indexes(size)
    ]
    consistency = [
        {
            "old_size": m,
            "old_root": b64(merkle.root(hashes[:m])),
            "proof": [b64(h) for h in merkle.consistency_proof(m, hashes)],
        }
        for m in _old_sizes(size)
    ]
    tlog_proofs = [
        {
            "text": format_tlog_proof(i, merkle.inclusion_proof(i, hashes), signed, extra),
            "leaf_hash": b64(hashes[i]),
        }
        for i, extra in zip(_indexes(size), [None, b"extra data"] * size, strict=False)
    ]
    ans = run_go(
        go_env,
        {
            "vkey": signer.vkey,
            "checkpoint": signed,
            "inclusion": inclusion,
            "consistency": consistency,
            "tlog_proofs": tlog_proofs,
        },
    )
    assert ans["checkpoint"] == {"ok": True, "origin": NAME, "size": size, "root": b64(root)}
    assert ans["inclusion"] == [{"ok": True}] * len(inclusion)
    assert ans["consistency"] == [{"ok": True}] * len(consistency)
    assert ans["tlog_proofs"] == [{"ok": True}] * len(tlog_proofs)


def test_go_rejects_what_we_reject(go_env, signer):
    """The harness can fail: tampered inputs are refused by Go too."""
    size = 13
    hashes = [merkle.leaf_hash(f"leaf {i}".encode()) for i in range(size)]
    signed = sign_checkpoint(Checkpoint(NAME, size, merkle.root(hashes)), signer)
    proof = merkle.inclusion_proof(5, hashes)
    flipped = [bytes([proof[0][0] ^ 1]) + proof[0][1:], *proof[1:]]
    cons = merkle.consistency_proof(6, hashes)
    ans = run_go(
        go_env,
        {
            "vkey": signer.vkey,
            "checkpoint": signed,
            "inclusion": [
                {"index": 5, "leaf_hash": b64(hashes[5]), "proof": [b64(h) for h in flipped]},
                {"index": 5, "leaf_hash": b64(hashes[6]), "proof": [b64(h) for h in proof]},
            ],
            "consistency": [
                {"old_size": 6, "old_root": b64(merkle.root(hashes[:7])), "proof": [b64(h) for h in cons]}
            ],
            "tlog_proofs": [{"text": format_tlog_proof(6, proof, signed), "leaf_hash": b64(hashes[5])}],
        },
    )
    assert ans["checkpoint"]["ok"] is True
    assert [r["ok"] for r in ans["inclusion"] + ans["consistency"] + ans["tlog_proofs"]] == [False] * 4
    # An edited checkpoint and a foreign key.
    edited = signed.replace(f"\n{size}\n", f"\n{size + 1}\n", 1)
    assert run_go(go_env, {"vkey": signer.vkey, "checkpoint": edited})["checkpoint"]["ok"] is False
    stranger = note.signer_from_private_key(NAME, Ed25519PrivateKey.from_private_bytes(bytes(32)))
    assert run_go(go_env, {"vkey": stranger.vkey, "checkpoint": signed})["checkpoint"]["ok"] is False


def test_go_signs_exactly_what_we_sign(go_env, signer):
    skey = "PRIVATE+KEY+" + NAME + "+" + signer.key_id.hex() + "+" + b64(bytes([1]) + SEED)
    assert note.signer_from_skey(skey).vkey == signer.vkey
    cp = Checkpoint(NAME, 42, merkle.leaf_hash(b"forty-two"), ("an extension line",))
    ans = run_go(
        go_env,
        {
            "vkey": signer.vkey,
            "checkpoint": sign_checkpoint(cp, signer),
            "sign_skey": skey,
            "sign_text": cp.body(),
        },
    )
    assert ans["signed"] == sign_checkpoint(cp, signer)
    assert ans["checkpoint"]["ok"] is True
