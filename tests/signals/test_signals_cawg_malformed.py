"""Two carriers through the real ingest, end to end (decision, reason, combined states, evidence):

* every CAWG v1.1 training-and-mining entry alone (`cawg.ai_training`, `cawg.ai_generative_training`,
  `cawg.ai_inference`, `cawg.data_mining`), reserving and allowing, in a signed item's manifest;
* malformed policy files (ai.txt, robots.txt, tdmrep.json) beside a site's other files and the items'
  own headers: each reported on the item and in the snapshot, never a crash, and the item decided
  from the sources that could be read.
"""

from __future__ import annotations

import json

import pytest
from signal_corpus import FETCHED, photo

from ledger_app.provenance.testsign import make_demo_ca, sign_jpeg
from ledger_app.services import LedgerService
from ledger_app.services.corpora import CorpusService
from ledger_app.services.workspace import Workspace

PASS = "signals-gaps-pass"
Q, A = "quarantined", "admitted"

# file -> (the manifest's cawg.training-mining entries, status, reason fragments, {use: combined state})
CAWG = {
    "inference_notallowed.jpg": ({"cawg.ai_inference": "notAllowed"}, Q,
                                 ("cawg.ai_inference is notAllowed in cawg.training-mining",),
                                 {"ai-use": "reserved", "train-ai": "unknown"}),
    "inference_constrained.jpg": ({"cawg.ai_inference": {"use": "constrained", "constraint_info": "licence needed"}}, Q,
                                  ("cawg.ai_inference is constrained", "licence needed"),
                                  {"ai-use": "reserved", "train-ai": "unknown"}),
    "inference_allowed.jpg": ({"cawg.ai_inference": "allowed"}, A, (), {"ai-use": "allowed", "train-ai": "unknown"}),
    "training_notallowed.jpg": ({"cawg.ai_training": "notAllowed"}, Q,
                                ("cawg.ai_training is notAllowed in cawg.training-mining",),
                                {"ai-use": "unknown", "train-ai": "reserved"}),
    "genai_notallowed.jpg": ({"cawg.ai_generative_training": "notAllowed"}, Q,
                             ("cawg.ai_generative_training is notAllowed in cawg.training-mining",),
                             {"ai-use": "unknown", "train-ai": "reserved"}),
    "mining_notallowed.jpg": ({"cawg.data_mining": "notAllowed"}, Q,
                              ("cawg.data_mining is notAllowed in cawg.training-mining",),
                              {"ai-use": "reserved", "train-ai": "reserved"}),
    "mining_allowed.jpg": ({"cawg.data_mining": "allowed"}, A, (), {"ai-use": "allowed", "train-ai": "allowed"}),
}

# Policy files of the snapshot: host -> {file name: bytes}. Each host has one malformed file.
NOT_UTF8 = b"User-Agent: *\nDisallow: /\n\xff\xfe\x00 garbage \xc3\x28\n"
SITES = {
    # ai.txt not UTF-8: not used; robots.txt reserves /news/ by Content-Usage
    "aibin.example": {"ai.txt": NOT_UTF8, "robots.txt": b"User-Agent: *\nContent-Usage: /news/ train-ai=n\n"},
    # ai.txt rules before any User-Agent line: ignored and reported; tdmrep.json reserves
    "aiorphan.example": {"ai.txt": b"Disallow: /\n\nUser-Agent: *\nAllow: /open/\n",
                         "tdmrep.json": b'[{"location": "/", "tdm-reservation": 1}]'},
    # robots.txt not UTF-8: not used (no Disallow for the crawler, no Content-Usage); ai.txt reserves images
    "robbin.example": {"robots.txt": b"User-Agent: GPTBot\nDisallow: /\n\xff\xfe\xfa\n",
                       "ai.txt": b"User-Agent: *\nDisallow: *.jpg\nAllow: /\n"},
    # robots.txt of text that is no robots.txt at all: no rules; tdmrep.json allows
    "robjunk.example": {"robots.txt": b"<html><body>404 not found</body></html>\n\x00\x01",
                        "tdmrep.json": b'[{"location": "/", "tdm-reservation": 0}]'},
    # tdmrep.json an object, not an array: unknown; robots.txt allows by Content-Usage
    "tdmobj.example": {"tdmrep.json": b'{"location": "/", "tdm-reservation": 1}',
                       "robots.txt": b"User-Agent: *\nAllow: /\nContent-Usage: train-ai=y\n"},
    # tdmrep.json with a rule without location and a rule whose reservation is not 0/1: skipped / unset;
    # the item's own header reserves
    "tdmrules.example": {"tdmrep.json": b'[{"tdm-reservation": 1}, {"location": "/", "tdm-reservation": "maybe"}]'},
}
# file -> (url, headers, kind, status, reason fragments, train-ai, problem fragments)
PAGES = {
    "aibin_news.html": ("https://aibin.example/news/1", None, "html", Q,
                        ("content-usage '/news/ train-ai=n'", "https://aibin.example/robots.txt line 2"), "reserved",
                        ("https://aibin.example/ai.txt is not UTF-8 text",)),
    "aibin_photo.jpg": ("https://aibin.example/img/p.jpg", None, "jpg", A, (), "unknown",
                        ("https://aibin.example/ai.txt is not UTF-8 text",)),
    "aiorphan_page.html": ("https://aiorphan.example/page", None, "html", Q,
                           ("tdmrep 'tdm-reservation: 1'", "https://aiorphan.example/.well-known/tdmrep.json"),
                           "reserved", ("https://aiorphan.example/ai.txt line 1: disallow before any User-Agent",)),
    "robbin_photo.jpg": ("https://robbin.example/x.jpg", None, "jpg", Q,
                         ("ai.txt 'Disallow: *.jpg'", "https://robbin.example/ai.txt line 2"), "reserved",
                         ("https://robbin.example/robots.txt is not UTF-8 text",)),
    "robbin_page.html": ("https://robbin.example/page", {"Content-Usage": "train-ai=y"}, "html", A, (), "allowed",
                         ("https://robbin.example/robots.txt is not UTF-8 text",)),
    "robjunk_page.html": ("https://robjunk.example/a", None, "html", A, (), "allowed", ()),
    "tdmobj_page.html": ("https://tdmobj.example/a", None, "html", A, (), "allowed",
                         ("https://tdmobj.example/.well-known/tdmrep.json is not a JSON array",)),
    "tdmrules_page.html": ("https://tdmrules.example/a", "X-Robots-Tag: noai", "html", Q,
                           ("x-robots-tag 'noai'", "the HTTP response for https://tdmrules.example/a"), "reserved",
                           ("rule 1 lacks a location or tdm-reservation",
                            "tdm-reservation 'maybe' for '/' is not 0 or 1")),
}


