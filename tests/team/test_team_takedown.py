"""The takedown workflow on the shared PostgreSQL ledger: two members, four-eyes across machines,
indexes built from the shared database by a member who starts later."""

from __future__ import annotations

import io
import tarfile

import psycopg
import pytest
from PIL import Image, ImageOps
from teamkit import db_url, grant_script

from ledger_app.core.errors import UserError
from ledger_app.services import Services
from ledger_app.services.workspace import Workspace
from ledger_app.storage import personal

PASS = "team takedown pass"


def _jpeg(im) -> bytes:
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _member(tmp_path, name: str, url: str) -> Services:
    ws = Workspace(tmp_path / f"ws-{name}", url)
    ws.create_dirs()
    ws.settings.set("user.name", name)
    return Services(ws, passphrase=lambda c: PASS)


def test_takedown_across_two_members(tmp_path, pg, fresh_db, data_dir):
    """Alice and Bob log in as their own database roles (both members of the application role, as
    docs/team-mode.md sets them up): four-eyes compares those roles, whatever they call themselves."""
    name = fresh_db()
    app = pg.create_role("ledger_app")
    alice_role, bob_role = pg.create_role("alice"), pg.create_role("bob")
    admin = Services(Workspace(tmp_path / "ws-admin", db_url(name)), passphrase=lambda c: PASS)
    admin.ledger.init("example.com/team-takedown")
    admin.ws.dispose()
    with psycopg.connect(db_url(name).replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(grant_script(app))
        conn.execute(f'GRANT "{app}" TO "{alice_role}", "{bob_role}"')
    photos = [data_dir / "fixtures" / "pdq" / "labelme-subset" / n for n in ("q0122.jpg", "q0291.jpg", "q0746.jpg")]
    root = tmp_path / "corpus"
    root.mkdir()
    with tarfile.open(root / "shard-000.tar", "w") as tf:
        def add(name, data):
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tf.addfile(ti, io.BytesIO(data))

        for i, p in enumerate(photos):
            add(f"{i:04d}.jpg", _jpeg(Image.open(p)))
        add("0100.jpg", _jpeg(ImageOps.mirror(Image.open(photos[0]))))

    alice = _member(tmp_path, "alice", db_url(name, alice_role))
    alice.ws.settings.set("takedown.four_eyes", True)
    alice.corpus.add_corpus("photos", root)
    alice.corpus.ingest("photos", workers=1)
    rid = alice.takedown.new_request(type="gdpr", requester="R", requester_kind="individual",
                                     works=alice.takedown.work_specs(files=[photos[0]])).id

    # Bob starts later on another machine: his indexes are built from the shared fingerprints.
    bob = _member(tmp_path, "bob", db_url(name, bob_role))
    bob.ws.settings.set("takedown.four_eyes", True)
    bob.takedown.locate(rid)
    got = {m["item_id"] for m in alice.takedown.show(rid).matches}
    assert got == {"photos:shard-000.tar#0000", "photos:shard-000.tar#0100"}
    alice.takedown.review(rid, accept_all=True)
    for display_name in ("alice", "bob"):  # calling herself Bob does not make Alice someone else
        alice.ws.settings.set("user.name", display_name)
        with pytest.raises(UserError, match=f"four-eyes.*db:{alice_role}"):
            alice.takedown.approve(rid)
    bob.takedown.approve(rid)
    with alice.ws.engine.connect() as conn:
        approver = conn.exec_driver_sql("SELECT approver FROM takedown_request WHERE id = %s", (rid,)).scalar()
        assert personal.reveal(conn, approver) == {"name": "bob", "account": f"db:{bob_role}"}
    res = bob.purge(rid)
    assert res.items == 2
    assert alice.takedown.show(rid).status == "purged"
    assert alice.ledger.verify().entries == bob.ledger.verify().entries
    with tarfile.open(root / "shard-000.tar") as tf:
        assert sorted(tf.getnames()) == ["0001.jpg", "0002.jpg"]
