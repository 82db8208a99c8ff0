"""Making signals cheaper must not change what ingest records: every item's decision, reason, combined
state, stored evidence text, fetch time and the `signals` part of its ledger entry are compared with
the records of a known-good commit (signals_records.json: the records of the signal test corpus, every
signal in every carrier, ingested in one process; and the records' digests of a crawled corpus of many
sites sharing policy files, ingested by two worker processes, so that the corpus's SignalContext goes
through the pool as it does in real ingests).

signals_records.json was written by `python tests/signals/test_signals_records.py --write` on
the commit before the signals performance work (issue #19); write it again only on a commit whose
records are known to be right, and say so in its commit message.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from sqlalchemy import text

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "signals_records.json"
PASS = "signals-records-pass"


def _crawl(root: Path, n_docs: int = 240, n_sites: int = 24) -> tuple[Path, Path]:
    """A crawled JSONL corpus (URL, fetch time, headers) over `n_sites` sites in 3 shards, and a
    snapshot whose sites share a few robots.txt contents, with tdmrep.json and ai.txt."""
    crawl, snap = root / "crawl-jsonl", root / "snapshot"
    crawl.mkdir()
    per = n_docs // 3
    for s in range(3):
        with open(crawl / f"crawl-{s}.jsonl", "w") as f:
            for i in range(per):
                k = s * per + i
                site = f"site{k % n_sites}.example"
                headers: dict[str, str] = {"Content-Usage": "train-ai=y" if k % 3 else "train-ai=n"}
                if k % 7 == 0:
                    headers["X-Robots-Tag"] = "noai"
                if k % 11 == 0:
                    headers["tdm-reservation"] = "1"
                path = ("news", "blog", "private", "img")[k % 4]
                f.write(json.dumps({"id": f"d{k}", "text": f"harbour council page {k} with some words",
                                    "url": f"https://{site}/{path}/{k}", "fetched_at": 1_767_225_600 + k,
                                    "headers": headers}) + "\n")
    for j in range(n_sites):
        site = snap / f"site{j}.example"
        (site / ".well-known").mkdir(parents=True)
        (site / "robots.txt").write_text(
            "User-Agent: BenchBot\nDisallow: /private/\n\nUser-Agent: *\nAllow: /\n"
            f"Content-Usage: train-ai={'n' if j % 4 == 0 else 'y'}\nContent-Usage: /blog/ train-ai=y\n"
            "Content-Signal: search=yes, ai-train=yes\n")
        (site / ".well-known" / "tdmrep.json").write_text(json.dumps(
            [{"location": "/news/*", "tdm-reservation": j % 5 == 0}, {"location": "/img/*", "tdm-reservation": 1},
             {"location": "/", "tdm-reservation": 0}]))
        (site / "ai.txt").write_text("User-Agent: *\nDisallow: /img/\nAllow: /\n")
    (snap / "snapshot.json").write_text(json.dumps({"fetched_at": "2025-12-01T00:00:00Z"}))
    return crawl, snap


def _records(svc, corpus: str) -> list[dict]:
    """What ingest recorded for each item of `corpus`, without what is random per run (URL salts,
    signed files' bytes) or per workspace (times of ingest)."""
    from ledger_app.core.item_reasons import reason_english
    from ledger_app.ledger.entries import decode_entry

    with svc.ws.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT item.id, item.status, item.status_reason, item.train_ai, item.signals_json, item.fetched_at, "
            "item.language, item.entry_idx "
            "FROM item JOIN corpus ON corpus.id = item.corpus_id WHERE corpus.name = :n ORDER BY item.id"),
            {"n": corpus}).all()
    out = []
    for r in rows:
        payload = decode_entry(svc.ws.store.entry(r.entry_idx).leaf, index=r.entry_idx).payload
        # The column keeps a reason as a message (core/item_reasons.py); its English is what was recorded before.
        out.append({"id": r.id, "status": r.status, "reason": reason_english(r.status_reason), "train_ai": r.train_ai,
                    "signals_json": r.signals_json, "fetched_at": r.fetched_at, "language": r.language,
                    "entry": {k: payload.get(k) for k in ("status", "reason", "signals")}})
    return out


def _ingest_both(root: Path) -> dict[str, list[dict]]:
    from signal_corpus import CRAWLER, build

    from ledger_app.provenance.testsign import make_demo_ca
    from ledger_app.services import LedgerService
    from ledger_app.services.corpora import CorpusService
    from ledger_app.services.workspace import Workspace

    corpus, snap = build(root, make_demo_ca("Signals Records Signer"))
    crawl, crawl_snap = _crawl(root)
    ledger = LedgerService(Workspace(root / "ws"), passphrase=lambda c: PASS)
    ledger.init("example.com/signals-records")
    svc = CorpusService(ledger)
    svc.add_corpus("signals", corpus, crawler=CRAWLER, source_kind="crawled", policy_snapshot=snap)
    svc.ingest("signals", workers=1)
    svc.add_corpus("crawl", crawl, crawler="BenchBot", source_kind="crawled", policy_snapshot=crawl_snap)
    rep = svc.ingest("crawl", workers=2)
    assert rep.workers == 2 and rep.items_new == 240
    return {"signals": _records(svc, "signals"), "crawl": _records(svc, "crawl")}


def _digests(records: list[dict]) -> dict[str, str]:
    """Each record's SHA-256 (of its JSON with sorted keys): what the golden file keeps of the crawl."""
    return {r["id"]: hashlib.sha256(json.dumps(r, sort_keys=True).encode()).hexdigest() for r in records}


def test_records_are_those_of_the_known_good_commit(tmp_path):
    expected = json.loads(GOLDEN.read_text())
    got = _ingest_both(tmp_path)
    want = {r["id"]: r for r in expected["signals"]}
    have = {r["id"]: r for r in got["signals"]}
    assert set(have) == set(want)
    diff = [(i, k) for i in sorted(want) for k in want[i] if want[i][k] != have[i][k]]
    assert diff == [], diff[:10]
    digests = _digests(got["crawl"])
    assert set(digests) == set(expected["crawl"])
    assert [i for i in sorted(digests) if digests[i] != expected["crawl"][i]] == []
    # The corpus does what it is for: both decisions, several signals reserving, problems reported.
    crawl = got["crawl"]
    assert {r["status"] for r in crawl} == {"admitted", "quarantined"}
    assert {"content-usage", "x-robots-tag", "robots", "tdmrep", "ai.txt"} <= {
        f["signal"] for r in crawl for f in json.loads(r["signals_json"])["findings"] if f["state"] == "reserved"}
    assert any("problems" in json.loads(r["signals_json"]) for r in crawl)
    for r in crawl:  # the ledger entry commits to the stored evidence
        assert r["entry"]["signals"]["evidence_sha256"] == hashlib.sha256(r["signals_json"].encode()).hexdigest()


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    import tempfile

    sys.path.insert(0, str(HERE))
    with tempfile.TemporaryDirectory() as tmp:
        records = _ingest_both(Path(tmp))
        records["crawl"] = _digests(records["crawl"])  # type: ignore[assignment]
        GOLDEN.write_text(json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"wrote {GOLDEN}")
