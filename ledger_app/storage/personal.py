"""Erasable personal data behind salted commitments.

The ledger never stores a name, an e-mail address or an account ID: it stores
`commitment = SHA-256(salt || canonical JSON of the data)`. The salt and the data live here, so
erasing a person (GDPR Art. 17) deletes this row and leaves a commitment nobody can open, while every
leaf, proof and checkpoint still verifies.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from typing import Any

from sqlalchemy import Select, delete, insert, select
from sqlalchemy.engine import Connection

from ledger_app.core.canonical import canonical_json
from ledger_app.core.errors import NotFoundError
from ledger_app.storage.tables import PersonalData

_P = PersonalData


def lookup_key(kind: str, value: str) -> str:
    """A stable lookup handle so the same person gets the same commitment (not itself secret-proof)."""
    return hashlib.sha256(f"{kind}\x00{value}".encode()).hexdigest()


def commitment_for(salt: bytes, data: dict[str, Any]) -> str:
    return hashlib.sha256(salt + canonical_json(data)).hexdigest()


def commit(conn: Connection, kind: str, data: dict[str, Any], *, dedupe_on: str | None = None) -> str:
    """Store `data` erasably and return its commitment (hex). With `dedupe_on`, reuse an existing one."""
    lookup = lookup_key(kind, dedupe_on) if dedupe_on is not None else None
    if lookup is not None:
        found = conn.execute(select(_P.c.commitment).where(_P.c.kind == kind, _P.c.lookup == lookup)).first()
        if found is not None:
            return str(found[0])
    salt = os.urandom(32)
    c = commitment_for(salt, data)
    conn.execute(insert(_P).values(commitment=c, kind=kind, lookup=lookup, salt=salt,
                                   data=json.dumps(data, ensure_ascii=False), created_at=time.time()))
    return c


def reveal(conn: Connection, commitment: str) -> dict[str, Any] | None:
    """The data behind a commitment, checked against it; None once erased."""
    row = conn.execute(_opening(commitment)).first()
    if row is None or row[0] is None:
        return None
    data = json.loads(row[1])
    if commitment_for(bytes(row[0]), data) != commitment:
        raise NotFoundError(f"personal data behind commitment {commitment[:12]}… does not match it")
    return data


def opening(conn: Connection, commitment: str) -> tuple[bytes, dict[str, Any]] | None:
    """(salt, data) so that a person can be shown their own commitment opens to their data."""
    row = conn.execute(_opening(commitment)).first()
    if row is None or row[0] is None:
        return None
    return bytes(row[0]), json.loads(row[1])


def erase(conn: Connection, commitment: str) -> bool:
    """Delete the salt and the data. Returns False if there was nothing to erase."""
    res = conn.execute(delete(_P).where(_P.c.commitment == commitment))
    return bool(res.rowcount)


def _opening(commitment: str) -> Select:
    return select(_P.c.salt, _P.c.data).where(_P.c.commitment == commitment)
