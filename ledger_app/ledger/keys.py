"""The ledger's Ed25519 signing key, encrypted at rest, and key rotation statements.

Why this exists: whoever holds the signing key can sign checkpoints in the ledger's name, so the
key never touches disk in the clear. The 32-byte Ed25519 seed is sealed with ChaCha20-Poly1305
under a key derived from the passphrase with scrypt (N=2**17, r=8, p=1, random 16-byte salt); the
associated data binds the file format version, the key name and the public key, so swapping any of
those in the JSON file makes decryption fail. A wrong passphrase is a `SigningKeyError` with a
sentence, never a traceback. Files are written atomically with mode 0600 and never overwritten.

Key rotation is a statement naming the old and the new verifier key and a time, signed by both
keys, so a verifier holding the old key can learn the new one (the old key stays valid for old
checkpoints).
"""

from __future__ import annotations

import base64
import binascii
import getpass
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ledger_app.core.errors import SigningKeyError, UserError, VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, failed, refused, say
from ledger_app.core.os_errors import os_error_said
from ledger_app.ledger.note import Signer, Verifier, b64decode_strict, parse_vkey, signer_from_private_key

KEY_FILE_VERSION = 1
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
_MIN_N, _MAX_N = 2**14, 2**20  # refuse files whose parameters are weak or would exhaust memory
CIPHER = "chacha20-poly1305"
PASSPHRASE_ENV = "LEDGER_PASSPHRASE"
ROTATION_HEADER = "provenance-ledger key rotation v1"


@dataclass(frozen=True, eq=False)
class SigningKey:
    name: str
    signer: Signer = field(repr=False)
    verifier: Verifier
    vkey: str
    public_key: bytes
    created: str

    def __repr__(self) -> str:  # the vkey is public; nothing secret is shown
        return f"SigningKey({self.vkey!r})"


def _aad(name: str, public_key: bytes) -> bytes:
    return f"provenance-ledger signing key v{KEY_FILE_VERSION}\n{name}\n".encode() + public_key


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    if passphrase:
        _check_passphrase(passphrase)  # every way in (environment, terminal, dialog) gets the same sentence
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _check_passphrase(passphrase: str) -> None:
    if not passphrase:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "An empty passphrase is not allowed; choose a passphrase for "
                                                          "the signing key."))
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, smuggled in as surrogate escapes
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "The passphrase is not valid UTF-8 text (from {env} or the "
                                                          "terminal); give it as UTF-8, e.g. in a UTF-8 locale."),
                      env=PASSPHRASE_ENV) from None


def _exists(path: Path) -> UserError:
    return refused(QT_TRANSLATE_NOOP("ServiceMessage", "A key file already exists at {path}; refusing to overwrite "
                                                       "it."), path=str(path))


def _key_error(source: str, path: Path, **args: object) -> UserError:
    """A SigningKeyError saying `source` of the key file at `path`."""
    return refused(source, error=SigningKeyError, path=str(path), **args)


def _signing_key(name: str, private: Ed25519PrivateKey, created: str) -> SigningKey:
    signer = signer_from_private_key(name, private)
    verifier = parse_vkey(signer.vkey)
    return SigningKey(name, signer, verifier, signer.vkey, verifier.public_key, created)


