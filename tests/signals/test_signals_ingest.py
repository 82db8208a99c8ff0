"""Every opt-out signal in every carrier, through the real ingest: each item's decision and reason."""

from __future__ import annotations

import hashlib
import json

import pytest
from signal_corpus import CRAWLER, EXPECTED, PROBLEMS, build

from ledger_app.core.errors import UserError
from ledger_app.ledger.entries import decode_entry
from ledger_app.provenance.signals import ItemSignals
from ledger_app.provenance.testsign import make_demo_ca
from ledger_app.services import LedgerService
from ledger_app.services.corpora import CorpusService
from ledger_app.services.workspace import Workspace

PASS = "signals-test-pass"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("signals")
    corpus, snap = build(root, make_demo_ca("Signals Test Signer"))
    ledger = LedgerService(Workspace(root / "ws"), passphrase=lambda c: PASS)
    ledger.init("example.com/signals-test")
    svc = CorpusService(ledger)
    added = svc.add_corpus("crawl", corpus, crawler=CRAWLER, source_kind="crawled", policy_snapshot=snap)
    rep = svc.ingest("crawl", workers=1)
    items = {it.id.split(":", 1)[1]: it for it in svc.items(corpus="crawl")}
    return svc, added, rep, items, snap


def test_every_item_decision_and_reason(ingested):
    _, _, rep, items, _ = ingested
    assert set(items) == set(EXPECTED)
    wrong = []
    for name, (status, fragments, train_ai) in EXPECTED.items():
        it = items[name]
        uses = (it.signals or {}).get("uses", {})
        got = (it.status, uses.get("train-ai", "unknown"))
        if got != (status, train_ai) or not all(f in (it.status_reason or "") for f in fragments):
            wrong.append((name, got, it.status_reason))
        if status == "admitted":
            assert not it.status_reason, name
    assert wrong == []


def test_malformed_values_and_files_are_reported_not_fatal(ingested):
    _, added, _, items, _ = ingested
    for name, fragment in PROBLEMS.items():
        problems = " | ".join(items[name].signals["problems"])
        assert fragment in problems, (name, problems)
    snap_problems = " | ".join(added.policy_snapshot.problems)
    assert "https://bad.example/.well-known/tdmrep.json is not valid JSON" in snap_problems
    assert "notes/readme.md is not HOST/robots.txt" in snap_problems
    # The malformed tdmrep.json of bad.example counts as absent for its items, and says so.
    assert any("tdmrep.json is not valid JSON" in p for p in items["bad_maybe.html"].signals["problems"])


def test_evidence_names_source_time_and_file_hash_and_the_ledger_commits_to_it(ingested):
    svc, added, _, items, snap = ingested
    ps = added.policy_snapshot
    entry = decode_entry(svc.ws.store.entry(ps.entry).leaf, index=ps.entry)
    assert entry.type == "corpus.policy_snapshot"
    files = {(f["host"], f["file"]): f for f in entry.payload["files"]}
    assert len(files) == 8
    cu = next(f for f in items["cu_page.html"].signals["findings"] if f["signal"] == "content-usage")
    assert cu["sha256"] == files[("cu.example", "robots.txt")]["sha256"]
    assert cu["fetched_at"] == "2025-05-01T00:00:00Z"
    # The item's ledger entry commits to its evidence: the stored evidence hashes to it.
    it = items["cu_page.html"]
    leaf = decode_entry(svc.ws.store.entry(it.entry_index).leaf, index=it.entry_index)
    assert leaf.payload["signals"]["uses"]["train-ai"] == "reserved"
    assert leaf.payload["signals"]["evidence_sha256"] == ItemSignals.from_json(it.signals).digest()
    with svc.ws.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT signals_json FROM item WHERE id = ?", (it.id,)).scalar()
    assert hashlib.sha256(stored.encode()).hexdigest() == leaf.payload["signals"]["evidence_sha256"]
    assert it.fetched_at == "2025-05-02T10:00:00Z"


def test_a_tampered_snapshot_is_refused_at_the_next_ingest(ingested):
    svc, *_ = ingested
    with svc.ws.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE policy_file SET content = ? WHERE host = 'cu.example'", (b"User-Agent: *\nAllow: /\n",))
    try:
        with pytest.raises(UserError, match="does not match its recorded SHA-256"):
            svc.signal_context("crawl")
    finally:
        with svc.ws.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE policy_file SET content = ? WHERE host = 'cu.example'",
                                 (b"User-Agent: *\nAllow: /\nContent-Usage: train-ai=n\nContent-Usage: /ok/ train-ai=y\n",))


def test_without_a_snapshot_only_item_carriers_count(tmp_path):
    corpus, _ = build(tmp_path)
    ledger = LedgerService(Workspace(tmp_path / "ws"), passphrase=lambda c: PASS)
    ledger.init("example.com/signals-test-2")
    svc = CorpusService(ledger)
    svc.add_corpus("crawl", corpus)  # no crawler, no snapshot
    svc.ingest("crawl", workers=1)
    items = {it.id.split(":", 1)[1]: it for it in svc.items(corpus="crawl")}
    assert items["cu_page.html"].status == "admitted"  # its opt-out lives in robots.txt, not given
    assert items["hdr_cu_n.html"].status == "quarantined"
    assert items["hdr_gptbot.html"].status == "admitted"  # no crawler named: GPTBot's tag does not apply
    assert items["tdm_blog_meta1.html"].status == "quarantined"


def test_bad_snapshot_paths_and_archives_are_one_line_errors(tmp_path, ingested):
    svc, *_ = ingested
    with pytest.raises(UserError, match="does not exist"):
        svc.add_policy_snapshot("crawl", tmp_path / "nope")
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"\x1f\x8b\x08\x00garbage")
    with pytest.raises(UserError, match="not a readable folder, tar or zip archive"):
        svc.add_policy_snapshot("crawl", junk)
    with pytest.raises(UserError, match="unknown source kind"):
        svc.add_corpus("x", tmp_path, source_kind="stolen")


def test_cli_corpus_signals_json(ingested, tmp_path, capsys):
    svc, _, _, _, snap = ingested
    from ledger_app.cli.main import main

    ws = str(svc.ws.path)
    import os

    os.environ["LEDGER_PASSPHRASE"] = PASS
    try:
        assert main(["corpus", "signals", "crawl", str(snap), "--workspace", ws, "--json"]) == 0
    finally:
        del os.environ["LEDGER_PASSPHRASE"]
    out = json.loads(capsys.readouterr().out)
    assert out["files"] == 8 and out["sites"] == 7
