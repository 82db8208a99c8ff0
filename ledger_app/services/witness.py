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

It stays one module (some 480 lines): it is one class, WitnessService, with its records;
configuration, submission and the cosignatures it records share one policy and one witness table.
"""

from __future__ import annotations

import builtins
import re
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, insert, update

from ledger_app.core.errors import NotFoundError, UserError, VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused, url_error_said
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
    quorum,
    recent_checkpoints,
    verified_cosignatures,
)
from ledger_app.storage.tables import Witness, WitnessCosignature

if TYPE_CHECKING:
    from ledger_app.services import LedgerService

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_NAME_KEY = re.compile(r"[\x21-\x2a\x2c-\x7e]{1,200}")  # printable ASCII, no space, no '+'
RETRY_AFTER = 60.0  # seconds before an automatic submission retries a witness that failed
AUTO_TIMEOUT = 3.0  # seconds per request when submitting right after a commit
SUBMIT_TIMEOUT = witness_client.DEFAULT_TIMEOUT
STATUS_SCAN = 1000  # checkpoints `status()` looks back for the last cosigned one



_WITNESS, _COSIGNATURE = Witness, WitnessCosignature
# One witness's submission outcome (executemany: one parameter set per witness).
_RECORD_ATTEMPT = (
    update(_WITNESS)
    .where(_WITNESS.c.name == bindparam("witness_name"))
    .values(cosigned_size=bindparam("new_size"), last_attempt=bindparam("attempt"), last_error=bindparam("error"))
)


@dataclass(frozen=True)
class WitnessAdded:
    name: str
    url: str
    vkey: str
    index: int  # the `witness.added` entry
    quorum: int
    witnesses: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "vkey": self.vkey, "index": self.index, "quorum": self.quorum,
                "witnesses": self.witnesses}


@dataclass(frozen=True)
class WitnessRemoved:
    name: str
    index: int  # the `witness.removed` entry
    quorum: int
    witnesses: int

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "index": self.index, "quorum": self.quorum, "witnesses": self.witnesses}


@dataclass(frozen=True)
class WitnessPolicy:
    """k of n: `quorum` cosignatures of `witnesses`; `index` is the `witness.policy` entry when it was just set."""

    quorum: int
    witnesses: int
    index: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"quorum": self.quorum, "witnesses": self.witnesses}
        if self.index is not None:
            out["index"] = self.index
        return out


@dataclass(frozen=True)
class SubmissionResult:
    """One witness's answer to a submission (`status` is a witness_client status)."""

    witness: str
    status: str
    message: str
    http_status: int | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"witness": self.witness, "status": self.status, "message": self.message}
        if self.http_status is not None:
            out["http_status"] = self.http_status
        return out


@dataclass(frozen=True)
class Submitted:
    """`submit`: every witness's answer for the checkpoint of `size`, and whether the policy is met."""

    size: int
    results: list[SubmissionResult]
    quorum: int
    cosigned_by: list[str]
    quorum_met: bool

    def to_json(self) -> dict[str, Any]:
        return {"size": self.size, "results": [r.to_json() for r in self.results], "quorum": self.quorum,
                "cosigned_by": self.cosigned_by, "quorum_met": self.quorum_met}


@dataclass(frozen=True)
class LatestCosigners:
    """The latest checkpoint's size (None without one), the witnesses that cosigned it, and whether that meets the policy."""

    size: int | None
    cosigned_by: list[str]
    quorum_met: bool

    def to_json(self) -> dict[str, Any]:
        return {"size": self.size, "cosigned_by": self.cosigned_by, "quorum_met": self.quorum_met}


@dataclass(frozen=True)
class WitnessStatus:
    """Witnesses, policy, the latest checkpoint's cosigners, and the checkpoints not yet cosigned."""

    quorum: int
    witnesses: list[WitnessInfo]
    latest: LatestCosigners
    last_cosigned_size: int | None
    not_cosigned: list[int]
    not_cosigned_truncated: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "quorum": self.quorum,
            "witnesses": [w.to_json() for w in self.witnesses],
            "latest": self.latest.to_json(),
            "last_cosigned_size": self.last_cosigned_size,
            "not_cosigned": self.not_cosigned,
            "not_cosigned_truncated": self.not_cosigned_truncated,
        }


@dataclass(frozen=True)
class CosignedCheckpoint:
    """The latest checkpoint as a signed note carrying the witnesses' verified cosignature lines."""

    checkpoint: str
    size: int
    quorum: int
    cosigned_by: list[str]
    quorum_met: bool
    not_cosigned: list[int]

    def to_json(self) -> dict[str, Any]:
        return {"checkpoint": self.checkpoint, "size": self.size, "quorum": self.quorum,
                "cosigned_by": self.cosigned_by, "quorum_met": self.quorum_met, "not_cosigned": self.not_cosigned}