def _write_new_file(path: Path, data: bytes) -> None:
    """Write `data` to a new file at `path` with mode 0600, atomically; never replace a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".key-", dir=path.parent)  # mkstemp creates with 0600
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # fails if path exists: an existing key is never overwritten
        except FileExistsError:
            raise _exists(path) from None
    finally:
        os.unlink(tmp)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def create_key_file(
    path: str | os.PathLike[str], name: str, passphrase: str, *, scrypt_n: int = SCRYPT_N
) -> SigningKey:
    """Generate an Ed25519 key named `name`, write it encrypted to `path` (0600), return it."""
    _check_passphrase(passphrase)
    if not _MIN_N <= scrypt_n <= _MAX_N or scrypt_n & (scrypt_n - 1):
        raise ValueError("scrypt N must be a power of two between 2**14 and 2**20")
    path = Path(path)
    if path.exists():
        raise _exists(path)
    private = Ed25519PrivateKey.generate()
    created = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    key = _signing_key(name, private, created)
    seed = private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = ChaCha20Poly1305(_derive(passphrase, salt, scrypt_n, SCRYPT_R, SCRYPT_P)).encrypt(
        nonce, seed, _aad(name, key.public_key)
    )
    doc = {
        "version": KEY_FILE_VERSION,
        "name": name,
        "kdf": {"name": "scrypt", "n": scrypt_n, "r": SCRYPT_R, "p": SCRYPT_P},
        "salt": base64.b64encode(salt).decode(),
        "cipher": CIPHER,
        "nonce": base64.b64encode(nonce).decode(),
        "ciphertext": base64.b64encode(sealed).decode(),
        "public_key": base64.b64encode(key.public_key).decode(),
        "vkey": key.vkey,
        "created": created,
    }
    _write_new_file(path, (json.dumps(doc, indent=2) + "\n").encode())
    return key


def load_key_file(path: str | os.PathLike[str], passphrase: str) -> SigningKey:
    """Decrypt the key file; a wrong passphrase or a damaged file is a SigningKeyError."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "No signing key file at {path}."), error=SigningKeyError,
                      path=str(path)) from None
    except OSError as exc:
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "The signing key file {path} cannot be read: {why}."),
                      error=SigningKeyError, path=str(path), why=os_error_said(exc)) from None
    try:
        doc = json.loads(raw)
        if not isinstance(doc, dict):
            raise ValueError
        version, name, kdf = doc["version"], doc["name"], doc["kdf"]
        if version != KEY_FILE_VERSION:
            raise _key_error(QT_TRANSLATE_NOOP("ServiceMessage", "The signing key file {path} is damaged or from a newer "
                                                               "version (key file version {version})."), path,
                           version=repr(version))
        if doc["cipher"] != CIPHER or kdf["name"] != "scrypt":
            raise _key_error(QT_TRANSLATE_NOOP("ServiceMessage", "The signing key file {path} is damaged: unknown "
                                                               "cipher or key derivation."), path)
        n, r, p = kdf["n"], kdf["r"], kdf["p"]
        if (
            not all(type(x) is int for x in (n, r, p))
            or not _MIN_N <= n <= _MAX_N
            or not 1 <= r <= 32
            or not 1 <= p <= 16
        ):
            raise _key_error(QT_TRANSLATE_NOOP("ServiceMessage", "The signing key file {path} is damaged: its scrypt "
                                                               "parameters are out of range."), path)
        salt = b64decode_strict(doc["salt"], "salt")
        nonce = b64decode_strict(doc["nonce"], "nonce")
        sealed = b64decode_strict(doc["ciphertext"], "ciphertext")
        public = b64decode_strict(doc["public_key"], "public key")
        vkey, created = doc["vkey"], doc["created"]
        verifier = parse_vkey(vkey)
    except SigningKeyError:
        raise
    except (ValueError, KeyError, TypeError, VerificationError, binascii.Error):
        raise _key_error(QT_TRANSLATE_NOOP("ServiceMessage", "The signing key file {path} is damaged: it is not a "
                                                           "readable key file."), path) from None
    if not isinstance(name, str) or verifier.name != name or verifier.public_key != public:
        raise _key_error(QT_TRANSLATE_NOOP("ServiceMessage", "The signing key file {path} is damaged: its name, public "
                                                           "key and verifier key disagree."), path)
    if len(salt) != 16 or len(nonce) != 12 or len(sealed) != 32 + 16:
        raise _key_error(QT_TRANSLATE_NOOP("ServiceMessage", "The signing key file {path} is damaged: its salt, nonce or "
                                                           "ciphertext has the wrong length."), path)
    try:
        seed = ChaCha20Poly1305(_derive(passphrase, salt, n, r, p)).decrypt(nonce, sealed, _aad(name, public))
    except InvalidTag:
        raise _key_error(QT_TRANSLATE_NOOP("ServiceMessage", "Wrong passphrase for the signing key {path} (or the "
                                                           "file's encrypted part was altered)."), path) from None
    private = Ed25519PrivateKey.from_private_bytes(seed)
    key = _signing_key(name, private, created)
    if key.public_key != public:
        raise _key_error(QT_TRANSLATE_NOOP("ServiceMessage", "The signing key file {path} is damaged: the decrypted key "
                                                           "does not match its public key."), path)
    return key


