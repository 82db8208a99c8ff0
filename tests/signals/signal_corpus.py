"""The signal test corpus: every opt-out signal in every carrier, with conflicts, malformed values
and missing files, and what each item's decision and reason must be.

A folder corpus of crawled pages and photos with `NAME.json` sidecars (URL, fetch time, response
headers, HTML meta) plus a tar.gz snapshot of the sites' policy files. `EXPECTED` maps each file to
(status, the fragments its reason must contain, the combined train-ai state).
"""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import numpy as np
from PIL import Image

SNAP_TIME = "2025-05-01T00:00:00Z"
FETCHED = "2025-05-02T10:00:00Z"
CRAWLER = "GPTBot"

ROBOTS = {
    "cu.example": "User-Agent: *\nAllow: /\nContent-Usage: train-ai=n\nContent-Usage: /ok/ train-ai=y\n",
    "cs.example": "# Content signals\nUser-Agent: *\nContent-Signal: search=yes, ai-train=no\nAllow: /\n",
    "bot.example": "User-Agent: GPTBot\nDisallow: /private/\nContent-Usage: train-ai=y\n\nUser-Agent: *\nAllow: /\n",
    "bad.example": "User-Agent: *\nContent-Usage: /maybe/ train-ai=maybe\nContent-Usage: /upper/ Train-AI=n\n",
    "mix.example": "User-Agent: *\nContent-Usage: train-ai=y\nContent-Signal: ai-train=yes, search=yes\n",
}
TDMREP = {
    "tdm.example": json.dumps([
        {"location": "/news/*", "tdm-reservation": 1, "tdm-policy": "https://tdm.example/policy.json"},
        {"location": "/", "tdm-reservation": 0},
    ]),
    "bad.example": '[{"location": "/", "tdm-reservation": 1',  # truncated: not JSON
}
AITXT = {"ai.example": "# Spawning ai.txt\nUser-Agent: *\nDisallow: *.jpg\nDisallow: *.png\nAllow: /\n"}


def photo(seed: int) -> bytes:
    rng = np.random.default_rng(seed)
    im = Image.fromarray(rng.integers(0, 255, (6, 8, 3), dtype=np.uint8)).resize((160, 120), Image.Resampling.BICUBIC)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def page(title: str, meta: dict[str, str] | None = None) -> bytes:
    tags = "".join(f'<meta name="{k}" content="{v}">' for k, v in (meta or {}).items())
    return (f"<!doctype html><html><head><title>{title}</title>{tags}</head>"
            f"<body><p>{title}: an article about {title.lower()} with enough words to be text.</p></body></html>").encode()


