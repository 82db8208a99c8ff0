"""The takedown aggregate's storage: requests, their drafts, works, matches and purge records, the
blocklist, standing claims and licences, and the item, corpus and fingerprint reads the takedown
workflow (locate, purge, certify, the inclusion check) makes.

SQLAlchemy Core over the declared tables, bound parameters only, the same statements on SQLite and
PostgreSQL. Every function takes the caller's connection first: the services own the transactions.

It stays one module (some 620 lines): it is the repository of one aggregate (a request with its
works, matches, purge records and drafts, and the blocklist and claims they feed), whose statements
share the same tables and row records.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, cast, delete, distinct, func, insert, or_, select, update
from sqlalchemy.engine import Connection

from ledger_app.storage.tables import (
    Blocklist,
    Claim,
    Corpus,
    Fingerprint,
    IngestShard,
    Item,
    ItemDetail,
    License,
    Match,
    PurgeRecord,
    TakedownDraft,
    TakedownRequest,
    Work,
)

_request = TakedownRequest
_draft = TakedownDraft
_work = Work
_match = Match
_purge = PurgeRecord
_block = Blocklist
_claim = Claim
_license = License
_item = Item
_corpus = Corpus
_fp = Fingerprint
_detail = ItemDetail
_shard = IngestShard

#: The rows of `IN (…)` lists are read in chunks of this many ids.
CHUNK = 500


def _bytes(v: Any) -> bytes | None:
    return None if v is None else bytes(v)


# --- requests -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestRow:
    id: int
    type: str
    status: str
    status_reason: str | None
    requester: str | None
    requester_kind: str
    received: str
    due_by: str
    extended_reason: str | None
    legal_json: str | None
    claim_id: int | None
    license_id: int | None
    handler: str | None
    approver: str | None
    created_at: float
    updated_at: float


_REQUEST_COLS = [c.name for c in _request.c if c.name != "assignee"]


def request(conn: Connection, rid: int) -> RequestRow | None:
    row = conn.execute(select(*(_request.c[n] for n in _REQUEST_COLS)).where(_request.c.id == int(rid))).fetchone()
    return None if row is None else RequestRow(*row)


def insert_request(conn: Connection, **values: Any) -> int:
    return int(conn.execute(insert(_request).values(**values).returning(_request.c.id)).scalar_one())


def update_request(conn: Connection, rid: int, **values: Any) -> None:
    """Set the given columns of request `rid`."""
    conn.execute(update(_request).where(_request.c.id == rid).values(**values))


@dataclass(frozen=True)
class RequestSummary:
    id: int
    type: str
    status: str
    requester_kind: str
    received: str
    due_by: str
    matches: int


def requests(conn: Connection, status: str | None = None) -> list[RequestSummary]:
    """Every request (or those with `status`) with its number of matches, by due date."""
    n = select(func.count()).select_from(_match).where(_match.c.request_id == _request.c.id).scalar_subquery()
    q = select(_request.c.id, _request.c.type, _request.c.status, _request.c.requester_kind, _request.c.received,
               _request.c.due_by, n)
    if status:
        q = q.where(_request.c.status == status)
    return [RequestSummary(*r) for r in conn.execute(q.order_by(_request.c.due_by, _request.c.id))]


# --- drafts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DraftRow:
    id: int
    body: str
    problems: str
    updated_at: float
    request_id: int | None


def _draft_cols() -> tuple:
    return (_draft.c.id, _draft.c.body, _draft.c.problems, _draft.c.updated_at, _draft.c.request_id)


def insert_draft(conn: Connection, body: str, problems: str, now: float) -> int:
    stmt = insert(_draft).values(body=body, problems=problems, created_at=now, updated_at=now).returning(_draft.c.id)
    return int(conn.execute(stmt).scalar_one())


def update_draft(conn: Connection, draft_id: int, body: str, problems: str, now: float) -> None:
    conn.execute(update(_draft).where(_draft.c.id == draft_id).values(body=body, problems=problems, updated_at=now))


def draft(conn: Connection, draft_id: int) -> DraftRow | None:
    row = conn.execute(select(*_draft_cols()).where(_draft.c.id == int(draft_id))).fetchone()
    return None if row is None else DraftRow(*row)


def open_drafts(conn: Connection) -> list[DraftRow]:
    """The drafts not yet recorded as requests, oldest first."""
    q = select(*_draft_cols()).where(_draft.c.request_id.is_(None)).order_by(_draft.c.id)
    return [DraftRow(*r) for r in conn.execute(q)]


def set_draft_body(conn: Connection, draft_id: int, body: str) -> None:
    """Replace a draft's body without touching its problems or its time (a letter written for it)."""
    conn.execute(update(_draft).where(_draft.c.id == int(draft_id)).values(body=body))


