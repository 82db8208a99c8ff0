"""The whole loop: a ledger submits its checkpoints to an independent witness (our own `witness serve`
code on 127.0.0.1), stores the cosignatures, carries them in certificates and reports, and the offline
verifier checks them with --witness, k of n. Plus what an insider tries: a rolled-back or forked
database, hand-written cosignature rows, a witness quietly removed."""

from __future__ import annotations

import base64
import json
import os
import shutil
import struct
import subprocess
import sys
import threading

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_app.core.errors import UserError, VerificationError
from ledger_app.ledger import note
from ledger_app.ledger.cosignature import parse_witness_vkey, require_quorum
from ledger_app.ledger.witness_server import Witness, WitnessHTTPServer, WitnessState
from ledger_app.services import Services
from ledger_app.services.witness import cosigned_note
from ledger_app.services.workspace import Workspace
from ledger_app.verify import verify_document

ORIGIN = "example.com/witnessed-ledger"


class Running:
    """A witness server on 127.0.0.1 in a thread; stops itself after two minutes at the latest."""

    def __init__(self, tmp_path, name: str, seed: int, log_vkey: str):
        self.witness = Witness(name, Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32),
                               {ORIGIN: [note.parse_vkey(log_vkey)]}, WitnessState(tmp_path / f"{seed}.state.json"))
        self.start()

    def start(self) -> None:
        self.server = WitnessHTTPServer(("127.0.0.1", getattr(self, "port", 0)), self.witness)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve, kwargs={"stop_after": 120}, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def vkey(self) -> str:
        return self.witness.vkey


@pytest.fixture()
def env(tmp_path):
    svc = Services(Workspace(tmp_path / "ws"), passphrase=lambda confirm: "pw")
    svc.ledger.init(ORIGIN)
    w1 = Running(tmp_path, "witness.example/w1", 1, svc.ledger.vkey())
    w2 = Running(tmp_path, "witness.example/w2", 2, svc.ledger.vkey())
    yield svc, w1, w2
    for w in (w1, w2):
        w.stop()


def latest_note(svc) -> str:
    return svc.witness.checkpoint().checkpoint


def issue(svc, request_id: int = 1) -> dict:
    from ledger_app.certificates.certificate import issue_removal_certificate

    key_id = svc.ledger.unlock()[0].verifier.key_id.hex()
    res = svc.ledger.append([("item.ingested", {"item": f"c/s.tar#{request_id}", "sha256": "ab" * 32, "corpus": "c",
                                                "status": "admitted"})])
    return issue_removal_certificate(
        svc.ledger,
        request={"id": request_id, "type": "optout", "received": "2026-02-01", "due_by": "2026-03-01",
                 "requester": {"commitment": "cd" * 32, "kind": "individual"}},
        works=[{"kind": "hash", "value": "ab" * 32}],
        removed_items=[{"item_id": f"c/s.tar#{request_id}", "sha256": "ab" * 32, "corpus": "c", "location": "s.tar",
                        "method": "exact", "score": "exact"}],
        shards=[{"corpus": "c", "path": "s.tar", "sha256_before": "01" * 32, "sha256_after": "02" * 32}],
        affected_runs=[], organisation="Example", issued_at="2026-03-01T09:30:00Z", origin=ORIGIN, key_id=key_id,
    ) | {"_index": res.first_index}


