"""What `kinds.item_evidence` makes once per kind of page and fills in per page is what
`evaluate_item` (with `evidence()`, `state` and `reserved_by`) gives for each page: over many generated
pages of many sites (sites sharing files, hosts and files that cannot be shared, stand-in characters in
headers, meta tags, URLs and files, fetch times equal to a file's, malformed values), with the check
against evaluate_item turned off so that only the way it is made is tested; and a bench-shaped crawl
ingested with and without it stores the same rows, findings, evidence and ledger entries."""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

import pytest

from ledger_app.provenance import kinds
from ledger_app.provenance.kinds import item_evidence
from ledger_app.provenance.policy import OptOutSignalPolicy
from ledger_app.provenance.signals import PolicyFile, SignalContext, evaluate_item, reserved_by

EXCLUDE = OptOutSignalPolicy.C2PA_SIGNALS
FILE_TIME = "2025-12-01T00:00:00Z"
ROBOTS = [
    "User-Agent: BenchBot\nDisallow: /private/\n\nUser-Agent: *\nAllow: /\nContent-Usage: train-ai=n\n"
    "Content-Usage: /blog/ train-ai=y\nContent-Signal: search=yes, ai-train=yes\n",
    "User-Agent: BenchBot\nDisallow: /private/\nContent-Usage: train-ai=y\nContent-Usage: /img/ train-ai=n, ai-use=n\n",
    "Content-Usage: train-ai=n\nUser-Agent: *\nContent-Usage: /maybe/ train-ai=maybe\nContent-Usage: /x/ train-ai=n\n"
    "Content-Usage: /x/ train-ai=y\nContent-Signal: /cs/ ai-train=no, ai-input=yes\n",
    "User-Agent: *\nDisallow: /\n",
    "User-Agent: *\nContent-Usage: /news/ train-genai=n, search=y\nContent-Usage: /*.html train-ai=n\n",
    "User-agent: benchbot\nDisallow: /blog/\nAllow: /blog/ok\nContent-Signal: search=no\n",
    "User-Agent: *\nContent-Usage: /\ue010/ train-ai=n\nContent-Usage: /\ue012 train-ai=n\n",  # stand-ins in a file
]
TDM = [
    [{"location": "/news/*", "tdm-reservation": 1, "tdm-policy": "https://p.example/pol.json"},
     {"location": "/", "tdm-reservation": 0}],
    [{"location": "/img/*", "tdm-reservation": 1}, {"location": "blog/*", "tdm-reservation": "0"},
     {"location": "/x/", "tdm-reservation": "yes"}],
    [{"location": "/", "tdm-reservation": True}, {"tdm-reservation": 1}],
    "not json",
    [{"location": "/", "tdm-reservation": 1, "tdm-policy": "https://p.example/\ue011"}],
]
AI = ["User-Agent: *\nDisallow: *.jpg\nDisallow: /img/\nAllow: /\n", "Disallow: /\nUser-Agent: *\nAllow: /blog/\n",
      "User-Agent: BenchBot\nDisallow: /news/\n\nUser-Agent: *\nAllow: /news/\n"]
HOSTS = [f"s{j}.example" for j in range(24)] + ["s24.example:8080", "[::1]", "xn--bcher-kva.example", "odd_host.example"]


def _pf(host: str, name: str, text: str | bytes, when: str) -> PolicyFile:
    data = text.encode() if isinstance(text, str) else text
    return PolicyFile(host, name, data, hashlib.sha256(data).hexdigest(), when)


def _context(rnd: random.Random, crawler: str | None) -> SignalContext:
    files = []
    for j, host in enumerate(HOSTS):
        when = FILE_TIME if j % 5 else "2026-01-01T00:00:07Z"
        if j % 6 != 5:
            files.append(_pf(host, "robots.txt", ROBOTS[j % len(ROBOTS)] if j % 13 != 12 else b"User-Agent: *\n\xff\n",
                             when))
        if j % 4 != 3:
            t = TDM[j % len(TDM)]
            files.append(_pf(host, "tdmrep.json", t if isinstance(t, str) else json.dumps(t), when))
        if j % 3 == 0:
            files.append(_pf(host, "ai.txt", AI[j % len(AI)], when))
    digest = hashlib.sha256(repr((crawler, [(f.host, f.name, f.sha256) for f in files])).encode()).hexdigest()
    return SignalContext(crawler, tuple(files), digest)


