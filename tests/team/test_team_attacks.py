"""Issue 14's attacks on a team ledger: real PostgreSQL, real roles, the documented grants.

The application role is what every member's client connects as, so an insider (or a stolen member
password) holds exactly its rights. What the grants cannot refuse (it must add ledger rows and move
requests along), the code detects: none of these attacks ends in a signature or a certificate.
"""

from __future__ import annotations

import itertools
import json
import subprocess

import psycopg
import pytest
from teamkit import PASS, checkpoints, connect, db_url, grant_script, granted_team, service

from ledger_app.core.errors import UserError, VerificationError
from ledger_app.ledger.entries import encode_entry
from ledger_app.ledger.store import AppendRefused
from ledger_app.services import Services
from ledger_app.services.workspace import Workspace

pytestmark = pytest.mark.postgres
_N = itertools.count()


@pytest.fixture()
def team(pg, tmp_path):
    """A database owned by an owner role, initialised by the administrator, granted to an app role."""
    return granted_team(pg, tmp_path, f"atk{next(_N)}", "example.com/team-attacks")


def test_a_row_inserted_by_the_application_role_is_never_signed(team, tmp_path):
    name, _, app = team
    member = service(tmp_path / "m1", db_url(name, app), user="dana")
    member.note("a real entry")
    size = member.ws.store.size()
    leaf = encode_entry("ledger.note", {"text": "forged by a member's stolen password"}, actor=None)
    import hashlib

    with connect(name, app) as conn:  # the grants allow INSERT: appends need it
        conn.execute("INSERT INTO ledger_entry (idx, type, leaf, leaf_hash, created_at) VALUES (%s, 'ledger.note', %s, %s, 0)",
                     (size, leaf, hashlib.sha256(b"\0" + leaf).digest()))
    before = checkpoints(name)
    other = service(tmp_path / "m2", db_url(name, app), user="lee")
    with pytest.raises(AppendRefused, match=rf"entries {size}\.\.{size} are stored beyond the last signed checkpoint"):
        other.note("an ordinary append by another member")
    with pytest.raises(AppendRefused, match="stored beyond"):
        member.note("and by the first member")
    assert checkpoints(name) == before
    with pytest.raises(VerificationError, match=rf"entries {size}\.\.{size} are not covered"):
        service(tmp_path / "m3", db_url(name, app)).verify()


def test_the_application_role_cannot_change_purge_records_or_keys(team):
    name, _, app = team
    with connect(name, app) as conn:
        for stmt in ("UPDATE purge_record SET sha256_after = 'x'", "DELETE FROM purge_record", "TRUNCATE purge_record",
                     "UPDATE ledger_key SET vkey = 'x'", "DELETE FROM ledger_key"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(stmt)


def test_a_restored_dump_is_refused_until_acknowledged(pg, team, tmp_path, capsys):
    name, owner, app = team
    member = service(tmp_path / "m", db_url(name, app), user="dana")
    member.note("before the backup")
    dump = tmp_path / "ledger.dump"
    plain = db_url(name, owner).replace("postgresql+psycopg://", "postgresql://")
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", plain], check=True, timeout=120)
    for i in range(4):
        member.note(f"after the backup {i}")
    member.ws.dispose()
    # The restore: into a new database (as the documented procedure does), which the team then uses.
    restored = pg.create_database(owner=owner)
    with connect(restored) as conn:
        conn.execute(f'REVOKE ALL ON DATABASE "{restored}" FROM PUBLIC')
        conn.execute(f'GRANT CONNECT, TEMPORARY ON DATABASE "{restored}" TO "{app}"')
    subprocess.run(["pg_restore", "--no-owner", f"--role={owner}",
                    f"--dbname={db_url(restored, owner).replace('postgresql+psycopg://', 'postgresql://')}", str(dump)],
                   check=True, timeout=120)
    with connect(restored, owner) as conn:
        conn.execute(grant_script(app))

    url = db_url(restored, app)
    before = checkpoints(restored)
    for _ in range(3):
        with pytest.raises(AppendRefused, match=r"covers 2 entries, fewer than the 6 .*rolled back \(entries 2\.\.5 are gone\)"):
            service(tmp_path / "m", url).note("an ordinary append after the restore")
    assert checkpoints(restored) == before
    from ledger_app.cli.main import main as cli

    assert cli(["--workspace", str(tmp_path / "m"), "--db", url, "log", "checkpoint"]) == 0
    assert "rolled back (entries 2..5 are gone)" in capsys.readouterr().err
    res = service(tmp_path / "m", url).acknowledge_rollback("restored the 09:00 dump after the disk failure")
    assert (res.stored_size, res.witness_size) == (2, 6)
    service(tmp_path / "m", url).note("back to work")
    assert service(tmp_path / "m", url).verify().entries == 4


def _jsonl(root):
    root.mkdir(parents=True)
    shard = root / "news-000.jsonl"
    texts = ["The harbour at dawn, gulls over the fishing boats and the smell of salt on the quay.",
             "A long report on orchard blossoms and the first warm week of spring in the valley."]
    with open(shard, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": f"a{i}", "text": t, "url": f"https://news.example/a/{i}"}) + "\n")
    return shard


def test_a_purge_forged_by_the_application_role_gets_no_certificate(team, tmp_path):
    name, _, app = team
    ws = Workspace(tmp_path / "m", db_url(name, app))
    services = Services(ws, passphrase=lambda confirm: PASS)
    shard = _jsonl(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    td = services.takedown
    rid = td.new_request(type="publisher", requester="Daily", requester_kind="news_publisher",
                         works=td.work_specs(urls=["https://news.example/a/0"])).id
    td.locate(rid)
    td.review(rid, accept_all=True)
    item_id, = [m["item_id"] for m in td.show(rid).matches]
    with connect(name, app) as conn:  # the application role may do all of this
        conn.execute("UPDATE takedown_request SET status = 'purged' WHERE id = %s", (rid,))
        conn.execute("UPDATE item SET status = 'purged' WHERE id = %s", (item_id,))
        cid = conn.execute("SELECT id FROM corpus WHERE name = 'news'").fetchone()[0]
        conn.execute("INSERT INTO purge_record (request_id, corpus_id, shard, sha256_before, sha256_after, items_json, "
                     "done_at) VALUES (%s, %s, %s, %s, %s, %s, 0)",
                     (rid, cid, shard.name, "0" * 64, "1" * 64, json.dumps([item_id])))
    from ledger_app.services.certificates import certify

    before = checkpoints(name)
    with pytest.raises(UserError, match=f"request {rid}: the ledger holds no takedown.purged entry for it"):
        certify(services, rid, tmp_path / "certificate.json")
    assert checkpoints(name) == before and not (tmp_path / "certificate.json").exists()
    assert b"harbour at dawn" in shard.read_bytes()  # still there: nothing to certify