def _page(title: str) -> bytes:
    return f"<!doctype html><html><head><title>{title}</title></head><body><p>{title} text</p></body></html>".encode()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("gaps")
    corpus, snap = root / "crawl", root / "snap"
    corpus.mkdir()
    ca = make_demo_ca("Signals Gaps Signer")
    for k, (name, (entries, *_)) in enumerate(CAWG.items()):
        (corpus / name).write_bytes(sign_jpeg(photo(300 + k), ca, title=name, training_mining=entries, cawg=True))
        (corpus / f"{name}.json").write_text(json.dumps({"url": f"https://photos.example/{name}", "fetched_at": FETCHED}))
    for k, (name, (url, headers, kind, *_)) in enumerate(PAGES.items()):
        (corpus / name).write_bytes(photo(400 + k) if kind == "jpg" else _page(name))
        side = {"url": url, "fetched_at": FETCHED, **({"headers": headers} if headers else {})}
        (corpus / f"{name}.json").write_text(json.dumps(side))
    for host, files in SITES.items():
        for fname, data in files.items():
            path = snap / host / (".well-known/tdmrep.json" if fname == "tdmrep.json" else fname)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    (snap / "snapshot.json").write_text(json.dumps({"fetched_at": "2025-05-01T00:00:00Z"}))
    ledger = LedgerService(Workspace(root / "ws"), passphrase=lambda c: PASS)
    ledger.init("example.com/signals-gaps")
    svc = CorpusService(ledger)
    added = svc.add_corpus("crawl", corpus, crawler="GPTBot", source_kind="crawled", policy_snapshot=snap)
    rep = svc.ingest("crawl", workers=1)
    items = {it.id.split(":", 1)[1]: it for it in svc.items(corpus="crawl")}
    return added, rep, items


def test_each_cawg_v11_entry_decides_the_item_through_ingest(ingested):
    _, rep, items = ingested
    assert rep.items_new == len(CAWG) + len(PAGES)
    wrong = []
    for name, (entries, status, fragments, uses) in CAWG.items():
        it = items[name]
        got_uses = {u: (it.signals or {}).get("uses", {}).get(u) for u in uses}
        if (it.status, got_uses) != (status, uses) or not all(f in (it.status_reason or "") for f in fragments):
            wrong.append((name, it.status, got_uses, it.status_reason))
        if status == A:
            assert not it.status_reason, name
        # The evidence names the entry as the manifest wrote it, under the cawg signal.
        key = next(iter(entries))
        value = entries[key] if isinstance(entries[key], str) else entries[key]["use"]
        found = [f for f in it.signals["findings"] if f["signal"] == "cawg"]
        assert found and {f["value"] for f in found} == {f"{key}={value}"}, (name, found)
        assert {f["carrier"] for f in found} == {"cawg"}
        assert all(f["where"] == "the item's cawg.training-mining assertion" for f in found)
    assert wrong == []


def test_malformed_policy_files_are_reported_and_the_item_decided_by_the_other_sources(ingested):
    added, _, items = ingested
    wrong = []
    for name, (_, _, _, status, fragments, train_ai, problems) in PAGES.items():
        it = items[name]
        got = (it.status, ((it.signals or {}).get("uses") or {}).get("train-ai", "unknown"))
        if got != (status, train_ai) or not all(f in (it.status_reason or "") for f in fragments):
            wrong.append((name, got, it.status_reason))
        said = " | ".join((it.signals or {}).get("problems", []))
        missing = [p for p in problems if p not in said]
        if missing:
            wrong.append((name, "problems", missing, said))
        if status == A:
            assert not it.status_reason, name
    assert wrong == []
    # A malformed file contributes no finding of its own.
    assert not any(f["carrier"] == "ai.txt" for f in items["aibin_photo.jpg"].signals["findings"])
    assert not any(f["carrier"] == "robots.txt" for f in items["robbin_page.html"].signals["findings"])
    assert not any(f["carrier"] == "tdmrep.json" for f in items["tdmobj_page.html"].signals["findings"])
    # The snapshot's own record lists the files that could not be read.
    snap_problems = " | ".join(added.policy_snapshot.problems)
    for fragment in ("https://aibin.example/ai.txt is not UTF-8", "https://robbin.example/robots.txt is not UTF-8",
                     "https://tdmobj.example/.well-known/tdmrep.json is not a JSON array"):
        assert fragment in snap_problems, (fragment, snap_problems)