CU = ["train-ai=y", "train-ai=n", "train-ai=n, search=y", "train-ai=maybe", "train-ai=?", "ai-use=n", "tràin=n",
      "train-ai=n, x=\ue010", ""]
XRT = ["noai", "noimageai", "BenchBot: noai", "otherbot: noai", "noindex, noai", "none", "noai\ue012"]
PATHS = ["/news/1", "/blog/2", "/private/3", "/img/p.jpg", "/maybe/4", "/x/", "/cs/6", "/news/", "/blog/ok", "/a.html",
         "/q?x=1#f", "/%7Euser", "/robots.txt", "", "/\ue010/", "/\ue012"]


def _page(rnd: random.Random, k: int) -> tuple[str | None, dict, str, bytes | None, bool]:
    host = rnd.choice(HOSTS + ["nofiles.example"])
    url = rnd.choice([f"https://{host}{rnd.choice(PATHS)}"] * 8 + [f"http://{host.upper()}/news/{k}", None, "not a url",
                                                                       f"https://{host}/ünï/{k}"])
    meta: dict = {}
    if url is not None:
        meta["url"] = url
    meta["fetched_at"] = rnd.choice([1_767_225_600 + k, 1_767_225_607, FILE_TIME, "20251203101010", "yesterday", None])
    headers: dict = {}
    if rnd.random() < 0.8:
        headers["Content-Usage"] = rnd.choice(CU)
    if rnd.random() < 0.3:
        headers[rnd.choice(["X-Robots-Tag", " x-robots-tag "])] = rnd.choice(XRT)
    if rnd.random() < 0.15:
        headers["tdm-reservation"] = rnd.choice(["0", "1", "yes", " 1 "])
    if rnd.random() < 0.1:
        headers["TDM-Policy"] = "https://p.example/h"
    if rnd.random() < 0.3:
        headers["Date"] = f"Mon, {k} Dec 2025"
    meta["headers"] = rnd.choice([headers] * 6 + [[[a, b] for a, b in headers.items()], json.dumps(headers), None, 17])
    if rnd.random() < 0.15:
        meta["html_meta"] = rnd.choice([{"robots": "noai"}, {"tdm-reservation": "1", "tdm-policy": "https://m"},
                                        {"tdm-reservation": 0}, {"tdm-reservation": "1\ue011"}])
    media = rnd.choice(["text/plain", "text/plain", "image/jpeg"])
    data = None
    if media == "text/plain" and rnd.random() < 0.2:
        data = f'<html><head><meta name="robots" content="noai"></head><body>{k}</body></html>'.encode()
    return url, meta, media, data, media == "text/plain"


def _general(ctx: SignalContext, url, meta, media, data, is_text):
    sig = evaluate_item(ctx, url=url, metadata=meta, media_type=media, data=data, is_text=is_text)
    text, uses = sig.evidence()
    train_ai = uses["train-ai"] if uses else sig.state("train-ai")
    reason = None
    if train_ai == "reserved":
        reserving = sig.reserving("train-ai", exclude=EXCLUDE)
        reason = reserved_by(reserving, url=url, fetched_at=sig.fetched_at) if reserving else None
    return text, uses, train_ai, reason, sig.fetched_at


@pytest.mark.parametrize("crawler", ["BenchBot", None])
def test_each_page_gets_what_evaluate_item_gives(monkeypatch, crawler):
    monkeypatch.setattr(kinds, "CHECK_KINDS", False)
    monkeypatch.setattr(kinds, "KIND_SHARE", 1)  # every kind made, however many
    rnd = random.Random(19)
    ctx = _context(rnd, crawler)
    fast = 0
    n = 6000
    for k in range(n):
        url, meta, media, data, is_text = _page(rnd, k)
        got = item_evidence(ctx, url=url, metadata=meta, media_type=media, data=data, is_text=is_text, exclude=EXCLUDE)
        if got is None:
            continue
        fast += 1
        want = _general(ctx, url, meta, media, data, is_text)
        assert got[:3] == want[:3] and got[4] == want[4], (url, meta)
        assert (got[3] is None) == (want[3] is None), (url, meta)
        if got[3] is not None:
            assert (str(got[3]), got[3].to_stored()) == (str(want[3]), want[3].to_stored()), (url, meta)
    assert fast > n // 3  # many pages take the way tested here (the others are malformed on purpose)


