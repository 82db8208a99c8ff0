"""The application layer: one object per workflow, shared by the CLI and the desktop app.

Services take plain arguments and return typed results; they never print, never prompt by
themselves (a passphrase comes from the `passphrase` callable the front end supplies) and never
import Qt. Long operations accept a `progress(done, total)` callback and a `cancelled()` callable.
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import json
import os
import re
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from ledger_app.core.errors import ConfigError, NotFoundError, UserError, VerificationError
from ledger_app.core.settings import MatchThresholds
from ledger_app.ledger import keys as keyfiles
from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint
from ledger_app.ledger.entries import decode_entry, encode_entry
from ledger_app.ledger.note import Verifier, parse_vkey
from ledger_app.ledger.store import AppendResult, StoredCheckpoint
from ledger_app.ledger.verify import VerifyReport, verify_ledger
from ledger_app.storage import personal
from ledger_app.storage.workspace import Workspace

PassphraseProvider = Callable[[bool], str]  # argument: confirm (ask twice)
Progress = Callable[[int, int], None]

_ORIGIN_RE = re.compile(r"^[\x21-\x7e]+$")


def default_origin() -> str:
    host = re.sub(r"[^A-Za-z0-9.-]", "-", socket.gethostname() or "localhost").lower()
    return f"{host}/provenance-ledger/{os.urandom(4).hex()}"


def current_actor_name(ws: Workspace) -> str:
    configured = ws.settings.get("user.name")
    if configured:
        return str(configured)
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - getuser raises various errors where no user is known
        return "unknown"


class _TreeHeadSigner:
    """Adapts the workspace's signing key(s) to the store's CheckpointSigner protocol."""

    def __init__(self, origin: str, keys: Sequence[keyfiles.SigningKey]):
        self.origin = origin
        self.keys = list(keys)
        self.key_id = self.keys[0].verifier.key_id.hex()

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


class LedgerService:
    """Create a workspace, append entries, answer proofs, verify everything."""

    def __init__(self, ws: Workspace, passphrase: PassphraseProvider | None = None):
        self.ws = ws
        self._passphrase = passphrase or (lambda confirm: keyfiles.passphrase_from_env_or_prompt(confirm))
        self._keys: list[keyfiles.SigningKey] | None = None
        self._origin: str | None = None
        # Called with each new checkpoint after it is committed and the workspace witness advanced
        # (e.g. submission to independent witnesses). A hook must not raise for an unreachable peer.
        self.checkpoint_hooks: list[Callable[[StoredCheckpoint], None]] = []

    # --- workspace creation and keys ---------------------------------------------------------------

    def init(self, origin: str | None = None) -> dict[str, Any]:
        ws = self.ws
        if ws.path.exists() and (ws.path / "config.json").exists() and ws.settings.get("ledger.origin"):
            raise UserError(f"a workspace already exists at {ws.path}")
        origin = origin or default_origin()
        if not _ORIGIN_RE.match(origin) or "+" in origin:
            raise UserError("the origin must be printable ASCII without spaces or '+', e.g. example.com/ledger")
        ws.create_dirs()
        if ws.meta("origin") is not None:
            raise UserError(f"the database {ws.db_url.split('@')[-1]} already holds a ledger; use it with --db")
        passphrase = self._passphrase(True)
        key = keyfiles.create_key_file(self._key_path_for_new(), origin, passphrase)
        final = ws.keys_dir / f"{key.verifier.key_id.hex()}.json"
        os.replace(self._key_path_for_new(), final)
        self._keys = [key]
        try:
            with ws.store.write_transaction() as conn:
                ws.set_meta(conn, "origin", origin)
                ws.set_meta(conn, "workspace_id", os.urandom(8).hex())
                conn.exec_driver_sql(
                    "INSERT INTO ledger_key (key_id, name, vkey, encrypted, active, created_at) VALUES "
                    + ("(?,?,?,?,?,?)" if conn.dialect.name == "sqlite" else "(%s,%s,%s,%s,%s,%s)"),
                    (key.verifier.key_id.hex(), origin, key.vkey, final.read_text(), True, time.time()),
                )
                self._origin = origin
                res = self._append(conn, [("ledger.init", {"origin": origin, "vkey": key.vkey})])
        except BaseException:
            self._origin = None
            self._keys = None
            final.unlink(missing_ok=True)
            raise
        self._after_commit(res)
        ws.settings.set("ledger.origin", origin)
        return {"workspace": str(ws.path), "origin": origin, "vkey": key.vkey, "checkpoint": res.checkpoint.note}

    def _key_path_for_new(self) -> Path:
        return self.ws.keys_dir / "new-key.json.partial"

    @property
    def origin(self) -> str:
        if self._origin is None:
            origin = self.ws.meta("origin")
            if not origin:
                raise ConfigError(f"the workspace at {self.ws.path} has no ledger yet; run `ledger init`")
            self._origin = origin
        return self._origin

    def known_verifiers(self) -> list[Verifier]:
        """Every verifier key this ledger has used, oldest first (old keys verify old checkpoints)."""
        with self.ws.engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT vkey FROM ledger_key ORDER BY created_at").fetchall()
        return [parse_vkey(r[0]) for r in rows]

    def vkey(self) -> str:
        with self.ws.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT vkey FROM ledger_key WHERE active = "
                + ("1" if conn.dialect.name == "sqlite" else "true")
                + " ORDER BY created_at DESC LIMIT 1"
            ).fetchone()
        if row is None:
            raise ConfigError("the workspace has no active signing key; run `ledger init`")
        return str(row[0])

    def _active_key_text(self) -> tuple[str, str]:
        """(key id, encrypted key file text) of the active key, from the database."""
        with self.ws.engine.connect() as conn:
            row = conn.exec_driver_sql(
                "SELECT key_id, encrypted FROM ledger_key WHERE active = "
                + ("1" if conn.dialect.name == "sqlite" else "true")
                + " ORDER BY created_at DESC LIMIT 1"
            ).fetchone()
        if row is None or not row[1]:
            raise ConfigError("the workspace has no active signing key; run `ledger init`")
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
            self._keys = [keyfiles.load_key_file(path, self._passphrase(False))]
        return self._keys

    def rotate_key(self, new_passphrase: str | None = None) -> dict[str, Any]:
        """Replace the signing key: a `key.rotated` entry signed by both keys, in a checkpoint signed by both."""
        old = self.unlock()[0]
        passphrase = new_passphrase or self._passphrase(True)
        tmp = self._key_path_for_new()
        new = keyfiles.create_key_file(tmp, self.origin, passphrase)
        final = self.ws.keys_dir / f"{new.verifier.key_id.hex()}.json"
        os.replace(tmp, final)
        record = keyfiles.sign_rotation(old, new, int(time.time()))
        with self.ws.store.write_transaction() as conn:
            false = "0" if conn.dialect.name == "sqlite" else "false"
            ph = "?" if conn.dialect.name == "sqlite" else "%s"
            # ledger_key is not a ledger table: retiring a key is an update of its status only.
            conn.exec_driver_sql(f"UPDATE ledger_key SET active = {false}, retired_at = {ph}", (time.time(),))
            conn.exec_driver_sql(
                f"INSERT INTO ledger_key (key_id, name, vkey, encrypted, active, created_at) VALUES ({ph},{ph},{ph},{ph},{ph},{ph})",
                (new.verifier.key_id.hex(), self.origin, new.vkey, final.read_text(), True, time.time()),
            )
            self._keys = [new, old]
            res = self._append(conn, [("key.rotated", record)])
        self._after_commit(res)
        self._keys = [new]
        return {"old_vkey": old.vkey, "new_vkey": new.vkey, "index": res.first_index}

    # --- appends ---------------------------------------------------------------------------------

    def actor_commitment(self, conn: Connection) -> str:
        name = current_actor_name(self.ws)
        return personal.commit(conn, "actor", {"name": name}, dedupe_on=name)

    def _append(self, conn: Connection, items: Sequence[tuple[str, dict[str, Any]]]) -> AppendResult:
        keys = self.unlock()
        actor = self.actor_commitment(conn)
        encoded = [(t, encode_entry(t, payload, actor=actor)) for t, payload in items]
        res = self.ws.store.append(encoded, _TreeHeadSigner(self.origin, keys), conn=conn)
        self._pending_witness = res.checkpoint.note if res.checkpoint else None
        return res

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
            self._update_witness(res.checkpoint)

    def after_external_commit(self, res: AppendResult) -> None:
        """Call after committing a transaction in which `append(conn=...)` ran."""
        self._after_commit(res)

    def _update_witness(self, cp: StoredCheckpoint) -> None:
        self.ws.update_witness(cp.note, cp.size)
        for hook in list(self.checkpoint_hooks):
            hook(cp)

    def note(self, text: str) -> AppendResult:
        if not text.strip():
            raise UserError("a note needs some text")
        return self.append([("ledger.note", {"text": text})])

    # --- reads -----------------------------------------------------------------------------------

    def checkpoint(self) -> str:
        cp = self.ws.store.latest_checkpoint()
        if cp is None:
            raise NotFoundError("the ledger has no checkpoint yet")
        return cp.note

    def show(self, index: int) -> EntryView:
        e = self.ws.store.entry(index)
        d = decode_entry(e.leaf, index=index)
        return EntryView(e.index, e.type, e.leaf, e.leaf_hash, e.created_at, d.payload, d.ts, d.actor)

    def prove(self, index: int, size: int | None = None) -> dict[str, Any]:
        n, proof, leaf, root = self.ws.store.inclusion_proof(index, size)
        return {
            "index": index,
            "tree_size": n,
            "leaf_hash": leaf.hex(),
            "root_hash": root.hex(),
            "proof": [p.hex() for p in proof],
        }

    def consistency(self, old: int, new: int | None = None) -> dict[str, Any]:
        n, proof, old_root, new_root = self.ws.store.consistency_proof(old, new)
        return {
            "old_size": old,
            "old_root": old_root.hex(),
            "new_size": n,
            "new_root": new_root.hex(),
            "proof": [p.hex() for p in proof],
        }

    def verify(
        self, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None, *, deep: bool = False
    ) -> VerifyReport:
        report = verify_ledger(
            self.ws.store,
            self._trusted_verifiers(),
            origin=self.origin,
            witness_checkpoint=self.ws.read_witness(),
            progress=progress,
            cancelled=cancelled,
            deep=deep,
        )
        self.ws.settings.set("ledger.origin", self.origin)
        return report

    def _trusted_verifiers(self) -> list[Verifier]:
        """Keys whose signatures count: the key in the `ledger.init` entry, then each key handed on
        by a `key.rotated` entry signed by both keys. Keys merely present in the key table do not
        count, so an attacker cannot make forged checkpoints verify by inserting a key row."""
        init = self.ws.store.entries(0, 1)
        if not init:
            return []
        first = decode_entry(init[0].leaf, index=0)
        if first.type != "ledger.init":
            raise VerificationError("entry 0 is not the ledger.init entry", index=0)
        trusted = [parse_vkey(first.payload["vkey"])]
        for e in self.ws.store.entries(0, types=["key.rotated"]):
            rec = decode_entry(e.leaf, index=e.index).payload
            keyfiles.verify_rotation(rec)
            if rec["old_vkey"] not in {v.vkey for v in trusted}:
                raise VerificationError(
                    f"entry {e.index}: the key rotation starts from a key the ledger never used", index=e.index
                )
            trusted.append(parse_vkey(rec["new_vkey"]))
        return trusted

    def erase_personal_data(self, commitment: str, reason: str) -> AppendResult:
        """Delete the salt and data behind a commitment and record that it happened (not what it was)."""
        with self.ws.store.write_transaction() as conn:
            if not personal.erase(conn, commitment):
                raise NotFoundError(f"no personal data is stored under commitment {commitment}")
            res = self._append(conn, [("personal_data.erased", {"commitment": commitment, "reason": reason})])
        self._after_commit(res)
        if self.ws.engine.dialect.name == "sqlite":
            # Old copies of the erased page may sit in the write-ahead log: fold it in and empty it.
            with self.ws.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return res


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=False)


class Services:
    """Every workflow of one workspace, wired together once; what the CLI and the UI hold."""

    def __init__(self, ws: Workspace, passphrase: PassphraseProvider | None = None):
        from ledger_app.ingest.service import CorpusService
        from ledger_app.takedown.blocklist import BlocklistPolicy
        from ledger_app.takedown.claims import ClaimsPolicy
        from ledger_app.takedown.service import TakedownService
        from ledger_app.witness_service import WitnessService

        self.ws = ws
        self.ledger = LedgerService(ws, passphrase)
        self.corpus = CorpusService(self.ledger)
        self.takedown = TakedownService(self.corpus)
        from ledger_app.takedown.cases import CaseService

        self.cases = CaseService(self.takedown)
        # Each new checkpoint goes to the independent witnesses (c2sp.org/tlog-witness), if any.
        self.witness = WitnessService(self.ledger)
        self.ledger.checkpoint_hooks.append(self.witness.after_checkpoint)
        # Every ingest also checks the blocklist (purged content never returns) and standing claims.
        self.corpus.extra_policies = [
            lambda conn: BlocklistPolicy(conn, MatchThresholds.from_settings(self.ws.settings)),
            lambda conn: ClaimsPolicy(self.takedown, conn),
        ]

    def purge(self, request_id: int, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None):
        from ledger_app.takedown.purge import purge_request

        return purge_request(self.takedown, request_id, progress, cancelled)


def build_demo(directory: Path, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
               log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Build the demo workspace in `directory` (see ledger_app/demo/story.py); returns its paths."""
    from ledger_app.demo.story import run_story

    return run_story(directory, log=log or (lambda m: None), progress=progress, cancelled=cancelled)
