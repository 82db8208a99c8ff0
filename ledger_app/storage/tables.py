"""SQLModel tables: one definition for SQLite and PostgreSQL.

The ledger tables (`ledger_entry`, `ledger_node`, `ledger_checkpoint`) are append-only; the
migrations add database triggers that refuse UPDATE and DELETE on them. Everything that may have to
be forgotten (personal data) lives in `personal_data`, which the ledger only commits to.
"""

from __future__ import annotations

from sqlalchemy import Column, LargeBinary, Text
from sqlmodel import Field, SQLModel


class LedgerEntry(SQLModel, table=True):
    __tablename__ = "ledger_entry"
    idx: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    type: str = Field(max_length=64)
    leaf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    leaf_hash: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: float


class LedgerNode(SQLModel, table=True):
    """Hash of the perfect subtree (level >= 1, index), keyed by (level << 50) | index."""

    __tablename__ = "ledger_node"
    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    hash: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class LedgerCheckpoint(SQLModel, table=True):
    __tablename__ = "ledger_checkpoint"
    id: int | None = Field(default=None, primary_key=True)
    size: int = Field(index=True)
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