def test_each_new_checkpoint_is_cosigned_and_printed(env):
    svc, w1, w2 = env
    svc.witness.add("w1", w1.url, w1.vkey)
    svc.witness.add("w2", w2.url, w2.vkey)
    svc.ledger.note("after two witnesses")
    cp = svc.witness.checkpoint()
    assert cp.cosigned_by == ["w1", "w2"] and cp.quorum == 1 and cp.quorum_met and cp.not_cosigned == []
    signed = cp.checkpoint
    assert signed.startswith(svc.ledger.checkpoint())  # the ledger's own note, then the witness lines
    found = require_quorum(signed, [parse_witness_vkey(w1.vkey), parse_witness_vkey(w2.vkey)])
    assert [c.name for c in found] == ["witness.example/w1", "witness.example/w2"]
    # Each witness recorded what it cosigned: the ledger's latest tree.
    assert w1.witness.state.read()["logs"][ORIGIN]["size"] == cp.size == svc.ledger.ws.store.size()
    # Adding, removing and the policy are ledger entries.
    types = [e.type for e in svc.ledger.ws.store.entries(0)]
    assert types.count("witness.added") == 2
    svc.witness.set_policy(2)
    assert svc.witness.quorum() == 2
    with pytest.raises(UserError, match="lower it first"):
        svc.witness.remove("w2")
    svc.witness.set_policy(1)
    svc.witness.remove("w2")
    assert [w.name for w in svc.witness.list()] == ["w1"]
    assert [e.type for e in svc.ledger.ws.store.entries(0)][-2:] == ["witness.policy", "witness.removed"]
    svc.ledger.verify(deep=True)


def test_configuration_errors_are_sentences(env):
    svc, w1, _ = env
    log_key = svc.ledger.vkey()
    with pytest.raises(UserError, match=r"note signing key \(type 0x01\)"):
        svc.witness.add("w1", w1.url, log_key)
    with pytest.raises(UserError, match="http:// or https://"):
        svc.witness.add("w1", "ftp://x", w1.vkey)
    with pytest.raises(UserError, match="witness name"):
        svc.witness.add("bad name", w1.url, w1.vkey)
    svc.witness.add("w1", w1.url, w1.vkey)
    with pytest.raises(UserError, match="already configured"):
        svc.witness.add("w1b", w1.url, w1.vkey)
    with pytest.raises(UserError, match="0 to 1 cosignatures"):
        svc.witness.set_policy(2)