def test_malformed_inputs_take_evaluate_item():
    ctx = _context(random.Random(1), "BenchBot")
    for meta in ({"fetched_at": "yesterday"}, {"headers": "{not json"}, {"headers": [["Content-Usage", "train-ai=n"]]},
                 {"headers": {"Content-Usage": ["train-ai=n"]}}):
        assert item_evidence(ctx, url="https://s1.example/x", metadata=meta, media_type="text/plain") is None
    assert item_evidence(ctx, url="https://s1.example/x", metadata={}, media_type="image/jpeg",
                         c2pa_training={"c2pa.ai_training": "notAllowed"}) is None


def test_a_bench_crawl_stores_the_same_with_and_without_kinds(tmp_path, monkeypatch):
    """A bench-shaped crawl (bench/bench_ingest.py's corpus: 1,000 pages of 100 sites) ingested in one
    process with item_evidence and without it (every page through evaluate_item): the same rows,
    findings, evidence text and ledger entries."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_ingest import _crawl_corpus
    from test_signals_records import _records

    from ledger_app.ingest import worker
    from ledger_app.services import LedgerService
    from ledger_app.services.corpora import CorpusService
    from ledger_app.services.workspace import Workspace

    crawl, snap = _crawl_corpus(tmp_path, 1000, 100)
    ledger = LedgerService(Workspace(tmp_path / "ws"), passphrase=lambda c: "kinds")
    ledger.init("example.com/kinds")
    svc = CorpusService(ledger)
    calls = {"made": 0}
    real = worker.item_evidence

    def counted(*a, **kw):
        got = real(*a, **kw)
        calls["made"] += got is not None
        return got

    monkeypatch.setattr(worker, "item_evidence", counted)
    svc.add_corpus("fast", crawl, crawler="BenchBot", source_kind="crawled", policy_snapshot=snap)
    svc.ingest("fast", workers=1)
    assert calls["made"] == 1000
    monkeypatch.setattr(worker, "item_evidence", lambda *a, **kw: None)
    svc.add_corpus("general", crawl, crawler="BenchBot", source_kind="crawled", policy_snapshot=snap)
    svc.ingest("general", workers=1)
    fast, general = _records(svc, "fast"), _records(svc, "general")
    assert len(fast) == len(general) == 1000
    for a, b in zip(fast, general, strict=True):
        assert a["id"].split(":", 1)[1] == b["id"].split(":", 1)[1]
        assert {k: v for k, v in a.items() if k != "id"} == {k: v for k, v in b.items() if k != "id"}
    assert {r["status"] for r in fast} == {"admitted", "quarantined"}


def test_pages_that_seldom_share_a_kind_take_evaluate_item(monkeypatch):
    """A crawl whose pages are nearly all of their own kind (a header value of its own on each page)
    stops making kinds once they outnumber one page in KIND_SHARE; the pages get the same."""
    monkeypatch.setattr(kinds, "FEW_KINDS", 50)
    ctx = _context(random.Random(3), "BenchBot")
    ctx = SignalContext(ctx.crawler, ctx.files, "seldom-" + str(ctx.snapshot_sha256))
    made = 0
    for k in range(2000):
        url, meta = f"https://s1.example/news/{k}", {"fetched_at": 1_767_225_600 + k,
                                                    "headers": {"X-Robots-Tag": f"noai, max-snippet:{k}"}}
        got = item_evidence(ctx, url=url, metadata=meta, media_type="text/plain", exclude=EXCLUDE)
        want = _general(ctx, url, meta, "text/plain", None, False)
        if got is not None:
            made += 1
            assert (got[:3], got[4], str(got[3])) == (want[:3], want[4], str(want[3]))
    assert 50 <= made <= 2000 // kinds.KIND_SHARE + 1
