"""`ledger demo` tells the signals story: the crawl's opt-outs, the channel takedown, the signed summary."""

from __future__ import annotations

import json
from pathlib import Path

from ledger_app.services.demo.story import STEPS, run_story
from ledger_app.services.demo.web import CHANNELS, PAGES
from ledger_app.verify import verify_document


def test_demo_crawl_channel_takedown_and_summary(tmp_path):
    lines: list[str] = []
    res = run_story(tmp_path / "demo", log=lines.append, photos=20)
    text = "\n".join(lines)
    assert f"[{STEPS}/{STEPS}] Ledger verified" in text
    # Mixed signals: each reserving carrier is named with where it was found.
    for fragment in ("content-usage 'train-ai=n, search=y' (robots.txt at https://harbour-herald.example/robots.txt",
                     "content-signal 'search=yes, ai-train=no'", "robots 'Disallow for DemoAIBot'",
                     "tdmrep 'tdm-reservation: 1; tdm-policy:", "x-robots-tag 'noai'",
                     "reported, not fatal: https://gallery.example/.well-known/tdmrep.json is not valid JSON"):
        assert fragment in text, fragment
    # The channel owner's request found every transcript of the channel and nothing else.
    assert res.channel_matches == CHANNELS["harbour-tv"]
    doc = json.loads(Path(res.summary).read_text())
    verify_document(doc, res.vkey)
    opt = doc["sections"]["3_processing"]["3_1_opt_outs"]
    assert opt["excluded_per_signal"]["tdmrep"] == 2 and opt["excluded_per_signal"]["robots"] == 1
    removed = {t["request"]: t["items_removed"] for t in doc["sections"]["3_processing"]["3_2_removals"]["takedowns"]}
    assert removed[res.channel_request] == CHANNELS["harbour-tv"]
    crawled = {c["corpus"]: c for c in doc["sections"]["2_sources"]["2_3_crawled"]["corpora"]}
    assert crawled["webcrawl"]["crawler"] == "DemoAIBot" and crawled["webcrawl"]["excluded"] == 6
    assert crawled["webcrawl"]["items"] + crawled["webcrawl"]["excluded"] == len(PAGES)
    for f in ("ai-act-summary.md", "ai-act-summary.html", "ai-act-summary.pdf", "ai-act-summary-zh_CN.pdf"):
        assert (Path(res.out) / f).stat().st_size > 500