def draft_recorded(conn: Connection, draft_id: int, request_id: int, body: str = "{}") -> None:
    """The draft became request `request_id`: its body is emptied of the notice (it keeps only what
    `body` says, the letters written for the draft, so that an erasure can still find them)."""
    conn.execute(update(_draft).where(_draft.c.id == draft_id).values(request_id=request_id, body=body))


def all_drafts(conn: Connection) -> list[DraftRow]:
    """Every draft, recorded or not (an erasure looks through them all)."""
    return [DraftRow(*r) for r in conn.execute(select(*_draft_cols()).order_by(_draft.c.id))]


def delete_draft(conn: Connection, draft_id: int) -> None:
    conn.execute(delete(_draft).where(_draft.c.id == int(draft_id)))


# --- works ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkRow:
    id: int
    kind: str
    value: str
    description: str | None
    fingerprint: bytes | None
    text: str | None
    sha256: str | None
    media_type: str | None
    fp_kind: str | None
    url: str | None


def insert_work(conn: Connection, *, request_id: int | None, claim_id: int | None, kind: str, value: str,
                description: str | None, fingerprint: bytes | None, text: str | None, sha256: str | None,
                media_type: str | None, fp_kind: str | None, url: str | None) -> int:
    stmt = insert(_work).values(
        request_id=request_id, claim_id=claim_id, kind=kind, value=value, description=description,
        fingerprint=fingerprint, text=text, sha256=sha256, media_type=media_type, fp_kind=fp_kind, url=url,
    ).returning(_work.c.id)
    return int(conn.execute(stmt).scalar_one())


def works(conn: Connection, *, request_id: int | None = None, claim_id: int | None = None) -> list[WorkRow]:
    """The works of a request (or of a standing claim), in the order they were given."""
    col = _work.c.request_id if request_id is not None else _work.c.claim_id
    val = request_id if request_id is not None else claim_id
    q = select(_work.c.id, _work.c.kind, _work.c.value, _work.c.description, _work.c.fingerprint, _work.c.text,
               _work.c.sha256, _work.c.media_type, _work.c.fp_kind, _work.c.url).where(col == val).order_by(_work.c.id)
    return [WorkRow(r[0], r[1], r[2], r[3], _bytes(r[4]), r[5], r[6], r[7], r[8], r[9]) for r in conn.execute(q)]


# --- matches --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatchRow:
    item_id: str
    method: str
    score: str
    decision: str
    evidence: str | None
    work_id: int | None


def matches(conn: Connection, rid: int) -> list[MatchRow]:
    q = (select(_match.c.item_id, _match.c.method, _match.c.score, _match.c.decision, _match.c.evidence,
                _match.c.work_id)
         .where(_match.c.request_id == rid).order_by(_match.c.item_id, _match.c.method))
    return [MatchRow(*r) for r in conn.execute(q)]


def match_keys(conn: Connection, rid: int) -> set[tuple[str, str]]:
    """(item, method) of every match of the request."""
    return {(r[0], r[1]) for r in conn.execute(select(_match.c.item_id, _match.c.method).where(_match.c.request_id == rid))}


def match_decisions(conn: Connection, rid: int) -> list[tuple[str, str]]:
    """(item, decision) of every match of the request."""
    q = select(_match.c.item_id, _match.c.decision).where(_match.c.request_id == rid)
    return [(r[0], r[1]) for r in conn.execute(q)]


def insert_match(conn: Connection, *, request_id: int, item_id: str, work_id: int | None, method: str, score: str,
                 evidence: str, decision: str = "pending") -> None:
    conn.execute(insert(_match).values(request_id=request_id, item_id=item_id, work_id=work_id, method=method,
                                       score=score, evidence=evidence, decision=decision))


