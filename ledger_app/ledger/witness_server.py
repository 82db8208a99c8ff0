"""A c2sp.org/tlog-witness witness: cosigns other ledgers' checkpoints, refusing forks and rollbacks.

Why this exists: a ledger's own key can sign two different histories; a witness run by someone
else (a publisher, an industry body) remembers, per log origin, the latest tree it cosigned and
cosigns a new checkpoint only if the log's signature verifies and an RFC 6962 consistency proof
shows the new tree extends the remembered one. `ledger witness serve` runs it.

The protocol, per c2sp.org/tlog-witness (`POST <prefix>/add-checkpoint`, body `old N`, proof
lines, an empty line, the checkpoint): unknown origin → 404; no valid signature from a key trusted
for the origin, or a trusted key's signature that fails → 403; old size above the checkpoint's,
or a malformed body → 400; old size not the size we last cosigned → 409 with our size as
`text/x.tlog.size`; size 0 with a root other than SHA-256(""), a proof from size 0, a proof that
does not verify, or the same size with another root → 422; otherwise the new state is persisted
(fsync + atomic rename, under a lock: checking the old size and storing the new one is one step,
so two racing requests cannot roll the state back) and the answer is a `cosignature/v1` line.
`GET <prefix>/<sha256(origin) hex>/checkpoint` serves the latest cosigned checkpoint.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import http.server
import json
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_app.core.errors import VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused, said_of
from ledger_app.ledger import merkle
from ledger_app.ledger.checkpoint import parse_checkpoint_body
from ledger_app.ledger.cosignature import split_note, with_cosignatures
from ledger_app.ledger.note import (
    ALG_ED25519,
    SIG_PREFIX,
    Verifier,
    b64decode_strict,
    cosigner_from_private_key,
    open_note,
    parse_vkey,
)
from ledger_app.ledger.witness_client import CONTENT_TYPE_SIZE, MAX_PROOF_LINES

MAX_BODY = 64 * 1024
MAX_EVIDENCE = 100
EMPTY_ROOT = hashlib.sha256(b"").digest()
STATE_VERSION = 1
_OLD = re.compile(r"old (0|[1-9][0-9]{0,18})")
_ORIGIN_PATH = re.compile(r"/([0-9a-f]{64})/checkpoint")


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"


def _text(status: int, message: str) -> Answer:
    return Answer(status, (message + "\n").encode("utf-8"))


class WitnessState:
    """Per-origin latest cosigned (size, root, checkpoint) in one JSON file, changed under a lock.

    Every transaction re-reads the file under an exclusive `flock` on `<file>.lock` (plus a thread
    lock), so two witness processes sharing a state file are as safe as two threads.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._thread_lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.read()  # refuse to start on a damaged file

    def read(self) -> dict:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {"version": STATE_VERSION, "logs": {}, "evidence": []}
        try:
            doc = json.loads(raw)
            if doc.get("version") != STATE_VERSION or not isinstance(doc.get("logs"), dict):
                raise ValueError
            for origin, st in doc["logs"].items():
                if not isinstance(origin, str) or type(st.get("size")) is not int or st["size"] < 0:
                    raise ValueError
                if len(b64decode_strict(st["root"], "root")) != 32:
                    raise ValueError
        except (ValueError, AttributeError, KeyError, TypeError, VerificationError):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the witness state file {path} is damaged; restore it from a "
                                                            "backup (starting afresh would let every log roll back "
                                                            "once)"), path=str(self.path)) from None
        doc.setdefault("evidence", [])
        return doc

    def _write(self, doc: dict) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".witness-state-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(doc, f, indent=1, sort_keys=True)
                f.write("\n")
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        dir_fd = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)

    def transaction(self, fn: Callable[[dict], tuple[Answer, bool]]) -> Answer:
        """Run `fn(state)` under the lock; it returns (answer, changed); a changed state is persisted first."""
        with self._thread_lock, open(str(self.path) + ".lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            doc = self.read()
            answer, changed = fn(doc)
            if changed:
                self._write(doc)
            return answer


class Witness:
    """The protocol without HTTP: `add_checkpoint(body) -> Answer`."""

    def __init__(
        self,
        name: str,
        private_key: Ed25519PrivateKey,
        logs: dict[str, Sequence[Verifier]],
        state: WitnessState,
        clock: Callable[[], float] = time.time,
    ):
        self.name = name
        self._private = private_key
        self.logs = {origin: list(vs) for origin, vs in logs.items()}
        for origin, vs in self.logs.items():
            if not vs or any(v.sig_type != ALG_ED25519 for v in vs):
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "log {origin} needs one or more Ed25519 verifier keys "
                                                                 "(name+keyid+base64)"), origin=repr(origin))
        self.state = state
        self.clock = clock
        self.vkey = cosigner_from_private_key(name, private_key, 1).vkey

    # --- parsing -----------------------------------------------------------------------------------

    @staticmethod
    def _parse(body: bytes) -> tuple[int, list[bytes], str] | Answer:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _text(400, "the request body is not UTF-8")
        first, sep, rest = text.partition("\n")
        m = _OLD.fullmatch(first)
        if not sep or not m:
            return _text(400, "the request does not start with an 'old <size>' line")
        proof: list[bytes] = []
        while True:
            line, sep, rest = rest.partition("\n")
            if not sep:
                return _text(400, "no empty line separates the consistency proof from the checkpoint")
            if line == "":
                break
            if len(proof) == MAX_PROOF_LINES:
                return _text(400, f"more than {MAX_PROOF_LINES} consistency proof lines")
            try:
                h = b64decode_strict(line, "a consistency proof line")
            except VerificationError as exc:
                return _text(400, str(exc))
            if len(h) != 32:
                return _text(400, f"consistency proof line {len(proof) + 1} is not a 32-byte hash")
            proof.append(h)
        if not rest:
            return _text(400, "the checkpoint is missing")
        return int(m.group(1)), proof, rest

    # --- add-checkpoint ------------------------------------------------------------------------------

    def add_checkpoint(self, body: bytes) -> Answer:
        parsed = self._parse(body)
        if isinstance(parsed, Answer):
            return parsed
        old, proof, note = parsed
        try:
            text, _ = split_note(note)
        except VerificationError as exc:
            return _text(400, str(exc))
        origin = text.split("\n", 1)[0]
        verifiers = self.logs.get(origin)
        if verifiers is None:
            return _text(404, f"unknown log origin {origin!r}")
        try:
            opened = open_note(note, verifiers)
        except VerificationError as exc:
            return _text(403 if exc.what in ("signature", "vkey") else 400, str(exc))
        try:
            cp = parse_checkpoint_body(opened.text)
        except VerificationError as exc:
            return _text(400, str(exc))
        if old > cp.size:
            return _text(400, f"the old size {old} is larger than the checkpoint's size {cp.size}")

        def step(doc: dict) -> tuple[Answer, bool]:
            st = doc["logs"].get(origin)
            cur_size = st["size"] if st else 0
            if old != cur_size:
                return Answer(409, f"{cur_size}\n".encode("ascii"), CONTENT_TYPE_SIZE), False
            refusal = self._consistency_refusal(old, proof, cp.size, cp.root_hash, st)
            if refusal is not None:
                ev = doc["evidence"]
                ev.append({"origin": origin, "old": old, "received_at": int(self.clock()), "reason": refusal,
                           "checkpoint": note, "proof": [h.hex() for h in proof]})
                del ev[:-MAX_EVIDENCE]
                return _text(422, refusal), True
            ts = int(self.clock())
            signer = cosigner_from_private_key(self.name, self._private, ts)
            kid_sig = signer.key_id + signer.sign(text.encode("utf-8"))
            line = f"{SIG_PREFIX}{self.name} {base64.b64encode(kid_sig).decode('ascii')}\n"
            doc["logs"][origin] = {
                "size": cp.size,
                "root": base64.b64encode(cp.root_hash).decode("ascii"),
                "checkpoint": with_cosignatures(note, [line]),
                "cosigned_at": ts,
            }
            return Answer(200, line.encode("utf-8")), True

        return self.state.transaction(step)

    @staticmethod
    def _consistency_refusal(old: int, proof: list[bytes], size: int, root: bytes, st: dict | None) -> str | None:
        if size == 0 and root != EMPTY_ROOT:
            return "a checkpoint of size 0 must have the empty tree's root, SHA-256 of the empty string"
        if old == 0:
            if proof:
                return "a consistency proof from size 0 must be empty"
            return None
        old_root = base64.b64decode(st["root"]) if st else b""
        if old == size:
            if proof:
                return "the checkpoint has the size already cosigned, so the consistency proof must be empty"
            if root != old_root:
                return f"the checkpoint of size {size} has another root than the one cosigned before: the log forked"
            return None
        try:
            merkle.verify_consistency(old, size, old_root, root, proof)
        except VerificationError as exc:
            return f"the consistency proof from size {old} to {size} does not verify ({exc}): the log forked or rolled back"
        return None

    # --- monitoring ----------------------------------------------------------------------------------

    def latest(self, origin_hash: str) -> Answer:
        doc = self.state.read()
        for origin, st in doc["logs"].items():
            if hashlib.sha256(origin.encode("utf-8")).hexdigest() == origin_hash:
                return Answer(200, st["checkpoint"].encode("utf-8"))
        return _text(404, "this witness has never cosigned a checkpoint of that log")


