"""Ledger benchmarks: appends through the service as every append goes (leaf encoding, actor
commitment, store, signed checkpoint, witness copy) and the store alone, each against raw SQLite
inserts of the same rows in the same run; proof times at 1 M and 10 M; full verify.

Run: .venv/bin/python bench/bench_ledger.py [--quick] [--only PART,...]
(PART: service, store, pre_append, verify, proofs; `--only` runs just those rows, e.g. while the
machine is busy with other work). Prints a Markdown section. Every figure is measured in this run, next to its same-run reference.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ledger_app.core.canonical import canonical_json
from ledger_app.ledger import merkle
from ledger_app.ledger.entries import encode_entry
from ledger_app.ledger.store import LedgerStore
from ledger_app.storage.engine import make_engine, sqlite_url, upgrade

CMD = "make bench  (.venv/bin/python bench/bench_ledger.py)"


def leaves(n: int, start: int = 0) -> list[tuple[str, bytes]]:
    """Realistic item.ingested leaves (~330 bytes each)."""
    out = []
    for i in range(start, start + n):
        digest = hashlib.sha256(i.to_bytes(8, "big")).hexdigest()
        out.append(
            (
                "item.ingested",
                encode_entry(
                    "item.ingested",
                    {
                        "item": f"photos/shard-{i // 10000:05d}.tar#{i:09d}",
                        "sha256": digest,
                        "media_type": "image/jpeg",
                        "status": "admitted",
                        "c2pa": "none",
                        "corpus": "photos",
                    },
                    actor="a" * 64,
                    ts="2026-11-25T00:00:00.000000Z",
                ),
            )
        )
    return out


class NullSigner:
    """Signs like the real thing (Ed25519 over a checkpoint) so the cost is included."""

    def __init__(self, private_key=None):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        from ledger_app.ledger.note import parse_vkey, signer_from_private_key

        key = private_key or Ed25519PrivateKey.generate()  # one ledger's key, shared by its writers
        self.signer = signer_from_private_key("bench.example/ledger", key)
        self.key_id = self.signer.key_id.hex()
        self.origin = "bench.example/ledger"
        self.verifiers = [parse_vkey(self.signer.vkey)]  # what the pre-append check verifies the last checkpoint with

    def sign_tree_head(self, size: int, root_hash: bytes) -> str:
        from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint

        return sign_checkpoint(Checkpoint("bench.example/ledger", size, root_hash), self.signer)


def fresh_store(d: Path, name: str) -> LedgerStore:
    eng = make_engine(sqlite_url(d / name))
    upgrade(eng)
    return LedgerStore(eng)


def payloads(n: int, start: int = 0) -> list[tuple[str, dict]]:
    """The same item.ingested payloads `leaves` encodes, as plain dicts (what callers hand the service)."""
    return [
        (
            "item.ingested",
            {
                "item": f"photos/shard-{i // 10000:05d}.tar#{i:09d}",
                "sha256": hashlib.sha256(i.to_bytes(8, "big")).hexdigest(),
                "media_type": "image/jpeg",
                "status": "admitted",
                "c2pa": "none",
                "corpus": "photos",
            },
        )
        for i in range(start, start + n)
    ]


def raw_sqlite(d: Path, data: list[tuple[str, bytes]], batch: int) -> float:
    """Reference: raw sqlite3 executemany of rows of the same size into the same table shape, same
    pragmas (WAL, synchronous=FULL), one transaction per batch. Returns rows per second."""
    for f in d.glob("raw.db*"):
        f.unlink()
    raw = sqlite3.connect(d / "raw.db", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE e (idx INTEGER PRIMARY KEY, type TEXT, leaf BLOB, leaf_hash BLOB, created_at REAL)")
    rows = [(i, t_, leaf, hashlib.sha256(b"\0" + leaf).digest(), 0.0) for i, (t_, leaf) in enumerate(data)]
    t = time.perf_counter()
    for i in range(0, len(rows), batch):
        raw.execute("BEGIN")
        raw.executemany("INSERT INTO e VALUES (?,?,?,?,?)", rows[i : i + batch])
        raw.execute("COMMIT")
    raw_s = time.perf_counter() - t
    raw.close()
    return len(rows) / raw_s


def bench_service_append(d: Path, total: int, batch: int) -> list[str]:
    """`LedgerService.append` with payload dicts: what every append in the product goes through."""
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace

    svc = LedgerService(Workspace(d / f"svc-{batch}"), passphrase=lambda confirm: "bench passphrase")
    svc.init("bench.example/service")
    items = payloads(total)
    t = time.perf_counter()
    for i in range(0, total, batch):
        svc.append(items[i : i + batch])
    ours = total / (time.perf_counter() - t)
    assert svc.ws.store.size() == total + 1
    encoded = [(e.type, e.leaf) for e in svc.ws.store.iter_entries()][1:]  # the rows it wrote, for the reference
    ref = raw_sqlite(d, encoded, batch)
    svc.ws.dispose()
    avg = statistics.mean(len(x[1]) for x in encoded)
    return [
        f"| **append through the service** (`LedgerService.append`: canonical leaf encoding, actor commitment, "
        f"store, signed checkpoint, witness copy), batches of {batch:,} (~{avg:.0f}-byte leaves) | {ours:,.0f} "
        f"entries/s | raw sqlite3 executemany of the same rows, same pragmas: {ref:,.0f} rows/s | **{ours / ref:.2f}×** |"
    ]


def bench_append(d: Path, total: int, batch: int) -> list[str]:
    data = leaves(total)
    signer = NullSigner()
    for f in d.glob("append.db*"):
        f.unlink()
    store = fresh_store(d, "append.db")
    t = time.perf_counter()
    for i in range(0, total, batch):
        store.append(data[i : i + batch], signer)
    ledger_s = time.perf_counter() - t
    ours, ref = total / ledger_s, raw_sqlite(d, data, batch)
    avg = statistics.mean(len(x[1]) for x in data)
    return [
        f"| store alone (`LedgerStore.append` of pre-encoded leaves: no encoding, no actor commitment; a lower "
        f"bound of the cost, not what users run), batches of {batch:,} ({avg:.0f}-byte leaves, signed checkpoint "
        f"per batch) | {ours:,.0f} entries/s | raw sqlite3 executemany, same rows: {ref:,.0f} rows/s | {ours / ref:.2f}× |"
    ]


def bench_pre_append_check(d: Path, total: int, batch: int, *, writers: int, lag: int, rounds: int = 5) -> list[str]:
    """The pre-append check (LedgerStore.verified_head) against the same append without it.

    What is timed: each `LedgerStore.append(leaves, signer, anchor=...)` call as the services make it
    (write transaction with BEGIN IMMEDIATE, the check, the insert of entries and subtree nodes, the
    Ed25519-signed checkpoint, the commit: WAL, synchronous=FULL), against the same call with
    `pre_check=False` (everything but the check). Opening the anchor (the witness checkpoint) is not
    timed in either. Two databases get the same leaves in the same batches, batch by batch, the
    checked append first in even batches and second in odd ones, so that disk and CPU noise and any
    order effect fall on both alike. Each of `rounds` rounds starts from two fresh databases and gives
    one ratio (checked rate / unchecked rate); the row reports the median ratio and the spread
    (lowest..highest), and the median rates. Each database is written by `writers` stores of its own
    (separate engines on one file, as separate clients would be), taking turns batch by batch. The
    checked appends get the anchor the services give them, the workspace witness: the checkpoint
    `lag` checkpoints back.

    One writer, lag 1: one person's workspace. The check reads the last checkpoint and the stored
    size, and reads and folds the stored subtrees covering the tree; the note is the one this store
    signed and the witness its previous head, so no signature is checked and no consistency proof
    built (LedgerStore remembers both, never the stored tree).
    Two writers, lag 5: the worst case, a team whose members' appends keep arriving in between. Every
    append builds on a checkpoint the other writer signed, so the whole check runs every time: the
    note is checked (the same key re-signs the head and compares, `LedgerStore._own_note`), the stored
    subtrees folded to the signed root, and a consistency proof from the stored subtrees checked
    against a witness 5 checkpoints behind.
    """
    from ledger_app.ledger.checkpoint import open_checkpoint

    data = leaves(total)
    signer = NullSigner()
    ratios: list[float] = []
    rates_with: list[float] = []
    rates_without: list[float] = []
    extra_us: list[float] = []  # what the check added per append call
    for r in range(rounds):
        stores: dict[str, list[LedgerStore]] = {}
        for name in ("checked", "unchecked"):
            for f in d.glob(f"{name}{r}.db*"):
                f.unlink()
            first = fresh_store(d, f"{name}{r}.db")
            stores[name] = [first] + [LedgerStore(make_engine(sqlite_url(d / f"{name}{r}.db"))) for _ in range(writers - 1)]
        timed = {"checked": 0.0, "unchecked": 0.0}
        notes: list[str] = []
        for k, i in enumerate(range(0, total, batch)):
            chunk = data[i : i + batch]
            anchor = open_checkpoint(notes[-lag], signer.verifiers) if len(notes) >= lag else None
            for name in (("checked", "unchecked") if k % 2 == 0 else ("unchecked", "checked")):
                store = stores[name][k % writers]
                t = time.perf_counter()
                if name == "checked":
                    res = store.append(chunk, signer, anchor=anchor)
                else:
                    store.append(chunk, signer, pre_check=False)
                timed[name] += time.perf_counter() - t
            notes.append(res.checkpoint.note)
        for group in stores.values():
            for st in group:
                st.engine.dispose()
        rates_with.append(total / timed["checked"])
        rates_without.append(total / timed["unchecked"])
        ratios.append(timed["unchecked"] / timed["checked"])
        extra_us.append((timed["checked"] - timed["unchecked"]) / (total // batch) * 1e6)
    ratio = statistics.median(ratios)
    case = ("one writer, witness = its previous checkpoint (one workspace: no signature to check, no proof "
            "to build; the stored subtrees read and folded)" if writers == 1 else
            f"{writers} writers taking turns, witness {lag} checkpoints behind: every append builds on another "
            "writer's checkpoint, so the whole check runs (note checked, stored root folded, consistency proof)")
    return [
        f"| append with the pre-append check, batches of {batch:,}, {case}; timed: each `LedgerStore.append` call "
        f"(transaction, check, inserts, signed checkpoint, commit) | {statistics.median(rates_with):,.0f} entries/s "
        f"(median of {rounds} rounds) | the same calls without the check (`pre_check=False`), same leaves, "
        f"interleaved batch by batch: {statistics.median(rates_without):,.0f} entries/s | **{ratio:.2f}×** median of "
        f"{rounds} same-run ratios (spread {min(ratios):.2f}–{max(ratios):.2f}×; the check added a median "
        f"{statistics.median(extra_us):,.0f} µs per call); goal ≥ 0.9×: "
        f"{'met' if ratio >= 0.9 else 'not met'} |"
    ]


def build_big(d: Path, n: int, name: str) -> LedgerStore:
    store = fresh_store(d, name)
    signer = NullSigner()
    batch = 100_000
    # Smaller leaves for the 10 M tree keep the file size sane; proof cost does not depend on them.
    for i in range(0, n, batch):
        k = min(batch, n - i)
        store.append([("ledger.note", canonical_json({"n": j})) for j in range(i, i + k)], signer)
    return store


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def bench_proofs(store: LedgerStore, n: int, reps: int = 300) -> list[str]:
    rng = random.Random(1)
    store.inclusion_proof(0, n)  # warm the connection pool and page cache a little
    t_inc = []
    for _ in range(reps):
        i = rng.randrange(n)
        t = time.perf_counter()
        size, proof, leaf, root = store.inclusion_proof(i, n)
        t_inc.append(time.perf_counter() - t)
    merkle.verify_inclusion(i, size, leaf, proof, root)
    t_con = []
    for _ in range(reps):
        m = rng.randrange(1, n)
        t = time.perf_counter()
        size, proof, old_root, new_root = store.consistency_proof(m, n)
        t_con.append(time.perf_counter() - t)
    merkle.verify_consistency(m, n, old_root, new_root, proof)
    med_i, med_c = statistics.median(t_inc) * 1e3, statistics.median(t_con) * 1e3
    p95_i = sorted(t_inc)[int(reps * 0.95)] * 1e3
    p95_c = sorted(t_con)[int(reps * 0.95)] * 1e3
    return [
        f"| inclusion proof at {n:,} entries (`LedgerStore.inclusion_proof`, random index, from stored subtrees) | "
        f"median {med_i:.3f} ms, p95 {p95_i:.3f} ms | no same-run reference: the goal | goal < 1 ms (p95): "
        f"{_met(p95_i < 1)} |",
        f"| consistency proof at {n:,} entries (`LedgerStore.consistency_proof`, random old size) | median "
        f"{med_c:.3f} ms, p95 {p95_c:.3f} ms | no same-run reference: the goal | goal < 1 ms (p95): {_met(p95_c < 1)} |",
    ]


def bench_verify(d: Path, n: int) -> list[str]:
    from ledger_app.ledger.verify import verify_ledger

    store = fresh_store(d, "verify.db")
    signer = NullSigner()
    batch = 50_000
    for i in range(0, n, batch):
        store.append(leaves(batch, i), signer)
    # Reference: a naive RFC 6962 root of the same leaves in plain Python (leaf hashes + tree).
    rows = [e.leaf for e in store.iter_entries()]
    t = time.perf_counter()
    merkle.root([merkle.leaf_hash(x) for x in rows])
    naive = time.perf_counter() - t
    from ledger_app.ledger.note import parse_vkey

    out = []
    for deep in (False, True):
        t = time.perf_counter()
        rep = verify_ledger(store, [parse_vkey(signer.signer.vkey)], origin="bench.example/ledger", deep=deep)
        full = time.perf_counter() - t
        assert rep.entries == n
        what = "`log verify --deep` (also decodes every leaf, canonical check on all cores)" if deep else "`log verify`"
        out.append(
            f"| full {what} of {n:,} entries ({rep.checkpoints} checkpoints; leaf hashes, every stored node, "
            f"every signature, every checkpoint root) | {full:.2f} s | naive RFC 6962 root of the same leaves: "
            f"{naive:.2f} s | {full / naive:.1f}× the naive root; goal < 10 s: {_met(full < 10)} |"
        )
    return out


PARTS = ("service", "store", "pre_append", "verify", "proofs")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    ap.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts to run ({', '.join(PARTS)})")
    args = ap.parse_args()
    parts = {p.strip() for p in args.only.split(",") if p.strip()}
    if parts - set(PARTS):
        ap.error(f"unknown part(s) {', '.join(sorted(parts - set(PARTS)))}; choose from {', '.join(PARTS)}")
    big = [100_000] if args.quick else [1_000_000, 10_000_000]
    out = ["## Ledger", "", f"Command: `{CMD}`", "", "| what | measured | same-run reference | ratio / goal |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        d = Path(tmp)
        if "service" in parts:
            out += bench_service_append(d, 20_000 if args.quick else 300_000, 10_000)
            out += bench_service_append(d, 100_000 if args.quick else 500_000, 100_000)
        if "store" in parts:
            out += bench_append(d, 20_000 if args.quick else 300_000, 10_000)
            out += bench_append(d, 100_000 if args.quick else 500_000, 100_000)
        if "pre_append" in parts:
            out += bench_pre_append_check(d, 10_000 if args.quick else 100_000, 100, writers=1, lag=1)
            out += bench_pre_append_check(d, 10_000 if args.quick else 100_000, 100, writers=2, lag=5)
            out += bench_pre_append_check(d, 50_000 if args.quick else 300_000, 10_000, writers=2, lag=5)
        if "verify" in parts:
            out += bench_verify(d, 100_000 if args.quick else 1_000_000)
        for n in big if "proofs" in parts else []:
            store = build_big(d, n, f"big{n}.db")
            out += bench_proofs(store, n)
            store.engine.dispose()
            for f in d.glob(f"big{n}.db*"):
                f.unlink()
    print("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