def passphrase_from_env_or_prompt(confirm: bool) -> str:
    """The passphrase from LEDGER_PASSPHRASE, else asked on the terminal (twice if `confirm`)."""
    env = os.environ.get(PASSPHRASE_ENV)
    if env is not None:
        if not env:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "{env} is set but empty; an empty passphrase is not "
                                                              "allowed."), env=PASSPHRASE_ENV)
        _check_passphrase(env)
        return env
    try:
        first = getpass.getpass("Signing key passphrase: ")
        _check_passphrase(first)
        if confirm and getpass.getpass("Repeat the passphrase: ") != first:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "The two passphrases differ; nothing was changed."))
    except (EOFError, KeyboardInterrupt):
        raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "No passphrase given; set {env} or run from a terminal."),
                      env=PASSPHRASE_ENV) from None
    return first


# --- rotation -------------------------------------------------------------------------------------


def rotation_statement(old_vkey: str, new_vkey: str, timestamp: int) -> bytes:
    """The canonical bytes both keys sign when the ledger moves from `old_vkey` to `new_vkey`."""
    parse_vkey(old_vkey)
    parse_vkey(new_vkey)
    if type(timestamp) is not int or timestamp < 0:
        raise ValueError("the rotation timestamp is a non-negative number of Unix seconds")
    return f"{ROTATION_HEADER}\nold {old_vkey}\nnew {new_vkey}\ntime {timestamp}\n".encode()


def sign_rotation(old: SigningKey, new: SigningKey, ts: int) -> dict:
    if old.public_key == new.public_key:
        raise ValueError("a rotation needs a new key, not the same one")
    msg = rotation_statement(old.vkey, new.vkey, ts)
    return {
        "version": 1,
        "old_vkey": old.vkey,
        "new_vkey": new.vkey,
        "timestamp": ts,
        "old_signature": base64.b64encode(old.signer.sign(msg)).decode(),
        "new_signature": base64.b64encode(new.signer.sign(msg)).decode(),
    }


def verify_rotation(record: dict) -> None:
    """Raise VerificationError unless both keys signed the statement in `record`."""
    try:
        if record["version"] != 1:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "unknown key rotation record version {version}"),
                         what="rotation", version=repr(record["version"]))
        old, new = parse_vkey(record["old_vkey"]), parse_vkey(record["new_vkey"])
        msg = rotation_statement(record["old_vkey"], record["new_vkey"], record["timestamp"])
        old_sig = b64decode_strict(record["old_signature"], say(QT_TRANSLATE_NOOP("ServiceMessage",
                                                                                  "the old key's signature")))
        new_sig = b64decode_strict(record["new_signature"], say(QT_TRANSLATE_NOOP("ServiceMessage",
                                                                                  "the new key's signature")))
    except (KeyError, TypeError, ValueError) as exc:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "malformed key rotation record ({problem})"), what="rotation",
                     problem=str(exc)) from None
    if old.public_key == new.public_key:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the key rotation record names the same key twice"),
                     what="rotation")
    for source, verifier, sig in (
        (QT_TRANSLATE_NOOP("ServiceMessage", "the key rotation record's signature by the old key {key} does not verify"),
         old, old_sig),
        (QT_TRANSLATE_NOOP("ServiceMessage", "the key rotation record's signature by the new key {key} does not verify"),
         new, new_sig),
    ):
        try:
            verifier.verify(msg, sig)
        except VerificationError:
            raise failed(source, what="rotation", key=f"{verifier.name}+{verifier.key_id.hex()}") from None
