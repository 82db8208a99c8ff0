"""The log side of c2sp.org/tlog-witness: submit a checkpoint with its consistency proof, get a cosignature.

Why this exists: the ledger asks independent witnesses to cosign each new checkpoint. The request
is exactly the spec's

    POST <submission prefix>/add-checkpoint

    old <size the witness last cosigned, 0 at first>
    <base64 consistency proof hash>        (0..63 lines, RFC 6962 from old size to this checkpoint)
    <empty line>
    <the signed checkpoint, verbatim>

and the answers are 200 (cosignature lines), 409 with the witness's size (`text/x.tlog.size`: we
resubmit with a proof from that size), 403 (the witness does not trust this ledger's key), 404
(the witness does not know this log's origin), 422 (not consistent with what it saw: a fork or a
rollback) and 400 (malformed). Every outcome becomes a `Submission` with one sentence; nothing
here raises for a network failure, because a ledger with no witness reachable keeps working.
Every connection is bounded by `timeout` seconds. Standard library only.
"""

from __future__ import annotations

import base64
import http.client
import re
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ledger_app.core.errors import VerificationError
from ledger_app.ledger.cosignature import Cosignature, response_cosignatures
from ledger_app.ledger.note import Verifier

CONTENT_TYPE_SIZE = "text/x.tlog.size"
MAX_PROOF_LINES = 63
MAX_RESPONSE_BYTES = 64 * 1024
DEFAULT_TIMEOUT = 5.0
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,18}")