def decide(conn: Connection, rid: int, item_id: str, decision: str, who: str | None, now: float) -> None:
    """Record the decision on every match of `item_id` in request `rid`."""
    conn.execute(update(_match).where(_match.c.request_id == rid, _match.c.item_id == item_id)
                 .values(decision=decision, decided_by=who, decided_at=now))


def count_matches(conn: Connection, rid: int, decision: str) -> int:
    q = select(func.count()).select_from(_match).where(_match.c.request_id == rid, _match.c.decision == decision)
    return int(conn.execute(q).scalar_one())


def count_items(conn: Connection, rid: int, decision: str) -> int:
    """How many distinct items the request's matches with `decision` name."""
    q = select(func.count(distinct(_match.c.item_id))).where(_match.c.request_id == rid, _match.c.decision == decision)
    return int(conn.execute(q).scalar_one())


@dataclass(frozen=True)
class AcceptedItem:
    """An item an accepted match names, with where it is stored (for the purge)."""

    id: str
    key: str
    shard: str
    corpus_id: int
    corpus_path: str
    corpus_format: str
    sha256: str | None
    status: str
    corpus_name: str


def accepted_items(conn: Connection, rid: int) -> list[AcceptedItem]:
    q = (select(_item.c.id, _item.c.key, _item.c.shard, _item.c.corpus_id, _corpus.c.path, _corpus.c.format,
                _item.c.sha256, _item.c.status, _corpus.c.name).distinct()
         .select_from(_match.join(_item, _item.c.id == _match.c.item_id).join(_corpus, _corpus.c.id == _item.c.corpus_id))
         .where(_match.c.request_id == rid, _match.c.decision == "accepted").order_by(_item.c.id))
    return [AcceptedItem(*r) for r in conn.execute(q)]


# --- purge records and the blocklist ----------------------------------------------------------------


@dataclass(frozen=True)
class PurgeRow:
    shard: str
    sha256_before: str
    sha256_after: str | None
    items_json: str
    corpus: str


def purge_records(conn: Connection, rid: int) -> list[PurgeRow]:
    """The request's purge records (one per rewritten shard) with their corpus names, in order."""
    q = (select(_purge.c.shard, _purge.c.sha256_before, _purge.c.sha256_after, _purge.c.items_json, _corpus.c.name)
         .select_from(_purge.join(_corpus, _corpus.c.id == _purge.c.corpus_id))
         .where(_purge.c.request_id == rid).order_by(_purge.c.id))
    return [PurgeRow(*r) for r in conn.execute(q)]


def purge_digests(conn: Connection, rid: int) -> set[tuple[str, str, str | None]]:
    """(shard, digest before, digest after) of each of the request's purge records."""
    q = select(_purge.c.shard, _purge.c.sha256_before, _purge.c.sha256_after).where(_purge.c.request_id == rid)
    return {(str(r[0]), r[1], r[2]) for r in conn.execute(q)}


def insert_purge_record(conn: Connection, *, request_id: int, corpus_id: int, shard: str, sha256_before: str,
                        sha256_after: str | None, items_json: str, done_at: float) -> None:
    conn.execute(insert(_purge).values(request_id=request_id, corpus_id=corpus_id, shard=shard,
                                       sha256_before=sha256_before, sha256_after=sha256_after,
                                       items_json=items_json, done_at=done_at))


@dataclass(frozen=True)
class BlockRow:
    id: int
    sha256: str
    kind: str | None
    fingerprint: bytes | None
    request_id: int | None


def blocklist(conn: Connection, kind: str | None = None) -> list[BlockRow]:
    """The blocklist (or its entries of one fingerprint kind), oldest first."""
    q = select(_block.c.id, _block.c.sha256, _block.c.kind, _block.c.fingerprint, _block.c.request_id)
    if kind is not None:
        q = q.where(_block.c.kind == kind)
    return [BlockRow(r[0], r[1], r[2], _bytes(r[3]), r[4]) for r in conn.execute(q.order_by(_block.c.id))]


