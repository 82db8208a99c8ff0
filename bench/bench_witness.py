"""Witness submission cost per checkpoint (c2sp.org/tlog-witness), against our own witness on loopback.

What is timed, through the path users run: `LedgerService.note` (one entry, one signed checkpoint,
one SQLite commit) through `Services`, in three workspaces of the same size that take turns append by
append (the order rotating every round), so that load and tree growth fall on all three alike:
- no witness configured: the same-run reference;
- 1 and 2 witnesses configured: each a `ledger witness serve` process on 127.0.0.1 (started here,
  stopped here), so every append also POSTs add-checkpoint with its consistency proof, and the
  witness verifies the log signature and the proof, cosigns, fsyncs its state file and answers; the
  ledger verifies and stores the cosignature.
The submission cost per checkpoint is the median over rounds of (witnessed append - reference append)
in the same round, with its interquartile range. Also timed: the witness side alone,
`Witness.add_checkpoint` in process (no HTTP), at the bench's tree size.

Run: .venv/bin/python bench/bench_witness.py [--quick]   (or LEDGER_BENCH_QUICK=1)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ledger_app.ledger import witness_client
from ledger_app.services import Services
from ledger_app.services.workspace import Workspace

CMD = "make bench  (.venv/bin/python bench/bench_witness.py)"
PASS = "bench passphrase"
ROOT = Path(__file__).resolve().parents[1]


def start_witness(d: Path, n: int, origin: str, log_vkey: str) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "LEDGER_PASSPHRASE": PASS, "PYTHONPATH": str(ROOT)}
    key = d / f"w{n}.key"
    cli = [sys.executable, "-m", "ledger_app.cli.main"]
    gen = subprocess.run([*cli, "witness", "keygen", f"bench.example/w{n}", "-o", str(key), "--json"],
                         env=env, capture_output=True, text=True, timeout=120, check=True)
    vkey = json.loads(gen.stdout)["vkey"]
    proc = subprocess.Popen([*cli, "witness", "serve", "--listen", "127.0.0.1:0", "--key", str(key), "--log", origin,
                             log_vkey, "--stop-after", "900", "--json"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    if not line:
        raise SystemExit("the witness server did not start")
    return proc, json.loads(line)["url"] + "|" + vkey


def quartiles(xs: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(xs, n=4)
    return q[0], statistics.median(xs), q[2]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="few repetitions, for a smoke run")
    args = ap.parse_args()
    quick = args.quick or os.environ.get("LEDGER_BENCH_QUICK") == "1"
    reps = 20 if quick else 200
    out = ["## Witnesses", "", f"Command: `{CMD}`", "",
           "Appends through `Services` on SQLite, three workspaces taking turns append by append; witnesses are "
           "`ledger witness serve` processes on 127.0.0.1.", "",
           "| what | measured | same-run reference | ratio / goal |", "|---|---|---|---|"]
    procs: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        d = Path(tmp)
        try:
            spaces: list[Services] = []
            for n in (0, 1, 2):
                svc = Services(Workspace(d / f"ws{n}"), passphrase=lambda confirm: PASS)
                origin = f"bench.example/witnessed-ledger-{n}"
                svc.ledger.init(origin)
                for k in range(n):
                    proc, spec = start_witness(d, 10 * n + k, origin, svc.ledger.vkey())
                    procs.append(proc)
                    url, vkey = spec.split("|")
                    svc.witness.add(f"w{k}", url, vkey)
                spaces.append(svc)
            times: list[list[float]] = [[], [], []]
            for i in range(5 + reps):  # the first 5 rounds warm up and are not counted
                for n in (i % 3, (i + 1) % 3, (i + 2) % 3):
                    t = time.perf_counter()
                    spaces[n].ledger.note(f"bench {i}")
                    if i >= 5:
                        times[n].append(time.perf_counter() - t)
            for n in (1, 2):
                st = spaces[n].witness.status()
                if not st.latest.quorum_met or len(st.latest.cosigned_by) != n:
                    raise SystemExit(f"the witnesses did not cosign: {st}")
            ref = statistics.median(times[0]) * 1000
            out.append(f"| append one entry + checkpoint, no witness | {ref:.2f} ms per append (median of {reps}) | — | "
                       "reference |")
            for n in (1, 2):
                med = statistics.median(times[n]) * 1000
                lo, mid, hi = quartiles([(a - b) * 1000 for a, b in zip(times[n], times[0], strict=True)])
                out.append(
                    f"| the same append, cosigned by {n} witness{'es' if n > 1 else ''} on loopback | {med:.2f} ms per "
                    f"append (median of {reps}) | no witness, same rounds: {ref:.2f} ms | submission cost **{mid:.2f} ms** "
                    f"per checkpoint (median of {reps} same-round differences, IQR {lo:.2f}–{hi:.2f} ms; {med / ref:.1f}×) |")
            svc = spaces[2]
            origin = svc.ledger.origin
            # The witness side alone, at this tree size.
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

            from ledger_app.ledger.note import parse_vkey
            from ledger_app.ledger.witness_server import Witness, WitnessState

            w = Witness("bench.example/inproc", Ed25519PrivateKey.generate(), {origin: [parse_vkey(svc.ledger.vkey())]},
                        WitnessState(d / "inproc.json"))
            store = svc.ledger.ws.store
            cps = [c for c in store.checkpoints() if c.size > 2][-reps:]
            first = cps[0]
            assert w.add_checkpoint(witness_client.format_request(0, [], first.note)).status == 200
            side: list[float] = []
            prev = first.size
            for cp in cps[1:]:
                body = witness_client.format_request(prev, store.consistency_proof(prev, cp.size)[1], cp.note)
                t = time.perf_counter()
                a = w.add_checkpoint(body)
                side.append(time.perf_counter() - t)
                assert a.status == 200, a.body
                prev = cp.size
            med = statistics.median(side) * 1000
            out.append(f"| witness side: add-checkpoint in process (log signature, consistency proof, cosign, fsync "
                       f"of the state file), tree of ~{store.size():,} entries | {med:.2f} ms per checkpoint (median "
                       f"of {len(side)}) | — | — |")
        finally:
            for p in procs:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
    print("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
