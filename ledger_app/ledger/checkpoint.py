"""C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the signed tree head of the ledger.

Why this exists: a checkpoint is the one thing the ledger signs. Its body is three lines — origin,
decimal tree size, base64 root hash — plus optional extension lines, and it travels as a C2SP signed
note. Parsing is strict (no leading zeros, exactly 32 root bytes, no empty lines) so that one tree
head has exactly one encoding, and opening a checkpoint verifies its signature before the body is
believed. Needs only `cryptography` and the standard library (used by the offline verifier).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ledger_app.core.errors import VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, failed, said_of, say
from ledger_app.ledger.note import ALG_ED25519, Signer, Verifier, b64decode_strict, open_note, sign_note

_DECIMAL = re.compile(r"0|[1-9][0-9]{0,18}")
MAX_SIZE = 2**63 - 1  # Go's tlog uses int64 sizes


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root_hash: bytes
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.origin or "\n" in self.origin:
            raise ValueError("a checkpoint origin is one non-empty line")
        if not 0 <= self.size <= MAX_SIZE:
            raise ValueError(f"checkpoint size {self.size} is out of range")
        if len(self.root_hash) != 32:
            raise ValueError("a checkpoint root hash is 32 bytes")
        for ext in self.extensions:
            if not ext or "\n" in ext:
                raise ValueError("each checkpoint extension is one non-empty line")

    def body(self) -> str:
        lines = [
            self.origin,
            str(self.size),
            base64.b64encode(self.root_hash).decode("ascii"),
            *self.extensions,
        ]
        return "".join(line + "\n" for line in lines)


def parse_checkpoint_body(text: str) -> Checkpoint:
    """Parse the note text of a checkpoint; raise VerificationError naming the bad line."""
    if not text.endswith("\n"):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed checkpoint: the body does not end with a newline"),
                     what="checkpoint")
    lines = text[:-1].split("\n")
    if len(lines) < 3:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed checkpoint: it needs an origin, a size and a root "
                                                         "hash line"), what="checkpoint")
    origin, size_s, root_s, *extensions = lines
    if not origin:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed checkpoint: the origin line is empty"), what="checkpoint")
    if not _DECIMAL.fullmatch(size_s) or int(size_s) > MAX_SIZE:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed checkpoint: the size {size} is not a decimal number "
                                                         "without leading zeros"), what="checkpoint", size=repr(size_s))
    try:
        root = b64decode_strict(root_s, say(QT_TRANSLATE_NOOP("ServiceMessage", "the checkpoint root hash")))
    except VerificationError as exc:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed checkpoint: {problem}"), what="checkpoint",
                     problem=said_of(exc)) from None
    if len(root) != 32:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed checkpoint: the root hash is {length} bytes, "
                                                         "expected 32"), what="checkpoint", length=len(root))
    if any(not ext for ext in extensions):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed checkpoint: an extension line is empty"),
                     what="checkpoint")
    return Checkpoint(origin, int(size_s), root, tuple(extensions))


def sign_checkpoint(cp: Checkpoint, signer: Signer | Sequence[Signer]) -> str:
    """The signed note, exactly as signed (publish it verbatim)."""
    signers = [signer] if isinstance(signer, Signer) else list(signer)
    return sign_note(cp.body(), signers)


def open_checkpoint(
    signed_note: str | bytes, verifiers: Sequence[Verifier], *, origin: str | None = None
) -> Checkpoint:
    """Verify a signed checkpoint and return it.

    By default the checkpoint's origin must be the name of an Ed25519 key that signed it (the C2SP
    convention, and ours). A log whose origin differs from its key name (sum.golang.org signs
    origin "go.sum database tree") is opened with `origin=` the expected origin; then any verified
    Ed25519 signature from the given keys suffices.
    """
    opened = open_note(signed_note, verifiers)
    cp = parse_checkpoint_body(opened.text)
    log_signers = [v for v in opened.verified_signers if v.sig_type == ALG_ED25519]
    if origin is not None:
        if cp.origin != origin:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the checkpoint's origin is {found}, expected {origin}"),
                         what="checkpoint", found=repr(cp.origin), origin=repr(origin))
        if not log_signers:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the checkpoint carries no verified log signature"),
                         what="signature")
        return cp
    if not any(v.name == cp.origin for v in log_signers):
        names = ", ".join(sorted({v.name for v in opened.verified_signers}))
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the checkpoint's origin {origin} is not the name of the key "
                                                         "that signed it ({names})"),
                     what="checkpoint", origin=repr(cp.origin), names=names)
    return cp