# Outcomes of one submission.
COSIGNED = "cosigned"
CONFLICT = "conflict"  # the witness holds a size we cannot prove from (larger than this checkpoint)
REFUSED = "refused"  # 400/403/404/422 or a bad response: a person has to look
UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class Submission:
    status: str
    message: str
    http_status: int | None = None
    witness_size: int | None = None  # what the witness says it last cosigned (200: this size; 409: its size)
    cosignatures: tuple[Cosignature, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.status == COSIGNED


def format_request(old_size: int, proof: Sequence[bytes], signed_checkpoint: str) -> bytes:
    """The add-checkpoint request body."""
    if old_size < 0:
        raise ValueError("the old size is not negative")
    if len(proof) > MAX_PROOF_LINES:
        raise ValueError(f"a consistency proof has at most {MAX_PROOF_LINES} hashes")
    if old_size == 0 and proof:
        raise ValueError("from size 0 the consistency proof is empty")
    lines = [f"old {old_size}\n", *(base64.b64encode(h).decode("ascii") + "\n" for h in proof), "\n"]
    return ("".join(lines) + signed_checkpoint).encode("utf-8")


def add_checkpoint_url(url: str) -> str:
    return url.rstrip("/") + "/add-checkpoint"


def post(url: str, body: bytes, timeout: float) -> tuple[int, str, bytes]:
    """(status, content type, body) of one POST; raises OSError/HTTPException on network failure."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r} is not an http:// or https:// URL")
    conn_cls = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = conn_cls(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        conn.request("POST", path, body=body, headers={"Content-Type": "text/plain; charset=utf-8"})
        resp = conn.getresponse()
        data = resp.read(MAX_RESPONSE_BYTES + 1)
        ctype = (resp.getheader("Content-Type") or "").split(";")[0].strip().lower()
        return resp.status, ctype, data
    finally:
        conn.close()


def _size_from_409(ctype: str, data: bytes) -> int | None:
    if ctype != CONTENT_TYPE_SIZE:
        return None
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        return None
    if not text.endswith("\n") or not _DECIMAL.fullmatch(text[:-1]):
        return None
    return int(text[:-1])


def _snippet(data: bytes) -> str:
    text = data[:200].decode("utf-8", "replace").strip().splitlines()
    return f" ({text[0][:120]})" if text else ""


def submit(
    name: str,
    url: str,
    witness: Verifier,
    signed_checkpoint: str,
    size: int,
    old_size: int,
    proof_from: Callable[[int], list[bytes]],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    send: Callable[[str, bytes, float], tuple[int, str, bytes]] = post,
) -> Submission:
    """Submit `signed_checkpoint` (tree `size`) to the witness `name` at `url`.

    `old_size` is what we believe the witness last cosigned; `proof_from(m)` returns the RFC 6962
    consistency proof from size m to `size`. A 409 naming a size we can prove from is retried once
    with that size (the spec's recovery when the log's record of the witness is stale or lost).
    """
    target = add_checkpoint_url(url)
    who = f"witness {name} ({url})"
    tried: set[int] = set()
    while True:
        if old_size > size:
            return Submission(
                CONFLICT,
                f"{who} has already cosigned a tree of size {old_size}, larger than this checkpoint of size {size}; "
                "submit the newest checkpoint instead",
                witness_size=old_size,
            )
        tried.add(old_size)
        try:
            proof = [] if old_size in (0, size) else proof_from(old_size)
            body = format_request(old_size, proof, signed_checkpoint)
        except ValueError as exc:
            return Submission(REFUSED, f"cannot build the request for {who}: {exc}")
        try:
            status, ctype, data = send(target, body, timeout)
        except ValueError as exc:
            return Submission(REFUSED, f"{who}: {exc}")
        except (OSError, http.client.HTTPException) as exc:
            reason = "timed out" if isinstance(exc, TimeoutError) else f"{type(exc).__name__}: {exc}"
            return Submission(
                UNREACHABLE,
                f"{who} is not reachable ({reason}); the checkpoint stays uncosigned until `ledger witness submit` "
                "reaches it",
            )
        if len(data) > MAX_RESPONSE_BYTES:
            return Submission(REFUSED, f"{who} answered more than {MAX_RESPONSE_BYTES} bytes", http_status=status)
        if status == 200:
            try:
                cos = response_cosignatures(signed_checkpoint, data.decode("utf-8"), witness)
            except (VerificationError, UnicodeDecodeError) as exc:
                return Submission(
                    REFUSED, f"{who} answered 200 but its cosignature does not verify: {exc}", http_status=200
                )
            return Submission(
                COSIGNED, f"{who} cosigned the checkpoint of size {size}", 200, size, tuple(cos)
            )
        if status == 409:
            theirs = _size_from_409(ctype, data)
            if theirs is None:
                return Submission(
                    REFUSED,
                    f"{who} answered 409 Conflict without its tree size as {CONTENT_TYPE_SIZE}",
                    http_status=409,
                )
            if theirs > size:
                return Submission(
                    CONFLICT,
                    f"{who} has cosigned a tree of size {theirs}, larger than this checkpoint of size {size}"
                    + ("; submit the newest checkpoint" if theirs else ""),
                    http_status=409,
                    witness_size=theirs,
                )
            if theirs in tried:
                return Submission(
                    REFUSED, f"{who} keeps answering 409 with size {theirs}", http_status=409, witness_size=theirs
                )
            old_size = theirs
            continue
        if status == 403:
            msg = (f"{who} refused the checkpoint (403 Forbidden): it does not trust this ledger's signing key; "
                   "give its operator the key `ledger log pubkey` prints")
        elif status == 404:
            msg = (f"{who} does not know this ledger's origin (404 Not Found); its operator must add the log "
                   "(`ledger witness serve --log ORIGIN VKEY`)")
        elif status == 422:
            msg = (f"{who} refused the checkpoint as inconsistent with the tree it cosigned before (422 "
                   f"Unprocessable Entity){_snippet(data)}: this ledger may have been rolled back or forked; "
                   "run `ledger log verify`")
        elif status == 400:
            msg = f"{who} rejected the request as malformed (400 Bad Request){_snippet(data)}"
        else:
            msg = f"{who} answered HTTP {status}{_snippet(data)}"
        return Submission(REFUSED, msg, http_status=status)