def insert_block(conn: Connection, *, sha256: str | None, kind: str | None, fingerprint: bytes | None,
                 request_id: int, created_at: float) -> None:
    conn.execute(insert(_block).values(sha256=sha256, kind=kind, fingerprint=fingerprint, request_id=request_id,
                                       created_at=created_at))


# --- the purge's writes to items, fingerprints and shards -------------------------------------------


def item_fingerprint(conn: Connection, item_id: str) -> tuple[str, bytes] | None:
    """(kind, signature) of the item's fingerprint, if it has one."""
    row = conn.execute(select(_fp.c.kind, _fp.c.data).where(_fp.c.item_id == item_id)).fetchone()
    return None if row is None else (row[0], bytes(row[1]))


def drop_derived(conn: Connection, item_id: str) -> None:
    """Delete what ingest derived from an item (its fingerprint, thumbnail and manifest)."""
    conn.execute(delete(_fp).where(_fp.c.item_id == item_id))
    conn.execute(delete(_detail).where(_detail.c.item_id == item_id))


def mark_purged(conn: Connection, item_id: str, *, reason: str, now: float, key: str) -> None:
    conn.execute(update(_item).where(_item.c.id == item_id)
                 .values(status="purged", status_reason=reason, purged_at=now, key=key))


def rekey_item(conn: Connection, corpus_id: int, old_key: str, new_key: str, **values: Any) -> None:
    """The item at `old_key` of the corpus moves to `new_key` (and takes the other given columns)."""
    conn.execute(update(_item).where(_item.c.corpus_id == corpus_id, _item.c.key == old_key)
                 .values(key=new_key, **values))


def shard_items(conn: Connection, corpus_id: int, shard: str) -> dict[str, str | None]:
    """key -> SHA-256 of the shard's items that are not purged."""
    q = select(_item.c.key, _item.c.sha256).where(_item.c.corpus_id == corpus_id, _item.c.shard == shard,
                                                  _item.c.status != "purged")
    return {r[0]: r[1] for r in conn.execute(q)}


def forget_ingested_shard(conn: Connection, corpus_id: int, shard: str) -> None:
    """The shard is read again by the next ingest."""
    conn.execute(delete(_shard).where(_shard.c.corpus_id == corpus_id, _shard.c.shard == shard))


def set_shard_sig(conn: Connection, corpus_id: int, shard: str, stat_sig: str) -> None:
    conn.execute(update(_shard).where(_shard.c.corpus_id == corpus_id, _shard.c.shard == shard)
                 .values(stat_sig=stat_sig))


# --- item reads of locate, claims, certificates and the inclusion check -----------------------------


def corpus_name(conn: Connection, corpus_id: int) -> str | None:
    return conn.execute(select(_corpus.c.name).where(_corpus.c.id == corpus_id)).scalar_one_or_none()


def corpus_location(conn: Connection, name: str) -> tuple[str, str] | None:
    """(path, format) of the corpus called `name`."""
    row = conn.execute(select(_corpus.c.path, _corpus.c.format).where(_corpus.c.name == name)).fetchone()
    return None if row is None else (row[0], row[1])


def item_status(conn: Connection, item_id: str) -> tuple[str, str | None] | None:
    """(status, SHA-256) of an item."""
    row = conn.execute(select(_item.c.status, _item.c.sha256).where(_item.c.id == item_id)).fetchone()
    return None if row is None else (row[0], row[1])


def item_sha256(conn: Connection, item_id: str) -> str | None:
    return conn.execute(select(_item.c.sha256).where(_item.c.id == item_id)).scalar_one_or_none()


def item_location(conn: Connection, item_id: str) -> str | None:
    return conn.execute(select(_item.c.location).where(_item.c.id == item_id)).scalar_one_or_none()


def quarantine(conn: Connection, item_id: str, reason: str) -> None:
    conn.execute(update(_item).where(_item.c.id == item_id).values(status="quarantined", status_reason=reason))


def _live(q: Any) -> Any:
    return q.where(_item.c.status != "purged")


