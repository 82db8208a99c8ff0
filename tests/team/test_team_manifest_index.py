"""The manifest index on PostgreSQL (team mode, the application role): rows written with the append by
a member, read by key and proven by another, and a deleted row refused (tests/test_manifest_index.py
holds the full set of attacks on SQLite)."""

from __future__ import annotations

import pytest
from teamkit import db_url, granted_team, service

from ledger_app.core.errors import VerificationError
from ledger_app.ledger.manifest import MANIFEST_TYPE, manifest_payload
from ledger_app.services.stored import StoredItems

pytestmark = pytest.mark.postgres


def test_the_manifest_index_on_postgresql(pg, tmp_path):
    name, _, app = granted_team(pg, tmp_path, "mindex", "example.com/team-mindex")
    url = db_url(name, app)
    alice = service(tmp_path / "alice", url, user=app)
    entries = [(MANIFEST_TYPE, manifest_payload("c", f"s{k}", 3, bytes([k]) * 32, file=f"c/s{k}.parquet",
                                                file_sha256="ab" * 32, file_size=10, schema=2)) for k in range(3)]
    first = alice.append(entries).first_index
    newer = alice.append(entries[1:2]).first_index
    bob = StoredItems(service(tmp_path / "bob", url, user=app))
    got = bob.manifests("c")
    assert {k: m.index for k, m in got.items()} == {("c", "s0"): first, ("c", "s1"): newer, ("c", "s2"): first + 2}
    assert bob.check_index() == 4
    with alice.ws.engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM shard_manifest WHERE entry_idx = {newer}")
    with pytest.raises(VerificationError, match=f"entry {newer} differs"):
        StoredItems(service(tmp_path / "carol", url, user=app)).manifest("c", "s1")
