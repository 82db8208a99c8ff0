"""The ledger workflow: initialise, keys, appends, proofs, verification and erasure.

Services take plain arguments and return typed results; they never print, never prompt by
themselves (a passphrase comes from the `passphrase` callable the front end supplies) and never
import Qt. Long operations accept a `progress(done, total)` callback and a `cancelled()` callable.

It stays one module (some 690 lines): it is one class, LedgerService, and its result records; init,
keys, appends, proofs and erasure all go through the same key chain and verified append, which a
split would spread over files that each need the whole.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Select, insert, select, text, update
from sqlalchemy.engine import Connection

from ledger_app.core.errors import ConfigError, NotFoundError, UserError, VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, refused, said_of, said_text, say
from ledger_app.ledger import keys as keyfiles
from ledger_app.ledger import merkle
from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint
from ledger_app.ledger.entries import decode_entry, encode_entry, leaf_time
from ledger_app.ledger.manifest import index_rows
from ledger_app.ledger.note import Verifier, parse_vkey
from ledger_app.ledger.store import AppendRefused, AppendResult, StoredCheckpoint
from ledger_app.ledger.verify import KeyLink, VerifyReport, key_chain_from_leaves, verify_ledger
from ledger_app.services.workspace import Workspace
from ledger_app.storage import identity, personal
from ledger_app.storage.identity import current_actor_name
from ledger_app.storage.repos import manifests as manifest_index
from ledger_app.storage.tables import LedgerKey, PersonalData, TakedownRequest, Work

PassphraseProvider = Callable[[bool], str]  # argument: confirm (ask twice)
Progress = Callable[[int, int], None]

_ORIGIN_RE = re.compile(r"^[\x21-\x7e]+$")



_KEYS = LedgerKey
_PERSONAL, _REQUEST, _WORK = PersonalData, TakedownRequest, Work


def _active_key(*columns: Any) -> Select:
    """The newest active row of `ledger_key`, these columns of it."""
    return select(*columns).where(_KEYS.c.active).order_by(_KEYS.c.created_at.desc()).limit(1)


def default_origin() -> str:
    host = re.sub(r"[^A-Za-z0-9.-]", "-", socket.gethostname() or "localhost").lower()
    return f"{host}/provenance-ledger/{os.urandom(4).hex()}"


def open_workspace(path: Path | None = None, db_url: str | None = None) -> Workspace:
    """The workspace at `path` (default: the per-user one) on `db_url` (default: its SQLite file),
    not yet connected. The thin clients (cli/, ui/) open workspaces here, never through storage/."""
    return Workspace(path, db_url)


def team_connect_timeout_s() -> int:
    """How long connecting to a team database may take, in seconds (read when asked)."""
    from ledger_app.storage import engine

    return engine.PG_CONNECT_TIMEOUT_S


class TreeHeadSigner:
    """Adapts the workspace's signing key(s) to the store's CheckpointSigner protocol."""

    def __init__(self, origin: str, keys: Sequence[keyfiles.SigningKey]):
        self.origin = origin
        self.keys = list(keys)
        self.key_id = self.keys[0].verifier.key_id.hex()
        # The last checkpoint must carry one of these keys' signatures before it is built on.
        self.verifiers: Sequence[Verifier] = [k.verifier for k in self.keys]

    def sign_tree_head(self, size: int, root_hash: bytes) -> str:
        return sign_checkpoint(Checkpoint(self.origin, size, root_hash), [k.signer for k in self.keys])


@dataclass(frozen=True)
class EntryView:
    index: int
    type: str
    leaf_data: bytes
    leaf_hash: bytes
    created_at: float
    payload: dict[str, Any]
    ts: str
    actor: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "type": self.type,
            "leaf_data": base64.b64encode(self.leaf_data).decode(),
            "leaf_hash": self.leaf_hash.hex(),
            "ts": self.ts,
            "actor": self.actor,
            "payload": self.payload,
        }


@dataclass(frozen=True)
class LedgerCreated:
    """What `init` made: the workspace, the ledger's origin, its verifier key and first checkpoint."""

    workspace: str
    origin: str
    vkey: str
    checkpoint: str

    def to_json(self) -> dict[str, Any]:
        return {"workspace": self.workspace, "origin": self.origin, "vkey": self.vkey, "checkpoint": self.checkpoint}


