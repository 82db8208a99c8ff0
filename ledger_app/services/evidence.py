"""What a removal certificate may state about a purge: the signed ledger, checked against the files.

Why this exists: the state tables (`takedown_request.status`, `purge_record`, `item.status`) can be
edited by anyone with write access to the database; a certificate built from them would certify a
purge that never happened. A certificate is therefore built only from the request's
`takedown.purged` ledger entries — each proven included under the latest checkpoint, which is
itself re-checked (LedgerStore.verified_head) — and only after

* re-hashing every shard those entries rewrote: it must still have the digest the ledger recorded
  after the last purge that touched it (or be gone, if the purge emptied it);
* re-reading those shards: no record with a purged item's SHA-256 is left in them;
* comparing the state tables with the entries: the request's status, its purge records and the
  purged items' rows must say what the ledger says.

Any difference stops the issue with a sentence naming the request, the entry and what differs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger_app.core.errors import CorpusError, UserError, VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, refused, said_of, say
from ledger_app.core.os_errors import os_error_said
from ledger_app.ledger import merkle
from ledger_app.ledger.entries import decode_entry
from ledger_app.ledger.store import AppendRefused
from ledger_app.storage.repos import takedowns as repo

PURGED = "takedown.purged"


@dataclass(frozen=True)
class PurgedItem:
    """An item a signed `takedown.purged` entry records as removed."""

    item: str
    sha256: str
    corpus: str

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "sha256": self.sha256, "corpus": self.corpus}


@dataclass(frozen=True)
class ShardDigest:
    """A shard a purge rewrote: its SHA-256 before and after (None once the purge emptied it)."""

    corpus: str
    path: str
    sha256_before: str
    sha256_after: str | None

    def to_json(self) -> dict[str, Any]:
        return {"corpus": self.corpus, "path": self.path, "sha256_before": self.sha256_before,
                "sha256_after": self.sha256_after}


@dataclass(frozen=True)
class PurgeEvidence:
    """The request's purges as the ledger records them, verified against the files."""

    entries: tuple[int, ...]  # ledger indexes of the request's takedown.purged entries
    items: tuple[PurgedItem, ...]
    shards: tuple[ShardDigest, ...]
    stored: frozenset[str] = frozenset()  # the items that live in the fingerprint store


def _refuse(rid: int, source: str, **args: Any) -> UserError:
    """Request `rid`'s certificate refused: `source` (a message, fields from `args`) says why."""
    return refused(QT_TRANSLATE_NOOP("ServiceMessage", "request {rid}: {problem}; no certificate was issued"), rid=rid,
                   problem=Said(source, args))


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _item_corpus(item_id: str) -> str:
    return item_id.split(":", 1)[0]


