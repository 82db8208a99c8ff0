"""The workspace's tables, declared once with SQLAlchemy Core for SQLite and PostgreSQL.

The ledger tables (`ledger_entry`, `ledger_node`, `ledger_checkpoint`) are append-only; the
migrations add database triggers that refuse UPDATE and DELETE on them. Everything that may have to
be forgotten (personal data) lives in `personal_data`, which the ledger only commits to.

Plain Core `Table`s, not ORM models: every repository builds Core statements on them, and the app's
launch imports this module when it opens a workspace (SQLModel and pydantic cost about a quarter of
a second there). Each table is named like the record it holds (`Item`, `TakedownRequest`).

It stays one module (some 400 lines): it is the one declaration of the schema that the migrations
must reproduce (tests/test_schema.py compares them), and one file is what a reader compares with the
migrations.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# A ledger position or size can pass 2**31. Primary keys: on SQLite a key spelled INTEGER is the
# rowid (as migration 0001 makes them); BIGINT elsewhere.
ROWID = BigInteger().with_variant(Integer(), "sqlite")


LedgerEntry = Table(
    "ledger_entry", metadata,
    Column("idx", ROWID, primary_key=True, autoincrement=False, nullable=False),
    Column("type", String(64), nullable=False, index=True),
    Column("leaf", LargeBinary, nullable=False),
    Column("leaf_hash", LargeBinary, nullable=False),
    Column("created_at", Float, nullable=False),
)


#: Hash of the perfect subtree (level >= 1, index), keyed by (level << 50) | index.
LedgerNode = Table(
    "ledger_node", metadata,
    Column("id", ROWID, primary_key=True, autoincrement=False, nullable=False),
    Column("hash", LargeBinary, nullable=False),
)


LedgerCheckpoint = Table(
    "ledger_checkpoint", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("size", BigInteger, nullable=False, index=True),
    Column("root_hash", LargeBinary, nullable=False),
    Column("note", Text, nullable=False),
    Column("key_id", String(8), nullable=False),
    Column("created_at", Float, nullable=False),
)


#: Every signing key the ledger has used; the private part only ever encrypted.
LedgerKey = Table(
    "ledger_key", metadata,
    Column("key_id", String(8), primary_key=True, nullable=False),
    Column("name", String, nullable=False),
    Column("vkey", Text, nullable=False),
    Column("encrypted", Text, nullable=True),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", Float, nullable=False),
    Column("retired_at", Float, nullable=True),
)


WorkspaceMeta = Table(
    "workspace_meta", metadata,
    Column("key", String(64), primary_key=True, nullable=False),
    Column("value", Text, nullable=False),
)


#: Erasable personal data; the ledger holds only `commitment` = SHA-256(salt || canonical data).
PersonalData = Table(
    "personal_data", metadata,
    Column("commitment", String(64), primary_key=True, nullable=False),
    Column("kind", String(32), nullable=False, index=True),
    Column("lookup", String(128), nullable=True, index=True),
    Column("salt", LargeBinary, nullable=True),
    Column("data", Text, nullable=True),
    Column("created_at", Float, nullable=False),
    Column("erased_at", Float, nullable=True),
)


# --- corpora, items and what ingest derives from them (migration 0002) ------------------------------


#: A licence or acquisition: how content was obtained and on what terms.
License = Table(
    "license", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("name", String(200), nullable=False, unique=True),
    Column("licensor", String(200), nullable=False),
    Column("kind", String(32), nullable=False, default="license"),  # license | acquisition | crawl
    Column("permitted_uses", Text, nullable=False),
    Column("territory", String(200), nullable=False, default=""),
    Column("expires", String(10), nullable=True),  # ISO date
    Column("terms", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("expired_at", Float, nullable=True),
    Column("entry_idx", BigInteger, nullable=True),
)


Corpus = Table(
    "corpus", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("name", String(200), nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("format", String(16), nullable=False),
    Column("license_id", Integer, ForeignKey("license.id"), nullable=True),
    Column("batch", String(200), nullable=True),
    Column("created_at", Float, nullable=False),
    Column("entry_idx", BigInteger, nullable=True),
    Column("crawler", String(200), nullable=True),  # the AI crawler's user agent, for robots.txt
    Column("source_kind", String(16), nullable=True),  # public | licensed | crawled | user | synthetic
)


#: One training example. Personal data (the uploader account) is only a commitment here.
Item = Table(
    "item", metadata,
    Column("id", String(600), primary_key=True, nullable=False),
    Column("corpus_id", Integer, ForeignKey("corpus.id"), nullable=False, index=True),
    Column("key", String(560), nullable=False),
    Column("shard", Text, nullable=False),
    Column("member", Text, nullable=True),
    Column("members", Text, nullable=True),  # JSON list
    Column("location", Text, nullable=False),
    Column("sha256", String(64), nullable=True, index=True),
    Column("size", BigInteger, nullable=True),
    Column("media_type", String(100), nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),
    Column("status_reason", Text, nullable=True),
    Column("source_url", Text, nullable=True),
    Column("url_norm", String(2048), nullable=True, index=True),
    Column("url_salt", LargeBinary, nullable=True),
    Column("domain", String(255), nullable=True, index=True),
    Column("account", String(64), nullable=True, index=True),  # commitment
    Column("license_id", Integer, ForeignKey("license.id"), nullable=True, index=True),
    Column("batch", String(200), nullable=True),
    Column("metadata_json", Text, nullable=True),
    Column("c2pa_state", String(16), nullable=False, index=True, default="none"),
    Column("c2pa_json", Text, nullable=True),
    Column("ai_generated", Boolean, nullable=False, default=False),
    Column("ingested_at", Float, nullable=False),
    Column("entry_idx", BigInteger, nullable=True),
    Column("purged_at", Float, nullable=True),
    Column("signals_json", Text, nullable=True),  # opt-out evidence
    Column("train_ai", String(8), nullable=True),  # allowed | reserved | unknown (all signals)
    Column("language", String(16), nullable=True),
    Column("fetched_at", String(20), nullable=True),  # ISO 8601 UTC, from the crawler's metadata
)


#: Bulky per-item data kept apart from the item rows: the C2PA manifest and the thumbnail.
ItemDetail = Table(
    "item_detail", metadata,
    Column("item_id", String(600), ForeignKey("item.id"), primary_key=True, nullable=False),
    Column("manifest_json", Text, nullable=True),
    Column("thumbnail", LargeBinary, nullable=True),
)


#: Perceptual signature of an item (PDQ family for images, shingles for text).
Fingerprint = Table(
    "fingerprint", metadata,
    Column("item_id", String(600), ForeignKey("item.id"), primary_key=True, nullable=False),
    Column("kind", String(8), nullable=False, index=True),  # image | text
    Column("data", LargeBinary, nullable=False),
    Column("seq", BigInteger, nullable=True, index=True),  # insertion order, for incremental index catch-up
    Column("local", LargeBinary, nullable=True),
)


#: A shard whose items are all in the database: a re-run skips it while its digest is unchanged.
IngestShard = Table(
    "ingest_shard", metadata,
    Column("corpus_id", Integer, ForeignKey("corpus.id"), primary_key=True, nullable=False),
    Column("shard", String(1000), primary_key=True, nullable=False),
    Column("stat_sig", String(64), nullable=False),  # size:mtime_ns, a cheap "unchanged since" check
    Column("items", Integer, nullable=False),
    Column("done_at", Float, nullable=False),
)


#: The manifest index: one row per `shard.manifest` ledger entry (written in the append's transaction;
#: migration 0010 fills it from the ledger), so a shard's current manifest is the row of its highest
#: `entry_idx`, found through the (corpus, shard, entry_idx) index instead of by reading the ledger.
#: Never trusted: a row is used only once its entry's leaf is proven in a signed checkpoint and equals
#: it, and its entries are the ledger's manifest entries exactly (services/stored.py `ManifestIndex`).
ShardManifest = Table(
    "shard_manifest", metadata,
    Column("entry_idx", ROWID, primary_key=True, autoincrement=False, nullable=False),
    Column("corpus", String(200), nullable=False),
    Column("shard", String(1000), nullable=False),
    Column("count", BigInteger, nullable=False),
    Column("root", String(64), nullable=False),
    Column("file", Text, nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Index("ix_shard_manifest_current", "corpus", "shard", "entry_idx"),
)


TrustAnchor = Table(
    "trust_anchor", metadata,
    Column("sha256", String(64), primary_key=True, nullable=False),
    Column("subjects", Text, nullable=False),
    Column("pem", Text, nullable=False),
    Column("added_at", Float, nullable=False),
)


# --- rights claims, takedowns, purges, blocklist, training runs (migration 0003) --------------------


#: A rights holder's standing claim over works, registered before any takedown.
Claim = Table(
    "claim", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("holder", String(64), nullable=False),  # commitment (the holder may be a person)
    Column("holder_kind", String(32), nullable=False),
    Column("basis", String(32), nullable=False),  # copyright | license_terms | privacy | other
    Column("terms", Text, nullable=False),
    Column("action", String(16), nullable=False),  # quarantine | flag
    Column("created_at", Float, nullable=False),
    Column("entry_idx", BigInteger, nullable=True),
)


TakedownRequest = Table(
    "takedown_request", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("type", String(16), nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("status_reason", Text, nullable=True),
    Column("requester", String(64), nullable=True),  # commitment
    Column("requester_kind", String(32), nullable=False),
    Column("received", String(10), nullable=False),
    Column("due_by", String(10), nullable=False),
    Column("extended_reason", Text, nullable=True),
    Column("legal_json", Text, nullable=True),
    Column("claim_id", Integer, ForeignKey("claim.id"), nullable=True),
    Column("license_id", Integer, ForeignKey("license.id"), nullable=True),
    Column("handler", String(64), nullable=True),  # actor commitment
    Column("approver", String(64), nullable=True),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("assignee", String(200), nullable=True, index=True),  # the staff member's user name
)


#: One identification of a claimed work (for a request or a standing claim).
Work = Table(
    "work", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("request_id", Integer, ForeignKey("takedown_request.id"), nullable=True, index=True),
    Column("claim_id", Integer, ForeignKey("claim.id"), nullable=True, index=True),
    Column("kind", String(16), nullable=False),  # file | hash | url | domain | account | text | c2pa_signer
    Column("value", Text, nullable=False),  # hash, normalised URL, domain, commitment, label
    Column("description", Text, nullable=True),  # as the requester named it
    Column("fingerprint", LargeBinary, nullable=True),
    Column("text", Text, nullable=True),
    Column("sha256", String(64), nullable=True),  # the file's or text's content hash
    Column("media_type", String(100), nullable=True),  # a file's sniffed media type
    Column("fp_kind", String(8), nullable=True),  # image | text: what `fingerprint` is
    Column("url", Text, nullable=True),  # a URL as given (value: its key)
)


Match = Table(
    "match", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("request_id", Integer, ForeignKey("takedown_request.id"), nullable=False, index=True),
    Column("item_id", String(600), nullable=False, index=True),
    Column("work_id", Integer, ForeignKey("work.id"), nullable=True),
    Column("method", String(16), nullable=False),
    Column("score", String(32), nullable=False),
    Column("evidence", Text, nullable=True),
    Column("decision", String(16), nullable=False, default="pending"),
    Column("decided_by", String(64), nullable=True),
    Column("decided_at", Float, nullable=True),
)


PurgeRecord = Table(
    "purge_record", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("request_id", Integer, ForeignKey("takedown_request.id"), nullable=False, index=True),
    Column("corpus_id", Integer, ForeignKey("corpus.id"), nullable=False),
    Column("shard", Text, nullable=False),
    Column("sha256_before", String(64), nullable=False),
    Column("sha256_after", String(64), nullable=True),
    Column("items_json", Text, nullable=False),
    Column("done_at", Float, nullable=False),
)


#: Content that must never be ingested again: exact hash and perceptual signature.
Blocklist = Table(
    "blocklist", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("kind", String(8), nullable=True),
    Column("fingerprint", LargeBinary, nullable=True),
    Column("request_id", Integer, ForeignKey("takedown_request.id"), nullable=True),
    Column("created_at", Float, nullable=False),
)


TrainingRun = Table(
    "training_run", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("model", String(200), nullable=False),
    Column("corpus_id", Integer, ForeignKey("corpus.id"), nullable=False),
    Column("checkpoint_size", BigInteger, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("entry_idx", BigInteger, nullable=True),
)


# --- case work (migration 0004) -----------------------------------------------------------------


#: One step of a request's case that is not a status change: a note, an assignment, a counter-notice,
#: a forwarding, an identity check, a refusal, a notice to a recipient, a reply sent. `body` is JSON;
#: the ledger entry (`entry_idx`) holds only hashes and commitments of it.
CaseEvent = Table(
    "case_event", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("request_id", Integer, ForeignKey("takedown_request.id"), nullable=False, index=True),
    Column("kind", String(32), nullable=False, index=True),
    Column("body", Text, nullable=True),
    Column("created_at", Float, nullable=False),
    Column("entry_idx", BigInteger, nullable=True),
)


#: An incomplete notice kept to be amended, not yet a request and not in the ledger.
TakedownDraft = Table(
    "takedown_draft", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("body", Text, nullable=False),
    Column("problems", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    Column("request_id", Integer, ForeignKey("takedown_request.id"), nullable=True),
)


#: Content-addressed documents (original notices, replies, retained copies of purged items);
#: the ledger holds their SHA-256. `data` is NULL once erased.
StoredDocument = Table(
    "stored_document", metadata,
    Column("sha256", String(64), primary_key=True, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("data", LargeBinary, nullable=True),
    Column("created_at", Float, nullable=False),
)


#: A dataset release published from a corpus at a checkpoint, or a mirror that holds one.
DatasetRelease = Table(
    "dataset_release", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("name", String(200), nullable=False),
    Column("kind", String(16), nullable=False),  # release | mirror
    Column("corpus_id", Integer, ForeignKey("corpus.id"), nullable=False),
    Column("checkpoint_size", BigInteger, nullable=False),
    Column("contact", String(64), nullable=True),  # commitment
    Column("created_at", Float, nullable=False),
    Column("entry_idx", BigInteger, nullable=True),
)


# --- opt-out signals (migration signals_0005) -------------------------------------------------------


#: A snapshot of the sites' policy files given to a corpus (the ledger holds every file's hash).
PolicySnapshot = Table(
    "policy_snapshot", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("corpus_id", Integer, ForeignKey("corpus.id"), nullable=False, index=True),
    Column("sha256", String(64), nullable=False),
    Column("source", Text, nullable=False),
    Column("problems_json", Text, nullable=True),
    Column("created_at", Float, nullable=False),
    Column("entry_idx", BigInteger, nullable=True),
)


#: One robots.txt / tdmrep.json / ai.txt of a snapshot, byte for byte.
PolicyFile = Table(
    "policy_file", metadata,
    Column("snapshot_id", Integer, ForeignKey("policy_snapshot.id"), primary_key=True, nullable=False),
    Column("host", String(255), primary_key=True, nullable=False),
    Column("name", String(16), primary_key=True, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("fetched_at", String(20), nullable=True),
    Column("content", LargeBinary, nullable=False),
)


# --- independent witnesses (migration witness_0006) -------------------------------------------------


#: A c2sp.org/tlog-witness witness this ledger submits its checkpoints to.
#:
#: `cosigned_size` is what the witness last told us it cosigned (its own record is authoritative:
#: a stale value here only costs one 409 and a resubmission).
Witness = Table(
    "witness", metadata,
    Column("name", String(64), primary_key=True, nullable=False),
    Column("url", Text, nullable=False),
    Column("vkey", Text, nullable=False),
    Column("cosigned_size", BigInteger, nullable=False, server_default="0"),
    Column("last_attempt", Float, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("added_at", Float, nullable=False),
)


#: One verified `cosignature/v1` line on the checkpoint of `checkpoint_size` (root `root_hash`).
WitnessCosignature = Table(
    "witness_cosignature", metadata,
    Column("id", Integer, primary_key=True, nullable=False),
    Column("checkpoint_size", BigInteger, nullable=False, index=True),
    Column("root_hash", LargeBinary, nullable=False),
    Column("witness", String(64), nullable=False),
    Column("vkey", Text, nullable=False),
    Column("timestamp", BigInteger, nullable=False),
    Column("line", Text, nullable=False),
    Column("received_at", Float, nullable=False),
)

