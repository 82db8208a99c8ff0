"""C2SP signed notes (https://c2sp.org/signed-note) with Ed25519, byte-compatible with Go's
`golang.org/x/mod/sumdb/note`.

Why this exists: every checkpoint the ledger publishes is a signed note, and a removal certificate's
recipient must be able to check it with nothing but the ledger's verifier key. So this module needs
only `cryptography` and the standard library (it is imported by the small offline verifier), and it
follows the spec literally: the signed message is the note text up to and including its final
newline; a signature line is `— <name> base64(key_id[4] || signature)`; key IDs are
SHA-256(name || 0x0A || type || public key)[:4]; signatures from unknown keys are ignored, a
signature from a known key (name *and* ID) must verify, and at least one must.

Witness cosignatures (https://c2sp.org/tlog-cosignature, type 0x04) are supported too, because
they are signature lines of the same note: their signed message is
`cosignature/v1\\ntime <t>\\n` || note text and their signature bytes carry the 8-byte timestamp.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ledger_app.core.errors import VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, failed, say

ALG_ED25519 = 0x01
ALG_COSIGNATURE_V1 = 0x04  # timestamped Ed25519 witness cosignature
SIG_PREFIX = "\u2014 "  # em dash, space
MAX_SIGNATURES = 100  # like Go's note.Open; the spec requires accepting at least 16

_KNOWN_TYPES = {ALG_ED25519: "Ed25519", ALG_COSIGNATURE_V1: "Ed25519 cosignature/v1"}


# --- names, key IDs, strict base64 ----------------------------------------------------------------


def is_valid_name(name: str) -> bool:
    """Key names are non-empty and contain no Unicode space and no '+' (Go's isValidName)."""
    if not name or "+" in name:
        return False
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return not any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in name)


def key_id(name: str, sig_type: int, public_key: bytes) -> bytes:
    """SHA-256(name || 0x0A || type || public key)[:4], the key ID of the signed-note spec."""
    return hashlib.sha256(name.encode("utf-8") + b"\n" + bytes([sig_type]) + public_key).digest()[:4]


def b64decode_strict(text: str, what: str | Said) -> bytes:
    """Standard base64 (RFC 4648 section 4) with padding, refusing anything non-canonical. `what`
    names the field in the sentence (a message, core/messages.py, where the window shows it)."""
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} is not valid base64"), what=str(what),
                     subject=what) from exc
    if base64.b64encode(raw).decode("ascii") != text:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "{subject} is not canonical base64"), what=str(what),
                     subject=what)
    return raw


def _raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _cosignature_message(timestamp: int, text: bytes) -> bytes:
    return b"cosignature/v1\ntime " + str(timestamp).encode("ascii") + b"\n" + text


# --- signers and verifiers ------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Signer:
    """Signs note text as `name` with an Ed25519 key (type 0x01), or as a witness (type 0x04)."""

    name: str
    key_id: bytes
    vkey: str
    _private: Ed25519PrivateKey = field(repr=False)
    sig_type: int = ALG_ED25519
    timestamp: int | None = None  # only for cosignatures

    def sign(self, msg: bytes) -> bytes:
        """The signature bytes that follow the key ID in a signature line."""
        if self.sig_type == ALG_COSIGNATURE_V1:
            assert self.timestamp is not None
            sig = self._private.sign(_cosignature_message(self.timestamp, msg))
            return struct.pack(">Q", self.timestamp) + sig
        return self._private.sign(msg)

    @property
    def public_key(self) -> bytes:
        return _raw_public(self._private.public_key())

    def private_key(self) -> Ed25519PrivateKey:
        """The Ed25519 private key itself, for code that signs with the same key in another role
        (a witness's cosigner made from its key file). Never shown by repr, never written out here."""
        return self._private

    def __repr__(self) -> str:  # never show key material
        return f"Signer(name={self.name!r}, key_id={self.key_id.hex()})"