def purge_evidence(services, rid: int) -> PurgeEvidence:  # ledger_app.services.Services
    ledger, store = services.ledger, services.ws.store
    chain = ledger.key_chain(refresh=True)
    anchor = services.ws.open_witness([link.verifier for link in chain])
    with services.ws.engine.connect() as conn:
        try:
            head = store.verified_head(conn, [chain[-1].verifier], ledger.origin, anchor)
        except AppendRefused as exc:
            raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "the ledger cannot be trusted as stored ({reason})"),
                          reason=exc.reason_said) from None

    # Every takedown.purged entry (the type column only finds them; each leaf is decoded), in order:
    # the last one touching a shard says what the shard must hold now.
    latest_after: dict[tuple[str, str], str | None] = {}
    mine: list[tuple[int, dict[str, Any]]] = []
    for e in store.entries(0, types=[PURGED]):
        try:
            d = decode_entry(e.leaf, index=e.index)
        except VerificationError as exc:
            raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {n} is unreadable ({problem})"), n=e.index,
                          problem=said_of(exc)) from None
        if d.type != PURGED:
            raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {n}'s type column says {purged} but its signed "
                                                                   "leaf is a {type}"), n=e.index, purged=PURGED, type=d.type)
        if e.index >= head.size:
            raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {n} is not covered by the latest signed "
                                                                   "checkpoint"), n=e.index)
        payload = d.payload
        items = payload.get("items") or []
        shards = payload.get("shards") or []
        corpora = {_item_corpus(str(it.get("item", ""))) for it in items}
        for sh in shards:
            corpus = sh.get("corpus") or (next(iter(corpora)) if len(corpora) == 1 else None)
            if corpus is None:
                raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {n} does not say which corpus shard {shard} "
                                                                       "belongs to"), n=e.index, shard=sh.get("path"))
            latest_after[(corpus, sh["path"])] = sh.get("sha256_after")
        if payload.get("request") == rid:
            _, proof, _, _ = store.inclusion_proof(e.index, head.size)
            try:
                merkle.verify_inclusion(e.index, head.size, merkle.leaf_hash(e.leaf), proof, head.root_hash)
            except VerificationError:
                raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {n} is not the one the signed checkpoint "
                                                                       "includes"), n=e.index) from None
            mine.append((e.index, payload))
    if not mine:
        raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "the ledger holds no takedown.purged entry for it, so "
                                                               "nothing was purged whatever the request's status and "
                                                               "purge records say (the state tables were edited, or the "
                                                               "purge never ran)"))

    purged: list[dict[str, Any]] = []
    rewritten: list[dict[str, Any]] = []
    for index, payload in mine:
        entry_items = [{"item": str(it["item"]), "sha256": str(it["sha256"]),
                        "corpus": it.get("corpus") or _item_corpus(str(it["item"])), "shard": it.get("shard")}
                       for it in payload.get("items") or []]
        corpora = {it["corpus"] for it in entry_items}
        for sh in payload.get("shards") or []:
            corpus = sh.get("corpus") or next(iter(corpora))
            rewritten.append({"corpus": corpus, "path": sh["path"], "sha256_before": sh["sha256_before"],
                              "sha256_after": sh.get("sha256_after"), "entry": index})
        purged.extend(entry_items)

    stored = _check_state(services, rid, mine, purged, rewritten)
    _check_files(services, rid, purged, rewritten, latest_after)
    return PurgeEvidence(
        entries=tuple(i for i, _ in mine),
        items=tuple(PurgedItem(it["item"], it["sha256"], it["corpus"]) for it in purged),
        shards=tuple(ShardDigest(s["corpus"], s["path"], s["sha256_before"], s["sha256_after"]) for s in rewritten),
        stored=frozenset(stored),
    )


def _check_state(services, rid: int, mine, items, shards) -> set[str]:
    """The state tables (and for stored items, their rows in the fingerprint store) must say what the
    signed entries say; returns the stored items."""
    indexes = ", ".join(str(i) for i, _ in mine)
    where = (say(QT_TRANSLATE_NOOP("ServiceMessage", "its takedown.purged entry {indexes}"), indexes=indexes)
             if len(mine) == 1 else
             say(QT_TRANSLATE_NOOP("ServiceMessage", "its takedown.purged entries {indexes}"), indexes=indexes))
    req = services.takedown.request_record(rid)
    if req.status not in ("purged", "certified", "closed"):
        raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "its status is {status}, but {where} record a purge"),
                      status=req.status, where=where)
    with services.ws.engine.connect() as conn:
        recorded = repo.purge_digests(conn, rid)
    signed = {(s["path"], s["sha256_before"], s["sha256_after"]) for s in shards}
    if recorded != signed:
        extra = sorted(recorded - signed)
        missing = sorted(signed - recorded)
        detail = (say(QT_TRANSLATE_NOOP("ServiceMessage", "a purge record for shard {shard} that the ledger does not "
                                                          "hold"), shard=extra[0][0]) if extra
                  else say(QT_TRANSLATE_NOOP("ServiceMessage", "no purge record for shard {shard} that the ledger "
                                                               "holds"), shard=missing[0][0]))
        raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "the purge_record table disagrees with {where}: it has "
                                                               "{detail}"), where=where, detail=detail)
    stored = set()
    stored_shards = services.corpus.stored.manifests()
    for it in items:
        with services.ws.engine.connect() as conn:
            row = repo.item_status(conn, it["item"])
        # An item of the fingerprint store; or a database item whose shard is also stored (ingested
        # again with --store), whose stored row the purge marks too: both must say purged.
        in_store = None
        if row is None or (it["corpus"], it.get("shard")) in stored_shards:
            in_store = _stored_status(services, it["item"])
        if row is None and in_store is None:
            raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "item {item}, purged according to {where}, has no item "
                                                                   "row"), item=it["item"], where=where)
        if in_store is not None:
            stored.add(it["item"])
        for table, r in ((QT_TRANSLATE_NOOP("ServiceMessage", "the item table"), row),
                         (QT_TRANSLATE_NOOP("ServiceMessage", "the fingerprint store"), in_store)):
            if r is not None and (r[0] != "purged" or (r[1] and r[1] != it["sha256"])):
                raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "item {item} is {status} with SHA-256 {got} in "
                                                                       "{table}, but {where} record it purged with "
                                                                       "SHA-256 {want}"),
                              item=it["item"], status=r[0], got=r[1], table=say(table), where=where, want=it["sha256"])
    return stored


