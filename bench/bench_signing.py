"""Benchmark of the signing half of the ledger: signing and opening checkpoints, verifying a
tlog-proof, and unlocking the encrypted signing key.

Why this exists: a checkpoint is signed after every append batch and verified for every certificate,
so their cost bounds batch latency and offline verification. Each figure comes with its same-run
reference: a bare Ed25519 sign/verify of the same bytes with `cryptography`, so the overhead of the
note format is visible. `run()` returns rows for bench/run_all.py; `python bench/bench_signing.py`
prints them.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ledger_app.ledger import keys, merkle, note
from ledger_app.ledger.checkpoint import Checkpoint, open_checkpoint, sign_checkpoint
from ledger_app.ledger.tlogproof import format_tlog_proof, verify_tlog_proof


def _per_call(fn, repeat: int) -> float:
    fn()
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def run(repeat: int = 2000) -> list[dict]:
    private = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    signer = note.signer_from_private_key("bench.example/log", private)
    verifier = note.parse_vkey(signer.vkey)
    public = private.public_key()
    size = 1 << 20
    cp = Checkpoint("bench.example/log", size, merkle.leaf_hash(b"root"))
    body = cp.body().encode()
    raw_sig = private.sign(body)
    signed = sign_checkpoint(cp, signer)
    # A tlog-proof of the right shape (20 hashes) for a tree of 2**20 entries whose root we make up
    # from a fixed path, so the proof verifies without building a million-leaf tree.
    leaf = merkle.leaf_hash(b"entry")
    path = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(20)]
    root = merkle.root_from_inclusion_proof(12345, size, leaf, path)
    cp_proof = sign_checkpoint(Checkpoint("bench.example/log", size, root), signer)
    proof_text = format_tlog_proof(12345, path, cp_proof)

    rows = [
        (
            "`sign_checkpoint` (C2SP checkpoint body + signed-note line)",
            _per_call(lambda: sign_checkpoint(cp, signer), repeat),
            "bare Ed25519 sign of the same body",
            _per_call(lambda: private.sign(body), repeat),
        ),
        (
            "`open_checkpoint` (parse the note, verify its signature, parse the body)",
            _per_call(lambda: open_checkpoint(signed, [verifier]), repeat),
            "bare Ed25519 verify of the same body",
            _per_call(lambda: public.verify(raw_sig, body), repeat),
        ),
        (
            "`verify_tlog_proof` (2**20 entries: a 20-hash inclusion path and the checkpoint's signature)",
            _per_call(lambda: verify_tlog_proof(proof_text, leaf, [verifier]), repeat),
            "bare Ed25519 verify of the same body",
            _per_call(lambda: public.verify(raw_sig, body), repeat),
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path_key = Path(tmp) / "k.key"
        keys.create_key_file(path_key, "bench.example/log", "passphrase")
        unlock = _per_call(lambda: keys.load_key_file(path_key, "passphrase"), 3)
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    def bare_scrypt() -> None:
        Scrypt(salt=b"\0" * 16, length=32, n=2**17, r=8, p=1).derive(b"passphrase")

    rows.append(("`keys.load_key_file` (unlock the signing key: scrypt N=2**17, then decrypt)", unlock,
                 "bare scrypt N=2**17, r=8 of the same passphrase", _per_call(bare_scrypt, 3)))
    return [
        {"what": what, "seconds": secs, "reference": ref, "reference_seconds": ref_secs}
        for what, secs, ref, ref_secs in rows
    ]


def main() -> None:
    print("## Signing\n\nCommand: `make bench  (.venv/bin/python bench/bench_signing.py)`\n")
    print("| what is timed (per call) | measured | same-run reference | ratio |")
    print("|---|---:|---|---:|")
    for r in run():
        print(f"| {r['what']} | {r['seconds'] * 1e6:,.1f} µs | {r['reference']}: {r['reference_seconds'] * 1e6:,.1f} µs "
              f"| **{r['seconds'] / r['reference_seconds']:.2f}×** |")
    print()


if __name__ == "__main__":
    main()
