"""Witness cosignatures (https://c2sp.org/tlog-cosignature, `cosignature/v1`, Ed25519) on checkpoints.

Why this exists: a checkpoint signed only by the ledger's own key proves nothing against the key's
holder — they can sign a second, forked or shorter history. A witness outside the workspace
cosigns a checkpoint only after checking it extends everything it saw before, so a checkpoint that
carries cosignatures from k of the n witnesses an auditor trusts cannot be a fork or a rollback
unless k witnesses are dishonest too.

A cosignature is one more signature line on the checkpoint note:

    — <witness name> base64(key_id[4] || timestamp u64 big-endian || Ed25519 signature[64])

with key_id = SHA-256(name || 0x0A || 0x04 || public key)[:4], over the message
`cosignature/v1\\ntime <timestamp>\\n` || the checkpoint body (the note text, final newline included).
The signature arithmetic lives in `note.py` (type 0x04); this module counts cosignatures against a
policy (k of the given witness keys) and merges witness responses into a stored note. Needs only
`cryptography` and the standard library: the offline verifier imports it.
"""

from __future__ import annotations

import base64
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ledger_app.core.errors import VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, failed, said_of, say
from ledger_app.ledger.note import (
    ALG_COSIGNATURE_V1,
    SIG_PREFIX,
    Verifier,
    b64decode_strict,
    is_valid_name,
    parse_vkey,
)

MAX_RESPONSE_LINES = 16  # a witness answers with its own cosignature(s); more is not plausible


@dataclass(frozen=True)
class Cosignature:
    """One verified cosignature: who, with which key, when (Unix seconds), and its note line."""

    name: str
    key_id: str  # 8 hex digits
    timestamp: int
    line: str  # the signature line, with its final newline

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "key_id": self.key_id, "timestamp": self.timestamp}


def parse_witness_vkey(vkey: str) -> Verifier:
    """A witness's verifier key: `name+<key id>+base64(0x04 || Ed25519 public key)`."""
    try:
        v = parse_vkey(vkey.strip(), allow_cosignature=True)
    except VerificationError as exc:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the witness key {vkey} is unusable: {problem}"), what="witness",
                     vkey=repr(vkey.strip()[:60]), problem=said_of(exc)) from None
    if v.sig_type != ALG_COSIGNATURE_V1:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the witness key {key} is a note signing key (type {type}), not "
                                                         "a cosignature/v1 witness key (type 0x04); ask the witness "
                                                         "operator for the key `ledger witness keygen` printed"),
                     what="witness", key=f"{v.name}+{v.key_id.hex()}", type=f"0x{v.sig_type:02x}")
    return v


def split_note(signed_note: str) -> tuple[str, list[str]]:
    """(note text with its final newline, signature lines each with its newline)."""
    split = signed_note.rfind("\n\n")
    if split < 0 or not signed_note.endswith("\n"):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: no blank line separates the text from the "
                                                         "signatures"), what="note")
    text, block = signed_note[: split + 1], signed_note[split + 2 :]
    return text, [line + "\n" for line in block[:-1].split("\n")] if block else []


def _parse_line(line: str, n: int) -> tuple[str, bytes, bytes]:
    """(name, key id, signature bytes) of one signature line (without or with its newline)."""
    body = line[:-1] if line.endswith("\n") else line
    if not body.startswith(SIG_PREFIX):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "signature line {n} does not start with an em dash and a space"),
                     what="note", n=n)
    name, sep, b64 = body[len(SIG_PREFIX) :].partition(" ")
    if not sep or not is_valid_name(name) or not b64 or " " in b64:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "signature line {n} has no valid key name and signature"),
                     what="note", n=n)
    raw = b64decode_strict(b64, say(QT_TRANSLATE_NOOP("ServiceMessage", "signature line {n}"), n=n))
    if len(raw) < 5:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "signature line {n} ({name}) is too short"), what="note", n=n,
                     name=name)
    return name, raw[:4], raw[4:]


