"""A corpus ingested into the fingerprint store: one shard.manifest entry per shard, items in
Parquet, and each item's two-level proof built, checked by the service, by the offline verifier
(ledger_app/verify.py, in a subprocess) and refused when any part of it is altered.
Go's golang.org/x/mod/sumdb/tlog checks the same proofs in tests/test_fpstore_go.py."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from corpus_builders import photo, write_wds_shard

from ledger_app.core.errors import VerificationError
from ledger_app.ledger import merkle
from ledger_app.ledger.manifest import MANIFEST_TYPE, item_proof_from_json, verify_item_proof
from ledger_app.services.wiring import Services
from ledger_app.services.workspace import Workspace

PASS = "fpstore-test-pass"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    d = tmp_path_factory.mktemp("fpstore")
    (d / "c").mkdir()
    write_wds_shard(d / "c" / "shard-000.tar", 0, 70)
    write_wds_shard(d / "c" / "shard-001.tar", 70, 3, text_only=True)
    s = Services(Workspace(d / "ws"), passphrase=lambda c: PASS)
    s.ledger.init("example.com/fpstore-test")
    s.corpus.add_corpus("wds", d / "c")
    before = s.ws.store.size()
    rep = s.corpus.ingest("wds", workers=1, store=True)
    return s, d, rep, before


# The offline verifier runs with every import outside the standard library, cryptography and its own
# few ledger modules refused (as tests/certificates/test_cert_verify.py runs it for certificates).
GUARDED = r"""
import runpy, sys
ALLOWED = {"ledger_app", "ledger_app.core", "ledger_app.core.errors", "ledger_app.core.messages", "ledger_app.core.strictjson", "ledger_app.ledger",
           "ledger_app.ledger.merkle", "ledger_app.ledger.note", "ledger_app.ledger.checkpoint",
           "ledger_app.ledger.tlogproof", "ledger_app.ledger.cosignature", "ledger_app.ledger.documents",
           "ledger_app.ledger.docverify", "ledger_app.ledger.manifest", "ledger_app.verify"}

class Guard:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in sys.stdlib_module_names or top in ("cryptography", "_cffi_backend") or name in ALLOWED:
            return None
        raise ImportError(f"the offline verifier must not import {name}")

