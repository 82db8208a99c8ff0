"""Standing rights claims (now and at later ingests), licence expiry, and a killed purge resuming."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tarfile
import textwrap

import pytest
from td_builders import PASS, jpeg, make_services, tar_add, write_photo_shard

from ledger_app.core.errors import UserError
from ledger_app.services.claims import (
    add_claim,
    add_license,
    check_expiries,
    expire_license,
    list_claims,
    takedown_from_claim,
)


def test_claim_flags_existing_items_and_quarantines_later_ones(services, photos, tmp_path):
    from PIL import Image

    root = tmp_path / "p"
    write_photo_shard(root, photos[1:])
    services.corpus.add_corpus("p", root)
    services.corpus.ingest("p", workers=1)
    td = services.takedown
    res = add_claim(td, holder="Harbour Photo Agency", holder_kind="rights_org",
                    works=td.work_specs(files=[photos[1]], domains=["mirror.example"]),
                    basis="copyright", terms="not licensed for AI training")
    assert res.flagged >= 1
    item = services.corpus.item("p:shard-000.tar#0000")
    assert item.status == "quarantined" and f"claim {res.id}" in item.status_reason
    # A later ingest of a resized copy is quarantined at once.
    later = tmp_path / "later"
    later.mkdir()
    im = Image.open(photos[1])
    with tarfile.open(later / "s.tar", "w") as tf:
        tar_add(tf, "a.jpg", jpeg(im.resize((im.width // 2, im.height // 2)), 70))
        tar_add(tf, "b.jpg", jpeg(Image.open(photos[4])))
    services.corpus.add_corpus("later", later)
    services.corpus.ingest("later", workers=1)
    st = {r.id: r for r in services.corpus.items(corpus="later")}
    assert st["later:s.tar#a"].status == "quarantined"
    assert "standing rights claim" in st["later:s.tar#a"].status_reason
    assert st["later:s.tar#b"].status == "admitted"
    assert [c.id for c in list_claims(td)] == [res.id]
    # One step from claim to takedown, located at once.
    req = takedown_from_claim(td, res.id, type="other")
    matches = {m["item_id"] for m in td.show(req.id).matches}
    assert {"p:shard-000.tar#0000", "later:s.tar#a"} <= matches


def test_licence_expiry_opens_a_takedown_for_its_items(services, photos, tmp_path):
    td = services.takedown
    add_license(td, name="stock-2024", licensor="Stock Images Ltd", permitted_uses="AI training",
                territory="worldwide", expires="2025-12-31")
    a, b = tmp_path / "a", tmp_path / "b"
    write_photo_shard(a, photos[:2])
    (b).mkdir()
    (b / "x.jpg").write_bytes(photos[3].read_bytes())
    services.corpus.add_corpus("stock", a, license="stock-2024")
    services.corpus.add_corpus("own", b)
    services.corpus.ingest("stock", workers=1)
    services.corpus.ingest("own", workers=1)
    n_stock = services.corpus.count_items(corpus="stock")
    res = expire_license(td, "stock-2024")
    assert res.items == n_stock
    show = td.show(res.request)
    assert show.type == "license" and show.status == "located"
    assert {m["item_id"].split(":")[0] for m in show.matches} == {"stock"}
    assert len({m["item_id"] for m in show.matches}) == n_stock



def test_a_licence_with_no_items_expires_whole(services):
    """Expiring a licence nothing was acquired under opens no request (there is nothing to remove)
    and leaves no half-expired licence: the expiry is in the ledger and a later check is quiet."""
    td = services.takedown
    add_license(td, name="unused-2024", licensor="Nobody Ltd", permitted_uses="AI training",
                territory="worldwide", expires="2025-01-31")
    size = services.ledger.ws.store.size()
    [res] = check_expiries(td)
    assert (res.license, res.request, res.items) == ("unused-2024", None, 0)
    assert services.ledger.ws.store.size() == size + 1
    assert td.list() == []
    assert check_expiries(td) == []
    with pytest.raises(UserError, match="already expired"):
        expire_license(td, "unused-2024")

CHILD = textwrap.dedent(
    """
    import os, sys, pathlib, signal
    from ledger_app.corpus import purge as cp
    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace
    ws, pw, rid, kill_at = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    calls = []
    def hook(label):
        calls.append(label)
        if kill_at and len(calls) == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
    cp.crash_hook = hook
    Services(Workspace(ws), passphrase=lambda c: pw).purge(rid)
    print(len(calls))
    """
)


def _approved_copy(pristine, dst):
    shutil.copytree(pristine, dst)
    s = make_services(dst / "ws")
    with s.ws.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE corpus SET path = ?", (str(dst / "photos"),))
    s.ws.dispose()
    return dst


def _state(base):
    s = make_services(base / "ws")
    shard = (base / "photos" / "shard-000.tar").read_bytes()
    rows = [(r.id, r.status) for r in s.corpus.items()]
    show = s.takedown.show(1)
    s.ledger.verify()
    leftovers = [p.name for p in (base / "photos").iterdir() if p.name.startswith(".")]
    journals = list((base / "ws" / "journal").iterdir())
    return shard, rows, show.status, [(x.sha256_before, x.sha256_after) for x in show.purge.shards], leftovers, journals


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, photos):
    base = tmp_path_factory.mktemp("pristine")
    s = make_services(base / "ws")
    s.ledger.init("example.com/crash-test")
    write_photo_shard(base / "photos", photos)
    s.corpus.add_corpus("photos", base / "photos")
    s.corpus.ingest("photos", workers=1)
    rid = s.takedown.new_request(type="other", requester="X", requester_kind="internal",
                                 works=s.takedown.work_specs(files=[photos[0]])).id
    assert rid == 1
    s.takedown.locate(rid)
    s.takedown.review(rid, accept_all=True)
    s.takedown.approve(rid)
    s.ws.dispose()
    return base


def test_a_purge_killed_anywhere_resumes_to_the_same_result(pristine, tmp_path):
    ref = _approved_copy(pristine, tmp_path / "ref")
    out = subprocess.run([sys.executable, "-c", CHILD, str(ref / "ws"), PASS, "1", "0"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    n_points = int(out.stdout.strip())
    assert n_points >= 6
    want = _state(ref)
    assert want[2] == "purged" and want[4] == [] and want[5] == []
    # Mid-rewrite, between the file phase and the database phase, and just before the commit.
    for k in sorted({2, n_points // 2, n_points - 1, n_points}):
        run = _approved_copy(pristine, tmp_path / f"k{k}")
        killed = subprocess.run([sys.executable, "-c", CHILD, str(run / "ws"), PASS, "1", str(k)],
                                capture_output=True, text=True)
        assert killed.returncode == -signal.SIGKILL, (k, killed.stderr)
        again = subprocess.run([sys.executable, "-c", CHILD, str(run / "ws"), PASS, "1", "0"], capture_output=True, text=True)
        got = _state(run)
        if again.returncode != 0:
            # Killed after the commit: the purge was complete, and says so.
            assert "already purged" in again.stderr, (k, again.stderr)
        assert got[0] == want[0], f"shard bytes differ after a kill at point {k}"
        assert got[1] == [(i, s) for i, s in want[1]]
        assert got[2:4] == want[2:4]
        assert got[4] == [], f"temporary files left after a kill at point {k}: {got[4]}"
    assert os.path.exists(ref)