@dataclass(frozen=True)
class KeyRotated:
    """A signing-key rotation: the old and new verifier keys and the `key.rotated` entry's index."""

    old_vkey: str
    new_vkey: str
    index: int

    def to_json(self) -> dict[str, Any]:
        return {"old_vkey": self.old_vkey, "new_vkey": self.new_vkey, "index": self.index}


@dataclass(frozen=True)
class InclusionProof:
    """An RFC 6962 inclusion proof of entry `index` in the tree of `tree_size` entries (hashes in hex)."""

    index: int
    tree_size: int
    leaf_hash: str
    root_hash: str
    proof: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "tree_size": self.tree_size, "leaf_hash": self.leaf_hash,
                "root_hash": self.root_hash, "proof": list(self.proof)}


@dataclass(frozen=True)
class ConsistencyProof:
    """An RFC 6962 consistency proof between two tree sizes (hashes in hex)."""

    old_size: int
    old_root: str
    new_size: int
    new_root: str
    proof: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"old_size": self.old_size, "old_root": self.old_root, "new_size": self.new_size,
                "new_root": self.new_root, "proof": list(self.proof)}


@dataclass(frozen=True)
class RollbackAcknowledged:
    """The `ledger.rollback_acknowledged` entry and what it acknowledged."""

    index: int
    stored_size: int
    witness_size: int
    problem: str
    old_witness_kept_at: str | None

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "stored_size": self.stored_size, "witness_size": self.witness_size,
                "problem": self.problem, "old_witness_kept_at": self.old_witness_kept_at}


@dataclass(frozen=True)
class Erased:
    """An erasure: the `personal_data.erased` entries' append, and what changed and what could not."""

    append: AppendResult
    entry: int
    erased_records: list[str]
    replaced: dict[str, int]
    cleared: dict[str, int]
    not_erased: list[str]

    def to_json(self) -> dict[str, Any]:
        """The report as the CLI prints it (the append itself is not part of it)."""
        return {"entry": self.entry, "erased_records": self.erased_records, "replaced": self.replaced,
                "cleared": self.cleared, "not_erased": self.not_erased}