def _stored_status(services, item_id: str) -> tuple[str, str | None] | None:
    """(status, SHA-256) of a stored item in its shard's current store file, if it is one."""
    from ledger_app.core.errors import NotFoundError

    try:
        row = services.corpus.stored.item(item_id)
    except NotFoundError:
        return None
    sha = row.get("sha256")
    return str(row["status"]), sha.hex() if isinstance(sha, bytes) else sha


def _check_files(services, rid: int, items, shards, latest_after) -> None:
    """Re-hash each rewritten shard and confirm no purged item's content is left in it."""
    from ledger_app.corpus import open_corpus

    adapters: dict[str, Any] = {}
    for sh in shards:
        corpus = sh["corpus"]
        with services.ws.engine.connect() as conn:
            row = repo.corpus_location(conn, corpus)
        if row is None:
            raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "corpus {corpus} of shard {shard} is not registered"),
                          corpus=corpus, shard=sh["path"])
        root = Path(row[0])
        path = root / sh["path"]
        want = latest_after.get((corpus, sh["path"]), sh["sha256_after"])
        if want is None:
            if path.exists():
                raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "shard {shard} of corpus {corpus} exists again, "
                                                                       "but the purge emptied and removed it"),
                              shard=sh["path"], corpus=corpus)
            continue
        try:
            got = _sha256_file(path)
        except OSError as exc:
            raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "shard {shard} of corpus {corpus} cannot be read to "
                                                                   "re-check it ({why})"),
                          shard=sh["path"], corpus=corpus, why=os_error_said(exc)) from None
        if got != want:
            raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "shard {shard} of corpus {corpus} has SHA-256 {got}, "
                                                                   "not the {want} the ledger recorded after the "
                                                                   "purge: it changed since (restored from a backup?)"),
                          shard=sh["path"], corpus=corpus, got=got, want=want)
        gone = {it["sha256"] for it in items if it["corpus"] == corpus and it.get("shard") in (None, sh["path"])}
        if not gone:
            continue
        if corpus not in adapters:
            try:
                adapters[corpus] = open_corpus(root, row[1])
            except CorpusError as exc:
                raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "corpus {corpus} cannot be opened to re-check it "
                                                                       "({problem})"), corpus=corpus,
                              problem=said_of(exc)) from None
        for raw in adapters[corpus].iter_items(sh["path"]):
            if raw.data is not None and hashlib.sha256(raw.data).hexdigest() in gone:
                raise _refuse(rid, QT_TRANSLATE_NOOP("ServiceMessage", "shard {shard} of corpus {corpus} still holds "
                                                                       "{key}, whose content the ledger records as "
                                                                       "purged"), shard=sh["path"], corpus=corpus,
                              key=raw.key)
