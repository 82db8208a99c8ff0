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

from sqlalchemy.engine import Connection

from ledger_app.core.canonical import canonical_json
from ledger_app.core.errors import NotFoundError


def _ph(conn: Connection) -> str:
    return "?" if conn.dialect.name == "sqlite" else "%s"


def lookup_key(kind: str, value: str) -> str:
    """A stable lookup handle so the same person gets the same commitment (not itself secret-proof)."""
    return hashlib.sha256(f"{kind}\x00{value}".encode()).hexdigest()


def commitment_for(salt: bytes, data: dict[str, Any]) -> str:
    return hashlib.sha256(salt + canonical_json(data)).hexdigest()


def commit(conn: Connection, kind: str, data: dict[str, Any], *, dedupe_on: str | None = None) -> str:
    """Store `data` erasably and return its commitment (hex). With `dedupe_on`, reuse an existing one."""
    ph = _ph(conn)
    lookup = lookup_key(kind, dedupe_on) if dedupe_on is not None else None
    if lookup is not None:
        row = conn.exec_driver_sql(
            f"SELECT commitment FROM personal_data WHERE kind = {ph} AND lookup = {ph}", (kind, lookup)
        ).fetchone()
        if row is not None:
            return str(row[0])
    salt = os.urandom(32)
    c = commitment_for(salt, data)
    conn.exec_driver_sql(
        f"INSERT INTO personal_data (commitment, kind, lookup, salt, data, created_at) VALUES ({ph},{ph},{ph},{ph},{ph},{ph})",
        (c, kind, lookup, salt, json.dumps(data, ensure_ascii=False), time.time()),
    )
    return c


def reveal(conn: Connection, commitment: str) -> dict[str, Any] | None:
    """The data behind a commitment, checked against it; None once erased."""
    ph = _ph(conn)
    row = conn.exec_driver_sql(
        f"SELECT salt, data FROM personal_data WHERE commitment = {ph}", (commitment,)
    ).fetchone()
    if row is None or row[0] is None:
        return None
    data = json.loads(row[1])
    if commitment_for(bytes(row[0]), data) != commitment:
        raise NotFoundError(f"personal data behind commitment {commitment[:12]}… does not match it")
    return data


def opening(conn: Connection, commitment: str) -> tuple[bytes, dict[str, Any]] | None:
    """(salt, data) so that a person can be shown their own commitment opens to their data."""
    ph = _ph(conn)
    row = conn.exec_driver_sql(
        f"SELECT salt, data FROM personal_data WHERE commitment = {ph}", (commitment,)
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return bytes(row[0]), json.loads(row[1])


def erase(conn: Connection, commitment: str) -> bool:
    """Delete the salt and the data. Returns False if there was nothing to erase."""
    ph = _ph(conn)
    res = conn.exec_driver_sql(f"DELETE FROM personal_data WHERE commitment = {ph}", (commitment,))
    return bool(res.rowcount)
