"""A removal certificate's stored item proofs are tied to the items it lists (issue #20): the offline
verifier checks each `stored_item_proofs[item_id]` at both levels and that it proves exactly the
listed item (its ID, its leaf's SHA-256 and corpus). `stored_item_proofs` is outside the signature,
so anyone can edit it: a certificate listing item X with a valid proof of item Y, a proof relabelled
as X's, or a proof of an item the certificate does not list, must each fail."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from legal_helpers import cli, write_jsonl_corpus

from ledger_app.core.errors import VerificationError
from ledger_app.takedown.locate import Found
from ledger_app.verify import verify_document

REPO = Path(__file__).resolve().parents[2]
X = "news:news-000.jsonl#id=a1"  # removed, and listed by the certificate
Y = "news:news-000.jsonl#id=a2"  # live in the same shard: its proof is valid, but not X's
Z = "news:news-001.jsonl#id=a1"  # another shard


@pytest.fixture()
def certified(services, tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "news"
    write_jsonl_corpus(corpus, [f"https://news.example/a/{i}" for i in range(4)], "news-000.jsonl")
    write_jsonl_corpus(corpus, [f"https://news.example/b/{i}" for i in range(4)], "news-001.jsonl")
    run = lambda *a: cli(services.ws.path, *a, capsys=capsys, monkeypatch=monkeypatch)  # noqa: E731
    assert run("corpus", "add", "news", str(corpus), "--format", "jsonl")[0] == 0
    assert run("ingest", "news", "--store")[0] == 0
    td = services.takedown
    rid = td.new_request(type="publisher", requester="Daily", requester_kind="news_publisher",
                         works=td.work_specs(urls=["https://news.example/a/1"])).id
    td.record_matches(rid, td.request_record(rid), [Found(X, td.works(rid)[0].id, "url", "exact")])
    for step in (("review", str(rid), "--accept-all"), ("approve", str(rid)),
                 ("ownership", str(rid), "--evidence", "archive"), ("purge", str(rid))):
        assert run("takedown", *step)[0] == 0
    cert = tmp_path / "cert.json"
    rc, _, err = run("takedown", "certificate", str(rid), "-o", str(cert))
    assert rc == 0, err
    doc = json.loads(cert.read_text())
    assert [i["item_id"] for i in doc["removed_items"]] == [X] and list(doc["stored_item_proofs"]) == [X]
    stored = services.corpus.stored
    return doc, services.ledger.vkey(), {i: stored.prove_item(i)[0].to_json() for i in (Y, Z)}


def test_the_certificate_as_issued_verifies(certified):
    doc, vkey, _ = certified
    verify_document(doc, vkey)


def test_a_valid_proof_of_another_item_under_the_listed_item_fails(certified, tmp_path):
    doc, vkey, other = certified
    for y in (Y, Z):
        forged = copy.deepcopy(doc)
        forged["stored_item_proofs"][X] = other[y]
        with pytest.raises(VerificationError, match=f"under {X!r} is the proof of item {y!r}"):
            verify_document(forged, vkey)
    # The same, offline, with the command a recipient runs.
    forged = copy.deepcopy(doc)
    forged["stored_item_proofs"][X] = other[Y]
    (tmp_path / "forged.json").write_text(json.dumps(forged))
    p = subprocess.run([sys.executable, "-m", "ledger_app.verify", str(tmp_path / "forged.json"), "--vkey", vkey],
                       capture_output=True, text=True, cwd=REPO, timeout=60)
    assert p.returncode != 0 and "is the proof of item" in p.stdout + p.stderr, p.stdout + p.stderr


def test_another_items_proof_relabelled_as_the_listed_item_fails(certified):
    doc, vkey, other = certified
    forged = copy.deepcopy(doc)
    forged["stored_item_proofs"][X] = {**other[Y], "item": X}  # Y's leaf and path, X's name
    with pytest.raises(VerificationError, match=f"stored item proof of {X!r} fails: .*not the item.ingested entry"):
        verify_document(forged, vkey)


def test_a_proof_of_an_item_the_certificate_does_not_list_fails(certified):
    doc, vkey, other = certified
    forged = copy.deepcopy(doc)
    forged["stored_item_proofs"][Y] = other[Y]
    with pytest.raises(VerificationError, match=f"proof for {Y!r}, which it does not list"):
        verify_document(forged, vkey)


def test_a_broken_proof_of_the_listed_item_fails(certified):
    doc, vkey, _ = certified
    forged = copy.deepcopy(doc)
    p = forged["stored_item_proofs"][X]
    p["shard_index"] = (p["shard_index"] + 1) % p["shard_size"]
    with pytest.raises(VerificationError, match=f"stored item proof of {X!r} fails"):
        verify_document(forged, vkey)
    forged["stored_item_proofs"] = [doc["stored_item_proofs"][X]]
    with pytest.raises(VerificationError, match="stored_item_proofs is not an object"):
        verify_document(forged, vkey)
