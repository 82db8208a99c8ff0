"""SQLModel tables: one definition for SQLite and PostgreSQL.

The ledger tables (`ledger_entry`, `ledger_node`, `ledger_checkpoint`) are append-only; the
migrations add database triggers that refuse UPDATE and DELETE on them. Everything that may have to
be forgotten (personal data) lives in `personal_data`, which the ledger only commits to.

It stays one module (some 410 lines): it is the one declaration of the schema that the migrations
must reproduce (tests/test_schema.py compares them), and one file is what a reader compares with the
migrations.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Column, Integer, LargeBinary, Table, Text
from sqlmodel import Field, SQLModel

# A ledger position or size can pass 2**31. Primary keys: on SQLite a key spelled INTEGER is the
# rowid (as migration 0001 makes them); BIGINT elsewhere.
ROWID = BigInteger().with_variant(Integer(), "sqlite")


def table_of(model: Any) -> Table:
    """The Core `Table` of a declared model, for the repositories' statements."""
    table: Table = model.__table__
    return table


class LedgerEntry(SQLModel, table=True):
    __tablename__ = "ledger_entry"
    idx: int = Field(primary_key=True, sa_type=ROWID, sa_column_kwargs={"autoincrement": False})
    type: str = Field(max_length=64, index=True)
    leaf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    leaf_hash: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: float


class LedgerNode(SQLModel, table=True):
    """Hash of the perfect subtree (level >= 1, index), keyed by (level << 50) | index."""

    __tablename__ = "ledger_node"
    id: int = Field(primary_key=True, sa_type=ROWID, sa_column_kwargs={"autoincrement": False})
    hash: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class LedgerCheckpoint(SQLModel, table=True):
    __tablename__ = "ledger_checkpoint"
    id: int | None = Field(default=None, primary_key=True)
    size: int = Field(index=True, sa_type=BigInteger)
    root_hash: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    note: str = Field(sa_column=Column(Text, nullable=False))
    key_id: str = Field(max_length=8)
    created_at: float


class LedgerKey(SQLModel, table=True):
    """Every signing key the ledger has used; the private part only ever encrypted."""

    __tablename__ = "ledger_key"
    key_id: str = Field(primary_key=True, max_length=8)
    name: str
    vkey: str = Field(sa_column=Column(Text, nullable=False))
    encrypted: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    active: bool = True
    created_at: float
    retired_at: float | None = None


class WorkspaceMeta(SQLModel, table=True):
    __tablename__ = "workspace_meta"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_column=Column(Text, nullable=False))


class PersonalData(SQLModel, table=True):
    """Erasable personal data; the ledger holds only `commitment` = SHA-256(salt || canonical data)."""

    __tablename__ = "personal_data"
    commitment: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=32, index=True)
    lookup: str | None = Field(default=None, index=True, max_length=128)
    salt: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    data: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: float
    erased_at: float | None = None


# --- corpora, items and what ingest derives from them (migration 0002) ------------------------------


class License(SQLModel, table=True):
    """A licence or acquisition: how content was obtained and on what terms."""

    __tablename__ = "license"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    licensor: str = Field(max_length=200)
    kind: str = Field(default="license", max_length=32)  # license | acquisition | crawl
    permitted_uses: str = Field(default="", sa_column=Column(Text, nullable=False))
    territory: str = Field(default="", max_length=200)
    expires: str | None = Field(default=None, max_length=10)  # ISO date
    terms: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: float
    expired_at: float | None = None
    entry_idx: int | None = Field(default=None, sa_type=BigInteger)


class Corpus(SQLModel, table=True):
    __tablename__ = "corpus"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    path: str = Field(sa_column=Column(Text, nullable=False))
    format: str = Field(max_length=16)
    license_id: int | None = Field(default=None, foreign_key="license.id")
    batch: str | None = Field(default=None, max_length=200)
    created_at: float
    entry_idx: int | None = Field(default=None, sa_type=BigInteger)
    crawler: str | None = Field(default=None, max_length=200)  # the AI crawler's user agent, for robots.txt
    source_kind: str | None = Field(default=None, max_length=16)  # public | licensed | crawled | user | synthetic