class _Handler(http.server.BaseHTTPRequestHandler):
    server: WitnessHTTPServer
    timeout = 10  # seconds a slow client may hold a connection
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as two writes: no 40 ms delayed-ACK stall

    def _send(self, a: Answer) -> None:
        self.send_response(a.status)
        self.send_header("Content-Type", a.content_type)
        self.send_header("Content-Length", str(len(a.body)))
        self.end_headers()
        self.wfile.write(a.body)
        self.server.count()

    def do_POST(self) -> None:  # http.server's naming
        if self.path != self.server.prefix + "/add-checkpoint":
            self._send(_text(404, "not found: POST <prefix>/add-checkpoint"))
            return
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._send(_text(411, "a Content-Length is required"))
            return
        if not 0 <= length <= MAX_BODY:
            self.close_connection = True
            self._send(_text(413, f"the request body is larger than {MAX_BODY} bytes"))
            return
        body = self.rfile.read(length)
        try:
            answer = self.server.witness.add_checkpoint(body)
        except Exception as exc:  # one bad request must not stop the witness
            self.log_error("add-checkpoint failed: %s: %s", type(exc).__name__, exc)
            answer = _text(500, "the witness could not process the request")
        self._send(answer)

    def do_GET(self) -> None:
        path = self.path
        if not path.startswith(self.server.prefix + "/"):
            self._send(_text(404, "not found"))
            return
        m = _ORIGIN_PATH.fullmatch(path[len(self.server.prefix):])
        self._send(self.server.witness.latest(m.group(1)) if m else _text(404, "not found"))

    def log_message(self, format: str, *args) -> None:  # http.server's signature
        if self.server.log is not None:
            self.server.log(f"{self.address_string()} {format % args}")


class WitnessHTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], witness: Witness, *, prefix: str = "",
                 log: Callable[[str], None] | None = None, max_requests: int | None = None):
        super().__init__(address, _Handler)
        self.witness = witness
        self.prefix = prefix.rstrip("/")
        self.log = log
        self.max_requests = max_requests
        self._served = 0
        self._count_lock = threading.Lock()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}{self.prefix}"

    def count(self) -> None:
        with self._count_lock:
            self._served += 1
            done = self.max_requests is not None and self._served >= self.max_requests
        if done:
            threading.Thread(target=self.shutdown, daemon=True).start()

    def serve(self, stop_after: float | None = None) -> None:
        """Serve until shut down, `stop_after` seconds pass, or `max_requests` are answered."""
        timer = None
        if stop_after is not None:
            timer = threading.Timer(stop_after, self.shutdown)
            timer.daemon = True
            timer.start()
        try:
            self.serve_forever(poll_interval=0.2)
        finally:
            if timer is not None:
                timer.cancel()
            self.server_close()


def parse_listen(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "--listen {value} is not HOST:PORT (e.g. 127.0.0.1:8470)"), value=repr(value))
    return host.strip("[]"), int(port)


def parse_logs(pairs: Sequence[Sequence[str]]) -> dict[str, list[Verifier]]:
    """`--log ORIGIN VKEY` pairs → {origin: [verifiers]}; a key's name need not be the origin."""
    logs: dict[str, list[Verifier]] = {}
    for origin, vkey in pairs:
        if not origin or any(c.isspace() for c in origin):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the log origin {origin} is empty or contains spaces"), origin=repr(origin))
        try:
            v = parse_vkey(vkey.strip())
        except VerificationError as exc:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the key given for log {origin} is unusable: {problem}"), origin=repr(origin),
                          problem=said_of(exc)) from None
        logs.setdefault(origin, []).append(v)
    if not logs:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "give at least one log to witness: --log ORIGIN VKEY"))
    return logs