def items_by_sha256(conn: Connection, sha256: str, *, status: str | None = None, live: bool = False) -> list[str]:
    """Ids of the items with this content hash (only those with `status`, or only those not purged)."""
    q = select(_item.c.id).where(_item.c.sha256 == sha256)
    if status is not None:
        q = q.where(_item.c.status == status)
    if live:
        q = _live(q)
    return [r[0] for r in conn.execute(q)]


def items_by_url(conn: Connection, url_norm: str, *, live: bool = False) -> list[tuple[str, str | None]]:
    """(id, source URL) of the items with this URL key."""
    q = select(_item.c.id, _item.c.source_url).where(_item.c.url_norm == url_norm)
    return [(r[0], r[1]) for r in conn.execute(_live(q) if live else q)]


def live_items_in_domain(conn: Connection, domain: str) -> list[tuple[str, str | None]]:
    """(id, source URL) of the live items from `domain` or any of its subdomains."""
    pattern = "%." + domain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    q = select(_item.c.id, _item.c.source_url).where(
        or_(_item.c.domain == domain, _item.c.domain.like(pattern, escape="\\")))
    return [(r[0], r[1]) for r in conn.execute(_live(q))]


def live_items_by_account(conn: Connection, account: str) -> list[str]:
    return [r[0] for r in conn.execute(_live(select(_item.c.id).where(_item.c.account == account)))]


def live_c2pa_items(conn: Connection) -> list[tuple[str, str | None]]:
    """(id, C2PA summary JSON) of the live items that carry C2PA data."""
    q = select(_item.c.id, _item.c.c2pa_json).where(_item.c.c2pa_state != "none")
    return [(r[0], r[1]) for r in conn.execute(_live(q))]


def licensed_items(conn: Connection, license_id: int) -> list[tuple[str, str]]:
    """(id, SHA-256) of the live items acquired under a licence, by id."""
    q = (select(_item.c.id, _item.c.sha256)
         .where(_item.c.license_id == license_id, _item.c.status != "purged", _item.c.sha256.is_not(None))
         .order_by(_item.c.id))
    return [(r[0], r[1]) for r in conn.execute(q)]


@dataclass(frozen=True)
class ReportedItem:
    """What the inclusion check reads of a matched item beside its signed entries."""

    id: str
    corpus: str
    location: str
    status: str
    ingested_at: float
    license: str | None
    entry_idx: int | None
    purged_at: float | None
    sha256: str | None
    leaf: bytes | None
    source_url: str | None
    url_norm: str | None
    url_salt: bytes | None


def reported_item(conn: Connection, item_id: str) -> ReportedItem | None:
    from ledger_app.storage.tables import LedgerEntry

    entry = LedgerEntry
    q = (select(_item.c.id, _corpus.c.name, _item.c.location, _item.c.status, _item.c.ingested_at, _license.c.name,
                _item.c.entry_idx, _item.c.purged_at, _item.c.sha256, entry.c.leaf, _item.c.source_url,
                _item.c.url_norm, _item.c.url_salt)
         .select_from(_item.join(_corpus, _corpus.c.id == _item.c.corpus_id)
                      .outerjoin(_license, _license.c.id == _item.c.license_id)
                      .outerjoin(entry, entry.c.idx == _item.c.entry_idx))
         .where(_item.c.id == item_id))
    r = conn.execute(q).fetchone()
    if r is None:
        return None
    return ReportedItem(*r[:9], _bytes(r[9]), r[10], r[11], _bytes(r[12]))


# --- fingerprints for the locate indexes ------------------------------------------------------------


@dataclass(frozen=True)
class FingerprintRow:
    item_id: str
    kind: str
    data: bytes
    seq: int
    local: bytes | None


def fingerprints_since(conn: Connection, seq: int) -> list[FingerprintRow]:
    """The fingerprints of live items added after sequence number `seq`, in sequence order."""
    q = (select(_fp.c.item_id, _fp.c.kind, _fp.c.data, _fp.c.seq, _fp.c.local)
         .select_from(_fp.join(_item, _item.c.id == _fp.c.item_id))
         .where(_fp.c.seq > int(seq), _item.c.status != "purged").order_by(_fp.c.seq))
    return [FingerprintRow(r[0], r[1], bytes(r[2]), int(r[3]), _bytes(r[4])) for r in conn.execute(q)]


