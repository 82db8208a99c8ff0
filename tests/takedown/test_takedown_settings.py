"""Each takedown and matching setting on the Settings screen changes what a takedown does:
match.pdq_max_distance (through locate) and takedown.default_due_days. (match.text_min_score:
test_takedown_text_cli.py; takedown.four_eyes and user.name: test_approver_identity.py.)"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter

from ledger_app.matching.image import image_fingerprint
from ledger_app.matching.image_match import ImageMatcher


def _jpeg(im: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def _rests_on_pdq(hit) -> bool:
    """Whether the close PDQ hash decided this match: PDQ alone, or the frame-to-frame alignment that
    only a hash within `pdq_max_distance` proposes (no keypoint inliers)."""
    if hit.method == "pdq":
        return True
    v = hit.detail.get("verification")
    return hit.method == "verified" and isinstance(v, dict) and v.get("inliers") == 0


def flat_pair() -> tuple[bytes, bytes, int]:
    """A smooth, nearly featureless picture and a brightened, shrunk, recompressed copy of it whose
    keypoints cannot decide, so the close PDQ hash does (alone, or by the alignment it proposes):
    (original, copy, PDQ distance)."""
    for seed in range(40):
        rng = np.random.default_rng(seed)
        base = Image.fromarray((rng.random((16, 16)) * 255).astype(np.uint8)).resize((512, 512), Image.BICUBIC)
        im = ImageEnhance.Contrast(base.filter(ImageFilter.GaussianBlur(44))).enhance(2)
        original = _jpeg(im, 90)
        copy = _jpeg(ImageEnhance.Brightness(im).enhance(1.15).resize((300, 300)), 40)
        m = ImageMatcher()
        m.add(["original"], [image_fingerprint(original)])
        hits = m.query(image_fingerprint(copy))
        if hits and _rests_on_pdq(hits[0]) and hits[0].distance > 2:
            return original, copy, hits[0].distance
    raise AssertionError("no flat picture among 40 left the decision to the PDQ hash")


def test_pdq_max_distance_decides_where_pdq_alone_does(services, tmp_path):
    original, copy, distance = flat_pair()
    folder = tmp_path / "flat"
    folder.mkdir()
    (folder / "copy.jpg").write_bytes(copy)
    work = tmp_path / "original.jpg"
    work.write_bytes(original)
    services.corpus.add_corpus("flat", folder)
    services.corpus.ingest("flat", workers=1)
    td = services.takedown

    def locate() -> list[dict]:
        rid = td.new_request(type="other", requester="X", requester_kind="internal",
                             works=td.work_specs(files=[work])).id
        td.locate(rid)
        return td.show(rid).matches

    (m,) = locate()  # the shipped default, Meta's 31
    assert m["item_id"] == "flat:copy.jpg" and m["evidence"]["how"] in ("pdq", "verified")
    assert m["evidence"]["distance"] == distance <= 31
    services.ws.settings.set("match.pdq_max_distance", distance - 1)
    assert locate() == []
    services.ws.settings.set("match.pdq_max_distance", distance)
    assert [m["item_id"] for m in locate()] == ["flat:copy.jpg"]


def test_default_due_days(services):
    td = services.takedown
    first = td.new_request(type="other", requester="X", requester_kind="internal", received="2026-03-02",
                           works=td.work_specs(hashes=["a" * 64]))
    services.ws.settings.set("takedown.default_due_days", 30)
    second = td.new_request(type="other", requester="X", requester_kind="internal", received="2026-03-02",
                            works=td.work_specs(hashes=["a" * 64]))
    due = {r.id: td.show(r.id).due_by for r in (first, second)}
    assert due == {first.id: "2026-03-16", second.id: "2026-04-01"}


def _jsonl(root, rows: dict[str, str]) -> None:
    import json

    root.mkdir()
    (root / "part-000.jsonl").write_text("\n".join(json.dumps({"id": k, "text": t}) for k, t in rows.items()) + "\n")


def test_text_threshold_reaches_claims_and_the_blocklist(services, tmp_path):
    """Standing claims and the blocklist apply match.text_min_score too (they used a fixed 0.5)."""
    import random

    from ledger_app.matching import text_evalset
    from ledger_app.services.claims import add_claim

    articles, _, _, hosts = text_evalset.load("held-out")
    claimed, purged = (next(a for a in articles if a.id == i) for i in ("en-central-bank", "en-drought-wheat"))
    host = next(h for h in hosts if h.lang == "en")
    rng = random.Random(3)
    td = services.takedown
    add_claim(td, holder="Daily", holder_kind="news_publisher", basis="copyright", terms="no AI training",
              works=td.work_specs(texts=[claimed.text]))
    _jsonl(tmp_path / "news", {"purged": purged.text})
    services.corpus.add_corpus("news", tmp_path / "news")
    services.corpus.ingest("news", workers=1)
    rid = td.new_request(type="other", requester="Data team", requester_kind="internal",
                         works=td.work_specs(texts=[purged.text])).id
    td.locate(rid)
    td.review(rid, accept_all=True)
    td.approve(rid)
    services.purge(rid)

    excerpts = {"of-claimed": text_evalset.excerpt(claimed, host, rng), "of-purged": text_evalset.excerpt(purged, host, rng)}

    def statuses(name: str) -> dict[str, str]:
        _jsonl(tmp_path / name, excerpts)
        services.corpus.add_corpus(name, tmp_path / name)
        services.corpus.ingest(name, workers=1)
        return {k: services.corpus.item(f"{name}:part-000.jsonl#id={k}").status for k in excerpts}

    assert statuses("at-default") == {"of-claimed": "quarantined", "of-purged": "refused"}
    services.ws.settings.set("match.text_min_score", 0.9)  # above what a 40 % excerpt scores
    assert statuses("at-0.9") == {"of-claimed": "admitted", "of-purged": "admitted"}