class Item(SQLModel, table=True):
    """One training example. Personal data (the uploader account) is only a commitment here."""

    __tablename__ = "item"
    id: str = Field(primary_key=True, max_length=600)
    corpus_id: int = Field(foreign_key="corpus.id", index=True)
    key: str = Field(max_length=560)
    shard: str = Field(sa_column=Column(Text, nullable=False))
    member: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    members: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # JSON list
    location: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str | None = Field(default=None, max_length=64, index=True)
    size: int | None = Field(default=None, sa_type=BigInteger)
    media_type: str = Field(max_length=100, index=True)
    status: str = Field(max_length=16, index=True)
    status_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    source_url: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    url_norm: str | None = Field(default=None, max_length=2048, index=True)
    # The salt of the URL commitment in the item's item.ingested entry (ledger/item_entries.py).
    url_salt: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    domain: str | None = Field(default=None, max_length=255, index=True)
    account: str | None = Field(default=None, max_length=64, index=True)  # commitment
    license_id: int | None = Field(default=None, foreign_key="license.id", index=True)
    batch: str | None = Field(default=None, max_length=200)
    metadata_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    c2pa_state: str = Field(default="none", max_length=16, index=True)
    c2pa_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    ai_generated: bool = False
    ingested_at: float
    entry_idx: int | None = Field(default=None, sa_type=BigInteger)
    purged_at: float | None = None
    signals_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # opt-out evidence
    train_ai: str | None = Field(default=None, max_length=8)  # allowed | reserved | unknown (all signals)
    language: str | None = Field(default=None, max_length=16)
    fetched_at: str | None = Field(default=None, max_length=20)  # ISO 8601 UTC, from the crawler's metadata


class ItemDetail(SQLModel, table=True):
    """Bulky per-item data kept apart from the item rows: the C2PA manifest and the thumbnail."""

    __tablename__ = "item_detail"
    item_id: str = Field(primary_key=True, foreign_key="item.id", max_length=600)
    manifest_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    thumbnail: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))


class Fingerprint(SQLModel, table=True):
    """Perceptual signature of an item (PDQ family for images, shingles for text)."""

    __tablename__ = "fingerprint"
    item_id: str = Field(primary_key=True, foreign_key="item.id", max_length=600)
    kind: str = Field(max_length=8, index=True)  # image | text
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    seq: int | None = Field(default=None, index=True, sa_type=BigInteger)  # insertion order, for incremental index catch-up
    # Images: keypoints and descriptors (matching/local.py), NULL for items ingested before them.
    local: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))


class IngestShard(SQLModel, table=True):
    """A shard whose items are all in the database: a re-run skips it while its digest is unchanged."""

    __tablename__ = "ingest_shard"
    corpus_id: int = Field(primary_key=True, foreign_key="corpus.id")
    shard: str = Field(primary_key=True, max_length=1000)
    stat_sig: str = Field(max_length=64)  # size:mtime_ns, a cheap "unchanged since" check
    items: int
    done_at: float


class TrustAnchor(SQLModel, table=True):
    __tablename__ = "trust_anchor"
    sha256: str = Field(primary_key=True, max_length=64)
    subjects: str = Field(sa_column=Column(Text, nullable=False))
    pem: str = Field(sa_column=Column(Text, nullable=False))
    added_at: float


# --- rights claims, takedowns, purges, blocklist, training runs (migration 0003) --------------------


class Claim(SQLModel, table=True):
    """A rights holder's standing claim over works, registered before any takedown."""

    __tablename__ = "claim"
    id: int | None = Field(default=None, primary_key=True)
    holder: str = Field(max_length=64)  # commitment (the holder may be a person)
    holder_kind: str = Field(max_length=32)
    basis: str = Field(max_length=32)  # copyright | license_terms | privacy | other
    terms: str = Field(sa_column=Column(Text, nullable=False))
    action: str = Field(max_length=16)  # quarantine | flag
    created_at: float
    entry_idx: int | None = Field(default=None, sa_type=BigInteger)


