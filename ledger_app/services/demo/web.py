"""Demo corpora with opt-out signals: a web crawl with mixed signals, and video transcripts.

The crawl is a JSONL shard of pages fetched by the demo's AI crawler (`DemoAIBot`) from six sites,
each record carrying its URL, fetch time and response headers as a crawler stores them; beside it, a
snapshot of the sites' robots.txt, tdmrep.json and ai.txt. The sites say different things: one
reserves training in robots.txt Content-Usage, one with Content-Signal, one disallows the crawler,
one reserves news pages with TDMRep, one sends `X-Robots-Tag: noai` on some pages, one allows
everything, one has a malformed tdmrep.json. The transcripts are keyed by video URL and channel, so
a channel owner's request by channel finds every transcript of the channel.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CRAWLER = "DemoAIBot"
FETCHED = "2026-03-{day:02d}T08:{minute:02d}:00Z"

SITES = {
    "harbour-herald.example": {
        "robots.txt": "User-Agent: *\nAllow: /\nContent-Usage: train-ai=n, search=y\nContent-Usage: /press/ train-ai=y\n",
    },
    "city-blog.example": {
        "robots.txt": "# Content signals (contentsignals.org)\nUser-Agent: *\nContent-Signal: search=yes, ai-train=no\n"
                      "Allow: /\n",
    },
    "recipes.example": {"robots.txt": f"User-Agent: {CRAWLER}\nDisallow: /members/\n\nUser-Agent: *\nAllow: /\n"},
    "science-daily.example": {
        "robots.txt": "User-Agent: *\nAllow: /\n",
        ".well-known/tdmrep.json": json.dumps([
            {"location": "/news/*", "tdm-reservation": 1, "tdm-policy": "https://science-daily.example/tdm-policy.json"},
            {"location": "/", "tdm-reservation": 0}]),
    },
    "open-notes.example": {"robots.txt": "User-Agent: *\nAllow: /\nContent-Usage: train-ai=y\n",
                           "ai.txt": "User-Agent: *\nAllow: /\n"},
    "gallery.example": {"robots.txt": "User-Agent: *\nAllow: /\n", ".well-known/tdmrep.json": '[{"location": "/"'},
}

PAGES = [  # (url, headers, text)
    ("https://harbour-herald.example/2026/tides", None, "The spring tides reached the harbour wall twice this week."),
    ("https://harbour-herald.example/press/release-7", None, "Press release: the Herald opens a new regional office."),
    ("https://city-blog.example/walks/old-town", None, "A walk through the old town, from the bridge to the market."),
    ("https://recipes.example/members/secret-stew", None, "Members only: a slow stew with smoked paprika and beans."),
    ("https://recipes.example/free/bread", None, "A simple bread: flour, water, salt and a long rest overnight."),
    ("https://science-daily.example/news/comet", None, "News: a bright comet will be visible before dawn in April."),
    ("https://science-daily.example/blog/telescopes", {"tdm-reservation": "1"},
     "Choosing a first telescope: aperture matters more than magnification."),
    ("https://science-daily.example/blog/moons", None, "How many moons does Saturn have? The count keeps growing."),
    ("https://open-notes.example/notes/1", {"Content-Usage": "train-ai=y"}, "Open notes on linear algebra, free to reuse."),
    ("https://open-notes.example/notes/2", {"X-Robots-Tag": "noai"}, "Personal notes on a trip, please do not train on these."),
    ("https://gallery.example/about", {"Content-Usage": "train-ai=n,,"}, "About the gallery: opening hours and directions."),
    ("https://unlisted.example/post", None, "A short post on a site whose policy files were not fetched."),
]

CHANNELS = {"harbour-tv": 4, "cooking-with-ana": 3, "space-weekly": 3}


@dataclass(frozen=True)
class DemoWeb:
    """The folders `build_web` wrote: the crawl corpus, its sites' policy snapshot, the transcripts."""

    webcrawl: Path
    snapshot: Path
    transcripts: Path


def build_web(root: Path) -> DemoWeb:
    """Write the crawl shard, the policy snapshot and the transcript shard under root."""
    crawl = root / "webcrawl"
    crawl.mkdir(parents=True, exist_ok=True)
    with open(crawl / "crawl-00000.jsonl", "w", encoding="utf-8") as f:
        for k, (url, headers, text) in enumerate(PAGES):
            rec: dict[str, Any] = {"id": f"p{k:03d}", "url": url, "text": text, "language": "en",
                                   "fetched_at": FETCHED.format(day=1 + k % 20, minute=k)}
            if headers:
                rec["headers"] = headers
            f.write(json.dumps(rec) + "\n")
    snap = root / "policy-snapshot"
    for host, files in SITES.items():
        for name, text in files.items():
            p = snap / host / name
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
    (snap / "snapshot.json").write_text(json.dumps({"fetched_at": "2026-02-28T00:00:00Z"}))
    talks = root / "transcripts"
    talks.mkdir(exist_ok=True)
    with open(talks / "transcripts-00000.jsonl", "w", encoding="utf-8") as f:
        for ch, n in CHANNELS.items():
            for v in range(n):
                vid = f"{ch[:4]}{v:04d}"
                f.write(json.dumps({
                    "id": vid, "url": f"https://video.example/watch?v={vid}", "channel": ch, "language": "en",
                    "fetched_at": FETCHED.format(day=10 + v, minute=v),
                    "text": f"[{ch}] episode {v}: welcome back to the channel. Today we look at part {v} of the series, "
                            f"with notes in the description and a summary at the end.",
                }) + "\n")
    return DemoWeb(crawl, snap, talks)