# file -> (url, headers, extra sidecar fields, content kind, html meta)
CASES: dict[str, tuple[str, dict | list | str | None, dict, str, dict | None]] = {
    # robots.txt Content-Usage, longest path wins
    "cu_page.html": ("https://cu.example/page", None, {}, "html", None),
    "cu_ok.html": ("https://cu.example/ok/fine", None, {}, "html", None),
    # conflict: header allows, robots.txt reserves -> most restrictive
    "cu_conflict.html": ("https://cu.example/other", {"Content-Usage": "train-ai=y"}, {}, "html", None),
    # Content-Signal in robots.txt
    "cs_page.html": ("https://cs.example/a", None, {}, "html", None),
    # robots.txt Disallow for the corpus's crawler; its own group's Content-Usage allows elsewhere
    "bot_private.html": ("https://bot.example/private/x", None, {}, "html", None),
    "bot_public.html": ("https://bot.example/public/x", None, {}, "html", None),
    # TDMRep: file; header over file; meta over file; meta over header
    "tdm_news.html": ("https://tdm.example/news/1", None, {}, "html", None),
    "tdm_news_hdr0.html": ("https://tdm.example/news/2", {"tdm-reservation": "0"}, {}, "html", None),
    "tdm_blog_meta1.html": ("https://tdm.example/blog/3", None, {}, "html", {"tdm-reservation": "1"}),
    "tdm_blog_hdr1_meta0.html": ("https://tdm.example/blog/4", {"tdm-reservation": "1"}, {}, "html",
                                 {"tdm-reservation": "0"}),
    "tdm_bad_value.html": ("https://tdm.example/blog/5", {"tdm-reservation": "yes"}, {}, "html", None),
    # ai.txt: images reserved, text allowed
    "ai_photo.jpg": ("https://ai.example/img/p.jpg", None, {}, "jpg", None),
    "ai_page.html": ("https://ai.example/post", None, {}, "html", None),
    # malformed files and values: reported, unknown, admitted
    "bad_maybe.html": ("https://bad.example/maybe/1", None, {}, "html", None),
    "bad_upper.html": ("https://bad.example/upper/1", None, {}, "html", None),
    # no policy files for the site
    "missing.html": ("https://missing.example/x", None, {}, "html", None),
    # headers carried by the crawler: Content-Usage, X-Robots-Tag, as object / pairs / header block
    "hdr_cu_n.html": ("https://hdr.example/1", {"Content-Usage": "train-ai=n, search=y"}, {}, "html", None),
    "hdr_cu_y.html": ("https://hdr.example/2", [["content-usage", "train-ai=y, search=n"]], {}, "html", None),
    "hdr_cu_bad.html": ("https://hdr.example/3", {"Content-Usage": "train-ai=n,,"}, {}, "html", None),
    "hdr_noai.html": ("https://hdr.example/4", "HTTP/1.1 200 OK\r\nX-Robots-Tag: noai\r\n", {}, "html", None),
    "hdr_noimageai_text.html": ("https://hdr.example/5", {"X-Robots-Tag": "noimageai"}, {}, "html", None),
    "hdr_noimageai.jpg": ("https://hdr.example/6.jpg", {"X-Robots-Tag": "noimageai"}, {}, "jpg", None),
    "hdr_otherbot.html": ("https://hdr.example/7", {"X-Robots-Tag": "otherbot: noai"}, {}, "html", None),
    "hdr_gptbot.html": ("https://hdr.example/8", {"X-Robots-Tag": "GPTBot: noai"}, {}, "html", None),
    "meta_noai.html": ("https://hdr.example/9", None, {}, "html", {"robots": "noai"}),
    "hdr_bad_time.html": ("https://hdr.example/10", None, {"fetched_at": "yesterday"}, "html", None),
    # everything allows: header + robots Content-Usage + Content-Signal
    "mix_allowed.html": ("https://mix.example/a", {"Content-Usage": "train-ai=y"}, {}, "html", None),
    # conflict: TDMRep allows (header 0) but X-Robots-Tag noai reserves
    "conflict_tdm_noai.html": ("https://hdr.example/11", {"tdm-reservation": "0", "X-Robots-Tag": "noai"}, {},
                               "html", None),
}
# C2PA / CAWG carriers (signed in the test): file -> (entries, cawg?)
SIGNED = {
    "c2pa_notallowed.jpg": ({"ai_training": "notAllowed"}, False),
    "cawg_genai_notallowed.jpg": ({"cawg.ai_generative_training": "notAllowed", "cawg.ai_training": "allowed"}, True),
    "cawg_datamining_constrained.jpg": ({"cawg.data_mining": {"use": "constrained", "constraint_info": "ask first"}}, True),
    "cawg_allowed.jpg": ({"cawg.ai_training": "allowed", "cawg.ai_generative_training": "allowed",
                          "cawg.ai_inference": "allowed", "cawg.data_mining": "allowed"}, True),
}

Q, A = "quarantined", "admitted"
R = "https://{}/robots.txt"
EXPECTED: dict[str, tuple[str, tuple[str, ...], str]] = {
    "cu_page.html": (Q, ("content-usage 'train-ai=n'", "robots.txt at https://cu.example/robots.txt line 3",
                         f"fetched {SNAP_TIME}"), "reserved"),
    "cu_ok.html": (A, (), "allowed"),
    "cu_conflict.html": (Q, ("content-usage 'train-ai=n'", "https://cu.example/robots.txt"), "reserved"),
    "cs_page.html": (Q, ("content-signal 'search=yes, ai-train=no'", "https://cs.example/robots.txt line 3"),
                     "reserved"),
    "bot_private.html": (Q, ("robots 'Disallow for GPTBot'", "https://bot.example/robots.txt"), "reserved"),
    "bot_public.html": (A, (), "allowed"),
    "tdm_news.html": (Q, ("tdmrep 'tdm-reservation: 1; tdm-policy: https://tdm.example/policy.json'",
                          "tdmrep.json at https://tdm.example/.well-known/tdmrep.json (location /news/*)"), "reserved"),
    "tdm_news_hdr0.html": (A, (), "allowed"),
    "tdm_blog_meta1.html": (Q, ("tdmrep 'tdm-reservation: 1'", "meta at the page's <meta name=tdm-reservation>"),
                            "reserved"),
    "tdm_blog_hdr1_meta0.html": (A, (), "allowed"),
    "tdm_bad_value.html": (A, (), "allowed"),  # the bad header is ignored; the file's "/" rule (0) stands
    "ai_photo.jpg": (Q, ("ai.txt 'Disallow: *.jpg'", "https://ai.example/ai.txt line 3"), "reserved"),
    "ai_page.html": (A, (), "allowed"),
    "bad_maybe.html": (A, (), "unknown"),
    "bad_upper.html": (A, (), "unknown"),
    "missing.html": (A, (), "unknown"),
    "hdr_cu_n.html": (Q, ("content-usage 'train-ai=n, search=y'", "header at the HTTP response for https://hdr.example/1",
                          f"fetched {FETCHED}"), "reserved"),
    "hdr_cu_y.html": (A, (), "allowed"),
    "hdr_cu_bad.html": (A, (), "unknown"),
    "hdr_noai.html": (Q, ("x-robots-tag 'noai'", "header at the HTTP response"), "reserved"),
    "hdr_noimageai_text.html": (A, (), "unknown"),
    "hdr_noimageai.jpg": (Q, ("x-robots-tag 'noimageai'",), "reserved"),
    "hdr_otherbot.html": (A, (), "unknown"),
    "hdr_gptbot.html": (Q, ("x-robots-tag 'noai'",), "reserved"),
    "meta_noai.html": (Q, ("robots-meta 'noai'", "the page's <meta name=robots>"), "reserved"),
    "hdr_bad_time.html": (A, (), "unknown"),
    "mix_allowed.html": (A, (), "allowed"),
    "conflict_tdm_noai.html": (Q, ("x-robots-tag 'noai'",), "reserved"),
    "c2pa_notallowed.jpg": (Q, ("c2pa.ai_training is notAllowed in c2pa.training-mining",), "reserved"),
    "cawg_genai_notallowed.jpg": (Q, ("cawg.ai_generative_training is notAllowed in cawg.training-mining",), "reserved"),
    "cawg_datamining_constrained.jpg": (Q, ("cawg.data_mining is constrained", "ask first"), "reserved"),
    "cawg_allowed.jpg": (A, (), "allowed"),
}
# Problems that must be reported on the item (fragments).
PROBLEMS = {
    "bad_maybe.html": "train-ai is neither y nor n",
    "bad_upper.html": "is not an RFC 9651 dictionary",
    "hdr_cu_bad.html": "is not an RFC 9651 dictionary",
    "hdr_bad_time.html": "is not an ISO 8601 date",
    "tdm_bad_value.html": "tdm-reservation 'yes' is not 0 or 1",
}


