"""The c2sp.org/tlog-witness add-checkpoint protocol: our witness server and our client, each held to the spec.

The server runs on 127.0.0.1 on a free port, in a thread that stops itself (stop_after) and is shut
down by the test. Logs here are plain in-memory Merkle trees signed with a test key, so a fork (same
size, other leaves) and a rollback (a smaller tree) are one line each.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import socket
import threading
import time

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_app.core.errors import UserError
from ledger_app.ledger import merkle, note, witness_client
from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint
from ledger_app.ledger.cosignature import parse_witness_vkey, require_quorum
from ledger_app.ledger.witness_server import Witness, WitnessHTTPServer, WitnessState

ORIGIN = "example.com/witnessed-log"


class Log:
    def __init__(self, tag: str = "a", key: int = 7, origin: str = ORIGIN):
        self.tag = tag
        self.signer = note.signer_from_private_key(origin, Ed25519PrivateKey.from_private_bytes(bytes([key]) * 32))
        self.origin = origin

    def leaves(self, n: int) -> list[bytes]:
        return [merkle.leaf_hash(f"{self.tag}{i}".encode()) for i in range(n)]

    def checkpoint(self, n: int) -> str:
        return sign_checkpoint(Checkpoint(self.origin, n, merkle.root(self.leaves(n))), self.signer)

    def proof(self, old: int, new: int) -> list[bytes]:
        return merkle.consistency_proof(old, self.leaves(new)) if 0 < old < new else []

    def body(self, old: int, new: int, proof: list[bytes] | None = None) -> bytes:
        return witness_client.format_request(old, self.proof(old, new) if proof is None else proof, self.checkpoint(new))


@pytest.fixture()
def log() -> Log:
    return Log()


@pytest.fixture()
def wit(tmp_path, log):
    w = Witness("witness.example/w1", Ed25519PrivateKey.from_private_bytes(b"\x01" * 32),
                {ORIGIN: [note.parse_vkey(log.signer.vkey)]}, WitnessState(tmp_path / "state.json"))
    return w


@pytest.fixture()
def server(wit):
    srv = WitnessHTTPServer(("127.0.0.1", 0), wit)
    t = threading.Thread(target=srv.serve, kwargs={"stop_after": 120}, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    t.join(10)
    assert not t.is_alive()


def cosigned_ok(wit, log, n, answer) -> None:
    assert answer.status == 200, answer.body
    signed = log.checkpoint(n) + answer.body.decode()
    [c] = require_quorum(signed, [parse_witness_vkey(wit.vkey)])
    assert abs(c.timestamp - time.time()) < 60


# --- the witness's decisions --------------------------------------------------------------------------


def test_first_then_consistent_growth_is_cosigned(wit, log):
    cosigned_ok(wit, log, 5, wit.add_checkpoint(log.body(0, 5)))
    cosigned_ok(wit, log, 13, wit.add_checkpoint(log.body(5, 13)))
    cosigned_ok(wit, log, 13, wit.add_checkpoint(log.body(13, 13)))  # the same tree again
    cosigned_ok(wit, log, 14, wit.add_checkpoint(log.body(13, 14)))


def test_state_is_persistent(tmp_path, wit, log):
    assert wit.add_checkpoint(log.body(0, 9)).status == 200
    again = Witness(wit.name, wit._private, wit.logs, WitnessState(tmp_path / "state.json"))
    a = again.add_checkpoint(log.body(0, 12))
    assert (a.status, a.body, a.content_type) == (409, b"9\n", "text/x.tlog.size")
    assert again.add_checkpoint(log.body(9, 12)).status == 200


def test_stale_old_size_is_409_with_the_witness_size(wit, log):
    assert wit.add_checkpoint(log.body(0, 8)).status == 200
    for old in (0, 3, 10):
        a = wit.add_checkpoint(log.body(old, 12))
        assert (a.status, a.body, a.content_type) == (409, b"8\n", "text/x.tlog.size")


def test_rollback_is_refused(wit, log):
    assert wit.add_checkpoint(log.body(0, 10)).status == 200
    # A smaller tree, claiming to come from the witness's size: the old size exceeds the checkpoint's.
    assert wit.add_checkpoint(log.body(10, 6, proof=[])).status == 400
    # A smaller tree from a smaller old size: not what the witness holds.
    assert wit.add_checkpoint(log.body(4, 6)).status == 409
    assert wit.add_checkpoint(log.body(0, 6)).status == 409
    assert wit.state.read()["logs"][ORIGIN]["size"] == 10


def test_forks_are_refused_with_422(wit, log):
    assert wit.add_checkpoint(log.body(0, 10)).status == 200
    fork = Log(tag="b")  # same key, other leaves: the key holder signing a second history
    same_size = wit.add_checkpoint(fork.body(10, 10))
    assert same_size.status == 422 and b"forked" in same_size.body
    bigger = wit.add_checkpoint(fork.body(10, 15, proof=fork.proof(10, 15)))
    assert bigger.status == 422 and b"does not verify" in bigger.body
    # The honest proof for the honest tree does not rescue a forked checkpoint either.
    mixed = witness_client.format_request(10, log.proof(10, 15), fork.checkpoint(15))
    assert wit.add_checkpoint(mixed).status == 422
    st = wit.state.read()
    assert st["logs"][ORIGIN]["size"] == 10
    assert len(st["evidence"]) == 3 and st["evidence"][0]["checkpoint"] == fork.checkpoint(10)


def test_other_422_cases(wit, log):
    bad_empty = sign_checkpoint(Checkpoint(ORIGIN, 0, hashlib.sha256(b"x").digest()), log.signer)
    assert wit.add_checkpoint(witness_client.format_request(0, [], bad_empty)).status == 422
    proof_from_zero = b"old 0\n" + base64.b64encode(b"\x00" * 32) + b"\n\n" + log.checkpoint(4).encode()
    assert wit.add_checkpoint(proof_from_zero).status == 422
    empty = sign_checkpoint(Checkpoint(ORIGIN, 0, hashlib.sha256(b"").digest()), log.signer)
    assert wit.add_checkpoint(witness_client.format_request(0, [], empty)).status == 200


def test_signature_and_origin_checks(wit, log):
    stranger = Log(key=9)  # right origin, untrusted key
    assert wit.add_checkpoint(stranger.body(0, 3)).status == 403
    # Trusted name and key ID, but the signature bytes are wrong: 403 as well.
    text, sig = log.checkpoint(3).split("\n\n")
    raw = bytearray(base64.b64decode(sig.split(" ")[2]))
    raw[-1] ^= 1
    tampered = f"{text}\n\n\u2014 {ORIGIN} {base64.b64encode(bytes(raw)).decode()}\n"
    assert wit.add_checkpoint(witness_client.format_request(0, [], tampered)).status == 403
    unknown = Log(origin="example.com/other-log")
    assert wit.add_checkpoint(unknown.body(0, 3)).status == 404
    assert ORIGIN not in wit.state.read()["logs"]


@pytest.mark.parametrize("body", [
    b"",
    b"\xff\xfe",
    b"old 01\n\n",
    b"old -1\n\n",
    b"new 3\n\n",
    b"old 0\nnot base64!\n\n",
    b"old 0\n" + base64.b64encode(b"short") + b"\n\n",
    b"old 3\n",
    b"old 0\n\n",
    b"old 2\n" + (base64.b64encode(b"\x00" * 32) + b"\n") * 64 + b"\n",
])
def test_malformed_requests_are_400(wit, log, body):
    a = wit.add_checkpoint(body + (log.checkpoint(3).encode() if body.endswith(b"\n\n") and body != b"old 0\n\n" else b""))
    assert a.status == 400, (body, a.body)


# --- over HTTP ------------------------------------------------------------------------------------------


def test_http_round_trip_and_monitoring(server, wit, log):
    status, ctype, data = witness_client.post(server.url + "/add-checkpoint", log.body(0, 6), 5)
    assert status == 200 and data.startswith("\u2014 witness.example/w1 ".encode())
    status, ctype, data = witness_client.post(server.url + "/add-checkpoint", log.body(0, 7), 5)
    assert (status, ctype, data) == (409, "text/x.tlog.size", b"6\n")
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    conn.request("GET", f"/{hashlib.sha256(ORIGIN.encode()).hexdigest()}/checkpoint")
    r = conn.getresponse()
    served = r.read().decode()
    assert r.status == 200
    require_quorum(served, [parse_witness_vkey(wit.vkey)])
    note.open_note(served, [note.parse_vkey(log.signer.vkey)])
    conn.request("GET", f"/{'0' * 64}/checkpoint")
    r = conn.getresponse()
    assert r.status == 404 and r.read()
    conn.close()


def test_client_recovers_from_409_and_verifies_the_answer(server, wit, log):
    v = parse_witness_vkey(wit.vkey)
    first = witness_client.submit("w1", server.url, v, log.checkpoint(4), 4, 0, lambda m: log.proof(m, 4))
    assert first.ok and first.witness_size == 4
    # Our record says 0 (e.g. lost); the witness says 4; the client re-proves from 4.
    again = witness_client.submit("w1", server.url, v, log.checkpoint(9), 9, 0, lambda m: log.proof(m, 9))
    assert again.ok, again.message
    require_quorum(log.checkpoint(9) + again.cosignatures[0].line, [v])
    # A checkpoint older than what the witness holds: a conflict, said in a sentence.
    old = witness_client.submit("w1", server.url, v, log.checkpoint(5), 5, 0, lambda m: log.proof(m, 5))
    assert old.status == witness_client.CONFLICT and old.witness_size == 9 and "larger than this checkpoint" in old.message


def test_client_sentences_for_403_404_422(server, wit, log):
    v = parse_witness_vkey(wit.vkey)
    s = witness_client.submit("w1", server.url, v, Log(key=9).checkpoint(3), 3, 0, lambda m: [])
    assert s.status == witness_client.REFUSED and s.http_status == 403 and "does not trust this ledger's signing key" in s.message
    other = Log(origin="example.com/other")
    s = witness_client.submit("w1", server.url, v, other.checkpoint(3), 3, 0, lambda m: [])
    assert s.http_status == 404 and "does not know this ledger's origin" in s.message
    assert witness_client.submit("w1", server.url, v, log.checkpoint(5), 5, 0, lambda m: []).ok
    fork = Log(tag="z")
    s = witness_client.submit("w1", server.url, v, fork.checkpoint(8), 8, 5, lambda m: fork.proof(m, 8))
    assert s.http_status == 422 and "rolled back or forked" in s.message


def test_client_refuses_a_cosignature_it_cannot_verify(server, wit, log):
    impostor = parse_witness_vkey(note.cosigner_from_private_key("witness.example/w1",
                                                                 Ed25519PrivateKey.from_private_bytes(b"\x05" * 32), 1).vkey)
    s = witness_client.submit("w1", server.url, impostor, log.checkpoint(3), 3, 0, lambda m: [])
    assert s.status == witness_client.REFUSED and "carries no cosignature by witness.example/w1" in s.message
    assert s.cosignatures == ()


def test_unreachable_and_silent_witnesses_are_bounded(log):
    v = parse_witness_vkey(note.cosigner_from_private_key("w.example/x", Ed25519PrivateKey.generate(), 1).vkey)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = witness_client.submit("x", f"http://127.0.0.1:{port}", v, log.checkpoint(2), 2, 0, lambda m: [], timeout=2)
    assert r.status == witness_client.UNREACHABLE and "not reachable" in r.message
    # A witness that accepts the connection and never answers: the timeout bounds the wait.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    try:
        t0 = time.monotonic()
        r = witness_client.submit("x", f"http://127.0.0.1:{silent.getsockname()[1]}", v, log.checkpoint(2), 2, 0,
                                  lambda m: [], timeout=0.5)
        assert r.status == witness_client.UNREACHABLE and "timed out" in r.message
        assert time.monotonic() - t0 < 10
    finally:
        silent.close()


def test_concurrent_submissions_never_roll_the_state_back(server, wit, log):
    """Racing requests (the spec's A/B race): whatever order they land in, the stored size only grows."""
    sizes = list(range(2, 22))
    answers: dict[int, int] = {}

    def go(n: int) -> None:
        status, _, data = witness_client.post(server.url + "/add-checkpoint", log.body(0, n), 10)
        answers[n] = status
        if status == 409:
            old = int(data)
            if old < n:
                status, _, _ = witness_client.post(server.url + "/add-checkpoint", log.body(old, n), 10)
                answers[n] = status

    threads = [threading.Thread(target=go, args=(n,)) for n in sizes]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    final = wit.state.read()["logs"][ORIGIN]["size"]
    cosigned = [n for n, s in answers.items() if s == 200]
    assert cosigned and final == max(cosigned)


def test_bad_configuration_is_a_sentence(tmp_path, log):
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(UserError, match="witness state file .* is damaged"):
        WitnessState(tmp_path / "bad.json")
    witness_key = note.cosigner_from_private_key("w.example/x", Ed25519PrivateKey.generate(), 1).vkey
    from ledger_app.ledger.witness_server import parse_listen, parse_logs

    with pytest.raises(UserError, match="unusable"):
        parse_logs([[ORIGIN, witness_key]])
    with pytest.raises(UserError, match="HOST:PORT"):
        parse_listen("localhost")