@dataclass(frozen=True)
class Verifier:
    """Checks signatures by one (name, key ID, public key)."""

    name: str
    key_id: bytes
    public_key: bytes
    sig_type: int = ALG_ED25519

    @property
    def vkey(self) -> str:
        return _format_vkey(self.name, self.sig_type, self.public_key)

    def verify(self, msg: bytes, sig: bytes) -> None:
        """Raise VerificationError unless `sig` (without the key ID) signs `msg`."""
        key = Ed25519PublicKey.from_public_bytes(self.public_key)
        if self.sig_type == ALG_COSIGNATURE_V1:
            if len(sig) != 8 + 64:
                raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the cosignature by {name} (key ID {key_id}) does "
                                                                 "not verify: it is {length} bytes long, expected 72"),
                             what="signature", name=self.name, key_id=self.key_id.hex(), length=len(sig))
            (timestamp,) = struct.unpack(">Q", sig[:8])
            msg, sig = _cosignature_message(timestamp, msg), sig[8:]
        elif len(sig) != 64:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the signature by {name} (key ID {key_id}) does not "
                                                             "verify: it is {length} bytes long, expected 64"),
                         what="signature", name=self.name, key_id=self.key_id.hex(), length=len(sig))
        try:
            key.verify(sig, msg)
        except InvalidSignature:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the signature by {name} (key ID {key_id}) does not "
                                                             "verify: the note was altered or was not signed by this key"),
                         what="signature", name=self.name, key_id=self.key_id.hex()) from None

    def __repr__(self) -> str:
        return f"Verifier({self.vkey!r})"


def _format_vkey(name: str, sig_type: int, public_key: bytes) -> str:
    kid = key_id(name, sig_type, public_key)
    return f"{name}+{kid.hex()}+{base64.b64encode(bytes([sig_type]) + public_key).decode('ascii')}"


def vkey_for(name: str, public_key: Ed25519PublicKey | bytes) -> str:
    """The verifier key string `name+<8 hex key id>+base64(0x01 || public key)`."""
    if not is_valid_name(name):
        raise ValueError(f"{name!r} is not a valid key name (non-empty, no spaces, no '+')")
    raw = public_key if isinstance(public_key, bytes) else _raw_public(public_key)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return _format_vkey(name, ALG_ED25519, raw)


def signer_from_private_key(name: str, private_key: Ed25519PrivateKey) -> Signer:
    if not is_valid_name(name):
        raise ValueError(f"{name!r} is not a valid key name (non-empty, no spaces, no '+')")
    pub = _raw_public(private_key.public_key())
    return Signer(name, key_id(name, ALG_ED25519, pub), _format_vkey(name, ALG_ED25519, pub), private_key)


def cosigner_from_private_key(name: str, private_key: Ed25519PrivateKey, timestamp: int) -> Signer:
    """A witness signer (tlog-cosignature/v1) that cosigns at the given Unix time."""
    if not is_valid_name(name):
        raise ValueError(f"{name!r} is not a valid key name (non-empty, no spaces, no '+')")
    if not 0 <= timestamp < 2**63:
        raise ValueError("a cosignature timestamp is a non-negative 63-bit number of seconds")
    pub = _raw_public(private_key.public_key())
    return Signer(
        name,
        key_id(name, ALG_COSIGNATURE_V1, pub),
        _format_vkey(name, ALG_COSIGNATURE_V1, pub),
        private_key,
        ALG_COSIGNATURE_V1,
        timestamp,
    )


