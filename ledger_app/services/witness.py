"""Independent witnesses for this ledger: configuration, submission, cosignatures, policy (k of n).

Why this exists: the workspace's own witness copy sits beside the database, so an insider who can
rewrite both can fork or roll back the ledger unseen. Witnesses outside the workspace
(c2sp.org/tlog-witness) cosign each checkpoint only if it extends what they cosigned before; a
certificate whose checkpoint carries k of n such cosignatures cannot come from a forked or
rolled-back ledger unless k witnesses are dishonest too.

Offline first: every new checkpoint is offered to each witness right after its commit, with a
short timeout; a witness that fails is retried automatically only after `RETRY_AFTER` seconds, and
`ledger witness submit` tries all of them now. Nothing here raises because a witness is down: the
ledger keeps working and `status()` says which checkpoints are not yet cosigned. Cosignatures are
verified against the witness's key before they are stored and again before they are attached.

Changes to the witness list and the policy are ledger entries (`witness.added`, `witness.removed`,
`witness.policy`), so dropping a witness is itself on the record.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from ledger_app.core.errors import NotFoundError, UserError, VerificationError
from ledger_app.ledger import witness_client
from ledger_app.ledger.checkpoint import parse_checkpoint_body
from ledger_app.ledger.cosignature import parse_witness_vkey, split_note
from ledger_app.ledger.store import StoredCheckpoint
from ledger_app.ledger.witness_store import (
    QUORUM_META,
    WitnessInfo,
    checkpoints_with_cosignature_rows,
    cosigned_heads,
    cosigned_note,
    list_witnesses,
    placeholder,
    quorum,
    recent_checkpoints,
    verified_cosignatures,
)

if TYPE_CHECKING:
    from ledger_app.services import LedgerService

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_NAME_KEY = re.compile(r"[\x21-\x2a\x2c-\x7e]{1,200}")  # printable ASCII, no space, no '+'
RETRY_AFTER = 60.0  # seconds before an automatic submission retries a witness that failed
AUTO_TIMEOUT = 3.0  # seconds per request when submitting right after a commit
SUBMIT_TIMEOUT = witness_client.DEFAULT_TIMEOUT
STATUS_SCAN = 1000  # checkpoints `status()` looks back for the last cosigned one


class WitnessService:
    def __init__(self, ledger: LedgerService):
        self.ledger = ledger
        self.ws = ledger.ws

    # --- configuration -------------------------------------------------------------------------------

    def list(self) -> list[WitnessInfo]:
        return list_witnesses(self.ws.engine)

    def quorum(self) -> int:
        return quorum(self.ws.engine)

    def add(self, name: str, url: str, vkey: str) -> dict[str, Any]:
        if not _NAME.fullmatch(name or ""):
            raise UserError(f"the witness name {name!r} must be 1 to 64 letters, digits, '.', '_' or '-'")
        parts = urllib.parse.urlsplit(url or "")
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise UserError(f"the witness URL {url!r} must be an http:// or https:// submission prefix, e.g. "
                            "https://witness.example/  (add-checkpoint is appended to it)")
        try:
            w = parse_witness_vkey(vkey)
        except VerificationError as exc:
            raise UserError(str(exc)) from None
        existing = self.list()
        if any(x.name == name for x in existing):
            raise UserError(f"a witness named {name} is already configured; remove it first")
        if any(parse_witness_vkey(x.vkey).public_key == w.public_key for x in existing):
            raise UserError(f"the key {w.vkey} is already configured for another witness")
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            ph = placeholder(conn)
            conn.exec_driver_sql(
                f"INSERT INTO witness (name, url, vkey, cosigned_size, added_at) VALUES ({ph},{ph},{ph},0,{ph})",
                (name, url, w.vkey, time.time()),
            )
            res = self.ledger.append([("witness.added", {"name": name, "url": url, "vkey": w.vkey})], conn=conn)
        self.ledger.after_external_commit(res)  # submits the new checkpoint, to the new witness too
        return {"name": name, "url": url, "vkey": w.vkey, "index": res.first_index, "quorum": self.quorum(),
                "witnesses": len(existing) + 1}

    def remove(self, name: str) -> dict[str, Any]:
        existing = self.list()
        if not any(x.name == name for x in existing):
            raise NotFoundError(f"no witness named {name} is configured (see `ledger witness list`)")
        stored = self.ws.meta(QUORUM_META)
        if stored is not None and stored.isdigit() and int(stored) > len(existing) - 1:
            raise UserError(f"the policy needs {stored} cosignatures; with {name} gone only {len(existing) - 1} "
                            "witness(es) remain: lower it first (`ledger witness policy K`)")
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            conn.exec_driver_sql(f"DELETE FROM witness WHERE name = {placeholder(conn)}", (name,))
            res = self.ledger.append([("witness.removed", {"name": name})], conn=conn)
        self.ledger.after_external_commit(res)
        return {"name": name, "index": res.first_index, "quorum": self.quorum(), "witnesses": len(existing) - 1}

    def set_policy(self, k: int) -> dict[str, Any]:
        names = [w.name for w in self.list()]
        if not 0 <= k <= len(names):
            raise UserError(f"the policy must ask for 0 to {len(names)} cosignatures (there are {len(names)} "
                            "witnesses); add witnesses first with `ledger witness add`")
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            self.ws.set_meta(conn, QUORUM_META, str(k))
            res = self.ledger.append([("witness.policy", {"quorum": k, "witnesses": names})], conn=conn)
        self.ledger.after_external_commit(res)
        return {"quorum": k, "witnesses": len(names), "index": res.first_index}

    # --- submission ----------------------------------------------------------------------------------

    def after_checkpoint(self, cp: StoredCheckpoint) -> None:
        """The checkpoint hook: offer `cp` to every witness not in its retry pause. Never raises for a peer."""
        witnesses = self.list()
        if not witnesses:
            return
        now = time.time()
        due = [w for w in witnesses if not (w.last_error and w.last_attempt and now - w.last_attempt < RETRY_AFTER)]
        if due:
            self._submit(cp, due, AUTO_TIMEOUT)

    def submit(self, timeout: float = SUBMIT_TIMEOUT) -> dict[str, Any]:
        """Offer the latest checkpoint to every witness now; returns the results and whether the policy is met."""
        cp = self.ws.store.latest_checkpoint()
        if cp is None:
            raise NotFoundError("the ledger has no checkpoint yet")
        witnesses = self.list()
        if not witnesses:
            raise UserError("no witness is configured; add one with `ledger witness add NAME URL VKEY`")
        results = self._submit(cp, witnesses, timeout)
        st = self.status()
        return {"size": cp.size, "results": results, "quorum": st["quorum"], "cosigned_by": st["latest"]["cosigned_by"],
                "quorum_met": st["latest"]["quorum_met"]}

    def _submit(self, cp: StoredCheckpoint, witnesses: list[WitnessInfo], timeout: float) -> list[dict[str, Any]]:
        """Offer `cp` to the witnesses at once (one thread each), then record every outcome in one transaction."""
        store = self.ws.store
        have = {(c.name, c.key_id) for c in verified_cosignatures(self.ws.engine, cp)}
        proofs: dict[int, list[bytes]] = {}
        lock = threading.Lock()

        def proof_from(old: int) -> list[bytes]:
            with lock:  # one store read at a time; the same proof serves every witness at that size
                if old not in proofs:
                    proofs[old] = store.consistency_proof(old, cp.size)[1]
                return proofs[old]

        def one(w: WitnessInfo) -> witness_client.Submission | str | None:
            try:
                ver = parse_witness_vkey(w.vkey)
            except VerificationError as exc:
                return f"witness {w.name}: {exc}"
            if (ver.name, ver.key_id.hex()) in have:
                return None
            try:
                return witness_client.submit(w.name, w.url, ver, cp.note, cp.size, min(w.cosigned_size, cp.size),
                                             proof_from, timeout=timeout)
            except Exception as exc:  # e.g. the database went away mid-way; the append stands
                return witness_client.Submission(witness_client.REFUSED, f"witness {w.name}: {type(exc).__name__}: {exc}")

        if len(witnesses) == 1:
            outcomes = [one(witnesses[0])]
        else:
            with ThreadPoolExecutor(max_workers=min(8, len(witnesses))) as pool:
                outcomes = list(pool.map(one, witnesses))
        return self._record(cp, list(zip(witnesses, outcomes, strict=True)))

    def _record(self, cp: StoredCheckpoint, outcomes: list[tuple[WitnessInfo, Any]]) -> list[dict[str, Any]]:
        now = time.time()
        size = None
        results, updates, inserts = [], [], []
        for w, sub in outcomes:
            if sub is None:
                results.append({"witness": w.name, "status": witness_client.COSIGNED, "message": "already cosigned"})
                continue
            if isinstance(sub, str):
                sub = witness_client.Submission(witness_client.REFUSED, sub)
            error = None if sub.ok else sub.message
            new_size = w.cosigned_size
            if sub.witness_size is not None:
                size = self.ws.store.size() if size is None else size
                if sub.witness_size > size:
                    error = (f"witness {w.name} has cosigned a tree of size {sub.witness_size}, but this ledger holds "
                             f"only {size} entries: the ledger was rolled back or replaced since; run `ledger log verify`")
                else:
                    new_size = sub.witness_size
            updates.append((new_size, now, error, w.name))
            inserts += [(cp.size, cp.root_hash, w.name, w.vkey, c.timestamp, c.line, now) for c in sub.cosignatures]
            out = {"witness": w.name, "status": sub.status, "message": error or sub.message}
            if sub.http_status is not None:
                out["http_status"] = sub.http_status
            results.append(out)
        if updates:
            with self.ws.engine.begin() as conn:
                ph = placeholder(conn)
                conn.exec_driver_sql(
                    f"UPDATE witness SET cosigned_size = {ph}, last_attempt = {ph}, last_error = {ph} WHERE name = {ph}",
                    updates,
                )
                if inserts:
                    conn.exec_driver_sql(
                        "INSERT INTO witness_cosignature (checkpoint_size, root_hash, witness, vkey, timestamp, line, "
                        f"received_at) VALUES ({ph},{ph},{ph},{ph},{ph},{ph},{ph})",
                        inserts,
                    )
        return results

    # --- what is cosigned ----------------------------------------------------------------------------

    def status(self) -> dict[str, Any]:
        """Witnesses, policy, the latest checkpoint's cosigners, and the checkpoints not yet cosigned."""
        witnesses = self.list()
        k = quorum(self.ws.engine, len(witnesses))
        configured = {}
        for w in witnesses:
            try:
                v = parse_witness_vkey(w.vkey)
                configured[(v.name, v.key_id.hex())] = w.name
            except VerificationError:
                continue
        engine = self.ws.engine
        recent = recent_checkpoints(engine, STATUS_SCAN + 1)
        heads = cosigned_heads(engine, min(c.size for c in recent)) if recent and configured else set()
        pending: list[int] = []
        last_met: int | None = None
        more = False
        latest_info: dict[str, Any] = {"size": None, "cosigned_by": [], "quorum_met": k == 0}
        if recent:
            for n, cp in enumerate(recent):
                found = verified_cosignatures(engine, cp) if (cp.size, cp.root_hash) in heads else []
                by = [configured[(c.name, c.key_id)] for c in found if (c.name, c.key_id) in configured]
                if n == 0:
                    latest_info = {"size": cp.size, "cosigned_by": by, "quorum_met": len(by) >= k}
                if k == 0:
                    break  # no policy: nothing is waiting for a cosignature
                if len(by) >= k:
                    last_met = cp.size
                    break
                if n >= STATUS_SCAN:
                    more = True
                    break
                pending.append(cp.size)
        pending.reverse()
        return {
            "quorum": k,
            "witnesses": [w.to_json() for w in witnesses],
            "latest": latest_info,
            "last_cosigned_size": last_met,
            "not_cosigned": pending,
            "not_cosigned_truncated": more,
        }

    def latest_cosigned(self) -> StoredCheckpoint | None:
        """The newest checkpoint whose cosignatures meet the policy (None if none does)."""
        k = self.quorum()
        configured = set()
        for w in self.list():
            v = parse_witness_vkey(w.vkey)
            configured.add((v.name, v.key_id.hex()))
        for cp in checkpoints_with_cosignature_rows(self.ws.engine):
            n = sum(1 for c in verified_cosignatures(self.ws.engine, cp) if (c.name, c.key_id) in configured)
            if n >= max(k, 1):
                return cp
        return None

    def cosign_document(self, doc: dict[str, Any]) -> dict[str, Any]:
        """Re-prove a certificate's or report's entries against the newest checkpoint that meets the policy.

        The signed body and signature stay as they are; only `tlog_proof` (and `item_proofs`), the
        unsigned attachments, change, so a document issued while the witnesses were unreachable can
        carry their cosignatures once a later checkpoint has them.
        """
        from ledger_app.certificates.document import entry_proof

        if not isinstance(doc, dict) or not isinstance(doc.get("entry"), dict) or "tlog_proof" not in doc:
            raise UserError("this is not an issued certificate or report (it has no entry and tlog_proof)")
        cp = self.latest_cosigned()
        if cp is None:
            raise UserError("no checkpoint is cosigned by the witnesses the policy asks for yet; run "
                            "`ledger witness submit` first (`ledger witness status` shows what is missing)")
        index = doc["entry"].get("index")
        if type(index) is not int or not 0 <= index < cp.size:
            raise UserError(f"the document's entry {index!r} is not inside the newest cosigned checkpoint (size "
                            f"{cp.size}); run `ledger witness submit` first (`ledger witness status` shows what is "
                            "missing)")
        note = cosigned_note(self.ws.engine, cp)
        body = parse_checkpoint_body(split_note(note)[0])
        if body.size != cp.size:
            raise UserError("the cosigned checkpoint does not match its stored size")
        out = dict(doc)
        proven = entry_proof(self.ledger, index, cp.size, note)
        if proven["leaf_data"] != doc["entry"].get("leaf_data"):
            raise UserError(f"ledger entry {index} is not the entry the document names; it belongs to another ledger")
        out["tlog_proof"] = proven["tlog_proof"]
        if isinstance(doc.get("item_proofs"), list):
            out["item_proofs"] = [
                {k: v for k, v in entry_proof(self.ledger, int(p["index"]), cp.size, note).items()}
                for p in doc["item_proofs"]
            ]
        return out

    def checkpoint(self) -> dict[str, Any]:
        """The latest checkpoint as a signed note carrying the witnesses' verified cosignature lines."""
        cp = self.ws.store.latest_checkpoint()
        if cp is None:
            raise NotFoundError("the ledger has no checkpoint yet")
        st = self.status()
        return {"checkpoint": cosigned_note(self.ws.engine, cp), "size": cp.size, "quorum": st["quorum"],
                "cosigned_by": st["latest"]["cosigned_by"], "quorum_met": st["latest"]["quorum_met"],
                "not_cosigned": st["not_cosigned"]}


def generate_witness_key(path: str, name: str, passphrase: str) -> str:
    """Create an encrypted witness key file (the ledger's key-file format) and return its cosignature vkey."""
    from ledger_app.ledger import keys as keyfiles
    from ledger_app.ledger.note import cosigner_from_private_key

    if not _NAME_KEY.fullmatch(name or ""):
        raise UserError(f"the witness name {name!r} must be a key name without spaces or '+', e.g. witness.example/w1")
    key = keyfiles.create_key_file(path, name, passphrase)
    return cosigner_from_private_key(name, key.signer._private, 1).vkey  # the key never leaves


def load_witness_key(path: str, passphrase: str):  # (name, Ed25519PrivateKey)
    from ledger_app.ledger import keys as keyfiles

    key = keyfiles.load_key_file(path, passphrase)
    return key.name, key.signer._private
