"""Inclusion reports of stored items end to end through the CLI: `ledger ingest --store`, then
`ledger check` with a work's file, its hash and a URL writing a signed report (`-o`), which the
offline verifier (`python -m ledger_app.verify`) accepts with both proof levels, and refuses once a
stored item's inner proof is altered."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from corpus_builders import photo, write_wds_shard

PASS = "stored-report-pass"
REPO = Path(__file__).resolve().parents[1]


def test_cli_check_report_of_stored_items_verifies_offline(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    write_wds_shard(corpus / "shard-000.tar", 0, 6)
    write_wds_shard(corpus / "shard-001.tar", 6, 4)
    env = {**os.environ, "LEDGER_PASSPHRASE": PASS}
    ws = str(tmp_path / "ws")

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "ledger_app.cli.main", "--workspace", ws, *args],
                              capture_output=True, text=True, cwd=REPO, env=env, timeout=180)

    for args in (("init", "--origin", "example.com/stored-report"), ("corpus", "add", "wds", str(corpus)),
                 ("ingest", "wds", "--store", "--workers", "1")):
        out = cli(*args)
        assert out.returncode == 0, (args, out.stderr)
    work = tmp_path / "work.jpg"
    work.write_bytes(photo(8))  # the file of shard-001's item s00008
    report = tmp_path / "report.json"
    out = cli("check", str(work), "--hash", hashlib.sha256(photo(2)).hexdigest(),
              "--url", "https://photos.example/4.jpg", "-o", str(report))
    assert out.returncode == 0, out.stderr
    doc = json.loads(report.read_text())
    items = {it["item_id"]: it for q in doc["queries"] for it in q["items"]}
    assert set(items) == {"wds:shard-001.tar#s00008", "wds:shard-000.tar#s00002", "wds:shard-000.tar#s00004"}
    assert all(it["stored"] is True for it in items.values())
    assert sorted(doc["stored_item_proofs"]) == sorted(items)
    # The two shards' manifests are two ledger entries, each proven in the report.
    assert len({it["entry_index"] for it in items.values()}) == 2
    out = cli("log", "pubkey")
    assert out.returncode == 0, out.stderr
    vkey = out.stdout.strip()
    verify = [sys.executable, "-m", "ledger_app.verify"]
    res = subprocess.run([*verify, str(report), "--vkey", vkey, "--json"], capture_output=True, text=True, cwd=REPO,
                         timeout=60)
    assert res.returncode == 0 and json.loads(res.stdout)["ok"], res.stdout + res.stderr
    # An altered inner level (another item's shard proof) fails the offline check.
    a, b = sorted(doc["stored_item_proofs"])[:2]
    doc["stored_item_proofs"][a]["shard_proof"] = doc["stored_item_proofs"][b]["shard_proof"][::-1]
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps(doc))
    res = subprocess.run([*verify, str(forged), "--vkey", vkey, "--json"], capture_output=True, text=True, cwd=REPO,
                         timeout=60)
    assert res.returncode == 1 and json.loads(res.stdout)["ok"] is False, res.stdout + res.stderr