sys.meta_path.insert(0, Guard())
sys.argv = ["ledger_app.verify", *sys.argv[1:]]
runpy.run_module("ledger_app.verify", run_name="__main__")
"""


def run_verify(path: Path, vkey: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", GUARDED, str(path), "--vkey", vkey, "--json"],
                          capture_output=True, text=True, cwd=REPO, timeout=60)


def test_one_manifest_entry_per_shard_and_no_item_rows(stored):
    s, d, rep, before = stored
    assert rep.items_new == 73 and rep.shards_done == 2
    assert s.ws.store.size() == before + 2  # two shards, two entries, not 73
    ms = s.corpus.stored.manifests("wds")
    assert sorted(ms) == [("wds", "shard-000.tar"), ("wds", "shard-001.tar")]
    assert [m.count for _, m in sorted(ms.items())] == [70, 3]
    assert {e.type for e in s.ws.store.entries(before)} == {MANIFEST_TYPE}
    assert s.corpus.catalogue.items(corpus="wds") == []  # the database holds no item rows for a stored corpus
    m = ms[("wds", "shard-000.tar")]
    assert s.corpus.stored.store().file_sha256(m.file) == m.file_sha256
    row = s.corpus.stored.item("wds:shard-000.tar#s00004")
    import hashlib

    assert row["sha256"] == hashlib.sha256(photo(4)).hexdigest() and row["fp_kind"] == "image"
    assert len(row["pdq"]) % 32 == 0 and row["pdq"]
    assert row["url_norm"] and row["url_salt"] and row["account"]  # a commitment, not the account name
    assert "user" not in row["account"]
    report = s.ledger.verify(deep=True)  # the manifest entries are ordinary, verifiable entries
    assert report.entries == s.ws.store.size() and not report.warnings
    # A re-run finds both shards unchanged and writes nothing.
    again = s.corpus.ingest("wds", workers=1, store=True)
    assert again.shards_skipped == 2 and s.ws.store.size() == before + 2


def test_items_list_and_show_read_the_store(stored):
    s, d, rep, before = stored
    listed = s.corpus.items(corpus="wds")
    assert len(listed) == 73 and [r.id for r in listed] == sorted(r.id for r in listed)
    ms = s.corpus.stored.manifests("wds")
    first = listed[0]
    assert first.id == "wds:shard-000.tar#s00000" and first.entry_index == ms[("wds", "shard-000.tar")].index
    assert first.status == "admitted" and first.media_type == "image/jpeg" and first.domain == "photos.example"
    assert [r.id for r in s.corpus.items(corpus="wds", search="s0007")] == [
        "wds:shard-001.tar#s00070", "wds:shard-001.tar#s00071", "wds:shard-001.tar#s00072"]
    assert [r.id for r in s.corpus.items(corpus="wds", limit=2, offset=69)] == [
        "wds:shard-000.tar#s00069", "wds:shard-001.tar#s00070"]
    assert s.corpus.items(corpus="wds", status="refused") == []
    assert len(s.corpus.items()) == 73  # all corpora: the database's items (none here) and the store's
    shown = s.corpus.item("wds:shard-001.tar#s00071")
    assert shown.sha256 == listed[71].sha256 and shown.media_type.startswith("text/")
    assert shown.entry_proof is not None and shown.entry_proof["kind"] == "item-proof"
    assert verify_item_proof(item_proof_from_json(shown.entry_proof), s.ledger.known_verifiers()).item == shown.id
    with pytest.raises(Exception, match="no stored item"):
        s.corpus.item("wds:shard-001.tar#nothing")


def test_check_finds_stored_items_by_hash_and_url(stored, tmp_path):
    import hashlib

    from ledger_app.services.certificates import inclusion_report

    s, d, rep, before = stored
    m = s.corpus.stored.manifests("wds")[("wds", "shard-000.tar")]
    res = inclusion_report(s, hashes=[hashlib.sha256(photo(4)).hexdigest(), "ab" * 32],
                           urls=["https://photos.example/5.jpg"]).results
    assert [q.verdict for q in res] == ["included", "not_found", "included"]
    (by_hash,), (by_url,) = res[0].items, res[2].items
    assert by_hash.item_id == "wds:shard-000.tar#s00004" and by_hash.method == "exact"
    assert by_hash.entry_index == m.index and by_hash.stored and by_hash.status == "admitted"
    assert by_url.item_id == "wds:shard-000.tar#s00005" and by_url.method == "url"



def test_signed_inclusion_report_carries_both_levels(stored, tmp_path):
    import copy
    import hashlib

    from ledger_app.ledger.docverify import verify_document
    from ledger_app.services.certificates import inclusion_report

    s, d, rep, before = stored
    out = tmp_path / "report.json"
    inclusion_report(s, hashes=[hashlib.sha256(photo(4)).hexdigest()], urls=["https://photos.example/66.jpg"], out=out)
    doc = json.loads(out.read_text())
    m = s.corpus.stored.manifests("wds")[("wds", "shard-000.tar")]
    items = [it for q in doc["queries"] for it in q["items"]]
    assert {it["item_id"] for it in items} == {"wds:shard-000.tar#s00004", "wds:shard-000.tar#s00066"}
    assert all(it["stored"] is True and it["entry_index"] == m.index for it in items)
    assert sorted(doc["stored_item_proofs"]) == ["wds:shard-000.tar#s00004", "wds:shard-000.tar#s00066"]
    vkey = s.ledger.vkey()
    assert verify_document(doc, vkey).item_entries == (m.index,)
    res = run_verify(out, vkey)
    assert res.returncode == 0 and json.loads(res.stdout)["ok"], res.stderr
    # Each level can fail: a stored item's inner proof swapped for another's, its shard hashes altered,
    # its proof missing, or the flag that makes the verifier ask for it removed.
    proofs = doc["stored_item_proofs"]
    a, b = sorted(proofs)
    bad = []
    for change in (lambda x: x["stored_item_proofs"].__setitem__(a, proofs[b]),
                   lambda x: x["stored_item_proofs"][a]["shard_proof"].reverse(),
                   lambda x: x["stored_item_proofs"].pop(a),
                   lambda x: x.pop("stored_item_proofs")):
        forged = copy.deepcopy(doc)
        change(forged)
        bad.append(forged)
    for forged in bad:
        with pytest.raises(VerificationError):
            verify_document(forged, vkey)
        path = tmp_path / "forged.json"
        path.write_text(json.dumps(forged))
        res = run_verify(path, vkey)
        assert res.returncode == 1 and json.loads(res.stdout)["ok"] is False, res.stderr


def test_two_level_proof_verifies_online_and_offline(stored, tmp_path):
    s, d, rep, before = stored
    vkey = s.ledger.vkey()
    for item in ("wds:shard-000.tar#s00000", "wds:shard-000.tar#s00065", "wds:shard-001.tar#s00072"):
        proof, verified = s.corpus.stored.prove_item(item)
        doc = proof.to_json()
        assert verified.item == item and verified.checkpoint_size == s.ws.store.size()
        leaf = json.loads(base64.b64decode(doc["leaf"]))
        assert leaf["type"] == "item.ingested" and leaf["payload"]["item"] == item
        path = tmp_path / "proof.json"
        path.write_text(json.dumps(doc))
        out = run_verify(path, vkey)
        assert out.returncode == 0, out.stderr
        res = json.loads(out.stdout)
        assert res["ok"] and res["item"] == item and res["manifest_index"] == proof.manifest_index


def _tampered(doc: dict) -> list[tuple[str, dict]]:
    def flip(b64: str) -> str:
        raw = bytearray(base64.b64decode(b64))
        raw[len(raw) // 2] ^= 1
        return base64.b64encode(bytes(raw)).decode()

    leaf = json.loads(base64.b64decode(doc["leaf"]))
    leaf["payload"]["status"] = "refused" if leaf["payload"]["status"] != "refused" else "admitted"
    from ledger_app.core.canonical import canonical_json

    return [
        ("inner hash", doc | {"shard_proof": [flip(doc["shard_proof"][0]), *doc["shard_proof"][1:]]}),
        ("item leaf", doc | {"leaf": base64.b64encode(canonical_json(leaf)).decode()}),
        ("shard index", doc | {"shard_index": doc["shard_index"] + 1}),
        ("shard size", doc | {"shard_size": doc["shard_size"] + 1}),
        ("manifest leaf", doc | {"manifest_leaf": flip(doc["manifest_leaf"])}),
        ("manifest index", doc | {"manifest_index": doc["manifest_index"] + 1}),
        ("checkpoint", doc | {"tlog_proof": doc["tlog_proof"].replace("\n\n", "\n\nx", 1)}),
    ]


def test_altered_proofs_fail_offline(stored, tmp_path):
    s, d, rep, before = stored
    proof, _ = s.corpus.stored.prove_item("wds:shard-000.tar#s00065")
    for what, bad in _tampered(proof.to_json()):
        with pytest.raises(VerificationError):
            verify_item_proof(item_proof_from_json(bad), s.ledger.known_verifiers())
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(bad))
        out = run_verify(path, s.ledger.vkey())
        assert out.returncode == 1, what
        assert json.loads(out.stdout)["ok"] is False


def test_a_store_file_changed_after_its_manifest_is_refused(stored):
    s, d, rep, before = stored
    st = s.corpus.stored.store()
    m = s.corpus.stored.manifests("wds")[("wds", "shard-001.tar")]
    path = Path(st.base) / m.file
    original = path.read_bytes()
    rows = st.shard_rows(m.file)
    try:
        rows[0]["status"] = "admitted-by-hand"
        rows[0]["leaf"] = rows[0]["leaf"].replace(b'"status":"admitted"', b'"status":"quarantined"')
        forged = st.write_shard("wds", "shard-001.tar", rows)
        path.write_bytes((Path(st.base) / forged.path).read_bytes())
        with pytest.raises(VerificationError, match="does not hold what its manifest"):
            s.corpus.stored.prove_item("wds:shard-001.tar#s00070")
        with pytest.raises(VerificationError, match="has another SHA-256 than its manifest says"):
            s.corpus.stored.verify_files()
    finally:
        path.write_bytes(original)
    assert s.corpus.stored.prove_item("wds:shard-001.tar#s00070")[1].shard == "shard-001.tar"
    assert s.corpus.stored.verify_files().to_json() == {"shards": 2, "items": 73}


def test_a_forged_lookup_filter_is_refused_and_a_damaged_one_costs_a_scan(stored):
    import hashlib

    from ledger_app.fpstore import lookup_index
    from tests.test_fpstore_lookup import _forge

    s, d, rep, before = stored
    st = s.corpus.stored.store()
    m = s.corpus.stored.manifests("wds")[("wds", "shard-000.tar")]
    path = Path(st.base) / (m.file + lookup_index.SUFFIX)
    original = path.read_bytes()
    digest = hashlib.sha256(photo(4)).digest()
    found = [("wds:shard-000.tar#s00004", "exact", digest.hex())]
    assert s.corpus.stored.find_exact([digest.hex()], []) == found
    try:
        path.write_bytes(original[:-64])  # truncated: the shard is scanned
        assert s.corpus.stored.find_exact([digest.hex()], []) == found
        path.write_bytes(_forge(original, digest))  # forged consistently: hidden from a lookup, but not from verify
        assert s.corpus.stored.find_exact([digest.hex()], []) == []
        with pytest.raises(VerificationError, match="lookup filter"):
            s.corpus.stored.verify_files()
    finally:
        path.write_bytes(original)
    assert s.corpus.stored.verify_files().to_json() == {"shards": 2, "items": 73}
    path.unlink()  # a store without filters (written before them) verifies and finds the same
    try:
        assert s.corpus.stored.find_exact([digest.hex()], []) == found
        assert s.corpus.stored.verify_files().to_json() == {"shards": 2, "items": 73}
    finally:
        path.write_bytes(original)


def test_cli_ingest_store_and_log_prove_item(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    write_wds_shard(corpus / "shard-000.tar", 0, 4)
    env = {"LEDGER_PASSPHRASE": PASS}
    import os

    env = {**os.environ, **env}
    ws = str(tmp_path / "ws")

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "ledger_app.cli.main", "--workspace", ws, *args],
                              capture_output=True, text=True, cwd=REPO, env=env, timeout=120)

    for args in (("init", "--origin", "example.com/fpstore-cli"), ("corpus", "add", "wds", str(corpus)),
                 ("ingest", "wds", "--store", "--workers", "1")):
        out = cli(*args)
        assert out.returncode == 0, (args, out.stderr)
    out = cli("log", "prove", "--item", "wds:shard-000.tar#s00002")
    assert out.returncode == 0, out.stderr
    assert "OK: item wds:shard-000.tar#s00002" in out.stderr
    doc = json.loads(out.stdout)
    assert doc["kind"] == "item-proof" and doc["shard_size"] == 4
    assert merkle.leaf_hash(base64.b64decode(doc["leaf"]))
    out = cli("log", "verify", "--store", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["store"] == {"shards": 1, "items": 4}
    out = cli("log", "prove", "--item", "wds:nothing")
    assert out.returncode != 0 and "no stored item" in out.stderr


def test_a_run_that_dies_before_its_manifest_commits_leaves_nothing_that_counts(tmp_path, monkeypatch):
    (tmp_path / "c").mkdir()
    write_wds_shard(tmp_path / "c" / "shard-000.tar", 0, 5)
    write_wds_shard(tmp_path / "c" / "shard-001.tar", 5, 4)
    s = Services(Workspace(tmp_path / "ws"), passphrase=lambda c: PASS)
    s.ledger.init("example.com/fpstore-crash")
    s.corpus.add_corpus("wds", tmp_path / "c")
    real_append = s.ledger.append
    calls = []

    def dies_on_second_shard(entries, conn=None):
        calls.append(entries)
        if len(calls) == 2:
            raise RuntimeError("killed")
        return real_append(entries, conn=conn)

    monkeypatch.setattr(s.ledger, "append", dies_on_second_shard)
    with pytest.raises(RuntimeError, match="killed"):
        s.corpus.ingest("wds", workers=1, store=True)
    monkeypatch.setattr(s.ledger, "append", real_append)
    store = s.corpus.stored.store()
    assert len(store.files("wds")) == 2  # both shards' files were written ...
    assert len(s.corpus.stored.manifests("wds")) == 1  # ... but only the first shard's manifest committed
    assert len(s.corpus.items(corpus="wds")) in (4, 5)  # the orphan file is not read
    rep = s.corpus.ingest("wds", workers=1, store=True)
    assert rep.shards_skipped == 1 and rep.shards_done == 1
    listed = s.corpus.items(corpus="wds")
    assert len(listed) == 9 and len({r.id for r in listed}) == 9  # nothing lost, nothing twice
    for r in listed:
        assert s.corpus.stored.prove_item(r.id)[1].item == r.id