def purged_item_ids(conn: Connection) -> set[str]:
    return {r[0] for r in conn.execute(select(_item.c.id).where(_item.c.status == "purged"))}


def fingerprints_of(conn: Connection, ids: Sequence[str]) -> list[tuple[str, bytes, bytes | None]]:
    """(item, signature, local features) of the given items' fingerprints."""
    out = []
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        q = select(_fp.c.item_id, _fp.c.data, _fp.c.local).where(_fp.c.item_id.in_(chunk))
        out += [(r[0], bytes(r[1]), _bytes(r[2])) for r in conn.execute(q)]
    return out


def item_places(conn: Connection, ids: Iterable[str]) -> list[tuple[str, str, str, str, str]]:
    """(item, key, shard, corpus path, corpus format) of the given items."""
    ids = list(ids)
    out = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        q = (select(_item.c.id, _item.c.key, _item.c.shard, _corpus.c.path, _corpus.c.format)
             .select_from(_item.join(_corpus, _corpus.c.id == _item.c.corpus_id)).where(_item.c.id.in_(chunk)))
        out += [(r[0], r[1], r[2], r[3], r[4]) for r in conn.execute(q)]
    return out


# --- standing claims ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimRow:
    id: int
    holder: str
    holder_kind: str
    basis: str
    terms: str
    action: str
    created_at: float
    entry_idx: int | None


def _claim_cols() -> tuple:
    return (_claim.c.id, _claim.c.holder, _claim.c.holder_kind, _claim.c.basis, _claim.c.terms, _claim.c.action,
            _claim.c.created_at, _claim.c.entry_idx)


def insert_claim(conn: Connection, *, holder: str, holder_kind: str, basis: str, terms: str, action: str,
                 created_at: float) -> int:
    stmt = insert(_claim).values(holder=holder, holder_kind=holder_kind, basis=basis, terms=terms, action=action,
                                 created_at=created_at).returning(_claim.c.id)
    return int(conn.execute(stmt).scalar_one())


def set_claim_entry(conn: Connection, cid: int, entry_idx: int) -> None:
    conn.execute(update(_claim).where(_claim.c.id == cid).values(entry_idx=entry_idx))


def claim(conn: Connection, cid: int) -> ClaimRow | None:
    row = conn.execute(select(*_claim_cols()).where(_claim.c.id == int(cid))).fetchone()
    return None if row is None else ClaimRow(*row)


def claims(conn: Connection) -> list[ClaimRow]:
    return [ClaimRow(*r) for r in conn.execute(select(*_claim_cols()).order_by(_claim.c.id))]


# --- licences -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LicenseRow:
    id: int
    name: str
    licensor: str
    kind: str
    permitted_uses: str
    territory: str
    expires: str | None
    expired_at: float | None
    items: int  # live items acquired under it


def license_named(conn: Connection, name: str) -> int | None:
    return conn.execute(select(_license.c.id).where(_license.c.name == name)).scalar_one_or_none()


def insert_license(conn: Connection, **values: Any) -> int:
    return int(conn.execute(insert(_license).values(**values).returning(_license.c.id)).scalar_one())


def update_license(conn: Connection, lid: int, **values: Any) -> None:
    conn.execute(update(_license).where(_license.c.id == lid).values(**values))


def _license_query() -> Any:
    n = (select(func.count()).select_from(_item)
         .where(_item.c.license_id == _license.c.id, _item.c.status != "purged").scalar_subquery())
    return select(_license.c.id, _license.c.name, _license.c.licensor, _license.c.kind, _license.c.permitted_uses,
                  _license.c.territory, _license.c.expires, _license.c.expired_at, n)


def licenses(conn: Connection) -> list[LicenseRow]:
    return [LicenseRow(*r) for r in conn.execute(_license_query().order_by(_license.c.id))]


def license_by_ref(conn: Connection, ref: str) -> LicenseRow | None:
    """The licence named `ref`, or whose id is `ref`."""
    q = _license_query().where(or_(_license.c.name == ref, cast(_license.c.id, String) == ref)).order_by(_license.c.id)
    row = conn.execute(q).first()
    return None if row is None else LicenseRow(*row)
