"""`ledger check FILE` reaches items of the fingerprint store (issue #20) as it reaches database items:
by exact hash, and also by image (a PDQ near-duplicate: a resized, recompressed copy of a stored
photo, whose hash differs) and by text (an excerpt of a stored article inside other text). The
corpus is ingested with `--store` only, so no database item can answer; the signed report marks
the items stored and verifies offline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image
from td_builders import PASS, jpeg

# The sweep tests' corpus (photos and their altered copies; texts) and its workspace builder.
from test_store_locate import ARTICLE, corpus, grate_path, workspace  # noqa: F401

REPO = Path(__file__).resolve().parents[2]


def check(ws: Path, *args: str) -> dict:
    r = subprocess.run([sys.executable, "-m", "ledger_app.cli.main", "--workspace", str(ws), "check", *args, "--json"],
                       capture_output=True, text=True,
                       env={**os.environ, "PYTHONPATH": str(REPO), "LEDGER_PASSPHRASE": PASS}, timeout=600)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_check_finds_stored_items_by_image_and_by_text(tmp_path, corpus, photos):  # noqa: F811
    s = workspace(tmp_path / "ws", corpus, store=True)
    assert s.corpus.catalogue.items(corpus="c") == [] and len(s.corpus.stored.files("c")) == 2
    near = tmp_path / "near.jpg"  # photo 0 at 3/4 size, recompressed: another hash, a near-duplicate
    with Image.open(photos[0]) as im:
        near.write_bytes(jpeg(im.resize((im.width * 3 // 4, im.height * 3 // 4)), 70))
    excerpt = tmp_path / "excerpt.txt"
    excerpt.write_text("Quoted in a newsletter: " + ARTICLE[40:400] + " End of the quotation.", encoding="utf-8")
    unrelated = tmp_path / "unrelated.txt"
    unrelated.write_text("A recipe for lentil soup with cumin, carrots and a squeeze of lemon. " * 5, encoding="utf-8")

    report = tmp_path / "report.json"
    out = check(s.ws.path, str(near), str(excerpt), str(unrelated), "-o", str(report))
    by_name = {q["query"]["name"]: q for q in out["results"]}
    img, txt, none = by_name["near.jpg"], by_name["excerpt.txt"], by_name["unrelated.txt"]

    assert img["verdict"] == "included" and img["items"] == []  # not by hash ...
    found = {(i["item_id"].split("#")[1], i["method"]) for i in img["near_copies"]}
    assert ("0000", "perceptual") in found  # ... but as a near-duplicate of the stored photo
    assert all(i.get("stored") is True for i in img["near_copies"])

    assert txt["verdict"] == "included"
    found = {(i["item_id"].split("#")[1], i["method"]) for i in txt["near_copies"]}
    assert ("t000", "text") in found and ("t002", "text") not in found
    assert all(i.get("stored") is True for i in txt["near_copies"])

    assert none["verdict"] == "not_found" and none["items"] == none["near_copies"] == []

    # The signed report carries the stored items' two levels and verifies offline.
    doc = json.loads(report.read_text())
    assert set(doc["stored_item_proofs"]) >= {i["item_id"] for i in img["near_copies"] + txt["near_copies"]}
    p = subprocess.run([sys.executable, "-m", "ledger_app.verify", str(report), "--vkey", s.ledger.vkey()],
                       capture_output=True, text=True, cwd=REPO, timeout=60)
    assert p.returncode == 0, p.stdout + p.stderr