class TakedownRequest(SQLModel, table=True):
    __tablename__ = "takedown_request"
    id: int | None = Field(default=None, primary_key=True)
    type: str = Field(max_length=16)
    status: str = Field(max_length=16, index=True)
    status_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    requester: str | None = Field(default=None, max_length=64)  # commitment
    requester_kind: str = Field(max_length=32)
    received: str = Field(max_length=10)
    due_by: str = Field(max_length=10)
    extended_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    legal_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    claim_id: int | None = Field(default=None, foreign_key="claim.id")
    license_id: int | None = Field(default=None, foreign_key="license.id")
    handler: str | None = Field(default=None, max_length=64)  # actor commitment
    approver: str | None = Field(default=None, max_length=64)
    created_at: float
    updated_at: float
    assignee: str | None = Field(default=None, max_length=200, index=True)  # the staff member's user name


class Work(SQLModel, table=True):
    """One identification of a claimed work (for a request or a standing claim)."""

    __tablename__ = "work"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int | None = Field(default=None, foreign_key="takedown_request.id", index=True)
    claim_id: int | None = Field(default=None, foreign_key="claim.id", index=True)
    kind: str = Field(max_length=16)  # file | hash | url | domain | account | text | c2pa_signer
    value: str = Field(sa_column=Column(Text, nullable=False))  # hash, normalised URL, domain, commitment, label
    description: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # as the requester named it
    fingerprint: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    text: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    # What identifies the work, typed (migration 0009; before it these were JSON in `description`).
    sha256: str | None = Field(default=None, max_length=64)  # the file's or text's content hash
    media_type: str | None = Field(default=None, max_length=100)  # a file's sniffed media type
    fp_kind: str | None = Field(default=None, max_length=8)  # image | text: what `fingerprint` is
    url: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # a URL as given (value: its key)


class Match(SQLModel, table=True):
    __tablename__ = "match"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="takedown_request.id", index=True)
    item_id: str = Field(max_length=600, index=True)
    work_id: int | None = Field(default=None, foreign_key="work.id")
    method: str = Field(max_length=16)
    score: str = Field(max_length=32)
    evidence: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    decision: str = Field(default="pending", max_length=16)
    decided_by: str | None = Field(default=None, max_length=64)
    decided_at: float | None = None


class PurgeRecord(SQLModel, table=True):
    __tablename__ = "purge_record"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="takedown_request.id", index=True)
    corpus_id: int = Field(foreign_key="corpus.id")
    shard: str = Field(sa_column=Column(Text, nullable=False))
    sha256_before: str = Field(max_length=64)
    sha256_after: str | None = Field(default=None, max_length=64)
    items_json: str = Field(sa_column=Column(Text, nullable=False))
    done_at: float


class Blocklist(SQLModel, table=True):
    """Content that must never be ingested again: exact hash and perceptual signature."""

    __tablename__ = "blocklist"
    id: int | None = Field(default=None, primary_key=True)
    sha256: str = Field(max_length=64, index=True)
    kind: str | None = Field(default=None, max_length=8)
    fingerprint: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    request_id: int | None = Field(default=None, foreign_key="takedown_request.id")
    created_at: float


class TrainingRun(SQLModel, table=True):
    __tablename__ = "training_run"
    id: int | None = Field(default=None, primary_key=True)
    model: str = Field(max_length=200)
    corpus_id: int = Field(foreign_key="corpus.id")
    checkpoint_size: int = Field(sa_type=BigInteger)
    created_at: float
    entry_idx: int | None = Field(default=None, sa_type=BigInteger)


# --- case work (migration 0004) -----------------------------------------------------------------


class CaseEvent(SQLModel, table=True):
    """One step of a request's case that is not a status change: a note, an assignment, a counter-notice,
    a forwarding, an identity check, a refusal, a notice to a recipient, a reply sent. `body` is JSON;
    the ledger entry (`entry_idx`) holds only hashes and commitments of it."""

    __tablename__ = "case_event"
    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="takedown_request.id", index=True)
    kind: str = Field(max_length=32, index=True)
    body: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: float
    entry_idx: int | None = Field(default=None, sa_type=BigInteger)


