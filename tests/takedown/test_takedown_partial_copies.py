"""Partial copies through the product's path: ingest stores local features; locate and the rights
check find a 30 % crop and a collage holding the claimed photo, naming the region and the covered
fractions; an item ingested without local features is not found that way (the stage is what does it)."""

from __future__ import annotations

import random

from PIL import Image
from td_builders import jpeg

from ledger_app.matching import evalset


def _corpus(root, grate: Image.Image, others) -> None:
    root.mkdir()
    w, h = grate.size
    (root / "crop.jpg").write_bytes(jpeg(grate.crop((int(w * 0.45), int(h * 0.4), w, h))))  # 30 % of the area
    collage = next(im for kind, _, im in evalset.beyond_alterations(grate, random.Random(8))
                   if kind == "collage tile 1/4")
    (root / "collage.jpg").write_bytes(jpeg(collage))
    for p in others:
        (root / p.name).write_bytes(p.read_bytes())


def test_locate_finds_partial_copies_with_their_region(services, photos, data_dir, tmp_path):
    grate_path = data_dir / "fixtures" / "c2pa" / "P1000827.jpg"
    with Image.open(grate_path) as im:
        grate = im.convert("RGB")
    root = tmp_path / "photos"
    _corpus(root, grate, photos)
    services.corpus.add_corpus("photos", root)
    services.corpus.ingest("photos", workers=1)
    with services.ws.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT COUNT(*), MIN(LENGTH(local)), MAX(LENGTH(local)) FROM fingerprint "
                                      "WHERE kind = 'image'").one()
    assert stored[0] == len(photos) + 2 and 0 < stored[1] and stored[2] <= 10 + 36 * 256
    rid = services.takedown.new_request(type="gdpr", requester="Ann Example", requester_kind="individual",
                                        email="ann@example.net",
                                        works=services.takedown.work_specs(files=[grate_path])).id
    services.takedown.locate(rid)
    matches = {m["item_id"].split(":", 1)[1]: m for m in services.takedown.show(rid).matches}
    assert set(matches) == {"crop.jpg", "collage.jpg"}, matches
    crop, collage = matches["crop.jpg"]["evidence"], matches["collage.jpg"]["evidence"]
    assert crop["item_covered"] > 0.95 and abs(crop["work_covered"] - 0.33) < 0.05
    assert abs(collage["item_covered"] - 0.25) < 0.04 and collage["work_covered"] > 0.95
    x0, y0, x1, y1 = collage["region_box"]
    assert x1 - x0 < 0.55 and y1 - y0 < 0.55  # one quarter of the collage, outlined on review
    # The rights holder's check (`ledger check FILE`) names both, with the covered fractions.
    from ledger_app.services.inclusion import check_inclusion

    (result,) = check_inclusion(services.takedown, files=[grate_path])
    near = {i.location: i for i in result.near_copies}
    assert result.verdict == "included" and set(near) == {"crop.jpg", "collage.jpg"}, result
    assert near["collage.jpg"].region.item_covered in ("24%", "25%", "26%")
    assert near["crop.jpg"].region.item_covered in ("99%", "100%")


def test_without_local_features_the_partial_copies_are_missed(services, photos, data_dir, tmp_path):
    grate_path = data_dir / "fixtures" / "c2pa" / "P1000827.jpg"
    with Image.open(grate_path) as im:
        grate = im.convert("RGB")
    root = tmp_path / "photos"
    _corpus(root, grate, photos)
    services.corpus.add_corpus("photos", root)
    services.corpus.ingest("photos", workers=1, local_features=False)
    rid = services.takedown.new_request(type="gdpr", requester="Ann Example", requester_kind="individual",
                                        email="ann@example.net",
                                        works=services.takedown.work_specs(files=[grate_path])).id
    services.takedown.locate(rid)
    assert services.takedown.show(rid).matches == []
