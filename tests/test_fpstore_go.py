"""Two-level item proofs of the fingerprint store judged by Go's golang.org/x/mod/sumdb/tlog and
sumdb/note (tests/fpstore_go/main.go): the inner proof against the root Go reads from the
shard.manifest leaf, the outer c2sp.org/tlog-proof against the signed checkpoint. Built like
tests/ledger/test_go_interop.py (GOPATH mode on the Debian x/mod sources, no network); skips,
saying why, only when Go or those sources are missing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from corpus_builders import write_wds_shard

from ledger_app.services.wiring import Services
from ledger_app.services.workspace import Workspace

GO_SRC = Path(__file__).parent / "fpstore_go"
GOPATH = Path(os.environ.get("LEDGER_GO_GOPATH", "/usr/share/gocode"))


@pytest.fixture(scope="module")
def go_bin(tmp_path_factory):
    go = shutil.which("go")
    if go is None:
        pytest.skip("Go is not installed (apt-get install golang-go golang-golang-x-mod-dev)")
    for pkg in ("note", "tlog"):
        if not (GOPATH / "src" / "golang.org" / "x" / "mod" / "sumdb" / pkg).is_dir():
            pytest.skip(f"golang.org/x/mod/sumdb/{pkg} sources not found under {GOPATH}")
    out = tmp_path_factory.mktemp("go")
    env = {**os.environ, "GO111MODULE": "off", "GOPATH": str(GOPATH), "GOCACHE": str(out / "cache"),
           "GOFLAGS": "", "GOPROXY": "off", "CGO_ENABLED": "0"}
    binary = out / "fpstoreproof"
    build = subprocess.run([go, "build", "-o", str(binary), "."], cwd=GO_SRC, env=env, capture_output=True,
                           text=True, timeout=240)
    assert build.returncode == 0, f"go build failed:\n{build.stderr}"
    return binary


def run_go(binary: Path, vkey: str, proofs: list[dict]) -> list[dict]:
    proc = subprocess.run([str(binary)], input=json.dumps({"vkey": vkey, "proofs": proofs}), capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_go_verifies_both_levels(go_bin, tmp_path):
    (tmp_path / "c").mkdir()
    # Shard sizes around the 64-leaf chunks the store keeps hashes of, and one over a row group.
    for n, size in enumerate([1, 63, 64, 65, 130, 2100]):
        write_wds_shard(tmp_path / "c" / f"shard-{n:03d}.tar", n * 10_000, size, text_only=True)
    s = Services(Workspace(tmp_path / "ws"), passphrase=lambda c: "fpstore-go-pass")
    s.ledger.init("example.com/fpstore-go")
    s.corpus.add_corpus("wds", tmp_path / "c")
    s.corpus.ingest("wds", workers=1, store=True)
    proofs = []
    for n, size in enumerate([1, 63, 64, 65, 130, 2100]):
        for i in sorted({0, size // 2, size - 1, min(size - 1, 64), min(size - 1, 2048)}):
            proof, _ = s.corpus.stored.prove_item(f"wds:shard-{n:03d}.tar#s{n * 10_000 + i:05d}")
            proofs.append(proof.to_json())
    ans = run_go(go_bin, s.ledger.vkey(), proofs)
    assert ans == [{"inner": "ok", "outer": "ok"}] * len(proofs)
    # The harness can fail: an altered inner hash and a proof against another item's manifest.
    doc = proofs[-1]
    other = proofs[0]
    bad_inner = doc | {"shard_proof": [other["shard_proof"][0] if other["shard_proof"] else doc["shard_proof"][1],
                                       *doc["shard_proof"][1:]]}
    swapped = doc | {"manifest_leaf": other["manifest_leaf"]}
    got = run_go(go_bin, s.ledger.vkey(), [bad_inner, swapped])
    assert got[0]["inner"] != "ok" and got[0]["outer"] == "ok"
    assert got[1]["inner"] != "ok" and got[1]["outer"] != "ok"