class TakedownDraft(SQLModel, table=True):
    """An incomplete notice kept to be amended, not yet a request and not in the ledger."""

    __tablename__ = "takedown_draft"
    id: int | None = Field(default=None, primary_key=True)
    body: str = Field(sa_column=Column(Text, nullable=False))
    problems: str = Field(sa_column=Column(Text, nullable=False))
    created_at: float
    updated_at: float
    request_id: int | None = Field(default=None, foreign_key="takedown_request.id")


class StoredDocument(SQLModel, table=True):
    """Content-addressed documents (original notices, replies, retained copies of purged items);
    the ledger holds their SHA-256. `data` is NULL once erased."""

    __tablename__ = "stored_document"
    sha256: str = Field(primary_key=True, max_length=64)
    media_type: str = Field(max_length=100)
    size: int = Field(sa_type=BigInteger)
    data: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    created_at: float


class DatasetRelease(SQLModel, table=True):
    """A dataset release published from a corpus at a checkpoint, or a mirror that holds one."""

    __tablename__ = "dataset_release"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=16)  # release | mirror
    corpus_id: int = Field(foreign_key="corpus.id")
    checkpoint_size: int = Field(sa_type=BigInteger)
    contact: str | None = Field(default=None, max_length=64)  # commitment
    created_at: float
    entry_idx: int | None = Field(default=None, sa_type=BigInteger)


# --- opt-out signals (migration signals_0005) -------------------------------------------------------


class PolicySnapshot(SQLModel, table=True):
    """A snapshot of the sites' policy files given to a corpus (the ledger holds every file's hash)."""

    __tablename__ = "policy_snapshot"
    id: int | None = Field(default=None, primary_key=True)
    corpus_id: int = Field(foreign_key="corpus.id", index=True)
    sha256: str = Field(max_length=64)
    source: str = Field(sa_column=Column(Text, nullable=False))
    problems_json: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    created_at: float
    entry_idx: int | None = Field(default=None, sa_type=BigInteger)


class PolicyFile(SQLModel, table=True):
    """One robots.txt / tdmrep.json / ai.txt of a snapshot, byte for byte."""

    __tablename__ = "policy_file"
    snapshot_id: int = Field(primary_key=True, foreign_key="policy_snapshot.id")
    host: str = Field(primary_key=True, max_length=255)
    name: str = Field(primary_key=True, max_length=16)
    sha256: str = Field(max_length=64)
    fetched_at: str | None = Field(default=None, max_length=20)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


# --- independent witnesses (migration witness_0006) -------------------------------------------------


class Witness(SQLModel, table=True):
    """A c2sp.org/tlog-witness witness this ledger submits its checkpoints to.

    `cosigned_size` is what the witness last told us it cosigned (its own record is authoritative:
    a stale value here only costs one 409 and a resubmission).
    """

    __tablename__ = "witness"
    name: str = Field(primary_key=True, max_length=64)
    url: str = Field(sa_column=Column(Text, nullable=False))
    vkey: str = Field(sa_column=Column(Text, nullable=False))
    cosigned_size: int = Field(default=0, sa_column=Column(BigInteger, nullable=False, server_default="0"))
    last_attempt: float | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    added_at: float


class WitnessCosignature(SQLModel, table=True):
    """One verified `cosignature/v1` line on the checkpoint of `checkpoint_size` (root `root_hash`)."""

    __tablename__ = "witness_cosignature"
    id: int | None = Field(default=None, primary_key=True)
    checkpoint_size: int = Field(sa_column=Column(BigInteger, nullable=False, index=True))
    root_hash: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    witness: str = Field(max_length=64)
    vkey: str = Field(sa_column=Column(Text, nullable=False))
    timestamp: int = Field(sa_column=Column(BigInteger, nullable=False))
    line: str = Field(sa_column=Column(Text, nullable=False))
    received_at: float