def signer_from_skey(skey: str) -> Signer:
    """Parse Go's `PRIVATE+KEY+<name>+<hex id>+base64(0x01 || seed)` signer key."""
    parts = skey.split("+", 4)  # the base64 key may itself contain "+"
    if len(parts) != 5 or parts[0] != "PRIVATE" or parts[1] != "KEY":
        raise ValueError("a signer key has the form PRIVATE+KEY+<name>+<key id>+<base64 key>")
    name, hex_id, b64 = parts[2], parts[3], parts[4]
    if not is_valid_name(name):
        raise ValueError("the signer key's name is not valid")
    try:
        raw = b64decode_strict(b64, "the signer key")
    except VerificationError as exc:
        raise ValueError(str(exc)) from None
    if len(raw) != 33 or raw[0] != ALG_ED25519:
        raise ValueError("the signer key is not an Ed25519 key (type 0x01 followed by a 32-byte seed)")
    signer = signer_from_private_key(name, Ed25519PrivateKey.from_private_bytes(raw[1:]))
    if len(hex_id) != 8 or hex_id.lower() != signer.key_id.hex():
        raise ValueError("the signer key's key ID does not match its name and key")
    return signer


def parse_vkey(vkey: str, *, allow_cosignature: bool = False) -> Verifier:
    """Parse `name+<8 hex key id>+base64(type || key)`; the ID must match name, type and key.

    Only Ed25519 note keys (type 0x01) are accepted unless `allow_cosignature`, which also accepts
    witness cosignature keys (type 0x04).
    """
    parts = vkey.split("+", 2)  # the base64 key may itself contain "+"
    if len(parts) != 3:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "a verifier key has the form <name>+<8 hex digits>+<base64 key>"),
                     what="vkey")
    name, hex_id, b64 = parts
    if not is_valid_name(name):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the verifier key's name {name} is not valid"), what="vkey",
                     name=repr(name))
    if len(hex_id) != 8 or any(c not in "0123456789abcdefABCDEF" for c in hex_id):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the verifier key's key ID is not 8 hex digits"), what="vkey")
    raw = b64decode_strict(b64, say(QT_TRANSLATE_NOOP("ServiceMessage", "the verifier key's public key")))
    if not raw:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the verifier key holds no public key"), what="vkey")
    sig_type, public = raw[0], raw[1:]
    allowed = {ALG_ED25519, ALG_COSIGNATURE_V1} if allow_cosignature else {ALG_ED25519}
    if sig_type not in allowed:
        kind = _KNOWN_TYPES.get(sig_type) or say(QT_TRANSLATE_NOOP("ServiceMessage", "unsupported"))
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the verifier key has signature type {type} ({kind}); "
                                                         "expected {expected}"),
                     what="vkey", type=f"0x{sig_type:02x}", kind=kind,
                     expected=" or ".join(f"0x{t:02x}" for t in sorted(allowed)))
    if len(public) != 32:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the verifier key's Ed25519 public key is {length} bytes, "
                                                         "expected 32"), what="vkey", length=len(public))
    kid = key_id(name, sig_type, public)
    if hex_id.lower() != kid.hex():
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the verifier key's key ID {key_id} does not match its name "
                                                         "and key (expected {expected})"),
                     what="vkey", key_id=hex_id, expected=kid.hex())
    try:
        Ed25519PublicKey.from_public_bytes(public)
    except ValueError as exc:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the verifier key's public key is not a valid Ed25519 key"),
                     what="vkey") from exc
    return Verifier(name, kid, public, sig_type)


# --- notes ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    name: str
    key_id: bytes
    base64: str  # key ID || signature, exactly as on the line


@dataclass(frozen=True)
class OpenedNote:
    text: str
    verified_signers: tuple[Verifier, ...]
    unverified_sigs: tuple[Signature, ...]


_BAD_CHARACTER = re.compile("[\x00-\x09\x0b-\x1f\ud800-\udfff]")  # control characters but newline; surrogates


def _check_characters(s: str, what: str) -> None:
    bad = _BAD_CHARACTER.search(s)
    if bad is not None:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: the note contains a control character "
                                                         "(U+{code})") if what == "note" else
                     QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: the text contains a control character "
                                                         "(U+{code})"),
                     what="note", code=f"{ord(bad.group()):04X}")


