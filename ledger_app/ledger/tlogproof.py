"""C2SP tlog-proof (https://c2sp.org/tlog-proof, `c2sp.org/tlog-proof@v1`): a self-contained,
offline-verifiable proof that one entry is in the ledger.

Why this exists: a removal certificate and an inclusion report must prove their own ledger entry to
someone who trusts only the ledger's verifier key. The format, per the spec:

    c2sp.org/tlog-proof@v1
    extra <base64>            (optional, unauthenticated application data)
    index <decimal, no leading zeros>
    <base64 hash>             (zero or more: the RFC 6962 inclusion proof, leaf's sibling first)

    <the signed checkpoint, verbatim>

Only `cryptography` and the standard library are needed (used by the offline verifier).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ledger_app.core.errors import VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, failed, said_of, say
from ledger_app.ledger import merkle
from ledger_app.ledger.checkpoint import Checkpoint, open_checkpoint
from ledger_app.ledger.note import Verifier, b64decode_strict

HEADER = "c2sp.org/tlog-proof@v1"
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,18}")


@dataclass(frozen=True)
class TlogProof:
    index: int
    proof: tuple[bytes, ...]
    signed_checkpoint: str
    extra: bytes | None = None


def format_tlog_proof(
    index: int, proof: Sequence[bytes], signed_checkpoint: str, extra: bytes | None = None
) -> str:
    if not 0 <= index < 2**63:
        raise ValueError(f"index {index} is out of range")
    if any(len(h) != 32 for h in proof):
        raise ValueError("inclusion proof hashes are 32 bytes each")
    if not signed_checkpoint or signed_checkpoint.startswith("\n"):
        raise ValueError("the signed checkpoint is empty or starts with an empty line")
    lines = [HEADER]
    if extra is not None:
        lines.append("extra " + base64.b64encode(extra).decode("ascii"))
    lines.append(f"index {index}")
    lines.extend(base64.b64encode(h).decode("ascii") for h in proof)
    return "\n".join(lines) + "\n\n" + signed_checkpoint


def _bad(message: str | Said) -> VerificationError:
    return failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed tlog-proof: {problem}"), what="tlog-proof",
                  problem=message)



def parse_tlog_proof(text: str | bytes) -> TlogProof:
    """Parse strictly; the checkpoint is kept verbatim and verified only by `verify_tlog_proof`."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise _bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "it is not valid UTF-8"))) from None
    head, sep, checkpoint = text.partition("\n\n")
    if not sep:
        raise _bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "no empty line separates the proof from the checkpoint")))
    if not checkpoint:
        raise _bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "the signed checkpoint is missing")))
    lines = head.split("\n")
    if lines[0] != HEADER:
        raise _bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "the first line is not {header}"), header=repr(HEADER)))
    pos = 1
    extra = None
    if pos < len(lines) and lines[pos].startswith("extra "):
        try:
            extra = b64decode_strict(lines[pos][len("extra ") :], say(QT_TRANSLATE_NOOP("ServiceMessage", "the extra data")))
        except VerificationError as exc:
            raise _bad(said_of(exc)) from None
        pos += 1
    if pos >= len(lines) or not lines[pos].startswith("index "):
        raise _bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "the index line is missing")))
    index_s = lines[pos][len("index ") :]
    if not _DECIMAL.fullmatch(index_s) or int(index_s) >= 2**63:
        raise _bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "the index {index} is not a decimal number without leading "
                                                             "zeros"), index=repr(index_s)))
    hashes = []
    for n, line in enumerate(lines[pos + 1 :], 1):
        try:
            h = b64decode_strict(line, say(QT_TRANSLATE_NOOP("ServiceMessage", "proof hash {n}"), n=n))
        except VerificationError as exc:
            raise _bad(said_of(exc)) from None
        if len(h) != 32:
            raise _bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "proof hash {n} is {length} bytes, expected 32"), n=n,
                            length=len(h)))
        hashes.append(h)
    return TlogProof(int(index_s), tuple(hashes), checkpoint, extra)


def verify_tlog_proof(
    text: str | bytes, leaf_hash: bytes, verifiers: Sequence[Verifier], *, origin: str | None = None
) -> Checkpoint:
    """Check the checkpoint's signature, then that `leaf_hash` is at the proof's index under its root.

    Returns the verified checkpoint; raises VerificationError naming what failed.
    """
    p = parse_tlog_proof(text)
    cp = open_checkpoint(p.signed_checkpoint, verifiers, origin=origin)
    if p.index >= cp.size:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the tlog-proof's index {i} is not inside its checkpoint's "
                                                         "tree of size {size}"),
                     index=p.index, what="inclusion proof", i=p.index, size=cp.size)
    try:
        merkle.verify_inclusion(p.index, cp.size, leaf_hash, list(p.proof), cp.root_hash)
    except VerificationError as exc:
        raise failed(
            QT_TRANSLATE_NOOP("ServiceMessage", "the tlog-proof's inclusion proof does not place this entry at index {i} "
                                                "under the signed checkpoint of size {size}: {problem}"),
            index=p.index, what="inclusion proof", i=p.index, size=cp.size, problem=said_of(exc),
        ) from None
    return cp