class LedgerService:
    """Create a workspace, append entries, answer proofs, verify everything."""

    def __init__(self, ws: Workspace, passphrase: PassphraseProvider | None = None):
        self.ws = ws
        self._passphrase = passphrase or (lambda confirm: keyfiles.passphrase_from_env_or_prompt(confirm))
        self._keys: list[keyfiles.SigningKey] | None = None
        self._origin: str | None = None
        self._chain: list[KeyLink] | None = None
        # Called with each new checkpoint after it is committed and the workspace witness advanced
        # (e.g. submission to independent witnesses). A hook must not raise for an unreachable peer.
        self.checkpoint_hooks: list[Callable[[StoredCheckpoint], None]] = []

    # --- workspace creation and keys ---------------------------------------------------------------

    def init(self, origin: str | None = None) -> LedgerCreated:
        ws = self.ws
        if ws.path.exists() and (ws.path / "config.json").exists() and ws.settings.get("ledger.origin"):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a workspace already exists at {path}"), path=ws.path)
        origin = origin or default_origin()
        if not _ORIGIN_RE.match(origin) or "+" in origin:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the origin must be printable ASCII without spaces or '+', e.g. example.com/ledger"))
        ws.create_dirs()
        if ws.meta("origin") is not None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the database {db} already holds a ledger; use it with --db"), db=ws.db_url.split('@')[-1])
        passphrase = self._passphrase(True)
        key = keyfiles.create_key_file(self._key_path_for_new(), origin, passphrase)
        final = ws.keys_dir / f"{key.verifier.key_id.hex()}.json"
        os.replace(self._key_path_for_new(), final)
        self._keys = [key]
        try:
            with ws.store.write_transaction() as conn:
                ws.set_meta(conn, "origin", origin)
                ws.set_meta(conn, "workspace_id", os.urandom(8).hex())
                conn.execute(insert(_KEYS).values(
                    key_id=key.verifier.key_id.hex(), name=origin, vkey=key.vkey, encrypted=final.read_text(),
                    active=True, created_at=time.time(),
                ))
                self._origin = origin
                res = self._append(conn, [("ledger.init", {"origin": origin, "vkey": key.vkey})])
        except BaseException:
            self._origin = None
            self._keys = None
            final.unlink(missing_ok=True)
            raise
        self._after_commit(res)
        ws.settings.set("ledger.origin", origin)
        assert res.checkpoint is not None  # a signed append stores its checkpoint
        return LedgerCreated(str(ws.path), origin, key.vkey, res.checkpoint.note)

    def _key_path_for_new(self) -> Path:
        return self.ws.keys_dir / "new-key.json.partial"

    @property
    def origin(self) -> str:
        if self._origin is None:
            origin = self.ws.meta("origin")
            if not origin:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the workspace at {path} has no ledger yet; run `ledger init`"), error=ConfigError, path=self.ws.path)
            self._origin = origin
        return self._origin

    def known_verifiers(self) -> list[Verifier]:
        """Every verifier key this ledger's key chain names, oldest first (old keys verify old checkpoints)."""
        return [link.verifier for link in self.key_chain()]

    def key_chain(self, *, refresh: bool = False) -> list[KeyLink]:
        """The ledger's keys from the ledger itself: entry 0's key, then each key handed on by a
        `key.rotated` entry signed by both keys, each with the index of the entry that introduced it.

        The chain's entries are proven included under the latest checkpoint, which must verify
        under the chain's newest key. The `ledger_key` table is never the source of a public key.
        """
        if self._chain is not None and not refresh:
            return self._chain
        store = self.ws.store
        candidates = store.key_entries()
        if not candidates:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the workspace at {path} has no ledger yet; run `ledger init`"), error=ConfigError, path=self.ws.path)
        chain = key_chain_from_leaves([(e.index, e.leaf, e.type) for e in candidates])
        # The same O(log n) check an append makes: the latest checkpoint verifies under the chain's
        # newest key, nothing is stored beyond it, and the stored tree still has its root.
        with self.ws.engine.connect() as conn:
            try:
                head = store.verified_head(conn, [chain[-1].verifier], self.origin, None)
            except AppendRefused as exc:
                raise VerificationError(exc.reason, index=exc.index, what=exc.what) from None
        for e in candidates:
            if e.index >= head.size:
                raise VerificationError(
                    f"entry {e.index} (a key entry) is not covered by the latest signed checkpoint", index=e.index
                )
            _, proof, _, _ = store.inclusion_proof(e.index, head.size)
            try:
                merkle.verify_inclusion(e.index, head.size, merkle.leaf_hash(e.leaf), proof, head.root_hash)
            except VerificationError:
                raise VerificationError(
                    f"entry {e.index} (a key entry) is not the one the latest signed checkpoint includes",
                    index=e.index,
                    what="key",
                ) from None
        self._chain = chain
        return chain

    def vkey(self) -> str:
        """The ledger's current verifier key, from the key chain; refused if `ledger_key` disagrees."""
        head = self.key_chain()[-1].verifier.vkey
        with self.ws.engine.connect() as conn:
            row = conn.execute(_active_key(_KEYS.c.vkey)).first()
        if row is None or str(row[0]).strip() != head:
            shown = "no active key" if row is None else f"the active key {str(row[0]).strip()}"
            raise VerificationError(
                f"the ledger_key table names {shown}, but the ledger's key chain (entry 0 and key.rotated "
                f"entries) ends with {head}: the key table was altered; publish only the chain's key",
                what="key",
            )
        return head

    def _active_key_text(self) -> tuple[str, str]:
        """(key id, encrypted key file text) of the active key, from the database."""
        with self.ws.engine.connect() as conn:
            row = conn.execute(_active_key(_KEYS.c.key_id, _KEYS.c.encrypted)).first()
        if row is None or not row[1]:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the workspace has no active signing key; run `ledger init`"), error=ConfigError)
        return str(row[0]), str(row[1])

    def unlock(self) -> list[keyfiles.SigningKey]:
        """Decrypt the active signing key (asks for the passphrase once per service object)."""
        if self._keys is None:
            key_id, text = self._active_key_text()
            path = self.ws.keys_dir / f"{key_id}.json"
            if not path.exists():
                # A team member's first use: the encrypted key comes from the shared database.
                self.ws.create_dirs()
                path.write_text(text)
                os.chmod(path, 0o600)
            key = keyfiles.load_key_file(path, self._passphrase(False))
            try:
                head = self.key_chain(refresh=True)[-1].verifier
            except VerificationError as exc:
                if isinstance(exc, AppendRefused):
                    raise
                raise AppendRefused(said_of(exc), index=exc.index, what=exc.what or "append") from None
            if key.vkey != head.vkey:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the active signing key in the database ({vkey}) is not the key the ledger's key chain names ({chain_vkey}); the key table was altered or a rotation is missing. Nothing was signed."), error=ConfigError, vkey=key.vkey, chain_vkey=head.vkey)
            self._keys = [key]
        return self._keys

    def rotate_key(self, new_passphrase: str | None = None) -> KeyRotated:
        """Replace the signing key: a `key.rotated` entry signed by both keys, in a checkpoint signed by both."""
        old = self.unlock()[0]
        passphrase = new_passphrase or self._passphrase(True)
        tmp = self._key_path_for_new()
        new = keyfiles.create_key_file(tmp, self.origin, passphrase)
        final = self.ws.keys_dir / f"{new.verifier.key_id.hex()}.json"
        os.replace(tmp, final)
        record = keyfiles.sign_rotation(old, new, int(time.time()))
        with self.ws.store.write_transaction() as conn:
            # ledger_key is not a ledger table: retiring a key is an update of its status only.
            conn.execute(update(_KEYS).values(active=False, retired_at=time.time()))
            conn.execute(insert(_KEYS).values(
                key_id=new.verifier.key_id.hex(), name=self.origin, vkey=new.vkey, encrypted=final.read_text(),
                active=True, created_at=time.time(),
            ))
            self._keys = [new, old]
            res = self._append(conn, [("key.rotated", record)])
        self._keys = [new]
        self._chain = None
        self._after_commit(res)
        return KeyRotated(old.vkey, new.vkey, res.first_index)

    # --- appends ---------------------------------------------------------------------------------

    def actor_commitment(self, conn: Connection) -> str:
        """The commitment every entry carries as its actor: it opens to the display name and the
        account (the OS account, or the database role in team mode), which no setting changes."""
        name = current_actor_name(self.ws)
        account = identity.account(conn)
        return personal.commit(conn, "actor", {"name": name, "account": account}, dedupe_on=f"{account}\n{name}")

    def _append(
        self, conn: Connection, items: Sequence[tuple[str, dict[str, Any]]], *, anchored: bool = True
    ) -> AppendResult:
        keys = self.unlock()
        self._check_active_key(conn, keys[0])
        # The workspace's witness (none yet while `init` writes entry 0).
        witness = self.ws.read_witness() if anchored else None
        anchor = self.ws.open_witness(self.known_verifiers()) if witness else None
        actor = self.actor_commitment(conn)
        encoded = [(t, encode_entry(t, payload, actor=actor)) for t, payload in items]
        try:
            res = self.ws.store.append(encoded, TreeHeadSigner(self.origin, keys), conn=conn, anchor=anchor)
            # The manifest index, in the same transaction (services/stored.py proves what it reads of it).
            manifest_index.record(conn, res.first_index, len(encoded), index_rows(res.first_index, encoded))
            return res
        except AppendRefused as exc:
            if exc.what in ("rollback", "fork"):
                raise AppendRefused(
                    say(QT_TRANSLATE_NOOP("ServiceMessage", "{reason} (if an operator restored this on purpose, record "
                                                            "it with `ledger log acknowledge-rollback --reason …`)"),
                        reason=exc.reason_said),
                    index=exc.index, what=exc.what,
                ) from None
            raise

    def _check_active_key(self, conn: Connection, key: keyfiles.SigningKey) -> None:
        """Inside the write transaction: another client may have rotated the key since this one unlocked it."""
        if len(self._keys or []) > 1:
            return  # the rotation itself, signing with both keys
        row = conn.execute(_active_key(_KEYS.c.key_id)).first()
        if row is None or str(row[0]) != key.verifier.key_id.hex():
            self._keys = None
            self._chain = None
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger's signing key changed since this client unlocked it (a rotation by another client); nothing was signed, run the command again"))

    def append(self, items: Sequence[tuple[str, dict[str, Any]]], conn: Connection | None = None) -> AppendResult:
        """Append entries in one batch with one checkpoint. With `conn`, join the caller's transaction."""
        self.unlock()  # ask for the passphrase before taking the write lock
        if conn is not None:
            return self._append(conn, items)
        with self.ws.store.write_transaction() as c:
            res = self._append(c, items)
        self._after_commit(res)
        return res

    def _after_commit(self, res: AppendResult) -> None:
        if res.checkpoint is not None:
            self._update_witness(res.checkpoint, res.signed)

    def after_external_commit(self, res: AppendResult) -> None:
        """Call after committing a transaction in which `append(conn=...)` ran."""
        self._after_commit(res)

    def _update_witness(self, cp: StoredCheckpoint, signed: Checkpoint | None = None) -> None:
        """Advance the workspace witness to `cp`, only with a consistency proof (see Workspace.advance_witness).

        `signed`: the note as the store opened it under the keys this service signed it with
        (`AppendResult.signed`). Its signature lines are those keys' only, so it opens under the chain
        as well when the chain holds the signing key; then it is not verified a second time."""
        verifiers = self.known_verifiers()
        chain = {v.vkey for v in verifiers}
        mine = signed is not None and any(k.verifier.vkey in chain for k in self._keys or [])
        self.ws.advance_witness(cp.note, verifiers, self.consistency_hashes, opened=signed if mine else None)
        for hook in list(self.checkpoint_hooks):
            hook(cp)

    def consistency_hashes(self, old: int, new: int) -> list[bytes]:
        """The RFC 6962 consistency proof between two tree sizes, from the stored subtrees."""
        return self.ws.store.consistency_proof(old, new)[1]

    # --- rollbacks -------------------------------------------------------------------------------

    def anchor_problem(self) -> Said | str | None:
        """None if the database extends what this workspace last saw; else the sentence saying why not
        (a message, core/messages.py: str() of it is the English the CLI prints).

        O(log n): the same check an append makes (`LedgerStore.verified_head`) against the witness.
        A command can call it on every run, so a rolled-back database is reported until an
        operator acknowledges it (`acknowledge_rollback`).
        """
        try:
            chain = self.key_chain(refresh=True)
            anchor = self.ws.open_witness([link.verifier for link in chain])
            with self.ws.engine.connect() as conn:
                self.ws.store.verified_head(conn, [chain[-1].verifier], self.origin, anchor)
        except AppendRefused as exc:
            return exc.reason_said
        except VerificationError as exc:
            return said_of(exc)
        return None

    def acknowledge_rollback(self, reason: str) -> RollbackAcknowledged:
        """Record, as a signed entry, that the database is behind (or forked from) this workspace's
        witness on purpose (a restored backup), then start the witness anew from the new checkpoint.

        The entry carries the witness's signed checkpoint, so the lost (or forked) history stays
        named in the ledger itself. Every other check of an append still runs.
        """
        if not reason.strip():
            raise UserError("say why the rollback is accepted (--reason), e.g. which backup was restored and why")
        chain = self.key_chain(refresh=True)
        witness_text = self.ws.read_witness()
        anchor = self.ws.open_witness([link.verifier for link in chain])
        problem = None
        try:
            with self.ws.engine.connect() as conn:
                self.ws.store.verified_head(conn, [chain[-1].verifier], self.origin, anchor)
        except AppendRefused as exc:
            if exc.what not in ("rollback", "fork"):
                raise
            problem = exc.reason
        if problem is None or anchor is None:
            raise UserError("the database is not behind this workspace's witness; there is no rollback to acknowledge")
        self.unlock()
        size = self.ws.store.size()
        with self.ws.store.write_transaction() as conn:
            res = self._append(
                conn,
                [("ledger.rollback_acknowledged", {
                    "reason": reason,
                    "stored_size": size,
                    "witness_size": anchor.size,
                    "witness_root": anchor.root_hash.hex(),
                    "witness_checkpoint": witness_text,
                })],
                anchored=False,
            )
        assert res.checkpoint is not None  # a signed append stores its checkpoint
        kept = self.ws.replace_witness_after_rollback(res.checkpoint.note)
        for hook in list(self.checkpoint_hooks):
            hook(res.checkpoint)
        return RollbackAcknowledged(res.first_index, size, anchor.size, problem, str(kept) if kept else None)

    def note(self, text: str) -> AppendResult:
        if not text.strip():
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a note needs some text"))
        self.screen_permanent_text(text, "note")
        return self.append([("ledger.note", {"text": text})])

    # --- reads -----------------------------------------------------------------------------------

    def checkpoint(self) -> str:
        cp = self.ws.store.latest_checkpoint()
        if cp is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger has no checkpoint yet"), error=NotFoundError)
        return cp.note

    def show(self, index: int) -> EntryView:
        return _view(self.ws.store.entry(index))

    def entries(self, start: int, limit: int) -> list[EntryView]:
        """A page of entries for screens: every shown value read from the leaf bytes (type, time,
        payload, leaf hash), never from the unauthenticated columns beside them. A damaged leaf
        still gets a row saying so."""
        out = []
        for e in self.ws.store.entries(start, limit):
            try:
                out.append(_view(e))
            except VerificationError as exc:
                out.append(EntryView(e.index, "(unreadable)", e.leaf, merkle.leaf_hash(e.leaf), 0.0,
                                     {"error": str(exc)}, "", None))
        return out

    def prove(self, index: int, size: int | None = None) -> InclusionProof:
        n, proof, leaf, root = self.ws.store.inclusion_proof(index, size)
        return InclusionProof(index, n, leaf.hex(), root.hex(), [p.hex() for p in proof])

    def consistency(self, old: int, new: int | None = None) -> ConsistencyProof:
        n, proof, old_root, new_root = self.ws.store.consistency_proof(old, new)
        return ConsistencyProof(old, old_root.hex(), n, new_root.hex(), [p.hex() for p in proof])

    def verify(
        self,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
        *,
        deep: bool = False,
        vkey: str | None = None,
        checkpoint: str | None = None,
    ) -> VerifyReport:
        """Verify everything (ledger/verify.py). `vkey`: a verifier key the auditor holds, which
        must be in the ledger's key chain; `checkpoint`: a signed checkpoint the auditor holds,
        which the stored ledger must contain (same root at its size)."""
        pins = []
        if vkey is not None:
            try:
                pins.append(parse_vkey(vkey.strip()))
            except VerificationError as exc:
                raise UserError(f"the verifier key given with --vkey is unusable: {exc}") from None
        report = verify_ledger(
            self.ws.store,
            origin=self.origin,
            witness_checkpoint=self.ws.read_witness(),
            progress=progress,
            cancelled=cancelled,
            deep=deep,
            pinned_vkey=pins[0] if pins else None,
            pinned_checkpoint=checkpoint,
            key_table=self._key_table(),
            witness_table=self._witness_table(),
        )
        self.ws.settings.set("ledger.origin", self.origin)
        return report

    def _witness_table(self) -> tuple[list[tuple[str, str, str]], str | None]:
        """The configured witnesses and policy, as `log verify` compares them with the witness entries."""
        from ledger_app.ledger.witness_store import QUORUM_META, list_witnesses

        return [(w.name, w.url, w.vkey) for w in list_witnesses(self.ws.engine)], self.ws.meta(QUORUM_META)

    def _key_table(self) -> list[tuple[str, bool]]:
        with self.ws.engine.connect() as conn:
            rows = conn.execute(select(_KEYS.c.vkey, _KEYS.c.active).order_by(_KEYS.c.created_at)).all()
        return [(str(r[0]).strip(), bool(r[1])) for r in rows]

    def erase_personal_data(self, commitment: str, reason: str) -> AppendResult:
        """Erase the person behind a commitment wherever the product copied their data (see `erase`)."""
        return self.erase(commitment=commitment, reason=reason).append

    def erase(self, *, commitment: str | None = None, account: str | None = None, request: int | None = None,
              reason: str) -> Erased:
        """GDPR Art. 17: erase a person — by commitment, by uploader account, or as the requester of a
        takedown request — wherever the product copied their data (storage/erasure.py): their
        personal_data rows (a requester's accounts named in their requests too) are deleted, every other
        occurrence outside the signed ledger is replaced by `erased:<commitment>`, and what stays in
        signed entries is reported. The reason becomes a permanent ledger entry, so it is screened for
        personal data first."""
        from ledger_app.storage import erasure

        if not reason.strip():
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "say why the data is erased (--reason); the reason is kept in the ledger for good"))
        self.unlock()
        with self.ws.store.write_transaction() as conn:
            targets = self._erasure_targets(conn, commitment, account, request)
            records: dict[str, dict[str, Any]] = {}
            for c in targets:
                data = personal.reveal(conn, c)
                if data is not None:
                    records[c] = data
            if not records:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no personal data is stored for that person (already erased, or never held)"), error=NotFoundError)
            needles = {n: c for c, data in records.items() for n in erasure.needles_of(data)}
            if needles and erasure.bounded(sorted(needles, key=len, reverse=True)).search(reason):
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "The reason names the person being erased; it would be written into a permanent ledger entry that can never be erased. Give a reason without their name, e-mail or account (e.g. 'GDPR Art. 17 request of 2026-12-01')."))
            report = erasure.ErasureReport()
            erasure.scrub(conn, needles, report, self.ws.path / "replies")  # letters written by default there
            for c in records:
                personal.erase(conn, c)
                report.erased_records.append(c)
            held = erasure.signed_entries_holding(conn, list(needles))
            if held:
                shown = ", ".join(map(str, held[:20]))
                report.not_erased.append(said_text(QT_TRANSLATE_NOOP(
                    "Erasure", "signed ledger entries {shown} and {more} more hold it: they cannot change without "
                               "breaking every proof") if len(held) > 20 else QT_TRANSLATE_NOOP(
                    "Erasure", "signed ledger entries {shown} hold it: they cannot change without breaking every "
                               "proof"), "Erasure", shown=shown, more=len(held) - 20))
            res = self._append(conn, [("personal_data.erased", {"commitment": c, "reason": reason})
                                      for c in records])
        self._after_commit(res)
        if self.ws.engine.dialect.name == "sqlite":
            # Old copies of the rewritten pages may sit in the write-ahead log: fold it in and empty it.
            # (secure_delete, set on every connection, zeroes what the rewrite freed in the file itself.)
            with self.ws.engine.connect() as conn:
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        return Erased(res, res.first_index, report.erased_records, report.replaced, report.cleared, report.not_erased)

    def _erasure_targets(self, conn: Connection, commitment: str | None, account: str | None,
                         request: int | None) -> list[str]:
        if sum(x is not None for x in (commitment, account, request)) != 1:
            raise UserError("name one person: a commitment, --account ID or --request N (its requester)")
        if account is not None:
            p = _PERSONAL
            row = conn.execute(select(p.c.commitment).where(
                p.c.kind == "account", p.c.lookup == personal.lookup_key("account", account))).first()
            if row is None:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no uploader account {account!r} is stored (already erased, or never seen)"), error=NotFoundError, account=account)
            return [str(row[0])]
        if request is not None:
            t = _REQUEST
            row = conn.execute(select(t.c.requester).where(t.c.id == request)).first()
            if row is None:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no takedown request {request}"), error=NotFoundError, request=request)
            if not row[0]:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {request} has no requester on record"), error=NotFoundError, request=request)
            commitment = str(row[0])
        assert commitment is not None  # exactly one of commitment, account, request was given
        targets = [commitment]
        p, t, w = _PERSONAL, _REQUEST, _WORK
        kind = conn.execute(select(p.c.kind).where(p.c.commitment == commitment)).scalar()
        if kind == "requester":
            # The accounts a requester named in their own requests are theirs too.
            targets += [str(r[0]) for r in conn.execute(
                select(w.c.value).join_from(w, t, t.c.id == w.c.request_id)
                .where(t.c.requester == commitment, w.c.kind == "account").distinct())]
        return targets

    def screen_permanent_text(self, text: str, what: str) -> None:
        """Refuse free text bound for a permanent ledger entry when it holds personal data the workspace
        knows (a requester's name, an uploader's account...): it could never be erased. `what` names the
        text ("reason", "note"); it is said in the window's language too."""
        from ledger_app.storage import erasure

        with self.ws.engine.connect() as conn:
            found = erasure.screen(conn, text)
        if found:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "The {what} names personal data this workspace holds ({found}); it would be written into a permanent ledger entry that can never be erased. Reword it without names, e-mail addresses or account IDs."), what=say(_TEXT_NAMES.get(what, what)), found=found)


#: The names of the free texts screen_permanent_text refuses, marked so the window can say them.
_TEXT_NAMES = {"reason": QT_TRANSLATE_NOOP("ServiceMessage", "reason"), "note": QT_TRANSLATE_NOOP("ServiceMessage", "note")}


def _view(e) -> EntryView:  # a StoredEntry
    d = decode_entry(e.leaf, index=e.index)
    return EntryView(e.index, d.type, e.leaf, merkle.leaf_hash(e.leaf), leaf_time(d.ts), d.payload, d.ts, d.actor)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