def build(root: Path, ca=None) -> tuple[Path, Path]:  # a testsign.DemoCA
    """Write the corpus folder and the snapshot archive; return (corpus, snapshot)."""
    corpus = root / "crawl"
    corpus.mkdir(parents=True)
    for k, (name, (url, headers, extra, kind, meta)) in enumerate(CASES.items()):
        data = photo(k) if kind == "jpg" else page(name, meta)
        (corpus / name).write_bytes(data)
        side = {"url": url, "fetched_at": FETCHED, **extra}
        if headers is not None:
            side["headers"] = headers
        (corpus / f"{name}.json").write_text(json.dumps(side))
    if ca is not None:
        from ledger_app.provenance.testsign import sign_jpeg

        for k, (name, (entries, cawg)) in enumerate(SIGNED.items()):
            (corpus / name).write_bytes(sign_jpeg(photo(100 + k), ca, title=name, training_mining=entries, cawg=cawg))
            (corpus / f"{name}.json").write_text(json.dumps({"url": f"https://photos.example/{name}",
                                                             "fetched_at": FETCHED}))
    snap = root / "policies.tar.gz"
    with tarfile.open(snap, "w:gz") as t:
        def add(rel: str, text: str) -> None:
            data = text.encode()
            info = tarfile.TarInfo(f"snap/{rel}")
            info.size, info.mtime = len(data), 1_700_000_000
            t.addfile(info, io.BytesIO(data))

        for host, text in ROBOTS.items():
            add(f"{host}/robots.txt", text)
        for host, text in TDMREP.items():
            add(f"{host}/.well-known/tdmrep.json", text)
        for host, text in AITXT.items():
            add(f"{host}/ai.txt", text)
        add("snapshot.json", json.dumps({"fetched_at": SNAP_TIME}))
        add("notes/readme.md", "not a policy file")
    return corpus, snap

# Which signals reserve AI training for each quarantined item (by construction, for the summary test).
RESERVING = {
    "cu_page.html": {"content-usage"}, "cu_conflict.html": {"content-usage"}, "cs_page.html": {"content-signal"},
    "bot_private.html": {"robots"}, "tdm_news.html": {"tdmrep"}, "tdm_blog_meta1.html": {"tdmrep"},
    "ai_photo.jpg": {"ai.txt"}, "hdr_cu_n.html": {"content-usage"}, "hdr_noai.html": {"x-robots-tag"},
    "hdr_noimageai.jpg": {"x-robots-tag"}, "hdr_gptbot.html": {"x-robots-tag"}, "meta_noai.html": {"robots-meta"},
    "conflict_tdm_noai.html": {"x-robots-tag"}, "c2pa_notallowed.jpg": {"c2pa"},
    "cawg_genai_notallowed.jpg": {"cawg"}, "cawg_datamining_constrained.jpg": {"cawg"},
}