def _check(text: str, v: Verifier, sig: bytes) -> Cosignature:
    v.verify(text.encode("utf-8"), sig)  # raises a sentence naming the witness
    (ts,) = struct.unpack(">Q", sig[:8])
    if ts == 0 or ts >= 2**63:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the cosignature by {name} (key ID {key_id}) has timestamp "
                                                         "{ts}; cosignature/v1 requires a non-zero time below 2**63"),
                     what="witness", name=v.name, key_id=v.key_id.hex(), ts=ts)
    line = f"{SIG_PREFIX}{v.name} {base64.b64encode(v.key_id + sig).decode('ascii')}\n"
    return Cosignature(v.name, v.key_id.hex(), ts, line)


def cosignatures(signed_note: str, witnesses: Sequence[Verifier]) -> list[Cosignature]:
    """Every cosignature on `signed_note` from one of `witnesses`, verified; other lines are ignored.

    A line whose (name, key ID) is a given witness's but whose signature fails rejects the note, as
    c2sp.org/signed-note requires for known keys.
    """
    text, lines = split_note(signed_note)
    known = {(w.name, w.key_id): w for w in witnesses}
    out: dict[tuple[str, bytes], Cosignature] = {}
    for n, line in enumerate(lines, 1):
        name, kid, sig = _parse_line(line, n)
        w = known.get((name, kid))
        if w is None:
            continue
        c = _check(text, w, sig)
        out.setdefault((name, kid), c)
    return list(out.values())


def require_quorum(signed_note: str, witnesses: Sequence[Verifier], quorum: int | None = None) -> list[Cosignature]:
    """The verified cosignatures, or VerificationError unless at least `quorum` distinct witnesses cosigned.

    `quorum` defaults to every given witness (n of n).
    """
    if not witnesses:
        return []
    k = len(witnesses) if quorum is None else quorum
    if not 1 <= k <= len(witnesses):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "a witness quorum of {k} cannot be met by {n} witness key(s); "
                                                         "give 1 to {n}"), what="witness", k=k, n=len(witnesses))
    found = cosignatures(signed_note, witnesses)
    if len(found) < k:
        have = {(c.name, c.key_id) for c in found}
        missing = [f"{w.name}+{w.key_id.hex()}" for w in witnesses if (w.name, w.key_id.hex()) not in have]
        got = ", ".join(c.name for c in found) or say(QT_TRANSLATE_NOOP("ServiceMessage", "none"))
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the checkpoint is cosigned by {found} of the {given} witnesses "
                                                         "given ({got}), fewer than the {k} required; missing: "
                                                         "{missing}. It may not have been submitted to witnesses yet "
                                                         "(`ledger witness submit`, then re-prove the document with "
                                                         "`ledger witness cosign-document`)"),
                     what="witness", found=len(found), given=len(witnesses), got=got, k=k, missing=", ".join(missing))
    return found


def response_cosignatures(signed_note: str, response: str, witness: Verifier) -> list[Cosignature]:
    """The cosignatures by `witness` in an add-checkpoint 200 response body, verified over `signed_note`'s text.

    Per c2sp.org/tlog-witness the body is one or more note signature lines; lines from unknown keys
    are ignored, and a response with no valid cosignature by this witness is refused.
    """
    if not response.endswith("\n"):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the witness's response does not end with a newline"),
                     what="witness")
    lines = response[:-1].split("\n")
    if not lines or len(lines) > MAX_RESPONSE_LINES:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the witness answered {n} lines; expected 1 to {max} signature "
                                                         "lines"), what="witness", n=len(lines), max=MAX_RESPONSE_LINES)
    text, _ = split_note(signed_note)
    found = []
    for n, line in enumerate(lines, 1):
        name, kid, sig = _parse_line(line, n)
        if (name, kid) != (witness.name, witness.key_id):
            continue
        found.append(_check(text, witness, sig))
    if not found:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the witness's response carries no cosignature by {key} (the "
                                                         "key configured for it): check the key given to `ledger witness "
                                                         "add`"), what="witness", key=f"{witness.name}+{witness.key_id.hex()}")
    return found


def with_cosignatures(signed_note: str, extra: Iterable[Cosignature | str]) -> str:
    """`signed_note` with extra signature lines appended, each once, after the existing ones."""
    text, lines = split_note(signed_note)
    out = list(lines)
    for c in extra:
        line = c.line if isinstance(c, Cosignature) else c
        if not line.endswith("\n"):
            line += "\n"
        if line not in out:
            out.append(line)
    return text + "\n" + "".join(out)
