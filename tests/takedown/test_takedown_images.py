"""An image takedown end to end on a WebDataset shard: locate near copies, review, purge, blocklist."""

from __future__ import annotations

import tarfile

import pytest
from PIL import Image
from td_builders import jpeg, make_services, tar_add, write_photo_shard

from ledger_app.core.errors import UserError
from ledger_app.storage import identity


def members(path) -> dict[str, bytes]:
    with tarfile.open(path) as tf:
        return {m.name: tf.extractfile(m).read() for m in tf.getmembers()}


def raw_blocks(path) -> dict[str, bytes]:
    """Each member's header + data blocks exactly as stored."""
    out = {}
    with tarfile.open(path) as tf:
        data = path.read_bytes()
        for m in tf.getmembers():
            end = m.offset_data + ((m.size + 511) // 512) * 512
            out[m.name] = data[m.offset:end]
    return out


@pytest.fixture()
def located(services, photos, tmp_path):
    root = tmp_path / "photos"
    write_photo_shard(root, photos)
    services.corpus.add_corpus("photos", root)
    services.corpus.ingest("photos", workers=1)
    rid = services.takedown.new_request(type="gdpr", requester="Ann Example", requester_kind="individual",
                                        email="ann@example.net",
                                        works=services.takedown.work_specs(files=[photos[0]])).id
    services.takedown.locate(rid)
    return services, rid, root


def test_near_copies_are_found_and_nothing_else(located):
    services, rid, _ = located
    show = services.takedown.show(rid)
    found = {m["item_id"].split("#")[1] for m in show.matches}
    assert found == {"0000", "0100", "0101", "0102", "0103", "0104"}
    assert all(m["method"] == "perceptual" and m["decision"] == "pending" for m in show.matches)
    assert show.status == "located" and show.type == "gdpr"
    # The requester's name and e-mail never reach the ledger.
    for e in services.ledger.ws.store.entries(0):
        assert b"Ann Example" not in e.leaf and b"ann@example" not in e.leaf


def test_review_approve_purge_keeps_everything_else_byte_identical(located):
    services, rid, root = located
    shard = root / "shard-000.tar"
    before = raw_blocks(shard)
    services.takedown.review(rid, accept_all=True, reject=["photos:shard-000.tar#0104"])
    services.takedown.approve(rid)
    services.corpus.ws.settings.set("takedown.four_eyes", False)
    res = services.purge(rid)
    assert res.items == 5
    after = raw_blocks(shard)
    removed = {f"{k}.{ext}" for k in ["0000", "0100", "0101", "0102", "0103"] for ext in ("jpg", "json", "txt")}
    assert set(after) == set(before) - removed
    for name, block in after.items():
        assert block == before[name], f"{name} changed"
    show = services.takedown.show(rid)
    assert show.status == "purged"
    assert {s.path for s in show.purge.shards} == {"shard-000.tar"}
    assert show.purge.shards[0].sha256_before != show.purge.shards[0].sha256_after
    assert len(show.purge.items) == 5
    item = services.corpus.item("photos:shard-000.tar#0000")
    assert item.status == "purged"
    # Derived data is gone.
    with services.ws.engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM fingerprint WHERE item_id = 'photos:shard-000.tar#0000'").fetchone()[0]
    assert n == 0
    assert services.ledger.verify().entries > 0
    with pytest.raises(UserError, match="already purged"):
        services.purge(rid)


def test_purged_content_is_refused_when_it_comes_back(located, photos, tmp_path):
    services, rid, root = located
    services.takedown.review(rid, accept_all=True)
    services.takedown.approve(rid)
    services.purge(rid)
    again = tmp_path / "again"
    again.mkdir()
    im = Image.open(photos[0])
    with tarfile.open(again / "shard-000.tar", "w") as tf:
        tar_add(tf, "x.jpg", (root / "x").read_bytes() if (root / "x").exists() else jpeg(im))  # near-exact re-encode
        w, h = im.size
        tar_add(tf, "y.jpg", jpeg(im.resize((w * 2 // 3, h * 2 // 3)), 60))
        tar_add(tf, "z.jpg", jpeg(Image.open(photos[3])))
    services.corpus.add_corpus("again", again)
    services.corpus.ingest("again", workers=1)
    st = {r.id.split("#")[1]: r for r in services.corpus.items(corpus="again")}
    assert st["x"].status == "refused" and f"takedown request {rid}" in st["x"].status_reason
    assert st["y"].status == "refused"
    assert st["z"].status == "admitted"


def test_account_and_url_matches(services, photos, tmp_path):
    root = tmp_path / "p"
    write_photo_shard(root, photos)
    services.corpus.add_corpus("p", root)
    services.corpus.ingest("p", workers=1)
    rid = services.takedown.new_request(type="optout", requester="A", requester_kind="individual",
                                        works=services.takedown.work_specs(accounts=["alice"])).id
    services.takedown.locate(rid)
    assert [(m["item_id"], m["method"]) for m in services.takedown.show(rid).matches] == [("p:shard-000.tar#0001", "account")]
    rid2 = services.takedown.new_request(type="publisher", requester="Mirror", requester_kind="rights_org",
                                         works=services.takedown.work_specs(urls=["HTTPS://Mirror.Example:443/0101.jpg#x"],
                                                                            domains=["photos.example"])).id
    services.takedown.locate(rid2)
    got = {(m["item_id"].split("#")[1], m["method"]) for m in services.takedown.show(rid2).matches}
    assert ("0101", "url") in got
    assert {k for k, m in got if m == "url"} >= {"0000", "0001", "0002"}


def test_four_eyes_rule(tmp_path, photos, monkeypatch):
    handler = make_services(tmp_path / "ws", user="harriet")
    handler.ledger.init("example.com/four-eyes")
    handler.ws.settings.set("takedown.four_eyes", True)
    root = tmp_path / "p"
    write_photo_shard(root, photos)
    handler.corpus.add_corpus("p", root)
    handler.corpus.ingest("p", workers=1)
    rid = handler.takedown.new_request(type="other", requester="X", requester_kind="rights_org",
                                       works=handler.takedown.work_specs(hashes=[handler.corpus.items()[0].sha256])).id
    handler.takedown.locate(rid)
    handler.takedown.review(rid, accept_all=True)
    with pytest.raises(UserError, match="four-eyes"):
        handler.takedown.approve(rid)
    renamed = make_services(tmp_path / "ws", user="oliver")  # the same OS account under another name
    with pytest.raises(UserError, match="four-eyes"):
        renamed.takedown.approve(rid)
    monkeypatch.setattr(identity, "os_account", lambda: "oliver")  # another person's login
    assert renamed.takedown.approve(rid).status == "approved"


def test_lineage_names_the_runs_that_saw_removed_items(located):
    from ledger_app.services.lineage import record_run

    services, rid, _ = located
    record_run(services.corpus, "photo-gen-v1", "photos")
    services.takedown.review(rid, accept_all=True)
    services.takedown.approve(rid)
    services.purge(rid)
    runs = services.takedown.show(rid).affected_runs
    assert len(runs) == 1 and runs[0]["model"] == "photo-gen-v1" and len(runs[0]["items_seen"]) == 6