def test_certificate_carries_cosignatures_and_verifies_k_of_n(env, tmp_path):
    svc, w1, w2 = env
    svc.witness.add("w1", w1.url, w1.vkey)
    svc.witness.add("w2", w2.url, w2.vkey)
    cert = issue(svc)
    cert.pop("_index")
    vkey = svc.ledger.vkey()
    both = [w1.vkey, w2.vkey]
    ok = verify_document(cert, vkey, witnesses=both)
    assert [c.name for c in ok.cosignatures] == ["witness.example/w1", "witness.example/w2"]
    assert "cosigned by 2 of the 2 witnesses" in ok.sentence()
    # Without --witness the cosignature lines are unknown signatures, ignored: old verifiers still work.
    verify_document(cert, vkey)
    # A third witness nobody asked: 2 of 3 passes with --quorum 2, fails by default (all).
    third = note.cosigner_from_private_key("witness.example/w3", Ed25519PrivateKey.generate(), 1).vkey
    verify_document(cert, vkey, witnesses=[*both, third], quorum=2)
    with pytest.raises(VerificationError, match=r"cosigned by 2 of the 3 witnesses .* missing: witness.example/w3"):
        verify_document(cert, vkey, witnesses=[*both, third])
    # The same through the stand-alone verifier, with the witness keys in a file.
    path = tmp_path / "cert.json"
    path.write_text(json.dumps(cert))
    keys = tmp_path / "witnesses.txt"
    keys.write_text(f"# our witnesses\n{w1.vkey}\n{w2.vkey}\n")
    run = subprocess.run([sys.executable, "-m", "ledger_app.verify", str(path), "--vkey", vkey, "--witness", str(keys)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "cosigned by 2 of the 2 witnesses" in run.stdout
    run = subprocess.run([sys.executable, "-m", "ledger_app.verify", str(path), "--vkey", vkey, "--witness", third,
                          "--json"], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and json.loads(run.stdout)["what"] == "witness"


def test_report_item_proofs_share_the_cosigned_checkpoint(env):
    from ledger_app.certificates.report import issue_inclusion_report

    svc, w1, _ = env
    svc.witness.add("w1", w1.url, w1.vkey)
    key_id = svc.ledger.unlock()[0].verifier.key_id.hex()
    res = svc.ledger.append([("item.ingested", {"item": "c/x#1", "sha256": "ef" * 32, "corpus": "c", "status": "admitted"})])
    item = {"item_id": "c/x#1", "corpus": "c", "location": "x#1", "status": "admitted", "since": "2026-01-01T00:00:00Z",
            "license": None, "method": "exact", "score": "exact", "entry_index": res.first_index, "sha256": "ef" * 32}
    report = issue_inclusion_report(svc.ledger, queries=[{"query": {"kind": "hash", "value": "ef" * 32},
                                                          "verdict": "included", "items": [item], "near_copies": []}],
                                    issued_at="2026-03-01T09:30:00Z", origin=ORIGIN, key_id=key_id)
    ok = verify_document(report, svc.ledger.vkey(), witnesses=[w1.vkey])
    assert ok.item_entries == (res.first_index,) and len(ok.cosignatures) == 1


def test_offline_first_then_catch_up(env):
    svc, w1, _ = env
    svc.witness.add("w1", w1.url, w1.vkey)
    w1.stop()
    cert = issue(svc)
    cert.pop("_index")
    svc.ledger.note("still working without the witness")
    st = svc.witness.status()
    assert not st.latest.quorum_met and len(st.not_cosigned) >= 2
    assert "not reachable" in st.witnesses[0].last_error
    with pytest.raises(VerificationError, match="cosigned by 0 of the 1"):
        verify_document(cert, svc.ledger.vkey(), witnesses=[w1.vkey])
    with pytest.raises(UserError, match="not inside the newest cosigned checkpoint .* run `ledger witness submit`"):
        svc.witness.cosign_document(cert)
    w1.start()
    res = svc.witness.submit()
    assert res.quorum_met and res.results[0].status == "cosigned"
    assert svc.witness.status().not_cosigned == []
    refreshed = svc.witness.cosign_document(cert).document
    assert {k: v for k, v in refreshed.items() if k != "tlog_proof"} == {k: v for k, v in cert.items() if k != "tlog_proof"}
    assert refreshed["tlog_proof"] != cert["tlog_proof"]
    verify_document(refreshed, svc.ledger.vkey(), witnesses=[w1.vkey])


def test_hand_written_cosignature_rows_are_never_attached(env):
    """An insider inserts a 'cosignature' row (no witness key): it must not appear on the checkpoint."""
    svc, w1, _ = env
    svc.witness.add("w1", w1.url, w1.vkey)
    w1.stop()
    svc.ledger.note("uncosigned")
    cp = svc.ledger.ws.store.latest_checkpoint()
    fake_key = Ed25519PrivateKey.generate()
    forged = note.sign_note(cp.note.split("\n\n")[0] + "\n",
                            [note.cosigner_from_private_key("witness.example/w1", fake_key, 1_800_000_000)])
    line = forged.split("\n\n")[1]
    w1_kid = parse_witness_vkey(w1.vkey).key_id
    garbage = "\u2014 witness.example/w1 " + base64.b64encode(w1_kid + struct.pack(">Q", 1_800_000_000)
                                                                + os.urandom(64)).decode() + "\n"
    with svc.ledger.ws.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO witness_cosignature (checkpoint_size, root_hash, witness, vkey, timestamp, line, received_at) "
            "VALUES (?,?,?,?,?,?,?)", (cp.size, cp.root_hash, "w1", w1.vkey, 1_800_000_000, garbage, 0.0))
        # Even with the forger's own key stored beside it, it is not the configured witness's cosignature.
        fake_vkey = note.cosigner_from_private_key("witness.example/w1", fake_key, 1).vkey
        conn.exec_driver_sql(
            "INSERT INTO witness_cosignature (checkpoint_size, root_hash, witness, vkey, timestamp, line, received_at) "
            "VALUES (?,?,?,?,?,?,?)", (cp.size, cp.root_hash, "w1", fake_vkey, 1_800_000_000, line, 0.0))
    st = svc.witness.status()
    assert st.latest.cosigned_by == [] and not st.latest.quorum_met
    assert cosigned_note(svc.ledger.ws.engine, cp) == cp.note  # nothing attached
    # Had it been attached, a verifier holding the witness key would reject the note outright.
    with pytest.raises(VerificationError, match="does not verify"):
        require_quorum(cp.note + garbage, [parse_witness_vkey(w1.vkey)])


def test_a_rolled_back_database_is_refused_by_the_witness(env, tmp_path):
    """Restore an older copy of the database (file copy) and append: the witness refuses, the ledger says why."""
    svc, w1, _ = env
    svc.witness.add("w1", w1.url, w1.vkey)
    db = svc.ledger.ws.path / "ledger.db"
    svc.ledger.ws.dispose()
    shutil.copy(db, tmp_path / "backup.db")
    for i in range(4):
        svc.ledger.note(f"later {i}")
    witnessed = w1.witness.state.read()["logs"][ORIGIN]["size"]
    assert witnessed == svc.ledger.ws.store.size()
    svc.ledger.ws.dispose()
    for suffix in ("-wal", "-shm"):
        (svc.ledger.ws.path / f"ledger.db{suffix}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "backup.db", db)
    (svc.ledger.ws.path / "checkpoint.latest").unlink()  # the insider removes the local witness copy too
    again = Services(Workspace(svc.ledger.ws.path), passphrase=lambda confirm: "pw")
    again.ledger.note("a different history")  # smaller than what the witness cosigned
    st = again.witness.status()
    assert not st.latest.quorum_met
    assert "rolled back or replaced" in st.witnesses[0].last_error
    # Grow the forked history past the witnessed size: now the witness's consistency check refuses it.
    for i in range(5):
        again.ledger.note(f"fork {i}")
    res = again.witness.submit()
    assert not res.quorum_met
    assert res.results[0].http_status == 422 and "rolled back or forked" in res.results[0].message
    assert w1.witness.state.read()["logs"][ORIGIN]["size"] == witnessed
    assert w1.witness.state.read()["evidence"]


def test_cli_commands(env, tmp_path):
    from ledger_app.cli.main import main

    svc, w1, w2 = env
    ws = ["--workspace", str(svc.ledger.ws.path)]
    os.environ["LEDGER_PASSPHRASE"] = "pw"
    try:
        assert main([*ws, "witness", "add", "w1", w1.url, w1.vkey]) == 0
        assert main([*ws, "witness", "add", "w2", w2.url, w2.vkey]) == 0
        assert main([*ws, "witness", "policy", "2"]) == 0
        assert main([*ws, "log", "note", "via the CLI"]) == 0
    finally:
        del os.environ["LEDGER_PASSPHRASE"]
    out = subprocess.run([sys.executable, "-m", "ledger_app.cli.main", *ws, "log", "checkpoint"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "\u2014 witness.example/w1 " in out.stdout and "\u2014 witness.example/w2 " in out.stdout
    require_quorum(out.stdout, [parse_witness_vkey(w1.vkey), parse_witness_vkey(w2.vkey)])
    st = subprocess.run([sys.executable, "-m", "ledger_app.cli.main", *ws, "witness", "status", "--json"],
                        capture_output=True, text=True, timeout=60)
    assert json.loads(st.stdout)["latest"]["cosigned_by"] == ["w1", "w2"]
    w2.stop()
    sub = subprocess.run([sys.executable, "-m", "ledger_app.cli.main", *ws, "witness", "submit", "--timeout", "2"],
                         capture_output=True, text=True, timeout=60)
    # The latest checkpoint is already cosigned by both: nothing to do, policy met.
    assert sub.returncode == 0, sub.stdout + sub.stderr
    lst = subprocess.run([sys.executable, "-m", "ledger_app.cli.main", *ws, "witness", "list"],
                         capture_output=True, text=True, timeout=60)
    assert "policy: 2 of 2" in lst.stdout and w1.url in lst.stdout


def test_cli_serve_full_loop(tmp_path):
    """`ledger witness keygen` + `ledger witness serve` as a process on 127.0.0.1 (bounded: it stops by itself
    after a request budget or a minute), a ledger submitting to it, a certificate, and `ledger
    verify-certificate --witness` and `python -m ledger_app.verify --witness` on the result."""
    env = {**os.environ, "LEDGER_PASSPHRASE": "pw"}
    cli = [sys.executable, "-m", "ledger_app.cli.main"]
    svc = Services(Workspace(tmp_path / "ws"), passphrase=lambda confirm: "pw")
    svc.ledger.init(ORIGIN)
    gen = subprocess.run([*cli, "witness", "keygen", "witness.example/cli", "-o", str(tmp_path / "w.key"), "--json"],
                         env=env, capture_output=True, text=True, timeout=120)
    assert gen.returncode == 0, gen.stderr
    wkey = json.loads(gen.stdout)["vkey"]
    assert wkey.startswith("witness.example/cli+") and parse_witness_vkey(wkey)
    proc = subprocess.Popen([*cli, "witness", "serve", "--listen", "127.0.0.1:0", "--key", str(tmp_path / "w.key"),
                             "--log", ORIGIN, svc.ledger.vkey(), "--max-requests", "3", "--stop-after", "60", "--json"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        started = json.loads(proc.stdout.readline())
        assert started["vkey"] == wkey and started["logs"] == [ORIGIN]
        svc.witness.add("cli", started["url"], wkey)  # request 1
        cert = issue(svc)  # requests 2 and 3 (the item, then the certificate)
        cert.pop("_index")
        assert proc.wait(30) == 0  # the request budget is spent: the server stopped by itself
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
    state = json.loads((tmp_path / "w.key.state.json").read_text())
    assert state["logs"][ORIGIN]["size"] == svc.ledger.ws.store.size()
    path = tmp_path / "cert.json"
    path.write_text(json.dumps(cert))
    ok = subprocess.run([*cli, "verify-certificate", str(path), "--vkey", svc.ledger.vkey(), "--witness", wkey],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert "cosigned by 1 of the 1 witnesses given (witness.example/cli)" in ok.stdout
    other = note.cosigner_from_private_key("witness.example/other", Ed25519PrivateKey.generate(), 1).vkey
    bad = subprocess.run([*cli, "verify-certificate", str(path), "--vkey", svc.ledger.vkey(), "--witness", wkey,
                          "--witness", other], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines() == [
        "verification failed: the certificate's checkpoint fails the witness check: the checkpoint is cosigned by 1 "
        "of the 2 witnesses given (witness.example/cli), fewer than the 2 required; missing: "
        f"{'+'.join(other.split('+')[:2])}. It may not have been submitted to witnesses yet (`ledger witness submit`, then "
        "re-prove the document with `ledger witness cosign-document`)"]
    half = subprocess.run([sys.executable, "-m", "ledger_app.verify", str(path), "--vkey", svc.ledger.vkey(),
                           "--witness", wkey, "--witness", other, "--quorum", "1", "--json"],
                          capture_output=True, text=True, timeout=60)
    assert half.returncode == 0, half.stderr
    assert json.loads(half.stdout)["witnesses"]["cosigned_by"][0]["name"] == "witness.example/cli"


def test_status_looks_back_a_bounded_number_of_checkpoints(env, monkeypatch):
    import ledger_app.services.witness as ws_mod

    svc, w1, _ = env
    svc.witness.add("w1", w1.url, w1.vkey)
    cosigned_size = svc.witness.status().last_cosigned_size
    w1.stop()
    for i in range(6):
        svc.ledger.note(f"offline {i}")
    st = svc.witness.status()
    assert st.last_cosigned_size == cosigned_size and len(st.not_cosigned) == 6
    assert not st.not_cosigned_truncated
    monkeypatch.setattr(ws_mod, "STATUS_SCAN", 3)
    st = svc.witness.status()
    assert st.last_cosigned_size is None and st.not_cosigned_truncated and len(st.not_cosigned) == 3
    assert st.not_cosigned[-1] == svc.ledger.ws.store.size()