def sign_note(text: str, signers: Sequence[Signer]) -> str:
    """`text` followed by a blank line and one signature line per signer, in order."""
    if not text.endswith("\n"):
        raise ValueError("note text must end with a newline")
    if not signers:
        raise ValueError("a note needs at least one signer")
    try:
        _check_characters(text, "text")
    except VerificationError as exc:
        raise ValueError(str(exc)) from None
    if text.startswith("\n") or text.endswith("\n\n"):
        raise ValueError("note text must not start or end with an empty line")
    msg = text.encode("utf-8")
    seen: set[tuple[str, bytes]] = set()
    lines = []
    for s in signers:
        if not is_valid_name(s.name):
            raise ValueError(f"signer name {s.name!r} is not a valid key name")
        if (s.name, s.key_id) in seen:
            raise ValueError(f"signer {s.name} ({s.key_id.hex()}) appears twice")
        seen.add((s.name, s.key_id))
        b64 = base64.b64encode(s.key_id + s.sign(msg)).decode("ascii")
        lines.append(f"{SIG_PREFIX}{s.name} {b64}\n")
    return text + "\n" + "".join(lines)


def open_note(note: str | bytes, verifiers: Sequence[Verifier]) -> OpenedNote:
    """Verify a signed note; raise VerificationError with one precise sentence when it fails.

    Signatures from unknown keys are returned as `unverified_sigs`; every signature from a known
    (name, key ID) is checked and one that fails rejects the whole note; at least one must verify.
    """
    if isinstance(note, bytes):
        try:
            note = note.decode("utf-8")
        except UnicodeDecodeError:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: it is not valid UTF-8"), what="note") from None
    _check_characters(note, "note")
    split = note.rfind("\n\n")
    if split < 0:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: no blank line separates the text from the "
                                                         "signatures"), what="note")
    text, sig_block = note[: split + 1], note[split + 2 :]
    if not sig_block:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: it has no signature lines"), what="note")
    if not sig_block.endswith("\n"):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: the last signature line does not end with a "
                                                         "newline"), what="note")

    known: dict[tuple[str, bytes], Verifier] = {}
    for v in verifiers:
        other = known.get((v.name, v.key_id))
        if other is not None and other != v:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "two different verifier keys share the name {name} and key "
                                                             "ID {key_id}"), what="vkey", name=v.name, key_id=v.key_id.hex())
        known[(v.name, v.key_id)] = v

    msg = text.encode("utf-8")
    verified: list[Verifier] = []
    unverified: list[Signature] = []
    lines = sig_block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: more than {max} signature lines"), what="note",
                     max=MAX_SIGNATURES)
    for n, line in enumerate(lines, 1):
        if not line.startswith(SIG_PREFIX):
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: signature line {n} does not start with an "
                                                             "em dash and a space"), what="note", n=n)
        name, sep, b64 = line[len(SIG_PREFIX) :].partition(" ")
        if not sep or not is_valid_name(name) or not b64:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: signature line {n} has no valid key name"),
                         what="note", n=n)
        try:
            raw = b64decode_strict(b64, "signature")
        except VerificationError:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: signature line {n} ({name}) is not valid "
                                                             "base64"), what="note", n=n, name=name) from None
        if len(raw) < 5:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed note: signature line {n} ({name}) is too short"),
                         what="note", n=n, name=name)
        kid, sig = raw[:4], raw[4:]
        signer = known.get((name, kid))
        if signer is None:
            s = Signature(name, kid, b64)
            if s not in unverified:
                unverified.append(s)
            continue
        signer.verify(msg, sig)  # raises: a known key's signature that fails rejects the note
        if signer not in verified:
            verified.append(signer)
    if not verified:
        found = ", ".join(f"{s.name}+{s.key_id.hex()}" for s in unverified)
        expected = ", ".join(f"{v.name}+{v.key_id.hex()}" for v in verifiers) or say(
            QT_TRANSLATE_NOOP("ServiceMessage", "none given"))
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the note has no signature from a known key (signatures from "
                                                         "{found}; known keys: {expected})"),
                     what="signature", found=found, expected=expected)
    return OpenedNote(text, tuple(verified), tuple(unverified))