@dataclass(frozen=True)
class CosignedDocument:
    """A certificate or report re-proven against the checkpoint of `size`: `document` is the whole
    JSON document (signed body and signature unchanged, new `tlog_proof` and `item_proofs`)."""

    document: dict[str, Any]
    size: int

    def to_json(self) -> dict[str, Any]:
        return self.document


class WitnessService:
    # `list` below is a method: signatures in this class spell the builtin as `builtins.list`.
    def __init__(self, ledger: LedgerService):
        self.ledger = ledger
        self.ws = ledger.ws

    # --- configuration -------------------------------------------------------------------------------

    def list(self) -> builtins.list[WitnessInfo]:
        return list_witnesses(self.ws.engine)

    def quorum(self) -> int:
        return quorum(self.ws.engine)

    def add(self, name: str, url: str, vkey: str) -> WitnessAdded:
        if not _NAME.fullmatch(name or ""):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the witness name {name!r} must be 1 to 64 letters, digits, '.', '_' or '-'"), name=name)
        try:
            parts = urllib.parse.urlsplit(url or "")
        except ValueError as e:  # a bracketed host left open, characters NFKC turns into separators
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the witness URL {url} cannot be used: {problem}"),
                          url=repr(url), problem=url_error_said(e)) from None
        if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the witness URL {url!r} must be an http:// or https:// submission prefix, e.g. https://witness.example/  (add-checkpoint is appended to it)"), url=url)
        try:
            w = parse_witness_vkey(vkey)
        except VerificationError as exc:
            raise UserError(str(exc)) from None
        existing = self.list()
        if any(x.name == name for x in existing):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "a witness named {name} is already configured; remove it first"), name=name)
        if any(parse_witness_vkey(x.vkey).public_key == w.public_key for x in existing):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the key {vkey} is already configured for another witness"), vkey=w.vkey)
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            conn.execute(insert(_WITNESS).values(name=name, url=url, vkey=w.vkey, cosigned_size=0, added_at=time.time()))
            res = self.ledger.append([("witness.added", {"name": name, "url": url, "vkey": w.vkey})], conn=conn)
        self.ledger.after_external_commit(res)  # submits the new checkpoint, to the new witness too
        return WitnessAdded(name, url, w.vkey, res.first_index, self.quorum(), len(existing) + 1)

    def remove(self, name: str) -> WitnessRemoved:
        existing = self.list()
        if not any(x.name == name for x in existing):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no witness named {name} is configured (see `ledger witness list`)"), error=NotFoundError, name=name)
        stored = self.ws.meta(QUORUM_META)
        if stored is not None and stored.isdigit() and int(stored) > len(existing) - 1:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the policy needs {stored} cosignatures; with {name} gone only {left} witness(es) remain: lower it first (`ledger witness policy K`)"), stored=stored, name=name, left=len(existing) - 1)
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            conn.execute(delete(_WITNESS).where(_WITNESS.c.name == name))
            res = self.ledger.append([("witness.removed", {"name": name})], conn=conn)
        self.ledger.after_external_commit(res)
        return WitnessRemoved(name, res.first_index, self.quorum(), len(existing) - 1)

    def policy(self) -> WitnessPolicy:
        """The policy in force: k cosignatures of the n configured witnesses."""
        return WitnessPolicy(self.quorum(), len(self.list()))

    def set_policy(self, k: int) -> WitnessPolicy:
        names = [w.name for w in self.list()]
        if not 0 <= k <= len(names):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the policy must ask for 0 to {n} cosignatures (there are {n} witnesses); add witnesses first with `ledger witness add`"), n=len(names))
        self.ledger.unlock()
        with self.ws.store.write_transaction() as conn:
            self.ws.set_meta(conn, QUORUM_META, str(k))
            res = self.ledger.append([("witness.policy", {"quorum": k, "witnesses": names})], conn=conn)
        self.ledger.after_external_commit(res)
        return WitnessPolicy(k, len(names), res.first_index)

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

    def submit(self, timeout: float = SUBMIT_TIMEOUT) -> Submitted:
        """Offer the latest checkpoint to every witness now; returns the results and whether the policy is met."""
        cp = self.ws.store.latest_checkpoint()
        if cp is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger has no checkpoint yet"), error=NotFoundError)
        witnesses = self.list()
        if not witnesses:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no witness is configured; add one with `ledger witness add NAME URL VKEY`"))
        results = self._submit(cp, witnesses, timeout)
        st = self.status()
        return Submitted(cp.size, results, st.quorum, st.latest.cosigned_by, st.latest.quorum_met)

    def _submit(
        self, cp: StoredCheckpoint, witnesses: builtins.list[WitnessInfo], timeout: float
    ) -> builtins.list[SubmissionResult]:
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

    def _record(
        self, cp: StoredCheckpoint, outcomes: builtins.list[tuple[WitnessInfo, Any]]
    ) -> builtins.list[SubmissionResult]:
        now = time.time()
        size = None
        results: list[SubmissionResult] = []
        updates: list[dict[str, Any]] = []
        inserts: list[dict[str, Any]] = []
        for w, sub in outcomes:
            if sub is None:
                results.append(SubmissionResult(w.name, witness_client.COSIGNED, "already cosigned"))
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
            updates.append({"new_size": new_size, "attempt": now, "error": error, "witness_name": w.name})
            inserts += [{"checkpoint_size": cp.size, "root_hash": cp.root_hash, "witness": w.name, "vkey": w.vkey,
                         "timestamp": c.timestamp, "line": c.line, "received_at": now} for c in sub.cosignatures]
            results.append(SubmissionResult(w.name, sub.status, error or sub.message, sub.http_status))
        if updates:
            with self.ws.engine.begin() as conn:
                conn.execute(_RECORD_ATTEMPT, updates)
                if inserts:
                    conn.execute(insert(_COSIGNATURE), inserts)
        return results

    # --- what is cosigned ----------------------------------------------------------------------------

    def status(self) -> WitnessStatus:
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
        latest_info = LatestCosigners(None, [], k == 0)
        if recent:
            for n, cp in enumerate(recent):
                found = verified_cosignatures(engine, cp) if (cp.size, cp.root_hash) in heads else []
                by = [configured[(c.name, c.key_id)] for c in found if (c.name, c.key_id) in configured]
                if n == 0:
                    latest_info = LatestCosigners(cp.size, by, len(by) >= k)
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
        return WitnessStatus(k, witnesses, latest_info, last_met, pending, more)

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

    def cosign_document(self, doc: dict[str, Any]) -> CosignedDocument:
        """Re-prove a certificate's or report's entries against the newest checkpoint that meets the policy.

        The signed body and signature stay as they are; only `tlog_proof` (and `item_proofs`), the
        unsigned attachments, change, so a document issued while the witnesses were unreachable can
        carry their cosignatures once a later checkpoint has them.
        """
        from ledger_app.certificates.document import entry_proof

        if not isinstance(doc, dict) or not isinstance(doc.get("entry"), dict) or "tlog_proof" not in doc:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "this is not an issued certificate or report (it has no entry and tlog_proof)"))
        cp = self.latest_cosigned()
        if cp is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no checkpoint is cosigned by the witnesses the policy asks for yet; run `ledger witness submit` first (`ledger witness status` shows what is missing)"))
        index = doc["entry"].get("index")
        if type(index) is not int or not 0 <= index < cp.size:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the document's entry {index!r} is not inside the newest cosigned checkpoint (size {size}); run `ledger witness submit` first (`ledger witness status` shows what is missing)"), index=index, size=cp.size)
        note = cosigned_note(self.ws.engine, cp)
        body = parse_checkpoint_body(split_note(note)[0])
        if body.size != cp.size:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the cosigned checkpoint does not match its stored size"))
        out = dict(doc)
        proven = entry_proof(self.ledger, index, cp.size, note)
        if proven["leaf_data"] != doc["entry"].get("leaf_data"):
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {index} is not the entry the document names; it belongs to another ledger"), index=index)
        out["tlog_proof"] = proven["tlog_proof"]
        if isinstance(doc.get("item_proofs"), list):
            out["item_proofs"] = [
                {k: v for k, v in entry_proof(self.ledger, int(p["index"]), cp.size, note).items()}
                for p in doc["item_proofs"]
            ]
        return CosignedDocument(out, cp.size)

    def checkpoint(self) -> CosignedCheckpoint:
        """The latest checkpoint as a signed note carrying the witnesses' verified cosignature lines."""
        cp = self.ws.store.latest_checkpoint()
        if cp is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger has no checkpoint yet"), error=NotFoundError)
        st = self.status()
        return CosignedCheckpoint(cosigned_note(self.ws.engine, cp), cp.size, st.quorum, st.latest.cosigned_by,
                                  st.latest.quorum_met, st.not_cosigned)


def generate_witness_key(path: str, name: str, passphrase: str) -> str:
    """Create an encrypted witness key file (the ledger's key-file format) and return its cosignature vkey."""
    from ledger_app.ledger import keys as keyfiles
    from ledger_app.ledger.note import cosigner_from_private_key

    if not _NAME_KEY.fullmatch(name or ""):
        raise UserError(f"the witness name {name!r} must be a key name without spaces or '+', e.g. witness.example/w1")
    key = keyfiles.create_key_file(path, name, passphrase)
    return cosigner_from_private_key(name, key.signer.private_key(), 1).vkey  # the key never leaves


def load_witness_key(path: str, passphrase: str):  # (name, Ed25519PrivateKey)
    from ledger_app.ledger import keys as keyfiles

    key = keyfiles.load_key_file(path, passphrase)
    return key.name, key.signer.private_key()
